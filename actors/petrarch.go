package actors

// Import of PETRARCH/TABARI actor and agent dictionaries: see ReadPetrarchActors,
// ReadPetrarchAgents and KB.Merge.

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/dyad-project/dyad/internal/yamlfs"
	"io"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/data"
)

// PetrarchMaxBadFraction is the fraction of a dictionary's content lines (those not blank once
// comments are removed) that may be unreadable before ReadPetrarchActors and ReadPetrarchAgents
// return an error. A line that cannot be read (an unclosed bracket, a bad code or date, an empty
// name, a synonym or code line before any entry, an entry without any code, an undefined
// substitution set, ...) is skipped and becomes a *PetrarchError naming the dictionary and the
// line. Real dictionaries have a few such typos, so up to this fraction they are skipped
// silently; beyond it the readers return the entries they could read together with the line
// errors joined (the first 100 of them).
const PetrarchMaxBadFraction = 0.01

// petrMaxReportedErrors bounds the line errors joined into one returned error.
const petrMaxReportedErrors = 100

// petrMaxExpansions bounds the words one agent line may expand into through substitution sets.
const petrMaxExpansions = 1000

// PetrarchError is a line of a PETRARCH/TABARI dictionary that could not be read.
type PetrarchError struct {
	File string // the name given to the reader
	Line int    // 1-based
	Msg  string
}

func (e *PetrarchError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ReadPetrarchActors reads a PETRARCH/TABARI actor dictionary (e.g. Phoenix.Countries.actors.txt)
// and returns its entries as a KB fragment: dated entries as People, the others as
// Organizations of type ACTOR. name names the dictionary in errors; see PetrarchMaxBadFraction
// for the handling of bad lines. An I/O error is returned with a nil KB.
//
// A dictionary is a series of entries. An entry starts with a primary line (a name, optionally
// followed by codes in brackets), continues with synonym lines starting with "+" and with
// indented code lines, and ends at the next primary line:
//
//	FREEDONIA_  [FRE]              an undated entry: an Organization of type ACTOR
//	+FREEDONIAN_ +FREEDONIANS_     synonyms (usually one a line)
//	RUFUS_T._FIREFLY_  # note      a dated entry: a Person
//	+FIREFLY_
//		[FREGOV 330101-331231]     from 1933-01-01 to 1933-12-31
//		[FREELI <321231]           until 1932-12-31
//		[FREGOV >20010101]         from 2001-01-01
//		[FREELI]                   a default code, used outside the dated ones
//
// Names are words joined by "_" (TABARI's trailing "_" marks a whole word); "_" and runs of
// white space become single spaces, and an unmatched "(" (with what follows it) or ")" is
// dropped. Codes are letters and digits, upper-cased; "[A/B]" gives two codes; the TABARI special
// codes "---" (null), "###" (discard) and "+++" code nothing and are dropped, with the date
// restriction they carry. Several code groups may follow a name, on its line or on indented
// lines; text after them is ignored. Dates are YYYYMMDD or YYMMDD, where YY ≤ 30 is 20YY and
// others 19YY (as in KEDS, TABARI and PETRARCH); "<D" ends, ">D" starts and "D-D" bounds a role,
// each including D; spaces around "<", ">" and "-" are allowed. A bare date "[CODE D]", which
// PETRARCH reads as an undated code, is read as a start date, which is what the dictionaries
// that use it mean. An indented line with a name is a synonym line.
//
// As in PETRARCH, consecutive primary lines without a code share the code lines that follow them:
// they are names of one entry (IVO_X_ / PRESIDENT_X_ / X_ followed by indented code lines). Unlike
// PETRARCH, a primary line with codes of its own always starts a new entry, so that a stray line
// without a code before it is reported rather than made a name of that entry.
//
// Comments: "#" and TABARI's ";" to the end of the line (but not inside brackets), "{...}"
// spans, "<!-- ... -->" (also over several lines), and lines starting with "<" (PETRARCH
// directives). Blank lines are skipped; a line "---STOP---" ends the dictionary.
//
// An entry with a dated code becomes a Person: its first name is Name, the others Aliases,
// Country the first three letters of its first code that start with a country code of the
// embedded knowledge base (data/actors/countries.yaml), and a Role with Title "" for each code:
// the dated ones in file order, then the undated (default) ones with no dates, which are always
// active but lose to a dated role that covers the day. Any other entry becomes an Organization
// with its first code, Type "ACTOR" and Country as for a person. An entry with only null codes
// gives nothing. The fragment is built with Merge, so entries that repeat a name are merged.
// Codes are kept as written (some have digits, or a length that is not a multiple of three), so
// KB.Validate may reject a fragment that NewIndex compiles without trouble.
//
// Names are upper case in these dictionaries and are recased for matching (the recognizer
// matches case-insensitively except that a capitalised token needs a capital in the text and
// an all-capitals token needs all capitals): words become Title Case ("ZORBLAT_VANTEK_" → "Zorblat
// Vantek", "O'NEILL" → "O'Neill", "KORR-I-BAUM" → "Korr-I-Baum"); function words and name
// particles after the first word become lower case ("of", "the", "and", "de", "bin", "van", ...),
// as do the Arabic articles "al-" and "el-" and a leading "the"; a word that already has a
// lower-case letter (besides a possessive "'s") is kept. A word stays upper case only when it is
// an acronym by evidence: initials written with periods ("U.N.", "U.S.S.R"), a Roman numeral
// after the first word ("III"), a word of 2–8 letters that spells the initials of another name of
// the same entry ("ZOTA" beside "ZEALOUS_ORDER_OF_TIN_AXES"), or a word of 2–4 letters with no
// vowel (A E I O U Y) that is not an abbreviation such as "Mr", "Dr", "St", "Jr" or "Ltd" ("XKR",
// "TV"). Short words with vowels ("NATO", "ABU", "KIM") become Title Case, which still matches the
// acronym in capitals, whereas a name wrongly kept in capitals would not match at all.
func ReadPetrarchActors(r io.Reader, name string) (*KB, error) {
	kb, errs, lines, err := readPetrarchActors(r, name)
	if err != nil {
		return nil, err
	}
	return kb, petrTolerate(errs, lines)
}

// ReadPetrarchAgents reads a PETRARCH/TABARI agent dictionary (e.g. Phoenix.agents.txt) into
// role words, grouped by code. name names the dictionary in errors; see PetrarchMaxBadFraction
// for the handling of bad lines. An I/O error is returned with a nil result.
//
//	FARMHAND [~AGR]                          a word and its code: ~ before (or after) the code
//	MASTER_OF_ARMS {MASTERS_OF_ARMS} [~GOV]  an irregular plural, added as a word
//	STAFF {} [~GOV]                          no plural (dyad inflects role words itself)
//	!ROBOT! = ANDROID, ANDROIDS, DROID       a substitution set (defined anywhere in the file) ...
//	CLEANING_!ROBOT! [~LAB]                  ... expanded into one word per member
//
// Words become lower case, with "_" read as a space. Groups come in order of first appearance,
// their codes without the "~" (so PETRARCH's distinction between a suffix "~GOV" and a prefix
// "NGO~" is lost). A word that is the regular plural of another word of its group is dropped,
// since the recognizer generates plurals. Comments are as in actor dictionaries, except that
// braces hold plurals; <Combine ...> rules and <CombineBlock> blocks are skipped.
func ReadPetrarchAgents(r io.Reader, name string) ([]RoleWords, error) {
	roles, errs, lines, err := readPetrarchAgents(r, name)
	if err != nil {
		return nil, err
	}
	return roles, petrTolerate(errs, lines)
}

// petrTolerate returns the joined line errors when they are more than PetrarchMaxBadFraction of the
// content lines, and nil otherwise.
func petrTolerate(errs []*PetrarchError, lines int) error {
	bad := map[int]bool{}
	for _, e := range errs {
		bad[e.Line] = true
	}
	if len(bad) == 0 || float64(len(bad)) <= PetrarchMaxBadFraction*float64(lines) {
		return nil
	}
	out := make([]error, 0, min(len(errs), petrMaxReportedErrors)+1)
	for i, e := range errs {
		if i == petrMaxReportedErrors {
			out = append(out, fmt.Errorf("... and %d more errors", len(errs)-i))
			break
		}
		out = append(out, e)
	}
	return errors.Join(out...)
}

// petrLine is a line of a dictionary with its comments removed.
type petrLine struct {
	n        int    // line number, 1-based
	text     string // trimmed
	indented bool   // the line as written starts with white space
}

// petrReadLines reads a dictionary and returns its content lines (those left non-blank once
// comments are removed) and the errors of comment syntax. braces tells whether {...} is a
// comment (actor dictionaries) or not (agent dictionaries, where it holds a plural).
func petrReadLines(r io.Reader, name string, braces bool) ([]petrLine, []*PetrarchError, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	text := string(b)
	if !utf8.ValidString(text) {
		text = strings.ToValidUTF8(text, "\uFFFD")
	}
	var lines []petrLine
	var errs []*PetrarchError
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &PetrarchError{name, n, fmt.Sprintf(format, args...)})
	}
	xmlOpen := 0     // line where an open <!-- comment started, or 0
	inBlock := false // inside <CombineBlock> ... </CombineBlock>
	n := 0
	for len(text) > 0 {
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		n++
		line = strings.TrimSuffix(line, "\r")
		indented := line != "" && (line[0] == ' ' || line[0] == '\t')
		// Multi-line and inline XML comments.
		if xmlOpen > 0 {
			i := strings.Index(line, "-->")
			if i < 0 {
				continue
			}
			line, xmlOpen = line[i+3:], 0
		}
		if strings.Contains(line, "<!--") {
			var kept strings.Builder
			for {
				i := strings.Index(line, "<!--")
				if i < 0 {
					kept.WriteString(line)
					break
				}
				kept.WriteString(line[:i])
				kept.WriteByte(' ')
				j := strings.Index(line[i+4:], "-->")
				if j < 0 {
					xmlOpen = n
					break
				}
				line = line[i+4+j+3:]
			}
			line = kept.String()
		}
		trimmed := strings.TrimSpace(line)
		if inBlock {
			if strings.HasPrefix(strings.ToLower(trimmed), "</combineblock") {
				inBlock = false
			}
			continue
		}
		// Whole-line comments and directives.
		if strings.HasPrefix(trimmed, "#") || strings.HasPrefix(trimmed, ";") {
			continue
		}
		if strings.HasPrefix(trimmed, "<") {
			if strings.HasPrefix(strings.ToLower(trimmed), "<combineblock") {
				inBlock = true
			}
			continue
		}
		if strings.HasPrefix(trimmed, "---STOP---") {
			break
		}
		// Comments to the end of the line; TABARI's code [###] is not one.
		line = petrCutComment(line)
		if braces {
			var err error
			if line, err = petrStripBraces(line); err != nil {
				bad(n, "%v", err)
				continue
			}
		}
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		lines = append(lines, petrLine{n, line, indented})
	}
	if xmlOpen > 0 {
		bad(xmlOpen, "unclosed <!-- comment")
	}
	return lines, errs, nil
}

// petrCutComment removes a comment that starts with "#" or ";" outside brackets.
func petrCutComment(s string) string {
	inside := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			inside = true
		case ']':
			inside = false
		case '#', ';':
			if !inside {
				return s[:i]
			}
		}
	}
	return s
}

// petrStripBraces removes {...} spans.
func petrStripBraces(s string) (string, error) {
	if !strings.ContainsAny(s, "{}") {
		return s, nil
	}
	var kept strings.Builder
	for {
		i := strings.IndexAny(s, "{}")
		if i < 0 {
			kept.WriteString(s)
			return kept.String(), nil
		}
		if s[i] == '}' {
			return "", errors.New(`"}" without "{"`)
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			return "", errors.New("unclosed {")
		}
		kept.WriteString(s[:i])
		kept.WriteByte(' ')
		s = s[i+j+1:]
	}
}

// petrSplitBrackets splits a line into the text before its first "[" and the contents of its
// [...] groups. Text between and after the groups is ignored (some dictionaries put notes there).
func petrSplitBrackets(s string) (head string, groups []string, err error) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		head = s
	} else {
		head = s[:i]
	}
	if strings.IndexByte(head, ']') >= 0 {
		return "", nil, errors.New(`"]" without "["`)
	}
	if i < 0 {
		return head, nil, nil
	}
	rest := s[i:]
	for {
		j := strings.IndexByte(rest, '[')
		if j < 0 {
			return head, groups, nil
		}
		k := strings.IndexByte(rest[j:], ']')
		if k < 0 {
			return "", nil, errors.New(`unclosed "["`)
		}
		groups = append(groups, rest[j+1:j+k])
		rest = rest[j+k+1:]
	}
}

// petrCode is one code of an actor entry.
type petrCode struct {
	code     string
	from, to Date
	dated    bool
}

// petrNullCodes are TABARI's special codes that code nothing.
var petrNullCodes = map[string]bool{"---": true, "###": true, "+++": true}

// petrParseCodes parses the inside of a [...] group of an actor dictionary: a code (or codes
// joined by "/") and an optional date restriction. Null codes give no petrCode.
func petrParseCodes(s string) ([]petrCode, error) {
	s = strings.TrimSpace(s)
	end := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '<' || r == '>' })
	if end < 0 {
		end = len(s)
	}
	code, rest := strings.ToUpper(s[:end]), strings.TrimSpace(s[end:])
	if code == "" {
		return nil, fmt.Errorf("no code in [%s]", s)
	}
	var pc petrCode
	if rest != "" {
		pc.dated = true
		var err error
		switch {
		case rest[0] == '<':
			pc.to, err = petrParseDate(rest[1:])
		case rest[0] == '>':
			pc.from, err = petrParseDate(rest[1:])
		case strings.Contains(rest, "-"):
			a, b, _ := strings.Cut(rest, "-")
			if pc.from, err = petrParseDate(a); err == nil {
				pc.to, err = petrParseDate(b)
			}
			if err == nil && pc.to.First().Before(pc.from.First()) {
				err = fmt.Errorf("period %s ends before it starts", rest)
			}
		default:
			pc.from, err = petrParseDate(rest)
		}
		if err != nil {
			return nil, err
		}
	}
	if petrNullCodes[code] {
		return nil, nil
	}
	var out []petrCode
	for _, c := range strings.Split(code, "/") {
		if !isPetrCode(c) {
			return nil, fmt.Errorf("bad code %q", c)
		}
		pc.code = c
		out = append(out, pc)
	}
	return out, nil
}

// isPetrCode reports whether c is a non-empty run of capital letters and digits.
func isPetrCode(c string) bool {
	if c == "" {
		return false
	}
	for i := 0; i < len(c); i++ {
		if !(c[i] >= 'A' && c[i] <= 'Z' || c[i] >= '0' && c[i] <= '9') {
			return false
		}
	}
	return true
}

// petrParseDate parses YYYYMMDD or YYMMDD (YY ≤ 30 is 20YY, others 19YY).
func petrParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	bad := func() (Date, error) { return Date{}, fmt.Errorf("bad date %q: want YYYYMMDD or YYMMDD", s) }
	if len(s) != 6 && len(s) != 8 {
		return bad()
	}
	num := func(t string) int {
		v := 0
		for i := 0; i < len(t); i++ {
			v = v*10 + int(t[i]-'0')
		}
		return v
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return bad()
		}
	}
	var d Date
	if len(s) == 8 {
		d = Date{num(s[:4]), num(s[4:6]), num(s[6:])}
	} else {
		d = Date{num(s[:2]), num(s[2:4]), num(s[4:])}
		if d.Year <= 30 {
			d.Year += 2000
		} else {
			d.Year += 1900
		}
	}
	if d.Year == 0 || d.Month < 1 || d.Month > 12 || d.Day < 1 {
		return bad()
	}
	if month := (Date{Year: d.Year, Month: d.Month}); d.Day > month.Last().Day() {
		return bad()
	}
	return d, nil
}

// petrEntry is an actor entry being read.
type petrEntry struct {
	line    int
	names   []string // as written, "_" already turned into spaces
	codes   []petrCode
	hasCode bool // a code group was seen, null codes included
	bad     bool // a line of the entry was reported
}

// readPetrarchActors reads an actor dictionary; lines is the number of content lines.
func readPetrarchActors(r io.Reader, name string) (kb *KB, errs []*PetrarchError, lines int, err error) {
	dl, errs, err := petrReadLines(r, name, true)
	if err != nil {
		return nil, nil, 0, err
	}
	lines = len(dl) + len(errs) // lines rejected for their comments were content too
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &PetrarchError{name, n, fmt.Sprintf(format, args...)})
	}
	raw := new(KB)
	var cur *petrEntry
	finish := func() {
		if cur != nil {
			if !cur.hasCode && !cur.bad {
				bad(cur.line, "entry %q has no code", cur.names[0])
			}
			cur.build(raw)
		}
		cur = nil
	}
	for _, l := range dl {
		// A line with only codes continues the current entry, indented or not; an indented
		// line with a name does too, as a synonym.
		content := l.text
		synonym := strings.HasPrefix(content, "+")
		if synonym {
			content = content[1:]
		}
		head, groups, err := petrSplitBrackets(content)
		if err != nil {
			bad(l.n, "%v", err)
			if n := petrNormName(content[:strings.IndexAny(content+"[", "[]")]); n != "" && !synonym {
				// A bad primary line still starts an entry, so that its synonyms and code
				// lines do not go to the previous one; it yields what they give, if anything.
				finish()
				cur = &petrEntry{line: l.n, names: []string{n}, bad: true}
			}
			continue
		}
		var names []string
		if synonym {
			names = petrSplitSynonyms(head)
		} else if n := petrNormName(head); n != "" {
			names = []string{n}
			synonym = l.indented && cur != nil
		}
		switch {
		case synonym && len(names) == 0:
			bad(l.n, "empty synonym")
			continue
		case synonym && cur == nil:
			bad(l.n, "synonym before any entry")
			continue
		case len(names) == 0 && cur == nil:
			bad(l.n, "code line before any entry")
			continue
		case !synonym && len(names) > 0:
			// A primary line: a new entry, unless this line has no code and the current
			// entry has none yet, whose names then share the code lines that follow.
			if cur != nil && (cur.hasCode || len(groups) > 0) {
				finish()
			}
			if cur == nil {
				cur = &petrEntry{line: l.n}
			}
		}
		cur.names = append(cur.names, names...)
		for _, g := range groups {
			cur.hasCode = true
			cs, err := petrParseCodes(g)
			if err != nil {
				bad(l.n, "%v", err)
				cur.bad = true
				continue
			}
			cur.codes = append(cur.codes, cs...)
		}
	}
	finish()
	kb = new(KB)
	kb.Merge(raw)
	return kb, errs, lines, nil
}

// petrSplitSynonyms splits the names of a synonym line: usually one, but "+A_ +B_" gives two. A "+"
// inside a name ("A+B") does not split it.
func petrSplitSynonyms(s string) []string {
	var out []string
	start := 0
	for i := 1; i < len(s); i++ {
		if s[i] == '+' && (s[i-1] == ' ' || s[i-1] == '\t') {
			if n := petrNormName(s[start:i]); n != "" {
				out = append(out, n)
			}
			start = i + 1
		}
	}
	if n := petrNormName(s[start:]); n != "" {
		out = append(out, n)
	}
	return out
}

// petrNormName turns a dictionary phrase into words separated by single spaces, dropping an
// unmatched "(" and what follows it ("NAME (ACTING_") and an unmatched ")".
func petrNormName(s string) string {
	s = strings.ReplaceAll(s, "_", " ")
	depth, open := 0, -1 // open: the first "(" not closed yet
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			if depth == 0 {
				open = b.Len()
			}
			depth++
		case ')':
			if depth == 0 {
				continue // unmatched
			}
			depth--
		}
		b.WriteByte(s[i])
	}
	s = b.String()
	if depth > 0 {
		s = s[:open]
	}
	return strings.Join(strings.Fields(s), " ")
}

// build adds the entry to kb as a Person or an Organization.
func (e *petrEntry) build(kb *KB) {
	if len(e.codes) == 0 {
		return // no code, or only null codes
	}
	initials := petrInitials(e.names)
	var names []string
	for _, n := range e.names {
		if d := petrDisplayName(n, initials); d != "" && !slices.Contains(names, d) {
			names = append(names, d)
		}
	}
	if len(names) == 0 {
		return
	}
	country := ""
	for _, c := range e.codes {
		if country = petrCodeCountry(c.code); country != "" {
			break
		}
	}
	dated := slices.ContainsFunc(e.codes, func(c petrCode) bool { return c.dated })
	if !dated {
		kb.Organizations = append(kb.Organizations, Organization{
			Code: e.codes[0].code, Name: names[0], Aliases: petrOthers(names), Type: "ACTOR", Country: petrCodeCountry(e.codes[0].code),
		})
		return
	}
	p := Person{Name: names[0], Aliases: petrOthers(names), Country: country}
	addRole := func(c petrCode) {
		r := Role{Code: c.code, From: c.from, To: c.to}
		if !slices.Contains(p.Roles, r) {
			p.Roles = append(p.Roles, r)
		}
	}
	for _, c := range e.codes {
		if c.dated {
			addRole(c)
		}
	}
	for _, c := range e.codes {
		if !c.dated {
			addRole(c)
		}
	}
	kb.People = append(kb.People, p)
}

// petrOthers returns the names after the first, or nil.
func petrOthers(names []string) []string {
	if len(names) < 2 {
		return nil
	}
	return names[1:]
}

// petrCountryCodes are the country codes of the embedded knowledge base.
var petrCountryCodes = sync.OnceValue(func() map[string]bool {
	var cs []Country
	m := map[string]bool{}
	if err := yamlfs.Decode(data.Actors(), "countries.yaml", &cs); err != nil {
		return m // the embedded data is validated by the tests
	}
	for _, c := range cs {
		m[c.Code] = true
	}
	return m
})

// petrCodeCountry returns the country code that code starts with, or "".
func petrCodeCountry(code string) string {
	if len(code) >= 3 && petrCountryCodes()[code[:3]] {
		return code[:3]
	}
	return ""
}

// petrInitialsSkip are the words that initials often leave out.
var petrInitialsSkip = map[string]bool{
	"OF": true, "THE": true, "AND": true, "FOR": true, "IN": true, "ON": true, "AT": true, "TO": true,
	"&": true, "DE": true, "DU": true, "DES": true, "LA": true, "LE": true, "AL": true, "EL": true,
}

// petrInitials returns the initials of an entry's names of two or more words, with and without
// the words in petrInitialsSkip: "ZEALOUS ORDER OF TIN AXES" gives "ZOTA" (and "ZOOTA").
func petrInitials(names []string) map[string]bool {
	out := map[string]bool{}
	for _, n := range names {
		words := strings.FieldsFunc(strings.ToUpper(n), func(r rune) bool { return r == ' ' || r == '-' })
		if len(words) < 2 {
			continue
		}
		var all, some strings.Builder
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsLetter(r) {
				continue
			}
			all.WriteRune(r)
			if !petrInitialsSkip[w] {
				some.WriteRune(r)
			}
		}
		for _, s := range []string{all.String(), some.String()} {
			if utf8.RuneCountInString(s) >= 2 {
				out[s] = true
			}
		}
	}
	return out
}

// petrLowerWords are the words written in lower case inside a name.
var petrLowerWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "at": true, "to": true,
	"by": true, "with": true, "from": true, "de": true, "da": true, "di": true, "do": true, "dos": true,
	"das": true, "du": true, "del": true, "della": true, "des": true, "der": true, "den": true,
	"van": true, "von": true, "la": true, "le": true, "y": true, "al": true, "el": true, "bin": true,
	"ibn": true, "bint": true, "wal": true,
}

// petrAbbrevWords are vowel-less words that are abbreviations written in mixed case, not acronyms.
var petrAbbrevWords = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "jr": true, "sr": true, "jnr": true,
	"snr": true, "mt": true, "ft": true, "lt": true, "sgt": true, "cdr": true, "cmdr": true, "pvt": true,
	"wm": true, "hwy": true, "bldg": true, "ltd": true, "plc": true, "pty": true, "bhd": true,
	"grp": true, "mgmt": true, "svcs": true, "hldgs": true,
}

var petrRomanNumerals = map[string]bool{
	"II": true, "III": true, "IV": true, "VI": true, "VII": true, "VIII": true, "IX": true, "XI": true, "XII": true,
}

// petrDisplayName recases a dictionary name for matching (see ReadPetrarchActors).
// initials are the entry's initials (petrInitials).
func petrDisplayName(name string, initials map[string]bool) string {
	words := strings.Fields(name)
	first := 0
	if len(words) > 1 && strings.EqualFold(words[0], "the") {
		words[0] = "the"
		first = 1
	}
	for i := first; i < len(words); i++ {
		words[i] = petrDisplayWord(words[i], i == first, initials)
	}
	return strings.Join(words, " ")
}

func petrDisplayWord(w string, first bool, initials map[string]bool) string {
	// The tokeniser splits off a possessive: judge the word without it ("PEOPLE's").
	if n := len(w); n > 2 && (strings.HasSuffix(w, "'S") || strings.HasSuffix(w, "'s")) {
		return petrDisplayWord(w[:n-2], first, initials) + "'s"
	}
	letters, vowels := 0, 0
	onlyLetters := true
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			return w // the dictionary chose its case
		case unicode.IsLetter(r):
			letters++
			if strings.ContainsRune("AEIOUY", r) {
				vowels++
			}
		default:
			onlyLetters = false
		}
	}
	if letters == 0 || petrDottedInitials(w) {
		return w
	}
	lw := strings.ToLower(w)
	if !first && petrLowerWords[lw] {
		return lw
	}
	if !first && petrRomanNumerals[w] {
		return w
	}
	if onlyLetters && letters >= 2 && letters <= 8 && initials[w] {
		return w
	}
	if onlyLetters && letters >= 2 && letters <= 4 && vowels == 0 && !petrAbbrevWords[lw] {
		return w
	}
	for _, art := range []string{"al-", "el-"} {
		if strings.HasPrefix(lw, art) && len(w) > len(art) {
			return art + petrTitleWord(w[len(art):])
		}
	}
	return petrTitleWord(w)
}

// petrDottedInitials reports whether w is initials written with periods: "U.N.", "U.S.S.R".
func petrDottedInitials(w string) bool {
	n := 0
	prevLetter := false
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			if prevLetter {
				return false
			}
			prevLetter = true
			n++
		case r == '.':
			if !prevLetter {
				return false
			}
			prevLetter = false
		default:
			return false
		}
	}
	return n >= 2
}

// petrTitleWord writes an upper-case word in Title Case: the first letter of each part after "-",
// "/", "&" or "+" stays a capital, as does the letter after an apostrophe that follows a single
// letter ("O'NEILL" → "O'Neill"); the other letters become lower case.
func petrTitleWord(w string) string {
	rs := []rune(w)
	start := true // the next letter starts a part
	for i, r := range rs {
		switch {
		case r == '-' || r == '/' || r == '&' || r == '+':
			start = true
		case r == '\'' && i >= 1 && unicode.IsLetter(rs[i-1]) && (i == 1 || !unicode.IsLetter(rs[i-2])):
			start = true
		case unicode.IsLetter(r):
			if !start {
				rs[i] = unicode.ToLower(r)
			}
			start = false
		case unicode.IsDigit(r):
			start = false
		}
	}
	return string(rs)
}

// readPetrarchAgents reads an agent dictionary; lines is the number of content lines.
func readPetrarchAgents(r io.Reader, name string) (roles []RoleWords, errs []*PetrarchError, lines int, err error) {
	dl, errs, err := petrReadLines(r, name, false)
	if err != nil {
		return nil, nil, 0, err
	}
	lines = len(dl) + len(errs)
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &PetrarchError{name, n, fmt.Sprintf(format, args...)})
	}
	// Substitution sets may be defined anywhere in the file.
	sets := map[string][]string{}
	isSet := func(s string) bool { return strings.Contains(s, "!") && strings.Contains(s, "=") }
	for _, l := range dl {
		if !isSet(l.text) {
			continue
		}
		s := l.text
		lhs, rhs, _ := strings.Cut(s, "=")
		lhs = strings.TrimSpace(lhs)
		if len(lhs) < 3 || lhs[0] != '!' || lhs[len(lhs)-1] != '!' || strings.Count(lhs, "!") != 2 {
			bad(l.n, "bad substitution set %q: want !NAME! = A, B, ...", s)
			continue
		}
		var items []string
		for _, it := range strings.Split(rhs, ",") {
			if it = petrNormName(it); it != "" {
				items = append(items, it)
			}
		}
		if len(items) == 0 {
			bad(l.n, "empty substitution set %s", lhs)
			continue
		}
		sets[lhs[1:len(lhs)-1]] = items
	}
	index := map[string]int{}
	add := func(code, w string) {
		i, ok := index[code]
		if !ok {
			i = len(roles)
			index[code] = i
			roles = append(roles, RoleWords{Code: code})
		}
		if !slices.Contains(roles[i].Words, w) {
			roles[i].Words = append(roles[i].Words, w)
		}
	}
	for _, l := range dl {
		if isSet(l.text) {
			continue
		}
		head, groups, err := petrSplitBrackets(l.text)
		if err == nil && len(groups) == 0 {
			err = errors.New("no [code]")
		}
		if err != nil {
			bad(l.n, "%v", err)
			continue
		}
		code := strings.TrimSpace(groups[0])
		if t, ok := strings.CutPrefix(code, "~"); ok {
			code = t
		} else {
			code = strings.TrimSuffix(code, "~")
		}
		code = strings.ToUpper(strings.TrimSpace(code))
		if !isPetrCode(code) {
			bad(l.n, "bad agent code [%s]", groups[0])
			continue
		}
		phrase, plural := head, ""
		if i := strings.IndexByte(head, '{'); i >= 0 {
			j := strings.IndexByte(head[i:], '}')
			if j < 0 {
				bad(l.n, "unclosed {")
				continue
			}
			phrase, plural = head[:i], head[i+1:i+j]
		} else if strings.IndexByte(head, '}') >= 0 {
			bad(l.n, `"}" without "{"`)
			continue
		}
		words, err := petrExpandSets(phrase, sets)
		if err == nil && len(words) == 0 {
			err = errors.New("no words")
		}
		var plurals []string
		if err == nil {
			plurals, err = petrExpandSets(plural, sets)
		}
		if err != nil {
			bad(l.n, "%v", err)
			continue
		}
		for _, w := range append(words, plurals...) {
			add(code, strings.ToLower(w))
		}
	}
	for i := range roles {
		roles[i].Words = petrDropPlurals(roles[i].Words)
	}
	return roles, errs, lines, nil
}

// petrExpandSets expands the substitution sets (!NAME!) in an agent phrase and returns the phrases
// it stands for, normalised; an empty phrase gives none.
func petrExpandSets(phrase string, sets map[string][]string) ([]string, error) {
	todo := []string{phrase}
	var out []string
	for len(todo) > 0 {
		p := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		i := strings.IndexByte(p, '!')
		if i < 0 {
			if n := petrNormName(p); n != "" {
				out = append(out, n)
			}
			continue
		}
		j := strings.IndexByte(p[i+1:], '!')
		if j < 0 {
			return nil, fmt.Errorf("unclosed substitution marker in %q", strings.TrimSpace(phrase))
		}
		set, ok := sets[p[i+1:i+1+j]]
		if !ok {
			return nil, fmt.Errorf("undefined substitution set !%s!", p[i+1:i+1+j])
		}
		for k := len(set) - 1; k >= 0; k-- {
			todo = append(todo, p[:i]+set[k]+p[i+1+j+1:])
		}
		if len(todo)+len(out) > petrMaxExpansions {
			return nil, fmt.Errorf("substitution sets expand %q into more than %d phrases", strings.TrimSpace(phrase), petrMaxExpansions)
		}
	}
	return out, nil
}

// petrDropPlurals removes the words that are the plural the recognizer derives from another
// word of the list (inflect).
func petrDropPlurals(words []string) []string {
	plurals := map[string]bool{}
	for _, w := range words {
		if f := inflect(w); len(f) > 1 && f[1] != w {
			plurals[f[1]] = true
		}
	}
	out := words[:0]
	for _, w := range words {
		if !plurals[w] {
			out = append(out, w)
		}
	}
	return out
}

// Merge adds o's entries to kb. An entry whose key kb already has — a country's code, an
// organisation's name, a role-word group's code, a person's name and country — is merged into
// kb's entry rather than added: its aliases (and a country's other name), demonyms, metonyms, role
// words and roles that kb's entry lacks are appended, and kb's name, code, type, country and
// capital are kept. Every other
// entry is appended, except that a name, alias, demonym, metonym or role word that kb already
// has anywhere (compared case-insensitively, without a leading "the") is not added again, so that
// o never shadows or duplicates what kb recognises; an organisation or person left without any
// name is dropped, and otherwise its first remaining name becomes its name. Entries of o that
// repeat each other are merged the same way. o is not modified and shares no memory with kb.
func (kb *KB) Merge(o *KB) {
	if o == nil {
		return
	}
	m := newKBMerger(kb)
	for _, c := range o.Countries {
		m.country(c)
	}
	for _, org := range o.Organizations {
		m.organization(org)
	}
	for _, r := range o.Roles {
		m.roleWords(r)
	}
	for _, p := range o.People {
		m.person(p)
	}
}

type kbMerger struct {
	kb        *KB
	forms     map[string]bool // every name, alias, demonym and metonym of kb
	words     map[string]bool // every role word of kb
	countries map[string]int  // code → index
	orgs      map[string]int  // mergeKey(name) → index
	roles     map[string]int  // code → index
	people    map[string]int  // mergeKey(name)|country → index
}

func newKBMerger(kb *KB) *kbMerger {
	m := &kbMerger{kb: kb, forms: map[string]bool{}, words: map[string]bool{},
		countries: map[string]int{}, orgs: map[string]int{}, roles: map[string]int{}, people: map[string]int{}}
	for i, c := range kb.Countries {
		m.countries[c.Code] = i
		m.addForms(c.Name, c.Capital)
		m.addForms(c.Aliases...)
		m.addForms(c.Demonyms...)
		for _, mt := range c.Metonyms {
			m.addForms(mt.Text)
		}
	}
	for i, o := range kb.Organizations {
		if _, ok := m.orgs[mergeKey(o.Name)]; !ok {
			m.orgs[mergeKey(o.Name)] = i
		}
		m.addForms(o.Name)
		m.addForms(o.Aliases...)
	}
	for i, r := range kb.Roles {
		if _, ok := m.roles[r.Code]; !ok {
			m.roles[r.Code] = i
		}
		for _, w := range r.Words {
			m.words[mergeKey(w)] = true
		}
	}
	for i, p := range kb.People {
		if k := mergeKey(p.Name) + "|" + p.Country; !m.hasPerson(k) {
			m.people[k] = i
		}
		m.addForms(p.Name)
		m.addForms(p.Aliases...)
	}
	return m
}

func (m *kbMerger) hasPerson(k string) bool { _, ok := m.people[k]; return ok }

// mergeKey is the key under which a surface form is compared.
func mergeKey(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	if rest, ok := strings.CutPrefix(s, "the "); ok {
		return rest
	}
	return s
}

func (m *kbMerger) addForms(ss ...string) {
	for _, s := range ss {
		if s != "" {
			m.forms[mergeKey(s)] = true
		}
	}
}

// fresh returns the strings of ss that are not forms of kb yet, and records them.
func (m *kbMerger) fresh(ss []string) []string {
	var out []string
	for _, s := range ss {
		if k := mergeKey(s); k != "" && !m.forms[k] {
			m.forms[k] = true
			out = append(out, s)
		}
	}
	return out
}

func (m *kbMerger) country(c Country) {
	aliases := c.Aliases
	i, ok := m.countries[c.Code]
	if ok {
		aliases = append([]string{c.Name}, aliases...) // another name for the same country
	} else {
		i = len(m.kb.Countries)
		m.countries[c.Code] = i
		m.addForms(c.Name, c.Capital)
		m.kb.Countries = append(m.kb.Countries, Country{Code: c.Code, ISO2: c.ISO2, Name: c.Name, Capital: c.Capital})
	}
	k := &m.kb.Countries[i]
	k.Aliases = append(k.Aliases, m.fresh(aliases)...)
	k.Demonyms = append(k.Demonyms, m.fresh(c.Demonyms)...)
	for _, mt := range c.Metonyms {
		if len(m.fresh([]string{mt.Text})) > 0 {
			k.Metonyms = append(k.Metonyms, mt)
		}
	}
}

func (m *kbMerger) organization(o Organization) {
	if i, ok := m.orgs[mergeKey(o.Name)]; ok {
		k := &m.kb.Organizations[i]
		k.Aliases = append(k.Aliases, m.fresh(o.Aliases)...)
		return
	}
	names := m.fresh(append([]string{o.Name}, o.Aliases...))
	if len(names) == 0 {
		return
	}
	m.orgs[mergeKey(names[0])] = len(m.kb.Organizations)
	o.Name, o.Aliases = names[0], petrOthers(names)
	m.kb.Organizations = append(m.kb.Organizations, o)
}

func (m *kbMerger) roleWords(r RoleWords) {
	var words []string
	for _, w := range r.Words {
		if k := mergeKey(w); k != "" && !m.words[k] {
			m.words[k] = true
			words = append(words, w)
		}
	}
	if i, ok := m.roles[r.Code]; ok {
		m.kb.Roles[i].Words = append(m.kb.Roles[i].Words, words...)
		return
	}
	if len(words) == 0 {
		return
	}
	m.roles[r.Code] = len(m.kb.Roles)
	m.kb.Roles = append(m.kb.Roles, RoleWords{Code: r.Code, Words: words})
}

func (m *kbMerger) person(p Person) {
	if i, ok := m.people[mergeKey(p.Name)+"|"+p.Country]; ok {
		k := &m.kb.People[i]
		k.Aliases = append(k.Aliases, m.fresh(p.Aliases)...)
		for _, r := range p.Roles {
			if !slices.Contains(k.Roles, r) {
				k.Roles = append(k.Roles, r)
			}
		}
		return
	}
	names := m.fresh(append([]string{p.Name}, p.Aliases...))
	if len(names) == 0 {
		return
	}
	m.people[mergeKey(names[0])+"|"+p.Country] = len(m.kb.People)
	p.Name, p.Aliases, p.Roles = names[0], petrOthers(names), slices.Clone(p.Roles)
	m.kb.People = append(m.kb.People, p)
}
