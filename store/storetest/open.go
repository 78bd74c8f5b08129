package storetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dyad-project/dyad/store"
)

// DefaultPostgresDSN is the PostgreSQL server the tests use when DYAD_PG_DSN is not set.
const DefaultPostgresDSN = "postgres://postgres@127.0.0.1:5432/test?sslmode=disable"

// SQLite opens a new SQLite store in a temporary directory, closed when t ends.
func SQLite(t testing.TB) store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresDSN returns the DSN of the test server: $DYAD_PG_DSN, or DefaultPostgresDSN.
func PostgresDSN() string {
	if dsn := os.Getenv("DYAD_PG_DSN"); dsn != "" {
		return dsn
	}
	return DefaultPostgresDSN
}

var (
	pgOnce    sync.Once
	pgErr     error
	pgSchemas atomic.Int64
)

// Postgres opens a store in a new schema of the test server (see PostgresDSN), and drops the
// schema when t ends. It skips t when the server cannot be reached, or fails it when the
// environment variable CI is "true".
func Postgres(t testing.TB) store.Store {
	t.Helper()
	ctx := context.Background()
	dsn := PostgresDSN()
	pgOnce.Do(func() {
		cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		conn, err := pgx.Connect(cctx, dsn)
		if err != nil {
			pgErr = err
			return
		}
		pgErr = conn.Ping(cctx)
		conn.Close(cctx)
	})
	if pgErr != nil {
		msg := fmt.Sprintf("PostgreSQL at %s (DYAD_PG_DSN) cannot be reached: %v", dsn, pgErr)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg + "; skipping")
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatalf("DYAD_PG_DSN is not a URL: %v", err)
	}
	schema := fmt.Sprintf("dyadtest_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e9, pgSchemas.Add(1))
	admin, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := store.Open(ctx, u.String())
	if err != nil {
		dropSchema(dsn, schema)
		t.Fatal(err)
	}
	t.Cleanup(func() {
		s.Close()
		if err := dropSchema(dsn, schema); err != nil {
			t.Errorf("dropping test schema %s: %v", schema, err)
		}
	})
	return s
}

func dropSchema(dsn, schema string) error {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "DROP SCHEMA "+schema+" CASCADE")
	return err
}
