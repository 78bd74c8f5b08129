package eval

import (
	"os"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp/pos"
)

func TestDetokenize(t *testing.T) {
	doc := conll.Document{Sentences: []conll.Sentence{
		sent("TALKS", "END", "IN", "GENEVA"),
		sent("GENEVA", "1996-08-30"),
		sent("The", "U.S.", "envoy", "said", `"`, "we", "are", "done", `"`, ",", "adding", "it", "was", "n't", "over", "."),
		sent("He", "left", "the", "U.S.", "."),
		sent("Nothing", "else", "(", "yet", ")", "."),
	}}
	text, ends := Detokenize(doc)
	want := "TALKS END IN GENEVA\n\nGENEVA 1996-08-30\n\nThe U.S. envoy said \"we are done\", adding it wasn't over. He left the U.S. Nothing else (yet)."
	if text != want {
		t.Errorf("Detokenize text\n got %q\nwant %q", text, want)
	}
	var got []string
	prev := 0
	for _, e := range ends {
		got = append(got, strings.TrimSpace(text[prev:e]))
		prev = e
	}
	if len(got) != 4 || got[3] != "He left the U.S." {
		t.Errorf("sentence ends split the text into %q", got)
	}
}

func sent(words ...string) conll.Sentence {
	s := make(conll.Sentence, len(words))
	for i, w := range words {
		s[i] = conll.Token{Word: w, POS: "NN", Chunk: "O", NER: "O"}
	}
	return s
}

// TestNLPQuality holds segmentation and tagging to the levels recorded in docs/quality.md.
func TestNLPQuality(t *testing.T) {
	docs, err := conll.ReadFile(shared.Path(t, "ner/conll2003/eng.valid.iob2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	r := NLP(docs, pos.Default())
	if testing.Verbose() {
		r.Write(os.Stdout)
	}
	if f := r.Metrics["sentence_f1"]; f < 0.97 {
		t.Errorf("sentence boundary F1 = %.4f, want ≥ 0.97", f)
	}
	if a := r.Metrics["pos_accuracy"]; a < 0.95 {
		t.Errorf("POS accuracy = %.4f, want ≥ 0.95", a)
	}
}
