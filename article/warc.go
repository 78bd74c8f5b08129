package article

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httputil"
	"strings"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/errkind"
	gowarc "github.com/nlnwa/gowarc/v3"
)

// ErrEncoding means that an HTTP payload in a WARC file has a
// Content-Encoding that cannot be decoded (such as br).
var ErrEncoding = errors.New("unsupported content encoding")

// RecordError is the reason of an [*Error] about one record of a WARC file:
// Error.Path names the file, RecordError the record. It wraps the reason,
// which is, or wraps, one of [ErrGzip] (truncated or corrupt gzip data),
// [ErrMalformed] (a record that cannot be parsed, or is truncated),
// [ErrTooLarge] and [ErrEncoding].
type RecordError struct {
	Record int   // 1-based number of the record in the file (every record counts, read or skipped)
	Offset int64 // byte offset of the record in the file (in the compressed file, for .warc.gz)
	Err    error
}

// Error returns "record N at byte OFFSET: reason".
func (e *RecordError) Error() string {
	return fmt.Sprintf("record %d at byte %d: %v", e.Record, e.Offset, e.Err)
}

// Unwrap returns e.Err.
func (e *RecordError) Unwrap() error { return e.Err }

// readWARC reads the WARC file in (not decompressed: gzip members are
// decompressed record by record, so that offsets are those of the file).
//
// It yields an article for each response record whose HTTP status is 200
// and whose payload is HTML (by its Content-Type: text/html or
// application/xhtml+xml, or sniffed when there is none), and for each
// resource record whose Content-Type is HTML. Other records are skipped
// silently. An article has the payload in HTML, decoded to UTF-8 (see
// [DecodeHTML]; the charset of the HTTP Content-Type counts), after undoing
// a chunked transfer encoding and a gzip or deflate content encoding; its
// URL is WARC-Target-URI, its Published the WARC-Date (the time of the
// crawl, which [Extract] replaces by an earlier date the page gives), its
// Origin "path#OFFSET" (the byte offset of the record, which a WARC index
// would give) and its ID the [ContentID] of the HTML.
//
// A record that cannot be read is reported as an *Error with a
// [*RecordError], and reading goes on with the next record that can be
// found (the reader looks for the start of one). In an uncompressed file,
// what the reader skips while looking is not reported again; in a
// compressed one, each gzip member that cannot be read is reported. Bytes
// that are not a record, between records or at the end, are reported. A
// payload over the size limit is reported and skipped without being
// decoded. Each record is read whole (into memory, or a temporary file past
// gowarc's buffer size) before it is looked at; the file never is.
func (r *reader) readWARC(s *source, in io.Reader) bool {
	br := bufio.NewReaderSize(in, bufSize)
	magic, _ := br.Peek(2)
	gz := len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
	wr, err := gowarc.NewWarcFileReaderFromStream(br, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
		gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore),
	)
	if err != nil {
		return r.fail(s.path, 0, fmt.Errorf("read error: %w", err))
	}
	defer wr.Close()
	w := &warcFile{r: r, s: s, wr: wr, gz: gz}
	return w.read()
}

// warcFile is the state of the reading of one WARC file.
type warcFile struct {
	r       *reader
	s       *source
	wr      *gowarc.WarcFileReader
	gz      bool  // the records are gzip members
	n       int   // records met so far
	end     int64 // offset just after the last record met
	lost    bool  // an error was reported and no record has been read since
	records bool  // a record was read
}

func (w *warcFile) read() bool {
	for {
		if w.r.cancelled() {
			return false
		}
		rec, err := w.next()
		var pe *parserPanic
		if errors.As(err, &pe) {
			// The state of the stream is unknown: stop reading the file.
			return w.fail(w.n+1, w.end, errkind.Errorf(ErrMalformed, "malformed record: %v", err))
		}
		if errors.Is(err, io.EOF) && rec.WarcRecord == nil {
			if !w.records && !w.lost {
				return w.r.fail(w.s.path, 0, ErrEmpty)
			}
			return true
		}
		after := rec.Offset + rec.Size
		if err != nil {
			if rec.WarcRecord != nil {
				rec.Close()
			}
			if w.s.raw.err != nil {
				// The file itself could not be read (or ctx is done).
				return w.r.fail(w.s.path, 0, w.s.readError(err))
			}
			// While looking for a record after an error, the parser of an
			// uncompressed file may stumble on more garbage: that is not
			// reported again. The members of a compressed file are
			// separate: an error in one is reported whatever came before.
			if !w.lost || w.gz {
				w.n++
				if !w.fail(w.n, rec.Offset, w.reason(err)) {
					return false
				}
			}
			w.lost = true
			if after <= w.end || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				// Nothing was consumed, or the end of the file was met
				// inside a record: nothing more can be read.
				return true
			}
			w.end = after
			continue
		}
		w.n++
		if rec.Offset > w.end && !w.lost {
			// Bytes that are not a record were skipped to find this one.
			err := errkind.Errorf(ErrMalformed, "%d bytes before the record are not a WARC record (skipped)", rec.Offset-w.end)
			if !w.fail(w.n, w.end, err) {
				rec.Close()
				return false
			}
		}
		w.end, w.lost, w.records = after, false, true
		a, rerr := w.article(rec)
		rec.Close()
		switch {
		case rerr != nil:
			// After a malformed record of an uncompressed file, what
			// follows until the next record is not reported again: the
			// parser may have taken the record's end in the wrong place.
			// (The records of a compressed file end with their members.)
			w.lost = !w.gz && errors.Is(rerr, ErrMalformed)
			if !w.fail(w.n, rec.Offset, rerr) {
				return false
			}
		case a != nil:
			if !w.r.emit(a) {
				return false
			}
		}
	}
}

// parserPanic is a panic of the WARC parser, recovered.
type parserPanic struct{ v any }

func (p *parserPanic) Error() string {
	return fmt.Sprintf("internal error of the WARC parser: %v", p.v)
}

// next reads the next record; a panic of the parser is returned as a
// *parserPanic.
func (w *warcFile) next() (rec gowarc.Record, err error) {
	defer func() {
		if v := recover(); v != nil {
			rec, err = gowarc.Record{}, &parserPanic{v}
		}
	}()
	return w.wr.Next()
}

// fail reports an error about record n at offset off.
func (w *warcFile) fail(n int, off int64, err error) bool {
	return w.r.fail(w.s.path, 0, &RecordError{Record: n, Offset: off, Err: err})
}

// reason describes an error of the WARC parser.
func (w *warcFile) reason(err error) error {
	msg := err.Error()
	truncated := errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF)
	switch {
	case w.gz && truncated:
		return &errkind.Error{Kind: ErrGzip, Msg: "truncated gzip data: " + msg, Cause: err}
	case w.gz && (strings.Contains(msg, "gzip:") || strings.Contains(msg, "flate:")):
		return &errkind.Error{Kind: ErrGzip, Msg: "corrupt gzip data: " + msg, Cause: err}
	case truncated:
		return &errkind.Error{Kind: ErrMalformed, Msg: "truncated record: " + msg, Cause: err}
	}
	return &errkind.Error{Kind: ErrMalformed, Msg: "malformed record: " + msg, Cause: err}
}

// article turns a record into an article, or returns nil for a record that
// is skipped.
func (w *warcFile) article(rec gowarc.Record) (*Article, error) {
	wrec := rec.WarcRecord
	for _, v := range rec.Validation {
		// Other findings (digests, missing ids, line ends) do not keep the
		// content from being read.
		var cl *gowarc.ContentLengthError
		var hf *gowarc.HeaderFieldError
		switch {
		case errors.As(v, &hf) && strings.Contains(v.Error(), gowarc.ContentLength):
			return nil, errkind.Errorf(ErrMalformed, "malformed record: %v", v)
		case errors.As(v, &cl) && cl.Actual < cl.Expected:
			return nil, errkind.Errorf(ErrMalformed, "truncated record: %v", v)
		}
	}
	var (
		contentType string
		payload     io.Reader
		header      http.Header
	)
	switch wrec.Type() {
	case gowarc.Response:
		hb, ok := wrec.Block().(gowarc.HttpResponseBlock)
		if !ok || hb.HttpStatusCode() != http.StatusOK {
			return nil, nil
		}
		if h := hb.HttpHeader(); h != nil {
			header = h.Clone()
		}
		// net/http takes Transfer-Encoding out of the header it parses.
		if header != nil && len(header.Values("Transfer-Encoding")) == 0 {
			if te := rawHeader(hb.ProtocolHeaderBytes(), "Transfer-Encoding"); te != "" {
				header.Set("Transfer-Encoding", te)
			}
		}
		contentType = header.Get("Content-Type")
		p, err := hb.PayloadBytes()
		if err != nil {
			return nil, errkind.Errorf(ErrMalformed, "malformed record: %v", err)
		}
		payload = p
	case gowarc.Resource:
		contentType = wrec.WarcHeader().Get(gowarc.ContentType)
		p, err := wrec.Block().RawBytes()
		if err != nil {
			return nil, errkind.Errorf(ErrMalformed, "malformed record: %v", err)
		}
		payload = p
	default:
		return nil, nil
	}
	br := bufio.NewReaderSize(payload, 4096)
	if !isHTMLType(contentType, br) {
		return nil, nil
	}
	body, err := w.decodePayload(br, header)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, nil
	}
	a := &Article{
		URL:    escapeInvalid(strings.TrimSpace(strings.Trim(wrec.WarcHeader().Get(gowarc.WarcTargetURI), "<>"))),
		HTML:   DecodeHTML(body, contentType),
		Origin: fmt.Sprintf("%s#%d", w.s.path, rec.Offset),
	}
	if t, err := wrec.Date(); err == nil {
		a.Published = t.UTC()
	}
	a.ID = ContentID("", "", a.HTML)
	return a, nil
}

// isHTMLType reports whether a payload whose Content-Type is ct is HTML;
// when ct is empty, the start of the payload is sniffed.
func isHTMLType(ct string, br *bufio.Reader) bool {
	if strings.TrimSpace(ct) == "" {
		head, _ := br.Peek(512)
		ct = http.DetectContentType(head)
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		mt, _, _ = strings.Cut(strings.ToLower(strings.TrimSpace(ct)), ";")
	}
	return mt == "text/html" || mt == "application/xhtml+xml"
}

// decodePayload reads an HTTP payload, undoing a chunked transfer encoding
// and a content encoding, up to the size limit.
func (w *warcFile) decodePayload(br *bufio.Reader, h http.Header) ([]byte, error) {
	limit := w.r.max
	raw, err := io.ReadAll(io.LimitReader(br, limit+1))
	if err != nil {
		return nil, errkind.Errorf(ErrMalformed, "truncated record: %v", err)
	}
	if int64(len(raw)) > limit {
		return nil, errkind.Errorf(ErrTooLarge, "payload is over the %s limit", errkind.Size(limit))
	}
	if hasToken(h.Values("Transfer-Encoding"), "chunked") {
		// Crawlers differ: some keep the chunks, some remove them. Keep the
		// payload as it is when it is not chunked after all.
		if b, err := io.ReadAll(io.LimitReader(httputil.NewChunkedReader(bytes.NewReader(raw)), limit+1)); err == nil {
			raw = b
		}
	}
	encs := splitTokens(h.Values("Content-Encoding"))
	for i := len(encs) - 1; i >= 0; i-- {
		var dec io.Reader
		var err error
		switch encs[i] {
		case "identity", "":
			continue
		case "gzip", "x-gzip":
			if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
				continue // already decoded by the crawler
			}
			dec, err = gzip.NewReader(bytes.NewReader(raw))
		case "deflate":
			if d, zerr := zlib.NewReader(bytes.NewReader(raw)); zerr == nil {
				dec = d
			} else {
				dec = flate.NewReader(bytes.NewReader(raw))
			}
		default:
			return nil, errkind.Errorf(ErrEncoding, "unsupported Content-Encoding %q", encs[i])
		}
		if err != nil {
			return nil, errkind.Errorf(ErrGzip, "corrupt gzip payload: %v", err)
		}
		b, err := io.ReadAll(io.LimitReader(dec, limit+1))
		if err != nil {
			return nil, errkind.Errorf(ErrGzip, "corrupt %s payload: %v", encs[i], err)
		}
		if int64(len(b)) > limit {
			return nil, errkind.Errorf(ErrTooLarge, "decoded payload is over the %s limit", errkind.Size(limit))
		}
		raw = b
	}
	return raw, nil
}

// escapeInvalid returns s with the bytes that are not valid UTF-8
// percent-encoded, as in a URL.
func escapeInvalid(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, "%%%02X", s[i])
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// rawHeader returns the value of the header field name in the raw HTTP
// header block hb, or "".
func rawHeader(hb []byte, name string) string {
	for line := range strings.SplitSeq(string(hb), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok && strings.EqualFold(strings.TrimSpace(k), name) {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// splitTokens splits comma-separated header values into lower-case tokens.
func splitTokens(vals []string) []string {
	var out []string
	for _, v := range vals {
		for t := range strings.SplitSeq(v, ",") {
			out = append(out, strings.ToLower(strings.TrimSpace(t)))
		}
	}
	return out
}

// hasToken reports whether comma-separated header values hold tok.
func hasToken(vals []string, tok string) bool {
	for _, t := range splitTokens(vals) {
		if t == tok {
			return true
		}
	}
	return false
}
