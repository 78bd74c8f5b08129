package chunk

// Kind is the type of a chunk, as in the CoNLL-2000 shared task and the
// chunk column of the CoNLL-2003 files. The zero value O means no chunk.
type Kind uint8

// The chunk kinds.
const (
	O     Kind = iota // outside any chunk
	NP                // noun phrase
	VP                // verb group
	PP                // preposition
	ADJP              // adjective phrase
	ADVP              // adverb phrase
	SBAR              // subordinating conjunction
	PRT               // particle
	CONJP             // multi-word conjunction ("as well as")
	INTJ              // interjection
	LST               // list marker
	UCP               // unlike coordinated phrase

	numKinds
)

// NumKinds is the number of kinds, O included: every Kind is < NumKinds.
const NumKinds = int(numKinds)

var kindNames = [numKinds]string{
	O: "O", NP: "NP", VP: "VP", PP: "PP", ADJP: "ADJP", ADVP: "ADVP",
	SBAR: "SBAR", PRT: "PRT", CONJP: "CONJP", INTJ: "INTJ", LST: "LST", UCP: "UCP",
}

// String returns the kind's name ("NP", "VP", ..., "O"), or "" for values
// out of range.
func (k Kind) String() string {
	if k < numKinds {
		return kindNames[k]
	}
	return ""
}

// ParseKind returns the kind named s ("NP", "PP", ...) and whether s names
// one. "O" gives O, true.
func ParseKind(s string) (Kind, bool) {
	for k, name := range kindNames {
		if name == s {
			return Kind(k), true
		}
	}
	return O, false
}

// Chunk is a phrase chunk: the tokens [First, Last) of a sentence (or of a
// Doc, for Annotate) and its kind, never O.
type Chunk struct {
	First, Last int
	Kind        Kind
}

// Len returns the number of tokens in c.
func (c Chunk) Len() int { return c.Last - c.First }

// parseLabel splits an IOB label ("B-NP", "I-VP", "O") into its position
// letter ('B', 'I' or 'O') and kind.
func parseLabel(s string) (p byte, k Kind, ok bool) {
	if s == "O" {
		return 'O', O, true
	}
	if len(s) < 3 || s[1] != '-' || (s[0] != 'B' && s[0] != 'I') {
		return 0, O, false
	}
	k, ok = ParseKind(s[2:])
	if !ok || k == O {
		return 0, O, false
	}
	return s[0], k, true
}

// FromIOB appends to out the chunks of a sentence labelled with IOB labels
// ("B-NP", "I-NP", "O", ...) and returns the extended slice. It follows the
// conlleval script of the CoNLL-2000 shared task: a chunk starts at a B-
// label, and at an I- label that does not continue a chunk of its kind; it
// ends before the next label that does not continue it. Malformed labels
// count as O.
func FromIOB(labels []string, out []Chunk) []Chunk {
	open := -1 // index in out of the open chunk, or -1
	for i, l := range labels {
		p, k, ok := parseLabel(l)
		if !ok {
			p, k = 'O', O
		}
		if open >= 0 && (p != 'I' || out[open].Kind != k) {
			open = -1
		}
		switch {
		case p == 'O':
		case open >= 0:
			out[open].Last = i + 1
		default:
			out = append(out, Chunk{First: i, Last: i + 1, Kind: k})
			open = len(out) - 1
		}
	}
	return out
}
