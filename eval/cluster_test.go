package eval

import (
	"math"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/eval/ecbplus"
	"github.com/dyad-project/dyad/internal/shared"
	"github.com/dyad-project/dyad/story"
)

func TestBCubed(t *testing.T) {
	for _, c := range []struct {
		name       string
		gold, pred []string
		p, r       float64
	}{
		{"perfect", []string{"a", "a", "b"}, []string{"x", "x", "y"}, 1, 1},
		// Items 1–2: P 1, R 2/3; item 3: P 1/3, R 1/3; items 4–5: P 2/3, R 1.
		{"mixed", []string{"a", "a", "a", "b", "b"}, []string{"x", "x", "y", "y", "y"}, 11.0 / 15, 11.0 / 15},
		{"one cluster", []string{"a", "a", "b", "b"}, []string{"x", "x", "x", "x"}, 0.5, 1},
		{"singletons", []string{"a", "a", "b", "b"}, []string{"1", "2", "3", "4"}, 1, 0.5},
		// Labels are names only: the same label in gold and found means nothing.
		{"crossed labels", []string{"a", "b"}, []string{"b", "a"}, 1, 1},
		{"empty", nil, nil, 0, 0},
	} {
		p, r, f := BCubed(c.gold, c.pred)
		wantF := 0.0
		if c.p+c.r > 0 {
			wantF = 2 * c.p * c.r / (c.p + c.r)
		}
		if math.Abs(p-c.p) > 1e-12 || math.Abs(r-c.r) > 1e-12 || math.Abs(f-wantF) > 1e-12 {
			t.Errorf("%s: got P %.4f R %.4f F %.4f, want %.4f %.4f %.4f", c.name, p, r, f, c.p, c.r, wantF)
		}
	}
}

func TestBCubedLengthMismatch(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	BCubed([]string{"a"}, nil)
}

func TestClusterReport(t *testing.T) {
	docs := []ecbplus.Document{
		{Name: "1_1ecb.xml", Topic: 1, Num: 1},
		{Name: "1_2ecb.xml", Topic: 1, Num: 2},
		{Name: "1_1ecbplus.xml", Topic: 1, Num: 1, Plus: true},
		{Name: "2_1ecb.xml", Topic: 2, Num: 1},
	}
	calls := 0
	// A clusterer that groups by topic, whatever the order it is given the documents in.
	byTopic := func(ds []ecbplus.Document) []string {
		calls++
		out := make([]string, len(ds))
		for i, d := range ds {
			out[i] = strings.Repeat("t", d.Topic)
		}
		return out
	}
	r := Cluster(docs, byTopic)
	// Topic 1's three documents are one found cluster: items 1–2 P 2/3 R 1, item 3 P 1/3 R 1.
	wantP := (2.0/3 + 2.0/3 + 1.0/3 + 1) / 4
	if math.Abs(r.Metrics["bcubed_p"]-wantP) > 1e-12 || r.Metrics["bcubed_r"] != 1 {
		t.Errorf("metrics %v, want bcubed_p %.4f bcubed_r 1", r.Metrics, wantP)
	}
	if r.Metrics["bcubed_f1_shuffled_min"] != r.Metrics["bcubed_f1"] || r.Metrics["bcubed_f1_shuffled_mean"] != r.Metrics["bcubed_f1"] {
		t.Errorf("an order-independent clusterer scores differently when shuffled: %v", r.Metrics)
	}
	if calls != 1+shuffles {
		t.Errorf("clusterer called %d times", calls)
	}
	var b strings.Builder
	if err := r.Write(&b); err != nil || !strings.Contains(b.String(), "bcubed_f1=") {
		t.Errorf("report: %v\n%s", err, b.String())
	}
}

// TestClusterECBPlus scores dyad's story clustering on the ECB+ documents of the shared data.
// Measured: B-cubed F1 0.880 in the order read, 0.864–0.919 (mean 0.890) in five shuffled
// orders.
func TestClusterECBPlus(t *testing.T) {
	docs, err := ecbplus.ReadDir(shared.Path(t, "clustering/ecbplus"))
	if err != nil {
		t.Fatal(err)
	}
	r := Cluster(docs, StoryClusterer(story.Options{}))
	var b strings.Builder
	r.Write(&b)
	t.Log("\n" + b.String())
	if f := r.Metrics["bcubed_f1"]; f < 0.86 {
		t.Errorf("B-cubed F1 %.3f, want at least 0.86", f)
	}
	if f := r.Metrics["bcubed_f1_shuffled_min"]; f < 0.84 {
		t.Errorf("least B-cubed F1 of the shuffled orders %.3f, want at least 0.84", f)
	}
	if f := r.Metrics["bcubed_f1_shuffled_mean"]; f < 0.87 {
		t.Errorf("mean B-cubed F1 of the shuffled orders %.3f, want at least 0.87", f)
	}
}
