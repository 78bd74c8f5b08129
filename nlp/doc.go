// Package nlp holds the linguistic layers of an article: the Doc with its tokens, sentences and
// part-of-speech tags, and the tokeniser, sentence segmenter and lemmatiser that build them.
//
// All offsets are byte offsets into Doc.Text, the cleaned article body.
package nlp

import "github.com/dyad-project/dyad/nlp/pos"

// Span is a half-open byte range [Start, End) of a Doc's text.
type Span struct {
	Start, End int
}

// Len returns the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Token is one word, number or punctuation mark.
type Token struct {
	Start, End int32   // byte offsets in Doc.Text
	Tag        pos.Tag // Penn Treebank part of speech
	Flags      Flags   // shape and layout facts
}

// Flags describe a token's shape and position.
type Flags uint16

// Token flags.
const (
	Upper      Flags = 1 << iota // starts with an upper-case letter
	AllUpper                     // has letters, all upper case
	Digit                        // contains a digit
	Punct                        // punctuation only
	Abbrev                       // ends with an abbreviation's period ("Mr.", "U.S.")
	SpaceAfter                   // followed by white space
	LineStart                    // first token of a line
	ParaStart                    // first token of a paragraph
)

// Sentence is a run of tokens that forms one sentence, headline or line.
type Sentence struct {
	Start, End  int // byte offsets in Doc.Text, without surrounding white space
	First, Last int // token range [First, Last)
	Para        int // index of the paragraph it is in
}

// Span returns the sentence's byte range.
func (s Sentence) Span() Span { return Span{s.Start, s.End} }

// Doc is an article's text with its linguistic layers.
type Doc struct {
	Text      string
	Tokens    []Token
	Sentences []Sentence
}

// Word returns the text of token i.
func (d *Doc) Word(i int) string {
	t := &d.Tokens[i]
	return d.Text[t.Start:t.End]
}

// SentenceText returns the text of sentence i.
func (d *Doc) SentenceText(i int) string {
	s := &d.Sentences[i]
	return d.Text[s.Start:s.End]
}

// SentenceAt returns the index of the sentence that contains byte offset off, or -1.
func (d *Doc) SentenceAt(off int) int {
	lo, hi := 0, len(d.Sentences)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if d.Sentences[m].End <= off {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(d.Sentences) && d.Sentences[lo].Start <= off {
		return lo
	}
	return -1
}

// Lemma returns the dictionary form of token i (see Lemma).
func (d *Doc) Lemma(i int) string {
	return Lemma(d.Word(i), d.Tokens[i].Tag)
}
