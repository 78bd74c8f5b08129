// Package eval scores dyad's output against gold-standard data sets. Each scorer reads a gold
// format, runs the relevant part of dyad, and returns counts from which the reported metrics
// (precision, recall, F1, accuracy) are computed. The readers of the gold formats are in
// subpackages.
package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// PRF counts true positives, false positives and false negatives.
type PRF struct {
	TP, FP, FN int
}

// Add adds o's counts to p.
func (p *PRF) Add(o PRF) { p.TP += o.TP; p.FP += o.FP; p.FN += o.FN }

// Precision returns TP / (TP + FP), or 0.
func (p PRF) Precision() float64 { return ratio(p.TP, p.TP+p.FP) }

// Recall returns TP / (TP + FN), or 0.
func (p PRF) Recall() float64 { return ratio(p.TP, p.TP+p.FN) }

// F1 returns the harmonic mean of precision and recall, or 0.
func (p PRF) F1() float64 {
	pr, re := p.Precision(), p.Recall()
	if pr+re == 0 {
		return 0
	}
	return 2 * pr * re / (pr + re)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is a table of scores and the metrics of its last line.
type Report struct {
	Title   string
	Header  []string
	Rows    [][]string
	Metrics map[string]float64 // printed sorted as "name=value" on the last line
}

// Write prints the report as an aligned table followed by the metric line.
func (r *Report) Write(w io.Writer) error {
	var b strings.Builder
	if r.Title != "" {
		fmt.Fprintf(&b, "%s\n\n", r.Title)
	}
	widths := make([]int, len(r.Header))
	for _, row := range append([][]string{r.Header}, r.Rows...) {
		for i, c := range row {
			if i < len(widths) && len(c) > widths[i] {
				widths[i] = len(c)
			}
		}
	}
	for _, row := range append([][]string{r.Header}, r.Rows...) {
		for i, c := range row {
			if i > 0 {
				b.WriteString("  ")
			}
			if i == 0 {
				fmt.Fprintf(&b, "%-*s", widths[i], c)
			} else {
				fmt.Fprintf(&b, "%*s", widths[i], c)
			}
		}
		b.WriteByte('\n')
	}
	names := make([]string, 0, len(r.Metrics))
	for n := range r.Metrics {
		names = append(names, n)
	}
	sort.Strings(names)
	b.WriteByte('\n')
	for i, n := range names {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%s=%.4f", n, r.Metrics[n])
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// F3 formats a score with three decimals.
func F3(x float64) string { return fmt.Sprintf("%.3f", x) }
