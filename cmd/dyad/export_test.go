package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestExport ingests the example article and exports its merged events in each text format.
func TestExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dyad.db")
	if code, _, errs := dyad(t, "", "ingest", "--store", db, "--date", "2019-06-01", "../../examples/article.txt"); code != exitOK {
		t.Fatalf("ingest: exit %d: %s", code, errs)
	}
	code, out, errs := dyad(t, "", "export", "--store", db, "--format", "gdelt2")
	if code != exitOK {
		t.Fatalf("export: exit %d: %s", code, errs)
	}
	rows := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(rows) == 0 || rows[0] == "" {
		t.Fatal("no rows exported")
	}
	for _, r := range rows {
		if n := len(strings.Split(r, "\t")); n != 61 {
			t.Errorf("GDELT 2.0 row with %d columns, want 61: %q", n, r)
		}
	}
	code, out, _ = dyad(t, "", "export", "--store", db, "--format", "jsonl", "--source", "FRA")
	if code != exitOK {
		t.Fatalf("export jsonl: exit %d", code)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var row struct {
			Day    string `json:"day"`
			Source struct {
				Code string `json:"code"`
			} `json:"source"`
		}
		if err := json.Unmarshal([]byte(line), &row); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		if !strings.HasPrefix(row.Source.Code, "FRA") || row.Day == "" {
			t.Errorf("row %q: want a FRA source and a day", line)
		}
	}
	if code, _, _ := dyad(t, "", "export", "--store", db, "--format", "nonsense"); code != exitUsage {
		t.Errorf("unknown format: exit %d, want %d", code, exitUsage)
	}
}
