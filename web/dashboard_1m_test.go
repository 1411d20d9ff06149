package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/dyadnews/dyad/internal/eventgen"
	"github.com/dyadnews/dyad/web"
)

// BenchmarkDashboard1M serves /dashboard over a store of a million
// generated events, unfiltered and with each filter (busy and quiet
// pairs, an actor, a root, a country, date ranges), and reports the 95th
// percentile latency of the whole page: the store queries, the
// aggregation and the SVG. It logs each query's slowest time. It runs only when asked for by name (-bench
// Dashboard1M); DYAD_BENCH_DIR keeps the generated store between runs.
func BenchmarkDashboard1M(b *testing.B) {
	ctx := context.Background()
	db := eventgen.Million(b)
	h, err := web.New(db, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	queries := []string{"", "?pair=USA-IRN", "?pair=SAU-JPN", "?pair=USAGOV-IRNMIL", "?actor=RUS", "?root=19",
		"?country=ISR", "?since=2023-01-01&until=2023-03-31", "?since=2024-06-01&until=2024-06-07&actor=USA"}
	// One round first: the timed requests find the store's pages and
	// the page templates warm, as a dashboard in use does.
	for _, q := range queries {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequestWithContext(ctx, "GET", "/dashboard"+q, nil))
	}
	var took []time.Duration
	slowest := map[string]time.Duration{}
	i := 0
	for b.Loop() {
		q := queries[i%len(queries)]
		i++
		rec := httptest.NewRecorder()
		start := time.Now()
		h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, "GET", "/dashboard"+q, nil))
		d := time.Since(start)
		took = append(took, d)
		slowest[q] = max(slowest[q], d)
		if rec.Code != 200 {
			b.Fatalf("/dashboard%s: status %d", q, rec.Code)
		}
	}
	for _, q := range queries {
		if d, ok := slowest[q]; ok {
			b.Logf("slowest /dashboard%s: %v", q, d.Round(time.Millisecond))
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
}
