// Package pos tags English tokens with Penn Treebank part-of-speech tags.
//
// The tagger is a greedy left-to-right averaged perceptron (package
// nlp/perceptron) over hashed features of the word, its neighbours and the
// two previous tags and the tag sets seen in training for the word and the
// next two, with a dictionary of frequent unambiguous words that are tagged
// without scoring. The model shipped in model.bin.gz is trained
// on the CoNLL-2003 English training data (see MODEL.md) and expects tokens
// in PTB/CoNLL conventions: clitics ('s n't 're ...) and punctuation split
// off, abbreviations such as "U.S." and hyphenated words one token.
package pos

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"sync"

	"github.com/dyad-project/dyad/nlp/perceptron"
)

//go:embed model.bin.gz
var embeddedModel []byte

// Tagger tags sentences. A Tagger is safe for concurrent use.
type Tagger struct {
	model    *perceptron.Model
	classTag [256]Tag // model class → tag
	tagClass [NumTags]int16
	lex      lexicon
	pool     sync.Pool
}

var defaultTagger = sync.OnceValues(func() (*Tagger, error) {
	return Load(bytes.NewReader(embeddedModel))
})

// Default returns the tagger built from the embedded model, loading it on
// first use. It panics if the embedded model is corrupt, which the package
// tests rule out.
func Default() *Tagger {
	t, err := defaultTagger()
	if err != nil {
		panic(fmt.Sprintf("pos: embedded model: %v", err))
	}
	return t
}

func newTagger(m *perceptron.Model, classes []Tag, lex map[string]lexEntry) *Tagger {
	t := &Tagger{model: m}
	for i := range t.tagClass {
		t.tagClass[i] = -1
	}
	for c, tag := range classes {
		t.classTag[c] = tag
		t.tagClass[tag] = int16(c)
	}
	t.lex.build(lex)
	t.pool.New = func() any { return new(scratch) }
	return t
}

// Tags returns the tags the tagger can assign.
func (t *Tagger) Tags() []Tag {
	out := make([]Tag, t.model.NumClasses())
	copy(out, t.classTag[:len(out)])
	return out
}

// Tag tags one sentence: tags[i] receives the tag of words[i]. It panics if
// len(tags) != len(words). Tag does not allocate (after the first calls have
// sized the pooled buffers for the longest sentences).
func (t *Tagger) Tag(words []string, tags []Tag) {
	if len(tags) != len(words) {
		panic(fmt.Sprintf("pos: Tag: %d tags for %d words", len(tags), len(words)))
	}
	if len(words) == 0 {
		return
	}
	s := t.pool.Get().(*scratch)
	t.tag(s, words, tags)
	t.pool.Put(s)
}

// Buffer holds the scratch space of one Tag call. Callers that tag from one
// goroutine may keep a Buffer and use TagWith to bypass the tagger's
// sync.Pool. The zero value is ready to use; a Buffer must not be used by two
// goroutines at once.
type Buffer struct{ s scratch }

// TagWith is Tag using buf for scratch space.
func (t *Tagger) TagWith(words []string, tags []Tag, buf *Buffer) {
	if len(tags) != len(words) {
		panic(fmt.Sprintf("pos: Tag: %d tags for %d words", len(tags), len(words)))
	}
	if len(words) == 0 {
		return
	}
	t.tag(&buf.s, words, tags)
}

// TagWords is Tag returning a new slice.
func (t *Tagger) TagWords(words []string) []Tag {
	tags := make([]Tag, len(words))
	t.Tag(words, tags)
	return tags
}

func (t *Tagger) tag(s *scratch, words []string, tags []Tag) {
	s.prepare(words, &t.lex)
	caps := s.sentenceCaps(len(words))
	nc := t.model.NumClasses()
	scores := s.scores[:nc]
	p1, p2 := uint64(startTag), uint64(start2Tag)
	for i := range words {
		tag := s.dict[i]
		if tag == Unknown {
			feats := s.features(words, i, p1, p2, caps)
			t.model.Scores(feats, scores)
			tag = t.classTag[perceptron.Argmax(scores)]
		}
		tags[i] = tag
		p2, p1 = p1, uint64(tag)
	}
}

// lexicon maps the exact spelling of the words seen in training to a
// dictionary tag (for frequent unambiguous words; Unknown otherwise) and to
// their ambiguity class: the set of tags they were seen with, as a bit mask
// over Tag values. Keys are 64-bit hashes, with open addressing.
type lexicon struct {
	keys  []uint64
	ents  []lexEntry
	mask  uint64
	words []string // sorted, for saving
}

type lexEntry struct {
	amb uint64 // bit t set: seen with Tag t
	tag Tag    // dictionary tag or Unknown
}

func (l *lexicon) build(m map[string]lexEntry) {
	size := 16
	for size < 2*len(m) {
		size *= 2
	}
	l.keys = make([]uint64, size)
	l.ents = make([]lexEntry, size)
	l.mask = uint64(size - 1)
	l.words = l.words[:0]
	for w, e := range m {
		l.words = append(l.words, w)
		k := perceptron.Hash(0, w)
		i := k & l.mask
		for l.keys[i] != 0 {
			i = (i + 1) & l.mask
		}
		l.keys[i] = k
		l.ents[i] = e
	}
	slices.Sort(l.words)
}

func (l *lexicon) lookup(w string) lexEntry {
	if len(l.keys) == 0 {
		return lexEntry{}
	}
	k := perceptron.Hash(0, w)
	for i := k & l.mask; ; i = (i + 1) & l.mask {
		switch l.keys[i] {
		case k:
			return l.ents[i]
		case 0:
			return lexEntry{}
		}
	}
}

func (l *lexicon) dictWords() int {
	n := 0
	for i, k := range l.keys {
		if k != 0 && l.ents[i].tag != Unknown {
			n++
		}
	}
	return n
}

// Stats describes the model's size.
func (t *Tagger) Stats() string {
	return fmt.Sprintf("%d tags, %d lexicon words (%d in the tag dictionary), %d features, %d weights",
		t.model.NumClasses(), len(t.lex.words), t.lex.dictWords(), t.model.NumFeatures(), t.model.NumWeights())
}
