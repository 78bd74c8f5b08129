-- dyad store, SQLite: the first schema. Dates are TEXT 'YYYY-MM-DD' ('' when unknown), times
-- TEXT RFC 3339 in UTC; offsets are byte offsets into articles.text.

CREATE TABLE articles (
	aid          INTEGER PRIMARY KEY,     -- internal key, referenced by the other tables
	id           TEXT NOT NULL UNIQUE,    -- the article's id (record.Article.ID)
	url          TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	source       TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',
	lang         TEXT NOT NULL DEFAULT '',
	tone         REAL,
	text         TEXT NOT NULL,
	content_hash TEXT NOT NULL,
	coded_at     TEXT NOT NULL
);

CREATE TABLE sentences (
	article    INTEGER NOT NULL,
	idx        INTEGER NOT NULL,
	start_byte INTEGER NOT NULL,
	end_byte   INTEGER NOT NULL,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE entities (
	article       INTEGER NOT NULL,
	idx           INTEGER NOT NULL,
	text          TEXT NOT NULL,
	type          TEXT NOT NULL,
	subtype       TEXT NOT NULL DEFAULT '',
	start_byte    INTEGER NOT NULL,
	end_byte      INTEGER NOT NULL,
	actor_code    TEXT,                   -- NULL when the mention is not resolved to an actor
	actor_name    TEXT,
	actor_country TEXT,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;

CREATE TABLE quotes (
	qid             INTEGER PRIMARY KEY,
	article         INTEGER NOT NULL,
	idx             INTEGER NOT NULL,
	text            TEXT NOT NULL,
	start_byte      INTEGER NOT NULL,
	end_byte        INTEGER NOT NULL,
	direct          INTEGER NOT NULL,
	scare           INTEGER NOT NULL,
	in_title        INTEGER NOT NULL,
	cue             TEXT NOT NULL DEFAULT '',
	speaker_text    TEXT,                 -- NULL when the quote has no speaker
	speaker_start   INTEGER,
	speaker_end     INTEGER,
	speaker_name    TEXT,
	speaker_code    TEXT,
	speaker_country TEXT,
	confidence      REAL NOT NULL,
	UNIQUE (article, idx)
);

CREATE TABLE merged_events (
	id           INTEGER PRIMARY KEY,
	source_code  TEXT NOT NULL,
	target_code  TEXT NOT NULL,
	code         TEXT NOT NULL,
	day          TEXT NOT NULL,
	location     TEXT NOT NULL,
	root         TEXT NOT NULL,
	quad_class   INTEGER NOT NULL,
	goldstein    REAL NOT NULL,
	num_mentions INTEGER NOT NULL DEFAULT 0,
	num_sources  INTEGER NOT NULL DEFAULT 0,
	num_articles INTEGER NOT NULL DEFAULT 0,
	first_seen   TEXT NOT NULL DEFAULT '',
	last_seen    TEXT NOT NULL DEFAULT '',
	UNIQUE (source_code, target_code, code, day, location)
);
CREATE INDEX merged_events_target ON merged_events (target_code, source_code, day);

-- The number of articles of each source that mention a merged event: what NumSources counts.
CREATE TABLE merged_sources (
	merged   INTEGER NOT NULL,
	source   TEXT NOT NULL,
	articles INTEGER NOT NULL,
	PRIMARY KEY (merged, source)
) WITHOUT ROWID;

CREATE TABLE events (
	article          INTEGER NOT NULL,
	idx              INTEGER NOT NULL,
	merged           INTEGER NOT NULL,    -- merged_events.id
	code             TEXT NOT NULL,
	root             TEXT NOT NULL,
	plover           TEXT NOT NULL,
	goldstein        REAL NOT NULL,
	quad_class       INTEGER NOT NULL,
	source_text      TEXT,                -- NULL when the event has no source
	source_name      TEXT,
	source_code      TEXT,
	source_country   TEXT,
	target_text      TEXT,                -- NULL when the event has no target
	target_name      TEXT,
	target_code      TEXT,
	target_country   TEXT,
	sentence         INTEGER NOT NULL,
	start_byte       INTEGER NOT NULL,
	end_byte         INTEGER NOT NULL,
	evidence         TEXT NOT NULL,
	date             TEXT NOT NULL,       -- as coded; '' when the text gives none
	day              TEXT NOT NULL,       -- date, else the article's publication date, else ''
	location_name    TEXT,                -- NULL when the event has no location
	location_country TEXT,
	lat              REAL,
	lon              REAL,
	negated          INTEGER NOT NULL,
	modality         TEXT NOT NULL,
	confidence       REAL NOT NULL,
	PRIMARY KEY (article, idx)
) WITHOUT ROWID;
CREATE INDEX events_merged ON events (merged);

CREATE TABLE actors (
	code    TEXT NOT NULL,
	name    TEXT NOT NULL,
	country TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (code, name)
) WITHOUT ROWID;

CREATE TABLE errors (
	id       INTEGER PRIMARY KEY,
	source   TEXT NOT NULL,
	position INTEGER NOT NULL,
	reason   TEXT NOT NULL,
	time     TEXT NOT NULL,
	UNIQUE (source, position, reason)
);

-- Full text: external-content FTS5 indexes of the article's title and text, and of the quotes.
-- PutArticles keeps them in step with their tables, a batch at a time (not by triggers, which
-- would flush the index at every row).
CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='articles', content_rowid='aid');
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content='quotes', content_rowid='qid');
