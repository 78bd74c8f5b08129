package events

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/clean"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp"
)

// testDict is a small team-written dictionary that exercises each pattern feature.
var testDict = fstest.MapFS{
	"verbs/test.yaml": {Data: []byte(`
- code: "010"
  verbs: [say]
- code: "040"
  verbs: [meet, hold talks with]
  nouns: [talks with]
- code: "042"
  reverse: "043"
  verbs: [travel to, pay * visit to]
- code: "102"
  verbs: [call on _ to]
- code: "111"
  verbs: [criticise, condemn]
- code: "112"
  verbs: [accuse _ of]
- code: "0334"
  verbs: [contribute]
- code: "0813"
  verbs: [lift]
- code: "0874"
  verbs: [withdraw, withdraw * troops from]
- code: "120"
  verbs: ["[flatly] reject", "[said *] deny"]
- code: "190"
  verbs: [attack]
  nouns: [attack on]
- code: "195"
  verbs: [launch * missile on|at, bomb]
`)},
	"discards.yaml": {Data: []byte("- {words: [match, striker], reason: sport}\n")},
}

var annotator = nlp.NewAnnotator()

func code(t *testing.T, c *Coder, ix *actors.Index, text string, date time.Time) (*nlp.Doc, []Event) {
	t.Helper()
	d := &nlp.Doc{Text: text}
	annotator.Annotate(d)
	ms := ix.Find(d, date)
	return d, c.Code(d, ms, date)
}

func showEvents(d *nlp.Doc, evs []Event) string {
	var b []string
	for _, e := range evs {
		side := func(a *Actor) string {
			if a == nil {
				return "-"
			}
			return a.Code
		}
		s := fmt.Sprintf("%s>%s>%s", side(e.Source), e.Code, side(e.Target))
		if e.Negated {
			s += " neg"
		}
		if e.Modality != "asserted" {
			s += " " + e.Modality
		}
		b = append(b, s)
	}
	return strings.Join(b, "; ")
}

func TestCode(t *testing.T) {
	c, err := Load(testDict)
	if err != nil {
		t.Fatal(err)
	}
	ix := actors.Default()
	date := time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC) // a Thursday
	tests := []struct{ name, text, want string }{
		{"subject verb object", "Russia attacked Ukraine.", "RUS>190>UKR"},
		{"compound subject, reciprocal", "France and Germany met in Paris.", "FRA>040>DEU; DEU>040>FRA"},
		{"compound object", "Russia condemned France and Germany.", "RUS>111>FRA; RUS>111>DEU"},
		{"listed object", "Russia condemned France, Italy, Spain and Germany.", "RUS>111>FRA; RUS>111>ITA; RUS>111>ESP; RUS>111>DEU"},
		{"listed subject with modifiers", "Japan, the tiny Malta, and mighty China condemned Russia.", "JPN>111>RUS; MLT>111>RUS; CHN>111>RUS"},
		{"passive", "Ukraine was attacked by Russia.", "RUS>190>UKR"},
		{"target slot", "Germany accused Russia of lying.", "DEU>112>RUS"},
		{"call on to", "Japan called on China to stop.", "JPN>102>CHN"},
		{"gap", "Washington launched a barrage of 59 cruise missiles on a Syrian air base.", "USAGOV>195>SYR"},
		{"phrasal, with the reverse event", "Italy paid a three-day visit to Spain.", "ITA>042>ESP; ESP>043>ITA"},
		{"noun pattern with possessor", "Russia's talks with France ended.", "RUS>040>FRA"},
		{"demonym with role", "Russian troops attacked Georgia.", "RUSMIL>190>GEO"},
		{"place of a verbal act is not target", "Russia condemned the plan in Geneva.", "RUS>111>-"},
		{"place of a material act is target", "Russia attacked in Syria.", "RUS>190>SYR"},
		{"domestic act is on the country", "Sudan's government lifted the curfew in Khartoum.", "SDNGOV>0813>SDN"},
		{"prepositional target", "Syria withdrew its troops from Lebanon.", "SYR>0874>LBN"},
		{"bare role is no target", "France will contribute its troops to the force.", "FRA>0334>- future"},
		{"negation", "Russia did not attack Ukraine.", "RUS>190>UKR neg"},
		{"verbs joined by and share the subject", "France condemned the raid by Russia and attacked Ukraine.", "FRA>111>RUS; FRA>190>UKR"},
		{"a participle after a noun is background", "France condemned Russian soldiers accused of attacking Ukraine.", "FRA>111>RUSMIL"},
		{"a bare role in a list takes the list's country", "France condemned the Russian government and the soldiers.", "FRA>111>RUSGOV; FRA>111>RUSMIL"},
		{"reciprocal with a bare role only", "Russia and France will meet the soldiers.", "RUS>036>FRA; FRA>036>RUS"},
		{"a threat to a list", "Russia threatened to attack Ukraine and Georgia.", "RUS>1384>UKR; RUS>1384>GEO"},
		{"a target named after the pattern's preposition", "Russia withdrew its troops from neighbouring Georgia.", "RUS>0874>GEO"},
		{"a target list after a preposition", "Russia withdrew its soldiers from Georgia and Ukraine.", "RUS>0874>GEO; RUS>0874>UKR"},
		{"a participle of result is part of the act", "Russia bombed Georgia on Monday, attacking Ukrainian soldiers there.", "RUS>195>GEO"},
		{"a word before the verb", "Russia flatly rejected Ukraine.", "RUS>120>UKR"},
		{"without the word before the verb", "Russia rejected Ukraine.", ""},
		{"words before the verb, apart", "Russia said on Monday it denied Ukraine.", "RUS>120>UKR"},
		{"modal", "Russia may attack Ukraine.", "RUS>190>UKR possible"},
		{"control verb makes a threat", "Russia threatened to attack Ukraine.", "RUS>1384>UKR"},
		{"intent to cooperate", "Russia will meet Ukraine.", "RUS>036>UKR"},
		{"refused cooperation", "Russia refused to meet Ukraine.", "RUS>125>UKR"},
		{"offer governs the embedded verb", "Russia offered to attack Ukraine.", "RUS>1384>UKR"},
		{"participle in a noun phrase", "The attacked Ukraine condemned Russia.", "UKR>111>RUS"},
		{"question", "Will Russia attack Ukraine?", "RUS>190>UKR question"},
		{"reported speech", "France said Russia attacked Ukraine.", "RUS>190>UKR"},
		{"statement alone", "France said talks would go on.", "FRA>010>-"},
		{"discard", "The striker attacked Manchester in the match.", ""},
		{"pronoun subject", "Germany is worried. It condemned Russia.", "DEU>111>RUS"},
		{"compound with an article", "Britain and the EU met in Paris.", "GBR>040>IGOEUREEC; IGOEUREEC>040>GBR"},
		{"own forces are not a target", "The US attacked its troops.", "USA>190>-"},
		{"an obligation reported is a demand", "France said Germany must ensure calm.", "FRA>100>DEU"},
		{"force by rebels is unconventional", "Afghan rebels attacked Kabul.", "AFGREB>180>AFGGOV"},
		{"force by a state stays conventional", "Russia attacked Kyiv.", "RUS>190>UKRGOV"},
	}
	for _, tt := range tests {
		d, evs := code(t, c, ix, tt.text, date)
		if got := showEvents(d, evs); got != tt.want {
			t.Errorf("%s: %q\n got %s\nwant %s", tt.name, tt.text, got, tt.want)
		}
	}
}

func TestEventDate(t *testing.T) {
	date := time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC) // Thursday
	tests := []struct{ text, want string }{
		{"They met on Wednesday.", "2017-04-12"},
		{"They met on Thursday.", "2017-04-13"},
		{"They met last Thursday.", "2017-04-06"},
		{"They met yesterday.", "2017-04-12"},
		{"They met last week.", "2017-04-06"},
		{"They met on April 2.", "2017-04-02"},
		{"They met on 2 April 2015.", "2015-04-02"},
		{"They met on December 30.", "2016-12-30"},
		{"They met.", "2017-04-13"},
		{"They may meet.", "2017-04-13"},
	}
	for _, tt := range tests {
		d := &nlp.Doc{Text: tt.text}
		annotator.Annotate(d)
		s := d.Sentences[0]
		if got := eventDate(d, s.First, s.Last, date).Format("2006-01-02"); got != tt.want {
			t.Errorf("eventDate(%q) = %s, want %s", tt.text, got, tt.want)
		}
	}
	d := &nlp.Doc{Text: "They met on Wednesday."}
	annotator.Annotate(d)
	if got := eventDate(d, 0, len(d.Tokens), time.Time{}); !got.IsZero() {
		t.Errorf("with no article date, got %v", got)
	}
}

// TestCodeSample checks the events the issue names for the scraped sample article (April 2017).
func TestCodeSample(t *testing.T) {
	raw, err := os.ReadFile(shared.Path(t, "../samples/000_0e40dc00f8e0fa27.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text, _ := clean.Body(strings.SplitN(string(raw), "\n\n", 2)[1])
	date := time.Date(2017, 4, 13, 0, 0, 0, 0, time.UTC)
	d, evs := code(t, Default(), actors.Default(), text, date)
	has := func(root, src, tgt, inSentence string) bool {
		for _, e := range evs {
			if Root(e.Code) != root || !strings.Contains(d.SentenceText(e.Sentence), inSentence) {
				continue
			}
			if src != "" && (e.Source == nil || !strings.HasPrefix(e.Source.Code, src)) {
				continue
			}
			if tgt != "" && (e.Target == nil || !strings.HasPrefix(e.Target.Code, tgt)) {
				continue
			}
			return true
		}
		return false
	}
	checks := []struct{ what, root, src, tgt, sentence string }{
		{"US missile strike on the Syrian air base", "19", "USA", "SYR", "barrage of Tomahawk"},
		{"Tillerson meets Lavrov", "04", "USA", "RUS", "met in Moscow"},
		{"Lavrov meets Tillerson", "04", "RUS", "USA", "met in Moscow"},
		{"US criticises Russia's support for Assad", "11", "USA", "RUS", "slammed"},
		{"Putin's statement that relations degraded", "01", "RUS", "", "degraded"},
	}
	for _, c := range checks {
		if !has(c.root, c.src, c.tgt, c.sentence) {
			t.Errorf("missing event: %s (root %s, %s→%s)", c.what, c.root, c.src, c.tgt)
		}
	}
	if !has("02", "USA", "RUS", "called on Moscow") && !has("10", "USA", "RUS", "called on Moscow") {
		t.Error("missing event: Haley calls on Moscow to stop protecting Assad (root 02 or 10, USA→RUS)")
	}
	if !has("11", "", "SYR", "butcher") {
		t.Error("missing event: Assad called a butcher (root 11, target SYR)")
	}
	for _, e := range evs {
		if strings.Contains(d.SentenceText(e.Sentence), "More news") {
			t.Errorf("event from a link line: %s", d.SentenceText(e.Sentence))
		}
		if strings.Contains(d.SentenceText(e.Sentence), "met in Moscow") && e.Date.Format("2006-01-02") != "2017-04-12" {
			t.Errorf("meeting dated %v, want Wednesday 2017-04-12", e.Date)
		}
	}
	if t.Failed() {
		t.Logf("coded: %s", showEvents(d, evs))
	}
}
