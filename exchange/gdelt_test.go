package exchange

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dyad-project/dyad/internal/shared"
)

// TestGDELT2HeaderFile checks GDELT2Columns, and the width of written rows, against GDELT's own
// column list (a CSV with one row per column: name, type, mode, description).
func TestGDELT2HeaderFile(t *testing.T) {
	path := shared.Path(t, "gdelt/GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range recs[1:] { // the first row names the file's own columns
		names = append(names, r[0])
	}
	if !slices.Equal(names, GDELT2Columns) {
		t.Errorf("GDELT2Columns differ from the header file:\n got %v\nwant %v", GDELT2Columns, names)
	}
	var b bytes.Buffer
	if err := WriteGDELT2(&b, slices.Values(testRows())); err != nil {
		t.Fatal(err)
	}
	for l := range strings.SplitSeq(strings.TrimSuffix(b.String(), "\n"), "\n") {
		if n := strings.Count(l, "\t") + 1; n != len(names) {
			t.Errorf("written row has %d columns, the header file %d", n, len(names))
		}
	}
}

// TestGDELT1HeaderFile checks GDELT1Columns against GDELT 1.0's column list (one name a line,
// after a first "tableId" line).
func TestGDELT1HeaderFile(t *testing.T) {
	path := shared.Path(t, "gdelt/GDELT_1.0_event_Column_Labels_Header_Row_Sep2016.tsv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	names := strings.Fields(string(data))
	if len(names) > 0 && strings.EqualFold(names[0], "tableId") {
		names = names[1:]
	}
	if !slices.Equal(names, GDELT1Columns) {
		t.Errorf("GDELT1Columns differ from the header file:\n got %v\nwant %v", GDELT1Columns, names)
	}
}

// TestReadGDELT1Sample reads the real GDELT 1.0 sample and checks each row against the raw
// columns of its line, the actor split against GDELT's, and the FIPS table against the codes
// GDELT uses. Expected counts are computed from the file, not stored.
func TestReadGDELT1Sample(t *testing.T) {
	path := shared.Path(t, "gdelt/gdelt1_events_20160728_sample.tsv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw [][]string
	width := map[int]int{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, MaxLineBytes)
	for sc.Scan() {
		if sc.Text() == "" {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		raw = append(raw, f)
		width[len(f)]++
	}
	if len(raw) == 0 || width[57]+width[58] != len(raw) {
		t.Fatalf("sample has %d rows of widths %v; want 57 or 58 columns", len(raw), width)
	}

	rows, errs := collect(t, ReadGDELT1(bytes.NewReader(data)))
	if len(errs) > 0 {
		t.Fatalf("%d errors, first %v", len(errs), errs[0])
	}
	if len(rows) != len(raw) {
		t.Fatalf("read %d rows, the file has %d", len(rows), len(raw))
	}
	col := func(f []string, name string) string { return f[slices.Index(GDELT1Columns, name)] }
	agree, actors, withURL := 0, 0, 0
	fipsSeen := map[string]bool{}
	for i, e := range rows {
		f := raw[i]
		id, _ := strconv.ParseUint(col(f, "GLOBALEVENTID"), 10, 64)
		if e.GlobalEventID != id || strconv.Itoa(e.Day.ymd()) != col(f, "SQLDATE") ||
			e.EventCode != col(f, "EventCode") || e.EventRootCode != col(f, "EventRootCode") ||
			e.Source.Code != col(f, "Actor1Code") || e.Target.Name != col(f, "Actor2Name") ||
			e.ActionGeo.FullName != col(f, "ActionGeo_FullName") ||
			e.DateAdded.Format("20060102") != col(f, "DATEADDED") {
			t.Errorf("row %d: read %s from %q", i+1, show(e), f)
		}
		if q, _ := strconv.Atoi(col(f, "QuadClass")); e.QuadClass != q {
			t.Errorf("row %d: quad class %d, file %q", i+1, e.QuadClass, col(f, "QuadClass"))
		}
		if len(f) == 58 {
			withURL++
			if e.SourceURL != col(f, "SOURCEURL") || e.SourceURL == "" {
				t.Errorf("row %d: url %q", i+1, e.SourceURL)
			}
		} else if e.SourceURL != "" {
			t.Errorf("row %d: url %q from a 57-column row", i+1, e.SourceURL)
		}
		// Writing a GDELT 1.0 row as GDELT 2.0 keeps every column but the ADM2 ones (empty)
		// and DATEADDED (time added).
		var b bytes.Buffer
		if err := WriteGDELT2(&b, slices.Values([]Event{e})); err != nil {
			t.Fatal(err)
		}
		back, errs := collect(t, ReadGDELT2(&b))
		if len(errs) > 0 || len(back) != 1 || show(back[0]) != show(e) {
			t.Errorf("row %d does not survive GDELT 2.0: %v\n got %s\nwant %s", i+1, errs, show(back[0]), show(e))
		}
		for _, a := range []Actor{e.Source, e.Target} {
			if a.Code == "" {
				continue
			}
			actors++
			s := SplitActorCode(a.Code)
			s.Name, s.Geo = a.Name, a.Geo
			if s == a {
				agree++
			} else {
				t.Logf("actor %s: GDELT %+v, dyad %+v", a.Code, a, s)
			}
		}
		for _, g := range []Geo{e.Source.Geo, e.Target.Geo, e.ActionGeo} {
			if g.CountryCode == "" {
				continue
			}
			fipsSeen[g.CountryCode] = true
			if g.Type == GeoCountry && g.FullName == "United States" && g.CountryCode != FIPSOf("USA") {
				t.Errorf("United States is %q", g.CountryCode)
			}
		}
	}
	for fips := range fipsSeen {
		if c := CountryOfFIPS(fips); c == "" || (FIPSOf(c) != fips && fipsAliases[fips] == "") {
			t.Errorf("FIPS code %q of the sample: country %q", fips, CountryOfFIPS(fips))
		}
	}
	if withURL != width[58] {
		t.Errorf("%d rows with a URL, %d 58-column rows", withURL, width[58])
	}
	t.Logf("%d rows (%d of 57 columns, %d of 58); actor split agrees with GDELT on %d of %d actors",
		len(rows), width[57], width[58], agree, actors)
	if agree*100 < actors*99 {
		t.Errorf("actor split agrees with GDELT on %d of %d actors, want 99%%", agree, actors)
	}
}

func TestSplitActorCode(t *testing.T) {
	for code, want := range map[string]Actor{
		"USA":       {CountryCode: "USA"},
		"USAGOVMIL": {CountryCode: "USA", Type1Code: "GOV", Type2Code: "MIL"},
		"GOVMILCOP": {Type1Code: "GOV", Type2Code: "MIL", Type3Code: "COP"},
		"IGOWSTNAT": {CountryCode: "WST", KnownGroupCode: "NAT", Type1Code: "IGO"},
		"IGOUNOGOV": {KnownGroupCode: "UNO", Type1Code: "IGO", Type2Code: "GOV"},
		"IGONAM":    {KnownGroupCode: "NAM", Type1Code: "IGO"},
		"IGOSAMAND": {CountryCode: "SAM", KnownGroupCode: "AND", Type1Code: "IGO"},
		"NGOHRIAMN": {KnownGroupCode: "AMN", Type1Code: "NGO", Type2Code: "HRI"},
		"NGODNKREF": {CountryCode: "DNK", Type1Code: "NGO", Type2Code: "REF"},
		"MNCUSAMED": {CountryCode: "USA", Type1Code: "MNC", Type2Code: "MED"},
		"AFGINSTAL": {CountryCode: "AFG", KnownGroupCode: "TAL", Type1Code: "INS"},
		"AFGREBISK": {CountryCode: "AFG", KnownGroupCode: "ISK", Type1Code: "REB"},
		"CHRCTH":    {Religion1Code: "CHR", Religion2Code: "CTH"},
		"CHRANG001": {Religion1Code: "CHR"},
		"MOSSHICVL": {Religion1Code: "MOS", Religion2Code: "SHI", Type1Code: "CVL"},
		"idgCOP":    {EthnicCode: "idg", Type1Code: "COP"},
		"USAPTYDEM": {CountryCode: "USA", KnownGroupCode: "DEM"},
		"GOVPTYGOV": {Type1Code: "GOV", Type2Code: "GOV"},
		"SCGSRB":    {CountryCode: "SRB"},
		"":          {},
		"US":        {},
	} {
		want.Code = code
		if got := SplitActorCode(code); got != want {
			t.Errorf("SplitActorCode(%q) = %+v, want %+v", code, got, want)
		}
	}
}

func TestPhoenixActor(t *testing.T) {
	for code, want := range map[string][3]string{
		"USAGOV":    {"USA", "GOV", ""},
		"USAGOVMIL": {"USA", "GOV", "MIL"},
		"IGOWSTNAT": {"IGO", "", "WST;NAT"},
		"MOS":       {"", "", "MOS"},
		"USA":       {"USA", "", ""},
		"USAELI":    {"USA", "", "ELI"},
		"":          {"", "", ""},
	} {
		r, a, o := phoenixActor(code)
		if [3]string{r, a, o} != want {
			t.Errorf("phoenixActor(%q) = %q, %q, %q, want %q", code, r, a, o, want)
		}
	}
}

func TestFIPS(t *testing.T) {
	for code, fips := range map[string]string{"USA": "US", "RUS": "RS", "DEU": "GM", "GBR": "UK", "IRQ": "IZ", "CHN": "CH", "XKX": "KV", "ALA": ""} {
		if FIPSOf(code) != fips {
			t.Errorf("FIPSOf(%q) = %q, want %q", code, FIPSOf(code), fips)
		}
		if fips != "" && CountryOfFIPS(fips) != code {
			t.Errorf("CountryOfFIPS(%q) = %q, want %q", fips, CountryOfFIPS(fips), code)
		}
	}
	if CountryOfFIPS("GZ") != "PSE" {
		t.Error("Gaza")
	}
	seen := map[string]string{}
	for c, v := range countries {
		if len(c) != 3 || !isUpperAlpha(c) || (v.fips != "" && (len(v.fips) != 2 || !isUpperAlpha(v.fips))) {
			t.Errorf("bad table entry %+v", v)
		}
		if v.fips != "" {
			if o, dup := seen[v.fips]; dup {
				t.Errorf("FIPS %s for %s and %s", v.fips, o, c)
			}
			seen[v.fips] = c
		}
		if regionCodes[c] {
			t.Errorf("%s is a country and a region", c)
		}
	}
}
