package nlp

import (
	"strings"
	"testing"
)

func words(d *Doc) string {
	var b []string
	for i := range d.Tokens {
		b = append(b, d.Word(i))
	}
	return strings.Join(b, " ")
}

func TestTokenize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The minister met reporters.", "The minister met reporters ."},
		{"Russia's support isn't new.", "Russia 's support is n't new ."},
		{"They're here, aren't they?", "They 're here , are n't they ?"},
		{"The U.S. and the U.N. met Mr. Smith.", "The U.S. and the U.N. met Mr. Smith ."},
		{`He said "fairly constructive".`, `He said " fairly constructive " .`},
		{`"It is over," he said.`, `" It is over , " he said .`},
		{"relations at 'all-time low'", "relations at ' all-time low '"},
		{"It cost $1,000.50 (about 3.5%).", "It cost $ 1,000.50 ( about 3.5 % ) ."},
		{"At 10:30 on 1996-08-30: talks.", "At 10:30 on 1996-08-30 : talks ."},
		{"crisis--and it", "crisis -- and it"},
		{"Wait... what?", "Wait ... what ?"},
		{"See www.example.com or a@b.org now", "See www.example.com or a@b.org now"},
		{"the ministers' meeting", "the ministers ' meeting"},
		{"U.S. -Russia relations", "U.S. - Russia relations"},
		{"Gen. Smith, Jan. 5", "Gen. Smith , Jan. 5"},
		{"Le président a parlé à Genève.", "Le président a parlé à Genève ."},
		{"", ""},
		{"   \n\n  ", ""},
	}
	for _, tt := range tests {
		d := &Doc{Text: tt.in}
		d.Tokens = Tokenize(nil, d.Text)
		if got := words(d); got != tt.want {
			t.Errorf("Tokenize(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
		for i, tok := range d.Tokens {
			if tok.Start >= tok.End || (i > 0 && tok.Start < d.Tokens[i-1].End) {
				t.Errorf("Tokenize(%q): bad offsets at token %d: %+v", tt.in, i, tok)
			}
		}
	}
}

func TestTokenizeFlags(t *testing.T) {
	d := &Doc{Text: "Headline here\n\nFirst line\nsecond line, U.S. BBC"}
	d.Tokens = Tokenize(nil, d.Text)
	want := map[string]Flags{
		"Headline": Upper | ParaStart | LineStart | SpaceAfter,
		"First":    Upper | ParaStart | LineStart | SpaceAfter,
		"second":   LineStart | SpaceAfter,
		"U.S.":     Upper | AllUpper | Abbrev | SpaceAfter,
		"BBC":      Upper | AllUpper,
		",":        Punct | SpaceAfter,
	}
	for i := range d.Tokens {
		if f, ok := want[d.Word(i)]; ok && d.Tokens[i].Flags != f {
			t.Errorf("flags of %q = %b, want %b", d.Word(i), d.Tokens[i].Flags, f)
		}
	}
}

func sentences(text string) []string {
	d := &Doc{Text: text}
	d.Tokens = Tokenize(nil, text)
	Segment(d)
	var out []string
	for i := range d.Sentences {
		out = append(out, d.SentenceText(i))
	}
	return out
}

func TestSegment(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"The talks ended. Both sides left.", []string{"The talks ended.", "Both sides left."}},
		{"Mr. Smith met Gen. Jones in the U.S. capital. They talked.",
			[]string{"Mr. Smith met Gen. Jones in the U.S. capital.", "They talked."}},
		{"The deal was signed in the U.S. The president said so.",
			[]string{"The deal was signed in the U.S.", "The president said so."}},
		{"Talks began on Jan. 5 in Geneva. They failed.", []string{"Talks began on Jan. 5 in Geneva.", "They failed."}},
		{`He said: "We will win." Then he left.`, []string{`He said: "We will win."`, "Then he left."}},
		{`"Will we win?" he asked. Nobody knew.`, []string{`"Will we win?" he asked.`, "Nobody knew."}},
		{`"There is a low level of trust". We don't know.`, []string{`"There is a low level of trust".`, "We don't know."}},
		{"Headline Without Period\n\nBody starts here. It goes on.",
			[]string{"Headline Without Period", "Body starts here.", "It goes on."}},
		{"LONDON 1996-08-30\n\nThe bank raised rates.", []string{"LONDON 1996-08-30", "The bank raised rates."}},
		{"First item\nSecond item\nThird item", []string{"First item", "Second item", "Third item"}},
		{"The minister, who arrived on Wednesday in the capital for\ntalks with his counterpart, said the\nmeeting went well.",
			[]string{"The minister, who arrived on Wednesday in the capital for\ntalks with his counterpart, said the\nmeeting went well."}},
		{"Acme Inc. The company said profits rose.", []string{"Acme Inc.", "The company said profits rose."}},
		{"It grew 3.5 percent. Prices fell.", []string{"It grew 3.5 percent.", "Prices fell."}},
		{"What now? Nobody knows! Really...", []string{"What now?", "Nobody knows!", "Really..."}},
		{"J. R. Smith arrived.", []string{"J. R. Smith arrived."}},
	}
	for _, tt := range tests {
		got := sentences(tt.in)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Segment(%q)\n got %q\nwant %q", tt.in, got, tt.want)
		}
	}
}

func TestSegmentParagraphs(t *testing.T) {
	d := &Doc{Text: "One. Two.\n\nThree.\n\nFour."}
	d.Tokens = Tokenize(nil, d.Text)
	Segment(d)
	var paras []int
	for _, s := range d.Sentences {
		paras = append(paras, s.Para)
	}
	if got := paras; len(got) != 4 || got[0] != 0 || got[1] != 0 || got[2] != 1 || got[3] != 2 {
		t.Errorf("paragraph indexes = %v, want [0 0 1 2]", got)
	}
	if i := d.SentenceAt(strings.Index(d.Text, "Three")); i != 2 {
		t.Errorf("SentenceAt(Three) = %d, want 2", i)
	}
	if i := d.SentenceAt(len("One.")); i != -1 {
		t.Errorf("SentenceAt(space) = %d, want -1", i)
	}
}

func TestSegmentLongRun(t *testing.T) {
	text := strings.Repeat("word ", 3*maxSentenceTokens)
	if n := len(sentences(text)); n != 3 {
		t.Errorf("%d tokens without punctuation gave %d sentences, want 3", 3*maxSentenceTokens, n)
	}
}

func TestTokenizeAllocs(t *testing.T) {
	text := strings.Repeat(`The U.S. envoy said Russia's "support" for Assad isn't new, and called on Moscow to act. `, 20)
	buf := make([]Token, 0, 4096)
	if n := testing.AllocsPerRun(50, func() { buf = Tokenize(buf[:0], text) }); n != 0 {
		t.Errorf("Tokenize allocates %.0f times per call, want 0", n)
	}
	d := &Doc{Text: text, Tokens: buf}
	d.Tokens = Tokenize(d.Tokens[:0], text)
	Segment(d)
	if n := testing.AllocsPerRun(50, func() { Segment(d) }); n != 0 {
		t.Errorf("Segment allocates %.0f times per call, want 0", n)
	}
}
