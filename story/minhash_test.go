package story

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
)

const wire = `MOSCOW (Reuters) - Russia's foreign minister Sergei Lavrov met U.S. Secretary of State Rex
Tillerson in Moscow on Wednesday for talks that both sides described as frank, as relations
between the two countries sank to what President Donald Trump called an all-time low. The two
men discussed Syria, Ukraine and North Korea for more than five hours, and agreed to set up a
working group to address what Lavrov called "irritants" in the relationship. Tillerson said
there was a low level of trust between the world's two foremost nuclear powers.
The meeting followed a week of sharp exchanges over a chemical weapons attack in Syria's Idlib
province, which Washington blamed on the government of Bashar al-Assad and answered with a
cruise missile strike on a Syrian air base. Moscow called the strike an act of aggression and
suspended a hotline used to avoid clashes between the two air forces over Syria. Putin, who
received Tillerson in the Kremlin after the talks, said the hotline could be restored. The
Kremlin's spokesman Dmitry Peskov said the conversation had been fairly constructive.`

// edit changes every n-th word of text, as a site's copy editor would.
func edit(text string, n int) string {
	ws := strings.Fields(text)
	for i := n - 1; i < len(ws); i += n {
		ws[i] = "edited" + fmt.Sprint(i)
	}
	return strings.Join(ws, " ")
}

const unrelated = `LONDON - Manchester United beat Liverpool 2-1 at Old Trafford on Sunday, with two goals
from Marcus Rashford in the first half lifting the home side to fifth place in the Premier
League table. Liverpool pulled one back through Mohamed Salah's penalty after the break, but
could not find an equaliser despite sustained pressure in the closing twenty minutes of play.`

func TestSignatureJaccard(t *testing.T) {
	var sh Shingler
	a, n := sh.Sign(wire)
	if n == 0 {
		t.Fatal("no shingles")
	}
	b, _ := sh.Sign(strings.ToUpper(wire)) // normalised words: the same shingles
	if j := a.Jaccard(&b); j != 1 {
		t.Errorf("same words, Jaccard %v", j)
	}
	c, _ := sh.Sign(unrelated)
	if j := a.Jaccard(&c); j > 0.05 {
		t.Errorf("unrelated texts, Jaccard %v", j)
	}
	// One word in 20 edited: each edit spoils the 5 shingles covering it, so about half the
	// shingles are shared, and the estimate should be near the true Jaccard similarity.
	d, _ := sh.Sign(edit(wire, 20))
	truth := exactJaccard(wire, edit(wire, 20), 5)
	if j := a.Jaccard(&d); math.Abs(j-truth) > 0.15 {
		t.Errorf("estimated Jaccard %.3f, true %.3f", j, truth)
	}
	e, n := sh.Sign("  ... !! ")
	if n != 0 || e.Jaccard(&e) != 1 || e.Jaccard(&a) != 0 {
		t.Errorf("text without words: %d shingles", n)
	}
	// A text shorter than a shingle is one shingle.
	if _, n := sh.Sign("Two words"); n != 1 {
		t.Errorf("short text: %d shingles", n)
	}
}

func exactJaccard(a, b string, k int) float64 {
	set := func(s string) map[string]bool {
		ws, _ := words(nil, s, nil)
		m := map[string]bool{}
		for i := 0; i+k <= len(ws); i++ {
			var parts []string
			for _, w := range ws[i : i+k] {
				parts = append(parts, w.norm)
			}
			m[strings.Join(parts, " ")] = true
		}
		return m
	}
	x, y := set(a), set(b)
	inter := 0
	for s := range x {
		if y[s] {
			inter++
		}
	}
	return float64(inter) / float64(len(x)+len(y)-inter)
}

func TestBands(t *testing.T) {
	for _, c := range []struct {
		threshold float64
		b, r      int
	}{
		{0.9, 16, 8},
		{0.8, 32, 4},
		{0.5, 64, 2},
	} {
		b, r := Bands(c.threshold)
		if b != c.b || r != c.r || b*r != NumHashes {
			t.Errorf("Bands(%v) = %d, %d; want %d, %d", c.threshold, b, r, c.b, c.r)
		}
	}
}

func TestDedup(t *testing.T) {
	d := NewDedup(DedupOptions{})
	if id, _ := d.Add("original", wire); id != "" {
		t.Errorf("first article a duplicate of %q", id)
	}
	if id, _ := d.Add("sport", unrelated); id != "" {
		t.Errorf("unrelated article a duplicate of %q", id)
	}
	// A copy with a different dateline and a typo fixed is a near-duplicate.
	cp := strings.Replace(wire, "MOSCOW (Reuters) - ", "(AP) ", 1)
	cp = strings.Replace(cp, "five hours", "five long hours", 1)
	if id, sim := d.Add("copy", cp); id != "original" || sim < 0.8 {
		t.Errorf("copy: duplicate of %q (%.2f), want original", id, sim)
	}
	// A copy of the copy is found as a copy of the original.
	if id, _ := d.Add("copy2", cp+" Reporting by staff."); id != "original" {
		t.Errorf("copy of the copy: duplicate of %q, want original", id)
	}
	// A rewrite sharing half its shingles is not.
	if id, sim := d.Add("rewrite", edit(wire, 12)); id != "" {
		t.Errorf("rewrite: duplicate of %q (%.2f)", id, sim)
	}
	if id, _ := d.Add("empty", ""); id != "" {
		t.Errorf("empty text: duplicate of %q", id)
	}
	if n := d.Len(); n != 3 {
		t.Errorf("Len %d, want 3 (original, sport, rewrite)", n)
	}
	// A lower threshold takes the rewrite for a copy.
	low := NewDedup(DedupOptions{Threshold: 0.3})
	low.Add("original", wire)
	if id, _ := low.Add("rewrite", edit(wire, 12)); id != "original" {
		t.Errorf("threshold 0.3: rewrite a duplicate of %q, want original", id)
	}
}

func TestDedupCapacity(t *testing.T) {
	d := NewDedup(DedupOptions{Capacity: 3})
	texts := make([]string, 10)
	for i := range texts {
		texts[i] = fmt.Sprintf("Article number %d: %s", i, strings.Repeat(fmt.Sprintf("word%d another%d ", i, i*7), 10+i))
		if id, _ := d.Add(fmt.Sprint(i), texts[i]); id != "" {
			t.Fatalf("article %d a duplicate of %s", i, id)
		}
	}
	if d.Len() != 3 {
		t.Errorf("Len %d, want 3", d.Len())
	}
	if id, _ := d.Add("again9", texts[9]); id != "9" {
		t.Errorf("copy of a remembered article: duplicate of %q, want 9", id)
	}
	if id, _ := d.Add("again0", texts[0]); id != "" {
		t.Errorf("copy of a forgotten article: duplicate of %q", id)
	}
}

func TestDedupConcurrent(t *testing.T) {
	d := NewDedup(DedupOptions{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				d.Add(fmt.Sprintf("%d-%d", g, i), fmt.Sprintf("%s %d %d", wire, g, i))
			}
		}()
	}
	wg.Wait()
	if d.Len() < 1 {
		t.Error("nothing remembered")
	}
}
