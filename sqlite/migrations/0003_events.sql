-- Codings of articles: events, quotes and entities, replaced as a whole
-- when an article is coded again, and deleted with their article.
--
-- codings has one row per coded article, so an article coded with no
-- events is told apart from one never coded. Booleans are 0/1; a nil
-- target, reporter, location or toll is NULL. Event dates are the
-- coder's YYYY-MM-DD text, which sorts as dates do.
CREATE TABLE codings (
	article_id TEXT    PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	coded      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
	seq                INTEGER PRIMARY KEY,
	article_id         TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	id                 TEXT    NOT NULL,
	source_text        TEXT    NOT NULL,
	source_name        TEXT    NOT NULL,
	source_code        TEXT    NOT NULL,
	target_text        TEXT,
	target_name        TEXT,
	target_code        TEXT,
	cameo              TEXT    NOT NULL,
	cameo_root         TEXT    NOT NULL,
	description        TEXT    NOT NULL,
	plover_type        TEXT    NOT NULL,
	plover_mode        TEXT    NOT NULL,
	goldstein          REAL    NOT NULL,
	quad_class         INTEGER NOT NULL,
	negated            INTEGER NOT NULL,
	hypothetical       INTEGER NOT NULL,
	reported_by_text   TEXT,
	reported_by_name   TEXT,
	reported_by_code   TEXT,
	date               TEXT    NOT NULL,
	date_precision     TEXT    NOT NULL,
	location_name      TEXT,
	location_country   TEXT,
	location_admin1    TEXT,
	location_lat       REAL,
	location_lon       REAL,
	location_geonameid INTEGER,
	location_source    TEXT,
	killed             INTEGER,
	wounded            INTEGER,
	sentence           TEXT    NOT NULL,
	sentence_index     INTEGER NOT NULL,
	confidence         REAL    NOT NULL
);

-- Keyset paging walks (date, seq) backwards, alone or after an equality
-- or prefix filter on an actor code, the root or the place's country.
CREATE INDEX events_date ON events (date, seq);
CREATE INDEX events_source ON events (source_code, date, seq);
CREATE INDEX events_target ON events (target_code, date, seq);
CREATE INDEX events_root ON events (cameo_root, date, seq);
CREATE INDEX events_country ON events (location_country, date, seq);
-- Replacing and reading one article's coding, and the cascade.
CREATE INDEX events_article ON events (article_id, seq);

CREATE TABLE quotes (
	seq            INTEGER PRIMARY KEY,
	article_id     TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	speaker_text   TEXT    NOT NULL,
	speaker_name   TEXT    NOT NULL,
	speaker_code   TEXT    NOT NULL,
	text           TEXT    NOT NULL,
	direct         INTEGER NOT NULL,
	partial        INTEGER NOT NULL,
	sentence_index INTEGER NOT NULL
);
CREATE INDEX quotes_article ON quotes (article_id, seq);

CREATE TABLE entities (
	seq        INTEGER PRIMARY KEY,
	article_id TEXT    NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	text       TEXT    NOT NULL,
	label      TEXT    NOT NULL,
	name       TEXT    NOT NULL,
	code       TEXT    NOT NULL,
	mentions   INTEGER NOT NULL
);
CREATE INDEX entities_article ON entities (article_id, seq);
