package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/events"
)

// PhoenixColumns are the columns of a Phoenix TSV file, in order. The first 26 are the layout of
// the Phoenix event data sets (the OEDA Phoenix pipeline's daily files); the last 8 are dyad's
// and come after them, so that a reader of Phoenix files that goes by position still reads the
// first 26. WritePhoenix writes a header row with these names.
//
//	 0 id             GlobalEventID
//	 1 date           the event's day, YYYYMMDD
//	 2 year           3 month   4 day (numbers, no leading zeros)
//	 5 source         the source actor's full CAMEO code
//	 6 source_root    its country, or IGO, NGO, IMG or MNC (Phoenix's "root")
//	 7 source_agent   its primary agent: GOV, MIL, REB, OPP, PTY, COP, JUD, SPY, MED, EDU, BUS, CRM or CVL
//	 8 source_others  its other three-letter parts, ';'-separated
//	 9 target        10 target_root  11 target_agent  12 target_others (as for the source)
//	13 code           CAMEO event code
//	14 root_code      CAMEO root
//	15 quad_class     Phoenix's class: 0 for roots 01 and 02 (neutral), 3 for 16, else GDELT's
//	16 goldstein
//	17 issues         Phoenix's issue codes ("ISSUE,count;..."): written empty, dyad codes no issues
//	18 lat           19 lon
//	20 location       the place's full name (GDELT's FullName)
//	21 state          written empty (Phoenix's state name: dyad has none)
//	22 country        the place's CAMEO country code (ISO alpha-3)
//	23 ids            the article id(s), ';'-separated
//	24 urls           the source URL(s), ';'-separated
//	25 sources        the publication(s), ';'-separated
//	26 source_name   27 target_name  (dyad: the actors' names)
//	28 sentence       (dyad: sentence index)   29 negated (0 or 1)   30 modality
//	31 plover        32 confidence   33 evidence
//
// When reading, quad_class is read back as GDELT's class of the root code; NumArticles is the
// number of ids, NumSources the number of distinct sources and NumMentions NumArticles; the
// actors' role fields come from SplitActorCode of the full code; the place's Geo type is guessed
// as FromArticle guesses it.
var PhoenixColumns = []string{
	"id", "date", "year", "month", "day",
	"source", "source_root", "source_agent", "source_others",
	"target", "target_root", "target_agent", "target_others",
	"code", "root_code", "quad_class", "goldstein", "issues",
	"lat", "lon", "location", "state", "country",
	"ids", "urls", "sources",
	"source_name", "target_name", "sentence", "negated", "modality", "plover", "confidence", "evidence",
}

// phoenixAliases maps other names of Phoenix columns (the Cline Center and OEDA releases, all
// compared in lower case) to PhoenixColumns.
var phoenixAliases = map[string]string{
	"eventid": "id", "eid": "id", "story_date": "date",
	"sourceactorfull": "source", "sourceactorentity": "source_root", "sourceactorrole": "source_agent", "sourceactorattribute": "source_others",
	"targetactorfull": "target", "targetactorentity": "target_root", "targetactorrole": "target_agent", "targetactorattribute": "target_others",
	"eventcode": "code", "eventrootcode": "root_code", "pentaclass": "quad_class", "quadclass": "quad_class",
	"goldsteinscore": "goldstein", "latitude": "lat", "longitude": "lon",
	"locationname": "location", "placename": "location", "statename": "state", "countrycode": "country",
	"storyid": "ids", "aids": "ids", "url": "urls", "newssources": "sources",
}

// WritePhoenix writes rows as a Phoenix TSV file with a header row (see PhoenixColumns). Tabs
// and line breaks inside text become spaces.
func WritePhoenix(w io.Writer, rows iter.Seq[Event]) error {
	return writeTSV(w, PhoenixColumns, rows, appendPhoenix)
}

func appendPhoenix(b []byte, e *Event) []byte {
	tab := func() { b = append(b, '\t') }
	b = strconv.AppendUint(b, e.GlobalEventID, 10)
	tab()
	if d := e.Day; !d.IsZero() {
		b = appendPadded(b, d.ymd(), 8)
		for _, n := range []int{d.Year, int(d.Month), d.Day} {
			tab()
			b = strconv.AppendInt(b, int64(n), 10)
		}
	} else {
		b = append(b, "\t\t\t"...)
	}
	for _, a := range []*Actor{&e.Source, &e.Target} {
		root, agent, others := phoenixActor(a.Code)
		for _, s := range []string{a.Code, root, agent, others} {
			tab()
			b = appendText(b, s)
		}
	}
	tab()
	b = appendText(b, e.EventCode)
	tab()
	b = appendText(b, e.EventRootCode)
	tab()
	if q := phoenixQuad(e.EventRootCode, e.QuadClass); q >= 0 {
		b = strconv.AppendInt(b, int64(q), 10)
	}
	tab()
	b = appendFloat(b, e.GoldsteinScale)
	tab() // issues
	g := &e.ActionGeo
	tab()
	b = appendCoord(b, g.Lat)
	tab()
	b = appendCoord(b, g.Lon)
	tab()
	b = appendText(b, g.FullName)
	tab() // state
	tab()
	b = appendText(b, CountryOfFIPS(g.CountryCode))
	for _, s := range []string{e.ArticleID, e.SourceURL, e.SourceName, e.Source.Name, e.Target.Name} {
		tab()
		b = appendText(b, s)
	}
	tab()
	if e.Sentence != nil {
		b = strconv.AppendInt(b, int64(*e.Sentence), 10)
	}
	tab()
	if e.Negated {
		b = append(b, '1')
	} else {
		b = append(b, '0')
	}
	for _, s := range []string{e.Modality, e.Plover} {
		tab()
		b = appendText(b, s)
	}
	tab()
	b = strconv.AppendFloat(b, e.Confidence, 'f', -1, 64)
	tab()
	b = appendText(b, e.Evidence)
	return append(b, '\n')
}

// phoenixQuad returns Phoenix's class for a CAMEO root and GDELT's class q, or -1 for none.
func phoenixQuad(root string, q int) int {
	switch root {
	case "01", "02":
		return 0
	case "16":
		return 3
	}
	if q == 0 {
		return -1
	}
	return q
}

// ReadPhoenix reads a Phoenix TSV file. When the first line is a header (its first column is id,
// eventid or eid, in any case), columns are found by name, PhoenixColumns' names or those of the
// Phoenix releases; otherwise the columns are PhoenixColumns, the first 26 or all of them. Every
// line must have as many columns as the header. A line that cannot be read yields a *LineError
// and reading goes on; a header without the date, source, target or code column ends reading
// with an error.
func ReadPhoenix(r io.Reader) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		lr := newLineReader(r)
		var cols []string // names of the file's columns
		var idx map[string]int
		for {
			line, err := lr.next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil && !errors.Is(err, errLineTooLong) {
				yield(Event{}, fmt.Errorf("phoenix: line %d: %w", lr.line+1, err))
				return
			}
			if err != nil {
				if !yield(Event{}, &LineError{Format: "phoenix", Line: lr.line, Err: err}) {
					return
				}
				continue
			}
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			f := strings.Split(string(line), "\t")
			if cols == nil {
				h := strings.ToLower(strings.TrimSpace(f[0]))
				if h == "id" || h == "eventid" || h == "eid" {
					cols, idx, err = phoenixHeader(f)
					if err != nil {
						yield(Event{}, &LineError{Format: "phoenix", Line: lr.line, Err: err})
						return
					}
					continue
				}
				switch len(f) {
				case 26, len(PhoenixColumns):
					cols, idx, _ = phoenixHeader(PhoenixColumns[:len(f)])
				default:
					cols, idx, _ = phoenixHeader(PhoenixColumns)
				}
			}
			e, col, err := parsePhoenix(f, cols, idx)
			if err != nil {
				err = &LineError{Format: "phoenix", Line: lr.line, Column: col, Err: err}
			}
			if !yield(e, err) {
				return
			}
		}
	}
}

func phoenixHeader(f []string) ([]string, map[string]int, error) {
	cols := make([]string, len(f))
	idx := map[string]int{}
	for i, name := range f {
		n := strings.ToLower(strings.TrimSpace(name))
		if a, ok := phoenixAliases[n]; ok {
			n = a
		}
		cols[i] = n
		if _, dup := idx[n]; !dup {
			idx[n] = i
		}
	}
	for _, need := range []string{"date", "source", "target", "code"} {
		if _, ok := idx[need]; !ok {
			return nil, nil, fmt.Errorf("header has no %s column", need)
		}
	}
	return cols, idx, nil
}

func parsePhoenix(f, cols []string, idx map[string]int) (Event, string, error) {
	if len(f) != len(cols) {
		return Event{}, "", fmt.Errorf("%d columns, want %d", len(f), len(cols))
	}
	col := ""
	var err error
	get := func(name string) string {
		if i, ok := idx[name]; ok {
			return f[i]
		}
		return ""
	}
	fail := func(name string, e error) {
		if err == nil {
			col, err = name, e
		}
	}
	optFloat := func(name string) *float64 {
		s := get(name)
		if s == "" {
			return nil
		}
		v, e := parseFloat(s)
		if e != nil {
			fail(name, e)
			return nil
		}
		return &v
	}
	var e Event
	if s := get("id"); s != "" {
		v, perr := strconv.ParseUint(s, 10, 64)
		if perr != nil {
			fail("id", fmt.Errorf("invalid unsigned integer %q", s))
		}
		e.GlobalEventID = v
	}
	d, derr := parseYMD(get("date"))
	if derr != nil {
		fail("date", derr)
	}
	e.Day = d
	for _, side := range []struct {
		a    *Actor
		code string
		name string
	}{{&e.Source, get("source"), get("source_name")}, {&e.Target, get("target"), get("target_name")}} {
		*side.a = SplitActorCode(side.code)
		side.a.Name = side.name
	}
	e.EventCode = get("code")
	e.EventRootCode = get("root_code")
	if e.EventRootCode == "" && len(e.EventCode) >= 2 {
		e.EventRootCode = e.EventCode[:2]
	}
	e.EventBaseCode = e.EventCode
	if len(e.EventCode) == 4 {
		e.EventBaseCode = e.EventCode[:3]
	}
	if s := get("quad_class"); s != "" {
		q, qerr := strconv.Atoi(s)
		if qerr != nil || q < 0 || q > 4 {
			fail("quad_class", fmt.Errorf("invalid class %q (want 0-4)", s))
		}
		if c, ok := events.Lookup(e.EventRootCode); ok {
			q = c.QuadClass
		} else if q == 0 {
			q = 1 // Phoenix's neutral class holds CAMEO 01 and 02, GDELT's verbal cooperation
		}
		e.QuadClass = q
	}
	if g := optFloat("goldstein"); g != nil {
		e.GoldsteinScale = *g
	}
	lat, lon := optFloat("lat"), optFloat("lon")
	e.ActionGeo = placeGeo(get("location"), get("country"), lat, lon)
	if loc := get("location"); loc != "" {
		e.ActionGeo.FullName = loc
	}
	e.ArticleID = get("ids")
	e.SourceURL = get("urls")
	e.SourceName = get("sources")
	e.NumArticles = countParts(e.ArticleID)
	e.NumMentions = e.NumArticles
	e.NumSources = countDistinct(e.SourceName)
	if s := get("sentence"); s != "" {
		v, serr := strconv.Atoi(s)
		if serr != nil {
			fail("sentence", fmt.Errorf("invalid integer %q", s))
		}
		e.Sentence = &v
	}
	switch s := get("negated"); s {
	case "", "0", "false":
	case "1", "true":
		e.Negated = true
	default:
		fail("negated", fmt.Errorf("invalid flag %q (want 0 or 1)", s))
	}
	e.Modality = get("modality")
	e.Plover = get("plover")
	if c := optFloat("confidence"); c != nil {
		e.Confidence = *c
	}
	e.Evidence = get("evidence")
	if err != nil {
		return Event{}, col, err
	}
	return e, "", nil
}

func countParts(s string) int {
	n := 0
	for p := range strings.SplitSeq(s, ";") {
		if p != "" {
			n++
		}
	}
	return n
}

func countDistinct(s string) int {
	seen := map[string]bool{}
	for p := range strings.SplitSeq(s, ";") {
		if p != "" {
			seen[p] = true
		}
	}
	return len(seen)
}
