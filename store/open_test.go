package store_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/record"
	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/storetest"
)

// TestSQLiteReopen opens a store file again: the schema is not migrated twice and what was
// written is there.
func TestSQLiteReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.Article("a", "AP", "2017-04-12", []string{"One."}, storetest.Event("040", 1, 1, "USA", "RUS", ""))
	if err := s.PutArticles(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.PutArticles(ctx, []*record.Article{a}); err != nil {
		t.Fatal(err)
	}
	c1, _ := s.Counts(ctx)
	s.Close()
	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	c2, _ := s.Counts(ctx)
	s.Close()
	if c1 != c2 || c1.Articles != 1 {
		t.Errorf("reopened: %+v, want %+v", c2, c1)
	}
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n, v int
	if err := db.QueryRow(`SELECT count(*), max(version) FROM schema_version`).Scan(&n, &v); err != nil {
		t.Fatal(err)
	}
	if n != store.SchemaVersion() || v != store.SchemaVersion() {
		t.Errorf("schema_version has %d rows, version %d; want %[3]d, %[3]d", n, v, store.SchemaVersion())
	}
	// A database from a newer dyad is refused.
	if _, err := db.Exec(`INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future.sql', '')`); err != nil {
		t.Fatal(err)
	}
	if s, err := store.Open(ctx, path); err == nil || !strings.Contains(err.Error(), "newer") {
		if err == nil {
			s.Close()
		}
		t.Errorf("opening a newer schema: %v, want an error", err)
	}
}

// TestOpenDefault opens ./dyad.db for an empty DSN.
func TestOpenDefault(t *testing.T) {
	t.Chdir(t.TempDir())
	s, err := store.Open(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if m, _ := filepath.Glob(store.DefaultPath); len(m) != 1 {
		t.Errorf("no %s made", store.DefaultPath)
	}
}

// TestOpenBad fails to open stores that cannot be.
func TestOpenBad(t *testing.T) {
	ctx := context.Background()
	if s, err := store.Open(ctx, filepath.Join(t.TempDir(), "no", "such", "dir", "x.db")); err == nil {
		s.Close()
		t.Error("opened a store in a directory that does not exist")
	}
	if s, err := store.Open(ctx, "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"); err == nil {
		s.Close()
		t.Error("opened a PostgreSQL store where no server listens")
	}
}
