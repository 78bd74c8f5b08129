package lang

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dyad-project/dyad/internal/corpus"
	"github.com/dyad-project/dyad/internal/shared"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		text, want string
	}{
		{"The minister said on Tuesday that the talks with the union had failed.", "en"},
		{"Der Minister sagte am Dienstag, dass die Gespräche mit der Gewerkschaft gescheitert sind.", "de"},
		{"Le ministre a déclaré mardi que les négociations avec le syndicat ont échoué pour la deuxième fois.", "fr"},
		{"El ministro dijo el martes que las negociaciones con el sindicato han fracasado por la falta de acuerdo.", "es"},
		{"Il ministro ha detto martedì che le trattative con il sindacato sono fallite per la seconda volta.", "it"},
		{"De minister zei dinsdag dat het overleg met de vakbond is mislukt en dat er geen akkoord komt.", "nl"},
		{"Министр заявил во вторник, что переговоры с профсоюзом провалились.", "ru"},
		{"", Undetermined},
		{"Reuters", Undetermined},
		{"12 34 56", Undetermined},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestDetectEnglishNews checks that English news is never taken for another language: an
// article in another language is stored uncoded, so a false detection loses its events.
func TestDetectEnglishNews(t *testing.T) {
	var texts []string
	_, bodies, err := corpus.Reuters(shared.Path(t, "corpus/reuters21578"))
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, bodies...)
	files, _ := filepath.Glob(filepath.Join(shared.Path(t, "corpus/bbc"), "*", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	if len(texts) < 20000 {
		t.Fatalf("only %d texts read", len(texts))
	}
	other := 0
	for _, text := range texts {
		if l := Detect(text); l != "en" && l != Undetermined {
			other++
			if other <= 5 {
				t.Errorf("English text detected as %q: %.200q", l, text)
			}
		}
	}
	t.Logf("%d English texts, %d detected as another language", len(texts), other)
}
