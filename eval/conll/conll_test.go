package conll

import (
	"errors"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	docs, err := ReadFile("testdata/small.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("got %d documents, want 2", len(docs))
	}
	if n := len(docs[0].Sentences); n != 2 {
		t.Fatalf("doc 0: got %d sentences, want 2", n)
	}
	if n := len(docs[1].Sentences); n != 1 {
		t.Fatalf("doc 1: got %d sentences, want 1", n)
	}
	want := Token{Word: "Widgets", POS: "NNPS", Chunk: "I-NP", NER: "I-ORG"}
	if got := docs[0].Sentences[0][1]; got != want {
		t.Errorf("token: got %+v, want %+v", got, want)
	}
	if got := docs[0].Sentences[1][1]; got.Word != "2001-02-03" || got.POS != "CD" {
		t.Errorf("date token: got %+v", got)
	}
	if got := docs[1].Sentences[0].Words(); strings.Join(got, " ") != "It rained in Lisbon 's suburbs ." {
		t.Errorf("words: got %q", got)
	}
	if n := docs[1].NumTokens(); n != 7 {
		t.Errorf("NumTokens: got %d, want 7", n)
	}
}

func TestReadNoDocStartCRLF(t *testing.T) {
	docs, err := ReadFile("testdata/nodocstart.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 1 || len(docs[0].Sentences) != 2 {
		t.Fatalf("got %+v", docs)
	}
	if w := docs[0].Sentences[1][1]; w.Word != "sentence" || w.NER != "O" {
		t.Errorf("got %+v", w)
	}
}

func TestReadErrorNamesLine(t *testing.T) {
	_, err := ReadFile("testdata/badcols.txt")
	if err == nil {
		t.Fatal("expected an error")
	}
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a *ParseError", err)
	}
	if pe.Line != 4 {
		t.Errorf("error line: got %d, want 4", pe.Line)
	}
	if !strings.Contains(err.Error(), "line 4") || !strings.Contains(err.Error(), "badcols.txt") {
		t.Errorf("error message %q should name the file and line", err)
	}
}

func TestReadBadNER(t *testing.T) {
	_, err := Read(strings.NewReader("a DT B-NP O\nb NN I-NP ORG\n"))
	if err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("got %v, want an error on line 2", err)
	}
}

func TestReadEmpty(t *testing.T) {
	docs, err := Read(strings.NewReader("\n\n"))
	if err != nil || len(docs) != 0 {
		t.Fatalf("got %v, %v", docs, err)
	}
}

func TestReadMissingFile(t *testing.T) {
	if _, err := ReadFile("testdata/does-not-exist.txt"); err == nil {
		t.Fatal("expected an error")
	}
}
