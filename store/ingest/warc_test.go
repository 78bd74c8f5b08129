package ingest_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/store/ingest"
	"github.com/dyad-project/dyad/store/storetest"
)

// writeWARC writes n news pages as a .warc.gz file and returns its path and size.
func writeWARC(tb testing.TB, n int) (string, int64) {
	tb.Helper()
	var b bytes.Buffer
	if err := storetest.WriteWARC(&b, storetest.News(n, 11), true); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "crawl.warc.gz")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path, int64(b.Len())
}

// TestIngestWARC ingests a .warc.gz of news pages: every page is stored once, with the title,
// date and URL of its page, and coded; a second ingest stores nothing.
func TestIngestWARC(t *testing.T) {
	ctx := context.Background()
	path, _ := writeWARC(t, 60)
	s := storetest.SQLite(t)
	for run := range 2 {
		st, err := ingest.Run(ctx, s, coder, article.Read(ctx, []string{path}, article.Options{}), ingest.Options{BatchSize: 16})
		if err != nil {
			t.Fatal(err)
		}
		if want := int64(60 * (1 - run)); st.Read != 60 || st.Stored != want || st.Failed != 0 {
			t.Errorf("ingest %d: %+v; want 60 read, %d stored", run+1, st, want)
		}
	}
	c := counts(t, s)
	if c.Articles != 60 || c.Events == 0 || c.Stories == 0 {
		t.Errorf("counts %+v", c)
	}
	want := storetest.News(60, 11)[7]
	byURL, _, err := s.Duplicates(ctx, []string{want.URL}, nil)
	if err != nil || byURL[want.URL] == "" {
		t.Fatalf("no article stored with URL %s (%v)", want.URL, err)
	}
	got, err := s.Article(ctx, byURL[want.URL])
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != want.Title || got.URL != want.URL || got.Published != want.Published.Format("2006-01-02") || len(got.Events) == 0 {
		t.Errorf("page read back: title %q, url %q, published %q, %d events; want %q, %q, %s",
			got.Title, got.URL, got.Published, len(got.Events), want.Title, want.URL, want.Published.Format("2006-01-02"))
	}
}

// BenchmarkIngestWARC ingests a .warc.gz of 400 news pages into a new SQLite store: reading,
// HTML extraction, coding, story clustering and writing, on GOMAXPROCS workers.
func BenchmarkIngestWARC(b *testing.B) {
	const pages = 400
	path, size := writeWARC(b, pages)
	ctx := context.Background()
	var events int
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s := storetest.SQLite(b)
		b.StartTimer()
		st, err := ingest.Run(ctx, s, coder, article.Read(ctx, []string{path}, article.Options{}), ingest.Options{})
		if err != nil || st.Stored != pages {
			b.Fatalf("%+v, %v", st, err)
		}
		b.StopTimer()
		events = counts(b, s).Events
		s.Close()
		b.StartTimer()
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(pages/sec, "pages/s")
	b.ReportMetric(float64(size)/1e6/sec, "MB/s")
	b.ReportMetric(float64(events)/sec, "events/s")
	b.ReportMetric(0, "ns/op")
}
