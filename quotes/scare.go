package quotes

import (
	"strings"

	"github.com/dyad-project/dyad/nlp"
)

// maxScareWords is the most words a term in single quotes may have to be a scare quote.
const maxScareWords = 3

// scareTerms returns, for the statements in qs, the short terms they hold in single quotation
// marks ("relations may be at 'all-time low'"), as scare quotes of their own: a borrowed term, not
// the words of the statement's speaker. Double-quoted fragments stay quotations of the speaker.
func scareTerms(doc *nlp.Doc, qs []Quote) []Quote {
	var out []Quote
	for _, q := range qs {
		if q.Scare {
			continue
		}
		text := doc.Text[q.Content.Start:q.Content.End]
		for i := 0; i < len(text); i++ {
			if text[i] != '\'' || i == 0 || !opensQuote(text, i) { // a quote opening the statement quotes it whole
				continue
			}
			j := i + 1
			for j < len(text) && !(text[j] == '\'' && closesQuote(text, j)) {
				j++
			}
			if j >= len(text) {
				break
			}
			term := text[i+1 : j]
			if n := len(strings.Fields(term)); n > 0 && n <= maxScareWords && !strings.ContainsAny(term, ".,;:!?\"") {
				start := q.Content.Start + i + 1
				out = append(out, Quote{
					Content:    nlp.Span{Start: start, End: start + len(term)},
					Direct:     true,
					Scare:      true,
					Confidence: 0.3,
				})
			}
			i = j
		}
	}
	return out
}

// opensQuote reports whether the ' at text[i] opens a quotation: it starts the text or follows a
// space or an opening bracket, and a letter or digit comes next. An apostrophe inside or at the
// end of a word ("Russia's", "ministers'") does neither.
func opensQuote(text string, i int) bool {
	if i+1 >= len(text) || !isWordByte(text[i+1]) {
		return false
	}
	return i == 0 || text[i-1] == ' ' || text[i-1] == '(' || text[i-1] == '\n'
}

// closesQuote reports whether the ' at text[i] closes a quotation: a word ends before it and no
// letter follows.
func closesQuote(text string, i int) bool {
	if i == 0 || !isWordByte(text[i-1]) {
		return false
	}
	return i+1 == len(text) || !isWordByte(text[i+1])
}
