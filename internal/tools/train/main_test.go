package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/nlp/pos"
)

func TestTrainPOS(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pos.bin.gz")
	data := filepath.Join("..", "..", "..", "nlp", "pos", "testdata", "tiny.txt")
	var log bytes.Buffer
	err := trainPOS([]string{"-train", data, "-dev", data, "-out", out, "-epochs", "3"}, &log)
	if err != nil {
		t.Fatal(err)
	}
	tg, err := pos.LoadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "epoch  3") || !strings.Contains(log.String(), "wrote "+out) || !strings.Contains(log.String(), "final dev accuracy") {
		t.Errorf("unexpected output:\n%s", log.String())
	}
	if got := tg.TagWords([]string{"The", "cat", "sat", "."}); got[0] != pos.DT || got[3] != pos.Period {
		t.Errorf("tags %v", got)
	}
}
