package ner

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/nlp/perceptron"
	"github.com/dyad-project/dyad/nlp/pos"
)

// scorerSentences are sentences for checking the scorer: the team's sentences, in capitals and in
// lower case, and odd tokens.
func scorerSentences() [][]string {
	var out [][]string
	for _, s := range tagged {
		words, _ := parseTagged(s)
		out = append(out, words, strings.Fields(strings.ToUpper(strings.Join(words, " "))),
			strings.Fields(strings.ToLower(strings.Join(words, " "))))
	}
	out = append(out,
		[]string{"Zürich", "«", "Ünal", "»", "—", "ÉLYSÉE", "Qwertyuiopasdfghjklzxcvbnm-Qwertyuiopasdfghjklzxcvbnm-Qwertyuiopasdfghjklzxcvbnm", "x"},
		[]string{"Clinton"},
		[]string{"NASA-Goddard", "'s", "42.5", "U.S.-led", "McDONALD", "i.e.", "1996-08-22"},
	)
	return out
}

// TestScorerExact checks that the scorer gives exactly the scores of the perceptron over the
// features of static and dynamic, for every token and label history, with and without the
// vocabulary, and with marks and tags of any value.
func TestScorerExact(t *testing.T) {
	tg := Default()
	model, err := perceptron.ReadModel(bytes.NewReader(tg.raw))
	if err != nil {
		t.Fatal(err)
	}
	noVocab, err := newTagger(model, tg.scheme, tg.labels, tg.skip.words, nil)
	if err != nil {
		t.Fatal(err)
	}
	if tg.fast.words.n < len(tg.vocab)*9/10 || noVocab.fast.words.n != 0 {
		t.Fatalf("%d of %d vocabulary words summed, %d without", tg.fast.words.n, len(tg.vocab), noVocab.fast.words.n)
	}
	g := kbGaz()
	nc := len(tg.labels)
	hist := []uint64{startLabel, start2Label}
	for c := range nc {
		hist = append(hist, uint64(c))
	}
	var buf [maxFeats]uint64
	var want, got [maxClasses]float32
	checked := 0
	for k, words := range scorerSentences() {
		tags := pos.Default().TagWords(words)
		marks := make([]Mark, len(words))
		g.Mark(words, marks)
		if k%4 == 3 {
			for i := range marks {
				marks[i] = Mark(0xfff0 + i) // values no gazetteer sets
				tags[i] = pos.Tag(200 + i)  // and tags the tagger does not give
			}
		}
		caps := sentenceCaps(words)
		for _, fs := range []*scorer{tg.fast, noVocab.fast} {
			var win window
			win[0], win[1] = startTok, startTok
			for j := 0; j < 3; j++ {
				win[2+j] = tokAt(words, tags, marks, j)
			}
			for i, w := range words {
				if i > 0 {
					copy(win[:4], win[1:])
					win[4] = tokAt(words, tags, marks, i+2)
				}
				for _, p1 := range hist {
					if p1 == start2Label {
						continue
					}
					p2 := hist[(int(p1)+i)%len(hist)]
					if p1 == startLabel {
						p2 = start2Label
					}
					fs.scores(got[:nc], &win, i, caps, p1, p2)
					f := static(buf[:0], w, &win, i, caps)
					f = dynamic(f, &win, p1, p2)
					model.Scores(f, want[:nc])
					if got != want {
						t.Fatalf("%q, token %d %q, labels %d %d: scores %v, want %v", strings.Join(words, " "), i, w, p1, p2, got[:nc], want[:nc])
					}
					checked++
				}
			}
		}
	}
	t.Logf("%d scores checked", checked)
}

// TestVersion1 checks that a model file without the vocabulary still loads and tags the same.
func TestVersion1(t *testing.T) {
	tg := Default()
	v1 := &Tagger{scheme: tg.scheme, labels: tg.labels, skip: tg.skip, raw: tg.raw}
	var b bytes.Buffer
	if _, err := v1.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	raw := b.Bytes()
	raw[6] = 1 // version 1: the vocabulary count, 0, is read as the start of the perceptron model
	i := bytes.Index(raw, []byte("DYPC"))
	raw = append(raw[:i-1:i-1], raw[i:]...)
	back, err := readModelBytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.vocab) != 0 || back.fast.words.n != 0 {
		t.Fatal("version 1 model has a vocabulary")
	}
	g := kbGaz()
	for _, s := range scorerSentences() {
		if a, b := show(s, tagSentence(tg, g, s)), show(s, tagSentence(back, g, s)); a != b {
			t.Errorf("%q: %s, without vocabulary %s", strings.Join(s, " "), a, b)
		}
	}
}
