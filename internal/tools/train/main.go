// Command train trains dyad's statistical models on CoNLL-2003 train.
//
//	go run ./internal/tools/train pos -train FILE -out nlp/pos/model.bin.gz [-dev FILE] [-epochs N]
//	go run ./internal/tools/train ner -train FILE -out nlp/ner/model.bin.gz [-dev FILE] [-epochs N]
//	go run ./internal/tools/train chunk -train FILE -out nlp/chunk/model.bin.gz [-dev FILE] [-epochs N]
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/nlp/pos"
)

func usage() {
	fmt.Fprintf(os.Stderr, `usage: train <model> [flags]

models:
  pos    Penn Treebank part-of-speech tagger (nlp/pos)
  ner    named-entity tagger (nlp/ner)
  chunk  phrase chunker (nlp/chunk)

run "train pos -h" for the flags of a model
`)
	os.Exit(2)
}

func main() {
	if len(os.Args) < 2 {
		usage()
	}
	models := map[string]func([]string, io.Writer) error{"pos": trainPOS, "ner": trainNER, "chunk": trainChunk}
	train, ok := models[os.Args[1]]
	if !ok {
		if h := os.Args[1]; h != "-h" && h != "-help" && h != "--help" && h != "help" {
			fmt.Fprintf(os.Stderr, "train: unknown model %q\n", h)
		}
		usage()
	}
	if err := train(os.Args[2:], os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "train %s: %v\n", os.Args[1], err)
		os.Exit(1)
	}
}

// readData reads the training file and, when devFile is given, the development file.
func readData(trainFile, devFile string) (train, dev []conll.Document, err error) {
	if train, err = conll.ReadFile(trainFile); err != nil {
		return nil, nil, err
	}
	if devFile != "" {
		if dev, err = conll.ReadFile(devFile); err != nil {
			return nil, nil, err
		}
	}
	return train, dev, nil
}

func trainPOS(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("train pos", flag.ExitOnError)
	trainFile := fs.String("train", "", "CoNLL-2003 training file (required)")
	devFile := fs.String("dev", "", "CoNLL-2003 file to report accuracy on after each epoch")
	out := fs.String("out", "", "output model file, gzip-compressed (required)")
	epochs := fs.Int("epochs", 10, "training epochs")
	seed := fs.Uint64("seed", 1, "shuffling seed")
	dictMin := fs.Int("dict-min", 20, "minimum count for the tag dictionary (-1 disables it)")
	dictRatio := fs.Float64("dict-ratio", 0.97, "minimum share of the majority tag for the tag dictionary")
	ambMin := fs.Int("amb-min", 1, "minimum count for a word's ambiguity class feature")
	ambRatio := fs.Float64("amb-ratio", 0.01, "minimum share of a tag in a word's ambiguity class")
	folds := fs.Int("folds", 10, "document folds for jackknifed ambiguity classes (1 disables)")
	minWeight := fs.Float64("min-weight", 0, "drop averaged weights of smaller magnitude")
	fs.Parse(args)
	if *trainFile == "" || *out == "" || fs.NArg() != 0 {
		fs.Usage()
		os.Exit(2)
	}
	docs, dev, err := readData(*trainFile, *devFile)
	if err != nil {
		return err
	}
	start := time.Now()
	opt := pos.TrainOptions{
		Epochs:       *epochs,
		Seed:         *seed,
		DictMinCount: *dictMin,
		DictMinRatio: *dictRatio,
		AmbMinCount:  *ambMin,
		AmbMinRatio:  *ambRatio,
		Folds:        *folds,
		MinWeight:    float32(*minWeight),
		Dev:          dev,
		Progress: func(ep int, trainAcc, devAcc float64) {
			if dev != nil {
				fmt.Fprintf(stdout, "epoch %2d  train %.4f  dev %.4f  (%s)\n", ep, trainAcc, devAcc, time.Since(start).Round(time.Millisecond))
			} else {
				fmt.Fprintf(stdout, "epoch %2d  train %.4f  (%s)\n", ep, trainAcc, time.Since(start).Round(time.Millisecond))
			}
		},
	}
	t, err := pos.Train(docs, opt)
	if err != nil {
		return err
	}
	if err := save(stdout, *out, t); err != nil {
		return err
	}
	if dev != nil {
		c, n := pos.Evaluate(t, dev)
		fmt.Fprintf(stdout, "final dev accuracy %.4f (%d/%d)\n", float64(c)/float64(n), c, n)
	}
	return nil
}

// model is what the trainers write: a tagger that saves itself and
// summarises its size.
type model interface {
	Save(path string) error
	Stats() string
}

// save writes m to path and reports the file's size and the model's stats.
func save(stdout io.Writer, path string, m model) error {
	if err := m.Save(path); err != nil {
		return err
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s (%d bytes; %s)\n", path, st.Size(), m.Stats())
	return nil
}
