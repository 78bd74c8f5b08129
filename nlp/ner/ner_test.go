package ner

import (
	"bufio"
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/nlp/pos"
)

// testNames stands for the actor knowledge base (which imports this package, so its tests
// cannot load it): a few names of each type, written by the team, as the knowledge base has them.
var testNames = Names{
	PER: []string{"Angela Merkel", "Emmanuel Macron", "Jens Stoltenberg", "Olaf Scholz", "William Ruto",
		"Benjamin Netanyahu", "Barack Obama", "George W. Bush Jr."},
	ORG: []string{"United Nations", "NATO", "World Health Organization", "European Commission", "Knesset",
		"International Monetary Fund", "Pentagon", "Red Cross", "UN refugee agency", "the world body",
		"Bank of England", "United Nations Children's Fund"},
	LOC: []string{"Paris", "Gaza", "Russia", "Ukraine", "Turkey", "Moscow", "New York", "Beijing", "Nairobi",
		"Japan", "Syria", "Jerusalem", "Pakistan", "Iraq", "Zaire", "France", "Washington", "the United States",
		"U.S.", "Washington, D.C."},
	MISC: []string{"German", "Palestinians", "Iraqi", "Kurdish", "French"},
}

var kbGaz = sync.OnceValue(func() *Gazetteer { return NameGazetteer(testNames) })

// tagged is a sentence written by the team with the entities a reader would mark, as
// "[Type words]" brackets.
var tagged = []string{
	"[PER Angela Merkel] met [PER Emmanuel Macron] in [LOC Paris] on Tuesday .",
	"The [ORG United Nations] said on Monday that aid had reached [LOC Gaza] .",
	"[LOC Russia] and [LOC Ukraine] agreed to a ceasefire brokered by [LOC Turkey] .",
	"[ORG NATO] Secretary-General [PER Jens Stoltenberg] warned [LOC Moscow] against further escalation .",
	"Shares of [ORG Ford Motor Co] fell 3 percent in [LOC New York] .",
	"[PER John Smith] , a spokesman for the [ORG World Health Organization] , said the outbreak was contained .",
	"[MISC German] Chancellor [PER Olaf Scholz] visited [LOC Beijing] .",
	"Police in [LOC Nairobi] arrested 12 people after protests against President [PER William Ruto] .",
	"SOCCER - [LOC JAPAN] BEAT [LOC SYRIA] IN [MISC ASIAN CUP] .",
	"[ORG Microsoft] and [ORG Intel] were fined by the [ORG European Commission] .",
	"Prime Minister [PER Benjamin Netanyahu] told the [ORG Knesset] in [LOC Jerusalem] that talks with the [MISC Palestinians] would resume .",
	"The [ORG International Monetary Fund] approved a $ 2 billion loan to [LOC Pakistan] .",
	"[ORG Manchester United] beat [ORG Chelsea] 2-1 at [LOC Old Trafford] on Saturday .",
	"[MISC Iraqi] troops crossed into northern [LOC Iraq] 's [MISC Kurdish] region , the [ORG Pentagon] said .",
	"The [ORG Red Cross] delivered food to refugees in [LOC Goma] , eastern [LOC Zaire] .",
}

func parseTagged(s string) (words []string, want []Entity) {
	open, typ := -1, None
	for _, f := range strings.Fields(s) {
		if strings.HasPrefix(f, "[") {
			open, typ = len(words), ParseType(f[1:])
			continue
		}
		closes := strings.HasSuffix(f, "]") && open >= 0
		words = append(words, strings.TrimSuffix(f, "]"))
		if closes {
			want = append(want, Entity{open, len(words), typ})
			open = -1
		}
	}
	return words, want
}

func tagSentence(t *Tagger, g *Gazetteer, words []string) []Entity {
	tags := pos.Default().TagWords(words)
	var marks []Mark
	if g != nil {
		marks = make([]Mark, len(words))
		g.Mark(words, marks)
	}
	return t.Tag(words, tags, marks, nil)
}

func show(words []string, es []Entity) string {
	var b strings.Builder
	for _, e := range es {
		b.WriteString(" [" + e.Type.String() + " " + strings.Join(words[e.First:e.Last], " ") + "]")
	}
	return b.String()
}

func TestTagSentences(t *testing.T) {
	tg, g := Default(), kbGaz()
	wrong := 0
	for _, s := range tagged {
		words, want := parseTagged(s)
		got := tagSentence(tg, g, words)
		if show(words, got) != show(words, want) {
			wrong++
			t.Logf("%s\n\tgot: %s\n\twant:%s", strings.Join(words, " "), show(words, got), show(words, want))
		}
	}
	// A statistical tagger may miss the odd name; most sentences must come out exactly right.
	if wrong > 1 {
		t.Errorf("%d of %d sentences tagged wrongly", wrong, len(tagged))
	}
}

func TestParseType(t *testing.T) {
	for ty := None; ty < numTypes; ty++ {
		if ty != None && ParseType(ty.String()) != ty {
			t.Errorf("ParseType(%q) = %v", ty.String(), ParseType(ty.String()))
		}
	}
	if None.String() != "O" || Type(99).String() != "" || ParseType("X") != None {
		t.Error("bad None / unknown handling")
	}
}

func TestFromIOB(t *testing.T) {
	labels := strings.Fields("B-PER I-PER O B-LOC B-LOC I-ORG I-ORG O I-MISC B-PER I-LOC")
	got := FromIOB(labels, nil)
	want := []Entity{{0, 2, PER}, {3, 4, LOC}, {4, 5, LOC}, {5, 7, ORG}, {8, 9, MISC}, {9, 10, PER}, {10, 11, LOC}}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestGazetteer(t *testing.T) {
	g := NewGazetteer([]GazEntry{
		{Tokens: []string{"New", "York"}, Type: LOC},
		{Tokens: []string{"New", "York", "Times"}, Type: ORG},
		{Tokens: []string{"US"}, Type: LOC},
		{Tokens: []string{"Smith"}, Type: PER, Weak: true},
		{Tokens: []string{"al-Qaeda"}, Type: ORG},
		{Tokens: []string{"Nothing"}, Type: None},
	})
	words := strings.Fields("the new york times told us that U.S. envoy Smith met new York officials about al-Qaeda")
	marks := make([]Mark, len(words))
	g.Mark(words, marks)
	want := map[int]Mark{
		// "new york times" and "new York" do not start with a capital: no mark.
		7:  MarkLOC | MarkBegin | MarkEnd,
		9:  MarkWeakPER | MarkBegin | MarkEnd,
		15: MarkORG | MarkBegin | MarkEnd, // the entry starts lower-case
	}
	for i, m := range marks {
		if m != want[i] {
			t.Errorf("%q: mark %#x, want %#x", words[i], m, want[i])
		}
	}
	words = strings.Fields("The New York Times")
	marks = marks[:len(words)]
	g.Mark(words, marks)
	if marks[0] != 0 || marks[1] != MarkORG|MarkBegin || marks[2] != MarkORG|MarkInside || marks[3] != MarkORG|MarkInside|MarkEnd {
		t.Errorf("The New York Times: marks %#x", marks)
	}
	if n := testing.AllocsPerRun(100, func() { g.Mark(words, marks) }); n != 0 {
		t.Errorf("Mark allocates %v times", n)
	}
}

func TestNameGazetteer(t *testing.T) {
	g := kbGaz()
	for _, c := range []struct {
		words string
		at    int
		want  Mark
	}{
		{"troops from France arrived", 2, MarkLOC | MarkBegin | MarkEnd},
		{"the French minister", 1, MarkMISC | MarkBegin | MarkEnd},
		{"a NATO summit", 1, MarkORG | MarkBegin | MarkEnd},
		{"the United Nations said", 1, MarkORG | MarkBegin},
		{"President Barack Obama said", 2, MarkPER | MarkInside | MarkEnd},
		{"Obama said", 0, MarkWeakPER | MarkBegin | MarkEnd},
		{"in Washington on", 1, MarkLOC | MarkBegin | MarkEnd},
		{"aid for the U.S. army", 3, MarkLOC | MarkBegin | MarkEnd},
		{"he told us", 2, 0},
	} {
		words := strings.Fields(c.words)
		marks := make([]Mark, len(words))
		g.Mark(words, marks)
		if marks[c.at] != c.want {
			s, w := marks[c.at].Types()
			t.Errorf("%q: mark of %q %#x (types %v, weak %v), want %#x", c.words, words[c.at], marks[c.at], s, w, c.want)
		}
	}
	for _, c := range []struct {
		name string
		want string
	}{
		{"the United States", "United States"},
		{"Washington, D.C.", "Washington , D.C."},
		{"United Nations Children's Fund", "United Nations Children 's Fund"},
		{"UN refugee agency", ""},
		{"the world body", ""},
		{"Bank of England", "Bank of England"},
	} {
		if got := strings.Join(nameTokens(c.name), " "); got != c.want {
			t.Errorf("nameTokens(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	if s := surname(strings.Fields("George W. Bush Jr.")); s != "Bush" {
		t.Errorf("surname = %q", s)
	}
}

func TestTagAllocs(t *testing.T) {
	tg, g := Default(), kbGaz()
	words := strings.Fields("Mr. Smith 's company , based in Hong Kong , has signed a $ 5 million deal with the U.S. Army and NATO .")
	tags := pos.Default().TagWords(words)
	marks := make([]Mark, len(words))
	g.Mark(words, marks)
	out := make([]Entity, 0, 16)
	out = tg.Tag(words, tags, marks, out[:0])
	if len(out) == 0 {
		t.Fatal("no entities")
	}
	if n := testing.AllocsPerRun(200, func() { out = tg.Tag(words, tags, marks, out[:0]) }); n != 0 {
		t.Fatalf("Tag allocates %v times per call", n)
	}
}

func TestTagEdges(t *testing.T) {
	tg := Default()
	if out := tg.Tag(nil, nil, nil, nil); len(out) != 0 {
		t.Errorf("empty sentence: %v", out)
	}
	words := []string{"Clinton"}
	if out := tg.Tag(words, pos.Default().TagWords(words), nil, nil); len(out) != 1 || out[0] != (Entity{0, 1, PER}) {
		t.Errorf("one word: %v", out)
	}
	// Long sentences and odd tokens.
	long := strings.Fields(strings.Repeat("The Reuters correspondent in Paris said ₤ 5 , — « Zürich » ... ", 40))
	out := tg.Tag(long, pos.Default().TagWords(long), nil, nil)
	for _, e := range out {
		if e.First < 0 || e.Last > len(long) || e.First >= e.Last || e.Type == None {
			t.Fatalf("bad entity %v", e)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Tag with mismatched lengths should panic")
		}
	}()
	tg.Tag([]string{"a", "b"}, make([]pos.Tag, 1), nil, nil)
}

func TestConcurrent(t *testing.T) {
	tg, g := Default(), kbGaz()
	var want []string
	var sents [][]string
	for _, s := range tagged {
		words, _ := parseTagged(s)
		sents = append(sents, words)
		want = append(want, show(words, tagSentence(tg, g, words)))
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range 20 {
				i := k % len(sents)
				if got := show(sents[i], tagSentence(tg, g, sents[i])); got != want[i] {
					t.Errorf("concurrent tagging differs: %s vs %s", got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestModelRoundTrip(t *testing.T) {
	tg := Default()
	var buf bytes.Buffer
	if _, err := tg.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	// Stale or corrupt files are rejected.
	bad := bytes.Clone(raw)
	bad[8]++ // feature set
	if _, err := readModelBytes(bad); err == nil {
		t.Error("a model of another feature set was accepted")
	}
	if _, err := readModelBytes(raw[:len(raw)/2]); err == nil {
		t.Error("a truncated model was accepted")
	}
	back, err := readModelBytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	g := kbGaz()
	for _, s := range tagged {
		words, _ := parseTagged(s)
		if a, b := show(words, tagSentence(tg, g, words)), show(words, tagSentence(back, g, words)); a != b {
			t.Errorf("round trip changes %q: %s vs %s", s, a, b)
		}
	}
	if !strings.Contains(tg.Stats(), "labels") || tg.Scheme() == "" {
		t.Error("Stats / Scheme")
	}
}

func TestTrainSmall(t *testing.T) {
	const text = `-DOCSTART- -X- -X- O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER
visited VBD B-VP O
Berlin NNP B-NP B-LOC
. . O O

The DT B-NP O
European NNP I-NP B-ORG
Commission NNP I-NP I-ORG
met VBD B-VP O
German JJ B-NP B-MISC
farmers NNS I-NP O
in IN B-PP O
Bonn NNP B-NP B-LOC
. . O O
`
	docs, err := conll.Read(strings.NewReader(strings.Repeat(text, 5)))
	if err != nil {
		t.Fatal(err)
	}
	var models [2][]byte
	for i, scheme := range []string{BILOU, BILOU} {
		tg, err := Train(docs, TrainOptions{Epochs: 3, Seed: 7, Scheme: scheme, SkipMinCount: 3})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		tg.WriteTo(&buf)
		models[i] = buf.Bytes()
		words := strings.Fields("Peter Blackburn visited Berlin .")
		if got := show(words, tagSentence(tg, nil, words)); got != " [PER Peter Blackburn] [LOC Berlin]" {
			t.Errorf("trained model tags %q", got)
		}
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("training is not deterministic")
	}
	tg, err := Train(docs, TrainOptions{Epochs: 2, Scheme: IOB2})
	if err != nil || tg.Scheme() != IOB2 {
		t.Fatalf("IOB2: %v", err)
	}
	if _, err := Train(docs, TrainOptions{Scheme: "bio"}); err == nil {
		t.Error("unknown scheme accepted")
	}
}

// benchSentences returns the sentences of the CoNLL-2003 validation file, or the team's sentences
// when it is absent.
func benchSentences(b *testing.B) [][]string {
	var sents [][]string
	if dir := shared.Dir(); dir != "" && fileExists(dir+"/ner/conll2003/eng.valid.iob2.txt") {
		docs, err := conll.ReadFile(dir + "/ner/conll2003/eng.valid.iob2.txt")
		if err != nil {
			b.Fatal(err)
		}
		for _, d := range docs {
			for _, s := range d.Sentences {
				sents = append(sents, s.Words())
			}
		}
		return sents
	}
	for _, s := range tagged {
		words, _ := parseTagged(s)
		sents = append(sents, words)
	}
	return sents
}

// BenchmarkTag measures Tag alone: POS tags and gazetteer marks are computed beforehand.
func BenchmarkTag(b *testing.B) {
	type sent struct {
		words []string
		tags  []pos.Tag
		marks []Mark
	}
	var sents []sent
	g := kbGaz()
	for _, words := range benchSentences(b) {
		s := sent{words: words, tags: pos.Default().TagWords(words), marks: make([]Mark, len(words))}
		g.Mark(words, s.marks)
		sents = append(sents, s)
	}
	tg := Default()
	out := make([]Entity, 0, 256)
	scored := make([]int, len(sents))
	for i, s := range sents {
		scored[i] = scoredTokens(tg, s.words, s.tags, s.marks)
	}
	tokens, nscored := 0, 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := &sents[i%len(sents)]
		out = tg.Tag(s.words, s.tags, s.marks, out[:0])
		tokens += len(s.words)
		nscored += scored[i%len(sents)]
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(nscored)/b.Elapsed().Seconds(), "scored/s")
}

// scoredTokens returns the number of tokens of a sentence that Tag scores (IOB2 models): those
// not skipped after a token outside any entity.
func scoredTokens(tg *Tagger, words []string, tags []pos.Tag, marks []Mark) int {
	in := make([]bool, len(words))
	for _, e := range tg.Tag(words, tags, marks, nil) {
		for i := e.First; i < e.Last; i++ {
			in[i] = true
		}
	}
	n := 0
	for i, w := range words {
		prev := tg.oClass
		if i == 0 {
			prev = len(tg.labels)
		} else if in[i-1] {
			prev = 1 // a B- label: an entity is open
		}
		if !tg.skips(prev, w) {
			n++
		}
	}
	return n
}

// BenchmarkPipeline measures what a caller pays per sentence: POS tags, gazetteer marks and Tag.
func BenchmarkPipeline(b *testing.B) {
	sents := benchSentences(b)
	g, pt, tg := kbGaz(), pos.Default(), Default()
	tags := make([]pos.Tag, 1024)
	marks := make([]Mark, 1024)
	out := make([]Entity, 0, 256)
	tokens := 0
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s := sents[i%len(sents)]
		pt.Tag(s, tags[:len(s)])
		g.Mark(s, marks[:len(s)])
		out = tg.Tag(s, tags[:len(s)], marks[:len(s)], out[:0])
		tokens += len(s)
	}
	b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func readModelBytes(b []byte) (*Tagger, error) {
	return readModel(bufio.NewReader(bytes.NewReader(b)))
}
