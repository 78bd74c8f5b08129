package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dyad-project/dyad/article"
)

const page = `<!DOCTYPE html><html><head><title>Harbour reopens</title></head><body><p>The harbour reopened on Monday.</p></body></html>`

func TestUserAgent(t *testing.T) {
	if got, want := UserAgent("v0.3.1"), "dyad/v0.3.1 (+https://github.com/dyad-project/dyad)"; got != want {
		t.Errorf("UserAgent = %q, want %q", got, want)
	}
	var got atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got.Store(r.Header.Get("User-Agent"))
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	ctx := context.Background()
	if _, err := new(Client).Page(ctx, srv.URL+"/a"); err != nil {
		t.Fatal(err)
	}
	if ua := got.Load(); ua != UserAgent("") {
		t.Errorf("default user agent %q", ua)
	}
	c := &Client{UserAgent: UserAgent("v1.2.3")}
	r, err := c.Page(ctx, srv.URL+"/b")
	if err != nil {
		t.Fatal(err)
	}
	if ua := got.Load(); ua != "dyad/v1.2.3 (+https://github.com/dyad-project/dyad)" {
		t.Errorf("user agent %q", ua)
	}
	if string(r.Body) != page || r.URL != srv.URL+"/b" || r.StatusCode != 200 {
		t.Errorf("response %+v", r)
	}
}

func TestConditional(t *testing.T) {
	const etag = `"v1"`
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		fmt.Fprint(w, "<rss/>")
	}))
	defer srv.Close()
	c := new(Client)
	r, err := c.Feed(context.Background(), srv.URL, nil)
	if err != nil || r.NotModified() || r.Header.Get("ETag") != etag || string(r.Body) != "<rss/>" {
		t.Fatalf("first fetch: %+v, %v", r, err)
	}
	r, err = c.Feed(context.Background(), srv.URL, http.Header{"If-None-Match": {etag}})
	if err != nil || !r.NotModified() || len(r.Body) != 0 {
		t.Fatalf("conditional fetch: %+v, %v", r, err)
	}
}

func TestSizeLimit(t *testing.T) {
	big := strings.Repeat("<p>The council met again.</p>", 100) // 2,900 bytes
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		if r.URL.Path == "/chunked" {
			// No Content-Length: the limit is found while reading.
			for i := range 100 {
				fmt.Fprint(w, big[i*29:(i+1)*29])
				w.(http.Flusher).Flush()
			}
			return
		}
		fmt.Fprint(w, big)
	}))
	defer srv.Close()
	c := &Client{MaxBytes: 1000}
	for _, path := range []string{"/length", "/chunked"} {
		_, err := c.Page(context.Background(), srv.URL+path)
		var fe *Error
		if !errors.Is(err, article.ErrTooLarge) || !errors.As(err, &fe) || fe.URL != srv.URL+path ||
			!strings.Contains(err.Error(), "over the 1000 bytes limit") {
			t.Errorf("%s: err = %v, want a too-large error naming the URL", path, err)
		}
	}
	if r, err := (&Client{MaxBytes: int64(len(big))}).Page(context.Background(), srv.URL+"/chunked"); err != nil || len(r.Body) != len(big) {
		t.Errorf("at the limit: %v", err)
	}
}

func TestRedirects(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		// /hop/N redirects to /hop/N-1; /hop/0 is the page.
		n, _ := strconv.Atoi(strings.TrimPrefix(r.URL.Path, "/hop/"))
		if n > 0 {
			http.Redirect(w, r, "/hop/"+strconv.Itoa(n-1), http.StatusFound)
			return
		}
		if r.URL.Path == "/elsewhere" {
			http.Redirect(w, r, "ftp://example.com/x", http.StatusMovedPermanently)
			return
		}
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	ctx := context.Background()
	c := &Client{MaxRedirects: 3}
	r, err := c.Page(ctx, srv.URL+"/hop/3")
	if err != nil || r.URL != srv.URL+"/hop/0" {
		t.Fatalf("3 redirects: %+v, %v", r, err)
	}
	hits.Store(0)
	_, err = c.Page(ctx, srv.URL+"/hop/4")
	if !errors.Is(err, ErrRedirects) || !strings.Contains(err.Error(), "fetching "+srv.URL+"/hop/4: stopped after 3 redirects") {
		t.Errorf("4 redirects: err = %v", err)
	}
	if n := hits.Load(); n != 4 {
		t.Errorf("%d requests made for 4 redirects with a limit of 3, want 4", n)
	}
	if _, err := c.Page(ctx, srv.URL+"/elsewhere"); !errors.Is(err, ErrRedirects) || !strings.Contains(err.Error(), "ftp://") {
		t.Errorf("redirect to ftp: err = %v", err)
	}
	if _, err := (&Client{MaxRedirects: -1}).Page(ctx, srv.URL+"/hop/1"); !errors.Is(err, ErrRedirects) {
		t.Errorf("no redirects allowed: err = %v", err)
	}
}

func TestPerHostLimit(t *testing.T) {
	var (
		mu        sync.Mutex
		now, peak int
	)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		now++
		peak = max(peak, now)
		mu.Unlock()
		time.Sleep(30 * time.Millisecond)
		mu.Lock()
		now--
		mu.Unlock()
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	})
	srv := httptest.NewServer(handler)
	defer srv.Close()
	other := httptest.NewServer(handler) // another host:port, with its own limit
	defer other.Close()

	c := &Client{PerHost: 2}
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := range 20 {
		base := srv.URL
		if i%2 == 1 {
			base = other.URL
		}
		wg.Go(func() {
			if _, err := c.Page(context.Background(), fmt.Sprintf("%s/%d", base, i)); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Two hosts, two requests each at most.
	if peak > 4 {
		t.Errorf("peak of %d requests in flight to two hosts with a limit of 2 each", peak)
	}
}

func TestPerHostLimitOneHost(t *testing.T) {
	var now, peak atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := now.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(50 * time.Millisecond)
		now.Add(-1)
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprint(w, page)
	}))
	defer srv.Close()
	c := new(Client) // DefaultPerHost
	var wg sync.WaitGroup
	for i := range 12 {
		wg.Go(func() { c.Page(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i)) })
	}
	wg.Wait()
	if p := peak.Load(); p != DefaultPerHost {
		t.Errorf("peak of %d requests in flight to one host, want %d", p, DefaultPerHost)
	}
}

func TestTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow-body" {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<p>The first part")
			w.(http.Flusher).Flush()
		}
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	}))
	defer srv.Close()
	c := &Client{Timeout: 100 * time.Millisecond}
	for _, path := range []string{"/slow-header", "/slow-body"} {
		start := time.Now()
		_, err := c.Page(context.Background(), srv.URL+path)
		if !errors.Is(err, ErrTimeout) || !strings.Contains(err.Error(), "fetching "+srv.URL+path+": timed out after 100ms") {
			t.Errorf("%s: err = %v, want a time-out", path, err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("%s: took %v", path, d)
		}
	}

	// A cancelled context is not a time-out: the error is the context's.
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	if _, err := (&Client{}).Page(ctx, srv.URL+"/slow-header"); err != context.Canceled {
		t.Errorf("cancelled: err = %v, want context.Canceled", err)
	}
}

func TestStatusAndType(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/busy":
			w.Header().Set("Retry-After", "120")
			w.WriteHeader(http.StatusServiceUnavailable)
		case "/broken":
			w.WriteHeader(http.StatusInternalServerError)
		case "/image":
			w.Header().Set("Content-Type", "image/png")
			w.Write([]byte("\x89PNG\r\n\x1a\n"))
		case "/sniffed":
			w.Header()["Content-Type"] = nil // no Content-Type, not even a sniffed one
			fmt.Fprint(w, page)
		case "/redirect-missing":
			http.Redirect(w, r, "/missing", http.StatusFound)
		}
	}))
	defer srv.Close()
	ctx := context.Background()
	c := new(Client)
	for _, tc := range []struct {
		path, msg string
		code      int
		temporary bool
	}{
		{"/missing", "HTTP 404 Not Found", 404, false},
		{"/busy", "HTTP 503 Service Unavailable", 503, true},
		{"/broken", "HTTP 500 Internal Server Error", 500, true},
		{"/redirect-missing", "HTTP 404 Not Found (at " + srv.URL + "/missing, after 1 redirect)", 404, false},
	} {
		_, err := c.Page(ctx, srv.URL+tc.path)
		var se *StatusError
		if !errors.Is(err, ErrStatus) || !errors.As(err, &se) || se.Code != tc.code || se.Temporary() != tc.temporary ||
			err.Error() != "fetching "+srv.URL+tc.path+": "+tc.msg {
			t.Errorf("%s: err = %v", tc.path, err)
		}
		if tc.path == "/busy" && se.RetryAfter != 2*time.Minute {
			t.Errorf("Retry-After: %v", se.RetryAfter)
		}
	}
	if _, err := c.Page(ctx, srv.URL+"/image"); !errors.Is(err, ErrNotHTML) || !strings.Contains(err.Error(), "image/png") {
		t.Errorf("image: err = %v", err)
	}
	if _, err := c.Page(ctx, srv.URL+"/sniffed"); err != nil {
		t.Errorf("HTML without a Content-Type: %v", err)
	}
	if _, err := c.Page(ctx, "ftp://example.com/x"); err == nil || !strings.Contains(err.Error(), "not an http or https address") {
		t.Errorf("ftp: err = %v", err)
	}
}
