package eval

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/eval/polnear"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/quotes"
)

func sp(s, e int) nlp.Span { return nlp.Span{Start: s, End: e} }

func TestScoreQuotes(t *testing.T) {
	gold := []polnear.Attribution{
		{Content: []nlp.Span{sp(0, 100)}, Source: []nlp.Span{sp(200, 205)}, Direct: true},                 // A
		{Content: []nlp.Span{sp(300, 340)}},                                                               // B, no source
		{Content: []nlp.Span{sp(400, 420), sp(430, 450)}, Source: []nlp.Span{sp(460, 463)}, Direct: true}, // C, split
	}
	found := []quotes.Quote{
		{Content: sp(0, 60), Direct: true, Speaker: &quotes.Speaker{Span: sp(198, 203), Mention: -1}}, // A, speaker right
		{Content: sp(300, 310)},                // a quarter of B: no match
		{Content: sp(400, 445), Direct: true},  // 35 of C's 40 bytes; no speaker, C has one
		{Content: sp(0, 55), Direct: true},     // A again, with less overlap: A is taken
		{Content: sp(500, 520), Direct: false}, // nothing
	}
	c := ScoreQuotes(gold, found, nil)
	if c.Content != (PRF{TP: 2, FP: 3, FN: 1}) || c.SpeakerCorrect != 1 {
		t.Errorf("all: %+v", c)
	}
	// B matched by a prediction without a speaker: right, B has no source.
	c = ScoreQuotes(gold[1:2], []quotes.Quote{{Content: sp(300, 330)}}, nil)
	if c.Content.TP != 1 || c.SpeakerCorrect != 1 {
		t.Errorf("no source: %+v", c)
	}
	// ... and with one: wrong.
	c = ScoreQuotes(gold[1:2], []quotes.Quote{{Content: sp(300, 330), Speaker: &quotes.Speaker{Span: sp(1, 2), Mention: -1}}}, nil)
	if c.Content.TP != 1 || c.SpeakerCorrect != 0 {
		t.Errorf("no source, a speaker found: %+v", c)
	}
}

func TestScoreQuotesBestOverlapFirst(t *testing.T) {
	// Two golds, one prediction covering both halves: it goes to the gold it overlaps most.
	gold := []polnear.Attribution{
		{Content: []nlp.Span{sp(0, 10)}},
		{Content: []nlp.Span{sp(10, 40)}},
	}
	c := ScoreQuotes(gold, []quotes.Quote{{Content: sp(5, 40)}}, nil)
	if c.Content != (PRF{TP: 1, FN: 1}) {
		t.Errorf("%+v", c)
	}
}

func TestSpeakerByMention(t *testing.T) {
	// The gold source is "Jane Doe" (mention 0); the speaker found is a pronoun elsewhere that
	// resolves to it, or a surname mention referring back to it.
	ms := []actors.Mention{
		{Span: sp(600, 608), Ref: -1, Type: "PER", Name: "Jane Doe", Code: "X"},
		{Span: sp(650, 653), Ref: 0, Type: "PER"},
		{Span: sp(680, 688), Ref: -1, Type: "PER", Name: "John Roe", Code: "Y"},
	}
	gold := []polnear.Attribution{{Content: []nlp.Span{sp(0, 10)}, Source: []nlp.Span{sp(600, 608)}}}
	for _, c := range []struct {
		mention int
		right   bool
	}{{0, true}, {1, true}, {2, false}, {-1, false}} {
		q := quotes.Quote{Content: sp(0, 10), Speaker: &quotes.Speaker{Span: sp(700, 702), Mention: c.mention}}
		got := ScoreQuotes(gold, []quotes.Quote{q}, ms).SpeakerCorrect == 1
		if got != c.right {
			t.Errorf("mention %d: right %v, want %v", c.mention, got, c.right)
		}
	}
}

func TestQuotesReport(t *testing.T) {
	docs := []polnear.Document{
		{Text: strings.Repeat("x", 100), Attributions: []polnear.Attribution{
			{Content: []nlp.Span{sp(0, 20)}, Source: []nlp.Span{sp(30, 35)}, Direct: true},
			{Content: []nlp.Span{sp(40, 60)}, Source: []nlp.Span{sp(70, 75)}},
		}},
		{Text: "fails", Attributions: []polnear.Attribution{{Content: []nlp.Span{sp(0, 5)}}}},
	}
	find := func(text string) ([]quotes.Quote, error) {
		if text == "fails" {
			return nil, errors.New("boom")
		}
		return []quotes.Quote{
			{Content: sp(0, 20), Direct: true, Speaker: &quotes.Speaker{Span: sp(30, 33), Mention: -1}},
			{Content: sp(40, 60), Speaker: &quotes.Speaker{Span: sp(90, 95), Mention: -1}},
			{Content: sp(80, 85), Direct: true, Scare: true}, // not an attribution
		}, nil
	}
	r := Quotes(docs, find)
	want := map[string]float64{
		"direct_p": 1, "direct_r": 1, "direct_f1": 1, "direct_speaker_acc": 1,
		"all_p": 1, "all_r": 2.0 / 3, "all_f1": 0.8, "all_speaker_acc": 0.5, "errors": 1,
	}
	for k, v := range want {
		if math.Abs(r.Metrics[k]-v) > 1e-9 {
			t.Errorf("%s = %v, want %v", k, r.Metrics[k], v)
		}
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil || !strings.Contains(b.String(), "direct_f1=1.0000") {
		t.Errorf("report: %v\n%s", err, b.String())
	}
}

func TestASCIIQuotes(t *testing.T) {
	raw := "“Ready,” she said. ‘No’ – ''Yes,'' he said; ``fine'' … Clinton’s."
	text, back := ASCIIQuotes(raw)
	if want := `"Ready," she said. 'No' – "Yes," he said; "fine" … Clinton's.`; text != want {
		t.Fatalf("folded %q, want %q", text, want)
	}
	for _, c := range []struct{ folded, raw string }{
		{`"Ready,"`, "“Ready,”"}, {"she", "she"}, {`'No'`, "‘No’"}, {`"Yes,"`, "''Yes,''"},
		{`"fine" …`, "``fine'' …"}, {"Clinton's.", "Clinton’s."},
	} {
		i := strings.Index(text, c.folded)
		s := back(nlp.Span{Start: i, End: i + len(c.folded)})
		if got := raw[s.Start:s.End]; got != c.raw {
			t.Errorf("%q maps back to %q, want %q", c.folded, got, c.raw)
		}
	}
	plain := "no typographic marks here"
	if text, back := ASCIIQuotes(plain); text != plain || back(sp(3, 7)) != sp(3, 7) {
		t.Errorf("plain text changed")
	}
}

// TestQuotesPolNeARDev scores quote finding on the PolNeAR dev split and guards the figures
// reached (see the package quotes documentation).
func TestQuotesPolNeARDev(t *testing.T) {
	dir := shared.Path(t, "quotes/polnear/dev")
	docs, err := polnear.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 80 {
		t.Fatalf("read %d documents", len(docs))
	}
	r := QuotesMentions(docs, QuoteFinder())
	var b strings.Builder
	r.Write(&b)
	t.Log("\n" + b.String())
	for k, min := range map[string]float64{
		"direct_f1": 0.90, "direct_speaker_acc": 0.855, "all_f1": 0.70, "all_speaker_acc": 0.835,
	} {
		if r.Metrics[k] < min {
			t.Errorf("%s = %.4f, want at least %.3f", k, r.Metrics[k], min)
		}
	}
}
