package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/ingest"
	"github.com/dyad-project/dyad/store/storetest"
)

// writeCorpus writes the made-up articles of storetest.News into files of per articles each
// under dir, and returns the articles as dyad reads them back.
func writeCorpus(t *testing.T, dir string, n, per int) []*article.Article {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	arts := storetest.News(n, 42)
	for i := 0; i < n; i += per {
		f, err := os.Create(filepath.Join(dir, "part-"+strconv.Itoa(i/per)+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		if err := storetest.WriteJSONL(f, arts[i:min(i+per, n)]); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	var read []*article.Article
	for a, err := range article.Read(context.Background(), []string{dir}, article.Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		read = append(read, a)
	}
	if len(read) != n {
		t.Fatalf("read back %d articles, want %d", len(read), n)
	}
	return read
}

func openStore(t *testing.T, path string) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestIngestCommand ingests a small corpus with bad records, twice, and prints relations.
func TestIngestCommand(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	writeCorpus(t, corpus, 40, 25)
	if err := os.WriteFile(filepath.Join(corpus, "broken.jsonl"), []byte(`{"id":"b1","text":"fine"}`+"\n"+`{"id":`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corpus, "scan.txt"), []byte("\x00\x01\x02binary"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")

	code, _, errs := dyad(t, "", "ingest", "--store", db, "--workers", "2", corpus)
	if code != exitPartial {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitPartial, errs)
	}
	for _, want := range []string{"broken.jsonl:2: malformed", "scan.txt: binary content", "2 article(s) failed",
		"msg=\"ingest done\" read=41 stored=41 skipped=0 failed=2"} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	s := openStore(t, db)
	c1, err := s.Counts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if c1.Articles != 41 || c1.Errors != 2 || c1.Events == 0 {
		t.Errorf("counts %+v, want 41 articles, 2 errors", c1)
	}
	es, _ := s.Errors(context.Background())
	if len(es) != 2 || !strings.HasSuffix(es[0].Source, "broken.jsonl") || es[0].Position != 2 || !strings.HasSuffix(es[1].Source, "scan.txt") {
		t.Errorf("errors table: %+v", es)
	}

	// Again, flags after the source: everything is skipped.
	code, _, errs = dyad(t, "", "ingest", corpus, "--store", db)
	if code != exitPartial || !strings.Contains(errs, "read=41 stored=0 skipped=41 failed=2") {
		t.Errorf("second ingest: exit %d, stderr:\n%s", code, errs)
	}
	if c, _ := s.Counts(context.Background()); c != c1 {
		t.Errorf("after the second ingest: %+v, want %+v", c, c1)
	}

	// Relations, as JSON and as a table, agree with the store.
	want, err := s.Relations(context.Background(), store.RelationsQuery{A: "USA", B: "RUS", By: "week", From: time.Date(2017, 3, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := dyad(t, "", "relations", "usa", "RUS", "--store", db, "--by", "week", "--from", "2017-03-01", "--json")
	if code != exitOK {
		t.Fatalf("relations: exit %d, stderr:\n%s", code, errs)
	}
	var got struct {
		Query map[string]any       `json:"query"`
		Rows  []store.RelationsRow `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("relations --json: %v\n%s", err, out)
	}
	if wj, gj := mustJSON(t, want), mustJSON(t, got.Rows); wj != gj || len(want) == 0 {
		t.Errorf("relations --json rows:\n got %s\nwant %s", gj, wj)
	}
	if got.Query["a"] != "USA" || got.Query["by"] != "week" || got.Query["from"] != "2017-03-01" {
		t.Errorf("query echoed: %v", got.Query)
	}
	code, out, _ = dyad(t, "", "relations", "--store", db, "--by", "week", "--from", "2017-03-01", "USA", "RUS")
	if code != exitOK || !strings.Contains(out, "USA ↔ RUS, by week") || !strings.Contains(out, "material conflict") ||
		strings.Count(out, "\n") != len(want)+3 {
		t.Errorf("relations table: exit %d\n%s", code, out)
	}
	code, out, _ = dyad(t, "", "relations", "--store", db, "FRA", "DEU", "--directed")
	if code != exitOK || !strings.Contains(out, "no events FRA → DEU") {
		t.Errorf("relations without events: exit %d\n%s", code, out)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestIngestRelationsUsage(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"ingest", "--store", filepath.Join(dir, "a.db")}, exitUsage, "usage: dyad ingest"},
		{[]string{"ingest", "--nope", "x"}, exitUsage, "flag provided but not defined"},
		{[]string{"ingest", "--store", filepath.Join(dir, "no", "dir", "a.db"), "x"}, exitPartial, "dyad: ingest:"},
		{[]string{"relations"}, exitUsage, "usage: dyad relations"},
		{[]string{"relations", "A", "B", "C"}, exitUsage, "usage: dyad relations"},
		{[]string{"relations", "USA", "RUS", "--by", "year"}, exitUsage, "--by: want day, week or month"},
		{[]string{"relations", "USA", "RUS", "--from", "2017"}, exitUsage, "--from: want YYYY-MM-DD"},
		{[]string{"relations", "US'A"}, exitUsage, "want a CAMEO code"},
		{[]string{"relations", "USA", "--store", filepath.Join(dir, "missing.db")}, exitPartial, "no store at"},
	} {
		code, _, errs := dyad(t, "", tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) {
			t.Errorf("dyad %s: exit %d, stderr %q; want exit %d and %q", strings.Join(tc.args, " "), code, errs, tc.code, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "missing.db")); err == nil {
		t.Error("relations made a store")
	}
}

// TestIngestKilled builds dyad, starts an ingest of a few thousand articles, kills it with
// SIGKILL while it writes, and runs it again: every article is then stored once, with the same
// counts and merged events as an ingest that was not interrupted.
func TestIngestKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds dyad and ingests 3,000 articles; not with -short")
	}
	dir := t.TempDir()
	bin := buildDyad(t, dir)
	const n, batch = 3000, 100
	corpus := filepath.Join(dir, "corpus")
	arts := writeCorpus(t, corpus, n, 500)
	db := filepath.Join(dir, "killed.db")
	ingestArgs := []string{"ingest", "--store", db, "--batch", strconv.Itoa(batch), "--workers", "1", "--log-every", "20ms", corpus}

	// Start, and kill once a few batches are stored.
	killAfterStored(t, exec.Command(bin, ingestArgs...), 3*batch)
	s := openStore(t, db)
	ctx := context.Background()
	before, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if before.Articles == 0 || before.Articles >= n || before.Articles%batch != 0 {
		t.Fatalf("after the kill %d articles are stored, want a whole number of batches of %d, fewer than %d", before.Articles, batch, n)
	}

	// Run again: it goes on where it stopped.
	out, err := exec.Command(bin, ingestArgs...).CombinedOutput()
	if err != nil {
		t.Fatalf("second ingest: %v\n%s", err, out)
	}
	wantDone := "read=" + strconv.Itoa(n) + " stored=" + strconv.Itoa(n-before.Articles) + " skipped=" + strconv.Itoa(before.Articles) + " failed=0"
	if !strings.Contains(string(out), wantDone) {
		t.Errorf("second ingest did not resume (want %q):\n%s", wantDone, out)
	}

	// Every article is stored once, from its content.
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	hashes, err := s.ContentHashes(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range arts {
		if h, ok := hashes[a.ID]; !ok || h != ingest.Hash(a) {
			t.Errorf("article %s: stored %v with hash %q, want %q", a.ID, ok, h, ingest.Hash(a))
		}
	}
	got, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}

	// The same as an ingest in one go.
	clean := filepath.Join(dir, "clean.db")
	if out, err := exec.Command(bin, "ingest", "--store", clean, corpus).CombinedOutput(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, out)
	}
	cs := openStore(t, clean)
	want, err := cs.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got != want || got.Articles != n || got.Mentions != got.Events {
		t.Errorf("killed and resumed: %+v\nin one go: %+v", got, want)
	}
	gm, err := s.MergedEvents(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	wm, err := cs.MergedEvents(ctx, store.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ms := range [][]store.MergedEvent{gm, wm} {
		for i := range ms {
			ms[i].ID = 0
		}
		slices.SortFunc(ms, func(x, y store.MergedEvent) int {
			return strings.Compare(x.Day+x.Source+"\x00"+x.Target+"\x00"+x.Code+"\x00"+x.Location,
				y.Day+y.Source+"\x00"+y.Target+"\x00"+y.Code+"\x00"+y.Location)
		})
	}
	if mustJSON(t, gm) != mustJSON(t, wm) {
		t.Errorf("merged events differ between the killed and resumed ingest and one in one go")
	}
}

// buildDyad builds the dyad command into dir and returns its path.
func buildDyad(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "dyad")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// killAfterStored runs an ingest and kills it (SIGKILL) once its progress lines report at least
// n articles stored, and returns what it wrote on stderr. It fails the test if the ingest ends by
// itself.
func killAfterStored(t *testing.T, cmd *exec.Cmd, n int) []string {
	t.Helper()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	storedRE := regexp.MustCompile(`stored=(\d+)`)
	sc := bufio.NewScanner(stderr)
	var log []string
	killed := false
	for sc.Scan() {
		log = append(log, sc.Text())
		if m := storedRE.FindStringSubmatch(sc.Text()); m != nil && !killed {
			if k, _ := strconv.Atoi(m[1]); k >= n {
				if err := cmd.Process.Kill(); err != nil { // SIGKILL
					t.Fatal(err)
				}
				killed = true
			}
		}
	}
	err = cmd.Wait()
	if !killed || err == nil {
		t.Fatalf("the ingest was not killed (%v):\n%s", err, strings.Join(log, "\n"))
	}
	return log
}
