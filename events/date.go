package events

import (
	"strconv"
	"strings"
	"time"

	"github.com/dyad-project/dyad/nlp"
)

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12, "jan.": 1, "feb.": 2, "mar.": 3,
	"apr.": 4, "jun.": 6, "jul.": 7, "aug.": 8, "sep.": 9, "sept.": 9, "oct.": 10, "nov.": 11, "dec.": 12,
}

// eventDate returns the date of the events of tokens [first, last): the article's date moved by
// the first time expression among them — a weekday ("on Wednesday": the latest such day not after
// the article), "yesterday", "today", "last week", "last month", or a day of a month ("April 12",
// "12 April", with a year or the latest such day not long after the article). It returns the zero
// time when the article's date is unknown.
func eventDate(doc *nlp.Doc, first, last int, date time.Time) time.Time {
	if date.IsZero() {
		return date
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	var buf [24]byte
	word := func(i int) string { // the lower-cased word, for tokens other than the one at hand
		if i < first || i >= last {
			return ""
		}
		return strings.ToLower(doc.Word(i))
	}
	for i := first; i < last; i++ {
		lw := lowerBytes(&buf, doc.Word(i))
		_, isDay := weekdays[string(lw)]
		_, isMonth := months[string(lw)]
		if !isDay && !isMonth && string(lw) != "yesterday" && string(lw) != "today" && string(lw) != "tonight" &&
			string(lw) != "week" && string(lw) != "month" && string(lw) != "year" {
			continue // most words: decided without allocating
		}
		w := word(i)
		if wd, ok := weekdays[w]; ok {
			back := (int(date.Weekday()) - int(wd) + 7) % 7
			if word(i-1) == "last" && back == 0 {
				back = 7
			}
			return date.AddDate(0, 0, -back)
		}
		switch w {
		case "yesterday":
			return date.AddDate(0, 0, -1)
		case "today", "tonight":
			return date
		case "week", "month", "year":
			if word(i-1) == "last" {
				switch w {
				case "week":
					return date.AddDate(0, 0, -7)
				case "month":
					return date.AddDate(0, -1, 0)
				}
				return date.AddDate(-1, 0, 0)
			}
		}
		if m, ok := months[w]; ok && (m != 5 || doc.Tokens[i].Flags&nlp.Upper != 0) {
			day, dayAt := dayNumber(word(i+1)), i+1
			if day == 0 {
				day, dayAt = dayNumber(word(i-1)), i-1
			}
			if day == 0 {
				continue
			}
			year := date.Year()
			if y, err := strconv.Atoi(word(max(i, dayAt) + 1)); err == nil && y > 1900 && y < 2200 {
				year = y
			} else if word(max(i, dayAt)+1) == "," {
				if y, err := strconv.Atoi(word(max(i, dayAt) + 2)); err == nil && y > 1900 && y < 2200 {
					year = y
				}
			}
			d := time.Date(year, m, day, 0, 0, 0, 0, time.UTC)
			if year == date.Year() && d.After(date.AddDate(0, 0, 14)) {
				d = d.AddDate(-1, 0, 0) // "December 30" in a January article
			}
			return d
		}
	}
	return date
}

func dayNumber(w string) int {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "th"), "st"), "nd"), "rd")
	n, err := strconv.Atoi(w)
	if err != nil || n < 1 || n > 31 {
		return 0
	}
	return n
}
