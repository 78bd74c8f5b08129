package store

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
)

// The schema of each backend is a series of migrations, migrations/BACKEND/NNNN_name.sql,
// applied in order of NNNN. A database records the versions it has in its schema_version table;
// each migration is applied, and recorded, in one transaction.
//
//go:embed migrations
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the migrations of backend ("sqlite" or "postgres") in order.
func migrations(backend string) ([]migration, error) {
	dir := path.Join("migrations", backend)
	ents, err := fs.ReadDir(migrationFiles, dir)
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("store: migration %s/%s: name is not NNNN_name.sql", dir, name)
		}
		b, err := fs.ReadFile(migrationFiles, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{v, name, string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("store: migrations %s and %s have the same version", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// SchemaVersion is the schema version this build of dyad migrates databases to.
func SchemaVersion() int {
	ms, err := migrations("sqlite")
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}
