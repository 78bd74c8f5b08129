package chunk

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/pos"
)

// Sentences written for these tests, chunked by hand in the conventions of
// CoNLL-2000.
var handChunked = []string{
	"[NP The minister] [VP met] [NP reporters] [PP in] [NP Moscow] [PP on] [NP Wednesday] .",
	"[NP Russia] [VP accused] [NP NATO] [PP of] [VP violating] [NP the agreement] .",
	"[NP The president] [VP will visit] [NP China] [NP next month] [VP to discuss] [NP trade] .",
	"[NP The U.S. government] [VP said] [NP it] [VP would not comment] .",
	"[NP Rebels] [VP have attacked] [NP a small town] [PP near] [NP the border] .",
	"[NP Police] [VP arrested] [NP two men] [PP after] [NP the explosion] .",
	// With "OPEC cut production" the tagger makes "cut" a noun (NN), and
	// the chunker follows it.
	"[NP Oil prices] [VP rose] [ADVP sharply] [PP on] [NP Monday] [SBAR after] [NP OPEC] [VP announced] [NP new limits] .",
	"[NP He] [VP said] [SBAR that] [NP the talks] [VP had failed] .",
	"[NP The company] [VP wants to sell] [NP its stake] [PP in] [NP the bank] .",
	// CoNLL-2003 chunks "out of" as two PPs, and a gerund as a VP.
	"[NP Troops] [VP pulled] [PP out] [PP of] [NP the city] [PP after] [NP three days] [PP of] [VP fighting] .",
	"[NP The rebels] [VP gave] [PRT up] [NP their weapons] [PP to] [NP United Nations peacekeepers] .",
	"[NP The situation] [VP remains] [ADJP very difficult] , [NP officials] [VP said] .",
}

// parseBracketed returns the words and chunks of a sentence written as in
// handChunked.
func parseBracketed(t testing.TB, s string) ([]string, []Chunk) {
	var words []string
	var chunks []Chunk
	open := -1
	for _, f := range strings.Fields(s) {
		if strings.HasPrefix(f, "[") {
			k, ok := ParseKind(f[1:])
			if !ok || open >= 0 {
				t.Fatalf("bad bracketing %q", s)
			}
			chunks = append(chunks, Chunk{First: len(words), Kind: k})
			open = len(chunks) - 1
			continue
		}
		closing := strings.HasSuffix(f, "]")
		words = append(words, strings.TrimSuffix(f, "]"))
		if closing {
			chunks[open].Last = len(words)
			open = -1
		}
	}
	return words, chunks
}

func bracketed(words []string, chunks []Chunk) string {
	var b strings.Builder
	i := 0
	for _, c := range chunks {
		for ; i < c.First; i++ {
			b.WriteString(words[i] + " ")
		}
		fmt.Fprintf(&b, "[%s %s] ", c.Kind, strings.Join(words[c.First:c.Last], " "))
		i = c.Last
	}
	for ; i < len(words); i++ {
		b.WriteString(words[i] + " ")
	}
	return strings.TrimSpace(b.String())
}

func chunkWords(words []string) []Chunk {
	tags := pos.Default().TagWords(words)
	return Default().Chunk(words, tags, nil)
}

func TestChunkSentences(t *testing.T) {
	for _, s := range handChunked {
		words, want := parseBracketed(t, s)
		got := chunkWords(words)
		if g, w := bracketed(words, got), bracketed(words, want); g != w {
			t.Errorf("\n got %s\nwant %s", g, w)
		}
	}
}

func TestKinds(t *testing.T) {
	for k := O; k < numKinds; k++ {
		if got, ok := ParseKind(k.String()); !ok || got != k {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, ok)
		}
	}
	if _, ok := ParseKind("XP"); ok {
		t.Error("ParseKind accepted XP")
	}
	if Kind(200).String() != "" {
		t.Error("out-of-range kind should print empty")
	}
}

func TestFromIOB(t *testing.T) {
	for _, c := range []struct{ labels, want string }{
		{"B-NP I-NP B-VP O B-NP", "NP:0-2 VP:2-3 NP:4-5"},
		{"B-NP B-NP I-NP", "NP:0-1 NP:1-3"},
		// conlleval: an I- label that does not continue a chunk of its kind
		// starts one.
		{"O I-NP I-NP B-PP I-NP", "NP:1-3 PP:3-4 NP:4-5"},
		{"B-VP I-NP", "VP:0-1 NP:1-2"},
		{"B-XP junk I-VP", "VP:2-3"},
		{"", ""},
	} {
		var got []string
		for _, ch := range FromIOB(strings.Fields(c.labels), nil) {
			got = append(got, fmt.Sprintf("%v:%d-%d", ch.Kind, ch.First, ch.Last))
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("FromIOB(%q) = %q, want %q", c.labels, g, c.want)
		}
	}
}

func TestChunkAppendsAndEdgeCases(t *testing.T) {
	c := Default()
	if got := c.Chunk(nil, nil, nil); len(got) != 0 {
		t.Errorf("empty sentence: %v", got)
	}
	prefix := []Chunk{{First: 7, Last: 9, Kind: VP}}
	words := strings.Fields("The minister met reporters .")
	got := c.Chunk(words, pos.Default().TagWords(words), prefix)
	if len(got) != 4 || got[0] != prefix[0] || got[1] != (Chunk{0, 2, NP}) {
		t.Errorf("Chunk did not append: %v", got)
	}
	// Chunks are in order, do not overlap and are never O.
	long := strings.Fields(strings.Repeat("the old man saw a dog in the park , ", 100))
	tags := pos.Default().TagWords(long)
	last := 0
	for _, ch := range c.Chunk(long, tags, nil) {
		if ch.First < last || ch.Last <= ch.First || ch.Last > len(long) || ch.Kind == O {
			t.Fatalf("bad chunk %v after %d", ch, last)
		}
		last = ch.Last
	}
	// Tags outside the tag set are scored without the fast scorer.
	odd := make([]pos.Tag, len(words))
	for i := range odd {
		odd[i] = pos.Tag(200)
	}
	c.Chunk(words, odd, nil)
	c.Chunk([]string{""}, []pos.Tag{pos.Unknown}, nil)
	defer func() {
		if recover() == nil {
			t.Error("Chunk with mismatched lengths should panic")
		}
	}()
	c.Chunk(words, tags[:1], nil)
}

// TestFastScores checks that the fast scorer gives the scores of the
// perceptron over all the features.
func TestFastScores(t *testing.T) {
	c := Default()
	s := new(scratch)
	nc := len(c.labels)
	want := make([]float32, nc)
	for _, line := range handChunked {
		words, _ := parseBracketed(t, line)
		c.prepare(s, words, pos.Default().TagWords(words))
		for i := range words {
			for _, h := range [][2]uint64{{startLabel, start2Label}, {0, startLabel}, {1, 2}, {3, 1}} {
				c.model.Scores(s.allFeatures(words, i, h[0], h[1]), want)
				got := c.scores(s, words, i, h[0], h[1])
				for k := range want {
					if d := math.Abs(float64(got[k] - want[k])); d > 1e-3*max(1, math.Abs(float64(want[k]))) {
						t.Fatalf("%q token %d history %v class %d: score %v, want %v", line, i, h, k, got[k], want[k])
					}
				}
			}
		}
	}
}

func TestAnnotate(t *testing.T) {
	d := &nlp.Doc{Text: "The minister met reporters in Moscow on Wednesday. Rebels have attacked a small town near the border."}
	nlp.NewAnnotator().Annotate(d)
	if len(d.Sentences) != 2 {
		t.Fatalf("%d sentences", len(d.Sentences))
	}
	got := Default().Annotate(d)
	var want []Chunk
	for _, s := range d.Sentences {
		var words []string
		var tags []pos.Tag
		for i := s.First; i < s.Last; i++ {
			words = append(words, d.Word(i))
			tags = append(tags, d.Tokens[i].Tag)
		}
		for _, ch := range Default().Chunk(words, tags, nil) {
			ch.First += s.First
			ch.Last += s.First
			want = append(want, ch)
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Annotate = %v, want %v", got, want)
	}
	var texts []string
	for _, ch := range got {
		texts = append(texts, ch.Kind.String()+" "+d.Text[d.Tokens[ch.First].Start:d.Tokens[ch.Last-1].End])
	}
	wantText := "NP The minister|VP met|NP reporters|PP in|NP Moscow|PP on|NP Wednesday|NP Rebels|VP have attacked|NP a small town|PP near|NP the border"
	if g := strings.Join(texts, "|"); g != wantText {
		t.Errorf("chunks\n got %s\nwant %s", g, wantText)
	}
	if got := Default().Annotate(&nlp.Doc{}); len(got) != 0 {
		t.Errorf("empty doc: %v", got)
	}
}

func TestChunkAllocs(t *testing.T) {
	c := Default()
	words := strings.Fields("Mr. Smith 's company , based in Hong Kong , has signed a $ 5 million deal with the U.S. Army .")
	tags := pos.Default().TagWords(words)
	out := make([]Chunk, 0, 64)
	c.Chunk(words, tags, out)
	if raceEnabled {
		t.Skip("sync.Pool drops items at random under the race detector")
	}
	if n := testing.AllocsPerRun(200, func() { c.Chunk(words, tags, out[:0]) }); n != 0 {
		t.Errorf("Chunk allocates %v times per call", n)
	}
	d := &nlp.Doc{Text: "The minister met reporters in Moscow. Rebels have attacked a small town near the border."}
	nlp.NewAnnotator().Annotate(d)
	c.AppendDoc(out[:0], d)
	if n := testing.AllocsPerRun(200, func() { c.AppendDoc(out[:0], d) }); n != 0 {
		t.Errorf("AppendDoc allocates %v times per call", n)
	}
}

func TestConcurrent(t *testing.T) {
	c := Default()
	var sents [][]string
	var tags [][]pos.Tag
	var want []string
	for _, line := range handChunked {
		w, _ := parseBracketed(t, line)
		sents = append(sents, w)
		tags = append(tags, pos.Default().TagWords(w))
		want = append(want, fmt.Sprint(c.Chunk(w, tags[len(tags)-1], nil)))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var out []Chunk
			for k := range 50 {
				i := (k + g) % len(sents)
				out = c.Chunk(sents[i], tags[i], out[:0])
				if fmt.Sprint(out) != want[i] {
					errs <- "concurrent chunking differs"
					return
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
	var epochs []int
	train := func() ([]byte, *Chunker) {
		epochs = epochs[:0]
		c, err := Train(docs, TrainOptions{Epochs: 8, Seed: 1, Dev: docs,
			Progress: func(ep int, _ float64, _ Report) { epochs = append(epochs, ep) }})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes(), c
	}
	a, c := train()
	b, _ := train()
	if !bytes.Equal(a, b) {
		t.Error("training is not deterministic")
	}
	if len(epochs) != 8 {
		t.Errorf("Progress called for epochs %v", epochs)
	}
	if r := Evaluate(c, docs); r.All.F1() != 1 || r.Accuracy() != 1 || r.All.Gold != 21 {
		t.Errorf("training data:\n%s", r)
	}
	if got := c.Labels(); strings.Join(got, " ") != "O B-NP I-NP B-VP I-VP B-PP" {
		t.Errorf("labels %v", got)
	}
	path := filepath.Join(t.TempDir(), "m.bin.gz")
	if err := c.Save(path); err != nil {
		t.Fatal(err)
	}
	c2, err := LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	words := strings.Fields("The police met two men in Moscow .")
	tags := pos.Default().TagWords(words)
	if got, want := c2.Chunk(words, tags, nil), c.Chunk(words, tags, nil); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("loaded model chunks %v, trained model %v", got, want)
	}
	if _, err := Load(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("Load accepted garbage")
	}
	if _, err := Train(nil, TrainOptions{}); err == nil {
		t.Error("Train without data should fail")
	}
	bad := []conll.Document{{Sentences: []conll.Sentence{{{Word: "x", POS: "NN", Chunk: "B-XP", NER: "O"}}}}}
	if _, err := Train(bad, TrainOptions{}); err == nil {
		t.Error("Train accepted a bad chunk label")
	}
}

func TestTrainJackknife(t *testing.T) {
	docs, err := conll.ReadFile("testdata/tiny.txt")
	if err != nil {
		t.Fatal(err)
	}
	folds := 0
	c, err := Train(docs, TrainOptions{Epochs: 8, POSFolds: 2, POSOptions: pos.TrainOptions{Epochs: 2},
		POSProgress: func(int) { folds++ }})
	if err != nil {
		t.Fatal(err)
	}
	if folds != 2 {
		t.Errorf("%d POS folds trained", folds)
	}
	if r := Evaluate(c, docs); r.All.F1() < 0.8 {
		t.Errorf("training data:\n%s", r)
	}
}

func TestReport(t *testing.T) {
	var r Report
	r.Kinds[NP] = Counts{Gold: 4, Found: 2, Correct: 2}
	r.All = r.Kinds[NP]
	r.Tokens, r.TokensCorrect = 10, 9
	if p, rc, f := r.All.Precision(), r.All.Recall(), r.All.F1(); p != 1 || rc != 0.5 || math.Abs(f-2.0/3) > 1e-12 {
		t.Errorf("P %v R %v F1 %v", p, rc, f)
	}
	if (Counts{}).F1() != 0 {
		t.Error("empty counts should score 0")
	}
	s := r.String()
	if !strings.Contains(s, "overall") || !strings.Contains(s, "NP ") || strings.Contains(s, "VP ") || !strings.Contains(s, "0.9000") {
		t.Errorf("report:\n%s", s)
	}
}

func validDocs(t testing.TB) []conll.Document {
	docs, err := conll.ReadFile(shared.Path(t, "ner/conll2003/eng.valid.iob2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// TestValidF1 re-measures the embedded model on the CoNLL-2003 validation
// file (see MODEL.md: overall F1 0.9267, NP 0.9284).
func TestValidF1(t *testing.T) {
	docs := validDocs(t)
	r := Evaluate(Default(), docs)
	t.Logf("CoNLL-2003 valid:\n%s", r)
	if r.Tokens < 50000 || r.All.Gold < 25000 {
		t.Fatalf("only %d tokens, %d gold chunks read", r.Tokens, r.All.Gold)
	}
	if f := r.All.F1(); f < 0.92 {
		t.Errorf("overall F1 %.4f < 0.92", f)
	}
	if f := r.Kinds[NP].F1(); f < 0.925 {
		t.Errorf("NP F1 %.4f < 0.925", f)
	}
	if f := r.Kinds[PP].F1(); f < 0.97 {
		t.Errorf("PP F1 %.4f < 0.97", f)
	}
	if f := r.Kinds[VP].F1(); f < 0.91 {
		t.Errorf("VP F1 %.4f < 0.91", f)
	}
}

func BenchmarkChunk(b *testing.B) {
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
		for _, line := range handChunked {
			w, _ := parseBracketed(b, line)
			sents = append(sents, w)
		}
	}
	tags := make([][]pos.Tag, len(sents))
	for i, s := range sents {
		tags[i] = pos.Default().TagWords(s)
	}
	c := Default()
	out := make([]Chunk, 0, 1024)
	tokens := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := i % len(sents)
		out = c.Chunk(sents[k], tags[k], out[:0])
		tokens += len(sents[k])
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
