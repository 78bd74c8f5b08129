package exchange

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"slices"
	"strings"
)

// Format names an exchange format.
type Format string

// The exchange formats. GDELT1 is read only.
const (
	GDELT2  Format = "gdelt2"  // GDELT 2.0 events TSV (61 columns, no header)
	GDELT1  Format = "gdelt1"  // GDELT 1.0 events TSV (57 or 58 columns), read only
	Phoenix Format = "phoenix" // Phoenix event data TSV with a header row
	Parquet Format = "parquet" // Apache Parquet
	JSONL   Format = "jsonl"   // JSON Lines of Event objects
)

// Formats lists the formats, those that can be written first.
var Formats = []Format{GDELT2, Phoenix, Parquet, JSONL, GDELT1}

// ParseFormat returns the format named s (any case; "gdelt" is GDELT2, "ndjson" JSONL).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case "gdelt":
		return GDELT2, nil
	case "ndjson", "json":
		return JSONL, nil
	default:
		if slices.Contains(Formats, f) {
			return f, nil
		}
	}
	return "", fmt.Errorf("exchange: unknown format %q (want one of gdelt2, gdelt1, phoenix, parquet, jsonl)", s)
}

// FormatOf guesses the format of a file from its name: .parquet; .jsonl or .ndjson; .phoenix.tsv;
// and GDELT's names, YYYYMMDDHHMMSS.export.CSV for GDELT 2.0 and YYYYMMDD.export.CSV for GDELT
// 1.0 (either may end in .zip, which the caller unpacks). It returns false when the name says
// nothing.
func FormatOf(path string) (Format, bool) {
	name := strings.ToLower(filepath.Base(path))
	name = strings.TrimSuffix(name, ".zip")
	switch {
	case strings.HasSuffix(name, ".parquet"):
		return Parquet, true
	case strings.HasSuffix(name, ".jsonl"), strings.HasSuffix(name, ".ndjson"):
		return JSONL, true
	case strings.HasSuffix(name, ".phoenix.tsv"):
		return Phoenix, true
	case strings.HasSuffix(name, ".export.csv"):
		stem := strings.TrimSuffix(name, ".export.csv")
		if len(stem) == 8 && isDigits(stem) {
			return GDELT1, true
		}
		return GDELT2, true
	}
	return "", false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Write writes rows to w in format f.
func Write(w io.Writer, f Format, rows iter.Seq[Event]) error {
	switch f {
	case GDELT2:
		return WriteGDELT2(w, rows)
	case Phoenix:
		return WritePhoenix(w, rows)
	case Parquet:
		return WriteParquet(w, rows)
	case JSONL:
		return WriteJSONL(w, rows)
	case GDELT1:
		return fmt.Errorf("exchange: GDELT 1.0 is read only; write gdelt2")
	}
	return fmt.Errorf("exchange: unknown format %q", f)
}

// Read reads rows of format f from r. Parquet needs random access: when r is not an
// io.ReaderAt that is also an io.Seeker (an *os.File is), the whole input is read into memory
// first.
func Read(r io.Reader, f Format) iter.Seq2[Event, error] {
	switch f {
	case GDELT2:
		return ReadGDELT2(r)
	case GDELT1:
		return ReadGDELT1(r)
	case Phoenix:
		return ReadPhoenix(r)
	case JSONL:
		return ReadJSONL(r)
	case Parquet:
		return func(yield func(Event, error) bool) {
			ra, size, err := readerAt(r)
			if err != nil {
				yield(Event{}, fmt.Errorf("parquet: %w", err))
				return
			}
			ReadParquet(ra, size)(yield)
		}
	}
	return func(yield func(Event, error) bool) {
		yield(Event{}, fmt.Errorf("exchange: unknown format %q", f))
	}
}

func readerAt(r io.Reader) (io.ReaderAt, int64, error) {
	if ra, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok {
		size, err := ra.Seek(0, io.SeekEnd)
		if err == nil {
			return ra, size, nil
		}
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, 0, err
	}
	return bytes.NewReader(b), int64(len(b)), nil
}
