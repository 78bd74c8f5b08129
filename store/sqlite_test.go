package store_test

import (
	"testing"

	"github.com/dyad-project/dyad/store"
	"github.com/dyad-project/dyad/store/storetest"
)

func TestSQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return storetest.SQLite(t) })
}

func TestPostgres(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return storetest.Postgres(t) })
}
