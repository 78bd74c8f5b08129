package eval

import (
	"fmt"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/dyad-project/dyad/article"
	"github.com/dyad-project/dyad/clean"
	"github.com/dyad-project/dyad/eval/scrapinghub"
)

// ShingleSize is the number of tokens in a shingle of the extraction benchmark's metric.
const ShingleSize = 4

// ShingleCounts are the shingle matches of one page: true positives, false positives and false
// negatives, each divided by their sum so that every page weighs the same (all zero when both
// texts have no token).
type ShingleCounts struct {
	TP, FP, FN float64
}

// Precision returns the page's precision as the benchmark defines it: 1 when nothing is wrong
// (FP = FN = 0), 0 when nothing was extracted, TP / (TP + FP) otherwise.
func (c ShingleCounts) Precision() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// Recall returns the page's recall: 1 when nothing is wrong, 0 when the gold text has no
// shingle, TP / (TP + FN) otherwise.
func (c ShingleCounts) Recall() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// F1 returns the harmonic mean of the page's precision and recall, or 0.
func (c ShingleCounts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// MatchShingles compares an extracted text with the true one by the metric of the ScrapingHub
// article-extraction benchmark (its evaluate.py):
//
//   - a token is a maximal run of word characters: Unicode letters, numbers and '_' (the
//     regular expression \w+ of Python); everything else separates tokens, and case is kept
//     (evaluate.py compiles \w+ with IGNORECASE, which changes nothing for \w);
//   - the shingles of a text are its runs of ShingleSize consecutive tokens, counted as a
//     multiset; a text of 1 to ShingleSize-1 tokens has one shingle, of all its tokens;
//   - a shingle counted t times in the truth and p times in the extraction adds min(t, p) true
//     positives, max(0, p-t) false positives and max(0, t-p) false negatives;
//   - the three counts are divided by their sum.
func MatchShingles(truth, extracted string) ShingleCounts {
	want := shingles(truth)
	got := shingles(extracted)
	var tp, fp, fn int
	for k, t := range want {
		p := got[k]
		tp += min(t, p)
		fn += max(0, t-p)
	}
	for k, p := range got {
		fp += max(0, p-want[k])
	}
	s := float64(tp + fp + fn)
	if s == 0 {
		return ShingleCounts{}
	}
	return ShingleCounts{TP: float64(tp) / s, FP: float64(fp) / s, FN: float64(fn) / s}
}

// isWordRune reports whether r is a word character of Python's \w: a letter, a number or '_'.
func isWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// wordTokens returns the tokens of s (see MatchShingles).
func wordTokens(s string) []string {
	var toks []string
	start := -1
	for i, r := range s {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			toks = append(toks, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		toks = append(toks, s[start:])
	}
	return toks
}

// shingles counts the shingles of s, each keyed by its tokens joined with NUL (which is never
// part of a token).
func shingles(s string) map[string]int {
	toks := wordTokens(s)
	m := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return m
	}
	n := max(1, len(toks)-ShingleSize+1)
	for i := 0; i < n; i++ {
		m[strings.Join(toks[i:min(i+ShingleSize, len(toks))], "\x00")]++
	}
	return m
}

// ExtractionScores are the benchmark's scores over a set of pages.
type ExtractionScores struct {
	Precision float64 // mean page precision over the pages with something extracted
	Recall    float64 // mean page recall over the pages whose true text is not empty
	F1        float64 // harmonic mean of Precision and Recall
}

// ScoreExtraction averages page counts as the benchmark does: precision is averaged over the
// pages where something was extracted (TP + FP > 0), recall over the pages whose true text has a
// token (TP + FN > 0), and F1 is the harmonic mean of the two averages — not the mean of the
// pages' F1.
func ScoreExtraction(pages []ShingleCounts) ExtractionScores {
	var ps, rs float64
	var np, nr int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			ps += c.Precision()
			np++
		}
		if c.TP+c.FN > 0 {
			rs += c.Recall()
			nr++
		}
	}
	var s ExtractionScores
	if np > 0 {
		s.Precision = ps / float64(np)
	}
	if nr > 0 {
		s.Recall = rs / float64(nr)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// worstPages is how many of the lowest-scoring pages an extraction report lists.
const worstPages = 8

// Extractor is what Extraction scores: a function that returns, for the HTML of a page, the
// article text of one or more variants of an extraction (say, the text as extracted and the text
// after cleaning), in the order of Variants. It is called from several goroutines at once.
type Extractor struct {
	Variants []string // names of the variants, for the report; the first is the main one
	Extract  func(html []byte) ([]string, error)
}

// Extraction scores main-text extraction on the pages of the ScrapingHub benchmark with the
// benchmark's own metric (see MatchShingles and ScoreExtraction). A page whose Extract call
// fails, or whose HTML cannot be read, counts as one where nothing was extracted, in every
// variant; their number is the metric "errors" when not zero.
//
// The report has a row per variant and lists the pages of the main variant with the lowest F1.
// Its metrics are "precision", "recall", "f1" and "empty" (pages where nothing was extracted)
// of the main variant, the same prefixed by the name of each other variant and '_', and "pages".
func Extraction(pages []scrapinghub.Page, x Extractor) *Report {
	nv := len(x.Variants)
	counts := make([][]ShingleCounts, nv)
	for v := range counts {
		counts[v] = make([]ShingleCounts, len(pages))
	}
	failed := make([]error, len(pages))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < min(runtime.GOMAXPROCS(0), max(1, len(pages))); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := pages[i]
				var texts []string
				html, err := p.HTML()
				if err == nil {
					texts, err = x.Extract(html)
				}
				if err != nil {
					failed[i] = err
					texts = nil
				}
				for v := range nv {
					text := ""
					if v < len(texts) {
						text = texts[v]
					}
					counts[v][i] = MatchShingles(p.Body, text)
				}
			}
		}()
	}
	for i := range pages {
		next <- i
	}
	close(next)
	wg.Wait()

	errs := 0
	for _, err := range failed {
		if err != nil {
			errs++
		}
	}
	r := &Report{
		Title: fmt.Sprintf("Article extraction (ScrapingHub benchmark, %d pages; %d-token shingles, "+
			"page precision and recall averaged, F1 of the averages)", len(pages), ShingleSize),
		Header:  []string{"text", "precision", "recall", "F1", "empty pages"},
		Metrics: map[string]float64{"pages": float64(len(pages))},
	}
	for v, name := range x.Variants {
		s := ScoreExtraction(counts[v])
		empty := 0
		for _, c := range counts[v] {
			if c.TP+c.FP == 0 {
				empty++
			}
		}
		prefix := ""
		if v > 0 {
			prefix = name + "_"
		}
		r.Metrics[prefix+"precision"] = s.Precision
		r.Metrics[prefix+"recall"] = s.Recall
		r.Metrics[prefix+"f1"] = s.F1
		r.Metrics[prefix+"empty"] = float64(empty)
		r.Rows = append(r.Rows, []string{name, F3(s.Precision), F3(s.Recall), F3(s.F1), strconv.Itoa(empty)})
	}
	if errs > 0 {
		r.Metrics["errors"] = float64(errs)
	}
	if nv == 0 {
		return r
	}
	order := make([]int, len(pages))
	for i := range order {
		order[i] = i
	}
	main := counts[0]
	sort.SliceStable(order, func(a, b int) bool { return main[order[a]].F1() < main[order[b]].F1() })
	var worst []string
	for _, i := range order[:min(worstPages, len(order))] {
		c := main[i]
		if c.F1() >= 1 {
			break
		}
		w := fmt.Sprintf("%s (P %.2f R %.2f)", shortID(pages[i].ID), c.Precision(), c.Recall())
		if failed[i] != nil {
			w = fmt.Sprintf("%s (error: %v)", shortID(pages[i].ID), failed[i])
		}
		worst = append(worst, w)
	}
	if len(worst) > 0 {
		r.Title += fmt.Sprintf("\nlowest F1 (%s): %s", x.Variants[0], strings.Join(worst, ", "))
	}
	if errs > 0 {
		r.Title += fmt.Sprintf("\n%d pages failed", errs)
	}
	return r
}

// ArticleExtraction scores dyad's extraction (article.Extract) on the pages of the ScrapingHub
// benchmark, in two variants: "extracted", the text as Extract finds it (the figure to compare
// with other extractors), and "cleaned", that text after clean.Body, which is what dyad codes.
// Pages are given no URL, as in the benchmark's own runs.
func ArticleExtraction(pages []scrapinghub.Page) *Report {
	return Extraction(pages, Extractor{
		Variants: []string{"extracted", "cleaned"},
		Extract: func(html []byte) ([]string, error) {
			a := &article.Article{HTML: string(html)}
			if err := article.Extract(a); err != nil {
				return nil, err
			}
			cleaned, _ := clean.Body(a.Text)
			return []string{a.Text, cleaned}, nil
		},
	})
}

// shortID returns the first 12 characters of a page id.
func shortID(id string) string {
	if utf8.RuneCountInString(id) <= 12 {
		return id
	}
	return string([]rune(id)[:12])
}
