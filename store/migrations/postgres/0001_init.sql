-- dyad store, PostgreSQL: the first schema. Dates are text 'YYYY-MM-DD' ('' when unknown), as in
-- the SQLite schema; ids, codes and dates compare byte by byte (COLLATE "C"), so that prefixes
-- are ranges and orders agree with SQLite's. Offsets are byte offsets into articles.text.

CREATE TABLE articles (
	aid          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id           text COLLATE "C" NOT NULL UNIQUE,
	url          text NOT NULL DEFAULT '',
	title        text NOT NULL DEFAULT '',
	source       text COLLATE "C" NOT NULL DEFAULT '',
	published    text COLLATE "C" NOT NULL DEFAULT '',
	lang         text NOT NULL DEFAULT '',
	tone         double precision,
	text         text NOT NULL,
	content_hash text NOT NULL,
	coded_at     timestamptz NOT NULL,
	tsv          tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', text)) STORED
);
CREATE INDEX articles_tsv ON articles USING gin (tsv);

CREATE TABLE sentences (
	article    bigint NOT NULL REFERENCES articles (aid) ON DELETE CASCADE,
	idx        integer NOT NULL,
	start_byte integer NOT NULL,
	end_byte   integer NOT NULL,
	PRIMARY KEY (article, idx)
);

CREATE TABLE entities (
	article       bigint NOT NULL REFERENCES articles (aid) ON DELETE CASCADE,
	idx           integer NOT NULL,
	text          text NOT NULL,
	type          text NOT NULL,
	subtype       text NOT NULL DEFAULT '',
	start_byte    integer NOT NULL,
	end_byte      integer NOT NULL,
	actor_code    text COLLATE "C",       -- NULL when the mention is not resolved to an actor
	actor_name    text,
	actor_country text,
	PRIMARY KEY (article, idx)
);

CREATE TABLE quotes (
	article         bigint NOT NULL REFERENCES articles (aid) ON DELETE CASCADE,
	idx             integer NOT NULL,
	text            text NOT NULL,
	start_byte      integer NOT NULL,
	end_byte        integer NOT NULL,
	direct          boolean NOT NULL,
	scare           boolean NOT NULL,
	in_title        boolean NOT NULL,
	cue             text NOT NULL DEFAULT '',
	speaker_text    text,                 -- NULL when the quote has no speaker
	speaker_start   integer,
	speaker_end     integer,
	speaker_name    text,
	speaker_code    text COLLATE "C",
	speaker_country text,
	confidence      double precision NOT NULL,
	tsv             tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
	PRIMARY KEY (article, idx)
);
CREATE INDEX quotes_tsv ON quotes USING gin (tsv);

CREATE TABLE merged_events (
	id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source_code  text COLLATE "C" NOT NULL,
	target_code  text COLLATE "C" NOT NULL,
	code         text COLLATE "C" NOT NULL,
	day          text COLLATE "C" NOT NULL,
	location     text COLLATE "C" NOT NULL,
	root         text NOT NULL,
	quad_class   integer NOT NULL,
	goldstein    double precision NOT NULL,
	num_mentions integer NOT NULL DEFAULT 0,
	num_sources  integer NOT NULL DEFAULT 0,
	num_articles integer NOT NULL DEFAULT 0,
	first_seen   text COLLATE "C" NOT NULL DEFAULT '',
	last_seen    text COLLATE "C" NOT NULL DEFAULT '',
	UNIQUE (source_code, target_code, code, day, location)
);
CREATE INDEX merged_events_target ON merged_events (target_code, source_code, day);

-- The number of articles of each source that mention a merged event: what num_sources counts.
CREATE TABLE merged_sources (
	merged   bigint NOT NULL REFERENCES merged_events (id) ON DELETE CASCADE,
	source   text COLLATE "C" NOT NULL,
	articles integer NOT NULL,
	PRIMARY KEY (merged, source)
);

CREATE TABLE events (
	article          bigint NOT NULL REFERENCES articles (aid) ON DELETE CASCADE,
	idx              integer NOT NULL,
	merged           bigint NOT NULL REFERENCES merged_events (id),
	code             text COLLATE "C" NOT NULL,
	root             text NOT NULL,
	plover           text NOT NULL,
	goldstein        double precision NOT NULL,
	quad_class       integer NOT NULL,
	source_text      text,                -- NULL when the event has no source
	source_name      text,
	source_code      text COLLATE "C",
	source_country   text,
	target_text      text,                -- NULL when the event has no target
	target_name      text,
	target_code      text COLLATE "C",
	target_country   text,
	sentence         integer NOT NULL,
	start_byte       integer NOT NULL,
	end_byte         integer NOT NULL,
	evidence         text NOT NULL,
	date             text COLLATE "C" NOT NULL,  -- as coded; '' when the text gives none
	day              text COLLATE "C" NOT NULL,  -- date, else the article's publication date, else ''
	location_name    text,                -- NULL when the event has no location
	location_country text,
	lat              double precision,
	lon              double precision,
	negated          boolean NOT NULL,
	modality         text NOT NULL,
	confidence       double precision NOT NULL,
	PRIMARY KEY (article, idx)
);
CREATE INDEX events_merged ON events (merged);

CREATE TABLE actors (
	code    text COLLATE "C" NOT NULL,
	name    text COLLATE "C" NOT NULL,
	country text NOT NULL DEFAULT '',
	PRIMARY KEY (code, name)
);

CREATE TABLE errors (
	id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	source   text COLLATE "C" NOT NULL,
	position integer NOT NULL,
	reason   text COLLATE "C" NOT NULL,
	time     timestamptz NOT NULL,
	UNIQUE (source, position, reason)
);
