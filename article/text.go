package article

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/dyad-project/dyad/internal/errkind"
)

// bom is the UTF-8 byte order mark, dropped from the start of an input.
const bom = "\uFEFF"

// maxTitle is the longest first line, in characters, taken as a title.
const maxTitle = 250

// readWhole reads the content in of s as one plain-text or HTML article.
func (r *reader) readWhole(s *source, in io.Reader, f format) bool {
	data, err := io.ReadAll(io.LimitReader(in, r.max+1))
	if err != nil {
		return r.fail(s.path, 0, s.readError(err))
	}
	if int64(len(data)) > r.max {
		what := "file"
		switch {
		case s.gz:
			what = "decompressed content"
		case s.path == "-":
			what = "input"
		}
		return r.fail(s.path, 0, errkind.Errorf(ErrTooLarge, "%s is over the %s limit", what, errkind.Size(r.max)))
	}
	if err := checkText(data, 0); err != nil {
		return r.fail(s.path, 0, err)
	}
	content := strings.TrimPrefix(string(data), bom)
	a := &Article{Origin: s.path}
	if f == formatHTML {
		a.HTML = content
	} else {
		a.Title, a.Text = splitTitle(content)
	}
	a.ID = ContentID(a.Title, a.Text, a.HTML)
	return r.emit(a)
}

// checkText checks that data, the whole content of an input starting at
// byte offset off, is text: not empty, not binary and valid UTF-8.
func checkText(data []byte, off int64) error {
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte(bom)))) == 0 {
		return ErrEmpty
	}
	if isBinary(data) {
		return ErrBinary
	}
	if i := invalidUTF8(data); i >= 0 {
		return errkind.Errorf(ErrInvalidUTF8, "invalid UTF-8 at byte %d", off+int64(i))
	}
	return nil
}

// isBinary reports whether the first 8 KiB of p hold a NUL byte or more than
// 10% control characters (other than tab, line feed, vertical tab, form feed
// and carriage return).
func isBinary(p []byte) bool {
	if len(p) > sniffLen {
		p = p[:sniffLen]
	}
	ctl := 0
	for _, c := range p {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r', c == 0x7f:
			ctl++
		}
	}
	return ctl*10 > len(p)
}

// invalidUTF8 returns the offset of the first byte of p that is not part of
// a valid UTF-8 sequence, or -1 if p is valid UTF-8.
func invalidUTF8(p []byte) int {
	if utf8.Valid(p) {
		return -1
	}
	for i := 0; i < len(p); {
		r, n := utf8.DecodeRune(p[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return -1
}

// splitTitle splits the content of a plain-text file into a title and a
// body. The first line (after any leading blank lines) is the title when it
// is followed by a blank line and a body that is not blank, is at most 250
// characters long and does not end with '.'; the body then starts at its
// first line that is not blank and is kept as it is. Otherwise the title is
// empty and the body is the whole of s.
func splitTitle(s string) (title, body string) {
	rest := s
	for {
		line, after, ok := strings.Cut(rest, "\n")
		if !ok || !isBlank(line) {
			break
		}
		rest = after
	}
	line, after, ok := strings.Cut(rest, "\n")
	if !ok {
		return "", s
	}
	t := strings.TrimSpace(line)
	if t == "" || strings.HasSuffix(t, ".") || utf8.RuneCountInString(t) > maxTitle {
		return "", s
	}
	next, b, ok := strings.Cut(after, "\n")
	if !ok || !isBlank(next) {
		return "", s
	}
	for {
		line, after, ok := strings.Cut(b, "\n")
		if !ok || !isBlank(line) {
			break
		}
		b = after
	}
	if isBlank(b) {
		return "", s
	}
	return t, b
}

// isBlank reports whether s holds nothing but white space.
func isBlank(s string) bool {
	return strings.TrimSpace(s) == ""
}
