package pos

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
//	[6]byte  magic "DYPOS\x00"
//	uint16   format version (1)
//	uint16   feature set (featureSet; a model is only valid for the
//	         feature extraction it was trained with)
//	uvarint  number of classes C, then C × (uvarint length, tag name):
//	         the tag of each perceptron class
//	uvarint  number of lexicon words D, then D × (uvarint length, word,
//	         byte dictionary class or 0xff, uvarint ambiguity class as a
//	         bit mask over classes)
//	the perceptron model (package perceptron's binary format)

const (
	fileMagic   = "DYPOS\x00"
	fileVersion = 1
	maxString   = 1 << 16
)

// fileHeader starts the model file.
var fileHeader = perceptron.Header{Magic: fileMagic, Version: fileVersion, FeatureSet: featureSet}

// WriteTo writes the tagger's model, uncompressed, to w.
func (t *Tagger) WriteTo(w io.Writer) (int64, error) {
	buf := fileHeader.Append(nil)
	nc := t.model.NumClasses()
	buf = binary.AppendUvarint(buf, uint64(nc))
	for c := 0; c < nc; c++ {
		name := t.classTag[c].String()
		buf = binary.AppendUvarint(buf, uint64(len(name)))
		buf = append(buf, name...)
	}
	if nc > 64 {
		return 0, fmt.Errorf("pos: %d classes do not fit the file format", nc)
	}
	buf = binary.AppendUvarint(buf, uint64(len(t.lex.words)))
	for _, word := range t.lex.words {
		e := t.lex.lookup(word)
		buf = binary.AppendUvarint(buf, uint64(len(word)))
		buf = append(buf, word...)
		dc := byte(0xff)
		if e.tag != Unknown {
			dc = byte(t.tagClass[e.tag])
		}
		var amb uint64
		for c := 0; c < nc; c++ {
			if e.amb&(1<<t.classTag[c]) != 0 {
				amb |= 1 << c
			}
		}
		buf = append(buf, dc)
		buf = binary.AppendUvarint(buf, amb)
	}
	return perceptron.WriteFile(w, buf, t.model)
}

// Save writes the gzip-compressed model to path.
func (t *Tagger) Save(path string) error { return perceptron.SaveGzip(path, t) }

// LoadFile reads a gzip-compressed model file written by Save.
func LoadFile(path string) (*Tagger, error) { return perceptron.LoadFile(path, Load) }

// Load reads a gzip-compressed model as written by Save.
func Load(r io.Reader) (*Tagger, error) {
	t, err := perceptron.ReadGzip(r, readModel)
	if err != nil {
		return nil, fmt.Errorf("pos: model: %w", err)
	}
	return t, nil
}

var errModel = errors.New("pos: bad model")

func readModel(r *bufio.Reader) (*Tagger, error) {
	_, err := fileHeader.Check(r, "a POS model", fileVersion)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errModel, err)
	}
	readString := func() (string, error) { return perceptron.ReadString(r, maxString) }
	nc, err := binary.ReadUvarint(r)
	if err != nil || nc == 0 || nc > 64 {
		return nil, fmt.Errorf("%w: bad class count", errModel)
	}
	classes := make([]Tag, nc)
	seen := map[Tag]bool{}
	for c := range classes {
		name, err := readString()
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errModel, err)
		}
		tag := ParseTag(name)
		if tag == Unknown || seen[tag] {
			return nil, fmt.Errorf("%w: bad or repeated tag %q", errModel, name)
		}
		seen[tag] = true
		classes[c] = tag
	}
	nd, err := binary.ReadUvarint(r)
	if err != nil || nd > 1<<24 {
		return nil, fmt.Errorf("%w: bad lexicon size", errModel)
	}
	lex := make(map[string]lexEntry, nd)
	for i := uint64(0); i < nd; i++ {
		word, err := readString()
		if err != nil {
			return nil, fmt.Errorf("%w: lexicon: %v", errModel, err)
		}
		c, err := r.ReadByte()
		if err != nil || (uint64(c) >= nc && c != 0xff) {
			return nil, fmt.Errorf("%w: lexicon entry %q", errModel, word)
		}
		amb, err := binary.ReadUvarint(r)
		if err != nil || amb>>nc != 0 {
			return nil, fmt.Errorf("%w: lexicon entry %q", errModel, word)
		}
		var e lexEntry
		if c != 0xff {
			e.tag = classes[c]
		}
		for c := range classes {
			if amb&(1<<c) != 0 {
				e.amb |= 1 << classes[c]
			}
		}
		lex[word] = e
	}
	m, err := perceptron.ReadModel(r)
	if err != nil {
		return nil, err
	}
	if m.NumClasses() != int(nc) {
		return nil, fmt.Errorf("%w: %d classes in the weights, %d tags", errModel, m.NumClasses(), nc)
	}
	return newTagger(m, classes, lex), nil
}
