package escalation

import (
	"math/rand/v2"
	"testing"
	"time"
)

var start = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// series makes n dense days; score(i) returns day i's events' scores.
func series(n int, score func(i int) []float64) []Day {
	days := make([]Day, n)
	for i := range days {
		days[i].Date = start.AddDate(0, 0, i).Format(time.DateOnly)
		for _, g := range score(i) {
			days[i].Events++
			days[i].GoldsteinSum += g
			days[i].GoldsteinSumSq += g * g
		}
	}
	return days
}

func repeat(g float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = g
	}
	return out
}

func TestFlatSeriesNeverFlags(t *testing.T) {
	for _, g := range []float64{-10, -2, 0, 3.4} {
		days := series(200, func(int) []float64 { return repeat(g, 5) })
		if f := Flags(days, Options{}); len(f) != 0 {
			t.Errorf("flat %.1f: flags %+v", g, f)
		}
	}
}

func TestStepChangeFlagsOnItsDay(t *testing.T) {
	const step = 100
	for _, c := range []struct {
		name          string
		before, after float64
		perDay        int
		dir           string
		maxLag        int
	}{
		// A sharp turn flags on the day it starts.
		{"cooperation to fighting", 3, -7, 4, "escalation", 0},
		{"fighting to talks", -8, 2, 3, "de-escalation", 0},
		// A milder one needs a few days of it in the 7-day mean.
		{"mild", 1, -2, 4, "escalation", 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, 9))
			days := series(200, func(i int) []float64 {
				g := c.before
				if i >= step {
					g = c.after
				}
				// A little noise: the baseline is not perfectly flat.
				out := repeat(g, c.perDay)
				for j := range out {
					out[j] += rng.Float64() - 0.5
				}
				return out
			})
			flags := Flags(days, Options{})
			if len(flags) == 0 {
				t.Fatal("no flag")
			}
			stepDate := start.AddDate(0, 0, step)
			lastDate := stepDate.AddDate(0, 0, c.maxLag)
			f := flags[0]
			if f.Date < stepDate.Format(time.DateOnly) || f.Date > lastDate.Format(time.DateOnly) {
				t.Errorf("flag on %s, want %s to %s", f.Date, stepDate.Format(time.DateOnly), lastDate.Format(time.DateOnly))
			}
			if f.Direction != c.dir {
				t.Errorf("direction %q, want %q", f.Direction, c.dir)
			}
			// One turn, one flag at its start (the series settles at the
			// new level; once the baseline holds it, nothing is new).
			if len(flags) != 1 {
				t.Errorf("%d flags, want 1: %+v", len(flags), flags)
			}
		})
	}
}

func TestSparseNoiseDoesNotFlag(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	// About one event every three days, scores anywhere from -10 to 10.
	days := series(730, func(int) []float64 {
		if rng.IntN(3) != 0 {
			return nil
		}
		return []float64{rng.Float64()*20 - 10}
	})
	if f := Flags(days, Options{}); len(f) != 0 {
		t.Errorf("sparse noise flagged %d times: %+v", len(f), f)
	}
}

func TestDenseNoiseDoesNotFlag(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	days := series(730, func(int) []float64 {
		out := make([]float64, 1+rng.IntN(6))
		for j := range out {
			out[j] = rng.NormFloat64()*4 - 1
		}
		return out
	})
	if f := Flags(days, Options{}); len(f) != 0 {
		t.Errorf("stationary noise flagged %d times: %+v", len(f), f)
	}
}

func TestParsePair(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Pair
		bad  bool
	}{
		{in: "USA-IRN", want: Pair{A: "USA", B: "IRN"}},
		{in: "usagov-irnmil", want: Pair{A: "USAGOV", B: "IRNMIL"}},
		{in: "USA>IRN", want: Pair{A: "USA", B: "IRN", Ordered: true}},
		{in: "---GOV-ISR", want: Pair{A: "---GOV", B: "ISR"}},
		{in: "USA", bad: true},
		{in: "US-IRN", bad: true},
		{in: "USA-IR<", bad: true},
		{in: "", bad: true},
		{in: "USA>", bad: true},
	} {
		got, err := ParsePair(c.in)
		if (err != nil) != c.bad || !c.bad && got != c.want {
			t.Errorf("ParsePair(%q) = %+v, %v", c.in, got, err)
		}
	}
}

func TestBuildFillsAndTrims(t *testing.T) {
	since := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2024, 3, 10, 0, 0, 0, 0, time.UTC)
	days := []Day{{Date: "2024-02-01", Events: 2, GoldsteinSum: 4}, {Date: "2024-03-05", Events: 2, GoldsteinSum: -3, QuadClass: [4]int{0, 0, 1, 1}}}
	s, err := Build(Pair{A: "USA", B: "IRN"}, days, since, until, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Days) != 10 || s.Days[0].Date != "2024-03-01" || s.Until != "2024-03-10" || s.Level != "country" {
		t.Fatalf("series %+v", s)
	}
	if d := s.Days[4]; d.Date != "2024-03-05" || d.Events != 2 || d.GoldsteinMean != -1.5 {
		t.Errorf("day 5: %+v", d)
	}
	if _, err := Build(Pair{A: "USA", B: "IRN"}, nil, until, since, Options{}); err == nil {
		t.Error("until before since: no error")
	}
	if _, err := Build(Pair{A: "USA", B: "IRN"}, nil, since.AddDate(-200, 0, 0), until, Options{}); err == nil {
		t.Error("two centuries: no error")
	}
}
