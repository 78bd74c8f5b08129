// Package chunk splits English sentences into phrase chunks: base noun
// phrases, verb groups, prepositions and the other non-recursive phrases of
// the CoNLL-2000 shared task ("[NP The minister] [VP met] [NP reporters]
// [PP in] [NP Moscow] .").
//
// The Chunker is a greedy left-to-right averaged perceptron (package
// nlp/perceptron) that gives each token an IOB2 label (B-NP, I-NP, O ...),
// never an I- label that does not continue a chunk of its kind. Its features
// are the lower-cased word and two neighbours on each side, word bigrams,
// suffixes and shapes, the part-of-speech tags of a five-token window with
// their bigrams and trigrams, and the two previous labels, alone and with
// tags and words (see features.go). A loaded model keeps the weights of the
// features of few values in arrays and sums those of single words ahead of
// time, so that a token costs about a dozen look-ups in the weight table.
//
// The model shipped in model.bin.gz is trained on the chunk column of the
// CoNLL-2003 English training data with predicted part-of-speech tags, not
// the gold ones: the tags of taggers trained as pos.Default() is but each
// without a tenth of the documents, which it then tags (jackknifing), so that
// the training tags are as accurate as those pos.Default() gives new text.
// See MODEL.md for the data, the command and the scores. Tokens are expected
// in PTB/CoNLL conventions, as nlp/pos expects them, with tags from
// pos.Default(); nlp.Annotator leaves a Doc in that state for Annotate.
package chunk

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"sync"

	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

//go:embed model.bin.gz
var embeddedModel []byte

var defaultChunker = sync.OnceValues(func() (*Chunker, error) {
	return Load(bytes.NewReader(embeddedModel))
})

// Default returns the chunker built from the embedded model, loading it on
// first use. It panics if the embedded model is corrupt, which the package
// tests rule out.
func Default() *Chunker {
	c, err := defaultChunker()
	if err != nil {
		panic(fmt.Sprintf("chunk: embedded model: %v", err))
	}
	return c
}

// label is a model class: a position letter, 'O' (outside), 'B' (begins a
// chunk) or 'I' (continues one), and a kind.
type label struct {
	pos  byte
	kind Kind
}

func (l label) String() string {
	if l.pos == 'O' {
		return "O"
	}
	return string(l.pos) + "-" + l.kind.String()
}

// maxClasses bounds the number of labels so that label sets, with the
// sentence start, fit a uint32. O and B-, I- of every kind fit.
const maxClasses = 31

// Chunker splits sentences into chunks. A Chunker is safe for concurrent
// use.
type Chunker struct {
	model  *perceptron.Model
	labels []label // class → label
	// allowed[p] is the set of classes that may follow class p:
	// allowed[len(labels)] those that may start a sentence.
	allowed [maxClasses + 1]uint32
	// vocab is the vocabulary whose words have their word features summed
	// ahead of time, sorted.
	vocab []string
	// fast scores tokens once the model is frozen; nil while it is trained.
	fast *fastScorer
	pool sync.Pool
}

func newChunker(m *perceptron.Model, labels []label, vocab []string) (*Chunker, error) {
	if len(labels) == 0 || len(labels) > maxClasses {
		return nil, fmt.Errorf("chunk: %d labels", len(labels))
	}
	if m.NumClasses() != len(labels) {
		return nil, fmt.Errorf("chunk: %d classes in the weights, %d labels", m.NumClasses(), len(labels))
	}
	c := &Chunker{model: m, labels: labels, vocab: slices.Compact(slices.Sorted(slices.Values(vocab)))}
	for p := 0; p <= len(labels); p++ {
		open := O // the kind of the chunk open after p
		if p < len(labels) {
			open = labels[p].kind
		}
		var set uint32
		for k, l := range labels {
			if l.pos != 'I' || l.kind == open {
				set |= 1 << k
			}
		}
		if set == 0 {
			return nil, fmt.Errorf("chunk: no label may follow %v", p)
		}
		c.allowed[p] = set
	}
	if m.Frozen() {
		c.fast = newFastScorer(m, c.vocab)
	}
	c.pool.New = func() any { return new(scratch) }
	return c, nil
}

// Labels returns the IOB2 labels the chunker assigns ("O", "B-NP", ...).
func (c *Chunker) Labels() []string {
	out := make([]string, len(c.labels))
	for i, l := range c.labels {
		out[i] = l.String()
	}
	return out
}

// Stats describes the model's size.
func (c *Chunker) Stats() string {
	mem := c.model.MemoryBytes()
	for _, w := range c.vocab {
		mem += 16 + len(w)
	}
	if c.fast != nil {
		mem += c.fast.memoryBytes()
	}
	return fmt.Sprintf("%d labels, %d features, %d weights, %d vocabulary words, %.1f MB in memory",
		len(c.labels), c.model.NumFeatures(), c.model.NumWeights(), len(c.vocab), float64(mem)/(1<<20))
}

// Chunk appends the chunks of one sentence to out and returns the extended
// slice: words are its tokens and tags their part-of-speech tags (from
// pos.Default()). Chunk indexes are token indexes in words, in order, and do
// not overlap; tokens outside every chunk (most punctuation) are left out.
// It panics if len(tags) != len(words). Chunk does not allocate when out has
// room for the chunks (after the first calls have sized the pooled buffers
// for the longest sentences).
func (c *Chunker) Chunk(words []string, tags []pos.Tag, out []Chunk) []Chunk {
	if len(tags) != len(words) {
		panic(fmt.Sprintf("chunk: Chunk: %d tags for %d words", len(tags), len(words)))
	}
	if len(words) == 0 {
		return out
	}
	s := c.pool.Get().(*scratch)
	out = c.chunk(s, words, tags, 0, out)
	c.pool.Put(s)
	return out
}

// Annotate returns the chunks of all the sentences of d, whose tokens must
// carry their part-of-speech tags (as nlp.Annotator leaves them). Chunk
// indexes are token indexes in d.Tokens.
func (c *Chunker) Annotate(d *nlp.Doc) []Chunk { return c.AppendDoc(nil, d) }

// AppendDoc is Annotate appending to out; it allocates only when out must
// grow.
func (c *Chunker) AppendDoc(out []Chunk, d *nlp.Doc) []Chunk {
	s := c.pool.Get().(*scratch)
	for _, sent := range d.Sentences {
		if sent.Last <= sent.First {
			continue
		}
		s.words, s.tags = s.words[:0], s.tags[:0]
		for i := sent.First; i < sent.Last; i++ {
			s.words = append(s.words, d.Word(i))
			s.tags = append(s.tags, d.Tokens[i].Tag)
		}
		out = c.chunk(s, s.words, s.tags, sent.First, out)
	}
	clear(s.words) // do not keep the text alive
	c.pool.Put(s)
	return out
}

// chunk labels one non-empty sentence greedily and appends its chunks, their
// token indexes shifted by base. It leaves the classes in s.class.
func (c *Chunker) chunk(s *scratch, words []string, tags []pos.Tag, base int, out []Chunk) []Chunk {
	c.prepare(s, words, tags)
	nc := len(c.labels)
	prev := nc
	p1, p2 := uint64(startLabel), uint64(start2Label)
	for i := range words {
		scores := c.scores(s, words, i, p1, p2)
		k := bestAllowed(scores, c.allowed[prev])
		s.class[i] = uint8(k)
		prev = k
		p2, p1 = p1, uint64(k)
	}
	return c.appendChunks(out, s.class[:len(words)], base)
}

// prepare prepares s for scoring the tokens of a sentence.
func (c *Chunker) prepare(s *scratch, words []string, tags []pos.Tag) {
	s.prepare(words, tags)
	if c.fast != nil {
		c.fast.lookup(s, words)
	}
}

// scores returns the scores of token i of a prepared sentence, in s.scores.
func (c *Chunker) scores(s *scratch, words []string, i int, p1, p2 uint64) []float32 {
	scores := s.scores[:len(c.labels)]
	if c.fast == nil || !c.fast.scores(scores, c.model, s, words, i, p1, p2) {
		c.model.Scores(s.allFeatures(words, i, p1, p2), scores)
	}
	return scores
}

// appendChunks appends the chunks of a sentence whose tokens have the
// classes cl, a valid IOB2 sequence.
func (c *Chunker) appendChunks(out []Chunk, cl []uint8, base int) []Chunk {
	for i, k := range cl {
		switch l := c.labels[k]; l.pos {
		case 'B':
			out = append(out, Chunk{First: base + i, Last: base + i + 1, Kind: l.kind})
		case 'I':
			out[len(out)-1].Last = base + i + 1
		}
	}
	return out
}

// bestAllowed returns the class with the highest score among the set
// allowed (the lowest class on ties).
func bestAllowed(scores []float32, allowed uint32) int {
	best := -1
	var bs float32
	for k, v := range scores {
		if allowed&(1<<k) != 0 && (best < 0 || v > bs) {
			best, bs = k, v
		}
	}
	return best
}
