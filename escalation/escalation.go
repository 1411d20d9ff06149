// Package escalation measures who is escalating against whom: daily
// series of an actor pair's events (counts, Goldstein sum and mean,
// QuadClass counts, killed and wounded, each happening counted once) and
// change flags that mark a sharp turn in the pair's Goldstein mean.
//
// The flag compares the event-weighted Goldstein mean of the last
// Recent days with that of the Baseline days before them, as a z-score
// against the baseline's own spread; see Options and docs/analysis.md.
package escalation

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Pair is the actors of a series. A three-letter code is a country (or
// other first-level) code and matches every code it begins ("USA" is
// USAGOV, USAMIL, ...); a longer code matches only itself. Ordered
// counts only A's events towards B; otherwise both directions.
type Pair struct {
	A, B    string
	Ordered bool
}

// ParsePair reads "USA-IRN" (both directions) or "USA>IRN" (USA towards
// IRN only). Codes are upper-cased letters, digits and '-' of codes
// without a country ("---GOV"); each side is at least three characters.
func ParsePair(s string) (Pair, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var p Pair
	sep := "-"
	if strings.Contains(s, ">") {
		sep, p.Ordered = ">", true
	}
	// Codes may begin with dashes, so split at a dash that follows a
	// letter or digit and precedes one.
	cut := -1
	if p.Ordered {
		cut = strings.Index(s, sep)
	} else {
		for i := 1; i+1 < len(s); i++ {
			if s[i] == '-' && s[i-1] != '-' && s[i+1] != '-' && len(s[:i]) >= 3 && len(s[i+1:]) >= 3 {
				cut = i
				break
			}
		}
	}
	if cut < 0 {
		return p, fmt.Errorf("pair %q: want two actor codes as USA-IRN (both ways) or USA>IRN (one way)", s)
	}
	p.A, p.B = s[:cut], s[cut+1:]
	for _, c := range []string{p.A, p.B} {
		if err := checkCode(c); err != nil {
			return p, fmt.Errorf("pair %q: %w", s, err)
		}
	}
	return p, nil
}

// MaxCodeBytes bounds an actor code; CAMEO codes are a few three-letter
// parts.
const MaxCodeBytes = 32

func checkCode(c string) error {
	if len(c) < 3 || len(c) > MaxCodeBytes || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") != "" {
		return fmt.Errorf("actor code %q: want 3 to %d letters, digits or '-'", c, MaxCodeBytes)
	}
	return nil
}

// Validate checks the pair's codes.
func (p Pair) Validate() error {
	if err := checkCode(p.A); err != nil {
		return err
	}
	return checkCode(p.B)
}

func (p Pair) String() string {
	if p.Ordered {
		return p.A + ">" + p.B
	}
	return p.A + "-" + p.B
}

// Day is one day of a pair's events. Each happening is counted once: a
// story's near-duplicate copies contribute one representative event.
type Day struct {
	Date          string  `json:"date"`
	Events        int     `json:"events"`
	GoldsteinSum  float64 `json:"goldstein_sum"`
	GoldsteinMean float64 `json:"goldstein_mean"`
	// GoldsteinSumSq is the sum of squared scores, for the flag's spread.
	GoldsteinSumSq float64 `json:"-"`
	// QuadClass counts the events of QuadClass 1 to 4: verbal and
	// material cooperation, verbal and material conflict.
	QuadClass [4]int `json:"quad_class"`
	Killed    int    `json:"killed"`
	Wounded   int    `json:"wounded"`
}

// Fill returns a series with one Day for each date from since to until
// (inclusive), taking days from days (sorted by date) and zero days
// elsewhere, with each day's mean set. The flag needs every day, and a
// chart does too.
func Fill(days []Day, since, until time.Time) ([]Day, error) {
	since, until = since.UTC().Truncate(24*time.Hour), until.UTC().Truncate(24*time.Hour)
	if until.Before(since) {
		return nil, errors.New("escalation: until is before since")
	}
	if n := until.Sub(since)/(24*time.Hour) + 1; n > MaxDays {
		return nil, fmt.Errorf("escalation: %d days asked, at most %d", n, MaxDays)
	}
	var out []Day
	j := 0
	for d := since; !d.After(until); d = d.AddDate(0, 0, 1) {
		date := d.Format(time.DateOnly)
		for j < len(days) && days[j].Date < date {
			j++
		}
		day := Day{Date: date}
		if j < len(days) && days[j].Date == date {
			day = days[j]
		}
		if day.Events > 0 {
			day.GoldsteinMean = day.GoldsteinSum / float64(day.Events)
		}
		out = append(out, day)
	}
	return out, nil
}

// MaxDays bounds a series: a century of days.
const MaxDays = 36525

// Options tune the change flag. Zero fields take DefaultOptions' values.
type Options struct {
	// Recent and Baseline are the lengths in days of the window judged
	// and of the window before it that it is judged against.
	Recent, Baseline int
	// MinRecent and MinBaseline are the fewest events each window needs:
	// with fewer, a mean is noise and no flag is raised.
	MinRecent, MinBaseline int
	// Z is the z-score of the recent mean against the baseline that
	// flags; MinShift is the least difference of means (Goldstein points)
	// that flags, so a very quiet baseline does not flag on a trifle.
	Z, MinShift float64
	// MinSpread is the least per-event standard deviation assumed for
	// the baseline, so a baseline of identical scores does not make any
	// change infinitely significant.
	MinSpread float64
}

// DefaultOptions: the last 7 days against the 28 before, at least 5 and
// 10 events, z ≥ 3.5 and a shift of at least 1 Goldstein point. The
// windows overlap from day to day, so a year holds some fifty
// independent tests; at 3.5 a stationary pair raises a false flag about
// once in forty years (two-sided p ≈ 0.0005 per test).
var DefaultOptions = Options{Recent: 7, Baseline: 28, MinRecent: 5, MinBaseline: 10, Z: 3.5, MinShift: 1, MinSpread: 1}

func (o Options) withDefaults() Options {
	d := DefaultOptions
	if o.Recent <= 0 {
		o.Recent = d.Recent
	}
	if o.Baseline <= 0 {
		o.Baseline = d.Baseline
	}
	if o.MinRecent <= 0 {
		o.MinRecent = d.MinRecent
	}
	if o.MinBaseline <= 0 {
		o.MinBaseline = d.MinBaseline
	}
	if o.Z <= 0 {
		o.Z = d.Z
	}
	if o.MinShift <= 0 {
		o.MinShift = d.MinShift
	}
	if o.MinSpread <= 0 {
		o.MinSpread = d.MinSpread
	}
	return o
}

// Flag marks a sharp turn: the day it was first seen and its measures.
type Flag struct {
	Date string `json:"date"`
	// Direction is "escalation" when the recent mean fell (more
	// conflict), "de-escalation" when it rose.
	Direction      string  `json:"direction"`
	RecentMean     float64 `json:"recent_mean"`
	BaselineMean   float64 `json:"baseline_mean"`
	Z              float64 `json:"z"`
	RecentEvents   int     `json:"recent_events"`
	BaselineEvents int     `json:"baseline_events"`
}

// window sums a run of days.
type window struct {
	n          int
	sum, sumSq float64
}

func (w *window) add(d *Day, sign int) {
	w.n += sign * d.Events
	w.sum += float64(sign) * d.GoldsteinSum
	w.sumSq += float64(sign) * d.GoldsteinSumSq
}

// Flags returns the change flags of a dense daily series (as Fill makes
// it). On each day with a full baseline behind it, the recent window is
// the Recent days ending that day and the baseline the Baseline days
// before; the z-score is (recent mean − baseline mean) / (s·√(1/n+1/m)),
// with s the baseline's per-event standard deviation (at least
// MinSpread), n the recent and m the baseline events. A day flags when |z| ≥ Z, the means differ by at
// least MinShift and both windows hold enough events; a turn is flagged
// once, on its first such day, and may flag again only after a day
// without the condition.
func Flags(days []Day, opt Options) []Flag {
	opt = opt.withDefaults()
	flags := []Flag{}
	var recent, base window
	inTurn := false
	for i := range days {
		// Slide: day i enters recent, day i-Recent moves to the baseline,
		// day i-Recent-Baseline leaves it.
		recent.add(&days[i], 1)
		if j := i - opt.Recent; j >= 0 {
			recent.add(&days[j], -1)
			base.add(&days[j], 1)
		}
		if j := i - opt.Recent - opt.Baseline; j >= 0 {
			base.add(&days[j], -1)
		}
		if i < opt.Recent+opt.Baseline-1 {
			continue
		}
		f, ok := judge(recent, base, opt)
		if ok && !inTurn {
			f.Date = days[i].Date
			flags = append(flags, f)
		}
		inTurn = ok
	}
	return flags
}

func judge(recent, base window, opt Options) (Flag, bool) {
	if recent.n < opt.MinRecent || base.n < opt.MinBaseline {
		return Flag{}, false
	}
	rm, bm := recent.sum/float64(recent.n), base.sum/float64(base.n)
	variance := base.sumSq/float64(base.n) - bm*bm
	s := math.Max(math.Sqrt(math.Max(variance, 0)), opt.MinSpread)
	z := (rm - bm) / (s * math.Sqrt(1/float64(recent.n)+1/float64(base.n)))
	if math.Abs(z) < opt.Z || math.Abs(rm-bm) < opt.MinShift {
		return Flag{}, false
	}
	dir := "de-escalation"
	if rm < bm {
		dir = "escalation"
	}
	return Flag{Direction: dir, RecentMean: rm, BaselineMean: bm, Z: z,
		RecentEvents: recent.n, BaselineEvents: base.n}, true
}

// Series is a pair's days from Since to Until with their flags: what
// dyad escalation prints and GET /api/escalation answers.
type Series struct {
	Pair  string `json:"pair"`
	Since string `json:"since"`
	Until string `json:"until"`
	// Level is "country" when both codes are three letters, "code"
	// otherwise.
	Level string `json:"level"`
	Days  []Day  `json:"days"`
	Flags []Flag `json:"flags"`
}

// History is how many days before since a store must supply for the
// first days of a series to be judged: Recent+Baseline-1.
func History(opt Options) int {
	opt = opt.withDefaults()
	return opt.Recent + opt.Baseline - 1
}

// Build makes the series of pair p over [since, until] from the store's
// days (sorted by date, starting up to History days before since so that
// the first days have a baseline). A turn that began before since is not
// flagged again inside the range.
func Build(p Pair, days []Day, since, until time.Time, opt Options) (Series, error) {
	since = since.UTC().Truncate(24 * time.Hour)
	if until.UTC().Before(since) {
		return Series{}, errors.New("escalation: until is before since")
	}
	filled, err := Fill(days, since.AddDate(0, 0, -History(opt)), until)
	if err != nil {
		return Series{}, err
	}
	flags := []Flag{}
	first := since.Format(time.DateOnly)
	for _, f := range Flags(filled, opt) {
		if f.Date >= first {
			flags = append(flags, f)
		}
	}
	filled = filled[History(opt):]
	level := "code"
	if len(p.A) == 3 && len(p.B) == 3 {
		level = "country"
	}
	return Series{Pair: p.String(), Since: first, Until: filled[len(filled)-1].Date,
		Level: level, Days: filled, Flags: flags}, nil
}
