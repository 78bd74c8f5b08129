package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/dyad-project/dyad/nlp/chunk"
	"github.com/dyad-project/dyad/nlp/pos"
)

// trainChunk trains the phrase chunker:
//
//	go run ./internal/tools/train chunk -train FILE -out nlp/chunk/model.bin.gz [-dev FILE] [-epochs N]
func trainChunk(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("train chunk", flag.ExitOnError)
	trainFile := fl.String("train", "", "CoNLL-2003 training file, IOB chunk labels in column 3 (required)")
	devFile := fl.String("dev", "", "CoNLL-2003 file to report chunk F1 on after each epoch (not trained on)")
	out := fl.String("out", "", "output model file, gzip-compressed (required)")
	epochs := fl.Int("epochs", 12, "training epochs")
	seed := fl.Uint64("seed", 1, "shuffling seed")
	posFolds := fl.Int("pos-folds", 10, "jackknife the training POS tags over this many document folds (0 or 1: tag them with the embedded POS model)")
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
	start := time.Now()
	opt := chunk.TrainOptions{
		Epochs:     *epochs,
		Seed:       *seed,
		MinWeight:  float32(*minWeight),
		POSFolds:   *posFolds,
		POSOptions: pos.TrainOptions{Epochs: 10, Seed: 1},
		POSProgress: func(f int) {
			fmt.Fprintf(stdout, "POS tagger for fold %d trained (%s)\n", f, time.Since(start).Round(time.Millisecond))
		},
		Dev: dev,
		Progress: func(ep int, trainAcc float64, r chunk.Report) {
			if dev != nil {
				fmt.Fprintf(stdout, "epoch %2d  train acc %.4f  dev acc %.4f  F1 NP %.4f  all %.4f  (%s)\n",
					ep, trainAcc, r.Accuracy(), r.Kinds[chunk.NP].F1(), r.All.F1(), time.Since(start).Round(time.Millisecond))
			} else {
				fmt.Fprintf(stdout, "epoch %2d  train acc %.4f  (%s)\n", ep, trainAcc, time.Since(start).Round(time.Millisecond))
			}
		},
	}
	c, err := chunk.Train(docs, opt)
	if err != nil {
		return err
	}
	if err := save(stdout, *out, c); err != nil {
		return err
	}
	if dev != nil {
		fmt.Fprintf(stdout, "final dev scores:\n%s", chunk.Evaluate(c, dev))
	}
	return nil
}
