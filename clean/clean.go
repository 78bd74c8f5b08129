// Package clean normalises the plain-text body of a scraped news article and
// removes site chrome: share buttons, "Read more" link lists, newsletter and
// cookie prompts, copyright footers, wire sign-offs, photo credits,
// breadcrumbs, tag and time-stamp lines.
//
// The text Body returns is what dyad stores and codes; every later offset
// refers to it. Body is deterministic and idempotent (Body(Body(x)) ==
// Body(x)), and removes only whole lines that match a rule entirely, so story
// sentences are never cut. The rules are documented in docs/cleaning.md.
package clean

import "strings"

// Removal records one piece of text that Body removed, and the rule that
// removed it.
type Removal struct {
	Text string // the removed line(s), as they were after normalisation
	Rule string // short rule name, e.g. "widget", "link-list", "newsletter", "copyright"
}

// Body returns s normalised and without site chrome, and what it removed.
//
// Normalisation is that of Line, except that line structure is kept: CRLF
// and CR become LF, lines are trimmed, and paragraphs are separated by
// exactly one blank line. Chrome is removed line by line; see
// docs/cleaning.md for the rules. The removals are reported in text order;
// a link-list header and the headline lines it removed form one Removal.
func Body(s string) (string, []Removal) {
	t := normalize(s, false)
	var cuts []cut
	for p := 0; p < len(t); {
		e := lineEnd(t, p)
		if e == p { // blank line
			p++
			continue
		}
		rule, header := classify(t[p:e])
		if rule == "" {
			p = e + 1
			continue
		}
		if header {
			e = runEnd(t, e)
		}
		cuts = append(cuts, cut{p, e, rule})
		p = e + 1
	}
	if len(cuts) == 0 {
		return t, nil
	}

	removed := make([]Removal, len(cuts))
	var b strings.Builder
	b.Grow(len(t))
	blank, first := false, true
	ci := 0
	for p := 0; p < len(t); {
		if ci < len(cuts) && p == cuts[ci].start {
			c := cuts[ci]
			removed[ci] = Removal{Text: t[c.start:c.end], Rule: c.rule}
			ci++
			p = c.end + 1
			continue
		}
		e := lineEnd(t, p)
		if e == p {
			blank = true
			p++
			continue
		}
		if !first {
			if blank {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(t[p:e])
		first, blank = false, false
		p = e + 1
	}
	return b.String(), removed
}

// Line normalises a one-line field such as a title: the same Unicode
// normalisation as Body, with every run of white space (line breaks
// included) collapsed to one space, and no leading or trailing space.
func Line(s string) string {
	return normalize(s, true)
}

// cut is a removed byte range of the normalised text: whole lines, from the
// start of the first to the end of the last (excluding its newline).
type cut struct {
	start, end int
	rule       string
}

// lineEnd returns the index of the newline ending the line that starts at
// p, or len(t).
func lineEnd(t string, p int) int {
	if i := strings.IndexByte(t[p:], '\n'); i >= 0 {
		return p + i
	}
	return len(t)
}

// runEnd extends a link-list header ending at e over the headline lines that
// follow it and returns the end of the last one. If the header is followed
// directly by a line, the run is those consecutive lines and ends at a blank
// line; if a blank line follows the header, items may be separated by blank
// lines too. Either way the run stops at the first line that is not a
// headline.
func runEnd(t string, e int) int {
	spaced := e+1 < len(t) && t[e+1] == '\n'
	minWords := 1 // "Related topics" lists single words
	if spaced {
		minWords = 3 // a short subhead after the block must survive
	}
	last := e
	for p, items := e+1, 0; p < len(t) && items < maxRunItems; {
		if t[p] == '\n' {
			if !spaced {
				break
			}
			p++
			continue
		}
		q := lineEnd(t, p)
		if !runItem(t[p:q], minWords) {
			break
		}
		items++
		last = q
		p = q + 1
	}
	return last
}

// runItem reports whether a line in a link-list block is a headline (or
// other chrome such as "Video" or "2 hours ago").
func runItem(line string, minWords int) bool {
	if r, _ := classify(line); r != "" {
		return true
	}
	if len(line) > 200 {
		return false
	}
	w := countWords(line)
	if w < minWords || w > 25 {
		return false
	}
	if 'a' <= line[0] && line[0] <= 'z' { // headlines start with a capital
		return false
	}
	if endsSentence(line) {
		return false
	}
	switch line[len(line)-1] {
	case ',', ';', ':':
		return false
	}
	return true
}
