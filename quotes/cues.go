package quotes

import (
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/pos"
)

// findCues finds the speaker labels, the "according to" frames and the speech verbs outside
// quotations, in text order, and the attribution each frames.
func (f *finder) findCues() {
	f.claimed = make([]bool, len(f.toks))
	for si := range f.doc.Sentences {
		s := f.doc.Sentences[si]
		f.label(si)
		for i := s.First; i < s.Last; i++ {
			if f.quoteAt[i] >= 0 || f.claimed[i] {
				continue
			}
			if f.is(i, "according") && f.is(i+1, "to") {
				f.according(si, i)
				continue
			}
			if v, ok := f.cueVerb(i); ok {
				f.cue(si, i, v)
			}
		}
	}
}

// cueVerb reports whether token i is a speech verb used as one.
func (f *finder) cueVerb(i int) (verb, bool) {
	v, ok := lookupVerb(f.word(i))
	if !ok {
		return v, false
	}
	t := f.tag(i)
	// A pronoun or a name before it and the end of the sentence after it make a verb of a
	// form the tagger read as a noun ("..., Smith notes.").
	subj := i > 0 && (f.is(i-1, "he", "she", "they", "we", "i") ||
		f.tag(i-1).IsProperNoun() && i+1 < len(f.toks) && (f.tag(i+1) == pos.Period || f.word(i+1) == ","))
	if !t.IsVerb() && !subj {
		if v.flags&flagNoun != 0 || v.class != clauseCue || equalFold(f.word(i), v.lemma) {
			return v, false
		}
		switch t {
		case pos.NN, pos.NNS, pos.NNP, pos.JJ:
		default:
			return v, false
		}
	}
	// A passive ("was told", "is expected") reports what was said to or of the subject.
	if t == pos.VBN || f.endsEd(i) {
		j := i - 1
		for j >= 0 && (f.tag(j).IsAdv() || f.is(j, "not", "n't")) {
			j--
		}
		if f.is(j, "was", "were", "is", "are", "be", "been", "being", "'s", "get", "got", "gets") {
			return v, false
		}
	}
	// A form used as a modifier ("the so-called", "a stated goal") is not a cue.
	if t == pos.VBN && i+1 < len(f.toks) && f.tag(i+1).IsNoun() && i > 0 && f.tag(i-1).IsDeterminer() {
		return v, false
	}
	return v, true
}

// endsEd reports whether token i ends in -ed.
func (f *finder) endsEd(i int) bool {
	w := f.word(i)
	return len(w) > 3 && w[len(w)-2:] == "ed"
}

// cue builds the attribution framed by the speech verb at token i of sentence si.
func (f *finder) cue(si, i int, v verb) {
	s := f.doc.Sentences[si]
	cueLast := i + 1
	if cueLast < s.Last && hasPrep(v.lemma, f.word(cueLast)) && f.tag(cueLast) != pos.Period {
		cueLast++
	} else if f.isPrepOnly(v.lemma) {
		return
	}
	a := attr{cueTok: i, cue: f.tokSpan(i, cueLast), spFirst: -1}
	// The speaker.
	spA, spB, subj := f.subject(si, i)
	if a2, ok := f.afterQuotation(si, i); ok && (!subj || a2 < spA) {
		// `"...," the former aide to President Bush said`: all that stands between a quotation
		// and its speech verb names the speaker.
		spA, spB, subj = a2, f.verbGroupStart(si, i), true
	}
	inverted := false
	frameStart, frameEnd := i, cueLast
	if subj {
		frameStart = spA
	} else {
		// An inverted frame: ", said the minister." The verb follows a comma, a closing quotation
		// mark or a question, or opens the sentence after a quotation.
		if f.afterBreak(i) && f.tag(i) != pos.VBG && f.tag(i) != pos.VB {
			if a2, b2, ok := f.npRight(cueLast, s.Last); ok && f.invertedEnds(b2, s.Last) {
				spA, spB, inverted = a2, b2, true
				frameEnd = b2
			}
		}
		if !inverted {
			spA, spB = f.coordinateSubject(si, i)
		}
	}
	if spB > spA {
		a.sp, a.conf = f.speaker(spA, spB)
		a.spFirst = spA
	}
	// Where the content is: after the frame, or before it when the frame follows a quotation,
	// or ends a reported clause ("The plan will fail, he said.").
	after := frameEnd
	if !inverted {
		after = i + 1
	}
	after = f.skipAdverbials(after, s.Last, v)
	left := f.leftKind(frameStart)
	right := f.rightKind(after, s.Last)
	if left == leftQuote && right != rightNone && right != rightQuote && f.isTitle(&f.quotes[f.quoteAt[f.leftEnd(frameStart)]]) {
		// `In an interview on "Face the Nation," the senator said that ...`: a title, not what
		// was said.
		left = leftNone
	}
	// Only a verb of saying ends the clause it reports ("..., he said"), not "..., referring to".
	clauseVerb := v.class == clauseCue && cueLast == i+1
	post := left == leftQuote || left == leftClause && clauseVerb && right == rightNone
	if post {
		frameEnd = after
	}
	var ok bool
	if post {
		ok = f.leftContent(&a, si, frameStart, frameEnd)
	} else {
		ok = f.rightContent(&a, si, cueLast, v)
	}
	if !ok {
		return
	}
	if a.sp == nil {
		a.conf = confNone
	}
	f.attrs = append(f.attrs, a)
	if a.sp != nil {
		f.last = len(f.attrs) - 1
	}
	if !post {
		// What someone reports others said is part of their report.
		for k := a.first; k < a.last; k++ {
			f.claimed[k] = true
		}
	}
}

// isPrepOnly reports whether lemma is a cue only with a preposition.
func (f *finder) isPrepOnly(lemma string) bool {
	for _, l := range prepOnlyVerbs {
		if l == lemma {
			return true
		}
	}
	return false
}

// afterBreak reports whether the verb at token i follows a comma, a closing quotation mark, a
// question or exclamation mark, or a dash.
func (f *finder) afterBreak(i int) bool {
	j := i - 1
	for j >= 0 && f.tag(j).IsAdv() && f.sent[j] == f.sent[i] {
		j--
	}
	if j < 0 || f.sent[j] != f.sent[i] {
		return true // the verb opens the text or its sentence: "Said Smith: ..."
	}
	w := f.word(j)
	switch w {
	case ",", "?", "!", "--", "-", ":":
		return true
	}
	return f.quoteAt[j] >= 0 && f.quotes[f.quoteAt[j]].end == j
}

// breakBefore reports whether the frame starting at token i is set off from what precedes it:
// by a comma, a dash, a closing quotation mark or a question or exclamation mark.
func (f *finder) breakBefore(i int) bool {
	if i == 0 {
		return false
	}
	j := i - 1
	if f.sent[j] != f.sent[i] {
		// The frame opens its sentence: it follows the previous one only when that was a
		// quotation ending the sentence, as in `"...?" he asked.`
		return f.quoteAt[j] >= 0 && f.doc.Sentences[f.sent[i]].Para == f.doc.Sentences[f.sent[j]].Para &&
			!f.endsWithPeriodInside(int(f.quoteAt[j]))
	}
	switch f.word(j) {
	case ",", "?", "!", "--", "-", ";":
		return true
	}
	return f.quoteAt[j] >= 0
}

// What precedes and follows a frame.
const (
	leftNone   = iota
	leftQuote  // a quotation ends just before the frame
	leftClause // a clause, set off by a comma
)

const (
	rightNone   = iota // the frame ends the sentence or is followed by a comma
	rightQuote         // a quotation follows
	rightClause        // "that", a colon or a clause follows
	rightOther         // an object or anything else
)

// leftKind says what precedes the frame starting at token i.
func (f *finder) leftKind(i int) int {
	if !f.breakBefore(i) {
		return leftNone
	}
	j := i - 1
	if f.quoteAt[j] < 0 && (f.word(j) == "," || f.word(j) == "--" || f.word(j) == "-") {
		j--
	}
	if j < 0 {
		return leftNone
	}
	if qi := f.quoteAt[j]; qi >= 0 && f.quotes[qi].end == j {
		return leftQuote
	}
	if f.sent[j] != f.sent[i] {
		return leftNone
	}
	for k := f.doc.Sentences[f.sent[i]].First; k <= j; k++ {
		if f.quoteAt[k] >= 0 || f.tag(k).IsFiniteVerb() {
			return leftClause
		}
	}
	return leftNone
}

// leftEnd returns the last token of what precedes the frame starting at token i, past the
// comma or dash that sets the frame off.
func (f *finder) leftEnd(i int) int {
	j := i - 1
	if f.quoteAt[j] < 0 && (f.word(j) == "," || f.word(j) == "--" || f.word(j) == "-") {
		j--
	}
	return j
}

// rightKind says what follows a frame that ends at token j.
func (f *finder) rightKind(j, last int) int {
	if j >= last {
		return rightNone
	}
	isOpen := func(k int) bool { return k < last && f.quoteAt[k] >= 0 && f.quotes[f.quoteAt[k]].open == k }
	switch f.word(j) {
	case ".", "!", "?", ";", "--", "-", ")":
		return rightNone
	case ",":
		if isOpen(j + 1) {
			return rightQuote
		}
		if f.is(j+1, "that") {
			return rightClause
		}
		return rightNone
	case ":":
		if isOpen(j + 1) {
			return rightQuote
		}
		return rightClause
	}
	if isOpen(j) {
		return rightQuote
	}
	if f.is(j, "that") || f.clauseStart(j, last) {
		return rightClause
	}
	return rightOther
}

// invertedEnds reports whether a noun phrase ending at token j after an inverted speech verb
// ends the frame: what follows is not the verb of a clause it would be the subject of.
func (f *finder) invertedEnds(j, last int) bool {
	if j >= last {
		return true
	}
	t := f.tag(j)
	return !(t.IsFiniteVerb() || t == pos.VBN || t == pos.VBG || t == pos.TO || f.is(j, "that") || t.IsAdv() && j+1 < last && f.tag(j+1).IsFiniteVerb())
}

// endsWithPeriodInside reports whether quotation qi ends with a full stop before its closing
// mark, which ends the sentence.
func (f *finder) endsWithPeriodInside(qi int) bool {
	q := &f.quotes[qi]
	return q.last > q.first && f.word(q.last-1) == "."
}

// skipAdverbials skips what may follow a speech verb in a frame before its end: time expressions,
// prepositional phrases ("in a statement", "on Fox News", "at a rally in Ohio"), and for a verb
// like tell the addressee ("told reporters").
func (f *finder) skipAdverbials(j, last int, v verb) int {
	if v.flags&flagTell != 0 && j < last {
		if f.tag(j) == pos.PRP && f.isObjectPronoun(j) {
			j++
		} else if _, b, ok := f.npRight(j, last); ok {
			j = b
		}
	}
	for n := 0; j < last && n < 6; n++ {
		switch {
		case f.isTime(j):
			j++
		case f.tag(j).IsAdv() && !f.is(j, "so", "how", "why", "when", "where"):
			j++
		case (f.tag(j) == pos.IN || f.tag(j) == pos.TO) && !f.is(j, "that", "if", "whether", "because", "as", "while", "although", "though", "since", "after", "before", "so", "than", "like", "unless", "until"):
			k := j + 1
			if _, b, ok := f.npRight(k, last); ok {
				j = b
			} else {
				return j
			}
		default:
			return j
		}
	}
	return j
}

// isObjectPronoun reports whether token j is a pronoun in the object case (or one that may be).
func (f *finder) isObjectPronoun(j int) bool {
	return f.is(j, "me", "him", "her", "us", "them", "you", "it")
}

// according handles "according to X": X is the speaker, and the content is the clause the
// frame opens, ends or interrupts.
func (f *finder) according(si, i int) {
	s := f.doc.Sentences[si]
	a2, b2, ok := f.npRight(i+2, s.Last)
	if !ok {
		return
	}
	a := attr{cueTok: i, cue: f.tokSpan(i, i+2), spFirst: a2}
	a.sp, a.conf = f.speaker(a2, b2)
	first := f.firstWord(s)
	comma := b2 < s.Last && f.word(b2) == ","
	switch {
	case i == first && comma:
		// "According to X, ..."
		end, ok := f.clauseEnd(b2+1, s.Last)
		if !ok {
			return
		}
		a.first, a.last = b2+1, end
	case i > first:
		// "..., according to X." or "The plan, according to X, will ..."
		end, ok := f.clauseEnd(first, i)
		if !ok {
			return
		}
		a.first, a.last = first, end
		if comma {
			if e2, ok := f.clauseEnd(b2+1, s.Last); ok {
				a.last = e2
			}
		}
	default:
		return
	}
	f.setSpan(&a)
	f.attrs = append(f.attrs, a)
	f.last = len(f.attrs) - 1
}

// firstWord returns the first token of sentence s that is not a quotation mark or a conjunction.
func (f *finder) firstWord(s nlp.Sentence) int {
	k := s.First
	for k < s.Last && (f.tag(k) == pos.CC || f.tag(k).IsPunct() && f.quoteAt[k] < 0) {
		k++
	}
	return k
}

// label handles a speaker label: a name or description opening a paragraph and followed by a
// colon, as in "Sergey Lavrov, foreign minister: We ..." or a transcript's "SMITH: ...". The
// content runs to the end of the paragraph.
func (f *finder) label(si int) {
	s := f.doc.Sentences[si]
	if si > 0 && f.doc.Sentences[si-1].Para == s.Para {
		return
	}
	colon := -1
	for k := s.First; k < s.Last && k-s.First <= 10; k++ {
		if f.word(k) == ":" {
			colon = k
			break
		}
		if f.quoteAt[k] >= 0 || !(f.isNPToken(k) || f.word(k) == "," || f.word(k) == "." || f.is(k, "of", "for", "and")) {
			return
		}
	}
	if colon <= s.First {
		return
	}
	person := false
	for k := s.First; k < colon; k++ {
		if m := f.mention[k]; m >= 0 {
			switch f.ms[m].Type {
			case "PER":
				person = true
			case "LOC":
				return // a dateline
			}
		}
	}
	if !person && colon-s.First <= 4 && colon+1 < s.Last && f.quoteAt[colon+1] >= 0 {
		// A name before a quotation ("Smith: 'We will win'").
		person = true
		for k := s.First; k < colon; k++ {
			if !f.tag(k).IsProperNoun() {
				person = false
			}
		}
	}
	if !person {
		// A transcript's speaker in capitals ("SMITH:", "MR. JONES:").
		caps := colon-s.First <= 3
		for k := s.First; k < colon && caps; k++ {
			if f.toks[k].Flags&nlp.AllUpper == 0 && f.toks[k].Flags&nlp.Punct == 0 {
				caps = false
			}
		}
		if !caps || colon-s.First == 1 && isHeadlineWord(f.word(s.First)) {
			return
		}
	}
	// The content: to the end of the paragraph.
	last := s.Last
	for sj := si + 1; sj < len(f.doc.Sentences) && f.doc.Sentences[sj].Para == s.Para; sj++ {
		last = f.doc.Sentences[sj].Last
	}
	first := colon + 1
	if first >= last {
		return
	}
	end := last
	for end > first && f.quoteAt[end-1] < 0 && f.tag(end-1) == pos.Period {
		end--
	}
	if end <= first {
		return
	}
	a := attr{cueTok: colon, cue: f.tokSpan(colon, colon+1), first: first, last: end, spFirst: s.First}
	a.sp, _ = f.speaker(s.First, colon)
	a.conf = confLabel
	f.setSpan(&a)
	for k := first; k < a.last; k++ {
		f.claimed[k] = true
	}
	f.attrs = append(f.attrs, a)
	f.last = len(f.attrs) - 1
}

// isHeadlineWord reports whether w is a word that labels a line of a page ("UPDATE:") rather
// than a speaker.
func isHeadlineWord(w string) bool {
	var buf [16]byte
	switch lower(&buf, w) {
	case "update", "updated", "breaking", "exclusive", "watch", "video", "photos", "note", "editor", "correction", "analysis", "opinion", "related", "source", "sources", "read", "listen", "full", "abstract", "text", "q", "a":
		return true
	}
	return false
}
