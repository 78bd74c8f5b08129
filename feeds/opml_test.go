package feeds

import (
	"errors"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseOPML(t *testing.T) {
	for _, tc := range []struct {
		name, doc string
		want      []string
		err       string
	}{
		{"nested", `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="World">
      <outline text="Harbour Gazette" type="rss" xmlUrl="https://gazette.example/rss.xml" htmlUrl="https://gazette.example/"/>
      <outline text="Regional">
        <outline text="Valley Times" type="rss" xmlUrl=" http://valley.example/feed?format=atom&amp;section=news "/>
      </outline>
    </outline>
    <outline text="Wire" type="rss" xmlUrl="https://wire.example/all.json"/>
    <outline text="Gazette again" type="rss" xmlUrl="https://gazette.example/rss.xml"/>
  </body>
</opml>`, []string{"https://gazette.example/rss.xml", "http://valley.example/feed?format=atom&section=news", "https://wire.example/all.json"}, ""},
		{"lenient", `<OPML version="1.0"><body>
<outline title="Caf&eacute; news" xmlurl="https://cafe.example/feed?a=1&b=2"/>
<outline text="folder only"/>
<outline text="not http" xmlUrl="ftp://files.example/feed.xml"/>
<outline text="relative" xmlUrl="/feed.xml"/>
</body></OPML>`, []string{"https://cafe.example/feed?a=1&b=2"}, ""},
		{"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml><body><outline text=\"Caf\xe9\" xmlUrl=\"https://caf\xe9.example/rss\"/></body></opml>",
			[]string{"https://café.example/rss"}, ""},
		{"empty", `<opml version="2.0"><head/><body/></opml>`, nil, ""},
		{"not opml", `<rss version="2.0"><channel><title>x</title></channel></rss>`, nil, "the root element is <rss>, not <opml>"},
		{"truncated", `<opml><body><outline xmlUrl="https://a.example/rss"/>`, nil, "not a valid OPML document"},
		{"no element", `<?xml version="1.0"?><!-- nothing -->`, nil, "no <opml> element"},
		{"two roots", `<opml></opml><opml></opml>`, nil, "a second root element"},
		{"text", `just some text`, nil, "no <opml> element"},
	} {
		got, err := ParseOPML(strings.NewReader(tc.doc))
		if tc.err != "" {
			if err == nil || !errors.Is(err, ErrOPML) || !strings.Contains(err.Error(), tc.err) || got != nil {
				t.Errorf("%s: %v, %v; want an error with %q", tc.name, got, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("%s: %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

func FuzzParseOPML(f *testing.F) {
	f.Add([]byte(`<opml version="2.0"><body><outline text="a" xmlUrl="https://a.example/rss"/></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		urls, err := ParseOPML(strings.NewReader(string(data)))
		if err != nil {
			if urls != nil || !errors.Is(err, ErrOPML) {
				t.Fatalf("ParseOPML = %q, %v", urls, err)
			}
			return
		}
		seen := make(map[string]bool)
		for _, s := range urls {
			u, perr := url.Parse(s)
			if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !utf8.ValidString(s) {
				t.Fatalf("not an http(s) address: %q", s)
			}
			if seen[s] {
				t.Fatalf("%q twice", s)
			}
			seen[s] = true
		}
		// The same document gives the same list.
		again, _ := ParseOPML(strings.NewReader(string(data)))
		if strings.Join(again, "\n") != strings.Join(urls, "\n") {
			t.Fatalf("not deterministic: %q then %q", urls, again)
		}
	})
}
