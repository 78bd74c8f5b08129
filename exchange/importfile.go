package exchange

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// ImportFile imports the rows of the file at path into st, as Import does. The file may be
// plain, gzip-compressed (.gz) or a zip archive (.zip, as GDELT ships its files), of which every
// member is imported, each named path/member in the error records; files are streamed, never
// read whole (except a Parquet member of a zip archive, which needs random access).
//
// The format is f; when f is "", it is told from the name (see FormatOf; a zip member's own
// name first, then the archive's), else from the start of the content (see Sniff). opt.Source
// defaults to path, opt.Prefix to the format's name.
//
// A file that cannot be opened or read, or whose format cannot be told, is counted in Failed and
// recorded in st, at position 0 (or the line where reading stopped), and ImportFile returns nil:
// it returns an error only when writing to st fails or ctx is cancelled.
func ImportFile(ctx context.Context, st Putter, path string, f Format, opt ImportOptions) (ImportStats, error) {
	if opt.Source == "" {
		opt.Source = path
	}
	lower := strings.ToLower(path)
	if strings.HasSuffix(lower, ".zip") {
		return importZip(ctx, st, path, f, opt)
	}
	file, err := os.Open(path)
	if err != nil {
		return failInput(ctx, st, opt, err)
	}
	defer file.Close()
	var r io.Reader = file
	name := path
	if strings.HasSuffix(lower, ".gz") {
		gz, err := gzip.NewReader(file)
		if err != nil {
			return failInput(ctx, st, opt, fmt.Errorf("gzip: %w", err))
		}
		defer gz.Close()
		r, name = gz, path[:len(path)-len(".gz")]
	}
	if f == "" {
		f, _ = FormatOf(name)
	}
	if f == "" && r == io.Reader(file) {
		// Sniff here rather than in ImportReader so that a Parquet file keeps its random access.
		var br io.Reader
		if f, br, err = Sniff(file); err != nil {
			return failInput(ctx, st, opt, err)
		}
		switch f {
		case "":
			return ImportStats{}, nil // an empty file
		case Parquet:
			if _, err := file.Seek(0, io.SeekStart); err != nil {
				return failInput(ctx, st, opt, err)
			}
		default:
			r = br
		}
	}
	return ImportReader(ctx, st, r, f, opt)
}

// importZip imports every file of the zip archive at path.
func importZip(ctx context.Context, st Putter, path string, f Format, opt ImportOptions) (ImportStats, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return failInput(ctx, st, opt, err)
	}
	defer zr.Close()
	var total ImportStats
	for _, m := range zr.File {
		if m.FileInfo().IsDir() {
			continue
		}
		mopt := opt
		mopt.Source = opt.Source + "/" + m.Name
		mf := f
		if mf == "" {
			var ok bool
			if mf, ok = FormatOf(m.Name); !ok {
				mf, _ = FormatOf(path)
			}
		}
		var s ImportStats
		rc, err := m.Open()
		if err != nil {
			s, err = failInput(ctx, st, mopt, err)
		} else {
			s, err = ImportReader(ctx, st, rc, mf, mopt)
			rc.Close()
		}
		total.Add(s)
		if err != nil {
			return total, err
		}
		if ctx.Err() != nil {
			return total, ctx.Err()
		}
	}
	return total, nil
}

// sniffBytes is how much of an input Sniff looks at.
const sniffBytes = 64 << 10

// Sniff tells the format of an input from its start, and returns a reader of the whole input
// to read it with (r itself is read ahead). It recognises Parquet ("PAR1"), JSON Lines (a first
// line starting with "{"), Phoenix (a header whose first column is id or eventid, or 26 or
// len(PhoenixColumns) columns), GDELT 2.0 (61 tab-separated columns) and GDELT 1.0 (57 or 58).
// It returns "" and no error for an input that is empty or blank, and an error when the format
// cannot be told.
func Sniff(r io.Reader) (Format, io.Reader, error) {
	br := bufio.NewReaderSize(r, sniffBytes)
	b, err := br.Peek(sniffBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return "", br, err
	}
	if bytes.HasPrefix(b, []byte("PAR1")) {
		return Parquet, br, nil
	}
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return "", br, nil
	}
	if b[0] == '{' {
		return JSONL, br, nil
	}
	line := b
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	line = bytes.TrimSuffix(line, []byte{'\r'})
	cols := bytes.Count(line, []byte{'\t'}) + 1
	first, _, _ := bytes.Cut(line, []byte{'\t'})
	switch h := strings.ToLower(string(bytes.TrimSpace(first))); {
	case h == "id" || h == "eventid" || h == "eid":
		return Phoenix, br, nil
	case cols == len(GDELT2Columns):
		return GDELT2, br, nil
	case cols == len(GDELT1Columns) || cols == len(GDELT1Columns)-1:
		return GDELT1, br, nil
	case cols == 26 || cols == len(PhoenixColumns):
		return Phoenix, br, nil
	}
	return "", br, fmt.Errorf("cannot tell the format: the first line has %d tab-separated columns "+
		"(GDELT 2.0 has %d, GDELT 1.0 %d or %d); name the format", cols, len(GDELT2Columns),
		len(GDELT1Columns)-1, len(GDELT1Columns))
}
