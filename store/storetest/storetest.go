// Package storetest is the conformance suite of store backends: every backend must pass Run.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/store"
)

// Run runs the conformance suite. open returns a new, empty store for each subtest; it closes
// the store (and removes what it made) with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, store.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"Idempotent", testIdempotent},
		{"Replace", testReplace},
		{"DuplicateInBatch", testDuplicateInBatch},
		{"Atomic", testAtomic},
		{"ContentHashes", testContentHashes},
		{"Duplicates", testDuplicates},
		{"Stories", testStories},
		{"Merged", testMerged},
		{"Relations", testRelations},
		{"Errors", testErrors},
		{"Search", testSearch},
		{"Actors", testActors},
		{"Concurrent", testConcurrent},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.fn(t, open(t))
		})
	}
}

// Article returns a hand-made coded article: the text is its sentences joined by spaces, and
// every event's evidence is the sentence it points to.
func Article(id, source, published string, sentences []string, events ...record.Event) *record.Article {
	a := &record.Article{ID: id, Title: "Title of " + id, Source: source, Published: published, Lang: "en",
		URL: "https://example.org/" + id, Entities: []record.Entity{}, Quotes: []record.Quote{}}
	for i, s := range sentences {
		if i > 0 {
			a.Text += " "
		}
		a.Sentences = append(a.Sentences, record.Sentence{Start: len(a.Text), End: len(a.Text) + len(s)})
		a.Text += s
	}
	if a.Sentences == nil {
		a.Sentences = []record.Sentence{}
	}
	a.Events = []record.Event{}
	for _, e := range events {
		if e.Sentence < len(a.Sentences) {
			s := a.Sentences[e.Sentence]
			e.Start, e.End, e.Evidence = s.Start, s.End, a.Text[s.Start:s.End]
		}
		a.Events = append(a.Events, e)
	}
	return a
}

// Event returns an asserted, not negated event of code from source to target (actor codes; ""
// for none) on date ("" for none) in sentence 0.
func Event(code string, quad int, goldstein float64, source, target, date string) record.Event {
	e := record.Event{Code: code, Root: code[:2], Plover: "PLOVER" + code, Goldstein: goldstein, QuadClass: quad,
		Date: date, Modality: "asserted", Confidence: 0.8}
	if source != "" {
		e.Source = &record.Participant{Text: source + " text", Name: source + " name", Code: source, Country: source[:3]}
	}
	if target != "" {
		e.Target = &record.Participant{Text: target + " text", Name: target + " name", Code: target, Country: target[:3]}
	}
	return e
}

func put(t *testing.T, s store.Store, arts ...*record.Article) {
	t.Helper()
	if err := s.PutArticles(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
}

func counts(t *testing.T, s store.Store) store.Counts {
	t.Helper()
	c, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Mentions != c.Events {
		t.Errorf("merged events have %d mentions in all, but %d events are stored", c.Mentions, c.Events)
	}
	return c
}

func js(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func f64(v float64) *float64 { return &v }

// full returns an article that uses every field of the record.
func full(id string) *record.Article {
	sents := []string{
		"Rex Tillerson met Sergei Lavrov in Moscow on Wednesday.",
		`"We will not accept this," the Kremlin said.`,
		"Officials may impose sanctions.",
	}
	met := Event("040", 1, 1, "USAGOV", "RUSGOV", "2017-04-12")
	met.Location = &record.Location{Name: "Moscow", Country: "RUS", Lat: f64(55.76), Lon: f64(37.62)}
	reject := Event("120", 3, -4, "RUSGOV", "", "")
	reject.Sentence = 1
	reject.Negated = true
	reject.Location = &record.Location{Name: "Somewhere"}
	sanction := Event("163", 4, -8, "", "RUS", "")
	sanction.Sentence = 2
	sanction.Modality = "possible"
	a := Article(id, "Reuters", "2017-04-13", sents, met, reject, sanction)
	a.Tone = f64(-3.25)
	a.Story = "story-of-" + id
	a.Entities = []record.Entity{
		{Text: "Rex Tillerson", Type: "PER", Start: 0, End: 13, Actor: &record.Actor{Name: "Rex Tillerson", Code: "USAGOV", Country: "USA"}},
		{Text: "Sergei Lavrov", Type: "PER", Start: 18, End: 31, Actor: &record.Actor{Name: "Sergey Lavrov", Code: "RUSGOV", Country: "RUS"}},
		{Text: "Moscow", Type: "LOC", Start: 35, End: 41},
		{Text: "the Kremlin", Type: "ORG", Subtype: "nominal", Start: 88, End: 99, Actor: &record.Actor{Name: "Kremlin", Code: "RUSGOV"}},
	}
	a.Quotes = []record.Quote{
		{Text: "We will not accept this,", Start: 57, End: 81, Direct: true, Cue: "said",
			Speaker: &record.Speaker{Text: "the Kremlin", Start: 88, End: 99, Name: "Kremlin", Code: "RUSGOV", Country: "RUS"}, Confidence: 0.9},
		{Text: "all-time low", Start: 0, End: 12, Direct: true, Scare: true, InTitle: true, Confidence: 0.5},
		{Text: "sanctions may follow", Start: 120, End: 140, Cue: "according to",
			Speaker: &record.Speaker{Text: "officials", Start: 100, End: 109}, Confidence: 0.6},
	}
	return a
}

func testRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := full("a1")
	b := Article("b1", "", "", []string{"Nothing happened."})
	put(t, s, a, b)
	for _, want := range []*record.Article{a, b} {
		got, err := s.Article(ctx, want.ID)
		if err != nil {
			t.Fatal(err)
		}
		if js(got) != js(want) {
			t.Errorf("article %s read back differs:\n got %s\nwant %s", want.ID, js(got), js(want))
		}
	}
	if _, err := s.Article(ctx, "missing"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("missing article: got error %v, want ErrNotFound", err)
	}
	c := counts(t, s)
	want := store.Counts{Articles: 2, Stories: 1, Sentences: 4, Entities: 4, Quotes: 3, Events: 3, MergedEvents: 3, Mentions: 3, Actors: 6}
	if c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
}

// corpus returns n articles with events between a few actors over a few days, from three sources.
func corpus(n int) []*record.Article {
	actors := []string{"USAGOV", "RUSGOV", "USA", "RUS", "CHN", "FRAGOV"}
	codes := []struct {
		code string
		quad int
		g    float64
	}{{"040", 1, 1}, {"057", 1, 8}, {"070", 2, 7}, {"111", 3, -2}, {"173", 4, -5}, {"190", 4, -10}}
	var out []*record.Article
	for i := range n {
		var evs []record.Event
		for j := range i % 4 {
			c := codes[(i+j)%len(codes)]
			e := Event(c.code, c.quad, c.g, actors[(i+j)%len(actors)], actors[(i+2*j+1)%len(actors)], "")
			if j%2 == 1 {
				e.Date = fmt.Sprintf("2017-04-%02d", 10+(i+j)%5)
			}
			e.Sentence = j % 2
			evs = append(evs, e)
		}
		a := Article(fmt.Sprintf("c%03d", i), []string{"Reuters", "AP", "BBC"}[i%3], fmt.Sprintf("2017-04-%02d", 10+i%7),
			[]string{fmt.Sprintf("Sentence one of article %d.", i), "The second sentence."}, evs...)
		a.Entities = []record.Entity{{Text: "X", Type: "PER", Start: 0, End: 1,
			Actor: &record.Actor{Name: "Person " + actors[i%len(actors)], Code: actors[i%len(actors)]}}}
		a.Quotes = []record.Quote{{Text: "sentence", Start: 0, End: 8, Confidence: 0.5}}
		out = append(out, a)
	}
	return out
}

func testIdempotent(t *testing.T, s store.Store) {
	arts := corpus(40)
	put(t, s, arts...)
	c1 := counts(t, s)
	m1 := merged(t, s)
	put(t, s, arts...)
	if c := counts(t, s); c != c1 {
		t.Errorf("after writing the same articles again: %+v, want %+v", c, c1)
	}
	// Again, in other batches and another order.
	rev := slices.Clone(arts)
	slices.Reverse(rev)
	for i := 0; i < len(rev); i += 7 {
		put(t, s, rev[i:min(i+7, len(rev))]...)
	}
	if c := counts(t, s); c != c1 {
		t.Errorf("after writing them again in other batches: %+v, want %+v", c, c1)
	}
	if m := merged(t, s); js(m) != js(m1) {
		t.Errorf("merged events changed after writing the same articles again:\n got %s\nwant %s", js(m), js(m1))
	}
	CheckMerged(t, s)
	if c1.Articles != 40 || c1.Events != 60 {
		t.Errorf("stored %d articles and %d events, want 40 and 60", c1.Articles, c1.Events)
	}
}

// CheckMerged checks the counts of every merged event against its mentions, and that the
// merged events hold every event mention once.
func CheckMerged(t testing.TB, s store.Store) {
	t.Helper()
	ctx := context.Background()
	ms, err := s.MergedEvents(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, m := range ms {
		mentions, err := s.Mentions(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		arts, sources := map[string]bool{}, map[string]bool{}
		first, last := "", ""
		dated := true
		for _, x := range mentions {
			arts[x.ArticleID], sources[x.Source] = true, true
			if x.Published == "" {
				dated = false
			}
			if first == "" || x.Published < first {
				first = x.Published
			}
			last = max(last, x.Published)
		}
		total += len(mentions)
		if m.NumMentions != len(mentions) || m.NumArticles != len(arts) || m.NumSources != len(sources) ||
			dated && (m.FirstSeen != first || m.LastSeen != last) {
			t.Errorf("merged event %+v: its %d mentions are in %d articles from %d sources, seen %s to %s",
				m, len(mentions), len(arts), len(sources), first, last)
		}
	}
	c, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if total != c.Events || c.MergedEvents != len(ms) {
		t.Errorf("%d merged events with %d mentions, but the counts are %+v", len(ms), total, c)
	}
}

// merged returns the merged events without their seen dates (articles without a publication
// date are seen when stored).
func merged(t *testing.T, s store.Store) []store.MergedEvent {
	t.Helper()
	ms, err := s.MergedEvents(context.Background(), store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func testReplace(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := full("r1")
	put(t, s, a)
	// The article comes back with one event fewer, another text and no quotes.
	b := full("r1")
	b.Text = strings.Replace(b.Text, "Officials", "Ministers", 1)
	b.Events = b.Events[:2]
	b.Quotes = []record.Quote{}
	put(t, s, b)
	got, err := s.Article(ctx, "r1")
	if err != nil {
		t.Fatal(err)
	}
	if js(got) != js(b) {
		t.Errorf("replaced article read back differs:\n got %s\nwant %s", js(got), js(b))
	}
	c := counts(t, s)
	want := store.Counts{Articles: 1, Stories: 1, Sentences: 3, Entities: 4, Quotes: 0, Events: 2, MergedEvents: 2, Mentions: 2, Actors: 6}
	if c != want {
		t.Errorf("counts %+v, want %+v", c, want)
	}
	if hits, err := s.Search(ctx, "officials", 10); err != nil || len(hits) != 0 {
		t.Errorf("search for a word of the old text: %v, %v; want nothing", hits, err)
	}
	if hits, err := s.Search(ctx, "ministers", 10); err != nil || len(hits) != 1 {
		t.Errorf("search for a word of the new text: %v, %v; want r1", hits, err)
	}
	if hits, err := s.SearchQuotes(ctx, "accept", 10); err != nil || len(hits) != 0 {
		t.Errorf("search for a removed quote: %v, %v; want nothing", hits, err)
	}
}

func testDuplicateInBatch(t *testing.T, s store.Store) {
	a := full("d1")
	b := full("d1")
	b.Events = b.Events[:1]
	put(t, s, a, b)
	got, err := s.Article(context.Background(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	if js(got) != js(b) {
		t.Errorf("got %s, want the last of the batch %s", js(got), js(b))
	}
	if c := counts(t, s); c.Articles != 1 || c.Events != 1 {
		t.Errorf("counts %+v, want 1 article, 1 event", c)
	}
}

func testAtomic(t *testing.T, s store.Store) {
	ctx := context.Background()
	put(t, s, corpus(3)...)
	c0 := counts(t, s)
	bad := corpus(6)[3:]
	bad = append(bad, &record.Article{Text: "no id"})
	if err := s.PutArticles(ctx, bad); err == nil {
		t.Error("a batch with an article without id was written")
	}
	if c := counts(t, s); c != c0 {
		t.Errorf("a failed batch changed the store: %+v, want %+v", c, c0)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.PutArticles(cctx, corpus(6)[3:]); err == nil {
		t.Error("a batch was written with a cancelled context")
	}
	if c := counts(t, s); c != c0 {
		t.Errorf("a cancelled batch changed the store: %+v, want %+v", c, c0)
	}
	if err := s.PutArticles(ctx, nil); err != nil {
		t.Errorf("an empty batch: %v", err)
	}
}

func testContentHashes(t *testing.T, s store.Store) {
	arts := corpus(3)
	put(t, s, arts...)
	hs, err := s.ContentHashes(context.Background(), []string{"c000", "c002", "nope"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"c000": store.RecordHash(arts[0]), "c002": store.RecordHash(arts[2])}
	if !reflect.DeepEqual(hs, want) {
		t.Errorf("got %v, want %v", hs, want)
	}
	if store.RecordHash(arts[0]) == store.RecordHash(arts[1]) {
		t.Error("two articles have the same hash")
	}
	// Many ids at once.
	ids := make([]string, 2000)
	for i := range ids {
		ids[i] = fmt.Sprintf("c%03d", i)
	}
	if hs, err := s.ContentHashes(context.Background(), ids); err != nil || len(hs) != 3 {
		t.Errorf("2,000 ids: %d hashes, %v; want 3", len(hs), err)
	}
}

func testDuplicates(t *testing.T, s store.Store) {
	ctx := context.Background()
	arts := corpus(3)
	put(t, s, arts...)
	th := store.TextHash(arts[1].Text)
	byURL, byText, err := s.Duplicates(ctx, []string{arts[0].URL, "https://example.org/none", ""},
		[]string{th, store.TextHash("no such text"), ""})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{arts[0].URL: arts[0].ID}; !reflect.DeepEqual(byURL, want) {
		t.Errorf("by URL: got %v, want %v", byURL, want)
	}
	if want := map[string]string{th: arts[1].ID}; !reflect.DeepEqual(byText, want) {
		t.Errorf("by text: got %v, want %v", byText, want)
	}
	// A copy under another id and URL: the text finds the first id stored (the least).
	cp := *arts[1]
	cp.ID, cp.URL = "c999", "https://example.org/copy"
	put(t, s, &cp)
	if _, byText, err := s.Duplicates(ctx, nil, []string{th}); err != nil || byText[th] != arts[1].ID {
		t.Errorf("with a copy: %v, %v; want %s", byText, err, arts[1].ID)
	}
	if store.TextHash("") != "" {
		t.Error("an empty text has a hash")
	}
}

func testStories(t *testing.T, s store.Store) {
	ctx := context.Background()
	arts := corpus(5)
	for i, a := range arts {
		a.Story = []string{"c000", "c000", "c002", "c000", ""}[i]
		a.Source = []string{"Reuters", "AP", "AP", "AP", "AP"}[i]
	}
	arts[2].Skipped = "language de: only English is coded"
	arts[2].Sentences, arts[2].Events = []record.Sentence{}, []record.Event{}
	put(t, s, arts...)
	got, err := s.Stories(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Story{
		{ID: "c000", Articles: 3, Sources: 2, FirstDay: arts[0].Published, LastDay: arts[3].Published, Title: arts[0].Title},
		{ID: "c002", Articles: 1, Sources: 1, FirstDay: arts[2].Published, LastDay: arts[2].Published, Title: arts[2].Title},
	}
	if js(got) != js(want) {
		t.Errorf("stories:\ngot  %s\nwant %s", js(got), js(want))
	}
	if got, err := s.Stories(ctx, 1); err != nil || len(got) != 1 || got[0].ID != "c000" {
		t.Errorf("one story: %v, %v", got, err)
	}
	c := counts(t, s)
	if c.Stories != 2 || c.Skipped != 1 {
		t.Errorf("counts: %d stories, %d skipped; want 2, 1", c.Stories, c.Skipped)
	}
	a, err := s.Article(ctx, "c002")
	if err != nil || a.Story != "c002" || a.Skipped != arts[2].Skipped {
		t.Errorf("article c002: %+v, %v", a, err)
	}
	if got, err := s.StoriesOf(ctx, []string{"c000", "c003", "c004", "nope"}); err != nil ||
		!reflect.DeepEqual(got, map[string]string{"c000": "c000", "c003": "c000"}) {
		t.Errorf("stories of c000, c003, c004, nope: %v, %v", got, err)
	}
	recent, err := s.Recent(ctx, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(recent) != 2 || recent[0].ID != "c003" || recent[1].ID != "c004" || recent[0].Story != "c000" ||
		recent[0].Text != arts[3].Text || recent[0].Title != arts[3].Title || recent[0].Published != arts[3].Published {
		t.Errorf("recent: %s", js(recent))
	}
}

func testMerged(t *testing.T, s store.Store) {
	ctx := context.Background()
	sents := []string{"Tillerson met Lavrov in Moscow.", "They met again.", "Tillerson criticised Lavrov."}
	meet := func(sentence int) record.Event {
		e := Event("040", 1, 1, "USAGOV", "RUSGOV", "2017-04-12")
		e.Location = &record.Location{Name: "Moscow", Country: "RUS"}
		e.Sentence = sentence
		return e
	}
	crit := Event("111", 3, -2, "USAGOV", "RUSGOV", "")
	crit.Sentence = 2
	a1 := Article("m1", "Reuters", "2017-04-12", sents, meet(0), meet(1), crit)
	a2 := Article("m2", "AP", "2017-04-13", sents, meet(0))
	a3 := Article("m3", "Reuters", "2017-04-14", sents, meet(1))
	put(t, s, a1, a2)
	put(t, s, a3)
	ms, err := s.MergedEvents(ctx, store.EventQuery{Code: "04"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 {
		t.Fatalf("got %d merged meetings, want 1: %s", len(ms), js(ms))
	}
	m := ms[0]
	want := store.MergedEvent{ID: m.ID, Source: "USAGOV", Target: "RUSGOV", Code: "040", Root: "04", QuadClass: 1, Goldstein: 1,
		Day: "2017-04-12", Location: "Moscow", NumMentions: 4, NumSources: 2, NumArticles: 3, FirstSeen: "2017-04-12", LastSeen: "2017-04-14"}
	if m != want {
		t.Errorf("merged meeting\n got %+v\nwant %+v", m, want)
	}
	mentions, err := s.Mentions(ctx, m.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantMentions := []store.Mention{
		{ArticleID: "m1", Index: 0, Sentence: 0, Start: 0, End: 31, Evidence: sents[0], Modality: "asserted", Source: "Reuters", Published: "2017-04-12"},
		{ArticleID: "m1", Index: 1, Sentence: 1, Start: 32, End: 47, Evidence: sents[1], Modality: "asserted", Source: "Reuters", Published: "2017-04-12"},
		{ArticleID: "m2", Index: 0, Sentence: 0, Start: 0, End: 31, Evidence: sents[0], Modality: "asserted", Source: "AP", Published: "2017-04-13"},
		{ArticleID: "m3", Index: 0, Sentence: 1, Start: 32, End: 47, Evidence: sents[1], Modality: "asserted", Source: "Reuters", Published: "2017-04-14"},
	}
	if js(mentions) != js(wantMentions) {
		t.Errorf("mentions\n got %s\nwant %s", js(mentions), js(wantMentions))
	}
	// The criticism has no date of its own: it is counted on its article's day.
	ms, err = s.MergedEvents(ctx, store.EventQuery{Source: "USA", Target: "RUS", Code: "111"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Day != "2017-04-12" || ms[0].NumMentions != 1 {
		t.Errorf("criticism: %s, want one on 2017-04-12 with one mention", js(ms))
	}
	// Re-storing the AP article without its meeting leaves one source.
	put(t, s, Article("m2", "AP", "2017-04-13", sents))
	ms, _ = s.MergedEvents(ctx, store.EventQuery{Code: "040"})
	if len(ms) != 1 || ms[0].NumMentions != 3 || ms[0].NumSources != 1 || ms[0].NumArticles != 2 || ms[0].LastSeen != "2017-04-14" {
		t.Errorf("after removing the AP mention: %s", js(ms))
	}
	// Removing the criticism removes its merged event.
	put(t, s, Article("m1", "Reuters", "2017-04-12", sents, meet(0), meet(1)))
	if ms, _ = s.MergedEvents(ctx, store.EventQuery{Code: "111"}); len(ms) != 0 {
		t.Errorf("a merged event without mentions is left: %s", js(ms))
	}
	// Filters.
	for _, tc := range []struct {
		q    store.EventQuery
		want int
	}{
		{store.EventQuery{Source: "RUS"}, 0},
		{store.EventQuery{Source: "usa", Target: "RUSGOV"}, 1},
		{store.EventQuery{From: day("2017-04-13")}, 0},
		{store.EventQuery{To: day("2017-04-12")}, 1},
		{store.EventQuery{Limit: 1}, 1},
	} {
		ms, err := s.MergedEvents(ctx, tc.q)
		if err != nil || len(ms) != tc.want {
			t.Errorf("MergedEvents(%+v): %d, %v; want %d", tc.q, len(ms), err, tc.want)
		}
	}
	CheckMerged(t, s)
	if _, err := s.MergedEvents(ctx, store.EventQuery{Source: "US'A"}); err == nil {
		t.Error("a prefix with a quote was accepted")
	}
	counts(t, s)
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func testRelations(t *testing.T, s store.Store) {
	ctx := context.Background()
	sents := []string{"One.", "Two."}
	ev := func(code string, quad int, g float64, src, tgt, date string, mod ...func(*record.Event)) record.Event {
		e := Event(code, quad, g, src, tgt, date)
		for _, m := range mod {
			m(&e)
		}
		return e
	}
	negated := func(e *record.Event) { e.Negated = true }
	planned := func(e *record.Event) { e.Modality = "planned" }
	// 2017-04-03 is a Monday.
	arts := []*record.Article{
		Article("x1", "Reuters", "2017-04-03", sents,
			ev("040", 1, 1, "USAGOV", "RUSGOV", "2017-04-03"),
			ev("111", 3, -2, "RUSGOV", "USAGOV", "2017-04-03"),
			ev("190", 4, -10, "USAMIL", "RUSMIL", "2017-04-04", negated),
			ev("173", 4, -5, "USA", "RUS", "2017-04-05", planned),
			ev("070", 2, 7, "USA", "CHN", "2017-04-03"),
		),
		// The same meeting again, from another source: one event, two mentions.
		Article("x2", "AP", "2017-04-03", sents, ev("040", 1, 1, "USAGOV", "RUSGOV", "2017-04-03")),
		Article("x3", "AP", "2017-04-20", sents, ev("057", 1, 8, "RUS", "USA", ""), ev("111", 3, -2, "USA", "RUS", "2017-05-02")),
		// Undated: left out.
		Article("x4", "AP", "", sents, ev("111", 3, -2, "USA", "RUS", "")),
	}
	put(t, s, arts...)
	rel := func(q store.RelationsQuery) []store.RelationsRow {
		t.Helper()
		rows, err := s.Relations(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	row := func(period string, events, mentions int, quad [4]int, gsum float64) store.RelationsRow {
		r := store.RelationsRow{Period: period, Events: events, Mentions: mentions, Quad: quad, GoldsteinSum: gsum}
		if events > 0 {
			r.GoldsteinMean = gsum / float64(events)
		}
		return r
	}
	check := func(name string, got, want []store.RelationsRow) {
		t.Helper()
		if js(got) != js(want) {
			t.Errorf("%s:\n got %s\nwant %s", name, js(got), js(want))
		}
	}
	check("by day, both directions", rel(store.RelationsQuery{A: "USA", B: "RUS", By: "day", To: day("2017-04-30")}), []store.RelationsRow{
		row("2017-04-03", 2, 3, [4]int{1, 0, 1, 0}, -1),
		row("2017-04-04", 0, 0, [4]int{}, 0),
		row("2017-04-05", 0, 0, [4]int{}, 0),
		row("2017-04-06", 0, 0, [4]int{}, 0),
		row("2017-04-07", 0, 0, [4]int{}, 0),
		row("2017-04-08", 0, 0, [4]int{}, 0),
		row("2017-04-09", 0, 0, [4]int{}, 0),
		row("2017-04-10", 0, 0, [4]int{}, 0),
		row("2017-04-11", 0, 0, [4]int{}, 0),
		row("2017-04-12", 0, 0, [4]int{}, 0),
		row("2017-04-13", 0, 0, [4]int{}, 0),
		row("2017-04-14", 0, 0, [4]int{}, 0),
		row("2017-04-15", 0, 0, [4]int{}, 0),
		row("2017-04-16", 0, 0, [4]int{}, 0),
		row("2017-04-17", 0, 0, [4]int{}, 0),
		row("2017-04-18", 0, 0, [4]int{}, 0),
		row("2017-04-19", 0, 0, [4]int{}, 0),
		row("2017-04-20", 1, 1, [4]int{1, 0, 0, 0}, 8),
	})
	check("by week", rel(store.RelationsQuery{A: "USA", B: "RUS", By: "week"}), []store.RelationsRow{
		row("2017-04-03", 2, 3, [4]int{1, 0, 1, 0}, -1),
		row("2017-04-10", 0, 0, [4]int{}, 0),
		row("2017-04-17", 1, 1, [4]int{1, 0, 0, 0}, 8),
		row("2017-04-24", 0, 0, [4]int{}, 0),
		row("2017-05-01", 1, 1, [4]int{0, 0, 1, 0}, -2),
	})
	check("by month", rel(store.RelationsQuery{A: "USA", B: "RUS", By: "month"}), []store.RelationsRow{
		row("2017-04-01", 3, 4, [4]int{2, 0, 1, 0}, 7),
		row("2017-05-01", 1, 1, [4]int{0, 0, 1, 0}, -2),
	})
	check("directed", rel(store.RelationsQuery{A: "USA", B: "RUS", Directed: true, By: "month"}), []store.RelationsRow{
		row("2017-04-01", 1, 2, [4]int{1, 0, 0, 0}, 1),
		row("2017-05-01", 1, 1, [4]int{0, 0, 1, 0}, -2),
	})
	check("directed, the other way", rel(store.RelationsQuery{A: "RUS", B: "USA", Directed: true, By: "month"}), []store.RelationsRow{
		row("2017-04-01", 2, 2, [4]int{1, 0, 1, 0}, 6),
	})
	check("with negated and hypothetical", rel(store.RelationsQuery{A: "USA", B: "RUS", By: "week", IncludeNegated: true, IncludeHypothetical: true,
		To: day("2017-04-09")}), []store.RelationsRow{
		row("2017-04-03", 4, 5, [4]int{1, 0, 1, 2}, -16),
	})
	check("with negated", rel(store.RelationsQuery{A: "USA", B: "RUS", By: "week", IncludeNegated: true, To: day("2017-04-09")}), []store.RelationsRow{
		row("2017-04-03", 3, 4, [4]int{1, 0, 1, 1}, -11),
	})
	check("from, to", rel(store.RelationsQuery{A: "USA", B: "RUS", From: day("2017-04-04"), To: day("2017-04-30"), By: "month"}), []store.RelationsRow{
		row("2017-04-01", 1, 1, [4]int{1, 0, 0, 0}, 8),
	})
	check("actor roles", rel(store.RelationsQuery{A: "USAGOV", B: "RUSGOV", By: "month"}), []store.RelationsRow{
		row("2017-04-01", 2, 3, [4]int{1, 0, 1, 0}, -1),
	})
	check("any partner", rel(store.RelationsQuery{A: "USA", By: "month", Directed: true, To: day("2017-04-30")}), []store.RelationsRow{
		row("2017-04-01", 2, 3, [4]int{1, 1, 0, 0}, 8),
	})
	check("nothing", rel(store.RelationsQuery{A: "FRA", B: "DEU"}), nil)

	// Tone, where articles have it.
	toned := Article("x5", "AP", "2017-06-01", sents, ev("040", 1, 1, "USA", "RUS", ""))
	toned.Tone = f64(-2)
	toned2 := Article("x6", "BBC", "2017-06-01", sents, ev("040", 1, 1, "USA", "RUS", ""))
	toned2.Tone = f64(-4)
	put(t, s, toned, toned2)
	rows := rel(store.RelationsQuery{A: "USA", B: "RUS", By: "month", From: day("2017-06-01")})
	if len(rows) != 1 || rows[0].ToneMean == nil || *rows[0].ToneMean != -3 || rows[0].Events != 1 || rows[0].Mentions != 2 {
		t.Errorf("tone: %s, want one event, two mentions, mean tone -3", js(rows))
	}
	for _, r := range rel(store.RelationsQuery{A: "USA", B: "RUS", To: day("2017-05-30")}) {
		if r.ToneMean != nil {
			t.Errorf("tone mean %v for articles without tone", *r.ToneMean)
		}
	}
	if _, err := s.Relations(ctx, store.RelationsQuery{A: "USA", B: "RUS", By: "year"}); err == nil {
		t.Error("by year was accepted")
	}
}

func testErrors(t *testing.T, s store.Store) {
	ctx := context.Background()
	if es, err := s.Errors(ctx); err != nil || len(es) != 0 {
		t.Fatalf("a new store has errors %v, %v", es, err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, e := range []store.ErrorRecord{
		{Source: "b.jsonl", Position: 17, Reason: "invalid JSON", Time: t0},
		{Source: "a.txt", Reason: "binary content, not text", Time: t0},
		{Source: "b.jsonl", Position: 3, Reason: "invalid JSON", Time: t0},
		{Source: "b.jsonl", Position: 17, Reason: "invalid JSON", Time: t0.Add(time.Hour)}, // again
	} {
		if err := s.PutError(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutError(ctx, store.ErrorRecord{Source: "-", Position: 1, Reason: "now"}); err != nil {
		t.Fatal(err)
	}
	es, err := s.Errors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 4 {
		t.Fatalf("got %d errors, want 4: %+v", len(es), es)
	}
	if time.Since(es[0].Time) > time.Hour || es[0].Source != "-" {
		t.Errorf("an error recorded now: %+v", es[0])
	}
	es = es[1:]
	want := []store.ErrorRecord{
		{Source: "a.txt", Reason: "binary content, not text", Time: t0},
		{Source: "b.jsonl", Position: 3, Reason: "invalid JSON", Time: t0},
		{Source: "b.jsonl", Position: 17, Reason: "invalid JSON", Time: t0.Add(time.Hour)},
	}
	for i := range want {
		if es[i].Source != want[i].Source || es[i].Position != want[i].Position || es[i].Reason != want[i].Reason || !es[i].Time.Equal(want[i].Time) {
			t.Errorf("error %d: %+v, want %+v", i, es[i], want[i])
		}
	}
	if c := counts(t, s); c.Errors != 4 {
		t.Errorf("counts: %d errors, want 4", c.Errors)
	}
}

func testSearch(t *testing.T, s store.Store) {
	ctx := context.Background()
	a := full("s1")
	b := Article("s2", "AP", "2017-04-14", []string{"Sanctions on Russia were discussed in Brussels."})
	b.Title = "EU weighs Russia sanctions"
	b.Quotes = []record.Quote{{Text: "Sanctions will stay", Start: 0, End: 9, Direct: true, Cue: "said",
		Speaker: &record.Speaker{Text: "Mogherini", Name: "Federica Mogherini", Code: "IGOEU"}, Confidence: 0.9}}
	put(t, s, a, b)
	ids := func(hits []store.ArticleHit) []string {
		var out []string
		for _, h := range hits {
			out = append(out, h.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"Moscow", []string{"s1"}},
		{"moscow tillerson", []string{"s1"}},
		{"sanctions", []string{"s1", "s2"}},
		{"Brussels sanctions", []string{"s2"}},
		{"weighs", []string{"s2"}}, // in the title only
		{"moscow brussels", nil},
		{"zanzibar", nil},
		{`"; DROP TABLE articles; --`, nil},
		{"", nil},
	} {
		hits, err := s.Search(ctx, tc.q, 10)
		if err != nil {
			t.Errorf("Search(%q): %v", tc.q, err)
			continue
		}
		if got := ids(hits); !slices.Equal(got, tc.want) {
			t.Errorf("Search(%q) = %v, want %v", tc.q, got, tc.want)
		}
	}
	hits, err := s.Search(ctx, "brussels", 10)
	if err != nil || len(hits) != 1 || hits[0].Title != b.Title || hits[0].Source != "AP" || hits[0].Published != "2017-04-14" {
		t.Errorf("hit: %+v, %v", hits, err)
	}
	if hits, _ := s.Search(ctx, "sanctions", 1); len(hits) != 1 {
		t.Errorf("limit 1: %d hits", len(hits))
	}
	qs, err := s.SearchQuotes(ctx, "sanctions", 10)
	if err != nil {
		t.Fatal(err)
	}
	want := []store.QuoteHit{
		{ArticleID: "s1", Index: 2, Text: "sanctions may follow"},
		{ArticleID: "s2", Index: 0, Text: "Sanctions will stay", SpeakerName: "Federica Mogherini", SpeakerCode: "IGOEU"},
	}
	slices.SortFunc(qs, func(x, y store.QuoteHit) int { return strings.Compare(x.ArticleID, y.ArticleID) })
	if js(qs) != js(want) {
		t.Errorf("quotes:\n got %s\nwant %s", js(qs), js(want))
	}
	if qs, _ := s.SearchQuotes(ctx, "accept", 10); len(qs) != 1 || qs[0].SpeakerCode != "RUSGOV" {
		t.Errorf("quote with a speaker: %+v", qs)
	}
}

func testActors(t *testing.T, s store.Store) {
	put(t, s, full("p1"))
	put(t, s, full("p2"))
	// USAGOV/Rex Tillerson, RUSGOV/Sergey Lavrov, RUSGOV/Kremlin, and the events' participants
	// USAGOV/"USAGOV name", RUSGOV/"RUSGOV name", RUS/"RUS name".
	if c := counts(t, s); c.Actors != 6 {
		t.Errorf("%d actors, want 6", c.Actors)
	}
}

func testConcurrent(t *testing.T, s store.Store) {
	ctx := context.Background()
	arts := corpus(60)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each writer writes all articles, in its own order and batches, while reading.
			order := slices.Clone(arts)
			if w%2 == 1 {
				slices.Reverse(order)
			}
			for i := 0; i < len(order); i += 5 + w {
				if err := s.PutArticles(ctx, order[i:min(i+5+w, len(order))]); err != nil {
					errs <- err
					return
				}
				if _, err := s.Relations(ctx, store.RelationsQuery{A: "USA", B: "RUS", By: "week"}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := counts(t, s)
	for _, m := range merged(t, s) {
		if m.NumMentions < m.NumArticles || m.NumArticles < 1 || m.NumSources < 1 || m.NumSources > 3 {
			t.Errorf("inconsistent merged event %+v", m)
		}
	}
	CheckMerged(t, s)
	if got.Articles != 60 || got.Events != 90 {
		t.Errorf("counts after concurrent writes: %+v, want 60 articles, 90 events", got)
	}
}
