package store

import (
	"fmt"
	"strings"
	"time"
)

// RelationsQuery selects the events between two actors for the relations index.
type RelationsQuery struct {
	// A and B are actor code prefixes: "USA" matches USA, USAGOV, USAMIL…; "" matches any actor.
	A, B string
	// Directed counts only events with A as source and B as target; otherwise events in both
	// directions are counted.
	Directed bool
	// From and To bound the event days, inclusive; zero means unbounded.
	From, To time.Time
	// By is the period: "day" (the default when empty), "week" (ISO weeks, from Monday) or
	// "month".
	By string
	// By default only asserted, not negated mentions count: IncludeNegated counts negated ones
	// too, IncludeHypothetical those whose modality is not "asserted" (possible, planned,
	// threatened, conditional, question).
	IncludeNegated, IncludeHypothetical bool
}

// RelationsRow is the relations index of a pair of actors over one period. Events are merged
// events (see [MergedEvent]) with at least one mention that counts; undated events are left out.
type RelationsRow struct {
	Period        string   `json:"period"` // the first day of the period, YYYY-MM-DD
	Events        int      `json:"events"`
	Mentions      int      `json:"mentions"` // the mentions that count of those events
	Quad          [4]int   `json:"quad"`     // events by QuadClass: Quad[0] verbal cooperation … Quad[3] material conflict
	GoldsteinSum  float64  `json:"goldstein_sum"`
	GoldsteinMean float64  `json:"goldstein_mean"` // 0 when the period has no events
	ToneMean      *float64 `json:"tone_mean"`      // mean tone of the mentions' articles; null when none has a tone
}

// dayAgg is what a backend returns for the relations index: the events of one day and
// QuadClass.
type dayAgg struct {
	day       string
	quad      int
	events    int
	goldstein float64
	mentions  int
	toneSum   float64
	toneN     int
}

// checkRelations validates q and returns its period, defaulted.
func checkRelations(q RelationsQuery) (string, error) {
	switch q.By {
	case "":
		return "day", nil
	case "day", "week", "month":
		return q.By, nil
	}
	return "", fmt.Errorf("store: relations by %q: want day, week or month", q.By)
}

// periodStart returns the first day of the period of by that holds t.
func periodStart(t time.Time, by string) time.Time {
	switch by {
	case "week":
		return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
	case "month":
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func nextPeriod(t time.Time, by string) time.Time {
	switch by {
	case "week":
		return t.AddDate(0, 0, 7)
	case "month":
		return t.AddDate(0, 1, 0)
	}
	return t.AddDate(0, 0, 1)
}

// bucket folds day aggregates, sorted by day, into rows per period, filling the periods between
// the first and the last with empty rows.
func bucket(days []dayAgg, by string) []RelationsRow {
	var rows []RelationsRow
	var toneSum []float64
	var toneN []int
	var cur time.Time
	for _, d := range days {
		t, err := time.Parse(time.DateOnly, d.day)
		if err != nil {
			continue
		}
		p := periodStart(t, by)
		if len(rows) == 0 || p.After(cur) {
			if len(rows) > 0 {
				for q := nextPeriod(cur, by); q.Before(p); q = nextPeriod(q, by) {
					rows = append(rows, RelationsRow{Period: q.Format(time.DateOnly)})
					toneSum, toneN = append(toneSum, 0), append(toneN, 0)
				}
			}
			cur = p
			rows = append(rows, RelationsRow{Period: p.Format(time.DateOnly)})
			toneSum, toneN = append(toneSum, 0), append(toneN, 0)
		}
		i := len(rows) - 1
		r := &rows[i]
		r.Events += d.events
		r.Mentions += d.mentions
		if d.quad >= 1 && d.quad <= 4 {
			r.Quad[d.quad-1] += d.events
		}
		r.GoldsteinSum += d.goldstein
		toneSum[i] += d.toneSum
		toneN[i] += d.toneN
	}
	for i := range rows {
		r := &rows[i]
		if r.Events > 0 {
			r.GoldsteinMean = r.GoldsteinSum / float64(r.Events)
		}
		if toneN[i] > 0 {
			m := toneSum[i] / float64(toneN[i])
			r.ToneMean = &m
		}
	}
	return rows
}

// codePrefix checks and normalises an actor or event code prefix: CAMEO codes are upper-case
// letters and digits.
func codePrefix(p string) (string, error) {
	p = strings.ToUpper(p)
	for i := 0; i < len(p); i++ {
		if c := p[i]; !('A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return "", fmt.Errorf("store: code prefix %q: want letters and digits", p)
		}
	}
	return p, nil
}

// prefixEnd returns the least string greater than every string with prefix p, a non-empty
// checked code prefix: the strings that start with p are those in [p, prefixEnd(p)).
func prefixEnd(p string) string {
	b := []byte(p)
	b[len(b)-1]++
	return string(b)
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}
