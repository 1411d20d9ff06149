// Package dyad holds the domain types that flow through the pipeline
// source → article → doc → events → store → serve. It has no dependencies
// beyond the standard library; every adapter (extraction, NLP, storage,
// HTTP) lives in a subpackage and speaks in these types.
package dyad

import (
	"context"
	"errors"
	"time"
)

// Article is one news story: its text without page furniture and the
// metadata that was found for it.
type Article struct {
	// ID is a stable hash of the story's normalised headline and body, so
	// the same story read twice (from any route) gets the same ID.
	ID       string `json:"id"`
	URL      string `json:"url,omitempty"`
	Site     string `json:"site,omitempty"`
	Section  string `json:"section,omitempty"`
	Headline string `json:"headline"`
	Byline   string `json:"byline,omitempty"`
	// Wire is the news agency the story credits (Reuters, AP, AFP, ...).
	Wire     string   `json:"wire,omitempty"`
	Dateline Dateline `json:"dateline"`
	// Published is when the story was published, as precisely as known;
	// a story with only a date has midnight UTC.
	Published time.Time `json:"published,omitzero"`
	// DateReason says how Published was decided (dateline with weekday
	// check, meta tag, JSON-LD, ingest time, ...), for auditing.
	DateReason string `json:"date_reason,omitempty"`
	// Lang is the ISO 639-1 code of the body's language.
	Lang string `json:"lang,omitempty"`
	// Body is the story's paragraphs separated by a blank line.
	Body string `json:"body"`
	// Ingested is when dyad stored the article; zero before storing.
	Ingested time.Time `json:"ingested,omitzero"`
}

// Dateline is the place and date a story was filed from, as in
// "ANNAPOLIS, Md., Aug 6 (Reuters) –".
type Dateline struct {
	Place string `json:"place,omitempty"`
	// Region is the state or province the dateline names after the place,
	// spelled out ("Maryland" for "Md."); empty when it names none or only
	// the country.
	Region string `json:"region,omitempty"`
	// Country is the ISO 3166-1 alpha-2 code of the place's country.
	Country string `json:"country,omitempty"`
	// Date is the resolved calendar date, YYYY-MM-DD.
	Date string `json:"date,omitempty"`
}

// ArticleQuery selects stored articles. Zero fields do not filter.
type ArticleQuery struct {
	// Text is a full-text query over headline and body.
	Text    string
	Section string
	// Since and Until bound the publication time, inclusive and exclusive.
	Since, Until time.Time
	Limit        int
	// Cursor continues a previous page; it is opaque to callers.
	Cursor string
}

// ArticlePage is one page of query results, newest first.
type ArticlePage struct {
	Articles []Article `json:"articles"`
	// Next is the cursor for the following page, empty on the last page.
	Next string `json:"next,omitempty"`
}

// Section is a topic with the number of stored articles filed under it.
type Section struct {
	Name     string `json:"name"`
	Articles int    `json:"articles"`
}

// PutResult says what storing an article did.
type PutResult int

const (
	// Stored means the article was new and is now stored.
	Stored PutResult = iota
	// Duplicate means an article with the same ID or canonical URL was
	// already stored; nothing was written.
	Duplicate
)

// ErrNotFound is returned when a looked-up item does not exist.
var ErrNotFound = errors.New("not found")

// ErrBadCursor is returned for a paging cursor the store did not issue.
var ErrBadCursor = errors.New("invalid cursor")

// ArticleStore keeps articles. SQLite implements it by default and
// PostgreSQL when one machine is not enough; both must behave the same.
type ArticleStore interface {
	// PutArticle stores a in one transaction: either all of it or nothing.
	PutArticle(ctx context.Context, a *Article) (PutResult, error)
	// Article returns the article with the given ID or ErrNotFound.
	Article(ctx context.Context, id string) (*Article, error)
	// Articles returns a page of articles matching q, newest first.
	Articles(ctx context.Context, q ArticleQuery) (ArticlePage, error)
	// Sections lists the sections with their article counts, largest first.
	Sections(ctx context.Context) ([]Section, error)
	// Related returns up to limit other articles most like the given one:
	// the same section and text similarity first.
	Related(ctx context.Context, id string, limit int) ([]Article, error)
	// CountArticles returns the number of stored articles.
	CountArticles(ctx context.Context) (int, error)
}
