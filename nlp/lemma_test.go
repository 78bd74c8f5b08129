package nlp

import (
	"testing"

	"github.com/dyad-project/dyad/nlp/pos"
)

func TestLemma(t *testing.T) {
	tests := []struct{ word, tag, want string }{
		{"slammed", "VBD", "slam"}, {"met", "VBD", "meet"}, {"said", "VBD", "say"},
		{"launched", "VBN", "launch"}, {"moved", "VBD", "move"}, {"created", "VBN", "create"},
		{"declared", "VBD", "declare"}, {"attacked", "VBD", "attack"}, {"accused", "VBD", "accuse"},
		{"released", "VBN", "release"}, {"urged", "VBD", "urge"}, {"changed", "VBD", "change"},
		{"criticised", "VBD", "criticise"}, {"announced", "VBD", "announce"}, {"stopped", "VBD", "stop"},
		{"called", "VBD", "call"}, {"controlled", "VBN", "control"}, {"handled", "VBD", "handle"},
		{"visited", "VBD", "visit"}, {"rejected", "VBD", "reject"}, {"decided", "VBD", "decide"},
		{"carried", "VBD", "carry"}, {"argued", "VBD", "argue"}, {"ruled", "VBD", "rule"},
		{"threatening", "VBG", "threaten"}, {"making", "VBG", "make"}, {"bombing", "VBG", "bomb"},
		{"launches", "VBZ", "launch"}, {"says", "VBZ", "say"}, {"denies", "VBZ", "deny"},
		{"is", "VBZ", "be"}, {"were", "VBD", "be"}, {"Met", "VBD", "meet"},
		{"countries", "NNS", "country"}, {"missiles", "NNS", "missile"}, {"crises", "NNS", "crisis"},
		{"talks", "NNS", "talk"}, {"Russia", "NNP", "Russia"}, {"Big", "JJ", "big"},
	}
	for _, tt := range tests {
		if got := Lemma(tt.word, pos.ParseTag(tt.tag)); got != tt.want {
			t.Errorf("Lemma(%q, %s) = %q, want %q", tt.word, tt.tag, got, tt.want)
		}
	}
}

func TestInflections(t *testing.T) {
	tests := []struct {
		lemma string
		want  []string
	}{
		{"meet", []string{"meet", "meets", "met", "meeting"}},
		{"attack", []string{"attack", "attacks", "attacked", "attacking"}},
		{"criticise", []string{"criticises", "criticised", "criticizes", "criticized", "criticizing"}},
		{"ban", []string{"bans", "banned", "banning"}},
		{"deny", []string{"denies", "denied", "denying"}},
		{"missile", []string{"missiles"}},
		{"crisis", []string{"crises"}},
		{"go", []string{"goes", "went", "gone"}},
	}
	for _, tt := range tests {
		got := map[string]bool{}
		for _, f := range Inflections(tt.lemma) {
			got[f] = true
		}
		for _, w := range tt.want {
			if !got[w] {
				t.Errorf("Inflections(%q) = %v, lacks %q", tt.lemma, Inflections(tt.lemma), w)
			}
		}
	}
}
