package web

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/sqlite"
)

// dashFilter is the dashboard's form, as the analyst typed it.
type dashFilter struct {
	Since, Until, Actor, Pair, Root, Country string
	Error                                    string
}

// Active reports whether any filter is set.
func (f dashFilter) Active() bool {
	return f.Since != "" || f.Until != "" || f.Actor != "" || f.Pair != "" || f.Root != "" || f.Country != ""
}

// dashQuery is what the filter selects: the store query for root,
// country and dates, plus the actor and pair conditions, which the store
// cannot express as one query (either side may match).
type dashQuery struct {
	base  dyad.EventQuery
	actor string
	pair  [2]string
}

// parseDashFilter reads the form, reusing the events page's rules for
// the fields both pages have. A pair is two actor codes joined by "-",
// "/", "," or a space ("USA-IRN"); it selects the events between them in
// either direction.
func parseDashFilter(p url.Values) (dashQuery, dashFilter) {
	get := func(name string) string { return strings.TrimSpace(truncateUTF8(p.Get(name), maxFilterBytes)) }
	base, ef := parseEventFilter(url.Values{"root": {p.Get("root")}, "country": {p.Get("country")},
		"since": {p.Get("since")}, "until": {p.Get("until")}})
	f := dashFilter{Since: ef.Since, Until: ef.Until, Root: ef.Root, Country: ef.Country,
		Actor: get("actor"), Pair: get("pair")}
	var problems []string
	if ef.Error != "" {
		problems = append(problems, ef.Error)
	}
	q := dashQuery{base: base}
	isCode := func(c string) bool {
		return c != "" && strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == ""
	}
	if f.Actor != "" {
		q.actor = strings.ToUpper(f.Actor)
		if !isCode(q.actor) {
			problems = append(problems, "Actor must be a CAMEO actor code or its start, such as USA or IRNMIL")
			q.actor = ""
		}
	}
	if f.Pair != "" {
		parts := strings.FieldsFunc(strings.ToUpper(f.Pair), func(r rune) bool {
			return r == '-' || r == '/' || r == ',' || r == ' '
		})
		if len(parts) != 2 || !isCode(parts[0]) || !isCode(parts[1]) {
			problems = append(problems, "Pair must be two actor codes such as USA-IRN")
		} else {
			q.pair = [2]string{parts[0], parts[1]}
		}
	}
	f.Error = strings.Join(problems, ". ")
	return q, f
}

// match reports whether e meets the actor and pair conditions.
func (q dashQuery) match(e dyad.Event) bool {
	src, tgt := e.Source.Code, ""
	if e.Target != nil {
		tgt = e.Target.Code
	}
	if q.actor != "" && !strings.HasPrefix(src, q.actor) && !(tgt != "" && strings.HasPrefix(tgt, q.actor)) {
		return false
	}
	if a, b := q.pair[0], q.pair[1]; a != "" && tgt != "" {
		return (strings.HasPrefix(src, a) && strings.HasPrefix(tgt, b)) || (strings.HasPrefix(src, b) && strings.HasPrefix(tgt, a))
	} else if a != "" {
		return false
	}
	return true
}

// storeQueries are the store queries whose union holds every event the
// filter selects: one for each direction of a pair or each side of an
// actor, else the base query alone.
func (q dashQuery) storeQueries() []dyad.EventQuery {
	with := func(src, tgt string) dyad.EventQuery {
		b := q.base
		b.Source, b.Target = src, tgt
		return b
	}
	switch {
	case q.pair[0] != "":
		if q.pair[0] == q.pair[1] {
			return []dyad.EventQuery{with(q.pair[0], q.pair[1])}
		}
		return []dyad.EventQuery{with(q.pair[0], q.pair[1]), with(q.pair[1], q.pair[0])}
	case q.actor != "":
		return []dyad.EventQuery{with(q.actor, ""), with("", q.actor)}
	}
	return []dyad.EventQuery{q.base}
}

// latestStore is an event store that returns the latest representative
// events of a query at once (sqlite.DB does), which is much faster than
// paging through its events.
type latestStore interface {
	LatestRepresentatives(ctx context.Context, limit int, qs ...dyad.EventQuery) ([]dyad.ArticleEvent, error)
}

// factsStore returns the latest representative events as latestStore
// does, with only the fields the dashboard totals, and the first full of
// them in full for its table (sqlite.DB does): reading thousands of full
// rows, sentence and article included, was most of a page's time.
type factsStore interface {
	LatestRepresentativeFacts(ctx context.Context, limit, full int, qs ...dyad.EventQuery) (facts, latest []dyad.ArticleEvent, err error)
}

// fetchDashboard returns the events the dashboard totals, as fetchEvents
// does, and the latest rows of them in full for its table. From a
// factsStore the totalled events carry only the totalled fields.
func fetchDashboard(ctx context.Context, store dyad.EventStore, q dashQuery, limit, rows int) (events, table []dyad.ArticleEvent, truncated bool, err error) {
	facts, ok := store.(factsStore)
	if !ok {
		events, truncated, err = fetchEvents(ctx, store, q, limit)
		return events, events[:min(len(events), rows)], truncated, err
	}
	all, latest, err := facts.LatestRepresentativeFacts(ctx, limit+1, rows, q.storeQueries()...)
	if err != nil {
		return nil, nil, false, err
	}
	for _, e := range all {
		if q.match(e.Event) {
			events = append(events, e)
		}
	}
	if len(events) > limit {
		events, truncated = events[:limit], true
	}
	for _, e := range latest {
		if q.match(e.Event) {
			table = append(table, e)
		}
	}
	return events, table, truncated, nil
}

// fetchEvents returns the latest events the filter selects, at most
// limit of them, latest first, and whether more were left out. Of the
// events near-duplicate articles tell again, only the representative
// (see docs/analysis.md) is returned, so every figure counts a happening
// once.
func fetchEvents(ctx context.Context, store dyad.EventStore, q dashQuery, limit int) ([]dyad.ArticleEvent, bool, error) {
	seen := map[[2]string]bool{}
	var out []dyad.ArticleEvent
	truncated := false
	if latest, ok := store.(latestStore); ok {
		events, err := latest.LatestRepresentatives(ctx, limit+1, q.storeQueries()...)
		if err != nil {
			return nil, false, err
		}
		for _, e := range events {
			if q.match(e.Event) {
				out = append(out, e)
			}
		}
		if len(out) > limit {
			out, truncated = out[:limit], true
		}
		return out, truncated, nil
	}
	for _, sq := range q.storeQueries() {
		n := 0
		sq.Limit = sqlite.MaxLimit
		for {
			page, err := store.Events(ctx, sq)
			if err != nil {
				return nil, false, err
			}
			for _, e := range page.Events {
				k := [2]string{e.ArticleID, e.ID}
				// Copies of a happening told by near-duplicate articles
				// count once: only each group's representative is shown.
				if seen[k] || !e.Representative || !q.match(e.Event) {
					continue
				}
				seen[k] = true
				out = append(out, e)
				n++
			}
			if page.Next == "" {
				break
			}
			if n >= limit {
				truncated = true
				break
			}
			sq.Cursor = page.Next
		}
	}
	// The queries' pages are each latest first; so is their union.
	slices.SortStableFunc(out, func(a, b dyad.ArticleEvent) int { return cmp.Compare(b.Date, a.Date) })
	if len(out) > limit {
		out, truncated = out[:limit], true
	}
	return out, truncated, nil
}

// dashboard is what the dashboard page shows.
type dashboard struct {
	Filter    dashFilter
	Roots     []cameoRoot
	Summary   dashSummary
	Truncated bool
	Limit     int
	Timelines []dashTimeline
	Map       template.HTML
	Located   int
	Network   template.HTML
	Nodes     int
	Rows      []dyad.ArticleEvent
	// More is the number of events beyond the table's rows, and
	// EventsURL the events page with the same filters.
	More      int
	EventsURL string
	// QuadNames label the colour legend, QuadClass 1 to 4.
	QuadNames [4]string
}

// dashTimeline is one pair's chart with its caption.
type dashTimeline struct {
	A, B    string
	Events  int
	Changes int
	Chart   template.HTML
	// URL selects this pair on the dashboard.
	URL string
}

// Dashboard sizes.
const (
	timelinePairs = 4
	networkNodes  = 24
)

// dashboardPage serves /dashboard: headline figures, timelines of the
// busiest actor pairs, a map and an actor network of the events the
// filter selects, and the latest of them in a table.
func (s *Server) dashboardPage(w http.ResponseWriter, r *http.Request) {
	if s.opts.Events == nil {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	ctx := r.Context()
	v, err := s.newView(ctx, "Dashboard")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Heading = "Dashboard"
	q, filter := parseDashFilter(r.URL.Query())
	d := &dashboard{Filter: filter, Roots: cameoRoots, Limit: s.opts.DashboardEvents, QuadNames: quadNames}
	v.Dashboard = d
	if filter.Error != "" {
		s.render(w, r, http.StatusBadRequest, "dashboard", v)
		return
	}
	world, err := loadWorldMap()
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	events, table, truncated, err := fetchDashboard(ctx, s.opts.Events, q, s.opts.DashboardEvents, s.opts.DashboardRows)
	if errors.Is(err, context.Canceled) {
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, fmt.Errorf("dashboard events: %w", err))
		return
	}
	d.Truncated = truncated
	d.Summary = summarize(events)
	for _, p := range pairTimelines(events, q.base.Since, q.base.Until, timelinePairs) {
		t := dashTimeline{A: p.A, B: p.B, Events: p.Events, Chart: timelineSVG(p)}
		for _, day := range p.Days {
			if day.Change != "" {
				t.Changes++
			}
		}
		params := r.URL.Query()
		params.Set("pair", p.A+"-"+p.B)
		t.URL = "/dashboard?" + params.Encode()
		d.Timelines = append(d.Timelines, t)
	}
	places, countries := eventPlaces(events)
	for _, p := range places {
		d.Located += p.Events
	}
	d.Map = mapSVG(places, countries, world)
	nodes, edges := actorNetwork(events, networkNodes)
	d.Nodes = len(nodes)
	d.Network = networkSVG(nodes, edges)
	d.Rows = table
	d.More = len(events) - len(d.Rows)
	d.EventsURL = eventsURL(q)
	s.render(w, r, http.StatusOK, "dashboard", v)
}

// eventsURL is the events page with the filter's fields it has: the
// pair's first direction, or the actor as source.
func eventsURL(q dashQuery) string {
	p := url.Values{}
	set := func(k, v string) {
		if v != "" {
			p.Set(k, v)
		}
	}
	switch {
	case q.pair[0] != "":
		set("source", q.pair[0])
		set("target", q.pair[1])
	case q.actor != "":
		set("source", q.actor)
	}
	set("root", q.base.Root)
	set("country", q.base.Country)
	if !q.base.Since.IsZero() {
		set("since", q.base.Since.Format("2006-01-02"))
	}
	if !q.base.Until.IsZero() {
		set("until", q.base.Until.AddDate(0, 0, -1).Format("2006-01-02"))
	}
	if len(p) == 0 {
		return "/events"
	}
	return "/events?" + p.Encode()
}
