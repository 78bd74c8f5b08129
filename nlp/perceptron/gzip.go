package perceptron

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
)

// SaveGzip writes m's serialisation, gzip-compressed at the best compression, to path: the file
// form of the models built on this package.
func SaveGzip(path string, m io.WriterTo) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestCompression)
	if err != nil {
		f.Close()
		return err
	}
	if _, err := m.WriteTo(zw); err != nil {
		f.Close()
		return err
	}
	if err := zw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReadGzip decompresses r and decodes it with read, then reads the stream to its end so that
// the gzip checksum is verified.
func ReadGzip[T any](r io.Reader, read func(*bufio.Reader) (T, error)) (T, error) {
	var zero T
	zr, err := gzip.NewReader(r)
	if err != nil {
		return zero, err
	}
	v, err := read(bufio.NewReader(zr))
	if err != nil {
		return zero, err
	}
	if _, err := io.Copy(io.Discard, zr); err != nil {
		return zero, err
	}
	return v, nil
}

// LoadFile opens path and decodes it with load (a model's Load), naming path in the error.
func LoadFile[T any](path string, load func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(path)
	if err != nil {
		return zero, err
	}
	defer f.Close()
	v, err := load(f)
	if err != nil {
		return zero, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}
