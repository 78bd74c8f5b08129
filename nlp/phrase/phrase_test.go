package phrase

import (
	"strings"
	"testing"
)

func TestKey(t *testing.T) {
	same := [][]string{
		{"U.S.", "US", "us", "U.S"},
		{"Genève", "geneve", "GENEVE"},
		{"Erdoğan", "Erdogan"},
		{"Łódź", "lodz"},
		{"Öcalan", "ocalan"},
		{"d’Ivoire", "d'Ivoire"},
	}
	for _, group := range same {
		for _, w := range group[1:] {
			if Key(w) != Key(group[0]) {
				t.Errorf("Key(%q) != Key(%q)", w, group[0])
			}
		}
	}
	if Key("Iran") == Key("Iraq") || Key("a") == Key("") {
		t.Error("different words share a key")
	}
}

func TestMatcher(t *testing.T) {
	b := NewBuilder()
	b.Add(strings.Fields("United States"), 1)
	b.Add(strings.Fields("United States of America"), 2)
	b.Add(strings.Fields("United Nations"), 3)
	b.Add(strings.Fields("Moscow"), 4)
	b.Add(strings.Fields("Moscow"), 5)
	b.Add(strings.Fields("Moscow"), 5)
	m := b.Build()
	if m.Len() != 4 {
		t.Errorf("Len = %d, want 4", m.Len())
	}
	toks := strings.Fields("the UNITED STATES of America and the United Nations met in Moscow")
	tests := []struct {
		i, n int
		vals []int32
	}{
		{0, 0, nil}, {1, 4, []int32{2}}, {7, 2, []int32{3}}, {11, 1, []int32{4, 5}},
	}
	for _, tt := range tests {
		n, vals := m.Longest(toks, tt.i)
		if n != tt.n || len(vals) != len(tt.vals) {
			t.Errorf("Longest at %d = %d %v, want %d %v", tt.i, n, vals, tt.n, tt.vals)
			continue
		}
		for k := range vals {
			if vals[k] != tt.vals[k] {
				t.Errorf("Longest at %d values = %v, want %v", tt.i, vals, tt.vals)
			}
		}
	}
	// A prefix of a phrase that is not itself a phrase does not match.
	if n, _ := m.Longest(strings.Fields("United we stand"), 0); n != 0 {
		t.Errorf("prefix matched %d tokens", n)
	}
	if a := testing.AllocsPerRun(100, func() { m.Longest(toks, 1) }); a != 0 {
		t.Errorf("Longest allocates %.0f times", a)
	}
}
