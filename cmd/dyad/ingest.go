package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/feeds"
	"github.com/dyad-project/dyad/fetch"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/ingest"
)

func init() {
	commands["ingest"] = &command{
		summary: "code articles into the store (an SQLite file, or PostgreSQL), resumably",
		usage: `[flags] [SOURCE...] [--feed URL|FILE]...

Reads articles as "dyad code" does (files, directories, "-" for standard input), codes them and
writes them in batches, one transaction each, into the store: an SQLite file (./dyad.db unless
--store names another) or a PostgreSQL database (--store postgres://…). Articles already stored
with the same content are skipped, so an ingest that was stopped goes on where it stopped when
run again. Ctrl-C stops after the articles being coded are written. Records that cannot be read
or coded are reported on stderr and recorded in the store's errors table. Progress is a line on
a terminal, and a log line every --log-every otherwise.

With --feed (repeatable: an RSS, Atom or JSON feed's address, a saved feed file, or an OPML file
listing feeds), the pages that the feeds' items link to are fetched and ingested too, after the
SOURCEs. Feeds are polled every --interval (longer when a feed asks, by its <ttl> or its
Cache-Control max-age) with conditional requests, until Ctrl-C, or once with --once; a feed file
is read once. Items already stored are not fetched again. Pages are fetched with the user agent
"dyad/VERSION (+https://github.com/dyad-project/dyad)", at most --per-host at a time from one
host, each within --timeout and --max-bytes and after at most 5 redirects; a page that cannot be
fetched is reported and recorded like a bad record, and the ingest goes on. Ctrl-C between two
polls is a clean stop.
Exit status: 0 all stored, 1 some failed or interrupted, 2 usage error.

example:
  dyad ingest corpus/
  dyad ingest --store postgres://dyad@localhost/news --workers 8 archives/
  dyad ingest --feed https://news.example.com/rss.xml --feed subscriptions.opml
  dyad ingest --once --feed saved-feed.xml crawl.warc.gz`,
		run: runIngest,
	}
}

// parseArgs parses args into fs, allowing flags after the positional arguments, which it
// returns. It reports whether the command should go on, and if not the exit code.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, bool, int) {
	var pos []string
	for {
		if ok, code := parse(fs, args); !ok {
			return nil, false, code
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, true, exitOK
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// storeFlag registers --store.
func storeFlag(fs *flag.FlagSet) *string {
	return fs.String("store", store.DefaultPath, "the store: an SQLite file `PATH`, or a PostgreSQL DSN postgres://…")
}

func runIngest(ctx context.Context, e *env, args []string) int {
	fs := newFlags("ingest", commands["ingest"], e.stderr)
	dsn := storeFlag(fs)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "articles written per transaction")
	force := fs.Bool("force", false, "code and write again the articles already stored with the same content")
	maxBytes := fs.Int64("max-bytes", article.DefaultMaxBytes, "largest article accepted, in bytes")
	logEvery := fs.Duration("log-every", 10*time.Second, "interval of the progress log lines when stderr is not a terminal")
	var dicts dictFlags
	dicts.register(fs)
	date := fs.String("date", "", "date `YYYY-MM-DD` at which to resolve actors' roles in articles that give no publication date")
	var feedLocs files
	fs.Var(&feedLocs, "feed", "poll the feed at `URL|FILE` (RSS, Atom, JSON Feed, or OPML listing feeds) and ingest the pages its items link to (repeatable)")
	interval := fs.Duration("interval", feeds.DefaultInterval, "time between two polls of a feed (a feed's <ttl> or Cache-Control max-age may lengthen it)")
	once := fs.Bool("once", false, "poll every feed once, then stop")
	timeout := fs.Duration("timeout", fetch.DefaultTimeout, "time limit of one request for a feed or a page")
	perHost := fs.Int("per-host", fetch.DefaultPerHost, "requests in flight to one host at most")
	paths, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(paths) == 0 && len(feedLocs) == 0 {
		fs.Usage()
		return exitUsage
	}
	if *interval <= 0 || *timeout <= 0 || *perHost <= 0 {
		return fail(e, exitUsage, "ingest: --interval, --timeout and --per-host must be positive")
	}
	var opt pipeline.Options
	if *date != "" {
		d, err := time.Parse(time.DateOnly, *date)
		if err != nil {
			return fail(e, exitUsage, "ingest: --date: want YYYY-MM-DD, got %q", *date)
		}
		opt.Date = d
	}
	opt, _, err := dicts.options(opt)
	if err != nil {
		return fail(e, exitUsage, "ingest: %v", err)
	}

	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return fail(e, exitPartial, "ingest: %v", err)
	}
	defer st.Close()

	out := &syncWriter{w: e.stderr}
	log := slog.New(slog.NewTextHandler(out, nil))
	tty := isTerminal(e.stderr)

	var poller *feeds.Poller
	if len(feedLocs) > 0 {
		client := &fetch.Client{UserAgent: fetch.UserAgent(userAgentVersion()), Timeout: *timeout, MaxBytes: *maxBytes, PerHost: *perHost}
		poller, err = feeds.NewPoller(feedLocs, feeds.Options{Client: client, Store: st, Interval: *interval, Workers: 4 * *perHost, Logger: log})
		if err != nil {
			return fail(e, exitUsage, "ingest: --feed: %v", err)
		}
	}
	var counters ingest.Counters
	start := time.Now()
	// The ETA is known when the input is files: by the share of their bytes read.
	var consumed atomic.Int64
	total, sized := article.InputSize(paths)
	sized = sized && total > 0 && len(feedLocs) == 0
	eta := func() (pct float64, left time.Duration, ok bool) {
		// The share of the input read, less the articles read but not yet written.
		s := counters.Stats()
		c, done := consumed.Load(), s.Stored+s.Skipped+s.Failed+s.Duplicates
		if !sized || c <= 0 || done <= 0 || s.Read <= 0 {
			return 0, 0, false
		}
		frac := float64(c) / float64(total) * min(1, float64(done)/float64(s.Read))
		sec := time.Since(start).Seconds()
		return 100 * frac, time.Duration((1 - frac) / frac * sec * float64(time.Second)).Round(time.Second), true
	}
	progress := func() string {
		s := counters.Stats()
		sec := time.Since(start).Seconds()
		done := s.Stored + s.Skipped + s.Failed + s.Duplicates
		line := fmt.Sprintf("%d read, %d stored, %d skipped, %d failed, %d duplicates · %.0f articles/s · %.2f MB/s",
			s.Read, s.Stored, s.Skipped, s.Failed, s.Duplicates, float64(done)/sec, float64(s.Bytes)/1e6/sec)
		if pct, left, ok := eta(); ok {
			line += fmt.Sprintf(" · %.0f%% · ETA %s", pct, left)
		}
		return line
	}
	stopProgress := make(chan struct{})
	var progressDone sync.WaitGroup
	progressDone.Add(1)
	go func() {
		defer progressDone.Done()
		every := *logEvery
		if tty {
			every = 250 * time.Millisecond
		}
		if every <= 0 {
			every = 10 * time.Second
		}
		tick := time.NewTicker(every)
		defer tick.Stop()
		interrupted := ctx.Done()
		for {
			select {
			case <-stopProgress:
				return
			case <-interrupted:
				interrupted = nil
				// A second Ctrl-C stops at once: what is stored is whole, and the next run goes on.
				signal.Reset(os.Interrupt)
				out.line("dyad: ingest: interrupted; writing the articles already coded (Ctrl-C again to stop now)\n")
			case <-tick.C:
				if tty {
					out.status(progress())
				} else {
					s := counters.Stats()
					sec := time.Since(start).Seconds()
					attrs := []any{"read", s.Read, "stored", s.Stored, "skipped", s.Skipped, "failed", s.Failed, "duplicates", s.Duplicates,
						"articles_per_s", round(float64(s.Stored+s.Skipped+s.Failed+s.Duplicates) / sec), "mb_per_s", round(float64(s.Bytes) / 1e6 / sec)}
					if pct, left, ok := eta(); ok {
						attrs = append(attrs, "done_pct", round(pct), "eta", left.String())
					}
					log.Info("ingest", attrs...)
				}
			}
		}
	}()

	coder := pipeline.New(opt)
	iopt := ingest.Options{
		Workers:   *workers,
		BatchSize: *batch,
		Force:     *force,
		Counters:  &counters,
		OnError: func(r store.ErrorRecord) {
			where := r.Source
			if r.Position > 0 {
				where = fmt.Sprintf("%s:%d", r.Source, r.Position)
			}
			out.line(fmt.Sprintf("dyad: %s: %s\n", where, r.Reason))
		},
	}
	var src iter.Seq2[*article.Article, error]
	if len(paths) > 0 {
		src = article.Read(ctx, paths, article.Options{MaxBytes: *maxBytes, Stdin: e.stdin, Consumed: &consumed})
	}
	if poller != nil {
		src = concat(src, poller.Poll(ctx))
	}
	stats, err := ingest.Run(ctx, st, coder, src, iopt)
	// Each later poll of the feeds is an ingest of its own, so that what it fetched is written
	// when it ends rather than when a batch fills up.
	stopped := false
	for err == nil && poller != nil && !*once {
		if !poller.Wait(ctx) {
			stopped = ctx.Err() != nil
			break
		}
		stats, err = ingest.Run(ctx, st, coder, poller.Poll(ctx), iopt)
	}
	close(stopProgress)
	progressDone.Wait()
	if tty {
		out.status("")
	}
	sec := time.Since(start).Seconds()
	log.Info("ingest done", "read", stats.Read, "stored", stats.Stored, "skipped", stats.Skipped, "failed", stats.Failed, "duplicates", stats.Duplicates,
		"batches", stats.Batches, "seconds", round(sec), "articles_per_s", round(float64(stats.Stored+stats.Skipped+stats.Failed+stats.Duplicates)/sec),
		"mb_per_s", round(float64(stats.Bytes)/1e6/sec))
	switch {
	case stopped && stats.Failed == 0:
		fmt.Fprintf(e.stderr, "dyad: ingest: stopped between polls; everything fetched is stored\n")
		return exitOK
	case errors.Is(err, context.Canceled):
		return fail(e, exitPartial, "ingest: interrupted after %d article(s) stored; run the same command again to go on", stats.Stored)
	case err != nil:
		return fail(e, exitPartial, "ingest: %v", err)
	case stats.Failed > 0:
		return fail(e, exitPartial, "%d article(s) failed", stats.Failed)
	}
	return exitOK
}

func round(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }

// concat returns the sequence of the articles of seqs in turn; nil sequences are skipped.
func concat(seqs ...iter.Seq2[*article.Article, error]) iter.Seq2[*article.Article, error] {
	return func(yield func(*article.Article, error) bool) {
		for _, seq := range seqs {
			if seq == nil {
				continue
			}
			for a, err := range seq {
				if !yield(a, err) {
					return
				}
			}
		}
	}
}

// userAgentVersion returns the version for the user agent: the module version, or "devel" for
// a build outside a release.
func userAgentVersion() string {
	v, _, _ := strings.Cut(version(), " ")
	if v == "" || strings.HasPrefix(v, "(") {
		return "devel"
	}
	return v
}

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0 && f.Name() != os.DevNull
}

// syncWriter serialises the writes of log lines, error lines and the progress line, and keeps
// the progress line of a terminal at the bottom.
type syncWriter struct {
	mu    sync.Mutex
	w     io.Writer
	shown string // the progress line shown, on a terminal
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clear()
	n, err := s.w.Write(p)
	s.show()
	return n, err
}

// line writes a line of text, above the progress line on a terminal.
func (s *syncWriter) line(text string) {
	s.Write([]byte(text))
}

// status replaces the progress line.
func (s *syncWriter) status(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.clear()
	s.shown = text
	s.show()
}

func (s *syncWriter) clear() {
	if s.shown != "" {
		io.WriteString(s.w, "\r\033[K")
	}
}

func (s *syncWriter) show() {
	if s.shown != "" {
		io.WriteString(s.w, s.shown)
	}
}
