// Package perceptron implements an averaged multiclass perceptron over hashed
// sparse features.
//
// Features are uint64 hashes (see Hash, HashLower, HashInt, Combine); a model
// maps each feature to a sparse list of weights over at most 256 classes.
// A Model is first trained with Update and then frozen with Average, which
// replaces the weights by their averages over all training instances and
// packs them for fast lookup. Scores and Predict do not allocate, and on a
// frozen model they are safe for concurrent use.
//
// A frozen model stores its weights as int16 quantised with one scale for
// the whole model, 4 bytes per (class, weight) pair, behind an
// open-addressing table of 8-byte slots. Models serialise with
// WriteTo/ReadFrom into a little-endian, versioned, sparse binary format
// (see format.go) that compresses well with gzip.
package perceptron

import (
	"fmt"
	"math"
)

// MaxClasses is the largest number of classes a Model supports.
const MaxClasses = 256

// Model is an averaged perceptron. The zero value is not usable; use New
// or ReadFrom.
type Model struct {
	nclass int

	// Training state, nil once the model is frozen.
	tr *trainer

	// Frozen state. slots is an open-addressing table indexed by the low
	// bits of a feature; a slot holds the feature's high 32 bits (with the
	// lowest of them forced to 1, so that 0 marks an empty slot) above the
	// offset of its first weight in ws. keys holds the full feature of each
	// slot, for WriteTo; lookups only read slots.
	slots []uint64
	keys  []uint64
	mask  uint64
	// ws packs one weight per uint32: bits 0–15 the int16 quantised weight,
	// bits 16–23 the class, bit 31 set on the last weight of a feature.
	ws    []uint32
	scale float32 // weight = int16 × scale
	nfeat int

	// MinWeight is the magnitude below which averaged weights are dropped
	// when the model is frozen by Average (or Snapshot). Zero keeps every
	// weight that does not quantise to 0.
	MinWeight float32
}

const lastBit = 1 << 31

// New returns an empty trainable model over nclass classes (1..256).
func New(nclass int) *Model {
	if nclass < 1 || nclass > MaxClasses {
		panic(fmt.Sprintf("perceptron: %d classes, want 1..%d", nclass, MaxClasses))
	}
	return &Model{nclass: nclass, tr: newTrainer(nclass)}
}

// NumClasses returns the number of classes.
func (m *Model) NumClasses() int { return m.nclass }

// Frozen reports whether the model has been averaged (or read) and can no
// longer be updated.
func (m *Model) Frozen() bool { return m.tr == nil }

// NumFeatures returns the number of features with at least one weight.
func (m *Model) NumFeatures() int {
	if m.tr != nil {
		return m.tr.nrows
	}
	return m.nfeat
}

// NumWeights returns the number of stored (feature, class) weights.
func (m *Model) NumWeights() int {
	if m.tr != nil {
		n := 0
		for _, r := range m.tr.rows[:m.tr.nrows] {
			n += len(r)
		}
		return n
	}
	return len(m.ws)
}

// MemoryBytes returns the approximate memory used by a frozen model's
// lookup structures.
func (m *Model) MemoryBytes() int {
	return 8*len(m.slots) + 8*len(m.keys) + 4*len(m.ws)
}

func fingerprint(f uint64) uint64 { return (f>>32 | 1) << 32 }

// Scores sets scores[c] to the sum of the weights of feats for class c.
// scores must have at least NumClasses elements; only the first NumClasses
// are written. Unknown features are ignored; repeated features count again.
func (m *Model) Scores(feats []uint64, scores []float32) {
	scores = scores[:m.nclass]
	clear(scores)
	if m.tr != nil {
		m.tr.scores(feats, scores)
		return
	}
	slots, mask, ws := m.slots, m.mask, m.ws
	if len(slots) == 0 {
		return
	}
	for _, f := range feats {
		fp := fingerprint(f)
		for i := f & mask; ; i = (i + 1) & mask {
			s := slots[i]
			if s&^0xffffffff == fp {
				for off := uint32(s); int(off) < len(ws); off++ {
					e := ws[off]
					scores[uint8(e>>16)] += float32(int16(e))
					if e&lastBit != 0 {
						break
					}
				}
				break
			}
			if s == 0 {
				break
			}
		}
	}
	sc := m.scale
	for i := range scores {
		scores[i] *= sc
	}
}

// Weights returns the (class, weight) pairs stored for feature f, classes
// ascending once the model is frozen. It allocates and is meant for
// inspection and tests.
func (m *Model) Weights(f uint64) (classes []uint8, weights []float32) {
	if m.tr != nil {
		for _, e := range m.tr.row(f) {
			classes = append(classes, e.c)
			weights = append(weights, e.w)
		}
		return
	}
	if i := m.lookup(f); i >= 0 {
		for off := uint32(m.slots[i]); ; off++ {
			e := m.ws[off]
			classes = append(classes, uint8(e>>16))
			weights = append(weights, float32(int16(e))*m.scale)
			if e&lastBit != 0 {
				break
			}
		}
	}
	return
}

// lookup returns the slot of f, or -1.
func (m *Model) lookup(f uint64) int {
	if len(m.slots) == 0 || f == 0 {
		return -1
	}
	for i := f & m.mask; ; i = (i + 1) & m.mask {
		if m.keys[i] == f {
			return int(i)
		}
		if m.slots[i] == 0 {
			return -1
		}
	}
}

// Predict returns the class with the highest score for feats (the lowest
// class number on ties). It does not allocate.
func (m *Model) Predict(feats []uint64) int {
	var buf [MaxClasses]float32
	s := buf[:m.nclass]
	m.Scores(feats, s)
	return Argmax(s)
}

// Argmax returns the index of the largest element of s (the first on ties),
// or -1 if s is empty.
func Argmax(s []float32) int {
	if len(s) == 0 {
		return -1
	}
	best, bi := s[0], 0
	for i, v := range s[1:] {
		if v > best {
			best, bi = v, i+1
		}
	}
	return bi
}

// Update records one training instance: the true class, the class the model
// guessed, and the instance's features. If guess ≠ truth the weights of feats
// move towards truth and away from guess. Every call, correct or not, counts
// as one instance for averaging. Update panics on a frozen model.
func (m *Model) Update(truth, guess int, feats []uint64) {
	if m.tr == nil {
		panic("perceptron: Update on a frozen model")
	}
	if uint(truth) >= uint(m.nclass) || uint(guess) >= uint(m.nclass) {
		panic(fmt.Sprintf("perceptron: class out of range (truth %d, guess %d, %d classes)", truth, guess, m.nclass))
	}
	m.tr.update(truth, guess, feats)
}

// Instances returns the number of training instances seen by Update.
func (m *Model) Instances() int64 {
	if m.tr == nil {
		return 0
	}
	return m.tr.n
}

// Average freezes the model: every weight becomes its average over all
// training instances seen so far, weights smaller in magnitude than
// MinWeight are dropped and the rest are quantised and packed for fast
// lookup. Further calls to Update panic. Average on a frozen model does
// nothing.
func (m *Model) Average() {
	if m.tr == nil {
		return
	}
	m.freezeFrom(m.tr)
	m.tr = nil
}

// Snapshot returns a frozen copy holding the current averaged weights, and
// leaves m trainable. It is used to evaluate a model between epochs.
func (m *Model) Snapshot() *Model {
	c := &Model{nclass: m.nclass, MinWeight: m.MinWeight}
	if m.tr == nil {
		c.slots = append([]uint64(nil), m.slots...)
		c.keys = append([]uint64(nil), m.keys...)
		c.mask = m.mask
		c.ws = append([]uint32(nil), m.ws...)
		c.scale = m.scale
		c.nfeat = m.nfeat
		return c
	}
	c.freezeFrom(m.tr)
	return c
}

func (m *Model) freezeFrom(t *trainer) {
	n := float64(t.n)
	if n == 0 {
		n = 1
	}
	min := float64(m.MinWeight)
	// First pass: the scale.
	var maxAbs float64
	for i, k := range t.keys {
		if k == 0 {
			continue
		}
		for _, e := range t.rows[t.idx[i]] {
			maxAbs = math.Max(maxAbs, math.Abs(float64(e.w)-e.u/n))
		}
	}
	scale := float32(1)
	if maxAbs > 0 {
		scale = float32(maxAbs / 32767)
	}
	keys := make([]uint64, 0, t.nrows)
	runs := make([][]uint32, 0, t.nrows)
	var all []uint32
	for i, k := range t.keys {
		if k == 0 {
			continue
		}
		start := len(all)
		for _, e := range t.rows[t.idx[i]] {
			a := float64(e.w) - e.u/n
			if math.Abs(a) < min {
				continue
			}
			if q := quantise(a, scale); q != 0 {
				all = append(all, pack(e.c, q))
			}
		}
		if len(all) > start {
			keys = append(keys, k)
			runs = append(runs, all[start:len(all):len(all)])
		}
	}
	m.build(keys, runs, scale)
}

func pack(c uint8, q int16) uint32 { return uint32(uint16(q)) | uint32(c)<<16 }

func quantise(w float64, scale float32) int16 {
	q := math.Round(w / float64(scale))
	return int16(math.Max(-32767, math.Min(32767, q)))
}

// build packs (keys[i], runs[i]) into the frozen table; a run holds packed
// (class, int16 weight) pairs, without the last-weight bit. Runs are sorted
// by class so that the layout is deterministic.
func (m *Model) build(keys []uint64, runs [][]uint32, scale float32) {
	total := 0
	for _, r := range runs {
		total += len(r)
	}
	size := 16
	for size < len(keys)*2 {
		size *= 2
	}
	m.slots = make([]uint64, size)
	m.keys = make([]uint64, size)
	m.mask = uint64(size - 1)
	m.ws = make([]uint32, 0, total)
	m.scale = scale
	m.nfeat = len(keys)
	for i, k := range keys {
		r := runs[i]
		sortRun(r)
		j := k & m.mask
		for m.slots[j] != 0 {
			j = (j + 1) & m.mask
		}
		m.slots[j] = fingerprint(k) | uint64(len(m.ws))
		m.keys[j] = k
		m.ws = append(m.ws, r...)
		m.ws[len(m.ws)-1] |= lastBit
	}
}

func sortRun(r []uint32) {
	for i := 1; i < len(r); i++ {
		for j := i; j > 0 && r[j]>>16 < r[j-1]>>16; j-- {
			r[j], r[j-1] = r[j-1], r[j]
		}
	}
}
