package article

import (
	"bufio"
	"context"
	"errors"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestParseRecord(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Article // ID "" means ContentID of the record
		err  string
	}{
		{
			name: "all fields",
			in:   `{"id":"a-1","url":" https://x.example/1 ","title":" Title ","published":"2024-01-02T03:04:05Z","source":"Wire","text":"  Body as read.\n"}`,
			want: Article{ID: "a-1", URL: "https://x.example/1", Title: "Title", Published: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC), Source: "Wire", Text: "  Body as read.\n"},
		},
		{name: "html", in: `{"id":"h","html":"<p>x</p>"}`, want: Article{ID: "h", HTML: "<p>x</p>"}},
		{name: "numeric id", in: `{"id":12345678901234567890,"text":"x"}`, want: Article{ID: "12345678901234567890", Text: "x"}},
		{name: "null id", in: `{"id":null,"title":"T","text":"x"}`, want: Article{Title: "T", Text: "x"}},
		{name: "blank id", in: `{"id":"  ","title":"T","text":"x"}`, want: Article{Title: "T", Text: "x"}},
		{name: "unknown fields", in: `{"text":"x","author":{"name":"A"},"tags":["a"],"n":1}`, want: Article{Text: "x"}},
		{name: "null fields", in: `{"text":"x","title":null,"published":null}`, want: Article{Text: "x"}},
		{name: "escapes", in: `{"text":"caf\u00e9 \"quoted\"\n"}`, want: Article{Text: "café \"quoted\"\n"}},
		{name: "blank html beside text", in: `{"text":"x","html":"  "}`, want: Article{Text: "x"}},
		{name: "blank text beside html", in: `{"text":" ","html":"<p>x</p>"}`, want: Article{HTML: "<p>x</p>"}},
		{name: "leading space", in: "  \t{\"text\":\"x\"}  ", want: Article{Text: "x"}},
		{name: "neither", in: `{"title":"T"}`, err: "record has neither text nor html"},
		{name: "blank text only", in: `{"text":" \n"}`, err: "record has neither text nor html"},
		{name: "both", in: `{"text":"a","html":"<p>b</p>"}`, err: "record has both text and html"},
		{name: "array", in: `[]`, err: "not a JSON object"},
		{name: "null", in: `null`, err: "not a JSON object"},
		{name: "number", in: `3`, err: "not a JSON object"},
		{name: "syntax", in: `{"text":"x",}`, err: "malformed JSON: invalid character '}' looking for beginning of object key string"},
		{name: "trailing data", in: `{"text":"x"}]`, err: "malformed JSON: invalid character ']' after top-level value"},
		{name: "wrong type", in: `{"text":"x","title":["a"]}`, err: `field "title": want a string, got JSON array`},
		{name: "bool id", in: `{"text":"x","id":true}`, err: `field "id": want a string or a number, got true`},
		{name: "bad date", in: `{"text":"x","published":"02/01/2024"}`, err: `bad published date "02/01/2024": want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 1123`},
		{name: "invalid UTF-8", in: "{\"text\":\"\xff\"}", err: "invalid UTF-8 at byte 109"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := parseRecord([]byte(tt.in), 100)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("parseRecord(%q): got error %v, want %q", tt.in, err, tt.err)
				}
				if a != nil {
					t.Errorf("parseRecord(%q): got article with error", tt.in)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseRecord(%q): %v", tt.in, err)
			}
			want := tt.want
			if want.ID == "" {
				want.ID = ContentID(want.Title, want.Text, want.HTML)
			}
			if !a.Published.Equal(want.Published) {
				t.Errorf("Published = %v, want %v", a.Published, want.Published)
			}
			a.Published, want.Published = time.Time{}, time.Time{}
			if *a != want {
				t.Errorf("parseRecord(%q)\ngot  %+v\nwant %+v", tt.in, *a, want)
			}
		})
	}
}

func TestParseRecordErrorKinds(t *testing.T) {
	for _, in := range []string{`[]`, `{`, `{"title":"T"}`, `{"text":"x","published":"soon"}`, `{"text":1}`} {
		if _, err := parseRecord([]byte(in), 0); !errors.Is(err, ErrMalformed) {
			t.Errorf("parseRecord(%q) = %v, want an ErrMalformed", in, err)
		}
	}
}

func TestParseDate(t *testing.T) {
	est := time.FixedZone("EST", -5*3600)
	tests := []struct {
		in   string
		want time.Time
	}{
		{"", time.Time{}},
		{"  ", time.Time{}},
		{"2024-03-05T14:30:00Z", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
		{"2024-03-05T14:30:00.123456Z", time.Date(2024, 3, 5, 14, 30, 0, 123456000, time.UTC)},
		{"2024-03-05T14:30:00+05:30", time.Date(2024, 3, 5, 9, 0, 0, 0, time.UTC)},
		{"2024-03-05T14:30:00-05:00", time.Date(2024, 3, 5, 14, 30, 0, 0, est)},
		{"2024-03-05T14:30:00", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
		{"2024-03-05 14:30:00", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
		{" 2024-03-05 ", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"Tue, 05 Mar 2024 14:30:00 +0100", time.Date(2024, 3, 5, 13, 30, 0, 0, time.UTC)},
		{"Tue, 05 Mar 2024 14:30:00 GMT", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
		{"Tue, 05 Mar 2024 14:30:00 UTC", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
		{"Tue, 05 Mar 2024 14:30:00 EST", time.Date(2024, 3, 5, 14, 30, 0, 0, est)},
		{"Tue, 05 Mar 2024 14:30:00 PDT", time.Date(2024, 3, 5, 21, 30, 0, 0, time.UTC)},
		{"Tue, 5 Mar 2024 14:30:00 -0500", time.Date(2024, 3, 5, 14, 30, 0, 0, est)},
		{"Tue, 5 Mar 2024 14:30:00 GMT", time.Date(2024, 3, 5, 14, 30, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := parseDate(tt.in)
		if err != nil {
			t.Errorf("parseDate(%q): %v", tt.in, err)
			continue
		}
		if !got.Equal(tt.want) || got.IsZero() != tt.want.IsZero() {
			t.Errorf("parseDate(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, in := range []string{"yesterday", "2024-3-5", "05/03/2024", "2024-02-30", "2024-03-05T25:00:00Z", "1709649000", "Tue, 05 Mar 2024"} {
		if got, err := parseDate(in); err == nil {
			t.Errorf("parseDate(%q) = %v, want an error", in, got)
		}
	}
}

func TestParseDateIgnoresLocalZone(t *testing.T) {
	// An RFC 1123 zone name must not be read through time.Local.
	defer func(loc *time.Location) { time.Local = loc }(time.Local)
	time.Local = time.FixedZone("EST", 3*3600) // a perverse local zone of the same name
	got, err := parseDate("Tue, 05 Mar 2024 14:30:00 EST")
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2024, 3, 5, 19, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestLineReader(t *testing.T) {
	in := "short\r\n\n" + strings.Repeat("a", 20) + "\n" + strings.Repeat("b", 10) + "\r\n" + strings.Repeat("c", 11) + "\r\nlast"
	type want struct {
		no   int
		off  int64
		size int64
		data string // "-" for nil
	}
	wants := []want{
		{1, 0, 5, "short"},
		{2, 7, 0, ""},
		{3, 8, 20, "-"},
		{4, 29, 10, strings.Repeat("b", 10)},
		{5, 41, 11, "-"},
		{6, 54, 4, "last"},
	}
	// A reader buffer smaller than the lines makes them span several reads.
	lr := &lineReader{br: bufio.NewReaderSize(strings.NewReader(in), 16), max: 10}
	for _, w := range wants {
		l, err := lr.next()
		if err != nil {
			t.Fatalf("line %d: %v", w.no, err)
		}
		data := string(l.data)
		if l.data == nil && w.size > 0 {
			data = "-"
		}
		if l.no != w.no || l.off != w.off || l.size != w.size || data != w.data {
			t.Errorf("got line{no:%d off:%d size:%d data:%q}, want %+v", l.no, l.off, l.size, data, w)
		}
	}
	if _, err := lr.next(); err != io.EOF {
		t.Errorf("after the last line: got %v, want io.EOF", err)
	}
}

// repeatReader yields b forever.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// TestReadJSONLOverlongLineMemory checks that a line far over the limit is
// skipped without being held in memory, and that reading goes on after it.
func TestReadJSONLOverlongLineMemory(t *testing.T) {
	const lineSize = 64 << 20
	const max = 1 << 20
	in := io.MultiReader(
		strings.NewReader(`{"id":"before","text":"a"}`+"\n"+`{"text":"`),
		io.LimitReader(repeatReader('x'), lineSize),
		strings.NewReader(`"}`+"\n"+`{"id":"after","text":"b"}`+"\n"),
	)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var got []item
	for a, err := range Read(context.Background(), []string{"-"}, Options{MaxBytes: max, Stdin: in}) {
		got = append(got, toItem(t, a, err))
	}
	runtime.ReadMemStats(&after)
	want := []item{
		{ID: "before", Text: "a", Origin: "-:1"},
		{Error: "-:2: record is 64.0 MiB, over the 1.0 MiB limit", Line: 2},
		{ID: "after", Text: "b", Origin: "-:3"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: got %+v, want %+v", i, got[i], want[i])
		}
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
		t.Errorf("reading a %d MiB line allocated %d MiB, want it skipped in bounded memory", lineSize>>20, alloc>>20)
	}
}
