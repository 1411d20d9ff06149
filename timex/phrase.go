package timex

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Precision is how exactly a resolved time expression names its time.
type Precision string

// The precisions, finest first. A Span of a coarser precision starts on
// the first day of its week (Monday), month or year.
const (
	PrecisionDay   Precision = "day"
	PrecisionWeek  Precision = "week"
	PrecisionMonth Precision = "month"
	PrecisionYear  Precision = "year"
)

// Span is a resolved time expression: the first day of the time it names
// (midnight UTC) and how exactly it names it.
type Span struct {
	Start     time.Time
	Precision Precision
}

// Date returns the span's first day as YYYY-MM-DD.
func (s Span) Date() string { return s.Start.Format(time.DateOnly) }

// Unit is what a Phrase counts in.
type Unit uint8

// The units of a Phrase.
const (
	// UnitDay is a day relative to the anchor: "yesterday", "tonight",
	// "this morning", "two days ago".
	UnitDay Unit = iota + 1
	// UnitWeekday is a named weekday: "Monday", "last Friday".
	UnitWeekday
	// UnitWeek is "last week", "this week", "a week ago".
	UnitWeek
	// UnitWeekend is "over the weekend", "last weekend".
	UnitWeekend
	// UnitMonth is "last month", "earlier this month", "two months ago".
	UnitMonth
	// UnitNamedMonth is a month by name: "in October", "last October",
	// "October 2023".
	UnitNamedMonth
	// UnitYear is "last year", "this year", "in 2019".
	UnitYear
	// UnitDate is a calendar date: "Aug. 5", "August 5, 2024", "5 August",
	// "2024-08-05", "on the 5th".
	UnitDate
)

// Phrase is a time expression read from a sequence of words. It means
// nothing until resolved against an anchor, usually the story's date.
type Phrase struct {
	// Start and End delimit the expression in the words scanned:
	// words[Start:End].
	Start, End int
	Unit       Unit
	// Shift is the offset in Units from the anchor's own: -1 for "last",
	// "yesterday" and "a week ago", -2 for "two days ago", +1 for "next";
	// 0 for "this" and for bare names.
	Shift int
	// Relative is true when a word ("last", "next", "this", "ago") fixed
	// Shift; a bare weekday or month name is not relative.
	Relative bool
	// Weekday is the named day of UnitWeekday; OfWeek says it is the day
	// of the week Shift weeks from the anchor's ("Wednesday last week").
	Weekday time.Weekday
	OfWeek  bool
	// Month is the named month of UnitNamedMonth and UnitDate; Day the
	// day of the month of UnitDate; Year the written year, 0 if none.
	Month time.Month
	Day   int
	Year  int
	// Future makes a bare weekday, month or date name the next one on or
	// after the anchor rather than the latest one on or before it. The
	// scanner sets it for "next" and "coming"; a caller that knows the
	// governing verb is in the future tense ("will meet on Friday") sets
	// it too.
	Future bool
	// Past says the words put the time on or before the anchor: a date
	// after "since" ("since October 7") is never a later one.
	Past bool
}

// maxScanWords bounds the words Scan reads; a sentence longer than this
// is not prose.
const maxScanWords = 4096

// maxYear bounds written years: numbers beyond it are counts, not years.
const (
	minYear = 1900
	maxYear = 2200
)

var (
	dayOffsetWords = map[string]int{"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
	// partOfDayWords after "this" name a part of the anchor day and after
	// "last" the evening or night before ("last night").
	partOfDayWords = map[string]bool{"morning": true, "afternoon": true, "evening": true, "night": true}
	relativeWords  = map[string]int{"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0}
	// preYearWords are the words that make a following four-digit number
	// a year: "in 2019", "since 2014", "by 2030".
	preYearWords = map[string]bool{"in": true, "since": true, "during": true, "by": true, "of": true, "until": true, "till": true, "from": true, "early": true, "late": true, "mid": true, "before": true, "after": true, "through": true}
	numberWords  = map[string]int{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 3, "few": 3}
	agoUnits     = map[string]Unit{"day": UnitDay, "days": UnitDay, "week": UnitWeek, "weeks": UnitWeek, "month": UnitMonth, "months": UnitMonth, "year": UnitYear, "years": UnitYear}
)

// Scan returns the time expressions of a word sequence in order, without
// overlaps, longest first at each position. Words are tokens as a
// tokenizer gives them ("Aug.", "5", ",", "2024"); case does not matter
// except that a month name must be capitalised ("may" is a verb).
func Scan(words []string) []Phrase {
	if len(words) > maxScanWords {
		words = words[:maxScanWords]
	}
	lower := lowerWords(words)
	var out []Phrase
	for i := 0; i < len(words); {
		p, ok := scanAt(words, lower, i)
		if !ok {
			i++
			continue
		}
		out = append(out, p)
		i = p.End
	}
	return out
}

// ParseWords reads the first time expression in words, as the words a
// predicate governs ("on", "Monday"; "last", "week").
func ParseWords(words []string) (Phrase, bool) {
	ps := Scan(words)
	if len(ps) == 0 {
		return Phrase{}, false
	}
	return ps[0], true
}

// scanAt reads the expression starting at word i, if any.
func scanAt(words, lower []string, i int) (Phrase, bool) {
	w := lower[i]
	at := func(j int) string {
		if j < len(lower) {
			return lower[j]
		}
		return ""
	}
	switch {
	case w == "earlier" || w == "later":
		// "earlier this month", "earlier Monday": the expression is what
		// follows; "earlier" only places the event before the report.
		if i+1 < len(words) {
			if p, ok := scanAt(words, lower, i+1); ok {
				p.Start = i
				return p, true
			}
		}
	case (w == "end" || w == "beginning" || w == "start" || w == "middle") && at(i+1) == "of":
		// "at the end of July": the month, at its precision.
		if p, ok := scanMonth(words, lower, i+2); ok && p.Unit == UnitNamedMonth {
			p.Start = i
			return p, true
		}
		if m, ok := monthWord(words, i+2); ok {
			return Phrase{Start: i, End: i + 3, Unit: UnitNamedMonth, Month: m}, true
		}
	case w == "over" || w == "at" || w == "during":
		// "over the weekend", "at the weekend".
		if at(i+1) == "the" && (at(i+2) == "weekend" || at(i+2) == "weekends") {
			return Phrase{Start: i, End: i + 3, Unit: UnitWeekend, Shift: 0}, at(i+2) == "weekend"
		}
	}
	if d, ok := dayOffsetWords[w]; ok {
		return Phrase{Start: i, End: i + 1, Unit: UnitDay, Shift: d, Relative: true}, true
	}
	if shift, ok := relativeWords[w]; ok {
		j := i + 1
		if w == "this" && at(j) == "coming" {
			shift, j = 1, j+1
		}
		if w == "this" && at(j) == "past" {
			shift, j = -1, j+1
		}
		next := at(j)
		p := Phrase{Start: i, End: j + 1, Shift: shift, Relative: true, Future: shift > 0}
		switch {
		case next == "week":
			p.Unit = UnitWeek
		case next == "weekend":
			p.Unit = UnitWeekend
		case next == "month":
			p.Unit = UnitMonth
		case next == "year":
			p.Unit = UnitYear
		case partOfDayWords[next] && (w == "this" || w == "last"):
			// "this morning" is the anchor day; "last night" the day
			// before.
			p.Unit, p.Shift = UnitDay, min(shift, 0)
			if w == "this" {
				p.Shift = 0
			}
		default:
			if wd, ok := weekdayNames[next]; ok {
				p.Unit, p.Weekday = UnitWeekday, wd
			} else if m, ok := monthWord(words, j); ok {
				p.Unit, p.Month = UnitNamedMonth, m
			} else {
				return Phrase{}, false
			}
		}
		return p, true
	}
	if wd, ok := weekdayNames[w]; ok {
		p := Phrase{Start: i, End: i + 1, Unit: UnitWeekday, Weekday: wd}
		// "Monday, Aug. 5": the date says more than the weekday.
		if d, ok := scanDate(words, lower, i+1+skipComma(lower, i+1)); ok {
			d.Start = i
			return d, true
		}
		// "on Wednesday last week", "Friday next week".
		if shift, ok := relativeWords[at(i+1)]; ok && at(i+2) == "week" {
			p.End, p.Relative, p.Shift, p.OfWeek, p.Future = i+3, true, shift, true, shift > 0
		}
		return p, true
	}
	if p, ok := scanDate(words, lower, i); ok {
		return p, true
	}
	if p, ok := scanMonth(words, lower, i); ok {
		return p, true
	}
	// "two days ago", "a week ago", "several years ago".
	if n, ok := countWord(w); ok {
		if u, ok := agoUnits[at(i+1)]; ok && at(i+2) == "ago" {
			return Phrase{Start: i, End: i + 3, Unit: u, Shift: -n, Relative: true}, true
		}
		// "24 hours ago": whole days before the story's day.
		if (at(i+1) == "hours" || at(i+1) == "hour") && at(i+2) == "ago" {
			return Phrase{Start: i, End: i + 3, Unit: UnitDay, Shift: -(n / 24), Relative: true}, true
		}
	}
	// "in 2019", "since 2014".
	if preYearWords[w] || w == "mid-" {
		if y, ok := yearWord(at(i + 1)); ok {
			return Phrase{Start: i, End: i + 2, Unit: UnitYear, Year: y}, true
		}
	}
	return Phrase{}, false
}

func skipComma(lower []string, i int) int {
	if i < len(lower) && lower[i] == "," {
		return 1
	}
	return 0
}

// monthWord reads a capitalised month name or abbreviation at words[j].
func monthWord(words []string, j int) (time.Month, bool) {
	if j >= len(words) || words[j] == "" {
		return 0, false
	}
	w := words[j]
	// "mid-October" and "Mid-October".
	if len(w) > 4 && strings.EqualFold(w[:4], "mid-") {
		w = w[4:]
	}
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return 0, false
	}
	m, ok := ParseMonth(w)
	if !ok {
		return 0, false
	}
	// "May" and "March" are also words; callers ask for a day, a year
	// or a preposition next to a month name.
	return m, true
}

// scanDate reads a calendar date at word i: "Aug. 5", "August 5, 2024",
// "5 August 2024", "2024-08-05", "the 5th".
func scanDate(words, lower []string, i int) (Phrase, bool) {
	if i >= len(words) {
		return Phrase{}, false
	}
	if w := lower[i]; len(w) != 10 || w[4] != '-' || w[7] != '-' {
		// Not ISO 8601; time.Parse would allocate an error to say so.
	} else if t, err := time.Parse(time.DateOnly, w); err == nil {
		return Phrase{Start: i, End: i + 1, Unit: UnitDate, Year: t.Year(), Month: t.Month(), Day: t.Day()}, true
	}
	if m, ok := monthWord(words, i); ok {
		if d, ok := dayNumber(lowerAt(lower, i+1)); ok {
			p := Phrase{Start: i, End: i + 2, Unit: UnitDate, Month: m, Day: d}
			j := i + 2 + skipComma(lower, i+2)
			if y, ok := yearWord(lowerAt(lower, j)); ok {
				p.Year, p.End = y, j+1
			}
			return p, validDay(p)
		}
		return Phrase{}, false
	}
	if d, ok := dayNumber(lower[i]); ok {
		if m, ok := monthWord(words, i+1); ok {
			p := Phrase{Start: i, End: i + 2, Unit: UnitDate, Month: m, Day: d}
			if y, ok := yearWord(lowerAt(lower, i+2)); ok {
				p.Year, p.End = y, i+3
			}
			return p, validDay(p)
		}
	}
	// "on the 5th": only an ordinal after "the" is a day of the month.
	if lower[i] == "the" {
		if d, ok := ordinalDay(lowerAt(lower, i+1)); ok {
			if lowerAt(lower, i+2) == "of" {
				if m, ok := monthWord(words, i+3); ok {
					p := Phrase{Start: i, End: i + 4, Unit: UnitDate, Month: m, Day: d}
					if y, ok := yearWord(lowerAt(lower, i+4)); ok {
						p.Year, p.End = y, i+5
					}
					return p, validDay(p)
				}
			}
			return Phrase{Start: i, End: i + 2, Unit: UnitDate, Day: d}, true
		}
	}
	return Phrase{}, false
}

// validDay rejects a month and day that exist in no year (Feb 30).
func validDay(p Phrase) bool {
	y := p.Year
	if y == 0 {
		y = 2024 // a leap year: Feb 29 exists in some year
	}
	_, ok := Date(y, p.Month, p.Day)
	return ok
}

// scanMonth reads a month named without a day at word i: "in October",
// "October 2023", "mid-October", "last October" (read by scanAt).
func scanMonth(words, lower []string, i int) (Phrase, bool) {
	prep := lower[i] == "in" || lower[i] == "since" || lower[i] == "during" || lower[i] == "until" || lower[i] == "by" || lower[i] == "early" || lower[i] == "late" || lower[i] == "from"
	j := i
	if prep {
		j = i + 1
	}
	m, ok := monthWord(words, j)
	if !ok {
		return Phrase{}, false
	}
	// "since October 7": the preposition heads a date.
	if prep {
		if d, ok := scanDate(words, lower, j); ok {
			d.Start, d.Past = i, lower[i] == "since"
			return d, true
		}
	}
	p := Phrase{Start: i, End: j + 1, Unit: UnitNamedMonth, Month: m}
	if y, ok := yearWord(lowerAt(lower, j+1)); ok {
		p.Year, p.End = y, j+2
	} else if lowerAt(lower, j+1) == "last" && lowerAt(lower, j+2) == "year" {
		p.Year, p.End, p.Shift, p.Relative = -1, j+3, -1, true
	} else if !prep && !strings.HasPrefix(lower[j], "mid-") {
		// A bare month name needs a preposition or a year: "October
		// surprise" and "May" the verb are not dates.
		return Phrase{}, false
	}
	return p, true
}

func lowerAt(lower []string, i int) string {
	if i < len(lower) {
		return lower[i]
	}
	return ""
}

// dayNumber reads a day of the month: "5", "05", "5th".
func dayNumber(w string) (int, bool) {
	w = strings.TrimRight(w, ",")
	for _, suf := range [...]string{"st", "nd", "rd", "th"} {
		if s, ok := strings.CutSuffix(w, suf); ok {
			w = s
			break
		}
	}
	if len(w) == 0 || len(w) > 2 {
		return 0, false
	}
	d, ok := digits(w)
	if !ok || d < 1 || d > 31 {
		return 0, false
	}
	return d, true
}

// ordinalDay reads "5th", "21st" or the words "first" to "thirty-first"
// as far as news uses them ("the first", "the 5th").
func ordinalDay(w string) (int, bool) {
	if len(w) < 3 {
		return 0, false
	}
	switch w[len(w)-2:] {
	case "st", "nd", "rd", "th":
		if w[0] >= '0' && w[0] <= '9' {
			return dayNumber(w)
		}
	}
	return 0, false
}

func yearWord(w string) (int, bool) {
	if len(w) != 4 {
		return 0, false
	}
	y, ok := digits(w)
	if !ok || y < minYear || y > maxYear {
		return 0, false
	}
	return y, true
}

func countWord(w string) (int, bool) {
	if n, ok := numberWords[w]; ok {
		return n, true
	}
	if len(w) == 0 || len(w) > 3 {
		return 0, false
	}
	n, ok := digits(w)
	if !ok || n < 1 {
		return 0, false
	}
	return n, true
}

// Resolve returns the time p names relative to anchor. News reports what
// happened, so a bare weekday, month or date is the latest one on or
// before the anchor ("on Monday" in a Tuesday story is the day before,
// "in October" in an August story is last year's), unless p.Future is
// set. Weeks start on Monday (ISO 8601); a weekend belongs to its week.
// ok is false for a date that does not exist or an anchor that is zero.
func (p Phrase) Resolve(anchor time.Time) (Span, bool) {
	if anchor.IsZero() {
		return Span{}, false
	}
	a := time.Date(anchor.Year(), anchor.Month(), anchor.Day(), 0, 0, 0, 0, time.UTC)
	monday := func(t time.Time) time.Time { return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) }
	switch p.Unit {
	case UnitDay:
		return Span{a.AddDate(0, 0, p.Shift), PrecisionDay}, true
	case UnitWeek:
		return Span{monday(a).AddDate(0, 0, 7*p.Shift), PrecisionWeek}, true
	case UnitWeekend:
		// "over the weekend" is the latest Saturday on or before the
		// anchor (the anchor's own weekend when it falls on one).
		sat := a.AddDate(0, 0, -((int(a.Weekday()) + 1) % 7))
		switch {
		case p.Shift < 0 && a.Weekday() != time.Saturday && a.Weekday() != time.Sunday:
			// "last weekend" on a weekday is the one just gone.
		case p.Shift < 0:
			sat = sat.AddDate(0, 0, -7)
		case p.Shift > 0 || (p.Relative && p.Future):
			sat = sat.AddDate(0, 0, 7)
		}
		return Span{monday(sat), PrecisionWeek}, true
	case UnitWeekday:
		if p.OfWeek {
			// "Wednesday last week".
			week := monday(a).AddDate(0, 0, 7*p.Shift)
			return Span{week.AddDate(0, 0, (int(p.Weekday)+6)%7), PrecisionDay}, true
		}
		e := Expr{Kind: Weekday, Weekday: p.Weekday, Shift: p.Shift, This: p.Relative && p.Shift == 0}
		if !p.Relative && p.Future {
			e.This = true
		}
		start, _ := e.Resolve(a)
		return Span{start, PrecisionDay}, true
	case UnitMonth:
		first := time.Date(a.Year(), a.Month(), 1, 0, 0, 0, 0, time.UTC)
		return Span{first.AddDate(0, p.Shift, 0), PrecisionMonth}, true
	case UnitNamedMonth:
		y := a.Year()
		switch {
		case p.Year > 0:
			y = p.Year
		case p.Year == -1:
			y = a.Year() - 1
		case p.Relative && p.Shift < 0:
			// "last October": the latest October before the anchor's month.
			if p.Month >= a.Month() {
				y--
			}
		case p.Relative && p.Shift > 0, p.Future:
			if p.Month < a.Month() || (p.Relative && p.Month == a.Month()) {
				y++
			}
		default:
			if p.Month > a.Month() {
				y--
			}
		}
		return Span{time.Date(y, p.Month, 1, 0, 0, 0, 0, time.UTC), PrecisionMonth}, true
	case UnitYear:
		y := a.Year() + p.Shift
		if p.Year > 0 {
			y = p.Year
		}
		return Span{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), PrecisionYear}, true
	case UnitDate:
		return p.resolveDate(a)
	}
	return Span{}, false
}

// resolveDate places a calendar date. A date without a year takes the
// year that puts it nearest the anchor, a date after the anchor counting
// double unless p.Future (so "Dec. 30" in a Jan. 2 story is last year's);
// a day without a month ("the 5th") takes the anchor's month, or the one
// before when that puts it after the anchor.
func (p Phrase) resolveDate(a time.Time) (Span, bool) {
	if p.Month == 0 {
		t, ok := Date(a.Year(), a.Month(), p.Day)
		if !ok || (t.After(a) && !p.Future) {
			prev := a.AddDate(0, 0, -a.Day()+1).AddDate(0, -1, 0)
			t, ok = Date(prev.Year(), prev.Month(), p.Day)
		}
		return Span{t, PrecisionDay}, ok
	}
	if p.Year > 0 {
		t, ok := Date(p.Year, p.Month, p.Day)
		return Span{t, PrecisionDay}, ok
	}
	var best time.Time
	bestCost := time.Duration(1<<63 - 1)
	for y := a.Year() - 1; y <= a.Year()+1; y++ {
		t, ok := Date(y, p.Month, p.Day)
		if !ok {
			continue
		}
		cost := a.Sub(t)
		if cost < 0 && p.Past {
			continue
		}
		if cost < 0 {
			cost = -cost
			if !p.Future {
				cost *= 2
			}
		} else if p.Future && cost > 0 {
			cost *= 2
		}
		if cost < bestCost {
			best, bestCost = t, cost
		}
	}
	return Span{best, PrecisionDay}, !best.IsZero()
}

// maxScanWordBytes is the longest word Scan reads; no time word is longer.
const maxScanWordBytes = 16

// lowerWords lower-cases words of up to maxScanWordBytes (longer ones
// are left empty), the lower-case ones as they are and the others cut
// from one string, so a sentence costs one allocation at most.
func lowerWords(words []string) []string {
	lower := make([]string, len(words))
	size := 0
	for i, w := range words {
		if len(w) > maxScanWordBytes {
			continue
		}
		if hasUpper(w) {
			size += len(w)
		} else {
			lower[i] = w
		}
	}
	if size == 0 {
		return lower
	}
	buf := make([]byte, 0, size)
	at := make([]int, 0, 8)
	for _, w := range words {
		if len(w) <= maxScanWordBytes && hasUpper(w) {
			at = append(at, len(buf))
			buf = appendLower(buf, w)
		}
	}
	text := string(buf)
	k := 0
	for i, w := range words {
		if len(w) <= maxScanWordBytes && hasUpper(w) {
			end := len(text)
			if k+1 < len(at) {
				end = at[k+1]
			}
			lower[i] = text[at[k]:end]
			k++
		}
	}
	return lower
}

// hasUpper reports a word lower-casing would change: one with an ASCII
// capital or any non-ASCII byte.
func hasUpper(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return true
		}
	}
	return false
}

// appendLower appends w lower-cased to dst.
func appendLower(dst []byte, w string) []byte {
	for _, r := range w {
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// digits reads a non-negative number of up to nine ASCII digits, without
// the error value strconv allocates for each word that is not one.
func digits(w string) (int, bool) {
	if len(w) == 0 || len(w) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = 10*n + int(c-'0')
	}
	return n, true
}
