// Package ingest codes a stream of articles into a store: it skips the articles already stored
// with the same content, codes the others on a pool of workers, writes them in batches (one
// transaction each), and records what could not be read or coded in the store's errors table.
//
// An ingest can be stopped at any moment: a batch is written whole or not at all, and running
// the ingest again on the same input skips what was written, so it goes on where it stopped
// without losing or duplicating an article.
package ingest

import (
	"context"
	"errors"
	"iter"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/clean"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/story"
)

// DefaultBatchSize is the number of articles written in one transaction when
// Options.BatchSize is not set.
const DefaultBatchSize = 500

// maxBatchBytes bounds the text of a batch, so that a batch of long articles stays small.
const maxBatchBytes = 32 << 20

// Options configure Run.
type Options struct {
	Workers   int  // articles coded in parallel; GOMAXPROCS when ≤ 0
	BatchSize int  // articles per transaction; DefaultBatchSize when ≤ 0
	Force     bool // code and write again the articles already stored with the same content
	// OnError, when set, is called with every input record that could not be read or coded,
	// in input order, as it is found (it is recorded in the store with the next batch).
	OnError func(store.ErrorRecord)
	// Counters, when set, are updated as the ingest goes, for progress reports.
	Counters *Counters
	// NoStories leaves the articles out of story clustering: their Story stays empty.
	NoStories bool
}

// WarmArticles is the number of articles stored last that an ingest reads back, before it
// writes, to go on clustering stories where the previous ingest stopped.
const WarmArticles = 5000

// Stats count what an ingest did.
type Stats struct {
	Read    int64 // articles read, skipped ones included
	Bytes   int64 // bytes of article text (or HTML) read
	Skipped int64 // articles already stored with the same content
	Stored  int64 // articles written
	// Duplicates are articles not written because a stored article, or an earlier one of the
	// same ingest, has the same URL or the same cleaned text under another id.
	Duplicates int64
	Failed     int64 // records that could not be read or coded
	Batches    int64 // transactions committed
}

// Counters are the live counts of a running ingest. They are safe to read at any time.
type Counters struct {
	read, bytes, skipped, stored, duplicates, failed, batches atomic.Int64
}

// Stats returns the counts so far.
func (c *Counters) Stats() Stats {
	return Stats{Read: c.read.Load(), Bytes: c.bytes.Load(), Skipped: c.skipped.Load(), Stored: c.stored.Load(),
		Duplicates: c.duplicates.Load(), Failed: c.failed.Load(), Batches: c.batches.Load()}
}

// Hash returns the content hash that the record of a will have (see store.ContentHash): it
// extracts the text of an HTML page and cleans the title and text as pipeline.Coder does.
func Hash(a *article.Article) string {
	if a.Text == "" && a.HTML != "" {
		ac := *a
		a = &ac
		article.Extract(a) // on failure the text stays empty, and the article is not coded either
	}
	text, _ := clean.Body(a.Text)
	published := ""
	if !a.Published.IsZero() {
		published = a.Published.UTC().Format(time.DateOnly)
	}
	return store.ContentHash(clean.Line(a.Title), text, a.URL, a.Source, published)
}

// ErrorRecord turns an error of reading or coding an article into the record of the errors
// table.
func ErrorRecord(err error) store.ErrorRecord {
	var ae *article.Error
	if errors.As(err, &ae) {
		return store.ErrorRecord{Source: ae.Path, Position: ae.Line, Reason: ae.Err.Error()}
	}
	var pe *pipeline.Error
	if errors.As(err, &pe) {
		src, pos := pe.Origin, 0
		if i := strings.LastIndexByte(src, ':'); i > 0 {
			if n, err := strconv.Atoi(src[i+1:]); err == nil && n > 0 {
				src, pos = src[:i], n
			}
		}
		return store.ErrorRecord{Source: src, Position: pos, Reason: pe.Err.Error()}
	}
	return store.ErrorRecord{Reason: err.Error()}
}

// batch is what the writer writes in one go.
type batch struct {
	arts []*record.Article
	errs []store.ErrorRecord
}

// Run reads src, codes what is not stored yet with coder, and writes it into st. It returns
// when src is exhausted, when writing fails, or when ctx is cancelled; in that last case the
// articles already coded are written before Run returns ctx.Err(). Records that cannot be read
// or coded are counted, passed to opt.OnError and recorded in st; they do not stop the ingest.
func Run(ctx context.Context, st store.Store, coder *pipeline.Coder, src iter.Seq2[*article.Article, error], opt Options) (Stats, error) {
	c := opt.Counters
	if c == nil {
		c = new(Counters)
	}
	size := opt.BatchSize
	if size <= 0 {
		size = DefaultBatchSize
	}
	// Writes are not cancelled with ctx: a batch that was coded is written.
	wctx := context.WithoutCancel(ctx)

	// The writer: it leaves out duplicates, puts the articles in stories, and writes, a batch
	// at a time and in input order, so that both are decided the same way on every run.
	var stories *story.Clusterer
	if !opt.NoStories {
		var err error
		if stories, err = warmStories(ctx, st); err != nil {
			return c.Stats(), err
		}
	}
	batches := make(chan batch, 1)
	var writeErr atomic.Pointer[error]
	written := make(chan struct{})
	go func() {
		defer close(written)
		for b := range batches {
			if writeErr.Load() != nil {
				continue
			}
			arts, dups, err := withoutDuplicates(wctx, st, b.arts)
			if err != nil {
				writeErr.Store(&err)
				continue
			}
			b.arts = arts
			if stories != nil {
				if err := addStories(wctx, st, stories, b.arts); err != nil {
					writeErr.Store(&err)
					continue
				}
			}
			if err := write(wctx, st, b); err != nil {
				writeErr.Store(&err)
				continue
			}
			c.duplicates.Add(int64(dups))
			c.stored.Add(int64(len(b.arts)))
			c.batches.Add(1)
		}
	}()

	var cur batch
	var curBytes int
	flush := func() {
		if len(cur.arts)+len(cur.errs) > 0 {
			batches <- cur
		}
		cur, curBytes = batch{}, 0
	}
	var lookupErr error
	sink := func(r *record.Article) error {
		if p := writeErr.Load(); p != nil {
			return *p
		}
		cur.arts = append(cur.arts, r)
		curBytes += len(r.Text)
		if len(cur.arts) >= size || curBytes >= maxBatchBytes {
			flush()
		}
		return nil
	}
	onErr := func(err error) {
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return // the end of an interrupted read, not a bad record
		}
		c.failed.Add(1)
		e := ErrorRecord(err)
		e.Time = time.Now()
		cur.errs = append(cur.errs, e)
		if opt.OnError != nil {
			opt.OnError(e)
		}
		if len(cur.errs) >= size {
			flush()
		}
	}
	in := counted(src, c)
	if !opt.Force {
		in = unstored(ctx, in, st, c, &lookupErr)
	}
	err := coder.Run(ctx, in, opt.Workers, sink, onErr)
	flush()
	close(batches)
	<-written
	if p := writeErr.Load(); p != nil {
		return c.Stats(), *p
	}
	if lookupErr != nil {
		return c.Stats(), lookupErr
	}
	return c.Stats(), err
}

// warmStories returns a story clusterer that holds the articles stored last with their stories.
func warmStories(ctx context.Context, st store.Store) (*story.Clusterer, error) {
	c := story.NewClusterer(story.Options{})
	recent, err := st.Recent(ctx, WarmArticles)
	if err != nil {
		return nil, err
	}
	for _, a := range recent {
		if a.Story != "" {
			c.Restore(a.ID, a.Story, story.FromRecord(a))
		}
	}
	return c, nil
}

// addStories puts the coded articles of arts in stories: an article stored before keeps its
// story, the others are clustered.
func addStories(ctx context.Context, st store.Store, c *story.Clusterer, arts []*record.Article) error {
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	had, err := st.StoriesOf(ctx, ids)
	if err != nil {
		return err
	}
	for _, a := range arts {
		switch s, ok := had[a.ID]; {
		case a.Skipped != "":
		case ok:
			a.Story = s
		default:
			c.AddRecord(a)
		}
	}
	return nil
}

// withoutDuplicates returns arts without the exact duplicates — articles whose URL or cleaned
// text a stored article under another id has, or an article before them in arts — and their
// number.
func withoutDuplicates(ctx context.Context, st store.Store, arts []*record.Article) ([]*record.Article, int, error) {
	urls := make([]string, len(arts))
	texts := make([]string, len(arts))
	for i, a := range arts {
		urls[i], texts[i] = a.URL, store.TextHash(a.Text)
	}
	byURL, byText, err := st.Duplicates(ctx, urls, texts)
	if err != nil {
		return nil, 0, err
	}
	out := arts[:0:0]
	for i, a := range arts {
		if id, ok := byURL[urls[i]]; ok && id != a.ID {
			continue
		}
		if id, ok := byText[texts[i]]; ok && id != a.ID {
			continue
		}
		// Later articles of the batch are duplicates of this one.
		if urls[i] != "" {
			byURL[urls[i]] = a.ID
		}
		if texts[i] != "" {
			byText[texts[i]] = a.ID
		}
		out = append(out, a)
	}
	return out, len(arts) - len(out), nil
}

// write writes a batch: its articles in one transaction, then its errors.
func write(ctx context.Context, st store.Store, b batch) error {
	if err := st.PutArticles(ctx, b.arts); err != nil {
		return err
	}
	for _, e := range b.errs {
		if err := st.PutError(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// counted counts the articles of src and their bytes.
func counted(src iter.Seq2[*article.Article, error], c *Counters) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		for a, err := range src {
			if a != nil {
				c.read.Add(1)
				c.bytes.Add(int64(len(a.Text) + len(a.HTML)))
			}
			if !yield(a, err) {
				return
			}
		}
	}
}

// lookupChunk is the number of articles whose stored hashes are asked for at once.
const lookupChunk = 256

// unstored leaves out of src the articles stored with the same content hash, keeping the order
// of the rest and of the errors. A failure to look hashes up ends the sequence and is set in
// *failed.
func unstored(ctx context.Context, src iter.Seq2[*article.Article, error], st store.Store, c *Counters, failed *error) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		var pending []*article.Article
		// release yields the pending articles that are not stored; it reports whether to go on.
		release := func() bool {
			if len(pending) == 0 {
				return true
			}
			ids := make([]string, len(pending))
			for i, a := range pending {
				ids[i] = a.ID
			}
			stored, err := st.ContentHashes(ctx, ids)
			if err != nil {
				if ctx.Err() == nil {
					*failed = err
				}
				return false
			}
			ps := pending
			pending = pending[:0:0]
			for _, a := range ps {
				if h, ok := stored[a.ID]; ok && h == Hash(a) {
					c.skipped.Add(1)
					continue
				}
				if !yield(a, nil) {
					return false
				}
			}
			return true
		}
		for a, err := range src {
			if err != nil {
				if !release() || !yield(nil, err) {
					return
				}
				continue
			}
			pending = append(pending, a)
			if len(pending) >= lookupChunk && !release() {
				return
			}
		}
		release()
	}
}
