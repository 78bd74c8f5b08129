package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dyad-project/dyad/record"
)

// pgStore is the PostgreSQL backend. Writers take a transaction-level advisory lock (one per
// schema), so batches from many processes are written one after the other and the merged
// events' counts stay exact; readers are never blocked.
type pgStore struct {
	pool   *pgxpool.Pool
	actors sync.Map // actorKey → struct{}: actors known to be stored
}

func openPostgres(ctx context.Context, dsn string) (*pgStore, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	s := &pgStore{pool: pool}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: postgres %s@%s/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Database, err)
	}
	return s, nil
}

// The advisory locks of the store, per schema.
const (
	pgMigrateLock = `SELECT pg_advisory_xact_lock(hashtext('dyad.store.migrate:' || current_schema()))`
	pgWriteLock   = `SELECT pg_advisory_xact_lock(hashtext('dyad.store.write:' || current_schema()))`
)

func (s *pgStore) migrate(ctx context.Context) error {
	ms, err := migrations("postgres")
	if err != nil {
		return err
	}
	// Up to date already: no need for the lock.
	var have int
	if err := s.pool.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err == nil &&
		len(ms) > 0 && have == ms[len(ms)-1].version {
		return nil
	}
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, pgMigrateLock); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)`); err != nil {
		return err
	}
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err != nil {
		return err
	}
	if n := len(ms); n > 0 && have > ms[n-1].version {
		return fmt.Errorf("schema version %d is newer than this dyad's (%d): upgrade dyad", have, ms[n-1].version)
	}
	for _, m := range ms {
		if m.version <= have {
			continue
		}
		if _, err := tx.Exec(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, now())`, m.version, m.name); err != nil {
			return err
		}
	}
	return tx.Commit(ctx)
}

func (s *pgStore) Close() error {
	s.pool.Close()
	return nil
}

// pgSeen is the date an article was seen: its publication date, else the day it was stored.
const pgSeen = "CASE WHEN a.published <> '' THEN a.published ELSE to_char(a.coded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') END"

func (s *pgStore) PutArticles(ctx context.Context, arts []*record.Article) error {
	return putArticles(ctx, arts, s.put, &s.actors)
}

func (s *pgStore) put(ctx context.Context, arts []*record.Article, acts map[actorKey]string) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	if _, err := tx.Exec(ctx, pgWriteLock); err != nil {
		return err
	}
	n := len(arts)
	ids := make([]string, n)
	for i, a := range arts {
		ids[i] = a.ID
	}

	// Clear what is stored of the batch's articles, noting the merged events of their mentions.
	var old []int64
	rows, err := tx.Query(ctx, `SELECT aid FROM articles WHERE id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	old, err = pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	today := now.Format(time.DateOnly)
	deltas := newMergeDeltas()
	if len(old) > 0 {
		rows, err := tx.Query(ctx, `SELECT e.merged, a.source, count(*) FROM events e JOIN articles a ON a.aid = e.article
			WHERE e.article = ANY($1) GROUP BY e.merged, e.article, a.source`, old)
		if err != nil {
			return err
		}
		var id int64
		var source string
		var n int
		if _, err := pgx.ForEachRow(rows, []any{&id, &source, &n}, func() error { deltas.remove(id, source, n); return nil }); err != nil {
			return err
		}
		for _, t := range []string{"sentences", "entities", "quotes", "events"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+t+` WHERE article = ANY($1)`, old); err != nil {
				return err
			}
		}
	}

	// The articles, new or updated in place.
	cols := make([][]any, 12)
	for i := range cols {
		cols[i] = make([]any, n)
	}
	for i, a := range arts {
		for j, v := range []any{a.ID, a.URL, a.Title, a.Source, a.Published, a.Lang, nullFloat(a.Tone), a.Text, RecordHash(a),
			a.Story, a.Skipped, TextHash(a.Text)} {
			cols[j][i] = v
		}
	}
	rows, err = tx.Query(ctx, `INSERT INTO articles (id, url, title, source, published, lang, tone, text, content_hash,
			story, skipped, text_hash, coded_at)
		SELECT u.*, $13::timestamptz FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
			$7::float8[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[]) AS u
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, source = excluded.source,
			published = excluded.published, lang = excluded.lang, tone = excluded.tone, text = excluded.text,
			content_hash = excluded.content_hash, story = excluded.story, skipped = excluded.skipped,
			text_hash = excluded.text_hash, coded_at = excluded.coded_at
		RETURNING id, aid`,
		cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6], cols[7], cols[8], cols[9], cols[10], cols[11], now)
	if err != nil {
		return err
	}
	aids := make(map[string]int64, n)
	var id string
	var aid int64
	if _, err := pgx.ForEachRow(rows, []any{&id, &aid}, func() error { aids[id] = aid; return nil }); err != nil {
		return err
	}

	// The merged events of the batch's mentions.
	keys, firsts := batchKeys(arts)
	merged := make(map[mergeKey]int64, len(keys))
	if len(keys) > 0 {
		kc := make([][]any, 8)
		for i := range kc {
			kc[i] = make([]any, len(keys))
		}
		for i, k := range keys {
			e := firsts[i]
			for j, v := range []any{k.source, k.target, k.code, k.day, k.location, e.Root, e.QuadClass, e.Goldstein} {
				kc[j][i] = v
			}
		}
		rows, err := tx.Query(ctx, `INSERT INTO merged_events (source_code, target_code, code, day, location, root, quad_class, goldstein)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::float8[])
			ON CONFLICT (source_code, target_code, code, day, location) DO UPDATE SET num_mentions = merged_events.num_mentions
			RETURNING id, source_code, target_code, code, day, location`,
			kc[0], kc[1], kc[2], kc[3], kc[4], kc[5], kc[6], kc[7])
		if err != nil {
			return err
		}
		var mid int64
		var k mergeKey
		if _, err := pgx.ForEachRow(rows, []any{&mid, &k.source, &k.target, &k.code, &k.day, &k.location}, func() error {
			merged[k] = mid
			return nil
		}); err != nil {
			return err
		}
	}

	// The records of each article.
	var sents, ents, quotes, evs [][]any
	var mids []int64
	for _, a := range arts {
		aid := aids[a.ID]
		for i, x := range a.Sentences {
			sents = append(sents, []any{aid, i, x.Start, x.End})
		}
		for i := range a.Entities {
			x := &a.Entities[i]
			var code, name, country any
			if x.Actor != nil {
				code, name, country = x.Actor.Code, x.Actor.Name, x.Actor.Country
			}
			ents = append(ents, []any{aid, i, x.Text, x.Type, x.Subtype, x.Start, x.End, code, name, country})
		}
		for i := range a.Quotes {
			x := &a.Quotes[i]
			var spText, spStart, spEnd, spName, spCode, spCountry any
			if sp := x.Speaker; sp != nil {
				spText, spStart, spEnd, spName, spCode, spCountry = sp.Text, sp.Start, sp.End, sp.Name, sp.Code, sp.Country
			}
			quotes = append(quotes, []any{aid, i, x.Text, x.Start, x.End, x.Direct, x.Scare, x.InTitle, x.Cue,
				spText, spStart, spEnd, spName, spCode, spCountry, x.Confidence})
		}
		mids = mids[:0]
		for i := range a.Events {
			x := &a.Events[i]
			k := eventKey(a, x)
			mids = append(mids, merged[k])
			r := make([]any, 0, 29)
			r = append(r, aid, i, merged[k], x.Code, x.Root, x.Plover, x.Goldstein, x.QuadClass)
			r = appendParticipant(r, x.Source)
			r = appendParticipant(r, x.Target)
			r = append(r, x.Sentence, x.Start, x.End, x.Evidence, x.Date, k.day)
			if l := x.Location; l != nil {
				r = append(r, l.Name, l.Country, nullFloat(l.Lat), nullFloat(l.Lon))
			} else {
				r = append(r, nil, nil, nil, nil)
			}
			r = append(r, x.Negated, x.Modality, x.Confidence)
			evs = append(evs, r)
		}
		deltas.add(a, seenDate(a, today), mids)
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"sentences", []string{"article", "idx", "start_byte", "end_byte"}, sents},
		{"entities", []string{"article", "idx", "text", "type", "subtype", "start_byte", "end_byte", "actor_code", "actor_name", "actor_country"}, ents},
		{"quotes", []string{"article", "idx", "text", "start_byte", "end_byte", "direct", "scare", "in_title", "cue",
			"speaker_text", "speaker_start", "speaker_end", "speaker_name", "speaker_code", "speaker_country", "confidence"}, quotes},
		{"events", []string{"article", "idx", "merged", "code", "root", "plover", "goldstein", "quad_class",
			"source_text", "source_name", "source_code", "source_country", "target_text", "target_name", "target_code", "target_country",
			"sentence", "start_byte", "end_byte", "evidence", "date", "day", "location_name", "location_country", "lat", "lon",
			"negated", "modality", "confidence"}, evs},
	} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copy into %s: %w", c.table, err)
		}
	}

	// Actors not seen yet.
	var ac [3][]string
	for k, country := range acts {
		if _, known := s.actors.Load(k); !known {
			ac[0], ac[1], ac[2] = append(ac[0], k.code), append(ac[1], k.name), append(ac[2], country)
		}
	}
	if len(ac[0]) > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO actors (code, name, country) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
			ON CONFLICT DO NOTHING`, ac[0], ac[1], ac[2]); err != nil {
			return err
		}
	}

	if err := applyPgDeltas(ctx, tx, deltas); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// applyPgDeltas updates the counts of the merged events that a batch changed.
func applyPgDeltas(ctx context.Context, tx pgx.Tx, d *mergeDeltas) error {
	keys, ns := d.sourceDeltas()
	if len(keys) > 0 {
		mids := make([]int64, len(keys))
		srcs := make([]string, len(keys))
		for i, k := range keys {
			mids[i], srcs[i] = k.id, k.source
		}
		if _, err := tx.Exec(ctx, `INSERT INTO merged_sources (merged, source, articles)
			SELECT * FROM unnest($1::bigint[], $2::text[], $3::int[])
			ON CONFLICT (merged, source) DO UPDATE SET articles = merged_sources.articles + excluded.articles`, mids, srcs, ns); err != nil {
			return err
		}
	}
	ids := d.ids()
	if len(ids) == 0 {
		return nil
	}
	dm, da := make([]int, len(ids)), make([]int, len(ids))
	first, last := make([]string, len(ids)), make([]string, len(ids))
	for i, id := range ids {
		x := d.byID[id]
		dm[i], da[i], first[i], last[i] = x.mentions, x.articles, x.first, x.last
	}
	if _, err := tx.Exec(ctx, `UPDATE merged_events m SET num_mentions = m.num_mentions + d.dm, num_articles = m.num_articles + d.da,
		first_seen = CASE WHEN d.f = '' THEN m.first_seen WHEN m.first_seen = '' OR d.f < m.first_seen THEN d.f ELSE m.first_seen END,
		last_seen = CASE WHEN d.l > m.last_seen THEN d.l ELSE m.last_seen END,
		num_sources = (SELECT count(*) FROM merged_sources s WHERE s.merged = m.id AND s.articles > 0)
		FROM unnest($1::bigint[], $2::int[], $3::int[], $4::text[], $5::text[]) AS d(id, dm, da, f, l)
		WHERE m.id = d.id`, ids, dm, da, first, last); err != nil {
		return err
	}
	removed := d.removedIDs()
	if len(removed) == 0 {
		return nil
	}
	// Events that lost all their mentions go; those that lost some are seen again from theirs.
	for _, q := range []string{
		`DELETE FROM merged_sources WHERE merged = ANY($1) AND articles <= 0`,
		`DELETE FROM merged_events WHERE id = ANY($1) AND num_mentions <= 0`,
		`UPDATE merged_events m SET (first_seen, last_seen) = (SELECT min(` + pgSeen + `), max(` + pgSeen + `)
			FROM events e JOIN articles a ON a.aid = e.article WHERE e.merged = m.id)
			WHERE m.id = ANY($1)`,
	} {
		if _, err := tx.Exec(ctx, q, removed); err != nil {
			return err
		}
	}
	return nil
}

func (s *pgStore) ContentHashes(ctx context.Context, ids []string) (map[string]string, error) {
	return s.byID(ctx, "content_hash", `SELECT id, content_hash FROM articles WHERE id = ANY($1)`, ids)
}

// byID runs query, which selects an id and a text of the articles whose ids are in its one
// argument, and returns the text of each id found; what names it in errors.
func (s *pgStore) byID(ctx context.Context, what, query string, ids []string) (map[string]string, error) {
	out := make(map[string]string)
	rows, err := s.pool.Query(ctx, query, ids)
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	var id, v string
	if _, err := pgx.ForEachRow(rows, []any{&id, &v}, func() error { out[id] = v; return nil }); err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

// pgQuerier adapts a pgx transaction.
type pgQuerier struct{ tx pgx.Tx }

func (q pgQuerier) query(ctx context.Context, s string, args ...any) (rows, error) {
	return q.tx.Query(ctx, s, args...)
}

func (s *pgStore) Article(ctx context.Context, id string) (*record.Article, error) {
	tx, err := s.pool.BeginTx(ctx, pgx.TxOptions{AccessMode: pgx.ReadOnly, IsoLevel: pgx.RepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback(ctx)
	a, err := readArticle(ctx, pgQuerier{tx}, id, "$1")
	if err != nil && !errors.Is(err, ErrNotFound) {
		err = fmt.Errorf("store: article %s: %w", id, err)
	}
	return a, err
}

func (s *pgStore) PutError(ctx context.Context, e ErrorRecord) error {
	t := e.Time
	if t.IsZero() {
		t = time.Now()
	}
	_, err := s.pool.Exec(ctx, `INSERT INTO errors (source, position, reason, time) VALUES ($1, $2, $3, $4)
		ON CONFLICT (source, position, reason) DO UPDATE SET time = excluded.time`, e.Source, e.Position, e.Reason, t.UTC())
	if err != nil {
		return fmt.Errorf("store: recording an error: %w", err)
	}
	return nil
}

func (s *pgStore) Errors(ctx context.Context) ([]ErrorRecord, error) {
	rows, err := s.pool.Query(ctx, `SELECT source, position, reason, time FROM errors ORDER BY source, position, reason`)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	var out []ErrorRecord
	var e ErrorRecord
	if _, err := pgx.ForEachRow(rows, []any{&e.Source, &e.Position, &e.Reason, &e.Time}, func() error {
		e.Time = e.Time.UTC()
		out = append(out, e)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	return out, nil
}

// limitArg is the argument of LIMIT: NULL (no limit) when n ≤ 0.
func limitArg(n int) any {
	if n <= 0 {
		return nil
	}
	return n
}

func (s *pgStore) Search(ctx context.Context, query string, limit int) ([]ArticleHit, error) {
	ws := words(query)
	if len(ws) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.title, a.published, a.source
		FROM articles a, plainto_tsquery('simple', $1) q WHERE a.tsv @@ q
		ORDER BY ts_rank(a.tsv, q) DESC, a.id LIMIT $2`, strings.Join(ws, " "), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	var out []ArticleHit
	var h ArticleHit
	if _, err := pgx.ForEachRow(rows, []any{&h.ID, &h.Title, &h.Published, &h.Source}, func() error {
		out = append(out, h)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	return out, nil
}

func (s *pgStore) SearchQuotes(ctx context.Context, query string, limit int) ([]QuoteHit, error) {
	ws := words(query)
	if len(ws) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, x.idx, x.text, coalesce(x.speaker_name, ''), coalesce(x.speaker_code, '')
		FROM quotes x JOIN articles a ON a.aid = x.article, plainto_tsquery('simple', $1) q WHERE x.tsv @@ q
		ORDER BY ts_rank(x.tsv, q) DESC, a.id, x.idx LIMIT $2`, strings.Join(ws, " "), limitArg(limit))
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	var out []QuoteHit
	var h QuoteHit
	if _, err := pgx.ForEachRow(rows, []any{&h.ArticleID, &h.Index, &h.Text, &h.SpeakerName, &h.SpeakerCode}, func() error {
		out = append(out, h)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	return out, nil
}

func (s *pgStore) MergedEvents(ctx context.Context, q EventQuery) ([]MergedEvent, error) {
	query, args, err := mergedQuery(q, true)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: merged events: %w", err)
	}
	var out []MergedEvent
	var m MergedEvent
	if _, err := pgx.ForEachRow(rows, []any{&m.ID, &m.Source, &m.Target, &m.Code, &m.Root, &m.QuadClass, &m.Goldstein, &m.Day, &m.Location,
		&m.NumMentions, &m.NumSources, &m.NumArticles, &m.FirstSeen, &m.LastSeen}, func() error {
		out = append(out, m)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("store: merged events: %w", err)
	}
	return out, nil
}

func (s *pgStore) Mentions(ctx context.Context, id int64) ([]Mention, error) {
	rows, err := s.pool.Query(ctx, fmt.Sprintf(mentionsQuery, "$1"), id)
	if err != nil {
		return nil, fmt.Errorf("store: mentions: %w", err)
	}
	var out []Mention
	var m Mention
	if _, err := pgx.ForEachRow(rows, []any{&m.ArticleID, &m.Index, &m.Sentence, &m.Start, &m.End, &m.Evidence, &m.Negated, &m.Modality,
		&m.Source, &m.Published}, func() error {
		out = append(out, m)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("store: mentions: %w", err)
	}
	return out, nil
}

func (s *pgStore) Relations(ctx context.Context, q RelationsQuery) ([]RelationsRow, error) {
	by, err := checkRelations(q)
	if err != nil {
		return nil, err
	}
	query, args, err := relationsQuery(q, true)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: relations: %w", err)
	}
	var days []dayAgg
	var d dayAgg
	var ts *float64
	if _, err := pgx.ForEachRow(rows, []any{&d.day, &d.quad, &d.events, &d.goldstein, &d.mentions, &ts, &d.toneN}, func() error {
		d.toneSum = 0
		if ts != nil {
			d.toneSum = *ts
		}
		days = append(days, d)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("store: relations: %w", err)
	}
	return bucket(days, by), nil
}

func (s *pgStore) Counts(ctx context.Context) (Counts, error) {
	return scanCounts(s.pool.QueryRow(ctx, countsQuery))
}

func (s *pgStore) Duplicates(ctx context.Context, urls, textHashes []string) (map[string]string, map[string]string, error) {
	byURL, byText := map[string]string{}, map[string]string{}
	for _, q := range []struct {
		col  string
		keys []string
		into map[string]string
	}{{"url", urls, byURL}, {"text_hash", textHashes, byText}} {
		rows, err := s.pool.Query(ctx, `SELECT `+q.col+`, min(id) FROM articles WHERE `+q.col+` <> '' AND `+q.col+` = ANY($1)
			GROUP BY `+q.col, nonEmpty(q.keys))
		if err != nil {
			return nil, nil, fmt.Errorf("store: duplicates: %w", err)
		}
		var k, id string
		if _, err := pgx.ForEachRow(rows, []any{&k, &id}, func() error { q.into[k] = id; return nil }); err != nil {
			return nil, nil, fmt.Errorf("store: duplicates: %w", err)
		}
	}
	return byURL, byText, nil
}

func (s *pgStore) Recent(ctx context.Context, n int) ([]*record.Article, error) {
	rows, err := s.pool.Query(ctx, recentQuery+"$1", n)
	if err != nil {
		return nil, fmt.Errorf("store: recent articles: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (*record.Article, error) { return scanRecent(r) })
	if err != nil {
		return nil, fmt.Errorf("store: recent articles: %w", err)
	}
	slices.Reverse(out)
	return out, nil
}

func (s *pgStore) Stories(ctx context.Context, limit int) ([]Story, error) {
	var lim any
	if limit > 0 {
		lim = limit
	}
	rows, err := s.pool.Query(ctx, storiesQuery+"$1", lim)
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	out, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Story, error) { return scanStory(r) })
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	return out, nil
}

func (s *pgStore) StoriesOf(ctx context.Context, ids []string) (map[string]string, error) {
	return s.byID(ctx, "stories of articles", `SELECT id, story FROM articles WHERE story <> '' AND id = ANY($1)`, ids)
}
