package events

import (
	"slices"
	"strings"

	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/phrase"
)

// The dictionary compiled for matching: patterns indexed by the keys of every surface form of
// their first word, so that each token costs one map probe.

type elemKind uint8

const (
	elemWord elemKind = iota // a literal word in any of its forms
	elemGap                  // "*": up to maxGap words
	elemSlot                 // "_": the target's place
)

const maxGap = 5

type elem struct {
	kind elemKind
	keys []uint64 // for elemWord: keys of every acceptable form
}

type pattern struct {
	code    string
	reverse string // the code of the target's reverse event, if any
	noun    bool
	// subjectTarget marks a predicate whose subject is acted on by whoever says it:
	// "_ be * butcher" codes the speaker's disapproval of the subject.
	subjectTarget bool
	elems         []elem // the words after the head
	before        []elem // the words before the head, nearest first ("[fail to] attack")
	words         int    // literal words, head included: more is more specific
	text          string
}

// compiled is a Dictionary ready for matching.
type compiled struct {
	heads    map[uint64][]int32
	patterns []pattern
	discards map[uint64]string // word key → reason
}

func compile(d *Dictionary) *compiled {
	c := &compiled{heads: map[uint64][]int32{}, discards: map[uint64]string{}}
	for _, e := range d.Entries {
		for _, p := range e.Verbs {
			c.add(e, p, false)
		}
		for _, p := range e.Nouns {
			c.add(e, p, true)
		}
	}
	for _, dc := range d.Discards {
		for _, w := range dc.Words {
			for _, f := range formKeys(w) {
				c.discards[f] = dc.Reason
			}
		}
	}
	return c
}

func (c *compiled) add(e Entry, text string, noun bool) {
	before, words := splitBefore(strings.Fields(text))
	subjectTarget := len(words) > 1 && words[0] == "_"
	if subjectTarget {
		words = words[1:]
	}
	if len(words) == 0 {
		return
	}
	p := pattern{code: e.Code, reverse: e.Reverse, noun: noun, words: 1, text: text, subjectTarget: subjectTarget}
	p.elems = p.compileElems(words[1:])
	p.before = p.compileElems(before)
	slices.Reverse(p.before)
	id := int32(len(c.patterns))
	c.patterns = append(c.patterns, p)
	for _, alt := range strings.Split(words[0], "|") {
		for _, k := range inflectedKeys(alt) { // a pattern's first word is always inflected: "back" → "backed"
			if l := c.heads[k]; len(l) == 0 || l[len(l)-1] != id {
				c.heads[k] = append(l, id)
			}
		}
	}
}

// splitBefore splits the words of a pattern into those written in brackets before the head
// ("[fail to] attack") and the rest.
func splitBefore(words []string) (before, rest []string) {
	if len(words) == 0 || !strings.HasPrefix(words[0], "[") {
		return nil, words
	}
	for i, w := range words {
		w = strings.TrimPrefix(w, "[")
		if b, ok := strings.CutSuffix(w, "]"); ok {
			if b != "" {
				before = append(before, b)
			}
			return before, words[i+1:]
		}
		if w != "" {
			before = append(before, w)
		}
	}
	return nil, words // no closing bracket: Validate reports it
}

// compileElems compiles pattern words into elements, counting the literal ones in p.words.
func (p *pattern) compileElems(words []string) []elem {
	var out []elem
	for _, w := range words {
		switch w {
		case "*":
			out = append(out, elem{kind: elemGap})
		case "_":
			out = append(out, elem{kind: elemSlot})
		default:
			var keys []uint64
			for _, alt := range strings.Split(w, "|") {
				keys = append(keys, formKeys(alt)...)
			}
			out = append(out, elem{kind: elemWord, keys: keys})
			p.words++
		}
	}
	return out
}

// formKeys returns the keys of a word's forms. Function words ("to", "on", "with") match only as
// written; other words in all their inflections.
func formKeys(w string) []uint64 {
	if closedClass[w] {
		return []uint64{phrase.Key(w)}
	}
	return inflectedKeys(w)
}

func inflectedKeys(w string) []uint64 {
	fs := nlp.Inflections(w)
	keys := make([]uint64, len(fs))
	for i, f := range fs {
		keys[i] = phrase.Key(f)
	}
	return keys
}

var closedClass = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "on": true, "at": true, "of": true, "in": true,
	"by": true, "for": true, "up": true, "as": true, "and": true, "or": true, "not": true, "no": true,
	"it": true, "its": true, "his": true, "her": true, "our": true, "its'": true, "per": true, "via": true,
	"with": true, "from": true, "into": true, "onto": true, "upon": true, "over": true, "against": true,
	"about": true, "after": true, "before": true, "between": true, "through": true, "toward": true,
	"towards": true, "under": true, "without": true, "within": true, "across": true, "behind": true,
	"among": true, "along": true, "around": true, "their": true, "them": true, "this": true, "that": true,
	"those": true, "these": true, "back": true, "down": true, "away": true, "off": true, "out": true,
}

// match is one pattern found in a sentence.
type match struct {
	pat         *pattern
	head        int // token of the first word
	end         int // token after the last word
	slot, slotE int // the target's tokens when the pattern has "_", else -1
}

// matchAt returns the most specific pattern whose head is token i, or false. toks are the
// sentence's tokens [first, last) of doc.
func (c *compiled) matchAt(doc *nlp.Doc, i, last int) (match, bool) {
	ids := c.heads[phrase.Key(doc.Word(i))]
	best, found := match{}, false
	for _, id := range ids {
		p := &c.patterns[id]
		if tag := doc.Tokens[i].Tag.String(); p.noun && !nounStart(tag, len(p.elems) > 0) || !p.noun && (!isVerbTag(tag) && !verbPosition(doc, i) && !(p.words > 1 && mistaggedVerb(doc, i)) || modifier(doc, i)) {
			continue // a verb pattern needs a verb, a noun pattern a noun (or its modifier)
		}
		m := match{pat: p, head: i, slot: -1, slotE: -1}
		if len(p.before) > 0 && !matchBefore(doc, p.before, i-1, doc.Sentences[doc.SentenceAt(int(doc.Tokens[i].Start))].First) {
			continue
		}
		if end, ok := c.matchElems(doc, p.elems, i+1, last, &m); ok {
			m.end = end
			if !found || p.words > best.pat.words || p.words == best.pat.words && end-i > best.end-best.head {
				best, found = m, true
			}
		}
	}
	return best, found
}

// matchElems matches elems from token at, returning the token after the match.
func (c *compiled) matchElems(doc *nlp.Doc, elems []elem, at, last int, m *match) (int, bool) {
	if len(elems) == 0 {
		return at, true
	}
	e := elems[0]
	switch e.kind {
	case elemWord:
		if at < last && hasKey(e.keys, phrase.Key(doc.Word(at))) {
			return c.matchElems(doc, elems[1:], at+1, last, m)
		}
		return 0, false
	case elemGap:
		for k := 0; k <= maxGap && at+k <= last; k++ {
			if k > 0 && breaksClause(doc, at+k-1) {
				break
			}
			if end, ok := c.matchElems(doc, elems[1:], at+k, last, m); ok {
				return end, true
			}
		}
		return 0, false
	default: // elemSlot: one to six words
		for k := 1; k <= 6 && at+k <= last; k++ {
			if breaksClause(doc, at+k-1) {
				break
			}
			if end, ok := c.matchElems(doc, elems[1:], at+k, last, m); ok {
				m.slot, m.slotE = at, at+k
				return end, true
			}
		}
		return 0, false
	}
}

// matchBefore reports whether elems, nearest first, match the tokens from at leftwards, not
// before token first: words and gaps only, within the clause.
func matchBefore(doc *nlp.Doc, elems []elem, at, first int) bool {
	if len(elems) == 0 {
		return true
	}
	switch e := elems[0]; e.kind {
	case elemWord:
		return at >= first && hasKey(e.keys, phrase.Key(doc.Word(at))) && matchBefore(doc, elems[1:], at-1, first)
	case elemGap:
		for k := 0; k <= maxGap && at-k >= first-1; k++ {
			if k > 0 && breaksClause(doc, at-k+1) {
				break
			}
			if matchBefore(doc, elems[1:], at-k, first) {
				return true
			}
		}
	}
	return false
}

func hasKey(keys []uint64, k uint64) bool {
	for _, x := range keys {
		if x == k {
			return true
		}
	}
	return false
}

// breaksClause reports whether token i ends a clause for matching: punctuation other than a
// possessive or a hyphen.
func breaksClause(doc *nlp.Doc, i int) bool {
	switch doc.Word(i) {
	case ",", ";", ":", ".", "!", "?", "(", ")", `"`, "--":
		return true
	}
	return false
}

func isVerbTag(t string) bool { return strings.HasPrefix(t, "VB") }

// nounStart reports whether a token tagged tag can start a noun pattern: a noun, or, when more
// words follow, an adjective or participle that modifies one ("chemical attack on").
func nounStart(tag string, more bool) bool {
	if strings.HasPrefix(tag, "NN") {
		return true
	}
	return more && (strings.HasPrefix(tag, "JJ") || tag == "VBN" || tag == "VBG")
}

// mistaggedVerb reports whether token i, which a verb pattern of several words starts, may be a
// verb the tagger took for a noun or adjective: it is not in a noun phrase's modifier position.
// The pattern's other words, which must follow, are the evidence ("cut off", "abducted a").
func mistaggedVerb(doc *nlp.Doc, i int) bool {
	switch doc.Tokens[i].Tag.String() {
	case "NN", "JJ", "VBN":
	default:
		return false
	}
	if i == 0 {
		return false
	}
	switch doc.Tokens[i-1].Tag.String() {
	case "DT", "PRP$", "POS", "CD", "IN", "TO":
		return false
	}
	return true
}

// modifier reports whether a participle at token i modifies a noun rather than heads a clause:
// "the besieged town", "its wounded soldiers".
func modifier(doc *nlp.Doc, i int) bool {
	tag := doc.Tokens[i].Tag.String()
	if (tag != "VBN" && tag != "VBG") || i == 0 {
		return false
	}
	switch doc.Tokens[i-1].Tag.String() {
	case "DT", "JJ", "PRP$", "POS", "CD":
		return true
	}
	return false
}

// verbPosition reports whether token i stands where only a verb can, whatever the tagger said:
// after a modal, "to", a negation or do-support ("may attack", "did not attack"), or between a
// proper noun or pronoun and a proper noun or determiner ("Will Russia attack Ukraine?").
func verbPosition(doc *nlp.Doc, i int) bool {
	if i == 0 {
		return false
	}
	prev := doc.Tokens[i-1].Tag.String()
	var buf [24]byte
	switch string(lowerBytes(&buf, doc.Word(i-1))) {
	case "not", "n't", "never", "did", "does":
		return true
	}
	if prev == "MD" || prev == "TO" {
		return true
	}
	if i+1 < len(doc.Tokens) && (prev == "NNP" || prev == "NNPS" || prev == "PRP") {
		// Between a subject and what can only start its object or particle: "Britain cut off",
		// "the US froze Iranian assets", "Russia hosted talks".
		switch doc.Tokens[i+1].Tag.String() {
		case "NNP", "NNPS", "DT", "PRP", "PRP$", "JJ", "CD", "RP", "NNS", "NN":
			return true
		}
	}
	return false
}
