package article

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
)

// extracted is what Extract gives for a page, in a form that can be
// compared and written to a golden file.
type extracted struct {
	File      string `json:"file"`
	Error     string `json:"error,omitempty"`
	Title     string `json:"title,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	Text      string `json:"text,omitempty"`
}

// TestExtractGolden extracts the team-written pages of testdata/extract and
// compares everything Extract fills with testdata/extract/golden.json.
func TestExtractGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "extract", "*.html"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no pages: %v", err)
	}
	var got []extracted
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		a := &Article{HTML: string(data), Origin: f}
		e := extracted{File: filepath.Base(f)}
		if err := Extract(a); err != nil {
			e.Error = err.Error()
		}
		e.Title, e.Source, e.URL, e.Text = a.Title, a.Source, a.URL, a.Text
		if !a.Published.IsZero() {
			e.Published = a.Published.UTC().Format(time.RFC3339)
		}
		got = append(got, e)
	}
	data, err := json.MarshalIndent(got, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	data = append(data, '\n')
	golden := filepath.Join("testdata", "extract", "golden.json")
	if *update {
		if err := os.WriteFile(golden, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if string(want) != string(data) {
		t.Errorf("Extract output differs from %s (run go test -update to accept):\n%s", golden, data)
	}
}

// TestExtract checks what matters in the golden pages, so that a change of
// the golden file cannot hide a regression of these.
func TestExtract(t *testing.T) {
	tests := []struct {
		file      string
		title     string
		source    string
		url       string
		published string
		want      []string // in the text, in this order
		not       []string // not in the text
		err       error
	}{
		{
			file:      "01-report.html",
			title:     "Harbour strike ends after three days",
			source:    "The Lantern Gazette",
			url:       "https://lantern.example/news/2024/03/07/harbour-strike-ends",
			published: "2024-03-07",
			want: []string{
				"Dock workers at the port of Saltmere returned to work on Thursday morning",
				"\n\nThe union representing the dockers",
				`"This is not the end of the dispute, but it is the end of the strike," said Tomas Verhoeven`,
				"firms would be watching the next round of talks closely.",
			},
			not: []string{"Harbour strike ends after three days", "Share on Facebook", "Related stories", "Port talks collapse",
				"About time!", "All rights reserved", "Search", "Sport", "analytics", "font-family"},
		},
		{
			file:      "02-jsonld-lists.html",
			title:     "Council approves flood defences",
			source:    "Riverside Courier",
			published: "2023-11-14",
			want: []string{
				"The town council voted on Tuesday evening",
				"\n\na raised embankment between the old mill and the railway bridge;\n\ntwo pumping stations",
				"said work would begin in the spring.\n\"We cannot stop the river rising,\"",
				"Embankment | 2.9 million euros",
			},
			not: []string{"Subscribe", "Mill Lane"},
		},
		{
			file:   "03-latin1.html",
			title:  "Café owners protest new terrace rules",
			source: "Le Petit Observateur",
			want: []string{
				"Owners of cafés and restaurants in the old town",
				"at ten o’clock in the evening",
				"The mayor, Renée Marchal, said",
				"“We have to find a balance,” she told reporters.",
				"The owners’ association",
			},
			not: []string{"Accueil", "©"},
		},
		{file: "04-chrome-only.html", title: "Page not available", err: ErrNoContent},
		{
			file:  "05-utf16.html",
			title: "Zürich trams run again",
			want:  []string{"Trams in Zürich ran normally again on Friday", "\n\nThe transport operator said"},
			not:   []string{"Start"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join("testdata", "extract", tt.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			a := &Article{ID: "x", HTML: string(data), Origin: path}
			err = Extract(a)
			if tt.err != nil {
				var e *Error
				if !errors.Is(err, tt.err) || !errors.As(err, &e) || e.Path != path || !strings.HasPrefix(err.Error(), path+": ") {
					t.Fatalf("Extract = %v, want an *Error naming %s for %v", err, path, tt.err)
				}
				if a.Text != "" {
					t.Errorf("Text = %q after an error", a.Text)
				}
			} else if err != nil {
				t.Fatalf("Extract: %v", err)
			}
			if a.Title != tt.title {
				t.Errorf("Title = %q, want %q", a.Title, tt.title)
			}
			if tt.source != "" && a.Source != tt.source {
				t.Errorf("Source = %q, want %q", a.Source, tt.source)
			}
			if tt.url != "" && a.URL != tt.url {
				t.Errorf("URL = %q, want %q", a.URL, tt.url)
			}
			if got := a.Published.UTC().Format(time.DateOnly); tt.published != "" && got != tt.published {
				t.Errorf("Published = %v, want %s", a.Published, tt.published)
			}
			if a.ID != "x" || a.HTML != string(data) || a.Origin != path {
				t.Errorf("Extract changed ID, HTML or Origin")
			}
			rest := a.Text
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("text lacks %q (or has it out of order):\n%s", w, a.Text)
				}
				rest = rest[i+len(w):]
			}
			for _, n := range tt.not {
				if strings.Contains(a.Text, n) {
					t.Errorf("text has %q:\n%s", n, a.Text)
				}
			}
			if strings.Contains(a.Text, "\n\n\n") || a.Text != strings.TrimSpace(a.Text) {
				t.Errorf("text is not paragraphs separated by one blank line: %q", a.Text)
			}
		})
	}
}

// TestExtractKnownFields checks how Extract treats what an article already
// has: a title and a source are kept, a URL gives way to the canonical one
// of the same site only, and a date is the latest the page's may be.
func TestExtractKnownFields(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "extract", "01-report.html"))
	if err != nil {
		t.Fatal(err)
	}
	const canonical = "https://lantern.example/news/2024/03/07/harbour-strike-ends"
	crawl := time.Date(2024, 3, 9, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name          string
		in            Article
		url           string
		title, source string
		published     time.Time
	}{
		{"nothing known", Article{}, canonical, "Harbour strike ends after three days", "The Lantern Gazette", time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)},
		{"same host", Article{URL: "https://www.lantern.example/amp/harbour?utm_source=x"}, canonical, "Harbour strike ends after three days", "The Lantern Gazette", time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)},
		{"other host", Article{URL: "https://mirror.example/copy/1"}, "https://mirror.example/copy/1", "Harbour strike ends after three days", "The Lantern Gazette", time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)},
		{"title and source kept", Article{Title: "Strike over", Source: "Wire"}, canonical, "Strike over", "Wire", time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)},
		{"crawl date later", Article{Published: crawl}, canonical, "Harbour strike ends after three days", "The Lantern Gazette", time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC)},
		{"same day, more precise", Article{Published: time.Date(2024, 3, 7, 18, 0, 0, 0, time.UTC)}, canonical, "Harbour strike ends after three days", "The Lantern Gazette", time.Date(2024, 3, 7, 18, 0, 0, 0, time.UTC)},
		{"page date after the known one", Article{Published: time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)}, canonical, "Harbour strike ends after three days", "The Lantern Gazette", time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.in
			a.HTML = string(data)
			a.Origin = "page.html"
			if err := Extract(&a); err != nil {
				t.Fatal(err)
			}
			if a.URL != tt.url || a.Title != tt.title || a.Source != tt.source || !a.Published.Equal(tt.published) {
				t.Errorf("got URL %q title %q source %q published %v,\nwant %q %q %q %v",
					a.URL, a.Title, a.Source, a.Published, tt.url, tt.title, tt.source, tt.published)
			}
		})
	}
}

func TestExtractErrors(t *testing.T) {
	for _, tt := range []struct {
		a    Article
		want error
		name string
	}{
		{Article{Origin: "f.jsonl:3"}, ErrNoHTML, "f.jsonl:3"},
		{Article{Origin: "f.jsonl:4", HTML: " \n "}, ErrNoHTML, "f.jsonl:4"},
		{Article{ID: "abc", HTML: "<html><body><script>x()</script></body></html>"}, ErrNoContent, "article abc"},
		{Article{Origin: "x.warc#10", HTML: "\x00\x01\x02"}, ErrNoContent, "x.warc#10"},
	} {
		err := Extract(&tt.a)
		var e *Error
		if !errors.Is(err, tt.want) || !errors.As(err, &e) || e.Path != tt.name {
			t.Errorf("Extract(%q) = %v, want an *Error for %q with %v", tt.a.HTML, err, tt.name, tt.want)
		}
	}
}

func TestExtractShortPage(t *testing.T) {
	// go-trafilatura favouring precision finds nothing in a page this
	// short; the fallback still gives its text.
	a := &Article{HTML: "<p>Hi there.</p>"}
	if err := Extract(a); err != nil || a.Text != "Hi there." {
		t.Errorf("Extract = %v, text %q", err, a.Text)
	}
}

func TestDecodeHTML(t *testing.T) {
	utf16le := []byte{0xFF, 0xFE, '<', 0, 'p', 0, '>', 0, 0xE9, 0, '<', 0}
	utf16be := []byte{0xFE, 0xFF, 0, '<', 0, 'p', 0, '>', 0, 0xE9, 0, '<'}
	for _, tt := range []struct {
		name, in, contentType, want string
	}{
		{"utf-8", "<p>café</p>", "", "<p>café</p>"},
		{"utf-8 with bom", "\uFEFF<p>café</p>", "", "<p>café</p>"},
		{"utf-8 whatever the meta says", `<meta charset="iso-8859-1"><p>café</p>`, "", `<meta charset="iso-8859-1"><p>café</p>`},
		{"meta charset", "<meta charset=\"iso-8859-1\"><p>caf\xe9</p>", "", "<meta charset=\"iso-8859-1\"><p>café</p>"},
		{"meta http-equiv", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\"><p>\x93\xfa\x96\x7b</p>", "", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=shift_jis\"><p>日本</p>"},
		{"header charset", "<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>", "text/html; charset=windows-1251", "<p>Привет</p>"},
		{"header before meta", "<meta charset=\"iso-8859-1\"><p>\xcf\xf0\xe8</p>", "text/html; charset=windows-1251", "<meta charset=\"iso-8859-1\"><p>При</p>"},
		{"no declaration", "<p>caf\xe9 \x93ok\x94</p>", "", "<p>café “ok”</p>"},
		{"utf-16le", string(utf16le), "", "<p>é<"},
		{"utf-16be", string(utf16be), "", "<p>é<"},
	} {
		if got := DecodeHTML([]byte(tt.in), tt.contentType); got != tt.want {
			t.Errorf("%s: DecodeHTML = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestNodeText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"<p>One  two\n three</p><p>Four</p>", "One two three\n\nFour"},
		{"<div>Lead<div>Inner</div>tail</div>", "Lead\n\nInner\n\ntail"},
		{"<p>Line one<br>line two<br><br></p>", "Line one\nline two"},
		{"<p>a<b>b</b> <i>c</i></p>", "ab c"},
		{"<pre>x = 1\n  y = 2</pre>", "x = 1\n  y = 2"},
		{"<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a | b\n\nc"},
		{"<p>keep</p><script>drop()</script><style>p{}</style><noscript>no</noscript>", "keep"},
		{"<ul><li>one</li><li>two</li></ul>", "one\n\ntwo"},
		{"<p>co\u00adop\u00e9rer e\u0301</p>", "coopérer é"},
		{"<p> </p><hr><p>after</p>", "after"},
		{"", ""},
	} {
		doc, err := html.Parse(strings.NewReader(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := nodeText(doc); got != tt.want {
			t.Errorf("nodeText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDropHeadline(t *testing.T) {
	for _, tt := range []struct{ text, title, want string }{
		{"Port reopens\n\nThe port reopened.", "Port reopens", "The port reopened."},
		{"Port Reopens!\n\nThe port reopened.", "Port reopens", "The port reopened."},
		{"Port reopens after strike\n\nText.", "Port reopens after strike ends on Thursday", "Text."},
		{"Port\n\nText.", "Port reopens", "Port\n\nText."},
		{"The port reopened on Saturday.\n\nMore.", "Port reopens", "The port reopened on Saturday.\n\nMore."},
		{"Port reopens", "Port reopens", ""},
		{"Text.", "", "Text."},
	} {
		if got := dropHeadline(tt.text, tt.title); got != tt.want {
			t.Errorf("dropHeadline(%q, %q) = %q, want %q", tt.text, tt.title, got, tt.want)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	data, err := os.ReadFile(filepath.Join("testdata", "extract", "01-report.html"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		a := &Article{HTML: string(data)}
		if err := Extract(a); err != nil {
			b.Fatal(err)
		}
	}
}

// TestExtractDeep checks that deeply nested pages are extracted or refused
// (parsing and extracting a page nested 100,000 deep would take hours).
func TestExtractDeep(t *testing.T) {
	text := "<p>The text of the article, long enough to be taken as its text by the extractors.</p>"
	for _, tt := range []struct {
		name string
		html string
		err  error
	}{
		{"div 900", strings.Repeat("<div>", 900) + text + strings.Repeat("</div>", 900), nil},
		{"div 100000", strings.Repeat("<div>", 100000) + text, ErrExtract},
		{"b 100000", strings.Repeat("<b>", 100000) + text, ErrExtract},
		{"p 100000", strings.Repeat("<p>para ", 100000), nil},
		{"li 20000", "<ul>" + strings.Repeat("<li>item ", 20000) + "</ul>", nil},
	} {
		a := &Article{HTML: tt.html, Origin: "deep.html"}
		err := Extract(a)
		if !errors.Is(err, tt.err) && !(tt.err == nil && errors.Is(err, ErrNoContent)) {
			t.Errorf("%s: Extract = %v, want %v", tt.name, err, tt.err)
		}
	}
}
