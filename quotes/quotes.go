// Package quotes finds what was said in an article and who said it: direct quotations in
// quotation marks, mixed quotations (a quoted fragment inside a report of what someone said),
// reported speech ("X said that ...", "X warned ...", "X called for ...", "X denied ..."),
// speaker labels ("X: ...") and scare quotes (a term in quotation marks that nobody is quoted as
// saying).
//
// Find works on an annotated nlp.Doc of cleaned text, in which double quotation marks are " and
// single ones and apostrophes ' (package clean writes them so; a quotation mark glued to a word,
// as typographic marks are by the tokeniser, is not seen), with the actor mentions of package
// actors.
//
// # Quotations
//
// Double quotation marks pair up within a paragraph, each mark read as opening or closing from
// what touches it. A paragraph that ends inside a quotation continues it when the next paragraph
// reopens it with a quotation mark, the convention for quotations running over paragraphs; else
// the quotation ends with its paragraph. Single quotation marks make a quotation outside double
// ones when an opening and a closing mark pair up in a paragraph; apostrophes ("it's", "voters'
// choice", "'90s") do not. Quotations nested in a quotation are part of it.
//
// # Frames
//
// A speech verb (a list of lemmas matched through nlp.Inflections; see verbs.go) frames what it
// reports. Its speaker is its subject ("X said", "he added", "X, Russia's foreign minister,
// said", "X, who ..., said", "Rep. X (D-Ohio) said", "X on Thursday said", "X went on to say"),
// the noun phrase after it when inverted (`"...," said X`), the subject of the verb it is
// coordinated with or hangs on ("denied it and said ...", "..., saying ..."), or what stands
// between a quotation and the verb (`"...," the former aide to the governor said`). Its content
// is the quotation or clause before it when the frame follows one (`"...," X said`, "The plan
// will fail, X said"), with a quotation resuming after the frame (`"A," X said, "B."`) and the
// quotations that follow as sentences of their own in the paragraph; otherwise what follows the
// verb to the end of its clause ("said (that) ...", "told reporters that ...", "said: "...""),
// taking in the quotations that start in it: a quoted fragment governed by a speech verb makes
// the whole clause a mixed, direct quotation. "According to X" frames the clause it opens, ends
// or interrupts, and a name or description opening a paragraph before a colon labels the rest
// of the paragraph. What a reported clause reports others said is part of it, not a quote of
// its own.
//
// A quotation no frame claims takes the speaker of a frame after it set off by a comma,
// question or exclamation mark even when the verb is not a speech verb (`"...?" reacted X`), of
// a name after a dash (`"..." - X`), of a speech verb opening the next sentence ("..." The
// minister added ...), or of an earlier quotation in its paragraph or, for a paragraph that is a
// quotation, the one before. Failing these, a quotation of three words or fewer inside a
// sentence, or a title ("The Long Road Home"), is a scare quote; others have no speaker.
//
// # Speakers
//
// A speaker's Mention is the actor mention heading its words (a person rather than an
// organisation rather than anything else), or for a pronoun the speaker of the last attribution
// when it is recent and of a fitting type, else the antecedent actors.Antecedent gives among the
// mentions outside quotations. So "he added" after a quotation that names someone else still
// points to the last speaker. When the text does not say who spoke, Speaker is nil.
//
// # Evaluation
//
// On PolNeAR (dyad eval quotes; content matches when a quote covers half an annotated content,
// speakers on the matched pairs), the figures are, for dev and train:
//
//	                  dev                      train
//	direct quotes     F1 0.910, speaker 0.865  F1 0.912, speaker 0.877
//	all attributions  F1 0.710, speaker 0.845  F1 0.682, speaker 0.843
//
// PolNeAR also annotates beliefs, intentions and stances ("X wants", "X hopes to"), which Find
// does not report, hence the recall of about 0.57 on all attributions (precision is about 0.9).
//
// # Cost
//
// Find makes one pass over the tokens to pair quotation marks, one to find the frames and one to
// attribute the quotations left; the work per token is bounded, so its cost is linear in the
// length of the text (about 90 MB/s on one core on quotation-heavy news, some 7% of the time
// the other stages of the pipeline spend on the same text).
package quotes

import (
	"slices"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/pos"
)

// Quote is one thing said: its content, whether it is quoted verbatim, the cue that frames it and
// its speaker.
type Quote struct {
	Content nlp.Span // what was said
	// Direct reports a direct quotation: the content is, or contains, words in quotation marks
	// (a mixed quotation such as `said the talks had been "fairly constructive"` is direct, its
	// content being the whole reported clause).
	Direct bool
	// Scare reports a word or a few in quotation marks used as a term ('all-time low'), not as a
	// statement: such a quote is Direct, has no cue and no speaker.
	Scare   bool
	Cue     nlp.Span // the speech verb or frame ("said", "according to", "told reporters"); zero when none
	Speaker *Speaker // nil when the text does not say who
	// Confidence is how sure the attribution is, from how the speaker was found: 0.9 for a name
	// or a resolved pronoun in the frame of a speech verb, 0.75 for an unresolved pronoun, 0.7
	// for a description, 0.6 for a speaker label or the subject of the next sentence, 0.35 for
	// a speaker carried over from an earlier quotation, 0.4 for a quotation without a speaker
	// and 0.3 for a scare quote. The values are the shares of quotes found each way that agree
	// with the annotations of PolNeAR's training articles, rounded.
	Confidence float64
}

// Speaker is who said a quote.
type Speaker struct {
	nlp.Span // the words naming the speaker in the text (a name, a pronoun, a description)
	// Mention is the index in the actor mentions of the person or organisation the speaker
	// resolves to (the mention in its words, or a pronoun's antecedent), or -1.
	Mention int
}

// Confidences by how the speaker was found: on PolNeAR's training articles, the share of the
// quotes found each way whose content and speaker both agree with an annotated attribution,
// rounded (0.87 for names, 0.90 for resolved pronouns, 0.76 for other pronouns, 0.69 for
// descriptions, 0.59 for labels, 0.33 for carried speakers).
const (
	confName        = 0.9  // a named actor in the frame of a speech verb
	confPronoun     = 0.9  // a pronoun resolved to an actor
	confPronounOnly = 0.75 // a pronoun left unresolved
	confDescription = 0.7  // a description ("the minister")
	confLabel       = 0.6  // a speaker label ("X: ...") or a name after a dash
	confNext        = 0.6  // the subject of a speech verb in the next sentence
	confCarried     = 0.35 // the speaker of an earlier quotation in the paragraph or the one before
	confNone        = 0.4  // a quotation nobody is said to have said
	confScare       = 0.3  // a scare quote
)

// attr is an attribution under construction.
type attr struct {
	first, last int // content tokens [first, last)
	span        nlp.Span
	direct      bool
	scare       bool
	cue         nlp.Span
	cueTok      int // the cue's main token, or -1
	sp          *Speaker
	spFirst     int // the speaker's first token, or -1
	conf        float64
}

// finder holds the state of one Find call.
type finder struct {
	doc     *nlp.Doc
	ms      []actors.Mention
	toks    []nlp.Token
	sent    []int32 // sentence of each token
	quoteAt []int32 // top-level quotation containing each token (marks included), or -1
	mention []int32 // mention covering each token, or -1
	quotes  []quotation
	used    []bool // quotations claimed by an attribution
	attrs   []attr
	claimed []bool // tokens in a speaker label's content
	last    int    // the last attribution with a speaker, or -1
}

// Find returns the quotes of doc in text order. ms are the actor mentions of doc
// (actors.Index.Find); Speaker.Mention indexes them. doc must have been annotated
// (nlp.Annotator).
func Find(doc *nlp.Doc, ms []actors.Mention) []Quote {
	if len(doc.Tokens) == 0 {
		return nil
	}
	f := &finder{doc: doc, ms: ms, toks: doc.Tokens, last: -1}
	f.attrs = make([]attr, 0, len(doc.Tokens)/64+4)
	f.index()
	f.findQuotations()
	f.markQuotations()
	f.findCues()
	f.attributeQuotations()
	qs := f.output()
	if terms := scareTerms(doc, qs); len(terms) > 0 {
		qs = append(qs, terms...)
		slices.SortStableFunc(qs, func(a, b Quote) int { return a.Content.Start - b.Content.Start })
	}
	return qs
}

// index fills the per-token tables.
func (f *finder) index() {
	n := len(f.toks)
	f.sent = make([]int32, n)
	f.quoteAt = make([]int32, n)
	f.mention = make([]int32, n)
	for si, s := range f.doc.Sentences {
		for i := s.First; i < s.Last && i < n; i++ {
			f.sent[i] = int32(si)
		}
	}
	for i := range f.mention {
		f.mention[i] = -1
		f.quoteAt[i] = -1
	}
	for j, m := range f.ms {
		for i := max(m.First, 0); i < m.Last && i < n; i++ {
			if f.mention[i] < 0 || f.ms[f.mention[i]].Type == "" && m.Type != "" {
				f.mention[i] = int32(j)
			}
		}
	}
}

// markQuotations fills quoteAt.
func (f *finder) markQuotations() {
	for qi, q := range f.quotes {
		for i := q.open; i <= q.end; i++ {
			f.quoteAt[i] = int32(qi)
		}
	}
	f.used = make([]bool, len(f.quotes))
}

func (f *finder) word(i int) string {
	return f.doc.Text[f.toks[i].Start:f.toks[i].End]
}

func (f *finder) tag(i int) pos.Tag { return f.toks[i].Tag }

func (f *finder) is(i int, words ...string) bool {
	if i < 0 || i >= len(f.toks) {
		return false
	}
	w := f.word(i)
	for _, x := range words {
		if equalFold(w, x) {
			return true
		}
	}
	return false
}

// equalFold compares ASCII words case-insensitively.
func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func (f *finder) tokSpan(first, last int) nlp.Span {
	return nlp.Span{Start: int(f.toks[first].Start), End: int(f.toks[last-1].End)}
}

// output turns the attributions into quotes, in text order.
func (f *finder) output() []Quote {
	slices.SortStableFunc(f.attrs, func(a, b attr) int { return a.span.Start - b.span.Start })
	out := make([]Quote, 0, len(f.attrs))
	for _, a := range f.attrs {
		if a.span.End <= a.span.Start {
			continue
		}
		out = append(out, Quote{Content: a.span, Direct: a.direct, Scare: a.scare, Cue: a.cue, Speaker: a.sp, Confidence: a.conf})
	}
	return out
}
