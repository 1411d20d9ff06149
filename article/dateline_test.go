package article

import (
	"github.com/dyadnews/dyad"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestParseDateline(t *testing.T) {
	tests := []struct {
		in    string
		ok    bool
		want  DatelineMatch // Len is checked through story
		story string        // what follows the dateline
	}{
		{"ANNAPOLIS, Md., Aug 6 (Reuters) – The United States", true,
			DatelineMatch{Place: "Annapolis", Region: "Md.", Country: "US", Wire: "Reuters", Month: time.August, Day: 6}, "The United States"},
		{"WASHINGTON (AP) — President Joe Biden", true,
			DatelineMatch{Place: "Washington", Country: "US", Wire: "AP"}, "President Joe Biden"},
		{"PARIS, March 3, 2023 (AFP) - French President", true,
			DatelineMatch{Place: "Paris", Country: "FR", Wire: "AFP", Month: time.March, Day: 3, Year: 2023}, "French President"},
		{"BEIJING, Jan. 5 (Xinhua) -- Chinese Foreign Minister", true,
			DatelineMatch{Place: "Beijing", Country: "CN", Wire: "Xinhua", Month: time.January, Day: 5}, "Chinese Foreign Minister"},
		{"KYIV, Ukraine, Aug 6 (Reuters) - Ukraine's air force", true,
			DatelineMatch{Place: "Kyiv", Region: "Ukraine", Country: "UA", Wire: "Reuters", Month: time.August, Day: 6}, "Ukraine's air force"},
		{"LOS ANGELES, Calif. (AP) — A fire", true,
			DatelineMatch{Place: "Los Angeles", Region: "Calif.", Country: "US", Wire: "AP"}, "A fire"},
		{"PITTSBURGH, Pa. — Steelworkers", true,
			DatelineMatch{Place: "Pittsburgh", Region: "Pa.", Country: "US"}, "Steelworkers"},
		{"ALBANY, N.Y. (AP) — Lawmakers", true,
			DatelineMatch{Place: "Albany", Region: "N.Y.", Country: "US", Wire: "AP"}, "Lawmakers"},
		{"DEIR AL-BALAH, Gaza Strip (AP) — Israeli airstrikes", true,
			DatelineMatch{Place: "Deir al-Balah", Region: "Gaza Strip", Country: "PS", Wire: "AP"}, "Israeli airstrikes"},
		{"BEIRUT, Lebanon, Aug. 6, 2024 (AP) — Hezbollah", true,
			DatelineMatch{Place: "Beirut", Region: "Lebanon", Country: "LB", Wire: "AP", Month: time.August, Day: 6, Year: 2024}, "Hezbollah"},
		{"GAZA (Reuters) - Palestinians", true,
			DatelineMatch{Place: "Gaza", Country: "PS", Wire: "Reuters"}, "Palestinians"},
		{"JERUSALEM/GAZA, Aug 6 (Reuters) - Israel", true,
			DatelineMatch{Place: "Jerusalem", Country: "IL", Wire: "Reuters", Month: time.August, Day: 6}, "Israel"},
		{"UNITED NATIONS, Sept. 12 (Reuters) - The Security Council", true,
			DatelineMatch{Place: "United Nations", Wire: "Reuters", Month: time.September, Day: 12}, "The Security Council"},
		{"LONDON, 6 March (Reuters) - Britain", true,
			DatelineMatch{Place: "London", Country: "GB", Wire: "Reuters", Month: time.March, Day: 6}, "Britain"},
		{"Paris (AFP) - France's", true,
			DatelineMatch{Place: "Paris", Country: "FR", Wire: "AFP"}, "France's"},
		{"(CNN) — A senior official", true, DatelineMatch{Wire: "CNN"}, "A senior official"},
		{"Taipei, Taiwan — The Taipei City Lantern Festival", true,
			DatelineMatch{Place: "Taipei", Region: "Taiwan", Country: "TW"}, "The Taipei City Lantern Festival"},
		{"TEL AVIV, Israel (AP)—Sirens", true,
			DatelineMatch{Place: "Tel Aviv", Region: "Israel", Country: "IL", Wire: "AP"}, "Sirens"},
		{"WASHINGTON, Feb. 29 (Reuters) - The Senate", true,
			DatelineMatch{Place: "Washington", Country: "US", Wire: "Reuters", Month: time.February, Day: 29}, "The Senate"},
		{"KHAN YUNIS, Gaza Strip, Oct 10 (Reuters) ― Residents", true,
			DatelineMatch{Place: "Khan Yunis", Region: "Gaza Strip", Country: "PS", Wire: "Reuters", Month: time.October, Day: 10}, "Residents"},
		{"ANYTOWN, Ohio (AP) — A small town", true,
			DatelineMatch{Place: "Anytown", Region: "Ohio", Country: "US", Wire: "AP"}, "A small town"},
		{"MOSCOW, Aug 6 (Reuters) ‒ Russia", true,
			DatelineMatch{Place: "Moscow", Country: "RU", Wire: "Reuters", Month: time.August, Day: 6}, "Russia"},
		{"ISTANBUL — The World Health Organization", true,
			DatelineMatch{Place: "Istanbul", Country: "TR"}, "The World Health Organization"},
		// No dateline.
		{"The United States has told Iran and Israel - again - to stop.", false, DatelineMatch{}, ""},
		{"Israel — which has not claimed the attack — said nothing.", false, DatelineMatch{}, ""},
		{"BREAKING — A story", false, DatelineMatch{}, ""},
		{"WASHINGTON said on Tuesday", false, DatelineMatch{}, ""},
		{"DEIR AL-BALAH is a town in Gaza.", false, DatelineMatch{}, ""},
		{"WASHINGTON, Feb. 30 (Reuters) - Nothing", false, DatelineMatch{}, ""},
		{"WASHINGTON (12 people died) - Nothing", false, DatelineMatch{}, ""},
		{"", false, DatelineMatch{}, ""},
		{"—", false, DatelineMatch{}, ""},
		{"(Reuters", false, DatelineMatch{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseDateline(tt.in)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tt.ok, got)
			}
			if !ok {
				return
			}
			if story := tt.in[got.Len:]; story != tt.story {
				t.Errorf("story %q, want %q", story, tt.story)
			}
			got.Len = 0
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func FuzzParseDateline(f *testing.F) {
	for _, s := range []string{
		"ANNAPOLIS, Md., Aug 6 (Reuters) – The United States",
		"WASHINGTON (AP) — x", "PARIS, March 3, 2023 (AFP) - x", "BEIJING, Jan. 5 (Xinhua) -- x",
		"(CNN) —", "Taipei, Taiwan — The", "\xff\xfe (", "A, B, C, D, E (F) - ", "--",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, ok := ParseDateline(s)
		if !ok {
			return
		}
		if m.Len < 0 || m.Len > len(s) {
			t.Fatalf("Len %d outside [0, %d]", m.Len, len(s))
		}
		if m.Place == "" && m.Wire == "" {
			t.Fatalf("dateline with neither place nor wire: %+v", m)
		}
		if m.Month != 0 && (m.Day < 1 || m.Day > 31) {
			t.Fatalf("day %d", m.Day)
		}
		if utf8.ValidString(s) && (!utf8.ValidString(m.Place) || !utf8.ValidString(s[m.Len:])) {
			t.Fatalf("cut inside a rune: %+v", m)
		}
		if m.Country != "" && (len(m.Country) != 2 || strings.ToUpper(m.Country) != m.Country) {
			t.Fatalf("country %q", m.Country)
		}
	})
}

func TestFinishDates(t *testing.T) {
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name, body string
		now        time.Time
		date       string
		reason     string
	}{
		{"weekday picks the year", "ANNAPOLIS, Md., Aug 6 (Reuters) – Blinken said on Tuesday that talks went on.", now,
			"2024-08-06", "dateline Aug 6; year 2024 from weekday Tuesday in text"},
		{"no weekday: latest not after ingest", "LONDON, Aug 6 (Reuters) - Britain said it would act.", now,
			"2026-08-06", "dateline Aug 6; year 2026: latest not after ingest"},
		{"last Tuesday is not the filing day", "LONDON, Aug 6 (Reuters) - Britain said last Tuesday it would act.", now,
			"2026-08-06", "dateline Aug 6; year 2026: latest not after ingest"},
		{"full date as is", "PARIS, March 3, 2023 (AFP) - Macron said on Monday it was calm.", now,
			"2023-03-03", "dateline Mar 3, 2023"},
		{"Dec 31 read on Jan 2", "SYDNEY, Dec 31 (Reuters) - Fireworks lit the harbour.", time.Date(2027, 1, 2, 9, 0, 0, 0, time.UTC),
			"2026-12-31", "dateline Dec 31; year 2026: latest not after ingest"},
		{"leap day", "WASHINGTON, Feb. 29 (Reuters) - The Senate voted on Thursday.", now,
			"2024-02-29", "dateline Feb 29; year 2024 from weekday Thursday in text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := &dyad.Article{Headline: "H", Body: tt.body}
			if err := finish(a, Options{Now: tt.now}); err != nil {
				t.Fatal(err)
			}
			if a.Dateline.Date != tt.date || a.DateReason != tt.reason {
				t.Errorf("date %s (%s), want %s (%s)", a.Dateline.Date, a.DateReason, tt.date, tt.reason)
			}
		})
	}
}

func TestFinishKeepsRouteMetadata(t *testing.T) {
	published := time.Date(2024, 8, 7, 15, 4, 0, 0, time.UTC)
	a := &dyad.Article{Headline: "H", Wire: "AP", Published: published, DateReason: "meta article:published_time",
		Body: "ANNAPOLIS, Md., Aug 6 (Reuters) – Blinken said on Tuesday that talks went on."}
	if err := finish(a, Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	if !a.Published.Equal(published) || a.DateReason != "meta article:published_time" || a.Wire != "AP" {
		t.Errorf("route metadata overwritten: %v %q %q", a.Published, a.DateReason, a.Wire)
	}
	if a.Dateline.Date != "2024-08-06" || a.Dateline.Place != "Annapolis" {
		t.Errorf("dateline %+v", a.Dateline)
	}
	if strings.HasPrefix(a.Body, "ANNAPOLIS") {
		t.Errorf("dateline left in body: %q", a.Body)
	}
}

func TestRegionName(t *testing.T) {
	for _, c := range []struct{ written, want string }{
		{"Md.", "Maryland"},
		{"N.M.", "New Mexico"},
		{"Calif., U.S.", "California"},
		{"Ukraine", ""},
		{"Bavaria", "Bavaria"},
		{"", ""},
	} {
		if got := regionName(c.written); got != c.want {
			t.Errorf("regionName(%q) = %q, want %q", c.written, got, c.want)
		}
	}
}
