-- Near-duplicate clusters (package dedup) and events counted once.
--
-- article_clusters gives every stored article its cluster: the ID of the
-- first stored article of the cluster, itself when it duplicates none.
-- signature is its MinHash signature (dedup.Signature.Bytes); NULL for
-- articles stored before this migration, which stay clusters of their own.
CREATE TABLE article_clusters (
	article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	cluster_id TEXT NOT NULL,
	signature  BLOB
) WITHOUT ROWID;
CREATE INDEX article_clusters_cluster ON article_clusters (cluster_id);
INSERT INTO article_clusters (article_id, cluster_id) SELECT id, id FROM articles;

-- LSH bands: a new article's candidates are the articles sharing a band
-- key. Rows of deleted articles are left behind (there is no index by
-- article to delete them cheaply) and ignored: lookups join
-- article_clusters.
CREATE TABLE article_bands (
	band       INTEGER NOT NULL,
	hash       INTEGER NOT NULL,
	article_id TEXT    NOT NULL,
	PRIMARY KEY (band, hash, article_id)
) WITHOUT ROWID;

-- An event group is the events of one cluster with the same source code,
-- target code, CAMEO code and date: one happening told by several copies
-- of a story (or twice in one). Its representative (representative = 1)
-- is the one event aggregates count; num_articles and num_sources, kept
-- on every member, are the group's distinct articles and sites.
ALTER TABLE events ADD COLUMN cluster_id TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN representative INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN num_articles INTEGER NOT NULL DEFAULT 1;
ALTER TABLE events ADD COLUMN num_sources INTEGER NOT NULL DEFAULT 1;
UPDATE events SET cluster_id = article_id;
CREATE INDEX events_group ON events (cluster_id, source_code, target_code, cameo, date);
UPDATE events SET representative = (seq = (SELECT x.seq FROM events x
	WHERE x.cluster_id = events.cluster_id AND x.source_code = events.source_code
		AND x.target_code IS events.target_code AND x.cameo = events.cameo AND x.date = events.date
	ORDER BY (x.killed IS NOT NULL) + (x.wounded IS NOT NULL) DESC, x.seq LIMIT 1));

-- Escalation per actor pair reads representatives by the first three
-- letters of source and target (the country level) and date, with the
-- full codes for pairs of full codes; the index covers every column it
-- sums, so it never reads the table.
CREATE INDEX events_pair ON events (substr(source_code, 1, 3), substr(target_code, 1, 3), date,
	source_code, target_code, goldstein, quad_class, killed, wounded)
	WHERE representative = 1;
