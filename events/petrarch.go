package events

// Import of PETRARCH verb dictionaries (e.g. PETR.Validate.verbs.txt, CAMEO.verbs.txt).
//
// # The PETRARCH format, as read here
//
// Comments: "<!-- ... -->" (also over several lines), lines starting with "#" or "<", and " #"
// (white space, then "#") to the end of a line; a "#" inside brackets ("[###]") is not a comment.
// Blank lines are skipped.
//
//	&TIES_                   a synset: its name, then one "+" line per member; a member is a
//	+MILITARY                word or a phrase ("+SWISS FRANCS", "+GOLDEN_GOBLIN_GALLEONS") and
//	+TRADE                   may name another synset ("+&TIES"). A final "_" on the name only
//	                         turns off PETRARCH's plurals, which dyad generates anyway.
//	--- MEND  [064]  ---     a verb block: a description and the block's code ("[---]" or none:
//	                         the verbs alone code nothing)
//	MEND                     a verb of the block, with the block's code ...
//	PATCH {PATCHES PATCHED}  ... its irregular forms in braces ...
//	REKNIT [063]             ... or its own code
//	+TIE_UP                  a multi-word verb: "+" marks the inflected word
//	- * &TIES TIES  [064]    a pattern of every verb of the block: "*" is the verb, the words
//	- * + IN PRIVATE [065]   before it must precede it and those after follow it; "+" is the
//	- $ * FENCES  [062]      target, "$" the source, "%" a compound actor that is both, "^" an
//	                         actor to skip and "&NAME" any member of a synset. "_" joins words
//	                         that must be adjacent; between words joined by a space other words
//	                         may stand.
//
// A code "A:B" means two events: A from the source to the target and B back from the target to
// the source (MEET [031:031], VISIT [032:033]).
//
// # The conversion
//
// Every verb of a block becomes a verb pattern made of its head words (the verb's lemma as
// written, lower-cased, then the words after "+" of a multi-word verb) under its code, and every
// pattern of the block becomes one dyad pattern per verb of the block:
//
//   - words joined by "_" stay adjacent; words joined by a space get dyad's "*" between them
//     (which skips at most five words, where PETRARCH allows any number in the clause);
//   - "+" becomes "_", with no "*" beside it (the target takes a phrase of any length);
//   - "$" before the verb, alone, is dropped: the source is the subject, as in dyad;
//   - "^" (skip one actor) becomes "*" — an approximation, counted;
//   - a synset becomes "a|b|c" when its members are single words; members of several words each
//     give a pattern of their own (at most 64 patterns from one line), nested synsets included;
//   - a code "A:B" becomes code A with reverse B (see Entry.Reverse);
//   - irregular forms in braces are dropped when nlp.Inflections generates them from the verb,
//     and otherwise added as verbs of their own;
//   - a verb line of several words without "_" ("LASH OUT") becomes that phrase, where PETRARCH
//     reads only its first word (counted as approximated);
//   - words before the verb ("SAID *", "NOT *", "FAILED_TO_*") go in dyad's brackets before the
//     verb ("[said *] agree", "[not *] allow", "[failed to] agree").
//
// What dyad's syntax cannot say is skipped and counted by reason (PetrarchVerbStats.Skipped):
// an actor to skip before the verb, a target before the verb ("+ WAS_ *",
// a passive), a source after the verb ("* FROM $"), compound actors ("%"), two targets, TABARI's
// "{...}" alternatives, words that are not lower-case letters, undefined or cyclic synsets, the
// null code "---" on a pattern (PETRARCH's way to block a reading), and codes that are not event
// codes ("+++", "###", "xxy"). Multi-word verbs with words before the "+" ("WIRE_+TAP") are
// skipped too.
//
// Codes are kept as written when they are two to four digits with an optional letter ("064",
// "1711", "174K"): the PETRARCH validation dictionary uses WEIS-era codes ("903", "345") that are
// not CAMEO codes and that its unit tests expect, so they are kept (and counted as NonCAMEO); a
// dictionary that has them does not pass Validate, and is meant for NewCoder in PETRARCH
// compatibility runs. When the same dyad pattern comes out twice with different codes, the later
// line wins, as in PETRARCH, whose pattern tree keeps the last code stored.

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/nlp"
)

// PetrarchVerbStats counts what ConvertPetrarchVerbs made of a PETRARCH verb dictionary.
type PetrarchVerbStats struct {
	Lines    int // content lines (neither blank nor comment)
	Synsets  int // synsets defined
	Verbs    int // verb lines
	Patterns int // pattern lines ("- ...")

	// Every verb and pattern line is Converted, Uncoded or Skipped for one reason.
	Converted int // lines that gave at least one dyad pattern
	Uncoded   int // verb lines with the null code: the verb alone codes nothing, as in PETRARCH
	// Skipped counts the verb and pattern lines not converted, by reason.
	Skipped map[string]int

	Written    int // dyad patterns in the dictionary, after synset expansion and de-duplication
	NonCAMEO   int // of those, patterns whose code is not in the CAMEO table (KnownCode)
	Overridden int // dyad patterns written again with another code: the later is kept, as in PETRARCH

	// Approximated counts lines converted with a meaning close to PETRARCH's but not the same.
	Approximated map[string]int
	// Bad lists the lines that could not be read ("name:line: message").
	Bad []string
}

func (s *PetrarchVerbStats) skip(reason string) { s.Skipped[reason]++ }

// String summarises the counts on a few lines.
func (s *PetrarchVerbStats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d verb lines, %d pattern lines, %d synsets: %d lines converted into %d dyad patterns (%d with codes outside CAMEO, %d overridden by a later line), %d verb lines coding nothing alone",
		s.Verbs, s.Patterns, s.Synsets, s.Converted, s.Written, s.NonCAMEO, s.Overridden, s.Uncoded)
	for _, part := range []struct {
		name string
		m    map[string]int
	}{{"skipped", s.Skipped}, {"approximated", s.Approximated}} {
		if len(part.m) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s:", part.name)
		for _, k := range sortedKeys(part.m) {
			fmt.Fprintf(&b, "\n  %5d  %s", part.m[k], k)
		}
	}
	if len(s.Bad) > 0 {
		fmt.Fprintf(&b, "\n%d unreadable lines", len(s.Bad))
	}
	return b.String()
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		if m[ks[i]] != m[ks[j]] {
			return m[ks[i]] > m[ks[j]]
		}
		return ks[i] < ks[j]
	})
	return ks
}

// Reasons for skipping, as keys of PetrarchVerbStats.Skipped.
const (
	skipBeforeVerb   = "an actor to skip (^) before the verb"
	skipSourceBefore = "source ($) after words before the verb"
	skipTargetBefore = "target (+) before the verb"
	skipSourceAfter  = "source ($) after the verb"
	skipCompound     = "compound actor (%)"
	skipTwoTargets   = "two targets (+)"
	skipDisjunction  = "TABARI {...} alternatives"
	skipSpelling     = "a word dyad's syntax cannot spell"
	skipSynset       = "synset undefined, cyclic or with a word dyad cannot spell"
	skipExpansion    = "synset expansion over 64 patterns"
	skipNullCode     = "null code [---] on a pattern"
	skipBadCode      = "not an event code"
	skipNoCode       = "pattern without a code"
	skipNoVerbMark   = "pattern without exactly one *"
	skipMultiBefore  = "multi-word verb with words before the +"
	skipMultiNoPlus  = "multi-word verb without a +"
	skipNoVerb       = "pattern of a block without a usable verb"

	approxSkipActor = "^ (skip an actor) read as * (up to five words)"

	approxPhrasal = "verb of several words without _ read as a phrase"
)

// petrarchMaxBad is the fraction of content lines that may be unreadable before the reader fails.
const petrarchMaxBad = 0.01

// maxVariants bounds the dyad patterns one pattern line may expand into through synsets.
const maxVariants = 64

// ReadPetrarchVerbs reads a PETRARCH verb dictionary and converts it into dyad's verb patterns.
// name names the dictionary in messages. See ConvertPetrarchVerbs.
func ReadPetrarchVerbs(r io.Reader, name string) (*Dictionary, error) {
	d, _, err := ConvertPetrarchVerbs(r, name)
	return d, err
}

// ConvertPetrarchVerbs reads a PETRARCH verb dictionary and converts it into dyad's verb
// patterns, one Entry per code in code order, with counts of what was converted, approximated
// and skipped (see the comment at the top of petrarch.go). It fails on an I/O error or when more
// than 1% of the content lines cannot be read; fewer unreadable lines are skipped and listed in
// the stats.
func ConvertPetrarchVerbs(r io.Reader, name string) (*Dictionary, *PetrarchVerbStats, error) {
	st := &PetrarchVerbStats{Skipped: map[string]int{}, Approximated: map[string]int{}}
	f, err := parsePetrarchVerbs(r, name, st)
	if err != nil {
		return nil, st, err
	}
	if len(st.Bad) > 0 && float64(len(st.Bad)) > petrarchMaxBad*float64(st.Lines) {
		errs := make([]error, 0, len(st.Bad))
		for _, b := range st.Bad {
			errs = append(errs, errors.New(b))
		}
		return nil, st, fmt.Errorf("%s: %d of %d lines cannot be read: %w", name, len(st.Bad), st.Lines, errors.Join(errs...))
	}
	return f.convert(name, st), st, nil
}

// The parsed file, before conversion.

type pvFile struct {
	synsets map[string][]string // name (with "&", without a final "_") → member texts
	blocks  []*pvBlock
}

type pvBlock struct {
	code     string // the block's code as written, "" for none
	verbs    []pvVerb
	patterns []pvPattern
}

type pvVerb struct {
	text  string // the verb as written, without braces and code
	forms []string
	code  string // own code as written, "" for the block's
}

type pvPattern struct {
	text string // after the "-", before the code
	code string
	ok   bool // a code was given
}

var commentRE = regexp.MustCompile(`[ \t]#`)

func parsePetrarchVerbs(r io.Reader, name string, st *PetrarchVerbStats) (*pvFile, error) {
	f := &pvFile{synsets: map[string][]string{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	var block *pvBlock
	synset := "" // the synset whose members are being read
	inComment := false
	bad := func(n int, format string, args ...any) {
		st.Bad = append(st.Bad, fmt.Sprintf("%s:%d: %s", name, n, fmt.Sprintf(format, args...)))
	}
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		line, inComment = stripXMLComments(line, inComment)
		if t := strings.TrimSpace(line); t == "" || t[0] == '#' || t[0] == '<' {
			continue
		}
		if loc := commentRE.FindStringIndex(line); loc != nil {
			line = line[:loc[0]]
		}
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		st.Lines++
		if line[0] == '+' && synset != "" {
			f.synsets[synset] = append(f.synsets[synset], strings.TrimSpace(line[1:]))
			continue
		}
		synset = ""
		switch {
		case strings.HasPrefix(line, "---"):
			code, _, _ := bracket(line)
			block = &pvBlock{code: code}
			f.blocks = append(f.blocks, block)
		case line[0] == '-':
			if block == nil {
				bad(n, "a pattern before any verb block")
				continue
			}
			st.Patterns++
			code, text, ok := bracket(line[1:])
			block.patterns = append(block.patterns, pvPattern{text: strings.TrimSpace(text), code: code, ok: ok})
		case line[0] == '&':
			name := strings.ToUpper(strings.TrimSuffix(strings.Fields(line)[0], "_"))
			if len(name) < 2 {
				bad(n, "a synset without a name")
				continue
			}
			if _, dup := f.synsets[name]; dup {
				bad(n, "synset %s defined again", name)
				continue
			}
			f.synsets[name] = nil
			synset = name
			st.Synsets++
		default:
			if block == nil {
				bad(n, "a verb before any verb block")
				continue
			}
			code, text, _ := bracket(line)
			v := pvVerb{code: code}
			if i := strings.IndexByte(text, '{'); i >= 0 {
				j := strings.IndexByte(text[i:], '}')
				if j < 0 {
					bad(n, "unclosed {")
					continue
				}
				v.forms = strings.Fields(text[i+1 : i+j])
				text = text[:i] + text[i+j+1:]
			}
			v.text = strings.TrimSpace(text)
			if v.text == "" {
				bad(n, "an empty verb")
				continue
			}
			st.Verbs++
			block.verbs = append(block.verbs, v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return f, nil
}

// stripXMLComments removes "<!-- ... -->" from line; inComment says whether the line starts
// inside a comment, and the result whether the next one does.
func stripXMLComments(line string, inComment bool) (string, bool) {
	var b strings.Builder
	for {
		if inComment {
			i := strings.Index(line, "-->")
			if i < 0 {
				return b.String(), true
			}
			line, inComment = line[i+3:], false
			continue
		}
		i := strings.Index(line, "<!--")
		if i < 0 {
			b.WriteString(line)
			return b.String(), false
		}
		b.WriteString(line[:i])
		line, inComment = line[i+4:], true
	}
}

// bracket returns the content of the first [...] of s and s before it; ok is false when s has no
// complete [...].
func bracket(s string) (code, before string, ok bool) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return "", s, false
	}
	j := strings.IndexByte(s[i:], ']')
	if j < 0 {
		return "", s[:i], false
	}
	return strings.TrimSpace(s[i+1 : i+j]), s[:i], true
}

var eventCodeRE = regexp.MustCompile(`^[0-9]{2,4}[A-Za-z]?$`)

// petrarchCode reads a code as written: the event code ("" for the null code "---"), whether a
// reciprocal code followed it, and whether it is an event code at all.
func petrarchCode(s string) (code, reverse string, ok bool) {
	s = strings.TrimSpace(s)
	if a, b, found := strings.Cut(s, ":"); found {
		s = strings.TrimSpace(a)
		if b = strings.TrimSpace(b); b != "---" && eventCodeRE.MatchString(b) {
			reverse = b
		}
	}
	if s == "---" || s == "" {
		return "", reverse, true
	}
	if !eventCodeRE.MatchString(s) {
		return "", "", false
	}
	return s, reverse, true
}

// The conversion.

type converter struct {
	f       *pvFile
	st      *PetrarchVerbStats
	order   []string          // dyad patterns in the order first written
	code    map[string]string // dyad pattern → code
	reverse map[string]string // dyad pattern → code of the reverse event ("A:B"), if any
	written bool              // the current line wrote a pattern
}

func (f *pvFile) convert(name string, st *PetrarchVerbStats) *Dictionary {
	c := &converter{f: f, st: st, code: map[string]string{}, reverse: map[string]string{}}
	for _, b := range f.blocks {
		c.block(b)
	}
	byCode := map[string]*Entry{}
	var codes []string
	for _, p := range c.order {
		code := c.code[p]
		key := code + ":" + c.reverse[p]
		e := byCode[key]
		if e == nil {
			e = &Entry{Code: code, Reverse: c.reverse[p], file: name}
			byCode[key] = e
			codes = append(codes, key)
		}
		e.Verbs = append(e.Verbs, p)
		if !KnownCode(code) {
			st.NonCAMEO++
		}
	}
	sort.Strings(codes)
	d := &Dictionary{}
	for _, code := range codes {
		d.Entries = append(d.Entries, *byCode[code])
	}
	st.Written = len(c.order)
	return d
}

// add writes pattern words under code, with the code of the reverse event when there is one.
func (c *converter) add(words []string, code, reverse string) {
	p := strings.Join(words, " ")
	c.reverse[p] = reverse
	if prev, seen := c.code[p]; seen {
		if prev != code {
			c.st.Overridden++
			c.code[p] = code
		}
		c.written = true
		return
	}
	c.code[p] = code
	c.order = append(c.order, p)
	c.written = true
}

func (c *converter) block(b *pvBlock) {
	var heads [][]string
	for _, v := range b.verbs {
		c.written = false
		hs, ok := c.verbHeads(v)
		if !ok {
			continue
		}
		heads = append(heads, hs...)
		code := v.code
		if code == "" {
			code = b.code
		}
		ec, rev, ok := petrarchCode(code)
		switch {
		case !ok:
			c.st.skip(skipBadCode)
		case ec == "":
			c.st.Uncoded++
		default:
			for _, h := range hs {
				c.add(h, ec, rev)
			}
		}
		if c.written {
			c.st.Converted++
		}
	}
	for _, p := range b.patterns {
		c.written = false
		c.pattern(p, heads)
		if c.written {
			c.st.Converted++
		}
	}
}

// verbHeads returns the head words of a verb line: the verb, and each irregular form that
// nlp.Inflections does not generate from it. It reports false (counting why) when the verb
// cannot be converted.
func (c *converter) verbHeads(v pvVerb) ([][]string, bool) {
	text := strings.TrimSuffix(strings.ToLower(v.text), "_")
	var head []string
	switch {
	case strings.ContainsAny(text, "_+"):
		words := strings.Split(text, "_")
		plus := -1
		for i, w := range words {
			if strings.HasPrefix(w, "+") {
				plus = i
			}
		}
		switch {
		case plus < 0:
			c.st.skip(skipMultiNoPlus)
			return nil, false
		case plus > 0:
			c.st.skip(skipMultiBefore)
			return nil, false
		}
		words[0] = words[0][1:]
		head = words
	default:
		head = strings.Fields(text)
		if len(head) > 1 {
			c.st.Approximated[approxPhrasal]++
		}
	}
	if !spelled(head) {
		c.st.skip(skipSpelling)
		return nil, false
	}
	heads := [][]string{head}
	gen := nlp.Inflections(head[0])
	for _, form := range v.forms {
		fw := strings.Split(strings.TrimPrefix(strings.ToLower(strings.TrimSuffix(form, "_")), "+"), "_")
		if slices.Contains(gen, fw[0]) && slices.Equal(fw[1:], head[1:]) || !spelled(fw) {
			continue
		}
		heads = append(heads, fw)
	}
	return heads, true
}

// spelled reports whether every word is one dyad's syntax can write.
func spelled(words []string) bool {
	for _, w := range words {
		if w == "" || !wordRE.MatchString(w) || w == "_" || w == "*" || strings.Contains(w, "|") {
			return false
		}
	}
	return true
}

// The elements of a converted pattern, before synset expansion.
type pvElem struct {
	kind pvKind
	word string // for pvWord: a word, or a synset name starting with "&"
}

type pvKind uint8

const (
	pvWord pvKind = iota
	pvGap         // "*"
	pvSlot        // "_"
)

var trailingUnderscore = regexp.MustCompile(`_+(\s|$)`)

type pvToken struct {
	text  string
	space bool // joined to the previous token by a space (words may stand between)
}

// tokens splits a pattern into its tokens, after PETRARCH's reading of "X_ " as "X " and of a
// final "_".
func tokens(s string) []pvToken {
	s = strings.TrimSpace(s)
	s = trailingUnderscore.ReplaceAllString(s, "$1")
	var out []pvToken
	for _, field := range strings.Fields(s) {
		for i, t := range strings.Split(field, "_") {
			if t == "" {
				continue
			}
			out = append(out, pvToken{text: t, space: i == 0})
		}
	}
	return out
}

func (c *converter) pattern(p pvPattern, heads [][]string) {
	if !p.ok {
		c.st.skip(skipNoCode)
		return
	}
	if strings.ContainsAny(p.text, "{}") {
		c.st.skip(skipDisjunction)
		return
	}
	ec, rev, ok := petrarchCode(p.code)
	if !ok {
		c.st.skip(skipBadCode)
		return
	}
	if ec == "" {
		c.st.skip(skipNullCode)
		return
	}
	toks := tokens(p.text)
	verb := -1
	for i, t := range toks {
		if t.text == "*" {
			if verb >= 0 {
				verb = -2
				break
			}
			verb = i
		}
	}
	if verb < 0 {
		c.st.skip(skipNoVerbMark)
		return
	}
	// Words before the verb become dyad's "[...]": joined by "_" they are adjacent, by a
	// space they get a "*" between them, and before the verb.
	var before []pvElem
	for i, t := range toks[:verb] {
		switch t.text {
		case "$":
			if i == 0 {
				continue
			}
			c.st.skip(skipSourceBefore)
		case "+":
			c.st.skip(skipTargetBefore)
		case "%":
			c.st.skip(skipCompound)
		case "^":
			c.st.skip(skipBeforeVerb)
		default:
			w := strings.ToLower(t.text)
			if t.space && len(before) > 0 {
				before = append(before, pvElem{kind: pvGap})
			}
			if w[0] == '&' {
				w = strings.ToUpper(strings.TrimSuffix(w, "_"))
			}
			before = append(before, pvElem{kind: pvWord, word: w})
			continue
		}
		return
	}
	if len(before) > 0 && toks[verb].space {
		before = append(before, pvElem{kind: pvGap})
	}
	var elems []pvElem
	slot, approx := false, false
	last := func() pvKind {
		if len(elems) == 0 {
			return pvWord // the verb
		}
		return elems[len(elems)-1].kind
	}
	for _, t := range toks[verb+1:] {
		switch t.text {
		case "$":
			c.st.skip(skipSourceAfter)
			return
		case "%":
			c.st.skip(skipCompound)
			return
		case "*":
			c.st.skip(skipNoVerbMark)
			return
		case "+":
			if slot {
				c.st.skip(skipTwoTargets)
				return
			}
			slot = true
			elems = append(elems, pvElem{kind: pvSlot})
		case "^":
			approx = true
			if k := last(); k != pvGap && k != pvSlot {
				elems = append(elems, pvElem{kind: pvGap})
			}
		default:
			w := strings.ToLower(t.text)
			if t.space && last() == pvWord {
				elems = append(elems, pvElem{kind: pvGap})
			}
			if w[0] == '&' {
				w = strings.ToUpper(strings.TrimSuffix(w, "_"))
			}
			elems = append(elems, pvElem{kind: pvWord, word: w})
		}
	}
	for len(elems) > 0 && elems[len(elems)-1].kind == pvGap {
		elems = elems[:len(elems)-1]
	}
	variants, reason := c.expand(elems)
	if reason != "" {
		c.st.skip(reason)
		return
	}
	pres, reason := c.expand(before)
	if reason != "" {
		c.st.skip(reason)
		return
	}
	if len(heads) == 0 {
		c.st.skip(skipNoVerb)
		return
	}
	if approx {
		c.st.Approximated[approxSkipActor]++
	}
	if len(variants)*len(pres) > maxVariants {
		c.st.skip(skipExpansion)
		return
	}
	for _, pre := range pres {
		var lead []string
		if len(pre) > 0 {
			lead = []string{"[" + strings.Join(pre, " ") + "]"}
		}
		for _, h := range heads {
			for _, v := range variants {
				c.add(slices.Concat(lead, h, v), ec, rev)
			}
		}
	}
}

// expand turns elements into the words of one or more dyad patterns, expanding synsets; it
// returns the reason for skipping when it cannot.
func (c *converter) expand(elems []pvElem) ([][]string, string) {
	variants := [][]string{nil}
	for _, e := range elems {
		var opts [][]string
		switch {
		case e.kind == pvGap:
			opts = [][]string{{"*"}}
		case e.kind == pvSlot:
			opts = [][]string{{"_"}}
		case strings.HasPrefix(e.word, "&"):
			phrases, ok := c.synset(e.word, nil)
			if !ok || len(phrases) == 0 {
				return nil, skipSynset
			}
			var singles []string
			for _, ph := range phrases {
				if len(ph) == 1 {
					if !slices.Contains(singles, ph[0]) {
						singles = append(singles, ph[0])
					}
				} else {
					opts = append(opts, ph)
				}
			}
			if len(singles) > 0 {
				opts = append([][]string{{strings.Join(singles, "|")}}, opts...)
			}
		default:
			if !spelled([]string{e.word}) {
				return nil, skipSpelling
			}
			opts = [][]string{{e.word}}
		}
		if len(variants)*len(opts) > maxVariants {
			return nil, skipExpansion
		}
		var next [][]string
		for _, v := range variants {
			for _, o := range opts {
				next = append(next, append(slices.Clone(v), o...))
			}
		}
		variants = next
	}
	return variants, ""
}

// synset returns the phrases of a synset, nested synsets expanded; false when it, or a synset it
// names, is undefined, cyclic, or has a word dyad cannot spell, or when it expands past
// maxVariants phrases.
func (c *converter) synset(name string, seen []string) ([][]string, bool) {
	members, ok := c.f.synsets[name]
	if !ok || slices.Contains(seen, name) {
		return nil, false
	}
	seen = append(seen, name)
	var out [][]string
	for _, m := range members {
		phrases := [][]string{nil}
		for _, w := range strings.FieldsFunc(strings.ToLower(m), func(r rune) bool { return r == '_' || r == ' ' || r == '\t' }) {
			var opts [][]string
			if strings.HasPrefix(w, "&") {
				sub, ok := c.synset(strings.ToUpper(strings.TrimSuffix(w, "_")), seen)
				if !ok {
					return nil, false
				}
				opts = sub
			} else {
				if !spelled([]string{w}) {
					return nil, false
				}
				opts = [][]string{{w}}
			}
			var next [][]string
			for _, p := range phrases {
				for _, o := range opts {
					next = append(next, append(slices.Clone(p), o...))
				}
			}
			if len(next) > maxVariants {
				return nil, false
			}
			phrases = next
		}
		for _, p := range phrases {
			if len(p) > 0 {
				out = append(out, p)
			}
		}
		if len(out) > maxVariants {
			return nil, false
		}
	}
	return out, true
}
