// Package fetch gets web pages and feeds over HTTP the way a polite crawler does: with an
// honest user agent, a time limit per request, a size limit, a limit on redirects and a limit
// on the requests in flight to each host.
//
// A [Client] follows redirects itself, one hop at a time, so that each hop counts against the
// limit of its own host. Conditional requests (If-None-Match, If-Modified-Since) are made by
// passing those headers to [Client.Get]; a 304 Not Modified answer is a success. Every other
// answer that is not 2xx once redirects are followed, and every fetch that cannot be
// completed, is an [*Error] naming the address and the reason, which is, or wraps, one of the
// kinds [ErrStatus], [ErrTimeout], [ErrRedirects], [ErrNotHTML] and [article.ErrTooLarge], or a
// network error.
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/internal/errkind"
)

// Defaults used where a [Client] field is zero.
const (
	DefaultTimeout      = 30 * time.Second // for one request, its body included
	DefaultMaxRedirects = 5
	DefaultPerHost      = 2 // requests in flight to one host
)

// Project is the address given in the user agent, where site owners learn what dyad is.
const Project = "https://github.com/dyad-project/dyad"

// UserAgent returns the User-Agent header of dyad at version:
// "dyad/VERSION (+https://github.com/dyad-project/dyad)". An empty version gives "dyad/devel".
func UserAgent(version string) string {
	version = strings.TrimSpace(version)
	if version == "" {
		version = "devel"
	}
	return "dyad/" + version + " (+" + Project + ")"
}

// Kinds of fetch failure, for use with [errors.Is] on an [*Error]. A body over the size limit
// is [article.ErrTooLarge].
var (
	// ErrStatus means that the server answered with a status outside 2xx and 3xx; the error is
	// then also a [*StatusError].
	ErrStatus = errors.New("HTTP error status")
	// ErrTimeout means that the fetch took longer than the client's time limit.
	ErrTimeout = errors.New("timed out")
	// ErrRedirects means that the server redirected more times than the client follows, or
	// redirected to an address that cannot be fetched.
	ErrRedirects = errors.New("too many redirects")
	// ErrNotHTML means that [Client.Page] got something other than an HTML page.
	ErrNotHTML = errors.New("not an HTML page")
)

// Error reports a fetch that failed.
type Error struct {
	URL string // the address asked for (before any redirect)
	Err error  // the reason
}

// Error returns "fetching URL: reason".
func (e *Error) Error() string { return "fetching " + e.URL + ": " + e.Err.Error() }

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// StatusError is the reason of an [*Error] about an HTTP status outside 2xx and 3xx.
type StatusError struct {
	Code       int           // the status code
	Status     string        // the status line's text, such as "404 Not Found"
	RetryAfter time.Duration // the delay a 429 or 503 answer asks for in Retry-After; 0 when none
}

// Error returns "HTTP 404 Not Found".
func (e *StatusError) Error() string { return "HTTP " + e.Status }

// Is reports whether target is [ErrStatus].
func (e *StatusError) Is(target error) bool { return target == ErrStatus }

// Temporary reports whether asking again later may succeed: a server error, 408 Request
// Timeout or 429 Too Many Requests.
func (e *StatusError) Temporary() bool {
	return e.Code >= 500 || e.Code == http.StatusRequestTimeout || e.Code == http.StatusTooManyRequests
}

// Response is a successful answer: 2xx, or 304 Not Modified to a conditional request.
type Response struct {
	URL        string      // the address of the answer, after redirects
	StatusCode int         // 200, another 2xx, or 304
	Header     http.Header // the answer's header
	Body       []byte      // the body, decompressed; empty for 304
}

// NotModified reports whether the answer is 304 Not Modified.
func (r *Response) NotModified() bool { return r.StatusCode == http.StatusNotModified }

// Client fetches pages. Its zero value is ready to use, with the defaults; a Client is safe for
// concurrent use and must not be copied after first use. The per-host limit holds across all
// the fetches of one Client.
type Client struct {
	UserAgent    string        // User-Agent header; UserAgent("") when empty
	Timeout      time.Duration // for one request (each redirect is one), body included, from when it is sent; DefaultTimeout when ≤ 0
	MaxBytes     int64         // largest body accepted (after decompression); article.DefaultMaxBytes when ≤ 0
	MaxRedirects int           // redirects followed; DefaultMaxRedirects when 0, none when < 0
	PerHost      int           // requests in flight to one host (host:port); DefaultPerHost when ≤ 0
	// Transport makes the requests; a clone of http.DefaultTransport when nil.
	Transport http.RoundTripper

	once  sync.Once
	hc    *http.Client
	mu    sync.Mutex
	hosts map[string]chan struct{}
}

func (c *Client) init() {
	c.once.Do(func() {
		t := c.Transport
		if t == nil {
			dt := http.DefaultTransport.(*http.Transport).Clone()
			dt.MaxIdleConnsPerHost = c.perHost()
			t = dt
		}
		c.hc = &http.Client{
			Transport: t,
			CheckRedirect: func(*http.Request, []*http.Request) error {
				return http.ErrUseLastResponse // followed by Get, hop by hop
			},
		}
		c.hosts = make(map[string]chan struct{})
	})
}

func (c *Client) perHost() int {
	if c.PerHost <= 0 {
		return DefaultPerHost
	}
	return c.PerHost
}

func (c *Client) timeout() time.Duration {
	if c.Timeout <= 0 {
		return DefaultTimeout
	}
	return c.Timeout
}

func (c *Client) maxBytes() int64 {
	if c.MaxBytes <= 0 {
		return article.DefaultMaxBytes
	}
	return c.MaxBytes
}

func (c *Client) maxRedirects() int {
	switch {
	case c.MaxRedirects == 0:
		return DefaultMaxRedirects
	case c.MaxRedirects < 0:
		return 0
	}
	return c.MaxRedirects
}

// slot waits for a free slot of host and returns the function that frees it.
func (c *Client) slot(ctx context.Context, host string) (func(), error) {
	c.mu.Lock()
	sem, ok := c.hosts[host]
	if !ok {
		sem = make(chan struct{}, c.perHost())
		c.hosts[host] = sem
	}
	c.mu.Unlock()
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Accept headers of pages and feeds.
const (
	acceptHTML = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
	acceptFeed = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)

// Feed fetches the feed at rawURL. header holds the request's extra fields, such as
// If-None-Match and If-Modified-Since for a conditional request (nil for none). The body is
// not checked: any content type is accepted.
func (c *Client) Feed(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	h := header.Clone()
	if h == nil {
		h = make(http.Header)
	}
	if h.Get("Accept") == "" {
		h.Set("Accept", acceptFeed)
	}
	return c.Get(ctx, rawURL, h)
}

// Page fetches the HTML page at rawURL. An answer that is not HTML (by its Content-Type, or
// by sniffing when it has none) is an [*Error] wrapping [ErrNotHTML].
func (c *Client) Page(ctx context.Context, rawURL string) (*Response, error) {
	r, err := c.Get(ctx, rawURL, http.Header{"Accept": {acceptHTML}})
	if err != nil {
		return nil, err
	}
	ct := r.Header.Get("Content-Type")
	if !IsHTML(ct, r.Body) {
		if ct == "" {
			ct = "no Content-Type"
		}
		return nil, &Error{URL: rawURL, Err: &errkind.Error{Kind: ErrNotHTML, Msg: "not an HTML page (" + ct + ")"}}
	}
	return r, nil
}

// IsHTML reports whether a body with the Content-Type ct is an HTML page: text/html or
// application/xhtml+xml, or, when ct is empty, HTML by the sniffing of [http.DetectContentType].
func IsHTML(ct string, body []byte) bool {
	if strings.TrimSpace(ct) == "" {
		ct = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// Get fetches rawURL with the extra request header fields of header (may be nil), following
// redirects up to the limit. It returns the answer when its status is 2xx, or 304 Not
// Modified; otherwise an [*Error]. When ctx is done, the error is ctx.Err().
func (c *Client) Get(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	c.init()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r, err := c.get(ctx, rawURL, header)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &Error{URL: rawURL, Err: err}
	}
	return r, nil
}

// get does the work of Get, without the naming of errors.
func (c *Client) get(ctx context.Context, rawURL string, header http.Header) (*Response, error) {
	u, err := parseURL(rawURL)
	if err != nil {
		return nil, err
	}
	for hop := 0; ; hop++ {
		r, next, err := c.do(ctx, u, header)
		if err != nil {
			if hop > 0 {
				err = fmt.Errorf("%w (at %s, after %d redirect%s)", err, u, hop, plural(hop))
			}
			return nil, err
		}
		if next == nil {
			return r, nil
		}
		if hop >= c.maxRedirects() {
			return nil, &errkind.Error{Kind: ErrRedirects, Msg: fmt.Sprintf("stopped after %d redirect%s (last to %s)", hop, plural(hop), next)}
		}
		u = next
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// parseURL parses an absolute http or https address.
func parseURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return nil, fmt.Errorf("bad address: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("not an http or https address: %q", s)
	}
	return u, nil
}

// do makes one request to u, once a slot of its host is free, within the time limit. It
// returns the answer, or the address a redirect points to.
func (c *Client) do(ctx context.Context, u *url.URL, header http.Header) (*Response, *url.URL, error) {
	release, err := c.slot(ctx, strings.ToLower(u.Host))
	if err != nil {
		return nil, nil, err
	}
	defer release()
	tctx, cancel := context.WithTimeoutCause(ctx, c.timeout(), errTimedOut)
	defer cancel()
	r, next, err := c.request(tctx, u, header)
	if err != nil && ctx.Err() == nil && (context.Cause(tctx) == errTimedOut || isTimeout(err)) {
		err = &errkind.Error{Kind: ErrTimeout, Msg: "timed out after " + c.timeout().String(), Cause: err}
	}
	return r, next, err
}

// errTimedOut is the cause of the end of a request's time.
var errTimedOut = errors.New("request timed out")

// isTimeout reports whether err is a time-out of the network.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// request makes one request to u.
func (c *Client) request(ctx context.Context, u *url.URL, header http.Header) (*Response, *url.URL, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, fmt.Errorf("bad address: %w", err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	ua := c.UserAgent
	if ua == "" {
		ua = UserAgent("")
	}
	req.Header.Set("User-Agent", ua)
	resp, err := c.hc.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the address is named by Error
		}
		return nil, nil, err
	}
	defer resp.Body.Close()
	code := resp.StatusCode
	switch {
	case code == http.StatusNotModified:
		drain(resp.Body)
		return &Response{URL: u.String(), StatusCode: code, Header: resp.Header}, nil, nil
	case isRedirect(code) && resp.Header.Get("Location") != "":
		drain(resp.Body)
		loc := resp.Header.Get("Location")
		next, err := u.Parse(loc)
		if err != nil || next.Scheme != "http" && next.Scheme != "https" || next.Host == "" {
			return nil, nil, &errkind.Error{Kind: ErrRedirects, Msg: fmt.Sprintf("redirect to an address that cannot be fetched: %q", loc)}
		}
		next.Fragment, next.RawFragment = "", ""
		return nil, next, nil
	case code < 200 || code > 299:
		drain(resp.Body)
		se := &StatusError{Code: code, Status: resp.Status}
		if code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable {
			se.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
		}
		return nil, nil, se
	}
	body, err := c.read(resp)
	if err != nil {
		return nil, nil, err
	}
	return &Response{URL: u.String(), StatusCode: code, Header: resp.Header, Body: body}, nil, nil
}

// isRedirect reports whether code is a redirect status.
func isRedirect(code int) bool {
	switch code {
	case http.StatusMultipleChoices, http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// read reads the body of resp up to the size limit.
func (c *Client) read(resp *http.Response) ([]byte, error) {
	max := c.maxBytes()
	if resp.ContentLength > max {
		return nil, &errkind.Error{Kind: article.ErrTooLarge, Msg: fmt.Sprintf("body is %s, over the %s limit", errkind.Size(resp.ContentLength), errkind.Size(max))}
	}
	var buf bytes.Buffer
	if resp.ContentLength > 0 {
		buf.Grow(int(resp.ContentLength))
	}
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading the body: %w", err)
	}
	if n > max {
		return nil, &errkind.Error{Kind: article.ErrTooLarge, Msg: fmt.Sprintf("body is over the %s limit", errkind.Size(max))}
	}
	return buf.Bytes(), nil
}

// drain reads a little of an unused body, so that the connection can be used again.
func drain(r io.Reader) {
	io.Copy(io.Discard, io.LimitReader(r, 64<<10))
}

// retryAfter parses a Retry-After value, seconds or an HTTP date, as a delay from now.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.Atoi(v); err == nil {
		if n < 0 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}
