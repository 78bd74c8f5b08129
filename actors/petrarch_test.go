package actors

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"
	"unicode"

	"github.com/dyad-project/dyad/data"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp"
)

// petrRenderKB writes a KB fragment one entry a line:
//
//	ORG code name | alias ... (country)
//	PER name | alias ... (country): code from..to, code (default)
func petrRenderKB(kb *KB) []string {
	var out []string
	for _, o := range kb.Organizations {
		out = append(out, fmt.Sprintf("ORG %s %s (%s)", o.Code, strings.Join(append([]string{o.Name}, o.Aliases...), " | "), o.Country))
	}
	for _, p := range kb.People {
		var roles []string
		for _, r := range p.Roles {
			if r.From.IsZero() && r.To.IsZero() {
				roles = append(roles, r.Code)
			} else {
				roles = append(roles, fmt.Sprintf("%s %s..%s", r.Code, r.From, r.To))
			}
		}
		out = append(out, fmt.Sprintf("PER %s (%s): %s", strings.Join(append([]string{p.Name}, p.Aliases...), " | "), p.Country, strings.Join(roles, ", ")))
	}
	return out
}

func petrRenderRoles(roles []RoleWords) []string {
	var out []string
	for _, r := range roles {
		out = append(out, r.Code+": "+strings.Join(r.Words, ", "))
	}
	return out
}

func petrDiffLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
		t.Errorf("%s:\n got:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// petrDiffErrors checks that each error starts with the wanted text.
func petrDiffErrors(t *testing.T, what string, errs []*PetrarchError, want []string) {
	t.Helper()
	var got []string
	ok := len(errs) == len(want)
	for i, e := range errs {
		got = append(got, e.Error())
		ok = ok && strings.HasPrefix(got[i], want[i])
	}
	if !ok {
		t.Errorf("%s: errors:\n got:\n\t%s\nwant:\n\t%s", what, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func petrTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "petrarch", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadPetrarchActorsFile(t *testing.T) {
	kb, err := ReadPetrarchActors(bytes.NewReader(petrTestdata(t, "freedonia.actors.txt")), "freedonia.actors.txt")
	if err != nil {
		t.Fatal(err)
	}
	petrDiffLines(t, "freedonia.actors.txt", petrRenderKB(kb), []string{
		"ORG FRE Freedonia | Freedonian | Grand Fenwick | Fenwickian | the Grey Havens ()",
		"ORG IGOOCS League of Oceanic States | LOS | L.O.S. ()",
		"ORG FRAREB XKR | al-Zorbi Brigade (FRA)",
		"PER Zorblat Vantek | Minister Zorblat Vantek (FRA): FRAGOV 1995-01-01..1999-12-31, FRAGOVMIL 2003-03-15.., FRAELI",
		"PER Quilla Marrow (DEU): DEUGOV ..2001-12-31, DEUELI 2002-01-01..2004-11-30, DEULEG 2012-06-01..",
		"PER Ivo Plumtree | President Plumtree | Plumtree (AUT): AUTGOV 2015-01-01..",
		"PER John O'Malleyx III | John O'Malleyx (FRA): GBRGOV 1999-01-01..2001-12-31, FRE, FRAGOV",
	})
}

func TestReadPetrarchAgentsFile(t *testing.T) {
	roles, err := ReadPetrarchAgents(bytes.NewReader(petrTestdata(t, "freedonia.agents.txt")), "freedonia.agents.txt")
	if err != nil {
		t.Fatal(err)
	}
	petrDiffLines(t, "freedonia.agents.txt", petrRenderRoles(roles), []string{
		"LAB: harbourman, harbourwoman, harbourworker, cleaning android, cleaning droid",
		"GOV: master of arms, masters of arms, staff, lighthouse keeper, quill-pusher",
		"HRI: human rights watchers",
	})
}

// TestPetrarchActorSyntax checks each feature of the actor dictionary syntax.
func TestPetrarchActorSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"comments", "# whole line\nALPHA_ [FRA] # trailing\n; TABARI whole line\nBETA_ [DEU] ; TABARI trailing\n" +
			"<!-- XML --> GAMMA_ [AUT]\nDELTA_ {brace comment} [ITA]\n  # indented comment\n\n\t\n",
			[]string{"ORG FRA Alpha (FRA)", "ORG DEU Beta (DEU)", "ORG AUT Gamma (AUT)", "ORG ITA Delta (ITA)"}},
		{"multi-line XML comment", "<!-- ALPHA_ [FRA]\nBETA_ [FRA]\n-->\nGAMMA_ [DEU]\n<! -- single line -->\n",
			[]string{"ORG DEU Gamma (DEU)"}},
		{"synonyms", "ALPHA_ [FRA]\n+BETA_\n+GAMMA_DELTA_ +EPSILON_\n+ZETA+ETA_\n",
			[]string{"ORG FRA Alpha | Beta | Gamma Delta | Epsilon | Zeta+Eta (FRA)"}},
		{"underscores and spaces", "ALPHA__BETA GAMMA_ [FRA]\n", []string{"ORG FRA Alpha Beta Gamma (FRA)"}},
		{"dated codes", "ALPHA_\n\t[FRAGOV >20010315]\n\t[FRAELI <19991231]\n\t[FRAMIL 20000101-20001231]\n",
			[]string{"PER Alpha (FRA): FRAGOV 2001-03-15.., FRAELI ..1999-12-31, FRAMIL 2000-01-01..2000-12-31"}},
		{"two-digit years", "ALPHA_\n\t[FRAGOV 300101-300102]\n\t[FRAELI 310101-311231]\n\t[FRAMIL <991231]\n\t[FRALEG >000101]\n",
			[]string{"PER Alpha (FRA): FRAGOV 2030-01-01..2030-01-02, FRAELI 1931-01-01..1931-12-31, FRAMIL ..1999-12-31, FRALEG 2000-01-01.."}},
		{"spaces in dates", "ALPHA_\n\t[FRAGOV > 20010315]\n\t[FRAELI  <991231 ]\n\t[FRAMIL 20000101 - 001231]\n\t[FRALEG<20050101]\n",
			[]string{"PER Alpha (FRA): FRAGOV 2001-03-15.., FRAELI ..1999-12-31, FRAMIL 2000-01-01..2000-12-31, FRALEG ..2005-01-01"}},
		{"bare date starts a role", "ALPHA_\n\t[FRAGOV 20010315]\n", []string{"PER Alpha (FRA): FRAGOV 2001-03-15.."}},
		{"dated codes on the name's line", "ALPHA_\t[FRAGOV 010101-021231][FRAELI >030101] [FRA]\n",
			[]string{"PER Alpha (FRA): FRAGOV 2001-01-01..2002-12-31, FRAELI 2003-01-01.., FRA"}},
		{"default code with dated codes", "ALPHA_ [FRA]\n\t[FRAGOV >20010101]\n", []string{"PER Alpha (FRA): FRAGOV 2001-01-01.., FRA"}},
		{"several undated codes: the first", "ALPHA_ [FRAREB] [FRAOPP]\nBETA_ [DEU/AUT]\n",
			[]string{"ORG FRAREB Alpha (FRA)", "ORG DEU Beta (DEU)"}},
		{"slash codes with a date", "ALPHA_\n\t[FRAGOV/DEUGOV >20010101]\n", []string{"PER Alpha (FRA): FRAGOV 2001-01-01.., DEUGOV 2001-01-01.."}},
		{"country from the first code that has one", "ALPHA_\n\t[IGOUNO >20010101]\n\t[BELGOV 19900101-19991231]\n",
			[]string{"PER Alpha (BEL): IGOUNO 2001-01-01.., BELGOV 1990-01-01..1999-12-31"}},
		{"codes are upper-cased", "ALPHA_ [fra]\n", []string{"ORG FRA Alpha (FRA)"}},
		{"codes with digits", "ALPHA_ [NGO211]\n", []string{"ORG NGO211 Alpha ()"}},
		{"null codes", "ALPHA_ [---]\nBETA_ [###]\nGAMMA_ [+++]\nDELTA_\n\t[--- <950630]\n\t[DEU]\n",
			[]string{"ORG DEU Delta (DEU)"}},
		{"names share the code lines that follow", "ALPHA_\nBETA_\n\t[FRAGOV >20010101]\n",
			[]string{"PER Alpha | Beta (FRA): FRAGOV 2001-01-01.."}},
		{"a synonym may follow code lines", "ALPHA_\n\t[FRAGOV >20010101]\n+BETA_\n", []string{"PER Alpha | Beta (FRA): FRAGOV 2001-01-01.."}},
		{"indented name is a synonym", "ALPHA_\n\tBETA_\t[FRAGOV >20010101]\n", []string{"PER Alpha | Beta (FRA): FRAGOV 2001-01-01.."}},
		{"unindented code line", "ALPHA_\n[FRAGOV >20010101]\n", []string{"PER Alpha (FRA): FRAGOV 2001-01-01.."}},
		{"text after the codes is ignored", "ALPHA_\t[FRA]\tnotes $1,000\n", []string{"ORG FRA Alpha (FRA)"}},
		{"stop line", "ALPHA_ [FRA]\n---STOP---\nBETA_ [DEU]\n", []string{"ORG FRA Alpha (FRA)"}},
		{"BOM and CRLF", "\uFEFFALPHA_ [FRA]\r\n+BETA_\r\n\t[FRAGOV >20010101]\r\n", []string{"PER Alpha | Beta (FRA): FRAGOV 2001-01-01.., FRA"}},
		{"unbalanced parentheses", "ALPHA_BETA (ACTING_ [FRA]\nGAMMA)_ [DEU]\nDELTA_(EPSILON)_ [AUT]\n) ZETA_(ETA_(THETA) [ITA]\n",
			[]string{"ORG FRA Alpha Beta (FRA)", "ORG DEU Gamma (DEU)", "ORG AUT Delta (Epsilon) (AUT)", "ORG ITA Zeta (ITA)"}},
		{"repeated entries merge", "ALPHA_ [FRA]\n+BETA_\nALPHA_ [FRA]\n+GAMMA_\n", []string{"ORG FRA Alpha | Beta | Gamma (FRA)"}},
		{"a name is kept by its first entry", "ALPHA_ [FRA]\n+BETA_\nGAMMA_ [DEU]\n+BETA_\n",
			[]string{"ORG FRA Alpha | Beta (FRA)", "ORG DEU Gamma (DEU)"}},
		{"same person twice", "ALPHA_\n\t[FRAGOV 20010101-20011231]\nALPHA_\n+BETA_\n\t[FRAELI >20020101]\n",
			[]string{"PER Alpha | Beta (FRA): FRAGOV 2001-01-01..2001-12-31, FRAELI 2002-01-01.."}},
		{"empty", "", nil},
		{"comments only", "# nothing\n<!-- at all -->\n", nil},
	}
	for _, tt := range tests {
		kb, errs, _, err := readPetrarchActors(strings.NewReader(tt.in), "t.txt")
		if err != nil || len(errs) > 0 {
			t.Errorf("%s: unexpected errors %v %v", tt.name, err, errs)
			continue
		}
		petrDiffLines(t, tt.name, petrRenderKB(kb), tt.want)
	}
}

// TestPetrarchNames checks how dictionary names are recased.
func TestPetrarchNames(t *testing.T) {
	tests := []struct {
		names []string // the entry's names: the first is checked
		want  string
	}{
		{[]string{"ZORBLAT_VANTEK_"}, "Zorblat Vantek"},
		{[]string{"LEAGUE_OF_THE_OCEANIC_STATES_"}, "League of the Oceanic States"},
		{[]string{"THE_GREY_HAVENS"}, "the Grey Havens"},
		{[]string{"THE"}, "The"},
		{[]string{"OF_MICE_AND_MEN"}, "Of Mice and Men"},
		{[]string{"KARIM_BIN_ZAFAR_AL-QUDDI"}, "Karim bin Zafar al-Quddi"},
		{[]string{"AL-QUDDI_FRONT"}, "al-Quddi Front"},
		{[]string{"JEAN_DE_LA_MARE"}, "Jean de la Mare"},
		{[]string{"SEAN_O'BRANNIGAN"}, "Sean O'Brannigan"},
		{[]string{"PEOPLE'S_ASSEMBLY"}, "People's Assembly"},
		{[]string{"PEOPLE's_ASSEMBLY"}, "People's Assembly"},
		{[]string{"ZORB_HOLDINGS_LTD"}, "Zorb Holdings Ltd"},
		{[]string{"ANNA-LENA_KORR-BAUM"}, "Anna-Lena Korr-Baum"},
		{[]string{"KING_ZORG_III"}, "King Zorg III"},
		{[]string{"III_CORPS"}, "Iii Corps"},
		{[]string{"FRANK_T._MULLIGRUB"}, "Frank T. Mulligrub"},
		{[]string{"ST._ZEBEDEE_JR."}, "St. Zebedee Jr."},
		{[]string{"U.N._WATER_PANEL"}, "U.N. Water Panel"},
		{[]string{"U.S.S.R"}, "U.S.S.R"},
		{[]string{"XKR_TV"}, "XKR TV"},       // no vowel: acronyms
		{[]string{"MR_ZORB"}, "Mr Zorb"},     // an abbreviation, not an acronym
		{[]string{"GLYN_HOLT"}, "Glyn Holt"}, // Y counts as a vowel
		{[]string{"ZOTA_FORCE"}, "Zota Force"},
		{[]string{"ZOTA", "ZEALOUS_ORDER_OF_TIN_AXES"}, "ZOTA"},
		{[]string{"ZOTA_FORCE", "ZEALOUS_ORDER_OF_TIN_AXES"}, "ZOTA Force"},
		{[]string{"ZOTTA", "ZEALOUS_ORDER_OF_TWELVE_TIN_AXES"}, "ZOTTA"},
		{[]string{"ZOT", "ZEALOUS_ORDER_OF_THE_TEMPLE"}, "ZOT"}, // initials without "of" and "the"
		{[]string{"McZORB_Plc"}, "McZORB Plc"},                  // written with lower case: kept
		{[]string{"AT&T_HOLDINGS"}, "At&T Holdings"},
		{[]string{"ZORB_(ACTING)"}, "Zorb (Acting)"},
		{[]string{"ERDAĞ_İLKAY"}, "Erdağ İlkay"},
		{[]string{"ВКЛ"}, "ВКЛ"},
		{[]string{"M23_GROUP"}, "M23 Group"},
	}
	for _, tt := range tests {
		var names []string
		for _, n := range tt.names {
			names = append(names, petrNormName(n))
		}
		if got := petrDisplayName(names[0], petrInitials(names)); got != tt.want {
			t.Errorf("displayName(%q) = %q, want %q", tt.names[0], got, tt.want)
		}
	}
}

// TestPetrarchErrors checks that bad lines are reported with their line numbers and skipped, and
// that the rest of the dictionary is read.
func TestPetrarchErrors(t *testing.T) {
	tests := []struct {
		name, in string
		errs     []string
		want     []string
	}{
		{"synonym first", "+ORPHAN_\nALPHA_ [FRA]\n", []string{"t.txt:1: synonym before any entry"}, []string{"ORG FRA Alpha (FRA)"}},
		{"code line first", "\t[FRA]\n", []string{"t.txt:1: code line before any entry"}, nil},
		{"unclosed bracket", "ALPHA_ [FRA\n+BETA_\nGAMMA_ [DEU]\n", []string{`t.txt:1: unclosed "["`}, []string{"ORG DEU Gamma (DEU)"}},
		{"stray bracket", "ALPHA_ [FRA]\n+BE]TA_\n", []string{`t.txt:2: "]" without "["`}, []string{"ORG FRA Alpha (FRA)"}},
		{"short date", "ALPHA_\n\t[FRAGOV 2001011-20020101]\n\t[FRAELI >20030101]\n", []string{`t.txt:2: bad date "2001011"`},
			[]string{"PER Alpha (FRA): FRAELI 2003-01-01.."}},
		{"impossible day", "ALPHA_\n\t[FRAGOV >20010230]\n", []string{`t.txt:2: bad date "20010230"`}, nil},
		{"not a date", "ALPHA_ [FRA]\n\t[FRAGOV soon]\n", []string{`t.txt:2: bad date "soon"`}, []string{"ORG FRA Alpha (FRA)"}},
		{"backwards period", "ALPHA_\n\t[FRAGOV 20020101-20010101]\n", []string{"t.txt:2: period 20020101-20010101 ends before it starts"}, nil},
		{"bad code", "ALPHA_ [FR-A]\n", []string{`t.txt:1: bad code "FR-A"`}, nil},
		{"empty code", "ALPHA_ [ ]\n", []string{"t.txt:1: no code in []"}, nil},
		{"no code", "ALPHA_\nBETA_ [FRA]\n", []string{`t.txt:1: entry "ALPHA" has no code`}, []string{"ORG FRA Beta (FRA)"}},
		{"no code at the end", "ALPHA_ [FRA]\nBETA_\n", []string{`t.txt:2: entry "BETA" has no code`}, []string{"ORG FRA Alpha (FRA)"}},
		{"empty synonym", "ALPHA_ [FRA]\n+\n+_\n", []string{"t.txt:2: empty synonym", "t.txt:3: empty synonym"}, []string{"ORG FRA Alpha (FRA)"}},
		{"unclosed brace", "ALPHA_ {note [FRA]\n", []string{"t.txt:1: unclosed {"}, nil},
		{"stray brace", "ALPHA_ [FRA]\n }\n", []string{`t.txt:2: "}" without "{"`}, []string{"ORG FRA Alpha (FRA)"}},
		{"unclosed XML comment", "ALPHA_ [FRA]\n<!-- never closed\nBETA_ [DEU]\n", []string{"t.txt:2: unclosed <!-- comment"}, []string{"ORG FRA Alpha (FRA)"}},
		{"several", "ALPHA_ [FRA]\n\n# comment\n+\nBETA_ [DE*]\n+DELTA_\nGAMMA_ [DEU]\n\t[DEUGOV 1]\n",
			[]string{"t.txt:4: empty synonym", `t.txt:5: bad code "DE*"`, `t.txt:8: bad date "1"`},
			[]string{"ORG FRA Alpha (FRA)", "ORG DEU Gamma (DEU)"}},
	}
	for _, tt := range tests {
		kb, errs, _, err := readPetrarchActors(strings.NewReader(tt.in), "t.txt")
		if err != nil {
			t.Fatal(err)
		}
		petrDiffErrors(t, tt.name, errs, tt.errs)
		petrDiffLines(t, tt.name+": entries", petrRenderKB(kb), tt.want)
	}

	agentTests := []struct {
		name, in string
		errs     []string
		want     []string
	}{
		{"no code", "FARMER\nHERDER [~AGR]\n", []string{"a.txt:1: no [code]"}, []string{"AGR: herder"}},
		{"wrong closing bracket", "FARMER [~AGR}\n", []string{`a.txt:1: unclosed "["`}, nil},
		{"empty code", "FARMER [~]\n", []string{"a.txt:1: bad agent code [~]"}, nil},
		{"undefined set", "!HAND! FARMER [~AGR]\n", []string{"a.txt:1: undefined substitution set !HAND!"}, nil},
		{"unclosed marker", "!HAND FARMER [~AGR]\n", []string{`a.txt:1: unclosed substitution marker in "!HAND FARMER"`}, nil},
		{"bad set", "!HAND = A, B\n", []string{`a.txt:1: bad substitution set "!HAND = A, B": want !NAME! = A, B, ...`}, nil},
		{"empty set", "!HAND! = ,\n", []string{"a.txt:1: empty substitution set !HAND!"}, nil},
		{"unclosed brace", "FARMER {FARMERS [~AGR]\n", []string{"a.txt:1: unclosed {"}, nil},
		{"stray brace", "FARMER} [~AGR]\n", []string{`a.txt:1: "}" without "{"`}, nil},
		{"no words", "{} [~AGR]\n", []string{"a.txt:1: no words"}, nil},
		{"several", "# c\nFARMER [~AGR]\nBAD\n\nHERDER [~AG R]\n", []string{"a.txt:3: no [code]", "a.txt:5: bad agent code [~AG R]"}, []string{"AGR: farmer"}},
	}
	for _, tt := range agentTests {
		roles, errs, _, err := readPetrarchAgents(strings.NewReader(tt.in), "a.txt")
		if err != nil {
			t.Fatal(err)
		}
		petrDiffErrors(t, "agents "+tt.name, errs, tt.errs)
		petrDiffLines(t, "agents "+tt.name+": entries", petrRenderRoles(roles), tt.want)
	}
}

// TestPetrarchAgentSyntax checks each feature of the agent dictionary syntax.
func TestPetrarchAgentSyntax(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"codes", "FARMER [~AGR]\nHERDER [AGR~]\nPLOUGHMAN [ ~agr ]\nTILLER [AGR]\n", []string{"AGR: farmer, herder, ploughman, tiller"}},
		{"grouped by code in order", "A_B [~GOV]\nC [~MIL]\nD [~GOV]\n", []string{"GOV: a b, d", "MIL: c"}},
		{"underscores", "HEAD_OF_STATE_ [~GOV]\nSEMI-OFFICIAL_PAPER [~MED]\nCHIEF CLERK [~GOV]\n", []string{"GOV: head of state, chief clerk", "MED: semi-official paper"}},
		{"plurals", "GOOSE_HERD {GEESE_HERD} [~AGR]\nSHEEP {} [~AGR]\nLADY {LADIES} [~ELI]\n", []string{"AGR: goose herd, geese herd, sheep", "ELI: lady"}},
		{"regular plurals dropped", "CLERK [~GOV]\nCLERKS [~GOV]\nMILITIAMAN [~UAF]\nMILITIAMEN [~UAF]\nDEPUTY [~GOV]\nDEPUTIES [~GOV]\n",
			[]string{"GOV: clerk, deputy", "UAF: militiaman"}},
		{"substitution sets", "!P! = MAN, WOMAN\n!Q! = X, Y\nCOW!P! [~AGR]\n!Q!_!P! [~AGR]\n",
			[]string{"AGR: cowman, cowwoman, x man, x woman, y man, y woman"}},
		{"set defined after use", "COW!P! [~AGR]\n!P! = HAND\n", []string{"AGR: cowhand"}},
		{"duplicates", "CLERK [~GOV]\nCLERK [~GOV]\n", []string{"GOV: clerk"}},
		{"comments and directives", "# c\nCLERK [~GOV] # c\nSCRIBE [~GOV] ; c\n<Combine rule = \"GOVMIL => GOV\">\n<CombineBlock>\nMILGOV => GOV\n</CombineBlock>\n<!-- x -->\n",
			[]string{"GOV: clerk, scribe"}},
	}
	for _, tt := range tests {
		roles, errs, _, err := readPetrarchAgents(strings.NewReader(tt.in), "a.txt")
		if err != nil || len(errs) > 0 {
			t.Errorf("%s: unexpected errors %v %v", tt.name, err, errs)
			continue
		}
		petrDiffLines(t, tt.name, petrRenderRoles(roles), tt.want)
	}
}

// TestPetrarchErrorPolicy checks that a few bad lines are tolerated and many are not.
func TestPetrarchErrorPolicy(t *testing.T) {
	dict := func(good, bad int) string {
		var b strings.Builder
		for i := range good {
			fmt.Fprintf(&b, "ENTRY_%s_ [FRA]\n", strings.Repeat("X", i+1))
		}
		for range bad {
			b.WriteString("+\n")
		}
		return b.String()
	}
	kb, err := ReadPetrarchActors(strings.NewReader(dict(200, 2)), "d.txt")
	if err != nil || len(kb.Organizations) != 200 {
		t.Errorf("2 bad lines in 202: err %v, %d entries; want nil, 200", err, len(kb.Organizations))
	}
	kb, err = ReadPetrarchActors(strings.NewReader(dict(200, 3)), "d.txt")
	var pe *PetrarchError
	if !errors.As(err, &pe) || pe.File != "d.txt" || pe.Line != 201 || kb == nil || len(kb.Organizations) != 200 {
		t.Errorf("3 bad lines in 203: err %v (first %+v), kb %v; want the errors and the entries", err, pe, kb != nil)
	}
	if err != nil && !strings.Contains(err.Error(), "d.txt:203: empty synonym") {
		t.Errorf("error lacks the last line:\n%v", err)
	}
	_, err = ReadPetrarchActors(strings.NewReader(dict(1, 150)), "d.txt")
	if err == nil || !strings.Contains(err.Error(), "... and 50 more errors") || strings.Count(err.Error(), "\n") != petrMaxReportedErrors {
		t.Errorf("150 bad lines: want %d errors and a count of the rest, got\n%v", petrMaxReportedErrors, err)
	}
	roles, err := ReadPetrarchAgents(strings.NewReader("A [~GOV]\nB\n"), "a.txt")
	if err == nil || len(roles) != 1 {
		t.Errorf("agents, 1 bad line in 2: err %v, %d groups; want an error and 1 group", err, len(roles))
	}
	ioErr := errors.New("disk on fire")
	if kb, err := ReadPetrarchActors(iotest.ErrReader(ioErr), "x"); kb != nil || !errors.Is(err, ioErr) {
		t.Errorf("I/O error: got %v, %v", kb, err)
	}
	if roles, err := ReadPetrarchAgents(iotest.ErrReader(ioErr), "x"); roles != nil || !errors.Is(err, ioErr) {
		t.Errorf("I/O error: got %v, %v", roles, err)
	}
}

func TestMerge(t *testing.T) {
	kb := &KB{
		Countries:     []Country{{Code: "FRE", Name: "Freedonia", Demonyms: []string{"Freedonian"}, Capital: "Fredville"}},
		Organizations: []Organization{{Code: "FREGOVDCK", Name: "Ministry of Ducks", Aliases: []string{"MoD"}, Type: "GOV", Country: "FRE"}},
		Roles:         []RoleWords{{Code: "GOV", Words: []string{"minister"}}},
		People: []Person{{Name: "Rufus Tee", Country: "FRE",
			Roles: []Role{{Title: "President", Code: "FREGOV", From: Date{Year: 1933}}}}},
	}
	o := &KB{
		Countries: []Country{
			{Code: "FRE", Name: "Freedonie", Aliases: []string{"Republic of Freedonia", "Fredville"}, Demonyms: []string{"Freedonians"}},
			{Code: "SYL", Name: "Sylvania", Metonyms: []Metonym{{Text: "Trentino Palace", Code: "SYLGOV"}}},
		},
		Organizations: []Organization{
			{Code: "XXX", Name: "the ministry of ducks", Aliases: []string{"Duck Ministry", "Freedonian"}, Type: "ACTOR"},
			{Code: "FRE", Name: "Freedonia", Aliases: []string{"FREDVILLE", "Grand Freedonia", "Sylvania"}, Type: "ACTOR"},
			{Code: "FREX", Name: "Freedonian", Type: "ACTOR"},
			{Code: "FREGOV", Name: "Grand Freedonia", Aliases: []string{"Freedonian Crown"}, Type: "ACTOR"},
		},
		Roles: []RoleWords{{Code: "GOV", Words: []string{"minister", "envoy"}}, {Code: "LAB", Words: []string{"docker", "Minister"}}, {Code: "MED", Words: []string{"minister"}}},
		People: []Person{
			{Name: "rufus tee", Aliases: []string{"Mr Tee", "Trentino Palace"}, Country: "FRE", Roles: []Role{
				{Title: "President", Code: "FREGOV", From: Date{Year: 1933}}, {Code: "FREELI", From: Date{Year: 1934}}}},
			{Name: "Rufus Tee", Country: "SYL", Roles: []Role{{Code: "SYLGOV"}}},
			{Name: "Rufus T", Aliases: []string{"Rufus Tee"}, Country: "SYL", Roles: []Role{{Code: "SYLGOV"}}},
		},
	}
	before := fmt.Sprintf("%#v", o)
	kb.Merge(o)
	kb.Merge(nil)
	want := &KB{
		Countries: []Country{
			{Code: "FRE", Name: "Freedonia", Aliases: []string{"Freedonie", "Republic of Freedonia"}, Demonyms: []string{"Freedonian", "Freedonians"}, Capital: "Fredville"},
			{Code: "SYL", Name: "Sylvania", Metonyms: []Metonym{{Text: "Trentino Palace", Code: "SYLGOV"}}},
		},
		Organizations: []Organization{
			{Code: "FREGOVDCK", Name: "Ministry of Ducks", Aliases: []string{"MoD", "Duck Ministry"}, Type: "GOV", Country: "FRE"},
			{Code: "FRE", Name: "Grand Freedonia", Aliases: []string{"Freedonian Crown"}, Type: "ACTOR"},
		},
		Roles: []RoleWords{{Code: "GOV", Words: []string{"minister", "envoy"}}, {Code: "LAB", Words: []string{"docker"}}},
		People: []Person{
			{Name: "Rufus Tee", Aliases: []string{"Mr Tee"}, Country: "FRE", Roles: []Role{
				{Title: "President", Code: "FREGOV", From: Date{Year: 1933}}, {Code: "FREELI", From: Date{Year: 1934}}}},
			{Name: "Rufus T", Country: "SYL", Roles: []Role{{Code: "SYLGOV"}}},
		},
	}
	if !reflect.DeepEqual(kb, want) {
		t.Errorf("Merge:\n got %+v\nwant %+v", kb, want)
	}
	if after := fmt.Sprintf("%#v", o); after != before {
		t.Errorf("Merge modified its argument:\n%s\n%s", before, after)
	}
	// kb shares no memory with o.
	kb.Organizations[1].Aliases[0] = "changed"
	kb.People[1].Roles[0].Code = "changed"
	kb.Countries[1].Metonyms[0].Text = "changed"
	if after := fmt.Sprintf("%#v", o); after != before {
		t.Errorf("kb shares memory with the merged KB")
	}
}

// TestPetrarchRecognition merges the test dictionaries into a small knowledge base and finds
// their actors in text.
func TestPetrarchRecognition(t *testing.T) {
	kb, err := LoadKB(testKB)
	if err != nil {
		t.Fatal(err)
	}
	actorsKB, err := ReadPetrarchActors(bytes.NewReader(petrTestdata(t, "freedonia.actors.txt")), "freedonia.actors.txt")
	if err != nil {
		t.Fatal(err)
	}
	roles, err := ReadPetrarchAgents(bytes.NewReader(petrTestdata(t, "freedonia.agents.txt")), "freedonia.agents.txt")
	if err != nil {
		t.Fatal(err)
	}
	kb.Merge(actorsKB)
	kb.Merge(&KB{Roles: roles})
	ix := NewIndex(kb)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct{ text, date, want string }{
		{"Zorblat Vantek met Quilla Marrow in Berlin.", "1996-05-01", "Zorblat Vantek/PER/FRAGOV Quilla Marrow/PER/DEUGOV Berlin/LOC/DEUGOV"},
		{"Zorblat Vantek met Quilla Marrow in Berlin.", "2003-05-01", "Zorblat Vantek/PER/FRAGOVMIL Quilla Marrow/PER/DEUELI Berlin/LOC/DEUGOV"},
		{"Minister Zorblat Vantek spoke.", "2001-01-01", "Minister Zorblat Vantek/PER/FRAELI"},
		{"The League of Oceanic States and the LOS met the XKR.", "2010-01-01",
			"League of Oceanic States/ORG/IGOOCS LOS/ORG/IGOOCS XKR/ORG/FRAREB"},
		{"The los and the xkr.", "2010-01-01", ""},
		{"President Plumtree met French harbourmen and German cleaning droids.", "2016-01-01",
			"President Plumtree/PER/AUTGOV French/MISC/FRA[French harbourmen=FRALAB] German/MISC/DEU[German cleaning droids=DEULAB]"},
		{"Fighters of the al-Zorbi Brigade left Freedonia.", "2016-01-01", "al-Zorbi Brigade/ORG/FRAREB Freedonia/ORG/FRE"},
	}
	for _, tt := range tests {
		d, ms := findIn(t, ix, tt.text, day(tt.date))
		if got := show(d, ms); got != tt.want {
			t.Errorf("Find(%q) at %s\n got %s\nwant %s", tt.text, tt.date, got, tt.want)
		}
	}
}

// petrRealDictionaries are the PETRARCH/TABARI dictionaries of the shared data, with the least
// number of entries each should give.
var petrRealDictionaries = []struct {
	path               string
	agents             bool
	minOrgs, minPeople int // actor dictionaries
	minCodes, minWords int // agent dictionaries
}{
	{path: "dictionaries/phoenix/Phoenix.Countries.actors.txt", minOrgs: 250, minPeople: 15000},
	{path: "dictionaries/phoenix/Phoenix.International.actors.txt", minOrgs: 5000, minPeople: 250},
	{path: "dictionaries/phoenix/Phoenix.MilNonState.actors.txt", minOrgs: 800},
	{path: "dictionaries/phoenix/Phoenix.agents.txt", agents: true, minCodes: 60, minWords: 2500},
	{path: "events/petrarch_unittests/dictionaries/PETR.Validate.actors.txt", minOrgs: 100, minPeople: 5},
	{path: "events/petrarch_unittests/dictionaries/PETR.Validate.agents.txt", agents: true, minCodes: 25, minWords: 80},
}

// TestPetrarchRealDictionaries reads the PETRARCH/TABARI dictionaries of the shared data, merges
// the Phoenix ones into the embedded knowledge base and finds some of their actors in text.
func TestPetrarchRealDictionaries(t *testing.T) {
	merged, err := LoadKB(data.Actors())
	if err != nil {
		t.Fatal(err)
	}
	base := *merged
	phoenix := 0
	for _, d := range petrRealDictionaries {
		t.Run(filepath.Base(d.path), func(t *testing.T) {
			b, err := os.ReadFile(shared.Path(t, d.path))
			if err != nil {
				t.Fatal(err)
			}
			var lines int
			var errs []*PetrarchError
			if d.agents {
				roles, err := ReadPetrarchAgents(bytes.NewReader(b), d.path)
				if err != nil {
					t.Fatal(err)
				}
				words := 0
				for _, r := range roles {
					words += len(r.Words)
					for _, w := range r.Words {
						if w == "" || w != strings.ToLower(w) {
							t.Errorf("role word %q of %s is not lower case", w, r.Code)
						}
					}
				}
				_, errs, lines, _ = readPetrarchAgents(bytes.NewReader(b), d.path)
				t.Logf("%d content lines, %d bad: %d codes, %d words", lines, len(errs), len(roles), words)
				if len(roles) < d.minCodes || words < d.minWords {
					t.Errorf("%d codes and %d words, want at least %d and %d", len(roles), words, d.minCodes, d.minWords)
				}
				if strings.HasPrefix(filepath.Base(d.path), "Phoenix.") {
					merged.Merge(&KB{Roles: roles})
				}
			} else {
				kb, err := ReadPetrarchActors(bytes.NewReader(b), d.path)
				if err != nil {
					t.Fatal(err)
				}
				_, errs, lines, _ = readPetrarchActors(bytes.NewReader(b), d.path)
				t.Logf("%d content lines, %d bad: %d organizations, %d people", lines, len(errs), len(kb.Organizations), len(kb.People))
				if len(kb.Organizations) < d.minOrgs || len(kb.People) < d.minPeople {
					t.Errorf("%d organizations and %d people, want at least %d and %d",
						len(kb.Organizations), len(kb.People), d.minOrgs, d.minPeople)
				}
				petrCheckFragment(t, kb)
				if strings.HasPrefix(filepath.Base(d.path), "Phoenix.") {
					merged.Merge(kb)
					phoenix++
				}
			}
			for _, e := range errs {
				t.Log(e)
			}
		})
	}
	if phoenix == 0 {
		return
	}
	start := time.Now()
	ix := NewIndex(merged)
	t.Logf("merged: %d organizations, %d people, %d role groups; indexed in %v",
		len(merged.Organizations), len(merged.People), len(merged.Roles), time.Since(start))

	// The merged dictionaries do not shadow the knowledge base's own entries.
	d, ms := findIn(t, ix, "Russia and France sent troops.", time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC))
	if got := show(d, ms); !strings.HasPrefix(got, "Russia/LOC/RUS France/LOC/FRA") {
		t.Errorf("country names after the merge: %s", got)
	}

	// An organisation and a person of the dictionaries, chosen at run time.
	checked := 0
	for _, o := range merged.Organizations[len(base.Organizations):] {
		if !petrPlainName(o.Name) {
			continue
		}
		d, ms := findIn(t, ix, o.Name+" said on Monday that talks would resume.", time.Date(2014, 1, 1, 0, 0, 0, 0, time.UTC))
		if len(ms) == 0 || d.Text[ms[0].Start:ms[0].End] != o.Name || ms[0].Code != o.Code || ms[0].Kind != KindOrg {
			t.Errorf("organization %q (%s) not found: %s", o.Name, o.Code, show(d, ms))
		}
		t.Logf("found organization %q (%s)", o.Name, o.Code)
		checked++
		break
	}
	for _, p := range merged.People[len(base.People):] {
		if !petrPlainName(p.Name) || len(p.Roles) != 1 || p.Roles[0].From.IsZero() || p.Roles[0].To.IsZero() {
			continue
		}
		r := p.Roles[0]
		d, ms := findIn(t, ix, p.Name+" said on Monday that talks would resume.", r.From.First())
		if len(ms) == 0 || d.Text[ms[0].Start:ms[0].End] != p.Name || ms[0].Code != r.Code {
			t.Errorf("person %q (%s from %s) not found: %s", p.Name, r.Code, r.From, show(d, ms))
		}
		t.Logf("found person %q (%s on %s)", p.Name, r.Code, r.From)
		checked++
		break
	}
	if checked != 2 {
		t.Errorf("found %d of 2 names to check", checked)
	}
}

// petrPlainName reports whether a name is two to four capitalised words of letters only.
func petrPlainName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 4 {
		return false
	}
	for _, w := range f {
		for i, r := range w {
			if !unicode.IsLetter(r) || r > unicode.MaxASCII || i == 0 && !unicode.IsUpper(r) {
				return false
			}
		}
	}
	return true
}

// petrCheckFragment checks the invariants of a fragment read from a dictionary.
func petrCheckFragment(t *testing.T, kb *KB) {
	t.Helper()
	name := func(s string) bool {
		return s != "" && s == strings.Join(strings.Fields(s), " ") && !strings.ContainsAny(s, "_[]{}#;")
	}
	for _, o := range kb.Organizations {
		if !name(o.Name) || !isPetrCode(o.Code) || o.Type != "ACTOR" {
			t.Fatalf("bad organization %+v", o)
		}
		for _, a := range o.Aliases {
			if !name(a) {
				t.Fatalf("bad alias %q of %+v", a, o)
			}
		}
	}
	for _, p := range kb.People {
		if !name(p.Name) || len(p.Roles) == 0 {
			t.Fatalf("bad person %+v", p)
		}
		for _, a := range p.Aliases {
			if !name(a) {
				t.Fatalf("bad alias %q of %+v", a, p)
			}
		}
		for _, r := range p.Roles {
			if !isPetrCode(r.Code) || r.Title != "" ||
				!r.From.IsZero() && !r.To.IsZero() && r.To.Last().Before(r.From.First()) {
				t.Fatalf("bad role %+v of %q", r, p.Name)
			}
		}
	}
}

// FuzzReadPetrarchActors reads arbitrary input as actor and agent dictionaries: the readers must
// not fail other than by returning an error, what they return must keep the fragment's
// invariants, and it must compile.
func FuzzReadPetrarchActors(f *testing.F) {
	for _, name := range []string{"freedonia.actors.txt", "freedonia.agents.txt"} {
		f.Add(petrTestdata(f, name))
	}
	f.Add([]byte("ALPHA_\n\t[FRAGOV 950101-960101]\n+BETA_ +GAMMA_\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		kb, err := ReadPetrarchActors(bytes.NewReader(b), "fuzz")
		if kb == nil {
			t.Fatalf("nil KB (error %v)", err)
		}
		var pe *PetrarchError
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error is not a *PetrarchError: %v", err)
		}
		petrCheckFragment(t, kb)
		roles, err := ReadPetrarchAgents(bytes.NewReader(b), "fuzz")
		if err != nil && !errors.As(err, &pe) {
			t.Fatalf("error is not a *PetrarchError: %v", err)
		}
		for _, r := range roles {
			if !isPetrCode(r.Code) || len(r.Words) == 0 {
				t.Fatalf("bad role words %+v", r)
			}
			for _, w := range r.Words {
				if w == "" || w != strings.ToLower(w) || w != strings.Join(strings.Fields(w), " ") {
					t.Fatalf("bad role word %q", w)
				}
			}
		}
		kb.Merge(&KB{Roles: roles})
		ix := NewIndex(kb)
		if len(kb.Organizations)+len(kb.People) > 0 {
			text := "Yesterday "
			if len(kb.Organizations) > 0 {
				text += kb.Organizations[0].Name
			} else {
				text += kb.People[0].Name
			}
			d := &nlp.Doc{Text: text + " said so."}
			d.Tokens = nlp.Tokenize(nil, d.Text)
			nlp.Segment(d)
			ix.Find(d, time.Time{})
		}
	})
}
