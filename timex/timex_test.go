package timex

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestResolveMonthDay(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		month    time.Month
		day      int
		weekdays []time.Weekday
		now      time.Time
		want     string
		reason   string
		ok       bool
	}{
		{"weekday in lead", time.August, 6, []time.Weekday{time.Tuesday}, now, "2024-08-06", "year 2024 from weekday Tuesday in text", true},
		{"first weekday outweighs later ones", time.August, 6, []time.Weekday{time.Tuesday, time.Monday, time.Monday, time.Tuesday}, now, "2024-08-06", "year 2024 from weekday Tuesday in text", true},
		{"no weekday", time.August, 6, nil, now, "2026-08-06", "year 2026: latest not after ingest", true},
		{"day later this year is last year", time.December, 24, nil, now, "2025-12-24", "year 2025: latest not after ingest", true},
		{"weekday no year matches", time.August, 6, []time.Weekday{time.Saturday}, time.Date(2026, 8, 10, 0, 0, 0, 0, time.UTC), "2022-08-06", "year 2022 from weekday Saturday in text", true},
		{"leap day with weekday", time.February, 29, []time.Weekday{time.Thursday}, now, "2024-02-29", "year 2024 from weekday Thursday in text", true},
		{"leap day without weekday", time.February, 29, nil, now, "2024-02-29", "year 2024: latest not after ingest", true},
		{"Dec 31 read on Jan 2", time.December, 31, nil, time.Date(2027, 1, 2, 9, 0, 0, 0, time.UTC), "2026-12-31", "year 2026: latest not after ingest", true},
		{"Jan 1 local read on Dec 31 UTC", time.January, 1, nil, time.Date(2026, 12, 31, 14, 0, 0, 0, time.UTC), "2027-01-01", "year 2027: latest not after ingest", true},
		{"today", time.November, 26, nil, now, "2026-11-26", "year 2026: latest not after ingest", true},
		{"weekday older than ten years is ignored", time.August, 6, []time.Weekday{time.Wednesday}, now, "2025-08-06", "year 2025 from weekday Wednesday in text", true},
		{"impossible day", time.February, 30, nil, now, "", "", false},
		{"bad month", 13, 1, nil, now, "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, reason, ok := ResolveMonthDay(tt.month, tt.day, tt.weekdays, tt.now)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if !ok {
				return
			}
			if got.Format(time.DateOnly) != tt.want || reason != tt.reason {
				t.Errorf("got %s (%s), want %s (%s)", got.Format(time.DateOnly), reason, tt.want, tt.reason)
			}
			if got.After(tt.now.Add(futureSlack)) {
				t.Errorf("%s is in the future of %s", got, tt.now)
			}
		})
	}
}

func TestFindAndResolve(t *testing.T) {
	anchor := day("2024-08-06") // a Tuesday
	tests := []struct {
		text       string
		kind       Kind
		start, end string
		bare       bool
	}{
		{"said on Tuesday", Weekday, "2024-08-06", "2024-08-07", true},
		{"an attack on Monday", Weekday, "2024-08-05", "2024-08-06", true},
		{"on Wednesday last week", Weekday, "2024-07-31", "2024-08-01", true},
		{"last Tuesday", Weekday, "2024-07-30", "2024-07-31", false},
		{"last Friday", Weekday, "2024-08-02", "2024-08-03", false},
		{"next Tuesday", Weekday, "2024-08-13", "2024-08-14", false},
		{"this Friday", Weekday, "2024-08-09", "2024-08-10", false},
		{"this coming Friday", Weekday, "2024-08-09", "2024-08-10", false},
		{"yesterday", Day, "2024-08-05", "2024-08-06", false},
		{"Today", Day, "2024-08-06", "2024-08-07", false},
		{"tomorrow", Day, "2024-08-07", "2024-08-08", false},
		{"last week", Week, "2024-07-29", "2024-08-05", false},
		{"next week", Week, "2024-08-12", "2024-08-19", false},
		{"Monday's attack", Weekday, "2024-08-05", "2024-08-06", true},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			es := Find(tt.text)
			if len(es) == 0 {
				t.Fatal("nothing found")
			}
			e := es[0]
			if e.Kind != tt.kind || e.Bare() != tt.bare {
				t.Errorf("kind %v bare %v, want %v %v", e.Kind, e.Bare(), tt.kind, tt.bare)
			}
			start, end := e.Resolve(anchor)
			if start.Format(time.DateOnly) != tt.start || end.Format(time.DateOnly) != tt.end {
				t.Errorf("resolved [%s, %s), want [%s, %s)", start.Format(time.DateOnly), end.Format(time.DateOnly), tt.start, tt.end)
			}
			if tt.text[e.Start:e.End] == "" {
				t.Error("empty span")
			}
		})
	}
	for _, s := range []string{"open on Mondays", "Sun and Sat", "Tuesdays", "Mayday", ""} {
		if es := Find(s); len(es) != 0 {
			t.Errorf("Find(%q) = %+v, want nothing", s, es)
		}
	}
}

func TestBareWeekdays(t *testing.T) {
	got := BareWeekdays("Blinken said on Tuesday. An attack Monday; last Friday's raid; Earlier Monday, next Sunday.")
	want := []time.Weekday{time.Tuesday, time.Monday, time.Monday}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestFindDates(t *testing.T) {
	tests := []struct {
		text                string
		month               time.Month
		day, year           int
		weekday             time.Weekday
		consistent, matched bool
	}{
		{"Thursday, May 7, 2015", time.May, 7, 2015, time.Thursday, true, true},
		{"Aug. 6", time.August, 6, 0, -1, true, true},
		{"on 7 May 2015 it rained", time.May, 7, 2015, -1, true, true},
		{"the 6th August", time.August, 6, 0, -1, true, true},
		{"2024-08-06 10:31", time.August, 6, 2024, -1, true, true},
		{"Monday, May 7, 2015", time.May, 7, 2015, time.Monday, false, true},
		{"Sept. 12, 2024", time.September, 12, 2024, -1, true, true},
		{"he may 5 times", 0, 0, 0, 0, false, false},
		{"Mayor 5", 0, 0, 0, 0, false, false},
		{"2024-02-30", 0, 0, 0, 0, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			ds := FindDates(tt.text)
			if !tt.matched {
				if len(ds) != 0 {
					t.Errorf("found %+v", ds)
				}
				return
			}
			if len(ds) != 1 {
				t.Fatalf("found %+v", ds)
			}
			d := ds[0]
			if d.Month != tt.month || d.Day != tt.day || d.Year != tt.year || d.Weekday != tt.weekday || d.Consistent() != tt.consistent {
				t.Errorf("got %+v consistent %v", d, d.Consistent())
			}
		})
	}
}

func TestParseLenient(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"2015-09-01", "2015-09-01T00:00:00Z", true},
		{"2015-09-01T10:20:30Z", "2015-09-01T10:20:30Z", true},
		{"2015-09-01T10:20:30+02:00", "2015-09-01T08:20:30Z", true},
		{"2015-09-01 10:20:30", "2015-09-01T10:20:30Z", true},
		{"Thursday, May 7, 2015", "2015-05-07T00:00:00Z", true},
		{"7 May 2015", "2015-05-07T00:00:00Z", true},
		{"May 7", "", false},
		{"yesterday", "", false},
		{"", "", false},
		{"\x00\xff", "", false},
	}
	for _, tt := range tests {
		got, ok := ParseLenient(tt.in)
		if ok != tt.ok || ok && got.UTC().Format(time.RFC3339) != tt.want {
			t.Errorf("ParseLenient(%q) = %v, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
