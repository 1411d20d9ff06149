package timex

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var monthNames = map[string]time.Month{
	"jan": time.January, "january": time.January,
	"feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March,
	"apr": time.April, "april": time.April,
	"may": time.May,
	"jun": time.June, "june": time.June,
	"jul": time.July, "july": time.July,
	"aug": time.August, "august": time.August,
	"sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October,
	"nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

// ParseMonth reads an English month name or its abbreviation, with or
// without a full stop and in any case: "Aug", "Aug.", "Sept.", "AUGUST".
func ParseMonth(s string) (time.Month, bool) {
	s = strings.TrimSuffix(s, ".")
	// Month names are ASCII: fold the case in a buffer on the stack.
	var buf [len("september")]byte
	if len(s) > len(buf) {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	m, ok := monthNames[string(buf[:len(s)])]
	return m, ok
}

// DateMatch is a calendar date written out in text.
type DateMatch struct {
	// Start and End are the byte offsets of the date in the text,
	// including a leading weekday ("Thursday, May 7, 2015").
	Start, End int
	Month      time.Month
	Day        int
	// Year is 0 when the text gives none ("Aug. 6").
	Year int
	// Weekday is the weekday written with the date, -1 when none is.
	Weekday time.Weekday
}

// Time returns the date as midnight UTC; ok is false without a year or
// for a day that does not exist.
func (d DateMatch) Time() (time.Time, bool) {
	if d.Year == 0 {
		return time.Time{}, false
	}
	return Date(d.Year, d.Month, d.Day)
}

// dateRE finds "Thursday, May 7, 2015", "May 7", "Aug. 6, 2024",
// "7 May 2015", "6th August" and ISO 8601 "2024-08-06". Month words are checked by ParseMonth,
// so the pattern only needs their shape; a capital letter is required
// because "may 5" is more often a verb than a date.
var dateRE = regexp.MustCompile(`\b(\d{4})-(\d{2})-(\d{2})\b|(?:\b([A-Za-z]+day),?\s+)?(?:\b([A-Z][a-zA-Z]{2,8}\.?)\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?|\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Z][a-zA-Z]{2,8})\b\.?(?:,?\s+(\d{4})\b)?)`)

// FindDates returns the written-out dates of text in order. A weekday
// that contradicts the date it heads is kept as written, so callers can
// tell a typo from a match (see DateMatch.Consistent).
func FindDates(text string) []DateMatch {
	var out []DateMatch
	for _, m := range dateRE.FindAllStringSubmatchIndex(text, -1) {
		sub := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return text[m[2*i]:m[2*i+1]]
		}
		d := DateMatch{Start: m[0], End: m[1], Weekday: -1}
		if iso := sub(1); iso != "" {
			d.Year, _ = strconv.Atoi(iso)
			month, _ := strconv.Atoi(sub(2))
			d.Day, _ = strconv.Atoi(sub(3))
			if _, ok := Date(d.Year, time.Month(month), d.Day); ok {
				d.Month = time.Month(month)
				out = append(out, d)
			}
			continue
		}
		monthWord, dayWord, yearWord := sub(5), sub(6), sub(7)
		if monthWord == "" {
			monthWord, dayWord, yearWord = sub(9), sub(8), sub(10)
		}
		month, ok := ParseMonth(monthWord)
		if !ok {
			continue
		}
		d.Month = month
		d.Day, _ = strconv.Atoi(dayWord)
		if d.Day < 1 || d.Day > 31 {
			continue
		}
		if yearWord != "" {
			d.Year, _ = strconv.Atoi(yearWord)
		}
		if w := sub(4); w != "" {
			if wd, ok := weekdayNames[strings.ToLower(w)]; ok {
				d.Weekday = wd
			} else if sub(5) != "" {
				// "holiday, May 5": only a weekday heads a date.
				d.Start = m[2*5]
			} else {
				d.Start = m[2*8]
			}
		}
		out = append(out, d)
	}
	return out
}

// Consistent reports whether a written weekday agrees with the date.
// A date without a year or without a weekday is consistent.
func (d DateMatch) Consistent() bool {
	t, ok := d.Time()
	return !ok || d.Weekday < 0 || t.Weekday() == d.Weekday
}

var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04",
	"2006-01-02",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
}

// ParseLenient reads a publication date as feeds and records give it:
// RFC 3339, ISO 8601 date or date-time without zone (taken as UTC),
// RFC 1123, or a written date with year ("Thursday, May 7, 2015",
// "7 May 2015"). A date-only value is midnight UTC.
func ParseLenient(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range isoLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	ds := FindDates(s)
	if len(ds) != 1 || ds[0].Start != 0 || ds[0].End != len(s) {
		return time.Time{}, false
	}
	return ds[0].Time()
}
