package web

import (
	"fmt"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The dashboard's charts are SVG written here rather than in templates:
// they are mostly numbers, which templates format poorly. Every string
// that comes from the data (actor codes and names, places) goes through
// esc, and numbers through num, so hostile names stay text.

// svgWriter builds one SVG element. Its methods take only numbers and
// escaped text.
type svgWriter struct{ b strings.Builder }

// esc escapes s for both text and quoted attribute values.
func esc(s string) string { return template.HTMLEscapeString(s) }

// num writes f with at most one decimal, which is finer than a pixel at
// every scale the charts use.
func num(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "0"
	}
	s := strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// raw appends trusted markup: literals and the output of num and esc.
func (w *svgWriter) raw(parts ...string) {
	for _, p := range parts {
		w.b.WriteString(p)
	}
}

// title appends a tooltip.
func (w *svgWriter) title(text string) { w.raw("<title>", esc(text), "</title>") }

func (w *svgWriter) html() template.HTML { return template.HTML(w.b.String()) }

// quadNames are the QuadClasses 1..4, for legends and tooltips.
var quadNames = [4]string{"verbal cooperation", "material cooperation", "verbal conflict", "material conflict"}

func quadClass(q int) string { return "q" + strconv.Itoa(q) }

// Timeline geometry, in viewBox units: a Goldstein panel above an event
// count panel, sharing the day axis.
const (
	tlWidth, tlHeight  = 560, 200
	tlLeft, tlRight    = 30, 8
	tlTop, tlMidBottom = 14, 118
	tlCountTop         = 132
	tlBottom           = 182
)

// timelineBin is the span of days one mark of a timeline shows.
type timelineBin struct {
	Start        time.Time
	Days         int
	Events       int
	GoldsteinSum float64
	// Change is the direction of the bin's first change flag, or "".
	Change string
}

func (b timelineBin) mean() float64 { return b.GoldsteinSum / float64(max(b.Events, 1)) }

// label names the bin's span: a day or a week.
func (b timelineBin) label() string {
	if b.Days == 1 {
		return b.Start.Format("Jan 2, 2006")
	}
	return b.Start.Format("Jan 2") + "–" + b.Start.AddDate(0, 0, b.Days-1).Format("Jan 2, 2006")
}

// maxTimelineBins keeps marks at least a few pixels wide: longer spans
// are shown by week (maxTimelineDays is 105 weeks).
const maxTimelineBins = 120

// binDays groups a series' days into days or weeks, by day when that
// keeps at most maxTimelineBins bins. A bin carries a change flag when
// one of its days does.
func binDays(days []pairDay) (bins []timelineBin, unit string) {
	size, unit := 1, "day"
	if len(days) > maxTimelineBins {
		size, unit = 7, "week"
	}
	for i := 0; i < len(days); i += size {
		b := timelineBin{Start: days[i].Date}
		for _, d := range days[i:min(i+size, len(days))] {
			b.Days++
			b.Events += d.Events
			b.GoldsteinSum += d.GoldsteinSum
			if b.Change == "" {
				b.Change = d.Change
			}
		}
		bins = append(bins, b)
	}
	return bins, unit
}

// timelineSVG draws one pair's series: the mean Goldstein score of each
// day (or week) with events as dots joined by a line (scale -10..10), the
// event counts as bars below, and change flags as dashed rules with a
// marker.
func timelineSVG(p pairSeries) template.HTML {
	bins, unit := binDays(p.Days)
	n := len(bins)
	if n == 0 {
		return ""
	}
	var w svgWriter
	label := fmt.Sprintf("%s and %s: mean Goldstein score and events per %s", p.A, p.B, unit)
	w.raw(`<svg class="timeline" viewBox="0 0 `, num(tlWidth), " ", num(tlHeight), `" role="img" aria-label="`, esc(label), `">`)
	w.title(label)
	plotW := float64(tlWidth - tlLeft - tlRight)
	step := plotW / float64(n)
	x := func(i int) float64 { return tlLeft + (float64(i)+0.5)*step }
	gy := func(g float64) float64 {
		g = math.Max(-10, math.Min(10, g))
		return tlTop + (10-g)/20*float64(tlMidBottom-tlTop)
	}
	// Goldstein grid: +10, +5, 0, -5, -10.
	for _, g := range []float64{10, 5, 0, -5, -10} {
		cls := "grid"
		if g == 0 {
			cls = "grid zero"
		}
		w.raw(`<line class="`, cls, `" x1="`, num(tlLeft), `" x2="`, num(tlWidth-tlRight), `" y1="`, num(gy(g)), `" y2="`, num(gy(g)), `"/>`)
		w.raw(`<text class="axis" x="`, num(tlLeft-6), `" y="`, num(gy(g)+4), `" text-anchor="end">`, strconv.FormatFloat(g, 'f', -1, 64), `</text>`)
	}
	maxCount := 0
	for _, b := range bins {
		maxCount = max(maxCount, b.Events)
	}
	countH := float64(tlBottom - tlCountTop)
	w.raw(`<line class="grid" x1="`, num(tlLeft), `" x2="`, num(tlWidth-tlRight), `" y1="`, num(tlBottom), `" y2="`, num(tlBottom), `"/>`)
	w.raw(`<text class="axis" x="`, num(tlLeft-6), `" y="`, num(tlCountTop+8), `" text-anchor="end">`, strconv.Itoa(maxCount), `</text>`)
	// Change flags under everything else.
	for i, b := range bins {
		if b.Change == "" {
			continue
		}
		w.raw(`<g class="change"><line x1="`, num(x(i)), `" x2="`, num(x(i)), `" y1="`, num(tlTop), `" y2="`, num(tlBottom), `"/>`)
		w.raw(`<path d="M`, num(x(i)-6), " ", num(tlTop-8), "h12l-6 9z", `"/>`)
		w.title(fmt.Sprintf("%s: change flag, %s (the recent mean Goldstein score turned sharply against the days before)", b.label(), b.Change))
		w.raw(`</g>`)
	}
	barW := math.Max(math.Min(step*0.7, 14), 1.5)
	for i, b := range bins {
		if b.Events == 0 {
			continue
		}
		h := math.Max(countH*float64(b.Events)/float64(maxCount), 2)
		w.raw(`<rect class="bar" x="`, num(x(i)-barW/2), `" y="`, num(tlBottom-h), `" width="`, num(barW), `" height="`, num(h), `">`)
		w.title(fmt.Sprintf("%s: %d %s", b.label(), b.Events, plural(b.Events, "event", "events")))
		w.raw(`</rect>`)
	}
	var line strings.Builder
	for i, b := range bins {
		if b.Events == 0 {
			continue
		}
		cmd := "L"
		if line.Len() == 0 {
			cmd = "M"
		}
		line.WriteString(cmd + num(x(i)) + " " + num(gy(b.mean())))
	}
	if line.Len() > 0 {
		w.raw(`<path class="gline" d="`, line.String(), `"/>`)
	}
	for i, b := range bins {
		if b.Events == 0 {
			continue
		}
		cls := "gdot"
		if b.mean() < 0 {
			cls = "gdot neg"
		}
		w.raw(`<circle class="`, cls, `" cx="`, num(x(i)), `" cy="`, num(gy(b.mean())), `" r="3.5">`)
		w.title(fmt.Sprintf("%s: mean Goldstein %.1f over %d %s", b.label(), b.mean(), b.Events, plural(b.Events, "event", "events")))
		w.raw(`</circle>`)
	}
	// Date ticks: first, last and up to three between.
	ticks := min(n, 5)
	for t := range ticks {
		i := 0
		if ticks > 1 {
			i = t * (n - 1) / (ticks - 1)
		}
		anchor, tx := "middle", x(i)
		switch {
		case ticks > 1 && t == 0:
			anchor, tx = "start", tlLeft
		case ticks > 1 && t == ticks-1:
			anchor, tx = "end", tlWidth-tlRight
		}
		w.raw(`<text class="axis" x="`, num(tx), `" y="`, num(tlBottom+18), `" text-anchor="`, anchor, `">`, esc(bins[i].Start.Format("Jan 2, 2006")), `</text>`)
	}
	w.raw(`</svg>`)
	return w.html()
}

// Network geometry, in viewBox units.
const (
	netSize   = 600
	netMargin = 60
)

// networkSVG draws the actors as circles sized by their events and the
// pairs as lines as thick as their events' log count, coloured by their
// dominant QuadClass.
func networkSVG(nodes []netNode, edges []netEdge) template.HTML {
	if len(nodes) == 0 {
		return ""
	}
	var w svgWriter
	w.raw(`<svg class="network" viewBox="0 0 `, num(netSize), " ", num(netSize), `" role="img" aria-label="Actor network">`)
	w.title("Actor network: actors by country, joined by their events")
	pos := func(n netNode) (float64, float64) {
		inner := float64(netSize - 2*netMargin)
		return netMargin + n.X*inner, netMargin + n.Y*inner
	}
	for _, e := range edges {
		x1, y1 := pos(nodes[e.From])
		x2, y2 := pos(nodes[e.To])
		width := 2 + 2*math.Log2(float64(e.Events))
		w.raw(`<line class="edge `, quadClass(e.Dominant()), `" x1="`, num(x1), `" y1="`, num(y1), `" x2="`, num(x2), `" y2="`, num(y2), `" stroke-width="`, num(width), `">`)
		var parts []string
		for q, c := range e.Quad {
			if c > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", c, quadNames[q]))
			}
		}
		w.title(fmt.Sprintf("%s – %s: %d %s (%s)", nodes[e.From].Code, nodes[e.To].Code, e.Events, plural(e.Events, "event", "events"), strings.Join(parts, ", ")))
		w.raw(`</line>`)
	}
	for _, n := range nodes {
		x, y := pos(n)
		r := math.Min(17+3*math.Sqrt(float64(n.Events)), 44)
		w.raw(`<g class="node"><circle cx="`, num(x), `" cy="`, num(y), `" r="`, num(r), `"/>`)
		w.raw(`<text x="`, num(x), `" y="`, num(y+6), `" text-anchor="middle">`, esc(n.Code), `</text>`)
		tip := fmt.Sprintf("%s: %d %s", n.Code, n.Events, plural(n.Events, "event", "events"))
		if len(n.Names) > 0 {
			tip += " — " + strings.Join(n.Names, ", ")
		}
		w.title(tip)
		w.raw(`</g>`)
	}
	w.raw(`</svg>`)
	return w.html()
}

// mapDisplayWidth is the width in CSS pixels the map is drawn for: circle
// radii are given in these pixels and scaled to the view.
const mapDisplayWidth = 960

// mapSVG draws the world (the embedded outline image), shades the
// countries with events by their count, and marks each place with a
// circle sized by its casualties and coloured by its events' dominant
// QuadClass. The view fits the places, never narrower than 40 degrees.
func mapSVG(places []mapPlace, countries map[string]int, world worldMap) template.HTML {
	vx, vy, vw, vh := mapView(places)
	var w svgWriter
	w.raw(`<svg class="map" viewBox="`, num(vx), " ", num(vy), " ", num(vw), " ", num(vh), `" role="img" aria-label="Map of events">`)
	w.title("Map of events: circles sized by killed and wounded")
	w.raw(`<rect class="sea" x="`, num(vx), `" y="`, num(vy), `" width="`, num(vw), `" height="`, num(vh), `"/>`)
	w.raw(`<image href="/static/world.svg" x="0" y="0" width="`, num(world.width), `" height="`, num(world.height), `"/>`)
	most := 0
	for _, c := range countries {
		most = max(most, c)
	}
	codes := make([]string, 0, len(countries))
	for c := range countries {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, code := range codes {
		outline, ok := world.countries[code]
		if !ok {
			continue
		}
		c := countries[code]
		opacity := 0.15 + 0.45*float64(c)/float64(most)
		w.raw(`<path class="country" d="`, outline.path, `" fill-opacity="`, strconv.FormatFloat(math.Round(opacity*100)/100, 'f', -1, 64), `">`)
		w.title(fmt.Sprintf("%s: %d %s", outline.name, c, plural(c, "event", "events")))
		w.raw(`</path>`)
	}
	scale := vw / mapDisplayWidth
	for _, p := range places {
		x, y := project(p.Lat, p.Lon)
		cas := p.Killed + p.Wounded
		r := math.Min(4+1.6*math.Sqrt(float64(cas)), 24) * scale
		dominant, best := 1, -1
		for q, c := range p.Quad {
			if c > best {
				dominant, best = q+1, c
			}
		}
		w.raw(`<circle class="place `, quadClass(dominant), `" cx="`, num(x), `" cy="`, num(y), `" r="`, num(r), `">`)
		tip := fmt.Sprintf("%s: %d %s", p.Name, p.Events, plural(p.Events, "event", "events"))
		if cas > 0 {
			tip += fmt.Sprintf(", %d killed, %d wounded", p.Killed, p.Wounded)
		}
		w.title(tip)
		w.raw(`</circle>`)
	}
	w.raw(`</svg>`)
	return w.html()
}

// mapAspect is the map's width over its height.
const mapAspect = 2.0

// mapView is the viewBox that shows every place with a margin, at
// mapAspect, inside the world's frame when it fits.
func mapView(places []mapPlace) (x, y, w, h float64) {
	const margin = 8 * unitsPerDegree
	const minWidth = 40 * unitsPerDegree
	if len(places) == 0 {
		w = mapWidth
		h = w / mapAspect
		return 0, (mapHeight - h) / 2, w, h
	}
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range places {
		px, py := project(p.Lat, p.Lon)
		minX, maxX = math.Min(minX, px), math.Max(maxX, px)
		minY, maxY = math.Min(minY, py), math.Max(maxY, py)
	}
	w = math.Max(maxX-minX+2*margin, minWidth)
	h = maxY - minY + 2*margin
	if w/h < mapAspect {
		w = h * mapAspect
	}
	w = math.Min(w, mapWidth)
	h = w / mapAspect
	x = (minX+maxX)/2 - w/2
	y = (minY+maxY)/2 - h/2
	x = math.Max(0, math.Min(x, mapWidth-w))
	if h <= mapHeight {
		y = math.Max(0, math.Min(y, mapHeight-h))
	}
	return x, y, w, h
}
