package clean

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Rune actions used by the normaliser.
const (
	actKeep    = iota // copy the rune unchanged
	actDrop           // remove it (zero-width, format and control characters)
	actSpace          // a Unicode space: becomes ' ' (and is collapsed)
	actNewline        // a line break: becomes '\n'
	actPara           // a paragraph break (U+2029): becomes a blank line
	actReplace        // replaced by an ASCII string
)

// mapRune says what the normaliser does with a non-ASCII rune r. For
// actReplace, repl holds the replacement.
func mapRune(r rune) (act int, repl string) {
	switch r {
	// Double quotes, guillemets, double primes.
	case '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB',
		'\u2033', '\u2036', '\u301D', '\u301E', '\u301F', '\uFF02',
		'\u275D', '\u275E', '\u2E42', '\U0001F676', '\U0001F677', '\U0001F678':
		return actReplace, `"`
	// Single curly quotes and primes used as apostrophes.
	case '\u2018', '\u2019', '\u201A', '\u201B', '\u2032', '\u2035',
		'\uFF07', '\u275B', '\u275C':
		return actReplace, "'"
	// Hyphens and dashes: hyphen, non-breaking hyphen, figure dash, en dash,
	// em dash, horizontal bar, minus sign, small/fullwidth forms, 2- and 3-em
	// dashes.
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015',
		'\u2212', '\uFE58', '\uFE63', '\uFF0D', '\u2E3A', '\u2E3B':
		return actReplace, "-"
	case '\u2026': // horizontal ellipsis
		return actReplace, "..."
	// Unicode spaces (category Zs other than U+0020).
	case '\u00A0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003',
		'\u2004', '\u2005', '\u2006', '\u2007', '\u2008', '\u2009',
		'\u200A', '\u202F', '\u205F', '\u3000':
		return actSpace, ""
	// Line breaks: NEL, LINE SEPARATOR.
	case '\u0085', '\u2028':
		return actNewline, ""
	case '\u2029': // PARAGRAPH SEPARATOR
		return actPara, ""
	// Invisible format characters: soft hyphen, Arabic letter mark,
	// Mongolian vowel separator, zero-width space/non-joiner/joiner,
	// LRM/RLM, bidi embeddings and isolates, word joiner and invisible
	// operators, deprecated format characters, BOM / ZWNBSP, interlinear
	// annotation controls, object replacement character.
	case '\u00AD', '\u061C', '\u180E', '\u200B', '\u200C', '\u200D',
		'\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D',
		'\u202E', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064',
		'\u2066', '\u2067', '\u2068', '\u2069', '\u206A', '\u206B',
		'\u206C', '\u206D', '\u206E', '\u206F', '\uFEFF', '\uFFF9',
		'\uFFFA', '\uFFFB', '\uFFFC':
		return actDrop, ""
	}
	if r >= 0x80 && r <= 0x9F { // C1 controls (U+0085 handled above)
		return actDrop, ""
	}
	return actKeep, ""
}

// needsNFC reports whether a rune may make a string non-NFC. Every rune below
// U+0300 is an NFC-stable starter, so text made only of such runes is already
// in NFC and the (comparatively costly) normaliser can be skipped.
func needsNFC(r rune) bool { return r >= 0x300 }

// normalize applies the Unicode and whitespace normalisation shared by Body
// and Line. With oneLine, line breaks become spaces.
func normalize(s string, oneLine bool) string {
	ok, nfc := isNormal(s, oneLine)
	if !ok {
		return rewrite(s, oneLine)
	}
	if nfc {
		return norm.NFC.String(s)
	}
	return s
}

// isNormal reports whether s is already in normalised form apart from
// possibly NFC; nfc reports whether s contains runes for which NFC must be
// checked. It is the allocation-free fast path for clean input.
func isNormal(s string, oneLine bool) (ok, nfc bool) {
	n := len(s)
	if n == 0 {
		return true, false
	}
	if s[0] == ' ' || s[0] == '\n' || s[n-1] == ' ' || s[n-1] == '\n' {
		return false, false
	}
	var prev byte = 'x' // last byte seen (non-ASCII runes count as 'x')
	nl := 0             // current run of newlines
	for i := 0; i < n; {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x21 && c < 0x7F:
				nl = 0
			case c == ' ':
				if prev == ' ' || prev == '\n' {
					return false, false
				}
				nl = 0
			case c == '\n':
				if oneLine || prev == ' ' || nl == 2 {
					return false, false
				}
				nl++
			default: // other control characters, DEL
				return false, false
			}
			prev = c
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			return false, false
		}
		if act, _ := mapRune(r); act != actKeep {
			return false, false
		}
		if needsNFC(r) {
			nfc = true
		}
		prev = 'x'
		nl = 0
		i += size
	}
	return true, nfc
}

// writer accumulates normalised output, deferring spaces and newlines so
// that runs collapse and line ends are trimmed.
type writer struct {
	b       strings.Builder
	space   bool // a space is pending
	nl      int  // pending newlines
	oneLine bool
}

// flush emits pending whitespace before content: at most one blank line
// between lines, at most one space between words, nothing at the start of
// the text or of a line.
func (w *writer) flush() {
	if w.b.Len() > 0 {
		if w.nl > 0 {
			if w.nl >= 2 {
				w.b.WriteString("\n\n")
			} else {
				w.b.WriteByte('\n')
			}
		} else if w.space {
			w.b.WriteByte(' ')
		}
	}
	w.nl = 0
	w.space = false
}

func (w *writer) newline(k int) {
	if w.oneLine {
		w.space = true
		return
	}
	w.nl += k
	w.space = false
}

func (w *writer) addSpace() {
	if w.nl == 0 {
		w.space = true
	}
}

// rewrite is the general normalisation path.
func rewrite(s string, oneLine bool) string {
	w := writer{oneLine: oneLine}
	w.b.Grow(len(s))
	nfc := false
	for i := 0; i < len(s); {
		c := s[i]
		if c > ' ' && c < 0x7F {
			// Copy a run of printable ASCII with single interior spaces
			// in one go: most prose is such runs.
			start := i
			for i++; i < len(s); {
				c = s[i]
				if c > ' ' && c < 0x7F {
					i++
				} else if c == ' ' && i+1 < len(s) && s[i+1] > ' ' && s[i+1] < 0x7F {
					i += 2
				} else {
					break
				}
			}
			if w.space || w.nl > 0 {
				w.flush()
			}
			w.b.WriteString(s[start:i])
			continue
		}
		if c < utf8.RuneSelf {
			i++
			switch c {
			case ' ', '\t':
				w.addSpace()
			case '\n', '\v', '\f':
				w.newline(1)
			case '\r':
				if i < len(s) && s[i] == '\n' {
					i++
				}
				w.newline(1)
			default:
				// Other C0 controls and DEL are dropped.
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			i++ // invalid UTF-8: dropped
			continue
		}
		act, repl := mapRune(r)
		switch act {
		case actKeep:
			w.flush()
			w.b.WriteString(s[i : i+size])
			if needsNFC(r) {
				nfc = true
			}
		case actReplace:
			w.flush()
			w.b.WriteString(repl)
		case actSpace:
			w.addSpace()
		case actNewline:
			w.newline(1)
		case actPara:
			w.newline(2)
		}
		i += size
	}
	out := w.b.String()
	if nfc {
		out = norm.NFC.String(out)
	}
	return out
}
