package article

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/errkind"
	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ErrFeed means that a document is not an RSS, Atom or JSON feed that can be
// parsed.
var ErrFeed = errors.New("not a valid feed")

// Feed is a parsed RSS, Atom or JSON feed.
type Feed struct {
	Title    string     // the feed's title (often the publisher's name), plain text
	URL      string     // the address of the site the feed is about (its link)
	FeedURL  string     // the feed's own address, when it gives it
	Language string     // the language it declares, as given ("en-us")
	Updated  time.Time  // when the feed was last updated; zero when unknown
	Items    []FeedItem // the entries, in document order
	// Partial is set when the document is cut short or broken after some
	// entries: Items holds the entries before the damage.
	Partial bool
}

// FeedItem is one entry of a feed: an article announced, not the article.
type FeedItem struct {
	URL       string    // the article's address, made absolute against the feed's link
	Title     string    // the headline, plain text on one line
	Published time.Time // publication date (the update date when there is none), in UTC; zero when unknown
	Summary   string    // the description or summary, as plain text (markup removed)
	GUID      string    // the entry's id (RSS guid, Atom id), when it has one
}

// ParseFeed parses an RSS (0.9x, 1.0, 2.0), Atom (0.3, 1.0) or JSON feed
// from r, read up to DefaultMaxBytes. Parsing is lenient: unknown entities,
// unclosed tags and other common mistakes of real feeds are tolerated where
// the parser can, encodings other than UTF-8 are decoded as the XML
// declaration says, and items with no link, title or summary are dropped.
// An XML document cut short, or broken after some complete entries, gives
// those entries, with Feed.Partial set. It fetches nothing. An input that is not a feed gives an error wrapping
// [ErrFeed]; one over the limit, [ErrTooLarge].
func ParseFeed(r io.Reader) (*Feed, error) {
	data, err := io.ReadAll(io.LimitReader(r, DefaultMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read error: %w", err)
	}
	if len(data) > DefaultMaxBytes {
		return nil, errkind.Errorf(ErrTooLarge, "feed is over the %s limit", errkind.Size(DefaultMaxBytes))
	}
	return parseFeed(data)
}

// ReadFeedFile parses the feed in the file at path (gzip-compressed when its
// name ends in ".gz"); see [ParseFeed]. Its errors are [*Error]s naming the
// file.
func ReadFeedFile(path string) (*Feed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Err: unwrapPathError(err)}
	}
	defer f.Close()
	var in io.Reader = f
	if strings.HasSuffix(strings.ToLower(path), ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, &Error{Path: path, Err: &errkind.Error{Kind: ErrGzip, Msg: "corrupt gzip data: " + err.Error(), Cause: err}}
		}
		defer zr.Close()
		in = zr
	}
	feed, err := ParseFeed(in)
	if err != nil {
		return nil, &Error{Path: path, Err: err}
	}
	return feed, nil
}

// parseFeed parses a whole feed document.
func parseFeed(data []byte) (feed *Feed, err error) {
	defer func() {
		if v := recover(); v != nil {
			feed, err = nil, fmt.Errorf("%w: internal error of the feed parser: %v", ErrFeed, v)
		}
	}()
	data = bytes.TrimPrefix(data, []byte(bom))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%w: empty document", ErrFeed)
	}
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	partial := false
	if err != nil {
		if fixed := repairFeed(data); fixed != nil {
			if g, ferr := gofeed.NewParser().Parse(bytes.NewReader(fixed)); ferr == nil && len(g.Items) > 0 {
				gf, err, partial = g, nil, true
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFeed, err)
	}
	feed = &Feed{
		Partial:  partial,
		Title:    plainLine(gf.Title),
		URL:      absURL(gf.Link, ""),
		FeedURL:  absURL(gf.FeedLink, ""),
		Language: strings.TrimSpace(gf.Language),
		Updated:  firstTime(gf.UpdatedParsed, gf.PublishedParsed),
	}
	base := feed.URL
	if base == "" {
		base = feed.FeedURL
	}
	for _, it := range gf.Items {
		if it == nil {
			continue
		}
		fi := FeedItem{
			Title:     plainLine(it.Title),
			Published: itemDate(it),
			GUID:      strings.TrimSpace(it.GUID),
		}
		fi.URL = absURL(it.Link, base)
		for _, l := range it.Links {
			if fi.URL != "" {
				break
			}
			fi.URL = absURL(l, base)
		}
		if fi.URL == "" && (strings.HasPrefix(fi.GUID, "http://") || strings.HasPrefix(fi.GUID, "https://")) {
			fi.URL = absURL(fi.GUID, "")
		}
		summary := it.Description
		if strings.TrimSpace(summary) == "" {
			summary = it.Content
		}
		fi.Summary = htmlText(summary)
		if fi.URL == "" && fi.Title == "" && fi.Summary == "" {
			continue
		}
		feed.Items = append(feed.Items, fi)
	}
	return feed, nil
}

// repairFeed returns an XML feed cut after its last complete entry (RSS
// item or Atom entry) and closed, or nil when it has none.
func repairFeed(data []byte) []byte {
	end := -1
	for _, tag := range []string{"</item>", "</entry>"} {
		if i := bytes.LastIndex(data, []byte(tag)); i >= 0 && i+len(tag) > end {
			end = i + len(tag)
		}
	}
	if end < 0 {
		return nil
	}
	head := data[:end]
	// Close the elements still open at the cut, innermost first.
	d := xml.NewDecoder(bytes.NewReader(head))
	d.Strict = false
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		return charset.NewReaderLabel(label, in)
	}
	var open []string
	for {
		tok, err := d.RawToken()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			open = append(open, qualified(t.Name))
		case xml.EndElement:
			name := qualified(t.Name)
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == name {
					open = open[:i]
					break
				}
			}
		}
	}
	out := append([]byte{}, head...)
	for i := len(open) - 1; i >= 0; i-- {
		out = append(out, "</"+open[i]+">"...)
	}
	return out
}

// qualified returns a raw XML name as written: "prefix:local" or "local".
func qualified(n xml.Name) string {
	if n.Space != "" {
		return n.Space + ":" + n.Local
	}
	return n.Local
}

// itemDate returns the publication date of an item (its update date when
// it has none), in UTC. Dates this package reads elsewhere (RFC 3339, RFC
// 1123 with the zone names of RFC 822 at their offsets) are read as there;
// gofeed reads the other forms it knows, but would take "EST" for UTC.
func itemDate(it *gofeed.Item) time.Time {
	for _, raw := range []string{it.Published, it.Updated} {
		if t, err := parseDate(raw); err == nil && !t.IsZero() {
			return t.UTC()
		}
	}
	return firstTime(it.PublishedParsed, it.UpdatedParsed)
}

// firstTime returns the first of ts that is set, in UTC, or the zero time.
func firstTime(ts ...*time.Time) time.Time {
	for _, t := range ts {
		if t != nil && !t.IsZero() {
			return t.UTC()
		}
	}
	return time.Time{}
}

// absURL returns the http(s) address s resolved against base, or "" when s
// is not one.
func absURL(s, base string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	if !u.IsAbs() {
		b, err := url.Parse(base)
		if err != nil || !b.IsAbs() {
			return ""
		}
		u = b.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return ""
	}
	return u.String()
}

// htmlText returns the text of an HTML fragment as paragraphs (see
// nodeText); text without markup comes back with its white space collapsed.
func htmlText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return cleanSpace(s)
	}
	root := &html.Node{Type: html.DocumentNode}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return nodeText(root)
}

// plainLine returns the text of an HTML fragment on one line.
func plainLine(s string) string {
	return cleanSpace(htmlText(s))
}
