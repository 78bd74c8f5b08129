package exchange

import (
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/dyad-project/dyad/events"
	"github.com/dyad-project/dyad/record"
)

// FromArticle returns one row per event of a, in the article's order:
//
//   - GlobalEventID is EventID(a.ID, i), a hash of the article id and the event's index;
//   - Day is the event's date, else the article's publication day, else zero;
//   - the actors' role columns come from SplitActorCode; Name is the knowledge-base name, else
//     the words of the text; CountryCode is the code's country part, else the participant's;
//   - IsRootEvent is set for events in the article's lead: its first paragraph (up to the first
//     blank line of the text);
//   - EventBaseCode and EventRootCode come from EventCode; QuadClass, GoldsteinScale and PLOVER
//     from the event, or from the CAMEO table (events.Lookup) where the event leaves them empty;
//   - NumMentions, NumSources and NumArticles are 1 (one article); AvgTone is the article's tone;
//   - ActionGeo is the event's location (GDELT's geo type is guessed: the country itself, a US
//     place, or a place elsewhere); actor geos are left empty;
//   - DateAdded is zero: the store sets it when it stores the article;
//   - SourceURL, SourceName and ArticleID come from the article, Sentence, Evidence, Negated,
//     Modality and Confidence from the event.
//
// Rows for events merged across articles come from the store.
func FromArticle(a *record.Article) []Event {
	if a == nil || len(a.Events) == 0 {
		return nil
	}
	published, _ := ParseDate(a.Published)
	lead := len(a.Text) // the end of the first paragraph
	body := strings.TrimLeft(a.Text, " \n")
	if i := strings.Index(body, "\n\n"); i >= 0 {
		lead = len(a.Text) - len(body) + i
	}
	rows := make([]Event, 0, len(a.Events))
	for i := range a.Events {
		ev := &a.Events[i]
		e := Event{
			GlobalEventID: EventID(a.ID, i),
			Day:           published,
			EventCode:     ev.Code,
			EventRootCode: ev.Root,
			QuadClass:     ev.QuadClass,
			NumMentions:   1,
			NumSources:    1,
			NumArticles:   1,
			AvgTone:       a.Tone,
			SourceURL:     a.URL,

			ArticleID:  a.ID,
			SourceName: a.Source,
			Evidence:   ev.Evidence,
			Negated:    ev.Negated,
			Modality:   ev.Modality,
			Plover:     ev.Plover,
			Confidence: ev.Confidence,
		}
		if e.AvgTone != nil {
			t := *e.AvgTone
			e.AvgTone = &t
		}
		s := ev.Sentence
		e.Sentence = &s
		if d, err := ParseDate(ev.Date); err == nil && !d.IsZero() {
			e.Day = d
		}
		e.Source = participant(ev.Source)
		e.Target = participant(ev.Target)
		start := ev.Start
		if ev.Sentence >= 0 && ev.Sentence < len(a.Sentences) {
			start = a.Sentences[ev.Sentence].Start
		}
		e.IsRootEvent = start < lead
		e.EventBaseCode = ev.Code
		if len(ev.Code) == 4 {
			e.EventBaseCode = ev.Code[:3]
		}
		if e.EventRootCode == "" && len(ev.Code) >= 2 {
			e.EventRootCode = ev.Code[:2]
		}
		e.GoldsteinScale = ev.Goldstein
		if c, ok := events.Lookup(ev.Code); ok {
			if e.QuadClass == 0 {
				e.QuadClass = c.QuadClass
			}
			if ev.Goldstein == 0 {
				e.GoldsteinScale = c.Goldstein
			}
			if e.Plover == "" {
				e.Plover = c.Plover
			}
		}
		if l := ev.Location; l != nil {
			e.ActionGeo = placeGeo(l.Name, l.Country, l.Lat, l.Lon)
		}
		rows = append(rows, e)
	}
	return rows
}

// EventID returns the GlobalEventID of the i-th event of article id: the FNV-1a hash of the id,
// a NUL byte and i in decimal, less its top bit (so that it is also a positive int64), never 0.
func EventID(articleID string, i int) uint64 {
	h := fnv.New64a()
	h.Write([]byte(articleID))
	h.Write([]byte{0})
	h.Write(strconv.AppendInt(nil, int64(i), 10))
	id := h.Sum64() &^ (1 << 63)
	if id == 0 {
		id = 1
	}
	return id
}

func participant(p *record.Participant) Actor {
	if p == nil {
		return Actor{}
	}
	a := SplitActorCode(p.Code)
	a.Name = p.Name
	if a.Name == "" {
		a.Name = p.Text
	}
	if a.CountryCode == "" {
		a.CountryCode = p.Country
	}
	a.Text = p.Text
	return a
}

// placeGeo makes a GDELT Geo of a place named name in the country of CAMEO code country. The
// type is GeoCountry when the place is the country (its name is the country's, or there is no
// name), GeoUSCity for another place in the United States and GeoWorldCity elsewhere: without a
// gazetteer, states and provinces cannot be told from cities.
func placeGeo(name, country string, lat, lon *float64) Geo {
	c, known := countries[country]
	g := Geo{CountryCode: c.fips, FullName: name}
	if lat != nil {
		v := *lat
		g.Lat = &v
	}
	if lon != nil {
		v := *lon
		g.Lon = &v
	}
	switch {
	case name == "" && country == "":
		if g.Lat == nil && g.Lon == nil {
			return Geo{}
		}
		g.Type = GeoWorldCity
	case known && (name == "" || strings.EqualFold(name, c.name) || strings.EqualFold(name, country)):
		g.Type = GeoCountry
		g.FullName = c.name
		g.ADM1Code = c.fips
		g.FeatureID = c.fips
	case country == "USA":
		g.Type = GeoUSCity
		g.FullName = name + ", " + c.name
	case known:
		g.Type = GeoWorldCity
		g.FullName = name + ", " + c.name
	default:
		g.Type = GeoWorldCity
	}
	return g
}
