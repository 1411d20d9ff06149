package web

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/escalation"
)

// The dashboard aggregates the events it fetched in memory: they are
// bounded by Options.DashboardEvents, so every view below is linear in
// that bound.

// countryLevel is an actor code's first three letters: its country (or
// IGO, NGO, ... for actors without one), the level at which pairs are
// compared. It is "" for codes of unknown country ("---GOV"), which
// cannot be paired.
func countryLevel(code string) string {
	if len(code) > 3 {
		code = code[:3]
	}
	if strings.HasPrefix(code, "---") {
		return ""
	}
	return code
}

// quadIndex is an event's QuadClass as an index 0..3, or -1 when it has
// none.
func quadIndex(q int) int {
	if q >= 1 && q <= 4 {
		return q - 1
	}
	return -1
}

// summary is the dashboard's headline figures.
type dashSummary struct {
	Events, Articles, Actors, Killed, Wounded int
	// Goldstein is the mean Goldstein score; HasGoldstein is false with
	// no events.
	Goldstein    float64
	HasGoldstein bool
	// Quad counts events per QuadClass 1..4.
	Quad [4]int
}

func summarize(events []dyad.ArticleEvent) dashSummary {
	var s dashSummary
	articles := map[string]bool{}
	actors := map[string]bool{}
	sum := 0.0
	for _, e := range events {
		s.Events++
		articles[e.ArticleID] = true
		if c := countryLevel(e.Source.Code); c != "" {
			actors[c] = true
		}
		if e.Target != nil {
			if c := countryLevel(e.Target.Code); c != "" {
				actors[c] = true
			}
		}
		if e.Killed != nil && *e.Killed > 0 {
			s.Killed += *e.Killed
		}
		if e.Wounded != nil && *e.Wounded > 0 {
			s.Wounded += *e.Wounded
		}
		sum += e.Goldstein
		if q := quadIndex(e.QuadClass); q >= 0 {
			s.Quad[q]++
		}
	}
	s.Articles, s.Actors = len(articles), len(actors)
	if s.Events > 0 {
		s.Goldstein, s.HasGoldstein = sum/float64(s.Events), true
	}
	return s
}

// pairDay is one actor pair's events on one day.
type pairDay struct {
	Date         time.Time
	Events       int
	GoldsteinSum float64
	// GoldsteinSumSq is the sum of squared scores, for the change flag's
	// spread.
	GoldsteinSumSq float64
	Killed         int
	Wounded        int
	// Change is the direction of a sharp turn flagged on this day,
	// "escalation" or "de-escalation" (see flagChanges), or "".
	Change string
}

// Mean is the day's mean Goldstein score.
func (d pairDay) Mean() float64 {
	if d.Events == 0 {
		return 0
	}
	return d.GoldsteinSum / float64(d.Events)
}

// pairSeries is the day-by-day record of an unordered pair of actors at
// country level, over the days the dashboard shows.
type pairSeries struct {
	A, B   string
	Events int
	Days   []pairDay
}

// maxTimelineDays bounds a timeline: the latest days of a longer span
// are shown.
const maxTimelineDays = 730

// pairTimelines returns the daily series of the top pairs by event count
// (at most limit of them) over the span [first, last] of the events'
// days, or over since..until when they are set. Events without a target
// or without a day-shaped date are left out.
func pairTimelines(events []dyad.ArticleEvent, since, until time.Time, limit int) []pairSeries {
	type dated struct {
		day  time.Time
		e    *dyad.ArticleEvent
		pair [2]string
	}
	var all []dated
	for i := range events {
		e := &events[i]
		if e.Target == nil {
			continue
		}
		d, err := time.Parse(time.DateOnly, e.Date)
		if err != nil {
			continue
		}
		a, b := countryLevel(e.Source.Code), countryLevel(e.Target.Code)
		if a == "" || b == "" || a == b {
			continue
		}
		if b < a {
			a, b = b, a
		}
		all = append(all, dated{d, e, [2]string{a, b}})
	}
	if len(all) == 0 {
		return nil
	}
	first, last := since, until.AddDate(0, 0, -1)
	if since.IsZero() || until.IsZero() {
		lo, hi := all[0].day, all[0].day
		for _, d := range all {
			lo, hi = minTime(lo, d.day), maxTime(hi, d.day)
		}
		if since.IsZero() {
			first = lo
		}
		if until.IsZero() {
			last = hi
		}
	}
	if last.Before(first) {
		return nil
	}
	if days := int(last.Sub(first).Hours()/24) + 1; days > maxTimelineDays {
		first = last.AddDate(0, 0, -(maxTimelineDays - 1))
	}
	n := int(last.Sub(first).Hours()/24) + 1

	// Pairs rank by their events within the span.
	counts := map[[2]string]int{}
	for _, d := range all {
		if !d.day.Before(first) && !d.day.After(last) {
			counts[d.pair]++
		}
	}
	pairs := make([][2]string, 0, len(counts))
	for p := range counts {
		pairs = append(pairs, p)
	}
	slices.SortFunc(pairs, func(x, y [2]string) int {
		if c := cmp.Compare(counts[y], counts[x]); c != 0 {
			return c
		}
		return cmp.Compare(x[0]+x[1], y[0]+y[1])
	})
	if len(pairs) > limit {
		pairs = pairs[:limit]
	}

	index := map[[2]string]int{}
	out := make([]pairSeries, len(pairs))
	for i, p := range pairs {
		index[p] = i
		out[i] = pairSeries{A: p[0], B: p[1], Events: counts[p], Days: make([]pairDay, n)}
		for d := range out[i].Days {
			out[i].Days[d].Date = first.AddDate(0, 0, d)
		}
	}
	for _, d := range all {
		i, ok := index[d.pair]
		if !ok || d.day.Before(first) || d.day.After(last) {
			continue
		}
		day := &out[i].Days[int(d.day.Sub(first).Hours()/24)]
		day.Events++
		day.GoldsteinSum += d.e.Goldstein
		day.GoldsteinSumSq += d.e.Goldstein * d.e.Goldstein
		if d.e.Killed != nil && *d.e.Killed > 0 {
			day.Killed += *d.e.Killed
		}
		if d.e.Wounded != nil && *d.e.Wounded > 0 {
			day.Wounded += *d.e.Wounded
		}
	}
	for i := range out {
		flagChanges(out[i].Days)
	}
	return out
}

// flagChanges marks the days on which the escalation package's change
// flag turns (the recent Goldstein mean against the baseline before it).
func flagChanges(days []pairDay) {
	series := make([]escalation.Day, len(days))
	index := make(map[string]int, len(days))
	for i, d := range days {
		date := d.Date.Format(time.DateOnly)
		index[date] = i
		series[i] = escalation.Day{Date: date, Events: d.Events, GoldsteinSum: d.GoldsteinSum,
			GoldsteinMean: d.Mean(), GoldsteinSumSq: d.GoldsteinSumSq}
	}
	for _, f := range escalation.Flags(series, escalation.Options{}) {
		if i, ok := index[f.Date]; ok {
			days[i].Change = f.Direction
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// netNode is an actor of the network, at country level.
type netNode struct {
	Code string
	// Names are the names it goes by in the events, most frequent first.
	Names  []string
	Events int
	X, Y   float64
}

// netEdge joins two nodes, whatever the direction of their events.
type netEdge struct {
	From, To int
	Events   int
	Quad     [4]int
}

// Dominant is the QuadClass (1..4) of most of the edge's events.
func (e netEdge) Dominant() int {
	best := 0
	for q := range e.Quad {
		if e.Quad[q] > e.Quad[best] {
			best = q
		}
	}
	return best + 1
}

// actorNetwork links the actors of events that have both, keeping the
// maxNodes actors with most events and the edges among them, laid out
// by layoutNetwork.
func actorNetwork(events []dyad.ArticleEvent, maxNodes int) ([]netNode, []netEdge) {
	type key = [2]string
	nodeEvents := map[string]int{}
	names := map[string]map[string]int{}
	edges := map[key]*netEdge{}
	addName := func(code string, a dyad.Actor) {
		n := actorName(a.Name, a.Text)
		if n == "" {
			return
		}
		if names[code] == nil {
			names[code] = map[string]int{}
		}
		names[code][n]++
	}
	type pairQuad struct {
		p key
		q int
	}
	var links []pairQuad
	for _, e := range events {
		if e.Target == nil {
			continue
		}
		a, b := countryLevel(e.Source.Code), countryLevel(e.Target.Code)
		if a == "" || b == "" || a == b {
			continue
		}
		nodeEvents[a]++
		nodeEvents[b]++
		addName(a, e.Source)
		addName(b, *e.Target)
		if b < a {
			a, b = b, a
		}
		links = append(links, pairQuad{key{a, b}, quadIndex(e.QuadClass)})
	}
	codes := make([]string, 0, len(nodeEvents))
	for c := range nodeEvents {
		codes = append(codes, c)
	}
	slices.SortFunc(codes, func(x, y string) int {
		if c := cmp.Compare(nodeEvents[y], nodeEvents[x]); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	if len(codes) > maxNodes {
		codes = codes[:maxNodes]
	}
	index := map[string]int{}
	nodes := make([]netNode, len(codes))
	for i, c := range codes {
		index[c] = i
		nodes[i] = netNode{Code: c, Events: nodeEvents[c], Names: topNames(names[c], 3)}
	}
	for _, l := range links {
		i, ok1 := index[l.p[0]]
		j, ok2 := index[l.p[1]]
		if !ok1 || !ok2 {
			continue
		}
		e := edges[l.p]
		if e == nil {
			e = &netEdge{From: i, To: j}
			edges[l.p] = e
		}
		e.Events++
		if l.q >= 0 {
			e.Quad[l.q]++
		}
	}
	out := make([]netEdge, 0, len(edges))
	for _, e := range edges {
		out = append(out, *e)
	}
	slices.SortFunc(out, func(x, y netEdge) int {
		return cmp.Or(cmp.Compare(x.From, y.From), cmp.Compare(x.To, y.To))
	})
	layoutNetwork(nodes, out)
	return nodes, out
}

func topNames(counts map[string]int, n int) []string {
	names := make([]string, 0, len(counts))
	for name := range counts {
		names = append(names, name)
	}
	slices.SortFunc(names, func(x, y string) int {
		return cmp.Or(cmp.Compare(counts[y], counts[x]), cmp.Compare(x, y))
	})
	return names[:min(n, len(names))]
}

// layoutIterations of a force layout follow the circular start.
const layoutIterations = 150

// layoutGravity weighs the pull towards the centre against the edges'.
const layoutGravity = 2.0

// layoutNetwork places the nodes in the unit square: on a circle, busiest
// first, then a Fruchterman–Reingold force layout pulls linked actors
// together and pushes the rest apart. It is deterministic (no random
// start), so a page looks the same on every load.
func layoutNetwork(nodes []netNode, edges []netEdge) {
	n := len(nodes)
	if n == 0 {
		return
	}
	for i := range nodes {
		angle := 2*math.Pi*float64(i)/float64(n) - math.Pi/2
		nodes[i].X, nodes[i].Y = 0.5+0.4*math.Cos(angle), 0.5+0.4*math.Sin(angle)
	}
	if n < 3 {
		return
	}
	k := math.Sqrt(1 / float64(n)) // the ideal distance between nodes
	dx, dy := make([]float64, n), make([]float64, n)
	temperature := 0.1
	for range layoutIterations {
		clear(dx)
		clear(dy)
		for i := range nodes {
			for j := i + 1; j < n; j++ {
				x, y := nodes[i].X-nodes[j].X, nodes[i].Y-nodes[j].Y
				d := math.Max(math.Hypot(x, y), 1e-3)
				f := k * k / d
				dx[i] += x / d * f
				dy[i] += y / d * f
				dx[j] -= x / d * f
				dy[j] -= y / d * f
			}
		}
		for _, e := range edges {
			x, y := nodes[e.From].X-nodes[e.To].X, nodes[e.From].Y-nodes[e.To].Y
			d := math.Max(math.Hypot(x, y), 1e-3)
			f := d * d / k * (1 + math.Log(float64(e.Events)))
			dx[e.From] -= x / d * f
			dy[e.From] -= y / d * f
			dx[e.To] += x / d * f
			dy[e.To] += y / d * f
		}
		// Gravity keeps components that share no edge from drifting
		// apart.
		for i := range nodes {
			x, y := nodes[i].X-0.5, nodes[i].Y-0.5
			d := math.Hypot(x, y)
			dx[i] -= x * d / k * layoutGravity
			dy[i] -= y * d / k * layoutGravity
		}
		for i := range nodes {
			d := math.Max(math.Hypot(dx[i], dy[i]), 1e-9)
			step := math.Min(d, temperature)
			nodes[i].X += dx[i] / d * step
			nodes[i].Y += dy[i] / d * step
		}
		temperature *= 0.97
	}
	// Fit the result to the square with a margin.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, nd := range nodes {
		minX, maxX = math.Min(minX, nd.X), math.Max(maxX, nd.X)
		minY, maxY = math.Min(minY, nd.Y), math.Max(maxY, nd.Y)
	}
	span := math.Max(math.Max(maxX-minX, maxY-minY), 1e-9)
	for i := range nodes {
		nodes[i].X = 0.5 + (nodes[i].X-(minX+maxX)/2)/span
		nodes[i].Y = 0.5 + (nodes[i].Y-(minY+maxY)/2)/span
	}
}

// mapPlace is the events at one place (coordinates rounded to a tenth of
// a degree).
type mapPlace struct {
	Name, Country string
	Lat, Lon      float64
	Events        int
	Killed        int
	Wounded       int
	// Quad counts the place's events per QuadClass.
	Quad [4]int
}

// eventPlaces gathers the located events by place, largest toll first so
// that small circles are drawn over large ones; countries counts events
// per location country.
func eventPlaces(events []dyad.ArticleEvent) (places []mapPlace, countries map[string]int) {
	countries = map[string]int{}
	byKey := map[[2]int]*mapPlace{}
	for _, e := range events {
		l := e.Location
		if l == nil {
			continue
		}
		if l.Country != "" {
			countries[strings.ToUpper(l.Country)]++
		}
		if (l.Lat == 0 && l.Lon == 0) || math.IsNaN(l.Lat) || math.IsNaN(l.Lon) || math.Abs(l.Lat) > 90 || math.Abs(l.Lon) > 180 {
			continue
		}
		k := [2]int{int(math.Round(l.Lat * 10)), int(math.Round(l.Lon * 10))}
		p := byKey[k]
		if p == nil {
			p = &mapPlace{Name: l.Name, Country: l.Country, Lat: l.Lat, Lon: l.Lon}
			byKey[k] = p
		}
		p.Events++
		if e.Killed != nil && *e.Killed > 0 {
			p.Killed += *e.Killed
		}
		if e.Wounded != nil && *e.Wounded > 0 {
			p.Wounded += *e.Wounded
		}
		if q := quadIndex(e.QuadClass); q >= 0 {
			p.Quad[q]++
		}
	}
	for _, p := range byKey {
		places = append(places, *p)
	}
	slices.SortFunc(places, func(x, y mapPlace) int {
		return cmp.Or(cmp.Compare(y.Killed+y.Wounded, x.Killed+x.Wounded), cmp.Compare(y.Events, x.Events),
			cmp.Compare(x.Lat, y.Lat), cmp.Compare(x.Lon, y.Lon))
	})
	return places, countries
}
