package nlp

import (
	"strings"
)

// maxSentenceTokens bounds a sentence's length, so that text without punctuation (tables, lists)
// cannot make one sentence of a whole article.
const maxSentenceTokens = 250

// shortLine is the length under which a line ended by a single line break is a unit of its own
// (a headline, a list item, a dateline) rather than a hard-wrapped part of a paragraph.
const shortLine = 40

// Segment groups d.Tokens into d.Sentences. A sentence ends at a terminal mark (. ! ? ...) with
// the closing quotes and brackets that touch it, when what follows starts a sentence; at a
// paragraph break; at a line break after a short line; and after an abbreviation that may end a
// sentence ("U.S.", "Inc.") when a word that typically starts a sentence follows.
func Segment(d *Doc) {
	d.Sentences = d.Sentences[:0]
	toks := d.Tokens
	first, para := 0, 0
	for i := 0; i < len(toks); i++ {
		if i > first && (toks[i].Flags&ParaStart != 0 || toks[i].Flags&LineStart != 0 && breaksLine(d, i)) {
			d.addSentence(first, i, para)
			first = i
		}
		if i == first && i > 0 && toks[i].Flags&ParaStart != 0 {
			para++
		}
		if j, ok := sentenceEnd(d, i); ok {
			d.addSentence(first, j, para)
			first = j
			i = j - 1
			continue
		}
		if i+1-first >= maxSentenceTokens {
			d.addSentence(first, i+1, para)
			first = i + 1
		}
	}
	if first < len(toks) {
		d.addSentence(first, len(toks), para)
	}
}

func (d *Doc) addSentence(first, last, para int) {
	d.Sentences = append(d.Sentences, Sentence{
		Start: int(d.Tokens[first].Start),
		End:   int(d.Tokens[last-1].End),
		First: first,
		Last:  last,
		Para:  para,
	})
}

// sentenceEnd reports whether a sentence ends with token i, and if so the index of the first token
// after it (past closing quotes and brackets attached to the terminal mark).
func sentenceEnd(d *Doc, i int) (int, bool) {
	toks := d.Tokens
	w := d.Word(i)
	abbrev := false
	switch {
	case w == "." || w == "!" || w == "?" || strings.HasPrefix(w, ".."):
	case toks[i].Flags&Abbrev != 0 && mayEndSentence(w):
		abbrev = true
	default:
		return 0, false
	}
	j := i + 1
	for j < len(toks) && toks[j-1].Flags&SpaceAfter == 0 && toks[j].Flags&LineStart == 0 && isCloseMark(d.Word(j)) {
		j++
	}
	if j == len(toks) || toks[j].Flags&LineStart != 0 {
		return j, true
	}
	next := j
	if isOpenMark(d.Word(next)) && next+1 < len(toks) {
		next++
	}
	f := toks[next].Flags
	if abbrev {
		return j, f&Upper != 0 && IsSentenceStarter(d.Word(next))
	}
	if w == "." && i > 0 && toks[i-1].Flags&LineStart != 0 && isEnumerator(d.Word(i-1)) {
		return 0, false // "1. Name" at the start of a list item
	}
	if w == "." && i > 0 && toks[i-1].Flags&SpaceAfter != 0 && toks[i].Flags&SpaceAfter != 0 && f&Upper == 0 {
		return 0, false // a stray period inside a sentence
	}
	return j, f&(Upper|Digit) != 0 && f&Punct == 0 || isOpenMark(d.Word(next)) && f&Upper != 0
}

// breaksLine reports whether the single line break before token i ends a sentence: the line before
// it was short and the next line starts with a capital letter, a digit or a mark.
func breaksLine(d *Doc, i int) bool {
	start := int(d.Tokens[i].Start)
	nl := strings.LastIndexByte(d.Text[:start], '\n')
	if nl < 0 {
		return false
	}
	prev := strings.LastIndexByte(d.Text[:nl], '\n') + 1
	line := strings.TrimSpace(d.Text[prev:nl])
	return len(line) < shortLine && d.Tokens[i].Flags&(Upper|Digit|Punct) != 0
}

// isEnumerator reports whether w can number a list item: one to three digits or a single letter.
func isEnumerator(w string) bool {
	if len(w) == 1 && isLetter(w[0]) {
		return true
	}
	if len(w) > 3 {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return true
}

func isCloseMark(w string) bool {
	return w == `"` || w == "'" || w == ")" || w == "]" || w == "}" || w == "''"
}

func isOpenMark(w string) bool {
	return w == `"` || w == "'" || w == "(" || w == "[" || w == "``"
}

// IsSentenceStarter reports whether w is a capitalised function word that commonly starts a
// sentence ("The", "But", "According") and is not a name there.
func IsSentenceStarter(w string) bool {
	_, ok := sentenceStarters[w]
	return ok
}

var sentenceStarters = map[string]struct{}{}

func init() {
	for _, w := range strings.Fields(`The A An In On At It He She They We I You This That These Those
		But And Or So Yet If When While After Before Since Although Though As Because However Meanwhile
		There Here His Her Its Their Our My Your Some Many Most Several Both Each Other Others
		What Who Why How Where Which No Not Nor Now Then Still Also Last Next For From By With Without
		Under Over Among Between During Despite Earlier Later Today Yesterday Tomorrow According
		Officials Analysts Police Mr Mrs Ms Dr Such One Two Three`) {
		sentenceStarters[w] = struct{}{}
	}
}
