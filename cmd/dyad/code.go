package main

import (
	"bufio"
	"context"
	"encoding/json"
	"runtime"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/story"
)

func init() {
	commands["code"] = &command{
		summary: "code articles and write one JSON object per article (JSON Lines) on stdout",
		usage: `[flags] [FILE|DIR|-]...

Reads plain-text articles (an optional title line, a blank line, the body), JSON Lines
({"id","url","title","published","source","text"}), directories of them (recursively), or
standard input ("-", the default). Unreadable records are reported on stderr with file, line and
reason; the others are still coded. Exit status: 0 all coded, 1 some failed, 2 usage error.

example:
  dyad code examples/article.txt
  dyad code --date 2017-04-13 undated-article.txt
  cat articles.jsonl | dyad code - > coded.jsonl`,
		run: runCode,
	}
}

func runCode(ctx context.Context, e *env, args []string) int {
	fs := newFlags("code", commands["code"], e.stderr)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	maxBytes := fs.Int64("max-bytes", 32<<20, "largest article accepted, in bytes")
	var dicts dictFlags
	dicts.register(fs)
	date := fs.String("date", "", "date `YYYY-MM-DD` at which to resolve actors' roles in articles that give no publication date")
	stories := fs.Bool("stories", false, "group the articles of the run into stories (articles about the same event), in input order, and give each the id of its story in \"story\"")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	var opt pipeline.Options
	if *date != "" {
		d, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return fail(e, exitUsage, "code: --date: want YYYY-MM-DD, got %q", *date)
		}
		opt.Date = d
	}
	opt, _, err := dicts.options(opt)
	if err != nil {
		return fail(e, exitUsage, "code: %v", err)
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	src := article.Read(ctx, paths, article.Options{MaxBytes: *maxBytes, Stdin: e.stdin})

	out := bufio.NewWriterSize(e.stdout, 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	failed := 0
	var clusterer *story.Clusterer
	if *stories {
		clusterer = story.NewClusterer(story.Options{})
	}
	err = pipeline.New(opt).Run(ctx, src, *workers,
		func(r *record.Article) error {
			if clusterer != nil {
				clusterer.AddRecord(r)
			}
			return enc.Encode(r)
		},
		func(err error) { failed++; fail(e, 0, "%v", err) })
	if ferr := out.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fail(e, exitPartial, "%v", err)
	}
	if failed > 0 {
		return fail(e, exitPartial, "%d article(s) failed", failed)
	}
	return exitOK
}
