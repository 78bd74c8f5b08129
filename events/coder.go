package events

import (
	"io/fs"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/data"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/chunk"
)

// Actor is the source or target of an event.
type Actor struct {
	nlp.Span   // the words that name it in the sentence
	Name, Code string
	Country    string
	Mention    int // index of the actor mention, or -1
}

// Event is one coded event.
type Event struct {
	Code           string
	Source, Target *Actor // nil when the sentence does not say
	Sentence       int
	nlp.Span              // the words that express the event (the pattern's match)
	Pattern        string // the dictionary pattern that matched
	Negated        bool
	Modality       string // asserted, possible, future, planned, threatened, conditional, question
	Date           time.Time
	Location       *Actor // where it happened, when a place is named
	Confidence     float64

	framer *Actor // for an obligation: who says it must happen ("X insisted that Y must ...")
}

// Coder finds events in documents with a compiled dictionary. It is safe for concurrent use.
type Coder struct {
	dict    *compiled
	chunker *chunk.Chunker // nil: sources and targets are found from the tokens alone
}

var defaultCoder = sync.OnceValues(func() (*Coder, error) {
	d, err := LoadDictionary(data.Events())
	if err != nil {
		return nil, err
	}
	return NewCoder(d), nil
})

// Default returns the coder of the embedded dictionary.
func Default() *Coder {
	c, err := defaultCoder()
	if err != nil {
		panic(err) // the embedded dictionary is validated by the tests
	}
	return c
}

// Load reads a dictionary from fsys and compiles it.
func Load(fsys fs.FS) (*Coder, error) {
	d, err := LoadDictionary(fsys)
	if err != nil {
		return nil, err
	}
	return NewCoder(d), nil
}

// NewCoder compiles d. The coder reads sentences with the embedded phrase chunker.
func NewCoder(d *Dictionary) *Coder { return &Coder{dict: compile(d), chunker: chunk.Default()} }

// Code finds the events of doc, given its actor mentions (from actors.Index.Find) and the
// article's date (zero when unknown: events then carry no date).
func (c *Coder) Code(doc *nlp.Doc, ms []actors.Mention, date time.Time) []Event {
	var out []Event
	sc := newScene(doc, ms, c.chunker)
	for si := range doc.Sentences {
		out = c.codeSentence(sc, si, date, out)
	}
	return out
}

func (c *Coder) codeSentence(sc *scene, si int, date time.Time, out []Event) []Event {
	doc := sc.doc
	s := doc.Sentences[si]
	if reason := c.discarded(doc, s.First, s.Last); reason != "" && !sc.officialIn(s.First, s.Last) {
		return out // a sport or entertainment sense, with no official actor to make it political
	}
	evDate := eventDate(doc, s.First, s.Last, date)
	start := len(out)
	var cands []candidate
	for i := s.First; i < s.Last; i++ {
		m, ok := c.dict.matchAt(doc, i, s.Last)
		if !ok {
			continue
		}
		cl := sc.clause(m.head)
		cands = append(cands, candidate{m: m, cl: cl, sub: sc.subordinate(cl.start, s.First),
			participle: cl.start > s.First && doc.Word(cl.start-1) == "," && doc.Tokens[cl.start].Tag.String() == "VBG"})
		i = m.end - 1
	}
	if demanded := c.obligations(sc, si, cands, evDate, nil); len(demanded) > 0 {
		out = append(out, demanded...)
		cands = slices.DeleteFunc(cands, func(cd candidate) bool { return Root(cd.m.pat.code) == "01" }) // the demand is what was said
	}
	for _, cd := range mainEvents(cands) {
		evs := c.events(sc, si, cd.m, cd.cl, evDate)
		if cd.child != nil {
			evs = governs(evs, c.events(sc, si, cd.child.m, cd.child.cl, evDate))
		}
		for _, e := range evs {
			out = append(out, unconventional(family(e)))
		}
	}
	return withoutRedundant(demands(out, si), start)
}

// withoutRedundant drops, from the events of a sentence (out[start:]), an event without a
// target that another of the same root and source has with one: "the camp was attacked by
// militiamen, killing 156 people" is one attack on the camp.
func withoutRedundant(out []Event, start int) []Event {
	evs := out[start:]
	keep := evs[:0]
	for i, e := range evs {
		if e.Target == nil && slices.ContainsFunc(evs, func(o Event) bool {
			return o.Target != nil && Root(o.Code) == Root(e.Code) && sameActor(o.Source, e.Source) && o.Negated == e.Negated
		}) {
			continue
		}
		keep = append(keep, evs[i])
	}
	return out[:start+len(keep)]
}

// obligations codes the demands a sentence reports without a pattern for what is demanded:
// "X said US forces must ensure security" — X demands (100) of US forces. A modal of obligation
// ("must", "should", "has to", "need to") whose verb no pattern matched, framed by a speech verb
// or another verb with a subject, makes the demand.
func (c *Coder) obligations(sc *scene, si int, cands []candidate, date time.Time, out []Event) []Event {
	doc := sc.doc
	s := doc.Sentences[si]
	for i := s.First + 1; i+1 < s.Last; i++ {
		w := doc.Word(i)
		if !strings.EqualFold(w, "must") && !strings.EqualFold(w, "should") {
			continue
		}
		verb := i + 1
		for verb < s.Last && !strings.HasPrefix(doc.Tokens[verb].Tag.String(), "VB") {
			verb++
		}
		if verb >= s.Last || verb-i > 3 {
			continue
		}
		matched := false
		for _, cd := range cands {
			if cd.m.head == verb {
				matched = true
			}
		}
		if matched {
			continue // the pattern's event carries the obligation
		}
		target := sc.subject(i, si)
		speaker := sc.framer(i, si)
		if len(target) == 0 || speaker == nil {
			continue
		}
		for _, t := range target {
			source := speaker
			if sameActor(t, speaker) {
				source = nil // no one demands of themselves: the speaker is someone unnamed
			}
			e := Event{
				Code: "100", Sentence: si, Modality: "asserted", Date: date, Pattern: "must",
				Span: nlp.Span{Start: int(doc.Tokens[i].Start), End: int(doc.Tokens[verb].End)},
			}
			out = append(out, e.with(source, t))
		}
	}
	return out
}

// candidate is a pattern found in a sentence, before the sentence decides which of its patterns
// are its events.
type candidate struct {
	m   match
	cl  clause
	sub bool // in a subordinate clause: relative, temporal, causal, conditional
	// participle marks a clause of a participle after a comma: ", killing 20 people".
	participle bool
	child      *candidate // the event it governs ("threatened to impose sanctions on X"), if any
}

// mainEvents chooses the patterns of a sentence that are its events. A pattern governed by the
// one before it — its verb group starts inside that pattern ("offered to hand over", "agreed to
// meet") or it is the content of a demand, appeal, threat or rejection — is part of that event,
// not an event of its own; a statement (root 01) gives way to the event it reports. Noun events
// ("the war against Iraq") and events of subordinate clauses are background, kept only when the
// sentence has no event of its main clauses.
func mainEvents(cands []candidate) []candidate {
	var kept []candidate
	for i, cd := range cands {
		if i > 0 && len(kept) > 0 {
			prev := cands[i-1]
			root := Root(prev.m.pat.code)
			if cd.cl.start <= prev.m.end || (contentRoots[root] && !cd.sub && cd.cl.start-prev.m.end <= 8) {
				if root != "01" {
					if last := &kept[len(kept)-1]; last.m.head == prev.m.head && last.child == nil {
						c := cd
						last.child = &c
					}
					continue
				}
			}
		}
		kept = append(kept, cd)
	}
	// ", killing 20 people" after an attack is what the attack did, not another act.
	kept = slices.DeleteFunc(kept, func(cd candidate) bool { return consequence(cd, kept) })
	main := false
	for _, cd := range kept {
		if !cd.m.pat.noun && !cd.sub && Root(cd.m.pat.code) != "01" {
			main = true
		}
	}
	out := kept[:0]
	for _, cd := range kept {
		if main && (cd.m.pat.noun || cd.sub) {
			continue
		}
		out = append(out, cd)
	}
	return dropSpeech(out)
}

// consequence reports whether candidate cd is a participle clause after a comma (", killing
// 20 people") that follows a material act of the same QuadClass among cands: its result.
func consequence(cd candidate, cands []candidate) bool {
	if !cd.participle {
		return false
	}
	q := quadOf(cd.m.pat.code)
	if q != 4 && q != 2 {
		return false
	}
	for _, o := range cands {
		if o.m.head < cd.m.head && !o.m.pat.noun && quadOf(o.m.pat.code) == q {
			return true
		}
	}
	return false
}

// quadOf returns the QuadClass of a CAMEO code, or 0.
func quadOf(code string) int {
	c, _ := Lookup(code)
	return c.QuadClass
}

// governs completes the events of a pattern that governs another ("threatened to impose
// restrictions against X", "agreed to lift sanctions on X") with what the governed events say:
// their target, when the governing event has none, and — for a governing code that is only its
// family's general one (130 threaten, 030 intent) — the family member of the governed act
// (132 threaten with sanctions).
func governs(evs, child []Event) []Event {
	if len(child) == 0 {
		return evs
	}
	var more []Event
	for i := range evs {
		e := &evs[i]
		if e.Target == nil {
			// The governed events' targets: "threatened to deliver blows to the US and Israel".
			e.Target = child[0].Target
			for _, c := range child[1:] {
				if c.Target != nil && c.Source == child[0].Source && !sameActor(c.Target, e.Target) {
					m := *e
					m.Target = c.Target
					more = append(more, m)
				}
			}
		}
		if len(e.Code) == 3 && e.Code[2] == '0' {
			mod := "planned"
			if Root(e.Code) == "13" {
				mod = "threatened"
			}
			g := child[0]
			g.Modality, g.Negated = mod, false
			if f := family(g); f.Code != g.Code && Root(f.Code) == Root(e.Code) {
				e.Code = f.Code
			}
		}
	}
	for i := range more {
		more[i].Code = evs[0].Code
	}
	return append(evs, more...)
}

// sameActor reports whether a and b are the same actor of the same mention (both may be nil).
func sameActor(a, b *Actor) bool {
	return a == b || a != nil && b != nil && a.Code == b.Code && a.Mention == b.Mention
}

// contentRoots are the codes whose complement states what is demanded, appealed for, threatened
// or rejected: an event that has not happened.
var contentRoots = map[string]bool{"02": true, "03": true, "10": true, "12": true, "13": true}

// discarded returns why the words of tokens [first, last) mark a non-political sense, or "".
func (c *Coder) discarded(doc *nlp.Doc, first, last int) string {
	if len(c.dict.discards) == 0 {
		return ""
	}
	for i := first; i < last; i++ {
		if !strings.HasPrefix(doc.Tokens[i].Tag.String(), "NN") {
			continue
		}
		if r, ok := c.dict.discards[keyOf(doc, i)]; ok {
			return r
		}
	}
	return ""
}

// dropSpeech removes the statements (root 01) of a sentence that also reports another event:
// "X said Y attacked Z" codes the attack, not the saying. A statement that frames an obligation
// ("X said Y must ...") is kept for demands to read.
func dropSpeech(cands []candidate) []candidate {
	other := false
	for _, cd := range cands {
		if cd.cl.modality == "obligation" {
			return cands // the statement names who demands it
		}
		if Root(cd.m.pat.code) != "01" {
			other = true
		}
	}
	if !other {
		return cands
	}
	kept := cands[:0]
	for _, cd := range cands {
		if Root(cd.m.pat.code) != "01" {
			kept = append(kept, cd)
		}
	}
	return kept
}

// demands turns the events of sentence si that something must happen into demands by whoever
// says so ("X said Y must hand over Z": X demands of Y), from the statement that frames them or,
// without one, from no one named. The framing statement goes.
func demands(evs []Event, si int) []Event {
	var speaker *Actor
	hasObligation := false
	for _, e := range evs {
		if e.Sentence == si && e.Modality == "obligation" {
			hasObligation = true
		}
	}
	if !hasObligation {
		return evs
	}
	kept := evs[:0]
	for _, e := range evs {
		switch {
		case e.Sentence != si:
		case Root(e.Code) == "01":
			speaker = e.Source
			continue
		case e.Modality == "obligation":
			if speaker == nil {
				speaker = e.framer
			}
			e.Code, e.Target, e.Source, e.Modality = "100", e.Source, speaker, "asserted"
		}
		kept = append(kept, e)
	}
	return kept
}

// family moves an event that is intended, threatened or refused into the CAMEO family that codes
// such statements: an intent to cooperate (03: "will provide aid" is 0333), a threat (13: "threatened
// to attack" is 1384), a rejection (12: "refused to meet" is 125).
func family(e Event) Event {
	root := Root(e.Code)
	var to string
	switch {
	case e.Negated && cooperative[root]:
		to = rejections[e.Code]
		if to == "" {
			to = rejections[root]
		}
		e.Negated = false
	case (e.Modality == "planned" || e.Modality == "future" || e.Modality == "conditional") && cooperative[root] && root != "03":
		to = intents[e.Code]
		if to == "" {
			to = intents[root]
		}
	case (e.Modality == "threatened" || e.Modality == "planned" || e.Modality == "future" || e.Modality == "conditional") && conflict[root]:
		to = threats[e.Code]
		if to == "" {
			to = threats[root]
		}
	}
	if to != "" && KnownCode(to) {
		e.Code, e.Modality = to, "asserted"
	}
	return e
}

// unconventional recodes the general use of force (190) by no named actor or by a non-state one
// — rebels, insurgents, militias, criminals — as unconventional violence (180), as CAMEO
// distinguishes them: "a roadside bomb killed", "guerrillas killed".
func unconventional(e Event) Event {
	if e.Code != "190" {
		return e
	}
	if e.Source == nil {
		e.Code = "180"
		return e
	}
	for _, sector := range []string{"REB", "INS", "UAF", "CRM"} {
		if len(e.Source.Code) > 3 && strings.Contains(e.Source.Code[3:], sector) {
			e.Code = "180"
		}
	}
	return e
}

var (
	cooperative = map[string]bool{"03": true, "04": true, "05": true, "06": true, "07": true, "08": true}
	conflict    = map[string]bool{"14": true, "15": true, "16": true, "17": true, "18": true, "19": true, "20": true}
	// intents maps acts of cooperation, by code or root, to the intent to do them.
	intents = map[string]string{
		"04": "036", "05": "032", "06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314",
		"07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334",
		"08": "035", "081": "0351", "082": "0352", "083": "034", "084": "0353", "085": "0354",
		"086": "0355", "087": "0356",
	}
	// threats maps acts of conflict, by code or root, to the threat of them.
	threats = map[string]string{
		"14": "133", "15": "138", "16": "131", "161": "1313", "162": "1311", "163": "1312",
		"17": "132", "175": "137", "18": "1383", "19": "1384", "191": "1381", "192": "1382", "20": "1385",
	}
	// rejections maps acts of cooperation, by code or root, to the refusal of them.
	rejections = map[string]string{
		"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124",
		"081": "1241", "082": "1242", "083": "123", "084": "1243", "085": "1244", "086": "1245", "087": "1246",
	}
)

// events turns one pattern match into events: one per pair of source and target, both ways for
// the reciprocal codes of consultation and cooperation when a compound subject has no object.
func (c *Coder) events(sc *scene, si int, m match, cl clause, date time.Time) []Event {
	doc := sc.doc
	var sources, targets []*Actor
	if m.pat.noun {
		sources = sc.possessor(m.head)
		if len(sources) == 0 {
			sources = sc.subject(cl.start, si)
		}
	} else {
		sources = sc.subject(cl.start, si)
	}
	if m.slot >= 0 {
		targets = sc.actorsIn(m.slot, m.slotE)
	}
	if len(targets) == 0 {
		targets = sc.object(m.end, doc.Sentences[si].Last, m.slot >= 0 || endsWithPreposition(m.pat.text))
	}
	if len(targets) == 0 && m.end-m.head > 1 {
		// "allow the return of U.N. inspectors": the target stands inside the pattern's gap.
		targets = sc.actorsIn(m.head+1, m.end)
	}
	fallback := false
	if owned, bare := weakTargets(sc, targets, sources); (owned || bare) && !m.pat.subjectTarget && !(cl.passive && !m.pat.noun) {
		// No one is named as acted on, or only a bare role ("contribute troops"): the actor
		// the rest of the clause names with a preposition is ("withdraw its troops from
		// Lebanon", "re-open its borders to UN peacekeepers"); else the country where it
		// happens ("lifted the curfew in Darfur"). A bare role stays when there is neither.
		c, _ := Lookup(m.pat.code)
		if ts := sc.clauseTarget(m.end, doc.Sentences[si].Last, sources, c.QuadClass == 2 || c.QuadClass == 4, endsWithPreposition(m.pat.text)); len(ts) > 0 || owned ||
			len(sources) > 1 && reciprocal(m.pat.code) {
			targets = ts // "Jordan and Britain agreed to joint military exercises": with each other
		}
		fallback = true
	}
	if m.pat.subjectTarget {
		sources, targets = nil, sources // "he is a butcher": said of him, by the speaker
	} else if cl.passive && !m.pat.noun {
		// The subject of a passive is acted on; its agent, if named, acts ("was attacked by").
		sources, targets = sc.byAgent(m.head+1, doc.Sentences[si].Last), sources
	}
	if len(sources) == 0 && len(targets) == 0 {
		return nil
	}
	base := Event{
		Code:     m.pat.code,
		Sentence: si,
		Span:     nlp.Span{Start: int(doc.Tokens[m.head].Start), End: int(doc.Tokens[m.end-1].End)},
		Pattern:  m.pat.text,
		Negated:  cl.negated,
		Modality: cl.modality,
		Date:     date,
		Location: sc.location(doc.Sentences[si].First, doc.Sentences[si].Last, targets),
	}
	if cl.modality == "obligation" {
		base.framer = sc.framer(cl.start, si)
	}
	if len(sources) == 0 {
		sources = []*Actor{nil}
	}
	if len(targets) == 0 || fallback && len(sources) > 1 && reciprocal(m.pat.code) {
		if reciprocal(m.pat.code) && len(sources) > 1 {
			var evs []Event
			for _, a := range sources {
				for _, b := range sources {
					if a != b {
						evs = append(evs, base.with(a, b))
					}
				}
			}
			return evs
		}
		targets = []*Actor{nil}
	}
	var evs []Event
	for _, a := range sources {
		n := len(evs)
		for _, b := range targets {
			if a != nil && b != nil && (a.Code == b.Code && a.Mention == b.Mention || sc.owns(a, b)) {
				continue // an actor acting on itself or on its own forces: no target
			}
			evs = append(evs, base.with(a, b))
		}
		if len(evs) == n && a != nil {
			evs = append(evs, base.with(a, nil))
		}
	}
	if m.pat.reverse != "" {
		for _, e := range evs[:len(evs):len(evs)] {
			if e.Source != nil && e.Target != nil {
				r := e.with(e.Target, e.Source)
				r.Code = m.pat.reverse
				evs = append(evs, r)
			}
		}
	}
	return evs
}

// weakTargets reports whether targets name no one acted on: every one of them (none included)
// is one of sources or a source's own part ("Syria withdrew its troops"); or, failing that,
// whether every one is a bare role, a role word without a country or body of its own ("joint
// military exercises", "contribute troops").
func weakTargets(sc *scene, targets, sources []*Actor) (owned, bare bool) {
	owned, bare = true, len(targets) > 0
	for _, t := range targets {
		if t == nil || !sourceOrOwned(sc, t, sources) {
			owned = false
		}
		if t == nil || t.Mention < 0 || !sc.bareRole(t.Mention) {
			bare = false
		}
	}
	return owned, bare && !owned
}

func (e Event) with(source, target *Actor) Event {
	e.Source, e.Target = source, target
	e.Confidence = 0.5
	if source != nil {
		e.Confidence += 0.2
	}
	if target != nil {
		e.Confidence += 0.2
	}
	if e.Modality != "asserted" {
		e.Confidence -= 0.1
	}
	return e
}

// reciprocal reports whether an event with code, done by two actors together, is done by each to
// the other: consulting, cooperating, agreeing.
func reciprocal(code string) bool {
	switch Root(code) {
	case "03", "04", "05", "06":
		return true
	}
	return false
}

func endsWithPreposition(p string) bool {
	f := strings.Fields(p)
	return len(f) > 1 && prepositions[f[len(f)-1]]
}

var prepositions = map[string]bool{
	"to": true, "with": true, "on": true, "at": true, "against": true, "in": true, "into": true,
	"for": true, "from": true, "of": true, "by": true, "over": true, "toward": true, "towards": true,
	"upon": true, "onto": true, "about": true,
}
