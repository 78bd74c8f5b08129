package actors

import (
	"slices"
	"strings"

	"github.com/dyad-project/dyad/nlp"
)

// addNames adds the names that the statistical tagger finds and the knowledge base does not
// cover: people, organisations and places with no actor code. A name overlapping a knowledge-base
// mention is left to that mention. A later mention of the last word of a person's name refers
// back to it ("Anna Keller ... Keller"). The result is in text order.
func (ix *Index) addNames(doc *nlp.Doc, ms []Mention, sc *scratch) []Mention {
	covered := slices.Grow(sc.covered[:0], len(doc.Tokens))[:len(doc.Tokens)]
	clear(covered)
	words, tags, marks, ents := sc.words[:0], sc.tags[:0], sc.marks[:0], sc.ents[:0]
	defer func() {
		sc.covered, sc.words, sc.tags, sc.marks, sc.ents = covered, clearStrings(words), tags, marks, ents
	}()
	for _, m := range ms {
		for t := m.First; t < m.Last; t++ {
			covered[t] = true
		}
	}
	var added []Mention
	for si, s := range doc.Sentences {
		if !hasUncoveredName(doc, s, covered) {
			continue // the tagger starts names only at capitalised words: it would add nothing
		}
		n := s.Last - s.First
		words, tags, marks = words[:0], tags[:0], slices.Grow(marks[:0], n)[:n]
		for i := s.First; i < s.Last; i++ {
			words = append(words, doc.Word(i))
			tags = append(tags, doc.Tokens[i].Tag)
		}
		ix.gaz.Mark(words, marks)
		ents = ix.tagger.Tag(words, tags, marks, ents[:0])
		for _, e := range ents {
			first, last := s.First+e.First, s.First+e.Last
			if slices.Contains(covered[first:last], true) {
				continue
			}
			added = append(added, Mention{
				Span:     nlp.Span{Start: int(doc.Tokens[first].Start), End: int(doc.Tokens[last-1].End)},
				First:    first,
				Last:     last,
				Sentence: si,
				Type:     e.Type.String(),
				Kind:     KindName,
				Person:   -1,
				Ref:      -1,
			})
		}
	}
	if len(added) == 0 {
		return ms
	}
	ms = append(ms, added...)
	slices.SortStableFunc(ms, func(a, b Mention) int { return a.Start - b.Start })
	for i := range ms {
		m := &ms[i]
		if m.Kind != KindName || m.Type != "PER" || m.Last-m.First != 1 {
			continue
		}
		word := doc.Text[m.Start:m.End]
		for j := i - 1; j >= 0; j-- {
			p := &ms[j]
			if p.Kind == KindName && p.Type == "PER" && p.Last-p.First > 1 && strings.EqualFold(doc.Word(p.Last-1), word) {
				m.Ref = j
				break
			}
		}
	}
	return ms
}

// hasUncoveredName reports whether sentence s has a capitalised word that no knowledge-base
// mention covers and that may be a name: not the sentence's first word when that is a function
// word ("The", "But") or a word the part-of-speech tagger takes for a common one ("Shares").
func hasUncoveredName(doc *nlp.Doc, s nlp.Sentence, covered []bool) bool {
	for i := s.First; i < s.Last; i++ {
		if covered[i] || doc.Tokens[i].Flags&nlp.Upper == 0 {
			continue
		}
		if i == s.First {
			if t := doc.Tokens[i].Tag.String(); nlp.IsSentenceStarter(doc.Word(i)) || t != "NNP" && t != "NNPS" && t != "" {
				continue
			}
		}
		return true
	}
	return false
}
