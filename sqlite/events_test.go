package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
)

// openEvents opens a new store holding the given articles (ID only).
func openEvents(t *testing.T, articleIDs ...string) *DB {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "events.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for i, id := range articleIDs {
		a := &dyad.Article{ID: id, Headline: "Story " + id, Published: time.Date(2024, 8, 1+i, 0, 0, 0, 0, time.UTC)}
		if _, err := db.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

func intp(n int) *int { return &n }

// fullEvent has every field set, nullable ones included.
func fullEvent(id, date string) dyad.Event {
	return dyad.Event{
		ID:          id,
		Source:      dyad.Actor{Text: "Blinken", Name: "ANTONY BLINKEN", Code: "USAGOV"},
		Target:      &dyad.Actor{Text: "Iran", Name: "IRAN", Code: "IRN"},
		CAMEO:       "0256",
		CAMEORoot:   "02",
		Description: "Appeal for de-escalation of military engagement",
		PLOVER:      dyad.PLOVER{Type: "REQUEST", Mode: "de-escalate"},
		Goldstein:   3.4, QuadClass: 1, Negated: true, Hypothetical: true,
		ReportedBy: &dyad.Actor{Text: "Reuters", Name: "REUTERS", Code: "MED"},
		Date:       date, DatePrecision: "week",
		Location: &dyad.Location{Name: "al Asad airbase", Country: "IRQ", Admin1: "Anbar",
			Lat: 33.78, Lon: 42.44, GeonameID: 98182, Source: "sentence"},
		Killed: intp(0), Wounded: intp(7),
		Sentence: "An attack <script>alert(1)</script> injured five U.S. troops.", SentenceIndex: 3,
		Confidence: 0.8,
	}
}

func TestPutCodingRoundTrip(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1")
	bare := dyad.Event{ID: "e2", Source: dyad.Actor{Text: "protesters", Name: "PROTESTERS", Code: "---OPP"},
		CAMEO: "141", CAMEORoot: "14", Date: "2024-08-05", DatePrecision: "day", Sentence: "Protesters rallied."}
	c := dyad.Coding{
		Article: dyad.Article{ID: "a1"},
		Events:  []dyad.Event{fullEvent("e1", "2024-07-29"), bare},
		Quotes: []dyad.Quote{
			{Speaker: dyad.Actor{Text: "he", Name: "ANTONY BLINKEN", Code: "USAGOV"}, Text: "We’ve communicated that message", Direct: true, SentenceIndex: 5},
			{Speaker: dyad.Actor{Text: "officials", Name: "OFFICIALS", Code: "USAGOV"}, Text: "clear consensus", Partial: true, Direct: true, SentenceIndex: 4},
		},
		Entities: []dyad.EntityMention{{Text: "Iran", Label: "GPE", Name: "IRAN", Code: "IRN", Mentions: 4}},
	}
	if err := db.PutCoding(ctx, "a1", c); err != nil {
		t.Fatal(err)
	}
	got, err := db.ArticleCoding(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if got.Coded.IsZero() {
		t.Error("Coded is zero after PutCoding")
	}
	if !reflect.DeepEqual(got.Events, c.Events) {
		t.Errorf("events:\n got %+v\nwant %+v", got.Events, c.Events)
	}
	if !reflect.DeepEqual(got.Quotes, c.Quotes) {
		t.Errorf("quotes:\n got %+v\nwant %+v", got.Quotes, c.Quotes)
	}
	if !reflect.DeepEqual(got.Entities, c.Entities) {
		t.Errorf("entities:\n got %+v\nwant %+v", got.Entities, c.Entities)
	}
}

func TestArticleCodingNotCodedAndMissing(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1")
	got, err := db.ArticleCoding(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if !got.Coded.IsZero() || got.Events == nil || len(got.Events)+len(got.Quotes)+len(got.Entities) != 0 {
		t.Errorf("never-coded article: %+v; want empty, non-nil lists and zero Coded", got)
	}
	// Coded with nothing found is told apart from never coded.
	if err := db.PutCoding(ctx, "a1", dyad.Coding{}); err != nil {
		t.Fatal(err)
	}
	if got, err := db.ArticleCoding(ctx, "a1"); err != nil || got.Coded.IsZero() {
		t.Errorf("coded with no events: Coded %v, err %v; want a time", got.Coded, err)
	}
	if _, err := db.ArticleCoding(ctx, "nope"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("ArticleCoding(missing) err = %v; want ErrNotFound", err)
	}
	if err := db.PutCoding(ctx, "nope", dyad.Coding{Events: []dyad.Event{fullEvent("x", "2024-08-01")}}); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("PutCoding(missing) err = %v; want ErrNotFound", err)
	}
	if err := db.PutCoding(ctx, "a1", dyad.Coding{Article: dyad.Article{ID: "other"}}); err == nil {
		t.Error("PutCoding accepted a coding of another article")
	}
}

func TestPutCodingReplaces(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1", "a2")
	first := dyad.Coding{
		Events:   []dyad.Event{fullEvent("old1", "2024-08-01"), fullEvent("old2", "2024-08-02")},
		Quotes:   []dyad.Quote{{Text: "old quote"}},
		Entities: []dyad.EntityMention{{Text: "Old"}},
	}
	if err := db.PutCoding(ctx, "a1", first); err != nil {
		t.Fatal(err)
	}
	if err := db.PutCoding(ctx, "a2", dyad.Coding{Events: []dyad.Event{fullEvent("other", "2024-08-03")}}); err != nil {
		t.Fatal(err)
	}
	second := dyad.Coding{Events: []dyad.Event{fullEvent("new", "2024-08-04")}, Quotes: []dyad.Quote{}, Entities: nil}
	if err := db.PutCoding(ctx, "a1", second); err != nil {
		t.Fatal(err)
	}
	got, err := db.ArticleCoding(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 1 || got.Events[0].ID != "new" || len(got.Quotes) != 0 || len(got.Entities) != 0 {
		t.Errorf("after re-put: %+v; want only the new event", got)
	}
	page, err := db.Events(ctx, dyad.EventQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if ids := eventIDs(page); !reflect.DeepEqual(ids, []string{"new", "other"}) {
		t.Errorf("all events after re-put = %v; want [new other]", ids)
	}
}

// TestPutCodingsAtomic checks that a batch with one bad coding stores
// none of its codings and leaves the old ones in place.
func TestPutCodingsAtomic(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1")
	if err := db.PutCoding(ctx, "a1", dyad.Coding{Events: []dyad.Event{fullEvent("kept", "2024-08-01")}}); err != nil {
		t.Fatal(err)
	}
	err := db.PutCodings(ctx, []ArticleCoding{
		{ArticleID: "a1", Coding: dyad.Coding{Events: []dyad.Event{fullEvent("lost", "2024-08-02")}}},
		{ArticleID: "missing", Coding: dyad.Coding{}},
	})
	if !errors.Is(err, dyad.ErrNotFound) {
		t.Fatalf("PutCodings err = %v; want ErrNotFound", err)
	}
	got, err := db.ArticleCoding(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 1 || got.Events[0].ID != "kept" {
		t.Errorf("after failed batch: %+v; want the old event", got.Events)
	}
}

func TestCodingCascadesWithArticle(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1", "a2")
	c := dyad.Coding{Events: []dyad.Event{fullEvent("e", "2024-08-01")}, Quotes: []dyad.Quote{{Text: "q"}}, Entities: []dyad.EntityMention{{Text: "E"}}}
	for _, id := range []string{"a1", "a2"} {
		if err := db.PutCoding(ctx, id, c); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.write.ExecContext(ctx, `DELETE FROM articles WHERE id = 'a1'`); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"codings", "events", "quotes", "entities"} {
		var n int
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE article_id = 'a1'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 0 {
			t.Errorf("%s: %d rows of the deleted article remain", table, n)
		}
		if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM `+table+` WHERE article_id = 'a2'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%s: %d rows of the other article; want 1", table, n)
		}
	}
}

func eventIDs(p dyad.EventPage) []string {
	out := []string{}
	for _, e := range p.Events {
		out = append(out, e.ID)
	}
	return out
}

func TestEventsFilters(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1", "a2")
	ev := func(id, src, tgt, root, country, date string) dyad.Event {
		e := dyad.Event{ID: id, Source: dyad.Actor{Code: src}, CAMEORoot: root, CAMEO: root + "0", Date: date}
		if tgt != "" {
			e.Target = &dyad.Actor{Code: tgt}
		}
		if country != "" {
			e.Location = &dyad.Location{Name: country + " place", Country: country}
		}
		return e
	}
	put := func(id string, evs ...dyad.Event) {
		if err := db.PutCoding(ctx, id, dyad.Coding{Events: evs}); err != nil {
			t.Fatal(err)
		}
	}
	put("a1",
		ev("appeal-iran", "USAGOV", "IRN", "02", "", "2024-08-06"),
		ev("appeal-isr", "USAGOV", "ISR", "02", "", "2024-08-06"),
		ev("rocket", "IRQREB", "USAMIL", "19", "IRQ", "2024-08-05"),
	)
	put("a2",
		ev("haniyeh", "ISR", "PSEREB", "18", "IRN", "2024-07-31"),
		ev("threat", "IRN", "ISR", "13", "", "2024-08-01"),
		ev("rally", "USA", "", "14", "USA", "2024-08-06"),
	)
	d := func(s string) time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	tests := []struct {
		name string
		q    dyad.EventQuery
		want []string
	}{
		{"all, latest first", dyad.EventQuery{}, []string{"rally", "appeal-isr", "appeal-iran", "rocket", "threat", "haniyeh"}},
		{"source prefix", dyad.EventQuery{Source: "USA"}, []string{"rally", "appeal-isr", "appeal-iran"}},
		{"source exact code", dyad.EventQuery{Source: "USAGOV"}, []string{"appeal-isr", "appeal-iran"}},
		{"source prefix is not a substring", dyad.EventQuery{Source: "GOV"}, []string{}},
		{"target", dyad.EventQuery{Target: "ISR"}, []string{"appeal-isr", "threat"}},
		{"source and target", dyad.EventQuery{Source: "USA", Target: "IRN"}, []string{"appeal-iran"}},
		{"root", dyad.EventQuery{Root: "19"}, []string{"rocket"}},
		{"country", dyad.EventQuery{Country: "IRN"}, []string{"haniyeh"}},
		{"since", dyad.EventQuery{Since: d("2024-08-05")}, []string{"rally", "appeal-isr", "appeal-iran", "rocket"}},
		{"until midnight is exclusive", dyad.EventQuery{Until: d("2024-08-05")}, []string{"threat", "haniyeh"}},
		{"until mid-day takes that day", dyad.EventQuery{Until: d("2024-08-05").Add(time.Hour)}, []string{"rocket", "threat", "haniyeh"}},
		{"since and until", dyad.EventQuery{Since: d("2024-08-01"), Until: d("2024-08-06")}, []string{"rocket", "threat"}},
		{"no match", dyad.EventQuery{Root: "20"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, err := db.Events(ctx, tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if got := eventIDs(page); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v; want %v", got, tt.want)
			}
			if page.Next != "" {
				t.Errorf("Next = %q on a single page", page.Next)
			}
		})
	}
	page, err := db.Events(ctx, dyad.EventQuery{Root: "18"})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) != 1 || page.Events[0].ArticleID != "a2" || page.Events[0].Headline != "Story a2" {
		t.Errorf("event's article = %+v; want a2 with its headline", page.Events)
	}
}

func TestEventsPaging(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1", "a2")
	for i, id := range []string{"a1", "a2"} {
		var evs []dyad.Event
		for j := range 7 {
			// Several events share each date, so paging must break ties.
			evs = append(evs, dyad.Event{ID: fmt.Sprintf("%s-%d", id, j), Source: dyad.Actor{Code: "USA"},
				Date: fmt.Sprintf("2024-08-%02d", 1+(i*7+j)/3)})
		}
		if err := db.PutCoding(ctx, id, dyad.Coding{Events: evs}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := db.Events(ctx, dyad.EventQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	allIDs := eventIDs(all)
	if len(allIDs) != 14 {
		t.Fatalf("%d events; want 14", len(allIDs))
	}
	var got []string
	q := dyad.EventQuery{Limit: 4}
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("paging does not end")
		}
		page, err := db.Events(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, eventIDs(page)...)
		// A coding stored between pages must not shift the later pages.
		if pages == 0 {
			if err := db.PutCoding(ctx, "a2", dyad.Coding{Events: []dyad.Event{{ID: "late", Date: "2024-09-01"}}}); err != nil {
				t.Fatal(err)
			}
		}
		if page.Next == "" {
			break
		}
		q.Cursor = page.Next
	}
	// The replaced article's events are gone from the later pages, and
	// its new one sorts before the cursor.
	want := append(allIDs[:4:4], slicesWithout(allIDs[4:], "a2-")...)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("paged %v;\nwant %v", got, want)
	}
	if _, err := db.Events(ctx, dyad.EventQuery{Cursor: "not a cursor"}); !errors.Is(err, dyad.ErrBadCursor) {
		t.Errorf("bad cursor err = %v; want ErrBadCursor", err)
	}
	articleCursor := encodeCursor(1, "a1")
	if _, err := db.Events(ctx, dyad.EventQuery{Cursor: articleCursor}); !errors.Is(err, dyad.ErrBadCursor) {
		t.Errorf("article cursor err = %v; want ErrBadCursor", err)
	}
}

// slicesWithout drops the IDs with the given prefix.
func slicesWithout(ids []string, prefix string) []string {
	var out []string
	for _, id := range ids {
		if len(id) < len(prefix) || id[:len(prefix)] != prefix {
			out = append(out, id)
		}
	}
	return out
}

func TestPutCodingHostileValues(t *testing.T) {
	ctx := context.Background()
	db := openEvents(t, "a1")
	hostile := "\x00bad \xff\xfe utf8 <b>&amp;</b>\u202e"
	e := fullEvent(hostile, "2024-08-01")
	e.Source = dyad.Actor{Text: hostile, Name: hostile, Code: hostile}
	e.Sentence = hostile
	e.Goldstein = math.NaN()
	e.Confidence = math.Inf(1)
	if err := db.PutCoding(ctx, "a1", dyad.Coding{Events: []dyad.Event{e}, Quotes: []dyad.Quote{{Text: hostile}}}); err != nil {
		t.Fatal(err)
	}
	got, err := db.ArticleCoding(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Events) != 1 || got.Events[0].Sentence != hostile || got.Events[0].Source.Code != hostile || got.Quotes[0].Text != hostile {
		t.Errorf("hostile text did not round-trip: %+v", got)
	}
	if got.Events[0].Goldstein != 0 || !math.IsInf(got.Events[0].Confidence, 1) {
		t.Errorf("goldstein %v, confidence %v; want NaN stored as 0 and +Inf kept", got.Events[0].Goldstein, got.Events[0].Confidence)
	}
	// A prefix of 0xFF bytes has no upper bound and still filters.
	if _, err := db.Events(ctx, dyad.EventQuery{Source: "\xff\xff"}); err != nil {
		t.Errorf("Events with a 0xFF prefix: %v", err)
	}
}

func TestPrefixUpperBound(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"USA", "USB", true},
		{"IRQ9", "IRQ:", true},
		{"A\xff", "B", true},
		{"\xff", "", false},
	}
	for _, tt := range tests {
		got, ok := prefixUpperBound(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("prefixUpperBound(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
