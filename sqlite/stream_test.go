package sqlite

import (
	"context"
	"reflect"
	"testing"

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
