package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dyad-project/dyad/store"
)

func init() {
	commands["relations"] = &command{
		summary: "print the relations index of two actors over time, from the store",
		usage: `[flags] ACTOR [ACTOR]

Counts the events between two actors in the store, per day, week or month: merged events (the
mentions of the same source, target, CAMEO code, day and place across articles count once) by
QuadClass (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict), their mentions, the sum and mean of their Goldstein scores, and the mean tone of the
articles. An actor is a CAMEO code prefix: USA counts USA, USAGOV, USAMIL…; with one actor, its
events with anyone count. Both directions count unless --directed. Negated events and those
not asserted (possible, planned, threatened…) are left out unless --negated, --hypothetical.

example:
  dyad relations USA RUS --from 2017-01-01 --by week
  dyad relations --store postgres://localhost/news --json USAGOV RUSGOV`,
		run: runRelations,
	}
}

func runRelations(ctx context.Context, e *env, args []string) int {
	fs := newFlags("relations", commands["relations"], e.stderr)
	dsn := storeFlag(fs)
	from := fs.String("from", "", "first day `YYYY-MM-DD` (default: the first with events)")
	to := fs.String("to", "", "last day `YYYY-MM-DD` (default: the last with events)")
	by := fs.String("by", "month", "period: day, week (from Monday) or month")
	directed := fs.Bool("directed", false, "count only events from the first actor to the second")
	negated := fs.Bool("negated", false, "count negated events too")
	hypothetical := fs.Bool("hypothetical", false, "count events that are not asserted too (possible, planned, threatened…)")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	actors, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(actors) < 1 || len(actors) > 2 {
		fs.Usage()
		return exitUsage
	}
	switch *by {
	case "day", "week", "month":
	default:
		return fail(e, exitUsage, "relations: --by: want day, week or month, got %q", *by)
	}
	for _, a := range actors {
		if a == "" || strings.IndexFunc(a, func(r rune) bool { return !('A' <= r && r <= 'Z' || 'a' <= r && r <= 'z' || '0' <= r && r <= '9') }) >= 0 {
			return fail(e, exitUsage, "relations: actor %q: want a CAMEO code or its start, such as USA or RUSGOV", a)
		}
	}
	q := store.RelationsQuery{A: strings.ToUpper(actors[0]), By: *by, Directed: *directed,
		IncludeNegated: *negated, IncludeHypothetical: *hypothetical}
	if len(actors) == 2 {
		q.B = strings.ToUpper(actors[1])
	}
	for _, d := range []struct {
		flag, val string
		t         *time.Time
	}{{"from", *from, &q.From}, {"to", *to, &q.To}} {
		if d.val == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.val)
		if err != nil {
			return fail(e, exitUsage, "relations: --%s: want YYYY-MM-DD, got %q", d.flag, d.val)
		}
		*d.t = t
	}
	if !strings.HasPrefix(*dsn, "postgres://") && !strings.HasPrefix(*dsn, "postgresql://") && !strings.HasPrefix(*dsn, "file:") {
		if _, err := os.Stat(*dsn); err != nil {
			return fail(e, exitPartial, "relations: no store at %s (dyad ingest makes one; --store names another)", *dsn)
		}
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return fail(e, exitPartial, "relations: %v", err)
	}
	defer st.Close()
	rows, err := st.Relations(ctx, q)
	if err != nil {
		return fail(e, exitPartial, "relations: %v", err)
	}
	if rows == nil {
		rows = []store.RelationsRow{}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(struct {
			Query relationsQueryJSON   `json:"query"`
			Rows  []store.RelationsRow `json:"rows"`
		}{queryJSON(q), rows})
	} else {
		err = printRelations(e, q, rows)
	}
	if err != nil {
		return fail(e, exitPartial, "relations: %v", err)
	}
	return exitOK
}

// relationsQueryJSON is the query, as the JSON output repeats it.
type relationsQueryJSON struct {
	A                   string `json:"a"`
	B                   string `json:"b"`
	Directed            bool   `json:"directed"`
	From                string `json:"from,omitempty"`
	To                  string `json:"to,omitempty"`
	By                  string `json:"by"`
	IncludeNegated      bool   `json:"include_negated"`
	IncludeHypothetical bool   `json:"include_hypothetical"`
}

func queryJSON(q store.RelationsQuery) relationsQueryJSON {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	return relationsQueryJSON{A: q.A, B: q.B, Directed: q.Directed, From: date(q.From), To: date(q.To), By: q.By,
		IncludeNegated: q.IncludeNegated, IncludeHypothetical: q.IncludeHypothetical}
}

func printRelations(e *env, q store.RelationsQuery, rows []store.RelationsRow) error {
	b := q.B
	if b == "" {
		b = "anyone"
	}
	arrow := "↔"
	if q.Directed {
		arrow = "→"
	}
	if len(rows) == 0 {
		_, err := fmt.Fprintf(e.stdout, "no events %s %s %s in the store\n", q.A, arrow, b)
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s %s, by %s\n\n", q.A, arrow, b, q.By)
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "period\tevents\tmentions\tverbal coop\tmaterial coop\tverbal conflict\tmaterial conflict\tgoldstein\tmean\ttone\t")
	for _, r := range rows {
		tone := "-"
		if r.ToneMean != nil {
			tone = fmt.Sprintf("%.2f", *r.ToneMean)
		}
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.2f\t%s\t\n", r.Period, r.Events, r.Mentions,
			r.Quad[0], r.Quad[1], r.Quad[2], r.Quad[3], r.GoldsteinSum, r.GoldsteinMean, tone)
	}
	return w.Flush()
}
