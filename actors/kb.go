// Package actors holds dyad's actor knowledge base (countries, organisations, role words and people
// with date-bounded roles) and finds and resolves actors in a document.
package actors

import (
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/internal/yamlfs"
	"github.com/dyad-project/dyad/nlp/ner"
	"go.yaml.in/yaml/v3"
)

// Country is a country or territory of the knowledge base.
type Country struct {
	Code     string    `yaml:"code"`
	ISO2     string    `yaml:"iso2"`
	Name     string    `yaml:"name"`
	Aliases  []string  `yaml:"aliases"`
	Demonyms []string  `yaml:"demonyms"`
	Capital  string    `yaml:"capital"`
	Metonyms []Metonym `yaml:"metonyms"`
}

// Metonym is a place or institution that stands for a state or one of its branches
// ("the Kremlin" for the Russian government).
type Metonym struct {
	Text string `yaml:"text"`
	Code string `yaml:"code"`
}

// Organization is an international, regional or non-state organisation.
type Organization struct {
	Code    string   `yaml:"code"`
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Type    string   `yaml:"type"`
	Country string   `yaml:"country"`
}

// RoleWords maps role words ("foreign minister", "troops") to a CAMEO sector code.
type RoleWords struct {
	Code  string   `yaml:"code"`
	Words []string `yaml:"words"`
}

// Place is a sea, strait or region: a place that is not a state. Code is the CAMEO region code
// when CAMEO codes the region as an actor ("MEA" for the Middle East), else empty.
type Place struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Code    string   `yaml:"code"`
	// Country is the country the place is in (cities.yaml), or "" for a place of several
	// countries or none (a sea, a region).
	Country string `yaml:"country"`
}

// Person is a named person with the roles they held.
type Person struct {
	Name    string   `yaml:"name"`
	Aliases []string `yaml:"aliases"`
	Country string   `yaml:"country"`
	Roles   []Role   `yaml:"roles"`
}

// Role is an office held between two dates.
type Role struct {
	Title string `yaml:"title"`
	Code  string `yaml:"code"`
	From  Date   `yaml:"from"`
	To    Date   `yaml:"to"`
}

// Date is a day, month or year as written in the knowledge base. A month or year stands for its
// first day when it starts a period and its last day when it ends one.
type Date struct {
	Year, Month, Day int
}

// IsZero reports whether d was not given.
func (d Date) IsZero() bool { return d.Year == 0 }

// First returns the first day d covers.
func (d Date) First() time.Time {
	m, day := d.Month, d.Day
	if m == 0 {
		m = 1
	}
	if day == 0 {
		day = 1
	}
	return time.Date(d.Year, time.Month(m), day, 0, 0, 0, 0, time.UTC)
}

// Last returns the last day d covers.
func (d Date) Last() time.Time {
	switch {
	case d.Month == 0:
		return time.Date(d.Year, 12, 31, 0, 0, 0, 0, time.UTC)
	case d.Day == 0:
		return time.Date(d.Year, time.Month(d.Month)+1, 0, 0, 0, 0, 0, time.UTC)
	}
	return d.First()
}

func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// UnmarshalYAML reads YYYY, YYYY-MM or YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	p, err := ParseDate(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = p
	return nil
}

// ParseDate parses YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	var d Date
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		d.Year = t.Year()
		if len(layout) >= 7 {
			d.Month = int(t.Month())
		}
		if len(layout) == 10 {
			d.Day = t.Day()
		}
		return d, nil
	}
	return d, fmt.Errorf("bad date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// KB is the whole knowledge base.
type KB struct {
	Countries     []Country
	Organizations []Organization
	Roles         []RoleWords
	Places        []Place
	People        []Person
}

// LoadKB reads a knowledge base laid out as in data/actors: countries.yaml, organizations.yaml,
// roles.yaml, places.yaml, cities.yaml (places with their country) and people/*.yaml, each optional. Unknown fields are errors. Files are decoded in
// parallel; the result does not depend on their order of completion.
func LoadKB(fsys fs.FS) (*KB, error) {
	kb := new(KB)
	var cities []Place
	people, _ := fs.Glob(fsys, "people/*.yaml")
	sort.Strings(people)
	peopleParts := make([][]Person, len(people))
	type job struct {
		name     string
		v        any
		optional bool
	}
	jobs := []job{
		{"countries.yaml", &kb.Countries, true},
		{"organizations.yaml", &kb.Organizations, true},
		{"roles.yaml", &kb.Roles, true},
		{"places.yaml", &kb.Places, true},
		{"cities.yaml", &cities, true},
	}
	for i, name := range people {
		jobs = append(jobs, job{name, &peopleParts[i], false})
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := yamlfs.Decode(fsys, j.name, j.v)
			if err != nil && !(j.optional && errors.Is(err, fs.ErrNotExist)) {
				errs[i] = err
			}
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	kb.Places = append(kb.Places, cities...)
	for _, ps := range peopleParts {
		kb.People = append(kb.People, ps...)
	}
	return kb, nil
}

var codeRE = regexp.MustCompile(`^([A-Z]{3})+$`)

// Validate checks every entry: required fields, well-formed codes, known country codes, ordered
// dates, and names that do not clash. It returns all problems found, joined.
func (kb *KB) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	countries := map[string]bool{}
	for _, c := range kb.Countries {
		if !codeRE.MatchString(c.Code) || len(c.Code) != 3 {
			bad("country %q: code %q is not three capital letters", c.Name, c.Code)
		}
		if countries[c.Code] {
			bad("country %q: code %s appears twice", c.Name, c.Code)
		}
		countries[c.Code] = true
		if c.Name == "" {
			bad("country %s: no name", c.Code)
		}
		for _, m := range c.Metonyms {
			if !codeRE.MatchString(m.Code) || m.Text == "" {
				bad("country %s: metonym %q has bad code %q", c.Code, m.Text, m.Code)
			}
		}
	}
	orgs := map[string]bool{}
	for _, o := range kb.Organizations {
		if !codeRE.MatchString(o.Code) {
			bad("organization %q: bad code %q", o.Name, o.Code)
		}
		if o.Name == "" {
			bad("organization %s: no name", o.Code)
		}
		if orgs[o.Name] {
			bad("organization %q appears twice", o.Name)
		}
		orgs[o.Name] = true
		if o.Country != "" && len(countries) > 0 && !countries[o.Country] {
			bad("organization %q: unknown country %q", o.Name, o.Country)
		}
	}
	for _, p := range kb.Places {
		if p.Name == "" || p.Code != "" && (!codeRE.MatchString(p.Code) || len(p.Code) != 3) {
			bad("place %q: no name or bad region code %q", p.Name, p.Code)
		}
		if p.Country != "" && len(countries) > 0 && !countries[p.Country] {
			bad("place %q: unknown country %q", p.Name, p.Country)
		}
	}
	for _, r := range kb.Roles {
		if !codeRE.MatchString(r.Code) || len(r.Code) != 3 {
			bad("role words: bad sector code %q", r.Code)
		}
		for _, w := range r.Words {
			if w != strings.ToLower(w) {
				bad("role word %q is not lower case", w)
			}
		}
	}
	people := map[string]bool{}
	for _, p := range kb.People {
		if p.Name == "" {
			bad("person with no name (aliases %v)", p.Aliases)
			continue
		}
		key := p.Name + "|" + p.Country
		if people[key] {
			bad("person %q (%s) appears twice", p.Name, p.Country)
		}
		people[key] = true
		if len(countries) > 0 && !countries[p.Country] && !codeRE.MatchString(p.Country) {
			bad("person %q: bad country %q", p.Name, p.Country)
		}
		if len(p.Roles) == 0 {
			bad("person %q: no roles", p.Name)
		}
		for _, r := range p.Roles {
			if !codeRE.MatchString(r.Code) {
				bad("person %q: role %q has bad code %q", p.Name, r.Title, r.Code)
			}
			if !r.From.IsZero() && !r.To.IsZero() && r.To.Last().Before(r.From.First()) {
				bad("person %q: role %q ends (%s) before it starts (%s)", p.Name, r.Title, r.To, r.From)
			}
		}
	}
	return errors.Join(errs...)
}

// Names returns the knowledge base's names by entity type, for the named-entity tagger's
// gazetteer: countries, their other names and capitals as places, demonyms as MISC,
// organisations, and people by their names and aliases.
func (kb *KB) Names() ner.Names {
	var n ner.Names
	for _, c := range kb.Countries {
		n.LOC = append(n.LOC, c.Name, c.Capital)
		n.LOC = append(n.LOC, c.Aliases...)
		n.MISC = append(n.MISC, c.Demonyms...)
	}
	for _, o := range kb.Organizations {
		n.ORG = append(append(n.ORG, o.Name), o.Aliases...)
	}
	for _, p := range kb.People {
		n.PER = append(append(n.PER, p.Name), p.Aliases...)
	}
	return n
}
