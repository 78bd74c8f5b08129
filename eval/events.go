package eval

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/eval/petrarch"
	"github.com/dyad-project/dyad/eval/plover"
	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/record"
)

// EventCoder codes the events in text (one sentence or short article) published on date.
type EventCoder func(text string, date time.Time) ([]record.Event, error)

// PLOVER scores event coding against PLOVER 0.5 gold records, each one sentence with one event.
// Every record's text is coded with its date, and precision, recall and F1 are micro-averaged
// over the records at three levels. At each level a gold record is a set of expected items and
// every predicted event is an item; an item found twice in one record counts once. Within a
// record, a predicted item matches at most one gold item and the reverse. Records that share
// their text and date (the gold set gives a sentence with two events as two records) are coded
// once and scored as one record expecting the items of both: otherwise a coder that finds both
// events would be charged a false positive on each.
//
//   - type: the event type. A predicted event's type is the PLOVER 0.5 category of its CAMEO code
//     (events.Lookup(code).Plover05; a code not in the table is looked up by its first three
//     digits, then by its root). Events whose code has no PLOVER 0.5 category (CAMEO 01 and 02,
//     which PLOVER drops) are outside the ontology the gold set annotates: they are not scored,
//     and are counted in a row of the report.
//   - type + countries: the type with the source's and the target's country. A gold record with
//     several sources or targets expects every source–target pair. A gold event without a target
//     (a joint action: "Jordan and Britain agreed to ...") expects a predicted event without a
//     target: a predicted target there is an error, as is a missing one where the gold has a
//     target. A predicted participant's country is its Country, or else the first three letters
//     of its CAMEO code unless those are a sector ("GOV") rather than a country; codes starting
//     with IGO or NGO give "IGO", which is what the gold set writes for every international
//     organisation, governmental or not.
//   - full: the type with both sides' country and sector. The gold sector is the first three
//     letters of "sector", upper-cased ("CVLalb" → CVL, "REFKUR" → REF; the suffix is an ethnic
//     or religious group; the one "CIVsrp" is taken for CVL), "" when absent; "***" (left
//     unspecified by the gold coder) accepts any sector. A predicted sector is the first
//     three-letter group of the code after the country that is a CAMEO sector or religion
//     ("USAGOV" → GOV, "SRBREBKLA" → REB, "IGOUNO" → none).
//
// A sentence the coder fails on is scored as if it had coded nothing, and counted.
func PLOVER(recs []plover.Record, code EventCoder) *Report {
	var lv [3]PRF
	byType := map[string]*PRF{}
	typeCounts := func(t string) *PRF {
		if byType[t] == nil {
			byType[t] = &PRF{}
		}
		return byType[t]
	}
	var errs, outside, scored int
	units := ploverUnits(recs)
	for _, u := range units {
		evs, err := code(u.text, u.date)
		if err != nil {
			errs++
			evs = nil
		}
		var pred []eventItem
		for _, e := range evs {
			t := Plover05(e.Code, e.Root)
			if t == "" {
				outside++
				continue
			}
			scored++
			pred = append(pred, eventItem{t, actorCountry(e.Source), actorSector(e.Source), actorCountry(e.Target), actorSector(e.Target)})
		}
		for l := range lv {
			c := matchItems(project(u.gold, l), project(pred, l))
			lv[l].Add(c)
		}
		// per type, at the first level
		g, p := project(u.gold, 0), project(pred, 0)
		for _, it := range p {
			if slices.Contains(g, it) {
				typeCounts(it.typ).TP++
			} else {
				typeCounts(it.typ).FP++
			}
		}
		for _, it := range g {
			if !slices.Contains(p, it) {
				typeCounts(it.typ).FN++
			}
		}
	}
	r := &Report{
		Title:   fmt.Sprintf("Events against PLOVER 0.5 gold records (%d records, %d distinct sentences), micro-averaged over sentences", len(recs), len(units)),
		Header:  []string{"level", "precision", "recall", "F1", "gold", "found", "matched"},
		Metrics: map[string]float64{},
	}
	row := func(name string, p PRF) []string {
		return []string{name, F3(p.Precision()), F3(p.Recall()), F3(p.F1()), strconv.Itoa(p.TP + p.FN), strconv.Itoa(p.TP + p.FP), strconv.Itoa(p.TP)}
	}
	for l, name := range []string{"type", "type_countries", "full"} {
		label := [...]string{"type", "type + countries", "type + countries + sectors"}[l]
		r.Rows = append(r.Rows, row(label, lv[l]))
		r.Metrics["f1_"+name] = lv[l].F1()
		r.Metrics["p_"+name] = lv[l].Precision()
		r.Metrics["r_"+name] = lv[l].Recall()
	}
	types := make([]string, 0, len(byType))
	for t := range byType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		r.Rows = append(r.Rows, row("  type "+t, *byType[t]))
	}
	r.Rows = append(r.Rows,
		[]string{"events scored", "", "", "", "", strconv.Itoa(scored)},
		[]string{"events outside PLOVER 0.5 (CAMEO 01, 02), not scored", "", "", "", "", strconv.Itoa(outside)},
		[]string{"sentences the coder failed on", "", "", "", strconv.Itoa(errs)},
	)
	return r
}

// ploverUnit is what is coded once: the text of one or more gold records and their items.
type ploverUnit struct {
	text string
	date time.Time
	gold []eventItem
}

// ploverUnits merges the gold records that share a text and a date.
func ploverUnits(recs []plover.Record) []*ploverUnit {
	type key struct {
		text string
		date time.Time
	}
	var units []*ploverUnit
	seen := map[key]*ploverUnit{}
	for _, r := range recs {
		k := key{r.Text, r.Date}
		u := seen[k]
		if u == nil {
			u = &ploverUnit{text: r.Text, date: r.Date}
			seen[k] = u
			units = append(units, u)
		}
		u.gold = append(u.gold, goldItems(r)...)
	}
	return units
}

// Plover05 returns the PLOVER 0.5 category of a CAMEO code ("190" → "FIGHT"), from the ontology
// table: the code itself, else its first three digits, else its root; root is tried when code is
// empty. It returns "" when there is none.
func Plover05(code, root string) string {
	code = strings.TrimSpace(code)
	if code == "" {
		code = strings.TrimSpace(root)
	}
	for _, n := range []int{len(code), 3, 2} {
		if n > len(code) || n < 2 {
			continue
		}
		if c, ok := events.Lookup(code[:n]); ok && c.Plover05 != "" {
			return c.Plover05
		}
	}
	return ""
}

// eventItem is what one event is compared on. A field "*" in a gold item accepts anything.
type eventItem struct {
	typ, srcCountry, srcSector, tgtCountry, tgtSector string
}

const anySector = "*"

// project keeps the fields of level l (0 type, 1 type and countries, 2 all) and removes duplicates.
func project(items []eventItem, l int) []eventItem {
	var out []eventItem
	for _, it := range items {
		switch l {
		case 0:
			it = eventItem{typ: it.typ}
		case 1:
			it.srcSector, it.tgtSector = "", ""
		}
		dup := false
		for _, o := range out {
			if o == it {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, it)
		}
	}
	return out
}

// matchItems pairs gold and predicted items one to one, exact matches first, then matches
// through a gold "*".
func matchItems(gold, pred []eventItem) PRF {
	used := make([]bool, len(pred))
	matched := make([]bool, len(gold))
	tp := 0
	for pass := 0; pass < 2; pass++ {
		for gi, g := range gold {
			if matched[gi] {
				continue
			}
			for pi, p := range pred {
				if used[pi] || !(pass == 0 && g == p || pass == 1 && g.accepts(p)) {
					continue
				}
				used[pi], matched[gi] = true, true
				tp++
				break
			}
		}
	}
	return PRF{TP: tp, FP: len(pred) - tp, FN: len(gold) - tp}
}

func (g eventItem) accepts(p eventItem) bool {
	eq := func(a, b string) bool { return a == b || a == anySector }
	return g.typ == p.typ && g.srcCountry == p.srcCountry && g.tgtCountry == p.tgtCountry &&
		eq(g.srcSector, p.srcSector) && eq(g.tgtSector, p.tgtSector)
}

// goldItems expands a gold record into its source–target pairs; mutual actors into every
// ordered pair of them.
func goldItems(r plover.Record) []eventItem {
	srcs, tgts := r.Sources, r.Targets
	if r.Mutual && len(tgts) == 0 && len(srcs) > 1 {
		var out []eventItem
		for i, s := range srcs {
			for j, t := range srcs {
				if i != j {
					out = append(out, eventItem{r.Event, goldCountry(s), goldSector(s), goldCountry(t), goldSector(t)})
				}
			}
		}
		return out
	}
	if len(srcs) == 0 {
		srcs = []plover.Actor{{}}
	}
	if len(tgts) == 0 {
		tgts = []plover.Actor{{}}
	}
	var out []eventItem
	for _, s := range srcs {
		for _, t := range tgts {
			out = append(out, eventItem{r.Event, goldCountry(s), goldSector(s), goldCountry(t), goldSector(t)})
		}
	}
	return out
}

func goldCountry(a plover.Actor) string { return strings.ToUpper(strings.TrimSpace(a.Code)) }

func goldSector(a plover.Actor) string {
	s := strings.TrimSpace(a.Sector)
	switch {
	case s == "":
		return ""
	case strings.Trim(s, "*") == "":
		return anySector
	case len(s) > 3:
		s = s[:3]
	}
	s = strings.ToUpper(s)
	if s == "CIV" {
		s = "CVL"
	}
	return s
}

// sectors are the CAMEO role and sector codes that may follow (or stand instead of) a country
// in an actor code, the CAMEO religion codes, which the PLOVER gold set also writes as sectors
// ("GOVMOS", "MOS"), and the gold set's own JRN and SOC. (Its one "CIVsrp" is read as CVL:
// CIV is Côte d'Ivoire.)
var sectors = map[string]bool{
	"COP": true, "GOV": true, "INS": true, "JUD": true, "MIL": true, "OPP": true, "PTY": true,
	"REB": true, "SEP": true, "SPY": true, "UAF": true, "AGR": true, "BUS": true, "CRM": true,
	"CVL": true, "DEV": true, "EDU": true, "ELI": true, "ENV": true, "HLH": true, "HRI": true,
	"LAB": true, "LEG": true, "MED": true, "REF": true, "MOD": true, "RAD": true,
	"MOS": true, "CHR": true, "JEW": true, "BUD": true, "HIN": true,
	"JRN": true, "SOC": true,
}

// actorCountry is the country of a predicted participant ("" for none).
func actorCountry(p *record.Participant) string {
	if p == nil {
		return ""
	}
	if c := strings.ToUpper(strings.TrimSpace(p.Country)); c != "" {
		return c
	}
	code := strings.ToUpper(strings.TrimSpace(p.Code))
	if len(code) < 3 {
		return ""
	}
	switch pre := code[:3]; {
	case pre == "IGO" || pre == "NGO":
		return "IGO"
	case sectors[pre] || strings.ContainsAny(pre, "-#+"):
		return ""
	default:
		return pre
	}
}

// actorSector is the first sector of a predicted participant's code after its country.
func actorSector(p *record.Participant) string {
	if p == nil {
		return ""
	}
	code := strings.ToUpper(strings.TrimSpace(p.Code))
	if len(code) >= 3 && !sectors[code[:3]] {
		code = code[3:] // the country, "IGO", "NGO", "---", ...
	}
	for i := 0; i+3 <= len(code); i += 3 {
		if sectors[code[i:i+3]] {
			return code[i : i+3]
		}
	}
	return ""
}

// Petrarch scores event coding against PETRARCH's unit-test records: the share of the expected
// codings (source code, target code, event code, each exactly as written) that the coder
// reproduces, the precision of what it produces, and their F1. Sentences without EventCoding
// elements (unlabelled files) and disabled tests (sentence="false") are not coded. Sentences
// that expect no event (noevents, or an expected error such as a discard) contribute what the
// coder produces there to the precision, and a row counts how many stayed silent.
//
// Predicted events are written as PETRARCH writes its output, following the options of the
// record's <Config>: a participant with a code gives that code; one without a code gives its
// text in capitals and double quotes when new_actor_length is positive and the text has at most
// that many words (PETRARCH's new actors), and otherwise the null code "---"; a missing
// participant is "---". When require_dyad is true (PETRARCH's default), events with a null
// source or target are dropped, as PETRARCH drops them; they are counted in a row.
func Petrarch(recs []petrarch.Record, code EventCoder) *Report {
	type counts struct {
		sentences int
		PRF
	}
	cats := map[string]*counts{}
	var all counts
	var unlabelled, disabled, errs, dropped, quietWant, quiet int
	for _, r := range recs {
		if !r.Labelled {
			unlabelled++
			continue
		}
		if r.Disabled {
			disabled++
			continue
		}
		evs, err := code(r.Text, r.Date)
		if err != nil {
			errs++
			evs = nil
		}
		newLen := 0
		if n, err := strconv.Atoi(strings.TrimSpace(r.Config["new_actor_length"])); err == nil {
			newLen = n
		}
		requireDyad := !strings.EqualFold(strings.TrimSpace(r.Config["require_dyad"]), "false")
		var pred []petrarch.Coding
		for _, e := range evs {
			c := petrarch.Coding{Source: petrarchActor(e.Source, newLen), Target: petrarchActor(e.Target, newLen), Event: strings.TrimSpace(e.Code)}
			if requireDyad && (c.Source == nullActor || c.Target == nullActor) {
				dropped++
				continue
			}
			if !containsCoding(pred, c) {
				pred = append(pred, c)
			}
		}
		var gold []petrarch.Coding
		for _, c := range r.Codings {
			if !containsCoding(gold, c) {
				gold = append(gold, c)
			}
		}
		var p PRF
		for _, c := range pred {
			if containsCoding(gold, c) {
				p.TP++
			} else {
				p.FP++
			}
		}
		p.FN = len(gold) - p.TP
		cat := r.Category
		if cat == "" {
			cat = "(none)"
		}
		if cats[cat] == nil {
			cats[cat] = &counts{}
		}
		for _, c := range []*counts{cats[cat], &all} {
			c.sentences++
			c.Add(p)
		}
		if len(gold) == 0 {
			quietWant++
			if len(pred) == 0 {
				quiet++
			}
		}
	}
	r := &Report{
		Title:  fmt.Sprintf("Events against PETRARCH unit tests (%d sentences coded, %d expected codings)", all.sentences, all.TP+all.FN),
		Header: []string{"category", "sentences", "expected", "reproduced", "produced", "share reproduced", "precision"},
		Metrics: map[string]float64{
			"reproduced": all.Recall(),
			"precision":  all.Precision(),
			"f1":         all.F1(),
		},
	}
	row := func(name string, c counts) []string {
		return []string{name, strconv.Itoa(c.sentences), strconv.Itoa(c.TP + c.FN), strconv.Itoa(c.TP), strconv.Itoa(c.TP + c.FP), F3(c.Recall()), F3(c.Precision())}
	}
	names := make([]string, 0, len(cats))
	for n := range cats {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r.Rows = append(r.Rows, row(n, *cats[n]))
	}
	r.Rows = append(r.Rows, row("all", all),
		[]string{"sentences expecting no event", strconv.Itoa(quietWant)},
		[]string{"  of which silent", strconv.Itoa(quiet)},
		[]string{"events dropped by require_dyad", "", "", "", strconv.Itoa(dropped)},
		[]string{"sentences the coder failed on", strconv.Itoa(errs)},
		[]string{"disabled tests, not coded", strconv.Itoa(disabled)},
		[]string{"unlabelled sentences, not coded", strconv.Itoa(unlabelled)},
	)
	return r
}

// nullActor is PETRARCH's code for an actor it did not find.
const nullActor = "---"

// petrarchActor writes a participant as PETRARCH would (see Petrarch).
func petrarchActor(p *record.Participant, newActorLength int) string {
	if p == nil {
		return nullActor
	}
	if c := strings.TrimSpace(p.Code); c != "" {
		return strings.ToUpper(c)
	}
	words := strings.Fields(p.Text)
	if newActorLength > 0 && len(words) > 0 && len(words) <= newActorLength {
		return `"` + strings.ToUpper(strings.Join(words, " ")) + `"`
	}
	return nullActor
}

func containsCoding(cs []petrarch.Coding, c petrarch.Coding) bool {
	for _, x := range cs {
		if x == c {
			return true
		}
	}
	return false
}
