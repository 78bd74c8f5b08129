package ner

import (
	"encoding/binary"
	"errors"
	"math"
	"math/bits"
)

// table maps 64-bit keys to rows of width int16 values. It lays out the weights of a frozen
// perceptron model for tagging: the perceptron keeps, for each feature, a slot and a run of
// (class, weight) pairs elsewhere, which costs two cache misses and a loop of unpredictable
// length per feature; here a feature's weights for all classes sit in one dense row beside its
// fingerprint, behind 4-byte slots that also hold a few bits of the fingerprint, so that most
// unknown features are turned away without reading a row.
//
// A table built by weightTable is laid out as perceptron.ReadModel lays out its own slots (same
// size, same order of insertion, same probing, same 31-bit fingerprints), so that it finds
// exactly the features that perceptron.Model.Scores finds, fingerprint collisions included.
//
// The values are int16 (weights) or int32 (sums of weights).
type table[T int16 | int32] struct {
	slots    []uint32 // tag<<rankBits | row+1; 0 marks an empty slot
	mask     uint64
	rankBits uint
	rows     []T // per row: the fingerprint (head values), width values, padding
	head     int // 2 for int16 (low, high 16 bits of the fingerprint), 1 for int32
	stride   int
	width    int
	n        int // rows filled
}

// newTable returns an empty table for up to n keys.
func newTable[T int16 | int32](n, width int) *table[T] {
	size := 16 // as perceptron.Model.build
	for size < n*2 {
		size *= 2
	}
	head := 1
	if _, ok := any(T(0)).(int16); ok {
		head = 2
	}
	stride := (head + width + 3) &^ 3
	return &table[T]{
		slots:    make([]uint32, size),
		mask:     uint64(size - 1),
		rankBits: uint(bits.Len(uint(n + 1))),
		rows:     make([]T, n*stride),
		head:     head,
		stride:   stride,
		width:    width,
	}
}

// fp returns the fingerprint of the row at offset off.
func (t *table[T]) fp(off int) uint32 {
	if t.head == 2 {
		return uint32(uint16(t.rows[off])) | uint32(uint16(t.rows[off+1]))<<16
	}
	return uint32(t.rows[off])
}

// fingerprint is the perceptron's: the high 32 bits of a key with the lowest forced to 1.
func fingerprint(k uint64) uint32 { return uint32(k>>32) | 1 }

// insert adds key k, which must not be in the table, and returns its row of values to fill.
func (t *table[T]) insert(k uint64) []T {
	r := t.n
	t.n++
	j := k & t.mask
	for t.slots[j] != 0 {
		j = (j + 1) & t.mask
	}
	t.slots[j] = uint32(k>>32)>>t.rankBits<<t.rankBits | uint32(r+1)
	row := t.rows[r*t.stride : (r+1)*t.stride]
	fp := fingerprint(k)
	if t.head == 2 {
		row[0], row[1] = T(int16(uint16(fp))), T(int16(uint16(fp>>16)))
	} else {
		row[0] = T(int32(fp))
	}
	return row[t.head : t.head+t.width]
}

// find returns the offset in rows of the values of key k, or -1.
func (t *table[T]) find(k uint64) int {
	tag := uint32(k>>32) >> t.rankBits
	for i := k & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if s>>t.rankBits != tag {
			continue
		}
		off := int(s&(1<<t.rankBits-1)-1) * t.stride
		if t.fp(off) == fingerprint(k) {
			return off + t.head
		}
	}
}

// addRows adds the rows of the keys feats to acc, as perceptron.Model.Scores adds the weights of
// features: unknown keys are ignored, repeated keys count again.
func addRows(t *table[int16], feats []uint64, acc *[maxClasses]int32) {
	rb, stride := t.rankBits, t.stride
	slots, mask, rows := t.slots, t.mask, t.rows
	w := acc[:t.width]
	for _, f := range feats {
		tag := uint32(f>>32) >> rb
		for i := f & mask; ; i = (i + 1) & mask {
			s := slots[i]
			if s == 0 {
				break
			}
			if s>>rb != tag {
				continue
			}
			off := int(s&(1<<rb-1)-1) * stride
			row := rows[off : off+stride]
			if uint32(uint16(row[0]))|uint32(uint16(row[1]))<<16 != fingerprint(f) {
				continue
			}
			addRow(w, row[2:])
			break
		}
	}
}

// addRow adds the first len(acc) values of row to acc.
func addRow[T int16 | int32](acc []int32, row []T) {
	row = row[:len(acc)]
	for c, v := range row {
		acc[c] += int32(v)
	}
}

// weightTable lays out the weights of a frozen perceptron model, serialised in b (see package
// perceptron's format.go), in a table, one row of int16 weights over the classes per feature, and
// returns it with the scale of the weights (weight = int16 × scale) and the number of weights.
func weightTable(b []byte) (*table[int16], float32, int, error) {
	const headerSize = 40
	bad := errors.New("ner: unexpected perceptron model format")
	if len(b) < headerSize+4 || string(b[:4]) != "DYPC" || binary.LittleEndian.Uint16(b[4:]) != 1 {
		return nil, 0, 0, bad
	}
	nclass := int(binary.LittleEndian.Uint16(b[8:]))
	scale := math.Float32frombits(binary.LittleEndian.Uint32(b[12:]))
	nf := binary.LittleEndian.Uint64(b[20:])
	nw := binary.LittleEndian.Uint64(b[28:])
	kb := uint64(binary.LittleEndian.Uint32(b[36:]))
	body := b[headerSize:]
	if nclass > maxClasses || nf > 1<<24 || nw > nf*uint64(nclass) || uint64(len(body)) != kb+nf+3*nw+4 {
		return nil, 0, 0, bad
	}
	keysB, countsB := body[:kb], body[kb:kb+nf]
	classesB, weightsB := body[kb+nf:kb+nf+nw], body[kb+nf+nw:kb+nf+3*nw]
	t := newTable[int16](int(nf), nclass)
	var key uint64
	wi := 0
	for r := range int(nf) {
		d, n := binary.Uvarint(keysB)
		if n <= 0 {
			return nil, 0, 0, bad
		}
		keysB = keysB[n:]
		key += d
		row := t.insert(key)
		for cnt := int(countsB[r]) + 1; cnt > 0; cnt-- {
			if wi >= int(nw) || int(classesB[wi]) >= nclass {
				return nil, 0, 0, bad
			}
			row[classesB[wi]] = int16(binary.LittleEndian.Uint16(weightsB[2*wi:]))
			wi++
		}
	}
	return t, scale, int(nw), nil
}

// memoryBytes returns the memory the table takes.
func (t *table[T]) memoryBytes() int {
	return 4*len(t.slots) + 4/t.head*len(t.rows)
}
