package exchange

import (
	"bytes"
	"io"
	"slices"
	"testing"
)

func benchRows(n int) []Event {
	rows := testRows()
	out := make([]Event, n)
	for i := range out {
		out[i] = rows[i%len(rows)]
		out[i].GlobalEventID = uint64(i)
	}
	return out
}

func benchWrite(b *testing.B, write func(io.Writer, func(func(Event) bool)) error) {
	rows := benchRows(10000)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf, slices.Values(rows)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkWriteGDELT2(b *testing.B) {
	benchWrite(b, func(w io.Writer, s func(func(Event) bool)) error { return WriteGDELT2(w, s) })
}

func BenchmarkWriteParquet(b *testing.B) {
	benchWrite(b, func(w io.Writer, s func(func(Event) bool)) error { return WriteParquet(w, s) })
}

func BenchmarkWriteJSONL(b *testing.B) {
	benchWrite(b, func(w io.Writer, s func(func(Event) bool)) error { return WriteJSONL(w, s) })
}

func BenchmarkReadGDELT2(b *testing.B) {
	rows := benchRows(10000)
	var buf bytes.Buffer
	if err := WriteGDELT2(&buf, slices.Values(rows)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range ReadGDELT2(bytes.NewReader(buf.Bytes())) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != len(rows) {
			b.Fatalf("read %d rows", n)
		}
	}
	b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
}
