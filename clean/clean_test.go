package clean

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

func TestNormaliseBody(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"empty", "", ""},
		{"blank", " \n\t\r\n \u00a0\n", ""},
		{"plain", "Plain text.", "Plain text."},
		{"crlf", "a\r\nb\rc\n", "a\nb\nc"},
		{"tabs and runs", "a\t\tb   c", "a b c"},
		{"trailing spaces", "a  \nb \t\n", "a\nb"},
		{"leading spaces", "  a\n   b", "a\nb"},
		{"blank lines", "a\n\n\n\nb\n \n \nc", "a\n\nb\n\nc"},
		{"single newline kept", "a\nb\n\nc", "a\nb\n\nc"},
		{"leading trailing blank", "\n\n\na\n\n\n", "a"},
		{"double quotes", "\u201cA\u201d \u201eB\u201f \u00abC\u00bb 5\u2033", `"A" "B" "C" 5"`},
		{"single quotes", "\u2018it\u2019s\u2019 \u201aa\u201b 5\u2032", "'it's' 'a' 5'"},
		{"dashes", "a\u2013b\u2014c\u2212d\u2012e\u2015f\u2010g\u2011h", "a-b-c-d-e-f-g-h"},
		{"ellipsis", "wait\u2026", "wait..."},
		{"spaces", "a\u00a0b\u2009c\u202fd\u3000e\u2003\u2003f", "a b c d e f"},
		{"zero width", "a\u200bb\u200cc\u200dd\u2060e\ufefff\u00adg", "abcdefg"},
		{"bom", "\ufeffStart", "Start"},
		{"controls", "a\x00b\x07c\x1bd\x7fe\u0090f", "abcdef"},
		{"vt ff nel ls", "a\vb\fc\u0085d\u2028e", "a\nb\nc\nd\ne"},
		{"paragraph separator", "a\u2029b", "a\n\nb"},
		{"bidi marks", "\u200fabc\u202a\u202c\u2066x\u2069", "abcx"},
		{"invalid utf8", "a\xffb\xc3", "ab"},
		{"nfc", "Cafe\u0301 Zu\u0308rich", "Café Zürich"},
		{"nfc after removal", "e\u00ad\u0301", "é"},
		{"nfc angstrom", "\u212b", "\u00c5"},
		{"non-latin kept", "Путин и Зеленский 会谈 محادثات", "Путин и Зеленский 会谈 محادثات"},
		{"space only line between", "a\n\u00a0\u200b\nb", "a\n\nb"},
		{"cr only blank", "a\r\r\rb", "a\n\nb"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, rem := Body(c.in)
			if got != c.want {
				t.Errorf("Body(%q) = %q, want %q", c.in, got, c.want)
			}
			if rem != nil {
				t.Errorf("Body(%q) removed %v", c.in, rem)
			}
		})
	}
}

func TestLine(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"  Minister  quits\u00a0after\tvote \n", "Minister quits after vote"},
		{"Two\nlines\r\nhere", "Two lines here"},
		{"\u201cPeace\u201d talks \u2013 day two\u2026", `"Peace" talks - day two...`},
		{"\ufeffTitle\u200b", "Title"},
		{"Share", "Share"}, // Line removes no chrome
		{"Re\u0301sume\u0301", "Résumé"},
	}
	for _, c := range cases {
		if got := Line(c.in); got != c.want {
			t.Errorf("Line(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNormalFastPath checks that already-normal input is returned as is.
func TestNormalFastPath(t *testing.T) {
	s := "Already clean.\nSecond line.\n\nNew paragraph with Zürich."
	got, _ := Body(s)
	if got != s {
		t.Fatalf("got %q", got)
	}
	if n := testing.AllocsPerRun(100, func() { Body(s) }); n != 0 {
		t.Errorf("Body of clean text allocates %v times", n)
	}
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden inputs in testdata")
	}
	for _, in := range files {
		name := strings.TrimSuffix(filepath.Base(in), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			got := goldenOutput(string(src))
			golden := strings.TrimSuffix(in, ".txt") + ".golden"
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("output differs from %s (run with -update to accept):\n%s", golden, got)
			}
		})
	}
}

// goldenOutput renders the cleaned body followed by the removals, one per
// line, so the golden files show both what was kept and why the rest went.
func goldenOutput(src string) string {
	out, rem := Body(src)
	var b strings.Builder
	b.WriteString(out)
	b.WriteString("\n\n==== removed ====\n")
	for _, r := range rem {
		b.WriteString(r.Rule)
		b.WriteString(": ")
		b.WriteString(strings.ReplaceAll(r.Text, "\n", " ⏎ "))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestGoldenInvariants checks idempotence and consistency on the golden
// inputs: every removal text occurs in the normalised input, and nothing
// removed reappears in the output.
func TestGoldenInvariants(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, in := range files {
		src, err := os.ReadFile(in)
		if err != nil {
			t.Fatal(err)
		}
		out, rem := Body(string(src))
		checkInvariants(t, string(src), out)
		norm := normalize(string(src), false)
		for _, r := range rem {
			if !strings.Contains(norm, r.Text) {
				t.Errorf("%s: removal %q not in normalised input", in, r.Text)
			}
		}
	}
}

func checkInvariants(t *testing.T, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Body(%q) is not valid UTF-8: %q", in, out)
	}
	if strings.Contains(out, "\r") {
		t.Fatalf("Body(%q) contains \\r: %q", in, out)
	}
	if strings.Contains(out, "\n\n\n") {
		t.Fatalf("Body(%q) contains three newlines: %q", in, out)
	}
	if again, rem := Body(out); again != out || rem != nil {
		t.Fatalf("Body not idempotent on %q:\nonce:  %q\ntwice: %q (removed %v)", in, out, again, rem)
	}
	if Line(out) != Line(Line(out)) {
		t.Fatalf("Line not idempotent on %q", out)
	}
}

func FuzzBody(f *testing.F) {
	f.Add("Share this article\n\nThe minister said \u201cno\u201d \u2014 twice.\n\n\u00a9 2017 Reuters")
	f.Add("Related stories\nRebels seize airfield\nUN warns of famine\n\nThe talks ended.")
	f.Add("a\r\n\r\n\r\nb\u200b\u00ad c\u0301\t\u2029")
	f.Fuzz(func(t *testing.T, s string) {
		out, _ := Body(s)
		checkInvariants(t, s, out)
		if l := Line(s); strings.ContainsAny(l, "\n\r") || !utf8.ValidString(l) {
			t.Fatalf("Line(%q) = %q", s, l)
		}
	})
}

func BenchmarkBody(b *testing.B) {
	prose := benchProse()
	b.Run("prose", func(b *testing.B) {
		b.SetBytes(int64(len(prose)))
		b.ReportAllocs()
		for b.Loop() {
			Body(prose)
		}
	})
	scraped := benchScraped()
	b.Run("scraped", func(b *testing.B) {
		b.SetBytes(int64(len(scraped)))
		b.ReportAllocs()
		for b.Loop() {
			Body(scraped)
		}
	})
}

// benchProse is about 1 MB of plain story paragraphs with typographic
// quotes and dashes, as scraped.
func benchProse() string {
	paras := []string{
		"The finance minister said on Tuesday that the government would not seek a new loan from the fund, \u201cat least not this year,\u201d despite a widening budget gap and pressure from creditors.",
		"Talks between the two delegations \u2014 the first since the ceasefire collapsed in March \u2014 ended without agreement late on Monday, according to officials familiar with the discussions.",
		"Police in the northern city detained 14 people after protesters set fire to tyres and blocked the main road to the airport, a spokesman said.",
		"Short subhead",
		"The opposition leader, who has denied wrongdoing, called the charges \u201cpolitically motivated\u201d and said he would appeal the ruling to the supreme court.",
	}
	var b strings.Builder
	for b.Len() < 1<<20 {
		for _, p := range paras {
			b.WriteString(p)
			b.WriteString("\n\n")
		}
	}
	return b.String()
}

// benchScraped mixes story paragraphs with chrome lines.
func benchScraped() string {
	block := "Share this article\nAdjust Comment Print\n\n" +
		"The finance minister said on Tuesday that the government would not seek a new loan from the fund.\n\n" +
		"Read more: Budget gap widens\n\n" +
		"Talks between the two delegations ended without agreement late on Monday.\n\n" +
		"Related stories\nRebels seize airfield\nUN warns of famine\n\n" +
		"(Reporting by Jane Doe; Editing by John Roe)\n\u00a9 2017 Example Wire\n\n"
	return strings.Repeat(block, (1<<20)/len(block)+1)
}
