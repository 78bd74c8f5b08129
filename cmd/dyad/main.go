// Command dyad turns news articles into auditable event data.
//
//	dyad code [FILE|DIR|-]...      code articles, one JSON object per article on stdout
//	dyad eval nlp --gold FILE      score segmentation and tagging against a gold set
//
// Run "dyad help COMMAND" for a command's flags and an example.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
)

// Exit codes.
const (
	exitOK      = 0 // everything succeeded
	exitPartial = 1 // some records failed; the rest was processed
	exitUsage   = 2 // bad command line
)

// command is one subcommand of dyad.
type command struct {
	summary string
	usage   string // arguments, then a blank line and an example
	run     func(ctx context.Context, env *env, args []string) int
}

// env is what a command reads and writes, so tests can run commands in-process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

var commands = map[string]*command{}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, &env{os.Stdin, os.Stdout, os.Stderr}, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		usage(e.stderr)
		return exitUsage
	}
	name, args := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) == 1 {
			if c, ok := commands[args[0]]; ok {
				fmt.Fprintf(e.stdout, "usage: dyad %s %s\n\n%s\n", args[0], c.usage, c.summary)
				newFlags(args[0], c, e.stdout).PrintDefaults()
				return exitOK
			}
		}
		usage(e.stdout)
		return exitOK
	case "version", "-version", "--version":
		fmt.Fprintln(e.stdout, "dyad", version())
		return exitOK
	}
	c, ok := commands[name]
	if !ok {
		fmt.Fprintf(e.stderr, "dyad: unknown command %q\n", name)
		usage(e.stderr)
		return exitUsage
	}
	return c.run(ctx, e, args)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad turns news articles into auditable event data.\n\nUsage: dyad COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "  version    print the version\n\nRun \"dyad help COMMAND\" for a command's flags and an example.")
}

// newFlags returns a flag set whose usage message shows the command's usage and example.
func newFlags(name string, c *command, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("dyad "+name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "usage: dyad %s %s\n\n%s\n\nflags:\n", name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args into fs, writing usage errors to e.stderr. It reports whether the command
// should go on, and if not the exit code.
func parse(fs *flag.FlagSet, args []string) (bool, int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return false, exitOK
		}
		return false, exitUsage
	}
	return true, exitOK
}

// fail prints an error line for the command and returns code.
func fail(e *env, code int, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "dyad: "+format+"\n", args...)
	return code
}
