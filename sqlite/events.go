package sqlite

import (
	"context"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
)

var _ dyad.EventStore = (*DB)(nil)

// ArticleCoding pairs a stored article's ID with its coding, for
// PutCodings.
type ArticleCoding struct {
	ArticleID string
	Coding    dyad.Coding
}

const eventColumns = `id, source_text, source_name, source_code,
	target_text, target_name, target_code, cameo, cameo_root, description,
	plover_type, plover_mode, goldstein, quad_class, negated, hypothetical,
	reported_by_text, reported_by_name, reported_by_code, date, date_precision,
	location_name, location_country, location_admin1, location_lat, location_lon,
	location_geonameid, location_source, killed, wounded, sentence,
	sentence_index, confidence`

const insertEventSQL = `INSERT INTO events (article_id, cluster_id, ` + eventColumns + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const quoteColumns = `speaker_text, speaker_name, speaker_code, text, direct, partial, sentence_index`

const insertQuoteSQL = `INSERT INTO quotes (article_id, ` + quoteColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

const entityColumns = `text, label, name, code, mentions`

const insertEntitySQL = `INSERT INTO entities (article_id, ` + entityColumns + `) VALUES (?, ?, ?, ?, ?, ?)`

// PutCoding replaces the stored article's events, quotes and entities
// with c's in one transaction. c.Article is not stored; when it has an
// ID, that ID must be articleID. It returns dyad.ErrNotFound when the
// article is not stored.
func (db *DB) PutCoding(ctx context.Context, articleID string, c dyad.Coding) error {
	return db.PutCodings(ctx, []ArticleCoding{{ArticleID: articleID, Coding: c}})
}

// PutCodings replaces the codings of a batch of stored articles in one
// transaction, as PutArticles stores a batch: all of them or, on error,
// none.
func (db *DB) PutCodings(ctx context.Context, codings []ArticleCoding) error {
	for _, ac := range codings {
		if ac.ArticleID == "" {
			return errors.New("sqlite: put coding: empty article ID")
		}
		if id := ac.Coding.Article.ID; id != "" && id != ac.ArticleID {
			return fmt.Errorf("sqlite: put coding %q: the coding is of article %q", ac.ArticleID, id)
		}
	}
	coded := timeToMicro(db.now().UTC())
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: put codings: %w", err)
	}
	defer tx.Rollback()
	ins, err := prepareCodingInserts(ctx, tx)
	if err != nil {
		return fmt.Errorf("sqlite: put codings: %w", err)
	}
	defer ins.close()
	for _, ac := range codings {
		if err := ins.put(ctx, tx, ac.ArticleID, &ac.Coding, coded); err != nil {
			return fmt.Errorf("sqlite: put coding %q: %w", ac.ArticleID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite: put codings: commit: %w", err)
	}
	return nil
}

// codingInserts are the statements that write a coding, prepared once
// per transaction.
type codingInserts struct {
	exists, clearEvents, clearQuotes, clearEntities *sql.Stmt
	coding, event, quote, entity                    *sql.Stmt
	groups                                          *groupMaintainer
}

func prepareCodingInserts(ctx context.Context, tx *sql.Tx) (*codingInserts, error) {
	var ins codingInserts
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&ins.exists, `SELECT COUNT(*) FROM articles WHERE id = ?`},
		{&ins.clearEvents, `DELETE FROM events WHERE article_id = ?`},
		{&ins.clearQuotes, `DELETE FROM quotes WHERE article_id = ?`},
		{&ins.clearEntities, `DELETE FROM entities WHERE article_id = ?`},
		{&ins.coding, `INSERT INTO codings (article_id, coded) VALUES (?, ?)
			ON CONFLICT (article_id) DO UPDATE SET coded = excluded.coded`},
		{&ins.event, insertEventSQL},
		{&ins.quote, insertQuoteSQL},
		{&ins.entity, insertEntitySQL},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			ins.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	groups, err := prepareGroupMaintainer(ctx, tx)
	if err != nil {
		ins.close()
		return nil, err
	}
	ins.groups = groups
	return &ins, nil
}

func (ins *codingInserts) close() {
	for _, s := range []*sql.Stmt{ins.exists, ins.clearEvents, ins.clearQuotes, ins.clearEntities,
		ins.coding, ins.event, ins.quote, ins.entity} {
		if s != nil {
			s.Close()
		}
	}
	if ins.groups != nil {
		ins.groups.close()
	}
}

func (ins *codingInserts) put(ctx context.Context, tx *sql.Tx, articleID string, c *dyad.Coding, coded int64) error {
	var n int
	if err := ins.exists.QueryRowContext(ctx, articleID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return dyad.ErrNotFound
	}
	// The groups the old events leave and the new ones join get their
	// representatives and counts recomputed once all are written.
	cluster, err := ins.groups.cluster(ctx, articleID)
	if err != nil {
		return fmt.Errorf("cluster: %w", err)
	}
	touched, err := ins.groups.keys(ctx, articleID)
	if err != nil {
		return fmt.Errorf("event groups: %w", err)
	}
	for _, clear := range []*sql.Stmt{ins.clearEvents, ins.clearQuotes, ins.clearEntities} {
		if _, err := clear.ExecContext(ctx, articleID); err != nil {
			return err
		}
	}
	if _, err := ins.coding.ExecContext(ctx, articleID, coded); err != nil {
		return err
	}
	for i := range c.Events {
		e := &c.Events[i]
		tText, tName, tCode := actorColumns(e.Target)
		rText, rName, rCode := actorColumns(e.ReportedBy)
		var lName, lCountry, lAdmin1, lLat, lLon, lID, lSource any
		if l := e.Location; l != nil {
			lName, lCountry, lAdmin1, lSource = l.Name, l.Country, l.Admin1, l.Source
			lLat, lLon, lID = finite(l.Lat), finite(l.Lon), l.GeonameID
		}
		var target sql.NullString
		if e.Target != nil {
			target = sql.NullString{String: e.Target.Code, Valid: true}
		}
		touched = append(touched, groupKey{cluster: cluster, source: e.Source.Code, target: target, cameo: e.CAMEO, date: e.Date})
		if _, err := ins.event.ExecContext(ctx, articleID, cluster,
			e.ID, e.Source.Text, e.Source.Name, e.Source.Code,
			tText, tName, tCode, e.CAMEO, e.CAMEORoot, e.Description,
			e.PLOVER.Type, e.PLOVER.Mode, finite(e.Goldstein), e.QuadClass, e.Negated, e.Hypothetical,
			rText, rName, rCode, e.Date, e.DatePrecision,
			lName, lCountry, lAdmin1, lLat, lLon, lID, lSource,
			intOrNull(e.Killed), intOrNull(e.Wounded), e.Sentence, e.SentenceIndex, finite(e.Confidence),
		); err != nil {
			return fmt.Errorf("event %d: %w", i, err)
		}
	}
	refreshed := make(map[groupKey]bool, len(touched))
	for _, k := range touched {
		if refreshed[k] {
			continue
		}
		refreshed[k] = true
		if err := ins.groups.refresh(ctx, k); err != nil {
			return err
		}
	}
	for i, q := range c.Quotes {
		if _, err := ins.quote.ExecContext(ctx, articleID,
			q.Speaker.Text, q.Speaker.Name, q.Speaker.Code, q.Text, q.Direct, q.Partial, q.SentenceIndex,
		); err != nil {
			return fmt.Errorf("quote %d: %w", i, err)
		}
	}
	for i, en := range c.Entities {
		if _, err := ins.entity.ExecContext(ctx, articleID,
			en.Text, en.Label, en.Name, en.Code, en.Mentions,
		); err != nil {
			return fmt.Errorf("entity %d: %w", i, err)
		}
	}
	return nil
}

// actorColumns are the text, name and code columns of an optional actor:
// all NULL when there is none.
func actorColumns(a *dyad.Actor) (text, name, code any) {
	if a == nil {
		return nil, nil, nil
	}
	return a.Text, a.Name, a.Code
}

func intOrNull(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// finite keeps NaN, which SQLite would store as NULL, out of the REAL
// columns: a score that is not a number is stored as 0.
func finite(f float64) float64 {
	if math.IsNaN(f) {
		return 0
	}
	return f
}

// ArticleCoding returns the stored coding of an article, read in one
// snapshot: empty lists and a zero Coded time when the article was never
// coded, dyad.ErrNotFound when it is not stored.
func (db *DB) ArticleCoding(ctx context.Context, articleID string) (dyad.StoredCoding, error) {
	sc, err := db.articleCoding(ctx, articleID)
	if err != nil {
		return dyad.StoredCoding{}, fmt.Errorf("sqlite: article coding %q: %w", articleID, err)
	}
	return sc, nil
}

func (db *DB) articleCoding(ctx context.Context, articleID string) (dyad.StoredCoding, error) {
	sc := dyad.StoredCoding{Events: []dyad.Event{}, Quotes: []dyad.Quote{}, Entities: []dyad.EntityMention{}}
	tx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return sc, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE id = ?`, articleID).Scan(&n); err != nil {
		return sc, err
	}
	if n == 0 {
		return sc, dyad.ErrNotFound
	}
	var coded int64
	err = tx.QueryRowContext(ctx, `SELECT coded FROM codings WHERE article_id = ?`, articleID).Scan(&coded)
	if errors.Is(err, sql.ErrNoRows) {
		return sc, nil
	}
	if err != nil {
		return sc, err
	}
	sc.Coded = microToTime(coded)

	rows, err := tx.QueryContext(ctx, `SELECT `+eventColumns+` FROM events WHERE article_id = ? ORDER BY seq`, articleID)
	if err != nil {
		return sc, err
	}
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			rows.Close()
			return sc, err
		}
		sc.Events = append(sc.Events, e)
	}
	if err := closeRows(rows); err != nil {
		return sc, fmt.Errorf("events: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `SELECT `+quoteColumns+` FROM quotes WHERE article_id = ? ORDER BY seq`, articleID)
	if err != nil {
		return sc, err
	}
	for rows.Next() {
		var q dyad.Quote
		if err := rows.Scan(&q.Speaker.Text, &q.Speaker.Name, &q.Speaker.Code, &q.Text, &q.Direct, &q.Partial, &q.SentenceIndex); err != nil {
			rows.Close()
			return sc, err
		}
		sc.Quotes = append(sc.Quotes, q)
	}
	if err := closeRows(rows); err != nil {
		return sc, fmt.Errorf("quotes: %w", err)
	}

	rows, err = tx.QueryContext(ctx, `SELECT `+entityColumns+` FROM entities WHERE article_id = ? ORDER BY seq`, articleID)
	if err != nil {
		return sc, err
	}
	for rows.Next() {
		var en dyad.EntityMention
		if err := rows.Scan(&en.Text, &en.Label, &en.Name, &en.Code, &en.Mentions); err != nil {
			rows.Close()
			return sc, err
		}
		sc.Entities = append(sc.Entities, en)
	}
	if err := closeRows(rows); err != nil {
		return sc, fmt.Errorf("entities: %w", err)
	}
	return sc, nil
}

func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	return errors.Join(err, rows.Close())
}

// Events returns a page of the events matching q, latest date first
// (events of one date in reverse storing order). Paging is by keyset on
// (date, storing order), so codings stored while a reader pages through
// older events neither shift nor repeat its pages.
func (db *DB) Events(ctx context.Context, q dyad.EventQuery) (dyad.EventPage, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)

	where, args := eventConditions(q)
	if q.Cursor != "" {
		date, seq, err := decodeEventCursor(q.Cursor)
		if err != nil {
			return dyad.EventPage{}, err
		}
		where = append(where, `(e.date, e.seq) < (?, ?)`)
		args = append(args, date, seq)
	}
	query := `SELECT e.seq, e.article_id, a.headline, e.cluster_id, e.num_articles, e.num_sources, e.representative, ` +
		prefixed("e.", eventColumns) +
		` FROM events e JOIN articles a ON a.id = e.article_id`
	if len(where) > 0 {
		query += ` WHERE ` + strings.Join(where, ` AND `)
	}
	// One extra row tells whether there is a next page.
	query += ` ORDER BY e.date DESC, e.seq DESC LIMIT ?`
	args = append(args, limit+1)

	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return dyad.EventPage{}, fmt.Errorf("sqlite: events: %w", err)
	}
	page := dyad.EventPage{Events: []dyad.ArticleEvent{}}
	var seqs []int64
	for rows.Next() {
		var ae dyad.ArticleEvent
		var seq int64
		var err error
		if ae.Event, err = scanEvent(rows, &seq, &ae.ArticleID, &ae.Headline,
			&ae.ClusterID, &ae.NumArticles, &ae.NumSources, &ae.Representative); err != nil {
			rows.Close()
			return dyad.EventPage{}, fmt.Errorf("sqlite: events: %w", err)
		}
		page.Events = append(page.Events, ae)
		seqs = append(seqs, seq)
	}
	if err := closeRows(rows); err != nil {
		return dyad.EventPage{}, fmt.Errorf("sqlite: events: %w", err)
	}
	if len(page.Events) > limit {
		page.Events = page.Events[:limit]
		page.Next = encodeEventCursor(page.Events[limit-1].Date, seqs[limit-1])
	}
	return page, nil
}

// eventConditions are the SQL conditions on events e (and their
// arguments) that select q's source and target prefixes, root, country
// and dates, all of them to be met.
func eventConditions(q dyad.EventQuery) ([]string, []any) {
	var where []string
	var args []any
	prefix := func(column, p string) {
		if p == "" {
			return
		}
		where = append(where, column+` >= ?`)
		args = append(args, p)
		if upper, ok := prefixUpperBound(p); ok {
			where = append(where, column+` < ?`)
			args = append(args, upper)
		}
	}
	prefix(`e.source_code`, q.Source)
	prefix(`e.target_code`, q.Target)
	if q.Root != "" {
		where = append(where, `e.cameo_root = ?`)
		args = append(args, q.Root)
	}
	if q.Country != "" {
		where = append(where, `e.location_country = ?`)
		args = append(args, q.Country)
	}
	if !q.Since.IsZero() {
		where = append(where, `e.date >= ?`)
		args = append(args, q.Since.UTC().Format(time.DateOnly))
	}
	if !q.Until.IsZero() {
		// A date is its day's midnight: it is before Until unless Until is
		// that midnight or earlier.
		u := q.Until.UTC()
		if u.Equal(u.Truncate(24 * time.Hour)) {
			where = append(where, `e.date < ?`)
		} else {
			where = append(where, `e.date <= ?`)
		}
		args = append(args, u.Format(time.DateOnly))
	}
	return where, args
}

// prefixUpperBound is the least string above every string that starts
// with p, under SQLite's byte-wise BINARY collation; ok is false when
// there is none (p is all 0xFF bytes).
func prefixUpperBound(p string) (string, bool) {
	b := []byte(p)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < 0xFF {
			b[i]++
			return string(b[:i+1]), true
		}
	}
	return "", false
}

// scanEvent scans a row of eventColumns, after the lead destinations.
func scanEvent(s scanner, lead ...any) (dyad.Event, error) {
	var e dyad.Event
	var (
		tText, tName, tCode, rText, rName, rCode sql.NullString
		lName, lCountry, lAdmin1, lSource        sql.NullString
		lLat, lLon                               sql.NullFloat64
		lID, killed, wounded                     sql.NullInt64
	)
	dest := append(lead, &e.ID, &e.Source.Text, &e.Source.Name, &e.Source.Code,
		&tText, &tName, &tCode, &e.CAMEO, &e.CAMEORoot, &e.Description,
		&e.PLOVER.Type, &e.PLOVER.Mode, &e.Goldstein, &e.QuadClass, &e.Negated, &e.Hypothetical,
		&rText, &rName, &rCode, &e.Date, &e.DatePrecision,
		&lName, &lCountry, &lAdmin1, &lLat, &lLon, &lID, &lSource,
		&killed, &wounded, &e.Sentence, &e.SentenceIndex, &e.Confidence)
	if err := s.Scan(dest...); err != nil {
		return e, err
	}
	if tCode.Valid {
		e.Target = &dyad.Actor{Text: tText.String, Name: tName.String, Code: tCode.String}
	}
	if rCode.Valid {
		e.ReportedBy = &dyad.Actor{Text: rText.String, Name: rName.String, Code: rCode.String}
	}
	if lName.Valid {
		e.Location = &dyad.Location{Name: lName.String, Country: lCountry.String, Admin1: lAdmin1.String,
			Lat: lLat.Float64, Lon: lLon.Float64, GeonameID: int(lID.Int64), Source: lSource.String}
	}
	e.Killed, e.Wounded = intOrNil(killed), intOrNil(wounded)
	return e, nil
}

// An event cursor is the (date, seq) key of the last event of a page,
// marked "e" so that an article cursor is not mistaken for one.
func encodeEventCursor(date string, seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("e" + strconv.FormatInt(seq, 10) + " " + date))
}

func decodeEventCursor(c string) (string, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", 0, dyad.ErrBadCursor
	}
	rest, ok := strings.CutPrefix(string(raw), "e")
	if !ok {
		return "", 0, dyad.ErrBadCursor
	}
	num, date, ok := strings.Cut(rest, " ")
	if !ok {
		return "", 0, dyad.ErrBadCursor
	}
	seq, err := strconv.ParseInt(num, 10, 64)
	if err != nil {
		return "", 0, dyad.ErrBadCursor
	}
	return date, seq, nil
}

// intOrNil is a nullable count column as the event schema holds it: nil
// for NULL (a toll not reported), else the number.
func intOrNil(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.Int64)
	return &n
}
