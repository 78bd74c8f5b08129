package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/nlp/phrase"
)

// Mark is what a Gazetteer knows about a token: the types of the known names that cover it,
// and whether it begins, continues or ends such a name. Marks are bit sets; the zero Mark means
// the token is in no known name.
type Mark uint16

// Mark bits. A name sets the bit of its type (MarkPER ... MarkMISC, or MarkWeakPER ...
// MarkWeakMISC for a weak entry, see GazEntry) on each of its tokens, MarkBegin on its first,
// MarkInside on the others and MarkEnd on its last (a one-token name has MarkBegin|MarkEnd).
const (
	MarkPER      Mark = 1 << iota // in the name of a person
	MarkORG                       // in the name of an organisation
	MarkLOC                       // in the name of a location
	MarkMISC                      // in another name (a nationality ...)
	MarkWeakPER                   // in a weak entry of a person (a surname alone)
	MarkWeakORG                   // in a weak entry of an organisation
	MarkWeakLOC                   // in a weak entry of a location
	MarkWeakMISC                  // in a weak entry of another name
	MarkBegin                     // first token of a name
	MarkInside                    // a later token of a name
	MarkEnd                       // last token of a name
)

// Types returns the types of the names that cover the token, weak entries included.
func (m Mark) Types() (strong, weak []Type) {
	for t := PER; t < numTypes; t++ {
		if m&typeMark(t) != 0 {
			strong = append(strong, t)
		}
		if m&(typeMark(t)<<4) != 0 {
			weak = append(weak, t)
		}
	}
	return
}

func typeMark(t Type) Mark {
	if t == None || t >= numTypes {
		return 0
	}
	return 1 << (t - 1)
}

// GazEntry is a known name: its tokens and type. A weak entry is less reliable evidence of its
// type, such as a person's surname on its own; it sets the weak bit of its type.
type GazEntry struct {
	Tokens []string
	Type   Type
	Weak   bool
}

// Gazetteer marks the tokens of a sentence that are covered by known names. Names match
// regardless of case, Latin diacritics and periods ("U.S." = "US"), longest first, scanning
// from the left; a name whose first token starts with a capital letter matches only text whose
// first token does too, so that "US" does not mark "us". A Gazetteer is safe for concurrent
// use.
type Gazetteer struct {
	m       *phrase.Matcher
	entries []gazValue
}

type gazValue struct {
	mark Mark // type bit (strong or weak)
	caps bool // the entry starts with a capital letter
}

// NewGazetteer compiles entries. Entries without tokens or of type None are ignored.
func NewGazetteer(entries []GazEntry) *Gazetteer {
	g := &Gazetteer{}
	b := phrase.NewBuilder()
	ids := map[gazValue]int32{}
	for _, e := range entries {
		if len(e.Tokens) == 0 || typeMark(e.Type) == 0 {
			continue
		}
		v := gazValue{mark: typeMark(e.Type), caps: startsUpper(e.Tokens[0])}
		if e.Weak {
			v.mark <<= 4
		}
		id, ok := ids[v]
		if !ok {
			id = int32(len(g.entries))
			g.entries = append(g.entries, v)
			ids[v] = id
		}
		b.Add(e.Tokens, id)
	}
	g.m = b.Build()
	return g
}

// Len returns the number of distinct names.
func (g *Gazetteer) Len() int { return g.m.Len() }

func startsUpper(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// Mark sets marks[i] to the mark of words[i]. It panics if len(marks) != len(words). It does
// not allocate.
func (g *Gazetteer) Mark(words []string, marks []Mark) {
	if len(marks) != len(words) {
		panic("ner: Gazetteer.Mark: marks and words differ in length")
	}
	clear(marks)
	for i := 0; i < len(words); {
		n, vals := g.m.Longest(words, i)
		var m Mark
		if n > 0 {
			upper := startsUpper(words[i])
			for _, v := range vals {
				if e := g.entries[v]; upper || !e.caps {
					m |= e.mark
				}
			}
		}
		if m == 0 {
			i++
			continue
		}
		for k := i; k < i+n; k++ {
			marks[k] = m | MarkInside
		}
		marks[i] = marks[i]&^MarkInside | MarkBegin
		marks[i+n-1] |= MarkEnd
		i += n
	}
}

// Names lists known names by type: the input of NameGazetteer. The actor knowledge base
// provides them (actors.KB.Names); the model is trained with those marks.
type Names struct {
	PER, ORG, LOC, MISC []string
}

// NameGazetteer returns the gazetteer of names: each name marks its type, and the last name of
// each person also marks PER, weakly. Names are split as CoNLL tokenises them; a leading "the" is
// dropped, and descriptions with lower-case words ("UN refugee agency") are left out.
func NameGazetteer(n Names) *Gazetteer {
	var es []GazEntry
	for _, g := range []struct {
		names []string
		t     Type
	}{{n.LOC, LOC}, {n.MISC, MISC}, {n.ORG, ORG}} {
		for _, name := range g.names {
			if toks := nameTokens(name); toks != nil {
				es = append(es, GazEntry{Tokens: toks, Type: g.t})
			}
		}
	}
	for _, name := range n.PER {
		toks := nameTokens(name)
		if toks == nil {
			continue
		}
		es = append(es, GazEntry{Tokens: toks, Type: PER})
		if s := surname(toks); s != "" {
			es = append(es, GazEntry{Tokens: []string{s}, Type: PER, Weak: true})
		}
	}
	return NewGazetteer(es)
}

// nameTokens splits a knowledge-base name into CoNLL-style tokens, or returns nil for a name
// that is not one (see NameGazetteer).
func nameTokens(name string) []string {
	var toks []string
	for _, f := range strings.Fields(name) {
		var tail []string
		for {
			if strings.HasSuffix(f, ",") && len(f) > 1 {
				tail = append(tail, ",")
				f = f[:len(f)-1]
				continue
			}
			if (strings.HasSuffix(f, "'s") || strings.HasSuffix(f, "’s")) && len(f) > 2 {
				k := strings.LastIndexAny(f, "'’")
				tail = append(tail, f[k:])
				f = f[:k]
				continue
			}
			break
		}
		toks = append(toks, f)
		for i := len(tail) - 1; i >= 0; i-- {
			toks = append(toks, tail[i])
		}
	}
	if len(toks) > 1 && strings.EqualFold(toks[0], "the") {
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return nil
	}
	hasUpper := false
	for _, t := range toks {
		switch {
		case strings.IndexFunc(t, unicode.IsUpper) >= 0:
			hasUpper = true
		case strings.IndexFunc(t, unicode.IsLetter) < 0: // punctuation, 's, numbers
		case connective[strings.ToLower(t)]:
		default:
			return nil
		}
	}
	if !hasUpper {
		return nil
	}
	return toks
}

// connective holds the lower-case words that may appear inside a name.
var connective = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "on": true, "in": true, "at": true,
	"de": true, "del": true, "della": true, "di": true, "da": true, "do": true, "dos": true, "das": true,
	"du": true, "des": true, "la": true, "le": true, "les": true, "el": true, "al": true, "y": true, "e": true,
	"van": true, "von": true, "der": true, "den": true, "ten": true, "bin": true, "ibn": true, "bint": true,
	"'s": true, "’s": true,
}

// surname returns the surname of a person's name given as tokens: the last token that is not a
// suffix or an initial, or "" for a one-token name.
func surname(toks []string) string {
	for i := len(toks) - 1; i > 0; i-- {
		t := toks[i]
		switch strings.ToLower(strings.TrimSuffix(t, ".")) {
		case "jr", "sr", "ii", "iii", "iv":
			continue
		}
		if t == "," || utf8.RuneCountInString(strings.TrimSuffix(t, ".")) <= 1 {
			continue
		}
		return t
	}
	return ""
}
