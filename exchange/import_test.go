package exchange

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/storetest"
)

// importRows are hand-made GDELT rows between the United States and Russia over two months,
// and two rows of other actors. Rows 101 and 103 have the same source, target, code, day and
// place: one merged event.
func importRows() []Event {
	moscow := Geo{Type: GeoWorldCity, FullName: "Moscow, Moscow City, Russia", CountryCode: "RS",
		ADM1Code: "RS48", Lat: fp(55.7522), Lon: fp(37.6156), FeatureID: "-2960561"}
	syria := Geo{Type: GeoCountry, FullName: "Syria", CountryCode: "SY", ADM1Code: "SY", Lat: fp(35), Lon: fp(38),
		FeatureID: "SY"}
	usagov := Actor{Code: "USAGOV", Name: "UNITED STATES", CountryCode: "USA", Type1Code: "GOV"}
	rusgov := Actor{Code: "RUSGOV", Name: "RUSSIA", CountryCode: "RUS", Type1Code: "GOV"}
	usa := Actor{Code: "USA", Name: "UNITED STATES", CountryCode: "USA"}
	rus := Actor{Code: "RUS", Name: "RUSSIA", CountryCode: "RUS"}
	row := func(id uint64, day Date, src, tgt Actor, code string, quad int, gs, tone float64, geo Geo, url string) Event {
		base := code
		if len(code) == 4 {
			base = code[:3]
		}
		return Event{GlobalEventID: id, Day: day, Source: src, Target: tgt, IsRootEvent: true,
			EventCode: code, EventBaseCode: base, EventRootCode: code[:2], QuadClass: quad, GoldsteinScale: gs,
			NumMentions: 3, NumSources: 1, NumArticles: 3, AvgTone: fp(tone), ActionGeo: geo,
			DateAdded: day.Time().Add(30*time.Hour + 15*time.Minute), SourceURL: url}
	}
	apr12, apr20 := Date{2017, time.April, 12}, Date{2017, time.April, 20}
	may3, may10 := Date{2017, time.May, 3}, Date{2017, time.May, 10}
	return []Event{
		row(101, apr12, usagov, rusgov, "040", 1, 1, -2, moscow, "https://www.Example.com/2017/04/12/talks"),
		row(102, apr12, rusgov, usagov, "040", 1, 1, -1, moscow, "https://news.example.org/a?id=1"),
		row(103, apr12, usagov, rusgov, "040", 1, 1, 0, moscow, "http://news.example.org/b"),
		row(104, apr20, usa, rus, "112", 3, -2, -4, Geo{}, "https://example.net/c"),
		row(105, may3, Actor{Code: "RUSMIL", Name: "RUSSIA", CountryCode: "RUS", Type1Code: "MIL"},
			Actor{Code: "USAMIL", Name: "UNITED STATES", CountryCode: "USA", Type1Code: "MIL"},
			"190", 4, -10, -6, syria, "https://example.net/d"),
		row(106, may10, usa, rus, "061", 2, 6.4, 2, Geo{}, ""),
		row(107, apr12, Actor{Code: "FRA", Name: "FRANCE", CountryCode: "FRA"},
			Actor{Code: "DEU", Name: "GERMANY", CountryCode: "DEU"}, "036", 1, 4, 1, Geo{}, "https://example.fr/e"),
		row(108, Date{2017, time.April, 14}, usa, Actor{}, "010", 1, 0, 0.5, Geo{}, "https://example.com/f"),
	}
}

// The expected results of importing importRows.
const (
	importMerged = 7 // 101 and 103 are one merged event
)

var importRelations = []store.RelationsRow{ // USA–RUS by month, both directions
	{Period: "2017-04-01", Events: 3, Mentions: 4, Quad: [4]int{2, 0, 1, 0}, GoldsteinSum: 0, GoldsteinMean: 0,
		ToneMean: fp((-2 - 1 + 0 - 4) / 4.0)},
	{Period: "2017-05-01", Events: 2, Mentions: 2, Quad: [4]int{0, 1, 0, 1}, GoldsteinSum: -3.6, GoldsteinMean: -1.8,
		ToneMean: fp(-2)},
}

// gdelt2Lines returns the GDELT 2.0 lines of rows, without their line ends.
func gdelt2Lines(t testing.TB, rows []Event) []string {
	t.Helper()
	var b bytes.Buffer
	if err := WriteGDELT2(&b, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

// gdelt1Lines returns the GDELT 1.0 lines of rows, written by hand from their GDELT 2.0 lines:
// the GDELT 1.0 columns by name, DATEADDED as YYYYMMDD, and without SOURCEURL (57 columns)
// unless withURL.
func gdelt1Lines(t testing.TB, rows []Event, withURL bool) []string {
	t.Helper()
	var out []string
	for _, line := range gdelt2Lines(t, rows) {
		f := strings.Split(line, "\t")
		cols := GDELT1Columns
		if !withURL {
			cols = cols[:len(cols)-1]
		}
		g := make([]string, len(cols))
		for i, name := range cols {
			g[i] = f[slices.Index(GDELT2Columns, name)]
			if name == "DATEADDED" && len(g[i]) > 8 {
				g[i] = g[i][:8]
			}
		}
		out = append(out, strings.Join(g, "\t"))
	}
	return out
}

// writeInput writes lines into dir/name: gzip-compressed when name ends in .gz, as the one
// member (name without .zip) of a zip archive when it ends in .zip, else plain.
func writeInput(t testing.TB, dir, name string, lines []string) string {
	t.Helper()
	data := []byte(strings.Join(lines, "\n") + "\n")
	var b bytes.Buffer
	switch {
	case strings.HasSuffix(name, ".gz"):
		zw := gzip.NewWriter(&b)
		zw.Write(data)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	case strings.HasSuffix(name, ".zip"):
		zw := zip.NewWriter(&b)
		w, err := zw.Create(strings.TrimSuffix(name, ".zip"))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	default:
		b.Write(data)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const badLine = "564111644\t20160728\tnot a GDELT row"

func TestImportFile(t *testing.T) {
	rows := importRows()
	v2 := gdelt2Lines(t, rows)
	v1 := gdelt1Lines(t, rows, true)
	v1old := gdelt1Lines(t, rows, false)
	// Each input has a broken line 3 after a blank line 2.
	withBad := func(lines []string) []string {
		return append([]string{lines[0], "", badLine}, lines[1:]...)
	}
	tests := []struct {
		name   string   // the file's name
		format Format   // given; "" to tell from the name or the content
		lines  []string // its lines
		prefix string   // of the article ids
		source string   // of the error records
		noURL  int      // the number of first rows without SOURCEURL
	}{
		{"events.tsv", "", withBad(v2), "gdelt2", "events.tsv", 0},
		{"20170412101500.export.CSV.zip", "", withBad(v2), "gdelt2", "20170412101500.export.CSV.zip/20170412101500.export.CSV", 0},
		{"events.tsv.gz", "", withBad(v2), "gdelt2", "events.tsv.gz", 0},
		{"20170412.export.CSV", "", withBad(v1), "gdelt1", "20170412.export.CSV", 0},
		{"20170412.export.CSV.gz", "", withBad(v1), "gdelt1", "20170412.export.CSV.gz", 0},
		{"events.zip", "", withBad(v1old), "gdelt1", "events.zip/events", len(rows)},
		{"events.txt", GDELT1, withBad(append(v1old[:4:4], v1[4:]...)), "gdelt1", "events.txt", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			path := writeInput(t, dir, tt.name, tt.lines)
			st := storetest.SQLite(t)
			var reported []store.ErrorRecord
			opt := ImportOptions{BatchSize: 3, OnError: func(r store.ErrorRecord) { reported = append(reported, r) }}
			var first store.Counts
			for run := range 2 {
				stats, err := ImportFile(ctx, st, path, tt.format, opt)
				if err != nil {
					t.Fatal(err)
				}
				want := ImportStats{Read: int64(len(rows) + 1), Imported: int64(len(rows)), Failed: 1, Batches: 3}
				if stats != want {
					t.Errorf("run %d: stats %+v, want %+v", run, stats, want)
				}
				c, err := st.Counts(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if run == 0 {
					first = c
					want := store.Counts{Articles: len(rows), Events: len(rows), MergedEvents: importMerged,
						Mentions: len(rows), Actors: c.Actors, Errors: 1}
					if c != want {
						t.Errorf("counts %+v, want %+v", c, want)
					}
				} else if c != first {
					t.Errorf("importing again: counts %+v, first %+v", c, first)
				}
				as := gdeltImported
				if tt.noURL > 0 {
					as.sources = 1
				}
				checkRelations(t, st, as)
			}
			errs, err := st.Errors(ctx)
			if err != nil {
				t.Fatal(err)
			}
			wantSource := filepath.Join(dir, tt.source)
			if len(errs) != 1 || errs[0].Source != wantSource || errs[0].Position != 3 ||
				!strings.Contains(errs[0].Reason, "columns, want") {
				t.Errorf("errors %+v; want one at %s:3", errs, wantSource)
			}
			if len(reported) != 2 || reported[0].Position != 3 {
				t.Errorf("reported %+v, want line 3 twice", reported)
			}
			// The pseudo-article of each row reads back as ToArticle made it.
			for i, e := range rows {
				if tt.prefix == "gdelt1" {
					e.DateAdded = DateOf(e.DateAdded).Time() // GDELT 1.0 keeps the day
				}
				if i < tt.noURL {
					e.SourceURL = ""
				}
				a, err := st.Article(ctx, fmt.Sprintf("%s:%d", tt.prefix, e.GlobalEventID))
				if err != nil {
					t.Fatal(err)
				}
				if want := ToArticle(&e, tt.prefix); !reflect.DeepEqual(a, want) {
					t.Errorf("stored article\n got %+v\nwant %+v", a, want)
				}
			}
		})
	}
}

// importedAs describes what importRows left in a store, as their format keeps it.
type importedAs struct {
	sources int    // of the merged event of rows 101 and 103: 1 when their URLs are lost
	seen    string // the day the rows were seen: DATEADDED, else the event's day
	tone    bool   // whether the format keeps AvgTone
}

// gdeltImported is what GDELT rows with URLs leave.
var gdeltImported = importedAs{sources: 2, seen: "2017-04-13", tone: true}

// checkRelations checks the relations index and merged events of importRows in st.
func checkRelations(t *testing.T, st store.Store, as importedAs) {
	t.Helper()
	ctx := context.Background()
	got, err := st.Relations(ctx, store.RelationsQuery{A: "USA", B: "RUS", By: "month"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(importRelations) {
		t.Fatalf("relations %+v, want %+v", got, importRelations)
	}
	for i, w := range importRelations {
		g := got[i]
		if g.Period != w.Period || g.Events != w.Events || g.Mentions != w.Mentions || g.Quad != w.Quad ||
			!near(g.GoldsteinSum, w.GoldsteinSum) || !near(g.GoldsteinMean, w.GoldsteinMean) ||
			as.tone != (g.ToneMean != nil) || as.tone && !near(*g.ToneMean, *w.ToneMean) {
			t.Errorf("relations row %d: %+v, want %+v", i, g, w)
		}
	}
	ms, err := st.MergedEvents(ctx, store.EventQuery{Source: "USAGOV", Target: "RUSGOV", Code: "040"})
	if err != nil {
		t.Fatal(err)
	}
	want := store.MergedEvent{Source: "USAGOV", Target: "RUSGOV", Code: "040", Root: "04", QuadClass: 1, Goldstein: 1,
		Day: "2017-04-12", Location: "Moscow, Moscow City, Russia", NumMentions: 2, NumSources: as.sources, NumArticles: 2,
		FirstSeen: as.seen, LastSeen: as.seen}
	if len(ms) == 1 {
		want.ID = ms[0].ID
	}
	if len(ms) != 1 || ms[0] != want {
		t.Errorf("merged events %+v, want %+v", ms, want)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestImportBadRows imports a file with rows that cannot be read or imported among good ones:
// each is recorded at its line, with its reason, and the rest is imported.
func TestImportBadRows(t *testing.T) {
	rows := importRows()
	good := gdelt2Lines(t, rows[:3])
	bad := gdelt2Lines(t, rows[3:6])
	set := func(line, col, v string) string {
		f := strings.Split(line, "\t")
		f[slices.Index(GDELT2Columns, col)] = v
		return strings.Join(f, "\t")
	}
	lines := []string{
		good[0],                          // 1
		"",                               // 2
		"garbage\tline",                  // 3
		good[1],                          // 4
		set(bad[0], "EventCode", "999"),  // 5
		set(bad[1], "GLOBALEVENTID", ""), // 6
		set(bad[2], "QuadClass", "7"),    // 7
		good[2],                          // 8
		set(bad[0], "EventRootCode", "12"),
	}
	path := writeInput(t, t.TempDir(), "bad.export.CSV", lines)
	st := storetest.SQLite(t)
	ctx := context.Background()
	stats, err := ImportFile(ctx, st, path, "", ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want := (ImportStats{Read: 8, Imported: 3, Failed: 5, Batches: 1}); stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	errs, err := st.Errors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		line   int
		reason string
	}{
		{3, "2 columns, want 61"},
		{5, `column EventCode: "999" is not a CAMEO event code`},
		{6, "column GLOBALEVENTID: no event id"},
		{7, "column QuadClass: 7 out of range 1-4"},
		{9, `column EventRootCode: "12" is not the root of event code "112"`},
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %+v, want %d", errs, len(want))
	}
	for i, w := range want {
		if e := errs[i]; e.Source != path || e.Position != w.line || e.Reason != w.reason {
			t.Errorf("error %d: %s:%d: %s; want line %d: %s", i, e.Source, e.Position, e.Reason, w.line, w.reason)
		}
	}
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 3 || c.Events != 3 {
		t.Errorf("counts %+v, want the 3 good rows", c)
	}
}

// TestImportUnreadable records a file that cannot be opened, or whose format cannot be told,
// and goes on.
func TestImportUnreadable(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	st := storetest.SQLite(t)
	strange := writeInput(t, dir, "strange.tsv", []string{"a\tb\tc"})
	empty := writeInput(t, dir, "empty.tsv", []string{""})
	truncated := filepath.Join(dir, "truncated.tsv.gz")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(strings.Join(gdelt2Lines(t, importRows()), "\n")))
	zw.Close()
	if err := os.WriteFile(truncated, gz.Bytes()[:gz.Len()-12], 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path   string
		failed int64
		reason string
	}{
		{filepath.Join(dir, "missing.tsv"), 1, "no such file"},
		{strange, 1, "cannot tell the format: the first line has 3 tab-separated columns"},
		{empty, 0, ""},
		{truncated, 1, "unexpected EOF"},
	}
	for _, tt := range tests {
		stats, err := ImportFile(ctx, st, tt.path, "", ImportOptions{})
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if stats.Failed != tt.failed {
			t.Errorf("%s: stats %+v, want %d failed", tt.path, stats, tt.failed)
		}
	}
	errs, err := st.Errors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		if tt.reason == "" {
			continue
		}
		i := slices.IndexFunc(errs, func(e store.ErrorRecord) bool { return e.Source == tt.path })
		if i < 0 || !strings.Contains(errs[i].Reason, tt.reason) {
			t.Errorf("%s: errors %+v; want one with %q", tt.path, errs, tt.reason)
		}
	}
}

func TestToArticle(t *testing.T) {
	rows := testRows()
	tests := []struct {
		name string
		row  Event
		want record.Article
	}{
		{"dyad row", rows[0], record.Article{
			ID: "gdelt2:" + fmt.Sprint(rows[0].GlobalEventID), URL: "https://news.example.org/2017/04/12/talks",
			Source: "news.example.org", Published: "2017-04-13", Tone: fp(-3.125),
			Sentences: []record.Sentence{}, Entities: []record.Entity{}, Quotes: []record.Quote{},
			Events: []record.Event{{Code: "040", Root: "04", Plover: "CONSULT", Goldstein: 1, QuadClass: 1,
				Source:   &record.Participant{Text: "Rex Tillerson", Name: "Rex Tillerson", Code: "USAGOV", Country: "USA"},
				Target:   &record.Participant{Text: "Sergei Lavrov", Name: "Sergey Lavrov", Code: "RUSGOV", Country: "RUS"},
				Sentence: -1, Evidence: "Rex Tillerson and Sergei Lavrov met in Moscow on Wednesday.", Date: "2017-04-12",
				Location: &record.Location{Name: "Moscow, Russia", Country: "RUS", Lat: fp(55.76), Lon: fp(37.62)},
				Modality: "asserted", Confidence: 0.8}},
		}},
		{"GDELT row", rows[1], record.Article{
			ID: "gdelt2:1234567890", URL: "http://example.com/a?b=c&d=e", Source: "example.com",
			Published: "2017-01-01", Tone: fp(-7.5),
			Sentences: []record.Sentence{}, Entities: []record.Entity{}, Quotes: []record.Quote{},
			Events: []record.Event{{Code: "1823", Root: "18", Plover: lookup(t, "1823").Plover, Goldstein: -10, QuadClass: 4,
				Source:   &record.Participant{Text: "NATO", Name: "NATO", Code: "IGOWSTNAT", Country: "WST"},
				Target:   &record.Participant{Text: "SHIA", Name: "SHIA", Code: "MOSSHICVL"},
				Sentence: -1, Date: "2016-12-31",
				Location: &record.Location{Name: "Washington, District of Columbia, United States", Country: "USA",
					Lat: fp(38.8951), Lon: fp(-77.0364)},
				Modality: "asserted"}},
		}},
		{"bare row", rows[2], record.Article{
			ID: "gdelt2:7", Sentences: []record.Sentence{}, Entities: []record.Entity{}, Quotes: []record.Quote{},
			Events: []record.Event{{Code: "010", Root: "01", Plover: lookup(t, "010").Plover, Goldstein: 0, QuadClass: 1,
				Source: &record.Participant{Code: "idgCOP"}, Sentence: -1, Modality: "asserted"}},
		}},
		{"no scores", Event{GlobalEventID: 9, EventCode: "190", Day: Date{2020, time.February, 29}}, record.Article{
			ID: "gdelt2:9", Published: "2020-02-29",
			Sentences: []record.Sentence{}, Entities: []record.Entity{}, Quotes: []record.Quote{},
			Events: []record.Event{{Code: "190", Root: "19", Plover: lookup(t, "190").Plover,
				Goldstein: lookup(t, "190").Goldstein, QuadClass: 4, Sentence: -1, Date: "2020-02-29", Modality: "asserted"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := CheckImport(&tt.row); err != nil {
				t.Fatal(err)
			}
			before := show(tt.row)
			got := ToArticle(&tt.row, "gdelt2")
			if !reflect.DeepEqual(got, &tt.want) {
				t.Errorf("ToArticle\n got %+v\nwant %+v", got, &tt.want)
			}
			if got.Tone != nil {
				*got.Tone = 99 // the article shares no memory with the row
			}
			if show(tt.row) != before {
				t.Errorf("ToArticle changed its row")
			}
		})
	}
}

func lookup(t *testing.T, code string) events.Code {
	c, ok := events.Lookup(code)
	if !ok {
		t.Fatalf("no CAMEO code %s", code)
	}
	return c
}

func TestCheckImport(t *testing.T) {
	tests := []struct {
		row  Event
		want string // "" for none
	}{
		{Event{GlobalEventID: 1, EventCode: "0211"}, ""},
		{Event{GlobalEventID: 1, EventCode: "0211", EventRootCode: "02", QuadClass: 1}, ""},
		{Event{EventCode: "010"}, "no event id"},
		{Event{GlobalEventID: 1}, "no CAMEO event code"},
		{Event{GlobalEventID: 1, EventCode: "999"}, `"999" is not a CAMEO event code`},
		{Event{GlobalEventID: 1, EventCode: " 010"}, `" 010" is not a CAMEO event code`},
		{Event{GlobalEventID: 1, EventCode: "10"}, ""}, // a root is a code
		{Event{GlobalEventID: 1, EventCode: "1"}, `"1" is not a CAMEO event code`},
		{Event{GlobalEventID: 1, EventCode: "010", EventRootCode: "02"}, `"02" is not the root`},
		{Event{GlobalEventID: 1, EventCode: "010", QuadClass: 5}, "5 out of range"},
	}
	for _, tt := range tests {
		err := CheckImport(&tt.row)
		if (err == nil) != (tt.want == "") || err != nil && !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckImport(%s) = %v, want %q", show(tt.row), err, tt.want)
		}
	}
}

func TestHostOf(t *testing.T) {
	for u, want := range map[string]string{
		"https://www.Example.com/2017/04/12/talks": "example.com",
		"http://news.example.org:8080/a?b":         "news.example.org",
		"http://user:pw@www.example.org./x":        "example.org",
		"https://www.":                             "www",
		"http://[::1]:80/x":                        "[::1]",
		"example.com/a":                            "",
		"":                                         "",
		"/a://b":                                   "",
		"https://wwwexample.com#x":                 "wwwexample.com",
	} {
		if got := hostOf(u); got != want {
			t.Errorf("hostOf(%q) = %q, want %q", u, got, want)
		}
	}
}

func TestSniff(t *testing.T) {
	rows := importRows()
	var phoenix, jsonl bytes.Buffer
	if err := WritePhoenix(&phoenix, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSONL(&jsonl, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		input string
		want  Format
		err   bool
	}{
		{strings.Join(gdelt2Lines(t, rows), "\n"), GDELT2, false},
		{"\ufeff\n" + strings.Join(gdelt1Lines(t, rows, true), "\r\n"), GDELT1, false},
		{gdelt1Lines(t, rows, false)[0], GDELT1, false},
		{strings.Join(GDELT2Columns, "\t") + "\n", GDELT2, false},
		{phoenix.String(), Phoenix, false},
		{jsonl.String(), JSONL, false},
		{"PAR1...", Parquet, false},
		{" \n\n", "", false},
		{"a\tb", "", true},
	}
	for _, tt := range tests {
		f, r, err := Sniff(strings.NewReader(tt.input))
		if f != tt.want || (err != nil) != tt.err {
			t.Errorf("Sniff(%.40q) = %q, %v; want %q, error %v", tt.input, f, err, tt.want, tt.err)
		}
		if rest, _ := bufio.NewReader(r).ReadString(0); rest != tt.input {
			t.Errorf("Sniff(%.40q) lost input: read back %.40q", tt.input, rest)
		}
	}
}

// TestImportFormats imports the rows written in each of dyad's writable formats.
func TestImportFormats(t *testing.T) {
	rows := importRows()
	for _, f := range []Format{GDELT2, Phoenix, Parquet, JSONL} {
		t.Run(string(f), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "events."+string(f))
			var b bytes.Buffer
			if err := Write(&b, f, slices.Values(rows)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			st := storetest.SQLite(t)
			stats, err := ImportFile(context.Background(), st, path, "", ImportOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if stats.Imported != int64(len(rows)) || stats.Failed != 0 {
				t.Fatalf("stats %+v, want %d rows imported", stats, len(rows))
			}
			if _, err := st.Article(context.Background(), string(f)+":101"); err != nil {
				t.Errorf("article %s:101: %v", f, err)
			}
			as := gdeltImported
			if f == Phoenix { // no DATEADDED, no AvgTone
				as.seen, as.tone = "2017-04-12", false
			}
			checkRelations(t, st, as)
		})
	}
}

// TestImportCancel cancels an import in the middle of a batch: the rows read are written, and
// Import returns the context's error.
func TestImportCancel(t *testing.T) {
	rows := importRows()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seq := func(yield func(Event, error) bool) {
		for i, e := range rows {
			if i == 4 {
				cancel()
			}
			if !yield(e, nil) {
				return
			}
		}
	}
	st := storetest.SQLite(t)
	stats, err := Import(ctx, st, seq, ImportOptions{Prefix: "gdelt2", BatchSize: 3})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err %v, want context.Canceled", err)
	}
	if want := (ImportStats{Read: 5, Imported: 5, Batches: 2}); stats != want {
		t.Errorf("stats %+v, want %+v", stats, want)
	}
	if c, err := st.Counts(context.Background()); err != nil || c.Articles != 5 {
		t.Errorf("counts %+v (%v), want 5 articles", c, err)
	}
}

// failingPutter fails every write.
type failingPutter struct{ puts int }

func (p *failingPutter) PutArticles(context.Context, []*record.Article) error {
	p.puts++
	return errors.New("disk full")
}

func (p *failingPutter) PutError(context.Context, store.ErrorRecord) error {
	return errors.New("disk full")
}

func TestImportStoreFails(t *testing.T) {
	p := &failingPutter{}
	_, err := Import(context.Background(), p, ReadGDELT2(strings.NewReader(strings.Join(gdelt2Lines(t, importRows()), "\n"))),
		ImportOptions{Prefix: "gdelt2", Source: "x.tsv", BatchSize: 2})
	if err == nil || !strings.Contains(err.Error(), "importing x.tsv: disk full") || p.puts != 1 {
		t.Errorf("err %v after %d writes; want the first write's error", err, p.puts)
	}
	if _, err := Import(context.Background(), p, ReadGDELT2(strings.NewReader("")), ImportOptions{}); err == nil {
		t.Error("no error without a prefix")
	}
}

// TestImportGDELT1Sample imports the real GDELT 1.0 sample: every row is imported, and the
// merged events and relations index agree with what the file's columns say. Expected values are
// computed from the file.
func TestImportGDELT1Sample(t *testing.T) {
	path := shared.Path(t, "gdelt/gdelt1_events_20160728_sample.tsv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	type key struct{ src, tgt, code, day, loc string }
	type val struct {
		quad      string
		goldstein string
	}
	col := func(f []string, name string) string { return f[slices.Index(GDELT1Columns, name)] }
	keys := map[key]val{}
	var n, usa int
	usaKeys := map[key]bool{}
	for line := range strings.SplitSeq(strings.TrimSuffix(string(data), "\n"), "\n") {
		f := strings.Split(line, "\t")
		n++
		d := col(f, "SQLDATE")
		k := key{col(f, "Actor1Code"), col(f, "Actor2Code"), col(f, "EventCode"), d[:4] + "-" + d[4:6] + "-" + d[6:],
			col(f, "ActionGeo_FullName")}
		v := val{col(f, "QuadClass"), col(f, "GoldsteinScale")}
		if old, ok := keys[k]; ok && old != v {
			t.Fatalf("rows of %+v differ in scores: %+v, %+v", k, old, v)
		}
		keys[k] = v
		if strings.HasPrefix(k.src, "USA") || strings.HasPrefix(k.tgt, "USA") {
			usaKeys[k] = true
			usa++
		}
	}
	var quad [4]int
	var goldstein float64
	for _, v := range keys {
		var q int
		var g float64
		fmt.Sscan(v.quad, &q)
		fmt.Sscan(v.goldstein, &g)
		quad[q-1]++
		goldstein += g
	}

	ctx := context.Background()
	st := storetest.SQLite(t)
	for run := range 2 {
		stats, err := ImportFile(ctx, st, path, "", ImportOptions{BatchSize: 256})
		if err != nil {
			t.Fatal(err)
		}
		if stats.Read != 710 || stats.Imported != 710 || stats.Failed != 0 || n != 710 {
			t.Fatalf("run %d: stats %+v of a file of %d rows; want 710 imported", run, stats, n)
		}
		c, err := st.Counts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if c.Articles != 710 || c.Events != 710 || c.Mentions != 710 || c.MergedEvents != len(keys) || c.Errors != 0 {
			t.Errorf("run %d: counts %+v; want 710 articles and events, %d merged events", run, c, len(keys))
		}
	}
	// Everyone with everyone: every merged event counts, each with its GDELT scores.
	all, err := st.Relations(ctx, store.RelationsQuery{By: "month"})
	if err != nil {
		t.Fatal(err)
	}
	var got store.RelationsRow
	for _, r := range all {
		got.Events += r.Events
		got.Mentions += r.Mentions
		for i := range got.Quad {
			got.Quad[i] += r.Quad[i]
		}
		got.GoldsteinSum += r.GoldsteinSum
	}
	if got.Events != len(keys) || got.Mentions != 710 || got.Quad != quad || math.Abs(got.GoldsteinSum-goldstein) > 1e-6 {
		t.Errorf("relations over all: %d events, %d mentions, quad %v, Goldstein %.2f; want %d, 710, %v, %.2f",
			got.Events, got.Mentions, got.Quad, got.GoldsteinSum, len(keys), quad, goldstein)
	}
	// The United States with anyone.
	rows, err := st.Relations(ctx, store.RelationsQuery{A: "USA", By: "month", From: time.Date(2016, 7, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	events, mentions := 0, 0
	for _, r := range rows {
		events += r.Events
		mentions += r.Mentions
		if r.Events > 0 && (r.ToneMean == nil || *r.ToneMean < -100 || *r.ToneMean > 100) {
			t.Errorf("month %s: tone %v", r.Period, r.ToneMean)
		}
	}
	inJuly := 0
	for k := range usaKeys {
		if k.day >= "2016-07-01" {
			inJuly++
		}
	}
	if len(rows) != 1 || rows[0].Period != "2016-07-01" || events != inJuly || events == 0 {
		t.Errorf("USA relations since July 2016: %+v; want one month of %d events", rows, inJuly)
	}
	t.Logf("710 rows: %d merged events, %d with the USA; USA in July 2016: %d events, %d mentions, Goldstein mean %.2f",
		len(keys), len(usaKeys), events, mentions, rows[0].GoldsteinMean)
}

// BenchmarkImport measures the import of GDELT 2.0 rows into a new SQLite store, from
// reading the TSV to committing the batches, in rows per second.
func BenchmarkImport(b *testing.B) {
	const n = 20000
	codes := events.Codes()
	actors := []string{"USA", "USAGOV", "RUS", "RUSGOV", "CHN", "GBR", "FRA", "DEU", "IRN", "ISR", "PSE", "SYR",
		"UKR", "TUR", "IND", "PAK", "CVL", "GOV", "MIL", "COP", ""}
	base := importRows()
	rows := make([]Event, n)
	seed := uint64(1)
	rnd := func(k int) int {
		seed = seed*6364136223846793005 + 1442695040888963407
		return int(seed>>33) % k
	}
	for i := range rows {
		e := base[i%len(base)]
		c := codes[rnd(len(codes))]
		for len(c.Code) < 3 {
			c = codes[rnd(len(codes))]
		}
		e.GlobalEventID = uint64(600000000 + i)
		e.EventCode, e.EventBaseCode, e.EventRootCode, e.QuadClass, e.GoldsteinScale = c.Code, c.Code[:3], c.Root, c.QuadClass, c.Goldstein
		e.Source = SplitActorCode(actors[rnd(len(actors))])
		e.Target = SplitActorCode(actors[rnd(len(actors))])
		e.Day = DateOf(time.Date(2016, 7, 28-rnd(30), 0, 0, 0, 0, time.UTC))
		rows[i] = e
	}
	var buf bytes.Buffer
	if err := WriteGDELT2(&buf, slices.Values(rows)); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		stats, err := ImportReader(ctx, st, bytes.NewReader(buf.Bytes()), GDELT2, ImportOptions{})
		if err != nil || stats.Imported != n {
			b.Fatalf("imported %+v: %v", stats, err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
}
