package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/ingest"
	"github.com/dyad-project/dyad/store/storetest"
)

var coder = pipeline.New(pipeline.Options{})

func seq(arts []*article.Article) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		for _, a := range arts {
			if !yield(a, nil) {
				return
			}
		}
	}
}

func counts(t testing.TB, s store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestHash checks that Hash, computed before coding, is the hash of the coded record.
func TestHash(t *testing.T) {
	arts := storetest.News(100, 7)
	arts = append(arts,
		&article.Article{ID: "x", Title: "  A  title\u00a0with spaces ", Text: "Share this article\n\nThe body.\n\nAll rights reserved.",
			Published: time.Date(2017, 4, 13, 23, 30, 0, 0, time.FixedZone("X", -5*3600))},
		&article.Article{ID: "y", Text: "Only a body, no title."},
		&article.Article{ID: "h", URL: "https://example.org/a?utm=x", Origin: "page.html", HTML: `<html><head><title>France and Germany pledge to cooperate</title>
<meta property="og:site_name" content="Example News"><meta property="article:published_time" content="2017-04-12T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>France and Germany pledge to cooperate</h1>
<p>French Foreign Minister Jean-Yves Le Drian met his German counterpart in Berlin on Wednesday to discuss the future of the European Union.</p>
<p>"We have agreed that the time for quarrels is over," Le Drian told reporters after the meeting, which lasted three hours.</p>
<p>Germany pledged to support French proposals on defence cooperation, officials said.</p></article>
<footer>All rights reserved.</footer></body></html>`})
	for _, a := range arts {
		r, err := coder.Code(a)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := ingest.Hash(a), store.RecordHash(r); got != want {
			t.Errorf("%s: Hash = %s, the record's hash is %s", a.ID, got, want)
		}
	}
}

func TestResume(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	arts := storetest.News(300, 1)
	st, err := ingest.Run(ctx, s, coder, seq(arts), ingest.Options{BatchSize: 40})
	if err != nil {
		t.Fatal(err)
	}
	if st.Read != 300 || st.Stored != 300 || st.Skipped != 0 || st.Failed != 0 || st.Batches != 8 {
		t.Errorf("first ingest: %+v", st)
	}
	c1 := counts(t, s)
	if c1.Articles != 300 || c1.Events == 0 || c1.Quotes == 0 {
		t.Errorf("counts: %+v", c1)
	}
	storetest.CheckMerged(t, s)

	// Again: everything is skipped.
	st, err = ingest.Run(ctx, s, coder, seq(arts), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Read != 300 || st.Skipped != 300 || st.Stored != 0 {
		t.Errorf("second ingest: %+v, want all skipped", st)
	}
	// Forced: everything is coded and written again, to the same counts.
	st, err = ingest.Run(ctx, s, coder, seq(arts), ingest.Options{Force: true, BatchSize: 64})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 300 || st.Skipped != 0 {
		t.Errorf("forced ingest: %+v, want all stored", st)
	}
	if c := counts(t, s); c != c1 {
		t.Errorf("after a forced ingest: %+v, want %+v", c, c1)
	}
	// One article changed: only it is written.
	changed := *arts[17]
	changed.Text += " Analysts said relations had reached a low point."
	arts[17] = &changed
	st, err = ingest.Run(ctx, s, coder, seq(arts), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 1 || st.Skipped != 299 {
		t.Errorf("after changing one article: %+v, want 1 stored, 299 skipped", st)
	}
	got, err := s.Article(ctx, changed.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text[len(got.Text)-10:] != "low point." {
		t.Errorf("the changed article was not replaced: %q", got.Text)
	}
	storetest.CheckMerged(t, s)
}

func TestErrors(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	arts := storetest.News(5, 2)
	src := func(yield func(*article.Article, error) bool) {
		_ = yield(arts[0], nil) &&
			yield(nil, &article.Error{Path: "in/b.jsonl", Line: 3, Err: fmt.Errorf("%w: unexpected end of JSON input", article.ErrMalformed)}) &&
			yield(arts[1], nil) &&
			yield(&article.Article{ID: "empty", Text: "Share this article", Origin: "in/b.jsonl:4"}, nil) &&
			yield(nil, &article.Error{Path: "in/c.jsonl.gz", Err: article.ErrGzip}) &&
			yield(nil, &article.Error{Path: "in/scan.txt", Err: article.ErrBinary}) &&
			yield(arts[2], nil)
	}
	var seen []store.ErrorRecord
	st, err := ingest.Run(ctx, s, coder, src, ingest.Options{OnError: func(e store.ErrorRecord) { seen = append(seen, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 3 || st.Failed != 4 || st.Read != 4 {
		t.Errorf("stats %+v, want 3 stored, 4 failed, 4 read", st)
	}
	want := []store.ErrorRecord{
		{Source: "in/b.jsonl", Position: 3, Reason: "malformed record: unexpected end of JSON input"},
		{Source: "in/b.jsonl", Position: 4, Reason: pipeline.ErrNoText.Error()},
		{Source: "in/c.jsonl.gz", Reason: article.ErrGzip.Error()},
		{Source: "in/scan.txt", Reason: article.ErrBinary.Error()},
	}
	if len(seen) != len(want) {
		t.Fatalf("OnError saw %+v, want %+v", seen, want)
	}
	for i := range want {
		seen[i].Time = time.Time{}
		if seen[i] != want[i] {
			t.Errorf("error %d: %+v, want %+v", i, seen[i], want[i])
		}
	}
	stored, err := s.Errors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range stored {
		stored[i].Time = time.Time{}
	}
	if !slices.Equal(stored, want) {
		t.Errorf("errors table: %+v, want %+v", stored, want)
	}
	// Again: the errors are recorded once.
	if _, err := ingest.Run(ctx, s, coder, src, ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if c := counts(t, s); c.Errors != 4 || c.Articles != 3 {
		t.Errorf("after a second ingest: %+v, want 4 errors, 3 articles", c)
	}
	if e := ingest.ErrorRecord(errors.New("plain")); e.Reason != "plain" || e.Source != "" {
		t.Errorf("plain error: %+v", e)
	}
}

// TestCancel stops an ingest midway: what was coded is written, and another ingest completes
// the store without duplicates.
func TestCancel(t *testing.T) {
	s := storetest.SQLite(t)
	path := filepath.Join(t.TempDir(), "news.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := storetest.WriteJSONL(f, storetest.News(400, 3)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	read := func(ctx context.Context) iter.Seq2[*article.Article, error] {
		return article.Read(ctx, []string{path}, article.Options{})
	}
	ctx, cancel := context.WithCancel(context.Background())
	var counters ingest.Counters
	go func() {
		for counters.Stats().Stored < 64 {
			time.Sleep(time.Millisecond)
		}
		cancel()
	}()
	st, err := ingest.Run(ctx, s, coder, read(ctx), ingest.Options{BatchSize: 32, Workers: 2, Counters: &counters})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	c := counts(t, s)
	if st.Stored == 0 || st.Stored >= 400 || int64(c.Articles) != st.Stored || st.Failed != 0 || c.Errors != 0 {
		t.Errorf("interrupted ingest: %+v, store %+v", st, c)
	}
	st, err = ingest.Run(context.Background(), s, coder, read(context.Background()), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped+st.Stored != 400 || int64(c.Articles) != st.Skipped {
		t.Errorf("resumed ingest: %+v after %d articles", st, c.Articles)
	}
	full := storetest.SQLite(t)
	if _, err := ingest.Run(context.Background(), full, coder, read(context.Background()), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	if got, want := counts(t, s), counts(t, full); got != want {
		t.Errorf("interrupted and resumed: %+v; in one go: %+v", got, want)
	}
	storetest.CheckMerged(t, s)
}

// TestReuters ingests the Reuters-21578 stories twice (the second time coding and writing every
// story again) and checks that the counts are the same. With the race detector, which makes it
// ten times slower, it takes the first 1,000 stories.
func TestReuters(t *testing.T) {
	dir := shared.Path(t, "corpus/reuters21578")
	titles, bodies, err := corpus.Reuters(dir)
	if err != nil {
		t.Fatal(err)
	}
	if raceEnabled {
		titles, bodies = titles[:1000], bodies[:1000]
	}
	arts := make([]*article.Article, len(bodies))
	for i := range bodies {
		arts[i] = &article.Article{ID: article.ContentID(titles[i], bodies[i], ""), Title: titles[i], Text: bodies[i],
			Source: "Reuters", Origin: fmt.Sprintf("reuters:%d", i+1)}
	}
	ctx := context.Background()
	s := storetest.SQLite(t)
	st1, err := ingest.Run(ctx, s, coder, seq(arts), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c1 := counts(t, s)
	st2, err := ingest.Run(ctx, s, coder, seq(arts), ingest.Options{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	c2 := counts(t, s)
	t.Logf("%d stories: %+v; first ingest %+v, second %+v", len(arts), c1, st1, st2)
	if c1 != c2 {
		t.Errorf("ingesting twice changed the counts: %+v, then %+v", c1, c2)
	}
	// Stories with the same title and body have the same id: each is stored once.
	ids := map[string]bool{}
	for _, a := range arts {
		ids[a.ID] = true
	}
	// Stories with the same body under another title are exact duplicates: not stored.
	if int64(c1.Articles)+st1.Failed+st1.Duplicates < int64(len(ids)) || c1.Articles > len(ids) || c1.Events == 0 ||
		st1.Duplicates == 0 || c1.Stories == 0 || c1.Stories >= c1.Articles {
		t.Errorf("%d articles stored in %d stories (%d failed, %d duplicates) for %d distinct ids",
			c1.Articles, c1.Stories, st1.Failed, st1.Duplicates, len(ids))
	}
	// The first ingest skips repeated stories once their first copy is stored; the second
	// writes every story.
	if st2.Stored != st1.Stored+st1.Skipped || st2.Skipped != 0 {
		t.Errorf("second ingest %+v, first %+v", st2, st1)
	}
	st3, err := ingest.Run(ctx, s, coder, seq(arts), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st3.Stored != 0 || counts(t, s) != c1 {
		t.Errorf("third ingest (resuming) wrote %d articles", st3.Stored)
	}
	storetest.CheckMerged(t, s)
}

// TestDuplicatesAndLanguages checks that exact duplicates (the same URL, or the same cleaned
// text, under another id) are not stored, within one ingest and across ingests, and that an
// article in another language is stored uncoded with the reason.
func TestDuplicatesAndLanguages(t *testing.T) {
	ctx := context.Background()
	s := storetest.SQLite(t)
	news := storetest.News(6, 3)
	for i, a := range news {
		a.URL = fmt.Sprintf("https://example.org/news/%d", i)
	}
	sameText := *news[0]
	sameText.ID, sameText.URL = "copy-text", "https://mirror.example.net/0"
	sameText.Text = "Share this article\n\n" + sameText.Text // the same once cleaned
	sameURL := *news[1]
	sameURL.ID, sameURL.Text = "copy-url", news[1].Text+"\n\nAn update at the end of the article."
	german := &article.Article{ID: "de", URL: "https://example.de/1", Title: "Gespräche gescheitert",
		Text: "Der Minister sagte am Dienstag in Berlin, dass die Gespräche mit der Gewerkschaft über die Löhne gescheitert sind und dass es keine Einigung geben wird, bevor das neue Jahr beginnt."}
	first := append(slices.Clone(news[:3]), &sameText, german)
	st, err := ingest.Run(ctx, s, coder, seq(first), ingest.Options{BatchSize: 2})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 4 || st.Duplicates != 1 {
		t.Errorf("first ingest: %+v; want 4 stored, 1 duplicate", st)
	}
	st, err = ingest.Run(ctx, s, coder, seq(append(slices.Clone(news[3:]), &sameURL, &sameText)), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if st.Stored != 3 || st.Duplicates != 2 {
		t.Errorf("second ingest: %+v; want 3 stored, 2 duplicates", st)
	}
	c := counts(t, s)
	if c.Articles != 7 || c.Skipped != 1 {
		t.Errorf("counts %+v; want 7 articles, 1 skipped", c)
	}
	for _, id := range []string{"copy-text", "copy-url"} {
		if _, err := s.Article(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("duplicate %s: stored (%v)", id, err)
		}
	}
	de, err := s.Article(ctx, "de")
	if err != nil {
		t.Fatal(err)
	}
	if de.Lang != "de" || de.Skipped == "" || len(de.Events)+len(de.Sentences)+len(de.Entities) != 0 || de.Story != "" {
		t.Errorf("German article: lang %q, skipped %q, %d sentences, %d events, story %q",
			de.Lang, de.Skipped, len(de.Sentences), len(de.Events), de.Story)
	}
}

// TestStoriesAcrossIngests checks that an ingest in two parts puts articles in the stories an
// ingest in one go does: the second part goes on from the stories stored by the first.
func TestStoriesAcrossIngests(t *testing.T) {
	ctx := context.Background()
	arts := storetest.News(120, 5)
	whole := storetest.SQLite(t)
	if _, err := ingest.Run(ctx, whole, coder, seq(arts), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	parts := storetest.SQLite(t)
	for _, part := range [][]*article.Article{arts[:50], arts[50:]} {
		if _, err := ingest.Run(ctx, parts, coder, seq(part), ingest.Options{BatchSize: 7}); err != nil {
			t.Fatal(err)
		}
	}
	a, b := stories(t, whole), stories(t, parts)
	if len(a) == 0 || len(a) >= len(arts) {
		t.Fatalf("%d stories for %d articles", len(a), len(arts))
	}
	if !slices.Equal(a, b) {
		t.Errorf("stories in one ingest:\n%v\nin two:\n%v", a, b)
	}
}

func stories(t *testing.T, s store.Store) []store.Story {
	t.Helper()
	st, err := s.Stories(context.Background(), 0)
	if err != nil {
		t.Fatal(err)
	}
	return st
}
