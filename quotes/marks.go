package quotes

import (
	"github.com/dyad-project/dyad/nlp"
)

// quotation is a run of text between quotation marks, at the top level (quotations nested in it
// are part of it).
type quotation struct {
	open, close  int // tokens of the opening and closing marks; close is the last token inside when unterminated
	end          int // the quotation's last token (the last of a two-token closing mark)
	first, last  int // the tokens inside [first, last)
	span         nlp.Span
	single       bool
	unterminated bool
	paraStart    bool // the opening mark starts a paragraph
}

// words returns the number of word tokens inside q.
func (f *finder) words(q *quotation) int {
	n := 0
	for i := q.first; i < q.last; i++ {
		if f.toks[i].Flags&nlp.Punct == 0 && f.word(i)[0] != '\'' && f.word(i) != "n't" {
			n++
		}
	}
	return n
}

// markKind classifies a quotation mark by what touches it.
type markKind uint8

const (
	notMark markKind = iota
	opening          // only an opening mark fits: space before, a word after
	closing          // only a closing mark fits: a word before, space or punctuation after
	either           // the context does not say
)

// doubleMark returns the number of tokens (1 or 2) of a double quotation mark at token i, or 0.
func (f *finder) doubleMark(i int) int {
	w := f.word(i)
	switch w {
	case `"`, "``", "''", "“", "”", "„":
		return 1
	case "'", "`":
		if i+1 < len(f.toks) && f.toks[i+1].Start == f.toks[i].End && f.word(i+1) == w {
			return 2
		}
	}
	return 0
}

// singleMark reports whether token i is a lone single quotation mark.
func (f *finder) singleMark(i int) bool {
	switch f.word(i) {
	case "'", "‘", "’", "`":
		return f.doubleMark(i) == 0 && (i == 0 || f.doubleMark(i-1) != 2)
	}
	return false
}

func isOpenContext(c byte) bool {
	switch c {
	case ' ', '\n', '\t', '\r', '(', '[', '{', '-', '/', '"', '\'', '`', ':':
		return true
	}
	return false
}

func isCloseContext(c byte) bool {
	switch c {
	case ' ', '\n', '\t', '\r', ')', ']', '}', '-', '/', '"', '\'', '.', ',', ';', ':', '!', '?':
		return true
	}
	return false
}

// kind classifies the mark spanning bytes [s, e).
func (f *finder) kind(s, e int) markKind {
	t := f.doc.Text
	prevOpen := s == 0 || isOpenContext(t[s-1])
	nextClose := e >= len(t) || isCloseContext(t[e])
	prevSpace := s == 0 || t[s-1] == ' ' || t[s-1] == '\n' || t[s-1] == '\t'
	nextSpace := e >= len(t) || t[e] == ' ' || t[e] == '\n' || t[e] == '\t' || t[e] == '\r'
	switch {
	case prevOpen && !nextSpace && !(nextClose && !prevSpace):
		return opening
	case nextClose && !prevSpace && !(prevOpen && !nextSpace):
		return closing
	}
	return either
}

// findQuotations finds the top-level quotations of the document. Double quotation marks pair up
// within a paragraph; a paragraph that ends inside a quotation continues it when the next
// paragraph opens with a quotation mark (the convention for a quotation running over
// paragraphs), and otherwise the quotation ends with the paragraph. Single quotation marks make
// a quotation only outside double ones, and only when an opening and a closing mark pair up in a
// paragraph; apostrophes are tokens of their own ('s, n't) or inside words, and a final ' after a
// plural ("voters'") closes a quotation only when no better closing mark follows.
func (f *finder) findQuotations() {
	toks := f.toks
	open := -1
	openLen := 0
	for i := 0; i < len(toks); i++ {
		if toks[i].Flags&nlp.ParaStart != 0 && i > 0 && open >= 0 {
			if n := f.doubleMark(i); n > 0 && f.kind(int(toks[i].Start), int(toks[i+n-1].End)) != closing {
				// The quotation continues in this paragraph: its mark reopens it.
				i += n - 1
				continue
			}
			f.addQuotation(open, openLen, i-1, 0, false)
			open = -1
		}
		n := f.doubleMark(i)
		if n == 0 {
			continue
		}
		k := f.kind(int(toks[i].Start), int(toks[i+n-1].End))
		switch {
		case open < 0:
			if k != closing {
				open, openLen = i, n
			}
		case k == opening && f.passedSentence(open, i):
			// A mark that can only open while a quotation is open: the earlier one was never
			// closed. End it before this one.
			f.addQuotation(open, openLen, i-1, 0, false)
			open, openLen = i, n
		default:
			f.addQuotation(open, openLen, i, n, true)
			open = -1
		}
		i += n - 1
	}
	if open >= 0 {
		f.addQuotation(open, openLen, len(toks)-1, 0, false)
	}
	f.findSingle()
}

// passedSentence reports whether a quotation opened at token a has passed a sentence end before
// token b, which makes an unclosed quotation likelier than a nested one.
func (f *finder) passedSentence(a, b int) bool {
	return f.sent[a] != f.sent[b]
}

// addQuotation records the quotation opened at token open (a mark of openLen tokens) and closed
// by the mark at token close (closeLen tokens), or running to token close when it is not closed.
func (f *finder) addQuotation(open, openLen, close, closeLen int, closed bool) {
	q := quotation{open: open, first: open + openLen}
	if closed {
		q.close, q.last, q.end = close, close, close+closeLen-1
		q.span = nlp.Span{Start: int(f.toks[open].Start), End: int(f.toks[close+closeLen-1].End)}
	} else {
		q.close, q.last, q.end = close, close+1, close
		q.unterminated = true
		q.span = nlp.Span{Start: int(f.toks[open].Start), End: int(f.toks[close].End)}
	}
	if q.last <= q.first {
		return
	}
	q.paraStart = f.toks[open].Flags&nlp.ParaStart != 0
	f.quotes = append(f.quotes, q)
}

// findSingle adds the quotations in single quotation marks outside the double ones, keeping the
// quotations in text order.
func (f *finder) findSingle() {
	toks := f.toks
	t := f.doc.Text
	var add []quotation
	qi := 0
	for i := 0; i < len(toks); i++ {
		for qi < len(f.quotes) && f.quotes[qi].span.End <= int(toks[i].Start) {
			qi++
		}
		if qi < len(f.quotes) && f.quotes[qi].span.Start <= int(toks[i].Start) {
			i = f.quotes[qi].end
			continue
		}
		if !f.singleMark(i) || f.word(i) == "’" {
			continue
		}
		s, e := int(toks[i].Start), int(toks[i].End)
		if !(s == 0 || isOpenContext(t[s-1])) || e >= len(t) || !isWordByte(t[e]) {
			continue
		}
		// An elided year or word ('90s, 'em, 'cause) is not a quotation.
		if i+1 < len(toks) && isElision(f.word(i+1)) {
			continue
		}
		best, weak := -1, -1
		for j := i + 1; j < len(toks) && j-i < 200; j++ {
			if toks[j].Flags&nlp.ParaStart != 0 || f.doubleMark(j) > 0 && j > i+1 {
				break
			}
			if qi < len(f.quotes) && int(toks[j].Start) >= f.quotes[qi].span.Start {
				break
			}
			if !f.singleMark(j) {
				continue
			}
			s, e := int(toks[j].Start), int(toks[j].End)
			if s == 0 || isSpace(t[s-1]) || !(e >= len(t) || isCloseContext(t[e])) {
				if isOpenContext(t[s-1]) && e < len(t) && isWordByte(t[e]) {
					break // another opening mark
				}
				continue
			}
			if t[s-1] == 's' && e < len(t) && t[e] == ' ' && e+1 < len(t) && isWordByte(t[e+1]) {
				if weak < 0 {
					weak = j
				}
				continue
			}
			best = j
			break
		}
		if best < 0 {
			best = weak
		}
		if best < 0 || best == i+1 {
			continue
		}
		q := quotation{open: i, close: best, end: best, first: i + 1, last: best, single: true,
			span:      nlp.Span{Start: s, End: int(toks[best].End)},
			paraStart: toks[i].Flags&nlp.ParaStart != 0}
		add = append(add, q)
		i = best
	}
	if len(add) == 0 {
		return
	}
	merged := make([]quotation, 0, len(f.quotes)+len(add))
	a, b := 0, 0
	for a < len(f.quotes) || b < len(add) {
		if b == len(add) || a < len(f.quotes) && f.quotes[a].span.Start < add[b].span.Start {
			merged = append(merged, f.quotes[a])
			a++
		} else {
			merged = append(merged, add[b])
			b++
		}
	}
	f.quotes = merged
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c >= 0x80
}

func isElision(w string) bool {
	switch w {
	case "em", "cause", "til", "tis", "twas", "n", "bout", "round":
		return true
	}
	return len(w) == 3 && w[2] == 's' && '0' <= w[0] && w[0] <= '9' && '0' <= w[1] && w[1] <= '9'
}
