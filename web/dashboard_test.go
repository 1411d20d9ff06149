package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/sqlite"
	"github.com/dyadnews/dyad/web"
)

func TestDashboardPage(t *testing.T) {
	srv := newServer(t, web.Options{}, fixtures)
	status, hdr, body := get(t, srv, "/dashboard")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	if csp := hdr.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
		t.Errorf("dashboard served without the strict CSP: %q", csp)
	}
	for _, want := range []string{
		`<span class="value" id="kpi-events">3</span>`,
		// The Iran and Israel appeals make two pairs with timelines.
		`<a href="/dashboard?pair=IRN-USA">IRN – USA</a>`, `<a href="/dashboard?pair=ISR-USA">ISR – USA</a>`,
		`<svg class="timeline"`, `<svg class="network"`, `<svg class="map"`,
		`<image href="/static/world.svg"`,
		// The event placed in Iraq (without coordinates) shades it.
		`<title>Iraq: 1 event</title>`,
		// The table links each event to its sentence.
		`<a href="/articles/blinken#s-1">`, `<a href="/articles/blinken#s-0">`,
		`Natural Earth`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("dashboard lacks %s", want)
		}
	}
	if n := strings.Count(body, `<g class="node">`); n != 3 {
		t.Errorf("network has %d nodes; want USA, IRN, ISR", n)
	}
	if n := strings.Count(body, `<tr class="event-row">`); n != 3 {
		t.Errorf("table has %d rows; want 3", n)
	}

	for _, tt := range []struct {
		query string
		rows  int
	}{
		{"?pair=usa-isr", 1},
		{"?actor=IRN", 1},
		{"?root=01", 1},
		{"?country=IRQ", 1},
		{"?since=2024-08-01&until=2024-08-31", 2},
		{"?root=19", 0},
	} {
		status, _, body := get(t, srv, "/dashboard"+tt.query)
		if status != 200 {
			t.Errorf("%s: status %d", tt.query, status)
		}
		if n := strings.Count(body, `<tr class="event-row">`); n != tt.rows {
			t.Errorf("%s: %d rows, want %d", tt.query, n, tt.rows)
		}
	}
	status, _, body = get(t, srv, "/dashboard?pair=USA&root=99")
	if status != 400 || !strings.Contains(body, "Pair must be two actor codes") || !strings.Contains(body, "CAMEO root") {
		t.Errorf("bad filters: status %d, errors not shown", status)
	}
}

func TestDashboardRowsAndMore(t *testing.T) {
	srv := newServer(t, web.Options{DashboardRows: 1}, fixtures)
	_, _, body := get(t, srv, "/dashboard?actor=USA")
	if n := strings.Count(body, `<tr class="event-row">`); n != 1 {
		t.Errorf("%d rows, want 1", n)
	}
	if !strings.Contains(body, `<a href="/events?source=USA">2 more events on the events page →</a>`) {
		t.Error("no link to the rest of the events")
	}
}

// TestDashboardCountsCopiesOnce stores the Blinken story twice, as two
// sites republishing the same wire copy, each coded with the same
// events: the dashboard counts each happening once.
func TestDashboardCountsCopiesOnce(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	original := fixtures[0]
	republished := original
	republished.ID, republished.Site, republished.URL = "blinken-copy", "mirror.example", "https://mirror.example/blinken"
	for _, a := range []dyad.Article{original, republished} {
		if _, err := db.PutArticle(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if err := db.PutCoding(ctx, a.ID, fixtureCodings["blinken"]); err != nil {
			t.Fatal(err)
		}
	}
	if cluster, _, err := db.Cluster(ctx, "blinken-copy"); err != nil || cluster != "blinken" {
		t.Fatalf("the copy's cluster is %q (%v); the test needs it clustered with the original", cluster, err)
	}
	// The SQLite store answers in one query; any other EventStore is
	// paged through.
	for name, events := range map[string]dyad.EventStore{"sqlite": db, "paged": pagedStore{db}} {
		h, err := web.New(db, web.Options{Events: events, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		defer srv.Close()
		_, _, body := get(t, srv, "/dashboard")
		if !strings.Contains(body, `<span class="value" id="kpi-events">3</span>`) {
			t.Errorf("%s: dashboard does not count 3 events (each told twice) once", name)
		}
		if n := strings.Count(body, `<tr class="event-row">`); n != 3 {
			t.Errorf("%s: table has %d rows; want the 3 happenings once", name, n)
		}
		_, _, body = get(t, srv, "/dashboard?pair=USA-IRN")
		if n := strings.Count(body, `<tr class="event-row">`); n != 1 {
			t.Errorf("%s: USA-IRN table has %d rows; want the appeal once", name, n)
		}
	}
}

// pagedStore hides the SQLite store's other methods: an EventStore
// only.
type pagedStore struct{ dyad.EventStore }
