package perceptron

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"math/rand/v2"
	"sync"
	"testing"
)

func TestHashLower(t *testing.T) {
	words := []string{"", "a", "A", "Hello", "HELLO", "hello", "U.S.", "McDonald's",
		"ABCDEFGH", "ABCDEFGHI", "1996-08-30", "Zürich", "ÀÉ", "@[`{", "Internationalisation"}
	for _, w := range words {
		if got, want := HashLower(7, w), Hash(7, asciiLower(w)); got != want {
			t.Errorf("HashLower(%q) = %x, want Hash(lower) = %x", w, got, want)
		}
		if got, want := HashLowerBytes(7, []byte(w)), HashLower(7, w); got != want {
			t.Errorf("HashLowerBytes(%q) differs from HashLower", w)
		}
		if got, want := HashBytes(7, []byte(w)), Hash(7, w); got != want {
			t.Errorf("HashBytes(%q) differs from Hash", w)
		}
	}
	// Non-ASCII bytes are left alone.
	if HashLower(1, "Ä") == HashLower(1, "ä") {
		t.Error("non-ASCII letters should not be folded")
	}
}

func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

func TestLower8(t *testing.T) {
	for c := 0; c < 256; c++ {
		v := uint64(c) << 24
		want := uint64(c)
		if c >= 'A' && c <= 'Z' {
			want += 32
		}
		if got := lower8(v) >> 24; got != want {
			t.Fatalf("lower8(%#x) = %#x, want %#x", c, got, want)
		}
	}
}

func TestHashDistinct(t *testing.T) {
	seen := map[uint64]string{}
	add := func(h uint64, what string) {
		if h == 0 {
			t.Fatalf("%s hashed to 0", what)
		}
		if o, ok := seen[h]; ok {
			t.Fatalf("collision between %s and %s", o, what)
		}
		seen[h] = what
	}
	r := rand.New(rand.NewPCG(1, 2))
	for tmpl := uint64(0); tmpl < 4; tmpl++ {
		for i := 0; i < 5000; i++ {
			n := r.IntN(20)
			b := make([]byte, n)
			for j := range b {
				b[j] = byte('a' + r.IntN(26))
			}
			s := string(b)
			if _, ok := seen[Hash(tmpl, s)]; ok {
				continue // duplicate random string
			}
			add(Hash(tmpl, s), "str "+s)
		}
		add(HashInt(tmpl, 12345), "int")
	}
	// Trailing zero bytes must change the hash.
	if Hash(0, "a") == Hash(0, "a\x00") || Hash(0, "") == Hash(0, "\x00") {
		t.Error("length not mixed in")
	}
	if Combine(1, 2) == Combine(2, 1) || Combine(5, 1) == Combine(5, 2) {
		t.Error("Combine should be order sensitive and injective in v")
	}
}

func TestHashAllocs(t *testing.T) {
	b := []byte("Washington")
	var sink uint64
	n := testing.AllocsPerRun(100, func() {
		sink += HashLower(3, "Washington") + HashLowerBytes(3, b) + Combine(sink, 4) + HashInt(2, 9)
	})
	if n != 0 {
		t.Fatalf("hashing allocates %v times", n)
	}
}

// synthetic makes a separable multiclass problem: each class has a few
// indicative features, every instance also has noise features.
func synthetic(r *rand.Rand, nclass, n int) (xs [][]uint64, ys []int) {
	for i := 0; i < n; i++ {
		y := r.IntN(nclass)
		var f []uint64
		f = append(f, HashInt(1, uint64(y*10+r.IntN(3))))
		f = append(f, HashInt(2, uint64(y)))
		for k := 0; k < 5; k++ {
			f = append(f, HashInt(3, uint64(r.IntN(200))))
		}
		f = append(f, HashInt(0, 0)) // bias
		xs = append(xs, f)
		ys = append(ys, y)
	}
	return
}

func trainSynthetic(t testing.TB, nclass int) (*Model, [][]uint64, []int) {
	r := rand.New(rand.NewPCG(3, 4))
	xs, ys := synthetic(r, nclass, 2000)
	m := New(nclass)
	for ep := 0; ep < 5; ep++ {
		for i := range xs {
			m.Update(ys[i], m.Predict(xs[i]), xs[i])
		}
	}
	return m, xs, ys
}

func accuracy(m *Model, xs [][]uint64, ys []int) float64 {
	ok := 0
	for i := range xs {
		if m.Predict(xs[i]) == ys[i] {
			ok++
		}
	}
	return float64(ok) / float64(len(xs))
}

func TestTrainAndAverage(t *testing.T) {
	m, xs, ys := trainSynthetic(t, 12)
	if acc := accuracy(m, xs, ys); acc < 0.99 {
		t.Errorf("training accuracy before averaging %.3f", acc)
	}
	snap := m.Snapshot()
	if m.Frozen() || !snap.Frozen() {
		t.Fatal("Snapshot must leave m trainable and return a frozen model")
	}
	m.Average()
	if !m.Frozen() {
		t.Fatal("Average must freeze")
	}
	if acc := accuracy(m, xs, ys); acc < 0.99 {
		t.Errorf("averaged accuracy %.3f", acc)
	}
	for i := range xs[:50] {
		a := make([]float32, 12)
		b := make([]float32, 12)
		m.Scores(xs[i], a)
		snap.Scores(xs[i], b)
		for c := range a {
			if a[c] != b[c] {
				t.Fatalf("snapshot and averaged model differ")
			}
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("Update on a frozen model should panic")
		}
	}()
	m.Update(0, 1, xs[0])
}

// TestAverageExact checks the lazy averaging against a naive dense average
// of the weight vector after every instance.
func TestAverageExact(t *testing.T) {
	const nclass, nfeat = 4, 6
	r := rand.New(rand.NewPCG(5, 6))
	m := New(nclass)
	var w, sum [nfeat][nclass]float64
	steps := 0
	for i := 0; i < 300; i++ {
		var feats []uint64
		var idx []int
		for f := 0; f < nfeat; f++ {
			if r.IntN(2) == 0 {
				feats = append(feats, HashInt(9, uint64(f)))
				idx = append(idx, f)
			}
		}
		truth, guess := r.IntN(nclass), r.IntN(nclass)
		m.Update(truth, guess, feats)
		if truth != guess {
			for _, f := range idx {
				w[f][truth]++
				w[f][guess]--
			}
		}
		for f := range w {
			for c := range w[f] {
				sum[f][c] += w[f][c]
			}
		}
		steps++
	}
	m.Average()
	for f := 0; f < nfeat; f++ {
		scores := make([]float32, nclass)
		m.Scores([]uint64{HashInt(9, uint64(f))}, scores)
		for c := 0; c < nclass; c++ {
			want := sum[f][c] / float64(steps)
			if math.Abs(float64(scores[c])-want) > float64(m.scale) {
				t.Errorf("feature %d class %d: averaged %v, want %v", f, c, scores[c], want)
			}
		}
	}
}

func TestRoundTrip(t *testing.T) {
	m, xs, _ := trainSynthetic(t, 7)
	m.Average()
	var buf bytes.Buffer
	n, err := m.WriteTo(&buf)
	if err != nil || n != int64(buf.Len()) {
		t.Fatalf("WriteTo: %d, %v (buffer %d)", n, err, buf.Len())
	}
	first := append([]byte(nil), buf.Bytes()...)
	buf.WriteString("trailing data")
	var m2 Model
	rn, err := m2.ReadFrom(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if rn != n || buf.String() != "trailing data" {
		t.Fatalf("ReadFrom read %d bytes, want %d", rn, n)
	}
	if m2.NumClasses() != 7 || m2.NumFeatures() != m.NumFeatures() || m2.NumWeights() != m.NumWeights() {
		t.Fatalf("features %d, want %d", m2.NumFeatures(), m.NumFeatures())
	}
	a := make([]float32, 7)
	b := make([]float32, 7)
	for _, x := range xs {
		m.Scores(x, a)
		m2.Scores(x, b)
		for c := range a {
			if a[c] != b[c] {
				t.Fatalf("score %v after reading, want %v", b[c], a[c])
			}
		}
	}
	// Writing the read model gives the same bytes.
	var again bytes.Buffer
	m2.WriteTo(&again)
	if !bytes.Equal(first, again.Bytes()) {
		t.Error("write(read(write(m))) differs from write(m)")
	}
	// A model still in training writes its averaged snapshot.
	mt, _, _ := trainSynthetic(t, 7)
	var tb bytes.Buffer
	mt.WriteTo(&tb)
	if !bytes.Equal(tb.Bytes(), first) {
		t.Error("writing a training model differs from writing it averaged")
	}
	if mt.Frozen() {
		t.Error("WriteTo froze a training model")
	}
}

func TestPruneAndGzip(t *testing.T) {
	m, _, _ := trainSynthetic(t, 5)
	var full, pruned bytes.Buffer
	m.WriteTo(&full)
	m.MinWeight = 0.05
	m.WriteTo(&pruned)
	if pruned.Len() >= full.Len() {
		t.Errorf("pruning did not shrink the model: %d >= %d", pruned.Len(), full.Len())
	}
	m.Average()
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	m.WriteTo(zw)
	zw.Close()
	zr, err := gzip.NewReader(&gz)
	if err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(zr)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range m2.keys {
		if m2.slots[i] == 0 {
			continue
		}
		_, ws := m2.Weights(k)
		if len(ws) == 0 {
			t.Fatal("feature without weights")
		}
		for _, w := range ws {
			if math.Abs(float64(w)) < 0.05-float64(m2.scale) {
				t.Fatalf("weight %v survived pruning", w)
			}
		}
	}
}

func TestReadErrors(t *testing.T) {
	m, _, _ := trainSynthetic(t, 3)
	var buf bytes.Buffer
	m.WriteTo(&buf)
	good := buf.Bytes()
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     append([]byte("XXXX"), good[4:]...),
		"truncated": good[:len(good)-3],
		"corrupt":   flip(good, len(good)-10),
		"version":   flip(good, 4),
	}
	for name, b := range cases {
		var m2 Model
		if _, err := m2.ReadFrom(bytes.NewReader(b)); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: got %v, want ErrFormat", name, err)
		}
	}
}

func flip(b []byte, i int) []byte {
	c := append([]byte(nil), b...)
	c[i] ^= 0x55
	return c
}

func TestZeroAllocs(t *testing.T) {
	m, xs, _ := trainSynthetic(t, 40)
	scores := make([]float32, 40)
	check := func(name string) {
		n := testing.AllocsPerRun(100, func() {
			m.Scores(xs[0], scores)
			_ = m.Predict(xs[1])
		})
		if n != 0 {
			t.Errorf("%s: %v allocs per run", name, n)
		}
	}
	check("training")
	m.Average()
	check("frozen")
}

func TestEmptyModel(t *testing.T) {
	m := New(3)
	if got := m.Predict([]uint64{1, 2, 3}); got != 0 {
		t.Errorf("empty model predicts %d", got)
	}
	m.Average()
	if got := m.Predict([]uint64{1, 2, 3}); got != 0 {
		t.Errorf("empty frozen model predicts %d", got)
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := ReadModel(&buf)
	if err != nil || m2.NumFeatures() != 0 {
		t.Fatalf("%v %v", m2, err)
	}
}

// benchModel is a model of about the POS tagger's size: 45 classes, some
// 100k features with a few weights each.
var benchModel = sync.OnceValue(func() *Model {
	r := rand.New(rand.NewPCG(7, 8))
	const nclass = 45
	m := New(nclass)
	feats := make([]uint64, 30)
	for i := 0; i < 20000; i++ {
		for j := range feats {
			feats[j] = HashInt(uint64(j), uint64(r.IntN(3000)))
		}
		m.Update(r.IntN(nclass), r.IntN(nclass), feats)
	}
	m.Average()
	return m
})

func BenchmarkPredict(b *testing.B) {
	m := benchModel()
	b.Logf("features %d, weights %d, %d bytes", m.NumFeatures(), m.NumWeights(), m.MemoryBytes())
	r := rand.New(rand.NewPCG(1, 1))
	queries := make([][]uint64, 1024)
	for i := range queries {
		q := make([]uint64, 30)
		for j := range q {
			q[j] = HashInt(uint64(j), uint64(r.IntN(3000)))
		}
		queries[i] = q
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Predict(queries[i&1023])
	}
	b.ReportMetric(float64(b.N)*30/b.Elapsed().Seconds(), "feats/s")
}

func BenchmarkHashLower(b *testing.B) {
	words := []string{"The", "minister", "met", "reporters", "in", "Moscow", "on", "Wednesday", "."}
	var s uint64
	for i := 0; i < b.N; i++ {
		s += HashLower(4, words[i%len(words)])
	}
	_ = s
}
