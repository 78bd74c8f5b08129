// Package petrarch reads PETRARCH's XML sentence files: the unit-test records
// (PETR.UnitTest.records.xml), whose sentences carry the codings PETRARCH is expected to produce,
// and unlabelled text files in the same format (GigaWord.sample.PETR.xml).
//
// The conventions of the unit-test file, as this package reads them:
//
//   - <Sentence id date category sentence [source]> holds <Text>, <Parse> (a Penn Treebank parse)
//     and zero or more <EventCoding> elements. date is YYYYMMDD.
//
//   - <EventCoding sourcecode targetcode eventcode/> is one expected event. A code in double
//     quotes ('"INJURY TOLL"') is a new actor: an unknown noun phrase, written in capitals,
//     which PETRARCH codes when the option new_actor_length allows phrases that long. "---" is
//     the null actor (no actor found), "---GOV" an agent with no country.
//
//   - <EventCoding noevents="True"/> says that the sentence is expected to produce no event.
//
//   - <EventCoding error="..."/> says that PETRARCH is expected to reject the sentence, producing
//     no event: "dateline", "bad_input_parse", "storydiscard", "sentencediscard".
//
//   - sentence="false" marks a test that is disabled ("currently not implemented"): its codings
//     are not expected of PETRARCH either.
//
//   - <Config option value/> between sentences sets a coder option (require_dyad,
//     new_actor_length, comma_*) for the sentences that follow.
//
//   - A sentence of a test file with no EventCoding at all expects no event either (PATTERN-06,
//     whose expected coding was removed when the parse made it moot).
//
// Sentences of an unlabelled file have no EventCoding at all; Record.Labelled tells them apart.
package petrarch

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"strings"
	"time"
)

// Coding is one expected event: CAMEO-style actor codes and the event code, as written.
type Coding struct {
	Source, Target, Event string
}

// Record is one <Sentence>.
type Record struct {
	ID       string
	Date     time.Time // UTC midnight
	Text     string    // the text with its line breaks and runs of spaces made single spaces
	Parse    string    // the Penn Treebank parse as written, trimmed
	Category string    // the test category (DEMO, COMPOUND, SYNSET, ...), "" when not given
	Source   string    // the publisher, when given (GigaWord samples)

	Labelled bool     // the file is a test file (it has EventCoding elements): the sentence is a test
	Codings  []Coding // the expected events
	NoEvents bool     // noevents="True": no event is expected
	Errors   []string // error="...": the errors (hence no events) expected
	Disabled bool     // sentence="false": a disabled test, expected of no coder

	// Config holds the <Config> options in force at this sentence, by option name as written
	// ("require_dyad" → "false"). Each record has its own map.
	Config map[string]string
}

// Read reads the PETRARCH XML file at path.
func Read(path string) ([]Record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	recs, err := Decode(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return recs, nil
}

type xmlSentence struct {
	ID       string      `xml:"id,attr"`
	Date     string      `xml:"date,attr"`
	Category string      `xml:"category,attr"`
	Sentence string      `xml:"sentence,attr"`
	Source   string      `xml:"source,attr"`
	Text     string      `xml:"Text"`
	Parse    string      `xml:"Parse"`
	Codings  []xmlCoding `xml:"EventCoding"`
}

type xmlCoding struct {
	Source   string `xml:"sourcecode,attr"`
	Target   string `xml:"targetcode,attr"`
	Event    string `xml:"eventcode,attr"`
	NoEvents string `xml:"noevents,attr"`
	Error    string `xml:"error,attr"`
}

// Decode reads every <Sentence> of a PETRARCH XML document, wherever it stands (under
// <Validation><Sentences> or a bare <Sentences>), applying the <Config> options met on the way.
func Decode(r io.Reader) ([]Record, error) {
	dec := xml.NewDecoder(r)
	config := map[string]string{}
	var recs []Record
	labelled := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			for i := range recs {
				recs[i].Labelled = labelled
			}
			return recs, nil
		}
		if err != nil {
			return nil, err
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch se.Name.Local {
		case "Config":
			var opt, val string
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "option":
					opt = strings.TrimSpace(a.Value)
				case "value":
					val = strings.TrimSpace(a.Value)
				}
			}
			if opt == "" {
				line, _ := dec.InputPos()
				return nil, fmt.Errorf("line %d: <Config> without an option", line)
			}
			config[opt] = val
		case "Sentence":
			line, _ := dec.InputPos()
			var s xmlSentence
			if err := dec.DecodeElement(&s, &se); err != nil {
				return nil, err
			}
			rec, err := record(s, config)
			if err != nil {
				return nil, fmt.Errorf("line %d: sentence %q: %w", line, s.ID, err)
			}
			labelled = labelled || len(s.Codings) > 0
			recs = append(recs, rec)
		}
	}
}

func record(s xmlSentence, config map[string]string) (Record, error) {
	rec := Record{
		ID:       strings.TrimSpace(s.ID),
		Text:     strings.Join(strings.Fields(s.Text), " "),
		Parse:    strings.TrimSpace(s.Parse),
		Category: strings.TrimSpace(s.Category),
		Source:   strings.TrimSpace(s.Source),
		Disabled: strings.EqualFold(strings.TrimSpace(s.Sentence), "false"),
		Config:   maps.Clone(config),
	}
	if d := strings.TrimSpace(s.Date); d != "" {
		t, err := time.Parse("20060102", d)
		if err != nil {
			return rec, fmt.Errorf("date %q is not YYYYMMDD", d)
		}
		rec.Date = t
	}
	for _, c := range s.Codings {
		switch {
		case c.Error != "":
			rec.Errors = append(rec.Errors, strings.TrimSpace(c.Error))
		case c.NoEvents != "":
			rec.NoEvents = true
		case c.Event != "":
			rec.Codings = append(rec.Codings, Coding{
				Source: strings.TrimSpace(c.Source),
				Target: strings.TrimSpace(c.Target),
				Event:  strings.TrimSpace(c.Event),
			})
		default:
			return rec, fmt.Errorf("an <EventCoding> with no eventcode, noevents or error")
		}
	}
	return rec, nil
}

// Expected returns the number of expected codings of the records that are enabled tests.
func Expected(recs []Record) int {
	n := 0
	for _, r := range recs {
		if r.Labelled && !r.Disabled {
			n += len(r.Codings)
		}
	}
	return n
}
