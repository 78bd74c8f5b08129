package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/feeds"
)

// page is a made-up news article, written for these tests.
type page struct {
	slug, title, date string
	paras             []string
}

// archived are the pages of the WARC file.
var archived = []page{
	{"port-strike", "Dock workers end strike at the northern port", "2024-04-02", []string{
		"Dock workers at the northern port returned to work on Tuesday after a nine-day strike over shift patterns ended with a new agreement.",
		"The port authority said the backlog of more than three hundred containers would be cleared by the end of the week.",
		"The union said its members had voted by a large majority to accept the offer, which limits night shifts to two a week.",
	}},
	{"school-meals", "Free school meals extended to all primary pupils", "2024-04-02", []string{
		"Every primary school pupil in the region will receive a free hot lunch from September, the education minister announced on Tuesday.",
		"The scheme will cost about forty million a year and will be paid for from the savings of a merger of two agencies, the minister said.",
		"Head teachers welcomed the plan but asked for money to build kitchens in the schools that have none.",
	}},
	{"wildfire", "Firefighters contain wildfire in the hills", "2024-04-03", []string{
		"Firefighters contained a wildfire that burned across the eastern hills for three days, the regional fire service said on Wednesday.",
		"About two hundred people who had left their homes in two villages were allowed to return on Wednesday afternoon.",
		"The fire service said the cause of the fire was not yet known and asked walkers to avoid the area while crews dampened the last hot spots.",
	}},
	{"rail-fares", "Rail fares to rise by three percent", "2024-04-03", []string{
		"Rail fares will rise by three percent in May, the transport ministry said on Wednesday, less than the rise of last year.",
		"Season tickets for commuters will be frozen for a further year, the ministry added.",
		"Passenger groups said the rise was still too steep for a service whose trains were late one time in five last winter.",
	}},
	{"library", "City library reopens after two-year renovation", "2024-04-04", []string{
		"The central library reopened its doors on Thursday after a renovation that took two years and added a floor for children's books.",
		"Hundreds of readers queued in the rain before the opening, and the first book was lent to a retired teacher who had waited since dawn.",
		"The library will open on Sundays for the first time in its history, the city's culture office said.",
	}},
	{"orchestra", "Youth orchestra wins international prize", "2024-04-04", []string{
		"The city's youth orchestra won first prize at an international competition for young musicians on Thursday evening.",
		"The orchestra's eighty players, aged between twelve and nineteen, performed a symphony written for them by a local composer.",
		"The conductor said the prize money would pay for new instruments and for a tour of the region's schools next spring.",
	}},
}

// announced are the pages the feed announces.
var announced = []page{
	{"water-talks", "Neighbours resume talks on river water", "Mon, 08 Apr 2024 09:00:00 GMT", []string{
		"Officials from the two neighbouring countries met in the capital on Monday to resume talks on sharing the water of the river they both depend on.",
		"The talks broke down last year after a dry summer left farms downstream short of water for irrigation.",
		"A spokesman for the foreign ministry said both delegations had agreed to meet again within a month.",
	}},
	{"bank-rates", "Central bank leaves interest rates unchanged", "Mon, 08 Apr 2024 11:30:00 GMT", []string{
		"The central bank left its main interest rate unchanged on Monday, saying inflation was falling more slowly than it had hoped.",
		"Most economists had expected the decision, and markets barely moved after the announcement.",
		"The bank's governor said a cut later in the year was possible if prices kept easing.",
	}},
	{"hospital", "New hospital wing opens to patients", "Tue, 09 Apr 2024 08:00:00 GMT", []string{
		"A new wing of the general hospital opened to its first patients on Tuesday, adding one hundred and twenty beds.",
		"The wing has its own emergency department, which the health authority said would cut waiting times across the city.",
		"Nurses' representatives said more staff would be needed to run the new beds safely.",
	}},
	{"floods", "Villages cleaned up after river bursts its banks", "Tue, 09 Apr 2024 14:20:00 GMT", []string{
		"Residents of three villages began clearing mud from their homes on Tuesday after the river burst its banks during the night.",
		"Soldiers helped to fill sandbags and to move elderly residents to a school that was turned into a shelter.",
		"The regional government promised grants to families whose homes were flooded and asked insurers to pay claims quickly.",
	}},
	{"election-date", "President sets date for early election", "Wed, 10 Apr 2024 10:10:00 GMT", []string{
		"The president set the date of an early parliamentary election for the second Sunday of June, after the coalition government collapsed last week.",
		"Opposition parties welcomed the decision and said they would begin campaigning at once.",
		"The electoral commission said it would publish the rules for the campaign within ten days.",
	}},
	{"telescope", "Observatory's new telescope sees first light", "Wed, 10 Apr 2024 16:45:00 GMT", []string{
		"The mountain observatory's new telescope took its first images on Wednesday night, ten years after the project was approved.",
		"Astronomers said the first pictures, of a distant galaxy, were sharper than they had expected.",
		"The telescope will be shared by universities from six countries, which will start their observations in the autumn.",
	}},
}

// html returns the page as a site would serve it.
func (p page) html() string {
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html><html><head><meta charset="utf-8"><title>` + html.EscapeString(p.title) + ` | The Example Herald</title></head><body>`)
	b.WriteString(`<header><a href="/">The Example Herald</a><nav><a href="/news">News</a> <a href="/sport">Sport</a></nav></header><article>`)
	b.WriteString("<h1>" + html.EscapeString(p.title) + "</h1>")
	for _, s := range p.paras {
		b.WriteString("<p>" + html.EscapeString(s) + "</p>")
	}
	b.WriteString(`</article><footer>© The Example Herald. All rights reserved.</footer></body></html>`)
	return b.String()
}

// writeWARC writes the pages as the gzip-compressed WARC file of a crawl of https://herald.example.
func writeWARC(t *testing.T, path string, pages []page) {
	t.Helper()
	var out bytes.Buffer
	for i, p := range pages {
		body := p.html()
		var resp bytes.Buffer
		fmt.Fprintf(&resp, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		var rec bytes.Buffer
		fmt.Fprintf(&rec, "WARC/1.1\r\nWARC-Type: response\r\n")
		fmt.Fprintf(&rec, "WARC-Record-ID: <urn:uuid:6d1f3c2a-0000-4000-8000-%012d>\r\n", i)
		fmt.Fprintf(&rec, "WARC-Date: %sT12:00:00Z\r\n", p.date)
		fmt.Fprintf(&rec, "WARC-Target-URI: https://herald.example/news/%s\r\n", p.slug)
		fmt.Fprintf(&rec, "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n", resp.Len())
		rec.Write(resp.Bytes())
		rec.WriteString("\r\n\r\n")
		zw := gzip.NewWriter(&out) // one member per record
		zw.Write(rec.Bytes())
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// newsSite serves an RSS feed of pages at /feed.xml and the pages under /news/. While gate is
// not closed, the pages from the held-th on wait for it. It counts the requests of each path
// and records the user agents.
type newsSite struct {
	*httptest.Server
	held int
	gate chan struct{}

	mu     sync.Mutex
	pages  []page
	hits   map[string]int
	agents map[string]bool
}

func newNewsSite(t *testing.T, pages []page, held int) *newsSite {
	s := &newsSite{pages: pages, held: held, gate: make(chan struct{}), hits: make(map[string]int), agents: make(map[string]bool)}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	s.Start() // after s.Server is set: the handler reads it
	t.Cleanup(func() {
		s.open()
		s.Close()
	})
	return s
}

func (s *newsSite) open() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.gate:
	default:
		close(s.gate)
	}
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	s.agents[r.Header.Get("User-Agent")] = true
	pages := s.pages
	s.mu.Unlock()
	if r.URL.Path == "/feed.xml" {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprintf(w, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>The Example Herald</title><link>%s/</link>`, s.URL)
		for _, p := range pages {
			fmt.Fprintf(w, "<item><title>%s</title><link>%s/news/%s</link><pubDate>%s</pubDate><description>%s</description></item>",
				html.EscapeString(p.title), s.URL, p.slug, p.date, html.EscapeString(p.paras[0]))
		}
		fmt.Fprint(w, "</channel></rss>")
		return
	}
	for i, p := range pages {
		if r.URL.Path != "/news/"+p.slug {
			continue
		}
		if i >= s.held {
			select {
			case <-s.gate:
			case <-r.Context().Done():
				return
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, p.html())
		return
	}
	if r.URL.Path == "/news/broken" {
		http.Error(w, "the database is down", http.StatusInternalServerError)
		return
	}
	http.NotFound(w, r)
}

func (s *newsSite) hitsOf(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// TestIngestFeedKilled is the end-to-end test of issue #7: it ingests a WARC file and a feed
// served over HTTP (--once), kills the ingest with SIGKILL while it fetches the feed's pages,
// runs it again, and checks that every article is stored exactly once and that the pages
// stored before the kill are not fetched again.
func TestIngestFeedKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dyad and runs it; not with -short")
	}
	dir := t.TempDir()
	bin := buildDyad(t, dir)
	warc := filepath.Join(dir, "crawl.warc.gz")
	writeWARC(t, warc, archived)
	// The pages after the third wait until the first ingest is killed.
	site := newNewsSite(t, announced, 3)
	feed := site.URL + "/feed.xml"
	db := filepath.Join(dir, "herald.db")
	const batch = 2
	args := []string{"ingest", "--store", db, "--batch", strconv.Itoa(batch), "--workers", "1", "--log-every", "20ms", "--once", warc, "--feed", feed}

	// The WARC file's six pages are written, then the feed's first two; the third is coded and
	// waits for a batch-mate that never comes: kill.
	want := len(archived) + 2
	log := killAfterStored(t, exec.Command(bin, args...), want)
	site.open()
	st := openStore(t, db)
	ctx := context.Background()
	before, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Articles != want {
		t.Fatalf("after the kill %d articles are stored, want %d:\n%s", before.Articles, want, strings.Join(log, "\n"))
	}

	// Again: the WARC file's pages are skipped, and the stored pages of the feed not fetched.
	out, err := exec.Command(bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	rest := len(announced) - 2
	if done := fmt.Sprintf("read=%d stored=%d skipped=%d failed=0", len(archived)+rest, rest, len(archived)); !strings.Contains(string(out), done) {
		t.Errorf("second ingest did not go on where the first stopped (want %q):\n%s", done, out)
	}
	// And once more: nothing to do.
	out, err = exec.Command(bin, args...).CombinedOutput()
	if err != nil || !strings.Contains(string(out), fmt.Sprintf("read=%d stored=0 skipped=%d failed=0", len(archived), len(archived))) {
		t.Errorf("third ingest: %v\n%s", err, out)
	}
	for i, p := range announced {
		n := site.hitsOf("/news/" + p.slug)
		switch {
		case i < 2 && n != 1:
			t.Errorf("%s, stored before the kill, was fetched %d times", p.slug, n)
		case i >= 2 && n > 2:
			t.Errorf("%s was fetched %d times", p.slug, n)
		}
	}
	if n := site.hitsOf("/feed.xml"); n != 3 {
		t.Errorf("the feed was fetched %d times in three runs with --once", n)
	}

	// Every article is stored exactly once.
	var ids []string
	for a, err := range article.Read(ctx, []string{warc}, article.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	for _, p := range announced {
		ids = append(ids, feeds.ItemID(site.URL+"/news/"+p.slug))
	}
	hashes, err := st.ContentHashes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != len(archived)+len(announced) || len(hashes) != len(ids) || c.Articles != len(ids) || c.Errors != 0 {
		t.Errorf("%d of %d articles stored; counts %+v", len(hashes), len(ids), c)
	}
	for i, p := range announced {
		r, err := st.Article(ctx, ids[len(archived)+i])
		if err != nil {
			t.Fatalf("%s: %v", p.slug, err)
		}
		if !strings.HasPrefix(r.Title, p.title) || !strings.Contains(r.Text, p.paras[2]) || r.Published == "" {
			t.Errorf("%s stored as %q (%s): %q", p.slug, r.Title, r.Published, r.Text)
		}
	}
}

// TestIngestFeedOnce ingests a feed in-process, with a page that fails: the failure is reported
// and recorded, the other pages are stored, and the requests carry dyad's user agent.
func TestIngestFeedOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("codes articles; not with -short")
	}
	site := newNewsSite(t, announced[:2], len(announced))
	dir := t.TempDir()
	feedFile := filepath.Join(dir, "saved.xml")
	saved := `<rss version="2.0"><channel><title>Saved</title><link>` + site.URL + `/</link>` +
		`<item><title>Down</title><link>` + site.URL + `/news/broken</link></item></channel></rss>`
	if err := os.WriteFile(feedFile, []byte(saved), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "once.db")
	code, _, errs := dyad(t, "", "ingest", "--store", db, "--once", "--feed", site.URL+"/feed.xml", "--feed", feedFile, "--timeout", "5s")
	if code != exitPartial {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitPartial, errs)
	}
	for _, want := range []string{"dyad: " + site.URL + "/news/broken: HTTP 500 Internal Server Error", "1 article(s) failed",
		"read=2 stored=2 skipped=0 failed=1", `msg="feeds polled" feeds=2 unchanged=0 failed=0 new_items=3`} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	st := openStore(t, db)
	c, err := st.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c.Articles != 2 || c.Errors != 1 {
		t.Errorf("counts %+v", c)
	}
	site.mu.Lock()
	defer site.mu.Unlock()
	for ua := range site.agents {
		if !regexp.MustCompile(`^dyad/\S+ \(\+https://github\.com/dyad-project/dyad\)$`).MatchString(ua) {
			t.Errorf("user agent %q", ua)
		}
	}
	if len(site.agents) != 1 {
		t.Errorf("user agents %v", site.agents)
	}
}

// TestIngestFeedPolling polls a feed until interrupted: an item added to the feed is fetched at
// the next poll, the others are not fetched again, and an interruption between polls is a
// clean stop.
func TestIngestFeedPolling(t *testing.T) {
	if testing.Short() {
		t.Skip("codes articles; not with -short")
	}
	site := newNewsSite(t, announced[:1], len(announced))
	db := filepath.Join(t.TempDir(), "poll.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errb bytes.Buffer
	done := make(chan int)
	go func() {
		done <- run(ctx, &env{strings.NewReader(""), new(bytes.Buffer), &errb}, []string{"ingest", "--store", db, "--interval", "500ms", "--feed", site.URL + "/feed.xml"})
	}()
	st := openStore(t, db)
	waitFor := func(n int) {
		t.Helper()
		for range 300 {
			if c, err := st.Counts(context.Background()); err == nil && c.Articles >= n {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
		t.Fatalf("%d articles never stored", n)
	}
	waitFor(1)
	site.mu.Lock()
	site.pages = announced[:3]
	site.mu.Unlock()
	waitFor(3)
	cancel()
	if code := <-done; code != exitOK {
		t.Errorf("exit %d, stderr:\n%s", code, errb.String())
	}
	if !strings.Contains(errb.String(), "stopped between polls") {
		t.Errorf("stderr:\n%s", errb.String())
	}
	for _, p := range announced[:3] {
		if n := site.hitsOf("/news/" + p.slug); n != 1 {
			t.Errorf("%s fetched %d times", p.slug, n)
		}
	}
	if n := site.hitsOf("/feed.xml"); n < 2 {
		t.Errorf("the feed was polled %d times", n)
	}
}

func TestIngestFeedUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "u.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"ingest", "--store", db, "--feed", "ftp://example.com/rss"}, "--feed: feed \"ftp://example.com/rss\": not an http or https address"},
		{[]string{"ingest", "--store", db, "--feed", filepath.Join(dir, "missing.opml")}, "no such file"},
		{[]string{"ingest", "--store", db, "--interval", "0s", "--feed", "https://example.com/rss"}, "must be positive"},
	} {
		code, _, errs := dyad(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errs, tc.want) {
			t.Errorf("dyad %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args, " "), code, errs, exitUsage, tc.want)
		}
	}
}
