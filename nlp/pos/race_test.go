//go:build race

package pos

const raceEnabled = true
