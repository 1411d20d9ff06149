-- PutArticles now indexes each batch's new rows with one statement at the
-- end of its transaction, instead of a trigger per row: FTS5 flushes its
-- pending index to disk at every statement savepoint, so a per-row trigger
-- cost one flush (and a merge step) per article. Code that inserts into
-- articles must add the rows to articles_fts in the same transaction.
-- Deletes and updates keep their triggers.
DROP TRIGGER articles_fts_insert;
