package actors

import (
	"github.com/dyad-project/dyad/nlp/ner"
	"github.com/dyad-project/dyad/nlp/pos"
	"slices"
	"strings"
	"time"

	"github.com/dyad-project/dyad/nlp"
)

// Mention is a mention of an actor or a named entity in a document.
type Mention struct {
	nlp.Span        // the name as written
	First, Last int // its tokens [First, Last)
	Sentence    int
	Type        string // PER, ORG, LOC or MISC; empty for an unnamed actor ("his government")
	Kind        Kind
	// The resolved actor; Code is empty when the mention is not in the knowledge base or could
	// not be resolved.
	Name, Code, Country string
	Person              int // index in KB.People, or -1
	// Phrase is the whole actor phrase when role words or a possessive go with the name
	// ("Russian foreign minister", "Russia's military"), and PhraseCode its code ("RUSGOV").
	Phrase     nlp.Span
	PhraseCode string
	// Ref is the index of the earlier mention this one refers back to (a surname to the full
	// name), or -1.
	Ref int

	surname   string // the knowledge-base surname a misspelt mention stands for
	ambiguous bool   // the surname of several people of one country: coded by the country alone
}

// kindRank orders the kinds a phrase can have: the first applicable wins.
var kindRank = [...]int{KindPerson: 0, KindOrg: 1, KindPlace: 2, KindMetonym: 3, KindCountry: 4, KindDemonym: 5, KindSurname: 6, KindRole: 7, KindName: 8}

// Find returns the mentions of actors and named entities in doc, resolved at date (the article's date; zero
// for unknown, which uses ix.RefDate). Mentions are in text order and do not overlap.
func (ix *Index) Find(doc *nlp.Doc, date time.Time) []Mention {
	if date.IsZero() {
		date = ix.RefDate
	}
	var ms []Mention
	sc := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(sc)
	roles := sc.roles[:0]
	words := sc.words[:0]
	defer func() { sc.roles, sc.words = roles[:0], clearStrings(words) }()
	for si, s := range doc.Sentences {
		words = words[:0]
		for i := s.First; i < s.Last; i++ {
			words = append(words, doc.Word(i))
		}
		for i := 0; i < len(words); {
			n, f := ix.longest(doc, s.First, words, i)
			if n == 0 {
				if sn := ix.typoAt(doc, s.First+i, words[i]); sn != "" {
					m := ix.personMention(doc, s.First+i, s.First+i+1, si, -1, KindSurname)
					m.surname = sn
					ms = append(ms, m)
				} else if f, ok := ix.placeTypo(doc, s.First+i, words[i]); ok {
					ms = append(ms, ix.mention(doc, s.First+i, s.First+i+1, si, f))
				}
				i++
				continue
			}
			first, last := s.First+i, s.First+i+n
			if f.kind == KindRole {
				roles = append(roles, roleHit{first, last, ix.roles[f.ref].code, ix.roles[f.ref].word})
			} else {
				ms = append(ms, ix.mention(doc, first, last, si, f))
			}
			i += n
		}
	}
	ms = ix.resolve(doc, ms, date)
	ethnicGroups(doc, ms)
	ms = ix.addNames(doc, ms, sc)
	ix.compose(doc, ms, roles)
	refs := ix.roleReferents(doc, ms, roles, date)
	refs = append(refs, ix.possessiveRoles(doc, ms, roles)...)
	refs = append(refs, ix.bareRoles(doc, ms, refs, roles)...)
	if len(refs) > 0 {
		ms = append(ms, refs...)
		slices.SortStableFunc(ms, func(a, b Mention) int { return a.Start - b.Start })
	}
	return ms
}

// scratch holds the buffers of one Find call, recycled through Index.scratch.
type scratch struct {
	roles   []roleHit
	words   []string
	covered []bool
	tags    []pos.Tag
	marks   []ner.Mark
	ents    []ner.Entity
}

// clearStrings empties s, dropping its references to the document's text.
func clearStrings(s []string) []string {
	clear(s)
	return s[:0]
}

type roleHit struct {
	first, last int
	code, word  string
}

// longest returns the longest knowledge-base phrase at words[i] whose capitalisation fits the
// text, and its best form.
func (ix *Index) longest(doc *nlp.Doc, base int, words []string, i int) (int, form) {
	n, vals := ix.match.Longest(words, i)
	if n == 0 {
		return 0, form{}
	}
	best, ok := form{}, false
	for _, v := range vals {
		f := ix.forms[v]
		if !fits(doc, base+i, n, f) {
			continue
		}
		if !ok || kindRank[f.kind] < kindRank[best.kind] {
			best, ok = f, true
		}
	}
	if !ok {
		return 0, form{}
	}
	return n, best
}

// fits reports whether the n tokens at i have the capitalisation form f asks for.
func fits(doc *nlp.Doc, i, n int, f form) bool {
	for k := 0; k < n; k++ {
		t := doc.Tokens[i+k].Flags
		if f.upper&(1<<k) != 0 && t&nlp.AllUpper == 0 {
			return false
		}
		if f.caps&(1<<k) != 0 && t&nlp.Upper == 0 {
			return false
		}
		if f.exact != nil && doc.Word(i+k) != f.exact[k] {
			return false
		}
	}
	return true
}

// typoAt returns the surname that word misspells, when word is a capitalised name not at the
// start of its sentence, or "".
func (ix *Index) typoAt(doc *nlp.Doc, tok int, word string) string {
	f := doc.Tokens[tok].Flags
	if f&nlp.Upper == 0 || f&nlp.AllUpper != 0 || len(word) < minTypoLen {
		return ""
	}
	if s := doc.SentenceAt(int(doc.Tokens[tok].Start)); s >= 0 && doc.Sentences[s].First == tok {
		return ""
	}
	return ix.typo(word)
}

func (ix *Index) mention(doc *nlp.Doc, first, last, sentence int, f form) Mention {
	m := Mention{
		Span:     nlp.Span{Start: int(doc.Tokens[first].Start), End: int(doc.Tokens[last-1].End)},
		First:    first,
		Last:     last,
		Sentence: sentence,
		Kind:     f.kind,
		Person:   -1,
		Ref:      -1,
	}
	switch f.kind {
	case KindCountry:
		c := ix.KB.Countries[f.ref]
		m.Type, m.Name, m.Code, m.Country = "LOC", c.Name, c.Code, c.Code
	case KindDemonym:
		c := ix.KB.Countries[f.ref]
		m.Type, m.Name, m.Code, m.Country = "MISC", c.Name, c.Code, c.Code
	case KindMetonym:
		mt := ix.metonyms[f.ref]
		m.Type, m.Name, m.Code, m.Country = "ORG", mt.Text, mt.Code, mt.country
		if mt.capital {
			m.Type = "LOC"
		}
	case KindPlace:
		p := ix.KB.Places[f.ref]
		m.Type, m.Name, m.Code, m.Country = "LOC", p.Name, p.Code, p.Country
		if m.Code == "" {
			m.Code = p.Country // a city stands for its country, as GDELT's geography does
		}
	case KindOrg:
		o := ix.KB.Organizations[f.ref]
		m.Type, m.Name, m.Code, m.Country = "ORG", o.Name, o.Code, o.Country
	case KindPerson, KindSurname:
		return ix.personMention(doc, first, last, sentence, int(f.ref), f.kind)
	}
	m.Phrase, m.PhraseCode = m.Span, m.Code
	return m
}

func (ix *Index) personMention(doc *nlp.Doc, first, last, sentence, p int, k Kind) Mention {
	m := Mention{
		Span:     nlp.Span{Start: int(doc.Tokens[first].Start), End: int(doc.Tokens[last-1].End)},
		First:    first,
		Last:     last,
		Sentence: sentence,
		Type:     "PER",
		Kind:     k,
		Person:   p,
		Ref:      -1,
	}
	if p >= 0 {
		m.Name, m.Country = ix.KB.People[p].Name, ix.KB.People[p].Country
	}
	return m
}

// withFirstName extends a surname mention over the first name just before it ("Sergey ZLavrov").
func (ix *Index) withFirstName(doc *nlp.Doc, m *Mention) {
	if m.First == 0 || doc.SentenceAt(int(doc.Tokens[m.First-1].Start)) != m.Sentence {
		return
	}
	if ix.isFirstName(m.Person, doc.Word(m.First-1)) {
		m.First--
		m.Start = int(doc.Tokens[m.First].Start)
		m.Kind = KindPerson
	}
}

// resolve settles who each person mention is and codes it at date. A full name is coded by the
// role its person held that day. A surname alone refers to the latest full mention of a person
// with that surname; failing that, to the one person of that surname who held a role that day,
// preferring a head of state or government; failing that it stays unresolved.
func (ix *Index) resolve(doc *nlp.Doc, ms []Mention, date time.Time) []Mention {
	for i := range ms {
		m := &ms[i]
		if m.Person < 0 && m.Kind != KindSurname {
			continue
		}
		if m.Kind == KindSurname {
			ref, p := ix.surnameReferent(doc, ms[:i], m, date)
			m.Ref = ref
			if p < 0 {
				m.Kind = 0 // unresolved: dropped below, left to the statistical tagger
				continue
			}
			m.Person, m.Name, m.Country = p, ix.KB.People[p].Name, ix.KB.People[p].Country
			if m.ambiguous {
				m.Name, m.Code, m.Phrase, m.PhraseCode = doc.Text[m.Start:m.End], m.Country, m.Span, m.Country
				continue
			}
			ix.withFirstName(doc, m)
		}
		m.Code = ix.personCode(m.Person, date)
		m.Country = ix.countryOf(m.Code)
		m.Phrase, m.PhraseCode = m.Span, m.Code
	}
	kept := ms[:0]
	for _, m := range ms {
		if m.Kind != 0 {
			kept = append(kept, m)
		}
	}
	return kept
}

func (ix *Index) surnameReferent(doc *nlp.Doc, before []Mention, m *Mention, date time.Time) (ref, person int) {
	word := doc.Text[m.Start:m.End]
	if m.surname != "" {
		word = m.surname
	}
	for j := len(before) - 1; j >= 0; j-- {
		b := &before[j]
		if b.Person < 0 || b.Kind == KindSurname && b.Ref < 0 {
			continue
		}
		for _, s := range ix.surnames[b.Person] {
			if strings.EqualFold(s, word) || b.Person == m.Person {
				return j, b.Person
			}
		}
	}
	// No earlier mention: the people with this surname active on date.
	var cands []int
	for _, f := range ix.surnameForms(word) {
		if _, ok := ix.activeRole(int(f), date); ok && !contains(cands, int(f)) {
			cands = append(cands, int(f))
		}
	}
	// A bare surname starting a sentence must be tagged a proper noun: "One of the ships" is not
	// a Mr One.
	if s := doc.Sentences[m.Sentence]; m.First == s.First && m.Last-m.First == 1 {
		if t := doc.Tokens[m.First].Tag.String(); t != "NNP" && t != "NNPS" && t != "" {
			return -1, -1
		}
	}
	// A surname next to another capitalised word that is neither a title, a role, nor the
	// person's first name ("Khan Sheikhun", "Sadiq Khan") is part of a name the knowledge base
	// lacks.
	cands = slices.DeleteFunc(cands, func(p int) bool { return ix.inLongerName(doc, m, p) })
	switch len(cands) {
	case 0:
		return -1, ix.sameCountry(doc, m, word)
	case 1:
		return -1, cands[0]
	}
	leader := -1
	for _, p := range cands {
		if r, _ := ix.activeRole(p, date); isLeaderTitle(r.Title) {
			if leader >= 0 {
				return -1, -1
			}
			leader = p
		}
	}
	return -1, leader
}

// sameCountry returns, for a surname that no one held a role under on the article's date, one of
// the people who bear it when they all share a country — their code is then that country's alone
// ("the Bush administration" in an undated text is American, whichever Bush) — or -1.
func (ix *Index) sameCountry(doc *nlp.Doc, m *Mention, word string) int {
	found := -1
	for _, f := range ix.surnameForms(word) {
		p := int(f)
		if ix.inLongerName(doc, m, p) {
			return -1
		}
		if found >= 0 && ix.KB.People[found].Country != ix.KB.People[p].Country {
			return -1
		}
		found = p
	}
	if found >= 0 {
		m.ambiguous = true
	}
	return found
}

// inLongerName reports whether the capitalised words around mention m make it part of a longer
// name.
func (ix *Index) inLongerName(doc *nlp.Doc, m *Mention, p int) bool {
	s := doc.Sentences[m.Sentence]
	if m.Last < s.Last && doc.Tokens[m.Last].Flags&nlp.Upper != 0 && !ix.isTitle(doc.Word(m.Last)) {
		return true
	}
	before := m.First - 1
	if before > s.First && particles[strings.ToLower(doc.Word(before))] {
		before-- // "Omar El Bashir": the particle belongs to the surname
	}
	if before >= s.First && doc.Tokens[before].Flags&nlp.Upper != 0 {
		prev := doc.Word(before)
		return before > s.First && !ix.isTitle(prev) && !ix.isFirstName(p, prev)
	}
	return false
}

// isFirstName reports whether w is the first word of one of person p's names.
func (ix *Index) isFirstName(p int, w string) bool {
	for _, f := range ix.firstNames[p] {
		if strings.EqualFold(f, w) {
			return true
		}
	}
	return false
}

// isTitle reports whether w is an honorific or a role word ("Mr", "President", "Minister").
func (ix *Index) isTitle(w string) bool {
	if _, ok := honorifics[strings.TrimSuffix(w, ".")]; ok {
		return true
	}
	n, vals := ix.match.Longest([]string{w}, 0)
	if n == 0 {
		return false
	}
	for _, v := range vals {
		if ix.forms[v].kind == KindRole {
			return true
		}
	}
	return false
}

var honorifics = map[string]struct{}{
	"Mr": {}, "Mrs": {}, "Ms": {}, "Miss": {}, "Dr": {}, "Sir": {}, "Dame": {}, "Lord": {}, "Lady": {},
	"Gen": {}, "Sen": {}, "Rep": {}, "Gov": {}, "Prof": {}, "Sheikh": {}, "Prince": {}, "Princess": {},
	"Mister": {}, "Madam": {}, "Monsieur": {}, "Herr": {}, "Frau": {}, "Senor": {}, "Señor": {},
}

// surnameForms returns the people who have word as a surname.
func (ix *Index) surnameForms(word string) []int32 {
	var buf [4]string
	toks := buf[:1]
	toks[0] = word
	if strings.Contains(word, " ") {
		toks = tokens(buf[:0], word) // a surname with its particle: "de Mistura"
	}
	n, vals := ix.match.Longest(toks, 0)
	if n != len(toks) {
		return nil
	}
	var ps []int32
	for _, v := range vals {
		if f := ix.forms[v]; f.kind == KindSurname || f.kind == KindPerson {
			ps = append(ps, f.ref)
		}
	}
	return ps
}

func contains(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func isLeaderTitle(t string) bool {
	t = strings.ToLower(t)
	return strings.HasPrefix(t, "president") || strings.HasPrefix(t, "prime minister") ||
		strings.HasPrefix(t, "chancellor") || strings.HasPrefix(t, "king") || strings.HasPrefix(t, "queen") ||
		strings.HasPrefix(t, "emir") || strings.HasPrefix(t, "supreme leader") || strings.HasPrefix(t, "secretary-general")
}

// countryOf returns the country part of an actor code ("RUS" of "RUSGOV"), or "" for a code
// of an international actor ("IGOUNO").
func (ix *Index) countryOf(code string) string {
	if len(code) < 3 {
		return ""
	}
	if _, ok := ix.country[code[:3]]; ok {
		return code[:3]
	}
	return ""
}

// activeRole returns the role person p held on date; when several, the one that began last.
func (ix *Index) activeRole(p int, date time.Time) (Role, bool) {
	var best Role
	found := false
	for _, r := range ix.KB.People[p].Roles {
		if !r.From.IsZero() && date.Before(r.From.First()) {
			continue
		}
		if !r.To.IsZero() && date.After(r.To.Last()) {
			continue
		}
		if !found || r.From.First().After(best.From.First()) {
			best, found = r, true
		}
	}
	return best, found
}

// personCode returns person p's actor code on date: the code of the role they held, or their
// country's code alone.
func (ix *Index) personCode(p int, date time.Time) string {
	if r, ok := ix.activeRole(p, date); ok {
		return r.Code
	}
	return ix.KB.People[p].Country
}

// compose joins role words to the names next to them: "Russian foreign minister" and
// "Russia's army" become actor phrases coded RUSGOV and RUSMIL. A person or an organisation
// that names the role words right before them stands for its country or itself: "the Bush
// administration" is USAGOV, "NATO troops" and "European Community foreign ministers" are
// NATO's and the Community's. A person's own code, from the knowledge base at the article's
// date, is kept.
func (ix *Index) compose(doc *nlp.Doc, ms []Mention, roles []roleHit) {
	for _, r := range roles {
		for i := range ms {
			m := &ms[i]
			gap := r.first - m.Last
			if m.Code == "" || !(gap == 0 || gap == 1 && doc.Word(m.Last) == "'s" || gap >= 1 && gap <= 2 && modifiers(doc, m.Last, r.first)) {
				continue
			}
			switch b := baseCode(m); {
			case b != "":
				m.PhraseCode = b + r.code
			case m.Person >= 0 || m.Kind == KindOrg:
				m.PhraseCode = m.Code
			default:
				continue
			}
			m.Phrase.End = int(doc.Tokens[r.last-1].End)
		}
	}
	// A title before a person's name gives the role the person's code lacks: "Bree Prime
	// Minister Romendacil", "Gondor's Prime Minister Falastur" (the country's code with the
	// role's, from the phrase the title ends), "President Dos Santos".
	for _, r := range roles {
		for i := range ms {
			m := &ms[i]
			if m.First != r.last || m.Person < 0 && m.Kind != KindPerson && m.Kind != KindOrg || len(m.Code) != 3 {
				continue
			}
			code := baseCode(m) + r.code
			end := int(doc.Tokens[r.last-1].End)
			for j := range ms {
				if j != i && ms[j].Phrase.End == end && ms[j].PhraseCode != ms[j].Code {
					code = ms[j].PhraseCode
				}
			}
			m.PhraseCode = code
		}
	}
	// Role words before a name they belong to: "the president of Armenia", "security forces
	// in Guinea" (but not "troops in Iraq": armies serve abroad; nor "its troops in Iraq"),
	// "soldiers from Chad" as a subject.
	for _, r := range roles {
		if r.last+1 >= len(doc.Tokens) || claimedRole(doc, ms, r) || r.first > 0 && possessiveDeterminer(doc.Word(r.first-1)) {
			continue
		}
		switch strings.ToLower(doc.Word(r.last)) {
		case "of":
		case "in":
			if r.code == "MIL" {
				continue
			}
		case "from":
			// Only as a subject: "Soldiers from Chad attacked", not "withdrew troops from Chad".
			if !subjectStart(doc, r.first) {
				continue
			}
		default:
			continue
		}
		name := r.last + 1 // the name, after a determiner or a number: "of the United States", "from two aid groups"
		for name < len(doc.Tokens) && name < r.last+3 && determinerOrNumber(doc, name) {
			name++
		}
		for i := range ms {
			m := &ms[i]
			if m.First != name || m.Code == "" || m.Person >= 0 || m.Phrase.Start < m.Start {
				continue
			}
			m.Phrase.Start = int(doc.Tokens[r.first].Start)
			roleCode(m, r.code)
			// The role goes with every member of a list: "the ambassadors of A, B and C".
			for j, last := i+1, m.Last; j < len(ms); j++ {
				n := &ms[j]
				if !listLink(doc, last, n.First) || n.Code == "" || n.Person >= 0 {
					break
				}
				roleCode(n, r.code)
				last = n.Last
			}
			break
		}
	}
}

// determinerOrNumber reports whether token i is a determiner or a number.
func determinerOrNumber(doc *nlp.Doc, i int) bool {
	if doc.Tokens[i].Flags&nlp.Digit != 0 {
		return true
	}
	switch strings.ToLower(doc.Word(i)) {
	case "the", "a", "an", "two", "three", "four", "five", "several", "some", "many", "its", "their":
		return true
	}
	return false
}

// roleCode sets the code of mention m with role code role.
func roleCode(m *Mention, role string) {
	if b := baseCode(m); b != "" {
		m.PhraseCode = b + role
	} else {
		m.PhraseCode = m.Code
	}
}

// listLink reports whether tokens [a, b) join two members of a list: ",", "and", ", and".
func listLink(doc *nlp.Doc, a, b int) bool {
	switch b - a {
	case 1:
		return doc.Word(a) == "," || strings.EqualFold(doc.Word(a), "and")
	case 2:
		return doc.Word(a) == "," && strings.EqualFold(doc.Word(a+1), "and")
	}
	return false
}

// subjectStart reports whether token i starts its sentence, after a determiner at most.
func subjectStart(doc *nlp.Doc, i int) bool {
	first := doc.Sentences[doc.SentenceAt(int(doc.Tokens[i].Start))].First
	switch i - first {
	case 0:
		return true
	case 1:
		switch strings.ToLower(doc.Word(first)) {
		case "the", "a", "an", "some", "many":
			return true
		}
	}
	return false
}

// baseCode returns the code that role codes extend for mention m: its country; for a body
// that is not a country, "" (the role words stand for the body itself: "UN peacekeepers"); in
// an actor dictionary without countries (PETRARCH's unit tests), a three-letter code, which
// stands for a country there.
func baseCode(m *Mention) string {
	switch {
	case len(m.Code) == 3 && (m.Kind == KindOrg || m.Country == ""):
		return m.Code
	case m.Kind == KindOrg:
		return ""
	}
	return m.Country
}

// ethnicGroups reads the nationality words that name a people where it lives rather than a
// state: "ethnic Albanians" in Serbia or Macedonia are not Albania's (role words after them are
// then placed by the sentence: "ethnic Albanian guerrillas operating in Macedonia"), and "the
// Albanians of southern Serbia" are Serbia's.
func ethnicGroups(doc *nlp.Doc, ms []Mention) {
	for i := range ms {
		m := &ms[i]
		if m.Kind != KindDemonym {
			continue
		}
		if m.First > 0 && strings.EqualFold(doc.Word(m.First-1), "ethnic") {
			m.Name, m.Code, m.Country, m.PhraseCode = "", "", "", ""
			continue
		}
		// "The Albanians of southern Serbia", "Turks in Germany": a people where they live.
		if i+1 < len(ms) && m.Last < len(doc.Tokens) && livingIn(doc, m.Last, ms[i+1].First) && ms[i+1].Country != "" &&
			ms[i+1].Kind != KindDemonym && ms[i+1].Person < 0 {
			n := &ms[i+1]
			m.Code, m.Country, m.PhraseCode = n.Country, n.Country, n.Country
			m.Phrase.End = n.End
		}
	}
}

// livingIn reports whether tokens [a, b) are "of" or "in", with up to two lower-case words
// after it: "of southern", "in".
func livingIn(doc *nlp.Doc, a, b int) bool {
	if b <= a || b-a > 3 {
		return false
	}
	if w := strings.ToLower(doc.Word(a)); w != "of" && w != "in" {
		return false
	}
	for i := a + 1; i < b; i++ {
		if doc.Tokens[i].Flags&(nlp.Upper|nlp.Punct|nlp.Digit) != 0 {
			return false
		}
	}
	return true
}

// possessiveDeterminer reports whether w is "its", "his", "her", "their" or "our" (any case).
func possessiveDeterminer(w string) bool {
	switch strings.ToLower(w) {
	case "its", "his", "her", "their", "our":
		return true
	}
	return false
}

// claimedRole reports whether role words r are part of a mention's phrase already ("Russian
// foreign minister").
func claimedRole(doc *nlp.Doc, ms []Mention, r roleHit) bool {
	start, end := int(doc.Tokens[r.first].Start), int(doc.Tokens[r.last-1].End)
	for i := range ms {
		if ms[i].Phrase.Start <= start && end <= ms[i].Phrase.End {
			return true
		}
	}
	return false
}

// modifiers reports whether tokens [a, b) are lower-case modifiers that may stand between a
// nationality and a role word: "Irish nationalist guerrillas", "Sudanese government troops".
func modifiers(doc *nlp.Doc, a, b int) bool {
	for i := a; i < b; i++ {
		if doc.Tokens[i].Flags&(nlp.Upper|nlp.Punct|nlp.Digit) != 0 {
			return false
		}
		switch t := doc.Tokens[i].Tag.String(); {
		case strings.HasPrefix(t, "JJ"), t == "NN", t == "VBN":
		default:
			return false
		}
	}
	return true
}
