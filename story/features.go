package story

import (
	"github.com/dyad-project/dyad/record"
)

// FromRecord returns the features of a coded article: its title, text and publication date,
// the actor codes of its entities (one per mention) and its events.
func FromRecord(a *record.Article) Features {
	f := Features{Title: a.Title, Text: a.Text, Published: a.Published}
	for _, e := range a.Entities {
		if e.Actor != nil && e.Actor.Code != "" {
			f.Actors = append(f.Actors, e.Actor.Code)
		}
	}
	for _, ev := range a.Events {
		f.Events = append(f.Events, ev.Code+" "+participantCode(ev.Source)+" "+participantCode(ev.Target))
	}
	return f
}

func participantCode(p *record.Participant) string {
	if p == nil || p.Code == "" {
		return "-"
	}
	return p.Code
}

// AddRecord adds a coded article to the clusterer (see Add and FromRecord), sets its Story and
// returns it.
func (c *Clusterer) AddRecord(a *record.Article) string {
	a.Story = c.Add(a.ID, FromRecord(a))
	return a.Story
}
