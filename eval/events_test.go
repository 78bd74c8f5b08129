package eval

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/eval/petrarch"
	"github.com/dyad-project/dyad/eval/plover"
	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/record"
)

// fakeCoder answers from a table keyed by text; a text missing from it fails the test.
func fakeCoder(t *testing.T, table map[string][]record.Event, fail map[string]bool) EventCoder {
	return func(text string, _ time.Time) ([]record.Event, error) {
		if fail[text] {
			return nil, errors.New("coder failed")
		}
		evs, ok := table[text]
		if !ok {
			t.Errorf("coder called on %q", text)
		}
		return evs, nil
	}
}

func ev(code string, src, tgt *record.Participant) record.Event {
	return record.Event{Code: code, Source: src, Target: tgt}
}

func part(code, country string) *record.Participant {
	return &record.Participant{Code: code, Country: country}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func checkMetrics(t *testing.T, r *Report, want map[string]float64) {
	t.Helper()
	for k, v := range want {
		got, ok := r.Metrics[k]
		if !ok || !near(got, v) {
			t.Errorf("metric %s = %v (present %v), want %v", k, got, ok, v)
		}
	}
}

func row(r *Report, name string) []string {
	for _, row := range r.Rows {
		if len(row) > 0 && row[0] == name {
			return row
		}
	}
	return nil
}

func TestPlover05(t *testing.T) {
	for code, want := range map[string]string{
		"036": "AGREE", "112": "DISAPPROVE", "190": "FIGHT", "161": "SANCTION", "180": "ASSAULT",
		"100": "DEMAND", "010": "", "084": "RETREAT", "0841": "RETREAT", "1717": "COERCE", "": "",
	} {
		if got := Plover05(code, ""); got != want {
			t.Errorf("Plover05(%q) = %q, want %q", code, got, want)
		}
	}
	if got := Plover05("", "19"); got != "FIGHT" {
		t.Errorf("Plover05 from the root = %q", got)
	}
}

func TestPLOVERScoring(t *testing.T) {
	a := func(code, sector string) plover.Actor { return plover.Actor{Code: code, Sector: sector} }
	recs := []plover.Record{
		{Text: "r1", Event: "AGREE", Sources: []plover.Actor{a("USA", "GOV")}, Targets: []plover.Actor{a("JOR", "")}},
		{Text: "r2", Event: "FIGHT", Sources: []plover.Actor{a("ISR", "MIL"), a("EGY", "MIL")}},
		{Text: "r3", Event: "PROTEST", Sources: []plover.Actor{a("IRQ", "***")}, Targets: []plover.Actor{a("IGO", "")}},
		{Text: "r4", Event: "SANCTION", Sources: []plover.Actor{a("RUS", "GOVxyz")}, Targets: []plover.Actor{a("UKR", "CVLabc")}},
		{Text: "r5", Event: "ASSAULT", Sources: []plover.Actor{a("NGA", "***")}, Targets: []plover.Actor{a("NGA", "CVL")}},
		{Text: "r6", Event: "DEMAND", Sources: []plover.Actor{a("IGO", "")}, Targets: []plover.Actor{a("SDN", "GOV")}},
	}
	table := map[string][]record.Event{
		"r1": {
			ev("036", part("USAGOV", "USA"), part("JOR", "JOR")),
			ev("036", part("USAGOV", "USA"), part("JOR", "JOR")), // the same item again: once
			ev("010", part("USA", "USA"), nil),                   // CAMEO 01: not scored
			ev("112", part("USA", "USA"), part("JOR", "JOR")),
		},
		"r2": {
			ev("190", part("ISRMIL", ""), nil), // the country from the code
			ev("190", part("EGYGOV", "EGY"), part("SYR", "SYR")),
		},
		"r4": {ev("161", part("RUSGOV", ""), part("UKRMIL", ""))},
		"r5": {ev("180", part("NGAREB", "NGA"), part("NGACVL", ""))}, // *** accepts REB
		"r6": {ev("100", part("NGOAMN", ""), part("SDNGOV", "SDN"))}, // an NGO is the gold's IGO
	}
	r := PLOVER(recs, fakeCoder(t, table, map[string]bool{"r3": true}))
	// type: TP r1 r2 r4 r5 r6, FP r1 (DISAPPROVE), FN r3
	// countries: TP r1 r2(ISR) r4 r5 r6, FP r1 r2(EGY→SYR), FN r2(EGY, no target) r3
	// full: TP r1 r2 r5 r6, FP r1 r2 r4(MIL), FN r2 r3 r4(CVL)
	checkMetrics(t, r, map[string]float64{
		"p_type": 5.0 / 6, "r_type": 5.0 / 6, "f1_type": 5.0 / 6,
		"p_type_countries": 5.0 / 7, "r_type_countries": 5.0 / 7, "f1_type_countries": 5.0 / 7,
		"p_full": 4.0 / 7, "r_full": 4.0 / 7, "f1_full": 4.0 / 7,
	})
	for name, want := range map[string][]string{
		"type":                       {"type", "0.833", "0.833", "0.833", "6", "6", "5"},
		"type + countries + sectors": {"type + countries + sectors", "0.571", "0.571", "0.571", "7", "7", "4"},
		"  type DISAPPROVE":          {"  type DISAPPROVE", "0.000", "0.000", "0.000", "0", "1", "0"},
		"  type PROTEST":             {"  type PROTEST", "0.000", "0.000", "0.000", "1", "0", "0"},
	} {
		if got := row(r, name); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %q = %q, want %q", name, got, want)
		}
	}
	if got := row(r, "events outside PLOVER 0.5 (CAMEO 01, 02), not scored"); got == nil || got[len(got)-1] != "1" {
		t.Errorf("outside row %q", got)
	}
	if got := row(r, "sentences the coder failed on"); got == nil || got[len(got)-1] != "1" {
		t.Errorf("failed row %q", got)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil || !strings.Contains(b.String(), "f1_full=0.5714") {
		t.Errorf("Write: %v\n%s", err, b.String())
	}
}

func TestPetrarchScoring(t *testing.T) {
	c := func(s, tg, e string) petrarch.Coding { return petrarch.Coding{Source: s, Target: tg, Event: e} }
	recs := []petrarch.Record{
		{Text: "p1", Category: "A", Labelled: true, Codings: []petrarch.Coding{c("ARN", "GON", "064"), c("GON", "ARN", "064")}},
		{Text: "p2", Category: "B", Labelled: true, Config: map[string]string{"require_dyad": "False", "new_actor_length": "4"},
			Codings: []petrarch.Coding{c(`"INJURY TOLL"`, "OSG", "223"), c("ERI", "---", "223")}},
		{Text: "p3", Category: "B", Labelled: true, NoEvents: true},
		{Text: "p4", Category: "A", Labelled: true, Errors: []string{"storydiscard"}},
		{Text: "p5", Category: "A", Labelled: true, Disabled: true, Codings: []petrarch.Coding{c("ARN", "GON", "064")}},
		{Text: "p6"},
		{Text: "p7", Category: "A", Labelled: true, Codings: []petrarch.Coding{c("HOB", "GON", "041")}},
	}
	table := map[string][]record.Event{
		"p1": {
			ev("064", part("arn", ""), part("GON", "")),
			ev("064", part("arn", ""), part("GON", "")), // twice: once
			ev("064", part("ARN", ""), nil),             // no target: dropped (require_dyad)
		},
		"p2": {
			ev("223", &record.Participant{Text: "injury \n toll"}, part("OSG", "")), // a new actor
			ev("223", part("ERI", ""), nil),
			ev("223", &record.Participant{Text: "a very long new actor name"}, part("OSG", "")), // too long: ---
		},
		"p3": {ev("010", part("ARN", ""), part("GON", ""))},
		"p4": nil,
	}
	r := Petrarch(recs, fakeCoder(t, table, map[string]bool{"p7": true}))
	// expected 5 (p1 2, p2 2, p7 1); reproduced 3 (p1 1, p2 2); produced 5 (p1 1, p2 3, p3 1)
	checkMetrics(t, r, map[string]float64{"reproduced": 3.0 / 5, "precision": 3.0 / 5, "f1": 3.0 / 5})
	for name, want := range map[string][]string{
		"A":                               {"A", "3", "3", "1", "1", "0.333", "1.000"},
		"B":                               {"B", "2", "2", "2", "4", "1.000", "0.500"},
		"all":                             {"all", "5", "5", "3", "5", "0.600", "0.600"},
		"sentences expecting no event":    {"sentences expecting no event", "2"},
		"  of which silent":               {"  of which silent", "1"},
		"events dropped by require_dyad":  {"events dropped by require_dyad", "", "", "", "1"},
		"sentences the coder failed on":   {"sentences the coder failed on", "1"},
		"disabled tests, not coded":       {"disabled tests, not coded", "1"},
		"unlabelled sentences, not coded": {"unlabelled sentences, not coded", "1"},
	} {
		if got := row(r, name); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %q = %q, want %q", name, got, want)
		}
	}
}

func TestPLOVERReal(t *testing.T) {
	recs, err := plover.Read(shared.Path(t, "events/plover_gsr_dev.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 179 {
		t.Fatalf("%d records, want 179", len(recs))
	}
	noTarget := 0
	for _, r := range recs {
		if r.ID == "" || r.Text == "" || r.Date.IsZero() || !ploverTypes[r.Event] || len(r.Sources) == 0 {
			t.Errorf("incomplete record %+v", r)
		}
		if len(r.Targets) == 0 {
			noTarget++
		}
	}
	if noTarget != 15 { // 2 written "", 13 absent
		t.Errorf("%d records without a target, want 15", noTarget)
	}

	// A coder that returns the gold events scores 1 at every level.
	codeOf := map[string]string{}
	for _, c := range events.Codes() {
		if c.Plover05 != "" && codeOf[c.Plover05] == "" {
			codeOf[c.Plover05] = c.Code
		}
	}
	byText := map[string][]record.Event{}
	for _, r := range recs {
		tgts := r.Targets
		if len(tgts) == 0 {
			tgts = []plover.Actor{{}}
		}
		if r.Mutual && len(r.Targets) == 0 {
			tgts = r.Sources // each acts on the others
		}
		for _, s := range r.Sources {
			for _, tg := range tgts {
				if r.Mutual && tg == s {
					continue
				}
				e := record.Event{Code: codeOf[r.Event], Source: oracle(s)}
				if tg.Code != "" {
					e.Target = oracle(tg)
				}
				byText[r.Text] = append(byText[r.Text], e)
			}
		}
	}
	rep := PLOVER(recs, fakeCoder(t, byText, nil))
	checkMetrics(t, rep, map[string]float64{"f1_type": 1, "f1_type_countries": 1, "f1_full": 1})
}

// ploverTypes are the PLOVER 0.5 event types of the gold records.
var ploverTypes = map[string]bool{}

func init() {
	for _, t := range strings.Fields("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT INVESTIGATE DEMAND DISAPPROVE REJECT THREATEN PROTEST MOBILIZE SANCTION COERCE ASSAULT FIGHT") {
		ploverTypes[t] = true
	}
}

// oracle writes a gold actor as a participant with its CAMEO code.
func oracle(a plover.Actor) *record.Participant {
	s := a.Sector
	if strings.Trim(s, "*") == "" {
		s = ""
	}
	if len(s) > 3 {
		s = s[:3]
	}
	if strings.EqualFold(s, "CIV") {
		s = "CVL"
	}
	p := &record.Participant{Text: a.Text, Code: a.Code + strings.ToUpper(s)}
	if a.Code != "IGO" {
		p.Country = a.Code
	}
	return p
}

func TestPetrarchReal(t *testing.T) {
	recs, err := petrarch.Read(shared.Path(t, "events/petrarch_unittests/PETR.UnitTest.records.xml"))
	if err != nil {
		t.Fatal(err)
	}
	codings, noEvents, errs, disabled, disabledCodings := 0, 0, 0, 0, 0
	for _, r := range recs {
		codings += len(r.Codings)
		errs += len(r.Errors)
		if r.NoEvents {
			noEvents++
		}
		if r.Disabled {
			disabled++
			disabledCodings += len(r.Codings)
		}
		if !r.Labelled || r.ID == "" || r.Text == "" || r.Parse == "" || r.Date.IsZero() {
			t.Errorf("incomplete record %s", r.ID)
		}
	}
	// 284 <Sentence> elements hold 385 <EventCoding> elements: 359 codings, 19 noevents and
	// 7 expected errors; 5 sentences (7 codings) are disabled.
	if got := [...]int{len(recs), codings + noEvents + errs, codings, noEvents, errs, disabled, disabledCodings, petrarch.Expected(recs)}; got != [...]int{284, 385, 359, 19, 7, 5, 7, 352} {
		t.Errorf("sentences, EventCodings, codings, noevents, errors, disabled, their codings, expected = %v", got)
	}
	for _, r := range recs {
		if r.ID == "DEMO-22" {
			if r.Config["new_actor_length"] != "4" || len(r.Codings) != 2 || r.Codings[1].Source != `"INJURY TOLL"` {
				t.Errorf("DEMO-22: %+v", r)
			}
			if strings.Contains(r.Text, "\n") || !strings.HasPrefix(r.Text, "Eriador's death and injury toll has risen") {
				t.Errorf("DEMO-22 text %q", r.Text)
			}
		}
	}

	// A coder that returns the expected codings reproduces all of them, precisely, once they are
	// written back in PETRARCH's notation (new actors as text, "---" as a missing actor).
	i := 0
	var enabled []petrarch.Record
	for _, r := range recs {
		if !r.Disabled {
			enabled = append(enabled, r)
		}
	}
	coder := func(text string, _ time.Time) ([]record.Event, error) {
		r := enabled[i]
		i++
		if text != r.Text {
			t.Fatalf("coded %q, want the text of %s", text, r.ID)
		}
		var out []record.Event
		for _, c := range r.Codings {
			out = append(out, record.Event{Code: c.Event, Source: fromPetrarch(c.Source), Target: fromPetrarch(c.Target)})
		}
		return out, nil
	}
	rep := Petrarch(recs, coder)
	checkMetrics(t, rep, map[string]float64{"reproduced": 1, "precision": 1, "f1": 1})
	if got := row(rep, "all"); got == nil || got[2] != "352" {
		t.Errorf("all row %q", got)
	}

	giga, err := petrarch.Read(shared.Path(t, "events/petrarch_unittests/GigaWord.sample.PETR.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(giga) != 76 || giga[0].Labelled || giga[0].Source != "AFP" || giga[0].Date.Format("20060102") != "20080804" {
		t.Errorf("GigaWord: %d sentences, first %+v", len(giga), giga[0])
	}
}

func fromPetrarch(code string) *record.Participant {
	switch {
	case code == "---":
		return nil
	case strings.HasPrefix(code, `"`):
		return &record.Participant{Text: strings.ToLower(strings.Trim(code, `"`))}
	}
	return &record.Participant{Code: code}
}
