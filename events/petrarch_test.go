package events

import (
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/shared"
)

// dump lists a dictionary's patterns as "code: pattern", in entry order.
func dump(d *Dictionary) []string {
	var out []string
	for _, e := range d.Entries {
		for _, v := range e.Verbs {
			out = append(out, e.Code+": "+v)
		}
		for _, n := range e.Nouns {
			out = append(out, e.Code+": noun "+n)
		}
	}
	return out
}

func TestConvertPetrarchVerbs(t *testing.T) {
	f, err := os.Open("testdata/petrarch/verbs.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, st, err := ConvertPetrarchVerbs(f, "verbs.txt")
	if err != nil {
		t.Fatal(err)
	}
	heads := []string{"zorble", "gronk", "grank", "frimp out"}
	want := []string{"042: zorble", "042: frimp out", "043: gronk", "043: grank"}
	each := func(code, rest string, hs []string) {
		for _, h := range hs {
			want = append(want, code+": "+h+" "+rest)
		}
	}
	each("052", "* to the moon", heads)
	each("053", "_ in public", heads)
	each("054", "* sprocket", heads)
	for _, h := range heads { // the synset SNACK: single words joined, the phrase apart
		want = append(want, "061: "+h+" * crumpet|widget|sprocket", "061: "+h+" * flux capacitor")
	}
	each("063", "* quietly", heads)
	each("057", "* widgets", heads) // listed first with 051, then again with 057: the later wins
	// KLAX codes nothing alone but is a verb of its block's patterns.
	each("191", "* alpha|beta", []string{"klax", "snorp around"})
	each("191", "* gamma delta", []string{"klax", "snorp around"})
	want = append(want, "181: snorp around")
	each("903", "* at * _", heads)
	for _, h := range heads { // - SAID * [055]: a word before the verb
		want = append(want, "055: [said *] "+h)
	}
	got := dump(d)
	if !slices.Equal(sorted(got), sorted(want)) {
		t.Errorf("patterns:\n got %q\nwant %q", sorted(got), sorted(want))
	}
	for i := 1; i < len(d.Entries); i++ {
		if d.Entries[i-1].Code >= d.Entries[i].Code {
			t.Errorf("entries not in code order: %s before %s", d.Entries[i-1].Code, d.Entries[i].Code)
		}
	}

	wantSkipped := map[string]int{
		skipMultiBefore: 1, skipTargetBefore: 1, skipSourceAfter: 1, skipCompound: 1,
		skipDisjunction: 1, skipNullCode: 1, skipBadCode: 2, skipNoCode: 1, skipSpelling: 1, skipSynset: 1,
	}
	if !maps.Equal(st.Skipped, wantSkipped) {
		t.Errorf("skipped %v, want %v", st.Skipped, wantSkipped)
	}
	wantApprox := map[string]int{approxSkipActor: 1, approxPhrasal: 1}
	if !maps.Equal(st.Approximated, wantApprox) {
		t.Errorf("approximated %v, want %v", st.Approximated, wantApprox)
	}
	gotCounts := [...]int{st.Verbs, st.Patterns, st.Synsets, st.Converted, st.Uncoded, st.Written, st.NonCAMEO, st.Overridden, len(st.Bad)}
	wantCounts := [...]int{6, 20, 3, 14, 1, len(want), 4, 4, 0}
	if gotCounts != wantCounts {
		t.Errorf("verbs, patterns, synsets, converted, uncoded, written, non-CAMEO, overridden, bad = %v, want %v", gotCounts, wantCounts)
	}
	skipped := 0
	for _, n := range st.Skipped {
		skipped += n
	}
	if st.Converted+st.Uncoded+skipped != st.Verbs+st.Patterns {
		t.Errorf("converted %d + uncoded %d + skipped %d != %d lines", st.Converted, st.Uncoded, skipped, st.Verbs+st.Patterns)
	}
	if s := st.String(); !strings.Contains(s, "14 lines converted into 45 dyad patterns") || !strings.Contains(s, skipSynset) {
		t.Errorf("String() = %q", s)
	}

	// Apart from the WEIS-era code, the result is a valid dyad dictionary.
	camo := &Dictionary{}
	for _, e := range d.Entries {
		if e.Code != "903" {
			camo.Entries = append(camo.Entries, e)
		}
	}
	if err := camo.Validate(KnownCode); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if n, err := ReadPetrarchVerbs(strings.NewReader("--- A [010] ---\nABIDE\n"), "x"); err != nil || len(dump(n)) != 1 {
		t.Errorf("ReadPetrarchVerbs = %v, %v", dump(n), err)
	}
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return s
}

func TestConvertPetrarchVerbsEdges(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
	}{
		{"comments", "<!-- a comment\n--- NOT [010] ---\nstill a comment -->\n--- GLIM [020] ---\nGLIM <!-- inline --> # tail\n# - * NOPE [030]\n", []string{"020: glim"}},
		{"final underscores", "--- BLORT [010] ---\nBLORT_\n- * OFF_  [011]\n- * IN_ SOUP  [012]\n", []string{"010: blort", "011: blort * off", "012: blort * in * soup"}},
		{"adjacent and gaps", "--- VEX [---] ---\nVEX\n- *_UPON ONE_TWO  [013]\n", []string{"013: vex upon * one two"}},
		{"source before, target after", "--- PLINK [---] ---\nPLINK\n- $ * + AWAY [014]\n", []string{"014: plink _ away"}},
		{"two targets", "--- PLONK [---] ---\nPLONK\n- * + AND + [015]\n", nil},
		{"nested cycle", "&A\n+&B\n&B\n+&A\n--- QUUX [---] ---\nQUUX\n- * &A [016]\n", nil},
		{"synset defined after use", "--- QUAX [---] ---\nQUAX\n- * &LATE [017]\n&LATE\n+SOON\n", []string{"017: quax * soon"}},
		{"irregular multi-word forms", "--- T [---] ---\n+TEAR_DOWN {+TEARS_DOWN +TORE_DOWN +TEARING_DOWN +TORN_DOWN} [018]\n", []string{"018: tear down"}},
		{"reciprocal header code", "--- MINGLE [031:031] ---\nMINGLE\n", []string{"031: mingle"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, _, err := ConvertPetrarchVerbs(strings.NewReader(tc.in), tc.name)
			if err != nil {
				t.Fatal(err)
			}
			if got := dump(d); !slices.Equal(sorted(got), sorted(tc.want)) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestConvertPetrarchVerbsExpansionLimit(t *testing.T) {
	var b strings.Builder
	for _, s := range []string{"&P", "&Q", "&R"} {
		fmt.Fprintf(&b, "%s\n", s)
		for i := range 5 {
			fmt.Fprintf(&b, "+%s%c WORD\n", strings.ToUpper(s[1:]), 'a'+i)
		}
	}
	b.WriteString("--- GROW [---] ---\nGROW\n- * &P &Q [020]\n- * &P &Q &R [021]\n")
	d, st, err := ConvertPetrarchVerbs(strings.NewReader(b.String()), "limit")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(dump(d)); n != 25 || st.Skipped[skipExpansion] != 1 {
		t.Errorf("%d patterns, %d over the limit; want 25 (5×5) and 1 (5×5×5 > %d)", n, st.Skipped[skipExpansion], maxVariants)
	}
}

func TestConvertPetrarchVerbsBadLines(t *testing.T) {
	// One bad line in a hundred content lines is tolerated; two are not.
	body := func(bad int) string {
		var b strings.Builder
		for i := range bad {
			fmt.Fprintf(&b, "- * ORPHAN%c [010]\n", 'a'+i) // a pattern before any block
		}
		b.WriteString("--- MANY [---] ---\nMANY\n")
		for i := 0; b.Len() > 0 && i < 99-bad-1; i++ {
			fmt.Fprintf(&b, "- * WORD%c%c [010]\n", 'a'+i/26, 'a'+i%26)
		}
		return b.String()
	}
	d, st, err := ConvertPetrarchVerbs(strings.NewReader(body(1)), "one")
	if err != nil || d == nil || len(st.Bad) != 1 || !strings.HasPrefix(st.Bad[0], "one:1: ") {
		t.Errorf("one bad line: err %v, bad %q", err, st.Bad)
	}
	if _, _, err := ConvertPetrarchVerbs(strings.NewReader(body(2)), "two"); err == nil || !strings.Contains(err.Error(), "two:2: a pattern before any verb block") {
		t.Errorf("two bad lines: err %v", err)
	}
}

// TestConvertPetrarchValidateVerbs converts PETRARCH's validation verb dictionary.
func TestConvertPetrarchValidateVerbs(t *testing.T) {
	path := shared.Path(t, "events/petrarch_unittests/dictionaries/PETR.Validate.verbs.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, st, err := ConvertPetrarchVerbs(f, "PETR.Validate.verbs.txt")
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", st)
	if len(st.Bad) > 0 {
		t.Errorf("unreadable lines: %q", st.Bad)
	}
	skipped := 0
	for _, n := range st.Skipped {
		skipped += n
	}
	if st.Converted+st.Uncoded+skipped != st.Verbs+st.Patterns {
		t.Errorf("converted %d + uncoded %d + skipped %d != %d lines", st.Converted, st.Uncoded, skipped, st.Verbs+st.Patterns)
	}
	// The file's shape: about 270 verbs and 470 patterns in 17 synsets; almost all are
	// converted, and the patterns with a target before the verb are the largest group skipped.
	if st.Verbs < 250 || st.Patterns < 450 || st.Synsets != 17 || st.Converted < 600 || st.Written != len(dump(d)) {
		t.Errorf("unexpected counts: %s", st)
	}
	if top := sortedKeys(st.Skipped); len(top) == 0 || top[0] != skipTargetBefore {
		t.Errorf("largest group skipped: %v", top)
	}
	has := map[string]bool{}
	for _, p := range dump(d) {
		has[p] = true
	}
	for _, p := range []string{
		"064: restore",                      // RESTORE [064]
		"111: [failed to] agree",            // - FAILED_TO_* [111]
		"082: [said *] agree * to * attend", // - SAID * TO ATTEND [082]
		"064: restore * diplomatic",         // - * DIPLOMATIC [064]
		"172: ask * for * embargo",          // - * FOR &ECONSANCT [172], a synset of words and phrases
		"172: ask * for * total boycott",    // ... whose phrases stand alone
		"1721: cordon off",                  // +CORDON_OFF under EXCLUDE [1721]
		"212: place _ in * detention",       // - * + IN DETENTION [212]
		"045: celebrate * iftar * in * _",   // - * IFTAR IN ^ + [045]
		"903: contribute * dollars|euros|peso|kroner|yen",
	} {
		if !has[p] {
			t.Errorf("missing %q", p)
		}
	}
	// What is CAMEO in it is a valid dyad dictionary.
	camo := &Dictionary{}
	for _, e := range d.Entries {
		if KnownCode(e.Code) {
			camo.Entries = append(camo.Entries, e)
		}
	}
	if err := camo.Validate(KnownCode); err != nil {
		t.Errorf("Validate: %v", err)
	}
}
