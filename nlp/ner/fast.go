package ner

import (
	"errors"

	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

// scorer computes the scores of a frozen model with fewer look-ups than one per feature. Most
// features of a token depend on one token of its window alone, or on values with few
// possibilities, so their weights can be added up ahead of time:
//
//   - words: for each word of the vocabulary (the words of the training data) and each offset
//     -2 … 2 in the window, the summed weights of wordFeats: one look-up per window token
//     instead of three to fourteen. Words outside the vocabulary get their features looked up
//     one by one. (As with the perceptron's own table, a key is matched by 31 bits of
//     fingerprint besides its slot, so that an unknown word may take a known word's sums once
//     in billions of look-ups.)
//   - pos, gaz: the weights of the tag and mark features, by offset and value, in arrays.
//   - capsBias, labels, labelPos: the bias and capitalisation features, the label-history
//     features, and the previous label with the tag, in arrays.
//
// The rest (pairFeats, labelFeats) are looked up in the weight table. All weights are int16
// multiples of one scale, added as integers, so the scores are exactly those of
// perceptron.Model.Scores over the features of static and dynamic.
type scorer struct {
	w        *table[int16] // the weights, one row per feature
	scale    float32
	nc       int
	nweights int

	words    *table[int32] // vocabulary word → [5][nc] summed weights of wordFeats by offset
	padRows  []int32       // [2][5][nc]: the same for the tokens before and after the sentence
	pos      []int16       // [5][256][nc]: posTemplates by offset and tag
	gaz      []int16       // [5][gazValues][nc]: gazTemplates by offset and mark index (see gazIndex)
	capsBias []int32       // [16][nc]: the bias and capsFeat, by capsIndex
	labels   []int32       // [nl][nl][nc]: tLabel and tLabels, by label index (see labelIndex) of p1, p2
	labelPos []int16       // [nl][256][nc]: tLabelPos by label index of p1 and tag
	bigrams  []int16       // [2][posValues][posValues][nc]: tPosBigramL and tPosBigramR by posIndex
}

// posValues is the number of tag values with an index (see posIndex): the tags of pos, and the
// tags of the tokens before and after the sentence.
const posValues = pos.NumTags + 2

// posIndex returns the index of a tag value, or -1.
func posIndex(v uint64) int {
	switch {
	case v < uint64(pos.NumTags):
		return int(v)
	case v == startTok.pos:
		return pos.NumTags
	case v == endTok.pos:
		return pos.NumTags + 1
	}
	return -1
}

// gazValues is the number of mark values with a row in scorer.gaz: marks below 2048 (the bits a
// Gazetteer sets), and the marks of the tokens before and after the sentence.
const gazValues = 2048 + 2

// gazIndex returns the row of mark value m in scorer.gaz, or -1.
func gazIndex(m uint64) int {
	switch {
	case m < 2048:
		return int(m)
	case m == startTok.mark:
		return 2048
	case m == endTok.mark:
		return 2049
	}
	return -1
}

// labelIndex returns the index of a label-history value: a class, or the values before the
// sentence.
func labelIndex(v uint64, nc int) int {
	switch v {
	case startLabel:
		return nc
	case start2Label:
		return nc + 1
	}
	return int(v)
}

// wordKey returns the key of the word of x in scorer.words: its lower-cased hash combined with
// the positions of its capitals, which together give the word as written. It reports false for
// words of more than 64 bytes.
func wordKey(x *tok) (uint64, bool) {
	w := x.w
	if len(w) > 64 {
		return 0, false
	}
	var caps uint64
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			caps |= 1 << i
		}
	}
	return perceptron.Combine(x.word, caps), true
}

// capsIndex returns the row in scorer.capsBias of a capsInfo value.
func capsIndex(info uint64) int { return int(info&3 | info>>8&3<<2) }

// newScorer returns the scorer of a frozen model with nc classes, serialised in b, and the words
// vocab.
func newScorer(b []byte, nc int, vocab []string) (*scorer, error) {
	w, scale, nweights, err := weightTable(b)
	if err != nil {
		return nil, err
	}
	if w.width != nc {
		return nil, errors.New("ner: model classes differ from the labels")
	}
	s := &scorer{w: w, scale: scale, nc: nc, nweights: nweights}
	var acc [maxClasses]int32
	// sum returns the summed weights of feats.
	sum := func(feats []uint64) []int32 {
		acc = [maxClasses]int32{}
		addRows(w, feats, &acc)
		return acc[:nc]
	}
	// single copies the weights of feature f to row.
	single := func(row []int16, f uint64) {
		if off := w.find(f); off >= 0 {
			copy(row, w.rows[off:off+nc])
		}
	}

	var buf [maxFeats]uint64
	// Words of more than 64 bytes, and words whose keys collide, have their features looked up
	// one by one.
	keys := make(map[uint64]int, len(vocab))
	for _, word := range vocab {
		x := makeTok(word, 0, 0)
		if k, ok := wordKey(&x); ok {
			keys[k]++
		}
	}
	s.words = newTable[int32](len(keys), 5*nc)
	for _, word := range vocab {
		x := makeTok(word, 0, 0)
		k, ok := wordKey(&x)
		if !ok || keys[k] != 1 {
			continue
		}
		row := s.words.insert(k)
		for d := -2; d <= 2; d++ {
			copy(row[(d+2)*nc:], sum(wordFeats(buf[:0], word, &x, d)))
		}
	}
	s.padRows = make([]int32, 2*5*nc)
	for p, x := range []tok{startTok, endTok} {
		for d := -2; d <= 2; d++ {
			copy(s.padRows[(p*5+d+2)*nc:], sum(wordFeats(buf[:0], "", &x, d)))
		}
	}

	s.pos = make([]int16, 5*256*nc)
	s.gaz = make([]int16, 5*gazValues*nc)
	for j := range 5 {
		for v := range 256 {
			single(s.pos[(j*256+v)*nc:], perceptron.HashInt(posTemplates[j], uint64(v)))
		}
		if gazTemplates[j] == 0 {
			continue
		}
		for v := range uint64(2048) {
			single(s.gaz[(j*gazValues+gazIndex(v))*nc:], perceptron.HashInt(gazTemplates[j], v))
		}
		for _, v := range []uint64{startTok.mark, endTok.mark} {
			single(s.gaz[(j*gazValues+gazIndex(v))*nc:], perceptron.HashInt(gazTemplates[j], v))
		}
	}
	s.capsBias = make([]int32, 16*nc)
	for info := range uint64(1 << 10) {
		if info&^(3|3<<8) == 0 {
			copy(s.capsBias[capsIndex(info)*nc:], sum([]uint64{biasFeat, perceptron.HashInt(tCaps, info)}))
		}
	}
	nl := nc + 2
	hist := make([]uint64, nl) // label-history value of each label index
	for v := range hist {
		hist[v] = uint64(v)
	}
	hist[nc], hist[nc+1] = startLabel, start2Label
	s.labels = make([]int32, nl*nl*nc)
	s.labelPos = make([]int16, nl*256*nc)
	for _, p1 := range hist {
		i1 := labelIndex(p1, nc)
		for _, p2 := range hist {
			copy(s.labels[(i1*nl+labelIndex(p2, nc))*nc:], sum([]uint64{
				perceptron.HashInt(tLabel, p1), perceptron.HashInt(tLabels, p1<<8|p2)}))
		}
		for v := range uint64(256) {
			single(s.labelPos[(i1*256+int(v))*nc:], perceptron.HashInt(tLabelPos, p1<<8|v))
		}
	}
	s.bigrams = make([]int16, 2*posValues*posValues*nc)
	for v1 := range uint64(256) {
		for v2 := range uint64(256) {
			i1, i2 := posIndex(v1), posIndex(v2)
			if i1 < 0 || i2 < 0 {
				continue
			}
			single(s.bigrams[(i1*posValues+i2)*nc:], perceptron.HashInt(tPosBigramL, v1<<8|v2))
			single(s.bigrams[((posValues+i1)*posValues+i2)*nc:], perceptron.HashInt(tPosBigramR, v1<<8|v2))
		}
	}
	return s, nil
}

// scores sets scores to the model's scores for the token win[2], at position i of a sentence
// (caps: in capitals), after labels p1 and p2: the scores of the features of static and
// dynamic. It notes in the window's tokens which row of words they have.
func (s *scorer) scores(scores []float32, win *window, i int, caps bool, p1, p2 uint64) {
	win.fill()
	nc := s.nc
	var acc [maxClasses]int32
	a := acc[:nc]
	var buf [maxFeats]uint64
	f := buf[:0]
	for j := range win {
		x := &win[j]
		switch {
		case x.flags&flagOutside != 0:
			p := 0
			if x.flags&flagEnd != 0 {
				p = 1
			}
			row := s.padRows[(p*5+j)*nc:]
			for c := range a {
				a[c] += row[c]
			}
		default:
			if x.row == 0 {
				x.row = -1
				if k, ok := wordKey(x); ok {
					x.row = int32(s.words.find(k))
				}
			}
			if x.row >= 0 {
				addRow(a, s.words.rows[int(x.row)+j*nc:])
			} else {
				f = wordFeats(f, x.w, x, j-2)
			}
		}
		addRow(a, s.pos[(j*256+int(x.pos&255))*nc:])
		if gazTemplates[j] != 0 {
			if g := gazIndex(x.mark); g >= 0 {
				addRow(a, s.gaz[(j*gazValues+g)*nc:])
			} else {
				f = append(f, perceptron.HashInt(gazTemplates[j], x.mark))
			}
		}
	}
	row := s.capsBias[capsIndex(capsInfo(&win[2], i, caps))*nc:]
	i1, i2 := labelIndex(p1, nc), labelIndex(p2, nc)
	lrow := s.labels[(i1*(nc+2)+i2)*nc:]
	for c := range a {
		a[c] += row[c] + lrow[c]
	}
	addRow(a, s.labelPos[(i1*256+int(win[2].pos&255))*nc:])
	b0, b1, b2 := posIndex(win[1].pos), posIndex(win[2].pos), posIndex(win[3].pos)
	if b0 >= 0 && b1 >= 0 && b2 >= 0 {
		addRow(a, s.bigrams[(b0*posValues+b1)*nc:])
		addRow(a, s.bigrams[((posValues+b1)*posValues+b2)*nc:])
	} else {
		f = posBigrams(f, win)
	}
	f = pairFeats(f, win)
	f = labelFeats(f, win, p1)
	addRows(s.w, f, &acc)
	sc := s.scale
	for c := range scores[:nc] {
		scores[c] = float32(acc[c]) * sc
	}
}

// memoryBytes returns the memory the scorer takes.
func (s *scorer) memoryBytes() int {
	return s.w.memoryBytes() + s.words.memoryBytes() +
		4*(len(s.padRows)+len(s.capsBias)+len(s.labels)) + 2*(len(s.pos)+len(s.gaz)+len(s.labelPos)+len(s.bigrams))
}
