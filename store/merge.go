package store

import (
	"slices"
	"strings"

	"github.com/dyad-project/dyad/record"
)

// mergeDeltas is what a batch changes in the merged events: the mentions and articles it removes
// (of the articles it replaces) and adds. The counts of a merged event are updated by these
// deltas, so that writing a batch costs the same however many mentions the events already have;
// only the first and last seen dates of an event that lost mentions are computed again from its
// mentions.
type mergeDeltas struct {
	byID    map[int64]*mergeDelta
	sources map[mergeSource]int // change in the number of articles of a source mentioning an event
}

type mergeDelta struct {
	mentions, articles int
	first, last        string // the seen dates of the added mentions; "" when none was added
	removed            bool   // some mentions were removed
}

type mergeSource struct {
	id     int64
	source string
}

func newMergeDeltas() *mergeDeltas {
	return &mergeDeltas{byID: make(map[int64]*mergeDelta), sources: make(map[mergeSource]int)}
}

func (m *mergeDeltas) get(id int64) *mergeDelta {
	d := m.byID[id]
	if d == nil {
		d = new(mergeDelta)
		m.byID[id] = d
	}
	return d
}

// remove notes that one article of source, with mentions mentions of merged event id, is removed.
func (m *mergeDeltas) remove(id int64, source string, mentions int) {
	d := m.get(id)
	d.mentions -= mentions
	d.articles--
	d.removed = true
	m.sources[mergeSource{id, source}]--
}

// add notes the mentions of article a, seen on seen; ids gives the merged event of each event.
func (m *mergeDeltas) add(a *record.Article, seen string, ids []int64) {
	for i, id := range ids {
		if slices.Contains(ids[:i], id) {
			continue // counted with its first mention in a
		}
		n := 0
		for _, x := range ids[i:] {
			if x == id {
				n++
			}
		}
		d := m.get(id)
		d.mentions += n
		d.articles++
		if d.first == "" || seen < d.first {
			d.first = seen
		}
		if seen > d.last {
			d.last = seen
		}
		m.sources[mergeSource{id, a.Source}]++
	}
}

// ids returns the merged events that changed, in order.
func (m *mergeDeltas) ids() []int64 {
	out := make([]int64, 0, len(m.byID))
	for id := range m.byID {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// removedIDs returns the merged events that lost mentions, in order.
func (m *mergeDeltas) removedIDs() []int64 {
	var out []int64
	for id, d := range m.byID {
		if d.removed {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// sourceDeltas returns the changes of per-source article counts that are not zero, in order.
func (m *mergeDeltas) sourceDeltas() ([]mergeSource, []int) {
	keys := make([]mergeSource, 0, len(m.sources))
	for k, n := range m.sources {
		if n != 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(x, y mergeSource) int {
		if x.id != y.id {
			if x.id < y.id {
				return -1
			}
			return 1
		}
		return strings.Compare(x.source, y.source)
	})
	ns := make([]int, len(keys))
	for i, k := range keys {
		ns[i] = m.sources[k]
	}
	return keys, ns
}

// seenDate is the date an article is seen on: its publication date, else the day it is stored.
func seenDate(a *record.Article, today string) string {
	if a.Published != "" {
		return a.Published
	}
	return today
}

// batchKeys returns the distinct merge keys of the events of arts in a fixed order, with the
// root, QuadClass and Goldstein score of the first event of each.
func batchKeys(arts []*record.Article) ([]mergeKey, []*record.Event) {
	seen := make(map[mergeKey]*record.Event)
	var keys []mergeKey
	for _, a := range arts {
		for i := range a.Events {
			k := eventKey(a, &a.Events[i])
			if _, ok := seen[k]; !ok {
				seen[k] = &a.Events[i]
				keys = append(keys, k)
			}
		}
	}
	slices.SortFunc(keys, func(x, y mergeKey) int {
		for _, c := range [...]int{strings.Compare(x.source, y.source), strings.Compare(x.target, y.target),
			strings.Compare(x.code, y.code), strings.Compare(x.day, y.day), strings.Compare(x.location, y.location)} {
			if c != 0 {
				return c
			}
		}
		return 0
	})
	evs := make([]*record.Event, len(keys))
	for i, k := range keys {
		evs[i] = seen[k]
	}
	return keys, evs
}
