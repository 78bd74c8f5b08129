// Package ecbplus reads the documents of ECB+ (Cybulska and Vossen, 2014), a corpus of news
// documents grouped by topic, for document clustering: which documents report the same
// real-world event.
//
// The corpus is a directory of topic folders (1/, 2/, ...) holding tokenised XML documents named
// N_Mecb.xml and N_Mecbplus.xml: in topic N, the ecb documents report one seminal event and the
// ecbplus documents a second, similar one (two stays in rehab, two casts of a new Doctor Who).
// The gold cluster of a document is thus its topic and its half.
//
// A document is a <Document> element whose <token> children carry the text, one token each,
// with the index of their sentence; the annotation of mentions and coreference that follows is
// not read. The ecbplus documents give the address of the page they were taken from as their
// sentence 0, tokenised like the text ("http : / / www . bbc . co . uk / ..."): the reader takes
// it out of the text into Document.URL.
package ecbplus

import (
	"encoding/xml"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Document is one ECB+ document.
type Document struct {
	Name  string // the file name ("39_1ecbplus.xml")
	Topic int    // the topic number (39)
	Num   int    // the document's number in its topic and half (1)
	Plus  bool   // an ecbplus document: the topic's second event
	URL   string // the page the text was taken from (ecbplus documents), or ""
	// Text is the document laid out from its tokens: one sentence a line, tokens joined with the
	// spacing of ordinary prose.
	Text string
}

// Cluster returns the document's gold event cluster: its topic and half, "39ecb" or "39ecbplus".
func (d *Document) Cluster() string {
	if d.Plus {
		return strconv.Itoa(d.Topic) + "ecbplus"
	}
	return strconv.Itoa(d.Topic) + "ecb"
}

// ParseName reads a document's file name, N_Mecb.xml or N_Mecbplus.xml, into its topic N,
// its number M and whether it is an ecbplus document. ok is false for any other name.
func ParseName(name string) (topic, num int, plus, ok bool) {
	base, found := strings.CutSuffix(name, ".xml")
	if !found {
		return 0, 0, false, false
	}
	if b, found := strings.CutSuffix(base, "ecbplus"); found {
		base, plus = b, true
	} else if b, found := strings.CutSuffix(base, "ecb"); found {
		base = b
	} else {
		return 0, 0, false, false
	}
	t, n, found := strings.Cut(base, "_")
	if !found {
		return 0, 0, false, false
	}
	topic, err1 := strconv.Atoi(t)
	num, err2 := strconv.Atoi(n)
	if err1 != nil || err2 != nil || topic < 0 || num < 0 {
		return 0, 0, false, false
	}
	return topic, num, plus, true
}

// ReadDir reads every document under dir (its topic folders, or dir itself) whose file name
// ParseName accepts; other files are skipped. The documents are sorted by topic, then ecb before
// ecbplus, then number. A directory without any document is an error.
func ReadDir(dir string) ([]Document, error) {
	var docs []Document
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.IsDir() {
			return nil
		}
		if _, _, _, ok := ParseName(e.Name()); !ok {
			return nil
		}
		d, err := ReadFile(path)
		if err != nil {
			return err
		}
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no ECB+ document (N_Mecb.xml, N_Mecbplus.xml)", dir)
	}
	sort.Slice(docs, func(i, j int) bool {
		a, b := &docs[i], &docs[j]
		if a.Topic != b.Topic {
			return a.Topic < b.Topic
		}
		if a.Plus != b.Plus {
			return !a.Plus
		}
		if a.Num != b.Num {
			return a.Num < b.Num
		}
		return a.Name < b.Name
	})
	return docs, nil
}

// ReadFile reads one document. Its name must be one ParseName accepts.
func ReadFile(path string) (Document, error) {
	name := filepath.Base(path)
	topic, num, plus, ok := ParseName(name)
	if !ok {
		return Document{}, fmt.Errorf("%s: not an ECB+ document name (N_Mecb.xml or N_Mecbplus.xml)", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return Document{}, err
	}
	defer f.Close()
	sents, err := readTokens(f)
	if err != nil {
		return Document{}, fmt.Errorf("%s: %w", path, err)
	}
	d := Document{Name: name, Topic: topic, Num: num, Plus: plus}
	if len(sents) > 0 && isURL(sents[0]) {
		d.URL = strings.Join(sents[0], "")
		sents = sents[1:]
	}
	lines := make([]string, 0, len(sents))
	for _, s := range sents {
		if len(s) > 0 {
			lines = append(lines, Detokenize(s))
		}
	}
	d.Text = strings.Join(lines, "\n")
	return d, nil
}

// readTokens returns the tokens of a document grouped by sentence, in the order of the sentence
// numbers.
func readTokens(r io.Reader) ([][]string, error) {
	dec := xml.NewDecoder(r)
	bySent := map[int][]string{}
	var order []int
	seenDoc := false
	for {
		t, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		se, ok := t.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "Document":
			seenDoc = true
		case "token":
			sent := 0
			for _, a := range se.Attr {
				if a.Name.Local == "sentence" {
					sent, err = strconv.Atoi(a.Value)
					if err != nil {
						line, _ := dec.InputPos()
						return nil, fmt.Errorf("line %d: bad sentence number %q", line, a.Value)
					}
				}
			}
			var text string
			if err := dec.DecodeElement(&text, &se); err != nil {
				return nil, err
			}
			text = strings.TrimSpace(text)
			if text == "" {
				continue
			}
			if _, ok := bySent[sent]; !ok {
				order = append(order, sent)
			}
			bySent[sent] = append(bySent[sent], text)
		case "Markables", "Relations":
			if err := dec.Skip(); err != nil {
				return nil, err
			}
		}
	}
	if !seenDoc {
		return nil, fmt.Errorf("no <Document> element")
	}
	sort.Ints(order)
	sents := make([][]string, len(order))
	for i, n := range order {
		sents[i] = bySent[n]
	}
	return sents, nil
}

// isURL reports whether a sentence's tokens spell a web address.
func isURL(toks []string) bool {
	first := strings.ToLower(toks[0])
	return first == "http" || first == "https" || strings.HasPrefix(first, "www")
}

// noSpaceBefore are the tokens written without a space before them.
var noSpaceBefore = map[string]bool{
	".": true, ",": true, ";": true, ":": true, "!": true, "?": true, ")": true, "]": true,
	"}": true, "%": true, "''": true, "'s": true, "'S": true, "n't": true, "N'T": true,
	"'re": true, "'ve": true, "'ll": true, "'d": true, "'m": true, "...": true, "-RRB-": true,
}

// noSpaceAfter are the tokens written without a space after them.
var noSpaceAfter = map[string]bool{"(": true, "[": true, "{": true, "``": true, "$": true, "#": true, "-LRB-": true}

// Detokenize joins the tokens of one sentence with the spacing of ordinary prose: no space
// before closing punctuation and clitics or after opening brackets; the Penn Treebank quotes “
// and ” become ", and a plain " is taken to open and close quotations in turn.
//
// The ecbplus documents split numbers at their periods, colons and slashes ("6 . 1",
// "10 : 04", "2 / 3 / 2009"): such a mark between two digits inside a sentence is joined to
// both ("6.1", "10:04", "2/3/2009").
func Detokenize(toks []string) string {
	var b strings.Builder
	glue := true // no space before the next token
	open := false
	for i, t := range toks {
		if (t == "." || t == ":" || t == "/") && i > 0 && i+1 < len(toks) && endsWithDigit(toks[i-1]) && startsWithDigit(toks[i+1]) {
			b.WriteString(t)
			glue = true
			continue
		}
		w := t
		switch t {
		case "``", "''":
			w = `"`
		case "-LRB-":
			w = "("
		case "-RRB-":
			w = ")"
		}
		space := !glue && !noSpaceBefore[t]
		glue = noSpaceAfter[t]
		if t == `"` {
			if open {
				space = false
			} else {
				glue = true
			}
			open = !open
		}
		if space {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return b.String()
}

func endsWithDigit(s string) bool   { return s != "" && '0' <= s[len(s)-1] && s[len(s)-1] <= '9' }
func startsWithDigit(s string) bool { return s != "" && '0' <= s[0] && s[0] <= '9' }
