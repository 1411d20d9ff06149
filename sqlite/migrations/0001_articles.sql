-- Articles and their full-text index.
--
-- Times are Unix microseconds in UTC; a zero time.Time is stored as its own
-- (very negative) value, so undated stories sort last, newest first.
-- canonical_url is NULL for stories without a URL: UNIQUE allows many NULLs.
CREATE TABLE articles (
	seq              INTEGER PRIMARY KEY,
	id               TEXT    NOT NULL UNIQUE,
	url              TEXT    NOT NULL DEFAULT '',
	canonical_url    TEXT    UNIQUE,
	site             TEXT    NOT NULL DEFAULT '',
	section          TEXT    NOT NULL DEFAULT '',
	headline         TEXT    NOT NULL DEFAULT '',
	byline           TEXT    NOT NULL DEFAULT '',
	wire             TEXT    NOT NULL DEFAULT '',
	dateline_place   TEXT    NOT NULL DEFAULT '',
	dateline_country TEXT    NOT NULL DEFAULT '',
	dateline_date    TEXT    NOT NULL DEFAULT '',
	published        INTEGER NOT NULL,
	date_reason      TEXT    NOT NULL DEFAULT '',
	lang             TEXT    NOT NULL DEFAULT '',
	body             TEXT    NOT NULL DEFAULT '',
	ingested         INTEGER NOT NULL
);

-- Keyset paging walks (published, id) backwards, optionally within a section.
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_section_published ON articles (section, published, id);

-- External-content FTS5 index: the text lives once, in articles, and the
-- triggers below keep the index in step within the writing transaction.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
	headline,
	body,
	content = 'articles',
	content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, headline, body) VALUES (new.seq, new.headline, new.body);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, headline, body) VALUES ('delete', old.seq, old.headline, old.body);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, body ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, headline, body) VALUES ('delete', old.seq, old.headline, old.body);
	INSERT INTO articles_fts (rowid, headline, body) VALUES (new.seq, new.headline, new.body);
END;
