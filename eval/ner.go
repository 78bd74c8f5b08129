package eval

import (
	"strconv"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/nlp/ner"
	"github.com/dyad-project/dyad/nlp/pos"
)

// NERCounts holds exact-span counts per entity type, indexed by ner.Type (index 0, ner.None,
// is unused).
type NERCounts [ner.NumTypes + 1]PRF

// Add scores the entities found in one sentence against the gold ones: an entity counts as
// found only if its first and last token and its type all match a gold entity.
func (c *NERCounts) Add(gold, found []ner.Entity) {
	for _, f := range found {
		hit := false
		for _, g := range gold {
			if g == f {
				hit = true
				break
			}
		}
		if hit {
			c[f.Type].TP++
		} else {
			c[f.Type].FP++
		}
	}
	for _, g := range gold {
		hit := false
		for _, f := range found {
			if g == f {
				hit = true
				break
			}
		}
		if !hit {
			c[g.Type].FN++
		}
	}
}

// Micro returns the counts of the given types added together.
func (c *NERCounts) Micro(types ...ner.Type) PRF {
	var p PRF
	for _, t := range types {
		p.Add(c[t])
	}
	return p
}

// NER scores named-entity recognition on CoNLL-2003 documents: every sentence's gold tokens are
// tagged with pos.Default(), marked by the gazetteer g (nil for none) and labelled by t, and the
// entities found are compared with those of the NER column (IOB2) by exact span and type.
// Precision, recall and F1 are given per type and micro-averaged over PER, LOC and ORG and over
// all four types.
func NER(docs []conll.Document, t *ner.Tagger, g *ner.Gazetteer) *Report {
	var c NERCounts
	var words, labels []string
	var tags []pos.Tag
	var marks []ner.Mark
	var gold, found []ner.Entity
	pt := pos.Default()
	for _, d := range docs {
		for _, s := range d.Sentences {
			words, labels = words[:0], labels[:0]
			for _, tk := range s {
				words = append(words, tk.Word)
				labels = append(labels, tk.NER)
			}
			tags = append(tags[:0], make([]pos.Tag, len(s))...)
			pt.Tag(words, tags)
			var m []ner.Mark
			if g != nil {
				marks = append(marks[:0], make([]ner.Mark, len(s))...)
				g.Mark(words, marks)
				m = marks
			}
			found = t.Tag(words, tags, m, found[:0])
			gold = ner.FromIOB(labels, gold[:0])
			c.Add(gold, found)
		}
	}
	row := func(name string, p PRF) []string {
		return []string{name, F3(p.Precision()), F3(p.Recall()), F3(p.F1()), strconv.Itoa(p.TP + p.FN), strconv.Itoa(p.TP + p.FP)}
	}
	r := &Report{
		Title:   "Named entities, exact spans (CoNLL-2003)",
		Header:  []string{"type", "precision", "recall", "F1", "gold", "found"},
		Metrics: map[string]float64{},
	}
	for _, ty := range []ner.Type{ner.PER, ner.LOC, ner.ORG, ner.MISC} {
		r.Rows = append(r.Rows, row(ty.String(), c[ty]))
		r.Metrics["f1_"+ty.String()] = c[ty].F1()
	}
	plo := c.Micro(ner.PER, ner.LOC, ner.ORG)
	all := c.Micro(ner.PER, ner.LOC, ner.ORG, ner.MISC)
	r.Rows = append(r.Rows, row("PER+LOC+ORG (micro)", plo), row("all (micro)", all))
	r.Metrics["f1_per_loc_org"] = plo.F1()
	r.Metrics["f1_all"] = all.F1()
	return r
}
