package pos

// Tag is a Penn Treebank part-of-speech tag as written in column 2 of the
// CoNLL-2003 files. The zero value is Unknown.
type Tag uint8

// The tags. Their numeric values are part of the model file format only
// through the tag names stored in it, so the order may change freely.
const (
	Unknown    Tag = iota
	CC             // coordinating conjunction
	CD             // cardinal number
	DT             // determiner
	EX             // existential there
	FW             // foreign word
	IN             // preposition or subordinating conjunction
	JJ             // adjective
	JJR            // adjective, comparative
	JJS            // adjective, superlative
	LS             // list item marker
	MD             // modal
	NN             // noun, singular or mass
	NNS            // noun, plural
	NNP            // proper noun, singular
	NNPS           // proper noun, plural
	PDT            // predeterminer
	POS            // possessive ending
	PRP            // personal pronoun
	PRPS           // possessive pronoun, written PRP$
	RB             // adverb
	RBR            // adverb, comparative
	RBS            // adverb, superlative
	RP             // particle
	SYM            // symbol
	TO             // to
	UH             // interjection
	VB             // verb, base form
	VBD            // verb, past tense
	VBG            // verb, gerund or present participle
	VBN            // verb, past participle
	VBP            // verb, non-3rd person singular present
	VBZ            // verb, 3rd person singular present
	WDT            // wh-determiner
	WP             // wh-pronoun
	WPS            // possessive wh-pronoun, written WP$
	WRB            // wh-adverb
	Dollar         // $
	Pound          // #
	LParen         // ( (PTB -LRB-)
	RParen         // ) (PTB -RRB-)
	Quote          // " (CoNLL-2003 writes both quotes this way)
	OpenQuote      // ``
	CloseQuote     // ''
	Comma          // ,
	Period         // . (sentence-final punctuation)
	Colon          // : (colons, semicolons, dashes, ellipses)
	DocStartX      // -X- (the tag of -DOCSTART- lines)
	NNSYM          // NN|SYM, an ambiguous tag left in a few CoNLL-2003 lines

	numTags // number of tags including Unknown
)

// NumTags is the number of tags, Unknown included: every Tag is < NumTags.
const NumTags = int(numTags)

var tagNames = [numTags]string{
	Unknown: "", CC: "CC", CD: "CD", DT: "DT", EX: "EX", FW: "FW", IN: "IN",
	JJ: "JJ", JJR: "JJR", JJS: "JJS", LS: "LS", MD: "MD", NN: "NN", NNS: "NNS",
	NNP: "NNP", NNPS: "NNPS", PDT: "PDT", POS: "POS", PRP: "PRP", PRPS: "PRP$",
	RB: "RB", RBR: "RBR", RBS: "RBS", RP: "RP", SYM: "SYM", TO: "TO", UH: "UH",
	VB: "VB", VBD: "VBD", VBG: "VBG", VBN: "VBN", VBP: "VBP", VBZ: "VBZ",
	WDT: "WDT", WP: "WP", WPS: "WP$", WRB: "WRB", Dollar: "$", Pound: "#",
	LParen: "(", RParen: ")", Quote: "\"", OpenQuote: "``", CloseQuote: "''",
	Comma: ",", Period: ".", Colon: ":", DocStartX: "-X-", NNSYM: "NN|SYM",
}

var tagByName = func() map[string]Tag {
	m := make(map[string]Tag, numTags+4)
	for t := Tag(1); t < numTags; t++ {
		m[tagNames[t]] = t
	}
	m["-LRB-"] = LParen
	m["-RRB-"] = RParen
	m["-LCB-"] = LParen
	m["-RCB-"] = RParen
	return m
}()

// String returns the tag as written in CoNLL-2003 ("NN", "PRP$", "(", ...);
// Unknown and out-of-range values give "".
func (t Tag) String() string {
	if t < numTags {
		return tagNames[t]
	}
	return ""
}

// ParseTag returns the tag written s, or Unknown. The PTB bracket names
// -LRB- and -RRB- (and -LCB-, -RCB-) map to LParen and RParen.
func ParseTag(s string) Tag { return tagByName[s] }

// IsNoun reports common and proper nouns: NN, NNS, NNP, NNPS (and NN|SYM).
func (t Tag) IsNoun() bool {
	return t == NN || t == NNS || t == NNP || t == NNPS || t == NNSYM
}

// IsCommonNoun reports NN and NNS.
func (t Tag) IsCommonNoun() bool { return t == NN || t == NNS || t == NNSYM }

// IsProperNoun reports NNP and NNPS.
func (t Tag) IsProperNoun() bool { return t == NNP || t == NNPS }

// IsPlural reports the plural nouns NNS and NNPS.
func (t Tag) IsPlural() bool { return t == NNS || t == NNPS }

// IsVerb reports VB, VBD, VBG, VBN, VBP and VBZ (not MD).
func (t Tag) IsVerb() bool { return t >= VB && t <= VBZ }

// IsFiniteVerb reports tensed verb forms: VBD, VBP, VBZ and the modal MD.
func (t Tag) IsFiniteVerb() bool { return t == VBD || t == VBP || t == VBZ || t == MD }

// IsAdj reports JJ, JJR and JJS.
func (t Tag) IsAdj() bool { return t == JJ || t == JJR || t == JJS }

// IsAdv reports RB, RBR, RBS and WRB.
func (t Tag) IsAdv() bool { return t == RB || t == RBR || t == RBS || t == WRB }

// IsPronoun reports PRP, PRP$, WP and WP$.
func (t Tag) IsPronoun() bool { return t == PRP || t == PRPS || t == WP || t == WPS }

// IsDeterminer reports DT, PDT and WDT.
func (t Tag) IsDeterminer() bool { return t == DT || t == PDT || t == WDT }

// IsWh reports the wh-words WDT, WP, WP$ and WRB.
func (t Tag) IsWh() bool { return t == WDT || t == WP || t == WPS || t == WRB }

// IsNumber reports CD.
func (t Tag) IsNumber() bool { return t == CD }

// IsPunct reports punctuation tags: brackets, quotes, , . : $ # and -X-.
func (t Tag) IsPunct() bool { return t >= Dollar && t <= DocStartX }

// IsContent reports open-class tags: nouns, verbs, adjectives, adverbs
// (except WRB), numbers and foreign words.
func (t Tag) IsContent() bool {
	return t.IsNoun() || t.IsVerb() || t.IsAdj() || t == RB || t == RBR || t == RBS || t == CD || t == FW
}
