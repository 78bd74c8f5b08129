package story

import (
	"strconv"
	"testing"

	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/shared"
)

// reutersBodies returns the article bodies of Reuters-21578 from the shared data.
func reutersBodies(tb testing.TB) []string {
	_, bodies, err := corpus.Reuters(shared.Path(tb, "corpus/reuters21578"))
	if err != nil {
		tb.Fatal(err)
	}
	return bodies
}

// BenchmarkAdd measures Clusterer.Add on the Reuters-21578 newswire, in articles per second;
// every 5,000 articles the Clusterer starts afresh, so that the cost is that of a stream with
// a few thousand open stories.
func BenchmarkAdd(b *testing.B) {
	docs := reutersBodies(b)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d))
	}
	b.SetBytes(bytes / int64(len(docs)))
	b.ReportAllocs()
	var c *Clusterer
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%5000 == 0 {
			b.StopTimer()
			c = NewClusterer(Options{})
			b.StartTimer()
		}
		c.Add(strconv.Itoa(i), Features{Text: docs[i%len(docs)]})
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkDedup measures Dedup.Add on the Reuters-21578 newswire, in articles per second.
func BenchmarkDedup(b *testing.B) {
	docs := reutersBodies(b)
	b.ReportAllocs()
	d := NewDedup(DedupOptions{})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d.Add(strconv.Itoa(i), docs[i%len(docs)])
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}
