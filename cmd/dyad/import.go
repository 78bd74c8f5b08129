package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/dyad-project/dyad/exchange"
	"github.com/dyad-project/dyad/store"
)

func init() {
	commands["import"] = &command{
		summary: "load GDELT 1.0/2.0 event files (or Phoenix, Parquet, JSON Lines rows) into the store",
		usage: `[flags] FILE...

Writes every event row of the files into the store (./dyad.db unless --store names another, or
postgres://… for PostgreSQL) as a pseudo-article without text whose id is the format and the
row's GLOBALEVENTID ("gdelt2:410412347"), so that dyad's merged events and relations index
("dyad relations") cover GDELT's events. Files may be plain, .gz, or .zip as GDELT ships them
(every member is read); "-" is standard input. The format is --format, else told from the file
name (NNNNNNNNNNNNNN.export.CSV is GDELT 2.0, NNNNNNNN.export.CSV GDELT 1.0, .jsonl, .parquet,
.phoenix.tsv), else from the first line's number of columns (61 GDELT 2.0, 57 or 58 GDELT 1.0).
Importing a file again replaces its rows: counts do not change. Rows that cannot be read or
have no CAMEO event code are reported on stderr, recorded in the store's errors table with their
line, and skipped. A summary line follows on stderr.
Exit status: 0 all imported, 1 some rows failed or interrupted, 2 usage error.

example:
  dyad import 20160728.export.CSV.zip 20170412101500.export.CSV.zip
  dyad import --store postgres://dyad@localhost/gdelt --format gdelt2 events.tsv.gz`,
		run: runImport,
	}
}

// maxShownErrors is the number of bad rows reported on stderr; the rest are only recorded.
const maxShownErrors = 20

func runImport(ctx context.Context, e *env, args []string) int {
	fs := newFlags("import", commands["import"], e.stderr)
	dsn := storeFlag(fs)
	format := fs.String("format", "", "gdelt2, gdelt1, phoenix, parquet or jsonl (default: from the file's name, else its first line)")
	batch := fs.Int("batch", exchange.DefaultImportBatch, "rows written per transaction")
	paths, ok, code := parseArgs(fs, args)
	if !ok {
		return code
	}
	if len(paths) == 0 {
		fs.Usage()
		return exitUsage
	}
	var f exchange.Format
	if *format != "" {
		var err error
		if f, err = exchange.ParseFormat(*format); err != nil {
			return fail(e, exitUsage, "import: %v", err)
		}
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return fail(e, exitPartial, "import: %v", err)
	}
	defer st.Close()

	shown := 0
	opt := exchange.ImportOptions{BatchSize: *batch, OnError: func(r store.ErrorRecord) {
		switch shown++; {
		case shown <= maxShownErrors && r.Position > 0:
			fmt.Fprintf(e.stderr, "dyad: %s:%d: %s\n", r.Source, r.Position, r.Reason)
		case shown <= maxShownErrors:
			fmt.Fprintf(e.stderr, "dyad: %s: %s\n", r.Source, r.Reason)
		case shown == maxShownErrors+1:
			fmt.Fprintln(e.stderr, "dyad: import: more bad rows are recorded in the store's errors table")
		}
	}}
	start := time.Now()
	var total exchange.ImportStats
	for _, path := range paths {
		var s exchange.ImportStats
		if path == "-" {
			o := opt
			o.Source = "-"
			s, err = exchange.ImportReader(ctx, st, e.stdin, f, o)
		} else {
			s, err = exchange.ImportFile(ctx, st, path, f, opt)
		}
		total.Add(s)
		if err != nil {
			break
		}
	}
	sec := time.Since(start).Seconds()
	slog.New(slog.NewTextHandler(e.stderr, nil)).Info("import done", "imported", total.Imported, "failed", total.Failed,
		"batches", total.Batches, "seconds", math.Round(sec*100)/100, "rows_per_s", math.Round(float64(total.Imported)/sec))
	switch {
	case errors.Is(err, context.Canceled):
		return fail(e, exitPartial, "import: interrupted after %d row(s) imported; importing again is safe", total.Imported)
	case err != nil:
		return fail(e, exitPartial, "import: %v", err)
	case total.Failed > 0:
		return fail(e, exitPartial, "import: %d row(s) or file(s) failed; they are recorded in the store's errors table", total.Failed)
	}
	return exitOK
}
