package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
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
	query := `SELECT ` + streamColumns + `
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
		if err := scanStreamRow(rows, &ev); err != nil {
			return fmt.Errorf("sqlite: each event: %w", err)
		}
		if err := fn(&ev); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: each event: %w", err)
	}
	return nil
}

// streamColumns are the columns scanStreamRow reads, of events e joined
// with their articles a: the packed row and the floating-point columns,
// which would not round-trip through text exactly.
var streamColumns = streamRowSQL + `, e.goldstein, e.location_lat, e.location_lon, e.confidence`

// scanStreamRow reads a row of streamColumns into ev.
func scanStreamRow(rows *sql.Rows, ev *StreamedEvent) error {
	var (
		packed   string
		lat, lon sql.NullFloat64
	)
	ae := &ev.ArticleEvent
	e := &ae.Event
	if err := rows.Scan(&packed, &e.Goldstein, &lat, &lon, &e.Confidence); err != nil {
		return err
	}
	r := packedRow{rest: packed}
	ev.Seq = r.int()
	ev.Ingested = microToTime(r.int())
	ae.NumArticles = int(r.int())
	ae.NumSources = int(r.int())
	ae.Representative = r.int() != 0
	e.QuadClass = int(r.int())
	e.Negated = r.int() != 0
	e.Hypothetical = r.int() != 0
	e.SentenceIndex = int(r.int())
	geonameID, _ := r.nullInt()
	e.Killed = r.optionalInt()
	e.Wounded = r.optionalInt()
	ae.ArticleID, _ = r.text()
	ae.Headline, _ = r.text()
	ev.URL, _ = r.text()
	ev.Site, _ = r.text()
	ae.ClusterID, _ = r.text()
	e.ID, _ = r.text()
	e.Source.Text, _ = r.text()
	e.Source.Name, _ = r.text()
	e.Source.Code, _ = r.text()
	e.CAMEO, _ = r.text()
	e.CAMEORoot, _ = r.text()
	e.Description, _ = r.text()
	e.PLOVER.Type, _ = r.text()
	e.PLOVER.Mode, _ = r.text()
	e.Date, _ = r.text()
	e.DatePrecision, _ = r.text()
	e.Sentence, _ = r.text()
	e.Target = r.actor()
	e.ReportedBy = r.actor()
	e.Location = nil
	country, _ := r.text()
	admin1, _ := r.text()
	source, _ := r.text()
	if name, ok := r.text(); ok {
		e.Location = &dyad.Location{Name: name, Country: country, Admin1: admin1, Source: source,
			GeonameID: int(geonameID), Lat: lat.Float64, Lon: lon.Float64}
	}
	if r.err != nil {
		return fmt.Errorf("event %d: %w", ev.Seq, r.err)
	}
	return nil
}

// streamRowSQL packs the integer and text columns EachEvent reads into
// one string: modernc.org/sqlite takes SQLite's connection mutex several
// times for every column of every row, which for 44 columns was most of
// an export's time. An integer is its digits and a comma (no digits for
// NULL); a text is its length in bytes, a colon and the text (length -1
// for NULL). Fields come in the order packedRow reads them.
var streamRowSQL = func() string {
	ints := []string{"e.seq", "a.ingested", "e.num_articles", "e.num_sources", "e.representative",
		"e.quad_class", "e.negated", "e.hypothetical", "e.sentence_index",
		"e.location_geonameid", "e.killed", "e.wounded"}
	texts := []string{"e.article_id", "a.headline", "a.url", "a.site", "e.cluster_id", "e.id",
		"e.source_text", "e.source_name", "e.source_code", "e.cameo", "e.cameo_root",
		"e.description", "e.plover_type", "e.plover_mode", "e.date", "e.date_precision", "e.sentence",
		"e.target_code", "e.target_text", "e.target_name",
		"e.reported_by_code", "e.reported_by_text", "e.reported_by_name",
		"e.location_country", "e.location_admin1", "e.location_source", "e.location_name"}
	var args []string
	for _, f := range ints {
		args = append(args, "ifnull("+f+", '')", "','")
	}
	for _, f := range texts {
		args = append(args, "ifnull(octet_length("+f+"), -1)", "':'", f)
	}
	// concat, not format: format's %s would end a text at a NUL byte.
	return "concat(" + strings.Join(args, ", ") + ")"
}()

// packedRow reads the fields of a streamRowSQL string in order; the
// first malformed field sets err, and later reads return zero values.
type packedRow struct {
	rest string
	err  error
}

// text returns the next text field and whether it is not NULL.
func (r *packedRow) text() (string, bool) {
	if r.err != nil {
		return "", false
	}
	head, tail, ok := strings.Cut(r.rest, ":")
	n, err := strconv.Atoi(head)
	if !ok || err != nil || n > len(tail) {
		r.err = errors.New("malformed packed row")
		return "", false
	}
	if n < 0 {
		r.rest = tail
		return "", false
	}
	r.rest = tail[n:]
	return tail[:n], true
}

// nullInt returns the next integer field and whether it is not NULL.
func (r *packedRow) nullInt() (int64, bool) {
	if r.err != nil {
		return 0, false
	}
	digits, rest, ok := strings.Cut(r.rest, ",")
	if !ok {
		r.err = errors.New("malformed packed row")
		return 0, false
	}
	r.rest = rest
	if digits == "" {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil {
		r.err = fmt.Errorf("malformed integer %q", digits)
	}
	return n, true
}

func (r *packedRow) int() int64 {
	n, _ := r.nullInt()
	return n
}

// optionalInt returns the next field, or nil when it is NULL.
func (r *packedRow) optionalInt() *int {
	n, ok := r.nullInt()
	if !ok {
		return nil
	}
	v := int(n)
	return &v
}

// actor reads a code, text and name, and returns nil when the code is
// NULL (no such actor).
func (r *packedRow) actor() *dyad.Actor {
	code, ok := r.text()
	text, _ := r.text()
	name, _ := r.text()
	if !ok {
		return nil
	}
	return &dyad.Actor{Code: code, Text: text, Name: name}
}

// LatestRepresentatives returns the latest events matching any of qs
// (each its source and target prefixes, root, country and dates as
// Events reads them; Limit and Cursor are not used), at most limit of
// them, latest first, representatives only: each happening once,
// however many near-duplicate articles tell it. It is one query, where
// paging through Events re-sorts an actor's events for every page: each
// q's latest are chosen by date and seq alone (from the covering pair
// index escalation uses when q has a source or target of three letters
// or more), and only the overall latest rows are read.
func (db *DB) LatestRepresentatives(ctx context.Context, limit int, qs ...dyad.EventQuery) ([]dyad.ArticleEvent, error) {
	if limit <= 0 || len(qs) == 0 {
		return nil, nil
	}
	seqs, args := latestRepresentativeSeqs(limit, qs)
	query := `SELECT ` + streamColumns + ` FROM events e JOIN articles a ON a.id = e.article_id
		WHERE e.seq IN (` + seqs + `)
		ORDER BY e.date DESC, e.seq DESC`
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: latest events: %w", err)
	}
	defer rows.Close()
	var out []dyad.ArticleEvent
	var ev StreamedEvent
	for rows.Next() {
		if err := scanStreamRow(rows, &ev); err != nil {
			return nil, fmt.Errorf("sqlite: latest events: %w", err)
		}
		out = append(out, ev.ArticleEvent)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: latest events: %w", err)
	}
	return out, nil
}
