package nlp

import "strings"

// Inflections returns the forms of a verb or noun lemma: the lemma, its -s form or plural, and for
// verbs its -ed and -ing forms, with the irregular forms of the lemmatiser's table. Where English
// spelling may or may not double a final consonant ("banned", "visited"), both forms are given;
// the one that is not a word is harmless.
func Inflections(lemma string) []string {
	w := strings.ToLower(lemma)
	forms := []string{w, sForm(w)}
	for form, l := range irregularVerbs {
		if l == w && form != "n't" && form != "'d" {
			forms = append(forms, form)
		}
	}
	for form, l := range irregularNouns {
		if l == w {
			forms = append(forms, form)
		}
	}
	n := len(w)
	switch {
	case n > 2 && strings.HasSuffix(w, "ie"):
		forms = append(forms, w+"d", w[:n-2]+"ying")
	case n > 1 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee"):
		forms = append(forms, w+"d", w[:n-1]+"ing")
	case n > 1 && strings.HasSuffix(w, "y") && !isVowel(w[n-2]):
		forms = append(forms, w[:n-1]+"ied", w+"ing")
	default:
		forms = append(forms, w+"ed", w+"ing")
		if n >= 3 && !isVowel(w[n-1]) && isVowel(w[n-2]) && !isVowel(w[n-3]) && !strings.ContainsRune("wxy", rune(w[n-1])) {
			forms = append(forms, w+w[n-1:]+"ed", w+w[n-1:]+"ing")
		}
	}
	if strings.HasSuffix(w, "ise") || strings.HasSuffix(w, "yse") { // criticise/criticize
		z := w[:n-2] + "ze"
		forms = append(forms, z, z+"s", z+"d", w[:n-2]+"zing")
	} else if strings.HasSuffix(w, "ize") {
		s := w[:n-2] + "se"
		forms = append(forms, s, s+"s", s+"d", w[:n-2]+"sing")
	}
	// Deduplicate, keeping the order.
	out := forms[:0]
	seen := map[string]bool{}
	for _, f := range forms {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// sForm returns the third-person singular of a verb, or the plural of a noun.
func sForm(w string) string {
	n := len(w)
	switch {
	case n > 1 && strings.HasSuffix(w, "y") && !isVowel(w[n-2]):
		return w[:n-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"), strings.HasSuffix(w, "o") && n > 2:
		return w + "es"
	}
	return w + "s"
}
