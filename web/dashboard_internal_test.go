package web

import (
	"encoding/xml"
	"io"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
)

func days(start string, goldstein ...float64) []pairDay {
	t0, _ := time.Parse(time.DateOnly, start)
	out := make([]pairDay, len(goldstein))
	for i, g := range goldstein {
		out[i] = pairDay{Date: t0.AddDate(0, 0, i), Events: 1, GoldsteinSum: g, GoldsteinSumSq: g * g}
	}
	return out
}

// TestFlagChanges checks that the dashboard hands its days to the
// escalation package's flag and marks the day and direction it returns;
// the flag's method is tested there.
func TestFlagChanges(t *testing.T) {
	repeat := func(g float64, n int) []float64 {
		out := make([]float64, n)
		for i := range out {
			out[i] = g
		}
		return out
	}
	tests := []struct {
		name   string
		series []float64
		want   string
	}{
		{"steady cooperation", repeat(3, 60), ""},
		{"turn to conflict", append(repeat(3, 35), repeat(-7, 25)...), "escalation"},
		{"turn to cooperation", append(repeat(-8, 35), repeat(4, 25)...), "de-escalation"},
		{"too short to judge", repeat(-10, 8), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := days("2024-01-01", tt.series...)
			flagChanges(d)
			first, dir := -1, ""
			for i, day := range d {
				if day.Change != "" {
					first, dir = i, day.Change
					break
				}
			}
			if dir != tt.want {
				t.Fatalf("first flag %q on day %d, want %q", dir, first, tt.want)
			}
			if tt.want != "" && (first < 35 || first > 41) {
				t.Errorf("flagged on day %d; the turn is on day 35", first)
			}
		})
	}
}

func TestFlagChangesNeedsEvents(t *testing.T) {
	d := days("2024-01-01", make([]float64, 60)...)
	for i := range d {
		d[i].Events, d[i].GoldsteinSum = 0, 0
	}
	d[40] = pairDay{Date: d[40].Date, Events: 1, GoldsteinSum: -10, GoldsteinSumSq: 100}
	flagChanges(d)
	for i, day := range d {
		if day.Change != "" {
			t.Errorf("day %d flagged with no prior events", i)
		}
	}
}

func TestPairTimelines(t *testing.T) {
	ev := func(src, tgt, date string, g float64) dyad.ArticleEvent {
		return dyad.ArticleEvent{Event: dyad.Event{Source: dyad.Actor{Code: src}, Target: &dyad.Actor{Code: tgt}, Date: date, Goldstein: g}}
	}
	events := []dyad.ArticleEvent{
		ev("USAGOV", "IRN", "2024-08-06", -2), ev("IRNMIL", "USA", "2024-08-04", -8),
		ev("USA", "ISR", "2024-08-06", 3), ev("USA", "USAMIL", "2024-08-05", 1),
		ev("---GOV", "USA", "2024-08-05", 1), ev("USA", "IRN", "bad date", 1),
	}
	got := pairTimelines(events, time.Time{}, time.Time{}, 4)
	if len(got) != 2 || got[0].A != "IRN" || got[0].B != "USA" || got[0].Events != 2 || got[1].B != "USA" || got[1].A != "ISR" {
		t.Fatalf("pairs %+v; want IRN-USA (2 events) then ISR-USA", got)
	}
	if n := len(got[0].Days); n != 3 {
		t.Errorf("%d days from Aug 4 to Aug 6", n)
	}
	if d := got[0].Days[0]; d.Events != 1 || d.Mean() != -8 {
		t.Errorf("Aug 4: %+v", d)
	}
	if len(pairTimelines(events, time.Time{}, time.Time{}, 1)) != 1 {
		t.Error("limit not applied")
	}
}

func TestBinDays(t *testing.T) {
	for _, tt := range []struct {
		days, bins int
		unit       string
	}{{1, 1, "day"}, {120, 120, "day"}, {121, 18, "week"}, {730, 105, "week"}} {
		bins, unit := binDays(days("2024-01-01", make([]float64, tt.days)...))
		total := 0
		for _, b := range bins {
			total += b.Events
		}
		if len(bins) != tt.bins || unit != tt.unit || total != tt.days {
			t.Errorf("%d days: %d bins by %s holding %d events; want %d by %s", tt.days, len(bins), unit, total, tt.bins, tt.unit)
		}
	}
}

func TestParseDashFilter(t *testing.T) {
	for _, tt := range []struct {
		query string
		pair  [2]string
		actor string
		bad   bool
	}{
		{"pair=usa-irn", [2]string{"USA", "IRN"}, "", false},
		{"pair=USA+IRN&actor=usagov", [2]string{"USA", "IRN"}, "USAGOV", false},
		{"pair=USA", [2]string{}, "", true},
		{"actor=%3Cb%3E", [2]string{}, "", true},
		{"root=21", [2]string{}, "", true},
		{"since=2024-08-07&until=2024-08-01", [2]string{}, "", true},
	} {
		p, _ := url.ParseQuery(tt.query)
		q, f := parseDashFilter(p)
		if q.pair != tt.pair || q.actor != tt.actor || (f.Error != "") != tt.bad {
			t.Errorf("%s: pair %v actor %q error %q", tt.query, q.pair, q.actor, f.Error)
		}
	}
}

func TestDashQueryMatch(t *testing.T) {
	e := dyad.Event{Source: dyad.Actor{Code: "IRNMIL"}, Target: &dyad.Actor{Code: "USAGOV"}}
	for _, tt := range []struct {
		q    dashQuery
		want bool
	}{
		{dashQuery{}, true},
		{dashQuery{pair: [2]string{"USA", "IRN"}}, true},
		{dashQuery{pair: [2]string{"USA", "ISR"}}, false},
		{dashQuery{actor: "USA"}, true},
		{dashQuery{actor: "ISR"}, false},
		{dashQuery{actor: "IRN", pair: [2]string{"IRNMIL", "USA"}}, true},
	} {
		if got := tt.q.match(e); got != tt.want {
			t.Errorf("%+v: match %v, want %v", tt.q, got, tt.want)
		}
	}
	if (dashQuery{pair: [2]string{"USA", "IRN"}}).match(dyad.Event{Source: dyad.Actor{Code: "USA"}}) {
		t.Error("an event without a target matches a pair")
	}
}

// wellFormed reports whether markup parses as XML, as an SVG must.
func wellFormed(t *testing.T, name, markup string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(markup))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed: %v\n%s", name, err, markup)
		}
	}
}

// TestChartsEscapeHostileNames draws every chart from actors, places and
// codes made of markup: each chart must stay one well-formed SVG element
// holding only the chart's own elements.
func TestChartsEscapeHostileNames(t *testing.T) {
	evil := `"><script>alert(1)</script><svg onload=alert(2)>&`
	k := 5
	var events []dyad.ArticleEvent
	for i := range 40 {
		events = append(events, dyad.ArticleEvent{ArticleID: evil, Event: dyad.Event{
			Source: dyad.Actor{Text: evil, Name: evil, Code: evil + string(rune('A'+i%7))},
			Target: &dyad.Actor{Text: evil, Name: evil, Code: "B" + evil + string(rune('A'+i%5))},
			Date:   time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC).Format(time.DateOnly), Goldstein: float64(i%21 - 10), QuadClass: i%4 + 1,
			Killed: &k, Location: &dyad.Location{Name: evil, Country: evil, Lat: float64(i), Lon: float64(2 * i)},
		}})
	}
	world, err := loadWorldMap()
	if err != nil {
		t.Fatal(err)
	}
	places, countries := eventPlaces(events)
	nodes, edges := actorNetwork(events, 24)
	charts := map[string]string{
		"map":     string(mapSVG(places, countries, world)),
		"network": string(networkSVG(nodes, edges)),
	}
	for _, p := range pairTimelines(events, time.Time{}, time.Time{}, 4) {
		charts["timeline "+p.A] = string(timelineSVG(p))
	}
	if len(charts) < 3 {
		t.Fatalf("only %d charts drawn", len(charts))
	}
	allowed := map[string]bool{"svg": true, "title": true, "line": true, "text": true, "rect": true, "path": true,
		"circle": true, "g": true, "image": true}
	for name, svg := range charts {
		wellFormed(t, name, svg)
		d := xml.NewDecoder(strings.NewReader(svg))
		for {
			tok, err := d.Token()
			if err != nil {
				break
			}
			if se, ok := tok.(xml.StartElement); ok {
				if !allowed[se.Name.Local] {
					t.Errorf("%s: element <%s> from the data", name, se.Name.Local)
				}
				for _, a := range se.Attr {
					if strings.HasPrefix(a.Name.Local, "on") {
						t.Errorf("%s: attribute %s from the data", name, a.Name.Local)
					}
				}
			}
		}
	}
}

func TestMapView(t *testing.T) {
	x, y, w, h := mapView(nil)
	if x != 0 || w != mapWidth || w/h != mapAspect || y+h/2 != mapHeight/2 {
		t.Errorf("empty map view %v %v %v %v; want the whole world", x, y, w, h)
	}
	// One place in Beirut: a 40-degree view around it.
	x, y, w, h = mapView([]mapPlace{{Lat: 33.9, Lon: 35.5}})
	px, py := project(33.9, 35.5)
	if w != 400 || h != 200 || px < x || px > x+w || py < y || py > y+h {
		t.Errorf("Beirut view %v %v %v %v does not hold %v,%v at 40 degrees", x, y, w, h, px, py)
	}
	// Places on both edges of the world: the view is the world's width.
	_, _, w, _ = mapView([]mapPlace{{Lat: 0, Lon: -179}, {Lat: 0, Lon: 179}})
	if w != mapWidth {
		t.Errorf("view width %v, want the world's", w)
	}
}

func TestWorldMapLoads(t *testing.T) {
	world, err := loadWorldMap()
	if err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"USA", "IRN", "ISR", "LBN", "RUS", "FJI"} {
		if world.countries[code].path == "" {
			t.Errorf("no outline for %s", code)
		}
	}
	if _, ok := world.countries["ATA"]; ok {
		t.Error("Antarctica is outside the frame but has an outline")
	}
}
