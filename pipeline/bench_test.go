package pipeline

import (
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/clean"
	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/quotes"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/shared"
)

// benchArticles codes articles one after another on one goroutine and reports MB/s (from
// SetBytes), sentences/s and allocations per article (allocs/op divided by len(as)).
func benchArticles(b *testing.B, as []*article.Article) {
	c := New(Options{})
	var size int64
	for _, a := range as {
		size += int64(len(a.Text))
	}
	sentences := 0
	for _, a := range as {
		r, err := c.Code(a)
		if err != nil {
			continue
		}
		sentences += len(r.Sentences)
	}
	b.SetBytes(size)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, a := range as {
			c.Code(a)
		}
	}
	b.StopTimer()
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(sentences)*float64(b.N)/sec, "sentences/s")
	b.ReportMetric(float64(len(as))*float64(b.N)/sec, "articles/s")
}

// BenchmarkCodeReuters codes the 19,000-odd stories of Reuters-21578.
func BenchmarkCodeReuters(b *testing.B) {
	dir := shared.Path(b, "corpus/reuters21578")
	titles, bodies, err := corpus.Reuters(dir)
	if err != nil {
		b.Fatal(err)
	}
	as := make([]*article.Article, len(bodies))
	for i := range bodies {
		as[i] = &article.Article{ID: article.ContentID(titles[i], bodies[i], ""), Title: titles[i], Text: bodies[i]}
	}
	benchArticles(b, as)
}

// BenchmarkCodeBBC codes the 2,225 BBC articles, read as plain-text files.
func BenchmarkCodeBBC(b *testing.B) {
	dir := shared.Path(b, "corpus/bbc")
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".txt" {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	var as []*article.Article
	for a, err := range article.Read(b.Context(), files, article.Options{}) {
		if err == nil {
			as = append(as, a)
		}
	}
	if len(as) == 0 {
		b.Fatal("no BBC articles read")
	}
	benchArticles(b, as)
}

// BenchmarkStages times each stage of the pipeline over the Reuters stories, so that their
// shares of the whole can be read side by side: every sub-benchmark reports MB/s over the same
// text. Inputs of a stage are prepared by the stages before it, outside the timer.
func BenchmarkStages(b *testing.B) {
	dir := shared.Path(b, "corpus/reuters21578")
	_, bodies, err := corpus.Reuters(dir)
	if err != nil {
		b.Fatal(err)
	}
	bodies = bodies[:4000]
	var size int64
	texts := make([]string, len(bodies))
	for i, body := range bodies {
		texts[i], _ = clean.Body(body)
		size += int64(len(texts[i]))
	}
	ann := nlp.NewAnnotator()
	docs := make([]*nlp.Doc, len(texts))
	for i, t := range texts {
		docs[i] = &nlp.Doc{Text: t}
		ann.Annotate(docs[i])
	}
	ix := actors.Default()
	ms := make([][]actors.Mention, len(docs))
	for i, d := range docs {
		ms[i] = ix.Find(d, time.Time{})
	}
	ev := events.Default()
	stages := []struct {
		name string
		run  func()
	}{
		{"clean", func() {
			for _, body := range bodies {
				clean.Body(body)
			}
		}},
		{"annotate", func() {
			d := new(nlp.Doc)
			for _, t := range texts {
				d.Text = t
				ann.Annotate(d)
			}
		}},
		{"actors", func() {
			for _, d := range docs {
				ix.Find(d, time.Time{})
			}
		}},
		{"events", func() {
			for i, d := range docs {
				ev.Code(d, ms[i], time.Time{})
			}
		}},
		{"quotes", func() {
			for i, d := range docs {
				quotes.Find(d, ms[i])
			}
		}},
	}
	for _, st := range stages {
		b.Run(st.name, func(b *testing.B) {
			b.SetBytes(size)
			b.ReportAllocs()
			for range b.N {
				st.run()
			}
		})
	}
}
