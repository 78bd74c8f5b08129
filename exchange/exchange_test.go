package exchange

import (
	"bytes"
	"errors"
	"io"
	"iter"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func fp(v float64) *float64 { return &v }
func ip(v int) *int         { return &v }

// testRows are hand-made rows covering the kinds of values each format must carry: a full dyad
// row, a row read from elsewhere with actor geos, and a row with nearly everything unknown.
func testRows() []Event {
	return []Event{
		{
			GlobalEventID: EventID("art-1", 0),
			Day:           Date{2017, time.April, 12},
			Source: Actor{Code: "USAGOV", Name: "Rex Tillerson", CountryCode: "USA", Type1Code: "GOV",
				Text: "Rex Tillerson"},
			Target: Actor{Code: "RUSGOV", Name: "Sergey Lavrov", CountryCode: "RUS", Type1Code: "GOV",
				Text: "Sergei Lavrov"},
			IsRootEvent:    true,
			EventCode:      "040",
			EventBaseCode:  "040",
			EventRootCode:  "04",
			QuadClass:      1,
			GoldsteinScale: 1,
			NumMentions:    1,
			NumSources:     1,
			NumArticles:    1,
			AvgTone:        fp(-3.125),
			ActionGeo: Geo{Type: GeoWorldCity, FullName: "Moscow, Russia", CountryCode: "RS",
				Lat: fp(55.76), Lon: fp(37.62)},
			DateAdded:  time.Date(2017, time.April, 13, 8, 15, 0, 0, time.UTC),
			SourceURL:  "https://news.example.org/2017/04/12/talks",
			ArticleID:  "art-1",
			SourceName: "news.example.org",
			Sentence:   ip(4),
			Evidence:   "Rex Tillerson and Sergei Lavrov met in Moscow on Wednesday.",
			Modality:   "asserted",
			Plover:     "CONSULT",
			Confidence: 0.8,
		},
		{
			GlobalEventID: 1234567890,
			Day:           Date{2016, time.December, 31},
			Source: Actor{Code: "IGOWSTNAT", Name: "NATO", CountryCode: "WST", KnownGroupCode: "NAT",
				Type1Code: "IGO",
				Geo: Geo{Type: GeoWorldState, FullName: "Brussels, Brussels Capital, Belgium",
					CountryCode: "BE", ADM1Code: "BE11", ADM2Code: "15475", Lat: fp(50.8333), Lon: fp(4.3333),
					FeatureID: "-1955538"}},
			Target: Actor{Code: "MOSSHICVL", Name: "SHIA", Religion1Code: "MOS", Religion2Code: "SHI",
				Type1Code: "CVL",
				Geo: Geo{Type: GeoCountry, FullName: "Iraq", CountryCode: "IZ", ADM1Code: "IZ", Lat: fp(33),
					Lon: fp(44), FeatureID: "IZ"}},
			EventCode:      "1823",
			EventBaseCode:  "182",
			EventRootCode:  "18",
			QuadClass:      4,
			GoldsteinScale: -10,
			NumMentions:    12,
			NumSources:     3,
			NumArticles:    10,
			AvgTone:        fp(-7.5),
			ActionGeo: Geo{Type: GeoUSCity, FullName: "Washington, District of Columbia, United States",
				CountryCode: "US", ADM1Code: "USDC", ADM2Code: "DC001", Lat: fp(38.8951), Lon: fp(-77.0364),
				FeatureID: "531871"},
			DateAdded: time.Date(2017, time.January, 1, 23, 45, 0, 0, time.UTC),
			SourceURL: "http://example.com/a?b=c&d=e",
		},
		{
			GlobalEventID:  7,
			Source:         Actor{Code: "idgCOP", EthnicCode: "idg", Type1Code: "COP"},
			EventCode:      "010",
			EventBaseCode:  "010",
			EventRootCode:  "01",
			QuadClass:      1,
			GoldsteinScale: 0,
		},
	}
}

// gdeltView keeps the fields GDELT files carry.
func gdeltView(e Event) Event {
	e.Source.Text, e.Target.Text = "", ""
	e.ArticleID, e.SourceName, e.Sentence, e.Evidence = "", "", nil, ""
	e.Negated, e.Modality, e.Plover, e.Confidence = false, "", "", 0
	return e
}

func collect(t *testing.T, seq iter.Seq2[Event, error]) ([]Event, []error) {
	t.Helper()
	var rows []Event
	var errs []error
	for e, err := range seq {
		if err != nil {
			errs = append(errs, err)
			if !reflect.DeepEqual(e, Event{}) {
				t.Errorf("error %v came with a non-zero row %+v", err, e)
			}
			continue
		}
		rows = append(rows, e)
	}
	return rows, errs
}

func diffRows(t *testing.T, got, want []Event) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	bad := 0
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n got %s\nwant %s", i, show(got[i]), show(want[i]))
			if bad++; bad == 3 {
				t.Fatal("more rows differ")
			}
		}
	}
}

func show(e Event) string {
	var b bytes.Buffer
	if err := WriteJSONL(&b, slices.Values([]Event{e})); err != nil {
		return err.Error()
	}
	return strings.TrimSpace(b.String())
}

func TestGDELT2RoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGDELT2(&b, slices.Values(testRows())); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(testRows()) {
		t.Fatalf("wrote %d lines, want %d", len(lines), len(testRows()))
	}
	for i, l := range lines {
		if n := len(strings.Split(l, "\t")); n != 61 || n != len(GDELT2Columns) {
			t.Errorf("line %d has %d columns, want 61", i+1, n)
		}
	}
	got, errs := collect(t, ReadGDELT2(&b))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var want []Event
	for _, e := range testRows() {
		want = append(want, gdeltView(e))
	}
	diffRows(t, got, want)
}

func TestGDELT2Format(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGDELT2(&b, slices.Values(testRows()[:1])); err != nil {
		t.Fatal(err)
	}
	f := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\t")
	col := map[string]string{}
	for i, name := range GDELT2Columns {
		col[name] = f[i]
	}
	for name, want := range map[string]string{
		"SQLDATE": "20170412", "MonthYear": "201704", "Year": "2017",
		"FractionDate": "2017.2795", // (3*30+12)/365 = 0.27945 for 12 April
		"Actor1Code":   "USAGOV", "Actor1Type1Code": "GOV", "IsRootEvent": "1",
		"EventCode": "040", "QuadClass": "1", "GoldsteinScale": "1.0", "AvgTone": "-3.125",
		"Actor1Geo_Type": "0", "Actor1Geo_Lat": "", "ActionGeo_Type": "4", "ActionGeo_CountryCode": "RS",
		"ActionGeo_Lat": "55.76", "DATEADDED": "20170413081500",
		"SOURCEURL": "https://news.example.org/2017/04/12/talks",
	} {
		if col[name] != want {
			t.Errorf("%s = %q, want %q", name, col[name], want)
		}
	}
}

func TestGDELT2Sanitizes(t *testing.T) {
	e := testRows()[2]
	e.Source.Name = "A\tB\nC"
	var b bytes.Buffer
	if err := WriteGDELT2(&b, slices.Values([]Event{e})); err != nil {
		t.Fatal(err)
	}
	got, errs := collect(t, ReadGDELT2(&b))
	if len(errs) > 0 || len(got) != 1 {
		t.Fatalf("rows %d, errors %v", len(got), errs)
	}
	if got[0].Source.Name != "A B C" {
		t.Errorf("name %q, want %q", got[0].Source.Name, "A B C")
	}
}

func TestReadGDELT2Errors(t *testing.T) {
	var b bytes.Buffer
	rows := testRows()
	if err := WriteGDELT2(&b, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	good := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	bad := func(col string, v string) string {
		f := strings.Split(good[1], "\t")
		f[slices.Index(GDELT2Columns, col)] = v
		return strings.Join(f, "\t")
	}
	input := strings.Join([]string{
		strings.Join(GDELT2Columns, "\t"), // header: skipped
		good[0],
		"only\tthree\tcolumns",
		bad("SQLDATE", "20171345"),
		"",
		bad("GoldsteinScale", "high"),
		bad("QuadClass", "7"),
		bad("ActionGeo_Lat", "NaN"),
		bad("DATEADDED", "2017"),
		bad("GLOBALEVENTID", "-1"),
		good[1] + "\r",
		strings.Repeat("x", MaxLineBytes+10),
		good[2],
	}, "\n")
	got, errs := collect(t, ReadGDELT2(strings.NewReader(input)))
	diffRows(t, got, []Event{gdeltView(rows[0]), gdeltView(rows[1]), gdeltView(rows[2])})
	want := []struct {
		line int
		col  string
		text string
	}{
		{3, "", "3 columns, want 61"},
		{4, "SQLDATE", "invalid date"},
		{6, "GoldsteinScale", "invalid number"},
		{7, "QuadClass", "out of range"},
		{8, "ActionGeo_Lat", "invalid number"},
		{9, "DATEADDED", "invalid time"},
		{10, "GLOBALEVENTID", "invalid unsigned integer"},
		{12, "", "longer than"},
	}
	if len(errs) != len(want) {
		t.Fatalf("got %d errors, want %d: %v", len(errs), len(want), errs)
	}
	for i, w := range want {
		var le *LineError
		if !errors.As(errs[i], &le) {
			t.Fatalf("error %v is not a *LineError", errs[i])
		}
		if le.Format != "gdelt2" || le.Line != w.line || le.Column != w.col || !strings.Contains(le.Error(), w.text) {
			t.Errorf("error %d = %q (line %d, column %q), want line %d, column %q, %q",
				i, le, le.Line, le.Column, w.line, w.col, w.text)
		}
	}
}

func TestReadStopsWhenAsked(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGDELT2(&b, slices.Values(testRows())); err != nil {
		t.Fatal(err)
	}
	n := 0
	for range ReadGDELT2(&b) {
		n++
		break
	}
	if n != 1 {
		t.Errorf("read %d rows after break", n)
	}
}

func TestPhoenixRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WritePhoenix(&b, slices.Values(testRows())); err != nil {
		t.Fatal(err)
	}
	header, _, _ := strings.Cut(b.String(), "\n")
	if header != strings.Join(PhoenixColumns, "\t") {
		t.Errorf("header %q", header)
	}
	for i, l := range strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if n := len(strings.Split(l, "\t")); n != len(PhoenixColumns) {
			t.Errorf("line %d has %d columns, want %d", i+1, n, len(PhoenixColumns))
		}
	}
	got, errs := collect(t, ReadPhoenix(io.MultiReader(strings.NewReader("\ufeff"), &b)))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var want []Event
	for _, e := range testRows() {
		// Phoenix carries the full actor codes, not GDELT's split (it is re-derived), the
		// action place's name, country and coordinates, and dyad's fields.
		for _, a := range []*Actor{&e.Source, &e.Target} {
			s := SplitActorCode(a.Code)
			s.Name = a.Name
			*a = s
		}
		g := e.ActionGeo
		e.ActionGeo = placeGeo(g.FullName, CountryOfFIPS(g.CountryCode), g.Lat, g.Lon)
		if g.FullName != "" {
			e.ActionGeo.FullName = g.FullName
		}
		e.IsRootEvent, e.AvgTone, e.DateAdded = false, nil, time.Time{}
		e.NumArticles = countParts(e.ArticleID)
		e.NumMentions, e.NumSources = e.NumArticles, countDistinct(e.SourceName)
		want = append(want, e)
	}
	diffRows(t, got, want)
	if got[0].ActionGeo != (Geo{Type: GeoWorldCity, FullName: "Moscow, Russia", CountryCode: "RS",
		Lat: got[0].ActionGeo.Lat, Lon: got[0].ActionGeo.Lon}) {
		t.Errorf("action geo %+v", got[0].ActionGeo)
	}
}

func TestPhoenixColumns(t *testing.T) {
	var b bytes.Buffer
	if err := WritePhoenix(&b, slices.Values(testRows())); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	col := func(line int, name string) string {
		return strings.Split(lines[line], "\t")[slices.Index(PhoenixColumns, name)]
	}
	for _, c := range []struct {
		line      int
		name, val string
	}{
		{1, "date", "20170412"}, {1, "month", "4"}, {1, "source_root", "USA"}, {1, "source_agent", "GOV"},
		{1, "quad_class", "1"}, {1, "country", "RUS"}, {1, "ids", "art-1"},
		{2, "source_root", "IGO"}, {2, "source_agent", ""}, {2, "source_others", "WST;NAT"},
		{2, "target_others", "MOS;SHI;CVL"}, {2, "goldstein", "-10.0"},
		{3, "quad_class", "0"}, {3, "date", ""}, {3, "source_agent", "COP"}, {3, "source_others", "idg"},
	} {
		if got := col(c.line, c.name); got != c.val {
			t.Errorf("line %d %s = %q, want %q", c.line, c.name, got, c.val)
		}
	}
}

func TestReadPhoenixReleaseLayout(t *testing.T) {
	// A file with the Phoenix releases' column names, in another order, and no dyad columns.
	input := "EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\tSourceActorRole\tSourceActorAttribute\t" +
		"TargetActorFull\tTargetActorEntity\tTargetActorRole\tTargetActorAttribute\tEventCode\tEventRootCode\t" +
		"PentaClass\tGoldsteinScore\tIssues\tLat\tLon\tLocationName\tStateName\tCountryCode\tSentenceID\tURLs\tNewsSources\n" +
		"41\t20180102\t2018\t1\t2\tFRAGOV\tFRA\tGOV\t\tDEU\tDEU\t\t\t036\t03\t1\t4.0\t\t52.52\t13.405\tBerlin\t\tDEU\ts1\thttp://x\tsrc;src\n" +
		"42\t2018-01-02\t2018\t1\t2\tFRA\tFRA\t\t\tDEU\tDEU\t\t\t036\t03\t1\t4.0\t\t\t\t\t\t\t\t\t\n" +
		"43\t20180102\n"
	got, errs := collect(t, ReadPhoenix(strings.NewReader(input)))
	if len(got) != 1 || len(errs) != 2 {
		t.Fatalf("rows %d errors %v", len(got), errs)
	}
	e := got[0]
	if e.GlobalEventID != 41 || e.Day != (Date{2018, 1, 2}) || e.Source.CountryCode != "FRA" ||
		e.Source.Type1Code != "GOV" || e.EventCode != "036" || e.EventBaseCode != "036" || e.QuadClass != 1 ||
		e.GoldsteinScale != 4 || e.ActionGeo.FullName != "Berlin" || e.ActionGeo.CountryCode != "GM" ||
		e.ActionGeo.Type != GeoWorldCity || e.SourceURL != "http://x" || e.NumSources != 1 {
		t.Errorf("row %s", show(e))
	}
	var le *LineError
	if !errors.As(errs[0], &le) || le.Line != 3 || le.Column != "date" {
		t.Errorf("error %v", errs[0])
	}
	if !errors.As(errs[1], &le) || le.Line != 4 {
		t.Errorf("error %v", errs[1])
	}

	_, errs = collect(t, ReadPhoenix(strings.NewReader("id\tyear\n1\t2018\n")))
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "no date column") {
		t.Errorf("header without date: %v", errs)
	}
}

func TestParquetRoundTrip(t *testing.T) {
	var b bytes.Buffer
	rows := testRows()
	if err := WriteParquet(&b, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	got, errs := collect(t, ReadParquet(bytes.NewReader(b.Bytes()), int64(b.Len())))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	diffRows(t, got, rows)

	// Through Read, from a plain io.Reader, and many rows (several batches).
	var many []Event
	for i := range 2500 {
		e := rows[i%len(rows)]
		e.GlobalEventID = uint64(i)
		many = append(many, e)
	}
	b.Reset()
	if err := Write(&b, Parquet, slices.Values(many)); err != nil {
		t.Fatal(err)
	}
	got, errs = collect(t, Read(strings.NewReader(b.String()), Parquet))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	diffRows(t, got, many)

	_, errs = collect(t, ReadParquet(strings.NewReader("not parquet"), 11))
	if len(errs) != 1 {
		t.Errorf("reading garbage: %v", errs)
	}
}

func TestJSONLRoundTrip(t *testing.T) {
	var b bytes.Buffer
	rows := testRows()
	if err := WriteJSONL(&b, slices.Values(rows)); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), "\n"); n != len(rows) {
		t.Errorf("%d lines", n)
	}
	if !strings.Contains(b.String(), `"day":"2017-04-12"`) || !strings.Contains(b.String(), `"avg_tone":null`) {
		t.Errorf("JSON form: %s", b.String())
	}
	input := "\n" + strings.Replace(b.String(), "\n", "\n[1,2]\n{\"day\":\"yesterday\"}\nnull\n", 1)
	got, errs := collect(t, ReadJSONL(strings.NewReader(input)))
	diffRows(t, got, rows)
	if len(errs) != 3 {
		t.Fatalf("errors %v", errs)
	}
	var le *LineError
	if !errors.As(errs[1], &le) || le.Line != 4 || le.Format != "jsonl" {
		t.Errorf("error %v", errs[1])
	}

	bad := rows[0]
	bad.GoldsteinScale = mathNaN()
	if err := WriteJSONL(&b, slices.Values([]Event{bad})); err == nil {
		t.Error("wrote NaN")
	}
}

func mathNaN() float64 { z := 0.0; return z / z }

func TestFormats(t *testing.T) {
	for _, f := range Formats {
		if g, err := ParseFormat(strings.ToUpper(string(f))); err != nil || g != f {
			t.Errorf("ParseFormat(%q) = %q, %v", f, g, err)
		}
	}
	if _, err := ParseFormat("csv"); err == nil {
		t.Error("csv accepted")
	}
	for name, want := range map[string]Format{
		"20170413081500.export.CSV": GDELT2, "20160728.export.CSV.zip": GDELT1, "x.parquet": Parquet,
		"a/b.jsonl": JSONL, "events.phoenix.tsv": Phoenix,
	} {
		if f, ok := FormatOf(name); !ok || f != want {
			t.Errorf("FormatOf(%q) = %q, %v", name, f, ok)
		}
	}
	if _, ok := FormatOf("notes.txt"); ok {
		t.Error("notes.txt has a format")
	}
	rows := testRows()
	for _, f := range []Format{GDELT2, Phoenix, Parquet, JSONL} {
		var b bytes.Buffer
		if err := Write(&b, f, slices.Values(rows)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, errs := collect(t, Read(&b, f))
		if len(got) != len(rows) || len(errs) > 0 {
			t.Errorf("%s: %d rows, errors %v", f, len(got), errs)
		}
	}
	if err := Write(new(bytes.Buffer), GDELT1, slices.Values(rows)); err == nil {
		t.Error("wrote GDELT 1.0")
	}
}

func TestDate(t *testing.T) {
	for s, want := range map[string]Date{
		"": {}, "2017-04-12": {2017, 4, 12}, "2017-04-12T23:00:00Z": {2017, 4, 12},
	} {
		if d, err := ParseDate(s); err != nil || d != want {
			t.Errorf("ParseDate(%q) = %v, %v", s, d, err)
		}
	}
	for _, s := range []string{"2017-02-30", "12.4.2017", "2017"} {
		if _, err := ParseDate(s); err == nil {
			t.Errorf("ParseDate(%q) accepted", s)
		}
	}
	if _, err := (Date{2017, 2, 30}).MarshalText(); err == nil {
		t.Error("marshalled 30 February")
	}
	if (Date{2017, 4, 12}).String() != "2017-04-12" || (Date{}).String() != "" {
		t.Error("String")
	}
}
