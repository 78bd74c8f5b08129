package article

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	htmldate "github.com/markusmobius/go-htmldate"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// Kinds of extraction failure, for use with [errors.Is] on the error [Extract] returns.
var (
	// ErrNoHTML means that an article given to Extract has no HTML.
	ErrNoHTML = errors.New("no HTML to extract text from")
	// ErrNoContent means that no main text was found in an HTML page.
	ErrNoContent = errors.New("no main text found in the HTML page")
	// ErrExtract means that the extractors failed on a page (the message
	// gives their reason).
	ErrExtract = errors.New("text extraction failed")
)

// Extract fills a's Text from its HTML: the main text of the page, without
// navigation, related links, comments and other site chrome, as paragraphs
// separated by a blank line (a line break inside a paragraph is kept as a
// single newline).
//
// The text is found by go-trafilatura, favouring precision, which compares
// its own extraction with those of go-readability and go-domdistiller and
// keeps the better; when it finds nothing, go-readability's text is used.
// (On the ScrapingHub benchmark this scores shingle F1 0.961, against 0.957
// for go-trafilatura's default settings with fallbacks; see
// eval.ArticleExtraction.) A first paragraph that repeats the headline is
// dropped, since the headline is the article's Title. Control characters and
// soft hyphens are removed and the text is put in Unicode normal form C.
// Extract never fetches anything.
//
// Extract also fills, from the page's metadata (meta tags, OpenGraph,
// JSON-LD, the markup), what a does not have yet:
//   - Title: the headline;
//   - Source: the site name, or else the host name of the page;
//   - URL: the canonical address the page declares (it also replaces a URL
//     that a has already when both are on the same host, so that tracking
//     parameters and mirror addresses give way to the canonical one);
//   - Published: the publication date found by go-htmldate (preferring the
//     original date to a later update). A date a already has is taken as the
//     latest possible one (a crawl date from a WARC file, or a date given by
//     the source): dates after it are not considered, and the page's date
//     replaces it only when it is earlier and not less precise (a date
//     without a time, read as midnight UTC, does not replace a time on the
//     same day).
//
// The HTML may be in any encoding that a byte order mark or a <meta> charset
// declaration names (or that the HTML standard's sniffing guesses): HTML that
// is valid UTF-8 and has no UTF-16 byte order mark is taken as UTF-8, whatever
// it declares, since readers such as the WARC one have decoded it already.
//
// Extract leaves a.HTML and a.ID as they are. On failure it returns an
// [*Error] whose Path is a.Origin (the record) and whose Err is, or wraps,
// [ErrNoHTML], [ErrNoContent] or [ErrExtract]; a may then have been given
// metadata but its Text is left empty.
func Extract(a *Article) error {
	name := a.Origin
	if name == "" {
		name = "article " + a.ID
	}
	if strings.TrimSpace(a.HTML) == "" {
		return &Error{Path: name, Err: ErrNoHTML}
	}
	p, err := extractPage(a.HTML, a.URL, a.Published)
	if err != nil {
		return &Error{Path: name, Err: err}
	}
	if a.Title == "" {
		a.Title = p.title
	}
	if a.Source == "" {
		a.Source = p.site
	}
	if p.url != "" && (a.URL == "" || sameHost(a.URL, p.url)) {
		a.URL = p.url
	}
	if !p.date.IsZero() && (a.Published.IsZero() || moreRecentlyKnown(p.date, a.Published)) {
		a.Published = p.date
	}
	if p.text == "" {
		return &Error{Path: name, Err: ErrNoContent}
	}
	a.Text = p.text
	return nil
}

// page is what extraction finds in an HTML page.
type page struct {
	text, title, site, url string
	date                   time.Time
}

// extractPage extracts the main text and the metadata of the HTML page s,
// fetched from pageURL (may be empty), whose date cannot be after maxDate
// (unless zero).
func extractPage(s, pageURL string, maxDate time.Time) (p page, err error) {
	defer func() {
		// The extractors are large; a panic in one of them on a strange page
		// is a failure of this page, not of the run.
		if r := recover(); r != nil {
			p, err = page{}, fmt.Errorf("%w: internal error: %v", ErrExtract, r)
		}
	}()
	s = DecodeHTML([]byte(s), "")
	if d := nesting(s); d > maxNesting {
		// Parsing and extraction take time that grows faster than the
		// depth; no article page is nested this deep.
		return page{}, fmt.Errorf("%w: elements nested more than %d deep", ErrExtract, maxNesting)
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return page{}, fmt.Errorf("%w: %v", ErrExtract, err)
	}
	var base *url.URL
	if u, err := url.Parse(pageURL); err == nil && u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
		base = u
	}
	// go-readability does not change the document it is given; its result
	// is one of the candidates go-trafilatura compares its own with, and the
	// text used when go-trafilatura finds none.
	ra, rerr := readability.FromDocument(doc, base)
	opts := trafilatura.Options{
		OriginalURL:        base,
		EnableFallback:     true,
		FallbackCandidates: &trafilatura.FallbackCandidates{Readability: ra.Node},
		Focus:              trafilatura.FavorPrecision,
		ExcludeComments:    true,
		HtmlDateOptions:    &htmldate.Options{ExtractTime: true, UseOriginalDate: true, MaxDate: maxDate},
	}
	res, terr := trafilatura.ExtractDocument(doc, opts)
	var body *html.Node
	if terr == nil && res != nil {
		m := res.Metadata
		p.title = cleanSpace(m.Title)
		p.site = cleanSpace(m.Sitename)
		if p.site == "" {
			p.site = strings.TrimPrefix(strings.ToLower(m.Hostname), "www.")
		}
		if u, err := url.Parse(m.URL); err == nil && u.IsAbs() && (u.Scheme == "http" || u.Scheme == "https") {
			p.url = u.String()
		}
		p.date = m.Date
		body = res.ContentNode
	}
	p.text = nodeText(body)
	if p.text == "" {
		if rerr == nil {
			p.text = nodeText(ra.Node)
			if p.title == "" {
				p.title = cleanSpace(ra.Title())
			}
			if p.site == "" {
				p.site = cleanSpace(ra.SiteName())
			}
			if p.date.IsZero() {
				if t, err := ra.PublishedTime(); err == nil && (maxDate.IsZero() || !t.After(maxDate)) {
					p.date = t
				}
			}
		}
	}
	p.text = dropHeadline(p.text, p.title)
	if strings.IndexFunc(p.text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) < 0 {
		p.text = "" // no word at all
	}
	if p.site == "" && p.url != "" {
		if u, err := url.Parse(p.url); err == nil {
			p.site = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return p, nil
}

// maxNesting is the deepest nesting of elements accepted in a page.
const maxNesting = 1000

// endOptional are the elements that need no end tag (void elements and those
// whose end tag may be left out): they do not count in nesting.
var endOptional = map[atom.Atom]bool{
	atom.Area: true, atom.Base: true, atom.Br: true, atom.Col: true, atom.Embed: true, atom.Hr: true,
	atom.Img: true, atom.Input: true, atom.Link: true, atom.Meta: true, atom.Source: true,
	atom.Track: true, atom.Wbr: true, atom.P: true, atom.Li: true, atom.Dt: true, atom.Dd: true,
	atom.Tr: true, atom.Td: true, atom.Th: true, atom.Option: true, atom.Optgroup: true,
	atom.Rb: true, atom.Rt: true, atom.Rp: true, atom.Tbody: true, atom.Thead: true,
	atom.Tfoot: true, atom.Colgroup: true, atom.Caption: true, atom.Html: true, atom.Head: true,
	atom.Body: true,
}

// nesting returns an upper bound of the depth of the elements of the page
// s, or a number over maxNesting once it is over: start tags count up and
// end tags down, except those of the elements of endOptional.
func nesting(s string) int {
	z := html.NewTokenizer(strings.NewReader(s))
	depth, deepest := 0, 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return deepest
		case html.StartTagToken:
			name, _ := z.TagName()
			if !endOptional[atom.Lookup(name)] {
				depth++
				if depth > deepest {
					deepest = depth
					if deepest > maxNesting {
						return deepest
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if !endOptional[atom.Lookup(name)] && depth > 0 {
				depth--
			}
		}
	}
}

// DecodeHTML returns the HTML page b as UTF-8. contentType is the Content-Type
// the page was served with (as in an HTTP header), or "" when unknown.
//
// A UTF-8 byte order mark is dropped; a UTF-16 one decides the encoding.
// Otherwise a page that is valid UTF-8 is taken as it is. Else the encoding
// is the one the charset parameter of contentType names, or else the one a
// <meta> element declares in the first 1024 bytes, or else windows-1252 (the
// HTML standard's default); bytes that are not valid in it become U+FFFD.
func DecodeHTML(b []byte, contentType string) string {
	switch {
	case bytes.HasPrefix(b, []byte(bom)):
		b = b[len(bom):]
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM), b)
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeWith(xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM), b)
	case utf8.Valid(b):
		return string(b)
	}
	enc, _, _ := charset.DetermineEncoding(b, contentType)
	return decodeWith(enc, b)
}

// decodeWith decodes b with enc, replacing what cannot be decoded.
func decodeWith(enc encoding.Encoding, b []byte) string {
	out, err := io.ReadAll(enc.NewDecoder().Reader(bytes.NewReader(b)))
	if err != nil {
		// The decoders of x/text replace bad input rather than failing;
		// this is for safety.
		return string(bytes.ToValidUTF8(b, []byte("\uFFFD")))
	}
	return string(bytes.ToValidUTF8(out, []byte("\uFFFD")))
}

// sameHost reports whether two absolute URLs have the same host, ignoring
// case and a leading "www.".
func sameHost(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	ha := strings.TrimPrefix(strings.ToLower(ua.Hostname()), "www.")
	hb := strings.TrimPrefix(strings.ToLower(ub.Hostname()), "www.")
	return ha != "" && ha == hb
}

// moreRecentlyKnown reports whether the date t found in a page should
// replace the date known: t is earlier, and is not a bare date (midnight UTC)
// on the day of known.
func moreRecentlyKnown(t, known time.Time) bool {
	t, known = t.UTC(), known.UTC()
	if !t.Before(known) {
		return false
	}
	bare := t.Equal(t.Truncate(24 * time.Hour))
	return !bare || t.Before(known.Truncate(24*time.Hour))
}

// cleanSpace collapses runs of white space in s into single spaces and trims
// it.
func cleanSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// dropHeadline drops the first paragraph of text when it is the headline:
// its words are those of title, or the first words of title.
func dropHeadline(text, title string) string {
	first, rest, _ := strings.Cut(text, "\n\n")
	fw := strings.FieldsFunc(strings.ToLower(first), notWord)
	tw := strings.FieldsFunc(strings.ToLower(title), notWord)
	if len(fw) == 0 || len(fw) > len(tw) || (len(fw) < len(tw) && len(fw) < 4) {
		return text
	}
	for i, w := range fw {
		if tw[i] != w {
			return text
		}
	}
	return rest
}

// notWord reports whether r separates words.
func notWord(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsNumber(r)
}

// blockTags are the elements whose content is a paragraph of its own, as
// HTML tags or as the tags of go-trafilatura's output.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "details": true, "dialog": true, "div": true,
	"dl": true, "dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hgroup": true, "li": true, "main": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "summary": true, "table": true, "tbody": true, "tfoot": true,
	"thead": true, "tr": true, "ul": true,
	// go-trafilatura's own names
	"head": true, "list": true, "item": true, "quote": true, "row": true,
}

// skipTags are elements whose content is not text.
var skipTags = map[string]bool{
	"script": true, "style": true, "noscript": true, "template": true, "iframe": true,
	"svg": true, "math": true, "object": true, "embed": true, "video": true, "audio": true,
	"canvas": true, "select": true, "button": true, "input": true, "textarea": true,
	"title": true, "meta": true, "link": true, "graphic": true,
}

// nodeText renders the text of an HTML tree as paragraphs separated by a
// blank line; see Extract.
func nodeText(n *html.Node) string {
	if n == nil {
		return ""
	}
	w := &textWriter{}
	w.walk(n, false)
	w.endBlock()
	return norm.NFC.String(strings.Join(w.paras, "\n\n"))
}

// textWriter gathers the paragraphs of an HTML tree.
type textWriter struct {
	paras []string
	line  strings.Builder // the line being written
	lines []string        // the finished lines of the paragraph being written
	space bool            // white space is pending before the next word
}

func (w *textWriter) walk(n *html.Node, pre bool) {
	switch n.Type {
	case html.TextNode:
		w.text(n.Data, pre)
		return
	case html.ElementNode:
	case html.DocumentNode:
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			w.walk(c, pre)
		}
		return
	default:
		return
	}
	tag := n.Data
	if n.DataAtom != 0 {
		tag = n.DataAtom.String()
	}
	switch {
	case skipTags[tag]:
		return
	case tag == "br" || tag == "lb":
		w.endLine()
		return
	case tag == "hr":
		w.endBlock()
		return
	case tag == "td" || tag == "th" || tag == "cell":
		if w.line.Len() > 0 {
			w.line.WriteString(" | ")
			w.space = false
		}
	}
	block := blockTags[tag]
	if block {
		w.endBlock()
	}
	inPre := pre || n.DataAtom == atom.Pre
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c, inPre)
	}
	if block {
		w.endBlock()
	}
}

// text adds the text s, collapsing white space unless in pre.
func (w *textWriter) text(s string, pre bool) {
	s = strings.ReplaceAll(s, "\u00AD", "")
	if pre {
		for i, l := range strings.Split(s, "\n") {
			if i > 0 {
				w.endLine()
			}
			w.line.WriteString(strings.Map(func(r rune) rune {
				if r != '\t' && unicode.IsControl(r) {
					return -1
				}
				return r
			}, strings.TrimRight(l, " \t\r")))
		}
		return
	}
	for _, r := range s {
		if unicode.IsSpace(r) {
			w.space = true
			continue
		}
		if unicode.IsControl(r) {
			continue
		}
		if w.space && w.line.Len() > 0 {
			w.line.WriteByte(' ')
		}
		w.space = false
		w.line.WriteRune(r)
	}
}

// endLine ends the current line (a line break inside a paragraph).
func (w *textWriter) endLine() {
	// A line has no leading space but in pre, where indentation is kept.
	if l := strings.TrimRightFunc(w.line.String(), unicode.IsSpace); l != "" {
		w.lines = append(w.lines, l)
	}
	w.line.Reset()
	w.space = false
}

// endBlock ends the current paragraph.
func (w *textWriter) endBlock() {
	w.endLine()
	if len(w.lines) > 0 {
		w.paras = append(w.paras, strings.Join(w.lines, "\n"))
		w.lines = w.lines[:0]
	}
}
