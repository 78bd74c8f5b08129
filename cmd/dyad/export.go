package main

import (
	"bufio"
	"context"
	"os"
	"strings"
	"time"

	"github.com/dyad-project/dyad/exchange"
	"github.com/dyad-project/dyad/store"
)

func init() {
	commands["export"] = &command{
		summary: "write the store's merged events as GDELT 2.0 TSV, Phoenix TSV, Parquet or JSON Lines",
		usage: `[flags]

Writes the events merged across the stored articles, one row per merged event with its mention,
source and article counts, to --out (default stdout). GDELT 2.0 rows have GDELT's 61 columns.

example:
  dyad export --format gdelt2 --out events.tsv
  dyad export --format parquet --source USA --target RUS --from 2017-01-01 --out usa-rus.parquet`,
		run: runExport,
	}
}

func runExport(ctx context.Context, e *env, args []string) int {
	fs := newFlags("export", commands["export"], e.stderr)
	dsn := storeFlag(fs)
	format := fs.String("format", "jsonl", "gdelt2, phoenix, parquet or jsonl")
	out := fs.String("out", "", "output `FILE` (default: standard output)")
	source := fs.String("source", "", "only events whose source code starts with `CODE`")
	target := fs.String("target", "", "only events whose target code starts with `CODE`")
	from := fs.String("from", "", "first event day `YYYY-MM-DD`")
	to := fs.String("to", "", "last event day `YYYY-MM-DD`")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	f, err := exchange.ParseFormat(*format)
	if err != nil {
		return fail(e, exitUsage, "export: %v", err)
	}
	q := store.EventQuery{Source: strings.ToUpper(*source), Target: strings.ToUpper(*target)}
	for _, d := range []struct {
		flag string
		into *time.Time
	}{{*from, &q.From}, {*to, &q.To}} {
		if d.flag == "" {
			continue
		}
		if *d.into, err = time.Parse("2006-01-02", d.flag); err != nil {
			return fail(e, exitUsage, "export: want a day YYYY-MM-DD, got %q", d.flag)
		}
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return fail(e, exitPartial, "export: %v", err)
	}
	defer st.Close()
	events, err := st.MergedEvents(ctx, q)
	if err != nil {
		return fail(e, exitPartial, "export: %v", err)
	}
	w := e.stdout
	if *out != "" {
		file, err := os.Create(*out)
		if err != nil {
			return fail(e, exitPartial, "export: %v", err)
		}
		defer file.Close()
		w = file
	}
	bw := bufio.NewWriter(w)
	rows := func(yield func(exchange.Event) bool) {
		for _, m := range events {
			if !yield(exchange.FromMerged(m)) {
				return
			}
		}
	}
	if err := exchange.Write(bw, f, rows); err != nil {
		return fail(e, exitPartial, "export: %v", err)
	}
	if err := bw.Flush(); err != nil {
		return fail(e, exitPartial, "export: %v", err)
	}
	return exitOK
}
