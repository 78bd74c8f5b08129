package article

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzReadWARC(f *testing.F) {
	recs := warcTestRecords()
	plain, _ := warcJoin(recs, false)
	gz, _ := warcJoin(recs, true)
	f.Add(plain)
	f.Add(gz)
	f.Add(plain[:len(plain)/2])
	f.Add(gz[:len(gz)-10])
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 5\r\n\r\nHTTP/\r\n\r\n"))
	f.Add([]byte("WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 9\r\n\r\n<p>hi</p>\r\n\r\nWARC/"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.warc"
		for _, max := range []int64{DefaultMaxBytes, 100} {
			arts, errs := readBytes(t, path, data, formatWARC, max)
			checkErrors(t, path, errs)
			if len(arts)+len(errs) > len(data)/8+2 {
				t.Fatalf("%d articles and %d errors from %d bytes", len(arts), len(errs), len(data))
			}
			last := int64(-1)
			for _, a := range arts {
				checkArticle(t, a)
				if a.HTML == "" || a.ID != ContentID("", "", a.HTML) || int64(len(a.HTML)) > 4*max {
					t.Fatalf("article %+v", a)
				}
				off, err := strconv.ParseInt(strings.TrimPrefix(a.Origin, path+"#"), 10, 64)
				if err != nil || off <= last || off >= int64(len(data)) {
					t.Fatalf("origin %q after offset %d in %d bytes", a.Origin, last, len(data))
				}
				last = off
			}
			for _, err := range errs {
				var re *RecordError
				var e *Error
				errors.As(err, &e)
				if errors.Is(err, ErrEmpty) && len(errs) == 1 && len(arts) == 0 {
					continue
				}
				if !errors.As(err, &re) || re.Record < 1 || re.Offset < 0 || re.Offset > int64(len(data)) {
					t.Fatalf("error %v: want a *RecordError inside the data", err)
				}
				if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrGzip) && !errors.Is(err, ErrTooLarge) && !errors.Is(err, ErrEncoding) {
					t.Fatalf("error %v is of no known kind", err)
				}
			}
		}
	})
}

func FuzzParseFeed(f *testing.F) {
	for _, s := range feedSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed(strings.NewReader(string(data)))
		if err != nil {
			if feed != nil || !errors.Is(err, ErrFeed) {
				t.Fatalf("ParseFeed = %v, %v", feed, err)
			}
			return
		}
		for _, s := range []string{feed.Title, feed.URL, feed.FeedURL, feed.Language} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
		for _, it := range feed.Items {
			if it.URL == "" && it.Title == "" && it.Summary == "" {
				t.Fatalf("empty item %+v", it)
			}
			for _, s := range []string{it.URL, it.Title, it.Summary, it.GUID} {
				if !utf8.ValidString(s) {
					t.Fatalf("item %+v: invalid UTF-8", it)
				}
			}
			if strings.ContainsAny(it.Title, "\n\r\t") || it.Title != strings.TrimSpace(it.Title) {
				t.Fatalf("title %q is not one trimmed line", it.Title)
			}
			if it.URL != "" && !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
				t.Fatalf("URL %q is not absolute http(s)", it.URL)
			}
			if !it.Published.IsZero() && it.Published.Location().String() != "UTC" {
				t.Fatalf("date %v is not in UTC", it.Published)
			}
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	for _, s := range []string{
		string(warcNewsPage("Port reopens", "The port reopened on Saturday after a strike.")),
		"<p>Hi there.</p>",
		"<html><body><script>x()</script></body></html>",
		"<table><tr><td>a<td>b</table><pre>  x\n y</pre><ul><li>one<li>two</ul>",
		"<meta charset=\"shift_jis\"><p>\x93\xfa\x96\x7b</p>",
		"\xff\xfe<\x00p\x00>\x00x\x00",
		"<div><div><div><p>deep</p></div></div></div><br><hr>",
		"",
	} {
		f.Add(s, "")
	}
	f.Add("<p>Dated text for the fuzzer.</p>", "https://news.example/2024/03/07/x")
	f.Fuzz(func(t *testing.T, html, url string) {
		a := &Article{ID: "id", HTML: html, URL: url, Origin: "fuzz.html"}
		err := Extract(a)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Path != "fuzz.html" {
				t.Fatalf("error %v is not an *Error naming the record", err)
			}
			if errors.Is(err, ErrExtract) {
				t.Fatalf("extraction failed: %v", err)
			}
			if !errors.Is(err, ErrNoHTML) && !errors.Is(err, ErrNoContent) {
				t.Fatalf("error %v is of no known kind", err)
			}
			if a.Text != "" {
				t.Fatalf("text %q with an error", a.Text)
			}
		} else if a.Text == "" {
			t.Fatal("no text and no error")
		}
		if a.ID != "id" || a.HTML != html || a.Origin != "fuzz.html" {
			t.Fatal("Extract changed ID, HTML or Origin")
		}
		for _, s := range []string{a.Title, a.Source, a.Text} {
			if !utf8.ValidString(s) {
				t.Fatalf("invalid UTF-8 in %q", s)
			}
		}
		if strings.Contains(a.Text, "\n\n\n") || strings.TrimRightFunc(a.Text, unicode.IsSpace) != a.Text ||
			strings.TrimLeft(a.Text, "\n") != a.Text {
			t.Fatalf("text %q is not paragraphs separated by one blank line", a.Text)
		}
	})
}
