package article

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// readBytes reads data as the content of a file named path of format f and
// returns what Read would yield for it.
func readBytes(t *testing.T, path string, data []byte, f format, max int64) (arts []*Article, errs []error) {
	t.Helper()
	r := &reader{
		ctx: context.Background(),
		max: max,
		yield: func(a *Article, err error) bool {
			if (a == nil) == (err == nil) {
				t.Fatalf("yielded article %v and error %v", a, err)
			}
			if err != nil {
				errs = append(errs, err)
			} else {
				arts = append(arts, a)
			}
			return true
		},
	}
	s := &source{path: path, raw: &ctxReader{ctx: r.ctx, r: bytes.NewReader(data)}}
	r.readContent(s, s.raw, f)
	return arts, errs
}

// checkErrors checks the invariants of the errors of one read of path.
func checkErrors(t *testing.T, path string, errs []error) {
	t.Helper()
	for _, err := range errs {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("error %v is a %T, want *Error", err, err)
		}
		if e.Path != path || e.Line < 0 || e.Err == nil {
			t.Fatalf("error %+v: want path %q, a line >= 0 and a reason", e, path)
		}
		if !strings.HasPrefix(e.Error(), path+":") || len(e.Error()) <= len(path)+2 {
			t.Fatalf("error message %q does not name %q and a reason", e.Error(), path)
		}
	}
}

// checkArticle checks the invariants every article holds.
func checkArticle(t *testing.T, a *Article) {
	t.Helper()
	if a.ID == "" || a.Origin == "" {
		t.Fatalf("article %+v has no id or origin", a)
	}
	if (a.Text == "") == (a.HTML == "") {
		t.Fatalf("article %+v: want exactly one of Text and HTML", a)
	}
	for _, s := range []string{a.ID, a.URL, a.Title, a.Source, a.Text, a.HTML} {
		if !utf8.ValidString(s) {
			t.Fatalf("article %+v: invalid UTF-8 in %q", a, s)
		}
	}
}

func FuzzReadText(f *testing.F) {
	for _, seed := range []string{
		"President says relations may be at 'all-time low'\n\nAdjust Comment Print\n\nFirst paragraph...\n\nSecond...\n",
		"No title here.\n\nBody.\n",
		"Title\r\n\r\nBody\r\n",
		"\uFEFFTitle\n\nBody",
		"",
		"\x00",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.txt"
		arts, errs := readBytes(t, path, data, formatText, DefaultMaxBytes)
		if len(arts)+len(errs) != 1 {
			t.Fatalf("got %d articles and %d errors, want one of either", len(arts), len(errs))
		}
		checkErrors(t, path, errs)
		for _, err := range errs {
			if err.(*Error).Line != 0 {
				t.Fatalf("error %v has a line, want 0 for a text file", err)
			}
		}
		if len(arts) == 0 {
			return
		}
		a := arts[0]
		checkArticle(t, a)
		if a.Origin != path || a.HTML != "" || a.URL != "" || a.Source != "" || !a.Published.IsZero() {
			t.Fatalf("article %+v: want only an id, a title, a text and the origin", a)
		}
		if a.ID != ContentID(a.Title, a.Text, "") {
			t.Fatalf("id %s is not the content id of %+v", a.ID, a)
		}
		content := strings.TrimPrefix(string(data), bom)
		if a.Title == "" {
			if a.Text != content {
				t.Fatalf("without a title the text %q is not the whole content %q", a.Text, content)
			}
		} else {
			if strings.ContainsAny(a.Title, "\n") || strings.HasSuffix(a.Title, ".") ||
				utf8.RuneCountInString(a.Title) > maxTitle || a.Title != strings.TrimSpace(a.Title) {
				t.Fatalf("bad title %q", a.Title)
			}
			if !strings.HasSuffix(content, a.Text) || !strings.Contains(content, a.Title) || isBlank(a.Text) {
				t.Fatalf("title %q and text %q are not the parts of %q", a.Title, a.Text, content)
			}
		}
		// The same content gives the same article.
		again, _ := readBytes(t, path, data, formatText, DefaultMaxBytes)
		if len(again) != 1 || *again[0] != *a {
			t.Fatalf("second read differs: %+v, then %+v", a, again)
		}
	})
}

func FuzzReadJSONL(f *testing.F) {
	for _, seed := range []string{
		`{"id":"a","url":"https://x.example/","title":"T","published":"2024-01-02","source":"S","text":"Body."}` + "\n",
		`{"html":"<p>x</p>","published":"Tue, 05 Mar 2024 14:30:00 EST"}` + "\n\n" + `{"text":"y","id":7}`,
		"{\"text\":\"a\"}\r\n[1]\r\n{\"text\":\n{}\n",
		`{"text":"a","html":"b"}` + "\n" + `{"published":"x","text":"a"}`,
		"\uFEFF{\"text\":\"bom\"}\n",
		"",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		const path = "fuzz.jsonl"
		lines := bytes.Count(data, []byte("\n")) + 1
		// A small limit as well as the default, to exercise overlong lines.
		for _, max := range []int64{DefaultMaxBytes, 64} {
			arts, errs := readBytes(t, path, data, formatJSONL, max)
			checkErrors(t, path, errs)
			if len(arts)+len(errs) == 0 {
				t.Fatal("no article and no error")
			}
			if len(arts)+len(errs) > lines+1 {
				t.Fatalf("%d items from %d lines", len(arts)+len(errs), lines)
			}
			last := 0
			for _, a := range arts {
				checkArticle(t, a)
				var n int
				if _, err := fmt.Sscanf(a.Origin, path+":%d", &n); err != nil || a.Origin != fmt.Sprintf("%s:%d", path, n) {
					t.Fatalf("origin %q is not %s:LINE", a.Origin, path)
				}
				if n <= last || n > lines {
					t.Fatalf("origin %q: line out of order or range (previous %d, %d lines)", a.Origin, last, lines)
				}
				last = n
				if max < DefaultMaxBytes && int64(len(a.Text)+len(a.HTML)) > max {
					t.Fatalf("record over the limit of %d read: %+v", max, a)
				}
			}
			for _, err := range errs {
				if l := err.(*Error).Line; l > lines {
					t.Fatalf("error %v: line out of range (%d lines)", err, lines)
				}
			}
			// The same content gives the same articles, ids included.
			again, againErrs := readBytes(t, path, data, formatJSONL, max)
			if len(again) != len(arts) || len(againErrs) != len(errs) {
				t.Fatalf("second read differs in length")
			}
			for i := range arts {
				if !arts[i].Published.Equal(again[i].Published) {
					t.Fatalf("second read differs: %+v, then %+v", arts[i], again[i])
				}
				x, y := *arts[i], *again[i]
				x.Published, y.Published = time.Time{}, time.Time{}
				if x != y {
					t.Fatalf("second read differs: %+v, then %+v", arts[i], again[i])
				}
			}
		}
	})
}
