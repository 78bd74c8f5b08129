package chunk_test

import (
	"fmt"
	"strings"

	"github.com/dyad-project/dyad/nlp/chunk"
	"github.com/dyad-project/dyad/nlp/pos"
)

func ExampleChunker_Chunk() {
	words := strings.Fields("The minister met reporters in Moscow .")
	tags := make([]pos.Tag, len(words))
	pos.Default().Tag(words, tags)
	for _, c := range chunk.Default().Chunk(words, tags, nil) {
		fmt.Println(c.Kind, strings.Join(words[c.First:c.Last], " "))
	}
	// Output:
	// NP The minister
	// VP met
	// NP reporters
	// PP in
	// NP Moscow
}
