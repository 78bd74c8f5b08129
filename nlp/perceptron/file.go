package perceptron

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
)

// Header starts the file of a model built on this package: six bytes naming the kind of model,
// the version of its file format, and the feature set its weights were trained with, which the
// code reading it must extract.
type Header struct {
	Magic      string // six bytes, e.g. "DYPOS\x00"
	Version    uint16
	FeatureSet uint16
}

// Append appends the header to buf.
func (h Header) Append(buf []byte) []byte {
	buf = append(buf, h.Magic...)
	buf = binary.LittleEndian.AppendUint16(buf, h.Version)
	return binary.LittleEndian.AppendUint16(buf, h.FeatureSet)
}

// Check reads a header from r and checks that it names want's kind of model, a version from
// minVersion to want.Version, and want's feature set. It returns the version read. kind names the
// model in errors ("a POS model").
func (want Header) Check(r io.Reader, kind string, minVersion uint16) (uint16, error) {
	var hdr [10]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, err
	}
	if string(hdr[:6]) != want.Magic {
		return 0, fmt.Errorf("not %s", kind)
	}
	v := binary.LittleEndian.Uint16(hdr[6:])
	if v < minVersion || v > want.Version {
		return 0, fmt.Errorf("unsupported version %d", v)
	}
	if fs := binary.LittleEndian.Uint16(hdr[8:]); fs != want.FeatureSet {
		return 0, fmt.Errorf("model uses feature set %d, this code extracts feature set %d", fs, want.FeatureSet)
	}
	return v, nil
}

// AppendString appends s to buf, preceded by its length as a uvarint.
func AppendString(buf []byte, s string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(s)))
	return append(buf, s...)
}

// ReadString reads a string written by AppendString, refusing one longer than max bytes.
func ReadString(r *bufio.Reader, max int) (string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return "", err
	}
	if n > uint64(max) {
		return "", fmt.Errorf("string of %d bytes", n)
	}
	b := make([]byte, n)
	_, err = io.ReadFull(r, b)
	return string(b), err
}

// AppendStrings appends the number of strings as a uvarint, then each string as AppendString
// does.
func AppendStrings(buf []byte, ss []string) []byte {
	buf = binary.AppendUvarint(buf, uint64(len(ss)))
	for _, s := range ss {
		buf = AppendString(buf, s)
	}
	return buf
}

// ReadStrings reads strings written by AppendStrings, refusing more than maxCount strings or a
// string longer than maxLen bytes.
func ReadStrings(r *bufio.Reader, maxCount, maxLen int) ([]string, error) {
	n, err := binary.ReadUvarint(r)
	if err != nil {
		return nil, err
	}
	if n > uint64(maxCount) {
		return nil, fmt.Errorf("%d strings", n)
	}
	ss := make([]string, n)
	for i := range ss {
		if ss[i], err = ReadString(r, maxLen); err != nil {
			return nil, err
		}
	}
	return ss, nil
}

// WriteFile writes a model file, uncompressed, to w: head (the Header and what the model keeps
// beside its weights), then body (the weights). It is the WriteTo of the models built on this
// package.
func WriteFile(w io.Writer, head []byte, body io.WriterTo) (int64, error) {
	bw := bufio.NewWriter(w)
	k, err := bw.Write(head)
	n := int64(k)
	if err != nil {
		return n, err
	}
	m, err := body.WriteTo(bw)
	n += m
	if err != nil {
		return n, err
	}
	return n, bw.Flush()
}
