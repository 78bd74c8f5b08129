package eval

import (
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/eval/conll"
	"github.com/dyad-project/dyad/nlp"
	"github.com/dyad-project/dyad/nlp/pos"
)

// NLP scores sentence segmentation and part-of-speech tagging on CoNLL-2003 documents.
//
// Segmentation: each document is turned back into text as a news page lays it out. Tokens are
// joined with the spacing of ordinary prose; a sentence that ends with a terminal mark runs on
// into the next, as in a paragraph, and a line without one (a headline, a dateline, a table row)
// stands as a paragraph of its own. dyad's segmenter then splits the text, and every sentence end
// that is not the end of a document is a boundary to find.
//
// Tagging: the tagger tags the gold tokens of each sentence; accuracy is the share of tokens whose
// tag equals the gold tag in column 2.
func NLP(docs []conll.Document, tagger *pos.Tagger) *Report {
	seg := Segmentation(docs)
	correct, total := Tagging(docs, tagger)
	acc := ratio(correct, total)
	return &Report{
		Title:  "Sentence segmentation and part-of-speech tagging (CoNLL-2003)",
		Header: []string{"task", "precision", "recall", "F1 / accuracy", "n"},
		Rows: [][]string{
			{"sentence boundaries", F3(seg.Precision()), F3(seg.Recall()), F3(seg.F1()), strconv.Itoa(seg.TP + seg.FN)},
			{"POS tags (gold tokens)", "", "", F3(acc), strconv.Itoa(total)},
		},
		Metrics: map[string]float64{"sentence_f1": seg.F1(), "sentence_p": seg.Precision(), "sentence_r": seg.Recall(), "pos_accuracy": acc},
	}
}

// Segmentation counts the sentence boundaries dyad finds in the documents laid out as text.
func Segmentation(docs []conll.Document) PRF {
	var seg PRF
	var doc nlp.Doc
	for _, d := range docs {
		text, gold := Detokenize(d)
		doc.Text = text
		doc.Tokens = nlp.Tokenize(doc.Tokens[:0], text)
		nlp.Segment(&doc)
		found := map[int]bool{}
		for _, s := range doc.Sentences[:max(len(doc.Sentences)-1, 0)] {
			found[s.End] = true
		}
		for _, g := range gold {
			if found[g] {
				seg.TP++
				delete(found, g)
			} else {
				seg.FN++
			}
		}
		seg.FP += len(found)
	}
	return seg
}

// Tagging tags the gold tokens of every sentence and counts the tags equal to the gold ones.
func Tagging(docs []conll.Document, tagger *pos.Tagger) (correct, total int) {
	var tags []pos.Tag
	var words []string
	for _, d := range docs {
		for _, s := range d.Sentences {
			words = words[:0]
			for _, t := range s {
				words = append(words, t.Word)
			}
			tags = append(tags[:0], make([]pos.Tag, len(s))...)
			tagger.Tag(words, tags)
			for i, t := range s {
				total++
				if tags[i].String() == t.POS {
					correct++
				}
			}
		}
	}
	return correct, total
}

// Detokenize lays out a CoNLL document as text (see NLP) and returns it with the end offset of
// every sentence but the last.
func Detokenize(d conll.Document) (string, []int) {
	var b strings.Builder
	var ends []int
	for si, s := range d.Sentences {
		inQuote := false
		for i, t := range s {
			w := t.Word
			if w == `"` && i == len(s)-1 && i > 0 {
				inQuote = true // a quote that ends a sentence closes it, even if it opened earlier
			}
			if w == "." && i > 0 && i == len(s)-1 && strings.HasSuffix(s[i-1].Word, ".") {
				continue // "U.S." ending a sentence carries its own period
			}
			if i > 0 && spaceBefore(s[i-1].Word, w, inQuote) {
				b.WriteByte(' ')
			}
			if w == `"` {
				inQuote = !inQuote
			}
			b.WriteString(w)
		}
		if si == len(d.Sentences)-1 {
			break
		}
		ends = append(ends, b.Len())
		if last := s[len(s)-1].Word; last == "." || last == "?" || last == "!" || last == `"` && len(s) > 1 && strings.ContainsAny(s[len(s)-2].Word, ".?!") {
			b.WriteByte(' ')
		} else {
			b.WriteString("\n\n")
		}
	}
	return b.String(), ends
}

// spaceBefore reports whether prose puts a space between the tokens prev and w. inQuote tells
// whether a double quote is open before w.
func spaceBefore(prev, w string, inQuote bool) bool {
	switch w {
	case ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "N'T", "'re", "'ve", "'ll", "'d", "'m", "''", "'":
		return false
	case `"`:
		if inQuote {
			return false
		}
	}
	switch prev {
	case "(", "[", "{", "$", "``":
		return false
	case `"`:
		return !inQuote
	}
	return true
}
