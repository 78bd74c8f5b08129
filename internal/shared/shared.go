// Package shared locates the evaluation data that tests and benchmarks read: $DYAD_SHARED, or
// ../shared/data beside the module root. When the data is absent, tests skip — unless CI=true,
// where they fail, so that CI never passes by skipping.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the directory of the shared evaluation data, or "" when it cannot be found.
func Dir() string {
	if d := os.Getenv("DYAD_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for d := wd; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			data := filepath.Join(d, "..", "shared", "data")
			if fi, err := os.Stat(data); err == nil && fi.IsDir() {
				return data
			}
			return ""
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}

// Path returns the path of rel inside the shared data. When it does not exist, Path skips tb,
// or fails it when the environment variable CI is "true".
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	dir := Dir()
	p := filepath.Join(dir, rel)
	if dir != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		tb.Fatalf("shared evaluation data %q not found (set DYAD_SHARED); it is required when CI=true", rel)
	}
	tb.Skipf("shared evaluation data %q not found (set DYAD_SHARED to run this test)", rel)
	return ""
}
