package exchange

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
)

// WriteJSONL writes rows as JSON Lines: one JSON object per row, with Event's JSON field names.
// A row that cannot be encoded (a Date out of range, a score that is not a finite number) stops
// the writing with an error naming the row.
func WriteJSONL(w io.Writer, rows iter.Seq[Event]) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	n := 0
	for e := range rows {
		n++
		if err := enc.Encode(&e); err != nil {
			return fmt.Errorf("jsonl: row %d (global_event_id %d): %w", n, e.GlobalEventID, err)
		}
	}
	return bw.Flush()
}

// ReadJSONL reads JSON Lines of Event objects. Blank lines are skipped; fields it does not know
// are ignored. A line that is not an Event object yields a *LineError and reading goes on; an
// error reading r ends the sequence.
func ReadJSONL(r io.Reader) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		lr := newLineReader(r)
		for {
			line, err := lr.next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil && !errors.Is(err, errLineTooLong) {
				yield(Event{}, fmt.Errorf("jsonl: line %d: %w", lr.line+1, err))
				return
			}
			if err == nil && len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			var e Event
			if err == nil {
				if t := bytes.TrimSpace(line); t[0] != '{' {
					err = errors.New("not a JSON object")
				} else {
					err = json.Unmarshal(t, &e)
				}
			}
			if err != nil {
				e = Event{}
				err = &LineError{Format: "jsonl", Line: lr.line, Err: err}
			}
			if !yield(e, err) {
				return
			}
		}
	}
}
