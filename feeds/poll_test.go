package feeds

import (
	"context"
	"errors"
	"fmt"
	"html"
	"iter"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/fetch"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/ingest"
)

// story is a made-up news article, written for these tests.
type story struct {
	slug, title, date string
	paras             []string
}

var stories = []story{
	{"ferry", "Ferry crossings resume after two days of storms", "Tue, 05 Mar 2024 08:30:00 GMT", []string{
		"Ferries between the mainland and the northern islands sailed again on Tuesday morning after gales kept every boat in harbour since Sunday.",
		"The operator said the first crossing left at seven o'clock with more than two hundred passengers and forty lorries on board.",
		"Hauliers had warned that fresh food was running short in island shops, and the operator added two extra sailings for freight.",
	}},
	{"cycle-lanes", "Council approves cycle lanes on the ring road", "Tue, 05 Mar 2024 10:00:00 GMT", []string{
		"The city council voted on Monday night to build protected cycle lanes along the whole of the inner ring road.",
		"Work is due to start in the summer and to last eighteen months, the council's transport committee said in a statement.",
		"Shopkeepers on the ring road asked for the loading bays outside their doors to be kept, and the committee agreed to review them.",
	}},
	{"harvest", "Grain prices steady as the harvest begins", "Wed, 06 Mar 2024 07:45:00 GMT", []string{
		"Wheat prices held steady on Wednesday as farmers in the south began bringing in what growers expect to be an average crop.",
		"Traders said rain in February had helped late-sown fields, while a dry spell in the east had cut yields there.",
		"The farmers' union asked the government to speed up payments promised after last year's floods.",
	}},
	{"museum", "Museum returns bronze figures to their home city", "Wed, 06 Mar 2024 12:15:00 GMT", []string{
		"The national museum handed back twelve bronze figures on Wednesday at a ceremony attended by the city's mayor and the museum's director.",
		"The figures were taken more than a century ago and had been on display in the museum's west gallery since the nineteen-fifties.",
		"The director said the museum would keep working with the city's historians on the rest of its collection.",
	}},
	{"bridge", "Old bridge to close for repairs in April", "Thu, 07 Mar 2024 09:00:00 GMT", []string{
		"The old stone bridge over the river will close to traffic for six weeks from the first of April while engineers repair its arches.",
		"Buses will be diverted over the new bridge downstream, and a free shuttle will carry people on foot across the river every ten minutes.",
		"Engineers found cracks in two of the arches during an inspection last autumn, the highways department said.",
	}},
}

// newsPage returns the HTML page of s; without a title when bare.
func newsPage(s story, bare bool) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
	if !bare {
		b.WriteString("<title>" + html.EscapeString(s.title) + "</title>")
	}
	b.WriteString("</head><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article>")
	if !bare {
		b.WriteString("<h1>" + html.EscapeString(s.title) + "</h1>")
	}
	for _, p := range s.paras {
		b.WriteString("<p>" + html.EscapeString(p) + "</p>")
	}
	b.WriteString("</article><footer>Copyright The Daily Example</footer></body></html>")
	return b.String()
}

// rss returns an RSS 2.0 feed of stories whose links are base + "/news/" + slug.
func rss(base string, extra string, ss ...story) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>The Daily Example</title>`)
	b.WriteString("<link>" + base + "/</link>" + extra)
	for _, s := range ss {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s/news/%s</link><pubDate>%s</pubDate><description>%s</description></item>",
			html.EscapeString(s.title), base, s.slug, s.date, html.EscapeString(s.paras[0]))
	}
	b.WriteString("</channel></rss>")
	return b.String()
}

// site is a news site: a feed at /feed.xml and pages under /news/, counting requests.
type site struct {
	*httptest.Server
	mu      sync.Mutex
	feed    string // the feed's body
	etag    string // the feed's ETag; "" for none
	header  http.Header
	hits    map[string]int
	cond    []string // If-None-Match of each request of the feed
	special map[string]http.HandlerFunc
	bare    map[string]bool // pages without a title
}

func newSite(t *testing.T) *site {
	s := &site{hits: make(map[string]int), special: make(map[string]http.HandlerFunc), bare: make(map[string]bool), header: make(http.Header)}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Start() // after s.Server is set: the handler reads it
	t.Cleanup(s.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	special := s.special[r.URL.Path]
	feed, etag, bare := s.feed, s.etag, s.bare[r.URL.Path]
	for k, v := range s.header {
		w.Header()[k] = v
	}
	if r.URL.Path == "/feed.xml" {
		s.cond = append(s.cond, r.Header.Get("If-None-Match"))
	}
	s.mu.Unlock()
	if special != nil {
		special(w, r)
		return
	}
	if r.URL.Path == "/feed.xml" {
		if etag != "" {
			if r.Header.Get("If-None-Match") == etag {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("ETag", etag)
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, feed)
		return
	}
	for _, st := range stories {
		if r.URL.Path == "/news/"+st.slug {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, newsPage(st, bare))
			return
		}
	}
	http.NotFound(w, r)
}

func (s *site) set(f func(s *site)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(s)
}

func (s *site) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// collect runs a sequence to its end.
func collect(t *testing.T, seq iter.Seq2[*article.Article, error]) ([]*article.Article, []error) {
	t.Helper()
	var arts []*article.Article
	var errs []error
	for a, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		arts = append(arts, a)
	}
	return arts, errs
}

func TestPollConditional(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) { s.feed, s.etag = rss(s.URL, "", stories[0], stories[1]), `"rev-1"` })
	p, err := NewPoller([]string{s.URL + "/feed.xml"}, Options{Interval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	arts, errs := collect(t, p.Poll(ctx))
	if len(errs) > 0 || len(arts) != 2 {
		t.Fatalf("first poll: %d articles, errors %v", len(arts), errs)
	}
	feed := s.URL + "/feed.xml"
	for i, a := range arts {
		link := s.URL + "/news/" + stories[i].slug
		if a.ID != ItemID(link) || a.URL != link || a.Origin != feed+" "+link || !strings.Contains(a.HTML, html.EscapeString(stories[i].paras[1])) {
			t.Errorf("article %d: %+v", i, a)
		}
		if a.Title != "" {
			t.Errorf("article %d has a page title and was given %q", i, a.Title)
		}
		want, _ := time.Parse(time.RFC1123, stories[i].date)
		if !a.Published.Equal(want) {
			t.Errorf("article %d: published %v, want %v", i, a.Published, want)
		}
	}

	// Unchanged: a 304, and nothing is fetched.
	if !p.Wait(ctx) {
		t.Fatal("Wait: no feed due")
	}
	if arts, errs := collect(t, p.Poll(ctx)); len(arts)+len(errs) != 0 {
		t.Fatalf("second poll: %d articles, errors %v", len(arts), errs)
	}
	// Changed: only the new item is fetched.
	s.set(func(s *site) { s.feed, s.etag = rss(s.URL, "", stories[2], stories[0], stories[1]), `"rev-2"` })
	p.Wait(ctx)
	arts, errs = collect(t, p.Poll(ctx))
	if len(errs) > 0 || len(arts) != 1 || arts[0].ID != ItemID(s.URL+"/news/harvest") {
		t.Fatalf("third poll: %d articles, errors %v", len(arts), errs)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if want := []string{"", `"rev-1"`, `"rev-1"`}; strings.Join(s.cond, ",") != strings.Join(want, ",") {
		t.Errorf("If-None-Match of the polls: %q, want %q", s.cond, want)
	}
	for _, st := range stories[:3] {
		if n := s.hits["/news/"+st.slug]; n != 1 {
			t.Errorf("%s fetched %d times", st.slug, n)
		}
	}
}

func TestPollLastModified(t *testing.T) {
	const lm = "Tue, 05 Mar 2024 11:00:00 GMT"
	var got []string
	var mu sync.Mutex
	s := newSite(t)
	s.set(func(s *site) {
		s.feed = rss(s.URL, "", stories[0])
		s.special["/feed.xml"] = func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			got = append(got, r.Header.Get("If-Modified-Since"))
			mu.Unlock()
			if r.Header.Get("If-Modified-Since") == lm {
				w.WriteHeader(http.StatusNotModified)
				return
			}
			w.Header().Set("Last-Modified", lm)
			fmt.Fprint(w, rss(s.URL, "", stories[0]))
		}
	})
	p, _ := NewPoller([]string{s.URL + "/feed.xml"}, Options{Interval: time.Millisecond})
	ctx := context.Background()
	for range 2 {
		p.Wait(ctx)
		collect(t, p.Poll(ctx))
	}
	if len(got) != 2 || got[0] != "" || got[1] != lm {
		t.Errorf("If-Modified-Since: %q", got)
	}
	if n := s.hitsOf("/news/ferry"); n != 1 {
		t.Errorf("page fetched %d times", n)
	}
}

// TestPollFailures polls a feed whose pages fail in each of the ways a fetch can, and polls it
// again: the pages that may succeed later are tried again, the others are not.
func TestPollFailures(t *testing.T) {
	s := newSite(t)
	paths := []string{"/news/ferry", "/news/broken", "/news/gone", "/news/huge", "/news/image", "/news/slow", "/news/loop", "/news/cycle-lanes"}
	var items strings.Builder
	for _, p := range paths {
		fmt.Fprintf(&items, "<item><title>Item %s</title><link>%s%s</link></item>", p, s.URL, p)
	}
	s.set(func(s *site) {
		s.feed = `<rss version="2.0"><channel><title>Failures</title><link>` + s.URL + `/</link>` + items.String() + `</channel></rss>`
		s.special["/news/broken"] = func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", http.StatusInternalServerError) }
		s.special["/news/gone"] = func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) }
		s.special["/news/huge"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<p>"+strings.Repeat("The committee met again. ", 1000)+"</p>")
		}
		s.special["/news/image"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "image/jpeg")
			w.Write([]byte{0xff, 0xd8, 0xff})
		}
		s.special["/news/slow"] = func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}
		s.special["/news/loop"] = func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/news/loop", http.StatusFound) }
	})
	c := &fetch.Client{Timeout: 200 * time.Millisecond, MaxBytes: 10 << 10, MaxRedirects: 2}
	p, err := NewPoller([]string{s.URL + "/feed.xml"}, Options{Client: c, Interval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	arts, errs := collect(t, p.Poll(ctx))
	if len(arts) != 2 || arts[0].ID != ItemID(s.URL+"/news/ferry") || arts[1].ID != ItemID(s.URL+"/news/cycle-lanes") {
		t.Errorf("articles: %v", arts)
	}
	want := []struct {
		path, reason string
		kind         error
	}{
		{"/news/broken", "HTTP 500 Internal Server Error", fetch.ErrStatus},
		{"/news/gone", "HTTP 410 Gone", fetch.ErrStatus},
		{"/news/huge", "body is over the 10.0 KiB limit", article.ErrTooLarge},
		{"/news/image", "not an HTML page (image/jpeg)", fetch.ErrNotHTML},
		{"/news/slow", "timed out after 200ms", fetch.ErrTimeout},
		{"/news/loop", "stopped after 2 redirects (last to " + s.URL + "/news/loop)", fetch.ErrRedirects},
	}
	if len(errs) != len(want) {
		t.Fatalf("errors: %v", errs)
	}
	for i, w := range want {
		var ae *article.Error
		if !errors.As(errs[i], &ae) || ae.Path != s.URL+w.path || ae.Err.Error() != w.reason || !errors.Is(errs[i], w.kind) {
			t.Errorf("error %d: %v, want %s: %s", i, errs[i], s.URL+w.path, w.reason)
		}
		// As the ingest records it.
		if r := ingest.ErrorRecord(errs[i]); r.Source != s.URL+w.path || r.Reason != w.reason || r.Position != 0 {
			t.Errorf("error record %d: %+v", i, r)
		}
	}

	// Again: the server error and the time-out are tried again, nothing else.
	p.Wait(ctx)
	arts, errs = collect(t, p.Poll(ctx))
	if len(arts) != 0 || len(errs) != 2 || !strings.Contains(errs[0].Error(), "/news/broken: HTTP 500") || !strings.Contains(errs[1].Error(), "/news/slow: timed out") {
		t.Errorf("second poll: %v, %v", arts, errs)
	}
	for path, n := range map[string]int{"/news/ferry": 1, "/news/broken": 2, "/news/gone": 1, "/news/huge": 1, "/news/image": 1, "/news/slow": 2, "/news/loop": 3, "/news/cycle-lanes": 1} {
		if got := s.hitsOf(path); got != n {
			t.Errorf("%s fetched %d times, want %d", path, got, n)
		}
	}
}

// TestPollIngest ingests a feed whose second page fails with a server error into a store: the
// other pages are stored, the failure is recorded, and a new poller fetches only the page that
// failed.
func TestPollIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("codes articles; not with -short")
	}
	s := newSite(t)
	s.set(func(s *site) {
		s.feed = rss(s.URL, "", stories[0], stories[1], stories[2], stories[3])
		s.special["/news/cycle-lanes"] = func(w http.ResponseWriter, r *http.Request) {
			http.Error(w, "database unavailable", http.StatusInternalServerError)
		}
		s.bare["/news/museum"] = true
	})
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "feeds.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	coder := pipeline.New(pipeline.Options{})
	feed := s.URL + "/feed.xml"
	poll := func() ingest.Stats {
		t.Helper()
		p, err := NewPoller([]string{feed}, Options{Store: st})
		if err != nil {
			t.Fatal(err)
		}
		stats, err := ingest.Run(ctx, st, coder, p.Poll(ctx), ingest.Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		return stats
	}
	if stats := poll(); stats.Stored != 3 || stats.Failed != 1 {
		t.Fatalf("first ingest: %+v", stats)
	}
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 3 || c.Errors != 1 {
		t.Errorf("counts: %+v", c)
	}
	es, err := st.Errors(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Source != s.URL+"/news/cycle-lanes" || es[0].Reason != "HTTP 500 Internal Server Error" {
		t.Errorf("errors table: %+v", es)
	}
	for i, st0 := range []story{stories[0], stories[2], stories[3]} {
		r, err := st.Article(ctx, ItemID(s.URL+"/news/"+st0.slug))
		if err != nil {
			t.Fatalf("article %d: %v", i, err)
		}
		if r.Title != st0.title || !strings.Contains(r.Text, st0.paras[2]) || r.URL != s.URL+"/news/"+st0.slug {
			t.Errorf("stored article %d: title %q, url %q, text %q", i, r.Title, r.URL, r.Text)
		}
	}

	// A new poller (a new run): the stored pages are not fetched again.
	if stats := poll(); stats.Stored != 0 || stats.Failed != 1 || stats.Read != 0 {
		t.Errorf("second ingest: %+v", stats)
	}
	for slug, n := range map[string]int{"ferry": 1, "cycle-lanes": 2, "harvest": 1, "museum": 1} {
		if got := s.hitsOf("/news/" + slug); got != n {
			t.Errorf("%s fetched %d times, want %d", slug, got, n)
		}
	}
	if c2, _ := st.Counts(ctx); c2 != c {
		t.Errorf("counts after the second ingest: %+v, want %+v", c2, c)
	}
}

func TestPollPerHost(t *testing.T) {
	var mu sync.Mutex
	now, peak := 0, 0
	s := newSite(t)
	s.set(func(s *site) {
		s.feed = rss(s.URL, "", stories...)
		for _, st := range stories {
			s.special["/news/"+st.slug] = func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				now++
				peak = max(peak, now)
				mu.Unlock()
				time.Sleep(40 * time.Millisecond)
				mu.Lock()
				now--
				mu.Unlock()
				w.Header().Set("Content-Type", "text/html")
				fmt.Fprint(w, newsPage(st, false))
			}
		}
	})
	p, _ := NewPoller([]string{s.URL + "/feed.xml"}, Options{Workers: 8})
	arts, errs := collect(t, p.Poll(context.Background()))
	if len(arts) != len(stories) || len(errs) > 0 {
		t.Fatalf("%d articles, errors %v", len(arts), errs)
	}
	for i, a := range arts { // in feed order, whatever order they came in
		if a.ID != ItemID(s.URL+"/news/"+stories[i].slug) {
			t.Errorf("article %d is %s", i, a.URL)
		}
	}
	if peak > fetch.DefaultPerHost {
		t.Errorf("%d pages fetched at once from one host, want at most %d", peak, fetch.DefaultPerHost)
	}
}

func TestPollFeedErrorsAndIntervals(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) {
		s.special["/busy.xml"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Retry-After", "7200")
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		s.special["/ttl.xml"] = func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, rss(s.URL, "<ttl>60</ttl>"))
		}
		s.special["/maxage.xml"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "public, max-age=10800")
			fmt.Fprint(w, rss(s.URL, ""))
		}
		s.special["/forever.xml"] = func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Cache-Control", "max-age=31536000")
			fmt.Fprint(w, rss(s.URL, "<ttl>999999</ttl>"))
		}
		s.special["/page.html"] = func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprint(w, newsPage(stories[0], false))
		}
	})
	locs := []string{"/busy.xml", "/ttl.xml", "/maxage.xml", "/forever.xml", "/page.html", "/plain.xml"}
	for i := range locs {
		locs[i] = s.URL + locs[i]
	}
	p, err := NewPoller(locs, Options{Interval: 30 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	s.set(func(s *site) {
		s.special["/plain.xml"] = func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, rss(s.URL, "")) }
	})
	start := time.Now()
	arts, errs := collect(t, p.Poll(context.Background()))
	if len(arts) != 0 || len(errs) != 2 {
		t.Fatalf("articles %v, errors %v", arts, errs)
	}
	if got := errs[0].Error(); got != locs[0]+": HTTP 503 Service Unavailable" {
		t.Errorf("busy feed: %q", got)
	}
	if got := errs[1].Error(); !strings.HasPrefix(got, locs[4]+": not a valid feed") || !errors.Is(errs[1], article.ErrFeed) {
		t.Errorf("page given as a feed: %q", got)
	}
	for i, want := range []time.Duration{2 * time.Hour, time.Hour, 3 * time.Hour, MaxInterval, 30 * time.Minute, 30 * time.Minute} {
		f := p.feeds[i]
		if d := f.due.Sub(start); d < want || d > want+time.Minute {
			t.Errorf("%s: due in %v, want %v", f.loc, d, want)
		}
	}
	if next, ok := p.Next(); !ok || next.Sub(start) < 30*time.Minute || next.Sub(start) > 31*time.Minute {
		t.Errorf("Next = %v, %v", next.Sub(start), ok)
	}
	// Nothing is due: a poll does nothing, and a cancelled Wait returns at once.
	if arts, errs := collect(t, p.Poll(context.Background())); len(arts)+len(errs) != 0 {
		t.Errorf("poll of nothing due: %v %v", arts, errs)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if p.Wait(ctx) {
		t.Error("Wait reported a feed due")
	}
}

// TestPollFileAndOPML reads a feed file once and polls the feeds that an OPML file lists.
func TestPollFileAndOPML(t *testing.T) {
	s := newSite(t)
	s.set(func(s *site) {
		s.feed = rss(s.URL, "", stories[4])
		s.bare["/news/harvest"] = true
	})
	dir := t.TempDir()
	feedFile := filepath.Join(dir, "saved.xml")
	if err := os.WriteFile(feedFile, []byte(rss(s.URL, "", stories[2], stories[3])), 0o644); err != nil {
		t.Fatal(err)
	}
	opml := filepath.Join(dir, "subscriptions.opml")
	if err := os.WriteFile(opml, []byte(`<?xml version="1.0"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
  <outline text="News">
    <outline text="Daily Example" type="rss" xmlUrl="`+s.URL+`/feed.xml"/>
    <outline text="Daily Example again" type="rss" xmlUrl="`+s.URL+`/feed.xml"/>
  </outline>
</body></opml>`), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := NewPoller([]string{feedFile, opml, s.URL + "/feed.xml"}, Options{Interval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Feeds(), " "); got != feedFile+" "+s.URL+"/feed.xml" {
		t.Errorf("Feeds = %s", got)
	}
	ctx := context.Background()
	arts, errs := collect(t, p.Poll(ctx))
	if len(errs) > 0 || len(arts) != 3 {
		t.Fatalf("%d articles, errors %v", len(arts), errs)
	}
	for i, slug := range []string{"harvest", "museum", "bridge"} {
		link := s.URL + "/news/" + slug
		origin := feedFile
		if slug == "bridge" {
			origin = s.URL + "/feed.xml"
		}
		if arts[i].ID != ItemID(link) || arts[i].Origin != origin+" "+link {
			t.Errorf("article %d: %s from %s", i, arts[i].URL, arts[i].Origin)
		}
	}
	// The page without a title of its own has the item's.
	if arts[0].Title != stories[2].title || arts[1].Title != "" {
		t.Errorf("titles %q, %q", arts[0].Title, arts[1].Title)
	}
	// The file is not read again; the feed is polled again.
	os.Remove(feedFile)
	p.Wait(ctx)
	if arts, errs := collect(t, p.Poll(ctx)); len(arts)+len(errs) != 0 {
		t.Errorf("second poll: %v %v", arts, errs)
	}
	if n := s.hitsOf("/feed.xml"); n != 2 {
		t.Errorf("feed fetched %d times", n)
	}

	// Only files: once read, no feed is ever due.
	os.WriteFile(feedFile, []byte(rss(s.URL, "")), 0o644)
	p, _ = NewPoller([]string{feedFile}, Options{})
	collect(t, p.Poll(ctx))
	if _, ok := p.Next(); ok || p.Wait(ctx) {
		t.Error("a feed file is due again")
	}
}

func TestNewPollerErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.opml")
	os.WriteFile(empty, []byte(`<opml><body><outline text="folder"/></body></opml>`), 0o644)
	broken := filepath.Join(dir, "broken.opml")
	os.WriteFile(broken, []byte(`<opml><body><outline xmlUrl="https://example.com/feed"/>`), 0o644)
	for _, tc := range []struct{ loc, want string }{
		{filepath.Join(dir, "missing.xml"), "no such file"},
		{empty, "lists no http or https feed"},
		{broken, "not a valid OPML document"},
		{"ftp://example.com/feed.xml", "not an http or https address"},
	} {
		if _, err := NewPoller([]string{tc.loc}, Options{}); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want %q", tc.loc, err, tc.want)
		}
	}
}

func TestPollCancel(t *testing.T) {
	s := newSite(t)
	release := make(chan struct{})
	s.set(func(s *site) {
		s.feed = rss(s.URL, "", stories[0], stories[1])
		s.special["/news/cycle-lanes"] = func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-release:
			}
		}
	})
	defer close(release)
	p, _ := NewPoller([]string{s.URL + "/feed.xml"}, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var arts []*article.Article
	var last error
	for a, err := range p.Poll(ctx) {
		if a != nil {
			arts = append(arts, a)
			cancel() // Ctrl-C while the second page is being fetched
		}
		last = err
	}
	if len(arts) != 1 || last != context.Canceled {
		t.Errorf("%d articles, last error %v", len(arts), last)
	}
	// Stopping early leaves nothing running.
	p2, _ := NewPoller([]string{s.URL + "/feed.xml"}, Options{Interval: time.Millisecond})
	for range p2.Poll(context.Background()) {
		break
	}
}

func TestItemID(t *testing.T) {
	same := []string{
		"https://news.example.com/world/2024/03/talks?id=7",
		"HTTPS://News.Example.com:443/world/2024/03/talks?id=7#comments",
		"https://news.example.com/world/2024/03/talks?utm_source=rss&id=7&utm_medium=feed",
	}
	for _, l := range same[1:] {
		if Canonical(l) != Canonical(same[0]) || ItemID(l) != ItemID(same[0]) {
			t.Errorf("%s: canonical %s, want %s", l, Canonical(l), Canonical(same[0]))
		}
	}
	if got := Canonical("http://example.com"); got != "http://example.com/" {
		t.Errorf("Canonical = %q", got)
	}
	for _, l := range []string{"https://news.example.com/world/2024/03/talks?id=8", "http://news.example.com/world/2024/03/talks?id=7",
		"https://news.example.com/World/2024/03/talks?id=7"} {
		if ItemID(l) == ItemID(same[0]) {
			t.Errorf("%s has the id of %s", l, same[0])
		}
	}
	if id := ItemID(same[0]); len(id) != 16 || strings.Trim(id, "0123456789abcdef") != "" {
		t.Errorf("ItemID = %q", id)
	}
}
