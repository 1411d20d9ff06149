package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserDashboard opens /dashboard over the coded demo corpus in a
// real browser: the map, the timelines and the network hold data, and
// choosing an event type in the filter form and applying it changes the
// event table. It saves a screenshot, kept in $DYAD_SCREENSHOTS when that
// is set.
func TestBrowserDashboard(t *testing.T) {
	browser := findChromium(t)
	base, log, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "dyad.db"))

	ctx := startBrowser(t, browser)
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %s: %v\nserver log:\n%s", step, err, log)
		}
	}
	count := func(selector string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(`+"`"+selector+"`"+`).length`))
		must("count "+selector, err)
		return n
	}

	must("open the dashboard", chromedp.Do(ctx,
		chromedp.Navigate(base+"/dashboard"),
		chromedp.WaitVisible(chromedp.CSS("table.event-grid"))))
	for _, c := range []struct {
		selector string
		least    int
	}{
		{"svg.map circle.place", 5},           // the demo's located events
		{"svg.map path.country", 3},           // countries shaded by events
		{"svg.timeline circle.gdot", 2},       // days with a Goldstein mean
		{"svg.timeline rect.bar", 2},          // days with events
		{"svg.network g.node", 4},             // actors
		{"svg.network line.edge", 3},          // pairs
		{"table.event-grid tr.event-row", 20}, // the table
	} {
		if n := count(c.selector); n < c.least {
			t.Errorf("%s: %d elements, want at least %d", c.selector, n, c.least)
		}
	}
	// The country outlines under the map were loaded, the strict CSP
	// allowing same-origin images.
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[int](`performance.getEntriesByName(location.origin + "/static/world.svg").length`))
	must("look for the world map", err)
	if loaded == 0 {
		t.Error("the page did not load /static/world.svg")
	}
	rowsBefore := count("table.event-grid tr.event-row")
	firstRoot, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("table.event-grid tr.event-row .cameo")))
	must("read the first event's code", err)

	// Filter to the first row's event type through the form, as a reader
	// would: choose it in the menu and apply.
	firstRoot = strings.TrimSpace(firstRoot)
	if len(firstRoot) < 2 {
		t.Fatalf("first row's CAMEO code %q", firstRoot)
	}
	root := firstRoot[:2]
	must("filter by event type", chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS(`select[name="root"]`), root),
		chromedp.Click(chromedp.CSS(`.dash-filters button[type="submit"]`)),
		// "Clear" shows once a filter is set.
		chromedp.WaitVisible(chromedp.CSS(`.dash-filters a[href="/dashboard"]`))))
	url, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	must("read the location", err)
	if !strings.Contains(url, "root="+root) {
		t.Errorf("the form did not submit the root: %q", url)
	}
	rowsAfter := count("table.event-grid tr.event-row")
	codes, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("table.event-grid tr.event-row .cameo")].map(e => e.textContent)`))
	must("read the codes", err)
	if rowsAfter == 0 || rowsAfter >= rowsBefore {
		t.Errorf("filtering by root %s left %d of %d rows", root, rowsAfter, rowsBefore)
	}
	for _, c := range codes {
		if !strings.HasPrefix(c, root) {
			t.Errorf("row with code %s after filtering by root %s", c, root)
		}
	}

	screenshot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("take a screenshot", err)
	dir := t.TempDir()
	if d := os.Getenv("DYAD_SCREENSHOTS"); d != "" {
		dir = d
	}
	shot := filepath.Join(dir, "dashboard.png")
	if err := os.WriteFile(shot, screenshot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d rows, %d after root=%s)", shot, rowsBefore, rowsAfter, root)
}
