package sqlite_test

import (
	"context"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/dyadnews/dyad/escalation"
	"github.com/dyadnews/dyad/internal/eventgen"
)

func TestMain(m *testing.M) {
	code := m.Run()
	eventgen.Cleanup()
	os.Exit(code)
}

// BenchmarkEscalation1M asks for pair series over a million events: the
// busiest and quieter country pairs, full codes, ordered and unordered,
// ranges from a quarter to the whole three years. It reports the 95th
// percentile latency.
func BenchmarkEscalation1M(b *testing.B) {
	db := eventgen.Million(b)
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(1, 1))
	cs := eventgen.Countries
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		p := escalation.Pair{A: cs[rng.IntN(6)], B: cs[rng.IntN(12)], Ordered: rng.IntN(2) == 0}
		if rng.IntN(3) == 0 {
			p.A += "GOV"
			p.B += "MIL"
		}
		days := []int{90, 365, eventgen.Days}[rng.IntN(3)]
		since := eventgen.Start.AddDate(0, 0, rng.IntN(eventgen.Days-days+1))
		start := time.Now()
		series, err := db.PairDays(ctx, p, since.AddDate(0, 0, -escalation.History(escalation.Options{})), since.AddDate(0, 0, days))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := escalation.Build(p, series, since, since.AddDate(0, 0, days), escalation.Options{}); err != nil {
			b.Fatal(err)
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
}
