package timex

import (
	"time"
	"unicode"
	"unicode/utf8"
)

// Kind is what a relative expression names.
type Kind int

const (
	// Weekday is a weekday name, bare or with "last", "next", "this".
	Weekday Kind = iota + 1
	// Day is "yesterday", "today", "tonight" or "tomorrow".
	Day
	// Week is "last week", "this week" or "next week".
	Week
)

// Expr is a relative time expression found in text. It means nothing
// until resolved against an anchor, usually the story's dateline date.
type Expr struct {
	// Start and End are the byte offsets of the expression in the text.
	Start, End int
	Kind       Kind
	// Weekday is the named day for Kind Weekday.
	Weekday time.Weekday
	// Shift is -1 for "last", +1 for "next", 0 for a bare weekday or
	// "this"; for Kind Day it is the offset in days (-1 for yesterday).
	Shift int
	// This is true for "this Friday" and "this week".
	This bool
}

// Bare reports whether e is a weekday name with no "last", "next" or
// "this": in news copy it is a day of the current week up to the
// dateline, most often the filing day itself.
func (e Expr) Bare() bool { return e.Kind == Weekday && e.Shift == 0 && !e.This }

// Resolve returns the days e denotes relative to anchor, as the half-open
// interval [start, end) of midnights UTC. A bare weekday is the latest
// such day on or before the anchor (news reports what happened); "last
// Tuesday" is the latest strictly before it, "next Tuesday" the first
// strictly after, "this Tuesday" the first on or after. Weeks start on
// Monday (ISO 8601).
func (e Expr) Resolve(anchor time.Time) (start, end time.Time) {
	a := time.Date(anchor.Year(), anchor.Month(), anchor.Day(), 0, 0, 0, 0, time.UTC)
	day := 24 * time.Hour
	switch e.Kind {
	case Day:
		start = a.AddDate(0, 0, e.Shift)
		return start, start.Add(day)
	case Week:
		monday := a.AddDate(0, 0, -((int(a.Weekday()) + 6) % 7))
		start = monday.AddDate(0, 0, 7*e.Shift)
		return start, start.AddDate(0, 0, 7)
	case Weekday:
		diff := int(e.Weekday) - int(a.Weekday()) // in (-7, 7)
		switch {
		case e.Shift < 0:
			back := (7 - diff) % 7
			if back == 0 {
				back = 7
			}
			start = a.AddDate(0, 0, -back)
		case e.Shift > 0:
			ahead := (diff + 7) % 7
			if ahead == 0 {
				ahead = 7
			}
			start = a.AddDate(0, 0, ahead)
		case e.This:
			start = a.AddDate(0, 0, (diff+7)%7)
		default:
			start = a.AddDate(0, 0, -((7 - diff) % 7))
		}
		return start, start.Add(day)
	}
	return a, a.Add(day)
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday,
	"friday": time.Friday, "saturday": time.Saturday,
}

var dayWords = map[string]int{"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}

// shiftWords are the words that turn a weekday or "week" relative to the
// anchor's own week.
var shiftWords = map[string]int{"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}

// Find returns the relative time expressions of text in order. Only full
// weekday names count ("Sun" and "Sat" are too often something else), and
// plurals ("on Mondays") are habits, not dates, so they are skipped.
func Find(text string) []Expr {
	var out []Expr
	var buf [16]byte
	// The word before, when it is one of shiftWords.
	prevShift, prevThis, prevStart := 0, false, -1
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += size
			if r != ' ' && r != '\t' {
				// Punctuation between words breaks "last, Tuesday".
				prevStart = -1
			}
			continue
		}
		start := i
		for i < len(text) {
			r, size := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				break
			}
			i += size
		}
		lw, ok := lowerASCII(&buf, text[start:i])
		if !ok {
			prevStart = -1
			continue
		}
		if wd, ok := weekdayNames[string(lw)]; ok {
			e := Expr{Start: start, End: i, Kind: Weekday, Weekday: wd}
			if prevStart >= 0 {
				e.Start, e.Shift, e.This = prevStart, prevShift, prevThis
			}
			out = append(out, e)
		} else if string(lw) == "week" {
			if prevStart >= 0 {
				out = append(out, Expr{Start: prevStart, End: i, Kind: Week, Shift: prevShift, This: prevThis})
			}
		} else if d, ok := dayWords[string(lw)]; ok {
			out = append(out, Expr{Start: start, End: i, Kind: Day, Shift: d})
		}
		if shift, ok := shiftWords[string(lw)]; ok {
			// "this coming Friday" keeps the start of "this".
			if !(prevStart >= 0 && prevThis && string(lw) == "coming") {
				prevStart, prevThis = start, string(lw) == "this"
			}
			prevShift = shift
		} else {
			prevStart = -1
		}
	}
	return out
}

// lowerASCII lower-cases a word of 2 to 9 ASCII letters into buf without
// allocating; ok is false for other words, which no keyword matches.
func lowerASCII(buf *[16]byte, w string) ([]byte, bool) {
	if len(w) < 2 || len(w) > len("wednesday") {
		return nil, false
	}
	b := buf[:0]
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return nil, false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, true
}

// BareWeekdays returns the weekdays of the bare weekday mentions in text,
// in order: the evidence ResolveMonthDay weighs.
func BareWeekdays(text string) []time.Weekday {
	var out []time.Weekday
	for _, e := range Find(text) {
		if e.Bare() {
			out = append(out, e.Weekday)
		}
	}
	return out
}
