package quotes

import (
	"sort"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/pos"
)

// subject finds the subject of the speech verb at token i: the noun phrase before it, past
// adverbs, auxiliaries, time expressions and a parenthetical set off by commas (an apposition or
// a relative clause). It reports false when the verb has no subject of its own there.
func (f *finder) subject(si, i int) (a, b int, ok bool) {
	s := f.doc.Sentences[si]
	j := f.verbGroupStart(si, i) - 1
	if j < s.First {
		return 0, 0, false
	}
	j = f.skipParens(j, s.First)
	if j < s.First {
		return 0, 0, false
	}
	if f.isDelimiter(j) {
		// X, Russia's foreign minister, said / X, who ..., said / X, 31, a photographer, said
		return f.beforeParentheticals(si, j)
	}
	if f.is(j, "who", "that") && f.tag(j) != pos.IN || f.word(j) == "who" {
		j--
		if j >= s.First && f.word(j) == "," {
			j--
		}
	}
	return f.subjectNP(si, j)
}

// subjectNP returns the subject noun phrase or pronoun ending at token j.
func (f *finder) subjectNP(si, j int) (a, b int, ok bool) {
	s := f.doc.Sentences[si]
	if j < s.First || f.quoteAt[j] >= 0 {
		return 0, 0, false
	}
	if f.tag(j) == pos.PRP {
		if f.isObjectPronoun(j) && !f.is(j, "it", "you", "her") {
			return 0, 0, false
		}
		return j, j + 1, true
	}
	if f.tag(j) == pos.DT && f.is(j, "some", "many", "others", "both", "all", "most", "few", "several", "one", "another", "each", "either", "neither") {
		return j, j + 1, true
	}
	if !f.isNPToken(j) || !f.isNounish(j) && !(f.tag(j).IsAdj() && j > s.First && f.tag(j-1) == pos.DT) {
		return 0, 0, false
	}
	a = f.npLeft(j, s.First)
	if f.headIsNotSpeaker(a, j+1) {
		return 0, 0, false
	}
	return a, j + 1, true
}

// isDelimiter reports whether token j sets off a parenthetical: a comma or a dash.
func (f *finder) isDelimiter(j int) bool {
	return f.quoteAt[j] < 0 && (f.word(j) == "," || f.word(j) == "--" || f.isDash(j) && f.toks[j].Flags&nlp.SpaceAfter != 0)
}

// skipParens returns the token before a bracketed aside ending at token j ("Jane Doe (D-Ohio)"),
// or j.
func (f *finder) skipParens(j, first int) int {
	if f.word(j) != ")" {
		return j
	}
	for k := j - 1; k > first && j-k < 14; k-- {
		switch f.word(k) {
		case "(":
			return k - 1
		case ")":
			return j
		}
	}
	return j
}

// beforeParentheticals finds the subject of a verb preceded by parentheticals set off by commas
// or dashes, the last of which ends at token j: the noun phrase before the first of them that
// starts its clause, as in "Jane Doe, 31, a photographer in Erie, Pa., who voted for him, said".
func (f *finder) beforeParentheticals(si, j int) (a, b int, ok bool) {
	s := f.doc.Sentences[si]
	end := j // the delimiter closing the parentheticals
	for k := j - 1; k > s.First && j-k < 60; k-- {
		if f.quoteAt[k] >= 0 || f.word(k) == ";" || f.word(k) == ":" || f.tag(k) == pos.Period && !f.isDelimiter(k+1) {
			return 0, 0, false
		}
		if !f.isDelimiter(k) {
			continue
		}
		if !f.parenthetical(k+1, end) {
			return 0, 0, false
		}
		if a, b, ok := f.subjectNP(si, f.skipParens(k-1, s.First)); ok && f.clauseBoundary(a) && !(b-a == 1 && f.tag(a) == pos.CD) {
			return a, b, true
		}
		end = k
	}
	return 0, 0, false
}

// clauseBoundary reports whether a noun phrase starting at token a starts a clause: it opens the
// sentence or follows a comma, a conjunction, a colon or a quotation.
func (f *finder) clauseBoundary(a int) bool {
	if a == 0 || f.sent[a-1] != f.sent[a] {
		return true
	}
	p := a - 1
	return f.word(p) == "," || f.word(p) == ":" || f.word(p) == ";" || f.tag(p) == pos.CC || f.quoteAt[p] >= 0 || f.isDash(p) ||
		f.is(p, "that", "because", "while", "although", "though", "when", "as", "since", "if", "after", "before", "but", "and")
}

// afterQuotation returns the first token after a quotation that ends shortly before the verb
// group of the speech verb at token i, with a comma, question or exclamation mark before its
// closing mark or after it, when the tokens between hold no verb and no clause break.
func (f *finder) afterQuotation(si, i int) (int, bool) {
	g := f.verbGroupStart(si, i)
	first := f.doc.Sentences[si].First
	for k := g - 1; k >= first && g-k <= 14; k-- {
		if qi := f.quoteAt[k]; qi >= 0 {
			q := &f.quotes[qi]
			if q.end != k || q.last <= q.first {
				return 0, false
			}
			a := k + 1
			if f.word(a) == "," || f.word(a) == "--" {
				a++
			} else if w := f.word(q.last - 1); w != "," && w != "?" && w != "!" && w != "--" && w != "-" {
				return 0, false
			}
			if a >= g || !f.isNPToken(a) && f.tag(a) != pos.PRP {
				return 0, false
			}
			return a, true
		}
		t := f.tag(k)
		if t.IsVerb() || t == pos.MD || t == pos.Period || f.word(k) == ";" || f.word(k) == ":" {
			return 0, false
		}
	}
	return 0, false
}

// verbGroupStart returns the first token of the verb group ending with the verb at token i: the
// auxiliaries, adverbs and time expressions before it, and a verb it is the infinitive of ("went
// on to say", "declined to say").
func (f *finder) verbGroupStart(si, i int) int {
	s := f.doc.Sentences[si]
	j := i - 1
	for j >= s.First {
		switch {
		case f.quoteAt[j] >= 0:
			return j + 1
		case f.tag(j).IsAdv() && !f.is(j, "so", "there", "here", "how", "why", "when", "where"),
			f.tag(j) == pos.MD, f.is(j, "not", "n't", "has", "have", "had", "'ve", "'d", "did", "does", "do", "will", "would", "'ll", "reportedly", "also", "again", "too"):
			j--
			continue
		case f.isTime(j):
			j--
			if j >= s.First && f.is(j, "on", "late", "early", "last", "this", "next", "earlier", "later") {
				j--
			}
			continue
		case f.tag(i) == pos.VBG && f.is(j, "is", "are", "was", "were", "'s", "'re", "been", "be"):
			j--
			continue
		case f.tag(j) == pos.TO && j > s.First:
			k := j - 1
			if f.tag(k) == pos.RP || f.is(k, "on") {
				k--
			}
			if k >= s.First && f.tag(k).IsVerb() && !f.is(k, "is", "was", "are", "were", "be", "been", "'s", "'re") {
				j = k - 1
				continue
			}
		}
		break
	}
	return j + 1
}

// parenthetical reports whether tokens [a, b) between commas are an apposition or a relative
// clause rather than a clause of their own.
func (f *finder) parenthetical(a, b int) bool {
	if a >= b {
		return false
	}
	if f.is(a, "who", "whose", "which", "whom") {
		return true
	}
	t := f.tag(a)
	if !(f.tag(a).IsDeterminer() || t.IsNoun() || t.IsAdj() || t == pos.PRPS || t == pos.CD || t == pos.VBG || t == pos.VBN || t == pos.IN || t.IsAdv() || t == pos.LParen) {
		return false
	}
	// A finite verb only in a relative clause ("the founder of a group that encourages ...").
	rel := false
	for k := a; k < b; k++ {
		if f.is(k, "who", "whose", "which", "that", "whom") {
			rel = true
		}
		if f.tag(k).IsFiniteVerb() && !rel {
			return false
		}
	}
	return true
}

// isNPToken reports whether token j can be part of a noun phrase naming a speaker.
func (f *finder) isNPToken(j int) bool {
	switch f.tag(j) {
	case pos.DT, pos.PDT, pos.JJ, pos.JJR, pos.JJS, pos.NN, pos.NNS, pos.NNP, pos.NNPS, pos.POS, pos.PRPS, pos.CD, pos.NNSYM:
		return true
	case pos.VBN, pos.VBG:
		// "the embattled governor", "the ruling party": a participle inside a name phrase
		return j+1 < len(f.toks) && (f.tag(j+1).IsNoun() || f.tag(j+1).IsAdj())
	}
	return f.mention[j] >= 0
}

func (f *finder) isNounish(j int) bool {
	return f.tag(j).IsNoun() || f.tag(j) == pos.CD || f.mention[j] >= 0
}

// npLeft returns the first token of the noun phrase ending at token j: its modifiers, a
// possessive ("Russia's foreign minister"), and an "of"/"for" phrase attached to a noun ("a
// spokesman for the campaign").
func (f *finder) npLeft(j, first int) int {
	a := j
	for a > first {
		k := a - 1
		if f.quoteAt[k] >= 0 {
			break
		}
		if f.isNPToken(k) {
			a = k
			continue
		}
		if k > first && (f.is(k, "of") && f.tag(k-1).IsNoun() || f.is(k, "for", "at", "with", "from") && f.tag(k-1).IsCommonNoun()) {
			a = k - 1
			continue
		}
		if f.is(k, "and", "&") && k > first && f.tag(k-1).IsProperNoun() && f.tag(a).IsProperNoun() {
			a = k - 1
			continue
		}
		break
	}
	if m := f.mention[a]; m >= 0 && f.ms[m].First < a && f.ms[m].First >= first {
		a = f.ms[m].First
	}
	return a
}

// npRight returns the noun phrase starting at token j, ending before last.
func (f *finder) npRight(j, last int) (a, b int, ok bool) {
	if j >= last {
		return 0, 0, false
	}
	if f.tag(j) == pos.PRP && !f.isObjectPronoun(j) || f.is(j, "it", "you") {
		return j, j + 1, true
	}
	b = j
	noun := false
	for b < last && f.quoteAt[b] < 0 && (f.isNPToken(b) || f.word(b) == "-" && noun) {
		if b > j && f.tag(b-1).IsNoun() && (f.tag(b).IsDeterminer() || f.tag(b) == pos.PRPS) {
			break // a new noun phrase: "told Reuters the ceasefire ..."
		}
		if f.isNounish(b) {
			noun = true
		}
		b++
		// "the head of the agency", "a spokesman for the campaign"
		if b+1 < last && f.is(b, "of", "for") && f.tag(b-1).IsNoun() && f.isNPToken(b+1) {
			b++
		}
	}
	if !noun {
		return 0, 0, false
	}
	// "Rep. Jane Doe (D-Ohio)"
	if b+1 < last && f.word(b) == "(" && f.tag(b-1).IsProperNoun() {
		k := b + 1
		for k < last && k-b < 12 && f.word(k) != ")" && f.word(k) != "(" {
			k++
		}
		if k < last && f.word(k) == ")" {
			b = k + 1
		}
	}
	return j, b, true
}

// headIsNotSpeaker reports whether the noun phrase [a, b) cannot be a speaker: a time, a
// quantity, a thing.
func (f *finder) headIsNotSpeaker(a, b int) bool {
	h := b - 1
	if f.isTime(h) || f.tag(h) == pos.CD && a == h {
		return true
	}
	return false
}

// isTime reports whether token j is a time word.
func (f *finder) isTime(j int) bool {
	var buf [16]byte
	return timeWords[lower(&buf, f.word(j))]
}

var timeWords = map[string]bool{}

func init() {
	for _, w := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"today", "yesterday", "tonight", "tomorrow", "morning", "afternoon", "evening", "night",
		"week", "weekend", "month", "year", "earlier", "later", "recently", "previously", "ago",
		"mon.", "tue.", "tues.", "wed.", "thu.", "thurs.", "fri.", "sat.", "sun."} {
		timeWords[w] = true
	}
}

// lower returns w in lower case, written into buf when it must change; a word longer than buf
// is returned as it is. It does not allocate.
func lower(buf *[16]byte, w string) string {
	if len(w) > len(buf) {
		return w
	}
	for i := 0; i < len(w); i++ {
		if 'A' <= w[i] && w[i] <= 'Z' {
			n := copy(buf[:], w)
			for k := i; k < n; k++ {
				if 'A' <= buf[k] && buf[k] <= 'Z' {
					buf[k] += 'a' - 'A'
				}
			}
			return string(buf[:n])
		}
	}
	return w
}

// coordinateSubject returns the subject of a verb with none of its own: a participle ("...,
// saying ...") or a verb coordinated with an earlier one ("denied it and said ...") shares the
// subject of the clause it hangs on.
func (f *finder) coordinateSubject(si, i int) (a, b int) {
	s := f.doc.Sentences[si]
	j := f.verbGroupStart(si, i) - 1
	if j < s.First {
		return 0, 0
	}
	participle := f.tag(i) == pos.VBG && (f.word(j) == "," || f.is(j, "after", "before", "by", "while", "when", "without", "in", "since"))
	coordinated := f.is(j, "and", "but") || f.word(j) == ","
	if !participle && !coordinated {
		return 0, 0
	}
	// The last attribution in this sentence with a speaker.
	for k := len(f.attrs) - 1; k >= 0; k-- {
		at := &f.attrs[k]
		if at.cueTok < s.First {
			break
		}
		if at.sp != nil && at.spFirst >= 0 {
			return at.spFirst, f.spEnd(at)
		}
	}
	// The subject of the nearest finite verb before it.
	for k := j - 1; k >= s.First; k-- {
		if f.quoteAt[k] >= 0 {
			return 0, 0
		}
		if f.tag(k).IsFiniteVerb() {
			if a, b, ok := f.subject(si, k); ok {
				return a, b
			}
			if participle {
				continue // the main clause may come earlier
			}
			return 0, 0
		}
	}
	return 0, 0
}

// spEnd returns the token after the speaker of attribution at.
func (f *finder) spEnd(at *attr) int {
	k := at.spFirst
	for k < len(f.toks) && int(f.toks[k].End) <= at.sp.End {
		k++
	}
	return k
}

// speaker builds the speaker named by tokens [a, b), with the confidence its form gives.
func (f *finder) speaker(a, b int) (*Speaker, float64) {
	sp := &Speaker{Span: f.tokSpan(a, b), Mention: -1}
	if b-a == 1 && (f.tag(a) == pos.PRP || f.tag(a) == pos.PRPS) {
		sp.Mention = f.antecedent(a)
		if sp.Mention >= 0 {
			return sp, confPronoun
		}
		return sp, confPronounOnly
	}
	// The mention heading the phrase: the last person in it, else the last organisation, else
	// the last mention, leaving out a bracketed aside ("Jane Doe (D-Ohio)").
	if e := f.skipParens(b-1, a); e < b-1 {
		b = e + 1
	}
	best, rank := -1, 0
	for k := b - 1; k >= a; k-- {
		m := f.mention[k]
		if m < 0 {
			continue
		}
		r := 1
		switch f.ms[m].Type {
		case "PER":
			r = 3
		case "ORG":
			r = 2
		}
		if r > rank {
			best, rank = int(m), r
		}
	}
	sp.Mention = best
	if best >= 0 && f.ms[best].Type != "" && f.ms[best].Type != "MISC" {
		return sp, confName
	}
	return sp, confDescription
}

// antecedent resolves the pronoun at token tok: to the last speaker when it fits and is recent,
// else with actors.Antecedent among the mentions outside quotations.
func (f *finder) antecedent(tok int) int {
	var buf [16]byte
	w := lower(&buf, f.word(tok))
	per := w == "he" || w == "she" || w == "him" || w == "her" || w == "his"
	org := w == "it" || w == "its"
	if !per && !org {
		return -1
	}
	if f.last >= 0 && f.last < len(f.attrs) {
		at := &f.attrs[f.last]
		if at.sp != nil && at.sp.Mention >= 0 && at.cueTok >= 0 && int(f.sent[tok])-int(f.sent[at.cueTok]) <= 3 {
			m := &f.ms[at.sp.Mention]
			if per && m.Type == "PER" || org && (m.Type == "ORG" || m.Kind == actors.KindCountry) {
				return at.sp.Mention
			}
		}
	}
	// Only the mentions before the pronoun: actors.Antecedent scans back from the end.
	off := int(f.toks[tok].Start)
	n := sort.Search(len(f.ms), func(k int) bool { return f.ms[k].Start >= off })
	for n > 0 {
		j := actors.Antecedent(f.doc, f.ms[:n], tok)
		if j < 0 {
			return -1
		}
		if m := f.ms[j].First; m < 0 || m >= len(f.toks) || f.quoteAt[m] < 0 {
			return j
		}
		n = j // a mention in a quotation: look further back
	}
	return -1
}
