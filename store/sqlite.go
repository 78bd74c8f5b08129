package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dyad-project/dyad/record"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver
)

// sqliteStore is the embedded backend: one SQLite file in WAL mode, written by one transaction
// at a time (BEGIN IMMEDIATE, waiting up to the busy timeout for another writer), read by many.
type sqliteStore struct {
	db     *sql.DB
	actors sync.Map // actorKey → struct{}: actors known to be stored
}

// timeFormat is how times are stored in SQLite: RFC 3339 in UTC, fixed width, so that they sort.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

// sqliteParams are the connection settings: WAL (readers never block the writer), a busy
// timeout for concurrent writers, transactions that take the write lock when they begin,
// synchronous=NORMAL, which in WAL mode loses no committed transaction when the process dies,
// a page cache of up to 32 MiB per connection and temporary tables in memory.
const sqliteParams = "_busy_timeout=30000&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate&_pragma=cache_size(-32768)&_pragma=temp_store(memory)"

func openSQLite(ctx context.Context, path string) (*sqliteStore, error) {
	dsn := path
	if strings.HasPrefix(path, "file:") && strings.Contains(path, "?") {
		dsn += "&" + sqliteParams
	} else {
		dsn += "?" + sqliteParams
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	db.SetConnMaxIdleTime(0)
	s := &sqliteStore{db: db}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s: %w", path, err)
	}
	return s, nil
}

func (s *sqliteStore) migrate(ctx context.Context) error {
	ms, err := migrations("sqlite")
	if err != nil {
		return err
	}
	// Up to date already: no need for the write lock (an ingest may hold it).
	var have int
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err == nil &&
		len(ms) > 0 && have == ms[len(ms)-1].version {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return err
	}
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&have); err != nil {
		return err
	}
	if n := len(ms); n > 0 && have > ms[n-1].version {
		return fmt.Errorf("schema version %d is newer than this dyad's (%d): upgrade dyad", have, ms[n-1].version)
	}
	for _, m := range ms {
		if m.version <= have {
			continue
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)`,
			m.version, m.name, time.Now().UTC().Format(timeFormat)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (s *sqliteStore) Close() error { return s.db.Close() }

// nullFloat returns *p as an SQL value, or NULL when p is nil.
func nullFloat(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// sqliteSeen is the date an article was seen: its publication date, else the day it was stored.
const sqliteSeen = "CASE WHEN a.published <> '' THEN a.published ELSE substr(a.coded_at, 1, 10) END"

// Columns of the bulk inserts of PutArticles.
const (
	colsArticle  = "id, url, title, source, published, lang, tone, text, content_hash, coded_at, story, skipped, text_hash"
	colsSentence = "article, idx, start_byte, end_byte"
	colsEntity   = "article, idx, text, type, subtype, start_byte, end_byte, actor_code, actor_name, actor_country"
	colsQuote    = "article, idx, text, start_byte, end_byte, direct, scare, in_title, cue, " +
		"speaker_text, speaker_start, speaker_end, speaker_name, speaker_code, speaker_country, confidence"
	colsEvent = "article, idx, merged, code, root, plover, goldstein, quad_class, " +
		"source_text, source_name, source_code, source_country, target_text, target_name, target_code, target_country, " +
		"sentence, start_byte, end_byte, evidence, date, day, location_name, location_country, lat, lon, negated, modality, confidence"
	colsMerged = "source_code, target_code, code, day, location, root, quad_class, goldstein"
)

func (s *sqliteStore) PutArticles(ctx context.Context, arts []*record.Article) error {
	return putArticles(ctx, arts, s.put, &s.actors)
}

func (s *sqliteStore) put(ctx context.Context, arts []*record.Article, acts map[actorKey]string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	exec := func(q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	if err := exec(`CREATE TEMP TABLE IF NOT EXISTS batch_articles (aid INTEGER PRIMARY KEY);
		CREATE TEMP TABLE IF NOT EXISTS old_articles (aid INTEGER PRIMARY KEY);
		CREATE TEMP TABLE IF NOT EXISTS removed_merged (id INTEGER PRIMARY KEY);
		DELETE FROM temp.batch_articles; DELETE FROM temp.old_articles; DELETE FROM temp.removed_merged;`); err != nil {
		return err
	}
	now := time.Now().UTC()
	nowText, today := now.Format(timeFormat), now.Format(time.DateOnly)
	deltas := newMergeDeltas()

	// Clear what is stored of the batch's articles, noting the mentions it removes.
	existing, err := s.existing(ctx, tx, arts)
	if err != nil {
		return err
	}
	if len(existing) > 0 {
		old := make([]any, 0, len(existing))
		for _, aid := range existing {
			old = append(old, aid)
		}
		if err := bulk(ctx, tx, "INSERT INTO temp.old_articles (aid) VALUES ", "", 1, old, nil); err != nil {
			return err
		}
		const inOld = ` IN (SELECT aid FROM temp.old_articles)`
		rows, err := tx.QueryContext(ctx, `SELECT e.merged, a.source, count(*) FROM events e JOIN articles a ON a.aid = e.article
			WHERE e.article`+inOld+` GROUP BY e.merged, e.article, a.source`)
		if err != nil {
			return err
		}
		err = scanRows(rows, func(rows *sql.Rows) error {
			var id int64
			var source string
			var n int
			if err := rows.Scan(&id, &source, &n); err != nil {
				return err
			}
			deltas.remove(id, source, n)
			return nil
		})
		if err != nil {
			return err
		}
		for _, q := range []string{
			`INSERT INTO articles_fts (articles_fts, rowid, title, text) SELECT 'delete', aid, title, text FROM articles WHERE aid` + inOld,
			`INSERT INTO quotes_fts (quotes_fts, rowid, text) SELECT 'delete', qid, text FROM quotes WHERE article` + inOld,
			`DELETE FROM sentences WHERE article` + inOld,
			`DELETE FROM entities WHERE article` + inOld,
			`DELETE FROM quotes WHERE article` + inOld,
			`DELETE FROM events WHERE article` + inOld,
		} {
			if err := exec(q); err != nil {
				return err
			}
		}
	}

	// The articles, new or updated in place.
	args := make([]any, 0, 13*len(arts))
	for _, a := range arts {
		args = append(args, a.ID, a.URL, a.Title, a.Source, a.Published, a.Lang, nullFloat(a.Tone), a.Text, RecordHash(a), nowText,
			a.Story, a.Skipped, TextHash(a.Text))
	}
	aids := make(map[string]int64, len(arts))
	err = bulk(ctx, tx, "INSERT INTO articles ("+colsArticle+") VALUES ", ` ON CONFLICT (id) DO UPDATE SET
		url = excluded.url, title = excluded.title, source = excluded.source, published = excluded.published, lang = excluded.lang,
		tone = excluded.tone, text = excluded.text, content_hash = excluded.content_hash, coded_at = excluded.coded_at,
		story = excluded.story, skipped = excluded.skipped, text_hash = excluded.text_hash
		RETURNING id, aid`, 13, args, func(r *sql.Rows) error {
		var id string
		var aid int64
		err := r.Scan(&id, &aid)
		aids[id] = aid
		return err
	})
	if err != nil {
		return err
	}

	// The merged events of the batch's mentions.
	keys, firsts := batchKeys(arts)
	merged := make(map[mergeKey]int64, len(keys))
	args = args[:0]
	for i, k := range keys {
		e := firsts[i]
		args = append(args, k.source, k.target, k.code, k.day, k.location, e.Root, e.QuadClass, e.Goldstein)
	}
	err = bulk(ctx, tx, "INSERT INTO merged_events ("+colsMerged+") VALUES ", ` ON CONFLICT (source_code, target_code, code, day, location)
		DO UPDATE SET num_mentions = num_mentions RETURNING id, source_code, target_code, code, day, location`, 8, args,
		func(r *sql.Rows) error {
			var id int64
			var k mergeKey
			err := r.Scan(&id, &k.source, &k.target, &k.code, &k.day, &k.location)
			merged[k] = id
			return err
		})
	if err != nil {
		return err
	}

	// The records of each article.
	var sents, ents, quotes, evs, batch []any
	var ids []int64
	for _, a := range arts {
		aid := aids[a.ID]
		batch = append(batch, aid)
		for i, x := range a.Sentences {
			sents = append(sents, aid, i, x.Start, x.End)
		}
		for i := range a.Entities {
			x := &a.Entities[i]
			var code, name, country any
			if x.Actor != nil {
				code, name, country = x.Actor.Code, x.Actor.Name, x.Actor.Country
			}
			ents = append(ents, aid, i, x.Text, x.Type, x.Subtype, x.Start, x.End, code, name, country)
		}
		for i := range a.Quotes {
			x := &a.Quotes[i]
			var spText, spStart, spEnd, spName, spCode, spCountry any
			if sp := x.Speaker; sp != nil {
				spText, spStart, spEnd, spName, spCode, spCountry = sp.Text, sp.Start, sp.End, sp.Name, sp.Code, sp.Country
			}
			quotes = append(quotes, aid, i, x.Text, x.Start, x.End, x.Direct, x.Scare, x.InTitle, x.Cue,
				spText, spStart, spEnd, spName, spCode, spCountry, x.Confidence)
		}
		ids = ids[:0]
		for i := range a.Events {
			x := &a.Events[i]
			k := eventKey(a, x)
			id := merged[k]
			ids = append(ids, id)
			evs = append(evs, aid, i, id, x.Code, x.Root, x.Plover, x.Goldstein, x.QuadClass)
			evs = appendParticipant(evs, x.Source)
			evs = appendParticipant(evs, x.Target)
			evs = append(evs, x.Sentence, x.Start, x.End, x.Evidence, x.Date, k.day)
			if l := x.Location; l != nil {
				evs = append(evs, l.Name, l.Country, nullFloat(l.Lat), nullFloat(l.Lon))
			} else {
				evs = append(evs, nil, nil, nil, nil)
			}
			evs = append(evs, x.Negated, x.Modality, x.Confidence)
		}
		deltas.add(a, seenDate(a, today), ids)
	}
	for _, b := range []struct {
		head string
		cols int
		args []any
	}{
		{"INSERT INTO sentences (" + colsSentence + ") VALUES ", 4, sents},
		{"INSERT INTO entities (" + colsEntity + ") VALUES ", 10, ents},
		{"INSERT INTO quotes (" + colsQuote + ") VALUES ", 16, quotes},
		{"INSERT INTO events (" + colsEvent + ") VALUES ", 29, evs},
		{"INSERT INTO temp.batch_articles (aid) VALUES ", 1, batch},
	} {
		if err := bulk(ctx, tx, b.head, "", b.cols, b.args, nil); err != nil {
			return err
		}
	}
	// Full text, for the whole batch at once.
	if err := exec(`INSERT INTO articles_fts (rowid, title, text)
		SELECT aid, title, text FROM articles WHERE aid IN (SELECT aid FROM temp.batch_articles)`); err != nil {
		return err
	}
	if err := exec(`INSERT INTO quotes_fts (rowid, text)
		SELECT qid, text FROM quotes WHERE article IN (SELECT aid FROM temp.batch_articles)`); err != nil {
		return err
	}

	// Actors not seen yet.
	args = args[:0]
	for k, country := range acts {
		if _, known := s.actors.Load(k); !known {
			args = append(args, k.code, k.name, country)
		}
	}
	if err := bulk(ctx, tx, "INSERT OR IGNORE INTO actors (code, name, country) VALUES ", "", 3, args, nil); err != nil {
		return err
	}

	if err := s.applyDeltas(ctx, tx, deltas); err != nil {
		return err
	}
	return tx.Commit()
}

// applyDeltas updates the counts of the merged events that a batch changed.
func (s *sqliteStore) applyDeltas(ctx context.Context, tx *sql.Tx, d *mergeDeltas) error {
	keys, ns := d.sourceDeltas()
	args := make([]any, 0, 3*len(keys))
	for i, k := range keys {
		args = append(args, k.id, k.source, ns[i])
	}
	if err := bulk(ctx, tx, "INSERT INTO merged_sources (merged, source, articles) VALUES ",
		" ON CONFLICT (merged, source) DO UPDATE SET articles = articles + excluded.articles", 3, args, nil); err != nil {
		return err
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE merged_events SET num_mentions = num_mentions + ?1, num_articles = num_articles + ?2,
		first_seen = CASE WHEN ?3 = '' THEN first_seen WHEN first_seen = '' OR ?3 < first_seen THEN ?3 ELSE first_seen END,
		last_seen = CASE WHEN ?4 > last_seen THEN ?4 ELSE last_seen END,
		num_sources = (SELECT count(*) FROM merged_sources s WHERE s.merged = ?5 AND s.articles > 0)
		WHERE id = ?5`)
	if err != nil {
		return err
	}
	defer upd.Close()
	for _, id := range d.ids() {
		x := d.byID[id]
		if _, err := upd.ExecContext(ctx, x.mentions, x.articles, x.first, x.last, id); err != nil {
			return err
		}
	}
	removed := d.removedIDs()
	if len(removed) == 0 {
		return nil
	}
	args = args[:0]
	for _, id := range removed {
		args = append(args, id)
	}
	if err := bulk(ctx, tx, "INSERT INTO temp.removed_merged (id) VALUES ", "", 1, args, nil); err != nil {
		return err
	}
	// Events that lost all their mentions go; those that lost some are seen again from theirs.
	for _, q := range []string{
		`DELETE FROM merged_sources WHERE merged IN (SELECT id FROM temp.removed_merged) AND articles <= 0`,
		`DELETE FROM merged_events WHERE id IN (SELECT id FROM temp.removed_merged) AND num_mentions <= 0`,
		`UPDATE merged_events SET (first_seen, last_seen) = (SELECT min(` + sqliteSeen + `), max(` + sqliteSeen + `)
			FROM events e JOIN articles a ON a.aid = e.article WHERE e.merged = merged_events.id)
			WHERE id IN (SELECT id FROM temp.removed_merged)`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}

// bulk runs head + "(?, …), (?, …)…" + tail over args, rows of cols values, many rows per
// statement; scan, when not nil, is called for each row the statements return.
func bulk(ctx context.Context, tx *sql.Tx, head, tail string, cols int, args []any, scan func(*sql.Rows) error) error {
	if len(args) == 0 {
		return nil
	}
	per := min(256, 8000/cols) // rows per statement; SQLite allows 32,766 parameters
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	var full *sql.Stmt
	for len(args) > 0 {
		n := min(per, len(args)/cols)
		chunk := args[:n*cols]
		args = args[n*cols:]
		var err error
		var rows *sql.Rows
		switch {
		case n == per:
			if full == nil {
				q := head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + tail
				if full, err = tx.PrepareContext(ctx, q); err != nil {
					return err
				}
				defer full.Close()
			}
			if scan == nil {
				_, err = full.ExecContext(ctx, chunk...)
			} else {
				rows, err = full.QueryContext(ctx, chunk...)
			}
		default:
			q := head + strings.TrimSuffix(strings.Repeat(row+", ", n), ", ") + tail
			if scan == nil {
				_, err = tx.ExecContext(ctx, q, chunk...)
			} else {
				rows, err = tx.QueryContext(ctx, q, chunk...)
			}
		}
		if err != nil {
			return err
		}
		if rows != nil {
			if err := scanRows(rows, scan); err != nil {
				return err
			}
		}
	}
	return nil
}

func appendParticipant(args []any, p *record.Participant) []any {
	if p == nil {
		return append(args, nil, nil, nil, nil)
	}
	return append(args, p.Text, p.Name, p.Code, p.Country)
}

// existing returns the internal keys of the articles of arts that are stored.
func (s *sqliteStore) existing(ctx context.Context, tx *sql.Tx, arts []*record.Article) (map[string]int64, error) {
	ids := make([]string, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	out := make(map[string]int64)
	err := s.eachID(ctx, tx, `SELECT id, aid FROM articles WHERE id IN `, ids, func(rows *sql.Rows) error {
		var id string
		var aid int64
		if err := rows.Scan(&id, &aid); err != nil {
			return err
		}
		out[id] = aid
		return nil
	})
	return out, err
}

// queryer is a *sql.DB or *sql.Tx.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// eachID runs query, which ends in "IN ", over ids in chunks, calling scan for each row.
func (s *sqliteStore) eachID(ctx context.Context, q queryer, query string, ids []string, scan func(*sql.Rows) error) error {
	const chunk = 500
	for len(ids) > 0 {
		n := min(len(ids), chunk)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		ids = ids[n:]
		rows, err := q.QueryContext(ctx, query+"("+strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+")", args...)
		if err != nil {
			return err
		}
		if err := scanRows(rows, scan); err != nil {
			return err
		}
	}
	return nil
}

// scanRows calls scan for each row of rows and closes rows.
func scanRows(rows *sql.Rows, scan func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return rows.Close()
}

func (s *sqliteStore) ContentHashes(ctx context.Context, ids []string) (map[string]string, error) {
	return s.byID(ctx, "content_hash", `SELECT id, content_hash FROM articles WHERE id IN `, ids)
}

// byID runs query, which selects an id and a text and ends in "IN ", over ids, and returns
// the text of each id found; what names it in errors.
func (s *sqliteStore) byID(ctx context.Context, what, query string, ids []string) (map[string]string, error) {
	out := make(map[string]string)
	err := s.eachID(ctx, s.db, query, ids, func(rows *sql.Rows) error {
		var id, v string
		err := rows.Scan(&id, &v)
		out[id] = v
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: %s: %w", what, err)
	}
	return out, nil
}

func (s *sqliteStore) Article(ctx context.Context, id string) (*record.Article, error) {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	a, err := readArticle(ctx, sqlRows{tx}, id, "?")
	if err != nil && !errors.Is(err, ErrNotFound) {
		err = fmt.Errorf("store: article %s: %w", id, err)
	}
	return a, err
}

func (s *sqliteStore) PutError(ctx context.Context, e ErrorRecord) error {
	t := e.Time
	if t.IsZero() {
		t = time.Now()
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO errors (source, position, reason, time) VALUES (?, ?, ?, ?)
		ON CONFLICT (source, position, reason) DO UPDATE SET time = excluded.time`,
		e.Source, e.Position, e.Reason, t.UTC().Format(timeFormat))
	if err != nil {
		return fmt.Errorf("store: recording an error: %w", err)
	}
	return nil
}

func (s *sqliteStore) Errors(ctx context.Context) ([]ErrorRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT source, position, reason, time FROM errors ORDER BY source, position, reason`)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	var out []ErrorRecord
	for rows.Next() {
		var e ErrorRecord
		var t string
		if err := rows.Scan(&e.Source, &e.Position, &e.Reason, &t); err != nil {
			return nil, fmt.Errorf("store: %w", err)
		}
		e.Time, _ = time.Parse(time.RFC3339Nano, t)
		out = append(out, e)
	}
	return out, rows.Err()
}

// ftsQuery turns a plain query into an FTS5 query that matches every word.
func ftsQuery(query string) string {
	ws := words(query)
	for i, w := range ws {
		ws[i] = `"` + w + `"`
	}
	return strings.Join(ws, " ")
}

func (s *sqliteStore) Search(ctx context.Context, query string, limit int) ([]ArticleHit, error) {
	fq := ftsQuery(query)
	if fq == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.title, a.published, a.source
		FROM articles_fts f JOIN articles a ON a.aid = f.rowid
		WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts), a.id LIMIT ?`, fq, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var out []ArticleHit
	for rows.Next() {
		var h ArticleHit
		if err := rows.Scan(&h.ID, &h.Title, &h.Published, &h.Source); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func (s *sqliteStore) SearchQuotes(ctx context.Context, query string, limit int) ([]QuoteHit, error) {
	fq := ftsQuery(query)
	if fq == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, q.idx, q.text, coalesce(q.speaker_name, ''), coalesce(q.speaker_code, '')
		FROM quotes_fts f JOIN quotes q ON q.qid = f.rowid JOIN articles a ON a.aid = q.article
		WHERE quotes_fts MATCH ? ORDER BY bm25(quotes_fts), a.id, q.idx LIMIT ?`, fq, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var out []QuoteHit
	for rows.Next() {
		var h QuoteHit
		if err := rows.Scan(&h.ArticleID, &h.Index, &h.Text, &h.SpeakerName, &h.SpeakerCode); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

func (s *sqliteStore) MergedEvents(ctx context.Context, q EventQuery) ([]MergedEvent, error) {
	query, args, err := mergedQuery(q, false)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: merged events: %w", err)
	}
	defer rows.Close()
	var out []MergedEvent
	for rows.Next() {
		var m MergedEvent
		if err := rows.Scan(&m.ID, &m.Source, &m.Target, &m.Code, &m.Root, &m.QuadClass, &m.Goldstein, &m.Day, &m.Location,
			&m.NumMentions, &m.NumSources, &m.NumArticles, &m.FirstSeen, &m.LastSeen); err != nil {
			return nil, fmt.Errorf("store: merged events: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

const mentionsQuery = `SELECT a.id, e.idx, e.sentence, e.start_byte, e.end_byte, e.evidence, e.negated, e.modality, a.source, a.published
	FROM events e JOIN articles a ON a.aid = e.article WHERE e.merged = %s ORDER BY a.id, e.idx`

func (s *sqliteStore) Mentions(ctx context.Context, id int64) ([]Mention, error) {
	rows, err := s.db.QueryContext(ctx, fmt.Sprintf(mentionsQuery, "?"), id)
	if err != nil {
		return nil, fmt.Errorf("store: mentions: %w", err)
	}
	defer rows.Close()
	var out []Mention
	for rows.Next() {
		var m Mention
		if err := rows.Scan(&m.ArticleID, &m.Index, &m.Sentence, &m.Start, &m.End, &m.Evidence, &m.Negated, &m.Modality,
			&m.Source, &m.Published); err != nil {
			return nil, fmt.Errorf("store: mentions: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *sqliteStore) Relations(ctx context.Context, q RelationsQuery) ([]RelationsRow, error) {
	by, err := checkRelations(q)
	if err != nil {
		return nil, err
	}
	query, args, err := relationsQuery(q, false)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: relations: %w", err)
	}
	defer rows.Close()
	var days []dayAgg
	for rows.Next() {
		var d dayAgg
		var ts sql.NullFloat64
		if err := rows.Scan(&d.day, &d.quad, &d.events, &d.goldstein, &d.mentions, &ts, &d.toneN); err != nil {
			return nil, fmt.Errorf("store: relations: %w", err)
		}
		d.toneSum = ts.Float64
		days = append(days, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: relations: %w", err)
	}
	return bucket(days, by), nil
}

func (s *sqliteStore) Counts(ctx context.Context) (Counts, error) {
	return scanCounts(s.db.QueryRowContext(ctx, countsQuery))
}

func (s *sqliteStore) Duplicates(ctx context.Context, urls, textHashes []string) (map[string]string, map[string]string, error) {
	byURL, byText := map[string]string{}, map[string]string{}
	for _, q := range []struct {
		col  string
		keys []string
		into map[string]string
	}{{"url", urls, byURL}, {"text_hash", textHashes, byText}} {
		err := s.eachID(ctx, s.db, `SELECT `+q.col+`, id FROM articles WHERE `+q.col+` IN `, nonEmpty(q.keys),
			func(rows *sql.Rows) error {
				var k, id string
				if err := rows.Scan(&k, &id); err != nil {
					return err
				}
				if old, ok := q.into[k]; !ok || id < old {
					q.into[k] = id
				}
				return nil
			})
		if err != nil {
			return nil, nil, fmt.Errorf("store: duplicates: %w", err)
		}
	}
	return byURL, byText, nil
}

func (s *sqliteStore) Recent(ctx context.Context, n int) ([]*record.Article, error) {
	rows, err := s.db.QueryContext(ctx, recentQuery+"?", n)
	if err != nil {
		return nil, fmt.Errorf("store: recent articles: %w", err)
	}
	var out []*record.Article
	err = scanRows(rows, func(r *sql.Rows) error {
		a, err := scanRecent(r)
		out = append(out, a)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: recent articles: %w", err)
	}
	slices.Reverse(out)
	return out, nil
}

func (s *sqliteStore) Stories(ctx context.Context, limit int) ([]Story, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, storiesQuery+"?", limit)
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	var out []Story
	err = scanRows(rows, func(r *sql.Rows) error {
		st, err := scanStory(r)
		out = append(out, st)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: stories: %w", err)
	}
	return out, nil
}

func (s *sqliteStore) StoriesOf(ctx context.Context, ids []string) (map[string]string, error) {
	return s.byID(ctx, "stories of articles", `SELECT id, story FROM articles WHERE story <> '' AND id IN `, ids)
}
