// Package store keeps coded articles, the events merged across them, the relations index and the
// records that could not be coded. It has two backends behind one interface: embedded SQLite
// (modernc.org/sqlite, the default: a single file) and PostgreSQL (for teams and many writers).
//
// [Open] picks the backend from the DSN: "" or a file path is SQLite (""
// means ./dyad.db), "postgres://…" or "postgresql://…" is PostgreSQL. Both
// backends migrate their schema on open (versioned SQL embedded in the binary, recorded in a
// schema_version table, each migration applied in one transaction) and behave alike; the tests
// of package storetest hold both to the same contract.
//
// Writes are idempotent and atomic: [Store.PutArticles] replaces every record of each article of
// a batch (its sentences, entities, quotes and event mentions) in one transaction, so a crash
// leaves either the whole batch or none of it, and writing the same article again leaves the
// same rows. The merged events (one per source code, target code, CAMEO code, event day and
// location, with mention, source and article counts, like GDELT's events table, and with their
// mentions as evidence) are maintained in the same transaction.
package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strings"
	"time"

	"github.com/dyad-project/dyad/record"
)

// DefaultPath is the SQLite file used when the DSN is empty.
const DefaultPath = "dyad.db"

// ErrNotFound is returned when an article asked for by id is not in the store.
var ErrNotFound = errors.New("not found")

// Store keeps coded articles and what is derived from them. Implementations are safe for
// concurrent use.
type Store interface {
	// PutArticles writes a batch of coded articles in one transaction, replacing whatever was
	// stored for the same ids, and updates the merged events they mention. An article given
	// twice in a batch is written once, as its last occurrence. Either the whole batch is
	// written or, on error, nothing of it.
	PutArticles(ctx context.Context, arts []*record.Article) error
	// ContentHashes returns the content hash (see [ContentHash]) of each of ids that is stored.
	ContentHashes(ctx context.Context, ids []string) (map[string]string, error)
	// Article returns the stored record of the article with id, or ErrNotFound.
	Article(ctx context.Context, id string) (*record.Article, error)
	// Duplicates returns, of urls and of textHashes (see [TextHash]), those that a stored
	// article has as its URL or text hash, each with the id of one such article.
	Duplicates(ctx context.Context, urls, textHashes []string) (byURL, byText map[string]string, err error)
	// StoriesOf returns the story of each of ids that is stored in one.
	StoriesOf(ctx context.Context, ids []string) (map[string]string, error)
	// Recent returns the n articles stored last, oldest first, with their id, title, text,
	// publication date, source and story: what is needed to go on clustering stories where
	// the last ingest stopped. Their sentences, entities, quotes and events are not read.
	Recent(ctx context.Context, n int) ([]*record.Article, error)
	// Stories returns the stories with the most articles, most articles first, then latest
	// first; at most limit of them (all when limit ≤ 0).
	Stories(ctx context.Context, limit int) ([]Story, error)

	// PutError records an input record that could not be read or coded. The same source,
	// position and reason are recorded once; recording them again updates the time.
	PutError(ctx context.Context, e ErrorRecord) error
	// Errors returns the recorded errors by source, then position, then reason.
	Errors(ctx context.Context) ([]ErrorRecord, error)

	// Search returns the articles whose title or text contain every word of query, best first.
	Search(ctx context.Context, query string, limit int) ([]ArticleHit, error)
	// SearchQuotes returns the quotes whose text contains every word of query, best first.
	SearchQuotes(ctx context.Context, query string, limit int) ([]QuoteHit, error)

	// MergedEvents returns the merged events that match q, by day, then id.
	MergedEvents(ctx context.Context, q EventQuery) ([]MergedEvent, error)
	// Mentions returns the mentions of the merged event with id, by article id, then index.
	Mentions(ctx context.Context, id int64) ([]Mention, error)
	// Relations returns the relations index of a pair of actors: one row per period that has
	// events, in time order, with the periods between them that have none.
	Relations(ctx context.Context, q RelationsQuery) ([]RelationsRow, error)

	// Counts returns the number of rows of each table.
	Counts(ctx context.Context) (Counts, error)
	// Close closes the store.
	Close() error
}

// Open opens the store named by dsn, creating and migrating it as needed: "" is the SQLite file
// ./dyad.db, "postgres://…" or "postgresql://…" a PostgreSQL database (a pgx connection
// string: search_path and the other run-time parameters may be given in it), and anything else
// the path of an SQLite file (a "file:" URI is taken as it is).
func Open(ctx context.Context, dsn string) (Store, error) {
	switch {
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case dsn == "":
		return openSQLite(ctx, DefaultPath)
	default:
		return openSQLite(ctx, dsn)
	}
}

// ErrorRecord is an input record that could not be read or coded.
type ErrorRecord struct {
	Source   string    `json:"source"`   // the file, or "-" for standard input
	Position int       `json:"position"` // 1-based line of a JSON Lines record; 0 for a whole file
	Reason   string    `json:"reason"`
	Time     time.Time `json:"time"` // when it was last recorded; zero in PutError means now
}

// ArticleHit is an article found by full-text search.
type ArticleHit struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Published string `json:"published,omitempty"`
	Source    string `json:"source,omitempty"`
}

// QuoteHit is a quote found by full-text search.
type QuoteHit struct {
	ArticleID   string `json:"article"`
	Index       int    `json:"index"` // the quote's index in the article's quotes
	Text        string `json:"text"`
	SpeakerName string `json:"speaker_name,omitempty"`
	SpeakerCode string `json:"speaker_code,omitempty"`
}

// EventQuery selects merged events.
type EventQuery struct {
	Source, Target string    // actor code prefixes; "" matches any
	From, To       time.Time // event days, inclusive; zero means unbounded
	Code           string    // CAMEO code prefix ("19" for all of root 19); "" matches any
	Limit          int       // at most this many; 0 means no limit
}

// MergedEvent is the set of event mentions, across articles, with the same source code,
// target code, CAMEO code, event day and location name.
type MergedEvent struct {
	ID          int64   `json:"id"`
	Source      string  `json:"source"` // actor code; "" when the source is unknown
	Target      string  `json:"target"`
	Code        string  `json:"code"`
	Root        string  `json:"root"`
	QuadClass   int     `json:"quad_class"`
	Goldstein   float64 `json:"goldstein"`
	Day         string  `json:"day"`      // YYYY-MM-DD; "" when neither the event nor its article is dated
	Location    string  `json:"location"` // the location's name; "" when none
	NumMentions int     `json:"num_mentions"`
	NumSources  int     `json:"num_sources"` // distinct article sources (an unknown source counts once)
	NumArticles int     `json:"num_articles"`
	FirstSeen   string  `json:"first_seen"` // earliest date of a mentioning article (published, else stored)
	LastSeen    string  `json:"last_seen"`
}

// Mention is one event mention: the evidence of a merged event in one article.
type Mention struct {
	ArticleID string `json:"article"`
	Index     int    `json:"index"` // the event's index in the article's events
	Sentence  int    `json:"sentence"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Evidence  string `json:"evidence"`
	Negated   bool   `json:"negated"`
	Modality  string `json:"modality"`
	Source    string `json:"source,omitempty"` // the article's source
	Published string `json:"published,omitempty"`
}

// Story is a group of stored articles about the same real-world event.
type Story struct {
	ID       string `json:"id"` // the id of its first article
	Articles int    `json:"articles"`
	Sources  int    `json:"sources"`   // distinct article sources
	FirstDay string `json:"first_day"` // earliest publication date of its articles; "" when none is dated
	LastDay  string `json:"last_day"`
	Title    string `json:"title"` // the title of its first article
}

// Counts are the number of rows of each table.
type Counts struct {
	Articles     int `json:"articles"`
	Skipped      int `json:"skipped"` // articles stored without being coded (see record.Article.Skipped)
	Stories      int `json:"stories"`
	Sentences    int `json:"sentences"`
	Entities     int `json:"entities"`
	Quotes       int `json:"quotes"`
	Events       int `json:"events"` // event mentions
	MergedEvents int `json:"merged_events"`
	Mentions     int `json:"mentions"` // the sum of the merged events' NumMentions: equal to Events
	Actors       int `json:"actors"`
	Errors       int `json:"errors"`
}

// ContentHash returns the hex SHA-256 of what an article's record is coded from: its title,
// text, URL, source and publication date. Re-ingesting an article whose stored hash is the
// same can be skipped.
func ContentHash(title, text, url, source, published string) string {
	h := sha256.New()
	for i, s := range []string{title, text, url, source, published} {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TextHash returns the hex SHA-256 of an article's cleaned text, or "" for no text: articles
// with the same text hash are exact duplicates, whatever their ids and URLs.
func TextHash(text string) string {
	if text == "" {
		return ""
	}
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// RecordHash returns the content hash of a coded article.
func RecordHash(a *record.Article) string {
	return ContentHash(a.Title, a.Text, a.URL, a.Source, a.Published)
}
