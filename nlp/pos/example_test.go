package pos_test

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/nlp/pos"
)

func ExampleTagger_Tag() {
	words := strings.Fields("The minister met reporters in Moscow on Wednesday .")
	tags := make([]pos.Tag, len(words))
	pos.Default().Tag(words, tags)
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w + "/" + tags[i].String()
	}
	fmt.Println(strings.Join(out, " "))
	fmt.Println(tags[5].IsProperNoun(), tags[2].IsVerb())
	// Output:
	// The/DT minister/NN met/VBD reporters/NNS in/IN Moscow/NNP on/IN Wednesday/NNP ./.
	// true true
}
