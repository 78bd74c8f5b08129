package article

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// warcRecord returns a WARC/1.1 record of type typ with the given headers
// (besides the ones every record has) and block.
func warcRecord(n int, typ, uri, contentType string, block []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "WARC/1.1\r\nWARC-Type: %s\r\n", typ)
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>\r\n", n)
	fmt.Fprintf(&b, "WARC-Date: 2024-03-0%dT10:00:00Z\r\n", 1+n%9)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	if contentType != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", contentType)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.Write(block)
	b.WriteString("\r\n\r\n")
	return b.Bytes()
}

// httpResponse returns an HTTP/1.1 response with the given status, header
// lines ("Name: value", each without line end) and body.
func warcHTTPResponse(status int, headers []string, body []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "HTTP/1.1 %d %s\r\n", status, map[int]string{200: "OK", 404: "Not Found", 301: "Moved Permanently"}[status])
	for _, h := range headers {
		b.WriteString(h + "\r\n")
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(body))
	b.Write(body)
	return b.Bytes()
}

// response returns a WARC response record for an HTTP response.
func warcResponse(n int, uri string, status int, headers []string, body []byte) []byte {
	return warcRecord(n, "response", uri, "application/http; msgtype=response", warcHTTPResponse(status, headers, body))
}

// gzipMember compresses b as one gzip member.
func warcGzip(b []byte) []byte {
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// page returns a small news page.
func warcNewsPage(title, body string) []byte {
	return []byte("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>" +
		"<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>" + title + "</h1><p>" + body +
		"</p></article><footer>Copyright Example News</footer></body></html>")
}

// testWARC returns the records of a small crawl: a warcinfo, a request,
// HTML responses (UTF-8, windows-1252 by the HTTP header, chunked and
// gzip-encoded), an HTML resource, and records to skip (an image, a 404, a
// redirect, a revisit, a metadata record).
func warcTestRecords() [][]byte {
	gzBody := warcGzip(warcNewsPage("Rates held", "The central bank held interest rates on Tuesday."))
	var chunked bytes.Buffer
	for len(gzBody) > 0 {
		n := min(40, len(gzBody))
		fmt.Fprintf(&chunked, "%x\r\n%s\r\n", n, gzBody[:n])
		gzBody = gzBody[n:]
	}
	chunked.WriteString("0\r\n\r\n")
	return [][]byte{
		warcRecord(1, "warcinfo", "", "application/warc-fields", []byte("software: dyad-test\r\nformat: WARC File Format 1.1\r\n")),
		warcRecord(2, "request", "https://news.example/a", "application/http; msgtype=request", []byte("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n")),
		warcResponse(3, "https://news.example/a", 200, []string{"Content-Type: text/html; charset=utf-8"}, warcNewsPage("Port reopens", "The port reopened on Saturday.")),
		warcResponse(4, "https://news.example/logo.png", 200, []string{"Content-Type: image/png"}, []byte("\x89PNG\r\n\x1a\n\x00\x00")),
		warcResponse(5, "https://news.example/missing", 404, []string{"Content-Type: text/html"}, warcNewsPage("Not found", "Nothing here.")),
		warcResponse(6, "https://news.example/b", 200, []string{"Content-Type: text/html; charset=windows-1252"}, warcNewsPage("Caf\xe9 closes", "The caf\xe9 closed on Monday.")),
		warcResponse(7, "https://news.example/old", 301, []string{"Location: https://news.example/a"}, nil),
		warcResponse(8, "https://news.example/c", 200, []string{"Content-Type: text/html", "Transfer-Encoding: chunked", "Content-Encoding: gzip"}, chunked.Bytes()),
		warcRecord(9, "revisit", "https://news.example/a", "application/http; msgtype=response", []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")),
		warcRecord(10, "resource", "file:///archive/d.html", "text/html", warcNewsPage("Bridge opens", "The bridge opened on Sunday.")),
		warcRecord(11, "metadata", "https://news.example/a", "application/warc-fields", []byte("via: https://news.example/\r\n")),
		warcResponse(12, "https://news.example/e", 200, nil, warcNewsPage("No type", "A page served without a Content-Type.")),
	}
}

// warcWant describes the articles of testWARC: record number, URL and a
// piece of the HTML.
var warcWant = []struct {
	rec       int
	url, html string
}{
	{3, "https://news.example/a", "<title>Port reopens</title>"},
	{6, "https://news.example/b", "<title>Café closes</title>"},
	{8, "https://news.example/c", "<p>The central bank held interest rates on Tuesday.</p>"},
	{10, "file:///archive/d.html", "<title>Bridge opens</title>"},
	{12, "https://news.example/e", "<title>No type</title>"},
}

// joinRecords writes records one after the other, each gzip-compressed as
// its own member if gz, and returns the file and the offset of each record.
func warcJoin(recs [][]byte, gz bool) ([]byte, []int64) {
	var b bytes.Buffer
	var offs []int64
	for _, r := range recs {
		offs = append(offs, int64(b.Len()))
		if gz {
			r = warcGzip(r)
		}
		b.Write(r)
	}
	return b.Bytes(), offs
}

// writeFile writes data to a new file named name in a temporary directory.
func warcTempFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// readAll reads paths with Read and returns the articles and the errors.
func warcReadAll(t *testing.T, paths []string, opt Options) (arts []*Article, errs []error) {
	t.Helper()
	for a, err := range Read(context.Background(), paths, opt) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		checkArticle(t, a)
		arts = append(arts, a)
	}
	return arts, errs
}

func TestReadWARC(t *testing.T) {
	for _, gz := range []bool{false, true} {
		name := "crawl.warc"
		if gz {
			name += ".gz"
		}
		t.Run(name, func(t *testing.T) {
			data, offs := warcJoin(warcTestRecords(), gz)
			path := warcTempFile(t, name, data)
			arts, errs := warcReadAll(t, []string{path}, Options{})
			if len(errs) > 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(arts) != len(warcWant) {
				t.Fatalf("got %d articles, want %d", len(arts), len(warcWant))
			}
			for i, w := range warcWant {
				a := arts[i]
				off := offs[w.rec-1]
				if a.Origin != fmt.Sprintf("%s#%d", path, off) {
					t.Errorf("article %d: origin %q, want %s#%d", i, a.Origin, path, off)
				}
				if a.URL != w.url || !strings.Contains(a.HTML, w.html) {
					t.Errorf("article %d: URL %q, HTML %q; want %q and %q", i, a.URL, a.HTML, w.url, w.html)
				}
				if want := time.Date(2024, 3, 1+w.rec%9, 10, 0, 0, 0, time.UTC); !a.Published.Equal(want) {
					t.Errorf("article %d: published %v, want the WARC-Date %v", i, a.Published, want)
				}
				if a.ID != ContentID("", "", a.HTML) || a.Text != "" || a.Title != "" {
					t.Errorf("article %d: %+v", i, a)
				}
				// The origin's offset is where the record starts in the file.
				rest := data[off:]
				if gz {
					zr, err := gzip.NewReader(bytes.NewReader(rest))
					if err != nil {
						t.Fatal(err)
					}
					zr.Multistream(false)
					rest, _ = io.ReadAll(zr)
				}
				if !bytes.HasPrefix(rest, []byte("WARC/1.1\r\n")) || !bytes.Contains(rest, []byte("WARC-Target-URI: "+w.url)) {
					t.Errorf("article %d: the record is not at offset %d", i, off)
				}
			}
		})
	}
}

// TestReadWARCExtract extracts the text of the articles of a WARC file.
func TestReadWARCExtract(t *testing.T) {
	data, _ := warcJoin(warcTestRecords(), true)
	arts, errs := warcReadAll(t, []string{warcTempFile(t, "crawl.warc.gz", data)}, Options{})
	if len(errs) > 0 || len(arts) == 0 {
		t.Fatalf("%d articles, errors %v", len(arts), errs)
	}
	want := []string{"The port reopened on Saturday.", "The café closed on Monday.",
		"The central bank held interest rates on Tuesday.", "The bridge opened on Sunday.", "A page served without a Content-Type."}
	for i, a := range arts {
		if err := Extract(a); err != nil {
			t.Fatal(err)
		}
		if a.Text != want[i] {
			t.Errorf("article %d: text %q, want %q", i, a.Text, want[i])
		}
	}
}

// recordErr returns the *RecordError of an error of Read, failing the test
// if it has none.
func warcRecordErr(t *testing.T, err error, path string) *RecordError {
	t.Helper()
	var e *Error
	var re *RecordError
	if !errors.As(err, &e) || e.Path != path || e.Line != 0 || !errors.As(err, &re) {
		t.Fatalf("error %v: want an *Error for %s with a *RecordError", err, path)
	}
	if !strings.HasPrefix(err.Error(), fmt.Sprintf("%s: record %d at byte %d: ", path, re.Record, re.Offset)) {
		t.Errorf("error message %q does not name the file and the record", err)
	}
	return re
}

func TestReadWARCTruncated(t *testing.T) {
	recs := warcTestRecords()
	for _, gz := range []bool{false, true} {
		data, offs := warcJoin(recs, gz)
		// Cut the file in the middle of record 6 (the second article).
		cut := data[:offs[5]+(offs[6]-offs[5])*2/3]
		name := "cut.warc"
		kind := ErrMalformed
		if gz {
			name, kind = "cut.warc.gz", ErrGzip
		}
		path := warcTempFile(t, name, cut)
		arts, errs := warcReadAll(t, []string{path}, Options{})
		if len(arts) != 1 || arts[0].URL != "https://news.example/a" {
			t.Errorf("%s: got %d articles, want the one before the cut", name, len(arts))
		}
		if len(errs) != 1 {
			t.Fatalf("%s: errors %v, want one", name, errs)
		}
		re := warcRecordErr(t, errs[0], path)
		if re.Record != 6 || re.Offset != offs[5] || !errors.Is(errs[0], kind) || !strings.Contains(errs[0].Error(), "truncated") {
			t.Errorf("%s: error %v (%+v), want record 6 at byte %d truncated (%v)", name, errs[0], re, offs[5], kind)
		}
	}
}

func TestReadWARCMalformed(t *testing.T) {
	good := warcTestRecords()
	bad := []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: twelve\r\n\r\ngarbage\r\n\r\n")
	for _, gz := range []bool{false, true} {
		recs := [][]byte{good[2], bad, good[5], []byte("this is not a record at all\r\n\r\n"), good[9]}
		data, offs := warcJoin(recs, gz)
		if gz {
			// Also corrupt the compressed data of the third member.
			third := data[offs[2]:offs[3]]
			for i := len(third) / 2; i < len(third)/2+8; i++ {
				third[i] ^= 0xff
			}
		}
		path := warcTempFile(t, fmt.Sprintf("bad-%v.warc", gz), data)
		arts, errs := warcReadAll(t, []string{path}, Options{})
		var urls []string
		for _, a := range arts {
			urls = append(urls, a.URL)
		}
		want := []string{"https://news.example/a", "https://news.example/b", "file:///archive/d.html"}
		if gz {
			want = []string{"https://news.example/a", "file:///archive/d.html"}
		}
		if strings.Join(urls, " ") != strings.Join(want, " ") {
			t.Errorf("gz=%v: articles %v, want %v", gz, urls, want)
		}
		if len(errs) == 0 {
			t.Fatalf("gz=%v: no error", gz)
		}
		re := warcRecordErr(t, errs[0], path)
		if re.Record != 2 || re.Offset != offs[1] || !errors.Is(errs[0], ErrMalformed) {
			t.Errorf("gz=%v: first error %v, want record 2 at byte %d, malformed", gz, errs[0], offs[1])
		}
		for _, err := range errs[1:] {
			warcRecordErr(t, err, path)
		}
		if gz {
			// The corrupt member and the one that holds no record are
			// reported too.
			if len(errs) != 3 || !errors.Is(errs[1], ErrGzip) || warcRecordErr(t, errs[1], path).Offset != offs[2] ||
				!errors.Is(errs[2], ErrMalformed) || warcRecordErr(t, errs[2], path).Offset != offs[3] {
				t.Errorf("gz: errors %v, want a gzip error at byte %d and a malformed record at byte %d", errs, offs[2], offs[3])
			}
		} else if len(errs) != 2 || warcRecordErr(t, errs[1], path).Record != 4 {
			t.Errorf("errors %v, want the bytes before record 4 reported", errs)
		}
		t.Logf("gz=%v: %v", gz, errs)
	}
}

func TestReadWARCLimits(t *testing.T) {
	big := warcResponse(1, "https://news.example/big", 200, []string{"Content-Type: text/html"}, warcNewsPage("Big", strings.Repeat("Words and more words. ", 200)))
	small := warcResponse(2, "https://news.example/small", 200, []string{"Content-Type: text/html"}, warcNewsPage("Small", "Short."))
	data, _ := warcJoin([][]byte{big, small}, true)
	path := warcTempFile(t, "limit.warc.gz", data)
	arts, errs := warcReadAll(t, []string{path}, Options{MaxBytes: 1000})
	if len(arts) != 1 || arts[0].URL != "https://news.example/small" {
		t.Errorf("got %d articles, want the small one", len(arts))
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrTooLarge) || warcRecordErr(t, errs[0], path).Record != 1 {
		t.Errorf("errors %v, want record 1 over the limit", errs)
	}
	// The size of a WARC file itself is not limited.
	data, _ = warcJoin([][]byte{small, small, small, small}, false)
	arts, errs = warcReadAll(t, []string{warcTempFile(t, "many.warc", data)}, Options{MaxBytes: int64(len(data)) / 2})
	if len(arts) != 4 || len(errs) != 0 {
		t.Errorf("got %d articles and errors %v, want 4 articles", len(arts), errs)
	}

	br := warcResponse(1, "https://news.example/br", 200, []string{"Content-Type: text/html", "Content-Encoding: br"}, []byte("\x1b\x00"))
	data, _ = warcJoin([][]byte{br, small}, false)
	path = warcTempFile(t, "br.warc", data)
	arts, errs = warcReadAll(t, []string{path}, Options{})
	if len(arts) != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrEncoding) {
		t.Errorf("got %d articles and errors %v, want 1 and an encoding error", len(arts), errs)
	}
}

func TestReadWARCEmpty(t *testing.T) {
	for _, data := range [][]byte{nil, warcGzip(nil)} {
		path := warcTempFile(t, "empty.warc.gz", data)
		arts, errs := warcReadAll(t, []string{path}, Options{})
		if len(arts) != 0 || len(errs) != 1 {
			t.Fatalf("got %d articles and %v", len(arts), errs)
		}
		t.Log(errs[0])
	}
	// A WARC file with no HTML in it is not an error.
	data, _ := warcJoin(warcTestRecords()[:2], true)
	arts, errs := warcReadAll(t, []string{warcTempFile(t, "nohtml.warc.gz", data)}, Options{})
	if len(arts) != 0 || len(errs) != 0 {
		t.Errorf("got %d articles and %v, want nothing", len(arts), errs)
	}
}

// warcCountingReader counts the bytes read from it.
type warcCountingReader struct {
	r io.Reader
	n int64
}

func (c *warcCountingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestReadWARCStreams checks that records are read one at a time: the first
// article comes out after little of a large input is read.
func TestReadWARCStreams(t *testing.T) {
	var recs [][]byte
	for i := range 2000 {
		recs = append(recs, warcResponse(i, fmt.Sprintf("https://news.example/%d", i), 200,
			[]string{"Content-Type: text/html"}, warcNewsPage("Story", strings.Repeat("Text of the story. ", 50))))
	}
	data, _ := warcJoin(recs, false)
	in := &warcCountingReader{r: bytes.NewReader(data)}
	n := 0
	for a, err := range Read(context.Background(), []string{"-"}, Options{Stdin: in}) {
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(a.Origin, "-#") {
			t.Errorf("origin %q", a.Origin)
		}
		n++
		if n == 3 {
			break
		}
	}
	if in.n > int64(len(data))/4 {
		t.Errorf("read %d of %d bytes for three articles", in.n, len(data))
	}
}

// TestReadWARCDispatch checks that Read finds WARC files in directories and
// on standard input, compressed or not.
func TestReadWARCDispatch(t *testing.T) {
	plain, _ := warcJoin(warcTestRecords(), false)
	gz, _ := warcJoin(warcTestRecords(), true)
	dir := t.TempDir()
	for name, data := range map[string][]byte{"a.warc": plain, "b.WARC.GZ": gz, "c.arc": plain} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	arts, errs := warcReadAll(t, []string{dir}, Options{})
	if len(arts) != 2*len(warcWant) || len(errs) != 0 {
		t.Errorf("directory: %d articles, errors %v", len(arts), errs)
	}
	for _, data := range [][]byte{plain, gz} {
		arts, errs := warcReadAll(t, []string{"-"}, Options{Stdin: bytes.NewReader(data)})
		if len(arts) != len(warcWant) || len(errs) != 0 {
			t.Errorf("stdin: %d articles, errors %v", len(arts), errs)
		}
	}
}

func BenchmarkReadWARC(b *testing.B) {
	var recs [][]byte
	for i := range 200 {
		recs = append(recs, warcResponse(i, fmt.Sprintf("https://news.example/%d", i), 200,
			[]string{"Content-Type: text/html"}, warcNewsPage("Story", strings.Repeat("Text of the story. ", 200))))
	}
	data, _ := warcJoin(recs, true)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		for _, err := range Read(context.Background(), []string{"-"}, Options{Stdin: bytes.NewReader(data)}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != len(recs) {
			b.Fatalf("%d articles", n)
		}
	}
}
