package pos

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/nlp/perceptron"
)

// TrainOptions configure Train. Zero fields take the defaults noted.
type TrainOptions struct {
	Epochs int    // passes over the data; default 10
	Seed   uint64 // shuffling seed; the same data, options and seed give the same model

	// Words seen at least DictMinCount times with one tag in at least
	// DictMinRatio of them go to the tag dictionary. Defaults 20 and 0.97.
	// A negative DictMinCount disables the dictionary.
	DictMinCount int
	DictMinRatio float64

	// Words seen at least AmbMinCount times keep their ambiguity class (the
	// tags they had in at least AmbMinRatio of their occurrences) as a
	// feature. Defaults 1 and 0.01.
	AmbMinCount int
	AmbMinRatio float64
	// Folds is the number of document folds for jackknifing the ambiguity
	// classes of training words (see Train). Default 10; negative or 1
	// turns jackknifing off.
	Folds int

	// MinWeight drops averaged weights of smaller magnitude from the final
	// model. Default 0.
	MinWeight float32

	// Dev, if set, is tagged after every epoch (with the averaged weights
	// so far) and its accuracy passed to Progress.
	Dev []conll.Document
	// Progress, if set, is called after every epoch with the accuracy on
	// the training data during the epoch and on Dev (0 without Dev).
	Progress func(epoch int, trainAcc, devAcc float64)
}

type trainSent struct {
	words []string
	gold  []Tag
	amb   []uint64 // jackknifed ambiguity classes, or nil
}

// Train trains a tagger on the gold tags of docs. Training is
// deterministic. The returned tagger is the one that Save then Load would
// give (weights quantised as in the file).
func Train(docs []conll.Document, opt TrainOptions) (*Tagger, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 10
	}
	if opt.DictMinCount == 0 {
		opt.DictMinCount = 20
	}
	if opt.DictMinRatio == 0 {
		opt.DictMinRatio = 0.97
	}
	if opt.AmbMinCount == 0 {
		opt.AmbMinCount = 1
	}
	if opt.AmbMinRatio == 0 {
		opt.AmbMinRatio = 0.01
	}
	if opt.Folds == 0 {
		opt.Folds = 10
	}
	var sents []trainSent
	var sentFold []int
	present := make(map[Tag]bool)
	counts := make(map[string]*[NumTags]int32)
	var foldCounts []map[string]*[NumTags]int32
	if opt.Folds > 1 {
		foldCounts = make([]map[string]*[NumTags]int32, opt.Folds)
		for f := range foldCounts {
			foldCounts[f] = make(map[string]*[NumTags]int32)
		}
	}
	for di, d := range docs {
		for _, s := range d.Sentences {
			ts := trainSent{words: make([]string, len(s)), gold: make([]Tag, len(s))}
			for i, tok := range s {
				tag := ParseTag(tok.POS)
				if tag == Unknown {
					return nil, fmt.Errorf("pos: unknown tag %q for %q", tok.POS, tok.Word)
				}
				ts.words[i], ts.gold[i] = tok.Word, tag
				present[tag] = true
				c := counts[tok.Word]
				if c == nil {
					c = new([NumTags]int32)
					counts[tok.Word] = c
				}
				c[tag]++
				if foldCounts != nil {
					fc := foldCounts[di%opt.Folds]
					c := fc[tok.Word]
					if c == nil {
						c = new([NumTags]int32)
						fc[tok.Word] = c
					}
					c[tag]++
				}
			}
			sents = append(sents, ts)
			sentFold = append(sentFold, di%opt.Folds)
		}
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("pos: no training sentences")
	}
	var classes []Tag
	for tag := Tag(1); tag < numTags; tag++ {
		if present[tag] {
			classes = append(classes, tag)
		}
	}
	lex := make(map[string]lexEntry)
	for w, c := range counts {
		total, best, bt := int32(0), int32(0), Unknown
		for tag, n := range c {
			total += n
			if n > best {
				best, bt = n, Tag(tag)
			}
		}
		var e lexEntry
		if opt.DictMinCount > 0 && int(total) >= opt.DictMinCount && float64(best) >= opt.DictMinRatio*float64(total) {
			e.tag = bt
		}
		e.amb = ambClass(c, opt)
		if e.amb != 0 || e.tag != Unknown {
			lex[w] = e
		}
	}
	// With jackknifing, a training word's ambiguity class comes from the
	// documents of the other folds, so that training meets unseen words as
	// often as tagging new text does.
	if foldCounts != nil {
		var out [NumTags]int32
		for i := range sents {
			ts := &sents[i]
			fc := foldCounts[sentFold[i]]
			ts.amb = make([]uint64, len(ts.words))
			for j, w := range ts.words {
				in := fc[w]
				for k, n := range counts[w] {
					out[k] = n - in[k]
				}
				ts.amb[j] = ambClass(&out, opt)
			}
		}
	}

	model := perceptron.New(len(classes))
	t := newTagger(model, classes, lex)
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	s := new(scratch)
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	var tags []Tag
	for ep := 1; ep <= opt.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			ts := sents[si]
			tags = t.trainSentence(s, ts, tags)
			for i, g := range ts.gold {
				if tags[i] == g {
					correct++
				}
			}
			total += len(ts.gold)
		}
		if opt.Progress != nil {
			dev := 0.0
			if opt.Dev != nil {
				snap := newTagger(model.Snapshot(), classes, lex)
				c, n := Evaluate(snap, opt.Dev)
				dev = ratio(c, n)
			}
			opt.Progress(ep, ratio(correct, total), dev)
		}
	}
	model.MinWeight = opt.MinWeight
	model.Average()
	// Round-trip through the file format so that the caller evaluates
	// exactly the model that gets saved.
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

// ambClass returns the ambiguity class of a word with tag counts c.
func ambClass(c *[NumTags]int32, opt TrainOptions) uint64 {
	total := int32(0)
	for _, n := range c {
		total += n
	}
	if int(total) < opt.AmbMinCount {
		return 0
	}
	var amb uint64
	for tag, n := range c {
		if n > 0 && float64(n) >= opt.AmbMinRatio*float64(total) {
			amb |= 1 << tag
		}
	}
	return amb
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// trainSentence tags ts greedily, updating the model at every token not
// covered by the dictionary; the tag history uses the model's guesses.
func (t *Tagger) trainSentence(s *scratch, ts trainSent, tags []Tag) []Tag {
	words := ts.words
	tags = append(tags[:0], make([]Tag, len(words))...)
	s.prepare(words, &t.lex)
	if ts.amb != nil {
		copy(s.amb[2:], ts.amb)
	}
	caps := s.sentenceCaps(len(words))
	nc := t.model.NumClasses()
	scores := s.scores[:nc]
	p1, p2 := uint64(startTag), uint64(start2Tag)
	for i := range words {
		tag := s.dict[i]
		if tag == Unknown {
			feats := s.features(words, i, p1, p2, caps)
			t.model.Scores(feats, scores)
			guess := perceptron.Argmax(scores)
			t.model.Update(int(t.tagClass[ts.gold[i]]), guess, feats)
			tag = t.classTag[guess]
		}
		tags[i] = tag
		p2, p1 = p1, uint64(tag)
	}
	return tags
}

// Evaluate tags the gold tokens of docs and returns the number of tokens
// whose tag matches the gold POS column, and the number of tokens.
func Evaluate(t *Tagger, docs []conll.Document) (correct, total int) {
	var words []string
	var tags []Tag
	for _, d := range docs {
		for _, s := range d.Sentences {
			words = words[:0]
			for _, tok := range s {
				words = append(words, tok.Word)
			}
			tags = append(tags[:0], make([]Tag, len(s))...)
			t.Tag(words, tags)
			for i, tok := range s {
				if tags[i].String() == tok.POS {
					correct++
				}
			}
			total += len(s)
		}
	}
	return correct, total
}
