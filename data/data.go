// Package data embeds the project's own dictionaries into the binary.
//
// actors/ holds the actor knowledge base (see actors/README.md for its format); events/ holds the
// event dictionaries (see events/README.md).
package data

import (
	"embed"
	"io/fs"
)

//go:embed actors/*.yaml actors/people/*.yaml events
var files embed.FS

// Events returns the event dictionaries: verbs/*.yaml and discards.yaml.
func Events() fs.FS { return sub("events") }

// Actors returns the actor knowledge base files: countries.yaml, organizations.yaml, roles.yaml
// and people/*.yaml.
func Actors() fs.FS { return sub("actors") }

func sub(dir string) fs.FS {
	s, err := fs.Sub(files, dir)
	if err != nil {
		panic(err) // the embedded tree always has the directory
	}
	return s
}
