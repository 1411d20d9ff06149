// Package extracteval runs an article-body extractor over the article
// extraction benchmark (Scrapinghub/Zyte, 181 real news pages with
// hand-checked bodies) and scores it with the benchmark's own metric, so
// dyad's figures are comparable with the published ones.
package extracteval

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// DirName is the benchmark's folder name under the data root.
const DirName = "article-extraction-benchmark"

// Page is one benchmark page and its true body.
type Page struct {
	ID, URL string
	Truth   string
}

// Benchmark is a loaded benchmark folder.
type Benchmark struct {
	Dir   string
	Pages []Page // sorted by ID
}

// Locate returns the benchmark folder given either the data root that
// holds it or the folder itself.
func Locate(dir string) (string, error) {
	for _, d := range []string{filepath.Join(dir, DirName), dir} {
		if _, err := os.Stat(filepath.Join(d, "ground-truth.json")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("no %s (ground-truth.json) in %s", DirName, dir)
}

// Load reads the ground truth of the benchmark in dir (a data root or the
// benchmark folder).
func Load(dir string) (*Benchmark, error) {
	d, err := Locate(dir)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(filepath.Join(d, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var truth map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.NewDecoder(f).Decode(&truth); err != nil {
		return nil, fmt.Errorf("ground truth: %w", err)
	}
	b := &Benchmark{Dir: d}
	for id, t := range truth {
		b.Pages = append(b.Pages, Page{ID: id, URL: t.URL, Truth: t.ArticleBody})
	}
	sort.Slice(b.Pages, func(i, j int) bool { return b.Pages[i].ID < b.Pages[j].ID })
	return b, nil
}

// Bodies returns each page's true body by page ID: the text that dyad's
// annotations of these pages (data/entities, data/treebank) point into.
func (b *Benchmark) Bodies() map[string]string {
	bodies := make(map[string]string, len(b.Pages))
	for _, p := range b.Pages {
		bodies[p.ID] = p.Truth
	}
	return bodies
}

// HTML returns the page's HTML (stored gzipped, UTF-8).
func (b *Benchmark) HTML(id string) (string, error) {
	if strings.ContainsAny(id, `/\`) || id == "" || id[0] == '.' {
		return "", fmt.Errorf("bad page id %q", id)
	}
	f, err := os.Open(filepath.Join(b.Dir, "html", id+".html.gz"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return "", fmt.Errorf("page %s: %w", id, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return "", fmt.Errorf("page %s: %w", id, err)
	}
	return string(data), nil
}

// Predictions maps a page ID to its predicted body.
type Predictions map[string]string

// Extractor returns the body text of a page.
type Extractor func(html, url string) (string, error)

// Run is the result of running an extractor over the benchmark.
type Run struct {
	Predictions Predictions
	// Failed counts pages whose extractor returned an error; their
	// prediction is empty, as the benchmark scores a missing body.
	Failed int
	// Extracting is the time spent inside the extractor only, not
	// reading and decompressing pages.
	Extracting time.Duration
}

// PagesPerSecond is the extractor's throughput.
func (r Run) PagesPerSecond() float64 {
	if r.Extracting <= 0 {
		return 0
	}
	return float64(len(r.Predictions)) / r.Extracting.Seconds()
}

// Run extracts every page in turn on the calling goroutine, so the
// throughput it reports is a single core's.
func (b *Benchmark) Run(ctx context.Context, extract Extractor) (Run, error) {
	r := Run{Predictions: make(Predictions, len(b.Pages))}
	for _, p := range b.Pages {
		if err := ctx.Err(); err != nil {
			return r, err
		}
		html, err := b.HTML(p.ID)
		if err != nil {
			return r, err
		}
		start := time.Now()
		body, err := extract(html, p.URL)
		r.Extracting += time.Since(start)
		if err != nil {
			r.Failed++
			body = ""
		}
		r.Predictions[p.ID] = body
	}
	return r, nil
}

// Score scores predictions against the truth; a page without a
// prediction counts as an empty one.
func (b *Benchmark) Score(pred Predictions) Score {
	counts := make([]Counts, len(b.Pages))
	for i, p := range b.Pages {
		counts[i] = MatchShingles(p.Truth, pred[p.ID])
	}
	return Aggregate(counts)
}

type articleBody struct {
	ArticleBody string `json:"articleBody"`
}

// WritePredictions writes predictions in the benchmark's format,
// {id: {"articleBody": ...}}, with sorted keys.
func WritePredictions(w io.Writer, pred Predictions) error {
	out := make(map[string]articleBody, len(pred))
	for id, body := range pred {
		out[id] = articleBody{body}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// ReadPredictions reads predictions in the benchmark's format, either
// bare or wrapped as {"output": {...}, "version": ...} as the published
// outputs are.
func ReadPredictions(r io.Reader) (Predictions, error) {
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, err
	}
	if out, ok := raw["output"]; ok {
		raw = nil
		if err := json.Unmarshal(out, &raw); err != nil {
			return nil, fmt.Errorf("output: %w", err)
		}
	}
	pred := make(Predictions, len(raw))
	for id, msg := range raw {
		var b articleBody
		if err := json.Unmarshal(msg, &b); err != nil {
			return nil, fmt.Errorf("page %s: %w", id, err)
		}
		pred[id] = b.ArticleBody
	}
	return pred, nil
}

// Published is one extractor's output shipped with the benchmark.
type Published struct {
	Name  string
	Score Score
}

// Published scores the other extractors' outputs in published-output/
// with the same scorer, best F1 first.
func (b *Benchmark) Published() ([]Published, error) {
	paths, err := filepath.Glob(filepath.Join(b.Dir, "published-output", "*.json"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, errors.New("no published-output/*.json in " + b.Dir)
	}
	var out []Published
	for _, path := range paths {
		pred, err := readPredictionsFile(path)
		if err != nil {
			return nil, err
		}
		out = append(out, Published{Name: strings.TrimSuffix(filepath.Base(path), ".json"), Score: b.Score(pred)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score.F1 > out[j].Score.F1 })
	return out, nil
}

func readPredictionsFile(path string) (Predictions, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pred, err := ReadPredictions(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pred, nil
}
