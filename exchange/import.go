package exchange

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/store"
)

// DefaultImportBatch is the number of rows Import writes in one transaction when
// ImportOptions.BatchSize is not set.
const DefaultImportBatch = 5000

// Putter is what Import writes into. A store.Store is a Putter.
type Putter interface {
	// PutArticles writes a batch of articles in one transaction, replacing what is stored
	// under the same ids (see store.Store).
	PutArticles(ctx context.Context, arts []*record.Article) error
	// PutError records an input record that could not be read or imported.
	PutError(ctx context.Context, e store.ErrorRecord) error
}

// ImportOptions configure Import, ImportReader and ImportFile.
type ImportOptions struct {
	// Prefix starts the id of every imported pseudo-article (see ToArticle). Import requires
	// it; ImportReader and ImportFile default it to the name of the format read ("gdelt2").
	Prefix string
	// Source names the input in the error records (store.ErrorRecord.Source): the file, or "-"
	// for standard input. ImportFile defaults it to the path.
	Source string
	// BatchSize is the number of rows written per transaction; DefaultImportBatch when ≤ 0.
	BatchSize int
	// OnError, when set, is called with every row that could not be read or imported, in
	// input order, as it is found. It is recorded in the store with the batch that follows it.
	OnError func(store.ErrorRecord)

	line *int // when set, the input line of the row last yielded (see lineCounter)
}

// ImportStats count what an import did.
type ImportStats struct {
	Read     int64 // rows read, bad ones included
	Imported int64 // rows written, each as one pseudo-article
	Failed   int64 // rows (or inputs) that could not be read or imported; each is recorded in the store
	Batches  int64 // transactions committed
}

// Add adds the counts of t to s.
func (s *ImportStats) Add(t ImportStats) {
	s.Read += t.Read
	s.Imported += t.Imported
	s.Failed += t.Failed
	s.Batches += t.Batches
}

// CheckImport reports why row e cannot be imported: it has no GlobalEventID, its EventCode is
// not a CAMEO event code as CAMEO writes it (see events.Lookup), its EventRootCode is not the
// code's root, or its QuadClass is not 0 to 4. It returns nil for a row ToArticle can import.
func CheckImport(e *Event) error {
	if e.GlobalEventID == 0 {
		return errors.New("column GLOBALEVENTID: no event id")
	}
	if e.EventCode == "" {
		return errors.New("column EventCode: no CAMEO event code")
	}
	c, ok := events.Lookup(e.EventCode)
	if !ok || c.Code != e.EventCode {
		return fmt.Errorf("column EventCode: %q is not a CAMEO event code", e.EventCode)
	}
	if e.EventRootCode != "" && e.EventRootCode != c.Root {
		return fmt.Errorf("column EventRootCode: %q is not the root of event code %q", e.EventRootCode, e.EventCode)
	}
	if e.QuadClass < 0 || e.QuadClass > 4 {
		return fmt.Errorf("column QuadClass: %d out of range 1-4", e.QuadClass)
	}
	return nil
}

// imported holds a pseudo-article with everything it points to, so that ToArticle makes one
// allocation for the record (and one each for its id and dates).
type imported struct {
	art            record.Article
	ev             [1]record.Event
	src, tgt       record.Participant
	loc            record.Location
	tone, lat, lon float64
}

// ToArticle returns the pseudo-article of an imported event row: an article without text that
// holds the one event of the row, so that rows can be imported in batches of any size, without
// grouping them by URL, and importing a row again replaces it. ToArticle does not check e: call
// CheckImport first.
//
//   - ID is prefix, ":" and the GlobalEventID in decimal ("gdelt2:410412347");
//   - URL is SourceURL; Source is SourceName when the row has one (dyad's own rows), else the
//     host of SourceURL without "www.", else "";
//   - Published is the day of DateAdded, else Day; Title, Text and Lang are empty; Tone is
//     AvgTone; there are no sentences, entities or quotes (empty, not nil, slices);
//   - the event's Code is EventCode, Root is EventRootCode (else the code's first two digits),
//     QuadClass and Goldstein are the row's, except that a row without a QuadClass takes both
//     from the CAMEO table (events.Lookup), as it takes Plover when it has none;
//   - Source and Target are the actors, {Text: Text or Name, Name, Code, Country: CountryCode},
//     or nil when the actor has neither code nor name;
//   - Sentence is -1 and Start and End 0: the article has no text. Evidence, Negated,
//     Modality (asserted when empty) and Confidence are the row's: empty, false, "asserted"
//     and 0 for GDELT rows, whose provenance is the URL and the GlobalEventID in the id;
//   - Date is Day (YYYY-MM-DD, "" when unknown); Location is ActionGeo (name FullName, the
//     CAMEO country of its FIPS code, and its coordinates), nil when ActionGeo is empty.
//
// The article shares no memory with e.
func ToArticle(e *Event, prefix string) *record.Article {
	x := new(imported)
	a := &x.art
	a.ID = articleID(prefix, e.GlobalEventID)
	a.URL = e.SourceURL
	a.Source = e.SourceName
	if a.Source == "" {
		a.Source = hostOf(e.SourceURL)
	}
	day := dayText(e.Day)
	a.Published = day
	if !e.DateAdded.IsZero() {
		if added := DateOf(e.DateAdded.UTC()); added != e.Day {
			a.Published = dayText(added)
		}
	}
	if e.AvgTone != nil {
		x.tone = *e.AvgTone
		a.Tone = &x.tone
	}
	a.Sentences, a.Entities, a.Quotes = []record.Sentence{}, []record.Entity{}, []record.Quote{}

	ev := &x.ev[0]
	ev.Code = e.EventCode
	ev.Root = e.EventRootCode
	if ev.Root == "" && len(ev.Code) >= 2 {
		ev.Root = ev.Code[:2]
	}
	ev.Plover, ev.QuadClass, ev.Goldstein = e.Plover, e.QuadClass, e.GoldsteinScale
	if c, ok := events.Lookup(e.EventCode); ok {
		if ev.Plover == "" {
			ev.Plover = c.Plover
		}
		if ev.QuadClass == 0 {
			ev.QuadClass = c.QuadClass
			if ev.Goldstein == 0 {
				ev.Goldstein = c.Goldstein
			}
		}
	}
	ev.Source = importActor(&e.Source, &x.src)
	ev.Target = importActor(&e.Target, &x.tgt)
	ev.Sentence = -1
	ev.Evidence = e.Evidence
	ev.Date = day
	if g := &e.ActionGeo; !g.IsZero() {
		x.loc = record.Location{Name: g.FullName, Country: CountryOfFIPS(g.CountryCode)}
		if g.Lat != nil {
			x.lat = *g.Lat
			x.loc.Lat = &x.lat
		}
		if g.Lon != nil {
			x.lon = *g.Lon
			x.loc.Lon = &x.lon
		}
		ev.Location = &x.loc
	}
	ev.Negated = e.Negated
	ev.Modality = e.Modality
	if ev.Modality == "" {
		ev.Modality = "asserted"
	}
	ev.Confidence = e.Confidence
	a.Events = x.ev[:]
	return a
}

// importActor fills p from actor a and returns it, or returns nil when a has neither code nor
// name.
func importActor(a *Actor, p *record.Participant) *record.Participant {
	if a.Code == "" && a.Name == "" {
		return nil
	}
	*p = record.Participant{Text: a.Text, Name: a.Name, Code: a.Code, Country: a.CountryCode}
	if p.Text == "" {
		p.Text = a.Name
	}
	return p
}

// articleID returns prefix + ":" + id in decimal.
func articleID(prefix string, id uint64) string {
	var buf [64]byte
	b := append(buf[:0], prefix...)
	b = append(b, ':')
	return string(strconv.AppendUint(b, id, 10))
}

// dayText returns d as YYYY-MM-DD, or "" for the zero Date.
func dayText(d Date) string {
	if d.IsZero() {
		return ""
	}
	var buf [16]byte
	b := appendPadded(buf[:0], d.Year, 4)
	b = append(b, '-')
	b = appendPadded(b, int(d.Month), 2)
	b = append(b, '-')
	b = appendPadded(b, d.Day, 2)
	return string(b)
}

// hostOf returns the host of an absolute URL ("https://www.Example.org:8080/a" gives
// "example.org"), lower-cased, without port, user information or a leading "www.", or "" when
// u is not an absolute URL with a host.
func hostOf(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok || scheme == "" || strings.ContainsAny(scheme, "/?#") {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") { // an IPv6 address
		if i := strings.IndexByte(rest, ']'); i >= 0 {
			rest = rest[:i+1]
		}
	} else if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		rest = rest[:i]
	}
	rest = strings.TrimSuffix(rest, ".")
	for i := 0; i < len(rest); i++ {
		if 'A' <= rest[i] && rest[i] <= 'Z' {
			rest = strings.ToLower(rest)
			break
		}
	}
	if h, ok := strings.CutPrefix(rest, "www."); ok && h != "" {
		rest = h
	}
	return rest
}

// Import writes rows into st as pseudo-articles, one per row (see ToArticle), in batches of
// opt.BatchSize rows, one transaction each. A row that cannot be read (the reader yields an
// error) or imported (see CheckImport) is counted, passed to opt.OnError and recorded in st
// (store.ErrorRecord{Source: opt.Source, Position: its line, Reason}), and the import goes on.
// The position of a row is the Line of a *LineError; otherwise, unless the rows come from
// ImportReader or ImportFile, which know the line, it is the row's 1-based number in rows.
//
// Importing the same rows again replaces what they wrote, so counts stay the same. Import
// returns when rows are exhausted, when writing to st fails, or when ctx is cancelled; in that
// last case the rows already read are written before Import returns ctx.Err().
func Import(ctx context.Context, st Putter, rows iter.Seq2[Event, error], opt ImportOptions) (ImportStats, error) {
	var stats ImportStats
	if opt.Prefix == "" {
		return stats, errors.New("exchange: import: no id prefix")
	}
	size := opt.BatchSize
	if size <= 0 {
		size = DefaultImportBatch
	}
	// Writes are not cancelled with ctx: the rows read are written.
	wctx := context.WithoutCancel(ctx)
	done := ctx.Done()
	arts := make([]*record.Article, 0, min(size, 1<<16))
	var errs []store.ErrorRecord
	flush := func() error {
		if len(arts) > 0 {
			if err := st.PutArticles(wctx, arts); err != nil {
				return fmt.Errorf("importing %s: %w", opt.Source, err)
			}
			stats.Imported += int64(len(arts))
			stats.Batches++
			clear(arts)
			arts = arts[:0]
		}
		for _, e := range errs {
			if err := st.PutError(wctx, e); err != nil {
				return fmt.Errorf("importing %s: %w", opt.Source, err)
			}
		}
		errs = errs[:0]
		return nil
	}
	bad := func(pos int, err error) {
		stats.Failed++
		r := store.ErrorRecord{Source: opt.Source, Position: pos, Reason: err.Error()}
		if le, ok := errors.AsType[*LineError](err); ok {
			r.Position, r.Reason = le.Line, le.Err.Error()
			if le.Column != "" {
				r.Reason = "column " + le.Column + ": " + r.Reason
			}
		}
		errs = append(errs, r)
		if opt.OnError != nil {
			opt.OnError(r)
		}
	}
	n := 0
	for e, err := range rows {
		n++
		stats.Read++
		pos := n
		if opt.line != nil {
			pos = *opt.line
			if err != nil {
				pos++ // a read error is met reading the next line; a *LineError names its own
			}
		}
		switch {
		case err != nil:
			bad(pos, err)
		default:
			if err := CheckImport(&e); err != nil {
				bad(pos, err)
			} else {
				arts = append(arts, ToArticle(&e, opt.Prefix))
			}
		}
		if len(arts) >= size || len(errs) >= size {
			if err := flush(); err != nil {
				return stats, err
			}
		}
		select {
		case <-done:
			if err := flush(); err != nil {
				return stats, err
			}
			return stats, ctx.Err()
		default:
		}
	}
	if err := flush(); err != nil {
		return stats, err
	}
	return stats, ctx.Err()
}

// ImportReader imports the rows of format f read from r, as Import does; bad rows are recorded
// at their line in r (their row number in Parquet). When f is "", the format is told from the
// start of the input (see Sniff); an input whose format cannot be told is recorded as a bad
// row at position 0. opt.Prefix defaults to the format's name.
func ImportReader(ctx context.Context, st Putter, r io.Reader, f Format, opt ImportOptions) (ImportStats, error) {
	if f == "" {
		var err error
		if f, r, err = Sniff(r); err != nil {
			return failInput(ctx, st, opt, err)
		}
		if f == "" {
			return ImportStats{}, nil // an empty input
		}
	}
	if opt.Prefix == "" {
		opt.Prefix = string(f)
	}
	var line int
	if f != Parquet {
		r = &lineCounter{Reader: r, line: &line}
		opt.line = &line
	}
	return Import(ctx, st, Read(r, f), opt)
}

// failInput records that a whole input could not be read.
func failInput(ctx context.Context, st Putter, opt ImportOptions, err error) (ImportStats, error) {
	r := store.ErrorRecord{Source: opt.Source, Reason: err.Error()}
	if opt.OnError != nil {
		opt.OnError(r)
	}
	if err := st.PutError(context.WithoutCancel(ctx), r); err != nil {
		return ImportStats{Failed: 1}, fmt.Errorf("importing %s: %w", opt.Source, err)
	}
	return ImportStats{Failed: 1}, nil
}
