package events

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/dyad-project/dyad/data"
)

// Code is one CAMEO event code with its weights and its PLOVER equivalents, as listed in
// data/events/cameo.tsv (docs/ontology.md describes the columns and their sources).
type Code struct {
	Code string // the CAMEO code: a two-digit root ("19"), or a 3- or 4-digit code ("190", "0211")
	Name string // a short English name
	Root string // the two-digit root ("cue category") the code belongs to, "01" to "20"

	Goldstein float64 // Goldstein conflict–cooperation weight, -10 to +10, as in GDELT's table
	QuadClass int     // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict

	Plover        string // PLOVER 2021 event type ("ASSAULT"); "" for CAMEO 01 and 02, which PLOVER drops
	PloverMode    string // PLOVER 2021 mode where the 2021 mapping gives one ("firearms"), else ""
	PloverContext string // PLOVER 2021 context(s) where the mapping gives them, ';'-separated ("military;legal")
	Plover05      string // PLOVER 0.5 category, the names used by the PLOVER gold records ("FIGHT")
}

// The columns of cameo.tsv, in order.
var cameoColumns = []string{"code", "name", "goldstein", "quad_class", "plover", "plover_mode", "plover_context", "plover05"}

type cameoTable struct {
	codes  []Code // in code order
	byCode map[string]int
}

// cameo parses the embedded table once. The table is part of the binary, so a malformed table
// is a programming error: it panics, and the tests in this package catch it.
var cameo = sync.OnceValue(func() *cameoTable {
	b, err := fs.ReadFile(data.Events(), "cameo.tsv")
	if err != nil {
		panic(fmt.Sprintf("events: reading the CAMEO table: %v", err))
	}
	codes, err := parseCodes(b)
	if err != nil {
		panic(fmt.Sprintf("events: cameo.tsv: %v", err))
	}
	t := &cameoTable{codes: codes, byCode: make(map[string]int, len(codes))}
	for i, c := range codes {
		t.byCode[c.Code] = i
	}
	return t
})

// parseCodes reads the tab-separated table: '#' comment lines and blank lines are skipped, the
// first other line must be the header naming cameoColumns. It returns the codes in code order.
func parseCodes(b []byte) ([]Code, error) {
	var codes []Code
	seen := map[string]int{}
	header := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if !header {
			if !slices.Equal(f, cameoColumns) {
				return nil, fmt.Errorf("line %d: header is %q, want %q", n, f, cameoColumns)
			}
			header = true
			continue
		}
		if len(f) != len(cameoColumns) {
			return nil, fmt.Errorf("line %d: %d columns, want %d", n, len(f), len(cameoColumns))
		}
		c, err := parseCode(f)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
		if prev, dup := seen[c.Code]; dup {
			return nil, fmt.Errorf("line %d: code %s already on line %d", n, c.Code, prev)
		}
		seen[c.Code] = n
		codes = append(codes, c)
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !header {
		return nil, fmt.Errorf("no header line")
	}
	slices.SortFunc(codes, func(a, b Code) int { return strings.Compare(a.Code, b.Code) })
	return codes, nil
}

func parseCode(f []string) (Code, error) {
	c := Code{
		Code:          f[0],
		Name:          strings.TrimSpace(f[1]),
		Plover:        f[4],
		PloverMode:    f[5],
		PloverContext: f[6],
		Plover05:      f[7],
	}
	if !wellFormedCode(c.Code) {
		return c, fmt.Errorf("code %q: want 2 to 4 digits with a root from 01 to 20", c.Code)
	}
	c.Root = c.Code[:2]
	if c.Name == "" {
		return c, fmt.Errorf("code %s: empty name", c.Code)
	}
	g, err := strconv.ParseFloat(f[2], 64)
	if err != nil || g < -10 || g > 10 {
		return c, fmt.Errorf("code %s: goldstein %q is not a number from -10 to 10", c.Code, f[2])
	}
	c.Goldstein = g
	q, err := strconv.Atoi(f[3])
	if err != nil || q < 1 || q > 4 {
		return c, fmt.Errorf("code %s: quad_class %q is not 1 to 4", c.Code, f[3])
	}
	c.QuadClass = q
	return c, nil
}

// wellFormedCode reports whether s has the shape of a CAMEO code: 2 to 4 ASCII digits whose
// first two are a root from 01 to 20.
func wellFormedCode(s string) bool {
	if len(s) < 2 || len(s) > 4 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	root := int(s[0]-'0')*10 + int(s[1]-'0')
	return root >= 1 && root <= 20
}

// Lookup returns the CAMEO code code. The code must be written exactly as CAMEO writes it,
// leading zeros included ("042", not "42"); white space around it is ignored (" 042\n" is
// "042"). The second result is false when there is no such code.
func Lookup(code string) (Code, bool) {
	t := cameo()
	i, ok := t.byCode[strings.TrimSpace(code)]
	if !ok {
		return Code{}, false
	}
	return t.codes[i], true
}

// KnownCode reports whether code is a CAMEO event code in the ontology table (see Lookup for
// the accepted form).
func KnownCode(code string) bool {
	_, ok := Lookup(code)
	return ok
}

// Codes returns every CAMEO code, in code order: each root followed by its codes, so "01",
// "010", …, "019", "02", "020", "021", "0211", …. The slice is the caller's to keep or modify.
func Codes() []Code {
	return slices.Clone(cameo().codes)
}

// Root returns the two-digit root ("cue category") of a known CAMEO code: "19" for "190",
// "02" for "0211", "19" for "19". It returns "" when code is not a known code.
func Root(code string) string {
	c, ok := Lookup(code)
	if !ok {
		return ""
	}
	return c.Root
}
