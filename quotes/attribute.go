package quotes

import (
	"slices"

	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/pos"
)

// attributeQuotations attributes the quotations no cue claimed: a quotation continuing the
// quotation before it in its paragraph, one whose speaker opens the next sentence, one that
// carries on the previous paragraph's quotation, a scare quote, or a quotation nobody is said
// to have said.
func (f *finder) attributeQuotations() {
	slices.SortStableFunc(f.attrs, func(a, b attr) int { return a.span.Start - b.span.Start })
	var extra []attr
	ai := 0 // attrs before the current quotation
	for qi := range f.quotes {
		if f.used[qi] {
			continue
		}
		q := &f.quotes[qi]
		if f.claimed[q.open] {
			continue
		}
		for ai < len(f.attrs) && f.attrs[ai].span.Start < q.span.Start {
			ai++
		}
		para := f.doc.Sentences[f.sent[q.open]].Para
		var prev *attr
		if ai > 0 {
			prev = &f.attrs[ai-1]
		}
		if n := len(extra); n > 0 && (prev == nil || extra[n-1].span.Start > prev.span.Start) {
			prev = &extra[n-1]
		}
		prevPara := -1
		if prev != nil {
			prevPara = f.doc.Sentences[f.sent[prev.last-1]].Para
		}
		whole := f.wholeSentences(q)
		words := f.words(q)
		// Continuing the quotation of the same paragraph.
		adjacent := prev != nil && prev.span.End <= q.span.Start && f.sent[q.open]-f.sent[prev.last-1] <= 1
		if whole && adjacent && prevPara == para && prev.direct && !prev.scare && prev.sp != nil && !q.paraStart {
			prev.last = q.end + 1
			prev.span.End = q.span.End
			f.used[qi] = true
			continue
		}
		a := attr{first: q.open, last: q.end + 1, span: q.span, direct: true, cueTok: -1, spFirst: -1, conf: confNone}
		f.used[qi] = true
		switch {
		case f.dashSpeaker(&a, q), f.verbAfter(&a, q):
		case whole && f.nextSentenceSpeaker(&a, q):
		case whole && !q.paraStart && prev != nil && prevPara == para && prev.sp != nil && !prev.scare:
			// A quotation later in the paragraph of someone's statement is theirs.
			a.carry(prev)
		case q.paraStart && whole && prev != nil && prevPara == para-1 && prev.direct && prev.sp != nil && f.endsParagraph(q):
			// A paragraph that is a quotation, after a paragraph ending with someone's quotation.
			a.carry(prev)
		case !whole && (words <= 3 || f.isTitle(q)):
			a.scare, a.conf = true, confScare
		}
		extra = append(extra, a)
	}
	f.attrs = append(f.attrs, extra...)
}

// carry gives a the speaker of the earlier attribution prev, with the confidence of a speaker
// the text implies.
func (a *attr) carry(prev *attr) {
	sp := *prev.sp
	a.sp, a.spFirst, a.cue, a.conf = &sp, prev.spFirst, prev.cue, confCarried
}

// endsParagraph reports whether quotation q ends its paragraph.
func (f *finder) endsParagraph(q *quotation) bool {
	end := q.end + 1
	for end < len(f.toks) && f.quoteAt[end] < 0 && f.toks[end].Flags&nlp.ParaStart == 0 && f.tag(end) == pos.Period {
		end++
	}
	return end >= len(f.toks) || f.toks[end].Flags&nlp.ParaStart != 0
}

// nextSentenceSpeaker attributes a quotation making whole sentences to the subject of a speech
// verb opening the next sentence of its paragraph ("..." He added that ...).
func (f *finder) nextSentenceSpeaker(a *attr, q *quotation) bool {
	end := q.close
	si := int(f.sent[end]) + 1
	if si >= len(f.doc.Sentences) || f.doc.Sentences[si].Para != f.doc.Sentences[f.sent[q.open]].Para {
		return false
	}
	s := f.doc.Sentences[si]
	for k := s.First; k < s.Last && k-s.First < 8; k++ {
		if f.quoteAt[k] >= 0 {
			return false
		}
		_, ok := f.cueVerb(k)
		if !ok {
			continue
		}
		b, e, ok := f.subject(si, k)
		if !ok || b != f.firstWord(s) {
			return false
		}
		a.sp, _ = f.speaker(b, e)
		a.spFirst = b
		a.cue = f.tokSpan(k, k+1)
		a.cueTok = k
		a.conf = confNext
		return true
	}
	return false
}

// isTitle reports whether quotation q reads as a title or a name: a few words, each capitalised
// (small function words aside), with no sentence punctuation inside.
func (f *finder) isTitle(q *quotation) bool {
	n := 0
	for i := q.first; i < q.last; i++ {
		w := f.word(i)
		if f.toks[i].Flags&nlp.Punct != 0 {
			if w == "." || w == "?" || w == "!" || w == ";" {
				return false
			}
			continue
		}
		n++
		if f.toks[i].Flags&(nlp.Upper|nlp.Digit) == 0 && !isSmallWord(w) && w[0] != '\'' {
			return false
		}
	}
	return n > 0 && n <= 8
}

func isSmallWord(w string) bool {
	switch w {
	case "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "from", "by", "as", "vs.", "&":
		return true
	}
	return false
}

// verbAfter attributes a quotation set off by a comma, a question or an exclamation mark and
// followed in its sentence by a subject and a verb, or a verb and its subject, that end the
// sentence: the frame of a quotation even when the verb is not a speech verb ("..., Smith went
// on.", "...?" reacted Smith.).
func (f *finder) verbAfter(a *attr, q *quotation) bool {
	if q.unterminated || q.last <= q.first {
		return false
	}
	j := q.end + 1
	switch f.word(q.last - 1) {
	case ",", "?", "!", "--":
	default:
		if j >= len(f.toks) || f.word(j) != "," {
			return false
		}
		j++
	}
	if j >= len(f.toks) || f.quoteAt[j] >= 0 || f.doc.Sentences[f.sent[j]].Para != f.doc.Sentences[f.sent[q.end]].Para {
		return false
	}
	si := int(f.sent[j])
	last := f.doc.Sentences[si].Last
	finite := func(k int) bool {
		t := f.tag(k)
		return t == pos.VBD || t == pos.VBZ || t == pos.VBP
	}
	ends := func(k int) bool {
		for k < last && (f.tag(k) == pos.RP || f.tag(k).IsAdv()) {
			k++
		}
		return k >= last || f.tag(k) == pos.Period || f.word(k) == "," || f.tag(k) == pos.IN
	}
	sb, se, v := -1, -1, -1
	if b, e, ok := f.npRight(j, last); ok && e < last && finite(e) && ends(e+1) {
		sb, se, v = b, e, e
	} else if finite(j) && j+1 < last {
		if b, e, ok := f.npRight(j+1, last); ok && f.tag(b) != pos.PRP && ends(e) {
			sb, se, v = b, e, j
		}
	}
	if v < 0 {
		return false
	}
	a.sp, a.conf = f.speaker(sb, se)
	a.spFirst = sb
	a.cue, a.cueTok = f.tokSpan(v, v+1), v
	a.conf = min(a.conf, confNext)
	return true
}

// isDash reports whether token i is a dash.
func (f *finder) isDash(i int) bool {
	switch f.word(i) {
	case "-", "--", "---", "―", "—", "–":
		return true
	}
	return false
}

// dashSpeaker attributes a quotation followed by a dash and a name that ends the sentence, as in
// a pull quote or an epigraph (`"..." - Jane Doe, a voter`).
func (f *finder) dashSpeaker(a *attr, q *quotation) bool {
	j := q.end + 1
	if j >= len(f.toks) || f.quoteAt[j] >= 0 || !f.isDash(j) {
		return false
	}
	si := int(f.sent[j])
	last := f.doc.Sentences[si].Last
	b, e, ok := f.npRight(j+1, last)
	if !ok || f.tag(b) == pos.PRP {
		return false
	}
	if e < last && f.word(e) != "," && f.word(e) != "." && f.word(e) != "(" {
		return false
	}
	a.sp, a.conf = f.speaker(b, e)
	a.spFirst = b
	a.cue, a.cueTok = f.tokSpan(j, j+1), j
	if a.conf > confLabel {
		a.conf = confLabel
	}
	return true
}
