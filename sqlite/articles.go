package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
)

// Page sizes of Articles: the default when the query asks for none, and
// the most one page may hold.
const (
	DefaultLimit = 20
	MaxLimit     = 200
)

const articleColumns = `id, url, site, section, headline, byline, wire,
	dateline_place, dateline_region, dateline_country, dateline_date, published,
	date_reason, lang, body, ingested`

// insertArticleSQL writes nothing when the ID or canonical URL is already
// stored: DO NOTHING without a target covers every UNIQUE constraint, so
// the duplicate check and the insert are one atomic step.
const insertArticleSQL = `INSERT INTO articles (` + articleColumns + `, canonical_url)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT DO NOTHING`

// PutArticle stores a in one transaction, with its full-text index entry,
// and sets a.Ingested. It returns dyad.Duplicate, writing nothing, when an
// article with the same ID or canonical URL (see CanonicalURL) is stored.
func (db *DB) PutArticle(ctx context.Context, a *dyad.Article) (dyad.PutResult, error) {
	res, err := db.PutArticles(ctx, []*dyad.Article{a})
	if err != nil {
		return 0, err
	}
	return res[0], nil
}

// PutArticles stores a batch of articles in one transaction, which is how
// bulk ingest is fast: SQLite's commit and FTS5's index flush happen once
// per batch instead of once per article. Result i says what happened to
// articles[i]; a later article duplicating an earlier one of the same
// batch is a Duplicate. On error nothing of the batch is stored, so no
// article is ever half-written; a caller can retry one at a time to find
// the article at fault.
func (db *DB) PutArticles(ctx context.Context, articles []*dyad.Article) ([]dyad.PutResult, error) {
	for i, a := range articles {
		if a == nil || a.ID == "" {
			return nil, fmt.Errorf("sqlite: put articles: article %d has no ID", i)
		}
	}
	signatures := signArticles(articles)
	ingested := db.now().UTC()
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put articles: %w", err)
	}
	defer tx.Rollback()
	insert := tx.StmtContext(ctx, db.insertArticle)
	clusters, err := prepareClusterer(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put articles: %w", err)
	}
	defer clusters.close()
	results := make([]dyad.PutResult, len(articles))
	// New rows get increasing seq values, and the transaction holds the
	// write lock, so [firstSeq, lastSeq] are exactly the rows it adds.
	var firstSeq, lastSeq int64
	for i, a := range articles {
		var canonical any // NULL when there is no URL, so URL-less stories never collide
		if c := CanonicalURL(a.URL); c != "" {
			canonical = c
		}
		res, err := insert.ExecContext(ctx,
			a.ID, a.URL, a.Site, a.Section, a.Headline, a.Byline, a.Wire,
			a.Dateline.Place, a.Dateline.Region, a.Dateline.Country, a.Dateline.Date,
			timeToMicro(a.Published), a.DateReason, a.Lang, a.Body,
			timeToMicro(ingested), canonical)
		if err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: %w", a.ID, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: %w", a.ID, err)
		}
		if n == 0 {
			results[i] = dyad.Duplicate
			continue
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: %w", a.ID, err)
		}
		if firstSeq == 0 {
			firstSeq = seq
		}
		lastSeq = seq
		if err := clusters.add(ctx, a, seq, &signatures[i]); err != nil {
			return nil, fmt.Errorf("sqlite: put article %s: cluster: %w", a.ID, err)
		}
	}
	if firstSeq != 0 {
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, headline, body)
			SELECT seq, headline, body FROM articles WHERE seq BETWEEN ? AND ?`, firstSeq, lastSeq); err != nil {
			return nil, fmt.Errorf("sqlite: put articles: index: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put articles: commit: %w", err)
	}
	for i, a := range articles {
		if results[i] == dyad.Stored {
			a.Ingested = ingested
		}
	}
	return results, nil
}

// Article returns the article with the given ID or dyad.ErrNotFound.
func (db *DB) Article(ctx context.Context, id string) (*dyad.Article, error) {
	row := db.read.QueryRowContext(ctx, `SELECT `+articleColumns+` FROM articles WHERE id = ?`, id)
	a, err := scanArticle(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: article %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %q: %w", id, err)
	}
	return a, nil
}

// CountArticles returns the number of stored articles.
func (db *DB) CountArticles(ctx context.Context) (int, error) {
	var n int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("sqlite: count articles: %w", err)
	}
	return n, nil
}

// Articles returns a page of the articles matching q, newest first (ties
// broken by ID, descending). Paging is by keyset, so articles stored while
// a reader pages through older ones neither shift nor repeat its pages.
// A text query with no searchable words matches nothing.
func (db *DB) Articles(ctx context.Context, q dyad.ArticleQuery) (dyad.ArticlePage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)

	var where []string
	var args []any
	if q.Text != "" {
		match := matchAll(q.Text)
		if match == "" {
			return dyad.ArticlePage{Articles: []dyad.Article{}}, nil
		}
		where = append(where, `seq IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`)
		args = append(args, match)
	}
	if q.Section != "" {
		where = append(where, `section = ?`)
		args = append(args, q.Section)
	}
	if !q.Since.IsZero() {
		where = append(where, `published >= ?`)
		args = append(args, timeToMicro(q.Since))
	}
	if !q.Until.IsZero() {
		where = append(where, `published < ?`)
		args = append(args, timeToMicro(q.Until))
	}
	if q.Cursor != "" {
		published, id, err := decodeCursor(q.Cursor)
		if err != nil {
			return dyad.ArticlePage{}, err
		}
		where = append(where, `(published, id) < (?, ?)`)
		args = append(args, published, id)
	}
	query := `SELECT ` + articleColumns + ` FROM articles`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	// One extra row tells whether there is a next page.
	query += ` ORDER BY published DESC, id DESC LIMIT ?`
	args = append(args, limit+1)

	articles, err := db.queryArticles(ctx, query, args...)
	if err != nil {
		return dyad.ArticlePage{}, fmt.Errorf("sqlite: articles: %w", err)
	}
	page := dyad.ArticlePage{Articles: articles}
	if len(articles) > limit {
		page.Articles = articles[:limit]
		last := page.Articles[limit-1]
		page.Next = encodeCursor(timeToMicro(last.Published), last.ID)
	}
	return page, nil
}

// Sections lists the named sections with their article counts, largest
// first; articles without a section are not counted.
func (db *DB) Sections(ctx context.Context) ([]dyad.Section, error) {
	rows, err := db.read.QueryContext(ctx, `SELECT section, COUNT(*) AS n FROM articles
		WHERE section != '' GROUP BY section ORDER BY n DESC, section`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: sections: %w", err)
	}
	defer rows.Close()
	sections := []dyad.Section{}
	for rows.Next() {
		var s dyad.Section
		if err := rows.Scan(&s.Name, &s.Articles); err != nil {
			return nil, fmt.Errorf("sqlite: sections: %w", err)
		}
		sections = append(sections, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: sections: %w", err)
	}
	return sections, nil
}

func (db *DB) queryArticles(ctx context.Context, query string, args ...any) ([]dyad.Article, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	articles := []dyad.Article{}
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		articles = append(articles, *a)
	}
	return articles, rows.Err()
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

func scanArticle(s scanner) (*dyad.Article, error) {
	var a dyad.Article
	var published, ingested int64
	err := s.Scan(&a.ID, &a.URL, &a.Site, &a.Section, &a.Headline, &a.Byline, &a.Wire,
		&a.Dateline.Place, &a.Dateline.Region, &a.Dateline.Country, &a.Dateline.Date, &published, &a.DateReason,
		&a.Lang, &a.Body, &ingested)
	if err != nil {
		return nil, err
	}
	a.Published = microToTime(published)
	a.Ingested = microToTime(ingested)
	return &a, nil
}

// zeroMicro is how a zero time.Time (year 1) is stored: as its own Unix
// microseconds, so undated articles sort after every dated one.
var zeroMicro = time.Time{}.UnixMicro()

func timeToMicro(t time.Time) int64 { return t.UnixMicro() }

func microToTime(us int64) time.Time {
	if us == zeroMicro {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// A cursor is the (published, id) key of the last article of a page.
func encodeCursor(published int64, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strconv.FormatInt(published, 10) + " " + id))
}

func decodeCursor(c string) (int64, string, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, "", dyad.ErrBadCursor
	}
	num, id, ok := strings.Cut(string(raw), " ")
	if !ok || id == "" {
		return 0, "", dyad.ErrBadCursor
	}
	published, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return 0, "", dyad.ErrBadCursor
	}
	return published, id, nil
}
