package actors

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/data"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/ner"
	"github.com/dyad-project/dyad/nlp/phrase"
)

// Kind tells what a knowledge-base surface form names.
type Kind uint8

// Kinds of surface forms.
const (
	KindCountry Kind = iota + 1 // a country's name ("Russia", "Russian Federation")
	KindDemonym                 // a nationality adjective or noun ("Russian", "Syrians")
	KindMetonym                 // a place or institution standing for a state ("Moscow", "the Kremlin")
	KindOrg                     // an organisation ("NATO")
	KindPerson                  // a person's full name or alias
	KindSurname                 // a person's surname alone ("Lavrov")
	KindRole                    // a role word ("foreign minister", "troops")
	KindName                    // a name the knowledge base lacks, found by the statistical tagger
	KindPlace                   // a sea, strait or region ("South China Sea", "the Middle East")
)

// form is one surface form of the knowledge base.
type form struct {
	kind  Kind
	ref   int32  // index into the table of its kind
	caps  uint32 // bit k: token k must start with a capital letter in the text
	upper uint32 // bit k: token k is an acronym and must be all capitals in the text
	// exact holds the tokens of a name with a mixed-case token ("LeT"), which must match
	// letter for letter; nil for all others.
	exact []string
}

type metonym struct {
	Metonym
	country string
	capital bool
}

type role struct {
	word, code string
}

// Index is the knowledge base compiled for recognition: every surface form in one phrase
// automaton, and surnames in a typo-tolerant index. It is safe for concurrent use.
type Index struct {
	KB       *KB
	match    *phrase.Matcher
	forms    []form
	metonyms []metonym
	roles    []role
	country  map[string]int // country code → index in KB.Countries
	typos    map[uint64][]int32
	tagger   *ner.Tagger        // finds the names the knowledge base lacks
	gaz      *ner.Gazetteer     // the knowledge base's names, as the tagger's features
	byCode   map[string][]int32 // actor code → people who held a role with it
	// placeTypos indexes one-word country names and demonyms for typo tolerance, like typos;
	// placeNames holds the name of each indexed form.
	placeTypos map[uint64][]int32
	placeNames map[int32]string
	typoFilter phrase.Filter // the keys of typos and placeTypos
	// surnames and firstNames hold, per person, the forms derived from their names.
	surnames, firstNames [][]string
	scratch              sync.Pool // *scratch
	// RefDate stands in for the article's date when it has none: the date the knowledge base
	// describes ("a missing to means the role still held on" it).
	RefDate time.Time
}

var defaultIndex = sync.OnceValues(func() (*Index, error) {
	kb, err := LoadKB(data.Actors())
	if err != nil {
		return nil, fmt.Errorf("embedded actor knowledge base: %w", err)
	}
	return NewIndex(kb), nil
})

// Default returns the index of the embedded knowledge base, compiled once.
func Default() *Index {
	ix, err := defaultIndex()
	if err != nil {
		panic(err) // the embedded data is validated by the tests
	}
	return ix
}

// Load reads a knowledge base from fsys and compiles it.
func Load(fsys fs.FS) (*Index, error) {
	kb, err := LoadKB(fsys)
	if err != nil {
		return nil, err
	}
	return NewIndex(kb), nil
}

// NewIndex compiles kb.
func NewIndex(kb *KB) *Index {
	ix := &Index{
		KB:         kb,
		country:    map[string]int{},
		typos:      map[uint64][]int32{},
		byCode:     map[string][]int32{},
		placeTypos: map[uint64][]int32{},
		placeNames: map[int32]string{},
		RefDate:    time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC),
	}
	b := phrase.NewBuilder()
	var toks []string
	add := func(text string, k Kind, ref int) {
		for _, variant := range surfaceVariants(text) {
			toks = tokens(toks[:0], variant)
			if len(toks) == 0 || len(toks) > 32 {
				continue
			}
			f := form{kind: k, ref: int32(ref)}
			for i, t := range toks {
				r, _ := utf8.DecodeRuneInString(t)
				if unicode.IsUpper(r) {
					f.caps |= 1 << i
				}
				if k != KindRole && isAcronym(t) {
					f.upper |= 1 << i
				}
				if k != KindRole && isMixedCase(t) && f.exact == nil {
					f.exact = append([]string(nil), toks...)
				}
			}
			if k == KindPerson || k == KindSurname {
				f.caps |= 1 // a name starts with a capital in the text, whatever the alias says
			}
			ix.forms = append(ix.forms, f)
			b.Add(toks, int32(len(ix.forms)-1))
			if (k == KindCountry || k == KindDemonym) && len(toks) == 1 {
				ix.addPlaceTypo(toks[0], int32(len(ix.forms)-1))
			}
		}
	}
	for i, c := range kb.Countries {
		ix.country[c.Code] = i
		add(c.Name, KindCountry, i)
		for _, a := range c.Aliases {
			add(a, KindCountry, i)
		}
		for _, d := range c.Demonyms {
			add(d, KindDemonym, i)
		}
		capitalSeen := false
		for _, m := range c.Metonyms {
			capitalSeen = capitalSeen || m.Text == c.Capital
			ix.metonyms = append(ix.metonyms, metonym{m, c.Code, m.Text == c.Capital})
			add(m.Text, KindMetonym, len(ix.metonyms)-1)
		}
		if c.Capital != "" && !capitalSeen {
			ix.metonyms = append(ix.metonyms, metonym{Metonym{c.Capital, c.Code + "GOV"}, c.Code, true})
			add(c.Capital, KindMetonym, len(ix.metonyms)-1)
		}
	}
	for i, o := range kb.Organizations {
		add(o.Name, KindOrg, i)
		for _, a := range o.Aliases {
			add(a, KindOrg, i)
		}
	}
	for i, p := range kb.People {
		add(p.Name, KindPerson, i)
		for _, a := range p.Aliases {
			add(a, KindPerson, i)
		}
		ix.surnames = append(ix.surnames, surnames(p))
		ix.firstNames = append(ix.firstNames, firstNames(p))
		for _, s := range ix.surnames[i] {
			add(s, KindSurname, i)
			ix.addTypo(s, i)
		}
		for _, r := range p.Roles {
			if l := ix.byCode[r.Code]; len(l) == 0 || l[len(l)-1] != int32(i) {
				ix.byCode[r.Code] = append(l, int32(i))
			}
		}
	}
	for i, p := range kb.Places {
		add(p.Name, KindPlace, i)
		for _, a := range p.Aliases {
			add(a, KindPlace, i)
		}
	}
	for _, g := range kb.Roles {
		for _, w := range g.Words {
			ix.roles = append(ix.roles, role{w, g.Code})
			for _, f := range inflect(w) {
				add(f, KindRole, len(ix.roles)-1)
			}
		}
	}
	ix.match = b.Build()
	ix.scratch.New = func() any { return new(scratch) }
	ix.tagger = ner.Default()
	ix.gaz = ner.NameGazetteer(ner.Names(kb.Names()))
	return ix
}

// tokens splits a knowledge-base name as the tokeniser splits text.
func tokens(dst []string, s string) []string {
	for _, t := range nlp.Tokenize(nil, s) {
		dst = append(dst, s[t.Start:t.End])
	}
	return dst
}

// surfaceVariants returns the forms under which a name is matched: as written, and without a
// leading "the" when what remains is a proper name of two or more words or a single capitalised
// word that is not also a common noun ("the Kremlin" → "Kremlin", but "the States" stays).
func surfaceVariants(s string) []string {
	s = strings.TrimSpace(s)
	rest, ok := strings.CutPrefix(s, "the ")
	if !ok {
		return []string{s}
	}
	if r, _ := utf8.DecodeRuneInString(rest); !unicode.IsUpper(r) {
		return []string{s}
	}
	if !strings.Contains(rest, " ") {
		if _, common := commonNouns[strings.ToLower(rest)]; common {
			return []string{s}
		}
	}
	return []string{rest}
}

// commonNouns are capitalised one-word names that need their "the" to be names.
var commonNouns = map[string]struct{}{
	"states": {}, "fed": {}, "alliance": {}, "union": {}, "council": {}, "commission": {},
	"court": {}, "assembly": {}, "parliament": {}, "treasury": {}, "capitol": {}, "house": {},
	"senate": {}, "government": {}, "army": {}, "navy": {}, "palace": {}, "hill": {}, "bank": {},
}

// isAcronym reports whether a token of a name is an acronym: two or more letters, all capitals.
func isAcronym(t string) bool {
	letters := 0
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// isMixedCase reports whether a short token has a capital letter after a lower-case one ("LeT",
// "HizbulM"), which makes its exact case part of the name. Longer names such as "McCain" are
// safe to match in any capitalisation.
func isMixedCase(t string) bool {
	if len(t) > 5 {
		return false
	}
	lower := false
	for _, r := range t {
		if unicode.IsLower(r) {
			lower = true
		} else if unicode.IsUpper(r) && lower {
			return true
		}
	}
	return false
}

// surnames derives the forms by which a person is called by surname alone: the last word of the
// name, with its particle ("de Mistura", "Le Drian", "van der Bellen"), and without an Arabic
// article ("al-Assad", "Assad").
func surnames(p Person) []string {
	seen := map[string]bool{}
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] && len(s) > 2 {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		f := strings.Fields(n)
		if len(f) < 2 {
			continue
		}
		last := len(f) - 1
		if f[last] == "Jr." || f[last] == "Sr." || f[last] == "II" || f[last] == "III" {
			last--
		}
		start := last
		for start > 1 && particles[strings.ToLower(f[start-1])] {
			start--
		}
		if start < last {
			add(strings.Join(f[start:last+1], " "))
		}
		add(f[last])
		add(stripArticle(f[last]))
	}
	return out
}

// particles are the words that belong to a surname that follows them.
var particles = map[string]bool{
	"de": true, "da": true, "di": true, "do": true, "dos": true, "das": true, "du": true, "del": true,
	"della": true, "van": true, "von": true, "der": true, "den": true, "ter": true, "ten": true,
	"le": true, "la": true, "bin": true, "ibn": true, "bint": true, "abu": true, "al": true, "el": true,
	"mac": true, "st.": true,
}

// firstNames returns the first words of a person's names of two words or more.
func firstNames(p Person) []string {
	var out []string
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		if f := strings.Fields(n); len(f) > 1 {
			out = append(out, f[0])
		}
	}
	return out
}

func stripArticle(s string) string {
	for _, p := range []string{"al-", "Al-", "el-", "El-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-"} {
		if rest, ok := strings.CutPrefix(s, p); ok {
			return rest
		}
	}
	return ""
}

// inflect returns a role word and its plural ("minister" → "ministers", "militia" → "militias").
func inflect(w string) []string {
	out := []string{w}
	f := strings.Fields(w)
	last := f[len(f)-1]
	var pl string
	switch {
	case strings.HasSuffix(last, "man"):
		pl = last[:len(last)-3] + "men"
	case strings.HasSuffix(last, "y") && len(last) > 2 && !strings.ContainsRune("aeiou", rune(last[len(last)-2])):
		pl = last[:len(last)-1] + "ies"
	case strings.HasSuffix(last, "s"), strings.HasSuffix(last, "x"), strings.HasSuffix(last, "ch"), strings.HasSuffix(last, "sh"):
		pl = last + "es"
	default:
		pl = last + "s"
	}
	f[len(f)-1] = pl
	return append(out, strings.Join(f, " "))
}
