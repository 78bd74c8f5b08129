// Command kbcheck loads and validates the project's dictionaries on disk — the actor knowledge
// base (data/actors) and the event dictionary (data/events) — and prints their sizes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/events"
)

func main() {
	actorDir := flag.String("actors", "data/actors", "actor knowledge base directory")
	eventDir := flag.String("events", "data/events", "event dictionary directory")
	flag.Parse()
	failed := false
	kb, err := actors.LoadKB(os.DirFS(*actorDir))
	if err == nil {
		fmt.Printf("actors: %d countries, %d organizations, %d role groups, %d people\n",
			len(kb.Countries), len(kb.Organizations), len(kb.Roles), len(kb.People))
		err = kb.Validate()
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "actors:", err)
		failed = true
	}
	d, err := events.LoadDictionary(os.DirFS(*eventDir))
	if err == nil {
		fmt.Printf("events: %d codes with patterns, %d patterns, %d discard groups\n", len(d.Entries), d.Patterns(), len(d.Discards))
		err = d.Validate(events.KnownCode)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "events:", err)
		failed = true
	}
	if failed {
		os.Exit(1)
	}
}
