package quotes

import (
	"strings"

	"github.com/dyad-project/dyad/nlp"
)

// cueClass says how a speech verb takes what was said.
type cueClass uint8

const (
	// clauseCue verbs report speech or writing and take a clause, a quotation or an object
	// (say, tell, warn, claim ...).
	clauseCue cueClass = iota + 1
	// objectCue verbs report a speech act whose content is their object (deny the charge, praise
	// the deal, call for talks, accuse X of Y).
	objectCue
)

// Flags of a cue verb.
const (
	flagTell  = 1 << iota // takes an addressee before the content ("told reporters that")
	flagBare              // takes a clause without "that" ("said he would")
	flagAlone             // too common in other senses: a cue only before "that", a quotation or a colon
	flagNoun              // a form that is more often a noun: a cue only when tagged as a verb
)

type verb struct {
	class cueClass
	flags uint8
	lemma string
}

// clauseVerbs are the verbs of saying and writing, as lemmas. Their content can be a that-clause,
// a bare clause, a quotation or, placed before the verb, the sentence it ends ("..., she said").
var clauseVerbs = []string{
	"say", "tell", "assure", "remind", "inform", "add", "note", "warn", "claim", "insist",
	"argue", "state", "declare", "announce", "explain", "write", "reply", "respond", "admit",
	"acknowledge", "stress", "emphasise", "emphasize", "suggest", "predict", "complain",
	"assert", "contend", "maintain", "concede", "confirm", "report", "reveal", "recall",
	"remark", "observe", "tweet", "post", "read", "allege", "boast", "vow", "pledge",
	"promise", "threaten", "indicate", "reiterate", "repeat", "testify", "joke", "quip",
	"caution", "counter", "retort", "shout", "yell", "scream", "exclaim", "cry", "thunder",
	"chant", "whisper", "bark", "interject", "interrupt", "conclude", "mention", "speculate",
	"lament", "muse", "answer", "ask", "wonder", "hint", "signal", "proclaim", "swear",
	"disclose", "recount", "posit", "reason", "concur", "agree", "estimate", "guarantee",
	"forecast", "charge", "point", "continue", "demand", "propose", "urge", "implore", "plead",
	"grumble", "protest", "object", "marvel", "snap", "sneer", "scoff", "opine", "bemoan",
	"brag", "rant", "fume", "gush", "tout", "chime", "shoot",
}

// objectVerbs are speech acts whose content is usually their object.
var objectVerbs = []string{
	"deny", "praise", "criticise", "criticize", "blame", "slam", "blast", "defend", "dismiss",
	"reject", "accuse", "condemn", "denounce", "applaud", "hail", "welcome", "endorse", "call",
	"question", "dispute", "challenge", "describe", "mock", "ridicule", "decry", "lambaste",
	"rebuke", "chide", "cite", "dub", "label", "brand", "thank", "credit", "attack",
	"castigate", "rebut", "refute", "discuss", "address", "highlight", "recommend", "commend",
	"congratulate", "fault", "berate", "scold", "assail", "disparage", "deride", "pan", "laud",
	"champion", "oppose", "support", "back", "request",
}

// tellVerbs take the person addressed as their first object.
var tellVerbs = []string{
	"tell", "assure", "remind", "inform", "advise", "warn", "ask", "urge", "promise",
	"caution", "implore", "notify", "convince",
}

// prepOf lists the verbs taking their content through a preposition, and the prepositions.
var prepOf = map[string][]string{
	"call": {"for", "on", "out"}, "warn": {"of", "about", "against"}, "complain": {"about", "of"},
	"point": {"out", "to"}, "speak": {"of", "about", "out"}, "talk": {"about", "of"},
	"ask": {"about", "for"}, "push": {"for"}, "argue": {"for", "against"}, "press": {"for"},
	"appeal": {"for", "to"}, "plead": {"for"}, "refer": {"to"}, "allude": {"to"},
	"rail": {"against"}, "lash": {"out"}, "fire": {"back"}, "hit": {"back", "out"},
	"weigh": {"in"}, "sound": {"off"}, "speculate": {"about", "on"}, "comment": {"on"},
	"insist": {"on"}, "brag": {"about"}, "boast": {"about", "of"}, "joke": {"about"},
	"write": {"about", "of"}, "tweet": {"about"}, "rant": {"about"}, "say": {"of"},
	"reflect": {"on"}, "elaborate": {"on"}, "muse": {"about"}, "agree": {"with"},
	"disagree": {"with"}, "object": {"to"}, "respond": {"to"}, "reply": {"to"},
	"take": {"aim", "issue"}, "chime": {"in"}, "shoot": {"back"},
}

// prepOnlyVerbs are speech cues only with a preposition from prepOf ("spoke of", "fired back").
var prepOnlyVerbs = []string{
	"chime", "shoot", "speak", "talk", "push", "press", "appeal", "refer", "allude", "rail",
	"lash", "fire", "hit", "weigh", "sound", "comment", "reflect", "elaborate", "disagree",
	"take",
}

// aloneVerbs are too common in other senses to be cues on their own: they must be followed by
// "that", a quotation or a colon, take a preposition, or come after what they report.
var aloneVerbs = []string{
	"read", "post", "add", "note", "state", "continue", "point", "write", "report", "answer",
	"counter", "maintain", "reason", "object", "charge", "observe", "snap", "signal", "hint",
	"repeat", "back", "support", "oppose", "address", "call", "cite", "credit", "question",
	"challenge", "discuss", "describe", "attack", "welcome", "thank", "hail", "pan", "label",
	"brand", "dub", "mention", "request", "promise", "vow",
}

// bareVerbs take a clause without "that" ("said he would").
var bareVerbs = []string{
	"say", "tell", "claim", "insist", "argue", "warn", "add", "note", "suggest", "predict",
	"admit", "acknowledge", "assert", "contend", "complain", "concede", "confirm", "reveal",
	"recall", "declare", "announce", "explain", "write", "tweet", "estimate", "swear",
	"stress", "emphasize", "emphasise", "allege", "boast", "vow", "promise", "pledge",
	"indicate", "report", "state", "agree", "answer", "reply", "respond", "maintain",
	"conclude", "guarantee", "observe", "mention", "reiterate", "repeat", "charge", "joke",
	"quip", "lament", "muse", "wonder", "ask", "counter", "retort", "brag",
}

// nounForms are forms of cue verbs that are more often nouns ("the report", "his claims").
var nounForms = []string{
	"stated", "state", "states", "pointed", "point", "points", "call", "calls", "back",
	"backs", "hits", "hit", "fire", "fires", "press", "takes", "take", "took", "taken",
	"sound", "sounds", "support", "supports", "object", "objects", "pan", "pans", "address",
	"request", "question", "challenge", "label", "brand", "credit", "attack", "welcome",
	"answer", "signal", "post", "posts", "report", "reports", "charge", "counter", "cite",
	"fault", "highlight", "champion", "snap", "estimate", "estimates", "promise", "promises",
	"vow", "vows", "pledge", "pledges", "claim", "claims", "demand", "demands", "reply",
	"joke", "quip", "protest", "note", "notes", "read", "reads", "comment", "lament", "reason",
	"boast", "forecast", "guarantee", "dispute", "rebuke", "blame", "defend", "praise", "dub",
	"mention", "thank", "rant", "bemoan", "hail", "laud",
}

// verbs maps every inflected form of a cue verb (nlp.Inflections) to what it is.
var verbs = map[string]verb{}

func init() {
	add := func(lemmas []string, class cueClass) {
		for _, l := range lemmas {
			for _, f := range nlp.Inflections(l) {
				if _, ok := verbs[f]; !ok {
					verbs[f] = verb{class: class, lemma: l}
				}
			}
		}
	}
	add(clauseVerbs, clauseCue)
	add(objectVerbs, objectCue)
	add(prepOnlyVerbs, objectCue)
	flag := func(lemmas []string, fl uint8) {
		for _, l := range lemmas {
			for _, f := range nlp.Inflections(l) {
				if v, ok := verbs[f]; ok && v.lemma == l {
					v.flags |= fl
					verbs[f] = v
				}
			}
		}
	}
	flag(tellVerbs, flagTell)
	flag(bareVerbs, flagBare)
	flag(aloneVerbs, flagAlone)
	for _, f := range nounForms {
		if v, ok := verbs[f]; ok {
			v.flags |= flagNoun
			verbs[f] = v
		}
	}
}

func init() {
	for f := range verbs {
		if a, b, ok := shapeOf(f[0], len(f)); ok {
			shapes[a][b] = true
		}
	}
}

// shapes marks the (first letter, length) pairs of the cue verb forms, to skip most words
// without a map lookup.
var shapes [26][25]bool

func shapeOf(c byte, n int) (int, int, bool) {
	if 'A' <= c && c <= 'Z' {
		c += 'a' - 'A'
	}
	if c < 'a' || c > 'z' || n >= 25 {
		return 0, 0, false
	}
	return int(c - 'a'), n, true
}

// lookupVerb returns the cue verb that word is a form of.
func lookupVerb(word string) (verb, bool) {
	var buf [24]byte
	if len(word) > len(buf) || word == "" {
		return verb{}, false
	}
	if a, b, ok := shapeOf(word[0], len(word)); !ok || !shapes[a][b] {
		return verb{}, false
	}
	n := 0
	for i := 0; i < len(word); i++ {
		c := word[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[n] = c
		n++
	}
	v, ok := verbs[string(buf[:n])]
	return v, ok
}

// hasPrep reports whether lemma takes its content through preposition p.
func hasPrep(lemma, p string) bool {
	for _, q := range prepOf[lemma] {
		if strings.EqualFold(q, p) {
			return true
		}
	}
	return false
}
