package events

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/dyad-project/dyad/internal/yamlfs"
)

// Entry is one CAMEO code's patterns in the verb dictionary.
type Entry struct {
	Code string `yaml:"code"`
	// Reverse is the code of the event the target does to the source at the same time, if any:
	// a visit (042) by X to Y is also Y hosting X (043).
	Reverse string   `yaml:"reverse"`
	Verbs   []string `yaml:"verbs"`
	Nouns   []string `yaml:"nouns"`
	file    string
}

// Discard lists words whose presence marks a sense that is not a political event.
type Discard struct {
	Words  []string `yaml:"words"`
	Reason string   `yaml:"reason"`
}

// Dictionary is the whole event dictionary.
type Dictionary struct {
	Entries  []Entry
	Discards []Discard
}

// LoadDictionary reads verbs/*.yaml and discards.yaml from fsys. Unknown fields are errors.
func LoadDictionary(fsys fs.FS) (*Dictionary, error) {
	d := new(Dictionary)
	files, _ := fs.Glob(fsys, "verbs/*.yaml")
	sort.Strings(files)
	for _, f := range files {
		var es []Entry
		if err := yamlfs.Decode(fsys, f, &es); err != nil {
			return nil, err
		}
		for i := range es {
			es[i].file = f
		}
		d.Entries = append(d.Entries, es...)
	}
	if err := yamlfs.Decode(fsys, "discards.yaml", &d.Discards); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return d, nil
}

var (
	codeRE = regexp.MustCompile(`^[0-2][0-9]{1,3}$`)
	wordRE = regexp.MustCompile(`^([a-z][a-z'.-]*(\|[a-z][a-z'.-]*)*|_|\*)$`)
)

// Validate checks every pattern: a known CAMEO code, well-formed words, at most one target
// mark, no pattern listed twice. known reports whether a code exists; nil accepts any
// well-formed code. It returns all problems found, joined.
func (d *Dictionary) Validate(known func(code string) bool) error {
	var errs []error
	bad := func(e Entry, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: code %s: %s", e.file, e.Code, fmt.Sprintf(format, args...)))
	}
	seen := map[string]string{}
	for _, e := range d.Entries {
		if !codeRE.MatchString(e.Code) || known != nil && !known(e.Code) {
			bad(e, "not a CAMEO event code")
		}
		if e.Reverse != "" && (!codeRE.MatchString(e.Reverse) || known != nil && !known(e.Reverse)) {
			bad(e, "reverse %q is not a CAMEO event code", e.Reverse)
		}
		if len(e.Verbs)+len(e.Nouns) == 0 {
			bad(e, "no patterns")
		}
		for kind, ps := range map[string][]string{"verb": e.Verbs, "noun": e.Nouns} {
			noun := kind == "noun"
			for _, p := range ps {
				before, words := splitBefore(strings.Fields(p))
				if len(words) > 0 && strings.HasPrefix(words[0], "[") {
					bad(e, "%s pattern %q: a [ without its ]", kind, p)
					continue
				}
				for _, w := range before {
					if w == "_" || !wordRE.MatchString(w) {
						bad(e, "%s pattern %q: bad word %q before the verb (lower-case words, a|b or *)", kind, p, w)
					}
				}
				if len(before) > 0 && (before[0] == "*" || noun) {
					bad(e, "%s pattern %q: words before the head must start with a word, and only in verb patterns", kind, p)
				}
				if len(words) == 0 {
					bad(e, "empty %s pattern", kind)
					continue
				}
				targets := 0
				for _, w := range words {
					if !wordRE.MatchString(w) {
						bad(e, "%s pattern %q: bad word %q (lower-case words, a|b, _ or *)", kind, p, w)
					}
					if w == "_" {
						targets++
					}
				}
				if targets > 1 {
					bad(e, "%s pattern %q has %d target marks", kind, p, targets)
				}
				if words[0] == "_" && kind == "verb" && len(words) > 1 {
					targets-- // a leading _ makes the subject the target
				} else if words[0] == "_" || words[0] == "*" || words[len(words)-1] == "*" {
					bad(e, "%s pattern %q starts with a mark or ends with *", kind, p)
				}
				key := kind + ":" + strings.Join(before, " ") + "|" + strings.Join(words, " ")
				if prev, dup := seen[key]; dup {
					bad(e, "%s pattern %q also listed under %s", kind, p, prev)
				}
				seen[key] = e.Code
			}
		}
	}
	for _, dc := range d.Discards {
		if dc.Reason == "" || len(dc.Words) == 0 {
			errs = append(errs, fmt.Errorf("discards.yaml: a discard needs words and a reason"))
		}
	}
	return errors.Join(errs...)
}

// Patterns returns the number of verb and noun patterns.
func (d *Dictionary) Patterns() int {
	n := 0
	for _, e := range d.Entries {
		n += len(e.Verbs) + len(e.Nouns)
	}
	return n
}
