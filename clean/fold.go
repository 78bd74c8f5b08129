package clean

// Small ASCII case-insensitive string helpers. All patterns are lower-case
// ASCII; the subject may contain any UTF-8 (non-ASCII bytes never match an
// ASCII pattern byte, so no decoding is needed).

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

func isLetter(c byte) bool { c |= 0x20; return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isAlnum(c byte) bool  { return isLetter(c) || isDigit(c) }

// hasPrefixFold reports whether s begins with the lower-case pattern p,
// ignoring ASCII case.
func hasPrefixFold(s, p string) bool {
	if len(s) < len(p) {
		return false
	}
	for i := 0; i < len(p); i++ {
		if lowerByte(s[i]) != p[i] {
			return false
		}
	}
	return true
}

// hasSuffixFold reports whether s ends with the lower-case pattern p.
func hasSuffixFold(s, p string) bool {
	return len(s) >= len(p) && hasPrefixFold(s[len(s)-len(p):], p)
}

// indexFold returns the index of the first occurrence of the lower-case
// pattern p in s, ignoring ASCII case, or -1.
func indexFold(s, p string) int {
	if len(p) == 0 {
		return 0
	}
	first := p[0]
	for i := 0; i+len(p) <= len(s); i++ {
		if lowerByte(s[i]) == first && hasPrefixFold(s[i:], p) {
			return i
		}
	}
	return -1
}

// containsWordFold reports whether s contains p as a whole word (or phrase):
// not preceded or followed by an ASCII letter or digit.
func containsWordFold(s, p string) bool {
	for off := 0; off+len(p) <= len(s); {
		i := indexFold(s[off:], p)
		if i < 0 {
			return false
		}
		i += off
		j := i + len(p)
		if (i == 0 || !isAlnum(s[i-1])) && (j == len(s) || !isAlnum(s[j])) {
			return true
		}
		off = i + 1
	}
	return false
}

func containsAnyWordFold(s string, words []string) bool {
	for _, w := range words {
		if containsWordFold(s, w) {
			return true
		}
	}
	return false
}

// countWords counts space-separated words.
func countWords(s string) int {
	n := 0
	in := false
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

func containsByte(s string, c byte) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return true
		}
	}
	return false
}

func containsDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			return true
		}
	}
	return false
}

// endsSentence reports whether s ends like a sentence: with a full stop,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	for len(s) > 0 {
		switch s[len(s)-1] {
		case '"', '\'', ')', ']':
			s = s[:len(s)-1]
			continue
		}
		break
	}
	return len(s) > 0 && s[len(s)-1] == '.'
}
