// Package article reads news articles from files and standard input.
//
// [Read] streams the articles found in a list of paths. A path is a file, a
// directory (walked recursively in lexical order, hidden files and
// directories skipped) or "-" for standard input. The format of a file is
// chosen by its name:
//
//   - Plain text (.txt, .text, or no extension): an optional title line, a
//     blank line, then the body. The first line (after any blank lines) is
//     the title when it is followed by a blank line and a body that is not
//     blank, is at most 250 characters long and does not end with '.';
//     otherwise the whole file is the body. The body is kept as it is, line
//     endings included.
//   - JSON Lines (.jsonl, .ndjson): one JSON object per line with the fields
//     "id" (a string or a number), "url", "title", "published", "source" and
//     exactly one of "text" and "html". Unknown fields are ignored and blank
//     lines skipped. "published" is RFC 3339, "2006-01-02T15:04:05",
//     "2006-01-02 15:04:05", "2006-01-02" or RFC 1123 (with a numeric zone or
//     a zone name; the names of RFC 822 have their offsets, other names are
//     read as UTC); times without a zone are in UTC.
//   - HTML (.html, .htm): the whole file is kept in [Article.HTML]; text
//     extraction happens later, elsewhere.
//
// Any of these names with a further ".gz" is decompressed while it is read.
// Inside directories, files with other extensions are skipped silently; a
// file named explicitly with an unknown extension is read as plain text.
// Standard input is sniffed instead: gzip data is decompressed, then a first
// non-space byte '{' means JSON Lines, '<' means HTML and anything else plain
// text.
//
// A UTF-8 byte order mark at the start of an input is dropped. Input that
// cannot be read is reported as an [*Error] naming the file (and
// the line, for a JSON Lines record) and the reason; reading goes on with
// the next record or file.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// DefaultMaxBytes is the size limit used when [Options.MaxBytes] is not set:
// 32 MiB.
const DefaultMaxBytes = 32 << 20

// Article is one news article as read from a source, before cleaning.
type Article struct {
	ID        string    // stable id: given by the source, or the first 16 hex digits of the SHA-256 of the content (title + "\n\n" + text, or the HTML) when none is given
	URL       string    // address of the article, when the source gives one
	Title     string    // headline; empty when unknown
	Published time.Time // zero when unknown
	Source    string    // publisher or site name
	Text      string    // plain-text body as read (not cleaned)
	HTML      string    // raw HTML when the record is an HTML page (Text is then empty; extraction happens later)
	Origin    string    // where it was read: the file path, "path:LINE" for a JSON Lines record, "-" or "-:LINE" for stdin
}

// ContentID returns the id given to an article whose source gives none: the
// first 16 hex digits of the SHA-256 of html when html is not empty, and of
// title + "\n\n" + text otherwise (also when title is empty).
func ContentID(title, text, html string) string {
	h := sha256.New()
	if html != "" {
		h.Write([]byte(html))
	} else {
		h.Write([]byte(title))
		h.Write([]byte("\n\n"))
		h.Write([]byte(text))
	}
	sum := h.Sum(nil)
	return hex.EncodeToString(sum[:8])
}

// Error reports a record or file that could not be read; reading goes on after it.
type Error struct {
	Path string // file path, or "-" for standard input
	Line int    // 1-based line of a JSON Lines record; 0 when the error concerns the whole file
	Err  error  // the reason; see ErrEmpty and the other Err values for the kinds that can be told apart
}

// Error returns "path:line: reason", or "path: reason" when Line is 0.
func (e *Error) Error() string {
	reason := "unknown error"
	if e.Err != nil {
		reason = e.Err.Error()
	}
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, reason)
	}
	return e.Path + ": " + reason
}

// Unwrap returns e.Err.
func (e *Error) Unwrap() error { return e.Err }

// Kinds of bad input, for use with [errors.Is] on an [*Error]. The message
// of an error of one of these kinds may carry more detail, as in
// "invalid UTF-8 at byte 17" or "file is 200.0 MiB, over the 32.0 MiB limit".
var (
	// ErrEmpty means that a file or standard input holds nothing but white
	// space (for JSON Lines: no record).
	ErrEmpty = errors.New("empty file")
	// ErrBinary means that the first 8 KiB of an input hold a NUL byte or
	// more than 10% control characters.
	ErrBinary = errors.New("binary content, not text")
	// ErrInvalidUTF8 means that an input is not valid UTF-8. The message
	// gives the 0-based offset of the first bad byte in the input (after
	// decompression), also for a JSON Lines record.
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrTooLarge means that a file, standard input or a JSON Lines record
	// is over the size limit.
	ErrTooLarge = errors.New("over the size limit")
	// ErrMalformed means that a JSON Lines record is not a valid article
	// record: not a JSON object, bad JSON, a field of the wrong type, a bad
	// date, or not exactly one of "text" and "html".
	ErrMalformed = errors.New("malformed record")
	// ErrGzip means that gzip data is truncated or corrupt.
	ErrGzip = errors.New("corrupt gzip data")
)
