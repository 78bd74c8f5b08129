package polnear

import (
	"strings"
	"testing"

	"github.com/dyad-project/dyad/nlp"
)

func texts(t string, ss []nlp.Span) []string {
	var out []string
	for _, s := range ss {
		out = append(out, t[s.Start:s.End])
	}
	return out
}

func TestReadDir(t *testing.T) {
	docs, err := ReadDir("testdata/split")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 {
		t.Fatalf("read %d documents, want 2", len(docs))
	}
	d := docs[0]
	if d.Name != "local_2016-01-01_bridge" || d.Annotator != "b2" || strings.Join(d.Annotators, ",") != "b2,c7" {
		t.Errorf("document %q annotator %q of %v", d.Name, d.Annotator, d.Annotators)
	}
	if len(d.Attributions) != 3 {
		t.Fatalf("read %d attributions, want 3 (the first annotator's)", len(d.Attributions))
	}
	type exp struct {
		source, cue, content []string
		direct               bool
	}
	wants := []exp{
		{[]string{"Ana Ruiz"}, []string{"said"}, []string{"“We will fix the bridge,”"}, true},
		{[]string{"The council"}, []string{"said"}, []string{"it would vote in May"}, false},
		{[]string{"she"}, []string{"added"}, []string{"“Money is tight,”", "“but we will find it.”"}, true},
	}
	for i, w := range wants {
		a := d.Attributions[i]
		for _, c := range []struct {
			name      string
			got, want []string
		}{{"source", texts(d.Text, a.Source), w.source}, {"cue", texts(d.Text, a.Cue), w.cue}, {"content", texts(d.Text, a.Content), w.content}} {
			if strings.Join(c.got, "|") != strings.Join(c.want, "|") {
				t.Errorf("attribution %d: %s %q, want %q", i, c.name, c.got, c.want)
			}
		}
		if a.Direct != w.direct {
			t.Errorf("attribution %d: direct %v, want %v", i, a.Direct, w.direct)
		}
	}

	// The second article: a content across a line break (and a continuation line in the .ann
	// file), an attribution without a source, one without a content (dropped), a Discard span.
	d = docs[1]
	if len(d.Attributions) != 1 {
		t.Fatalf("read %d attributions, want 1", len(d.Attributions))
	}
	a := d.Attributions[0]
	if got := texts(d.Text, a.Content); strings.Join(got, "|") != "There was talk of|changes ahead" {
		t.Errorf("content %q", got)
	}
	if len(a.Source) != 0 || a.Direct {
		t.Errorf("source %v direct %v, want none and false", a.Source, a.Direct)
	}
}

func TestReadAnnErrors(t *testing.T) {
	for _, ann := range []string{
		"T1\tContent 5 x\tabc\n",
		"T1\tContent 5 500\tabc\n",
		"T1\tContent\tabc\n",
	} {
		if _, err := ReadAnn(strings.NewReader(ann), "a short text"); err == nil {
			t.Errorf("%q: no error", ann)
		}
	}
}

func TestIsDirect(t *testing.T) {
	for _, c := range []struct {
		text string
		want bool
	}{
		{`[the plan was "a mistake"]`, true},
		{`“[We will win],”`, true},
		{`["We will win"]`, true},
		{`[it was ‘in their heads’]`, true},
		{`['all-time low']`, true},
		{`[it ''failed'']`, true},
		{`[the voters' choice isn't clear]`, false},
		{`[Clinton’s plan]`, false},
		{`[the economy grew]`, false},
	} {
		s := strings.Index(c.text, "[")
		e := strings.Index(c.text, "]")
		text := c.text[:s] + c.text[s+1:e] + c.text[e+1:]
		if got := IsDirect(text, []nlp.Span{{Start: s, End: e - 1}}); got != c.want {
			t.Errorf("%s: direct %v, want %v", c.text, got, c.want)
		}
	}
}
