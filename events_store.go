package dyad

import (
	"context"
	"time"
)

// StoredCoding is what an EventStore keeps of an article's Coding: its
// events, quotes and entities. The article itself lives in the
// ArticleStore.
type StoredCoding struct {
	Events   []Event         `json:"events"`
	Quotes   []Quote         `json:"quotes"`
	Entities []EntityMention `json:"entities"`
	// Coded is when the coding was stored; zero when the article has not
	// been coded, which is not the same as coded with no events.
	Coded time.Time `json:"coded,omitzero"`
}

// EventQuery selects stored events. Zero fields do not filter.
type EventQuery struct {
	// Source and Target are CAMEO actor code prefixes: "USA" selects
	// USAGOV, USAMIL, ...; "IRNMIL" only Iran's military.
	Source, Target string
	// Root is a two-digit CAMEO root, "01" to "20".
	Root string
	// Country is the ISO 3166-1 alpha-3 code of the event's location.
	Country string
	// Since and Until bound the event's date, inclusive and exclusive; an
	// event dated by week, month or year counts from its first day.
	Since, Until time.Time
	Limit        int
	// Cursor continues a previous page; it is opaque to callers.
	Cursor string
}

// ArticleEvent is a stored event with the article that tells it.
type ArticleEvent struct {
	Event
	ArticleID string `json:"article_id"`
	Headline  string `json:"headline"`
	// ClusterID is the near-duplicate cluster of the article: the ID of
	// the first stored copy of the story.
	ClusterID string `json:"cluster_id"`
	// NumArticles and NumSources count the articles and distinct sites of
	// the cluster that tell this event (same source, target, CAMEO code
	// and date), as GDELT's NumArticles and NumSources do.
	NumArticles int `json:"num_articles"`
	NumSources  int `json:"num_sources"`
	// Representative marks the one event of those copies that aggregates
	// count; the others are the same happening told again.
	Representative bool `json:"representative"`
}

// EventPage is one page of event query results, latest event date first.
type EventPage struct {
	Events []ArticleEvent `json:"events"`
	// Next is the cursor for the following page, empty on the last page.
	Next string `json:"next,omitempty"`
}

// EventStore keeps the codings of stored articles. An article's coding
// goes when the article goes.
type EventStore interface {
	// PutCoding replaces the events, quotes and entities of the stored
	// article articleID with c's, in one transaction; c.Article is not
	// stored (the ArticleStore keeps it). It returns ErrNotFound when no
	// such article is stored.
	PutCoding(ctx context.Context, articleID string, c Coding) error
	// Events returns a page of the events matching q.
	Events(ctx context.Context, q EventQuery) (EventPage, error)
	// ArticleCoding returns what was stored for the article, empty with a
	// zero Coded time when it was never coded, or ErrNotFound when no
	// such article is stored.
	ArticleCoding(ctx context.Context, articleID string) (StoredCoding, error)
}
