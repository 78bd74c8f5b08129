package article

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dyad-project/dyad/internal/errkind"
)

// readJSONL reads the content in of s as JSON Lines, one article a line.
func (r *reader) readJSONL(s *source, in io.Reader) bool {
	br := bufio.NewReaderSize(in, bufSize)
	head, err := br.Peek(sniffLen)
	if len(head) == 0 {
		if err == io.EOF {
			return r.fail(s.path, 0, ErrEmpty)
		}
		return r.fail(s.path, 0, s.readError(err))
	}
	// Any other error is met again, and reported, when the lines are read:
	// the records before it are still read.
	if isBinary(head) {
		return r.fail(s.path, 0, ErrBinary)
	}
	lr := &lineReader{br: br, max: r.max}
	records := 0
	for {
		if r.cancelled() {
			return false
		}
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return r.fail(s.path, 0, s.readError(err))
		}
		if line.size > r.max {
			records++
			if !r.fail(s.path, line.no, errkind.Errorf(ErrTooLarge, "record is %s, over the %s limit",
				errkind.Size(line.size), errkind.Size(r.max))) {
				return false
			}
			continue
		}
		data, off := line.data, line.off
		if line.no == 1 && bytes.HasPrefix(data, []byte(bom)) {
			data, off = data[len(bom):], off+int64(len(bom))
		}
		if len(bytes.TrimSpace(data)) == 0 {
			continue
		}
		records++
		a, err := parseRecord(data, off)
		if err != nil {
			if !r.fail(s.path, line.no, err) {
				return false
			}
			continue
		}
		a.Origin = fmt.Sprintf("%s:%d", s.path, line.no)
		if !r.emit(a) {
			return false
		}
	}
	if records == 0 {
		return r.fail(s.path, 0, ErrEmpty)
	}
	return true
}

// lineReader splits buffered input into lines of at most max bytes, reading
// past a longer line without keeping it.
type lineReader struct {
	br  *bufio.Reader
	max int64
	buf []byte // the current line, if not over max
	no  int    // number of lines read
	pos int64  // input offset of the next line
}

// line is one line read by a lineReader.
type line struct {
	no   int    // 1-based line number
	off  int64  // input offset of its first byte
	size int64  // length without the line terminator ("\n" or "\r\n")
	data []byte // the line without its terminator; nil if size > max. Valid until the next call of next.
}

// next returns the next line. At the end of the input it returns io.EOF; a
// final line without a line terminator is a line. Any other error is
// returned as is, and the line during which it happened is lost.
func (lr *lineReader) next() (line, error) {
	l := line{off: lr.pos}
	lr.buf = lr.buf[:0]
	over := false    // whether the line is known to be over max
	var tail [2]byte // the last two bytes read, to find the terminator of an overlong line
	for {
		chunk, err := lr.br.ReadSlice('\n')
		lr.pos += int64(len(chunk))
		l.size += int64(len(chunk))
		switch n := len(chunk); {
		case n >= 2:
			tail = [2]byte{chunk[n-2], chunk[n-1]}
		case n == 1:
			tail = [2]byte{tail[1], chunk[0]}
		}
		if !over {
			// Up to max+2 bytes may be a line of max bytes and its "\r\n".
			if int64(len(lr.buf))+int64(len(chunk)) > lr.max+2 {
				over = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = append(lr.buf, chunk...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF && l.size > 0 {
			break
		}
		if err != nil {
			return line{}, err
		}
		break
	}
	lr.no++
	l.no = lr.no
	if over {
		if tail[1] == '\n' {
			l.size--
			if tail[0] == '\r' {
				l.size--
			}
		}
		return l, nil
	}
	data := bytes.TrimSuffix(lr.buf, []byte("\n"))
	data = bytes.TrimSuffix(data, []byte("\r"))
	l.size = int64(len(data))
	if l.size <= lr.max {
		l.data = data
	}
	return l, nil
}

// record is a JSON Lines record.
type record struct {
	ID        json.RawMessage `json:"id"`
	URL       string          `json:"url"`
	Title     string          `json:"title"`
	Published string          `json:"published"`
	Source    string          `json:"source"`
	Text      string          `json:"text"`
	HTML      string          `json:"html"`
}

// parseRecord parses a JSON Lines record at input offset off into an
// article (without its Origin).
func parseRecord(data []byte, off int64) (*Article, error) {
	if i := invalidUTF8(data); i >= 0 {
		return nil, errkind.Errorf(ErrInvalidUTF8, "invalid UTF-8 at byte %d", off+int64(i))
	}
	if t := bytes.TrimLeft(data, " \t\r\v\f"); len(t) == 0 || t[0] != '{' {
		return nil, errkind.Errorf(ErrMalformed, "not a JSON object")
	}
	var rec record
	if err := json.Unmarshal(data, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, &errkind.Error{Kind: ErrMalformed, Cause: err,
				Msg: fmt.Sprintf("field %q: want a string, got JSON %s", te.Field, te.Value)}
		}
		return nil, &errkind.Error{Kind: ErrMalformed, Cause: err, Msg: "malformed JSON: " + err.Error()}
	}
	hasText, hasHTML := !isBlank(rec.Text), !isBlank(rec.HTML)
	switch {
	case hasText && hasHTML:
		return nil, errkind.Errorf(ErrMalformed, "record has both text and html")
	case !hasText && !hasHTML:
		return nil, errkind.Errorf(ErrMalformed, "record has neither text nor html")
	}
	a := &Article{
		URL:    strings.TrimSpace(rec.URL),
		Title:  strings.TrimSpace(rec.Title),
		Source: strings.TrimSpace(rec.Source),
	}
	if hasText {
		a.Text = rec.Text
	} else {
		a.HTML = rec.HTML
	}
	var err error
	if a.ID, err = parseID(rec.ID); err != nil {
		return nil, err
	}
	if a.Published, err = parseDate(rec.Published); err != nil {
		return nil, err
	}
	if a.ID == "" {
		a.ID = ContentID(a.Title, a.Text, a.HTML)
	}
	return a, nil
}

// parseID returns the "id" of a record: a string, or a number kept as
// written; "" when absent, null or blank.
func parseID(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch c := raw[0]; {
	case c == '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", &errkind.Error{Kind: ErrMalformed, Cause: err, Msg: "malformed id: " + err.Error()}
		}
		return strings.TrimSpace(s), nil
	case c == '-' || '0' <= c && c <= '9':
		return string(raw), nil
	}
	return "", errkind.Errorf(ErrMalformed, `field "id": want a string or a number, got %s`, raw)
}

// dateLayouts are the layouts accepted for "published", tried in order.
// Times without a zone are in UTC.
var dateLayouts = []string{
	time.RFC3339, // also accepts fractional seconds
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700", // RFC 1123 with a one-digit day
	"Mon, 2 Jan 2006 15:04:05 MST",
}

// rfc822Zones are the zones whose names RFC 822 defines, which time.Parse
// would otherwise read as UTC (or, worse, as whatever the local zone makes of
// them).
var rfc822Zones = func() map[string]*time.Location {
	zones := map[string]*time.Location{"UT": time.UTC, "UTC": time.UTC, "GMT": time.UTC}
	for name, hours := range map[string]int{
		"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
	} {
		zones[name] = time.FixedZone(name, hours*3600)
	}
	return zones
}()

// parseDate parses the "published" field of a record; "" is the zero time.
func parseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		// In UTC, not time.Local, so that the result does not depend on the
		// machine's zone.
		t, err := time.ParseInLocation(layout, s, time.UTC)
		if err != nil {
			continue
		}
		if strings.HasSuffix(layout, "MST") {
			name, _ := t.Zone()
			if loc, ok := rfc822Zones[name]; ok {
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(),
					t.Nanosecond(), loc)
			}
		}
		return t, nil
	}
	return time.Time{}, errkind.Errorf(ErrMalformed,
		"bad published date %q: want RFC 3339, YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 1123", s)
}
