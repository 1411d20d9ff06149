package timex

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestScanResolve(t *testing.T) {
	tue := day("2024-08-06") // a Tuesday
	tests := []struct {
		words  string // space-separated tokens
		anchor time.Time
		future bool
		phrase string // the words the expression spans
		date   string
		prec   Precision
	}{
		{"said on Monday", tue, false, "Monday", "2024-08-05", PrecisionDay},
		{"said on Tuesday", tue, false, "Tuesday", "2024-08-06", PrecisionDay},
		{"will meet on Friday", tue, true, "Friday", "2024-08-09", PrecisionDay},
		{"Earlier Monday , a rocket", tue, false, "Earlier Monday", "2024-08-05", PrecisionDay},
		{"last Friday", tue, false, "last Friday", "2024-08-02", PrecisionDay},
		{"next Monday", tue, false, "next Monday", "2024-08-12", PrecisionDay},
		{"on Wednesday last week", tue, false, "Wednesday last week", "2024-07-31", PrecisionDay},
		{"the killing last week of", tue, false, "last week", "2024-07-29", PrecisionWeek},
		{"this week", tue, false, "this week", "2024-08-05", PrecisionWeek},
		{"next week", tue, false, "next week", "2024-08-12", PrecisionWeek},
		{"a week ago", tue, false, "a week ago", "2024-07-29", PrecisionWeek},
		{"two days ago", tue, false, "two days ago", "2024-08-04", PrecisionDay},
		{"3 days ago", tue, false, "3 days ago", "2024-08-03", PrecisionDay},
		{"yesterday", tue, false, "yesterday", "2024-08-05", PrecisionDay},
		{"Today", tue, false, "Today", "2024-08-06", PrecisionDay},
		{"tonight", tue, false, "tonight", "2024-08-06", PrecisionDay},
		{"this morning", tue, false, "this morning", "2024-08-06", PrecisionDay},
		{"last night", tue, false, "last night", "2024-08-05", PrecisionDay},
		{"over the weekend", tue, false, "over the weekend", "2024-07-29", PrecisionWeek},
		{"over the weekend", day("2024-08-04"), false, "over the weekend", "2024-07-29", PrecisionWeek},
		{"last month", tue, false, "last month", "2024-07-01", PrecisionMonth},
		{"earlier this month", tue, false, "earlier this month", "2024-08-01", PrecisionMonth},
		{"two months ago", tue, false, "two months ago", "2024-06-01", PrecisionMonth},
		{"broke out in October", tue, false, "in October", "2023-10-01", PrecisionMonth},
		{"in July", tue, false, "in July", "2024-07-01", PrecisionMonth},
		{"in August", tue, false, "in August", "2024-08-01", PrecisionMonth},
		{"will vote in November", tue, true, "in November", "2024-11-01", PrecisionMonth},
		{"will vote in March", tue, true, "in March", "2025-03-01", PrecisionMonth},
		{"last October", tue, false, "last October", "2023-10-01", PrecisionMonth},
		{"October 2022", tue, false, "October 2022", "2022-10-01", PrecisionMonth},
		{"in October last year", tue, false, "in October last year", "2023-10-01", PrecisionMonth},
		{"in mid-October", tue, false, "in mid-October", "2023-10-01", PrecisionMonth},
		{"last year", tue, false, "last year", "2023-01-01", PrecisionYear},
		{"earlier this year", tue, false, "earlier this year", "2024-01-01", PrecisionYear},
		{"in 2019", tue, false, "in 2019", "2019-01-01", PrecisionYear},
		{"since 2014", tue, false, "since 2014", "2014-01-01", PrecisionYear},
		{"on Aug. 5", tue, false, "Aug. 5", "2024-08-05", PrecisionDay},
		{"August 5 , 2023", tue, false, "August 5 , 2023", "2023-08-05", PrecisionDay},
		{"5 August", tue, false, "5 August", "2024-08-05", PrecisionDay},
		{"on 2024-08-05", tue, false, "2024-08-05", "2024-08-05", PrecisionDay},
		{"Monday , Aug. 5", tue, false, "Monday , Aug. 5", "2024-08-05", PrecisionDay},
		{"on Dec. 30", day("2025-01-02"), false, "Dec. 30", "2024-12-30", PrecisionDay},
		{"on Jan. 10", day("2024-12-28"), true, "Jan. 10", "2025-01-10", PrecisionDay},
		{"on the 5th", tue, false, "the 5th", "2024-08-05", PrecisionDay},
		{"on the 20th", tue, false, "the 20th", "2024-07-20", PrecisionDay},
		{"the 5th of May", tue, false, "the 5th of May", "2024-05-05", PrecisionDay},
		{"since October 7", tue, false, "since October 7", "2023-10-07", PrecisionDay},
		{"in August 2023", tue, false, "in August 2023", "2023-08-01", PrecisionMonth},
		{"made 24 hours ago", tue, false, "24 hours ago", "2024-08-05", PrecisionDay},
		{"three hours ago", tue, false, "three hours ago", "2024-08-06", PrecisionDay},
		{"at the end of July", tue, false, "end of July", "2024-07-01", PrecisionMonth},
		{"by the beginning of October 2023", tue, false, "beginning of October 2023", "2023-10-01", PrecisionMonth},
	}
	for _, tt := range tests {
		t.Run(tt.words, func(t *testing.T) {
			words := strings.Fields(tt.words)
			p, ok := ParseWords(words)
			if !ok {
				t.Fatalf("no expression in %q", tt.words)
			}
			if got := strings.Join(words[p.Start:p.End], " "); got != tt.phrase {
				t.Errorf("expression = %q, want %q", got, tt.phrase)
			}
			p.Future = p.Future || tt.future
			s, ok := p.Resolve(tt.anchor)
			if !ok {
				t.Fatalf("%+v does not resolve", p)
			}
			if s.Date() != tt.date || s.Precision != tt.prec {
				t.Errorf("%+v resolves to %s %s, want %s %s", p, s.Date(), s.Precision, tt.date, tt.prec)
			}
		})
	}
}

func TestScanRejects(t *testing.T) {
	for _, words := range []string{
		"",
		"they may go",
		"an October surprise",
		"2019 people died",
		"the last straw",
		"this is it",
		"on the fifth floor",
		"Feb. 30",
		"the 45th",
		"a few things ago",
	} {
		if ps := Scan(strings.Fields(words)); len(ps) != 0 {
			t.Errorf("Scan(%q) = %+v, want none", words, ps)
		}
	}
}

func TestScanSeveral(t *testing.T) {
	words := strings.Fields("Haniyeh was killed in Tehran last week , and on Monday five troops were hurt , officials said Tuesday")
	var got []string
	for _, p := range Scan(words) {
		got = append(got, strings.Join(words[p.Start:p.End], " "))
	}
	if want := "last week|Monday|Tuesday"; strings.Join(got, "|") != want {
		t.Errorf("Scan = %q, want %q", strings.Join(got, "|"), want)
	}
}

func TestResolveHostile(t *testing.T) {
	if _, ok := (Phrase{Unit: UnitDay}).Resolve(time.Time{}); ok {
		t.Error("a zero anchor resolves")
	}
	if _, ok := (Phrase{}).Resolve(day("2024-08-06")); ok {
		t.Error("a zero Phrase resolves")
	}
	junk := []string{"\xff\xfe", "", strings.Repeat("x", 1<<16), "the", "over", "the", "earlier", "earlier", "last"}
	for i := range junk {
		Scan(junk[i:])
	}
	long := make([]string, 3*maxScanWords)
	for i := range long {
		long[i] = "Monday"
	}
	if n := len(Scan(long)); n != maxScanWords {
		t.Errorf("Scan read %d words of %d, want the first %d", n, len(long), maxScanWords)
	}
}

func FuzzScan(f *testing.F) {
	f.Add("earlier this month on the 5th of May 2024 over the weekend")
	f.Fuzz(func(t *testing.T, s string) {
		anchor := day("2024-08-06")
		for _, p := range Scan(strings.Fields(s)) {
			if sp, ok := p.Resolve(anchor); ok && sp.Start.IsZero() {
				t.Errorf("%+v resolves to the zero time", p)
			}
		}
	})
}

func BenchmarkScanSentence(b *testing.B) {
	words := strings.Fields("Coupled with the killing of the senior military commander of the Lebanese group Hezbollah , Fuad Shukr , by Israel in a strike on Beirut last week , concern intensified that the conflict in Gaza was turning into a wider Middle East war on Monday .")
	for b.Loop() {
		Scan(words)
	}
}

func TestLowerWords(t *testing.T) {
	in := []string{"On", "MONDAY", "last", "Überall", "", "2024", "Extraordinarily-long-word"}
	want := []string{"on", "monday", "last", "überall", "", "2024", ""}
	if got := lowerWords(in); !slices.Equal(got, want) {
		t.Errorf("lowerWords(%q) = %q; want %q", in, got, want)
	}
}

func TestDigits(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"5", 5, true}, {"05", 5, true}, {"2024", 2024, true}, {"", 0, false},
		{"5th", 0, false}, {"-5", 0, false}, {"+5", 0, false}, {"1234567890", 0, false}, {"٣", 0, false},
	}
	for _, tt := range tests {
		if n, ok := digits(tt.in); n != tt.want || ok != tt.ok {
			t.Errorf("digits(%q) = %d, %v; want %d, %v", tt.in, n, ok, tt.want, tt.ok)
		}
	}
}

func TestParseMonth(t *testing.T) {
	tests := map[string]time.Month{"Aug": time.August, "Aug.": time.August, "SEPT.": time.September, "september": time.September, "December": time.December}
	for in, want := range tests {
		if got, ok := ParseMonth(in); !ok || got != want {
			t.Errorf("ParseMonth(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "Mayday", "Septembers", "Augustus", "."} {
		if got, ok := ParseMonth(in); ok {
			t.Errorf("ParseMonth(%q) = %v; want none", in, got)
		}
	}
}
