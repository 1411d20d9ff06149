// Package timex resolves the partial and relative dates of news text
// against an anchor: a dateline's month and day without a year, weekday
// names ("said on Tuesday"), "yesterday", "last week". News stories date
// themselves loosely; the rules here are the ones wire copy follows, so a
// story's own words decide where the calendar leaves a choice.
package timex

import (
	"fmt"
	"time"
)

// MaxYearsBack bounds how far before the anchor a date without a year
// may be placed: a story older than this is not what a dateline without
// a year describes.
const MaxYearsBack = 10

// futureSlack is how far after the ingest instant a resolved date may
// fall. A dateline carries the local date of the place it was filed from,
// which can be up to a day ahead of UTC (Auckland, Kiribati), so a story
// dated Jan 1 in Sydney read at 14:00 UTC on Dec 31 is this year's, not
// last year's.
const futureSlack = 24 * time.Hour

// Date returns midnight UTC of the given calendar day, and false when
// the day does not exist (Feb 30, Feb 29 in a common year, month 13).
func Date(year int, month time.Month, day int) (time.Time, bool) {
	if month < time.January || month > time.December || day < 1 || day > 31 {
		return time.Time{}, false
	}
	t := time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
	if t.Month() != month || t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

// ResolveMonthDay chooses the year of a month and day given without one,
// as in the dateline "ANNAPOLIS, Md., Aug 6 (Reuters)". Candidates are the
// years from now's back to MaxYearsBack before it in which the day exists
// and is not after now. weekdays are the bare weekday mentions of the
// story in text order ("said on Tuesday"); the first ones weigh most,
// because a lead's weekday is usually the filing day, and later ones
// often look back to earlier days. The year chosen is the latest in which
// the day falls on the best-supported weekday; with no weekday that any
// candidate year matches, it is simply the latest candidate.
//
// The returned reason says which rule decided, for DateReason fields:
// "year 2024 from weekday Tuesday in text" or "year 2025: latest not after
// ingest". ok is false when no candidate year exists (Feb 30, or Feb 29
// with no leap year in range).
func ResolveMonthDay(month time.Month, day int, weekdays []time.Weekday, now time.Time) (date time.Time, reason string, ok bool) {
	limit := now.UTC().Add(futureSlack)
	var candidates []time.Time // latest first
	for y := now.UTC().Year() + 1; y >= now.UTC().Year()-MaxYearsBack; y-- {
		t, exists := Date(y, month, day)
		if exists && !t.After(limit) {
			candidates = append(candidates, t)
		}
	}
	if len(candidates) == 0 {
		return time.Time{}, "", false
	}
	var score [7]float64
	for i, w := range weekdays {
		if w >= time.Sunday && w <= time.Saturday {
			score[w] += 1 / float64(i+1)
		}
	}
	best, bestScore := -1, 0.0
	for i, c := range candidates {
		if s := score[c.Weekday()]; s > bestScore {
			best, bestScore = i, s
		}
	}
	if best < 0 {
		t := candidates[0]
		return t, fmt.Sprintf("year %d: latest not after ingest", t.Year()), true
	}
	t := candidates[best]
	return t, fmt.Sprintf("year %d from weekday %s in text", t.Year(), t.Weekday()), true
}
