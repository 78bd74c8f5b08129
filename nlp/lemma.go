package nlp

import (
	"strings"

	"github.com/dyad-project/dyad/nlp/pos"
)

// Lemma returns the dictionary form of word given its part of speech: verbs in the base form
// ("slammed" → "slam", "met" → "meet"), nouns in the singular ("countries" → "country"), other
// words lower-cased. Proper nouns are returned as written. It uses a table of irregular forms
// and the regular rules of English inflection, so a rare regular verb may get a wrong final e.
func Lemma(word string, tag pos.Tag) string {
	t := tag.String()
	switch {
	case t == "NNP" || t == "NNPS":
		return word
	case strings.HasPrefix(t, "VB") || t == "MD":
		w := strings.ToLower(word)
		if l, ok := irregularVerbs[w]; ok {
			return l
		}
		return verbLemma(w, t == "VBZ")
	case t == "NNS":
		return nounLemma(strings.ToLower(word))
	}
	return strings.ToLower(word)
}

func verbLemma(w string, thirdPerson bool) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ied"):
		return w[:n-3] + "y"
	case n > 3 && strings.HasSuffix(w, "ed"):
		return restoreStem(w[:n-2])
	case n > 5 && strings.HasSuffix(w, "ing"):
		return restoreStem(w[:n-3])
	case n > 3 && strings.HasSuffix(w, "s") && thirdPerson:
		switch {
		case n > 4 && strings.HasSuffix(w, "ies"):
			return w[:n-3] + "y"
		case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
			strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"), strings.HasSuffix(w, "oes"):
			return w[:n-2]
		case strings.HasSuffix(w, "ss"):
			return w
		}
		return w[:n-1]
	}
	return w
}

// restoreStem undoes the spelling changes of -ed and -ing: a doubled final consonant
// ("slammed" → "slam") and a dropped final e ("moved" → "move").
func restoreStem(s string) string {
	n := len(s)
	if n < 2 {
		return s
	}
	last, prev := s[n-1], s[n-2]
	if last == prev && !isVowel(last) && last != 's' && last != 'f' && last != 'z' && (last != 'l' || n >= 7) {
		return s[:n-1]
	}
	if strings.HasSuffix(s, "iat") || strings.HasSuffix(s, "uat") || strings.HasSuffix(s, "creat") {
		return s + "e" // negotiated, evacuated, created (but treated, threatened)
	}
	if isVowel(last) || last == 'w' || last == 'x' || last == 'y' {
		if last == 'u' || last == 'i' && n > 2 { // argued → argue; (die/tie are irregular)
			return s + "e"
		}
		return s
	}
	switch last {
	case 'v', 'z', 'c':
		return s + "e"
	case 'g':
		if prev == 'd' || prev == 'r' || prev == 'n' && n > 2 && (s[n-3] == 'a' || s[n-3] == 'e') || isVowel(prev) && n > 2 && !isVowel(s[n-3]) {
			return s + "e"
		}
		return s
	case 's':
		if !isVowel(prev) && prev != 's' || isVowel(prev) && n > 2 && (!isVowel(s[n-3]) || prev == 'a' && s[n-3] == 'e') {
			return s + "e" // collapsed, endorsed, closed, accused, released
		}
		return s
	case 'l':
		if !isVowel(prev) && prev != 'l' && prev != 'r' { // handled, settled
			return s + "e"
		}
	}
	if isVowel(prev) && n > 2 && !isVowel(s[n-3]) {
		if _, ok := silentE[s[n-2:]]; ok {
			return s + "e"
		}
	}
	return s
}

// silentE lists vowel-consonant endings after a consonant that usually lost an e: "created",
// "voted", "declared", "described", "ruled", "named", "resumed", "concluded", "decided".
var silentE = map[string]struct{}{
	"at": {}, "ut": {}, "ot": {}, "ar": {}, "ir": {}, "ur": {}, "ib": {}, "ap": {}, "ok": {}, "ak": {},
	"in": {}, "ul": {}, "il": {}, "ag": {}, "am": {}, "om": {}, "um": {}, "ud": {}, "id": {}, "ad": {},
	"od": {}, "ik": {}, "ub": {}, "ol": {}, "av": {},
}

func isVowel(c byte) bool { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' }

func nounLemma(w string) string {
	if l, ok := irregularNouns[w]; ok {
		return l
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"):
		return w[:n-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case n > 2 && strings.HasSuffix(w, "s"):
		return w[:n-1]
	}
	return w
}

var irregularNouns = map[string]string{
	"men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
	"mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife",
	"crises": "crisis", "analyses": "analysis", "theses": "thesis", "criteria": "criterion",
	"phenomena": "phenomenon", "thieves": "thief", "halves": "half", "wolves": "wolf",
	"selves": "self", "shelves": "shelf", "leaves": "leaf", "data": "data", "media": "media",
	"people": "people", "police": "police", "news": "news", "series": "series", "species": "species",
	"hostages": "hostage", "refugees": "refugee", "troops": "troop", "forces": "force",
	"oases": "oasis", "diagnoses": "diagnosis", "emphases": "emphasis", "axes": "axis",
}

// irregularVerbs maps inflected forms of irregular English verbs to their base form.
var irregularVerbs = map[string]string{}

func init() {
	// Each line: base form, then its irregular inflections.
	for _, line := range strings.Split(`be was were been am is are 's 're 'm being
have has had 've 'd having
do does did done doing n't
say said says
go went gone goes
meet met
make made
take took taken
give gave given
come came
see saw seen
tell told
get got gotten
lead led
mislead misled
leave left
hold held
withhold withheld
uphold upheld
bring brought
think thought
seek sought
fight fought
buy bought
catch caught
teach taught
build built
rebuild rebuilt
send sent
spend spent
lend lent
mean meant
feel felt
keep kept
sleep slept
sweep swept
weep wept
strike struck stricken
stick stuck
shoot shot
speak spoke spoken
break broke broken
choose chose chosen
freeze froze frozen
steal stole stolen
wake woke woken
drive drove driven
ride rode ridden
rise rose risen
arise arose arisen
write wrote written
fall fell fallen
begin began begun
run ran
win won
sit sat
stand stood
understand understood
withstand withstood
withdraw withdrew withdrawn
draw drew drawn
grow grew grown
know knew known
throw threw thrown
overthrow overthrew overthrown
fly flew flown
blow blew blown
show shown
sell sold
find found
bind bound
pay paid
lay laid
lie lay lain
flee fled
feed fed
bleed bled
speed sped
hide hid hidden
bite bit bitten
forget forgot forgotten
forgive forgave forgiven
forbid forbade forbidden
become became
overcome overcame
undertake undertook undertaken
overtake overtook overtaken
shake shook shaken
mistake mistook mistaken
eat ate eaten
beat beaten
hear heard
deal dealt
dig dug
hang hung
swing swung
sing sang sung
ring rang rung
sink sank sunk
drink drank drunk
swim swam swum
shrink shrank shrunk
spring sprang sprung
sting stung
swear swore sworn
tear tore torn
wear wore worn
bear bore borne born
lose lost
shine shone
slide slid
spin spun
undergo underwent undergone
foresee foresaw foreseen
oversee oversaw overseen
forecast forecasts
can could
will would
shall should
may might
die died dies dying
tie tied ties tying
lie lied lies lying
see sees
flee flees
agree agreed agrees
free freed frees`, "\n") {
		f := strings.Fields(line)
		for _, form := range f[1:] {
			irregularVerbs[form] = f[0]
		}
	}
}
