package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dyadnews/dyad"
)

// dashboardColumns are the columns of events e that the dashboard's
// figures, timelines, map and network total: no sentence, description or
// article, whose bytes made most of a row read when the dashboard took
// LatestRepresentatives' full rows for thousands of events.
const dashboardColumns = `e.article_id, e.date, e.source_code, e.source_name, e.source_text,
	e.target_code, e.target_name, e.target_text, e.goldstein, e.quad_class, e.killed, e.wounded,
	e.location_name, e.location_country, e.location_lat, e.location_lon`

// LatestRepresentativeFacts returns the same events as
// LatestRepresentatives (same qs, limit and order, representatives only)
// with only the fields an aggregate needs: ArticleID, Representative and
// of Event the date, Goldstein score, QuadClass, toll, the actors' codes,
// names and texts, and the location's name, country and coordinates.
// The first full of them are returned again in full, as
// LatestRepresentatives returns them, for a table of the latest.
func (db *DB) LatestRepresentativeFacts(ctx context.Context, limit, full int, qs ...dyad.EventQuery) (facts, latest []dyad.ArticleEvent, err error) {
	if limit <= 0 || len(qs) == 0 {
		return nil, nil, nil
	}
	seqs, args := latestRepresentativeSeqs(limit, qs)
	query := `SELECT e.seq, ` + dashboardColumns + ` FROM events e
		WHERE e.seq IN (` + seqs + `)
		ORDER BY e.date DESC, e.seq DESC`
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: latest event facts: %w", err)
	}
	defer rows.Close()
	var fullSeqs []int64
	for rows.Next() {
		var (
			e                         dyad.ArticleEvent
			srcName, srcText          sql.NullString
			tgtCode, tgtName, tgtText sql.NullString
			killed, wounded           sql.NullInt64
			placeName, placeCountry   sql.NullString
			lat, lon                  sql.NullFloat64
			quad                      sql.NullInt64
			seq                       int64
		)
		if err := rows.Scan(&seq, &e.ArticleID, &e.Date, &e.Source.Code, &srcName, &srcText,
			&tgtCode, &tgtName, &tgtText, &e.Goldstein, &quad, &killed, &wounded,
			&placeName, &placeCountry, &lat, &lon); err != nil {
			return nil, nil, fmt.Errorf("sqlite: latest event facts: %w", err)
		}
		if len(fullSeqs) < full {
			fullSeqs = append(fullSeqs, seq)
		}
		e.Representative = true
		e.Source.Name, e.Source.Text = srcName.String, srcText.String
		if tgtCode.Valid {
			e.Target = &dyad.Actor{Code: tgtCode.String, Name: tgtName.String, Text: tgtText.String}
		}
		e.QuadClass = int(quad.Int64)
		e.Killed, e.Wounded = intOrNil(killed), intOrNil(wounded)
		if placeName.Valid {
			e.Location = &dyad.Location{Name: placeName.String, Country: placeCountry.String,
				Lat: lat.Float64, Lon: lon.Float64}
		}
		facts = append(facts, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("sqlite: latest event facts: %w", err)
	}
	if latest, err = db.eventsBySeq(ctx, fullSeqs); err != nil {
		return nil, nil, fmt.Errorf("sqlite: latest event facts: %w", err)
	}
	return facts, latest, nil
}

// eventsBySeq reads the events of seqs in full, latest first.
func (db *DB) eventsBySeq(ctx context.Context, seqs []int64) ([]dyad.ArticleEvent, error) {
	if len(seqs) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(seqs)
	if err != nil {
		return nil, err
	}
	rows, err := db.read.QueryContext(ctx, `SELECT `+streamColumns+` FROM events e JOIN articles a ON a.id = e.article_id
		WHERE e.seq IN (SELECT value FROM json_each(?))
		ORDER BY e.date DESC, e.seq DESC`, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []dyad.ArticleEvent
	var ev StreamedEvent
	for rows.Next() {
		if err := scanStreamRow(rows, &ev); err != nil {
			return nil, err
		}
		out = append(out, ev.ArticleEvent)
	}
	return out, rows.Err()
}

// latestRepresentativeSeqs is the query of the seqs of the latest limit
// representative events matching any of qs, latest first, and its
// arguments; LatestRepresentatives and LatestRepresentativeFacts both
// choose their events with it.
func latestRepresentativeSeqs(limit int, qs []dyad.EventQuery) (string, []any) {
	var (
		latest []string
		args   []any
	)
	for _, q := range qs {
		where, qArgs := eventConditions(q)
		if len(q.Target) >= 3 && q.Source == "" && q.Root == "" && q.Country == "" {
			// events_pair leads with the source's prefix, which a
			// target-only query does not name: the recursive query
			// lists the prefixes it holds (one index seek each, a skip
			// scan), so that the target's representatives are read
			// from the index alone, where events_target would leave
			// the table to be read for each one's representative mark.
			where = append(where, `e.representative = 1`, `substr(e.target_code, 1, 3) = ?`,
				`substr(e.source_code, 1, 3) IN (WITH RECURSIVE prefix(p) AS (
					SELECT MIN(substr(source_code, 1, 3)) FROM events WHERE representative = 1
					UNION ALL SELECT (SELECT MIN(substr(source_code, 1, 3)) FROM events
						WHERE representative = 1 AND substr(source_code, 1, 3) > prefix.p)
					FROM prefix WHERE prefix.p IS NOT NULL)
				SELECT p FROM prefix)`)
			qArgs = append(qArgs, q.Target[:3])
			latest = append(latest, `SELECT * FROM (SELECT e.seq, e.date FROM events e WHERE `+strings.Join(where, ` AND `)+`
				ORDER BY e.date DESC, e.seq DESC LIMIT ?)`)
			args = append(append(args, qArgs...), limit)
			continue
		}
		if q.Target != "" && q.Source == "" && q.Root == "" && q.Country == "" {
			// events_target (target_code, date, seq) sorts a target's
			// events by date without reading the table; the table is
			// read for the representative mark of the latest only, until
			// limit are found. The subquery's LIMIT keeps SQLite from
			// flattening it into the join or dropping its ORDER BY, so it
			// runs as a co-routine yielding rows latest first, and the
			// CROSS JOIN keeps it the outer loop.
			latest = append(latest, `SELECT * FROM (SELECT x.seq, x.date
				FROM (SELECT e.seq, e.date FROM events e WHERE `+strings.Join(where, ` AND `)+`
					ORDER BY e.date DESC, e.seq DESC LIMIT -1) x
				CROSS JOIN events r ON r.seq = x.seq WHERE r.representative = 1 LIMIT ?)`)
			args = append(append(args, qArgs...), limit)
			continue
		}
		where = append(where, `e.representative = 1`)
		// Implied by the prefixes; stated so that the planner can use
		// events_pair.
		if len(q.Source) >= 3 {
			where = append(where, `substr(e.source_code, 1, 3) = ?`)
			qArgs = append(qArgs, q.Source[:3])
		}
		if len(q.Target) >= 3 {
			where = append(where, `substr(e.target_code, 1, 3) = ?`)
			qArgs = append(qArgs, q.Target[:3])
		}
		latest = append(latest, `SELECT * FROM (SELECT e.seq, e.date FROM events e WHERE `+strings.Join(where, ` AND `)+`
			ORDER BY e.date DESC, e.seq DESC LIMIT ?)`)
		args = append(append(args, qArgs...), limit)
	}
	return `SELECT seq FROM (` + strings.Join(latest, ` UNION `) + `) ORDER BY date DESC, seq DESC LIMIT ?`, append(args, limit)
}
