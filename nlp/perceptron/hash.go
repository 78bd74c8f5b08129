package perceptron

import "math/bits"

// Feature hashing.
//
// A feature is a uint64 built from a template id (a small constant chosen by
// the caller, one per feature template) and one or more values (strings, byte
// slices or integers). The helpers below never allocate; the Lower variants
// fold ASCII letters A–Z to lower case while hashing, eight bytes at a time,
// so callers need not build a lower-cased copy of a word. Bytes ≥ 0x80 are
// hashed unchanged.
//
// A feature value is never 0 (0 marks an empty slot in the model's tables).

const (
	k0 = 0x9e3779b97f4a7c15
	k1 = 0xbf58476d1ce4e5b9
	k2 = 0x94d049bb133111eb
	k3 = 0xff51afd7ed558ccd
)

// fmix is the splitmix64 finaliser: a bijective 64-bit avalanche.
func fmix(x uint64) uint64 {
	x ^= x >> 30
	x *= k1
	x ^= x >> 27
	x *= k2
	x ^= x >> 31
	return x
}

func nonzero(h uint64) uint64 {
	if h == 0 {
		return k0
	}
	return h
}

// lower8 folds the ASCII capitals among the eight bytes of v to lower case.
func lower8(v uint64) uint64 {
	const (
		lo7  = 0x7f7f7f7f7f7f7f7f
		high = 0x8080808080808080
		addA = 0x3f3f3f3f3f3f3f3f // 0x80 - 'A'
		addZ = 0x2525252525252525 // 0x80 - 'Z' - 1
	)
	h := v & lo7
	isUpper := (h + addA) &^ (h + addZ) &^ v & high
	return v | isUpper>>2
}

func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// loadTail loads 1–7 bytes into the low bytes of a uint64.
func loadTail(s string) uint64 {
	var v uint64
	switch n := len(s); {
	case n >= 4:
		v = uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24
		t := s[n-4:]
		w := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24
		v |= w << (8 * uint(n-4))
	default:
		for i := 0; i < n; i++ {
			v |= uint64(s[i]) << (8 * uint(i))
		}
	}
	return v
}

func hashString(tmpl uint64, s string, lower bool) uint64 {
	h := (tmpl+1)*k0 ^ uint64(len(s))*k3
	for len(s) >= 8 {
		v := load8(s)
		if lower {
			v = lower8(v)
		}
		h = bits.RotateLeft64((h^v)*k1, 31)
		s = s[8:]
	}
	if len(s) > 0 {
		v := loadTail(s)
		if lower {
			v = lower8(v)
		}
		h = bits.RotateLeft64((h^v)*k2, 29)
	}
	return nonzero(fmix(h))
}

// Hash returns the feature for template tmpl and value s.
func Hash(tmpl uint64, s string) uint64 { return hashString(tmpl, s, false) }

// HashLower is Hash of the ASCII lower-cased s, computed without copying s.
func HashLower(tmpl uint64, s string) uint64 { return hashString(tmpl, s, true) }

// HashBytes is Hash(tmpl, string(b)) without the conversion.
func HashBytes(tmpl uint64, b []byte) uint64 { return hashString(tmpl, bytesToString(b), false) }

// HashLowerBytes is HashLower(tmpl, string(b)) without the conversion.
func HashLowerBytes(tmpl uint64, b []byte) uint64 {
	return hashString(tmpl, bytesToString(b), true)
}

// HashInt returns the feature for template tmpl and an integer value (a tag,
// a flag, a bucketed count...).
func HashInt(tmpl, v uint64) uint64 {
	return nonzero(fmix((tmpl+1)*k0 ^ fmix(v+k3)))
}

// Combine mixes another value into a feature or partial hash, for conjunction
// features such as (template, previous tag, word): Combine(HashLower(t, w), tag).
// Combine(h, a) and Combine(h, b) differ for a ≠ b, and the operation is not
// symmetric in its arguments.
func Combine(h, v uint64) uint64 {
	return nonzero(fmix(bits.RotateLeft64(h, 23)*k3 ^ (v+1)*k0))
}
