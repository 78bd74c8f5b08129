package quotes

import (
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/nlp"
)

// annotate builds a Doc as the pipeline does and finds its quotes.
func annotate(tb testing.TB, text string) (*nlp.Doc, []actors.Mention, []Quote) {
	tb.Helper()
	d := &nlp.Doc{Text: text}
	nlp.NewAnnotator().Annotate(d)
	ms := actors.Default().Find(d, time.Date(2017, 6, 1, 0, 0, 0, 0, time.UTC))
	return d, ms, Find(d, ms)
}

// want describes one expected quote: its content, and its speaker's words ("" for none).
type want struct {
	content string
	speaker string
	direct  bool
	scare   bool
	cue     string // checked when not empty
	name    string // the resolved actor's name, checked when not empty
}

func (w want) check(t *testing.T, d *nlp.Doc, ms []actors.Mention, q Quote) {
	t.Helper()
	text := d.Text
	if got := text[q.Content.Start:q.Content.End]; got != w.content {
		t.Errorf("content %q, want %q", got, w.content)
	}
	if q.Direct != w.direct || q.Scare != w.scare {
		t.Errorf("%q: direct %v scare %v, want %v %v", w.content, q.Direct, q.Scare, w.direct, w.scare)
	}
	if w.cue != "" && text[q.Cue.Start:q.Cue.End] != w.cue {
		t.Errorf("%q: cue %q, want %q", w.content, text[q.Cue.Start:q.Cue.End], w.cue)
	}
	switch {
	case q.Speaker == nil && w.speaker != "":
		t.Errorf("%q: no speaker, want %q", w.content, w.speaker)
	case q.Speaker != nil && w.speaker == "":
		t.Errorf("%q: speaker %q, want none", w.content, text[q.Speaker.Start:q.Speaker.End])
	case q.Speaker != nil:
		if got := text[q.Speaker.Start:q.Speaker.End]; got != w.speaker {
			t.Errorf("%q: speaker %q, want %q", w.content, got, w.speaker)
		}
		if w.name != "" {
			if q.Speaker.Mention < 0 {
				t.Errorf("%q: speaker %q resolves to no mention, want %s", w.content, w.speaker, w.name)
			} else if got := mentionName(ms, q.Speaker.Mention); got != w.name {
				t.Errorf("%q: speaker resolves to %q, want %q", w.content, got, w.name)
			}
		}
	}
	if q.Confidence <= 0 || q.Confidence > 1 {
		t.Errorf("%q: confidence %v", w.content, q.Confidence)
	}
}

// mentionName returns the actor name of mention j, following a reference back to a full name.
func mentionName(ms []actors.Mention, j int) string {
	for ms[j].Name == "" && ms[j].Ref >= 0 {
		j = ms[j].Ref
	}
	return ms[j].Name
}

func runCases(t *testing.T, cases []struct {
	name string
	text string
	want []want
}) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, ms, qs := annotate(t, c.text)
			if len(qs) != len(c.want) {
				for _, q := range qs {
					t.Logf("found %q", d.Text[q.Content.Start:q.Content.End])
				}
				t.Fatalf("found %d quotes, want %d", len(qs), len(c.want))
			}
			for i, w := range c.want {
				w.check(t, d, ms, qs[i])
			}
		})
	}
}

func TestFrames(t *testing.T) {
	runCases(t, []struct {
		name string
		text string
		want []want
	}{
		{"X said", `"The talks were useful and frank," Lavrov said on Friday.`,
			[]want{{content: `"The talks were useful and frank,"`, speaker: "Lavrov", direct: true, cue: "said"}}},
		{"said X", `"Nobody wants another war in the region," said Vladimir Putin.`,
			[]want{{content: `"Nobody wants another war in the region,"`, speaker: "Vladimir Putin", direct: true, name: "Vladimir Putin"}}},
		{"said X with apposition", `"We are ready to talk," said Anna Kowalski, a spokeswoman for the ministry.`,
			[]want{{content: `"We are ready to talk,"`, speaker: "Anna Kowalski", direct: true}}},
		{"X told reporters", `"We will respond in kind," Putin told reporters in Moscow.`,
			[]want{{content: `"We will respond in kind,"`, speaker: "Putin", direct: true, cue: "told"}}},
		{"X told Reuters", "The envoy told Reuters the ceasefire was holding in most districts.",
			[]want{{content: "the ceasefire was holding in most districts", speaker: "The envoy", cue: "told"}}},
		{"told reporters that", `The foreign minister told reporters on Monday that the embassy would reopen.`,
			[]want{{content: "that the embassy would reopen", speaker: "The foreign minister", cue: "told"}}},
		{"according to X after", `The convoy was turned back at the border, according to two aid workers.`,
			[]want{{content: "The convoy was turned back at the border", speaker: "two aid workers", cue: "according to"}}},
		{"according to X before", `According to the ministry, the talks will resume next week.`,
			[]want{{content: "the talks will resume next week", speaker: "the ministry", cue: "According to"}}},
		{"speaker label", "Sergey Lavrov, Russian foreign minister: Our position has not changed and the door remains open.",
			[]want{{content: "Our position has not changed and the door remains open", speaker: "Sergey Lavrov, Russian foreign minister", cue: ":", name: "Sergey Lavrov"}}},
		{"X added", `"We have no plans to leave," Merkel said. Merkel added that the summit had been "difficult".`,
			[]want{
				{content: `"We have no plans to leave,"`, speaker: "Merkel", direct: true},
				{content: `that the summit had been "difficult"`, speaker: "Merkel", direct: true, cue: "added"},
			}},
		{"he added", `"The sanctions hurt ordinary people," Putin said. "They do not change our course," he added.`,
			[]want{
				{content: `"The sanctions hurt ordinary people,"`, speaker: "Putin", direct: true},
				{content: `"They do not change our course,"`, speaker: "he", direct: true, cue: "added", name: "Vladimir Putin"},
			}},
		{"apposition before the verb", "Sergey Lavrov, Russia's foreign minister, said the proposal deserved a careful look.",
			[]want{{content: "the proposal deserved a careful look", speaker: "Sergey Lavrov", name: "Sergey Lavrov"}}},
		{"relative clause before the verb", "Maria Lopez, who runs a shelter near the border, said conditions had grown worse.",
			[]want{{content: "conditions had grown worse", speaker: "Maria Lopez"}}},
		{"quote then next-sentence speaker", "The talks ended without a deal.\n\n\"We will not sign this text.\" The minister added that talks would continue in the autumn.",
			[]want{
				{content: `"We will not sign this text."`, speaker: "The minister", direct: true, cue: "added"},
				{content: "that talks would continue in the autumn", speaker: "The minister", cue: "added"},
			}},
		{"said that", "The mayor said that the bridge would stay closed until March.",
			[]want{{content: "that the bridge would stay closed until March", speaker: "The mayor", cue: "said"}}},
		{"said without that", "The mayor said the bridge would stay closed until March.",
			[]want{{content: "the bridge would stay closed until March", speaker: "The mayor"}}},
		{"warned that", "Aid groups warned that food stocks in the camps would run out within days.",
			[]want{{content: "that food stocks in the camps would run out within days", speaker: "Aid groups", cue: "warned"}}},
		{"called for", "The opposition leader called for an independent inquiry into the shooting.",
			[]want{{content: "an independent inquiry into the shooting", speaker: "The opposition leader", cue: "called for"}}},
		{"denied", "The ministry denied any involvement in the cyber attack.",
			[]want{{content: "any involvement in the cyber attack", speaker: "The ministry", cue: "denied"}}},
		{"pronoun subject", "Erdogan spoke in Ankara on Monday. He said the border would remain open to refugees.",
			[]want{{content: "the border would remain open to refugees", speaker: "He"}}},
		{"description", "The New York businessman said the deal would create thousands of jobs.",
			[]want{{content: "the deal would create thousands of jobs", speaker: "The New York businessman"}}},
		{"clause then frame", "The economy will grow by three percent next year, the central bank said.",
			[]want{{content: "The economy will grow by three percent next year", speaker: "the central bank"}}},
		{"participle", "The senator attacked the plan on Tuesday, saying it would cost too much.",
			[]want{{content: "it would cost too much", speaker: "The senator", cue: "saying"}}},
		{"coordinated verbs", "The general denied the report and said his troops had not crossed the river.",
			[]want{
				{content: "the report", speaker: "The general", cue: "denied"},
				{content: "his troops had not crossed the river", speaker: "The general", cue: "said"},
			}},
	})
}

func TestDirectQuotes(t *testing.T) {
	runCases(t, []struct {
		name string
		text string
		want []want
	}{
		{"quote before the frame", `"We have to be patient," the envoy said.`,
			[]want{{content: `"We have to be patient,"`, speaker: "the envoy", direct: true}}},
		{"frame before the quote", `The envoy said: "We have to be patient."`,
			[]want{{content: `"We have to be patient."`, speaker: "The envoy", direct: true}}},
		{"split quotation", `"We have to be patient," the envoy said, "and we have to keep talking."`,
			[]want{{content: `"We have to be patient," the envoy said, "and we have to keep talking."`, speaker: "the envoy", direct: true}}},
		{"quotation continued in the next sentence", `"We have to be patient," the envoy said. "Nothing moves quickly here."`,
			[]want{{content: `"We have to be patient," the envoy said. "Nothing moves quickly here."`, speaker: "the envoy", direct: true}}},
		{"quotation over sentences", `"Nobody expected this. Nobody planned for it," the governor said.`,
			[]want{{content: `"Nobody expected this. Nobody planned for it,"`, speaker: "the governor", direct: true}}},
		{"quotation over paragraphs", "The governor said: \"Nobody expected this.\n\n\"Nobody planned for it either.\"\n\nThe storm moved east.",
			[]want{{content: "\"Nobody expected this.\n\n\"Nobody planned for it either.\"", speaker: "The governor", direct: true}}},
		{"nested quotation", `"My father told me 'never give up,' and I never did," the runner said.`,
			[]want{{content: `"My father told me 'never give up,' and I never did,"`, speaker: "the runner", direct: true}}},
		{"single quotation marks", `'We will win this fight,' the senator said.`,
			[]want{{content: `'We will win this fight,'`, speaker: "the senator", direct: true}}},
		{"apostrophes are not quotation marks", `It's the voters' choice and they'll make it, the senator's aide said.`,
			[]want{{content: "It's the voters' choice and they'll make it", speaker: "the senator's aide"}}},
		{"single quotes with apostrophes inside", `'It's the voters' choice,' the senator said.`,
			[]want{{content: `'It's the voters' choice,'`, speaker: "the senator", direct: true}}},
		{"question mark ends the quotation", `"Who will pay for it?" the mayor asked.`,
			[]want{{content: `"Who will pay for it?"`, speaker: "the mayor", direct: true, cue: "asked"}}},
		{"mixed quotation", `The minister said the vote was "a mistake we will all regret" and left the room.`,
			[]want{{content: `the vote was "a mistake we will all regret" and left the room`, speaker: "The minister", direct: true}}},
		{"unattributed quotation", "Dozens gathered outside the court.\n\n\"Justice delayed is justice denied.\"",
			[]want{{content: `"Justice delayed is justice denied."`, direct: true}}},
		{"quotation followed by a dash and a name", `"The city deserves better than this." - Jorge Ramirez, teacher`,
			[]want{{content: `"The city deserves better than this."`, speaker: "Jorge Ramirez", direct: true}}},
		{"scare quote", `The so-called "peace dividend" never arrived.`,
			[]want{{content: `"peace dividend"`, direct: true, scare: true}}},
		{"a title is not a statement", `She wrote a book called "The Long Road Home" in 2009.`,
			[]want{{content: `"The Long Road Home"`, direct: true, scare: true}}},
	})
}

// TestSampleCases covers the shapes of the examples in the issue, in text written for the test.
func TestSampleCases(t *testing.T) {
	runCases(t, []struct {
		name string
		text string
		want []want
	}{
		{"quoted phrase at the end of a that-clause",
			`Lavrov on Thursday said that the tone of the talks had been "broadly constructive".`,
			[]want{{content: `that the tone of the talks had been "broadly constructive"`, speaker: "Lavrov", direct: true, name: "Sergey Lavrov"}}},
		{"quoted word inside a reported clause",
			`Lavrov said Wednesday that ties between the two capitals have "deteriorated" since the spring.`,
			[]want{{content: `that ties between the two capitals have "deteriorated" since the spring`, speaker: "Lavrov", direct: true}}},
		{"speaker label before a colon",
			"Sergey Lavrov Russian foreign minister: We have said many times that our door remains open.",
			[]want{{content: "We have said many times that our door remains open", speaker: "Sergey Lavrov Russian foreign minister", name: "Sergey Lavrov"}}},
		{"quotation then said Name",
			`"Let us treat this moment as a chance to begin again," said Vladimir Putin.`,
			[]want{{content: `"Let us treat this moment as a chance to begin again,"`, speaker: "Vladimir Putin", direct: true}}},
		{"he added after a quotation naming someone else",
			`"I think it is terrible for the whole world", Trump said. "I think Assad is a thug and he's a killer", he added.`,
			[]want{
				{content: `"I think it is terrible for the whole world"`, speaker: "Trump", direct: true, name: "Donald Trump"},
				{content: `"I think Assad is a thug and he's a killer"`, speaker: "he", direct: true, name: "Donald Trump"},
			}},
		{"scare quote in a headline",
			"Moscow and Washington ties sink to 'all-time low' after embassy row",
			[]want{{content: "'all-time low'", direct: true, scare: true}}},
	})
}

func TestNoQuotes(t *testing.T) {
	for _, text := range []string{
		"",
		"The river rose overnight and the roads were closed.",
		"Prices rose three percent in the year to March.",
		"It's the voters' turn, and they'll decide.",
	} {
		if _, _, qs := annotate(t, text); len(qs) != 0 {
			t.Errorf("%q: found %d quotes", text, len(qs))
		}
	}
}

func TestUnclosedQuotation(t *testing.T) {
	// A quotation mark that is never closed ends with its paragraph.
	text := "The chairman said: \"We will look at every option.\n\nThe meeting ended at noon."
	d, _, qs := annotate(t, text)
	if len(qs) != 1 {
		t.Fatalf("found %d quotes, want 1", len(qs))
	}
	if got := d.Text[qs[0].Content.Start:qs[0].Content.End]; got != `"We will look at every option.` {
		t.Errorf("content %q", got)
	}
}

// TestOrderAndSpans checks invariants on a longer text: quotes in text order, spans inside the
// text, speakers' mentions in range.
func TestOrderAndSpans(t *testing.T) {
	d, ms, qs := annotate(t, benchArticle)
	if len(qs) < 10 {
		t.Fatalf("found %d quotes in the sample article", len(qs))
	}
	for i, q := range qs {
		if q.Content.Start < 0 || q.Content.End > len(d.Text) || q.Content.Start >= q.Content.End {
			t.Errorf("quote %d: bad span %v", i, q.Content)
		}
		if i > 0 && q.Content.Start < qs[i-1].Content.Start {
			t.Errorf("quote %d out of order", i)
		}
		if q.Speaker != nil && (q.Speaker.Mention < -1 || q.Speaker.Mention >= len(ms)) {
			t.Errorf("quote %d: mention %d out of range", i, q.Speaker.Mention)
		}
		if q.Scare && (q.Speaker != nil || !q.Direct) {
			t.Errorf("quote %d: a scare quote with a speaker or not direct", i)
		}
	}
}

// benchArticle is a news story written for the tests.
var benchArticle = strings.TrimSpace(`
Talks on the river treaty stall as ministers trade blame

GENEVA - Negotiators from the two countries left Geneva on Friday without an agreement, and both sides blamed the other for the impasse.

"We came here in good faith and we leave disappointed," said Anna Kowalski, the lead negotiator for the upstream states. "The other side did not move an inch."

Sergey Lavrov, Russia's foreign minister, said the talks had been "useful but incomplete" and that his government would keep working for a deal.

Lavrov on Thursday said that the tone of the meetings had been "broadly constructive". He added that experts would meet again in the autumn.

According to two diplomats who attended the sessions, the dispute centres on how much water can be taken in dry years.

"Nobody wants a conflict over water," the mediator told reporters. "But nobody wants to give up a drop either."

The mediator, a former judge from Norway, warned that the window for an agreement was closing. She called for "courage and imagination" from both delegations.

Farmers downstream have complained for years that the dams leave their fields dry. "We watch the river shrink every summer," one farmer said.

The upstream states denied that their dams had caused the shortages, blaming a decade of drought.

Relations between the capitals are at an 'all-time low', analysts say.

"There is still time," the mediator said, "but not much."
`)

func BenchmarkFind(b *testing.B) {
	var sb strings.Builder
	for sb.Len() < 200_000 {
		sb.WriteString(benchArticle)
		sb.WriteString("\n\n")
	}
	d := &nlp.Doc{Text: sb.String()}
	nlp.NewAnnotator().Annotate(d)
	ms := actors.Default().Find(d, time.Time{})
	b.SetBytes(int64(len(d.Text)))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		Find(d, ms)
	}
}

// FuzzFind checks that Find never panics and returns valid spans in order, whatever the text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		`"`, `'`, `""`, `" "`, `"a`, `a"`, `'a' 'b`, `"said," said`, `: "`, `X: `, `said`,
		"\"A.\n\n\"B.\n\n\"C", `"A," he said, "B`, `according to`, `according to ,`, `- "`,
		`"x" - `, `'s 'n' '90s`, "He said that\n\n\"", "''a'' ``b''", `“a” ‘b’`,
		benchArticle,
	} {
		f.Add(s)
	}
	ann := nlp.NewAnnotator()
	ix := actors.Default()
	f.Fuzz(func(t *testing.T, text string) {
		d := &nlp.Doc{Text: text}
		ann.Annotate(d)
		ms := ix.Find(d, time.Time{})
		qs := Find(d, ms)
		for i, q := range qs {
			if q.Content.Start < 0 || q.Content.End > len(text) || q.Content.Start >= q.Content.End {
				t.Fatalf("quote %d: span %v in %d bytes", i, q.Content, len(text))
			}
			if i > 0 && q.Content.Start < qs[i-1].Content.Start {
				t.Fatalf("quote %d out of order", i)
			}
			if q.Speaker != nil && (q.Speaker.Start < 0 || q.Speaker.End > len(text) || q.Speaker.Mention >= len(ms)) {
				t.Fatalf("quote %d: speaker %+v", i, *q.Speaker)
			}
		}
	})
}
