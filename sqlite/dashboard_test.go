package sqlite

import (
	"context"
	"reflect"
	"testing"

	"github.com/dyadnews/dyad"
)

// TestLatestRepresentativeFacts checks that the dashboard's lean query
// chooses the events LatestRepresentatives chooses, in its order, with
// the totalled fields equal, and returns the first of them in full,
// including for a target-only query (the skip scan over source
// prefixes).
func TestLatestRepresentativeFacts(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	for i, id := range []string{"wire", "copy", "other"} {
		a := &dyad.Article{ID: id, Headline: "Story " + id, Body: "Iranian forces fired missiles at an Israeli airbase " + id,
			Site: id + ".example", Published: day(1 + i)}
		if id == "copy" {
			a.Body = "Iranian forces fired missiles at an Israeli airbase wire"
		}
		if _, err := db.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	killed := 3
	event := func(id, src, tgt, date string, q int) dyad.Event {
		e := dyad.Event{ID: id, Source: dyad.Actor{Code: src, Name: src + " name", Text: src + " text"},
			CAMEO: "195", CAMEORoot: "19", QuadClass: q, Goldstein: -float64(q), Date: date, DatePrecision: "day",
			Location: &dyad.Location{Name: "Place", Country: "ISR", Lat: 32.1, Lon: 34.8}}
		if tgt != "" {
			e.Target = &dyad.Actor{Code: tgt, Name: tgt + " name"}
			e.Killed = &killed
		}
		return e
	}
	wire := []dyad.Event{event("s1", "IRNMIL", "ISR", "2024-08-01", 4), event("s2", "IRN", "ISRMIL", "2024-08-02", 3),
		event("s3", "ISR", "IRN", "2024-08-02", 4), event("s4", "---GOV", "", "2024-08-03", 1)}
	for _, c := range []ArticleCoding{
		{ArticleID: "wire", Coding: dyad.Coding{Events: wire}},
		{ArticleID: "copy", Coding: dyad.Coding{Events: wire}},
		{ArticleID: "other", Coding: dyad.Coding{Events: []dyad.Event{event("x", "RUS", "ISR", "2024-08-04", 2),
			event("y", "USA", "ISRGOV", "2024-07-30", 1)}}},
	} {
		if err := db.PutCoding(ctx, c.ArticleID, c.Coding); err != nil {
			t.Fatal(err)
		}
	}
	totalled := func(e dyad.ArticleEvent) dyad.ArticleEvent {
		f := dyad.ArticleEvent{ArticleID: e.ArticleID, Representative: e.Representative}
		f.Date, f.Source, f.Target, f.Goldstein, f.QuadClass = e.Date, e.Source, e.Target, e.Goldstein, e.QuadClass
		f.Killed, f.Wounded = e.Killed, e.Wounded
		if e.Location != nil {
			f.Location = &dyad.Location{Name: e.Location.Name, Country: e.Location.Country, Lat: e.Location.Lat, Lon: e.Location.Lon}
		}
		return f
	}
	for _, tc := range []struct {
		name        string
		limit, full int
		qs          []dyad.EventQuery
	}{
		{"all", 10, 2, []dyad.EventQuery{{}}},
		{"target only", 10, 10, []dyad.EventQuery{{Target: "ISR"}}},
		{"full target code", 10, 1, []dyad.EventQuery{{Target: "ISRMIL"}}},
		{"actor", 2, 1, []dyad.EventQuery{{Source: "ISR"}, {Target: "ISR"}}},
		{"pair", 10, 0, []dyad.EventQuery{{Source: "IRN", Target: "ISR"}, {Source: "ISR", Target: "IRN"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, err := db.LatestRepresentatives(ctx, tc.limit, tc.qs...)
			if err != nil {
				t.Fatal(err)
			}
			facts, latest, err := db.LatestRepresentativeFacts(ctx, tc.limit, tc.full, tc.qs...)
			if err != nil {
				t.Fatal(err)
			}
			if len(want) == 0 || len(facts) != len(want) {
				t.Fatalf("%d facts, want %d (and some)", len(facts), len(want))
			}
			for i := range want {
				if got, w := facts[i], totalled(want[i]); !reflect.DeepEqual(got, w) {
					t.Errorf("fact %d: %+v, want %+v", i, got, w)
				}
			}
			if n := min(tc.full, len(want)); !reflect.DeepEqual(latest, want[:n]) && !(n == 0 && latest == nil) {
				t.Errorf("latest in full: %+v, want %+v", latest, want[:n])
			}
		})
	}
}
