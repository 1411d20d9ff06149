package sqlite

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/escalation"
)

func pairEvent(id, source, target, cameo string, quad int, g float64, date string, killed *int) dyad.Event {
	return dyad.Event{ID: id, Source: dyad.Actor{Code: source}, Target: &dyad.Actor{Code: target},
		CAMEO: cameo, CAMEORoot: cameo[:2], Goldstein: g, QuadClass: quad, Date: date, DatePrecision: "day",
		Killed: killed, Sentence: "s", Confidence: 1}
}

func TestPairDays(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	// Two copies of one wire story (a cluster) and one other story.
	var batch []*dyad.Article
	for i := range 2 {
		a := copyAt(i)
		batch = append(batch, &a)
	}
	batch = append(batch, &dyad.Article{ID: "other", Headline: "x", Body: otherStories[0]})
	if _, err := db.PutArticles(ctx, batch); err != nil {
		t.Fatal(err)
	}
	copyEvents := []dyad.Event{
		pairEvent("e1", "USAGOV", "IRN", "0256", 1, 3.4, "2024-08-06", nil),
		pairEvent("e2", "IRNMIL", "USAMIL", "190", 4, -10, "2024-08-05", intp(2)),
	}
	for _, id := range []string{"copy00", "copy01"} {
		if err := db.PutCoding(ctx, id, dyad.Coding{Events: copyEvents}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.PutCoding(ctx, "other", dyad.Coding{Events: []dyad.Event{
		pairEvent("o1", "USA", "IRNGOV", "112", 3, -2, "2024-08-06", nil),
		pairEvent("o2", "USA", "ISR", "042", 1, 1.9, "2024-08-06", nil),
		pairEvent("o3", "USAGOV", "IRN", "0256", 1, 3.4, "2024-09-30", nil), // outside the range
	}}); err != nil {
		t.Fatal(err)
	}
	since, until := time.Date(2024, 8, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 8, 31, 0, 0, 0, 0, time.UTC)
	show := func(days []escalation.Day) string {
		var b strings.Builder
		for _, d := range days {
			fmt.Fprintf(&b, "%s n=%d sum=%g q=%v k=%d; ", d.Date, d.Events, d.GoldsteinSum, d.QuadClass, d.Killed)
		}
		return b.String()
	}
	for _, c := range []struct {
		pair string
		want string
	}{
		// Both directions, the copies' events once each.
		{"USA-IRN", "2024-08-05 n=1 sum=-10 q=[0 0 0 1] k=2; 2024-08-06 n=2 sum=1.4 q=[1 0 1 0] k=0; "},
		{"USA>IRN", "2024-08-06 n=2 sum=1.4 q=[1 0 1 0] k=0; "},
		{"IRN>USA", "2024-08-05 n=1 sum=-10 q=[0 0 0 1] k=2; "},
		// Full codes match only themselves.
		{"USAGOV-IRN", "2024-08-06 n=1 sum=3.4 q=[1 0 0 0] k=0; "},
		{"USA-IRNGOV", "2024-08-06 n=1 sum=-2 q=[0 0 1 0] k=0; "},
		{"USAGOV-IRNGOV", ""},
		{"USA-ISR", "2024-08-06 n=1 sum=1.9 q=[1 0 0 0] k=0; "},
	} {
		p, err := escalation.ParsePair(c.pair)
		if err != nil {
			t.Fatal(err)
		}
		days, err := db.PairDays(ctx, p, since, until)
		if err != nil {
			t.Fatal(err)
		}
		if got := show(days); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.pair, got, c.want)
		}
	}
}

func TestPairDaysUsesCoveringIndex(t *testing.T) {
	db, _ := openTest(t)
	for _, check := range []string{"", " AND source_code = ?"} {
		args := []any{"USA", "IRN", "2024-01-01", "2024-12-31"}
		if check != "" {
			args = append(args, "USAGOV")
		}
		rows, err := db.read.Query(`EXPLAIN QUERY PLAN `+fmt.Sprintf(pairDaysSQL, check, ""), args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan strings.Builder
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan.WriteString(detail + "\n")
		}
		rows.Close()
		if !strings.Contains(plan.String(), "USING COVERING INDEX events_pair") {
			t.Errorf("plan does not read only events_pair:\n%s", plan.String())
		}
	}
}
