package article

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// item is one element of a sequence returned by Read, in a form that can be
// compared and written to a golden file.
type item struct {
	Error     string `json:"error,omitempty"`
	Line      int    `json:"line,omitempty"`
	ID        string `json:"id,omitempty"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
	Text      string `json:"text,omitempty"`
	HTML      string `json:"html,omitempty"`
	Origin    string `json:"origin,omitempty"`
}

// collect runs Read and returns what it yields. It fails the test if an
// error is neither an *Error with a path nor a context error.
func collect(t testing.TB, ctx context.Context, paths []string, opt Options) []item {
	t.Helper()
	var items []item
	for a, err := range Read(ctx, paths, opt) {
		items = append(items, toItem(t, a, err))
	}
	return items
}

func toItem(t testing.TB, a *Article, err error) item {
	t.Helper()
	if err != nil {
		if a != nil {
			t.Errorf("Read yielded both %v and an article", err)
		}
		var e *Error
		switch {
		case errors.As(err, &e):
			if e.Path == "" {
				t.Errorf("error %q has no path", err)
			}
			return item{Error: err.Error(), Line: e.Line}
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			return item{Error: err.Error()}
		}
		t.Errorf("Read yielded %T %v, want *Error", err, err)
		return item{Error: err.Error()}
	}
	if a == nil {
		t.Fatal("Read yielded neither an article nor an error")
	}
	it := item{ID: a.ID, URL: a.URL, Title: a.Title, Source: a.Source, Text: a.Text, HTML: a.HTML, Origin: a.Origin}
	if !a.Published.IsZero() {
		it.Published = a.Published.Format(time.RFC3339)
	}
	return it
}

// errorsOf returns the error messages among items.
func errorsOf(items []item) []string {
	var errs []string
	for _, it := range items {
		if it.Error != "" {
			errs = append(errs, it.Error)
		}
	}
	return errs
}

// originsOf returns the origins of the articles among items.
func originsOf(items []item) []string {
	var origins []string
	for _, it := range items {
		if it.Error == "" {
			origins = append(origins, it.Origin)
		}
	}
	return origins
}

// writeFile writes a file under dir, making its directory, and returns its path.
func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gzipped(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// checkGolden compares got with the golden file name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []item) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "\t")
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	golden := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		t.Errorf("Read output differs from %s (run go test -update to accept):\n%s", golden, data)
	}
}

func TestReadCorpusGolden(t *testing.T) {
	got := collect(t, context.Background(), []string{filepath.Join("testdata", "corpus")}, Options{})
	checkGolden(t, "corpus.json", got)
}

func TestReadNamedFilesGolden(t *testing.T) {
	// Files named explicitly, in the order given, whatever their extension.
	paths := []string{
		filepath.Join("testdata", "corpus", "06-page.html"),
		filepath.Join("testdata", "corpus", "notes.csv"),
		filepath.Join("testdata", "corpus", ".hidden.txt"),
		filepath.Join("testdata", "corpus", "05-feed.ndjson.gz"),
		filepath.Join("testdata", "corpus", "missing.txt"),
	}
	got := collect(t, context.Background(), paths, Options{})
	checkGolden(t, "named.json", got)
}

func TestReadWalk(t *testing.T) {
	dir := t.TempDir()
	body := []byte("Headline\n\nBody.\n")
	for _, name := range []string{
		"b.txt", "a.TXT", "c", "d.text", "e.html", "f.htm", "g.jsonl", "h.ndjson", "i.txt.gz",
		"z/1.txt", "y/2.txt", "y/x/3.txt",
		"skip.csv", "skip.png", "skip.md", "skip.gz.bak",
		".hidden.txt", ".hid/4.txt", "z/.5.txt",
	} {
		data := body
		switch {
		case strings.HasSuffix(name, "jsonl"), strings.HasSuffix(name, "ndjson"):
			data = []byte(`{"text":"Body."}` + "\n")
		case strings.HasSuffix(name, ".gz"):
			data = gzipped(t, body)
		}
		writeFile(t, dir, name, data)
	}
	got := originsOf(collect(t, context.Background(), []string{dir}, Options{}))
	var want []string
	for _, name := range []string{
		"a.TXT", "b.txt", "c", "d.text", "e.html", "f.htm", "g.jsonl:1", "h.ndjson:1", "i.txt.gz",
		"y/2.txt", "y/x/3.txt", "z/1.txt",
	} {
		want = append(want, filepath.Join(dir, name))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("origins:\ngot  %q\nwant %q", got, want)
	}

	// A hidden directory named explicitly is walked; what is hidden inside it is not.
	got = originsOf(collect(t, context.Background(), []string{filepath.Join(dir, ".hid")}, Options{}))
	if want := []string{filepath.Join(dir, ".hid", "4.txt")}; !reflect.DeepEqual(got, want) {
		t.Errorf("explicit hidden dir: got %q, want %q", got, want)
	}
}

func TestReadSymlinks(t *testing.T) {
	dir := t.TempDir()
	target := writeFile(t, t.TempDir(), "target.txt", []byte("Linked headline\n\nLinked body.\n"))
	writeFile(t, dir, "walk/b.txt", []byte("Headline\n\nBody.\n"))
	for name, to := range map[string]string{
		"walk/a-link.txt":   target,
		"walk/c-broken.txt": filepath.Join(dir, "nowhere.txt"),
		"walk/d-broken.png": filepath.Join(dir, "nowhere.png"), // unknown extension: skipped
		"walk/e-dirlink":    dir,                               // a link to a directory: not followed
		"walk/f-loop.txt":   filepath.Join(dir, "walk", "f-loop.txt"),
	} {
		if err := os.Symlink(to, filepath.Join(dir, name)); err != nil {
			t.Skipf("cannot make symbolic links: %v", err)
		}
	}
	items := collect(t, context.Background(), []string{filepath.Join(dir, "walk")}, Options{})
	walk := filepath.Join(dir, "walk")
	wantOrigins := []string{filepath.Join(walk, "a-link.txt"), filepath.Join(walk, "b.txt")}
	if got := originsOf(items); !reflect.DeepEqual(got, wantOrigins) {
		t.Errorf("origins: got %q, want %q", got, wantOrigins)
	}
	wantErrors := []string{
		filepath.Join(walk, "c-broken.txt") + ": broken symbolic link: no such file or directory",
		filepath.Join(walk, "f-loop.txt") + ": broken symbolic link: too many levels of symbolic links",
	}
	if got := errorsOf(items); !reflect.DeepEqual(got, wantErrors) {
		t.Errorf("errors:\ngot  %q\nwant %q", got, wantErrors)
	}
}

// TestReadBadInput checks that each kind of bad input gives an *Error naming
// the file (and line) and the reason, and that reading goes on with the next
// file.
func TestReadBadInput(t *testing.T) {
	controls := bytes.Repeat([]byte("ab\x01\x02\x03\x04\x05\x06\x07\x08"), 100)
	tests := []struct {
		name    string
		file    string // name of the bad file in a temporary directory
		data    []byte
		setup   func(t *testing.T, path string) // makes the file instead of data, if set
		opt     Options
		want    []string // errors, with "PATH" for the path of the bad file
		kind    error    // what errors.Is must match for the first error, if set
		wantArt []string // origins of articles of the bad file, with "PATH"
	}{
		{name: "empty text", file: "a.txt", data: nil, want: []string{"PATH: empty file"}, kind: ErrEmpty},
		{name: "blank text", file: "a.txt", data: []byte(" \n\t\r\n"), want: []string{"PATH: empty file"}, kind: ErrEmpty},
		{name: "empty html", file: "a.html", data: nil, want: []string{"PATH: empty file"}, kind: ErrEmpty},
		{name: "empty jsonl", file: "a.jsonl", data: nil, want: []string{"PATH: empty file"}, kind: ErrEmpty},
		{name: "blank jsonl", file: "a.jsonl", data: []byte("\n  \n\r\n"), want: []string{"PATH: empty file"}, kind: ErrEmpty},
		{name: "empty gzip file", file: "a.txt.gz", data: nil, want: []string{"PATH: empty file"}, kind: ErrEmpty},
		{name: "gzip of nothing", file: "a.txt.gz", data: gzipped(t, nil), want: []string{"PATH: empty file"}, kind: ErrEmpty},
		{name: "NUL byte", file: "a.txt", data: []byte("Title\n\nBody\x00 text.\n"), want: []string{"PATH: binary content, not text"}, kind: ErrBinary},
		{name: "control characters", file: "a.txt", data: controls, want: []string{"PATH: binary content, not text"}, kind: ErrBinary},
		{name: "binary html", file: "a.html", data: []byte("<p>\x00</p>"), want: []string{"PATH: binary content, not text"}, kind: ErrBinary},
		{name: "binary jsonl", file: "a.jsonl", data: append([]byte(`{"text":"a"}`+"\n"), controls...), want: []string{"PATH: binary content, not text"}, kind: ErrBinary},
		{name: "binary gzip content", file: "a.txt.gz", data: gzipped(t, []byte("\x00\x01\x02")), want: []string{"PATH: binary content, not text"}, kind: ErrBinary},
		{name: "gzip not named gz", file: "a.txt", data: gzipped(t, bytes.Repeat([]byte("Some text. "), 100)), want: []string{"PATH: binary content, not text"}, kind: ErrBinary},
		{name: "invalid UTF-8", file: "a.txt", data: []byte("Title\n\nCaf\xe9 au lait.\n"), want: []string{"PATH: invalid UTF-8 at byte 10"}, kind: ErrInvalidUTF8},
		{name: "invalid UTF-8 html", file: "a.htm", data: []byte("<p>na\xefve</p>"), want: []string{"PATH: invalid UTF-8 at byte 5"}, kind: ErrInvalidUTF8},
		{name: "truncated UTF-8 at end", file: "a.txt", data: []byte("Body \xe2\x82"), want: []string{"PATH: invalid UTF-8 at byte 5"}, kind: ErrInvalidUTF8},
		{
			name: "sparse 200 MiB file", file: "big.txt",
			setup: func(t *testing.T, p string) {
				if err := os.WriteFile(p, nil, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Truncate(p, 200<<20); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"PATH: file is 200.0 MiB, over the 32.0 MiB limit"}, kind: ErrTooLarge,
		},
		{
			name: "over a small limit", file: "a.html", data: []byte("<p>" + strings.Repeat("x", 2000) + "</p>"),
			opt: Options{MaxBytes: 1024}, want: []string{"PATH: file is 2.0 KiB, over the 1.0 KiB limit"}, kind: ErrTooLarge,
		},
		{
			name: "at the limit", file: "a.txt", data: bytes.Repeat([]byte("x"), 1024),
			opt: Options{MaxBytes: 1024}, wantArt: []string{"PATH"},
		},
		{
			name: "decompressed over the limit", file: "a.txt.gz", data: gzipped(t, bytes.Repeat([]byte("x"), 5000)),
			opt: Options{MaxBytes: 1024}, want: []string{"PATH: decompressed content is over the 1.0 KiB limit"}, kind: ErrTooLarge,
		},
		{
			name: "jsonl file over the limit, records under it", file: "a.jsonl",
			data: []byte(strings.Repeat(`{"text":"`+strings.Repeat("x", 50)+`"}`+"\n", 40)),
			opt:  Options{MaxBytes: 100}, wantArt: func() []string {
				var o []string
				for i := 1; i <= 40; i++ {
					o = append(o, "PATH:"+itoa(i))
				}
				return o
			}(),
		},
		{
			name: "truncated gzip", file: "a.html.gz",
			data: func() []byte {
				z := gzipped(t, []byte("<p>"+strings.Repeat("Paragraph of a page. ", 2000)+"</p>"))
				return z[:len(z)/2]
			}(),
			want: []string{"PATH: truncated gzip data: unexpected EOF"}, kind: ErrGzip,
		},
		{
			name: "truncated gzip text", file: "a.txt.gz",
			data: func() []byte { z := gzipped(t, []byte("Headline\n\nBody.\n")); return z[:len(z)-4] }(),
			want: []string{"PATH: truncated gzip data: unexpected EOF"}, kind: ErrGzip,
		},
		{
			name: "corrupt gzip checksum", file: "a.txt.gz",
			data: func() []byte {
				z := gzipped(t, []byte("Headline\n\nBody.\n"))
				z[len(z)-8] ^= 0xff // the CRC-32 of the trailer
				return z
			}(),
			want: []string{"PATH: corrupt gzip data: gzip: invalid checksum"}, kind: ErrGzip,
		},
		{
			name: "not gzip at all", file: "a.html.gz", data: []byte("<p>plain</p>"),
			want: []string{"PATH: corrupt gzip data: gzip: invalid header"}, kind: ErrGzip,
		},
		{
			name: "file where a directory is expected", file: "a.txt",
			setup: func(t *testing.T, p string) {
				if err := os.WriteFile(p, []byte("Headline\n\nBody.\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			},
			// The path names a file as if it were a directory.
			want: []string{"PATH/inner.txt: not a directory"},
		},
		{
			name: "missing file", file: "missing.txt",
			setup: func(t *testing.T, p string) {},
			want:  []string{"PATH: no such file or directory"}, kind: fs.ErrNotExist,
		},
		{
			name: "dangling symlink", file: "link.txt",
			setup: func(t *testing.T, p string) {
				if err := os.Symlink(p+".gone", p); err != nil {
					t.Skipf("cannot make symbolic links: %v", err)
				}
			},
			want: []string{"PATH: broken symbolic link: no such file or directory"}, kind: fs.ErrNotExist,
		},
		{
			name: "malformed jsonl lines", file: "a.jsonl",
			data: []byte(strings.Join([]string{
				`{"id":"ok-1","text":"Fine."}`,
				`not json`,
				`[1,2]`,
				`"a string"`,
				`{"text":"Fine.", }`,
				``,
				`{"title":"no body"}`,
				`{"text":"t","html":"<p>h</p>"}`,
				`{"text":"t","published":"3 May"}`,
				`{"text":"t","published":"2024-13-01"}`,
				`{"text":42}`,
				`{"text":"t","id":{"x":1}}`,
				"{\"text\":\"caf\xe9\"}",
				`{"text":"a"} {"text":"b"}`,
				`{"id":"ok-2","text":"Fine too."}`,
				`{"text":"unterminated`,
			}, "\n")),
			want: []string{
				"PATH:2: not a JSON object",
				"PATH:3: not a JSON object",
				"PATH:4: not a JSON object",
				"PATH:5: malformed JSON: invalid character '}' looking for beginning of object key string",
				"PATH:7: record has neither text nor html",
				"PATH:8: record has both text and html",
				`PATH:9: bad published date "3 May": want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 1123`,
				`PATH:10: bad published date "2024-13-01": want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 1123`,
				`PATH:11: field "text": want a string, got JSON number`,
				`PATH:12: field "id": want a string or a number, got {"x":1}`,
				"PATH:13: invalid UTF-8 at byte 247",
				"PATH:14: malformed JSON: invalid character '{' after top-level value",
				"PATH:16: malformed JSON: unexpected end of JSON input",
			},
			kind:    ErrMalformed,
			wantArt: []string{"PATH:1", "PATH:15"},
		},
		{
			name: "overlong jsonl line", file: "a.jsonl",
			data: []byte(`{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("y", 300<<10) + `"}` + "\r\n" + `{"text":"after"}` + "\n"),
			opt:  Options{MaxBytes: 64 << 10},
			want: []string{"PATH:2: record is 300.0 KiB, over the 64.0 KiB limit"}, kind: ErrTooLarge,
			wantArt: []string{"PATH:1", "PATH:3"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := filepath.Join(dir, tt.file)
			if tt.setup != nil {
				tt.setup(t, bad)
			} else {
				writeFile(t, dir, tt.file, tt.data)
			}
			named := bad
			if tt.name == "file where a directory is expected" {
				named = filepath.Join(bad, "inner.txt")
			}
			before := writeFile(t, dir, "0-before.txt", []byte("Before\n\nFirst good file.\n"))
			after := writeFile(t, dir, "z-after.txt", []byte("After\n\nLast good file.\n"))
			opt := tt.opt
			if opt.MaxBytes == 0 {
				opt.MaxBytes = DefaultMaxBytes
			}
			var items []item
			var firstErr error
			for a, err := range Read(context.Background(), []string{before, named, after}, opt) {
				if err != nil && firstErr == nil {
					firstErr = err
				}
				items = append(items, toItem(t, a, err))
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, strings.ReplaceAll(w, "PATH", bad))
			}
			if got := errorsOf(items); !reflect.DeepEqual(got, want) {
				t.Errorf("errors:\ngot  %q\nwant %q", got, want)
			}
			if tt.kind != nil && !errors.Is(firstErr, tt.kind) {
				t.Errorf("errors.Is(%v, %v) = false", firstErr, tt.kind)
			}
			wantOrigins := []string{before}
			for _, o := range tt.wantArt {
				wantOrigins = append(wantOrigins, strings.ReplaceAll(o, "PATH", bad))
			}
			wantOrigins = append(wantOrigins, after)
			if got := originsOf(items); !reflect.DeepEqual(got, wantOrigins) {
				t.Errorf("origins:\ngot  %q\nwant %q", got, wantOrigins)
			}

			// The same inside a directory, where the bad file is found by the walk.
			if tt.name == "file where a directory is expected" || tt.name == "missing file" {
				return
			}
			items = collect(t, context.Background(), []string{dir}, opt)
			if got := errorsOf(items); !reflect.DeepEqual(got, want) {
				t.Errorf("walking the directory, errors:\ngot  %q\nwant %q", got, want)
			}
			if got := originsOf(items); !reflect.DeepEqual(got, wantOrigins) {
				t.Errorf("walking the directory, origins:\ngot  %q\nwant %q", got, wantOrigins)
			}
		})
	}
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

func TestReadGzip(t *testing.T) {
	dir := t.TempDir()
	text := []byte("Headline\n\nBody line one.\n\nBody line two.\n")
	html := []byte("<p>Page.</p>")
	jsonl := []byte(`{"id":"j1","text":"One."}` + "\n" + `{"id":"j2","html":"<p>Two.</p>"}` + "\n")
	paths := []string{
		writeFile(t, dir, "a.txt.gz", gzipped(t, text)),
		writeFile(t, dir, "b.HTML.GZ", gzipped(t, html)),
		writeFile(t, dir, "c.ndjson.gz", gzipped(t, jsonl)),
		writeFile(t, dir, "d.gz", gzipped(t, text)), // plain text, no extension
	}
	// A multi-member gzip file is read whole.
	paths = append(paths, writeFile(t, dir, "e.jsonl.gz", append(gzipped(t, jsonl[:25]), gzipped(t, jsonl[25:])...)))
	got := collect(t, context.Background(), paths, Options{})
	want := []item{
		{ID: ContentID("Headline", "Body line one.\n\nBody line two.\n", ""), Title: "Headline", Text: "Body line one.\n\nBody line two.\n", Origin: paths[0]},
		{ID: ContentID("", "", "<p>Page.</p>"), HTML: "<p>Page.</p>", Origin: paths[1]},
		{ID: "j1", Text: "One.", Origin: paths[2] + ":1"},
		{ID: "j2", HTML: "<p>Two.</p>", Origin: paths[2] + ":2"},
		{ID: ContentID("Headline", "Body line one.\n\nBody line two.\n", ""), Title: "Headline", Text: "Body line one.\n\nBody line two.\n", Origin: paths[3]},
		{ID: "j1", Text: "One.", Origin: paths[4] + ":1"},
		{ID: "j2", HTML: "<p>Two.</p>", Origin: paths[4] + ":2"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadGzipCorruptAfterRecords(t *testing.T) {
	// Records read before the corruption stay read; then the file is reported.
	var recs []byte
	for i := range 3000 {
		recs = append(recs, `{"id":"r`+itoa(i)+`","text":"Record `+itoa(i*7919%1000003)+`"}`+"\n"...)
	}
	z := gzipped(t, recs)
	p := writeFile(t, t.TempDir(), "a.jsonl.gz", z[:len(z)-100])
	items := collect(t, context.Background(), []string{p}, Options{})
	if len(items) < 2 {
		t.Fatalf("got %d items, want records and then an error", len(items))
	}
	last := items[len(items)-1]
	if want := p + ": truncated gzip data: unexpected EOF"; last.Error != want {
		t.Errorf("last item: got %+v, want error %q", last, want)
	}
	for i, it := range items[:len(items)-1] {
		if it.Error != "" || it.ID != "r"+itoa(i) {
			t.Fatalf("item %d: got %+v, want record r%d", i, it, i)
		}
	}
}

func TestReadStdin(t *testing.T) {
	textID := ContentID("Headline", "Body.\n", "")
	tests := []struct {
		name  string
		input []byte
		opt   Options
		want  []item
	}{
		{
			name:  "jsonl",
			input: []byte("\n  {\"id\":\"s1\",\"text\":\"One.\"}\n{\"id\":\"s2\",\"text\":\"Two.\"}"),
			want:  []item{{ID: "s1", Text: "One.", Origin: "-:2"}, {ID: "s2", Text: "Two.", Origin: "-:3"}},
		},
		{
			name:  "html",
			input: []byte(" \n<p>Page.</p>\n"),
			want:  []item{{ID: ContentID("", "", " \n<p>Page.</p>\n"), HTML: " \n<p>Page.</p>\n", Origin: "-"}},
		},
		{
			name:  "text",
			input: []byte("Headline\n\nBody.\n"),
			want:  []item{{ID: textID, Title: "Headline", Text: "Body.\n", Origin: "-"}},
		},
		{
			name:  "text with a byte order mark",
			input: []byte("\uFEFFHeadline\n\nBody.\n"),
			want:  []item{{ID: textID, Title: "Headline", Text: "Body.\n", Origin: "-"}},
		},
		{
			name:  "jsonl with a byte order mark",
			input: []byte("\uFEFF{\"id\":\"s1\",\"text\":\"One.\"}\n"),
			want:  []item{{ID: "s1", Text: "One.", Origin: "-:1"}},
		},
		{
			name:  "gzip jsonl",
			input: gzipped(t, []byte(`{"id":"z1","text":"Zipped."}`+"\n")),
			want:  []item{{ID: "z1", Text: "Zipped.", Origin: "-:1"}},
		},
		{
			name:  "gzip text",
			input: gzipped(t, []byte("Headline\n\nBody.\n")),
			want:  []item{{ID: textID, Title: "Headline", Text: "Body.\n", Origin: "-"}},
		},
		{
			name:  "truncated gzip",
			input: func() []byte { z := gzipped(t, []byte("Headline\n\nBody.\n")); return z[:len(z)-3] }(),
			want:  []item{{Error: "-: truncated gzip data: unexpected EOF"}},
		},
		{name: "empty", input: nil, want: []item{{Error: "-: empty file"}}},
		{name: "blank", input: []byte("\n \t\n"), want: []item{{Error: "-: empty file"}}},
		{name: "binary", input: []byte("\x00\x01"), want: []item{{Error: "-: binary content, not text"}}},
		{
			name: "too large", input: bytes.Repeat([]byte("x"), 2048), opt: Options{MaxBytes: 1024},
			want: []item{{Error: "-: input is over the 1.0 KiB limit"}},
		},
		{
			name:  "bad record",
			input: []byte("{\"text\":\"a\"}\n{\"text\":1}\n"),
			want:  []item{{ID: ContentID("", "a", ""), Text: "a", Origin: "-:1"}, {Error: `-:2: field "text": want a string, got JSON number`, Line: 2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.Stdin = bytes.NewReader(tt.input)
			got := collect(t, context.Background(), []string{"-"}, opt)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadStdinTwice(t *testing.T) {
	// Standard input is read once; naming it again finds it empty.
	opt := Options{Stdin: strings.NewReader("Headline\n\nBody.\n")}
	got := collect(t, context.Background(), []string{"-", "-"}, opt)
	want := []item{
		{ID: ContentID("Headline", "Body.\n", ""), Title: "Headline", Text: "Body.\n", Origin: "-"},
		{Error: "-: empty file"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestReadCancel(t *testing.T) {
	corpus := filepath.Join("testdata", "corpus")
	t.Run("before", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var got []error
		for a, err := range Read(ctx, []string{corpus, "-"}, Options{Stdin: strings.NewReader("x")}) {
			if a != nil {
				t.Errorf("got article %s after cancellation", a.Origin)
			}
			got = append(got, err)
		}
		if len(got) != 1 || got[0] != context.Canceled {
			t.Errorf("got %v, want just context.Canceled", got)
		}
	})
	for _, paths := range [][]string{
		{corpus},
		{filepath.Join(corpus, "04-feed.jsonl"), corpus},
		{"-", corpus},
	} {
		t.Run("during "+strings.Join(paths, ","), func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			opt := Options{Stdin: strings.NewReader("{\"text\":\"a\"}\n{\"text\":\"b\"}\n")}
			var got []item
			for a, err := range Read(ctx, paths, opt) {
				got = append(got, toItem(t, a, err))
				if len(got) == 1 {
					cancel()
				}
			}
			if len(got) != 2 || got[1].Error != context.Canceled.Error() {
				t.Errorf("got %+v, want one item and then context.Canceled", got)
			}
		})
	}
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), time.Nanosecond)
		defer cancel()
		<-ctx.Done()
		var got []error
		for _, err := range Read(ctx, []string{corpus}, Options{}) {
			got = append(got, err)
		}
		if len(got) != 1 || got[0] != context.DeadlineExceeded {
			t.Errorf("got %v, want just context.DeadlineExceeded", got)
		}
	})
}

func TestReadStop(t *testing.T) {
	// Breaking out of the loop at any point must not make Read yield again
	// (which would panic).
	all := collect(t, context.Background(), []string{filepath.Join("testdata", "corpus")}, Options{})
	for n := 1; n <= len(all); n++ {
		var got []item
		for a, err := range Read(context.Background(), []string{filepath.Join("testdata", "corpus")}, Options{}) {
			got = append(got, toItem(t, a, err))
			if len(got) == n {
				break
			}
		}
		if !reflect.DeepEqual(got, all[:n]) {
			t.Errorf("stopping after %d: got %+v, want %+v", n, got, all[:n])
		}
	}
}

func TestReadConcurrent(t *testing.T) {
	// Sequences are independent: several may run at once (go test -race).
	paths := []string{filepath.Join("testdata", "corpus")}
	want := collect(t, context.Background(), paths, Options{})
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got := collect(t, context.Background(), paths, Options{}); !reflect.DeepEqual(got, want) {
				t.Errorf("concurrent read differs: got %+v", got)
			}
		}()
	}
	wg.Wait()
}

func TestReadDeterministic(t *testing.T) {
	// The same input gives the same sequence, ids included.
	paths := []string{filepath.Join("testdata", "corpus")}
	first := collect(t, context.Background(), paths, Options{})
	second := collect(t, context.Background(), paths, Options{})
	if !reflect.DeepEqual(first, second) {
		t.Errorf("two reads differ:\n%+v\n%+v", first, second)
	}
}

func TestFormatOf(t *testing.T) {
	tests := []struct {
		name string
		f    format
		gz   bool
	}{
		{"a.txt", formatText, false},
		{"a.text", formatText, false},
		{"README", formatText, false},
		{"dir.d/README", formatText, false},
		{"A.TXT", formatText, false},
		{"a.jsonl", formatJSONL, false},
		{"a.ndjson", formatJSONL, false},
		{"a.html", formatHTML, false},
		{"a.htm", formatHTML, false},
		{"a.txt.gz", formatText, true},
		{"a.gz", formatText, true},
		{"a.JSONL.GZ", formatJSONL, true},
		{"a.htm.gz", formatHTML, true},
		{"a.csv", formatUnknown, false},
		{"a.csv.gz", formatUnknown, true},
		{"a.gz.txt", formatText, false},
		{"a.tar.gz", formatUnknown, true},
	}
	for _, tt := range tests {
		if f, gz := formatOf(tt.name); f != tt.f || gz != tt.gz {
			t.Errorf("formatOf(%q) = %v, %v; want %v, %v", tt.name, f, gz, tt.f, tt.gz)
		}
	}
}

func TestReadUnreadable(t *testing.T) {
	// A file that can be opened but not read, even by root: the start of a
	// process's memory is not mapped.
	const p = "/proc/self/mem"
	if f, err := os.Open(p); err != nil {
		t.Skipf("no %s: %v", p, err)
	} else {
		_, err := f.Read(make([]byte, 1))
		f.Close()
		if err == nil {
			t.Skipf("%s is readable here", p)
		}
	}
	after := writeFile(t, t.TempDir(), "after.txt", []byte("After\n\nBody.\n"))
	items := collect(t, context.Background(), []string{p, after}, Options{})
	if len(items) != 2 || !strings.HasPrefix(items[0].Error, p+": read error: ") || items[1].Origin != after {
		t.Errorf("got %+v, want a read error for %s, then %s", items, p, after)
	}
}

func TestReadSpecialFile(t *testing.T) {
	// A socket with a known extension inside a directory is reported, not opened.
	dir := t.TempDir()
	sock := filepath.Join(dir, "a.txt")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("cannot make a socket: %v", err)
	}
	defer l.Close()
	after := writeFile(t, dir, "b.txt", []byte("After\n\nBody.\n"))
	items := collect(t, context.Background(), []string{dir}, Options{})
	want := []item{
		{Error: sock + ": not a regular file"},
		{ID: ContentID("After", "Body.\n", ""), Title: "After", Text: "Body.\n", Origin: after},
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("got  %+v\nwant %+v", items, want)
	}
}

// TestInputSize checks that InputSize counts the files Read reads, and that Read counts the
// bytes it consumes to the same total.
func TestInputSize(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"a.txt":          "Title\n\nA body of text.\n",
		"b.jsonl":        `{"id":"1","text":"One."}` + "\n" + `{"id":"2","text":"Two."}` + "\n",
		".hidden.txt":    "skipped",
		"c.bin":          "skipped too",
		"sub/d.txt":      "Another body.\n",
		".git/e.txt":     "in a hidden directory",
		"sub/f.unknown":  "not read",
		"sub/g.html":     "<html><body><p>Hi.</p></body></html>",
		"sub/.h.jsonl":   "{}",
		"sub/i.txt.gz":   "",
		"sub/deeper/j.x": "",
	}
	var want int64
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		switch name {
		case "a.txt", "b.jsonl", "sub/d.txt", "sub/g.html", "sub/i.txt.gz":
			want += int64(len(content))
		}
	}
	got, ok := InputSize([]string{dir})
	if !ok || got != want {
		t.Errorf("InputSize = %d, %v; want %d, true", got, ok, want)
	}
	var consumed atomic.Int64
	for range Read(context.Background(), []string{dir}, Options{Consumed: &consumed}) {
	}
	if consumed.Load() != want {
		t.Errorf("consumed %d bytes, want %d", consumed.Load(), want)
	}
	if _, ok := InputSize([]string{dir, "-"}); ok {
		t.Error("standard input has a known size")
	}
}
