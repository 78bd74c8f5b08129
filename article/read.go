package article

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/dyad-project/dyad/internal/errkind"
)

// Options tune Read. The zero value is ready to use.
type Options struct {
	MaxBytes int64     // largest article (or JSONL record) accepted; default 32 MiB (DefaultMaxBytes)
	Stdin    io.Reader // what "-" reads; default os.Stdin
	// Consumed, when set, counts the bytes read from the inputs as they are read (compressed
	// bytes for a compressed file), for progress reports against InputSize.
	Consumed *atomic.Int64
}

// bufSize is the size of the read buffers; sniffLen is how much of the start
// of an input is looked at for binary content.
const (
	bufSize  = 64 << 10
	sniffLen = 8 << 10
)

// format is the format of an input.
type format int

const (
	formatUnknown format = iota
	formatText
	formatJSONL
	formatHTML
	formatWARC
)

// Read streams the articles in paths in a deterministic order. A path is a
// file, a directory (walked recursively in lexical order, hidden files and
// dirs skipped) or "-" for standard input. Per-record and per-file failures
// are yielded as (nil, *Error) and reading continues; a cancelled ctx ends
// the sequence after yielding ctx.Err().
//
// Paths are read in the order given. Inside a directory, files whose names
// have none of the known extensions are skipped silently, and symbolic links
// to directories are not followed (so that a link cannot make a cycle); a
// broken symbolic link with a known extension is an error. A plain-text or
// HTML file larger than opt.MaxBytes is rejected by its size before it is
// read. A JSON Lines file may be of any size: opt.MaxBytes limits each of
// its records instead, and an overlong record is skipped without being held
// in memory.
//
// Reading standard input cannot be interrupted by ctx while it blocks.
func Read(ctx context.Context, paths []string, opt Options) iter.Seq2[*Article, error] {
	return func(yield func(*Article, error) bool) {
		r := &reader{ctx: ctx, max: opt.MaxBytes, stdin: opt.Stdin, consumed: opt.Consumed, yield: yield}
		if r.max <= 0 {
			r.max = DefaultMaxBytes
		}
		if r.stdin == nil {
			r.stdin = os.Stdin
		}
		for _, p := range paths {
			if !r.path(p) {
				return
			}
		}
	}
}

// reader is the state of one run of the sequence returned by Read. Its
// methods return false when the sequence must end: the consumer stopped, or
// ctx was cancelled and ctx.Err() has been yielded.
type reader struct {
	ctx      context.Context
	max      int64
	stdin    io.Reader
	consumed *atomic.Int64
	yield    func(*Article, error) bool
}

// cancelled reports whether ctx is done, yielding ctx.Err() if it is.
func (r *reader) cancelled() bool {
	if err := r.ctx.Err(); err != nil {
		r.yield(nil, err)
		return true
	}
	return false
}

// emit yields an article.
func (r *reader) emit(a *Article) bool {
	if r.cancelled() {
		return false
	}
	return r.yield(a, nil)
}

// fail yields an *Error; if ctx is done it yields ctx.Err() instead, since
// the failure is then most likely the cancellation.
func (r *reader) fail(path string, line int, err error) bool {
	if r.cancelled() {
		return false
	}
	return r.yield(nil, &Error{Path: path, Line: line, Err: err})
}

// path reads one of the paths given to Read.
func (r *reader) path(p string) bool {
	if p == "-" {
		return r.readStdin()
	}
	if r.cancelled() {
		return false
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.fail(p, 0, statError(p, err))
	}
	if fi.IsDir() {
		return r.walk(p)
	}
	f, gz := formatOf(p)
	if f == formatUnknown {
		f = formatText
	}
	return r.readFile(p, fi, f, gz)
}

// InputSize returns the bytes of the files Read reads from paths, and false when one of them is
// standard input, whose size is not known. Files that cannot be read count nothing.
func InputSize(paths []string) (int64, bool) {
	var total int64
	for _, p := range paths {
		if p == "-" {
			return 0, false
		}
		fi, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !fi.IsDir() {
			total += fi.Size()
			continue
		}
		filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil
			case q != p && hidden(d.Name()):
				if d.IsDir() {
					return filepath.SkipDir
				}
			case !d.IsDir():
				if f, _ := formatOf(d.Name()); f != formatUnknown {
					if fi, err := os.Stat(q); err == nil && fi.Mode().IsRegular() {
						total += fi.Size()
					}
				}
			}
			return nil
		})
	}
	return total, true
}

// hidden reports whether a file or directory name is hidden: walks skip it.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// walk reads the files under the directory root.
func (r *reader) walk(root string) bool {
	ok := true
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// A directory that could not be listed (its entries read so far
			// are still walked), or root vanished since it was looked at.
			if !r.fail(p, 0, fmt.Errorf("cannot list directory: %w", unwrapPathError(err))) {
				ok = false
				return filepath.SkipAll
			}
			return nil
		}
		if p != root && hidden(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if r.cancelled() {
				ok = false
				return filepath.SkipAll
			}
			return nil
		}
		f, gz := formatOf(d.Name())
		if f == formatUnknown {
			return nil
		}
		fi, err := os.Stat(p) // follows a symbolic link
		if err != nil {
			if !r.fail(p, 0, statError(p, err)) {
				ok = false
				return filepath.SkipAll
			}
			return nil
		}
		switch {
		case fi.IsDir():
			// A symbolic link to a directory: not followed.
			return nil
		case !fi.Mode().IsRegular():
			if !r.fail(p, 0, errors.New("not a regular file")) {
				ok = false
				return filepath.SkipAll
			}
			return nil
		}
		if !r.readFile(p, fi, f, gz) {
			ok = false
			return filepath.SkipAll
		}
		return nil
	})
	if err != nil && ok {
		// WalkDir returns only what the function returns, which is never an
		// error; keep this for safety.
		return r.fail(root, 0, err)
	}
	return ok
}

// readFile reads the file p of format f, gzip-compressed if gz. fi describes
// the file (after following symbolic links).
func (r *reader) readFile(p string, fi fs.FileInfo, f format, gz bool) bool {
	if r.cancelled() {
		return false
	}
	// The size of a whole-file format is checked before anything is read.
	// A JSON Lines file is limited record by record, a gzip file by the size
	// of its decompressed content.
	if f != formatJSONL && f != formatWARC && !gz && fi.Mode().IsRegular() && fi.Size() > r.max {
		return r.fail(p, 0, errkind.Errorf(ErrTooLarge, "file is %s, over the %s limit",
			errkind.Size(fi.Size()), errkind.Size(r.max)))
	}
	file, err := os.Open(p)
	if err != nil {
		return r.fail(p, 0, fmt.Errorf("cannot open: %w", unwrapPathError(err)))
	}
	defer file.Close()
	s := &source{path: p, raw: &ctxReader{ctx: r.ctx, r: file, consumed: r.consumed}}
	var in io.Reader = s.raw
	if gz && f != formatWARC { // a WARC file's gzip members are read record by record
		zr, err := s.gunzip(s.raw)
		if err != nil {
			return r.fail(p, 0, err)
		}
		defer zr.Close()
		in = zr
	}
	return r.readContent(s, in, f)
}

// readStdin reads standard input, sniffing its format.
func (r *reader) readStdin() bool {
	if r.cancelled() {
		return false
	}
	s := &source{path: "-", raw: &ctxReader{ctx: r.ctx, r: r.stdin, consumed: r.consumed}}
	in := bufio.NewReaderSize(s.raw, bufSize)
	if b, _ := in.Peek(2); len(b) == 2 && b[0] == 0x1f && b[1] == 0x8b {
		zr, err := s.gunzip(in)
		if err != nil {
			return r.fail(s.path, 0, err)
		}
		defer zr.Close()
		in = bufio.NewReaderSize(zr, bufSize)
	}
	return r.readContent(s, in, sniff(in))
}

// readContent reads the content in of format f from the source s.
func (r *reader) readContent(s *source, in io.Reader, f format) bool {
	switch f {
	case formatJSONL:
		return r.readJSONL(s, in)
	case formatWARC:
		return r.readWARC(s, in)
	}
	return r.readWhole(s, in, f)
}

// sniff tells the format of buffered input by its first byte that is not
// white space (or a byte order mark): '{' for JSON Lines, '<' for HTML,
// "WARC/" for a WARC file, and plain text otherwise.
func sniff(br *bufio.Reader) format {
	i := 0
	if b, _ := br.Peek(len(bom)); string(b) == bom {
		i = len(bom)
	}
	for ; i < bufSize; i++ {
		b, _ := br.Peek(i + 1)
		if len(b) <= i {
			// The end of the input, or a read error that reading meets again.
			return formatText
		}
		switch b[i] {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			continue
		case '{':
			return formatJSONL
		case '<':
			return formatHTML
		case 'W':
			if b, _ := br.Peek(i + 5); len(b) == i+5 && string(b[i:]) == "WARC/" {
				return formatWARC
			}
		}
		return formatText
	}
	return formatText
}

// formatOf tells the format of a file by its name, and whether it is
// gzip-compressed.
func formatOf(name string) (f format, gz bool) {
	base := strings.ToLower(filepath.Base(name))
	if trimmed, ok := strings.CutSuffix(base, ".gz"); ok {
		base, gz = trimmed, true
	}
	switch filepath.Ext(base) {
	case "", ".txt", ".text":
		return formatText, gz
	case ".jsonl", ".ndjson":
		return formatJSONL, gz
	case ".html", ".htm":
		return formatHTML, gz
	case ".warc":
		return formatWARC, gz
	}
	return formatUnknown, gz
}

// source is one input being read: a file or standard input.
type source struct {
	path string     // for errors and origins
	raw  *ctxReader // the input before decompression
	gz   bool       // whether the input is decompressed
}

// gunzip starts decompressing the input in of s.
func (s *source) gunzip(in io.Reader) (*gzip.Reader, error) {
	s.gz = true
	zr, err := gzip.NewReader(in)
	if err != nil {
		if err == io.EOF && s.raw.err == nil {
			return nil, ErrEmpty
		}
		return nil, s.readError(err)
	}
	return zr, nil
}

// readError describes err, met while reading s, for an *Error: a failure to
// read the input itself, or else of decompressing it.
func (s *source) readError(err error) error {
	if s.raw.err != nil {
		if s.raw.err == s.raw.ctx.Err() {
			return s.raw.err
		}
		return fmt.Errorf("read error: %w", unwrapPathError(s.raw.err))
	}
	if s.gz {
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return &errkind.Error{Kind: ErrGzip, Msg: "truncated gzip data: " + err.Error(), Cause: err}
		}
		return &errkind.Error{Kind: ErrGzip, Msg: "corrupt gzip data: " + err.Error(), Cause: err}
	}
	return fmt.Errorf("read error: %w", unwrapPathError(err))
}

// ctxReader reads from r until ctx is done, and remembers the first error
// other than io.EOF it meets, to tell it apart from decompression errors.
type ctxReader struct {
	ctx      context.Context
	r        io.Reader
	err      error
	consumed *atomic.Int64 // counts what is read, when set
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		if c.err == nil {
			c.err = err
		}
		return 0, err
	}
	n, err := c.r.Read(p)
	if c.consumed != nil {
		c.consumed.Add(int64(n))
	}
	if err != nil && err != io.EOF && c.err == nil {
		c.err = err
	}
	return n, err
}

// statError describes the failure err to stat path p, telling a broken
// symbolic link apart.
func statError(p string, err error) error {
	err = unwrapPathError(err)
	if fi, lerr := os.Lstat(p); lerr == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("broken symbolic link: %w", err)
	}
	return err
}

// unwrapPathError drops the *fs.PathError around err, whose path an *Error
// repeats.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
