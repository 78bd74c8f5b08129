package exchange

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// MaxLineBytes is the longest line the TSV and JSONL readers accept. A longer line is an error
// for that line; reading goes on with the next one.
const MaxLineBytes = 1 << 20

// LineError is the error a reader yields for a line it cannot read. Reading goes on with the
// next line.
type LineError struct {
	Format string // "gdelt2", "gdelt1", "phoenix", "jsonl"
	Line   int    // 1-based
	Column string // the column at fault, when one is
	Err    error
}

func (e *LineError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("%s: line %d: column %s: %v", e.Format, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("%s: line %d: %v", e.Format, e.Line, e.Err)
}

func (e *LineError) Unwrap() error { return e.Err }

var errLineTooLong = fmt.Errorf("line longer than %d bytes", MaxLineBytes)

// lineReader reads lines of any length up to MaxLineBytes, without their "\n" or "\r\n".
type lineReader struct {
	br    *bufio.Reader
	buf   []byte
	line  int  // number of the line last returned
	count *int // when not nil, kept equal to line (see lineCounter)
}

// lineCounter is an io.Reader that asks the line-based reader reading it to keep count of the
// lines it has read in *line, so that the caller of a reader knows the line of each row it is
// yielded (Import records bad rows by line). A reader of any other kind sees through it.
type lineCounter struct {
	io.Reader
	line *int
}

func newLineReader(r io.Reader) *lineReader {
	var count *int
	if c, ok := r.(*lineCounter); ok {
		r, count = c.Reader, c.line
	}
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10), count: count}
}

// next returns the next line. At the end of the input it returns io.EOF; a line that is too
// long gives errLineTooLong, after which the reader is at the next line. The line is valid
// until the next call.
func (l *lineReader) next() ([]byte, error) {
	l.buf = l.buf[:0]
	tooLong := false
	for {
		chunk, err := l.br.ReadSlice('\n')
		if !tooLong {
			if len(l.buf)+len(chunk) > MaxLineBytes+2 {
				tooLong = true
				l.buf = l.buf[:0]
			} else {
				l.buf = append(l.buf, chunk...)
			}
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, err
		}
		if len(chunk) == 0 && len(l.buf) == 0 && !tooLong && err != nil {
			return nil, io.EOF
		}
		l.line++
		if l.count != nil {
			*l.count = l.line
		}
		if tooLong {
			return nil, errLineTooLong
		}
		line := bytes.TrimSuffix(l.buf, []byte{'\n'})
		line = bytes.TrimSuffix(line, []byte{'\r'})
		if l.line == 1 {
			line = bytes.TrimPrefix(line, []byte("\ufeff")) // a byte-order mark
		}
		if len(line) > MaxLineBytes {
			return nil, errLineTooLong
		}
		return line, nil
	}
}

// fields reads the columns of one TSV line, recording the first error with its column.
type fields struct {
	f    []string
	cols []string
	i    int
	col  string // the column of err
	err  error
}

func (p *fields) fail(err error) {
	if p.err == nil {
		p.err = err
		if p.i > 0 && p.i <= len(p.cols) {
			p.col = p.cols[p.i-1]
		}
	}
}

// str returns the next column as it is.
func (p *fields) str() string {
	p.i++
	if p.i > len(p.f) {
		return ""
	}
	return p.f[p.i-1]
}

func (p *fields) skip() { p.i++ }

func (p *fields) uint64() uint64 {
	s := p.str()
	if s == "" {
		return 0
	}
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		p.fail(fmt.Errorf("invalid unsigned integer %q", s))
	}
	return v
}

func (p *fields) int() int {
	s := p.str()
	if s == "" {
		return 0
	}
	v, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		p.fail(fmt.Errorf("invalid integer %q", s))
	}
	return int(v)
}

// intIn reads an integer from lo to hi; empty is 0.
func (p *fields) intIn(lo, hi int) int {
	v := p.int()
	if p.err == nil && v != 0 && (v < lo || v > hi) {
		p.fail(fmt.Errorf("%d out of range %d-%d", v, lo, hi))
	}
	return v
}

func (p *fields) bool01() bool {
	s := p.str()
	switch s {
	case "", "0":
		return false
	case "1":
		return true
	}
	p.fail(fmt.Errorf("invalid flag %q (want 0 or 1)", s))
	return false
}

func (p *fields) float() float64 {
	v := p.optFloat()
	if v == nil {
		return 0
	}
	return *v
}

func (p *fields) optFloat() *float64 {
	s := p.str()
	if s == "" {
		return nil
	}
	v, err := parseFloat(s)
	if err != nil {
		p.fail(err)
		return nil
	}
	return &v
}

func (p *fields) date() Date {
	d, err := parseYMD(p.str())
	if err != nil {
		p.fail(err)
	}
	return d
}

func parseFloat(s string) (float64, error) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v != v || v > maxFloat || v < -maxFloat {
		return 0, fmt.Errorf("invalid number %q", s)
	}
	return v, nil
}

const maxFloat = 1.7976931348623157e308

// appendFloat writes v as GDELT writes its scores: the shortest decimal that reads back as v,
// with ".0" for a whole number ("5.0", "-2.5").
func appendFloat(b []byte, v float64) []byte {
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', -1, 64)
	if bytes.IndexByte(b[start:], '.') < 0 {
		b = append(b, '.', '0')
	}
	return b
}

// appendCoord writes a latitude or longitude, or nothing for nil.
func appendCoord(b []byte, v *float64) []byte {
	if v == nil {
		return b
	}
	return strconv.AppendFloat(b, *v, 'f', -1, 64)
}

// appendText writes s with tabs and line breaks turned into spaces, so that it stays one column.
func appendText(b []byte, s string) []byte {
	if !strings.ContainsAny(s, "\t\n\r") {
		return append(b, s...)
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}
