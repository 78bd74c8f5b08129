//go:build race

package ingest_test

// raceEnabled is true when the tests run with the race detector, which makes coding and
// SQLite about ten times slower.
const raceEnabled = true
