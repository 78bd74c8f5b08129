package ner

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/dyad-project/dyad/nlp/perceptron"
)

// Model file format (inside gzip), all integers little-endian:
//
//	[6]byte  magic "DYNER\x00"
//	uint16   format version (1)
//	uint16   feature set (featureSet; a model is only valid for the feature extraction it was
//	         trained with)
//	uvarint  length, then the label scheme ("bilou" or "iob2")
//	uvarint  number of classes C, then C × (uvarint length, label): the label of each
//	         perceptron class ("O", "B-PER", ...)
//	uvarint  number of skip words S, then S × (uvarint length, word), sorted
//	uvarint  (version 2) number of vocabulary words V, then V × (uvarint length, word), sorted:
//	         the words of the training data, whose word features the tagger sums ahead of time
//	the perceptron model (package perceptron's binary format)
//
// Version 1 files, without the vocabulary, are read too (the tagger is slower).

const (
	fileMagic   = "DYNER\x00"
	fileVersion = 2
	maxString   = 1 << 16
)

// fileHeader starts the model file.
var fileHeader = perceptron.Header{Magic: fileMagic, Version: fileVersion, FeatureSet: featureSet}

var errModel = errors.New("ner: bad model")

// WriteTo writes the tagger's model, uncompressed, to w.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	buf := fileHeader.Append(nil)
	buf = perceptron.AppendString(buf, t.scheme)
	buf = binary.AppendUvarint(buf, uint64(len(t.labels)))
	for _, l := range t.labels {
		buf = perceptron.AppendString(buf, l.String())
	}
	buf = perceptron.AppendStrings(buf, t.skip.words)
	buf = perceptron.AppendStrings(buf, t.vocab)
	var body io.WriterTo = t.model
	if t.model == nil {
		body = bytes.NewReader(t.raw)
	}
	return perceptron.WriteFile(w, buf, body)
}

// Save writes the gzip-compressed model to path.
func (t *Tagger) Save(path string) error { return perceptron.SaveGzip(path, t) }

// LoadFile reads a gzip-compressed model file written by Save.
func LoadFile(path string) (*Tagger, error) { return perceptron.LoadFile(path, Load) }

// Load reads a gzip-compressed model as written by Save.
func Load(r io.Reader) (*Tagger, error) {
	t, err := perceptron.ReadGzip(r, readModel)
	if err != nil {
		return nil, wrapModel(err)
	}
	return t, nil
}

func readModel(r *bufio.Reader) (*Tagger, error) {
	version, err := fileHeader.Check(r, "an NER model", 1)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	readString := func() (string, error) { return perceptron.ReadString(r, maxString) }
	scheme, err := readString()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	want, err := schemeLabels(scheme)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	nc, err := binary.ReadUvarint(r)
	if err != nil || nc != uint64(len(want)) {
		return nil, fmt.Errorf("%w: bad label count", errModel)
	}
	labels := make([]label, nc)
	seen := map[label]bool{}
	for c := range labels {
		s, err := readString()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errModel, err)
		}
		l, ok := parseLabel(s)
		if !ok || seen[l] {
			return nil, fmt.Errorf("%w: bad or repeated label %q", errModel, s)
		}
		seen[l] = true
		labels[c] = l
	}
	for _, l := range want {
		if !seen[l] {
			return nil, fmt.Errorf("%w: label %s missing", errModel, l)
		}
	}
	skip, err := perceptron.ReadStrings(r, 1<<22, maxString)
	if err != nil {
		return nil, fmt.Errorf("%w: skip words: %v", errModel, err)
	}
	var vocab []string
	if version >= 2 {
		if vocab, err = perceptron.ReadStrings(r, 1<<24, maxString); err != nil {
			return nil, fmt.Errorf("%w: vocabulary: %v", errModel, err)
		}
	}
	m, err := perceptron.ReadModel(r)
	if err != nil {
		return nil, err
	}
	t, err := newTagger(m, scheme, labels, skip, vocab)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	return t, nil
}

// wrapModel marks err, from reading a model, as a bad model.
func wrapModel(err error) error {
	if errors.Is(err, errModel) {
		return err
	}
	return fmt.Errorf("%w: %v", errModel, err)
}
