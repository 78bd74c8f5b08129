package chunk

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

// vocabMinCount is the number of times a training word must be seen to have
// its word features summed ahead of time (see fastScorer): rarer words are
// scored feature by feature, with the same result.
const vocabMinCount = 2

// TrainOptions configure Train. Zero fields take the defaults noted.
type TrainOptions struct {
	Epochs int    // passes over the data; default 12
	Seed   uint64 // shuffling seed; the same data, options and seed give the same model

	// POS tags the sentences; default pos.Default(). The gold tags of the
	// data are not used, so that training sees the kind of tags that
	// chunking new text will.
	POS *pos.Tagger
	// POSFolds, when above 1, jackknifes the tags of the training data: the
	// documents are dealt into POSFolds folds, and each fold is tagged by a
	// tagger trained with pos.Train and POSOptions on the other folds, so
	// that the training tags are as wrong as those of new text rather than
	// those of text the tagger has learnt. POS still tags Dev. Default 0
	// (off).
	POSFolds int
	// POSOptions configure the jackknifed taggers; Dev and Progress are
	// ignored.
	POSOptions pos.TrainOptions
	// POSProgress, if set, is called after each jackknifed tagger is
	// trained.
	POSProgress func(fold int)

	// MinWeight drops averaged weights of smaller magnitude from the final
	// model. Default 0.
	MinWeight float32

	// Dev, if set, is chunked after every epoch (with the averaged weights
	// so far) and its report passed to Progress.
	Dev []conll.Document
	// Progress, if set, is called after every epoch with the share of
	// training tokens whose label the model guessed right during the epoch
	// and the report on Dev (zero without Dev).
	Progress func(epoch int, trainAcc float64, dev Report)
}

// sentence is a sentence prepared for training or evaluation.
type sentence struct {
	words []string
	tags  []pos.Tag
	gold  []Chunk
	label []label // gold IOB2 label of each token
}

// prepare tags the sentences of docs, document i with tagger(i), and reads
// their gold chunks. With strict set, a malformed chunk label is an error;
// otherwise it counts as O.
func prepare(docs []conll.Document, tagger func(int) *pos.Tagger, strict bool) ([]sentence, error) {
	var out []sentence
	var labels []string
	for di, d := range docs {
		pt := tagger(di)
		for _, s := range d.Sentences {
			n := len(s)
			ps := sentence{words: s.Words(), tags: make([]pos.Tag, n)}
			pt.Tag(ps.words, ps.tags)
			labels = labels[:0]
			for _, tk := range s {
				if _, _, ok := parseLabel(tk.Chunk); !ok && strict {
					return nil, fmt.Errorf("chunk: bad IOB chunk label %q for %q", tk.Chunk, tk.Word)
				}
				labels = append(labels, tk.Chunk)
			}
			ps.gold = FromIOB(labels, nil)
			ps.label = make([]label, n)
			for i := range ps.label {
				ps.label[i] = label{'O', O}
			}
			for _, c := range ps.gold {
				ps.label[c.First] = label{'B', c.Kind}
				for i := c.First + 1; i < c.Last; i++ {
					ps.label[i] = label{'I', c.Kind}
				}
			}
			out = append(out, ps)
		}
	}
	return out, nil
}

// Train trains a chunker on the gold chunks of docs (IOB labels in the chunk
// column, read as the CoNLL-2000 evaluation reads them) with the
// part-of-speech tags of opt.POS or of jackknifed taggers. Training is
// deterministic. The returned chunker is the one that Save then Load would
// give (weights quantised as in the file).
func Train(docs []conll.Document, opt TrainOptions) (*Chunker, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 12
	}
	if opt.POS == nil {
		opt.POS = pos.Default()
	}
	taggers := []*pos.Tagger{opt.POS}
	if opt.POSFolds > 1 {
		taggers = make([]*pos.Tagger, opt.POSFolds)
		po := opt.POSOptions
		po.Dev, po.Progress = nil, nil
		for f := range taggers {
			var rest []conll.Document
			for di, d := range docs {
				if di%opt.POSFolds != f {
					rest = append(rest, d)
				}
			}
			var err error
			if taggers[f], err = pos.Train(rest, po); err != nil {
				return nil, fmt.Errorf("chunk: POS fold %d: %w", f, err)
			}
			if opt.POSProgress != nil {
				opt.POSProgress(f)
			}
		}
	}
	sents, err := prepare(docs, func(di int) *pos.Tagger { return taggers[di%len(taggers)] }, true)
	if err != nil {
		return nil, err
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("chunk: no training sentences")
	}
	var dev []sentence
	if opt.Dev != nil {
		if dev, err = prepare(opt.Dev, func(int) *pos.Tagger { return opt.POS }, false); err != nil {
			return nil, err
		}
	}
	// The vocabulary: the words seen at least vocabMinCount times.
	count := map[string]int{}
	for _, s := range sents {
		for _, w := range s.words {
			count[w]++
		}
	}
	var vocab []string
	for w, n := range count {
		if n >= vocabMinCount {
			vocab = append(vocab, w)
		}
	}
	c, err := trainSents(sents, labelSet(sents), vocab, opt, dev)
	if err != nil {
		return nil, err
	}
	// Round-trip through the file format so that the caller evaluates
	// exactly the model that gets saved.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := c.WriteTo(zw); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return Load(&buf)
}

// labelSet returns the labels of the training sentences: O, then B- and I-
// of the kinds seen, in Kind order.
func labelSet(sents []sentence) []label {
	seen := map[label]bool{}
	for _, s := range sents {
		for _, l := range s.label {
			seen[l] = true
		}
	}
	labels := []label{{'O', O}}
	for k := NP; k < numKinds; k++ {
		for _, p := range []byte("BI") {
			if l := (label{p, k}); seen[l] {
				labels = append(labels, l)
			}
		}
	}
	return labels
}

// trainSents trains a model on prepared sentences and returns it frozen.
func trainSents(sents []sentence, labels []label, vocab []string, opt TrainOptions, dev []sentence) (*Chunker, error) {
	class := map[label]int{}
	for k, l := range labels {
		class[l] = k
	}
	gold := make([][]uint8, len(sents))
	for i, s := range sents {
		gold[i] = make([]uint8, len(s.words))
		for j, l := range s.label {
			gold[i][j] = uint8(class[l])
		}
	}
	model := perceptron.New(len(labels))
	c, err := newChunker(model, labels, nil)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x43484b))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	s := new(scratch)
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			correct += c.trainSentence(s, sents[si].words, sents[si].tags, gold[si])
			total += len(sents[si].words)
		}
		if opt.Progress != nil {
			var r Report
			if dev != nil {
				snap, err := newChunker(model.Snapshot(), labels, vocab)
				if err != nil {
					return nil, err
				}
				r = snap.score(dev)
			}
			opt.Progress(ep, ratio(correct, total), r)
		}
	}
	model.MinWeight = opt.MinWeight
	model.Average()
	return newChunker(model, labels, vocab)
}

// trainSentence labels a sentence greedily, updating the model at every
// token, and returns the number of tokens labelled right. The label history
// is the model's own guesses. When the gold label may not follow the
// previous guess (an I- label after another kind), every label is allowed.
func (c *Chunker) trainSentence(s *scratch, words []string, tags []pos.Tag, gold []uint8) int {
	if len(words) == 0 {
		return 0
	}
	s.prepare(words, tags)
	nc := len(c.labels)
	scores := s.scores[:nc]
	all := uint32(1)<<nc - 1
	prev := nc
	p1, p2 := uint64(startLabel), uint64(start2Label)
	correct := 0
	for i := range words {
		f := s.allFeatures(words, i, p1, p2)
		c.model.Scores(f, scores)
		g := int(gold[i])
		allowed := c.allowed[prev]
		if allowed&(1<<g) == 0 {
			allowed = all
		}
		guess := bestAllowed(scores, allowed)
		c.model.Update(g, guess, f)
		if guess == g {
			correct++
		}
		prev = guess
		p2, p1 = p1, uint64(guess)
	}
	return correct
}

// Counts are the chunk counts of one kind, or of all kinds.
type Counts struct {
	Gold    int // chunks in the gold data
	Found   int // chunks the chunker found
	Correct int // found chunks with the span and kind of a gold chunk
}

// Precision returns Correct/Found (0 when nothing was found).
func (c Counts) Precision() float64 { return ratio(c.Correct, c.Found) }

// Recall returns Correct/Gold (0 without gold chunks).
func (c Counts) Recall() float64 { return ratio(c.Correct, c.Gold) }

// F1 returns the harmonic mean of precision and recall (0 when both are 0).
func (c Counts) F1() float64 { return ratio(2*c.Correct, c.Gold+c.Found) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report scores a chunker against gold chunks as the conlleval script of the
// CoNLL-2000 shared task does: a chunk is correct when a gold chunk has
// exactly its span and kind.
type Report struct {
	Kinds         [NumKinds]Counts // by kind; Kinds[O] stays zero
	All           Counts           // over all kinds
	Tokens        int              // tokens
	TokensCorrect int              // tokens whose IOB2 label matches the gold one
}

// Accuracy returns the share of tokens with the right IOB2 label.
func (r Report) Accuracy() float64 { return ratio(r.TokensCorrect, r.Tokens) }

// String formats the report as a table: the overall scores, then one line
// per kind present in the gold data or the output.
func (r Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "tokens %d, label accuracy %.4f\n", r.Tokens, r.Accuracy())
	line := func(name string, c Counts) {
		fmt.Fprintf(&b, "%-8s P %.4f  R %.4f  F1 %.4f  (gold %d, found %d, correct %d)\n",
			name, c.Precision(), c.Recall(), c.F1(), c.Gold, c.Found, c.Correct)
	}
	line("overall", r.All)
	for k := NP; k < numKinds; k++ {
		if c := r.Kinds[k]; c.Gold > 0 || c.Found > 0 {
			line(k.String(), c)
		}
	}
	return b.String()
}

// Evaluate chunks the sentences of docs, with part-of-speech tags from
// pos.Default(), and scores the chunks against their chunk column (IOB
// labels; malformed labels count as O).
func Evaluate(c *Chunker, docs []conll.Document) Report {
	pt := pos.Default()
	sents, _ := prepare(docs, func(int) *pos.Tagger { return pt }, false)
	return c.score(sents)
}

// score chunks prepared sentences and compares them with their gold chunks.
func (c *Chunker) score(sents []sentence) Report {
	var r Report
	var out []Chunk
	s := new(scratch)
	for _, ps := range sents {
		if len(ps.words) == 0 {
			continue
		}
		out = c.chunk(s, ps.words, ps.tags, 0, out[:0])
		for i, k := range s.class[:len(ps.words)] {
			if c.labels[k] == ps.label[i] {
				r.TokensCorrect++
			}
		}
		r.Tokens += len(ps.words)
		// Both lists are sorted and do not overlap: merge them.
		g := ps.gold
		for _, ch := range g {
			r.Kinds[ch.Kind].Gold++
		}
		j := 0
		for _, ch := range out {
			r.Kinds[ch.Kind].Found++
			for j < len(g) && g[j].First < ch.First {
				j++
			}
			if j < len(g) && g[j] == ch {
				r.Kinds[ch.Kind].Correct++
			}
		}
	}
	for k := NP; k < numKinds; k++ {
		r.All.Gold += r.Kinds[k].Gold
		r.All.Found += r.Kinds[k].Found
		r.All.Correct += r.Kinds[k].Correct
	}
	return r
}
