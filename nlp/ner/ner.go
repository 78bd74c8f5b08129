// Package ner finds named entities in English news: people (PER), organisations (ORG),
// locations (LOC) and other names (MISC: nationalities, events, products ...), in the types and
// conventions of the CoNLL-2003 shared task.
//
// The Tagger is a greedy left-to-right averaged perceptron (package nlp/perceptron) that gives
// each token of a sentence an IOB2 label (B-PER, I-PER, O ...; BILOU models can be trained too),
// never an I- label that does not continue an entity of its type. Its features are the word
// (lower-cased and as written), its long and short shapes, prefixes and suffixes of one to four
// bytes, its capitalisation and position, whether the sentence is an all-caps headline, the
// part-of-speech tags from nlp/pos of the word and two neighbours on each side, the words and
// shapes of those neighbours, the two previous labels, and the marks that a Gazetteer of known
// names puts on the word and its neighbours. Frequent words that were never part of a name in
// training are labelled O without scoring when no entity is open. When a model is loaded, the
// weights of the features that depend on one token alone are summed ahead of time, per word of
// the training vocabulary and per tag and mark, so that scoring a token takes a dozen look-ups
// rather than one per feature (the scores are the same).
//
// The model shipped in model.bin.gz is trained on the CoNLL-2003 English training data, with
// part-of-speech tags predicted by pos.Default() (not the gold ones) and the marks of
// NameGazetteer over the names of the embedded actor knowledge base (actors.KB.Names); see MODEL.md for the data, the command
// and the scores. Tokens are expected in PTB/CoNLL conventions, as nlp/pos expects them.
//
// A typical caller tags a sentence with
//
//	pos.Default().Tag(words, tags)
//	gaz.Mark(words, marks) // gaz := ner.NameGazetteer(kb.Names()), built once
//	ents = ner.Default().Tag(words, tags, marks, ents[:0])
package ner

// Type is an entity type. The zero value None means "not an entity".
type Type uint8

// The entity types of CoNLL-2003.
const (
	None Type = iota
	PER       // person
	ORG       // organisation
	LOC       // location
	MISC      // other names: nationalities, events, works, products ...
	numTypes
)

// NumTypes is the number of entity types, None excluded.
const NumTypes = int(numTypes) - 1

var typeNames = [numTypes]string{"O", "PER", "ORG", "LOC", "MISC"}

// String returns "PER", "ORG", "LOC" or "MISC", and "O" for None.
func (t Type) String() string {
	if t < numTypes {
		return typeNames[t]
	}
	return ""
}

// ParseType returns the type written s ("PER", "ORG", "LOC", "MISC"), or None.
func ParseType(s string) Type {
	for t := PER; t < numTypes; t++ {
		if typeNames[t] == s {
			return t
		}
	}
	return None
}

// Entity is a name found in a sentence: tokens [First, Last) of it, of type Type.
type Entity struct {
	First, Last int
	Type        Type
}

// FromIOB appends to out the entities of a sentence labelled in IOB2 ("B-PER", "I-PER", "O")
// and returns it. As in the CoNLL evaluation script, an I- label that does not continue an
// entity of its type starts a new one, and labels of unknown types are O.
func FromIOB(labels []string, out []Entity) []Entity {
	open := -1
	var typ Type
	for i, l := range labels {
		var t Type
		begin := false
		if len(l) > 2 && l[1] == '-' {
			t = ParseType(l[2:])
			begin = l[0] == 'B'
		}
		if open >= 0 && (t != typ || begin) {
			out = append(out, Entity{open, i, typ})
			open = -1
		}
		if t != None && open < 0 {
			open, typ = i, t
		}
	}
	if open >= 0 {
		out = append(out, Entity{open, len(labels), typ})
	}
	return out
}
