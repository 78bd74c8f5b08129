package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/data"
	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/pipeline"
)

// files is a repeatable flag of file paths.
type files []string

func (f *files) String() string     { return strings.Join(*f, ",") }
func (f *files) Set(v string) error { *f = append(*f, v); return nil }

// dictFlags name users' own PETRARCH/TABARI dictionaries. With replace false they are added to
// dyad's embedded dictionaries; with replace true (PETRARCH compatibility) they stand instead of
// them: actors replace dyad's actors, agents its role words, verbs its event patterns.
type dictFlags struct {
	actors, agents, verbs files
	replace               bool
}

func (d *dictFlags) register(fs *flag.FlagSet) {
	how := "add to"
	if d.replace {
		how = "use instead of"
	}
	fs.Var(&d.actors, "actors", "PETRARCH/TABARI actor dictionary `FILE` to "+how+" dyad's actors (repeatable)")
	fs.Var(&d.agents, "agents", "PETRARCH/TABARI agent dictionary `FILE` to "+how+" dyad's role words (repeatable)")
	fs.Var(&d.verbs, "verbs", "PETRARCH verb dictionary `FILE` to code events with instead of dyad's patterns (repeatable)")
}

// options loads the dictionaries into coder options, with a note on what the conversion of verb
// dictionaries left out.
func (d *dictFlags) options(opt pipeline.Options) (pipeline.Options, string, error) {
	if len(d.actors)+len(d.agents) > 0 {
		embedded, err := actors.LoadKB(data.Actors())
		if err != nil {
			return opt, "", err
		}
		kb := embedded
		if d.replace && len(d.actors) > 0 {
			kb = &actors.KB{Roles: embedded.Roles}
		}
		if d.replace && len(d.agents) > 0 {
			kb.Roles = nil
		}
		for _, name := range d.actors {
			o, err := readDict(name, actors.ReadPetrarchActors)
			if err != nil {
				return opt, "", err
			}
			kb.Merge(o)
		}
		for _, name := range d.agents {
			roles, err := readDict(name, actors.ReadPetrarchAgents)
			if err != nil {
				return opt, "", err
			}
			kb.Merge(&actors.KB{Roles: roles})
		}
		opt.Actors = actors.NewIndex(kb)
	}
	var notes []string
	if len(d.verbs) > 0 {
		dict := new(events.Dictionary)
		for _, name := range d.verbs {
			f, err := os.Open(name)
			if err != nil {
				return opt, "", err
			}
			v, st, err := events.ConvertPetrarchVerbs(f, filepath.Base(name))
			f.Close()
			if err != nil {
				return opt, "", err
			}
			dict.Entries = append(dict.Entries, v.Entries...)
			notes = append(notes, "verbs "+filepath.Base(name)+": "+st.String())
		}
		opt.Events = events.NewCoder(dict)
	}
	return opt, strings.Join(notes, "\n"), nil
}

// readDict opens path and reads it with read, which names it by its base name in errors.
func readDict[T any](path string, read func(io.Reader, string) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return read(f, filepath.Base(path))
}
