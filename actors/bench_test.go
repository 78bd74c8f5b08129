package actors

import (
	"runtime"
	"testing"

	"github.com/dyad-project/dyad/data"
)

// BenchmarkLoad loads and compiles the embedded knowledge base, as a process does once at start,
// and reports the heap the compiled index keeps (heap-MB).
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var ix *Index
	for range b.N {
		var err error
		if ix, err = Load(data.Actors()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
	runtime.KeepAlive(ix)
}
