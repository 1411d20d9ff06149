package sqlite

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
)

// EventFilter selects the events EachEvent streams. Zero fields do not
// filter.
type EventFilter struct {
	// Since and Until bound the event date, inclusive both (dates).
	Since, Until time.Time
	// Root is a two-digit CAMEO root.
	Root string
	// Actor is an actor code prefix matched against source or target.
	Actor string
	// Country is the ISO 3166-1 alpha-3 code of the event's place.
	Country string
	// Copies includes every copy of an event told by near-duplicate
	// articles; by default only each group's representative, so every
	// happening is exported once.
	Copies bool
}

// StreamedEvent is an event as EachEvent hands it over, with what
// exports need of its article. EachEvent reuses it between calls.
type StreamedEvent struct {
	dyad.ArticleEvent
	Seq       int64
	URL, Site string
	Ingested  time.Time
}

// EachEvent calls fn with every event matching f in storing order (the
// order of StreamedEvent.Seq, as GDELT's files follow GLOBALEVENTID),
// reading one row at a time from a single snapshot, so it runs in
// constant memory whatever the store holds. Storing order walks the
// table front to back, which is what makes a million-event export fast;
// date order would seek for every row. fn must not keep the
// pointer; an error from fn stops the walk and is returned.
func (db *DB) EachEvent(ctx context.Context, f EventFilter, fn func(*StreamedEvent) error) error {
	var where []string
	var args []any
	if !f.Copies {
		where = append(where, `e.representative = 1`)
	}
	if !f.Since.IsZero() {
		where = append(where, `e.date >= ?`)
		args = append(args, f.Since.UTC().Format(time.DateOnly))
	}
	if !f.Until.IsZero() {
		where = append(where, `e.date <= ?`)
		args = append(args, f.Until.UTC().Format(time.DateOnly))
	}
	if f.Root != "" {
		where = append(where, `e.cameo_root = ?`)
		args = append(args, f.Root)
	}
	if f.Country != "" {
		where = append(where, `e.location_country = ?`)
		args = append(args, f.Country)
	}
	if f.Actor != "" {
		if upper, ok := prefixUpperBound(f.Actor); ok {
			where = append(where, `((e.source_code >= ? AND e.source_code < ?) OR (e.target_code >= ? AND e.target_code < ?))`)
			args = append(args, f.Actor, upper, f.Actor, upper)
		}
	}
	query := `SELECT e.seq, e.article_id, a.headline, a.url, a.site, a.ingested,
		e.cluster_id, e.num_articles, e.num_sources, e.representative, ` + prefixed("e.", eventColumns) + `
		FROM events e JOIN articles a ON a.id = e.article_id`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	query += ` ORDER BY e.seq`
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("sqlite: each event: %w", err)
	}
	defer rows.Close()
	var ev StreamedEvent
	for rows.Next() {
		var ingested int64
		ae := &ev.ArticleEvent
		if ae.Event, err = scanEvent(rows, &ev.Seq, &ae.ArticleID, &ae.Headline, &ev.URL, &ev.Site, &ingested,
			&ae.ClusterID, &ae.NumArticles, &ae.NumSources, &ae.Representative); err != nil {
			return fmt.Errorf("sqlite: each event: %w", err)
		}
		ev.Ingested = microToTime(ingested)
		if err := fn(&ev); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: each event: %w", err)
	}
	return nil
}
