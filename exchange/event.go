package exchange

import (
	"fmt"
	"time"
)

// Event is one event row for exchange: GDELT's event columns, with the actor roles split as GDELT
// splits them, plus dyad's provenance (article, sentence, evidence) and its reading of the event
// (negation, modality, PLOVER type). Fields a format or a source does not know are zero: an empty
// string, a zero Date or time, a nil pointer, or a Geo of Type 0.
//
// Source and Target are GDELT's Actor1 and Actor2; Source.Geo and Target.Geo are Actor1Geo and
// Actor2Geo.
type Event struct {
	GlobalEventID uint64 `json:"global_event_id"`
	Day           Date   `json:"day"` // the day the event took place (GDELT's SQLDATE)

	Source Actor `json:"source"` // GDELT Actor1
	Target Actor `json:"target"` // GDELT Actor2

	IsRootEvent    bool     `json:"is_root_event"`   // the event is in the article's lead paragraph
	EventCode      string   `json:"event_code"`      // CAMEO code, as CAMEO writes it ("0211")
	EventBaseCode  string   `json:"event_base_code"` // the three-digit level ("021"), or EventCode
	EventRootCode  string   `json:"event_root_code"` // the two-digit root ("02")
	QuadClass      int      `json:"quad_class"`      // 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict; 0 unknown
	GoldsteinScale float64  `json:"goldstein_scale"`
	NumMentions    int      `json:"num_mentions"`
	NumSources     int      `json:"num_sources"`
	NumArticles    int      `json:"num_articles"`
	AvgTone        *float64 `json:"avg_tone"` // nil when unknown

	ActionGeo Geo `json:"action_geo"` // where the event took place

	DateAdded time.Time `json:"date_added,omitzero"` // when the event was stored (UTC, seconds); zero when unknown
	SourceURL string    `json:"source_url"`

	// dyad's own fields. GDELT files do not carry them.
	ArticleID  string  `json:"article_id,omitempty"`  // the article the event was coded from
	SourceName string  `json:"source_name,omitempty"` // the article's publication (record.Article.Source)
	Sentence   *int    `json:"sentence,omitempty"`    // index of the sentence in the article's text; nil when unknown
	Evidence   string  `json:"evidence,omitempty"`    // the sentence (or words) that express the event
	Negated    bool    `json:"negated"`
	Modality   string  `json:"modality,omitempty"` // asserted, possible, future, planned, threatened, conditional, question
	Plover     string  `json:"plover,omitempty"`   // PLOVER event type
	Confidence float64 `json:"confidence"`
}

// Actor is the source or target of an event. Code is the whole CAMEO actor code; the role
// fields split it as GDELT does (see SplitActorCode).
type Actor struct {
	Code           string `json:"code"`
	Name           string `json:"name"`
	CountryCode    string `json:"country_code"`     // three-letter CAMEO country or region code
	KnownGroupCode string `json:"known_group_code"` // IGO/NGO/armed-group part ("NAT" in IGOWSTNAT)
	EthnicCode     string `json:"ethnic_code"`      // lower-case CAMEO ethnic code
	Religion1Code  string `json:"religion1_code"`
	Religion2Code  string `json:"religion2_code"`
	Type1Code      string `json:"type1_code"`
	Type2Code      string `json:"type2_code"`
	Type3Code      string `json:"type3_code"`
	Geo            Geo    `json:"geo,omitzero"`
	// Text is the words that name the actor in the sentence (dyad's; GDELT does not keep it).
	Text string `json:"text,omitempty"`
}

// Geo types, as GDELT numbers them.
const (
	GeoUnknown    = 0
	GeoCountry    = 1
	GeoUSState    = 2
	GeoUSCity     = 3
	GeoWorldCity  = 4
	GeoWorldState = 5
)

// Geo is a place as GDELT gives it. Type is GeoUnknown, and every other field empty, when the
// place is unknown.
type Geo struct {
	Type        int      `json:"type"`
	FullName    string   `json:"full_name"`
	CountryCode string   `json:"country_code"` // FIPS 10-4 two-letter code, as GDELT (see FIPSOf)
	ADM1Code    string   `json:"adm1_code,omitempty"`
	ADM2Code    string   `json:"adm2_code,omitempty"` // GDELT 2.0 only
	Lat         *float64 `json:"lat"`
	Lon         *float64 `json:"lon"`
	FeatureID   string   `json:"feature_id,omitempty"`
}

// IsZero reports whether g holds no place.
func (g Geo) IsZero() bool {
	return g.Type == 0 && g.FullName == "" && g.CountryCode == "" && g.ADM1Code == "" &&
		g.ADM2Code == "" && g.Lat == nil && g.Lon == nil && g.FeatureID == ""
}

// Date is a calendar day. The zero Date means unknown. Its text form (JSON) is YYYY-MM-DD, or
// "" for the zero Date.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the day of t, in t's location.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return Date{}
	}
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a day written YYYY-MM-DD. It also accepts a longer RFC 3339 time
// ("2017-04-12T10:00:00Z"), of which it keeps the day as written. "" is the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("invalid date %q (want YYYY-MM-DD)", s)
	}
	return DateOf(t), nil
}

// parseYMD reads a day written YYYYMMDD, as GDELT and Phoenix write it.
func parseYMD(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	if len(s) != 8 {
		return Date{}, fmt.Errorf("invalid date %q (want YYYYMMDD)", s)
	}
	t, err := time.Parse("20060102", s)
	if err != nil {
		return Date{}, fmt.Errorf("invalid date %q (want YYYYMMDD)", s)
	}
	return DateOf(t), nil
}

// IsZero reports whether d is the zero (unknown) Date.
func (d Date) IsZero() bool { return d == Date{} }

// Time returns midnight UTC of d, or the zero time for the zero Date.
func (d Date) Time() time.Time {
	if d.IsZero() {
		return time.Time{}
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes d as YYYY-MM-DD ("" for the zero Date).
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if d.Year < 0 || d.Year > 9999 || DateOf(d.Time()) != d {
		return nil, fmt.Errorf("exchange: invalid date %d-%d-%d", d.Year, int(d.Month), d.Day)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads YYYY-MM-DD ("" is the zero Date).
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// ymd returns d as the number YYYYMMDD.
func (d Date) ymd() int { return d.Year*10000 + int(d.Month)*100 + d.Day }
