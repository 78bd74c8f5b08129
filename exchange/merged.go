package exchange

import (
	"time"

	"github.com/dyad-project/dyad/store"
)

// FromMerged returns the exchange row of an event merged across articles in the store: the
// GDELT event of its source, target, code, day and place, with its mention, source and article
// counts. Places carry their name only (no gazetteer yet).
func FromMerged(m store.MergedEvent) Event {
	e := Event{
		GlobalEventID:  uint64(m.ID),
		Source:         SplitActorCode(m.Source),
		Target:         SplitActorCode(m.Target),
		IsRootEvent:    true,
		EventCode:      m.Code,
		EventBaseCode:  m.Code[:min(3, len(m.Code))],
		EventRootCode:  m.Root,
		QuadClass:      m.QuadClass,
		GoldsteinScale: m.Goldstein,
		NumMentions:    m.NumMentions,
		NumSources:     m.NumSources,
		NumArticles:    m.NumArticles,
	}
	if d, err := time.Parse("2006-01-02", m.Day); err == nil {
		e.Day = Date{Year: d.Year(), Month: d.Month(), Day: d.Day()}
	}
	if m.Location != "" {
		e.ActionGeo = Geo{Type: GeoWorldCity, FullName: m.Location}
	}
	return e
}
