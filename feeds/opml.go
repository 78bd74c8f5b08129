package feeds

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"golang.org/x/net/html/charset"
)

// ErrOPML means that a document is not an OPML document that can be read.
var ErrOPML = errors.New("not a valid OPML document")

// ParseOPML returns the feed addresses listed in the OPML document read from r: the xmlUrl
// attributes of its outline elements (nested ones included), in document order, each once.
// Only absolute http and https addresses are kept; outlines without one (folders, or entries
// that name something else) are passed over. Parsing is lenient about the mistakes common in
// exported subscription lists (HTML entities, unescaped ampersands, attribute names in another
// case), and decodes the encodings that the XML declaration names. A document whose root
// element is not <opml>, or that is not well-formed enough to be read to its end, gives an
// error wrapping [ErrOPML].
func ParseOPML(r io.Reader) ([]string, error) {
	d := newDecoder(r)
	var (
		urls  []string
		seen  = make(map[string]bool)
		depth int
		root  bool
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrOPML, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				switch {
				case root:
					return nil, fmt.Errorf("%w: a second root element <%s>", ErrOPML, t.Name.Local)
				case !strings.EqualFold(t.Name.Local, "opml"):
					return nil, fmt.Errorf("%w: the root element is <%s>, not <opml>", ErrOPML, t.Name.Local)
				}
				root = true
				continue
			}
			if !strings.EqualFold(t.Name.Local, "outline") {
				continue
			}
			for _, a := range t.Attr {
				if !strings.EqualFold(a.Name.Local, "xmlUrl") {
					continue
				}
				if u := feedURL(a.Value); u != "" && !seen[u] {
					seen[u] = true
					urls = append(urls, u)
				}
				break
			}
		case xml.EndElement:
			depth--
		}
	}
	switch {
	case !root:
		return nil, fmt.Errorf("%w: no <opml> element", ErrOPML)
	case depth != 0:
		return nil, fmt.Errorf("%w: the document ends inside an element", ErrOPML)
	}
	return urls, nil
}

// newDecoder returns a lenient XML decoder of r.
func newDecoder(r io.Reader) *xml.Decoder {
	d := xml.NewDecoder(r)
	d.Strict = false
	d.Entity = xml.HTMLEntity
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// feedURL returns s, trimmed, when it is an absolute http or https address, or "".
func feedURL(s string) string {
	s = strings.TrimSpace(s)
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return s
}

// rootElement returns the local name of the root element of the XML document data, lower
// case, or "" when it has none that can be read.
func rootElement(data []byte) string {
	d := newDecoder(bytes.NewReader(data))
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if t, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(t.Name.Local)
		}
	}
}
