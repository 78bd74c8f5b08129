package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/dyad-project/dyad/record"
)

// sqlb builds a query with its arguments, writing placeholders in the backend's style.
type sqlb struct {
	strings.Builder
	args   []any
	dollar bool // PostgreSQL's $1, $2…; otherwise SQLite's ?
}

// arg adds v as an argument and writes its placeholder.
func (b *sqlb) arg(v any) {
	b.args = append(b.args, v)
	if b.dollar {
		b.WriteString("$" + strconv.Itoa(len(b.args)))
	} else {
		b.WriteString("?")
	}
}

// prefix writes a condition that col starts with the checked code prefix p.
func (b *sqlb) prefix(col, p string) {
	b.WriteString("(" + col + " >= ")
	b.arg(p)
	b.WriteString(" AND " + col + " < ")
	b.arg(prefixEnd(p))
	b.WriteString(")")
}

// pair writes a condition on the source and target codes of merged events m for prefixes a
// and b ("" for any), in both directions unless directed. It writes "TRUE" for no condition.
func (b *sqlb) pair(a, bb string, directed bool) {
	one := func(src, tgt string) {
		var conds int
		b.WriteString("(")
		if src != "" {
			b.prefix("m.source_code", src)
			conds++
		}
		if tgt != "" {
			if conds > 0 {
				b.WriteString(" AND ")
			}
			b.prefix("m.target_code", tgt)
			conds++
		}
		if conds == 0 {
			b.WriteString("1 = 1")
		}
		b.WriteString(")")
	}
	if directed || a == bb {
		one(a, bb)
		return
	}
	b.WriteString("(")
	one(a, bb)
	b.WriteString(" OR ")
	one(bb, a)
	b.WriteString(")")
}

// relationsQuery builds the query of the relations index: per event day and QuadClass, the
// number of merged events with a mention that counts, their Goldstein sum, their mentions that
// count, and the sum and number of those mentions' article tones.
func relationsQuery(q RelationsQuery, dollar bool) (string, []any, error) {
	a, err := codePrefix(q.A)
	if err != nil {
		return "", nil, err
	}
	bp, err := codePrefix(q.B)
	if err != nil {
		return "", nil, err
	}
	b := &sqlb{dollar: dollar}
	b.WriteString(`SELECT m.day, m.quad_class, count(*), sum(m.goldstein), CAST(sum(x.n) AS bigint), sum(x.ts), CAST(sum(x.tn) AS bigint)
FROM merged_events m JOIN (
	SELECT e.merged, count(*) AS n, sum(a.tone) AS ts, count(a.tone) AS tn
	FROM events e JOIN articles a ON a.aid = e.article
	WHERE e.merged IN (SELECT m.id FROM merged_events m WHERE `)
	b.pair(a, bp, q.Directed)
	b.WriteString(" AND m.day <> ''")
	if !q.From.IsZero() {
		b.WriteString(" AND m.day >= ")
		b.arg(dateOrEmpty(q.From))
	}
	if !q.To.IsZero() {
		b.WriteString(" AND m.day <= ")
		b.arg(dateOrEmpty(q.To))
	}
	b.WriteString(")")
	if !q.IncludeNegated {
		b.WriteString(" AND e.negated = ")
		b.arg(false)
	}
	if !q.IncludeHypothetical {
		b.WriteString(" AND e.modality = 'asserted'")
	}
	b.WriteString(`
	GROUP BY e.merged) x ON x.merged = m.id
GROUP BY m.day, m.quad_class
ORDER BY m.day, m.quad_class`)
	return b.String(), b.args, nil
}

// mergedQuery builds the query of MergedEvents.
func mergedQuery(q EventQuery, dollar bool) (string, []any, error) {
	src, err := codePrefix(q.Source)
	if err != nil {
		return "", nil, err
	}
	tgt, err := codePrefix(q.Target)
	if err != nil {
		return "", nil, err
	}
	code, err := codePrefix(q.Code)
	if err != nil {
		return "", nil, err
	}
	b := &sqlb{dollar: dollar}
	b.WriteString(`SELECT m.id, m.source_code, m.target_code, m.code, m.root, m.quad_class, m.goldstein, m.day, m.location,
	m.num_mentions, m.num_sources, m.num_articles, m.first_seen, m.last_seen
FROM merged_events m WHERE `)
	b.pair(src, tgt, true)
	if code != "" {
		b.WriteString(" AND ")
		b.prefix("m.code", code)
	}
	if !q.From.IsZero() {
		b.WriteString(" AND m.day >= ")
		b.arg(dateOrEmpty(q.From))
	}
	if !q.To.IsZero() {
		b.WriteString(" AND m.day <= ")
		b.arg(dateOrEmpty(q.To))
	}
	b.WriteString(" ORDER BY m.day, m.id")
	if q.Limit > 0 {
		b.WriteString(" LIMIT ")
		b.arg(q.Limit)
	}
	return b.String(), b.args, nil
}

// words returns the words of a full-text query: runs of letters and digits, lower-cased.
func words(query string) []string {
	return strings.FieldsFunc(strings.ToLower(query), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// mergeKey is what makes event mentions one merged event.
type mergeKey struct {
	source, target, code, day, location string
}

// eventKey returns the merge key of event e of article a.
func eventKey(a *record.Article, e *record.Event) mergeKey {
	k := mergeKey{code: e.Code, day: eventDay(a, e)}
	if e.Source != nil {
		k.source = e.Source.Code
	}
	if e.Target != nil {
		k.target = e.Target.Code
	}
	if e.Location != nil {
		k.location = e.Location.Name
	}
	return k
}

// eventDay is the day an event is counted on: its own date, else its article's publication
// date, else "".
func eventDay(a *record.Article, e *record.Event) string {
	if e.Date != "" {
		return e.Date
	}
	return a.Published
}

// putArticles is the PutArticles of every dialect: it keeps the last of repeated articles,
// refuses one without an id, writes the batch and its actors in one transaction with put, then
// records the actors in known (actorKey → struct{}), the actors stored.
func putArticles(ctx context.Context, arts []*record.Article,
	put func(context.Context, []*record.Article, map[actorKey]string) error, known *sync.Map) error {
	arts = dedupe(arts)
	if len(arts) == 0 {
		return nil
	}
	for _, a := range arts {
		if a.ID == "" {
			return errors.New("store: article without an id")
		}
	}
	acts := batchActors(arts)
	if err := put(ctx, arts, acts); err != nil {
		return fmt.Errorf("store: writing %d articles: %w", len(arts), err)
	}
	for k := range acts {
		known.Store(k, struct{}{})
	}
	return nil
}

// dedupe returns arts without nil articles and with only the last occurrence of each id, in
// the order of those last occurrences.
func dedupe(arts []*record.Article) []*record.Article {
	last := make(map[string]int, len(arts))
	for i, a := range arts {
		if a != nil {
			last[a.ID] = i
		}
	}
	if len(last) == len(arts) {
		return arts
	}
	out := make([]*record.Article, 0, len(last))
	for i, a := range arts {
		if a != nil && last[a.ID] == i {
			out = append(out, a)
		}
	}
	return out
}

// actorKey identifies a row of the actors table.
type actorKey struct{ code, name string }

// batchActors returns the distinct actors (code, name) of arts with their countries.
func batchActors(arts []*record.Article) map[actorKey]string {
	m := make(map[actorKey]string)
	add := func(code, name, country string) {
		if code != "" {
			m[actorKey{code, name}] = country
		}
	}
	for _, a := range arts {
		for i := range a.Entities {
			if ac := a.Entities[i].Actor; ac != nil {
				add(ac.Code, ac.Name, ac.Country)
			}
		}
		for i := range a.Quotes {
			if sp := a.Quotes[i].Speaker; sp != nil {
				add(sp.Code, sp.Name, sp.Country)
			}
		}
		for i := range a.Events {
			for _, p := range []*record.Participant{a.Events[i].Source, a.Events[i].Target} {
				if p != nil {
					add(p.Code, p.Name, p.Country)
				}
			}
		}
	}
	return m
}

// countsQuery counts the rows of each table, in the order of scanCounts.
const countsQuery = `SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE skipped <> ''),
	(SELECT count(*) FROM stories), (SELECT count(*) FROM sentences), (SELECT count(*) FROM entities),
	(SELECT count(*) FROM quotes), (SELECT count(*) FROM events), (SELECT count(*) FROM merged_events),
	(SELECT coalesce(sum(num_mentions), 0) FROM merged_events), (SELECT count(*) FROM actors), (SELECT count(*) FROM errors)`

// scanCounts reads the row of countsQuery.
func scanCounts(row interface{ Scan(...any) error }) (Counts, error) {
	var c Counts
	err := row.Scan(&c.Articles, &c.Skipped, &c.Stories, &c.Sentences, &c.Entities, &c.Quotes, &c.Events,
		&c.MergedEvents, &c.Mentions, &c.Actors, &c.Errors)
	if err != nil {
		return c, fmt.Errorf("store: counts: %w", err)
	}
	return c, nil
}

// storiesQuery lists the stories, most articles first, then latest first, with the title of
// each story's first article. It ends in LIMIT, whose value is the one argument.
const storiesQuery = `SELECT s.id, s.articles, s.sources, s.first_day, s.last_day, coalesce(a.title, '')
	FROM stories s LEFT JOIN articles a ON a.id = s.id
	ORDER BY s.articles DESC, s.last_day DESC, s.id LIMIT `

// recentQuery reads the articles stored last; its one argument is their number.
const recentQuery = `SELECT id, title, text, published, source, story FROM articles ORDER BY aid DESC LIMIT `

// scanStory and scanRecent read a row of storiesQuery and recentQuery.
func scanStory(r interface{ Scan(...any) error }) (Story, error) {
	var st Story
	err := r.Scan(&st.ID, &st.Articles, &st.Sources, &st.FirstDay, &st.LastDay, &st.Title)
	return st, err
}

func scanRecent(r interface{ Scan(...any) error }) (*record.Article, error) {
	a := &record.Article{}
	err := r.Scan(&a.ID, &a.Title, &a.Text, &a.Published, &a.Source, &a.Story)
	return a, err
}

// nonEmpty returns keys without the empty ones, which no stored article is looked up by.
func nonEmpty(keys []string) []string {
	out := make([]string, 0, len(keys))
	for _, k := range keys {
		if k != "" {
			out = append(out, k)
		}
	}
	return out
}
