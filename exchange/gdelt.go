package exchange

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"
	"time"
)

// GDELT2Columns are the 61 columns of a GDELT 2.0 events file, in order (GDELT's "Event Database
// Codebook V2.0" and its header file). WriteGDELT2 writes them; files have no header row.
var GDELT2Columns = gdeltColumns(true)

// GDELT1Columns are the 58 columns of a GDELT 1.0 events file since April 2013; the back file
// (events before April 2013, and the daily files of the first months) has the first 57, without
// SOURCEURL. GDELT 1.0 has no ADM2 columns and writes DATEADDED as YYYYMMDD.
var GDELT1Columns = gdeltColumns(false)

func gdeltColumns(adm2 bool) []string {
	cols := []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"}
	for _, a := range []string{"Actor1", "Actor2"} {
		for _, f := range []string{"Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
			"Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"} {
			cols = append(cols, a+f)
		}
	}
	cols = append(cols, "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
		"GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
	for _, g := range []string{"Actor1Geo_", "Actor2Geo_", "ActionGeo_"} {
		cols = append(cols, g+"Type", g+"FullName", g+"CountryCode", g+"ADM1Code")
		if adm2 {
			cols = append(cols, g+"ADM2Code")
		}
		cols = append(cols, g+"Lat", g+"Long", g+"FeatureID")
	}
	return append(cols, "DATEADDED", "SOURCEURL")
}

// WriteGDELT2 writes rows as a GDELT 2.0 events file: one line per row, the 61 columns of
// GDELT2Columns separated by tabs, no header row. Dates are written as GDELT writes them
// (SQLDATE YYYYMMDD, MonthYear YYYYMM, Year YYYY, FractionDate YYYY.FFFF, DATEADDED
// YYYYMMDDHHMMSS in UTC); an unknown value is an empty column, except a Geo's Type, which GDELT
// writes 0. Tabs and line breaks inside text become spaces. dyad's own fields are not written.
func WriteGDELT2(w io.Writer, rows iter.Seq[Event]) error {
	return writeTSV(w, nil, rows, appendGDELT2)
}

// writeTSV writes header, if any, as a tab-separated row, then each of rows as appendRow
// encodes it.
func writeTSV(w io.Writer, header []string, rows iter.Seq[Event], appendRow func([]byte, *Event) []byte) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if header != nil {
		bw.WriteString(strings.Join(header, "\t"))
		bw.WriteByte('\n')
	}
	var b []byte
	for e := range rows {
		b = appendRow(b[:0], &e)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

func appendGDELT2(b []byte, e *Event) []byte {
	tab := func() { b = append(b, '\t') }
	b = strconv.AppendUint(b, e.GlobalEventID, 10)
	tab()
	if !e.Day.IsZero() {
		d := e.Day
		b = appendPadded(b, d.ymd(), 8)
		tab()
		b = appendPadded(b, d.Year*100+int(d.Month), 6)
		tab()
		b = appendPadded(b, d.Year, 4)
		tab()
		frac := float64((int(d.Month)-1)*30+d.Day) / 365
		b = strconv.AppendFloat(b, float64(d.Year)+frac, 'f', 4, 64)
	} else {
		b = append(b, "\t\t\t"...)
	}
	for _, a := range []*Actor{&e.Source, &e.Target} {
		for _, s := range []string{a.Code, a.Name, a.CountryCode, a.KnownGroupCode, a.EthnicCode,
			a.Religion1Code, a.Religion2Code, a.Type1Code, a.Type2Code, a.Type3Code} {
			tab()
			b = appendText(b, s)
		}
	}
	tab()
	if e.IsRootEvent {
		b = append(b, '1')
	} else {
		b = append(b, '0')
	}
	for _, s := range []string{e.EventCode, e.EventBaseCode, e.EventRootCode} {
		tab()
		b = appendText(b, s)
	}
	tab()
	if e.QuadClass != 0 {
		b = strconv.AppendInt(b, int64(e.QuadClass), 10)
	}
	tab()
	b = appendFloat(b, e.GoldsteinScale)
	for _, n := range []int{e.NumMentions, e.NumSources, e.NumArticles} {
		tab()
		b = strconv.AppendInt(b, int64(n), 10)
	}
	tab()
	if e.AvgTone != nil {
		b = strconv.AppendFloat(b, *e.AvgTone, 'f', -1, 64)
	}
	for _, g := range []*Geo{&e.Source.Geo, &e.Target.Geo, &e.ActionGeo} {
		tab()
		b = strconv.AppendInt(b, int64(g.Type), 10)
		for _, s := range []string{g.FullName, g.CountryCode, g.ADM1Code, g.ADM2Code} {
			tab()
			b = appendText(b, s)
		}
		tab()
		b = appendCoord(b, g.Lat)
		tab()
		b = appendCoord(b, g.Lon)
		tab()
		b = appendText(b, g.FeatureID)
	}
	tab()
	if !e.DateAdded.IsZero() {
		b = e.DateAdded.UTC().AppendFormat(b, "20060102150405")
	}
	tab()
	b = appendText(b, e.SourceURL)
	return append(b, '\n')
}

// appendPadded writes n in decimal with leading zeros to width digits at least.
func appendPadded(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var d [20]byte
	i := len(d)
	for n > 0 || i == len(d) {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
	}
	for k := len(d) - i; k < width; k++ {
		b = append(b, '0')
	}
	return append(b, d[i:]...)
}

// ReadGDELT2 reads a GDELT 2.0 events file (61 tab-separated columns, see GDELT2Columns). A
// header row whose first column is GLOBALEVENTID is skipped, as are blank lines. A line that
// cannot be read yields a *LineError naming the line, the column and the reason, and reading
// goes on; an error reading r ends the sequence.
func ReadGDELT2(r io.Reader) iter.Seq2[Event, error] {
	return readGDELT(r, "gdelt2", GDELT2Columns, true)
}

// ReadGDELT1 reads a GDELT 1.0 events file: 58 columns (see GDELT1Columns), or the 57 columns
// of the back file, without SOURCEURL; both may be mixed in one file. GDELT 1.0 has no ADM2
// columns; its DATEADDED (YYYYMMDD) is read as midnight UTC. Otherwise as ReadGDELT2.
func ReadGDELT1(r io.Reader) iter.Seq2[Event, error] {
	return readGDELT(r, "gdelt1", GDELT1Columns, false)
}

func readGDELT(r io.Reader, format string, cols []string, v2 bool) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		lr := newLineReader(r)
		first := true
		for {
			line, err := lr.next()
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil && !errors.Is(err, errLineTooLong) {
				yield(Event{}, fmt.Errorf("%s: line %d: %w", format, lr.line+1, err))
				return
			}
			if err != nil {
				if !yield(Event{}, &LineError{Format: format, Line: lr.line, Err: err}) {
					return
				}
				continue
			}
			if len(bytes.TrimSpace(line)) == 0 {
				continue
			}
			if first {
				first = false
				if h, _, _ := bytes.Cut(line, []byte{'\t'}); strings.EqualFold(string(h), "GLOBALEVENTID") {
					continue
				}
			}
			e, col, err := parseGDELT(string(line), cols, v2)
			if err != nil {
				err = &LineError{Format: format, Line: lr.line, Column: col, Err: err}
			}
			if !yield(e, err) {
				return
			}
		}
	}
}

// parseGDELT reads one line of a GDELT 1.0 (v2 false) or 2.0 events file.
func parseGDELT(line string, cols []string, v2 bool) (Event, string, error) {
	f := strings.Split(line, "\t")
	switch {
	case v2 && len(f) != len(cols):
		return Event{}, "", fmt.Errorf("%d columns, want %d", len(f), len(cols))
	case !v2 && len(f) != len(cols) && len(f) != len(cols)-1:
		return Event{}, "", fmt.Errorf("%d columns, want %d or %d", len(f), len(cols)-1, len(cols))
	}
	p := &fields{f: f, cols: cols}
	var e Event
	e.GlobalEventID = p.uint64()
	e.Day = p.date()
	p.skip() // MonthYear, Year and FractionDate follow from SQLDATE
	p.skip()
	p.skip()
	for _, a := range []*Actor{&e.Source, &e.Target} {
		a.Code, a.Name, a.CountryCode, a.KnownGroupCode, a.EthnicCode = p.str(), p.str(), p.str(), p.str(), p.str()
		a.Religion1Code, a.Religion2Code = p.str(), p.str()
		a.Type1Code, a.Type2Code, a.Type3Code = p.str(), p.str(), p.str()
	}
	e.IsRootEvent = p.bool01()
	e.EventCode, e.EventBaseCode, e.EventRootCode = p.str(), p.str(), p.str()
	e.QuadClass = p.intIn(1, 4)
	e.GoldsteinScale = p.float()
	e.NumMentions, e.NumSources, e.NumArticles = p.int(), p.int(), p.int()
	e.AvgTone = p.optFloat()
	for _, g := range []*Geo{&e.Source.Geo, &e.Target.Geo, &e.ActionGeo} {
		g.Type = p.intIn(1, 5)
		g.FullName, g.CountryCode, g.ADM1Code = p.str(), p.str(), p.str()
		if v2 {
			g.ADM2Code = p.str()
		}
		g.Lat, g.Lon = p.optFloat(), p.optFloat()
		g.FeatureID = p.str()
	}
	if s := p.str(); s != "" {
		layout, want := "20060102150405", "YYYYMMDDHHMMSS"
		if !v2 && len(s) == 8 {
			layout = "20060102"
		}
		if !v2 {
			want = "YYYYMMDD or YYYYMMDDHHMMSS"
		}
		t, err := time.Parse(layout, s)
		if err != nil || len(s) != len(layout) {
			p.fail(fmt.Errorf("invalid time %q (want %s)", s, want))
		}
		e.DateAdded = t
	}
	e.SourceURL = p.str()
	if p.err != nil {
		return Event{}, p.col, p.err
	}
	return e, "", nil
}
