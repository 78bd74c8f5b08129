package main

import (
	"context"
	"encoding/json"
	"flag"
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
	return listCommand(ctx, e, "errors", args, nil, "no errors recorded", "source\tposition\ttime\treason",
		func(ctx context.Context, st store.Store) ([]store.ErrorRecord, error) { return st.Errors(ctx) },
		func(r store.ErrorRecord) string {
			return fmt.Sprintf("%s\t%d\t%s\t%s", r.Source, r.Position, r.Time.UTC().Format(time.DateTime), r.Reason)
		})
}

func runStories(ctx context.Context, e *env, args []string) int {
	var limit *int
	flags := func(fs *flag.FlagSet) { limit = fs.Int("limit", 50, "list at most `N` stories (0: all)") }
	return listCommand(ctx, e, "stories", args, flags, "no stories in the store", "story\tarticles\tsources\tfirst\tlast\ttitle",
		func(ctx context.Context, st store.Store) ([]store.Story, error) { return st.Stories(ctx, *limit) },
		func(s store.Story) string {
			return fmt.Sprintf("%s\t%d\t%d\t%s\t%s\t%s", s.ID, s.Articles, s.Sources, s.FirstDay, s.LastDay, s.Title)
		})
}

// listCommand runs a command that lists rows of the store: as a table with header (a line of
// row each), as JSON Lines with --json, or the line empty when there are none. flags, when set,
// registers the command's own flags.
func listCommand[T any](ctx context.Context, e *env, name string, args []string, flags func(*flag.FlagSet), empty, header string,
	list func(context.Context, store.Store) ([]T, error), row func(T) string) int {
	fs := newFlags(name, commands[name], e.stderr)
	dsn := storeFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON Lines instead of a table")
	if flags != nil {
		flags(fs)
	}
	if ok, code := parse(fs, args); !ok {
		return code
	}
	st, err := store.Open(ctx, *dsn)
	if err != nil {
		return fail(e, exitPartial, "%s: %v", name, err)
	}
	defer st.Close()
	items, err := list(ctx, st)
	if err != nil {
		return fail(e, exitPartial, "%s: %v", name, err)
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		for _, it := range items {
			if err := enc.Encode(it); err != nil {
				return fail(e, exitPartial, "%s: %v", name, err)
			}
		}
		return exitOK
	}
	if len(items) == 0 {
		fmt.Fprintln(e.stdout, empty)
		return exitOK
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, header)
	for _, it := range items {
		fmt.Fprintln(w, row(it))
	}
	if err := w.Flush(); err != nil {
		return fail(e, exitPartial, "%s: %v", name, err)
	}
	return exitOK
}
