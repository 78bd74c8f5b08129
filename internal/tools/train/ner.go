package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/dyad-project/dyad/actors"
	"github.com/dyad-project/dyad/data"
	"github.com/dyad-project/dyad/nlp/ner"
)

// trainNER trains the named-entity tagger: go run ./internal/tools/train ner -train FILE -out FILE.
func trainNER(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("train ner", flag.ExitOnError)
	trainFile := fl.String("train", "", "CoNLL-2003 training file, IOB2 NER labels (required)")
	devFile := fl.String("dev", "", "CoNLL-2003 file to report F1 on after each epoch (not trained on)")
	out := fl.String("out", "", "output model file, gzip-compressed (required)")
	epochs := fl.Int("epochs", 15, "training epochs")
	seed := fl.Uint64("seed", 1, "shuffling seed")
	scheme := fl.String("scheme", ner.IOB2, "label scheme: iob2 or bilou")
	skipMin := fl.Int("skip-min", 20, "minimum count of a word never in a name to label it O without scoring (-1 disables)")
	goldHist := fl.Bool("gold-history", false, "train with the gold previous labels instead of the model's guesses")
	noGaz := fl.Bool("no-gazetteer", false, "train without the knowledge-base gazetteer")
	kbDir := fl.String("kb", "", "actor knowledge base directory for the gazetteer (default: the embedded data/actors)")
	gazDrop := fl.Float64("gaz-dropout", 0.15, "share of training sentences seen without gazetteer marks, drawn each epoch (-1 disables)")
	minWeight := fl.Float64("min-weight", 0, "drop averaged weights of smaller magnitude")
	fl.Parse(args)
	if *trainFile == "" || *out == "" || fl.NArg() != 0 {
		fl.Usage()
		os.Exit(2)
	}
	docs, dev, err := readData(*trainFile, *devFile)
	if err != nil {
		return err
	}
	var gaz *ner.Gazetteer
	if !*noGaz {
		var kbFS fs.FS = data.Actors()
		if *kbDir != "" {
			kbFS = os.DirFS(*kbDir)
		}
		kb, err := actors.LoadKB(kbFS)
		if err != nil {
			return err
		}
		gaz = ner.NameGazetteer(kb.Names())
		fmt.Fprintf(stdout, "gazetteer: %d names\n", gaz.Len())
	}
	start := time.Now()
	opt := ner.TrainOptions{
		Epochs:       *epochs,
		Seed:         *seed,
		Scheme:       *scheme,
		Gazetteer:    gaz,
		SkipMinCount: *skipMin,
		GoldHistory:  *goldHist,
		GazDropout:   *gazDrop,
		MinWeight:    float32(*minWeight),
		Dev:          dev,
		Progress: func(ep int, trainAcc, plo, all float64) {
			if dev != nil {
				fmt.Fprintf(stdout, "epoch %2d  train acc %.4f  dev F1 PER/LOC/ORG %.4f  all %.4f  (%s)\n", ep, trainAcc, plo, all, time.Since(start).Round(time.Millisecond))
			} else {
				fmt.Fprintf(stdout, "epoch %2d  train acc %.4f  (%s)\n", ep, trainAcc, time.Since(start).Round(time.Millisecond))
			}
		},
	}
	t, err := ner.Train(docs, opt)
	if err != nil {
		return err
	}
	if err := save(stdout, *out, t); err != nil {
		return err
	}
	if dev != nil {
		plo, all, err := ner.Evaluate(t, gaz, dev)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "final dev F1 PER/LOC/ORG %.4f  all %.4f (per type: dyad eval ner --gold %s)\n", plo, all, *devFile)
	}
	return nil
}
