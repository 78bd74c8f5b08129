package eval

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/eval/polnear"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/quotes"
)

// QuoteCounts holds the scores of quote finding on one set of gold attributions: content
// precision and recall, and on the matched pairs the number whose speaker is right.
type QuoteCounts struct {
	Content        PRF
	SpeakerCorrect int // matched pairs whose speaker is right
}

// SpeakerAccuracy returns the share of matched attributions whose speaker is right, or 0.
func (c QuoteCounts) SpeakerAccuracy() float64 { return ratio(c.SpeakerCorrect, c.Content.TP) }

// Add adds o's counts to c.
func (c *QuoteCounts) Add(o QuoteCounts) {
	c.Content.Add(o.Content)
	c.SpeakerCorrect += o.SpeakerCorrect
}

// Quotes scores quote finding on PolNeAR documents. find is given each article's raw text and
// returns the quotes it finds, with offsets into that text; scare quotes (Quote.Scare) are not
// attributions and are left out. Content is scored twice: on the direct attributions (gold
// contents that quote words in quotation marks, see polnear.IsDirect, against the quotes found
// with Direct set) and on all attributions (against every quote found). A found quote matches a
// gold content when it covers at least half of the gold content's bytes (the gold content may be
// discontinuous); each gold content and each found quote is matched at most once, best overlap
// first. On the matched pairs, the speaker is right when the found speaker's span overlaps the gold
// source, or when both are absent. See QuotesMentions for the scoring that also accepts a speaker
// resolved to the same actor as the gold source.
//
// The gold attributions are those polnear.ReadDir keeps: the first annotator's, where an article
// has several. A document whose find call fails is scored as one where nothing was found; the
// number of such documents is reported as the metric "errors" when it is not zero.
func Quotes(docs []polnear.Document, find func(text string) ([]quotes.Quote, error)) *Report {
	return QuotesMentions(docs, func(text string) ([]quotes.Quote, []actors.Mention, error) {
		qs, err := find(text)
		return qs, nil, err
	})
}

// QuotesMentions is Quotes for a finder that also returns the actor mentions its speakers'
// Mention indices refer to. A speaker is then also right when it resolves to the mention that
// overlaps the gold source, or to the mention that one refers back to (Mention.Ref), or to one of
// the same resolved actor (equal Code and Name).
func QuotesMentions(docs []polnear.Document, find func(text string) ([]quotes.Quote, []actors.Mention, error)) *Report {
	var direct, all QuoteCounts
	var nDirectGold, nAllGold, nDirectFound, nAllFound, errs int
	for _, d := range docs {
		qs, ms, err := find(d.Text)
		if err != nil {
			errs++
			qs, ms = nil, nil
		}
		var found, foundDirect []quotes.Quote
		for _, q := range qs {
			if q.Scare {
				continue
			}
			found = append(found, q)
			if q.Direct {
				foundDirect = append(foundDirect, q)
			}
		}
		var goldDirect []polnear.Attribution
		for _, a := range d.Attributions {
			if a.Direct {
				goldDirect = append(goldDirect, a)
			}
		}
		nDirectGold += len(goldDirect)
		nAllGold += len(d.Attributions)
		nDirectFound += len(foundDirect)
		nAllFound += len(found)
		direct.Add(ScoreQuotes(goldDirect, foundDirect, ms))
		all.Add(ScoreQuotes(d.Attributions, found, ms))
	}
	row := func(name string, c QuoteCounts, gold, found int) []string {
		return []string{name, F3(c.Content.Precision()), F3(c.Content.Recall()), F3(c.Content.F1()),
			F3(c.SpeakerAccuracy()), strconv.Itoa(gold), strconv.Itoa(found)}
	}
	r := &Report{
		Title:  "Quotes and attributions (PolNeAR; content matches when it covers half the gold content)",
		Header: []string{"attributions", "precision", "recall", "F1", "speaker acc.", "gold", "found"},
		Rows: [][]string{
			row("direct quotes", direct, nDirectGold, nDirectFound),
			row("all", all, nAllGold, nAllFound),
		},
		Metrics: map[string]float64{
			"direct_p": direct.Content.Precision(), "direct_r": direct.Content.Recall(),
			"direct_f1": direct.Content.F1(), "direct_speaker_acc": direct.SpeakerAccuracy(),
			"all_p": all.Content.Precision(), "all_r": all.Content.Recall(),
			"all_f1": all.Content.F1(), "all_speaker_acc": all.SpeakerAccuracy(),
		},
	}
	if errs > 0 {
		r.Metrics["errors"] = float64(errs)
	}
	return r
}

// ScoreQuotes matches found quotes to gold attributions of one document and counts the content
// matches and the right speakers among them (see Quotes). ms are the mentions the found speakers'
// Mention indices refer to, or nil.
func ScoreQuotes(gold []polnear.Attribution, found []quotes.Quote, ms []actors.Mention) QuoteCounts {
	type pair struct{ g, f, overlap int }
	var pairs []pair
	for gi, g := range gold {
		n := spansLen(g.Content)
		for fi, f := range found {
			ov := overlap(g.Content, f.Content)
			if ov > 0 && 2*ov >= n {
				pairs = append(pairs, pair{gi, fi, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].overlap > pairs[j].overlap })
	usedG := make([]bool, len(gold))
	usedF := make([]bool, len(found))
	var c QuoteCounts
	for _, p := range pairs {
		if usedG[p.g] || usedF[p.f] {
			continue
		}
		usedG[p.g], usedF[p.f] = true, true
		c.Content.TP++
		if speakerRight(gold[p.g].Source, found[p.f].Speaker, ms) {
			c.SpeakerCorrect++
		}
	}
	c.Content.FN = len(gold) - c.Content.TP
	c.Content.FP = len(found) - c.Content.TP
	return c
}

// speakerRight reports whether a found speaker agrees with the gold source spans.
func speakerRight(source []nlp.Span, sp *quotes.Speaker, ms []actors.Mention) bool {
	if sp == nil || len(source) == 0 {
		return sp == nil && len(source) == 0
	}
	for _, s := range source {
		if s.Overlaps(sp.Span) {
			return true
		}
	}
	if sp.Mention < 0 || sp.Mention >= len(ms) {
		return false
	}
	want := &ms[sp.Mention]
	for j := range ms {
		m := &ms[j]
		hit := false
		for _, s := range source {
			if s.Overlaps(m.Span) {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		if j == sp.Mention || m.Ref == sp.Mention || (want.Ref >= 0 && want.Ref == j) ||
			(m.Code != "" && m.Code == want.Code && m.Name == want.Name) {
			return true
		}
	}
	return false
}

func spansLen(ss []nlp.Span) int {
	n := 0
	for _, s := range ss {
		n += s.Len()
	}
	return n
}

// overlap returns the number of bytes of the gold spans that f covers.
func overlap(gold []nlp.Span, f nlp.Span) int {
	n := 0
	for _, g := range gold {
		s, e := max(g.Start, f.Start), min(g.End, f.End)
		if e > s {
			n += e - s
		}
	}
	return n
}

// ASCIIQuotes returns text with its typographic quotation marks written in ASCII as dyad's cleaner
// writes them (“ ” „ « » and the doubled “ and ” become ", ‘ ’ become '), and a function that maps
// a span of the result back to the span of text it came from. PolNeAR keeps its articles as
// published, while dyad's tokeniser, tagger and quote finder expect cleaned text; folding only the
// quotation marks keeps every other character, so spans map back exactly.
func ASCIIQuotes(text string) (string, func(nlp.Span) nlp.Span) {
	var b strings.Builder
	var from []int // from[i] is the offset in text of byte i of the result, when they differ
	changed := false
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if (c == '`' || c == '\'') && i+1 < len(text) && text[i+1] == c {
				if !changed {
					from, changed = identity(b.Len()), true
				}
				b.WriteByte('"')
				from = append(from, i)
				i += 2
				continue
			}
			b.WriteByte(c)
			if changed {
				from = append(from, i)
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		var repl byte
		switch r {
		case '“', '”', '„', '‟', '«', '»':
			repl = '"'
		case '‘', '’', '‚', '‛':
			repl = '\''
		}
		if repl == 0 {
			b.WriteString(text[i : i+n])
			if changed {
				for k := 0; k < n; k++ {
					from = append(from, i+k)
				}
			}
		} else {
			if !changed {
				from, changed = identity(b.Len()), true
			}
			b.WriteByte(repl)
			from = append(from, i)
		}
		i += n
	}
	if !changed {
		return text, func(s nlp.Span) nlp.Span { return s }
	}
	from = append(from, len(text))
	back := func(s nlp.Span) nlp.Span {
		at := func(k int) int { return from[min(max(k, 0), len(from)-1)] }
		return nlp.Span{Start: at(s.Start), End: at(s.End)}
	}
	return b.String(), back
}

func identity(n int) []int {
	s := make([]int, n, n+1024)
	for i := range s {
		s[i] = i
	}
	return s
}

// QuoteFinder returns the finder dyad eval quotes uses on raw PolNeAR text: it folds the
// quotation marks (see ASCIIQuotes), annotates the text, finds the actor mentions with
// actors.Default at no particular date and the quotes with quotes.Find, and maps the spans back
// to the raw text. The mentions it returns have their spans mapped back too.
func QuoteFinder() func(text string) ([]quotes.Quote, []actors.Mention, error) {
	ann := nlp.NewAnnotator()
	ix := actors.Default()
	return func(raw string) ([]quotes.Quote, []actors.Mention, error) {
		text, back := ASCIIQuotes(raw)
		doc := &nlp.Doc{Text: text}
		ann.Annotate(doc)
		ms := ix.Find(doc, time.Time{})
		qs := quotes.Find(doc, ms)
		for i := range qs {
			q := &qs[i]
			q.Content = back(q.Content)
			if q.Cue.End > q.Cue.Start {
				q.Cue = back(q.Cue)
			}
			if q.Speaker != nil {
				sp := *q.Speaker
				sp.Span = back(sp.Span)
				q.Speaker = &sp
			}
		}
		for i := range ms {
			ms[i].Span = back(ms[i].Span)
			ms[i].Phrase = back(ms[i].Phrase)
		}
		return qs, ms, nil
	}
}
