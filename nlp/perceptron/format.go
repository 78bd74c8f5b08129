package perceptron

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"slices"
)

// Binary format, version 1 (all integers little-endian):
//
//	header (40 bytes)
//	  [4]byte  magic "DYPC"
//	  uint16   version (1)
//	  uint16   flags (0; reserved)
//	  uint16   number of classes
//	  uint16   reserved (0)
//	  float32  scale: an int16 weight q stands for q·scale
//	  uint32   reserved (0)
//	  uint64   number of features F
//	  uint64   number of weights W
//	  uint32   byte length K of the key section
//	body, one column after the other (columns compress better than rows):
//	  K bytes  the F feature hashes, ascending, each as the uvarint of its
//	           difference from the previous one (the first from 0)
//	  F bytes  number of weights of each feature, minus 1
//	  W bytes  class of each weight, features in key order, classes
//	           ascending within a feature
//	  W×2 bytes the weights, int16
//	trailer
//	  uint32   CRC-32 (IEEE) of the body
//
// Only non-zero weights are stored (near-zero weights are pruned by
// MinWeight and by quantisation when the model is frozen), and only
// features with at least one weight.

const (
	magic      = "DYPC"
	version    = 1
	headerSize = 40
)

// ErrFormat is wrapped by the errors ReadFrom returns for malformed input.
var ErrFormat = errors.New("perceptron: bad model data")

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// WriteTo writes the averaged model in the binary format. A model still in
// training is written as its Snapshot (it stays trainable).
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	src := m
	if m.tr != nil {
		src = m.Snapshot()
	}
	order := make([]int, 0, src.nfeat)
	for i, s := range src.slots {
		if s != 0 {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(a, b int) int {
		ka, kb := src.keys[a], src.keys[b]
		switch {
		case ka < kb:
			return -1
		case ka > kb:
			return 1
		}
		return 0
	})
	var keysB, countsB, classesB, weightsB []byte
	var prev uint64
	for _, i := range order {
		k := src.keys[i]
		keysB = binary.AppendUvarint(keysB, k-prev)
		prev = k
		n := 0
		for off := uint32(src.slots[i]); ; off++ {
			e := src.ws[off]
			classesB = append(classesB, uint8(e>>16))
			weightsB = binary.LittleEndian.AppendUint16(weightsB, uint16(e))
			n++
			if e&lastBit != 0 {
				break
			}
		}
		countsB = append(countsB, byte(n-1))
	}
	if len(keysB) > math.MaxUint32 {
		return 0, errors.New("perceptron: model too large to write")
	}

	var hdr [headerSize]byte
	copy(hdr[0:4], magic)
	binary.LittleEndian.PutUint16(hdr[4:], version)
	binary.LittleEndian.PutUint16(hdr[8:], uint16(src.nclass))
	binary.LittleEndian.PutUint32(hdr[12:], math.Float32bits(src.scale))
	binary.LittleEndian.PutUint64(hdr[20:], uint64(len(order)))
	binary.LittleEndian.PutUint64(hdr[28:], uint64(len(classesB)))
	binary.LittleEndian.PutUint32(hdr[36:], uint32(len(keysB)))

	cw := &countWriter{w: w}
	crc := crc32.NewIEEE()
	cw.Write(hdr[:])
	for _, b := range [][]byte{keysB, countsB, classesB, weightsB} {
		cw.Write(b)
		crc.Write(b)
	}
	var tr [4]byte
	binary.LittleEndian.PutUint32(tr[:], crc.Sum32())
	cw.Write(tr[:])
	return cw.n, cw.err
}

// ReadFrom replaces m by a frozen model read from r in the binary format. It
// reads exactly the bytes of one model, so further data may follow in r.
func (m *Model) ReadFrom(r io.Reader) (int64, error) {
	var read int64
	full := func(b []byte) error {
		n, err := io.ReadFull(r, b)
		read += int64(n)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return fmt.Errorf("%w: truncated", ErrFormat)
		}
		return err
	}
	var hdr [headerSize]byte
	if err := full(hdr[:]); err != nil {
		return read, err
	}
	if string(hdr[0:4]) != magic {
		return read, fmt.Errorf("%w: bad magic %q", ErrFormat, hdr[0:4])
	}
	if v := binary.LittleEndian.Uint16(hdr[4:]); v != version {
		return read, fmt.Errorf("%w: unsupported version %d", ErrFormat, v)
	}
	flags := binary.LittleEndian.Uint16(hdr[6:])
	nclass := int(binary.LittleEndian.Uint16(hdr[8:]))
	scale := math.Float32frombits(binary.LittleEndian.Uint32(hdr[12:]))
	nf := binary.LittleEndian.Uint64(hdr[20:])
	nw := binary.LittleEndian.Uint64(hdr[28:])
	kb := uint64(binary.LittleEndian.Uint32(hdr[36:]))
	if nclass < 1 || nclass > MaxClasses || flags != 0 || !(scale > 0) || math.IsInf(float64(scale), 0) {
		return read, fmt.Errorf("%w: bad header", ErrFormat)
	}
	const limit = 1 << 31
	if nf > limit || nw > limit || nw < nf || nw > nf*MaxClasses || kb > nf*binary.MaxVarintLen64 || kb < nf {
		return read, fmt.Errorf("%w: bad sizes", ErrFormat)
	}
	body := make([]byte, kb+nf+3*nw+4)
	if err := full(body); err != nil {
		return read, err
	}
	keysB := body[:kb]
	countsB := body[kb : kb+nf]
	classesB := body[kb+nf : kb+nf+nw]
	weightsB := body[kb+nf+nw : kb+nf+3*nw]
	want := binary.LittleEndian.Uint32(body[len(body)-4:])
	if got := crc32.ChecksumIEEE(body[:len(body)-4]); got != want {
		return read, fmt.Errorf("%w: checksum mismatch", ErrFormat)
	}

	keys := make([]uint64, nf)
	runs := make([][]uint32, nf)
	all := make([]uint32, nw)
	var prev uint64
	br := keysB
	wi := 0
	for i := range keys {
		d, n := binary.Uvarint(br)
		if n <= 0 || (i > 0 && d == 0) || prev+d < prev {
			return read, fmt.Errorf("%w: bad key %d", ErrFormat, i)
		}
		br = br[n:]
		prev += d
		keys[i] = prev
		cnt := int(countsB[i]) + 1
		if wi+cnt > int(nw) {
			return read, fmt.Errorf("%w: weight counts exceed total", ErrFormat)
		}
		for j := wi; j < wi+cnt; j++ {
			c := classesB[j]
			q := int16(binary.LittleEndian.Uint16(weightsB[2*j:]))
			if int(c) >= nclass || q == 0 || (j > wi && c <= classesB[j-1]) {
				return read, fmt.Errorf("%w: bad weight %d", ErrFormat, j)
			}
			all[j] = pack(c, q)
		}
		runs[i] = all[wi : wi+cnt]
		wi += cnt
	}
	if len(br) != 0 || wi != int(nw) || (nf > 0 && keys[0] == 0) {
		return read, fmt.Errorf("%w: inconsistent sections", ErrFormat)
	}
	*m = Model{nclass: nclass, MinWeight: m.MinWeight}
	m.build(keys, runs, scale)
	return read, nil
}

// ReadModel reads a model from r (see ReadFrom).
func ReadModel(r io.Reader) (*Model, error) {
	m := &Model{}
	if _, err := m.ReadFrom(r); err != nil {
		return nil, err
	}
	return m, nil
}
