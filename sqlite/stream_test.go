package sqlite

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
)

// TestEachEventMatchesEvents checks that the packed rows EachEvent reads
// decode to exactly the events Events scans column by column: every
// field, NULLs (no target, reporter, place or toll) and text that looks
// like the packing itself (colons, digits, -1:, multi-byte runes).
func TestEachEventMatchesEvents(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1", "a2")
	full := fullEvent("full", "2024-08-01")
	full.Sentence = "12:34 -1: 3:abc — «Ŝtorm» 🌍 said: \x00 ok"
	full.Source.Text = ""
	bare := dyad.Event{ID: "bare:5:", Source: dyad.Actor{Code: "IRN"}, CAMEO: "190", CAMEORoot: "19",
		Goldstein: -10, QuadClass: 4, Date: "2024-08-02", DatePrecision: "day", Sentence: "-1:"}
	if err := db.PutCoding(ctx, "a1", dyad.Coding{Events: []dyad.Event{full, bare}}); err != nil {
		t.Fatal(err)
	}
	if err := db.PutCoding(ctx, "a2", dyad.Coding{Events: []dyad.Event{fullEvent("other", "2024-08-03")}}); err != nil {
		t.Fatal(err)
	}
	page, err := db.Events(ctx, dyad.EventQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]dyad.ArticleEvent{}
	for _, e := range page.Events {
		want[e.ID] = e
	}
	var seqs []int64
	err = db.EachEvent(ctx, EventFilter{Copies: true}, func(e *StreamedEvent) error {
		seqs = append(seqs, e.Seq)
		if !reflect.DeepEqual(e.ArticleEvent, want[e.ID]) {
			t.Errorf("EachEvent %s:\n got %+v\nwant %+v", e.ID, e.ArticleEvent, want[e.ID])
		}
		if e.Ingested.IsZero() {
			t.Errorf("EachEvent %s: no ingest time", e.ID)
		}
		delete(want, e.ID)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(want) > 0 || len(seqs) != 3 || seqs[0] >= seqs[1] || seqs[1] >= seqs[2] {
		t.Errorf("EachEvent seqs %v, missed %v", seqs, want)
	}
}

// TestLatestRepresentatives checks that the dashboard's query returns
// each happening once (a republished story's events are not repeated),
// latest first, filtered as Events filters and cut at the limit.
func TestLatestRepresentatives(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	body := "Iranian forces fired missiles at an Israeli airbase on Tuesday, the military said, in the heaviest exchange of fire this year."
	for i, id := range []string{"wire", "copy", "other"} {
		a := &dyad.Article{ID: id, Headline: "Story " + id, Body: body, Site: id + ".example", Published: day(1 + i)}
		if id == "other" {
			a.Body = "Russia and Ukraine exchanged prisoners in a deal brokered by the United Arab Emirates."
		}
		if _, err := db.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	strike := func(id, date string) dyad.Event {
		return dyad.Event{ID: id, Source: dyad.Actor{Code: "IRNMIL"}, Target: &dyad.Actor{Code: "ISR"},
			CAMEO: "195", CAMEORoot: "19", QuadClass: 4, Goldstein: -10, Date: date, DatePrecision: "day"}
	}
	wire := []dyad.Event{strike("s1", "2024-08-01"), strike("s2", "2024-08-02")}
	for _, c := range []ArticleCoding{
		{ArticleID: "wire", Coding: dyad.Coding{Events: wire}},
		{ArticleID: "copy", Coding: dyad.Coding{Events: wire}},
		{ArticleID: "other", Coding: dyad.Coding{Events: []dyad.Event{{ID: "swap", Source: dyad.Actor{Code: "RUS"},
			Target: &dyad.Actor{Code: "UKR"}, CAMEO: "0871", CAMEORoot: "08", QuadClass: 2, Date: "2024-08-03", DatePrecision: "day"}}}},
	} {
		if err := db.PutCoding(ctx, c.ArticleID, c.Coding); err != nil {
			t.Fatal(err)
		}
	}
	ids := func(qs []dyad.EventQuery, limit int) []string {
		t.Helper()
		evs, err := db.LatestRepresentatives(ctx, limit, qs...)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range evs {
			articles := 2 // the strikes are told by the wire story and its copy
			if e.ID == "swap" {
				articles = 1
			}
			if !e.Representative || e.NumArticles != articles {
				t.Errorf("%s: representative %v, %d articles", e.ID, e.Representative, e.NumArticles)
			}
			out = append(out, e.ArticleID+"/"+e.ID)
		}
		return out
	}
	for _, tt := range []struct {
		qs    []dyad.EventQuery
		limit int
		want  []string
	}{
		{[]dyad.EventQuery{{}}, 10, []string{"other/swap", "wire/s2", "wire/s1"}},
		{[]dyad.EventQuery{{}}, 2, []string{"other/swap", "wire/s2"}},
		{[]dyad.EventQuery{{Source: "IRN", Target: "ISR"}}, 10, []string{"wire/s2", "wire/s1"}},
		{[]dyad.EventQuery{{Source: "IRNMIL"}}, 10, []string{"wire/s2", "wire/s1"}},
		{[]dyad.EventQuery{{Source: "IRNGOV"}}, 10, nil},
		{[]dyad.EventQuery{{Target: "UKR", Root: "08"}}, 10, []string{"other/swap"}},
		{[]dyad.EventQuery{{Target: "IS"}}, 10, []string{"wire/s2", "wire/s1"}},
		{[]dyad.EventQuery{{Target: "ISR"}}, 1, []string{"wire/s2"}},
		{[]dyad.EventQuery{{Since: day(2).Truncate(24 * time.Hour), Until: day(3).Truncate(24 * time.Hour)}}, 10, []string{"wire/s2"}},
		// Either of two queries, each event once.
		{[]dyad.EventQuery{{Source: "RUS"}, {Target: "ISR"}, {Root: "19"}}, 10, []string{"other/swap", "wire/s2", "wire/s1"}},
		{[]dyad.EventQuery{{Source: "RUS"}, {Target: "ISR"}}, 2, []string{"other/swap", "wire/s2"}},
		{nil, 10, nil},
	} {
		if got := ids(tt.qs, tt.limit); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("LatestRepresentatives(%d, %+v) = %v; want %v", tt.limit, tt.qs, got, tt.want)
		}
	}
}
