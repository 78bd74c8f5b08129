package actors

import (
	"strings"

	"github.com/dyad-project/dyad/nlp"
)

// Typo tolerance: surnames of six or more ASCII letters are indexed under their own key and under
// every one-letter deletion, so a token at edit distance one ("ZLavrov", "Lavorv") finds them with
// a few probes; each candidate is then checked exactly.

const minTypoLen = 6

// asciiLower copies s lower-cased into buf, or reports false when s is not ASCII letters (and
// hyphens) of a length fit for typo matching.
func asciiLower(buf *[32]byte, s string) ([]byte, bool) {
	if len(s) < minTypoLen || len(s) > len(buf) {
		return nil, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		case c >= 'a' && c <= 'z', c == '-':
		default:
			return nil, false
		}
		buf[i] = c
	}
	return buf[:len(s)], true
}

// skipHash hashes b without its byte at skip (skip < 0: all of b).
func skipHash(b []byte, skip int) uint64 {
	h := uint64(14695981039346656037)
	for i, c := range b {
		if i != skip {
			h ^= uint64(c)
			h *= 1099511628211
		}
	}
	return h
}

func (ix *Index) addTypo(surname string, person int) {
	var buf [32]byte
	b, ok := asciiLower(&buf, surname)
	if !ok {
		return
	}
	for k := -1; k < len(b); k++ {
		h := skipHash(b, k)
		ix.typoFilter.Add(h)
		list := ix.typos[h]
		if n := len(list); n > 0 && list[n-1] == int32(person) {
			continue
		}
		ix.typos[h] = append(list, int32(person))
	}
}

// typo returns the knowledge-base surname at edit distance one from word when there is exactly
// one such surname (shared by any number of people), or "".
func (ix *Index) typo(word string) string {
	var buf [32]byte
	b, ok := asciiLower(&buf, word)
	if !ok {
		return ""
	}
	found := ""
	for k := -1; k < len(b); k++ {
		h := skipHash(b, k)
		if !ix.typoFilter.Has(h) {
			continue
		}
		for _, p := range ix.typos[h] {
			s := ix.nearSurname(int(p), b)
			if s == "" || s == found {
				continue
			}
			if found != "" {
				return "" // two different surnames are one edit away
			}
			found = s
		}
	}
	return found
}

// nearSurname returns the surname of person p at edit distance exactly one from b, or "".
func (ix *Index) nearSurname(p int, b []byte) string {
	for _, s := range ix.surnames[p] {
		var buf [32]byte
		if sb, ok := asciiLower(&buf, s); ok && editDistance1(sb, b) {
			return s
		}
	}
	return ""
}

// editDistance1 reports whether a and b differ by exactly one insertion, deletion, substitution or
// transposition of adjacent letters.
func editDistance1(a, b []byte) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	switch len(b) - len(a) {
	case 0:
		diff := -1
		for i := range a {
			if a[i] != b[i] {
				if diff >= 0 {
					// transposition of i-1 and i
					return diff == i-1 && a[diff] == b[i] && a[i] == b[diff] && string(a[i+1:]) == string(b[i+1:])
				}
				diff = i
			}
		}
		return diff >= 0
	case 1:
		i := 0
		for i < len(a) && a[i] == b[i] {
			i++
		}
		return string(a[i:]) == string(b[i+1:])
	}
	return false
}

// placeTypo returns the form of the one country name or demonym of one word at edit distance one
// from word ("Quatar", "Afganistan"), when word is a capitalised word of six letters or more.
func (ix *Index) placeTypo(doc *nlp.Doc, tok int, word string) (form, bool) {
	f := doc.Tokens[tok].Flags
	if f&nlp.Upper == 0 || f&nlp.AllUpper != 0 {
		return form{}, false
	}
	var buf [32]byte
	b, ok := asciiLower(&buf, word)
	if !ok {
		return form{}, false
	}
	found := int32(-1)
	for k := -1; k < len(b); k++ {
		h := skipHash(b, k)
		if !ix.typoFilter.Has(h) {
			continue
		}
		for _, fi := range ix.placeTypos[h] {
			var nb [32]byte
			nbb, _ := asciiLower(&nb, ix.placeNames[fi])
			if !editDistance1(nbb, b) || fi == found {
				continue
			}
			if found >= 0 && ix.forms[found].ref != ix.forms[fi].ref {
				return form{}, false // two places one edit away
			}
			found = fi
		}
	}
	if found < 0 {
		return form{}, false
	}
	return ix.forms[found], true
}

// addPlaceTypo indexes a one-word country name or demonym, the form fi, for placeTypo.
func (ix *Index) addPlaceTypo(name string, fi int32) {
	var buf [32]byte
	b, ok := asciiLower(&buf, name)
	if !ok || strings.Contains(name, " ") {
		return
	}
	ix.placeNames[fi] = name
	for k := -1; k < len(b); k++ {
		h := skipHash(b, k)
		ix.typoFilter.Add(h)
		ix.placeTypos[h] = append(ix.placeTypos[h], fi)
	}
}
