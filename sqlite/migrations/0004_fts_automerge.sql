-- Let FTS5 gather 8 index segments of a size, not 4, before merging them:
-- bulk ingest writes about a fifth faster (BenchmarkPutArticles), while a
-- query reads at most twice as many segments, which at news-archive sizes
-- costs microseconds.
INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
