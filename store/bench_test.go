package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/storetest"
)

// coded returns n coded articles made by storetest.News.
func coded(tb testing.TB, n int) []*record.Article {
	tb.Helper()
	c := pipeline.New(pipeline.Options{})
	var recs []*record.Article
	for _, a := range storetest.News(n, 1) {
		r, err := c.Code(a)
		if err != nil {
			tb.Fatal(err)
		}
		recs = append(recs, r)
	}
	return recs
}

// benchPut writes batches of copies (with distinct ids) of 300 coded articles, and reports
// articles written per second.
func benchPut(b *testing.B, s store.Store) {
	recs := coded(b, 300)
	var sentences, events int
	for _, r := range recs {
		sentences += len(r.Sentences)
		events += len(r.Events)
	}
	const batch = 500
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for i := 0; b.Loop(); i++ {
		arts := make([]*record.Article, batch)
		for j := range arts {
			r := *recs[n%len(recs)]
			r.ID = fmt.Sprintf("%s-%d", r.ID, n)
			arts[j] = &r
			n++
		}
		if err := s.PutArticles(ctx, arts); err != nil {
			b.Fatal(err)
		}
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(n)/sec, "articles/s")
	b.ReportMetric(float64(n)*float64(events)/float64(len(recs))/sec, "events/s")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkPutArticles writes coded articles into SQLite, in batches of 500.
func BenchmarkPutArticles(b *testing.B) {
	benchPut(b, storetest.SQLite(b))
}

// BenchmarkPutArticlesPostgres writes coded articles into PostgreSQL, in batches of 500.
func BenchmarkPutArticlesPostgres(b *testing.B) {
	benchPut(b, storetest.Postgres(b))
}
