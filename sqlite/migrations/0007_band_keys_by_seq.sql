-- A smaller LSH band index: each row is the band's 63-bit key (the band
-- number is already mixed into it by dedup.BandHashes, so keys of
-- different bands differ, up to hash collisions that only add candidates
-- the signature check rejects) and the article's integer rowid (seq)
-- instead of its TEXT ID. Rows are about half as wide, so a batch of new
-- articles dirties fewer index pages and writes less to the WAL.
-- Rows of deleted articles are still left behind and ignored: lookups
-- join articles and article_clusters.
CREATE TABLE article_band_keys (
	key INTEGER NOT NULL,
	seq INTEGER NOT NULL,
	PRIMARY KEY (key, seq)
) WITHOUT ROWID;
INSERT OR IGNORE INTO article_band_keys (key, seq)
	SELECT b.hash, a.seq FROM article_bands b JOIN articles a ON a.id = b.article_id;
DROP TABLE article_bands;
ALTER TABLE article_band_keys RENAME TO article_bands;

-- New band rows go to article_bands_recent first: keys are random, so
-- inserting a batch's rows straight into the large index would dirty
-- (and write to the WAL) one page of it per row. The small recent table
-- stays in a few pages; when it holds enough rows the clusterer moves
-- them into article_bands in key order, touching each page once.
-- Lookups read both. Its rowid counts the rows since the last move.
CREATE TABLE article_bands_recent (
	key INTEGER NOT NULL,
	seq INTEGER NOT NULL
);
CREATE INDEX article_bands_recent_key ON article_bands_recent (key, seq);
