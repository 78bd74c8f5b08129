package actors

import (
	"slices"
	"strings"
	"time"

	"github.com/dyad-project/dyad/nlp"
)

// Coreference inside one document. Surnames are tied to full names by resolve; this file ties
// role phrases ("the Kremlin spokesman", "the Russian foreign minister") to the person who held
// that role, and pronouns to the mention they stand for.

// roleSynonyms lists role words that name the same office in different words; each is compared
// with knowledge-base titles through its first synonym group that matches.
var roleSynonyms = [][]string{
	{"spokesman", "spokeswoman", "spokesperson", "press secretary", "spokesperson"},
	{"foreign minister", "minister of foreign affairs", "foreign secretary", "secretary of state"},
	{"defence minister", "defense minister", "minister of defence", "minister of defense", "defence secretary", "defense secretary", "secretary of defense"},
	{"leader", "president", "prime minister", "chancellor", "premier", "king", "emir", "supreme leader"},
}

// personalRoles are role words that name one person at a time.
var personalRoles = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`president prime minister chancellor premier king queen emir sultan
		spokesman spokeswoman spokesperson secretary ambassador envoy leader minister
		foreign minister defence minister defense minister foreign secretary defence secretary
		defense secretary secretary of state secretary-general secretary general governor mayor
		commander chief pope`) {
		personalRoles[w] = true
	}
	for _, g := range roleSynonyms {
		for _, w := range g {
			personalRoles[w] = true
		}
	}
}

// roleNames returns the ways a role word may be written in a title.
func roleNames(word string) []string {
	for _, g := range roleSynonyms {
		for _, w := range g {
			if w == word {
				return g
			}
		}
	}
	return []string{word}
}

// titleMatches reports whether a knowledge-base title is the office a role word names:
// "Foreign Minister" and "Minister of Foreign Affairs" for "foreign minister", but not
// "Deputy Foreign Minister" or "Vice President" for "president".
func titleMatches(title, word string) bool {
	t := strings.ToLower(title)
	if strings.Contains(t, "deputy") || strings.Contains(t, "vice") || strings.Contains(t, "former") ||
		strings.Contains(t, "acting") || strings.Contains(t, "assistant") {
		return false
	}
	for _, n := range roleNames(word) {
		if strings.Contains(t, n) {
			return true
		}
	}
	return false
}

// roleReferents turns role phrases into mentions of the person who held the role on date: an
// earlier mention of such a person in the document, or else the one person of the knowledge
// base who held it. A phrase that fits no one, or several, is left alone.
func (ix *Index) roleReferents(doc *nlp.Doc, ms []Mention, roles []roleHit, date time.Time) []Mention {
	var out []Mention
	for _, r := range roles {
		word := strings.ToLower(doc.Text[doc.Tokens[r.first].Start:doc.Tokens[r.last-1].End])
		if !personalRoles[word] {
			continue // plural or collective: "ministers", "troops"
		}
		code, qualifier := "", ""
		start := r.first
		for i := range ms {
			if ms[i].Phrase.End == int(doc.Tokens[r.last-1].End) && ms[i].Person < 0 {
				code, start = ms[i].PhraseCode, ms[i].First
				qualifier = doc.Text[ms[i].Start:ms[i].End] // "Kremlin" in "the Kremlin spokesman"
			}
		}
		if next := r.last; next < len(doc.Tokens) && doc.Tokens[next].Flags&nlp.Upper != 0 &&
			doc.SentenceAt(int(doc.Tokens[next].Start)) == doc.SentenceAt(int(doc.Tokens[r.first].Start)) {
			continue // a title before a name: "Foreign Minister Sergei Lavrov"
		}
		p, ref := ix.holder(ms, word, code, qualifier, date, int(doc.Tokens[r.first].Start))
		if p < 0 {
			continue
		}
		m := ix.personMention(doc, start, r.last, doc.SentenceAt(int(doc.Tokens[r.first].Start)), p, KindRole)
		m.Code = ix.personCode(p, date)
		m.Country = ix.countryOf(m.Code)
		m.Phrase, m.PhraseCode, m.Ref = m.Span, m.Code, ref
		out = append(out, m)
	}
	return out
}

// holder finds who held the office named by word (with code, a CAMEO actor code such as
// RUSGOV, or "" when the phrase names no country) on date: the latest person mentioned before
// offset before who held it, or else the one person in the knowledge base who did — or, when
// several did, the one whose title names the phrase's qualifier ("Kremlin spokesman").
func (ix *Index) holder(ms []Mention, word, code, qualifier string, date time.Time, before int) (person, ref int) {
	for j := len(ms) - 1; j >= 0; j-- {
		m := &ms[j]
		if m.Start >= before || m.Person < 0 {
			continue
		}
		if r, ok := ix.activeRole(m.Person, date); ok && titleMatches(r.Title, word) && (code == "" || r.Code == code) {
			return m.Person, j
		}
	}
	if code == "" {
		return -1, -1
	}
	var found, qualified []int
	for _, p := range ix.byCode[code] {
		if r, ok := ix.activeRole(int(p), date); ok && r.Code == code && titleMatches(r.Title, word) && !slices.Contains(found, int(p)) {
			found = append(found, int(p))
			if qualifier != "" && strings.Contains(strings.ToLower(r.Title), strings.ToLower(qualifier)) {
				qualified = append(qualified, int(p))
			}
		}
	}
	switch {
	case len(found) == 1:
		return found[0], -1
	case len(qualified) == 1:
		return qualified[0], -1
	}
	return -1, -1
}

// pronounTypes maps personal and possessive pronouns to the entity type they stand for.
var pronounTypes = map[string]string{
	"he": "PER", "him": "PER", "his": "PER", "himself": "PER",
	"she": "PER", "her": "PER", "hers": "PER", "herself": "PER",
	"it": "ORG", "its": "ORG", "itself": "ORG",
}

// Antecedent returns the index in ms of the mention that the pronoun at token tok refers to: the
// nearest mention of a fitting type that ends before it, in its sentence or the two before. A
// person pronoun prefers a resolved person; "it" prefers an organisation or a country. It
// returns -1 when tok is not such a pronoun or no mention fits.
func Antecedent(doc *nlp.Doc, ms []Mention, tok int) int {
	typ, ok := pronounTypes[strings.ToLower(doc.Word(tok))]
	if !ok {
		return -1
	}
	off := int(doc.Tokens[tok].Start)
	s := doc.SentenceAt(off)
	for j := len(ms) - 1; j >= 0; j-- {
		m := &ms[j]
		if m.End > off {
			continue
		}
		if m.Sentence < s-2 {
			break
		}
		switch {
		case typ == "PER" && m.Type == "PER":
			return j
		case typ == "ORG" && (m.Type == "ORG" || m.Kind == KindCountry || m.Kind == KindMetonym):
			return j
		}
	}
	return -1
}

// possessiveRoles turns role words after a possessive pronoun ("his administration", "its
// troops") into actor phrases of the pronoun's antecedent's country: an unnamed actor, coded but
// not a named entity (its Type is empty).
func (ix *Index) possessiveRoles(doc *nlp.Doc, ms []Mention, roles []roleHit) []Mention {
	var out []Mention
	for _, r := range roles {
		p := r.first - 1
		if p < 0 || doc.Tokens[p].Tag.String() != "PRP$" {
			continue
		}
		j := Antecedent(doc, ms, p)
		if j < 0 || ms[j].Country == "" || !codeRE.MatchString(ms[j].Country) || len(ms[j].Country) != 3 {
			continue
		}
		span := nlp.Span{Start: int(doc.Tokens[p].Start), End: int(doc.Tokens[r.last-1].End)}
		out = append(out, Mention{
			Span: span, Phrase: span, First: p, Last: r.last,
			Sentence: doc.SentenceAt(span.Start), Kind: KindRole, Person: -1, Ref: j,
			Country: ms[j].Country, Code: ms[j].Country + r.code, PhraseCode: ms[j].Country + r.code,
		})
	}
	return out
}

// bareRoles turns the role words that neither a name, a nationality nor a possessive claims
// ("university students", "police", "rebels") into unnamed actors coded by their sector alone
// ("EDU", "COP", "REB"), for the event coder to place in a country when the sentence names
// one. They are not named entities (their Type is empty).
func (ix *Index) bareRoles(doc *nlp.Doc, ms, refs []Mention, roles []roleHit) []Mention {
	var out []Mention
	claimed := func(first, last int) bool {
		for _, set := range [][]Mention{ms, refs} {
			for i := range set {
				m := &set[i]
				if m.First < last && first < m.Last || m.Phrase.Start <= int(doc.Tokens[first].Start) && int(doc.Tokens[last-1].End) <= m.Phrase.End {
					return true
				}
			}
		}
		return false
	}
	for _, r := range roles {
		sentenceStart := doc.Sentences[doc.SentenceAt(int(doc.Tokens[r.first].Start))].First == r.first
		capitalised := doc.Tokens[r.first].Flags&nlp.Upper != 0 && !sentenceStart
		title := r.last < len(doc.Tokens) && doc.Tokens[r.last].Flags&nlp.Upper != 0
		if claimed(r.first, r.last) || capitalised || title {
			continue // part of a name or of a composed phrase, or a title ("Minister Anne Dupont")
		}
		span := nlp.Span{Start: int(doc.Tokens[r.first].Start), End: int(doc.Tokens[r.last-1].End)}
		out = append(out, Mention{
			Span: span, Phrase: span, First: r.first, Last: r.last,
			Sentence: doc.SentenceAt(span.Start), Kind: KindRole, Person: -1, Ref: -1,
			PhraseCode: r.code,
		})
	}
	return out
}
