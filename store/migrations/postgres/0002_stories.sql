-- dyad store, PostgreSQL, version 2: stories, duplicate lookups, articles left uncoded.
--
-- story:     the story (articles about the same real-world event) the article belongs to: the id
--            of the story's first article; '' when the article was stored without clustering.
-- skipped:   why the article was stored without being coded ('' when it was coded), e.g. its
--            language is not one dyad codes.
-- text_hash: the hex SHA-256 of the cleaned text ('' when there is no text), so that an article
--            whose text is stored already under another id or URL is not coded twice.
ALTER TABLE articles ADD COLUMN story text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN skipped text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN text_hash text COLLATE "C" NOT NULL DEFAULT '';
CREATE INDEX articles_story ON articles (story) WHERE story <> '';
CREATE INDEX articles_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_text_hash ON articles (text_hash) WHERE text_hash <> '';

-- A story's articles, days and sources, from its articles.
CREATE VIEW stories AS
SELECT story AS id, count(*) AS articles, count(DISTINCT source) AS sources,
	coalesce(min(nullif(published, '')), '') AS first_day, max(published) AS last_day
FROM articles WHERE story <> '' GROUP BY story;
