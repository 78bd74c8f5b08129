// Package plover reads the PLOVER gold-standard records (the OEDA "GSR" files, PLOVER 0.5): a
// JSON list of records, each one sentence with the one event it reports.
//
// The first record of the file is a header whose event is "DOCUMENT"; it, and any other
// DOCUMENT record, documents the file and is skipped. Every other record has an id, a date
// (YYYY-MM-DD), the text, the event type and a source list of actors {actorText, code, sector};
// the target is a list of the same kind, or the empty string "", or absent, the last two meaning
// that the event has no target (a joint action of the sources: "Jordan and Britain agreed to
// ..."). code is a country (ISO 3166 alpha-3 as CAMEO writes it, "IGO" for an international
// organisation); sector, when present, is a CAMEO sector ("GOV", "MIL", "REB", "CVL", ...),
// sometimes with an ethnic or religious suffix in lower or upper case ("CVLalb", "REFKUR") or
// "***" for a sector the coder left unspecified.
package plover

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Actor is one source or target of a gold event.
type Actor struct {
	Text   string `json:"actorText"` // the words of the sentence that name it
	Code   string `json:"code"`      // its country ("USA") or "IGO"
	Sector string `json:"sector"`    // its CAMEO sector ("GOV"), "" when not given
}

// Record is one gold sentence and its event.
type Record struct {
	ID        string
	Date      time.Time // the date of the report (UTC midnight)
	Text      string
	Event     string // PLOVER 0.5 event type: AGREE, CONSULT, ..., FIGHT
	Mode      string // the PLOVER mode, when given ("firearms")
	Context   string // the PLOVER context, when given ("military")
	EventText string // the words the gold coder marked as the event
	Sources   []Actor
	Targets   []Actor // empty when the event has no target
	// Mutual is set when the gold markup names the actors "SRC/TAR": each acts on the others
	// ("The United States and Jordan have agreed ..."), though the file lists them as sources.
	Mutual bool
}

// Header is the event of the documentation records, which Read skips.
const Header = "DOCUMENT"

// Read reads the PLOVER gold file at path.
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

// raw is a record as written in the file.
type raw struct {
	ID        string          `json:"id"`
	Date      string          `json:"date"`
	Text      string          `json:"text"`
	Event     string          `json:"event"`
	Mode      string          `json:"mode"`
	Context   string          `json:"context"`
	EventText string          `json:"eventText"`
	Source    json.RawMessage `json:"source"`
	Target    json.RawMessage `json:"target"`
	TextInfo  struct {
		Markup string `json:"markup"`
	} `json:"textInfo"`
}

// Decode reads a PLOVER gold JSON list from r, skipping the DOCUMENT records.
func Decode(r io.Reader) ([]Record, error) {
	var raws []raw
	if err := json.NewDecoder(r).Decode(&raws); err != nil {
		return nil, err
	}
	recs := make([]Record, 0, len(raws))
	for i, x := range raws {
		if x.Event == Header {
			continue
		}
		where := fmt.Sprintf("record %d (%s)", i, x.ID)
		if x.Event == "" {
			return nil, fmt.Errorf("%s: no event type", where)
		}
		rec := Record{ID: x.ID, Text: x.Text, Event: x.Event, Mode: x.Mode, Context: x.Context, EventText: x.EventText,
			Mutual: strings.Contains(x.TextInfo.Markup, "SRC/TAR")}
		if x.Date != "" {
			d, err := time.Parse("2006-01-02", x.Date)
			if err != nil {
				return nil, fmt.Errorf("%s: date %q is not YYYY-MM-DD", where, x.Date)
			}
			rec.Date = d
		}
		var err error
		if rec.Sources, err = actors(x.Source); err != nil {
			return nil, fmt.Errorf("%s: source: %w", where, err)
		}
		if rec.Targets, err = actors(x.Target); err != nil {
			return nil, fmt.Errorf("%s: target: %w", where, err)
		}
		recs = append(recs, rec)
	}
	return recs, nil
}

// actors decodes a source or target field: a list of actors, or "" or null or nothing for none.
func actors(m json.RawMessage) ([]Actor, error) {
	m = bytes.TrimSpace(m)
	if len(m) == 0 || string(m) == "null" {
		return nil, nil
	}
	if m[0] == '"' {
		var s string
		if err := json.Unmarshal(m, &s); err != nil {
			return nil, err
		}
		if s != "" {
			return nil, fmt.Errorf("a string %q where a list of actors or \"\" is expected", s)
		}
		return nil, nil
	}
	var as []Actor
	if err := json.Unmarshal(m, &as); err != nil {
		return nil, err
	}
	for _, a := range as {
		if a.Code == "" {
			return nil, fmt.Errorf("actor %q has no code", a.Text)
		}
	}
	return as, nil
}
