package story

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/nlp"
)

// A word is one normalised word of a text: lower-cased, with its apostrophes, periods and other
// marks inside the word removed ("U.S." → "us", "O'Connor" → "oconnor"). Punctuation tokens have
// no word.
type word struct {
	norm string
	cap  bool // written with a capital letter
	num  bool // contains a digit
}

// words appends the normalised words of text to dst, tokenising with nlp.Tokenize into toks
// (reused). Hyphenated compounds are split into their parts, since sources hyphenate
// differently ("sci-fi", "sci - fi"). A word's string is a slice of text when the word is
// already normalised, so that most words cost no allocation.
func words(dst []word, text string, toks []nlp.Token) ([]word, []nlp.Token) {
	toks = nlp.Tokenize(toks[:0], text)
	for _, t := range toks {
		if t.Flags&nlp.Punct != 0 {
			continue
		}
		s := text[t.Start:t.End]
		for part := range strings.SplitSeq(s, "-") {
			w, ok := normalise(part)
			if !ok {
				continue
			}
			r, _ := utf8.DecodeRuneInString(part)
			dst = append(dst, word{norm: w, cap: unicode.IsUpper(r), num: strings.ContainsAny(w, "0123456789")})
		}
	}
	return dst, toks
}

// normalise lower-cases s and keeps only its letters and digits. ok is false when none is left.
func normalise(s string) (string, bool) {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			clean = false
			break
		}
	}
	if clean {
		return s, s != ""
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			b.WriteRune(unicode.ToLower(r))
		case unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String(), b.Len() > 0
}

// stopwords are function words and the most frequent words of news prose, which say nothing of
// what a story is about.
var stopwords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`a about above according across after afterwards again against ago
		all almost along already also although always am among an and another any anyone anything
		are around as at back be became because become becomes been before being below beside
		besides between beyond both but by can cannot could did do does doing done down during each
		either else even ever every few first for former from further get gets got had has have
		having he her here hers herself him himself his how however i if in including into is it its
		itself just last late later least less like made make many may me meanwhile might more most
		much must my myself near neither never new news next no nor not now of off often on once one
		only onto or other others otherwise our ours ourselves out over own per perhaps put rather
		re really said say saying says see seen several she should since so some something still
		such than that the their theirs them themselves then there thereby therefore these they this
		those though through throughout thus to today together told too toward towards two under
		until up upon us very via was we well were what whatever when whenever where whereas whether
		which while who whoever whole whom whose why will with within without would year years yet
		you your yours yourself yourselves s t d ll m re ve nt mr mrs ms dr am pm monday tuesday
		wednesday thursday friday saturday sunday week day days time times three four five`) {
		stopwords[w] = true
	}
}

// stem strips the commonest English inflections so that "arrested", "arrests" and "arresting"
// meet: a light, conservative suffix stripper, not a full stemmer.
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 5 && strings.HasSuffix(w, "ing"):
		return undouble(w[:n-3])
	case n > 4 && strings.HasSuffix(w, "ed"):
		return undouble(w[:n-2])
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return w[:n-1]
	}
	return w
}

// undouble drops a doubled final consonant left by a stripped suffix ("stopp" → "stop").
func undouble(w string) string {
	n := len(w)
	if n > 2 && w[n-1] == w[n-2] && !strings.ContainsRune("aeiouls", rune(w[n-1])) {
		return w[:n-1]
	}
	return w
}
