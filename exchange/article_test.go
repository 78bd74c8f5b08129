package exchange

import (
	"bytes"
	"slices"
	"testing"

	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/record"
)

func testArticle() *record.Article {
	text := "Rex Tillerson and Sergei Lavrov met in Moscow on Wednesday. They talked for hours.\n\n" +
		"Protesters later clashed with police in Kyiv."
	tone := -2.5
	return &record.Article{
		ID:        "a1b2",
		Title:     "Talks in Moscow",
		Text:      text,
		URL:       "https://news.example.org/talks",
		Source:    "news.example.org",
		Published: "2017-04-13",
		Lang:      "en",
		Tone:      &tone,
		Sentences: []record.Sentence{{Start: 0, End: 59}, {Start: 60, End: 82}, {Start: 84, End: len(text)}},
		Events: []record.Event{
			{
				Code: "040", Root: "04", Plover: "CONSULT", Goldstein: 1, QuadClass: 1,
				Source:   &record.Participant{Text: "Rex Tillerson", Name: "Rex Tillerson", Code: "USAGOV", Country: "USA"},
				Target:   &record.Participant{Text: "Sergei Lavrov", Name: "Sergey Lavrov", Code: "RUSGOV", Country: "RUS"},
				Sentence: 0, Start: 18, End: 21,
				Evidence: "Rex Tillerson and Sergei Lavrov met in Moscow on Wednesday.",
				Date:     "2017-04-12",
				Location: &record.Location{Name: "Moscow", Country: "RUS", Lat: fp(55.76), Lon: fp(37.62)},
				Modality: "asserted", Confidence: 0.8,
			},
			{
				Code:     "145", // root, Goldstein, quad class and PLOVER left to the CAMEO table
				Source:   &record.Participant{Text: "Protesters", Code: "UKRCVL", Country: "UKR"},
				Target:   &record.Participant{Text: "police", Code: "UKRCOP"},
				Sentence: 2, Start: 109, End: 116,
				Evidence: "Protesters later clashed with police in Kyiv.",
				Location: &record.Location{Name: "Ukraine", Country: "UKR"},
				Negated:  true, Modality: "asserted", Confidence: 0.6,
			},
			{Code: "010", Sentence: 1, Modality: "asserted"},
		},
	}
}

func TestFromArticle(t *testing.T) {
	a := testArticle()
	rows := FromArticle(a)
	if len(rows) != len(a.Events) {
		t.Fatalf("%d rows for %d events", len(rows), len(a.Events))
	}
	again := FromArticle(testArticle())
	for i, e := range rows {
		if e.GlobalEventID != EventID("a1b2", i) || e.GlobalEventID != again[i].GlobalEventID ||
			e.GlobalEventID == 0 || e.GlobalEventID >= 1<<63 {
			t.Errorf("row %d: id %d", i, e.GlobalEventID)
		}
		if e.ArticleID != "a1b2" || e.SourceURL != a.URL || e.SourceName != a.Source ||
			e.NumArticles != 1 || e.NumMentions != 1 || e.NumSources != 1 || e.AvgTone == nil || *e.AvgTone != -2.5 ||
			e.Sentence == nil || *e.Sentence != a.Events[i].Sentence || !e.DateAdded.IsZero() {
			t.Errorf("row %d: %s", i, show(e))
		}
	}
	if rows[0].GlobalEventID == rows[1].GlobalEventID || EventID("a1b2", 0) == EventID("a1b3", 0) {
		t.Error("ids collide")
	}
	*a.Tone = 9
	if *rows[0].AvgTone != -2.5 {
		t.Error("row shares the article's tone")
	}

	e := rows[0]
	if e.Day != (Date{2017, 4, 12}) || !e.IsRootEvent || e.EventCode != "040" || e.EventBaseCode != "040" ||
		e.EventRootCode != "04" || e.QuadClass != 1 || e.GoldsteinScale != 1 || e.Plover != "CONSULT" ||
		e.Evidence != a.Events[0].Evidence || e.Modality != "asserted" || e.Confidence != 0.8 {
		t.Errorf("row 0: %s", show(e))
	}
	wantSource := Actor{Code: "USAGOV", Name: "Rex Tillerson", CountryCode: "USA", Type1Code: "GOV", Text: "Rex Tillerson"}
	if e.Source != wantSource {
		t.Errorf("source %+v", e.Source)
	}
	if e.Target.Name != "Sergey Lavrov" || e.Target.Text != "Sergei Lavrov" || e.Target.CountryCode != "RUS" {
		t.Errorf("target %+v", e.Target)
	}
	g := e.ActionGeo
	if g.Type != GeoWorldCity || g.FullName != "Moscow, Russia" || g.CountryCode != "RS" ||
		g.Lat == nil || *g.Lat != 55.76 || g.Lon == nil || *g.Lon != 37.62 {
		t.Errorf("action geo %+v", g)
	}

	e = rows[1]
	c, _ := events.Lookup("145")
	if e.Day != (Date{2017, 4, 13}) || e.IsRootEvent || e.EventBaseCode != "145" || e.EventRootCode != "14" ||
		e.QuadClass != c.QuadClass || e.GoldsteinScale != c.Goldstein || e.Plover != c.Plover || !e.Negated {
		t.Errorf("row 1: %s", show(e))
	}
	if e.Source.Name != "Protesters" || e.Source.Type1Code != "CVL" || e.Target.CountryCode != "UKR" {
		t.Errorf("row 1 actors %+v %+v", e.Source, e.Target)
	}
	if g := e.ActionGeo; g.Type != GeoCountry || g.FullName != "Ukraine" || g.CountryCode != "UP" ||
		g.ADM1Code != "UP" || g.FeatureID != "UP" || g.Lat != nil {
		t.Errorf("row 1 geo %+v", g)
	}

	e = rows[2]
	if e.IsRootEvent != true || e.Source != (Actor{}) || e.Target != (Actor{}) || !e.ActionGeo.IsZero() {
		t.Errorf("row 2: %s", show(e))
	}

	if FromArticle(nil) != nil || FromArticle(&record.Article{ID: "x"}) != nil {
		t.Error("rows for no events")
	}

	for _, f := range []Format{GDELT2, Phoenix, Parquet, JSONL} {
		var b bytes.Buffer
		if err := Write(&b, f, slices.Values(rows)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, errs := collect(t, Read(&b, f))
		if len(got) != len(rows) || len(errs) > 0 {
			t.Errorf("%s: %d rows, errors %v", f, len(got), errs)
		}
		if f == JSONL || f == Parquet {
			diffRows(t, got, rows)
		}
	}
}

func TestPlaceGeo(t *testing.T) {
	for _, c := range []struct {
		name, country string
		want          Geo
	}{
		{"", "", Geo{}},
		{"Texas", "USA", Geo{Type: GeoUSCity, FullName: "Texas, United States", CountryCode: "US"}},
		{"United States", "USA", Geo{Type: GeoCountry, FullName: "United States", CountryCode: "US", ADM1Code: "US", FeatureID: "US"}},
		{"", "FRA", Geo{Type: GeoCountry, FullName: "France", CountryCode: "FR", ADM1Code: "FR", FeatureID: "FR"}},
		{"Atlantis", "", Geo{Type: GeoWorldCity, FullName: "Atlantis"}},
		{"Lyon", "FRA", Geo{Type: GeoWorldCity, FullName: "Lyon, France", CountryCode: "FR"}},
	} {
		if got := placeGeo(c.name, c.country, nil, nil); got != c.want {
			t.Errorf("placeGeo(%q, %q) = %+v, want %+v", c.name, c.country, got, c.want)
		}
	}
}
