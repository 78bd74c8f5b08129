package nlp

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokenize appends the tokens of text to dst and returns the extended slice. It follows the Penn
// Treebank conventions that the tagger was trained on: punctuation is split off, clitics ('s n't 're
// 've 'll 'd 'm) become tokens of their own, and abbreviations ("U.S.", "Mr.", "Jan."), numbers
// ("1,000.5", "10:30"), hyphenated compounds, URLs and e-mail addresses stay whole.
// It allocates only when dst must grow.
func Tokenize(dst []Token, text string) []Token {
	newlines := 2 // the text starts a paragraph
	for i := 0; i < len(text); {
		c := text[i]
		if c == '\n' {
			newlines++
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				if r == '\u2028' || r == '\u2029' {
					newlines++
				}
				i += n
				continue
			}
		}
		j := chunkEnd(text, i)
		if n := len(dst); n > 0 && int(dst[n-1].End) < i {
			dst[n-1].Flags |= SpaceAfter
		}
		first := len(dst)
		dst = splitChunk(dst, text, i, j)
		if newlines > 0 && first < len(dst) {
			dst[first].Flags |= LineStart
			if newlines > 1 {
				dst[first].Flags |= ParaStart
			}
		}
		newlines = 0
		i = j
	}
	return dst
}

// chunkEnd returns the end of the white-space-free run starting at i.
func chunkEnd(text string, i int) int {
	for i < len(text) {
		c := text[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			return i
		}
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return i
}

// splitChunk tokenises the white-space-free run text[s:e].
func splitChunk(dst []Token, text string, s, e int) []Token {
	// Leading punctuation.
	for s < e {
		c := text[s]
		if isOpener(c) || (c == '\'' && s+1 < e && !isClitic(text[s:e])) ||
			(c == '-' && s+1 < e && isLetter(text[s+1])) {
			if c == '-' && s+1 < e && text[s+1] == '-' {
				break
			}
			dst = appendToken(dst, text, s, s+1)
			s++
			continue
		}
		break
	}
	// Trailing punctuation, collected right to left.
	var tail [8]int32 // start offsets of trailing tokens, right to left; each ends where the next begins
	nt := 0
	end := e
	for end > s && nt < len(tail) {
		c := text[end-1]
		switch {
		case c == '.':
			if end-s >= 3 && text[end-3:end] == "..." {
				k := end - 3
				for k > s && text[k-1] == '.' {
					k--
				}
				tail[nt] = int32(k)
				nt++
				end = k
				continue
			}
			if end-1 == s || isAbbrev(text[s:end]) {
				goto core
			}
			tail[nt] = int32(end - 1)
			nt++
			end--
		case c == '\'':
			// A closing quote, or the possessive of a plural ("ministers'").
			if end-1 > s {
				tail[nt] = int32(end - 1)
				nt++
				end--
				continue
			}
			goto core
		case isCloser(c) || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '%' || c == '"':
			tail[nt] = int32(end - 1)
			nt++
			end--
		default:
			goto core
		}
	}
core:
	if s < end {
		dst = splitCore(dst, text, s, end)
	}
	// Emit trailing tokens left to right: tail[nt-1] is leftmost.
	for k := nt - 1; k >= 0; k-- {
		ts := int(tail[k])
		te := e
		if k > 0 {
			te = int(tail[k-1])
		}
		dst = appendToken(dst, text, ts, te)
	}
	return dst
}

// splitCore splits the inside of a chunk at punctuation that always stands alone, and splits off
// clitics.
func splitCore(dst []Token, text string, s, e int) []Token {
	if isURLish(text[s:e]) {
		return appendToken(dst, text, s, e)
	}
	start := s
	for k := s; k < e; k++ {
		c := text[k]
		split := 0 // length of a separator token at k
		switch c {
		case ',':
			if !(k > s && k+1 < e && isDigit(text[k-1]) && isDigit(text[k+1])) {
				split = 1
			}
		case ':':
			if !(k > s && k+1 < e && isDigit(text[k-1]) && isDigit(text[k+1])) {
				split = 1
			}
		case ';', '!', '?', '"', '(', ')', '[', ']', '{', '}':
			split = 1
		case '-':
			if k+1 < e && text[k+1] == '-' {
				split = 2
				for k+split < e && text[k+split] == '-' {
					split++
				}
			}
		case '.':
			if k+2 < e && text[k+1] == '.' && text[k+2] == '.' {
				split = 3
				for k+split < e && text[k+split] == '.' {
					split++
				}
			}
		}
		if split == 0 {
			continue
		}
		if start < k {
			dst = appendWord(dst, text, start, k)
		}
		dst = appendToken(dst, text, k, k+split)
		k += split - 1
		start = k + 1
	}
	if start < e {
		dst = appendWord(dst, text, start, e)
	}
	return dst
}

// appendWord appends a word, splitting off a clitic at its end.
func appendWord(dst []Token, text string, s, e int) []Token {
	if c := clitic(text[s:e]); c > 0 && e-c > s {
		dst = appendToken(dst, text, s, e-c)
		return appendToken(dst, text, e-c, e)
	}
	return appendToken(dst, text, s, e)
}

// clitic returns the length of a clitic that ends w, or 0.
func clitic(w string) int {
	n := len(w)
	if n >= 4 && (w[n-3] == 'n' || w[n-3] == 'N') && w[n-2] == '\'' && (w[n-1] == 't' || w[n-1] == 'T') {
		return 3
	}
	if n >= 3 && w[n-2] == '\'' && isLetter(w[n-3]) {
		switch w[n-1] {
		case 's', 'S', 'm', 'M', 'd', 'D':
			return 2
		}
	}
	if n >= 4 && w[n-3] == '\'' && isLetter(w[n-4]) {
		switch strings.ToLower(w[n-2:]) {
		case "re", "ve", "ll":
			return 3
		}
	}
	return 0
}

// isClitic reports whether w starts with a clitic that stands alone ("'s", "'re").
func isClitic(w string) bool {
	if len(w) < 2 {
		return false
	}
	switch w[1] {
	case 's', 'S', 'm', 'd':
		return len(w) == 2 || !isLetter(w[2])
	case 'r', 'v', 'l':
		return len(w) >= 3 && (w[2] == 'e' || w[2] == 'l') && (len(w) == 3 || !isLetter(w[3]))
	}
	return false
}

func appendToken(dst []Token, text string, s, e int) []Token {
	return append(dst, Token{Start: int32(s), End: int32(e), Flags: shape(text[s:e])})
}

// shape computes the shape flags of a token.
func shape(w string) Flags {
	var f Flags
	letters, upper, punct := 0, 0, true
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case c >= 'A' && c <= 'Z':
			letters++
			upper++
			punct = false
		case c >= 'a' && c <= 'z':
			letters++
			punct = false
		case c >= '0' && c <= '9':
			f |= Digit
			punct = false
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRuneInString(w[i:])
			i += n - 1
			if unicode.IsLetter(r) {
				letters++
				if unicode.IsUpper(r) {
					upper++
				}
				punct = false
			} else if !unicode.IsPunct(r) && !unicode.IsSymbol(r) {
				punct = false
			}
		}
	}
	if punct {
		f |= Punct
	}
	if letters > 0 {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsUpper(r) {
			f |= Upper
		}
		if upper == letters {
			f |= AllUpper
		}
	}
	if len(w) > 1 && w[len(w)-1] == '.' && letters > 0 {
		f |= Abbrev
	}
	return f
}

func isOpener(c byte) bool {
	return c == '(' || c == '[' || c == '{' || c == '"' || c == '`' || c == '$' || c == '#'
}
func isCloser(c byte) bool { return c == ')' || c == ']' || c == '}' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= utf8.RuneSelf }

func isURLish(w string) bool {
	return strings.Contains(w, "://") || strings.HasPrefix(w, "www.") ||
		(strings.IndexByte(w, '@') > 0 && strings.IndexByte(w, '.') > 0)
}

// isAbbrev reports whether w, which ends with '.', is an abbreviation whose period belongs to it:
// an initial ("J."), a dotted acronym ("U.S.", "a.m."), or a known abbreviation ("Mr.", "Gen.").
func isAbbrev(w string) bool {
	n := len(w)
	if n == 2 && isLetter(w[0]) {
		return true
	}
	dotted := n >= 4
	for i := 0; i < n && dotted; i += 2 {
		dotted = i+1 < n && isLetter(w[i]) && w[i] < utf8.RuneSelf && w[i+1] == '.'
	}
	if dotted {
		return true
	}
	_, ok := knownAbbrev(w)
	return ok
}

// knownAbbrev looks w, an abbreviation with its final period, up in abbreviations, and returns
// whether it may end a sentence and whether it is listed.
func knownAbbrev(w string) (mayEnd, ok bool) {
	n := len(w)
	if n-1 > 6 {
		return false, false
	}
	var buf [8]byte
	for i := 0; i < n-1; i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	mayEnd, ok = abbreviations[string(buf[:n-1])]
	return mayEnd, ok
}

// abbreviations lists the abbreviations (lower case, without the final period) whose period does
// not end a sentence, and whether they may nevertheless end one ("Inc." may, "Mr." may not).
var abbreviations = map[string]bool{
	// Titles and ranks: never sentence-final.
	"mr": false, "mrs": false, "ms": false, "dr": false, "prof": false, "gen": false, "col": false,
	"lt": false, "sgt": false, "capt": false, "cpt": false, "cmdr": false, "adm": false, "maj": false,
	"gov": false, "sen": false, "rep": false, "rev": false, "hon": false, "pres": false, "supt": false,
	"cpl": false, "pvt": false, "brig": false, "insp": false, "amb": false, "messrs": false,
	"mt": false, "ft": false, "st": true, "vs": false, "fig": false, "vol": false, "pp": false,
	"nos": false, "approx": false, "cf": false, "dept": true, "univ": false, "est": true,
	// Months: sentence-final only at the end of a date.
	"jan": false, "feb": false, "mar": false, "apr": false, "jun": false, "jul": false, "aug": false,
	"sep": false, "sept": false, "oct": false, "nov": false, "dec": false,
	// Company and name suffixes, et cetera: may end a sentence.
	"inc": true, "corp": true, "co": true, "ltd": true, "plc": true, "llc": true, "bros": true,
	"jr": true, "sr": true, "etc": true, "al": true, "ave": true, "blvd": true,
}

// mayEndSentence reports whether the abbreviation w ("U.S.", "Inc.") can be the last word of a
// sentence, so that its period also ends the sentence.
func mayEndSentence(w string) bool {
	n := len(w)
	if n == 2 {
		return false // an initial
	}
	if v, ok := knownAbbrev(w); ok {
		return v
	}
	return true // dotted acronyms: "U.S.", "a.m."
}
