package quotes

import (
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/pos"
)

// leftContent sets the content of a frame that follows it: the quotation or clause before the
// comma that sets off the frame [frameStart, frameEnd), and a quotation resuming after it.
func (f *finder) leftContent(a *attr, si, frameStart, frameEnd int) bool {
	s := f.doc.Sentences[si]
	j := frameStart - 1
	if j >= 0 && f.quoteAt[j] < 0 && (f.word(j) == "," || f.word(j) == "--" || f.word(j) == "-") {
		j--
	}
	if j < 0 {
		return false
	}
	if qi := f.quoteAt[j]; qi >= 0 {
		q := &f.quotes[qi]
		if f.used[qi] {
			return false
		}
		f.used[qi] = true
		a.first, a.last, a.span, a.direct = q.open, q.end+1, q.span, true
		// A quotation that completes a sentence begun outside it ("The party "allows us ...,"
		// he said") reports the whole sentence.
		if qs := int(f.sent[q.open]); qs == si || f.sent[frameStart] == int32(qs) {
			if first := f.firstWord(f.doc.Sentences[qs]); first < q.open {
				a.first = first
				a.span.Start = int(f.toks[first].Start)
			}
		}
		// The quotation may resume after the frame: `"A," he said, "B."`
		f.resume(a, si, frameEnd)
		return true
	}
	// A reported clause: from the start of the sentence (or of the clause after a semicolon).
	first := s.First
	for k := j; k >= s.First; k-- {
		if f.quoteAt[k] < 0 && (f.word(k) == ";" || f.word(k) == ":" && k < j) {
			first = k + 1
			break
		}
	}
	for first < j && f.tag(first) == pos.CC {
		first++
	}
	if first > j {
		return false
	}
	for k := first; k <= j; k++ {
		if qi := f.quoteAt[k]; qi >= 0 && f.used[qi] || f.claimed[k] {
			return false // another frame's report
		}
	}
	a.first, a.last = first, j+1
	// A parenthetical frame ("The plan, he said, will fail"): the clause runs on after it.
	if frameEnd < s.Last && f.word(frameEnd) == "," && !(frameEnd+1 < s.Last && f.quoteAt[frameEnd+1] >= 0) {
		if k, ok := f.clauseEnd(frameEnd+1, s.Last); ok && k > frameEnd+1 {
			a.last = k
		}
	}
	f.setSpan(a)
	return true
}

// resume extends a direct attribution over the quotation that resumes after its frame (`"A," he
// said, "B."` or `"A," he said. "B."`) and the quotations that follow it as sentences of their
// own in the paragraph.
func (f *finder) resume(a *attr, si, frameEnd int) {
	para := f.doc.Sentences[si].Para
	j := frameEnd
	// Past the rest of the frame ("said during a rally in Ohio, ...").
	for n := 0; n < 25 && j+1 < len(f.toks) && f.sent[j] == int32(si) && f.quoteAt[j] < 0 && f.quoteAt[j+1] < 0; n++ {
		if f.tag(j).IsFiniteVerb() || f.tag(j) == pos.Period {
			break
		}
		j++
	}
	if j < len(f.toks) && f.quoteAt[j] >= 0 && f.sent[j] == int32(si) {
		j-- // `"A," he said "B."`
	}
	if j+1 < len(f.toks) && (f.quoteAt[j] < 0 && (f.word(j) == "," || f.word(j) == ":" || f.is(j, "but", "and")) || j+1 == frameEnd) && f.sent[j+1] == int32(si) {
		if qi := f.quoteAt[j+1]; qi >= 0 && !f.used[qi] && f.quotes[qi].open == j+1 {
			q := &f.quotes[qi]
			f.used[qi] = true
			a.last, a.span.End = q.end+1, q.span.End
			si = int(f.sent[q.end])
		}
	}
	for {
		si++
		if si >= len(f.doc.Sentences) || f.doc.Sentences[si].Para != para {
			return
		}
		j = f.doc.Sentences[si].First
		qi := f.quoteAt[j]
		if qi < 0 || f.used[qi] || f.quotes[qi].open != j || f.quotes[qi].paraStart || !f.wholeSentences(&f.quotes[qi]) {
			return
		}
		q := &f.quotes[qi]
		f.used[qi] = true
		a.last, a.span.End = q.end+1, q.span.End
		si = int(f.sent[q.end])
	}
}

// wholeSentences reports whether quotation q starts a sentence and ends one (or its paragraph).
func (f *finder) wholeSentences(q *quotation) bool {
	s := f.doc.Sentences[f.sent[q.open]]
	for k := s.First; k < q.open; k++ {
		if f.tag(k) != pos.CC {
			return false
		}
	}
	end := q.end + 1
	for end < len(f.toks) && f.quoteAt[end] < 0 && f.tag(end) == pos.Period && f.sent[end] == f.sent[q.close] {
		end++
	}
	return end >= len(f.toks) || f.sent[end] != f.sent[q.close] || q.unterminated
}

// maxClause bounds the tokens a reported clause may run over, which keeps the work per cue
// bounded on text without sentence punctuation.
const maxClause = 200

// clauseEnd returns where the reported clause starting at token j ends: before a semicolon, an
// "according to", a coordinated or participial speech verb, or the sentence's final punctuation.
func (f *finder) clauseEnd(j, last int) (int, bool) {
	last = min(last, j+maxClause)
	k := j
	for ; k < last; k++ {
		if qi := f.quoteAt[k]; qi >= 0 {
			k = f.quotes[qi].end
			if k >= last {
				return last, true
			}
			continue
		}
		w := f.word(k)
		if w == ";" || f.is(k, "according") && f.is(k+1, "to") && k > j {
			break
		}
		if k > j && (f.is(k, "and", "but") || w == ",") && f.newFrame(k+1, last) {
			break
		}
		if k > j && (f.is(k, "and", "but") || w == ",") {
			n := k + 1
			for n < last && (f.tag(n).IsAdv() || f.is(n, "and", "but")) {
				n++
			}
			if n < last && n > k && f.quoteAt[n] < 0 {
				if _, ok := lookupVerb(f.word(n)); ok && (f.tag(n).IsFiniteVerb() || f.tag(n) == pos.VBG && w == ",") && f.tag(n).IsVerb() {
					break
				}
			}
		}
	}
	// Drop trailing punctuation outside quotations.
	for k > j && f.quoteAt[k-1] < 0 && (f.tag(k-1) == pos.Period || f.word(k-1) == "," || f.word(k-1) == ":" || f.word(k-1) == "--") {
		k--
	}
	return k, k > j
}

// hasQuotation reports whether a quotation that is not a title starts in tokens [a, b).
func (f *finder) hasQuotation(a, b int) bool {
	for k := a; k < b; k++ {
		if qi := f.quoteAt[k]; qi >= 0 && f.quotes[qi].open >= a {
			if !f.isTitle(&f.quotes[qi]) {
				return true
			}
			k = f.quotes[qi].end
		}
	}
	return false
}

// newFrame reports whether a speech frame with a subject of its own starts at token j: a noun
// phrase or pronoun followed by a speech verb ("..., Smith said", "... and Smith told").
func (f *finder) newFrame(j, last int) bool {
	_, b, ok := f.npRight(j, last)
	if !ok {
		return false
	}
	for b < last && (f.tag(b).IsAdv() || f.tag(b) == pos.MD || f.is(b, "has", "have", "had")) {
		b++
	}
	if b >= last || f.quoteAt[b] >= 0 {
		return false
	}
	_, ok = lookupVerb(f.word(b))
	return ok && f.tag(b).IsVerb()
}

// rightContent sets the content of a frame that comes first: what follows the cue (ending at
// token cueLast) to the end of its clause, taking in the quotations that start in it.
func (f *finder) rightContent(a *attr, si, cueLast int, v verb) bool {
	s := f.doc.Sentences[si]
	j := cueLast
	// The addressee of tell, assure, remind ...
	if v.flags&flagTell != 0 && j < s.Last {
		if f.tag(j) == pos.PRP && f.isObjectPronoun(j) && !f.is(j, "it") {
			j++
		} else if _, b, ok := f.npRight(j, s.Last); ok {
			if f.startsContent(b, s.Last) {
				j = b
			} else if k := f.skipAdverbials(b, s.Last, verb{}); k > b && f.startsContent(k, s.Last) {
				j = b
			}
		}
	}
	// Adverbials before a complementizer, a colon or a quotation: "said on Thursday that".
	if k := f.skipAdverbials(j, s.Last, verb{}); k > j && f.startsContent(k, s.Last) {
		j = k
	}
	for j < s.Last && f.quoteAt[j] < 0 && (f.word(j) == "," || f.word(j) == ":" || f.word(j) == "--") {
		j++
	}
	if j >= s.Last {
		return false
	}
	colon := j > cueLast && f.word(j-1) == ":"
	if f.tag(j) == pos.Period || f.tag(j).IsFiniteVerb() && !colon {
		return false
	}
	if qi := f.quoteAt[j]; qi >= 0 && f.quotes[qi].open == j && !colon && j == cueLast && f.quotes[qi].first < f.quotes[qi].last &&
		f.tag(f.quotes[qi].first).IsFiniteVerb() && f.toks[f.quotes[qi].first].Flags&nlp.Upper == 0 {
		// "Nothing the president said "will ease fears,"": the verb is in a relative clause.
		return false
	}
	end, ok := f.clauseEnd(j, s.Last)
	if !ok {
		return false
	}
	// A verb taking its content in many ways needs a sign that it reports speech here: "that",
	// a colon, a quotation in what follows, or a clause for verbs that take one bare.
	if !colon && !f.is(j, "that") && !f.hasQuotation(j, end) {
		prep := cueLast > a.cueTok+1 // "called for", "pointed out"
		if v.flags&flagAlone != 0 && !prep && !(v.flags&flagBare != 0 && f.clauseStart(j, s.Last)) {
			return false
		}
		// "announced a plan", "asked to": an object or an infinitive, not a report.
		if v.class == clauseCue && v.flags&flagBare == 0 && v.flags&flagTell == 0 &&
			(f.tag(j) == pos.TO || f.tag(j) == pos.IN && !f.is(j, "if", "whether")) {
			return false
		}
	}
	a.first, a.last = j, end
	// A quotation running past the sentence.
	if qi := f.quoteAt[end-1]; qi >= 0 && f.quotes[qi].end >= end-1 {
		q := &f.quotes[qi]
		a.last = q.end + 1
	}
	f.setSpan(a)
	if a.direct && f.quoteAt[a.first] >= 0 && f.quotes[f.quoteAt[a.first]].open == a.first {
		// X said: "A." "B." — quotation-only sentences after it continue it.
		f.resume(a, int(f.sent[a.last-1]), a.last)
	}
	return true
}

// startsContent reports whether token j can begin what a speech verb reports: "that", a colon,
// a comma before a quotation, a quotation, or a clause.
func (f *finder) startsContent(j, last int) bool {
	if j >= last {
		return false
	}
	if f.is(j, "that") || f.word(j) == ":" || f.quoteAt[j] >= 0 {
		return true
	}
	if f.word(j) == "," && j+1 < last && f.quoteAt[j+1] >= 0 {
		return true
	}
	return f.clauseStart(j, last)
}

// clauseStart reports whether a clause with a subject starts at token j: a subject pronoun or a
// noun phrase followed by a finite verb.
func (f *finder) clauseStart(j, last int) bool {
	if j >= last {
		return false
	}
	if f.tag(j) == pos.PRP && !f.isObjectPronoun(j) || f.is(j, "it", "you") || f.tag(j) == pos.EX {
		return true
	}
	if f.is(j, "if", "whether", "how", "why", "what", "when", "where", "who") {
		return true
	}
	_, b, ok := f.npRight(j, last)
	if !ok {
		return false
	}
	for b < last && (f.tag(b).IsAdv() || f.is(b, "not")) {
		b++
	}
	// "a book called ...": a participle naming the noun, not a verb of its own.
	return b < last && f.tag(b).IsFiniteVerb() && !f.is(b, "called", "named", "titled", "entitled", "dubbed", "known", "labeled", "labelled")
}

// setSpan sets a's span from its tokens and claims the quotations in it.
func (f *finder) setSpan(a *attr) {
	a.span = f.tokSpan(a.first, a.last)
	for k := a.first; k < a.last; k++ {
		if qi := f.quoteAt[k]; qi >= 0 {
			q := &f.quotes[qi]
			f.used[qi] = true
			a.direct = true
			if q.span.End > a.span.End {
				a.span.End = q.span.End
				a.last = q.end + 1
			}
			if q.span.Start < a.span.Start {
				a.span.Start = q.span.Start
			}
			k = q.end
		}
	}
}
