package nlp

import (
	"sync"

	"github.com/dyad-project/dyad/nlp/pos"
)

// Annotator builds the linguistic layers of a Doc: tokens, sentences and part-of-speech tags.
// It is safe for concurrent use.
type Annotator struct {
	tagger *pos.Tagger
	bufs   sync.Pool // *tagBuf
}

type tagBuf struct {
	words []string
	tags  []pos.Tag
}

// NewAnnotator returns an Annotator that tags with the embedded part-of-speech model.
func NewAnnotator() *Annotator {
	return &Annotator{tagger: pos.Default()}
}

// Annotate tokenises, segments and tags d.Text, replacing any layers d already had. It reuses d's
// slices, so a Doc recycled between articles costs no allocations once they are large enough.
func (a *Annotator) Annotate(d *Doc) {
	d.Tokens = Tokenize(d.Tokens[:0], d.Text)
	Segment(d)
	b, _ := a.bufs.Get().(*tagBuf)
	if b == nil {
		b = new(tagBuf)
	}
	for _, s := range d.Sentences {
		n := s.Last - s.First
		b.words = b.words[:0]
		for i := s.First; i < s.Last; i++ {
			b.words = append(b.words, d.Word(i))
		}
		if cap(b.tags) < n {
			b.tags = make([]pos.Tag, n)
		}
		tags := b.tags[:n]
		a.tagger.Tag(b.words, tags)
		for k, t := range tags {
			d.Tokens[s.First+k].Tag = t
		}
	}
	clear(b.words)
	a.bufs.Put(b)
}
