package export_test

import (
	"context"
	"io"
	"os"
	"testing"
	"time"

	"github.com/dyadnews/dyad/export"
	"github.com/dyadnews/dyad/internal/eventgen"
	"github.com/dyadnews/dyad/sqlite"
)

func TestMain(m *testing.M) {
	code := m.Run()
	eventgen.Cleanup()
	os.Exit(code)
}

// BenchmarkExport1M streams every representative event of a store of a
// million generated events (about 800,000 after near-duplicates) to
// io.Discard in each format and reports events per second. It runs only
// when asked for by name (-bench Export1M).
func BenchmarkExport1M(b *testing.B) {
	ctx := context.Background()
	db := eventgen.Million(b)
	for _, format := range export.Formats {
		b.Run(format, func(b *testing.B) {
			n := 0
			start := time.Now()
			for b.Loop() {
				w, err := export.NewWriter(format, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				var rec export.Record
				err = db.EachEvent(ctx, sqlite.EventFilter{}, func(e *sqlite.StreamedEvent) error {
					rec = export.Record{ArticleEvent: e.ArticleEvent, Seq: e.Seq, URL: e.URL, Site: e.Site, Added: e.Ingested}
					n++
					return w.Write(&rec)
				})
				if err != nil {
					b.Fatal(err)
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/time.Since(start).Seconds(), "events/s")
		})
	}
}
