package main

import (
	"context"
	"fmt"
	"runtime"
	"syscall"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/pipeline"
	"github.com/dyad-project/dyad/record"
)

func init() {
	commands["bench"] = &command{
		summary: "code articles without writing them and report speed and peak memory",
		usage: `[flags] [FILE|DIR|-]...

Reads articles as "dyad code" does, codes them, and prints articles, sentences, events,
MB/s, sentences/s per core and the process's peak resident memory.

example:
  dyad bench --workers 1 ../shared/data/corpus/bbc`,
		run: runBench,
	}
}

func runBench(ctx context.Context, e *env, args []string) int {
	fs := newFlags("bench", commands["bench"], e.stderr)
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles coded in parallel")
	if ok, code := parse(fs, args); !ok {
		return code
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	// Read everything first, so that the timing is of coding alone.
	var as []*article.Article
	for a, err := range article.Read(ctx, paths, article.Options{Stdin: e.stdin}) {
		if err == nil {
			as = append(as, a)
		}
	}
	var bytes, sentences, evs, failed int
	for _, a := range as {
		bytes += len(a.Text)
	}
	c := pipeline.New(pipeline.Options{})
	start := time.Now()
	src := func(yield func(*article.Article, error) bool) {
		for _, a := range as {
			if !yield(a, nil) {
				return
			}
		}
	}
	err := c.Run(ctx, src, *workers, func(r *record.Article) error {
		sentences += len(r.Sentences)
		evs += len(r.Events)
		return nil
	}, func(error) { failed++ })
	elapsed := time.Since(start).Seconds()
	if err != nil {
		return fail(e, exitPartial, "bench: %v", err)
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Fprintf(e.stdout, "articles=%d failed=%d sentences=%d events=%d MB=%.1f seconds=%.2f workers=%d\n",
		len(as), failed, sentences, evs, float64(bytes)/1e6, elapsed, *workers)
	fmt.Fprintf(e.stdout, "MB/s=%.2f articles/s=%.0f sentences/s=%.0f sentences/s/core=%.0f peak_rss_MB=%.0f\n",
		float64(bytes)/1e6/elapsed, float64(len(as))/elapsed, float64(sentences)/elapsed,
		float64(sentences)/elapsed/float64(min(*workers, runtime.NumCPU())), float64(ru.Maxrss)/1024)
	return exitOK
}
