package perceptron

// trainer holds the weights while a model learns. Each feature owns a small
// slice of per-class entries (most features only ever meet a few classes).
// Averaging uses the accumulated-update trick: besides the weight w, each
// entry keeps u = Σ d·t over its updates d made at instance t (0-based), and
// the average over T instances is w − u/T.
type trainer struct {
	nclass int
	n      int64 // instances seen

	keys  []uint64 // open addressing, 0 = empty
	idx   []int32  // row index for keys[i]
	mask  uint64
	rows  [][]tw
	nrows int
}

type tw struct {
	u float64
	w float32
	c uint8
}

func newTrainer(nclass int) *trainer {
	t := &trainer{nclass: nclass}
	t.resize(1 << 12)
	return t
}

func (t *trainer) resize(size int) {
	oldK, oldI := t.keys, t.idx
	t.keys = make([]uint64, size)
	t.idx = make([]int32, size)
	t.mask = uint64(size - 1)
	for i, k := range oldK {
		if k == 0 {
			continue
		}
		j := k & t.mask
		for t.keys[j] != 0 {
			j = (j + 1) & t.mask
		}
		t.keys[j] = k
		t.idx[j] = oldI[i]
	}
}

func (t *trainer) row(f uint64) []tw {
	if f == 0 {
		return nil
	}
	for i := f & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case f:
			return t.rows[t.idx[i]]
		case 0:
			return nil
		}
	}
}

func (t *trainer) rowIndex(f uint64) int32 {
	for i := f & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case f:
			return t.idx[i]
		case 0:
			if (t.nrows+1)*2 > len(t.keys) {
				t.resize(len(t.keys) * 2)
				return t.rowIndex(f)
			}
			t.keys[i] = f
			t.idx[i] = int32(t.nrows)
			if t.nrows < len(t.rows) {
				t.rows[t.nrows] = t.rows[t.nrows][:0]
			} else {
				t.rows = append(t.rows, nil)
			}
			t.nrows++
			return t.idx[i]
		}
	}
}

func (t *trainer) scores(feats []uint64, scores []float32) {
	for _, f := range feats {
		for _, e := range t.row(f) {
			scores[e.c] += e.w
		}
	}
}

func (t *trainer) update(truth, guess int, feats []uint64) {
	now := float64(t.n)
	t.n++
	if truth == guess {
		return
	}
	for _, f := range feats {
		if f == 0 {
			continue
		}
		r := t.rowIndex(f)
		row := t.rows[r]
		row = bump(row, uint8(truth), 1, now)
		row = bump(row, uint8(guess), -1, now)
		t.rows[r] = row
	}
}

func bump(row []tw, c uint8, d float32, now float64) []tw {
	for i := range row {
		if row[i].c == c {
			row[i].w += d
			row[i].u += float64(d) * now
			return row
		}
	}
	return append(row, tw{c: c, w: d, u: float64(d) * now})
}
