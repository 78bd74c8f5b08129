// Package conll reads CoNLL-2003 style column files.
//
// Each non-blank line holds four space-separated columns: the word, its Penn
// Treebank part-of-speech tag, its chunk tag and its named-entity tag (IOB2 in
// the files dyad uses). A blank line ends a sentence and a line whose word is
// "-DOCSTART-" starts a new document. The "-DOCSTART-" line itself is not
// returned as a token.
package conll

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// DocStart is the word that marks the start of a document.
const DocStart = "-DOCSTART-"

// Token is one line of a CoNLL-2003 file.
type Token struct{ Word, POS, Chunk, NER string }

// Sentence is a sequence of tokens ended by a blank line.
type Sentence []Token

// Document is a sequence of sentences started by a -DOCSTART- line.
type Document struct{ Sentences []Sentence }

// Words returns the words of s.
func (s Sentence) Words() []string {
	w := make([]string, len(s))
	for i, t := range s {
		w[i] = t.Word
	}
	return w
}

// NumTokens returns the number of tokens in all sentences of d.
func (d Document) NumTokens() int {
	n := 0
	for _, s := range d.Sentences {
		n += len(s)
	}
	return n
}

// ParseError reports a malformed line.
type ParseError struct {
	Line int    // 1-based line number
	Text string // offending line (possibly truncated)
	Msg  string
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("conll: line %d: %s: %q", e.Line, e.Msg, e.Text)
}

// Read parses a CoNLL-2003 stream. Sentences that appear before any
// -DOCSTART- line go into an implicit first document. Documents without any
// sentence are kept (as empty documents) only when they were explicitly
// started. Errors name the offending line.
func Read(r io.Reader) ([]Document, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	var (
		docs   []Document
		cur    *Document
		sent   Sentence
		lineNo int
	)
	// Strings for repeated tags are interned to keep memory low.
	intern := make(map[string]string)
	in := func(s string) string {
		if v, ok := intern[s]; ok {
			return v
		}
		s = strings.Clone(s)
		intern[s] = s
		return s
	}
	flush := func() {
		if len(sent) == 0 {
			return
		}
		if cur == nil {
			docs = append(docs, Document{})
			cur = &docs[len(docs)-1]
		}
		cur.Sentences = append(cur.Sentences, sent)
		sent = nil
	}
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		f := strings.Fields(line)
		if f[0] == DocStart {
			if len(f) != 1 && len(f) != 4 {
				return nil, &ParseError{lineNo, clip(line), fmt.Sprintf("document start line has %d columns, want 4", len(f))}
			}
			flush()
			docs = append(docs, Document{})
			cur = &docs[len(docs)-1]
			continue
		}
		if len(f) != 4 {
			return nil, &ParseError{lineNo, clip(line), fmt.Sprintf("got %d columns, want 4", len(f))}
		}
		if err := checkNER(f[3]); err != "" {
			return nil, &ParseError{lineNo, clip(line), err}
		}
		sent = append(sent, Token{Word: strings.Clone(f[0]), POS: in(f[1]), Chunk: in(f[2]), NER: in(f[3])})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("conll: line %d: %w", lineNo+1, err)
	}
	flush()
	return docs, nil
}

func checkNER(t string) string {
	if t == "O" {
		return ""
	}
	if len(t) < 3 || t[1] != '-' || (t[0] != 'B' && t[0] != 'I' && t[0] != 'E' && t[0] != 'S') {
		return "malformed NER tag " + fmt.Sprintf("%q", t)
	}
	return ""
}

func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "..."
	}
	return s
}

// ReadFile parses the CoNLL-2003 file at path.
func ReadFile(path string) ([]Document, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}
