package ner

import (
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

// featureSet identifies the feature extraction below. It is stored in the model file; change it
// whenever the features change so that a stale model is rejected instead of silently mis-tagging.
const featureSet = 2

// Feature templates. The blanks are templates of earlier feature sets, kept so that the others
// keep their numbers.
const (
	tBias = iota + 1
	tWord
	tPrefix
	tSuffix
	tShape
	tShort
	tCaps
	_ // tCapsWord
	tPos
	tPosPrev
	tPosNext
	tPosPrev2
	tPosNext2
	tPosBigramL
	tPosBigramR
	tWordPrev
	tWordPrev2
	tWordNext
	tWordNext2
	tBigramL
	tBigramR
	tShapePrev
	tShapeNext
	tShortPrev2
	tShortNext2
	tShortTri
	tWordPos
	tGaz
	tGazPrev
	tGazNext
	_ // tGazShort
	tLabel
	tLabels
	tLabelWord
	tLabelShort
	tLabelPos
	_ // tLabelGaz
	tWordExact
	tLeftWords
	tRightWords
	tGazWord
	_ // tGazWordPrev
	_ // tLabelWordPrev
)

const maxFeats = 64

// Word flags.
const (
	flagCap     = 1 << iota // starts with an upper-case letter
	flagAllCaps             // has letters, none of them lower case
	flagDigit               // contains 0–9
	flagHyphen              // contains '-'
	flagAlpha               // contains a letter
	flagPeriod              // contains '.'
	flagOutside             // padding outside the sentence
	flagEnd     = 1 << 7    // with flagOutside: after the sentence
)

// tok is what the features need about a token, computed once per token, and only for the
// tokens near one that is scored (see fill).
type tok struct {
	word  uint64 // lower-cased word hash
	shape uint64 // long shape hash
	short uint64 // short shape hash
	pos   uint64
	mark  uint64
	flags uint8
	ready bool   // word, shape, short and flags are set
	row   int32  // the token's row in scorer.words: 0 not looked up yet, -1 none
	w     string // the word
}

var (
	startTok = tok{
		word:  perceptron.Hash(0, "-START-"),
		shape: perceptron.Hash(0, "-START-"),
		short: perceptron.Hash(0, "-START-"),
		pos:   255,
		mark:  1 << 20,
		flags: flagOutside,
		ready: true,
	}
	endTok = tok{
		word:  perceptron.Hash(0, "-END-"),
		shape: perceptron.Hash(0, "-END-"),
		short: perceptron.Hash(0, "-END-"),
		pos:   254,
		mark:  1 << 21,
		flags: flagOutside | flagEnd,
		ready: true,
	}
	biasFeat = perceptron.HashInt(tBias, 0)
)

func makeTok(w string, tag pos.Tag, m Mark) tok {
	x := tok{pos: uint64(tag), mark: uint64(m), w: w}
	x.fill()
	return x
}

// fill sets the fields of x that are computed from its word, if they are not set yet.
func (x *tok) fill() {
	if x.ready {
		return
	}
	var long, short [24]byte
	nl, ns := perceptron.Shapes(x.w, &long, &short)
	x.word = perceptron.HashLower(0, x.w)
	x.shape = perceptron.HashBytes(0, long[:nl])
	x.short = perceptron.HashBytes(0, short[:ns])
	x.flags = wordFlags(x.w)
	x.ready = true
}

// fill fills the tokens of the window.
func (win *window) fill() {
	for j := range win {
		win[j].fill()
	}
}

func wordFlags(w string) uint8 {
	var f uint8
	lower := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			f |= flagAlpha
			if i == 0 {
				f |= flagCap
			}
		case c >= 'a' && c <= 'z':
			f |= flagAlpha
			lower = true
		case c >= '0' && c <= '9':
			f |= flagDigit
		case c == '-':
			f |= flagHyphen
		case c == '.':
			f |= flagPeriod
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(w[i:])
			if unicode.IsLetter(r) {
				f |= flagAlpha
				if unicode.IsUpper(r) {
					if i == 0 {
						f |= flagCap
					}
				} else {
					lower = true
				}
			}
			i += n - 1
		}
	}
	if f&flagAlpha != 0 && !lower {
		f |= flagAllCaps
	}
	return f
}

// affixes returns the ASCII-lower-cased first and last four bytes of w, packed with the first
// (resp. last) byte lowest.
func affixes(w string) (pre, suf uint64) {
	for j := 0; j < 4 && j < len(w); j++ {
		c := w[j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		pre |= uint64(c) << (8 * j)
		c = w[len(w)-1-j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		suf |= uint64(c) << (8 * j)
	}
	return
}

// window holds the tokens i-2 … i+2 around the token being labelled, w[2] the token itself.
type window [5]tok

// The features of a token fall into groups, so that the tagger can add up the weights of some
// groups without looking each feature up (see fast.go): the features of each window token that
// depend on its word alone (wordFeats), the part-of-speech tag and the gazetteer mark of each
// token by its place in the window, the bias and capitalisation, the label history, and the
// rest (pairFeats, labelFeats).

// posTemplates and gazTemplates are the templates of the tag and mark of the window token at
// offset d from the token labelled, index d+2 (0: none).
var (
	posTemplates = [5]uint64{tPosPrev2, tPosPrev, tPos, tPosNext, tPosNext2}
	gazTemplates = [5]uint64{0, tGazPrev, tGaz, tGazNext, 0}
)

// static appends the features of the token w (window win, at position i) that do not depend on
// the labels before it.
func static(f []uint64, w string, win *window, i int, caps bool) []uint64 {
	win.fill()
	for d := -2; d <= 2; d++ {
		f = wordFeats(f, w, &win[2+d], d)
	}
	f = append(f, biasFeat, capsFeat(&win[2], i, caps))
	for j, x := range win {
		f = append(f, perceptron.HashInt(posTemplates[j], x.pos))
		if gazTemplates[j] != 0 {
			f = append(f, perceptron.HashInt(gazTemplates[j], x.mark))
		}
	}
	f = posBigrams(f, win)
	return pairFeats(f, win)
}

// posBigrams appends the tag bigrams of the token labelled, win[2], with its neighbours.
func posBigrams(f []uint64, win *window) []uint64 {
	c := &win[2]
	return append(f,
		perceptron.HashInt(tPosBigramL, win[1].pos<<8|c.pos),
		perceptron.HashInt(tPosBigramR, c.pos<<8|win[3].pos),
	)
}

// wordFeats appends the features that depend only on the word of the window token x, at offset
// d from the token labelled; w is the word itself when d is 0 (unused otherwise).
func wordFeats(f []uint64, w string, x *tok, d int) []uint64 {
	switch d {
	case -2:
		return append(f,
			perceptron.Combine(x.word, tWordPrev2),
			perceptron.Combine(x.word, tLeftWords),
			perceptron.Combine(x.short, tShortPrev2))
	case -1:
		return append(f,
			perceptron.Combine(x.word, tWordPrev),
			perceptron.Combine(x.word, tLeftWords),
			perceptron.Combine(x.shape, tShapePrev))
	case 1:
		return append(f,
			perceptron.Combine(x.word, tWordNext),
			perceptron.Combine(x.word, tRightWords),
			perceptron.Combine(x.shape, tShapeNext))
	case 2:
		return append(f,
			perceptron.Combine(x.word, tWordNext2),
			perceptron.Combine(x.word, tRightWords),
			perceptron.Combine(x.short, tShortNext2))
	}
	f = append(f,
		perceptron.Combine(x.word, tWord),
		perceptron.Hash(tWordExact, w),
		perceptron.Combine(x.shape, tShape),
		perceptron.Combine(x.short, tShort),
	)
	pre, suf := affixes(w)
	n := min(len(w), 4)
	for k := 1; k <= n; k++ {
		m := uint64(1)<<(8*k) - 1
		f = append(f,
			perceptron.HashInt(tPrefix, pre&m|uint64(k)<<32),
			perceptron.HashInt(tSuffix, suf&m|uint64(k)<<32),
		)
	}
	return f
}

// capsInfo is the capitalisation of the token c, at position i, in a sentence in capitals or not.
func capsInfo(c *tok, i int, caps bool) uint64 {
	info := uint64(c.flags & (flagCap | flagAllCaps))
	if i == 0 {
		info |= 1 << 8
	}
	if caps {
		info |= 1 << 9
	}
	return info
}

func capsFeat(c *tok, i int, caps bool) uint64 {
	return perceptron.HashInt(tCaps, capsInfo(c, i, caps))
}

// pairFeats appends the static features that combine two properties of the window, but for the
// tag bigrams.
func pairFeats(f []uint64, win *window) []uint64 {
	c := &win[2]
	return append(f,
		perceptron.Combine(perceptron.Combine(win[1].word, tBigramL), c.word),
		perceptron.Combine(perceptron.Combine(c.word, tBigramR), win[3].word),
		perceptron.Combine(perceptron.Combine(perceptron.Combine(win[1].short, tShortTri), c.short), win[3].short),
		perceptron.Combine(c.word, tWordPos<<8|c.pos),
		// Known names by their words.
		perceptron.Combine(perceptron.HashInt(tGazWord, c.mark), c.word),
	)
}

// dynamic appends the features of the current token that depend on the labels of the two
// tokens before it (p1 the previous one).
func dynamic(f []uint64, win *window, p1, p2 uint64) []uint64 {
	win.fill()
	f = append(f,
		perceptron.HashInt(tLabel, p1),
		perceptron.HashInt(tLabels, p1<<8|p2),
		perceptron.HashInt(tLabelPos, p1<<8|win[2].pos),
	)
	return labelFeats(f, win, p1)
}

// labelFeats appends the features that combine the previous label p1 with the word and its short
// shape.
func labelFeats(f []uint64, win *window, p1 uint64) []uint64 {
	c := &win[2]
	return append(f,
		perceptron.Combine(c.word, tLabelWord<<8|p1),
		perceptron.Combine(c.short, tLabelShort<<8|p1),
	)
}

// sentenceCaps reports whether a sentence looks like a headline in capitals: at least three
// words with letters, none of them with a lower-case letter.
func sentenceCaps(words []string) bool {
	alpha := 0
	for _, w := range words {
		fl := wordFlags(w)
		if fl&flagAlpha != 0 {
			if fl&flagAllCaps == 0 {
				return false
			}
			alpha++
		}
	}
	return alpha >= 3
}
