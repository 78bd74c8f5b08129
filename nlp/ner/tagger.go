package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

//go:embed model.bin.gz
var embeddedModel []byte

var defaultTagger = sync.OnceValues(func() (*Tagger, error) {
	return Load(bytes.NewReader(embeddedModel))
})

// Default returns the tagger built from the embedded model, loading it on first use. It panics
// if the embedded model is corrupt, which the package tests rule out.
func Default() *Tagger {
	t, err := defaultTagger()
	if err != nil {
		panic(fmt.Sprintf("ner: embedded model: %v", err))
	}
	return t
}

// Label schemes.
const (
	BILOU = "bilou" // Begin, Inside, Last, Unit, O
	IOB2  = "iob2"  // Begin, Inside, O
)

// label is a model class: a position letter ('O', 'B', 'I', 'L', 'U') and a type.
type label struct {
	pos byte
	typ Type
}

func (l label) String() string {
	if l.pos == 'O' {
		return "O"
	}
	return string(l.pos) + "-" + l.typ.String()
}

func parseLabel(s string) (label, bool) {
	if s == "O" {
		return label{'O', None}, true
	}
	if len(s) < 3 || s[1] != '-' {
		return label{}, false
	}
	t := ParseType(s[2:])
	switch s[0] {
	case 'B', 'I', 'L', 'U':
		return label{s[0], t}, t != None
	}
	return label{}, false
}

// schemeLabels returns the labels of a scheme, O first.
func schemeLabels(scheme string) ([]label, error) {
	var ps string
	switch scheme {
	case BILOU:
		ps = "BILU"
	case IOB2:
		ps = "BI"
	default:
		return nil, fmt.Errorf("ner: unknown label scheme %q", scheme)
	}
	ls := []label{{'O', None}}
	for t := PER; t < numTypes; t++ {
		for i := 0; i < len(ps); i++ {
			ls = append(ls, label{ps[i], t})
		}
	}
	return ls, nil
}

// Feature values of the labels before the sentence.
const (
	startLabel  = 254
	start2Label = 253
)

// maxClasses bounds the number of labels so that label sets, with the sentence start, fit a
// uint32.
const maxClasses = 31

// Tagger finds the entities of sentences. A Tagger is safe for concurrent use.
type Tagger struct {
	// model is the perceptron while it is trained; once it is frozen, the tagger keeps it only
	// serialised, in raw, and scores with fast.
	model  *perceptron.Model
	raw    []byte
	scheme string
	labels []label
	oClass int
	// allowed[p] is the set of labels that may follow label p; allowed[len(labels)] those
	// that may start a sentence. final is the set of labels that may end one, and closed the
	// set of labels after which no entity is open.
	allowed [maxClasses + 1]uint32
	final   uint32
	closed  uint32
	skip    wordSet
	// vocab is the vocabulary of the training data, whose words the scorer knows.
	vocab []string
	// fast scores tokens once the model is frozen.
	fast *scorer
}

func newTagger(m *perceptron.Model, scheme string, labels []label, skip, vocab []string) (*Tagger, error) {
	if len(labels) == 0 || len(labels) > maxClasses {
		return nil, fmt.Errorf("ner: %d labels", len(labels))
	}
	if m.NumClasses() != len(labels) {
		return nil, fmt.Errorf("ner: %d classes in the weights, %d labels", m.NumClasses(), len(labels))
	}
	t := &Tagger{model: m, scheme: scheme, labels: labels, oClass: -1}
	bilou := scheme == BILOU
	for c, l := range labels {
		if l.pos == 'O' {
			t.oClass = c
		}
		if !bilou || l.pos == 'O' || l.pos == 'L' || l.pos == 'U' {
			t.final |= 1 << c
		}
		if l.pos == 'O' || bilou && (l.pos == 'L' || l.pos == 'U') {
			t.closed |= 1 << c
		}
	}
	if t.oClass < 0 {
		return nil, fmt.Errorf("ner: no O label")
	}
	t.closed |= 1 << len(labels) // the sentence start
	for p := 0; p <= len(labels); p++ {
		open := None // the type of the entity open after p
		if p < len(labels) && (labels[p].pos == 'B' || labels[p].pos == 'I') {
			open = labels[p].typ
		}
		var set uint32
		for c, l := range labels {
			var ok bool
			switch {
			case bilou && open != None:
				ok = (l.pos == 'I' || l.pos == 'L') && l.typ == open
			case bilou:
				ok = l.pos == 'O' || l.pos == 'B' || l.pos == 'U'
			default:
				ok = l.pos != 'I' || l.typ == open
			}
			if ok {
				set |= 1 << c
			}
		}
		t.allowed[p] = set
	}
	t.skip.build(skip)
	t.vocab = slices.Compact(slices.Sorted(slices.Values(vocab)))
	if m.Frozen() {
		var buf bytes.Buffer
		if _, err := m.WriteTo(&buf); err != nil {
			return nil, err
		}
		fast, err := newScorer(buf.Bytes(), len(labels), t.vocab)
		if err != nil {
			return nil, err
		}
		t.model, t.raw, t.fast = nil, buf.Bytes(), fast
	}
	return t, nil
}

// Scheme returns the label scheme of the model, BILOU or IOB2.
func (t *Tagger) Scheme() string { return t.scheme }

// Stats describes the model's size.
func (t *Tagger) Stats() string {
	mem := 16*len(t.skip.keys) + len(t.raw)
	for _, w := range t.vocab {
		mem += 16 + len(w)
	}
	var feats, weights, words int
	if t.fast != nil {
		mem += t.fast.memoryBytes()
		feats, weights, words = t.fast.w.n, t.fast.nweights, t.fast.words.n
	} else {
		mem += t.model.MemoryBytes()
		feats, weights = t.model.NumFeatures(), t.model.NumWeights()
	}
	return fmt.Sprintf("%s, %d labels, %d skip words, %d features, %d weights, %d vocabulary words (%d summed), %.1f MB in memory",
		t.scheme, len(t.labels), len(t.skip.words), feats, weights, len(t.vocab), words, float64(mem)/(1<<20))
}

// Tag finds the entities of one sentence and appends them to out, in order; it returns out.
// tags are the part-of-speech tags of words as pos.Default() assigns them, and marks the marks of
// a Gazetteer (the model is trained with those of NameGazetteer); marks may be nil, at a cost of
// about 1.5 points of F1 (see MODEL.md). Tag panics if tags, or marks when not nil, differ in length from words. It does not
// allocate, except to grow out.
func (t *Tagger) Tag(words []string, tags []pos.Tag, marks []Mark, out []Entity) []Entity {
	n := len(words)
	if len(tags) != n || marks != nil && len(marks) != n {
		panic(fmt.Sprintf("ner: Tag: %d words, %d tags, %d marks", n, len(tags), len(marks)))
	}
	if n == 0 {
		return out
	}
	return t.tag(words, tags, marks, out)
}

// spans turns a sequence of labels into entities: B and U start an entity, I and L continue one
// (or start one, if none of their type is open), and L, U and O end it.
type spans struct {
	open int
	typ  Type
}

func (s *spans) add(out []Entity, i int, l label) []Entity {
	if s.open >= 0 && (l.pos == 'O' || l.pos == 'B' || l.pos == 'U' || l.typ != s.typ) {
		out = append(out, Entity{s.open, i, s.typ})
		s.open = -1
	}
	if l.pos != 'O' {
		if s.open < 0 {
			s.open, s.typ = i, l.typ
		}
		if l.pos == 'L' || l.pos == 'U' {
			out = append(out, Entity{s.open, i + 1, s.typ})
			s.open = -1
		}
	}
	return out
}

func (s *spans) end(out []Entity, n int) []Entity {
	if s.open >= 0 {
		out = append(out, Entity{s.open, n, s.typ})
	}
	return out
}

func (t *Tagger) tag(words []string, tags []pos.Tag, marks []Mark, out []Entity) []Entity {
	n := len(words)
	caps := sentenceCaps(words)
	var win window
	win[0], win[1] = startTok, startTok
	for k := 0; k < 3; k++ {
		win[2+k] = tokAt(words, tags, marks, k)
	}
	var buf [maxFeats]uint64
	var scores [maxClasses]float32
	nc := len(t.labels)
	prev := nc
	p1, p2 := uint64(startLabel), uint64(start2Label)
	sp := spans{open: -1}
	for i, w := range words {
		if i > 0 {
			copy(win[:4], win[1:])
			win[4] = tokAt(words, tags, marks, i+2)
		}
		c := t.oClass
		if !t.skips(prev, w) {
			if t.fast != nil {
				t.fast.scores(scores[:nc], &win, i, caps, p1, p2)
			} else {
				f := static(buf[:0], w, &win, i, caps)
				f = dynamic(f, &win, p1, p2)
				t.model.Scores(f, scores[:nc])
			}
			allowed := t.allowed[prev]
			if i == n-1 {
				allowed &= t.final
			}
			c = bestAllowed(scores[:nc], allowed)
		}
		out = sp.add(out, i, t.labels[c])
		prev = c
		p2, p1 = p1, uint64(c)
	}
	return sp.end(out, n)
}

// skips reports whether w, after label prev, is outside any entity without asking the model: no
// entity is open and w is a word the training data never saw in a name, or has no capital
// letter (a lower-case word, a number, punctuation) and is not one of the connectives names
// contain ("of", "de", "van"). Most of a sentence's words are decided here, which is most of the
// tagger's speed.
func (t *Tagger) skips(prev int, w string) bool {
	if t.closed&(1<<prev) == 0 {
		return false
	}
	return t.skip.has(w) || !hasUpper(w) && !connective[w]
}

// hasUpper reports whether w has an upper-case letter.
func hasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			return true
		}
		if c >= utf8.RuneSelf {
			return strings.IndexFunc(w[i:], unicode.IsUpper) >= 0
		}
	}
	return false
}

func tokAt(words []string, tags []pos.Tag, marks []Mark, i int) tok {
	if i >= len(words) {
		return endTok
	}
	var m Mark
	if marks != nil {
		m = marks[i]
	}
	return tok{w: words[i], pos: uint64(tags[i]), mark: uint64(m)}
}

// bestAllowed returns the class in the set allowed with the highest score (the lowest on ties),
// or the best class overall if allowed is empty.
func bestAllowed(scores []float32, allowed uint32) int {
	best, bc := float32(0), -1
	for c, s := range scores {
		if allowed&(1<<c) != 0 && (bc < 0 || s > best) {
			best, bc = s, c
		}
	}
	if bc < 0 {
		return perceptron.Argmax(scores)
	}
	return bc
}

// wordSet is a set of words (exact spelling) kept as 64-bit hashes with open addressing.
type wordSet struct {
	keys  []uint64
	mask  uint64
	words []string // sorted, for saving
}

func (s *wordSet) build(words []string) {
	s.words = slices.Clone(words)
	slices.Sort(s.words)
	s.words = slices.Compact(s.words)
	size := 16
	for size < 2*len(s.words) {
		size *= 2
	}
	s.keys = make([]uint64, size)
	s.mask = uint64(size - 1)
	for _, w := range s.words {
		k := perceptron.Hash(0, w)
		i := k & s.mask
		for s.keys[i] != 0 && s.keys[i] != k {
			i = (i + 1) & s.mask
		}
		s.keys[i] = k
	}
}

func (s *wordSet) has(w string) bool {
	if len(s.words) == 0 {
		return false
	}
	k := perceptron.Hash(0, w)
	for i := k & s.mask; ; i = (i + 1) & s.mask {
		switch s.keys[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}
