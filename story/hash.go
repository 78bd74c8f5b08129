package story

import "github.com/zeebo/xxh3"

// hashString returns the 64-bit XXH3 hash of s.
func hashString(s string) uint64 { return xxh3.HashString(s) }

// hashBytes returns the 64-bit XXH3 hash of b.
func hashBytes(b []byte) uint64 { return xxh3.Hash(b) }

// hashBytesSeed returns the 64-bit XXH3 hash of b with a seed.
func hashBytesSeed(b []byte, seed uint64) uint64 { return xxh3.HashSeed(b, seed) }
