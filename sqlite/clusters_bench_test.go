package sqlite

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
)

// BenchmarkCluster100k stores 100,000 articles of 500 words in ingest's
// batches of 128, a fifth of them near-duplicate copies (new furniture,
// a paragraph cut) of an earlier story, and reports the seconds the
// whole run takes: storing, indexing and clustering (signatures, band
// lookups, verification, band rows). It checks the copies were
// clustered. Run by name only: -bench Cluster100k.
func BenchmarkCluster100k(b *testing.B) {
	if f := flag.Lookup("test.bench"); f == nil || !strings.Contains(f.Value.String(), "100k") {
		b.Skip("a 100,000-article benchmark: run it by name, -bench Cluster100k")
	}
	const n, batch = 100_000, 128
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		db, _ := openTest(b)
		rng := rand.New(rand.NewPCG(5, 6))
		var originals []string
		copies := 0
		var took time.Duration
		for start := 0; start < n; start += batch {
			var arts []*dyad.Article
			for i := start; i < min(start+batch, n); i++ {
				a := &dyad.Article{ID: fmt.Sprintf("a%06d", i), Headline: benchText(rng, 10),
					Published: day(1).Add(time.Duration(i) * time.Minute)}
				if len(originals) > 0 && rng.IntN(5) == 0 {
					body := originals[rng.IntN(len(originals))]
					a.Body = "Advertisement " + body[:len(body)*9/10] + " Subscribe to our newsletter"
					copies++
				} else {
					a.Body = benchText(rng, 500)
					originals = append(originals, a.Body)
					if len(originals) > 2000 {
						originals = originals[1:]
					}
				}
				arts = append(arts, a)
			}
			b.StartTimer()
			t0 := time.Now()
			if _, err := db.PutArticles(ctx, arts); err != nil {
				b.Fatal(err)
			}
			took += time.Since(t0)
			b.StopTimer()
		}
		var clustered int
		if err := db.read.QueryRow(`SELECT COUNT(*) FROM article_clusters WHERE cluster_id != article_id`).Scan(&clustered); err != nil {
			b.Fatal(err)
		}
		if clustered < copies*95/100 {
			b.Errorf("%d of %d copies clustered", clustered, copies)
		}
		b.ReportMetric(took.Seconds(), "s/100k")
		b.ReportMetric(float64(clustered), "clustered")
		db.Close()
		b.StartTimer()
	}
}
