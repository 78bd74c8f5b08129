package main

import (
	"context"
	"encoding/json"
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/dyad-project/dyad/store"
)

func init() {
	commands["errors"] = &command{
		summary: "list the input records that could not be read or coded, from the store",
		usage: `[flags]

Lists the records that "dyad ingest" could not read, fetch or code, with their source (a file,
a URL or "-" for standard input), their position in it (the line of a JSON Lines record, the
record of a WARC file; 0 for a whole file) and the reason, by source then position. A record
that failed again in a later ingest is listed once, with the time of its last failure.

example:
  dyad errors
  dyad errors --store postgres://localhost/news --json`,
		run: runErrors,
	}
	commands["stories"] = &command{
		summary: "list the stories in the store: articles about the same real-world event",
		usage: `[flags]

Lists the stories that "dyad ingest" grouped the stored articles in, most articles first: each
story's id (the id of its first article), its number of articles and of distinct sources, the
days of its first and last articles, and the title of its first article.

example:
  dyad stories --limit 20
  dyad stories --json`,
		run: runStories,
	}
}

func runErrors(ctx context.Context, e *env, args []string) int {
	fs := newFlags("errors", commands["errors"], e.stderr)
	dsn := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON Lines instead of a table")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return fail(e, exitPartial, "errors: %v", err)
	}
	defer st.Close()
	errs, err := st.Errors(ctx)
	if err != nil {
		return fail(e, exitPartial, "errors: %v", err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		for _, r := range errs {
			if err := enc.Encode(r); err != nil {
				return fail(e, exitPartial, "errors: %v", err)
			}
		}
		return exitOK
	}
	if len(errs) == 0 {
		fmt.Fprintln(e.stdout, "no errors recorded")
		return exitOK
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "source\tposition\ttime\treason")
	for _, r := range errs {
		fmt.Fprintf(w, "%s\t%d\t%s\t%s\n", r.Source, r.Position, r.Time.UTC().Format(time.DateTime), r.Reason)
	}
	if err := w.Flush(); err != nil {
		return fail(e, exitPartial, "errors: %v", err)
	}
	return exitOK
}

func runStories(ctx context.Context, e *env, args []string) int {
	fs := newFlags("stories", commands["stories"], e.stderr)
	dsn := storeFlag(fs)
	limit := fs.Int("limit", 50, "list at most `N` stories (0: all)")
	asJSON := fs.Bool("json", false, "print JSON Lines instead of a table")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return fail(e, exitPartial, "stories: %v", err)
	}
	defer st.Close()
	stories, err := st.Stories(ctx, *limit)
	if err != nil {
		return fail(e, exitPartial, "stories: %v", err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		for _, s := range stories {
			if err := enc.Encode(s); err != nil {
				return fail(e, exitPartial, "stories: %v", err)
			}
		}
		return exitOK
	}
	if len(stories) == 0 {
		fmt.Fprintln(e.stdout, "no stories in the store")
		return exitOK
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "story\tarticles\tsources\tfirst\tlast\ttitle")
	for _, s := range stories {
		fmt.Fprintf(w, "%s\t%d\t%d\t%s\t%s\t%s\n", s.ID, s.Articles, s.Sources, s.FirstDay, s.LastDay, s.Title)
	}
	if err := w.Flush(); err != nil {
		return fail(e, exitPartial, "stories: %v", err)
	}
	return exitOK
}
