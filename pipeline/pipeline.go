// Package pipeline composes dyad's stages — cleaning, linguistic annotation, and the coders that
// build on them — into a Coder that turns an article into a record, and runs it over a stream of
// articles on a pool of workers.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/clean"
	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/lang"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/quotes"
	"github.com/dyad-project/dyad/record"
)

// Coder turns articles into coded records. It is safe for concurrent use.
type Coder struct {
	nlp    *nlp.Annotator
	actors *actors.Index
	events *events.Coder
	date   time.Time
	docs   sync.Pool // *nlp.Doc, recycled between articles
}

// Options configure a Coder. The zero value uses the embedded models and dictionaries.
type Options struct {
	Actors *actors.Index // the actor knowledge base; nil for the embedded one
	Events *events.Coder // the event coder; nil for the embedded dictionary
	// Date stands in for the publication date of articles that have none: actors' roles are
	// resolved at it. Zero means the knowledge base's reference date.
	Date time.Time
}

// New returns a Coder.
func New(opt Options) *Coder {
	c := &Coder{nlp: nlp.NewAnnotator(), actors: opt.Actors, events: opt.Events, date: opt.Date}
	if c.actors == nil {
		c.actors = actors.Default()
	}
	if c.events == nil {
		c.events = events.Default()
	}
	return c
}

// Error reports an article that could not be coded.
type Error struct {
	Origin string // where the article was read
	Err    error
}

func (e *Error) Error() string { return e.Origin + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrNoText is returned for an article with no text left after cleaning.
var ErrNoText = errors.New("no article text (empty after removing site chrome)")

// Code codes one article.
func (c *Coder) Code(a *article.Article) (*record.Article, error) {
	if a.Text == "" && a.HTML != "" {
		// An HTML page: its main text and metadata are extracted first, into a copy.
		ac := *a
		a = &ac
		if err := article.Extract(a); err != nil && !errors.Is(err, article.ErrNoContent) {
			var ae *article.Error
			if errors.As(err, &ae) {
				err = ae.Err // the origin is named by Error
			}
			return nil, &Error{a.Origin, err}
		}
	}
	text, _ := clean.Body(a.Text)
	if text == "" {
		return nil, &Error{a.Origin, ErrNoText}
	}
	title := clean.Line(a.Title)
	rec := &record.Article{
		ID:       a.ID,
		Title:    title,
		Text:     text,
		URL:      a.URL,
		Source:   a.Source,
		Lang:     lang.Detect(text),
		Entities: []record.Entity{},
		Quotes:   []record.Quote{},
		Events:   []record.Event{},
	}
	if !a.Published.IsZero() {
		rec.Published = a.Published.UTC().Format("2006-01-02")
	}
	if rec.Lang != "en" && rec.Lang != lang.Undetermined {
		// The dictionaries and models are English: an article in another language is kept,
		// with its language, but coding it as English would invent events.
		rec.Skipped = "language " + rec.Lang + ": only English is coded"
		rec.Sentences = []record.Sentence{}
		return rec, nil
	}

	doc, _ := c.docs.Get().(*nlp.Doc)
	if doc == nil {
		doc = new(nlp.Doc)
	}
	doc.Text = text
	c.nlp.Annotate(doc)
	rec.Sentences = make([]record.Sentence, len(doc.Sentences))
	for i, s := range doc.Sentences {
		rec.Sentences[i] = record.Sentence{Start: s.Start, End: s.End}
	}
	date := a.Published
	if date.IsZero() {
		date = c.date
	}
	ms := c.actors.Find(doc, date)
	rec.Entities = entities(doc, ms)
	qs := quotes.Find(doc, ms)
	rec.Quotes = quoteRecords(doc, ms, qs, false)
	// Events are dated from the article's date, or the date given for undated articles; with
	// neither they carry no date.
	rec.Events = eventRecords(doc, credit(c.events.Code(doc, ms, date), qs, doc, ms))
	if title != "" {
		rec.Quotes = append(rec.Quotes, c.titleQuotes(title, date)...)
	}
	doc.Text = ""
	c.docs.Put(doc)
	return rec, nil
}

// entities turns actor mentions into the record's entities.
func entities(doc *nlp.Doc, ms []actors.Mention) []record.Entity {
	out := make([]record.Entity, 0, len(ms))
	for _, m := range ms {
		if m.Type == "" {
			continue // an unnamed actor, such as "his government"
		}
		e := record.Entity{Text: doc.Text[m.Start:m.End], Type: m.Type, Start: m.Start, End: m.End}
		if m.Kind == actors.KindRole {
			e.Subtype = "nominal" // a role phrase standing for a person: "the Kremlin spokesman"
		}
		if m.Code != "" {
			e.Actor = &record.Actor{Name: m.Name, Code: m.Code, Country: m.Country}
		}
		out = append(out, e)
	}
	return out
}

// titleQuotes returns the quotes of an article's title, with offsets into the title.
func (c *Coder) titleQuotes(title string, date time.Time) []record.Quote {
	doc := &nlp.Doc{Text: title}
	c.nlp.Annotate(doc)
	ms := c.actors.Find(doc, date)
	return quoteRecords(doc, ms, quotes.Find(doc, ms), true)
}

// quoteRecords turns found quotes into the record's quotes, resolving speakers to actors.
func quoteRecords(doc *nlp.Doc, ms []actors.Mention, qs []quotes.Quote, inTitle bool) []record.Quote {
	out := make([]record.Quote, 0, len(qs))
	for _, q := range qs {
		r := record.Quote{
			Text:       doc.Text[q.Content.Start:q.Content.End],
			Start:      q.Content.Start,
			End:        q.Content.End,
			Direct:     q.Direct,
			Scare:      q.Scare,
			InTitle:    inTitle,
			Confidence: q.Confidence,
		}
		if q.Cue.End > q.Cue.Start {
			r.Cue = doc.Text[q.Cue.Start:q.Cue.End]
		}
		if sp := q.Speaker; sp != nil {
			r.Speaker = &record.Speaker{Text: doc.Text[sp.Start:sp.End], Start: sp.Start, End: sp.End}
			if m := resolved(ms, sp.Mention); m != nil {
				r.Speaker.Name, r.Speaker.Code, r.Speaker.Country = m.Name, m.Code, m.Country
			}
		}
		out = append(out, r)
	}
	return out
}

// resolved returns mention i, or the mention it refers back to when it names no actor itself.
func resolved(ms []actors.Mention, i int) *actors.Mention {
	for n := 0; i >= 0 && i < len(ms) && n < 4; n++ {
		if ms[i].Code != "" || ms[i].Name != "" || ms[i].Ref < 0 {
			return &ms[i]
		}
		i = ms[i].Ref
	}
	return nil
}

// credit gives quoted events to the quote's speaker: a statement whose verb is the quote's cue
// ('"...", said X' — X said it), and the events said inside a direct quotation that name no
// source ("We will not withdraw", said X — X is the one who will not).
func credit(evs []events.Event, qs []quotes.Quote, doc *nlp.Doc, ms []actors.Mention) []events.Event {
	for i := range evs {
		e := &evs[i]
		statement := strings.HasPrefix(e.Code, "01")
		if e.Source != nil && !statement {
			continue
		}
		for _, q := range qs {
			if q.Speaker == nil {
				continue
			}
			cue := statement && e.Start < q.Cue.End && q.Cue.Start < e.End
			inside := q.Direct && e.Source == nil && e.Start >= q.Content.Start && e.End <= q.Content.End
			if !cue && !inside {
				continue
			}
			m := resolved(ms, q.Speaker.Mention)
			if m == nil || m.Code == "" {
				continue
			}
			e.Source = &events.Actor{Span: q.Speaker.Span, Name: m.Name, Code: m.PhraseCode, Country: m.Country, Mention: q.Speaker.Mention}
			if e.Source.Code == "" {
				e.Source.Code = m.Code
			}
			if e.Target != nil && e.Target.Span.Overlaps(q.Speaker.Span) {
				e.Target = nil // '"...", said X': X is who said it, not whom
			}
		}
	}
	return evs
}

// eventRecords turns coded events into the record's events, with the ontology's values.
func eventRecords(doc *nlp.Doc, evs []events.Event) []record.Event {
	out := make([]record.Event, 0, len(evs))
	for _, e := range evs {
		code, ok := events.Lookup(e.Code)
		if !ok {
			// A user's own dictionary may use codes outside CAMEO: keep them, with what the
			// code's digits tell.
			code = events.Code{Code: e.Code, Root: e.Code[:min(2, len(e.Code))]}
		}
		s := doc.Sentences[e.Sentence]
		r := record.Event{
			Code:       code.Code,
			Root:       code.Root,
			Plover:     code.Plover,
			Goldstein:  code.Goldstein,
			QuadClass:  code.QuadClass,
			Source:     participant(doc, e.Source),
			Target:     participant(doc, e.Target),
			Sentence:   e.Sentence,
			Start:      e.Start,
			End:        e.End,
			Evidence:   doc.Text[s.Start:s.End],
			Negated:    e.Negated,
			Modality:   e.Modality,
			Confidence: e.Confidence,
		}
		if !e.Date.IsZero() {
			r.Date = e.Date.Format("2006-01-02")
		}
		if e.Location != nil {
			r.Location = &record.Location{Name: doc.Text[e.Location.Start:e.Location.End], Country: e.Location.Country}
		}
		out = append(out, r)
	}
	return out
}

func participant(doc *nlp.Doc, a *events.Actor) *record.Participant {
	if a == nil {
		return nil
	}
	return &record.Participant{Text: doc.Text[a.Start:a.End], Name: a.Name, Code: a.Code, Country: a.Country}
}

// Run codes the articles of src on workers goroutines (GOMAXPROCS when workers ≤ 0) and calls
// sink with each record in input order. Failures to read or code an article are passed to onErr,
// also in input order, and the run goes on. Run returns when src is exhausted, when ctx is
// cancelled, or when sink returns an error, which Run returns.
func (c *Coder) Run(ctx context.Context, src iter.Seq2[*article.Article, error], workers int,
	sink func(*record.Article) error, onErr func(error)) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type job struct {
		seq int
		a   *article.Article
		rec *record.Article
		err error
	}
	window := make(chan struct{}, 4*workers) // bounds the articles in flight
	jobs := make(chan *job)
	done := make(chan *job, 4*workers)

	go func() { // read
		defer close(jobs)
		seq := 0
		for a, err := range src {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			j := &job{seq: seq, a: a, err: err}
			seq++
			select {
			case jobs <- j:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range workers { // code
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if j.err == nil {
					j.rec, j.err = c.Code(j.a)
				}
				j.a = nil
				done <- j
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()

	// Emit in input order.
	pending := map[int]*job{}
	next := 0
	var sinkErr error
	for j := range done {
		pending[j.seq] = j
		for {
			j, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			<-window
			if sinkErr != nil {
				continue
			}
			if j.err != nil {
				onErr(j.err)
			} else if err := sink(j.rec); err != nil {
				sinkErr = fmt.Errorf("writing %s: %w", j.rec.ID, err)
				cancel()
			}
		}
	}
	if sinkErr != nil {
		return sinkErr
	}
	return ctx.Err()
}
