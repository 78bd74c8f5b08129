package exchange

import (
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/parquet-go/parquet-go"
)

// parquetRow is the Parquet schema of an Event: one flat column per field, named as GDELT's
// columns in snake case (actor1_* for Source, actor2_* for Target), then dyad's columns. Day is
// a DATE, date_added a TIMESTAMP (milliseconds, UTC); global_event_id is an INT64 holding the
// id's 64 bits (ids from FromArticle are below 2^63); unknown values are nulls where the type
// has no empty value.
type parquetRow struct {
	GlobalEventID int64  `parquet:"global_event_id"`
	Day           *int32 `parquet:"day,optional,date"` // days since 1970-01-01

	Actor1Code           string `parquet:"actor1_code,dict"`
	Actor1Name           string `parquet:"actor1_name,dict"`
	Actor1CountryCode    string `parquet:"actor1_country_code,dict"`
	Actor1KnownGroupCode string `parquet:"actor1_known_group_code,dict"`
	Actor1EthnicCode     string `parquet:"actor1_ethnic_code,dict"`
	Actor1Religion1Code  string `parquet:"actor1_religion1_code,dict"`
	Actor1Religion2Code  string `parquet:"actor1_religion2_code,dict"`
	Actor1Type1Code      string `parquet:"actor1_type1_code,dict"`
	Actor1Type2Code      string `parquet:"actor1_type2_code,dict"`
	Actor1Type3Code      string `parquet:"actor1_type3_code,dict"`
	Actor2Code           string `parquet:"actor2_code,dict"`
	Actor2Name           string `parquet:"actor2_name,dict"`
	Actor2CountryCode    string `parquet:"actor2_country_code,dict"`
	Actor2KnownGroupCode string `parquet:"actor2_known_group_code,dict"`
	Actor2EthnicCode     string `parquet:"actor2_ethnic_code,dict"`
	Actor2Religion1Code  string `parquet:"actor2_religion1_code,dict"`
	Actor2Religion2Code  string `parquet:"actor2_religion2_code,dict"`
	Actor2Type1Code      string `parquet:"actor2_type1_code,dict"`
	Actor2Type2Code      string `parquet:"actor2_type2_code,dict"`
	Actor2Type3Code      string `parquet:"actor2_type3_code,dict"`

	IsRootEvent    bool     `parquet:"is_root_event"`
	EventCode      string   `parquet:"event_code,dict"`
	EventBaseCode  string   `parquet:"event_base_code,dict"`
	EventRootCode  string   `parquet:"event_root_code,dict"`
	QuadClass      int32    `parquet:"quad_class"`
	GoldsteinScale float64  `parquet:"goldstein_scale"`
	NumMentions    int32    `parquet:"num_mentions"`
	NumSources     int32    `parquet:"num_sources"`
	NumArticles    int32    `parquet:"num_articles"`
	AvgTone        *float64 `parquet:"avg_tone,optional"`

	Actor1GeoType        int32    `parquet:"actor1_geo_type"`
	Actor1GeoFullName    string   `parquet:"actor1_geo_full_name,dict"`
	Actor1GeoCountryCode string   `parquet:"actor1_geo_country_code,dict"`
	Actor1GeoADM1Code    string   `parquet:"actor1_geo_adm1_code,dict"`
	Actor1GeoADM2Code    string   `parquet:"actor1_geo_adm2_code,dict"`
	Actor1GeoLat         *float64 `parquet:"actor1_geo_lat,optional"`
	Actor1GeoLong        *float64 `parquet:"actor1_geo_long,optional"`
	Actor1GeoFeatureID   string   `parquet:"actor1_geo_feature_id,dict"`
	Actor2GeoType        int32    `parquet:"actor2_geo_type"`
	Actor2GeoFullName    string   `parquet:"actor2_geo_full_name,dict"`
	Actor2GeoCountryCode string   `parquet:"actor2_geo_country_code,dict"`
	Actor2GeoADM1Code    string   `parquet:"actor2_geo_adm1_code,dict"`
	Actor2GeoADM2Code    string   `parquet:"actor2_geo_adm2_code,dict"`
	Actor2GeoLat         *float64 `parquet:"actor2_geo_lat,optional"`
	Actor2GeoLong        *float64 `parquet:"actor2_geo_long,optional"`
	Actor2GeoFeatureID   string   `parquet:"actor2_geo_feature_id,dict"`
	ActionGeoType        int32    `parquet:"action_geo_type"`
	ActionGeoFullName    string   `parquet:"action_geo_full_name,dict"`
	ActionGeoCountryCode string   `parquet:"action_geo_country_code,dict"`
	ActionGeoADM1Code    string   `parquet:"action_geo_adm1_code,dict"`
	ActionGeoADM2Code    string   `parquet:"action_geo_adm2_code,dict"`
	ActionGeoLat         *float64 `parquet:"action_geo_lat,optional"`
	ActionGeoLong        *float64 `parquet:"action_geo_long,optional"`
	ActionGeoFeatureID   string   `parquet:"action_geo_feature_id,dict"`

	DateAdded *time.Time `parquet:"date_added,optional,timestamp(millisecond)"`
	SourceURL string     `parquet:"source_url"`

	ArticleID  string  `parquet:"article_id"`
	SourceName string  `parquet:"source_name,dict"`
	Actor1Text string  `parquet:"actor1_text"`
	Actor2Text string  `parquet:"actor2_text"`
	Sentence   *int32  `parquet:"sentence,optional"`
	Evidence   string  `parquet:"evidence"`
	Negated    bool    `parquet:"negated"`
	Modality   string  `parquet:"modality,dict"`
	Plover     string  `parquet:"plover,dict"`
	Confidence float64 `parquet:"confidence"`
}

// parquetBatch is the number of rows WriteParquet hands to the Parquet writer at a time.
const parquetBatch = 1024

// WriteParquet writes rows as one Parquet file (zstd-compressed) with one flat column per Event
// field (see the column names in the package documentation).
func WriteParquet(w io.Writer, rows iter.Seq[Event]) error {
	pw := parquet.NewGenericWriter[parquetRow](w, parquet.Compression(&parquet.Zstd))
	batch := make([]parquetRow, 0, parquetBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := pw.Write(batch)
		clear(batch)
		batch = batch[:0]
		return err
	}
	for e := range rows {
		batch = append(batch, toParquet(&e))
		if len(batch) == cap(batch) {
			if err := flush(); err != nil {
				return fmt.Errorf("parquet: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("parquet: %w", err)
	}
	return nil
}

// ReadParquet reads the rows of a Parquet file written by WriteParquet (or any file with its
// columns; columns it lacks read as empty). size is the file's size in bytes. An error ends the
// sequence.
func ReadParquet(r io.ReaderAt, size int64) iter.Seq2[Event, error] {
	return func(yield func(Event, error) bool) {
		f, err := parquet.OpenFile(r, size)
		if err != nil {
			yield(Event{}, fmt.Errorf("parquet: %w", err))
			return
		}
		pr := parquet.NewGenericReader[parquetRow](f)
		defer pr.Close()
		buf := make([]parquetRow, parquetBatch)
		for {
			n, err := pr.Read(buf)
			for i := range n {
				if !yield(fromParquet(&buf[i]), nil) {
					return
				}
			}
			if errors.Is(err, io.EOF) {
				return
			}
			if err != nil {
				yield(Event{}, fmt.Errorf("parquet: %w", err))
				return
			}
		}
	}
}

func toParquet(e *Event) parquetRow {
	r := parquetRow{
		GlobalEventID: int64(e.GlobalEventID),

		Actor1Code: e.Source.Code, Actor1Name: e.Source.Name, Actor1CountryCode: e.Source.CountryCode,
		Actor1KnownGroupCode: e.Source.KnownGroupCode, Actor1EthnicCode: e.Source.EthnicCode,
		Actor1Religion1Code: e.Source.Religion1Code, Actor1Religion2Code: e.Source.Religion2Code,
		Actor1Type1Code: e.Source.Type1Code, Actor1Type2Code: e.Source.Type2Code, Actor1Type3Code: e.Source.Type3Code,
		Actor2Code: e.Target.Code, Actor2Name: e.Target.Name, Actor2CountryCode: e.Target.CountryCode,
		Actor2KnownGroupCode: e.Target.KnownGroupCode, Actor2EthnicCode: e.Target.EthnicCode,
		Actor2Religion1Code: e.Target.Religion1Code, Actor2Religion2Code: e.Target.Religion2Code,
		Actor2Type1Code: e.Target.Type1Code, Actor2Type2Code: e.Target.Type2Code, Actor2Type3Code: e.Target.Type3Code,

		IsRootEvent: e.IsRootEvent, EventCode: e.EventCode, EventBaseCode: e.EventBaseCode, EventRootCode: e.EventRootCode,
		QuadClass: int32(e.QuadClass), GoldsteinScale: e.GoldsteinScale,
		NumMentions: int32(e.NumMentions), NumSources: int32(e.NumSources), NumArticles: int32(e.NumArticles),
		AvgTone: copyFloat(e.AvgTone),

		SourceURL: e.SourceURL,

		ArticleID: e.ArticleID, SourceName: e.SourceName, Actor1Text: e.Source.Text, Actor2Text: e.Target.Text,
		Evidence: e.Evidence, Negated: e.Negated, Modality: e.Modality, Plover: e.Plover, Confidence: e.Confidence,
	}
	if !e.Day.IsZero() {
		d := int32(e.Day.Time().Unix() / 86400)
		r.Day = &d
	}
	if !e.DateAdded.IsZero() {
		t := e.DateAdded.UTC()
		r.DateAdded = &t
	}
	if e.Sentence != nil {
		s := int32(*e.Sentence)
		r.Sentence = &s
	}
	g := &e.Source.Geo
	r.Actor1GeoType, r.Actor1GeoFullName, r.Actor1GeoCountryCode = int32(g.Type), g.FullName, g.CountryCode
	r.Actor1GeoADM1Code, r.Actor1GeoADM2Code, r.Actor1GeoFeatureID = g.ADM1Code, g.ADM2Code, g.FeatureID
	r.Actor1GeoLat, r.Actor1GeoLong = copyFloat(g.Lat), copyFloat(g.Lon)
	g = &e.Target.Geo
	r.Actor2GeoType, r.Actor2GeoFullName, r.Actor2GeoCountryCode = int32(g.Type), g.FullName, g.CountryCode
	r.Actor2GeoADM1Code, r.Actor2GeoADM2Code, r.Actor2GeoFeatureID = g.ADM1Code, g.ADM2Code, g.FeatureID
	r.Actor2GeoLat, r.Actor2GeoLong = copyFloat(g.Lat), copyFloat(g.Lon)
	g = &e.ActionGeo
	r.ActionGeoType, r.ActionGeoFullName, r.ActionGeoCountryCode = int32(g.Type), g.FullName, g.CountryCode
	r.ActionGeoADM1Code, r.ActionGeoADM2Code, r.ActionGeoFeatureID = g.ADM1Code, g.ADM2Code, g.FeatureID
	r.ActionGeoLat, r.ActionGeoLong = copyFloat(g.Lat), copyFloat(g.Lon)
	return r
}

func fromParquet(r *parquetRow) Event {
	e := Event{
		GlobalEventID: uint64(r.GlobalEventID),
		Source: Actor{Code: r.Actor1Code, Name: r.Actor1Name, CountryCode: r.Actor1CountryCode,
			KnownGroupCode: r.Actor1KnownGroupCode, EthnicCode: r.Actor1EthnicCode,
			Religion1Code: r.Actor1Religion1Code, Religion2Code: r.Actor1Religion2Code,
			Type1Code: r.Actor1Type1Code, Type2Code: r.Actor1Type2Code, Type3Code: r.Actor1Type3Code,
			Text: r.Actor1Text,
			Geo: Geo{Type: int(r.Actor1GeoType), FullName: r.Actor1GeoFullName, CountryCode: r.Actor1GeoCountryCode,
				ADM1Code: r.Actor1GeoADM1Code, ADM2Code: r.Actor1GeoADM2Code, FeatureID: r.Actor1GeoFeatureID,
				Lat: copyFloat(r.Actor1GeoLat), Lon: copyFloat(r.Actor1GeoLong)}},
		Target: Actor{Code: r.Actor2Code, Name: r.Actor2Name, CountryCode: r.Actor2CountryCode,
			KnownGroupCode: r.Actor2KnownGroupCode, EthnicCode: r.Actor2EthnicCode,
			Religion1Code: r.Actor2Religion1Code, Religion2Code: r.Actor2Religion2Code,
			Type1Code: r.Actor2Type1Code, Type2Code: r.Actor2Type2Code, Type3Code: r.Actor2Type3Code,
			Text: r.Actor2Text,
			Geo: Geo{Type: int(r.Actor2GeoType), FullName: r.Actor2GeoFullName, CountryCode: r.Actor2GeoCountryCode,
				ADM1Code: r.Actor2GeoADM1Code, ADM2Code: r.Actor2GeoADM2Code, FeatureID: r.Actor2GeoFeatureID,
				Lat: copyFloat(r.Actor2GeoLat), Lon: copyFloat(r.Actor2GeoLong)}},
		IsRootEvent: r.IsRootEvent, EventCode: r.EventCode, EventBaseCode: r.EventBaseCode, EventRootCode: r.EventRootCode,
		QuadClass: int(r.QuadClass), GoldsteinScale: r.GoldsteinScale,
		NumMentions: int(r.NumMentions), NumSources: int(r.NumSources), NumArticles: int(r.NumArticles),
		AvgTone: copyFloat(r.AvgTone),
		ActionGeo: Geo{Type: int(r.ActionGeoType), FullName: r.ActionGeoFullName, CountryCode: r.ActionGeoCountryCode,
			ADM1Code: r.ActionGeoADM1Code, ADM2Code: r.ActionGeoADM2Code, FeatureID: r.ActionGeoFeatureID,
			Lat: copyFloat(r.ActionGeoLat), Lon: copyFloat(r.ActionGeoLong)},
		SourceURL: r.SourceURL,
		ArticleID: r.ArticleID, SourceName: r.SourceName, Evidence: r.Evidence, Negated: r.Negated,
		Modality: r.Modality, Plover: r.Plover, Confidence: r.Confidence,
	}
	if r.Day != nil {
		e.Day = DateOf(time.Unix(int64(*r.Day)*86400, 0).UTC())
	}
	if r.DateAdded != nil {
		e.DateAdded = r.DateAdded.UTC()
	}
	if r.Sentence != nil {
		s := int(*r.Sentence)
		e.Sentence = &s
	}
	return e
}

func copyFloat(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
