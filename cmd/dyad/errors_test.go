package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/store"
)

// TestErrorsAndStories ingests a corpus with bad records, then lists what failed and the
// stories with "dyad errors" and "dyad stories", as tables and as JSON.
func TestErrorsAndStories(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "corpus")
	writeCorpus(t, corpus, 30, 10)
	if err := os.WriteFile(filepath.Join(corpus, "broken.jsonl"), []byte(`{"id":"b1","text":"fine"}`+"\n"+`{"id":`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "x.db")

	code, out, errs := dyad(t, "", "errors", "--store", db)
	if code != exitOK || out != "no errors recorded\n" {
		t.Errorf("errors of an empty store: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := dyad(t, "", "ingest", "--store", db, corpus); code != exitPartial {
		t.Fatalf("ingest: exit %d, stderr:\n%s", code, errs)
	}

	code, out, _ = dyad(t, "", "errors", "--store", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 2 || !strings.HasPrefix(lines[0], "source") ||
		!strings.Contains(lines[1], "broken.jsonl  2 ") || !strings.Contains(lines[1], "malformed") {
		t.Errorf("errors: exit %d\n%s", code, out)
	}
	code, out, _ = dyad(t, "", "errors", "--store", db, "--json")
	var rec store.ErrorRecord
	if err := json.Unmarshal([]byte(out), &rec); code != exitOK || err != nil || rec.Position != 2 ||
		!strings.HasSuffix(rec.Source, "broken.jsonl") || rec.Time.IsZero() {
		t.Errorf("errors --json: exit %d, %v\n%s", code, err, out)
	}

	s := openStore(t, db)
	want, err := s.Stories(t.Context(), 3)
	if err != nil || len(want) != 3 {
		t.Fatalf("stories in the store: %v, %v", want, err)
	}
	code, out, _ = dyad(t, "", "stories", "--store", db, "--limit", "3")
	lines = strings.Split(strings.TrimSpace(out), "\n")
	if code != exitOK || len(lines) != 4 || !strings.HasPrefix(lines[1], want[0].ID+" ") || !strings.HasSuffix(lines[1], want[0].Title) {
		t.Errorf("stories: exit %d\n%s", code, out)
	}
	code, out, _ = dyad(t, "", "stories", "--store", db, "--json", "--limit", "3")
	var got []store.Story
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var s store.Story
		if err := dec.Decode(&s); err != nil {
			t.Fatal(err)
		}
		got = append(got, s)
	}
	if code != exitOK || mustJSON(t, got) != mustJSON(t, want) {
		t.Errorf("stories --json: exit %d\n got %s\nwant %s", code, mustJSON(t, got), mustJSON(t, want))
	}
}
