package eval

import (
	"math"
	"os"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/data"
	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp/ner"
)

func ent(first, last int, t ner.Type) ner.Entity {
	return ner.Entity{First: first, Last: last, Type: t}
}

func TestNERCounts(t *testing.T) {
	gold := []ner.Entity{ent(0, 2, ner.PER), ent(3, 4, ner.LOC), ent(5, 7, ner.ORG), ent(9, 10, ner.MISC)}
	found := []ner.Entity{
		ent(0, 2, ner.PER),   // right
		ent(3, 4, ner.ORG),   // right span, wrong type: an ORG too many, a LOC missed
		ent(5, 6, ner.ORG),   // wrong span: an ORG too many, an ORG missed
		ent(9, 10, ner.MISC), // right
		ent(11, 12, ner.PER), // spurious
	}
	var c NERCounts
	c.Add(gold, found)
	c.Add(gold[:1], nil) // a sentence where nothing was found
	want := map[ner.Type]PRF{
		ner.PER:  {TP: 1, FP: 1, FN: 1},
		ner.LOC:  {FN: 1},
		ner.ORG:  {FP: 2, FN: 1},
		ner.MISC: {TP: 1},
	}
	for ty, w := range want {
		if c[ty] != w {
			t.Errorf("%v: %+v, want %+v", ty, c[ty], w)
		}
	}
	plo := c.Micro(ner.PER, ner.LOC, ner.ORG)
	if plo != (PRF{TP: 1, FP: 3, FN: 3}) {
		t.Errorf("micro PER/LOC/ORG %+v", plo)
	}
	if p, r, f := plo.Precision(), plo.Recall(), plo.F1(); p != 0.25 || r != 0.25 || f != 0.25 {
		t.Errorf("micro P/R/F1 %v %v %v", p, r, f)
	}
	all := c.Micro(ner.PER, ner.LOC, ner.ORG, ner.MISC)
	if f := all.F1(); math.Abs(f-2*2.0/(2*2+3+3)) > 1e-12 {
		t.Errorf("micro F1 all = %v", f)
	}
}

// conllDoc builds a document from sentences written "word/LABEL ...".
func conllDoc(sents ...string) []conll.Document {
	var d conll.Document
	for _, s := range sents {
		var cs conll.Sentence
		for _, f := range strings.Fields(s) {
			i := strings.LastIndexByte(f, '/')
			cs = append(cs, conll.Token{Word: f[:i], POS: "NN", Chunk: "O", NER: f[i+1:]})
		}
		d.Sentences = append(d.Sentences, cs)
	}
	return []conll.Document{d}
}

func TestNERReport(t *testing.T) {
	docs := conllDoc(
		"Boris/B-PER Yeltsin/I-PER underwent/O heart/O surgery/O in/O a/O Moscow/B-LOC clinic/O ./O",
		"Nothing/O to/O see/O here/O ./O",
	)
	r := NER(docs, ner.Default(), nil)
	for _, k := range []string{"f1_per_loc_org", "f1_all", "f1_PER", "f1_LOC", "f1_ORG", "f1_MISC"} {
		if _, ok := r.Metrics[k]; !ok {
			t.Errorf("metric %s missing", k)
		}
	}
	if r.Metrics["f1_per_loc_org"] != 1 || r.Metrics["f1_PER"] != 1 || r.Metrics["f1_ORG"] != 0 {
		t.Errorf("metrics %v", r.Metrics)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil || !strings.Contains(b.String(), "PER+LOC+ORG") {
		t.Errorf("report:\n%s", b.String())
	}
}

// TestNERQuality holds the tagger to exact-span micro F1 ≥ 0.85 over PER, LOC and ORG on the
// CoNLL-2003 validation file (see nlp/ner/MODEL.md for the measured scores).
func TestNERQuality(t *testing.T) {
	docs, err := conll.ReadFile(shared.Path(t, "ner/conll2003/eng.valid.iob2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	kb, err := actors.LoadKB(data.Actors())
	if err != nil {
		t.Fatal(err)
	}
	r := NER(docs, ner.Default(), ner.NameGazetteer(kb.Names()))
	if testing.Verbose() {
		r.Write(os.Stdout)
	}
	if f := r.Metrics["f1_per_loc_org"]; f < 0.85 {
		t.Errorf("micro F1 over PER, LOC and ORG = %.4f, want ≥ 0.85", f)
	}
}
