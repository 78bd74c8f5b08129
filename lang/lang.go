// Package lang identifies the language of a text from its most frequent function words.
//
// It tells English from the other languages news is commonly published in; it is small and fast
// rather than exhaustive. Texts in a script other than Latin are reported by script family.
package lang

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Undetermined is the code returned when the language cannot be told.
const Undetermined = "und"

// sample is how much of a text Detect reads.
const sample = 2000

// profiles lists, per language, function words that are frequent in it and rare in the others.
var profiles = map[string][]string{
	"en": strings.Fields("the of and to in is that for was on with said by as at from his has have are were it be an this which their not"),
	"de": strings.Fields("der die und das ist nicht mit den von zu sich des auf dem für eine ein auch im wird sie wurde nach bei"),
	"fr": strings.Fields("le la les et des du un une est dans pour que qui sur pas au par avec sont il elle été aux ce cette"),
	"es": strings.Fields("el la los las y de que en un una es por con para del se al lo como más su fue han este esta"),
	"it": strings.Fields("il la le di che e è per un una del della con non sono alla nel gli dei anche ha si questo"),
	"pt": strings.Fields("o a os as e de que em um uma é do da para com não dos das no na se por ao foi são"),
	"nl": strings.Fields("de het een en van is dat op in te zijn met voor niet aan er ook door wordt werd naar bij"),
}

var index = map[string]uint8{} // word → bit set of languages
var langs []string

func init() {
	for l := range profiles {
		langs = append(langs, l)
	}
	slices.Sort(langs) // a fixed order keeps Detect deterministic on ties
	for i, l := range langs {
		for _, w := range profiles[l] {
			index[w] |= 1 << i
		}
	}
}

// Detect returns the ISO 639-1 code of text's language ("en", "de", ...), "ru", "ar", "zh", ...
// for texts mostly in Cyrillic, Arabic, Han and a few other scripts, or Undetermined when the
// text is too short or mixed to tell.
func Detect(text string) string {
	if len(text) > sample {
		cut := sample
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	var counts [8]int
	var latin, other int
	scripts := map[string]int{}
	words := 0
	var buf [16]byte
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j, k := i, 0
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r) {
				break
			}
			if r < utf8.RuneSelf {
				latin++
			} else if s := script(r); s != "" {
				scripts[s]++
				other++
			} else {
				latin++
			}
			if k+utf8.RuneLen(unicode.ToLower(r)) <= len(buf) {
				k += utf8.EncodeRune(buf[k:], unicode.ToLower(r))
			} else {
				k = len(buf) + 1
			}
			j += n
		}
		words++
		if k <= len(buf) {
			if set, ok := index[string(buf[:k])]; ok {
				for b := 0; b < len(langs); b++ {
					if set&(1<<b) != 0 {
						counts[b]++
					}
				}
			}
		}
		i = j
	}
	if other > latin {
		best, n := Undetermined, 0
		for s, c := range scripts {
			if c > n || c == n && s < best {
				best, n = s, c
			}
		}
		return best
	}
	if words < 3 {
		return Undetermined
	}
	best, bestN, second := -1, 0, 0
	for i := range langs {
		switch c := counts[i]; {
		case c > bestN:
			best, bestN, second = i, c, bestN
		case c > second:
			second = c
		}
	}
	if best < 0 || bestN < 2 || bestN*10 < words || bestN == second {
		return Undetermined
	}
	// Another language than English must show more of its function words: a table of figures
	// with a few "no" or "na" is not Portuguese, and calling English text foreign drops it.
	if langs[best] != "en" && (bestN < 4 || bestN*5 < words) {
		return Undetermined
	}
	return langs[best]
}

func script(r rune) string {
	switch {
	case unicode.Is(unicode.Cyrillic, r):
		return "ru"
	case unicode.Is(unicode.Arabic, r):
		return "ar"
	case unicode.Is(unicode.Han, r):
		return "zh"
	case unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r):
		return "ja"
	case unicode.Is(unicode.Hangul, r):
		return "ko"
	case unicode.Is(unicode.Hebrew, r):
		return "he"
	case unicode.Is(unicode.Greek, r):
		return "el"
	case unicode.Is(unicode.Devanagari, r):
		return "hi"
	case unicode.Is(unicode.Thai, r):
		return "th"
	}
	return ""
}
