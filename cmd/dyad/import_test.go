package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dyad-project/dyad/exchange"
	"github.com/dyad-project/dyad/store"
)

// gdeltRows writes GDELT 2.0 lines of hand-made events between the United States and Russia:
// two in April 2017 (one cooperative, one conflictual) and one in May.
func gdeltRows(t *testing.T) []string {
	t.Helper()
	usa := exchange.Actor{Code: "USAGOV", Name: "UNITED STATES", CountryCode: "USA", Type1Code: "GOV"}
	rus := exchange.Actor{Code: "RUSGOV", Name: "RUSSIA", CountryCode: "RUS", Type1Code: "GOV"}
	tone := -1.5
	rows := []exchange.Event{
		{GlobalEventID: 1, Day: exchange.Date{Year: 2017, Month: time.April, Day: 12}, Source: usa, Target: rus,
			EventCode: "040", EventBaseCode: "040", EventRootCode: "04", QuadClass: 1, GoldsteinScale: 1, AvgTone: &tone,
			SourceURL: "https://www.example.com/a"},
		{GlobalEventID: 2, Day: exchange.Date{Year: 2017, Month: time.April, Day: 20}, Source: rus, Target: usa,
			EventCode: "112", EventBaseCode: "112", EventRootCode: "11", QuadClass: 3, GoldsteinScale: -2,
			SourceURL: "https://example.org/b"},
		{GlobalEventID: 3, Day: exchange.Date{Year: 2017, Month: time.May, Day: 3}, Source: usa, Target: rus,
			EventCode: "190", EventBaseCode: "190", EventRootCode: "19", QuadClass: 4, GoldsteinScale: -10},
	}
	var b bytes.Buffer
	if err := exchange.WriteGDELT2(&b, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
}

func TestImport(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "dyad.db")
	lines := gdeltRows(t)

	// A GDELT 2.0 zip as GDELT ships it, with the first two rows.
	zipPath := filepath.Join(dir, "20170412101500.export.CSV.zip")
	var zb bytes.Buffer
	zw := zip.NewWriter(&zb)
	w, err := zw.Create("20170412101500.export.CSV")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(lines[0] + "\n" + lines[1] + "\n"))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(zipPath, zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// A plain file, told by its first line, with the third row after a bad line.
	plain := filepath.Join(dir, "more.tsv")
	if err := os.WriteFile(plain, []byte(lines[2]+"\nnot\ta\trow\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	var counts store.Counts
	for run := range 2 {
		code, _, errs := dyad(t, "", "import", "--store", db, zipPath, plain)
		if code != exitPartial {
			t.Fatalf("run %d: exit %d, want %d (one bad row): %s", run, code, exitPartial, errs)
		}
		for _, want := range []string{plain + ":2: 3 columns, want 61", "imported=3 failed=1", "1 row(s) or file(s) failed"} {
			if !strings.Contains(errs, want) {
				t.Errorf("run %d: stderr lacks %q:\n%s", run, want, errs)
			}
		}
		st, err := store.Open(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		c, err := st.Counts(context.Background())
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if run == 0 {
			counts = c
			if c.Articles != 3 || c.Events != 3 || c.MergedEvents != 3 || c.Errors != 1 {
				t.Errorf("counts %+v; want 3 articles, events and merged events, and 1 error", c)
			}
		} else if c != counts {
			t.Errorf("importing again: counts %+v, first %+v", c, counts)
		}
	}

	code, out, errs := dyad(t, "", "relations", "--store", db, "--json", "--by", "month", "USA", "RUS")
	if code != exitOK {
		t.Fatalf("relations: exit %d: %s", code, errs)
	}
	var rel struct {
		Rows []store.RelationsRow `json:"rows"`
	}
	if err := json.Unmarshal([]byte(out), &rel); err != nil {
		t.Fatalf("relations output: %v\n%s", err, out)
	}
	want := []store.RelationsRow{
		{Period: "2017-04-01", Events: 2, Mentions: 2, Quad: [4]int{1, 0, 1, 0}, GoldsteinSum: -1, GoldsteinMean: -0.5},
		{Period: "2017-05-01", Events: 1, Mentions: 1, Quad: [4]int{0, 0, 0, 1}, GoldsteinSum: -10, GoldsteinMean: -10},
	}
	for i := range rel.Rows {
		rel.Rows[i].ToneMean = nil
	}
	if !slices.Equal(rel.Rows, want) {
		t.Errorf("relations %+v, want %+v", rel.Rows, want)
	}

	// Standard input, with the format named.
	code, _, errs = dyad(t, lines[0]+"\n", "import", "--store", db, "--format", "gdelt2", "-")
	if code != exitOK || !strings.Contains(errs, "imported=1 failed=0") {
		t.Errorf("import -: exit %d: %s", code, errs)
	}
}

func TestImportUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dyad.db")
	for _, tt := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"import", "--store", db}, exitUsage, "example:"},
		{[]string{"import", "--store", db, "--format", "csv", "x.tsv"}, exitUsage, "unknown format"},
		{[]string{"import", "--no-such-flag"}, exitUsage, ""},
		{[]string{"import", "--store", db, filepath.Join(t.TempDir(), "missing.tsv")}, exitPartial, "no such file"},
	} {
		code, _, errs := dyad(t, "", tt.args...)
		if code != tt.code || !strings.Contains(errs, tt.out) {
			t.Errorf("dyad %v: exit %d, stderr %q; want exit %d and %q", tt.args, code, errs, tt.code, tt.out)
		}
	}
	if code, out, _ := dyad(t, "", "help", "import"); code != exitOK || !strings.Contains(out, "example:") {
		t.Errorf("help import: exit %d, %q", code, out)
	}
}
