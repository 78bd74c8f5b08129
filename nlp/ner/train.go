package ner

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

// TrainOptions configure Train. Zero fields take the defaults noted.
type TrainOptions struct {
	Epochs int    // passes over the data; default 15
	Seed   uint64 // shuffling seed; the same data, options and seed give the same model
	Scheme string // label scheme, IOB2 (default) or BILOU

	// Gazetteer marks the training sentences (and Dev); nil trains without gazetteer features.
	Gazetteer *Gazetteer
	// POS tags the sentences; default pos.Default(). The gold tags of the data are not used,
	// so that training sees the tags that tagging new text will.
	POS *pos.Tagger

	// Words seen at least SkipMinCount times, never inside an entity, are labelled O without
	// scoring when no entity is open. Default 20; negative disables.
	SkipMinCount int
	// GoldHistory makes the previous-label features use the gold labels while training
	// instead of the model's own guesses.
	GoldHistory bool
	// GazDropout is the share of training sentences, drawn afresh each epoch, that are seen
	// without their gazetteer marks, so that the model does not lean on the gazetteer alone
	// and degrades gracefully without one. Default 0.15; negative disables.
	GazDropout float64
	// MinWeight drops averaged weights of smaller magnitude from the final model. Default 0.
	MinWeight float32

	// Dev, if set, is tagged after every epoch (with the averaged weights so far) and its
	// scores passed to Progress.
	Dev []conll.Document
	// Progress, if set, is called after every epoch with the share of training tokens whose
	// label the model guessed right during the epoch, and the exact-span micro F1 on Dev over
	// PER, LOC and ORG and over all four types (0 without Dev).
	Progress func(epoch int, trainAcc, devF1PLO, devF1All float64)
}

// sentence is a sentence prepared for training or evaluation.
type sentence struct {
	words []string
	tags  []pos.Tag
	marks []Mark
	gold  []Entity
	class []int // gold class of each token
}

func prepare(docs []conll.Document, g *Gazetteer, pt *pos.Tagger, t *Tagger) ([]sentence, error) {
	var out []sentence
	var labels []string
	for _, d := range docs {
		for _, s := range d.Sentences {
			n := len(s)
			ps := sentence{words: s.Words(), tags: make([]pos.Tag, n), marks: make([]Mark, n)}
			pt.Tag(ps.words, ps.tags)
			if g != nil {
				g.Mark(ps.words, ps.marks)
			}
			labels = labels[:0]
			for _, tk := range s {
				if tk.NER != "O" {
					if _, ok := parseLabel(tk.NER); !ok || tk.NER[0] == 'L' || tk.NER[0] == 'U' {
						return nil, fmt.Errorf("ner: bad IOB2 label %q for %q", tk.NER, tk.Word)
					}
				}
				labels = append(labels, tk.NER)
			}
			ps.gold = FromIOB(labels, nil)
			ps.class = t.classes(ps.gold, n)
			out = append(out, ps)
		}
	}
	return out, nil
}

// classes returns the classes of the tokens of a sentence of n tokens with entities es.
func (t *Tagger) classes(es []Entity, n int) []int {
	cl := make([]int, n)
	index := map[label]int{}
	for c, l := range t.labels {
		index[l] = c
	}
	for i := range cl {
		cl[i] = t.oClass
	}
	for _, e := range es {
		for i := e.First; i < e.Last; i++ {
			p := byte('I')
			switch {
			case t.scheme == BILOU && e.Last-e.First == 1:
				p = 'U'
			case i == e.First:
				p = 'B'
			case t.scheme == BILOU && i == e.Last-1:
				p = 'L'
			}
			cl[i] = index[label{p, e.Type}]
		}
	}
	return cl
}

// Train trains a tagger on the gold entities of docs (IOB2 labels in the NER column).
// Training is deterministic. The returned tagger is the one that Save then Load would give
// (weights quantised as in the file).
func Train(docs []conll.Document, opt TrainOptions) (*Tagger, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	if opt.Scheme == "" {
		opt.Scheme = IOB2
	}
	if opt.GazDropout == 0 {
		opt.GazDropout = 0.15
	}
	if opt.SkipMinCount == 0 {
		opt.SkipMinCount = 20
	}
	if opt.POS == nil {
		opt.POS = pos.Default()
	}
	labels, err := schemeLabels(opt.Scheme)
	if err != nil {
		return nil, err
	}
	model := perceptron.New(len(labels))
	t, err := newTagger(model, opt.Scheme, labels, nil, nil)
	if err != nil {
		return nil, err
	}
	sents, err := prepare(docs, opt.Gazetteer, opt.POS, t)
	if err != nil {
		return nil, err
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("ner: no training sentences")
	}
	var dev []sentence
	if opt.Dev != nil {
		if dev, err = prepare(opt.Dev, opt.Gazetteer, opt.POS, t); err != nil {
			return nil, err
		}
	}
	var skip []string
	if opt.SkipMinCount > 0 {
		count := map[string]int{}
		inName := map[string]bool{}
		for _, s := range sents {
			for i, w := range s.words {
				count[w]++
				if s.class[i] != t.oClass {
					inName[w] = true
				}
			}
		}
		for w, c := range count {
			if c >= opt.SkipMinCount && !inName[w] {
				skip = append(skip, w)
			}
		}
	}
	// The vocabulary: the words of the training data, the only ones with word features.
	var vocab []string
	for _, s := range sents {
		vocab = append(vocab, s.words...)
	}
	t, err = newTagger(model, opt.Scheme, labels, skip, vocab)
	if err != nil {
		return nil, err
	}

	rng := rand.New(rand.NewPCG(opt.Seed, 0x4e4552))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			noGaz := opt.GazDropout > 0 && rng.Float64() < opt.GazDropout
			correct += t.trainSentence(&sents[si], opt.GoldHistory, noGaz)
			total += len(sents[si].words)
		}
		if opt.Progress != nil {
			var plo, all float64
			if dev != nil {
				snap, err := newTagger(model.Snapshot(), opt.Scheme, labels, skip, t.vocab)
				if err != nil {
					return nil, err
				}
				plo, all = snap.score(dev)
			}
			opt.Progress(ep, float64(correct)/float64(total), plo, all)
		}
	}
	model.MinWeight = opt.MinWeight
	model.Average()
	// Round-trip through the file format so that the caller evaluates exactly the model that
	// gets saved.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := t.WriteTo(zw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return Load(&buf)
}

// trainSentence labels s greedily, updating the model at every token it scores, and returns
// the number of tokens labelled right.
func (t *Tagger) trainSentence(s *sentence, goldHistory, noGaz bool) int {
	words, n := s.words, len(s.words)
	marks := s.marks
	if noGaz {
		marks = nil
	}
	caps := sentenceCaps(words)
	var win window
	win[0], win[1] = startTok, startTok
	for k := 0; k < 3; k++ {
		win[2+k] = tokAt(words, s.tags, marks, k)
	}
	var buf [maxFeats]uint64
	var scores [maxClasses]float32
	nc := len(t.labels)
	all := uint32(1)<<nc - 1
	prev := nc
	p1, p2 := uint64(startLabel), uint64(start2Label)
	correct := 0
	for i, w := range words {
		if i > 0 {
			copy(win[:4], win[1:])
			win[4] = tokAt(words, s.tags, marks, i+2)
		}
		gold := s.class[i]
		guess := t.oClass
		if !t.skips(prev, w) {
			f := static(buf[:0], w, &win, i, caps)
			f = dynamic(f, &win, p1, p2)
			t.model.Scores(f, scores[:nc])
			allowed := t.allowed[prev]
			if i == n-1 {
				allowed &= t.final
			}
			if allowed&(1<<gold) == 0 {
				allowed = all
			}
			guess = bestAllowed(scores[:nc], allowed)
			t.model.Update(gold, guess, f)
		}
		if guess == gold {
			correct++
		}
		c := guess
		if goldHistory {
			c = gold
		}
		prev = c
		p2, p1 = p1, uint64(c)
	}
	return correct
}

// Evaluate tags the sentences of docs (with pos.Default() tags and the marks of g, which may be
// nil) and returns the exact-span micro F1 against their NER column over PER, LOC and ORG and
// over all four types. Package eval gives the full report.
func Evaluate(t *Tagger, g *Gazetteer, docs []conll.Document) (f1PLO, f1All float64, err error) {
	sents, err := prepare(docs, g, pos.Default(), t)
	if err != nil {
		return 0, 0, err
	}
	f1PLO, f1All = t.score(sents)
	return f1PLO, f1All, nil
}

// score tags prepared sentences and returns the exact-span micro F1 over PER, LOC and ORG and
// over all types.
func (t *Tagger) score(sents []sentence) (plo, all float64) {
	var tp, fp, fn [numTypes]int
	var out []Entity
	for _, s := range sents {
		out = t.Tag(s.words, s.tags, s.marks, out[:0])
		gold := map[Entity]bool{}
		for _, e := range s.gold {
			gold[e] = true
		}
		for _, e := range out {
			if gold[e] {
				tp[e.Type]++
				delete(gold, e)
			} else {
				fp[e.Type]++
			}
		}
		for e := range gold {
			fn[e.Type]++
		}
	}
	f1 := func(types ...Type) float64 {
		var a, b, c int
		for _, ty := range types {
			a, b, c = a+tp[ty], b+fp[ty], c+fn[ty]
		}
		if a == 0 {
			return 0
		}
		return 2 * float64(a) / float64(2*a+b+c)
	}
	return f1(PER, LOC, ORG), f1(PER, ORG, LOC, MISC)
}
