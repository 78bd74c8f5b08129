package chunk

import (
	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

// fastScorer computes the scores of a frozen model with fewer look-ups in
// the weight table than one per feature (the scores are those of
// perceptron.Model.Scores over all the features, but for float32 rounding):
//
//   - the dense features are added from arrays indexed by their values: the
//     tag bigrams by offset with the tags, the label history with the bias,
//     and the previous label with the word's tag;
//   - the word features are added from rows of summed weights, one per word
//     of the model's vocabulary and offset -2 … 2 in the window, looked up
//     once per word of the sentence; other words have their features looked
//     up one by one. (A word is matched by a 64-bit hash, so an unknown word
//     may take a known word's row once in billions of look-ups.)
//   - the pair features are looked up in the weight table.
type fastScorer struct {
	nc int
	// bi[o][t1][t2] holds the weights of the bigram template of offset o
	// (-2 … 1) with the tags t1 and t2 at offsets o and o+1, plus those of
	// the tag templates of offsets -2, -1, 1 and 2: offset -2 in row o = 0,
	// -1 in o = 1, 1 and 2 in o = 3.
	bi     []float32 // [4][posValues][posValues][nc]
	lab    []float32 // [nl][nl][nc]: bias, tLabel, tLabel2 and tLabels by p1, p2
	labTag []float32 // [nl][posValues][nc]: tLabelTag by p1 and tag, and tTag by tag
	// words maps a word's hash to its row in rows: [5][nc] summed weights of
	// its word features by offset -2 … 2. Rows 0–3 are those of the
	// tokens outside the sentence (start2, start, end, end2).
	words wordIndex
	rows  []float32
}

// posValues is the number of tag values with an index (see posIndex): the
// tags of pos, and the four values of the tokens outside the sentence.
const posValues = pos.NumTags + 4

// posIndex returns the index of a tag value, or -1.
func posIndex(v uint64) int {
	switch {
	case v < uint64(pos.NumTags):
		return int(v)
	case v == startTag:
		return pos.NumTags
	case v == start2Tag:
		return pos.NumTags + 1
	case v == endTag:
		return pos.NumTags + 2
	case v == end2Tag:
		return pos.NumTags + 3
	}
	return -1
}

// posValue is the inverse of posIndex.
func posValue(i int) uint64 {
	if i < pos.NumTags {
		return uint64(i)
	}
	return [4]uint64{startTag, start2Tag, endTag, end2Tag}[i-pos.NumTags]
}

// labelIndex returns the index of a label-history value: a class, or the
// values before the sentence.
func labelIndex(v uint64, nc int) int {
	switch v {
	case startLabel:
		return nc
	case start2Label:
		return nc + 1
	}
	return int(v)
}

// The rows of the tokens outside the sentence, at the positions of the
// padding in scratch.wl.
var padWords = [4]uint64{start2Word, startWord, endWord, end2Word}

func newFastScorer(m *perceptron.Model, vocab []string) *fastScorer {
	nc := m.NumClasses()
	nl := nc + 2
	fs := &fastScorer{
		nc:     nc,
		bi:     make([]float32, 4*posValues*posValues*nc),
		lab:    make([]float32, nl*nl*nc),
		labTag: make([]float32, nl*posValues*nc),
	}
	add := func(row []float32, feats ...uint64) {
		for _, f := range feats {
			cs, ws := m.Weights(f)
			for k, c := range cs {
				row[c] += ws[k]
			}
		}
	}
	for o, tmpl := range bigramTemplates {
		for i1 := range posValues {
			for i2 := range posValues {
				t1, t2 := posValue(i1), posValue(i2)
				row := fs.bi[((o*posValues+i1)*posValues+i2)*nc:]
				add(row, perceptron.HashInt(tmpl, t1<<8|t2))
				switch o {
				case 0, 1:
					add(row, perceptron.HashInt(tagTemplates[o], t1))
				case 3:
					add(row, perceptron.HashInt(tagTemplates[3], t1), perceptron.HashInt(tagTemplates[4], t2))
				}
			}
		}
	}
	hist := make([]uint64, nl) // label-history value of each label index
	for v := range hist {
		hist[v] = uint64(v)
	}
	hist[nc], hist[nc+1] = startLabel, start2Label
	for i1, p1 := range hist {
		for i2, p2 := range hist {
			add(fs.lab[(i1*nl+i2)*nc:], biasFeat, perceptron.HashInt(tLabel, p1),
				perceptron.HashInt(tLabel2, p2), perceptron.HashInt(tLabels, p1<<8|p2))
		}
		for i := range posValues {
			add(fs.labTag[(i1*posValues+i)*nc:], perceptron.HashInt(tLabelTag, p1<<8|posValue(i)),
				perceptron.HashInt(tagTemplates[2], posValue(i)))
		}
	}

	var buf [maxFeats]uint64
	rowLen := 5 * nc
	fs.rows = make([]float32, (len(padWords)+len(vocab))*rowLen)
	for p, wl := range padWords {
		for d := -2; d <= 2; d++ {
			if d != 0 {
				add(fs.rows[p*rowLen+(d+2)*nc:], wordFeatures(buf[:0], d, wl, 0, noShape, "")...)
			}
		}
	}
	keys := make([]uint64, len(vocab))
	for i, w := range vocab {
		keys[i] = perceptron.Hash(0, w)
		var s scratch
		s.prepare([]string{w}, []pos.Tag{0})
		row := fs.rows[(len(padWords)+i)*rowLen:]
		for d := -2; d <= 2; d++ {
			add(row[(d+2)*nc:], wordFeatures(buf[:0], d, s.wl[2], s.long[0], s.shape[2], w)...)
		}
	}
	fs.words.build(keys, len(padWords))
	return fs
}

// memoryBytes returns the memory the scorer's tables take.
func (fs *fastScorer) memoryBytes() int {
	return 4*(len(fs.bi)+len(fs.lab)+len(fs.labTag)+len(fs.rows)) + fs.words.memoryBytes()
}

// lookup sets s.row for the words of a prepared sentence.
func (fs *fastScorer) lookup(s *scratch, words []string) {
	n := len(words)
	row := s.row[:n+4]
	row[0], row[1], row[n+2], row[n+3] = 0, 1, 2, 3
	for i, w := range words {
		row[i+2] = fs.words.find(perceptron.Hash(0, w))
	}
}

// scores sets scores to the scores of token i of a prepared and looked-up
// sentence, or reports false if a tag of its window has no index.
func (fs *fastScorer) scores(scores []float32, m *perceptron.Model, s *scratch, words []string, i int, p1, p2 uint64) bool {
	nc := fs.nc
	j := i + 2
	var ti [5]int
	for o := range ti {
		ti[o] = posIndex(s.pt[j-2+o])
		if ti[o] < 0 {
			return false
		}
	}
	f := s.feats[:0]
	for d := -2; d <= 2; d++ {
		if s.row[j+d] < 0 {
			f = s.wordFeaturesAt(f, words, i, d)
		}
	}
	f = s.pairFeatures(f, i, p1)
	pair := s.pair[:nc]
	m.Scores(f, pair)
	scores = scores[:nc:nc]
	copy(scores, pair)
	for d := -2; d <= 2; d++ {
		if r := s.row[j+d]; r >= 0 {
			addRow(scores, fs.rows[(int(r)*5+d+2)*nc:])
		}
	}
	i1, i2 := labelIndex(p1, nc), labelIndex(p2, nc)
	addRow(scores, fs.lab[(i1*(nc+2)+i2)*nc:])
	addRow(scores, fs.labTag[(i1*posValues+ti[2])*nc:])
	for o := range 4 {
		addRow(scores, fs.bi[((o*posValues+ti[o])*posValues+ti[o+1])*nc:])
	}
	return true
}

func addRow(a, row []float32) {
	row = row[:len(a)]
	for c := range a {
		a[c] += row[c]
	}
}

// wordIndex maps 64-bit word hashes to row numbers, with open addressing.
type wordIndex struct {
	keys []uint64 // 0: empty
	vals []int32
	mask uint64
}

// build indexes keys[i] as row first+i. Keys that occur twice are left out
// (their words are scored feature by feature).
func (x *wordIndex) build(keys []uint64, first int) {
	size := 16
	for size < 2*len(keys) {
		size *= 2
	}
	x.keys = make([]uint64, size)
	x.vals = make([]int32, size)
	x.mask = uint64(size - 1)
	dup := map[uint64]bool{}
	for i, k := range keys {
		if k == 0 || dup[k] {
			continue
		}
		slot := x.slot(k)
		if x.keys[slot] == k {
			dup[k] = true
			x.vals[slot] = -1
			continue
		}
		x.keys[slot], x.vals[slot] = k, int32(first+i)
	}
}

// slot returns the slot of key k, or the empty slot where it would go.
func (x *wordIndex) slot(k uint64) uint64 {
	i := k & x.mask
	for x.keys[i] != 0 && x.keys[i] != k {
		i = (i + 1) & x.mask
	}
	return i
}

// find returns the row of key k, or -1.
func (x *wordIndex) find(k uint64) int32 {
	if len(x.keys) == 0 || k == 0 {
		return -1
	}
	if i := x.slot(k); x.keys[i] == k {
		return x.vals[i]
	}
	return -1
}

func (x *wordIndex) memoryBytes() int { return 12 * len(x.keys) }
