package chunk

import (
	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

// featureSet identifies the feature extraction below. It is stored in the
// model file; change it whenever the features change so that a stale model
// is rejected instead of silently mis-chunking.
const featureSet = 1

// Feature templates.
const (
	tBias = iota + 1
	tWord
	tPrevWord
	tPrev2Word
	tNextWord
	tNext2Word
	tPrevWordWord
	tWordNextWord
	tWordTag
	tSuffix
	tShape
	tShapeShort
	tTag
	tPrevTag
	tPrev2Tag
	tNextTag
	tNext2Tag
	tTags21 // t-2 t-1
	tTags10 // t-1 t0
	tTags01 // t0 t+1
	tTags12 // t+1 t+2
	tTags101
	tTags210
	tTags012
	tLabel
	tLabel2
	tLabels
	tLabelTag
	tLabelTags
	tLabelWord
	tPrevShape
	tNextShape
	tWordNextTag
	tPrevTagWord
	tLabelNextWord
	tLabelPrevTag
)

// The tag templates by offset -2 … 2 in the window, and the tag bigram
// templates by the offset of their first tag, -2 … 1.
var (
	tagTemplates    = [5]uint64{tPrev2Tag, tPrevTag, tTag, tNextTag, tNext2Tag}
	bigramTemplates = [4]uint64{tTags21, tTags10, tTags01, tTags12}
)

const (
	maxFeats      = 48
	maxDenseFeats = 16
)

// Boundary symbols for context outside the sentence and labels before it.
var (
	startWord  = perceptron.Hash(0, "-START-")
	start2Word = perceptron.Hash(0, "-START2-")
	endWord    = perceptron.Hash(0, "-END-")
	end2Word   = perceptron.Hash(0, "-END2-")
	noShape    = perceptron.Hash(0, "-NONE-")
	biasFeat   = perceptron.HashInt(tBias, 0)
)

// Tag values of the tokens outside the sentence, and label values before
// it. Tags are pos.Tag values, labels class numbers.
const (
	startTag  = 254
	start2Tag = 253
	endTag    = 252
	end2Tag   = 251

	startLabel  = 254
	start2Label = 253
)

// scratch holds per-call buffers; Chunker keeps them in a sync.Pool.
type scratch struct {
	wl    []uint64 // lower-cased word hash, offset by 2 (room for padding)
	pt    []uint64 // POS tag, offset by 2
	shape []uint64 // short shape hash, offset by 2
	long  []uint64 // long shape hash, not offset
	row   []int32  // row of each word in the word table, offset by 2; -1 if none
	class []uint8  // chosen class of each token
	feats [maxFeats]uint64
	dense [maxDenseFeats]uint64
	// scores and pair receive the scores of a token.
	scores, pair [maxClasses]float32
	// words and tags of a Doc sentence, for Annotate
	words []string
	tags  []pos.Tag
}

func (s *scratch) prepare(words []string, tags []pos.Tag) {
	n := len(words)
	if cap(s.wl) < n+4 {
		c := 2*n + 8
		s.wl = make([]uint64, c)
		s.pt = make([]uint64, c)
		s.shape = make([]uint64, c)
		s.long = make([]uint64, c)
		s.row = make([]int32, c)
		s.class = make([]uint8, c)
	}
	wl, pt, sh := s.wl[:n+4], s.pt[:n+4], s.shape[:n+4]
	wl[0], wl[1], wl[n+2], wl[n+3] = start2Word, startWord, endWord, end2Word
	pt[0], pt[1], pt[n+2], pt[n+3] = start2Tag, startTag, endTag, end2Tag
	sh[0], sh[1], sh[n+2], sh[n+3] = noShape, noShape, noShape, noShape
	var long, short [24]byte
	for i, w := range words {
		wl[i+2] = perceptron.HashLower(0, w)
		pt[i+2] = uint64(tags[i])
		nl, ns := perceptron.Shapes(w, &long, &short)
		sh[i+2] = perceptron.HashBytes(0, short[:ns])
		s.long[i] = perceptron.HashBytes(0, long[:nl])
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

// The features of token i of a sentence come in three groups, which a frozen
// model scores in different ways (see fast.go). p1 is the class of the
// previous token and p2 that of the token before it (start symbols at the
// sentence start).
//
// The dense features (denseFeatures) have few possible values; their weights
// are kept in arrays:
//
//   - bias
//   - the POS tags of the word and of two neighbours on each side, and the
//     four tag bigrams of that window
//   - the previous label, the label before it, both, and the previous label
//     with the word's tag
//
// The word features (wordFeatures) depend on one word of the window; their
// weights are summed per vocabulary word and offset:
//
//   - the lower-cased word, its suffixes of 1–3 bytes and its two shapes
//     (perceptron.Shapes)
//   - the two words before it and the two after it (lower-cased), and the
//     short shapes of the previous and next words
//
// The pair features (pairFeatures) are looked up in the weight table:
//
//   - the word with the previous and with the next word, with its own tag,
//     with the previous tag and with the next tag
//   - the three tag trigrams of the window that touch the word
//   - the previous label with the word's and the next tag, with the previous
//     and the word's tag, with the word and with the next word

// denseFeatures writes the dense features of token i into s.dense and
// returns them.
func (s *scratch) denseFeatures(i int, p1, p2 uint64) []uint64 {
	j := i + 2
	pt := s.pt
	f := append(s.dense[:0], biasFeat)
	for d := range 5 {
		f = append(f, perceptron.HashInt(tagTemplates[d], pt[j-2+d]))
	}
	for d := range 4 {
		f = append(f, perceptron.HashInt(bigramTemplates[d], pt[j-2+d]<<8|pt[j-1+d]))
	}
	return append(f,
		perceptron.HashInt(tLabel, p1),
		perceptron.HashInt(tLabel2, p2),
		perceptron.HashInt(tLabels, p1<<8|p2),
		perceptron.HashInt(tLabelTag, p1<<8|pt[j]),
	)
}

// wordFeatures appends the features of the word at offset d (-2 … 2) from
// the token they are features of: its lower-cased hash wl, the hashes of its
// long and short shapes (see prepare) and, for d = 0, the word w itself
// (for its suffixes). They depend on that word alone, so a frozen model keeps
// their summed weights per vocabulary word (see fast.go).
func wordFeatures(f []uint64, d int, wl, long, short uint64, w string) []uint64 {
	switch d {
	case -2:
		return append(f, perceptron.Combine(wl, tPrev2Word))
	case -1:
		return append(f, perceptron.Combine(wl, tPrevWord), perceptron.Combine(short, tPrevShape))
	case 1:
		return append(f, perceptron.Combine(wl, tNextWord), perceptron.Combine(short, tNextShape))
	case 2:
		return append(f, perceptron.Combine(wl, tNext2Word))
	}
	f = append(f,
		perceptron.Combine(wl, tWord),
		perceptron.Combine(long, tShape),
		perceptron.Combine(short, tShapeShort),
	)
	sv := suffixBits(w)
	n := uint64(min(len(w), 3))
	for k := uint64(1); k <= n; k++ {
		f = append(f, perceptron.HashInt(tSuffix, sv&(1<<(8*k)-1)|k<<32))
	}
	return f
}

// windowWordFeatures appends the word features of the five words of the
// window of token i.
func (s *scratch) windowWordFeatures(f []uint64, words []string, i int) []uint64 {
	for d := -2; d <= 2; d++ {
		f = s.wordFeaturesAt(f, words, i, d)
	}
	return f
}

// wordFeaturesAt appends the word features of the word at offset d from
// token i.
func (s *scratch) wordFeaturesAt(f []uint64, words []string, i, d int) []uint64 {
	j := i + 2 + d
	var w string
	var long uint64
	if d == 0 {
		w, long = words[i], s.long[i]
	}
	return wordFeatures(f, d, s.wl[j], long, s.shape[j], w)
}

// pairFeatures appends the features of token i that combine two values:
// words with words or tags, tag trigrams, and the previous label p1 with
// tags and words.
func (s *scratch) pairFeatures(f []uint64, i int, p1 uint64) []uint64 {
	j := i + 2
	wl, pt := s.wl, s.pt
	t0, tm1, tm2, tp1, tp2 := pt[j], pt[j-1], pt[j-2], pt[j+1], pt[j+2]
	return append(f,
		perceptron.Combine(perceptron.Combine(wl[j-1], tPrevWordWord), wl[j]),
		perceptron.Combine(perceptron.Combine(wl[j], tWordNextWord), wl[j+1]),
		perceptron.Combine(wl[j], tWordTag<<8|t0),
		perceptron.Combine(wl[j], tWordNextTag<<8|tp1),
		perceptron.Combine(wl[j], tPrevTagWord<<8|tm1),
		perceptron.HashInt(tTags101, tm1<<16|t0<<8|tp1),
		perceptron.HashInt(tTags210, tm2<<16|tm1<<8|t0),
		perceptron.HashInt(tTags012, t0<<16|tp1<<8|tp2),
		perceptron.HashInt(tLabelTags, p1<<16|t0<<8|tp1),
		perceptron.HashInt(tLabelPrevTag, p1<<16|tm1<<8|t0),
		perceptron.Combine(wl[j], tLabelWord<<8|p1),
		perceptron.Combine(wl[j+1], tLabelNextWord<<8|p1),
	)
}

// allFeatures returns all the features of token i, for training.
func (s *scratch) allFeatures(words []string, i int, p1, p2 uint64) []uint64 {
	f := s.windowWordFeatures(s.feats[:0], words, i)
	f = s.pairFeatures(f, i, p1)
	return append(f, s.denseFeatures(i, p1, p2)...)
}
