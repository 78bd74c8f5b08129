package story

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"github.com/dyad-project/dyad/eval/conll"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/shared"
)

var writePrior = flag.Bool("write-prior", false, "regenerate prior_df.txt.gz from CoNLL-2003 English train")

// TestWritePrior regenerates the embedded document frequencies (go test ./story -run
// TestWritePrior -write-prior) from Reuters-21578 and the BBC news set.
func TestWritePrior(t *testing.T) {
	if !*writePrior {
		t.Skip("run with -write-prior to regenerate prior_df.txt.gz")
	}
	// The documents of CoNLL-2003 English train: the one news set the project may build its
	// statistical models from (see ../shared/data/README.md).
	conllDocs, err := conll.ReadFile(shared.Path(t, "ner/conll2003/eng.train.iob2.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, d := range conllDocs {
		var b strings.Builder
		for _, sent := range d.Sentences {
			for _, tok := range sent {
				b.WriteString(tok.Word)
				b.WriteByte(' ')
			}
			b.WriteByte('\n')
		}
		docs = append(docs, b.String())
	}
	df := map[string]int{}
	var terms []string
	for _, d := range docs {
		terms = contentTerms(terms[:0], d)
		for _, term := range terms {
			df[term]++
		}
	}
	var keys []string
	for k, n := range df {
		if n >= priorMinDF {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	fmt.Fprintf(zw, "N %d\n", len(docs))
	for _, k := range keys {
		fmt.Fprintf(zw, "%s %d\n", k, df[k])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("prior_df.txt.gz", buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d documents, %d terms, %d bytes", len(docs), len(keys), buf.Len())
}
