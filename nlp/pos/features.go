package pos

import (
	"github.com/dyad-project/dyad/nlp/perceptron"
)

// featureSet identifies the feature extraction below. It is stored in the
// model file; change it whenever the features change so that a stale model
// is rejected instead of silently mis-tagging.
const featureSet = 1

// Feature templates.
const (
	tBias = iota + 1
	tWord
	tSuffix
	tPrefix
	tShape
	tShapeShort
	tFlag
	tFirst
	tPrevWord
	tPrev2Word
	tNextWord
	tPrevTag
	tPrev2Tag
	tPrevTags
	tPrevTagWord
	tWordNextWord
	tPrevTagSuffix
	tSentCaps
	tAmb
	tNextAmb
	tPrevTagNextAmb
	tNextFlags
	tPrevFlags
)

const maxFeats = 40

// Word flags.
const (
	flagCap     = 1 << iota // first byte is A–Z
	flagAllCaps             // at least one letter, and no lower-case letter
	flagDigit               // contains 0–9
	flagHyphen              // contains '-'
	flagAlpha               // contains an ASCII letter
)

// Boundary symbols for context outside the sentence and tags before it.
var (
	startWord  = perceptron.Hash(0, "-START-")
	start2Word = perceptron.Hash(0, "-START2-")
	endWord    = perceptron.Hash(0, "-END-")
	end2Word   = perceptron.Hash(0, "-END2-")
	biasFeat   = perceptron.HashInt(tBias, 0)
)

const (
	startTag  = 254
	start2Tag = 253
)

// scratch holds per-call buffers; Tagger keeps them in a sync.Pool.
type scratch struct {
	n      int      // words in the sentence
	wl     []uint64 // lower-cased word hash, offset by 2 (room for padding)
	flags  []uint8  // word flags, not offset
	amb    []uint64 // ambiguity class, offset by 2
	dict   []Tag    // tag dictionary hit or Unknown, not offset
	feats  [maxFeats]uint64
	scores [256]float32
}

func (s *scratch) prepare(words []string, lex *lexicon) {
	n := len(words)
	if cap(s.wl) < n+4 {
		c := 2*n + 8
		s.wl = make([]uint64, c)
		s.amb = make([]uint64, c)
		s.flags = make([]uint8, c)
		s.dict = make([]Tag, c)
	}
	wl, amb := s.wl[:n+4], s.amb[:n+4]
	flags, dict := s.flags[:n], s.dict[:n]
	s.n = n
	wl[0], wl[1], wl[n+2], wl[n+3] = start2Word, startWord, endWord, end2Word
	amb[0], amb[1], amb[n+2], amb[n+3] = 1, 1, 1<<63, 1<<63 // no real tag has bit 0 or 63
	for i, w := range words {
		wl[i+2] = perceptron.HashLower(0, w)
		flags[i] = wordFlags(w)
		e := lex.lookup(w)
		amb[i+2] = e.amb
		dict[i] = e.tag
	}
}

// suffixBits packs the ASCII-lower-cased last four bytes of w, the last byte
// lowest, into a uint64.
func suffixBits(w string) uint64 {
	var v uint64
	for j := 0; j < 4 && j < len(w); j++ {
		c := w[len(w)-1-j]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		v |= uint64(c) << (8 * j)
	}
	return v
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
		}
	}
	if f&flagAlpha != 0 && !lower {
		f |= flagAllCaps
	}
	return f
}

// features writes the features of token i of words into s.feats, given the
// tags of the two previous tokens (p1 before i, p2 before that; start
// symbols at the sentence start), and returns them:
//
//   - bias
//   - the lower-cased word; its suffixes of 1–4 bytes; its first byte
//   - two word shapes (see shapes) and the word flags (capitalised, all
//     capitals, digit, hyphen, letter)
//   - first token of the sentence, with its capitalisation
//   - the shape in a headline written in capitals
//   - the previous two words and the next word (lower-cased), the word
//     with the next word
//   - the previous tag, the tag before it, both, the previous tag with the
//     word and with the 3-byte suffix
//   - the ambiguity class (the set of tags seen in training) of the word and
//     of the next word, the latter also with the previous tag
//   - the flags of the previous and the next word
//
// The previous and next words' suffixes, the word after next and its
// ambiguity class were tried and left out: they did not change accuracy on
// the CoNLL-2003 validation data.
func (s *scratch) features(words []string, i int, p1, p2 uint64, sentCaps bool) []uint64 {
	w := words[i]
	j := i + 2 // index into wl and amb
	wl := s.wl
	fl := s.flags[i]
	f := s.feats[:0]
	f = append(f,
		biasFeat,
		perceptron.Combine(wl[j], tWord),
	)
	sv := suffixBits(w)
	n := uint64(min(len(w), 4))
	for k := uint64(1); k <= n; k++ {
		f = append(f, perceptron.HashInt(tSuffix, sv&(1<<(8*k)-1)|k<<32))
	}
	var first uint64
	if len(w) > 0 {
		first = uint64(w[0])
	}
	f = append(f, perceptron.HashInt(tPrefix, first))

	var long, short [24]byte
	nl, ns := perceptron.Shapes(w, &long, &short)
	f = append(f,
		perceptron.HashBytes(tShape, long[:nl]),
		perceptron.HashBytes(tShapeShort, short[:ns]),
	)
	for b := uint8(1); b < 1<<5; b <<= 1 {
		if fl&b != 0 {
			f = append(f, perceptron.HashInt(tFlag, uint64(b)))
		}
	}
	if i == 0 {
		f = append(f, perceptron.HashInt(tFirst, uint64(fl&(flagCap|flagAllCaps))))
	}
	if sentCaps {
		f = append(f, perceptron.HashBytes(tSentCaps, long[:nl]))
	}
	f = append(f,
		perceptron.Combine(wl[j-1], tPrevWord),
		perceptron.Combine(wl[j-2], tPrev2Word),
		perceptron.Combine(wl[j+1], tNextWord),
		perceptron.HashInt(tPrevTag, p1),
		perceptron.HashInt(tPrev2Tag, p2),
		perceptron.HashInt(tPrevTags, p1<<8|p2),
		perceptron.Combine(wl[j], tPrevTagWord<<8|p1),
		perceptron.Combine(perceptron.Combine(wl[j], tWordNextWord), wl[j+1]),
		perceptron.HashInt(tPrevTagSuffix, p1<<32|sv&0xffffff),
		perceptron.HashInt(tAmb, s.amb[j]),
		perceptron.HashInt(tNextAmb, s.amb[j+1]),
		perceptron.Combine(perceptron.HashInt(tPrevTagNextAmb, p1), s.amb[j+1]),
		perceptron.HashInt(tNextFlags, uint64(s.flagsAt(i+1))),
		perceptron.HashInt(tPrevFlags, uint64(s.flagsAt(i-1))),
	)
	return f
}

// flagsAt returns the flags of word i, or a boundary value outside the
// sentence.
func (s *scratch) flagsAt(i int) uint8 {
	if i < 0 {
		return 0x80
	}
	if i >= s.n {
		return 0x40
	}
	return s.flags[i]
}

// sentenceCaps reports whether a sentence looks like a headline in capitals:
// at least three words with letters, none of them with a lower-case letter.
func (s *scratch) sentenceCaps(n int) bool {
	alpha := 0
	for _, fl := range s.flags[:n] {
		if fl&flagAlpha != 0 {
			if fl&flagAllCaps == 0 {
				return false
			}
			alpha++
		}
	}
	return alpha >= 3
}
