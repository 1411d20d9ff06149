package article

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad/article/extracteval"
)

// benchmarkData loads the article-extraction benchmark from $DYAD_DATA or
// ../shared/data beside the repository, skipping when it is absent.
func benchmarkData(t testing.TB) *extracteval.Benchmark {
	t.Helper()
	b, err := extracteval.Load(shareddata.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pageSummary is what a golden file pins for a benchmark page: the
// metadata and the edges of the body, which is too long to pin whole.
type pageSummary struct {
	URL, Site, Section, Headline, Byline string
	Published, DateReason                string
	Place, Lang                          string
	Paragraphs                           int
	BodyStart, BodyEnd                   string
}

// goldenPages are benchmark pages of different shapes: wire copy with a
// dateline, a paywalled teaser, sports with related-story teasers, a
// political story with inline link furniture, an Italian blog post.
var goldenPages = []string{
	"06e5123e4ef7", // Reuters via a syndicating site
	"ef2b3f268a67", // AP story on a newspaper site
	"042bb7b5feda", // WSJ paywall teaser
	"08f793762792", // CBS Sports with teaser lists
	"6ebac05f637e", // The Hill with embedded tweet
	"70cb2d5bca75", // BBC Newsbeat
	"b6fb53e9fb04", // Italian blog
}

// TestFromHTMLGolden extracts benchmark pages and compares each summary
// with testdata/html/<id>.golden.json (-update rewrites them).
func TestFromHTMLGolden(t *testing.T) {
	b := benchmarkData(t)
	for _, prefix := range goldenPages {
		t.Run(prefix, func(t *testing.T) {
			var page extracteval.Page
			for _, p := range b.Pages {
				if strings.HasPrefix(p.ID, prefix) {
					page = p
				}
			}
			if page.ID == "" {
				t.Fatalf("no benchmark page %s", prefix)
			}
			src, err := b.HTML(page.ID)
			if err != nil {
				t.Fatal(err)
			}
			a, err := FromHTML(src, Options{URL: page.URL, Now: testNow})
			if err != nil {
				t.Fatalf("FromHTML: %v", err)
			}
			paras := strings.Split(a.Body, "\n\n")
			s := pageSummary{
				URL: a.URL, Site: a.Site, Section: a.Section, Headline: a.Headline, Byline: a.Byline,
				DateReason: a.DateReason, Place: a.Dateline.Place, Lang: a.Lang,
				Paragraphs: len(paras), BodyStart: paras[0], BodyEnd: paras[len(paras)-1],
			}
			if !a.Published.IsZero() {
				s.Published = a.Published.UTC().Format(time.RFC3339)
			}
			checkGolden(t, filepath.Join("testdata", "html", prefix+".golden.json"), s)
		})
	}
}

// TestFromHTMLBenchmarkScore runs the whole benchmark: dyad must stay at
// or above go-trafilatura's published F1 of 0.960.
func TestFromHTMLBenchmarkScore(t *testing.T) {
	if testing.Short() {
		t.Skip("full benchmark run skipped in -short mode")
	}
	b := benchmarkData(t)
	run, err := b.Run(context.Background(), func(src, url string) (string, error) {
		a, err := FromHTML(src, Options{URL: url, Now: testNow})
		if err != nil {
			return "", err
		}
		return a.Body, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s := b.Score(run.Predictions)
	t.Logf("F1 %.4f precision %.4f recall %.4f, %d failed", s.F1, s.Precision, s.Recall, run.Failed)
	if s.F1 < 0.960 {
		t.Errorf("F1 %.4f is below go-trafilatura's 0.960", s.F1)
	}
	if run.Failed > 0 {
		t.Errorf("%d pages failed", run.Failed)
	}
}

func TestFromHTMLHostile(t *testing.T) {
	deep := strings.Repeat("<div>", 100000) + "text" + strings.Repeat("</div>", 100000)
	tests := []struct {
		name string
		src  string
	}{
		{"empty", ""},
		{"blank", " \n\t "},
		{"binary", "\x00\x01\x02\xff\xfe" + strings.Repeat("\x00", 1000)},
		{"invalid utf8", "<html><body><p>\xff\xfe\xfd</p></body></html>"},
		{"control characters", "<p>\x1b[31m\x07\x08</p>"},
		{"no article", "<html><head><title>Home</title></head><body><nav><a href=/>Home</a></nav></body></html>"},
		{"broken markup", "<html><body><p>unclosed <b><i><table><tr><td>cell</p></html"},
		{"deep nesting", deep},
		{"bad json-ld", `<script type="application/ld+json">{"@graph": [{"@type": ["NewsArticle"], "author": {"name": {"x": 1}}}</script><p>x</p>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromHTML(tt.src, Options{Now: testNow})
			if err == nil && strings.TrimSpace(a.Body) == "" {
				t.Errorf("no error but an empty body")
			}
			if err != nil && err.Error() == "" {
				t.Errorf("error without a reason")
			}
		})
	}
	huge := strings.Repeat("a", MaxHTMLBytes+1)
	if _, err := FromHTML(huge, Options{}); err == nil {
		t.Error("page over MaxHTMLBytes accepted")
	}
	if _, err := FromHTML("<html><body><nav>x</nav></body></html>", Options{}); !errors.Is(err, ErrNoArticle) && !errors.Is(err, ErrNoBody) {
		t.Errorf("page without text: got %v, want ErrNoArticle or ErrNoBody", err)
	}
}

// BenchmarkFromHTML extracts benchmark pages in turn; pages/s is
// reported as a metric, memory per page by ReportAllocs, and the live
// heap after the run as heap-MB: it stays flat however many pages pass.
func BenchmarkFromHTML(b *testing.B) {
	bench := benchmarkData(b)
	pages := make([]extracteval.Page, 0, len(bench.Pages))
	srcs := make([]string, 0, len(bench.Pages))
	for _, p := range bench.Pages {
		src, err := bench.HTML(p.ID)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		srcs = append(srcs, src)
	}
	b.ReportAllocs()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		i := n % len(srcs)
		n++
		if _, err := FromHTML(srcs[i], Options{URL: pages[i].URL, Now: testNow}); err != nil {
			b.Fatalf("%s: %v", pages[i].ID, err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
}
