package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/record"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dyad runs the command line in-process and returns its exit code, stdout and stderr.
func dyad(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), &env{strings.NewReader(stdin), &out, &errb}, args)
	return code, out.String(), errb.String()
}

func decode(t *testing.T, out string) []record.Article {
	t.Helper()
	var recs []record.Article
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var r record.Article
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("output line is not a JSON object: %v\n%s", err, sc.Text())
		}
		recs = append(recs, r)
	}
	return recs
}

// TestCodeGolden codes the shipped example article and compares the output with the golden file.
func TestCodeGolden(t *testing.T) {
	code, out, errs := dyad(t, "", "code", "../../examples/article.txt")
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	golden := filepath.Join("testdata", "article.golden.jsonl")
	if *update {
		os.WriteFile(golden, []byte(out), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("output differs from %s (run go test -update to accept):\n got %s\nwant %s", golden, out, want)
	}
	recs := decode(t, out)
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	checkChromeGone(t, recs[0], "../../examples/article.txt",
		[]string{"Adjust Comment Print", "More news:", "Share this article", "Sign up for our daily newsletter", "All rights reserved"})
}

// TestCodeSample codes the scraped sample article of the shared data.
func TestCodeSample(t *testing.T) {
	path := shared.Path(t, "../samples/000_0e40dc00f8e0fa27.txt")
	code, out, errs := dyad(t, "", "code", path)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	recs := decode(t, out)
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	checkChromeGone(t, recs[0], path, []string{"Adjust Comment Print", "More news:"})
}

// checkChromeGone checks that r's text has none of chrome and keeps every other paragraph of the
// input file (after its title line).
func checkChromeGone(t *testing.T, r record.Article, path string, chrome []string) {
	t.Helper()
	for _, c := range chrome {
		if strings.Contains(r.Text, c) {
			t.Errorf("text still contains chrome %q", c)
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(string(raw), "\n\n")[1:] // the first is the title
	kept := 0
	for _, p := range paras {
		p = strings.TrimSpace(p)
		isChrome := p == ""
		for _, c := range chrome {
			isChrome = isChrome || strings.Contains(p, c)
		}
		if isChrome {
			continue
		}
		if !strings.Contains(r.Text, p) {
			t.Errorf("story paragraph lost:\n%s", p)
		}
		kept++
	}
	if kept == 0 {
		t.Error("no story paragraph found in the input")
	}
	if len(r.Sentences) < kept {
		t.Errorf("%d sentences for %d paragraphs", len(r.Sentences), kept)
	}
	for _, s := range r.Sentences {
		if s.Start < 0 || s.End > len(r.Text) || s.Start >= s.End {
			t.Errorf("bad sentence offsets %+v", s)
		}
	}
}

func TestCodeBadInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a_good.txt", "A headline\n\nThe minister arrived on Monday. Talks began at once.\n")
	write("b_empty.txt", "")
	write("c_binary.txt", "\x00\x01\x02binary\x00data")
	write("d_badutf8.txt", "Caf\xe9 au lait was served.\n")
	write("e_records.jsonl", `{"id":"r1","title":"One","text":"The first record is fine."}
{"id":"r2","title":"Two", "text":
{"id":"r3","title":"Three","published":"2017-04-13","text":"The third record is fine too."}
`)
	if err := os.Symlink(filepath.Join(dir, "missing.txt"), filepath.Join(dir, "f_dangling.txt")); err != nil {
		t.Fatal(err)
	}
	huge := filepath.Join(dir, "g_huge.txt")
	if err := os.WriteFile(huge, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(huge, 200<<20); err != nil {
		t.Fatal(err)
	}

	code, out, errs := dyad(t, "", "code", dir)
	if code != exitPartial {
		t.Errorf("exit %d, want %d", code, exitPartial)
	}
	recs := decode(t, out)
	var ids []string
	for _, r := range recs {
		ids = append(ids, r.Title)
	}
	if got := strings.Join(ids, ","); got != "A headline,One,Three" {
		t.Errorf("coded %q, want the three good articles in order", got)
	}
	if recs[2].Published != "2017-04-13" {
		t.Errorf("published = %q, want 2017-04-13", recs[2].Published)
	}
	for _, want := range []string{"b_empty.txt", "c_binary.txt", "d_badutf8.txt", "e_records.jsonl:2", "f_dangling.txt", "g_huge.txt", "6 article(s) failed"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr does not name %q:\n%s", want, errs)
		}
	}
}

func TestCodeStdin(t *testing.T) {
	code, out, errs := dyad(t, "Title line\n\nBody text is here. And more.\n", "code", "-")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs := decode(t, out)
	if len(recs) != 1 || recs[0].Title != "Title line" || len(recs[0].Sentences) != 2 || recs[0].Lang != "en" {
		t.Errorf("unexpected record %+v", recs)
	}
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args []string
		code int
		out  string
	}{
		{nil, exitUsage, ""},
		{[]string{"nonsense"}, exitUsage, ""},
		{[]string{"code", "--no-such-flag"}, exitUsage, ""},
		{[]string{"eval"}, exitUsage, ""},
		{[]string{"eval", "nlp"}, exitUsage, ""},
		{[]string{"eval", "unknown", "--gold", "x"}, exitUsage, ""},
		{[]string{"help"}, exitOK, "Commands:"},
		{[]string{"help", "code"}, exitOK, "example:"},
		{[]string{"code", "--help"}, exitOK, ""},
		{[]string{"version"}, exitOK, "dyad"},
	}
	for _, tt := range tests {
		code, out, _ := dyad(t, "", tt.args...)
		if code != tt.code || !strings.Contains(out, tt.out) {
			t.Errorf("dyad %v: exit %d, output %q; want exit %d and %q", tt.args, code, out, tt.code, tt.out)
		}
	}
}

// TestCodeSampleQuotes checks the quotes of the scraped sample article: who said what, and the
// scare quote of its title.
func TestCodeSampleQuotes(t *testing.T) {
	path := shared.Path(t, "../samples/000_0e40dc00f8e0fa27.txt")
	code, out, errs := dyad(t, "", "code", "--date", "2017-04-13", path)
	if code != exitOK {
		t.Fatalf("exit %d, stderr:\n%s", code, errs)
	}
	r := decode(t, out)[0]
	want := map[string]string{ // a words of the quote → the speaker's name in the knowledge base
		"fairly constructive":               "Dmitry Peskov",
		"degraded":                          "Vladimir Putin",
		"could have known":                  "Donald Trump",
		"Let us view this moment of crisis": "Staffan de Mistura",
		"I think it's very bad for mankind": "Donald Trump",
		"there needs to be a very thorough": "Sergey Lavrov",
	}
	for words, speaker := range want {
		found := false
		for _, q := range r.Quotes {
			if strings.Contains(q.Text, words) && q.Speaker != nil && q.Speaker.Name == speaker {
				found = true
			}
		}
		if !found {
			t.Errorf("no quote with %q attributed to %s", words, speaker)
		}
	}
	scare := false
	for _, q := range r.Quotes {
		if q.Text == "all-time low" && q.Scare && q.InTitle && q.Speaker == nil {
			scare = true
		}
	}
	if !scare {
		t.Error("'all-time low' in the title is not a scare quote")
	}
	if t.Failed() {
		for _, q := range r.Quotes {
			t.Logf("quote %q speaker %+v", q.Text, q.Speaker)
		}
	}
}
