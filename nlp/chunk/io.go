package chunk

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/nlp/perceptron"
)

// Model file format (inside gzip), all integers little-endian:
//
//	[6]byte  magic "DYCHK\x00"
//	uint16   format version (1)
//	uint16   feature set (featureSet; a model is only valid for the
//	         feature extraction it was trained with)
//	uvarint  number of classes C, then C × (uvarint length, label name):
//	         the IOB2 label of each perceptron class ("O", "B-NP", ...)
//	uvarint  number of vocabulary words V, then V × (uvarint length, word),
//	         sorted: the words whose word features a loaded model sums
//	         ahead of time (they do not change the scores)
//	the perceptron model (package perceptron's binary format)

const (
	fileMagic   = "DYCHK\x00"
	fileVersion = 1
	maxLabelLen = 16
	maxWordLen  = 1 << 16
	maxVocab    = 1 << 24
)

// fileHeader starts the model file.
var fileHeader = perceptron.Header{Magic: fileMagic, Version: fileVersion, FeatureSet: featureSet}

// WriteTo writes the chunker's model, uncompressed, to w.
func (c *Chunker) WriteTo(w io.Writer) (int64, error) {
	buf := fileHeader.Append(nil)
	buf = binary.AppendUvarint(buf, uint64(len(c.labels)))
	for _, l := range c.labels {
		buf = perceptron.AppendString(buf, l.String())
	}
	buf = perceptron.AppendStrings(buf, c.vocab)
	return perceptron.WriteFile(w, buf, c.model)
}

// Save writes the gzip-compressed model to path.
func (c *Chunker) Save(path string) error { return perceptron.SaveGzip(path, c) }

// LoadFile reads a gzip-compressed model file written by Save.
func LoadFile(path string) (*Chunker, error) { return perceptron.LoadFile(path, Load) }

// Load reads a gzip-compressed model as written by Save.
func Load(r io.Reader) (*Chunker, error) {
	c, err := perceptron.ReadGzip(r, readModel)
	if err != nil {
		return nil, fmt.Errorf("chunk: model: %w", err)
	}
	return c, nil
}

var errModel = errors.New("chunk: bad model")

func readModel(r *bufio.Reader) (*Chunker, error) {
	_, err := fileHeader.Check(r, "a chunk model", fileVersion)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	nc, err := binary.ReadUvarint(r)
	if err != nil || nc == 0 || nc > maxClasses {
		return nil, fmt.Errorf("%w: bad class count", errModel)
	}
	labels := make([]label, nc)
	seen := map[label]bool{}
	for i := range labels {
		name, err := perceptron.ReadString(r, maxLabelLen)
		if err != nil {
			return nil, fmt.Errorf("%w: bad label: %v", errModel, err)
		}
		p, k, ok := parseLabel(name)
		l := label{p, k}
		if !ok || seen[l] {
			return nil, fmt.Errorf("%w: bad or repeated label %q", errModel, name)
		}
		seen[l] = true
		labels[i] = l
	}
	vocab, err := perceptron.ReadStrings(r, maxVocab, maxWordLen)
	if err != nil {
		return nil, fmt.Errorf("%w: vocabulary: %v", errModel, err)
	}
	m, err := perceptron.ReadModel(r)
	if err != nil {
		return nil, err
	}
	return newChunker(m, labels, vocab)
}
