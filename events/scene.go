package events

import (
	"strings"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/chunk"
	"github.com/dyad-project/dyad/nlp/phrase"
	"github.com/dyad-project/dyad/nlp/pos"
)

// scene is a document with its actor mentions laid over its tokens, for finding the source and
// target of an event by their place in the sentence.
type scene struct {
	doc *nlp.Doc
	ms  []actors.Mention
	at  []int32 // token → index of the actor mention whose phrase covers it, or -1
	// The phrase chunks of the start of one sentence, made on demand for the subjects of its
	// verbs: chunks holds them, chunkAt the chunk of each token (-1 for none), chunkSent and
	// chunkEnd the sentence and the token before which it is chunked. Without a chunker the
	// coder reads the tokens alone.
	chunker   *chunk.Chunker
	chunks    []chunk.Chunk
	chunkAt   []int32
	chunkSent int
	chunkEnd  int
	words     []string
	tags      []pos.Tag
}

func newScene(doc *nlp.Doc, ms []actors.Mention, chunker *chunk.Chunker) *scene {
	sc := &scene{doc: doc, ms: ms, at: make([]int32, len(doc.Tokens)), chunker: chunker, chunkSent: -1}
	for i := range sc.at {
		sc.at[i] = -1
	}
	for mi, m := range ms {
		if m.Code == "" && m.PhraseCode == "" {
			continue
		}
		first := m.First
		for first > 0 && int(doc.Tokens[first-1].Start) >= m.Phrase.Start {
			first-- // a phrase that starts before the name: "the president of Armenia"
		}
		for t := first; t < len(doc.Tokens) && int(doc.Tokens[t].End) <= m.Phrase.End; t++ {
			if int(doc.Tokens[t].Start) >= m.Phrase.Start {
				sc.at[t] = int32(mi)
			}
		}
	}
	return sc
}

func (sc *scene) actor(mi int) *Actor {
	m := &sc.ms[mi]
	code := m.PhraseCode
	if code == "" {
		code = m.Code
	}
	a := &Actor{Span: m.Phrase, Name: m.Name, Code: code, Country: m.Country, Mention: mi}
	if m.Country == "" && m.Code == "" && len(code) == 3 {
		// A bare role ("students", "police") is placed in the one country its sentence names.
		if c := sc.sentenceCountry(m.Sentence); c != "" {
			a.Code, a.Country = c+code, c
		}
	}
	return a
}

// sentenceCountry returns the country of the places and actors that sentence si names, when
// they name just one, or "".
func (sc *scene) sentenceCountry(si int) string {
	if si < 0 || si >= len(sc.doc.Sentences) {
		return ""
	}
	s := sc.doc.Sentences[si]
	country := ""
	for i := s.First; i < s.Last; i++ {
		mi := sc.at[i]
		if mi < 0 {
			continue
		}
		c := sc.ms[mi].Country
		if c == "" {
			continue
		}
		if country != "" && c != country {
			return ""
		}
		country = c
	}
	return country
}

// mentionStart returns the first token of the mention covering token t.
func (sc *scene) mentionStart(t int) int {
	mi := sc.at[t]
	for t > 0 && sc.at[t-1] == mi {
		t--
	}
	return t
}

func (sc *scene) mentionEnd(t int) int {
	mi := sc.at[t]
	for t < len(sc.at) && sc.at[t] == mi {
		t++
	}
	return t
}

// officialIn reports whether tokens [first, last) name an actor with a role or an international
// organisation (a code longer than a country's: "RUSGOV", "IGOUNO"), which makes a sentence
// political whatever its other words.
func (sc *scene) officialIn(first, last int) bool {
	for i := first; i < last; i++ {
		mi := sc.at[i]
		if mi < 0 {
			continue
		}
		// The mention's own code: a bare role placed in the sentence's country ("the striker"
		// in Manchester) is not official.
		m := &sc.ms[mi]
		code := m.PhraseCode
		if code == "" {
			code = m.Code
		}
		if len(code) > 3 {
			return true
		}
	}
	return false
}

// owns reports whether b is a's own part named through a possessive ("the US beefed up its
// forces"): not a target of a's act.
func (sc *scene) owns(a, b *Actor) bool {
	if a.Mention < 0 || b.Mention < 0 {
		return false
	}
	m := &sc.ms[b.Mention]
	return m.Kind == actors.KindRole && m.Ref >= 0 && sc.ms[m.Ref].Country == a.Country && a.Country != ""
}

// clause describes the verb group of an event: where it starts, and how it is hedged.
type clause struct {
	start    int // first token of the verb group (auxiliaries, negation, control verbs)
	negated  bool
	passive  bool
	modality string
}

// clause analyses the verb group that ends with the head token.
func (sc *scene) clause(head int) clause {
	doc := sc.doc
	cl := clause{start: head, modality: "asserted"}
	s := doc.Sentences[doc.SentenceAt(int(doc.Tokens[head].Start))]
	be := false
	var buf [24]byte
	for i := head - 1; i >= s.First; i-- {
		w := lowerBytes(&buf, doc.Word(i))
		tag := doc.Tokens[i].Tag.String()
		switch {
		case string(w) == "not" || string(w) == "n't" || string(w) == "never" || string(w) == "no":
			cl.negated = true
		case tag == "MD":
			if m, ok := modals[string(w)]; ok && cl.modality == "asserted" {
				cl.modality = m
			}
		case controlAdjectives[string(w)]:
			if cl.modality == "asserted" {
				cl.modality = "planned" // "ready to", "willing to"
			}
		case tag == "TO" || tag == "RB" || tag == "RP":
		case strings.HasPrefix(tag, "VB"):
			l := doc.Lemma(i)
			if l == "be" || l == "get" {
				be = true
			} else if (l == "have" || l == "need") && i+1 < head && doc.Word(i+1) == "to" {
				cl.modality = "obligation" // "has to", "need to"
			} else if m, ok := controlVerbs[l]; ok {
				if m == "negated" {
					cl.negated = true
				} else if cl.modality == "asserted" {
					cl.modality = m
				}
			} else if l != "have" && l != "do" {
				i = s.First // another main verb: the group ends here
				continue
			}
		default:
			i = s.First
			continue
		}
		cl.start = i
	}
	cl.passive = be && doc.Tokens[head].Tag.String() == "VBN"
	if last := s.Last - 1; doc.Word(last) == "?" || last > 0 && doc.Word(last) == `"` && doc.Word(last-1) == "?" {
		cl.modality = "question"
	}
	for i := s.First; i < cl.start; i++ {
		if w := doc.Word(i); (strings.EqualFold(w, "if") || strings.EqualFold(w, "unless")) && cl.modality == "asserted" {
			cl.modality = "conditional"
		}
	}
	return cl
}

var modals = map[string]string{
	"may": "possible", "might": "possible", "could": "possible", "can": "possible",
	"would": "conditional", "will": "future", "shall": "future", "'ll": "future",
	"must": "obligation", "should": "obligation",
}

// controlAdjectives, before "to" and a verb, say that the event is intended: "ready to talk".
var controlAdjectives = map[string]bool{
	"ready": true, "willing": true, "prepared": true, "eager": true, "determined": true, "keen": true,
	"poised": true, "set": true,
}

// controlVerbs are verbs that, before "to" and the event's verb, say it has not happened yet.
var controlVerbs = map[string]string{
	"plan": "planned", "intend": "planned", "prepare": "planned", "aim": "planned", "expect": "planned",
	"hope": "planned", "want": "planned", "seek": "planned", "try": "planned", "attempt": "planned",
	"propose": "planned", "offer": "planned", "promise": "planned", "pledge": "planned", "vow": "planned",
	"agree": "planned", "decide": "planned", "threaten": "threatened", "warn": "threatened",
	"refuse": "negated", "decline": "negated", "fail": "negated",
}

// subordinate reports whether the clause whose verb group starts at token start is subordinate:
// introduced, after its subject, by a relative pronoun or a subordinating conjunction ("which is
// preparing", "after a coup toppled"), or governed by a participle that modifies a noun.
func (sc *scene) subordinate(start, first int) bool {
	doc := sc.doc
	var buf [24]byte
	j := start - 1
	for ; j >= first; j-- {
		switch doc.Tokens[j].Tag.String() {
		case "DT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "PRP$", "PRP", "HYPH":
			continue
		case "IN", "TO": // a prepositional phrase inside the subject: "assistance to the region"
			if !subordinators[string(lowerBytes(&buf, doc.Word(j)))] {
				continue
			}
		}
		break
	}
	if j < first {
		return false
	}
	switch doc.Tokens[j].Tag.String() {
	case "WDT", "WP", "WP$", "WRB":
		return true
	case "VBN", "VBG":
		// A participle after a noun modifies it, and so does what it governs: "nationals
		// suspected of blowing up a plane", "rebels fighting to topple the government".
		if j > first && j < start && strings.HasPrefix(doc.Tokens[j-1].Tag.String(), "NN") {
			return true
		}
	}
	return subordinators[string(lowerBytes(&buf, doc.Word(j)))]
}

var subordinators = map[string]bool{
	"after": true, "before": true, "because": true, "while": true, "when": true, "whereas": true,
	"although": true, "though": true, "if": true, "unless": true, "since": true, "until": true,
	"once": true, "whether": true, "who": true, "which": true,
}

// subject returns the actors that act in a clause starting at token start of sentence si: the
// nearest actor to its left that is not the object of a preposition of place, with the actors
// joined to it by "and"; or the antecedent of a pronoun in that place.
func (sc *scene) subject(start, si int) []*Actor {
	doc := sc.doc
	first := doc.Sentences[si].First
	if start > first && doc.Word(start-1) == "," && doc.Tokens[start].Tag.String() == "VBG" {
		// ", killing 50": a participle clause after the main one shares its subject.
		if f := sc.framer(start-1, si); f != nil {
			return []*Actor{f}
		}
	}
	if start > first+1 && strings.EqualFold(doc.Word(start-1), "and") {
		// "X condemned the attack and promised aid": a verb joined to an earlier one by "and",
		// with no subject of its own, shares that verb's subject.
		for j := start - 2; j > first; j-- {
			if breaksClause(doc, j) && doc.Word(j) != "," {
				break
			}
			if tag := doc.Tokens[j].Tag.String(); tag == "VBD" || tag == "VBZ" || tag == "VBP" {
				return sc.subject(sc.clause(j).start, si)
			}
		}
	}
	if head := sc.appositionHead(start, first); head >= 0 {
		return sc.compound(head, first)
	}
	if subj, ok := sc.subjectChunk(start, first); ok {
		return subj
	}
	for i := start - 1; i >= first; i-- {
		w := doc.Word(i)
		if w == ";" || w == ":" {
			break
		}
		if sc.at[i] >= 0 {
			ms := sc.mentionStart(i)
			if ms > first && sc.placePreposition(ms-1) {
				i = ms
				continue
			}
			return sc.compound(ms, first)
		}
		if a := sc.pronoun(i); a != nil {
			return []*Actor{a}
		}
	}
	return nil
}

// subjectChunk finds the subject by chunks: the noun phrase before the verb group that starts at
// token start, passing over adverbs, time phrases ("on Wednesday") and prepositional phrases
// ("in Moscow", "of the talks"), which are not subjects. It returns the actors the noun phrase
// names — or, for a phrase that names none ("leaders of X"), those of the "of" phrase after it —
// and whether a subject phrase was found at all.
func (sc *scene) subjectChunk(start, first int) ([]*Actor, bool) {
	if !sc.chunk(sc.doc.SentenceAt(int(sc.doc.Tokens[start].Start)), start) || sc.chunkAt[start] < 0 {
		return nil, false
	}
	doc := sc.doc
	for ci := int(sc.chunkAt[start]) - 1; ci >= 0; ci-- {
		c := sc.chunks[ci]
		if c.Last <= first {
			return nil, false
		}
		switch c.Kind {
		case chunk.ADVP:
			continue
		case chunk.NP:
			if ci > 0 && sc.chunks[ci-1].Kind == chunk.PP && sc.chunks[ci-1].Last == c.First {
				ci-- // a prepositional object, and its preposition
				continue
			}
			if sc.timePhrase(c) {
				continue
			}
			if as := sc.actorsInChunk(c, first); len(as) > 0 {
				return as, true
			}
			// "Leaders of the opposition coalition agreed": the actor stands in the "of" phrase.
			if ci+2 < len(sc.chunks) && sc.chunks[ci+1].Kind == chunk.PP && strings.EqualFold(doc.Word(sc.chunks[ci+1].First), "of") {
				if as := sc.actorsInChunk(sc.chunks[ci+2], first); len(as) > 0 {
					return as, true
				}
			}
			return nil, false
		default:
			if c.Kind == chunk.O && c.Last-c.First == 1 && (doc.Word(c.First) == "," || strings.EqualFold(doc.Word(c.First), "and")) {
				continue
			}
			return nil, false
		}
	}
	return nil, false
}

// chunk chunks sentence si up to token upto at least (the verb whose subject is sought), and
// reports whether chunks are available. The chunker labels each token from the two before and
// after it, so the start of a sentence chunked with two tokens more is chunked as the whole
// sentence would be, for a fraction of the work.
func (sc *scene) chunk(si, upto int) bool {
	if sc.chunker == nil || si < 0 {
		return false
	}
	s := sc.doc.Sentences[si]
	end := min(s.Last, upto+3)
	if si == sc.chunkSent && end <= sc.chunkEnd {
		return true
	}
	if sc.chunkAt == nil {
		sc.chunkAt = make([]int32, len(sc.doc.Tokens))
		for i := range sc.chunkAt {
			sc.chunkAt[i] = -1
		}
	} else if sc.chunkSent >= 0 {
		for t := sc.doc.Sentences[sc.chunkSent].First; t < sc.chunkEnd; t++ {
			sc.chunkAt[t] = -1
		}
	}
	if si == sc.chunkSent {
		end = max(end, min(s.Last, sc.chunkEnd+(sc.chunkEnd-s.First))) // grow by doubling
	}
	sc.words, sc.tags = sc.words[:0], sc.tags[:0]
	for i := s.First; i < end; i++ {
		sc.words = append(sc.words, sc.doc.Word(i))
		sc.tags = append(sc.tags, sc.doc.Tokens[i].Tag)
	}
	sc.chunks = sc.chunker.Chunk(sc.words, sc.tags, sc.chunks[:0])
	for ci := range sc.chunks {
		c := &sc.chunks[ci]
		c.First += s.First // Chunk counts tokens within the sentence
		c.Last += s.First
		for t := c.First; t < c.Last; t++ {
			sc.chunkAt[t] = int32(ci)
		}
	}
	sc.chunkSent, sc.chunkEnd = si, end
	return true
}

// actorsInChunk returns the actors named in chunk c, with those listed before it ("X and Y").
func (sc *scene) actorsInChunk(c chunk.Chunk, first int) []*Actor {
	for t := c.Last - 1; t >= c.First; t-- {
		if sc.at[t] >= 0 {
			return sc.compound(sc.mentionStart(t), first)
		}
		if a := sc.pronoun(t); a != nil {
			return []*Actor{a}
		}
	}
	return nil
}

// timePhrase reports whether noun phrase c names a time: "Wednesday", "last week", "today".
func (sc *scene) timePhrase(c chunk.Chunk) bool {
	var buf [24]byte
	for t := c.First; t < c.Last; t++ {
		w := string(lowerBytes(&buf, sc.doc.Word(t)))
		if _, ok := weekdays[w]; ok {
			return true
		}
		switch w {
		case "today", "yesterday", "tonight", "week", "month", "year", "weekend", "morning", "night":
			return true
		}
	}
	return false
}

// appositionHead returns the first token of the actor that an apposition just before a verb
// group at start describes — "Pakistan, a key U.S. ally, has refused" — or -1.
func (sc *scene) appositionHead(start, first int) int {
	doc := sc.doc
	if start-1 <= first || doc.Word(start-1) != "," {
		return -1
	}
	for j := start - 2; j > first; j-- {
		switch doc.Word(j) {
		case ",":
			if sc.at[j+1] >= 0 && sc.mentionEnd(j+1) == start-1 {
				return j + 1 // ", Nikki Haley," names the subject that a role phrase described
			}
			if sc.at[j-1] >= 0 {
				return sc.mentionStart(j - 1)
			}
			return -1
		case ";", ":", ".", "--":
			return -1
		}
		if strings.HasPrefix(doc.Tokens[j].Tag.String(), "VB") {
			return -1 // a clause, not an apposition
		}
	}
	return -1
}

// framer returns who frames the clause whose verb group starts at start: the subject of the
// verb that takes it as complement ("X insisted that Y must ..."), or nil.
func (sc *scene) framer(start, si int) *Actor {
	doc := sc.doc
	first := doc.Sentences[si].First
	for i := start - 1; i >= first; i-- {
		if strings.HasPrefix(doc.Tokens[i].Tag.String(), "VB") && sc.at[i] < 0 {
			if s := sc.subject(sc.clause(i).start, si); len(s) > 0 {
				return s[0]
			}
			return nil
		}
	}
	return nil
}

// compound returns the actor whose mention starts at token t with the actors listed before it:
// "Rex Tillerson and Sergei Lavrov", "Mordor, Rohan, Fornost and Bree", "Fornost and the evil
// Gondor". A list's last link is "and" (or ", and"); commas join the others.
func (sc *scene) compound(t, first int) []*Actor {
	out := []*Actor{sc.actor(int(sc.at[t]))}
	for {
		prev, link := sc.listLink(t-1, first, -1)
		if prev < 0 || link == "," && len(out) == 1 {
			return sc.placeBareRoles(out)
		}
		t = sc.mentionStart(prev)
		out = append([]*Actor{sc.actor(int(sc.at[t]))}, out...)
	}
}

// placeBareRoles gives the bare roles of a list the country of its other members, when they
// have one: "the Sudanese government and the rebels" are Sudan's.
func (sc *scene) placeBareRoles(list []*Actor) []*Actor {
	if len(list) < 2 {
		return list
	}
	country := ""
	for _, a := range list {
		if a.Mention >= 0 && sc.bareRole(a.Mention) {
			continue
		}
		if a.Country == "" || country != "" && a.Country != country {
			return list
		}
		country = a.Country
	}
	if country == "" {
		return list
	}
	for _, a := range list {
		if a.Mention >= 0 && sc.bareRole(a.Mention) && a.Country == "" {
			a.Code, a.Country = country+a.Code, country
		}
	}
	return list
}

// list returns the actor whose mention starts at token t with the actors listed after it, up to
// token last: "with Mordor, Rohan, Fornost and Bree".
func (sc *scene) list(t, last int) []*Actor {
	out := []*Actor{sc.actor(int(sc.at[t]))}
	for e := sc.mentionEnd(t); ; {
		next, link := sc.listLink(e, last, +1)
		if next < 0 {
			return out
		}
		out = append(out, sc.actor(int(sc.at[next])))
		e = sc.mentionEnd(next)
		if link == "and" {
			return sc.placeBareRoles(out) // "and" closes a list
		}
	}
}

// listLink looks from token i in direction dir (-1 leftwards, +1 rightwards) for the link of a
// list of actors — ",", "and" or ", and", with determiners and modifiers before the next name
// ("and the evil awful Gondor") — and returns the token of the next actor (its last token going
// left, its first going right) and the link, or -1.
func (sc *scene) listLink(i, bound, dir int) (int, string) {
	doc := sc.doc
	in := func(j int) bool { return dir < 0 && j >= bound || dir > 0 && j < bound }
	// Modifiers between the link and the name on the far side.
	skip := func(j int) int {
		for n := 0; in(j) && n < 3; n++ {
			switch doc.Tokens[j].Tag.String() {
			case "DT", "JJ", "JJS", "JJR", "RB":
				j += dir
				continue
			}
			break
		}
		return j
	}
	j := i
	if dir < 0 {
		// Going left, modifiers stand between the link and the actor we come from.
		j = skip(j)
	}
	if !in(j) {
		return -1, ""
	}
	link := ""
	switch w := doc.Word(j); {
	case strings.EqualFold(w, "and"):
		link = "and"
		if in(j+dir) && doc.Word(j+dir) == "," {
			j += dir
		}
	case w == ",":
		link = ","
		if in(j+dir) && strings.EqualFold(doc.Word(j+dir), "and") {
			link = "and"
			j += dir
		}
	default:
		return -1, ""
	}
	j += dir
	if dir > 0 {
		j = skip(j)
	}
	if !in(j) || sc.at[j] < 0 {
		return -1, ""
	}
	return j, link
}

// object returns the actors acted on after token from: the first actor before the clause ends,
// skipping determiners and modifiers, with the actors joined to it by "and". Unless the pattern
// itself ended with a preposition, an actor after a preposition of place is where, not whom.
func (sc *scene) object(from, last int, afterPreposition bool) []*Actor {
	doc := sc.doc
	for i := from; i < last && i < from+8; i++ {
		if sc.at[i] >= 0 {
			if i > from && sc.placePreposition(i-1) {
				return nil // "spoke with one voice in Brussels": where, not whom
			}
			return sc.list(i, last)
		}
		if a := sc.pronoun(i); a != nil {
			return []*Actor{a}
		}
		tag := doc.Tokens[i].Tag.String()
		if breaksClause(doc, i) || strings.HasPrefix(tag, "VB") || tag == "WDT" || tag == "WP" {
			return nil
		}
		if !afterPreposition && sc.placePreposition(i) {
			return nil
		}
	}
	return nil
}

// clauseTarget returns the actors that tokens [from, last) name after a preposition before the
// clause ends ("withdraw its troops from Lebanon"; afterPreposition when from follows one),
// other than the sources and their own parts,
// and with a country or as an international body: a bare role ("troops") is no target. A place
// after a preposition of place is where, not whom ("spoke with one voice in Brussels"), except
// that a material act (material is true for QuadClass 2 and 4) is on the country where it is
// done ("troops arrived in Bosnia", "jets struck targets in Syria"), and so is an act of a
// country's actors in their own country ("the government lifted the curfew in Darfur"): then
// the country is returned.
func (sc *scene) clauseTarget(from, last int, sources []*Actor, material, afterPreposition bool) []*Actor {
	prep, place := afterPreposition, false
	for i := from; i < last && i < from+15; i++ {
		if breaksClause(sc.doc, i) {
			break
		}
		if tag := sc.doc.Tokens[i].Tag.String(); tag == "IN" || tag == "TO" {
			prep, place = true, sc.placePreposition(i)
			continue
		}
		mi := sc.at[i]
		if mi < 0 {
			continue
		}
		i = sc.mentionEnd(i) - 1
		a := sc.actor(int(mi))
		switch {
		case !prep || sc.bareRole(int(mi)) || sourceOrOwned(sc, a, sources):
			// No preposition yet, a bare role (placed in a country by its sentence only), or
			// the source itself.
		case !place:
			return sc.list(sc.mentionStart(i), last) // "embargoes to Iran, Libya and Sudan"
		case a.Country != "" && (material || sourceCountry(sources, a.Country)):
			return []*Actor{{Span: a.Span, Name: a.Name, Code: a.Country, Country: a.Country, Mention: a.Mention}}
		}
	}
	return nil
}

// bareRole reports whether mention mi is a role word without a country or body of its own
// ("troops", "officials"): its sentence may place it in a country, but it names no one.
func (sc *scene) bareRole(mi int) bool {
	m := &sc.ms[mi]
	return m.Kind == actors.KindRole && m.Country == ""
}

// sourceCountry reports whether one of sources is of country c.
func sourceCountry(sources []*Actor, c string) bool {
	for _, s := range sources {
		if s != nil && s.Country == c {
			return true
		}
	}
	return false
}

// sourceOrOwned reports whether a is one of sources, or one's own part ("its troops").
func sourceOrOwned(sc *scene, a *Actor, sources []*Actor) bool {
	for _, s := range sources {
		if s != nil && (s.Mention == a.Mention || sc.owns(s, a)) {
			return true
		}
	}
	return false
}

// byAgent returns the agent of a passive verb: the actors after a "by" in its clause.
func (sc *scene) byAgent(from, last int) []*Actor {
	for i := from; i < last && i < from+12; i++ {
		if strings.EqualFold(sc.doc.Word(i), "by") {
			return sc.object(i+1, last, true)
		}
		if breaksClause(sc.doc, i) {
			break
		}
	}
	return nil
}

// possessor returns who does what a noun names: "Russia's support", "the Syrian attack".
func (sc *scene) possessor(head int) []*Actor {
	if head > 0 && sc.at[head-1] >= 0 {
		return []*Actor{sc.actor(int(sc.at[head-1]))}
	}
	if head > 1 && sc.doc.Word(head-1) == "'s" && sc.at[head-2] >= 0 {
		return []*Actor{sc.actor(int(sc.at[head-2]))}
	}
	return nil
}

// actorsIn returns the actors named in tokens [a, b).
func (sc *scene) actorsIn(a, b int) []*Actor {
	var out []*Actor
	for i := a; i < b; i++ {
		if sc.at[i] >= 0 {
			out = append(out, sc.actor(int(sc.at[i])))
			i = sc.mentionEnd(i) - 1
		} else if p := sc.pronoun(i); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// pronoun returns the actor a personal pronoun at token i stands for, or nil. A possessive
// ("his counterpart") is not the actor itself, only its determiner.
func (sc *scene) pronoun(i int) *Actor {
	if sc.doc.Tokens[i].Tag.String() != "PRP" {
		return nil
	}
	j := actors.Antecedent(sc.doc, sc.ms, i)
	if j < 0 || sc.ms[j].Code == "" {
		return nil
	}
	a := sc.actor(j)
	a.Span = nlp.Span{Start: int(sc.doc.Tokens[i].Start), End: int(sc.doc.Tokens[i].End)}
	return a
}

// location returns the place named after a preposition of place in tokens [first, last) that is
// not one of the event's targets.
func (sc *scene) location(first, last int, targets []*Actor) *Actor {
	for i := first + 1; i < last; i++ {
		mi := sc.at[i]
		if mi < 0 || !sc.placePreposition(i-1) {
			continue
		}
		m := &sc.ms[mi]
		if m.Type != "LOC" {
			continue
		}
		for _, t := range targets {
			if t != nil && t.Mention == int(mi) {
				mi = -1
			}
		}
		if mi >= 0 {
			return &Actor{Span: m.Span, Name: m.Name, Code: m.Code, Country: m.Country, Mention: int(mi)}
		}
	}
	return nil
}

// placePreposition reports whether token i is a preposition of place.
func (sc *scene) placePreposition(i int) bool {
	var buf [24]byte
	return placePrepositions[string(lowerBytes(&buf, sc.doc.Word(i)))]
}

var placePrepositions = map[string]bool{
	"in": true, "at": true, "near": true, "inside": true, "outside": true, "across": true,
	"throughout": true, "around": true,
}

func keyOf(doc *nlp.Doc, i int) uint64 { return phrase.Key(doc.Word(i)) }
