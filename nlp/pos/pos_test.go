package pos

import (
	"bytes"
	"github.com/dyad-project/dyad/internal/shared"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-project/dyad/eval/conll"
)

func TestTagNames(t *testing.T) {
	for tag := Tag(1); tag < numTags; tag++ {
		if got := ParseTag(tag.String()); got != tag {
			t.Errorf("ParseTag(%q) = %v, want %v", tag.String(), got, tag)
		}
	}
	for s, want := range map[string]Tag{"PRP$": PRPS, "WP$": WPS, "-LRB-": LParen, ")": RParen, "''": CloseQuote, "``": OpenQuote, "\"": Quote, "nope": Unknown, "": Unknown} {
		if got := ParseTag(s); got != want {
			t.Errorf("ParseTag(%q) = %v, want %v", s, got, want)
		}
	}
	if Unknown.String() != "" || Tag(200).String() != "" {
		t.Error("Unknown and out-of-range tags should print empty")
	}
	checks := []struct {
		name string
		f    func(Tag) bool
		yes  []Tag
		no   []Tag
	}{
		{"IsNoun", Tag.IsNoun, []Tag{NN, NNS, NNP, NNPS}, []Tag{PRP, VB, JJ}},
		{"IsProperNoun", Tag.IsProperNoun, []Tag{NNP, NNPS}, []Tag{NN, NNS}},
		{"IsVerb", Tag.IsVerb, []Tag{VB, VBD, VBG, VBN, VBP, VBZ}, []Tag{MD, NN, TO}},
		{"IsAdj", Tag.IsAdj, []Tag{JJ, JJR, JJS}, []Tag{RB, NN}},
		{"IsAdv", Tag.IsAdv, []Tag{RB, RBR, RBS, WRB}, []Tag{RP, JJ}},
		{"IsPunct", Tag.IsPunct, []Tag{Comma, Period, Colon, Quote, LParen, RParen, Dollar}, []Tag{SYM, NN, CD}},
		{"IsFiniteVerb", Tag.IsFiniteVerb, []Tag{VBD, VBZ, VBP, MD}, []Tag{VB, VBG, VBN}},
	}
	for _, c := range checks {
		for _, tag := range c.yes {
			if !c.f(tag) {
				t.Errorf("%s(%v) = false", c.name, tag)
			}
		}
		for _, tag := range c.no {
			if c.f(tag) {
				t.Errorf("%s(%v) = true", c.name, tag)
			}
		}
	}
}

// Sentences written for these tests, tagged by hand in CoNLL-2003 style.
var handTagged = []struct{ words, tags string }{
	{"The minister met reporters in Moscow on Wednesday .", "DT NN VBD NNS IN NNP IN NNP ."},
	{"Russia accused NATO of violating the agreement .", "NNP VBD NNP IN VBG DT NN ."},
	{"The president will visit China next month to discuss trade .", "DT NN MD VB NNP JJ NN TO VB NN ."},
	{"The U.S. government said it would not comment .", "DT NNP NN VBD PRP MD RB VB ."},
	{"Mr. Smith 's company has signed a $ 5 million deal .", "NNP NNP POS NN VBZ VBN DT $ CD CD NN ."},
	{"Rebels do n't trust the army , he said .", "NNS VBP RB VB DT NN , PRP VBD ."},
}

func TestTagSentences(t *testing.T) {
	tg := Default()
	for _, s := range handTagged {
		words := strings.Fields(s.words)
		want := strings.Fields(s.tags)
		tags := tg.TagWords(words)
		got := make([]string, len(tags))
		for i, tag := range tags {
			got[i] = tag.String()
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s\n got %v\nwant %v", s.words, got, want)
		}
	}
}

func TestTagEdgeCases(t *testing.T) {
	tg := Default()
	tg.Tag(nil, nil)
	tags := tg.TagWords([]string{""})
	if tags[0] == Unknown {
		t.Error("empty word got no tag")
	}
	long := make([]string, 1000)
	for i := range long {
		long[i] = "word"
	}
	for _, tag := range tg.TagWords(long) {
		if tag == Unknown {
			t.Fatal("long sentence: Unknown tag")
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Tag with mismatched lengths should panic")
		}
	}()
	tg.Tag([]string{"a", "b"}, make([]Tag, 1))
}

func TestTagAllocs(t *testing.T) {
	tg := Default()
	words := strings.Fields("Mr. Smith 's company , based in 1996-08-30 Hong Kong , has signed a $ 5 million deal with the U.S. Army .")
	tags := make([]Tag, len(words))
	tg.Tag(words, tags)
	var buf Buffer
	tg.TagWith(words, tags, &buf)
	if n := testing.AllocsPerRun(200, func() { tg.TagWith(words, tags, &buf) }); n != 0 {
		t.Errorf("TagWith allocates %v times per call", n)
	}
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	if n := testing.AllocsPerRun(200, func() { tg.Tag(words, tags) }); n != 0 {
		t.Errorf("Tag allocates %v times per call", n)
	}
}

func TestConcurrent(t *testing.T) {
	tg := Default()
	var sents [][]string
	var want [][]Tag
	for _, s := range handTagged {
		w := strings.Fields(s.words)
		sents = append(sents, w)
		want = append(want, tg.TagWords(w))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (k + g) % len(sents)
				got := make([]Tag, len(sents[i]))
				tg.Tag(sents[i], got)
				for j := range got {
					if got[j] != want[i][j] {
						errs <- "concurrent tagging differs"
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestTrainSaveLoad(t *testing.T) {
	docs, err := conll.ReadFile("testdata/tiny.txt")
	if err != nil {
		t.Fatal(err)
	}
	train := func() []byte {
		tg, err := Train(docs, TrainOptions{Epochs: 5, Seed: 1, DictMinCount: -1})
		if err != nil {
			t.Fatal(err)
		}
		if c, n := Evaluate(tg, docs); c != n {
			t.Errorf("training data accuracy %d/%d", c, n)
		}
		var buf bytes.Buffer
		if _, err := tg.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := train(), train()
	if !bytes.Equal(a, b) {
		t.Error("training is not deterministic")
	}
	tg, err := Train(docs, TrainOptions{Epochs: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "m.bin.gz")
	if err := tg.Save(path); err != nil {
		t.Fatal(err)
	}
	tg2, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("The dog sat on the cat .")
	if got, want := tg2.TagWords(words), tg.TagWords(words); !equalTags(got, want) {
		t.Errorf("loaded model tags %v, trained model %v", got, want)
	}
	if _, err := Load(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("Load accepted garbage")
	}
}

func equalTags(a, b []Tag) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func validDocs(t testing.TB) []conll.Document {
	docs, err := conll.ReadFile(shared.Path(t, "ner/conll2003/eng.valid.iob2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func TestValidAccuracy(t *testing.T) {
	docs := validDocs(t)
	c, n := Evaluate(Default(), docs)
	acc := float64(c) / float64(n)
	t.Logf("accuracy on CoNLL-2003 valid: %.4f (%d/%d)", acc, c, n)
	if n < 50000 {
		t.Errorf("only %d tokens read", n)
	}
	if acc < 0.95 {
		t.Errorf("accuracy %.4f < 0.95", acc)
	}
}

func BenchmarkTag(b *testing.B) {
	var sents [][]string
	if path := filepath.Join(shared.Dir(), "ner", "conll2003", "eng.valid.iob2.txt"); shared.Dir() != "" && fileExists(path) {
		docs, err := conll.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				sents = append(sents, s.Words())
			}
		}
	} else {
		for _, s := range handTagged {
			sents = append(sents, strings.Fields(s.words))
		}
	}
	tg := Default()
	tags := make([]Tag, 1024)
	tokens := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		tg.Tag(s, tags[:len(s)])
		tokens += len(s)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
