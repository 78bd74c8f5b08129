package exchange

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// FuzzReadGDELT2 checks that ReadGDELT2 never panics, yields either a row or a *LineError with
// a line number that never goes back, and that every row it reads is written back as a fixed
// point: writing it and reading that again gives the same row (the same written line), equal to
// the row read first unless a column held a carriage return, which the writer turns into a space.
// Its seeds are in testdata/fuzz/FuzzReadGDELT2.
func FuzzReadGDELT2(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		last := 0
		for e, err := range ReadGDELT2(bytes.NewReader(data)) {
			if err != nil {
				var le *LineError
				if !errors.As(err, &le) {
					t.Fatalf("error %v is not a *LineError", err)
				}
				if le.Line < last || le.Line < 1 || le.Format != "gdelt2" {
					t.Fatalf("error %v after line %d", err, last)
				}
				last = le.Line
				if !reflect.DeepEqual(e, Event{}) {
					t.Fatalf("error %v with a row", err)
				}
				continue
			}
			var w1 bytes.Buffer
			if err := WriteGDELT2(&w1, slices.Values([]Event{e})); err != nil {
				t.Fatal(err)
			}
			if strings.Count(w1.String(), "\n") != 1 || strings.Count(w1.String(), "\t") != 60 {
				t.Fatalf("wrote %q", w1.String())
			}
			var again []Event
			for e2, err := range ReadGDELT2(bytes.NewReader(w1.Bytes())) {
				if err != nil {
					t.Fatalf("reading back %q: %v", w1.String(), err)
				}
				again = append(again, e2)
			}
			if len(again) != 1 {
				t.Fatalf("read back %d rows from %q", len(again), w1.String())
			}
			var w2 bytes.Buffer
			if err := WriteGDELT2(&w2, slices.Values(again)); err != nil {
				t.Fatal(err)
			}
			if w1.String() != w2.String() {
				t.Fatalf("written twice differently:\n%q\n%q", w1.String(), w2.String())
			}
			if !bytes.Contains(data, []byte{'\r'}) && !reflect.DeepEqual(e, again[0]) {
				t.Fatalf("row changed:\n%+v\n%+v", e, again[0])
			}
		}
	})
}
