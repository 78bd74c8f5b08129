package ecbplus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/shared"
)

func TestParseName(t *testing.T) {
	for _, c := range []struct {
		name        string
		topic, num  int
		plus, valid bool
	}{
		{"39_1ecb.xml", 39, 1, false, true},
		{"39_12ecbplus.xml", 39, 12, true, true},
		{"1_3ecbplus.xml", 1, 3, true, true},
		{"39_1ecb.txt", 0, 0, false, false},
		{"39ecb.xml", 0, 0, false, false},
		{"x_1ecb.xml", 0, 0, false, false},
		{"39_1.xml", 0, 0, false, false},
		{"README.txt", 0, 0, false, false},
	} {
		topic, num, plus, ok := ParseName(c.name)
		if ok != c.valid || ok && (topic != c.topic || num != c.num || plus != c.plus) {
			t.Errorf("ParseName(%q) = %d, %d, %v, %v; want %d, %d, %v, %v", c.name, topic, num, plus, ok, c.topic, c.num, c.plus, c.valid)
		}
	}
}

func TestReadFile(t *testing.T) {
	d, err := ReadFile("testdata/3/3_1ecb.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := "A prisoner escaped from the jail, police said.\nHe wasn't seen (again) in \"Smith & Co\"'s yard."
	if d.Text != want {
		t.Errorf("text:\n%q\nwant\n%q", d.Text, want)
	}
	if d.Topic != 3 || d.Num != 1 || d.Plus || d.URL != "" || d.Cluster() != "3ecb" || d.Name != "3_1ecb.xml" {
		t.Errorf("got %+v, cluster %q", d, d.Cluster())
	}

	d, err = ReadFile("testdata/3/3_2ecbplus.xml")
	if err != nil {
		t.Fatal(err)
	}
	if d.URL != "http://www.example.com/a" {
		t.Errorf("URL %q", d.URL)
	}
	want = "Quake of magnitude 6.1 at 10:04 on 2/3/2009.\nIt said \"run\"."
	if d.Text != want {
		t.Errorf("text:\n%q\nwant\n%q", d.Text, want)
	}
	if !d.Plus || d.Cluster() != "3ecbplus" {
		t.Errorf("got %+v, cluster %q", d, d.Cluster())
	}
}

func TestReadFileErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "1_1ecb.xml")
	if err := os.WriteFile(bad, []byte("<Document><token sentence=\"x\">a</token></Document>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(bad); err == nil {
		t.Error("bad sentence number: no error")
	}
	if err := os.WriteFile(bad, []byte("<Other/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadFile(bad); err == nil {
		t.Error("no <Document>: no error")
	}
	if _, err := ReadFile(filepath.Join(dir, "notes.xml")); err == nil {
		t.Error("bad name: no error")
	}
	if _, err := ReadDir(t.TempDir()); err == nil {
		t.Error("empty directory: no error")
	}
}

func TestReadDir(t *testing.T) {
	docs, err := ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].Name != "3_1ecb.xml" || docs[1].Name != "3_2ecbplus.xml" {
		t.Fatalf("got %d documents: %+v", len(docs), docs)
	}
}

func TestDetokenize(t *testing.T) {
	for _, c := range []struct {
		toks []string
		want string
	}{
		{[]string{"Hello", ",", "world", "!"}, "Hello, world!"},
		{[]string{"-LRB-", "a", "-RRB-", "b"}, "(a) b"},
		{[]string{"$", "5", "and", "10", "%"}, "$5 and 10%"},
		{[]string{"ends", "at", "5", "."}, "ends at 5."},
		{[]string{"at", "5", ".", "Then"}, "at 5. Then"},
		{[]string{"``", "Hi", "''", "he", "said"}, `"Hi" he said`},
	} {
		if got := Detokenize(c.toks); got != c.want {
			t.Errorf("Detokenize(%q) = %q, want %q", c.toks, got, c.want)
		}
	}
}

// TestECBPlus reads the ECB+ documents of the shared data: every topic has its two halves.
func TestECBPlus(t *testing.T) {
	dir := shared.Path(t, "clustering/ecbplus")
	docs, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	clusters := map[string]int{}
	topics := map[int]bool{}
	urls := 0
	for _, d := range docs {
		clusters[d.Cluster()]++
		topics[d.Topic] = true
		if d.Text == "" {
			t.Errorf("%s: no text", d.Name)
		}
		if d.URL != "" {
			urls++
			if !d.Plus {
				t.Errorf("%s: an ecb document with a URL", d.Name)
			}
		}
	}
	if len(clusters) != 2*len(topics) {
		t.Errorf("%d clusters in %d topics", len(clusters), len(topics))
	}
	t.Logf("%d documents, %d topics, %d clusters, %d URLs", len(docs), len(topics), len(clusters), urls)
	if len(docs) < 100 {
		t.Errorf("only %d documents", len(docs))
	}
}
