// Package polnear reads PolNeAR, the Political News Attribution Relations corpus: news articles
// whose attributions (who said or thought what) are annotated in brat standoff format.
//
// A split of the corpus (train, dev, test) is a directory with two folders:
//
//	text/NAME.txt                   the article, UTF-8
//	attributions/NAME_ANNOTATOR.ann the attributions one annotator marked in it
//
// Most articles have one annotator; the articles used to measure agreement have several files,
// one per annotator (the suffix is the annotator's id). ReadDir keeps one of them: the file of the
// annotator whose id sorts first, which is also the first annotator the corpus metadata lists.
//
// In an .ann file, text-bound annotations ("T3\tContent 13 98;105 120\t...") give a span type and
// character offsets into the text (several fragments when the span is discontinuous or crosses a
// line break), and events ("E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1") tie a Source, a Cue
// and a Content into one attribution. An event of type Attribution-no-source has no Source; role
// names may carry a digit ("Content2") when a role has several spans. Discard and Discuss spans,
// annotator notes and other lines are ignored.
//
// The reader converts the character offsets to byte offsets into Document.Text.
package polnear

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/nlp"
)

// Attribution is one annotated attribution relation. Spans are byte ranges of Document.Text in
// text order; a role may have several fragments, and Source is empty when the annotation names no
// source.
type Attribution struct {
	ID      string // the brat event id ("E3")
	Source  []nlp.Span
	Cue     []nlp.Span
	Content []nlp.Span
	// Direct reports that the content quotes words verbatim: it contains a quotation mark (or a
	// single quotation mark that opens a quotation), or its span lies between quotation marks.
	// PolNeAR does not label directness; this is the usual reading of its spans.
	Direct bool
}

// Document is one article with the attributions of one annotator.
type Document struct {
	Name         string   // the file name of the text without ".txt"
	Annotator    string   // the annotator whose attributions these are
	Annotators   []string // every annotator with a file for the article, sorted
	Text         string
	Attributions []Attribution
}

// ReadDir reads the articles of a split directory (one holding text/ and attributions/) in name
// order. For an article with several annotators it keeps the annotations of the annotator whose
// id sorts first. Articles without an annotation file are skipped.
func ReadDir(dir string) ([]Document, error) {
	entries, err := os.ReadDir(filepath.Join(dir, "attributions"))
	if err != nil {
		return nil, err
	}
	byName := map[string][]string{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !strings.HasSuffix(n, ".ann") {
			continue
		}
		stem := strings.TrimSuffix(n, ".ann")
		i := strings.LastIndexByte(stem, '_')
		if i <= 0 {
			return nil, fmt.Errorf("polnear: %s: no annotator suffix in file name", n)
		}
		byName[stem[:i]] = append(byName[stem[:i]], stem[i+1:])
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	docs := make([]Document, 0, len(names))
	for _, name := range names {
		anns := byName[name]
		sort.Strings(anns)
		text, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, "attributions", name+"_"+anns[0]+".ann")
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		atts, err := ReadAnn(f, string(text))
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		docs = append(docs, Document{Name: name, Annotator: anns[0], Annotators: anns, Text: string(text), Attributions: atts})
	}
	return docs, nil
}

// ReadAnn reads the attributions of one .ann file annotating text. Attributions without a content
// span are dropped. Lines that are not text-bound annotations or events (notes, and the
// continuation lines of a span text that crosses a line break) are ignored.
func ReadAnn(r io.Reader, text string) ([]Attribution, error) {
	type tb struct {
		typ   string
		spans []nlp.Span
	}
	conv := newOffsets(text)
	spans := map[string]tb{}
	type event struct {
		id    string
		roles [][2]string // role, T id
	}
	var events []event
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		l := sc.Text()
		fields := strings.Split(l, "\t")
		if len(fields) < 2 || len(fields[0]) < 2 || !isID(fields[0][1:]) {
			continue
		}
		switch fields[0][0] {
		case 'T':
			typ, offs, ok := strings.Cut(fields[1], " ")
			if !ok {
				return nil, fmt.Errorf("line %d: malformed span %q", line, fields[1])
			}
			var ss []nlp.Span
			for _, frag := range strings.Split(offs, ";") {
				a, b, ok := strings.Cut(strings.TrimSpace(frag), " ")
				s, err1 := strconv.Atoi(a)
				e, err2 := strconv.Atoi(b)
				if !ok || err1 != nil || err2 != nil || s < 0 || e < s {
					return nil, fmt.Errorf("line %d: malformed offsets %q", line, offs)
				}
				bs, be := conv.byteOffset(s), conv.byteOffset(e)
				if bs < 0 || be < 0 {
					return nil, fmt.Errorf("line %d: offsets %d-%d beyond the text", line, s, e)
				}
				ss = append(ss, nlp.Span{Start: bs, End: be})
			}
			spans[fields[0]] = tb{typ, ss}
		case 'E':
			ev := event{id: fields[0]}
			for _, arg := range strings.Fields(fields[1]) {
				role, id, ok := strings.Cut(arg, ":")
				if !ok {
					continue
				}
				ev.roles = append(ev.roles, [2]string{strings.TrimRight(role, "0123456789"), id})
			}
			events = append(events, ev)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	var atts []Attribution
	for _, ev := range events {
		a := Attribution{ID: ev.id}
		for _, r := range ev.roles {
			t, ok := spans[r[1]]
			if !ok {
				continue
			}
			switch r[0] {
			case "Source":
				a.Source = append(a.Source, t.spans...)
			case "Cue":
				a.Cue = append(a.Cue, t.spans...)
			case "Content":
				a.Content = append(a.Content, t.spans...)
			}
		}
		if len(a.Content) == 0 {
			continue
		}
		for _, ss := range [][]nlp.Span{a.Source, a.Cue, a.Content} {
			sort.Slice(ss, func(i, j int) bool { return ss[i].Start < ss[j].Start })
		}
		a.Direct = IsDirect(text, a.Content)
		atts = append(atts, a)
	}
	return atts, nil
}

func isID(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// offsets converts character (code point) offsets into byte offsets of a text.
type offsets struct {
	text  string
	ascii bool
	bytes []int // bytes[c] is the byte offset of character c, when the text is not ASCII
}

func newOffsets(text string) *offsets {
	o := &offsets{text: text, ascii: true}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			o.ascii = false
			break
		}
	}
	if !o.ascii {
		o.bytes = make([]int, 0, len(text)+1)
		for i := range text {
			o.bytes = append(o.bytes, i)
		}
		o.bytes = append(o.bytes, len(text))
	}
	return o
}

// byteOffset returns the byte offset of character c, or -1 when c is beyond the text.
func (o *offsets) byteOffset(c int) int {
	if o.ascii {
		if c > len(o.text) {
			return -1
		}
		return c
	}
	if c >= len(o.bytes) {
		return -1
	}
	return o.bytes[c]
}

// IsDirect reports whether the content spans of an attribution quote words verbatim: the text
// from the first span's start to the last span's end, with the character just outside each end,
// contains a double quotation mark (" “ ” „ « » or a doubled “ or ”), or an opening single
// quotation mark (‘, or ' at the start of a word). Apostrophes (’ and ' inside or at the end of a
// word) do not count.
func IsDirect(text string, content []nlp.Span) bool {
	if len(content) == 0 {
		return false
	}
	s, e := content[0].Start, content[len(content)-1].End
	if s > 0 {
		_, n := utf8.DecodeLastRuneInString(text[:s])
		s -= n
	}
	if e < len(text) {
		_, n := utf8.DecodeRuneInString(text[e:])
		e += n
	}
	t := text[s:e]
	prev := ' '
	for i, r := range t {
		switch r {
		case '"', '“', '”', '„', '«', '»', '‘':
			return true
		case '`':
			if strings.HasPrefix(t[i:], "``") {
				return true
			}
		case '\'':
			if strings.HasPrefix(t[i:], "''") {
				return true
			}
			next, _ := utf8.DecodeRuneInString(t[i+1:])
			if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) && unicode.IsLetter(next) {
				return true
			}
		}
		prev = r
	}
	return false
}
