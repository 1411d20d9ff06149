package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dyadnews/dyad/escalation"
)

// pairDaysSQL sums one direction of a pair per day over representative
// events only, so near-duplicate copies count once. It reads only the
// covering index events_pair: the country-level prefix columns narrow
// the range, and the full codes, when the pair names them, are checked
// from the index too. The %s slots take the optional full-code checks.
const pairDaysSQL = `SELECT date, COUNT(*), TOTAL(goldstein), TOTAL(goldstein * goldstein),
	SUM(quad_class = 1), SUM(quad_class = 2), SUM(quad_class = 3), SUM(quad_class = 4),
	TOTAL(killed), TOTAL(wounded)
	FROM events
	WHERE representative = 1 AND substr(source_code, 1, 3) = ? AND substr(target_code, 1, 3) = ?
		AND date >= ? AND date <= ?%s%s
	GROUP BY date`

// PairDays returns the days from since to until (inclusive, by event
// date) on which pair p has events, sorted by date. A three-letter code
// matches every code it begins; a longer one only itself. An unordered
// pair sums both directions.
func (db *DB) PairDays(ctx context.Context, p escalation.Pair, since, until time.Time) ([]escalation.Day, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("sqlite: pair days: %w", err)
	}
	from, to := since.UTC().Format(time.DateOnly), until.UTC().Format(time.DateOnly)
	days := map[string]*escalation.Day{}
	dirs := [][2]string{{p.A, p.B}}
	if !p.Ordered && p.A != p.B {
		dirs = append(dirs, [2]string{p.B, p.A})
	}
	for _, d := range dirs {
		if err := db.pairDirection(ctx, d[0], d[1], from, to, days); err != nil {
			return nil, fmt.Errorf("sqlite: pair days %s: %w", p, err)
		}
	}
	out := make([]escalation.Day, 0, len(days))
	for _, d := range days {
		out = append(out, *d)
	}
	slices.SortFunc(out, func(a, b escalation.Day) int { return strings.Compare(a.Date, b.Date) })
	return out, nil
}

func (db *DB) pairDirection(ctx context.Context, source, target, from, to string, days map[string]*escalation.Day) error {
	args := []any{source[:3], target[:3], from, to}
	var sourceCheck, targetCheck string
	if len(source) > 3 {
		sourceCheck = ` AND source_code = ?`
		args = append(args, source)
	}
	if len(target) > 3 {
		targetCheck = ` AND target_code = ?`
		args = append(args, target)
	}
	rows, err := db.read.QueryContext(ctx, fmt.Sprintf(pairDaysSQL, sourceCheck, targetCheck), args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		var r escalation.Day
		var killed, wounded float64
		if err := rows.Scan(&r.Date, &r.Events, &r.GoldsteinSum, &r.GoldsteinSumSq,
			&r.QuadClass[0], &r.QuadClass[1], &r.QuadClass[2], &r.QuadClass[3], &killed, &wounded); err != nil {
			rows.Close()
			return err
		}
		r.Killed, r.Wounded = int(killed), int(wounded)
		d, ok := days[r.Date]
		if !ok {
			days[r.Date] = &r
			continue
		}
		d.Events += r.Events
		d.GoldsteinSum += r.GoldsteinSum
		d.GoldsteinSumSq += r.GoldsteinSumSq
		for i := range d.QuadClass {
			d.QuadClass[i] += r.QuadClass[i]
		}
		d.Killed += r.Killed
		d.Wounded += r.Wounded
	}
	return closeRows(rows)
}

// DefaultEscalationDays is the length of a series when since is not
// given.
const DefaultEscalationDays = 90

// PairSeries builds pair p's escalation series over [since, until]
// (dates, inclusive) with change flags, reading the history the flags
// need before since. A zero until is the pair's latest event date (today
// when it has none); a zero since is DefaultEscalationDays before until.
func (db *DB) PairSeries(ctx context.Context, p escalation.Pair, since, until time.Time, opt escalation.Options) (escalation.Series, error) {
	if err := p.Validate(); err != nil {
		return escalation.Series{}, fmt.Errorf("sqlite: pair series: %w", err)
	}
	if until.IsZero() {
		last, err := db.pairLastDate(ctx, p)
		if err != nil {
			return escalation.Series{}, fmt.Errorf("sqlite: pair series %s: %w", p, err)
		}
		until = last
	}
	if since.IsZero() {
		since = until.AddDate(0, 0, -(DefaultEscalationDays - 1))
	}
	days, err := db.PairDays(ctx, p, since.AddDate(0, 0, -escalation.History(opt)), until)
	if err != nil {
		return escalation.Series{}, err
	}
	return escalation.Build(p, days, since, until, opt)
}

// pairLastDate is the latest date of the pair's representative events,
// today (UTC) when there are none.
func (db *DB) pairLastDate(ctx context.Context, p escalation.Pair) (time.Time, error) {
	last := ""
	dirs := [][2]string{{p.A, p.B}}
	if !p.Ordered {
		dirs = append(dirs, [2]string{p.B, p.A})
	}
	for _, d := range dirs {
		var date sql.NullString
		if err := db.read.QueryRowContext(ctx, `SELECT MAX(date) FROM events
			WHERE representative = 1 AND substr(source_code, 1, 3) = ? AND substr(target_code, 1, 3) = ?`,
			d[0][:3], d[1][:3]).Scan(&date); err != nil {
			return time.Time{}, err
		}
		last = max(last, date.String)
	}
	if t, err := time.Parse(time.DateOnly, last); err == nil {
		return t, nil
	}
	return time.Now().UTC().Truncate(24 * time.Hour), nil
}
