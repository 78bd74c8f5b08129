// Package feeds polls RSS, Atom and JSON feeds and fetches the articles they announce.
//
// A [Poller] is given feed addresses (http or https), feed files, and OPML files that list
// feeds. Each call of [Poller.Poll] is one round: it fetches every feed that is due (with a
// conditional request, so that a feed that has not changed costs a 304 answer), finds the items
// that are new (not handed on before, and not in the [Store]), fetches their pages, and yields
// each page as an [article.Article] with its HTML, in feed order then item order. What fails
// (a feed or a page that cannot be fetched or read) is yielded as an [*article.Error] naming the
// address and the reason, and the round goes on. [Poller.Wait] sleeps until the next feed is
// due. A feed file is read once, in the first round.
package feeds

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/fetch"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// DefaultInterval is the time between two polls of a feed when Options.Interval is not set.
const DefaultInterval = 15 * time.Minute

// MaxInterval bounds how far a feed may lengthen the interval between its polls, by its <ttl>,
// its Cache-Control max-age or a Retry-After; a longer Options.Interval is kept as it is.
const MaxInterval = 24 * time.Hour

// DefaultWorkers is the number of fetches in flight when Options.Workers is not set.
const DefaultWorkers = 8

// Store tells which articles are stored already. [store.Store] satisfies it.
//
// [store.Store]: https://pkg.go.dev/github.com/dyad-project/dyad/store#Store
type Store interface {
	// ContentHashes returns the content hash of each of ids that is stored; an id that is a
	// key of the result is stored.
	ContentHashes(ctx context.Context, ids []string) (map[string]string, error)
}

// Options configure a Poller. The zero value is ready to use.
type Options struct {
	// Client fetches feeds and pages; a fetch.Client with its defaults when nil.
	Client *fetch.Client
	// Store, when set, is asked which items are stored already: those are not fetched.
	Store Store
	// Interval is the time between two polls of a feed; DefaultInterval when ≤ 0. A feed's
	// <ttl>, its Cache-Control max-age, or a Retry-After answer may lengthen it, up to
	// MaxInterval.
	Interval time.Duration
	// Workers is the number of fetches in flight, across hosts (the Client limits those to
	// each host); DefaultWorkers when ≤ 0.
	Workers int
	// Logger receives a line per round, and a debug line per feed; nothing when nil.
	Logger *slog.Logger
}

// Poller polls feeds. It is made by [NewPoller]. A Poller is not safe for concurrent use: the
// sequence of one Poll must have ended before any other method is called.
type Poller struct {
	client   *fetch.Client
	store    Store
	interval time.Duration
	workers  int
	log      *slog.Logger

	mu    sync.Mutex // guards the due times, which Next reads
	feeds []*feed
}

// feed is the state of one feed.
type feed struct {
	loc      string // the address, or the path of a file
	file     bool
	due      time.Time // when it is to be polled next
	done     bool      // a file, read
	etag     string    // validators of the last answer, for a conditional request
	modified string
	ttl      time.Duration   // the <ttl> of the last document
	items    []item          // the items of the last document
	seen     map[string]bool // ids of items handed on, found stored, or failed for good
}

// item is an entry of a feed with a link.
type item struct {
	id, link, title string
	published       time.Time
}

// NewPoller returns a Poller of the feeds at locations: each is the http or https address of
// a feed, the path of a feed file (gzip-compressed when its name ends in ".gz"), or the path
// of an OPML file, whose feeds (see [ParseOPML]) are polled instead. A feed named twice is
// polled once. The error names a file that cannot be read, an OPML file that is not valid or
// lists no feed, or a location that is an address but not an http or https one.
func NewPoller(locations []string, opt Options) (*Poller, error) {
	p := &Poller{
		client:   opt.Client,
		store:    opt.Store,
		interval: opt.Interval,
		workers:  opt.Workers,
		log:      opt.Logger,
	}
	if p.client == nil {
		p.client = new(fetch.Client)
	}
	if p.interval <= 0 {
		p.interval = DefaultInterval
	}
	if p.workers <= 0 {
		p.workers = DefaultWorkers
	}
	if p.log == nil {
		p.log = slog.New(slog.DiscardHandler)
	}
	seen := make(map[string]bool)
	add := func(loc string, file bool) {
		if !seen[loc] {
			seen[loc] = true
			p.feeds = append(p.feeds, &feed{loc: loc, file: file, seen: make(map[string]bool)})
		}
	}
	for _, loc := range locations {
		loc = strings.TrimSpace(loc)
		if u := feedURL(loc); u != "" {
			add(u, false)
			continue
		}
		if i := strings.Index(loc, "://"); i > 0 && !strings.ContainsAny(loc[:i], `/\.`) {
			return nil, fmt.Errorf("feed %q: not an http or https address", loc)
		}
		data, err := readFile(loc)
		if err != nil {
			return nil, err
		}
		if rootElement(data) != "opml" {
			add(loc, true)
			continue
		}
		urls, err := ParseOPML(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", loc, err)
		}
		if len(urls) == 0 {
			return nil, fmt.Errorf("reading %s: the OPML document lists no http or https feed", loc)
		}
		for _, u := range urls {
			add(u, false)
		}
	}
	return p, nil
}

// readFile reads a feed or OPML file, decompressing a .gz one, up to article.DefaultMaxBytes.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", path, err)
		}
		defer zr.Close()
		r = zr
	}
	data, err := io.ReadAll(io.LimitReader(r, article.DefaultMaxBytes))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", path, err)
	}
	return data, nil
}

// Feeds returns the feeds polled, in order: addresses, and paths of feed files.
func (p *Poller) Feeds() []string {
	out := make([]string, len(p.feeds))
	for i, f := range p.feeds {
		out[i] = f.loc
	}
	return out
}

// Next returns when the next feed is due. It reports false when no feed will ever be (every
// feed is a file, and has been read).
func (p *Poller) Next() (time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var next time.Time
	ok := false
	for _, f := range p.feeds {
		if f.done {
			continue
		}
		if !ok || f.due.Before(next) {
			next, ok = f.due, true
		}
	}
	return next, ok
}

// Wait sleeps until the next feed is due. It reports false, at once, when no feed will ever
// be due, and when ctx is done.
func (p *Poller) Wait(ctx context.Context) bool {
	next, ok := p.Next()
	if !ok {
		return false
	}
	t := time.NewTimer(time.Until(next))
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// entry is something a round yields: an error about a feed, or an item whose page is to be
// fetched.
type entry struct {
	feed *feed
	err  error
	item item
}

// Poll polls once every feed that is due (or nearly: within a twentieth of the interval, at
// most a minute), and yields the new items' pages as articles, in the
// order of the feeds and of their items; see the package documentation. An article has the ID
// [ItemID] of the item's link, the URL of the page (after redirects), the HTML decoded to
// UTF-8, the item's title as Title when the page has no title of its own (no <title>,
// og:title or <h1>), the item's date as Published (text extraction replaces it by an earlier
// date that the page gives), and as Origin the feed's address (or file) and the item's link,
// separated by a space. Text extraction is left to the consumer ([article.Extract]).
//
// A feed or page that cannot be fetched or read is yielded as an [*article.Error] whose Path
// is its address (the item's link, for a page) and whose Err is the reason (see package
// fetch). A page that failed for good (a 4xx status other than 408 and 429, not HTML, too
// large, too many redirects) is not fetched again by this Poller; others are tried again at
// the feed's next poll. When the Store cannot be asked, the error is yielded and the round
// ends. When ctx is done, the sequence yields ctx.Err() and ends.
func (p *Poller) Poll(ctx context.Context) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}
		start := time.Now()
		// Feeds due very soon are polled now too, so that feeds polled together stay together
		// instead of each waking the poller on its own.
		horizon := start.Add(min(p.interval/20, time.Minute))
		var due []*feed
		p.mu.Lock()
		for _, f := range p.feeds {
			if !f.done && !f.due.After(horizon) {
				due = append(due, f)
			}
		}
		p.mu.Unlock()
		if len(due) == 0 {
			return
		}

		// The feeds, fetched at once.
		docs := make([]doc, len(due))
		inOrder(ctx, len(due), p.workers, func(ctx context.Context, i int) doc {
			return p.fetchFeed(ctx, due[i])
		}, func(i int, d doc) bool {
			docs[i] = d
			return true
		})
		if err := ctx.Err(); err != nil {
			yield(nil, err)
			return
		}

		// Their new items.
		var entries []entry
		inRound := make(map[string]bool)
		failed, unchanged := 0, 0
		p.mu.Lock()
		for i, f := range due {
			d := docs[i]
			f.update(d, start, p.interval)
			if d.err != nil {
				failed++
				entries = append(entries, entry{feed: f, err: &article.Error{Path: f.loc, Err: reason(d.err)}})
				continue
			}
			if d.notModified {
				unchanged++
			}
			n := 0
			for _, it := range f.items {
				if f.seen[it.id] || inRound[it.id] {
					continue
				}
				inRound[it.id] = true
				entries = append(entries, entry{feed: f, item: it})
				n++
			}
			p.log.Debug("feed polled", "feed", f.loc, "status", d.status, "items", len(f.items), "new", n, "next", f.due.Format(time.RFC3339))
		}
		p.mu.Unlock()

		// Less those that are stored.
		if p.store != nil && len(inRound) > 0 {
			ids := make([]string, 0, len(inRound))
			for _, e := range entries {
				if e.err == nil {
					ids = append(ids, e.item.id)
				}
			}
			stored, err := p.store.ContentHashes(ctx, ids)
			if err != nil {
				if ctx.Err() != nil {
					err = ctx.Err()
				} else {
					err = fmt.Errorf("looking up stored items: %w", err)
				}
				yield(nil, err)
				return
			}
			kept := entries[:0]
			for _, e := range entries {
				if e.err == nil {
					if _, ok := stored[e.item.id]; ok {
						e.feed.seen[e.item.id] = true
						continue
					}
				}
				kept = append(kept, e)
			}
			entries = kept
		}
		pages := 0
		for _, e := range entries {
			if e.err == nil {
				pages++
			}
		}
		p.log.Info("feeds polled", "feeds", len(due), "unchanged", unchanged, "failed", failed, "new_items", pages)

		// Their pages, fetched at once and handed on in order.
		type page struct {
			a   *article.Article
			err error
		}
		stopped := false
		inOrder(ctx, len(entries), p.workers, func(ctx context.Context, i int) page {
			e := entries[i]
			if e.err != nil {
				return page{err: e.err}
			}
			a, err := p.page(ctx, e)
			return page{a, err}
		}, func(i int, pg page) bool {
			e := entries[i]
			if err := ctx.Err(); err != nil {
				yield(nil, err)
				stopped = true
				return false
			}
			switch {
			case e.err != nil:
			case pg.err != nil:
				if !temporary(pg.err) {
					e.feed.seen[e.item.id] = true
				}
				pg.err = &article.Error{Path: e.item.link, Err: reason(pg.err)}
			default:
				e.feed.seen[e.item.id] = true
			}
			if !yield(pg.a, pg.err) {
				stopped = true
				return false
			}
			return true
		})
		if err := ctx.Err(); err != nil && !stopped {
			yield(nil, err)
		}
	}
}

// doc is the result of fetching a feed.
type doc struct {
	status      int // the HTTP status; 0 for a file
	notModified bool
	feed        *article.Feed // nil when not modified, or on error
	header      http.Header
	ttl         time.Duration
	err         error
}

// fetchFeed fetches and parses a feed.
func (p *Poller) fetchFeed(ctx context.Context, f *feed) doc {
	if f.file {
		feed, err := article.ReadFeedFile(f.loc)
		if err != nil {
			var ae *article.Error
			if errors.As(err, &ae) {
				err = ae.Err // named again by the error yielded
			}
			return doc{err: err}
		}
		return doc{feed: feed}
	}
	h := make(http.Header)
	if f.etag != "" {
		h.Set("If-None-Match", f.etag)
	}
	if f.modified != "" {
		h.Set("If-Modified-Since", f.modified)
	}
	r, err := p.client.Feed(ctx, f.loc, h)
	if err != nil {
		return doc{err: err}
	}
	d := doc{status: r.StatusCode, header: r.Header, notModified: r.NotModified()}
	if d.notModified {
		return d
	}
	d.feed, d.err = article.ParseFeed(bytes.NewReader(r.Body))
	if d.err == nil {
		d.ttl = rssTTL(r.Body)
	}
	return d
}

// update takes in the result d of a poll of f made at now: its items, its validators, and when
// it is due next.
func (f *feed) update(d doc, now time.Time, interval time.Duration) {
	if f.file {
		f.done = true
	}
	var longer time.Duration
	switch {
	case d.err != nil:
		var se *fetch.StatusError
		if errors.As(d.err, &se) {
			longer = se.RetryAfter
		}
	case d.notModified:
		longer = max(maxAge(d.header), f.ttl)
		if et := d.header.Get("ETag"); et != "" {
			f.etag = et
		}
	default:
		f.etag, f.modified, f.ttl = "", "", d.ttl
		if d.header != nil {
			f.etag, f.modified = d.header.Get("ETag"), d.header.Get("Last-Modified")
		}
		longer = max(maxAge(d.header), f.ttl)
		f.items = f.items[:0]
		ids := make(map[string]bool)
		for _, it := range d.feed.Items {
			if it.URL == "" {
				continue // nothing to fetch
			}
			id := ItemID(it.URL)
			if ids[id] {
				continue
			}
			ids[id] = true
			f.items = append(f.items, item{id: id, link: it.URL, title: it.Title, published: it.Published})
		}
		// What left the feed will not come back: forget it.
		for id := range f.seen {
			if !ids[id] {
				delete(f.seen, id)
			}
		}
	}
	next := interval
	if longer > next {
		next = min(longer, max(interval, MaxInterval))
	}
	f.due = now.Add(next)
}

// page fetches the page of an item and makes it an article.
func (p *Poller) page(ctx context.Context, e entry) (*article.Article, error) {
	r, err := p.client.Page(ctx, e.item.link)
	if err != nil {
		return nil, err
	}
	a := &article.Article{
		ID:        e.item.id,
		URL:       r.URL,
		Published: e.item.published,
		HTML:      article.DecodeHTML(r.Body, r.Header.Get("Content-Type")),
		Origin:    e.feed.loc + " " + e.item.link,
	}
	if !hasTitle(a.HTML) {
		a.Title = e.item.title
	}
	return a, nil
}

// reason returns the reason of a fetch error, whose address the caller names.
func reason(err error) error {
	var fe *fetch.Error
	if errors.As(err, &fe) {
		return fe.Err
	}
	return err
}

// temporary reports whether fetching a page again later may succeed where it failed with err.
func temporary(err error) bool {
	var se *fetch.StatusError
	if errors.As(err, &se) {
		return se.Temporary()
	}
	return !errors.Is(err, fetch.ErrNotHTML) && !errors.Is(err, article.ErrTooLarge) && !errors.Is(err, fetch.ErrRedirects)
}

// maxAge returns the max-age of a Cache-Control header, or 0.
func maxAge(h http.Header) time.Duration {
	for _, v := range h.Values("Cache-Control") {
		for d := range strings.SplitSeq(v, ",") {
			k, val, ok := strings.Cut(strings.TrimSpace(d), "=")
			if !ok || !strings.EqualFold(k, "max-age") {
				continue
			}
			if n, err := strconv.ParseInt(strings.Trim(val, `"`), 10, 64); err == nil && n > 0 {
				return time.Duration(min(n, int64(MaxInterval/time.Second))) * time.Second
			}
		}
	}
	return 0
}

// rssTTL returns the <ttl> of an RSS channel (minutes) as a duration, or 0.
func rssTTL(data []byte) time.Duration {
	d := newDecoder(bytes.NewReader(data))
	var path []string
	for {
		tok, err := d.Token()
		if err != nil {
			return 0
		}
		switch t := tok.(type) {
		case xml.StartElement:
			name := strings.ToLower(t.Name.Local)
			if name == "item" || name == "entry" {
				return 0 // the channel's elements come before its items
			}
			path = append(path, name)
			if name == "ttl" && len(path) >= 2 && path[len(path)-2] == "channel" {
				var s string
				if d.DecodeElement(&s, &t) != nil {
					return 0
				}
				n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
				if err != nil || n <= 0 {
					return 0
				}
				return time.Duration(min(n, int64(MaxInterval/time.Minute))) * time.Minute
			}
		case xml.EndElement:
			if len(path) > 0 {
				path = path[:len(path)-1]
			}
		}
	}
}

// hasTitle reports whether an HTML page has a title of its own: a <title>, an og:title or an
// <h1> with text.
func hasTitle(page string) bool {
	z := html.NewTokenizer(strings.NewReader(page))
	var in atom.Atom // the title or h1 element whose text is being read
	for {
		switch z.Next() {
		case html.ErrorToken:
			return false
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch a {
			case atom.Title, atom.H1:
				in = a
			case atom.Meta:
				var prop, content string
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					switch string(k) {
					case "property", "name":
						prop = strings.ToLower(string(v))
					case "content":
						content = string(v)
					}
				}
				if prop == "og:title" && strings.TrimSpace(content) != "" {
					return true
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == in {
				in = 0
			}
		case html.TextToken:
			if in != 0 && len(bytes.TrimSpace(z.Text())) > 0 {
				return true
			}
		}
	}
}

// inOrder calls fn(ctx, i) for every i in [0, n), on up to workers goroutines at once, and
// emit(i, result) in the order of i, as results come. It stops when emit returns false or ctx
// is done, and returns once every call of fn has returned. fn must return soon when ctx is
// done.
func inOrder[T any](ctx context.Context, n, workers int, fn func(context.Context, int) T, emit func(int, T) bool) {
	if n == 0 {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer wg.Wait()
	defer cancel()
	results := make([]chan T, n)
	for i := range results {
		results[i] = make(chan T, 1)
	}
	window := make(chan struct{}, workers) // calls started and not yet emitted
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range n {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				results[i] <- fn(ctx, i)
			}()
		}
	}()
	for i := range n {
		var r T
		select {
		case r = <-results[i]:
		case <-ctx.Done():
			return
		}
		<-window
		if !emit(i, r) {
			return
		}
	}
}
