package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchArticles is how many distinct stories BenchmarkIngest stores.
const benchArticles = 10_000

// nearCopyShare is the share of BenchmarkIngest's stories that are near
// copies of an earlier one (the same wire story run by another site), as
// in a real news feed.
const nearCopyShare = 0.2

// writeVariedCorpus writes n distinct plain-text stories made from the
// Wikinews corpus, one file a story in 100 subdirectories. A story is a
// Wikinews headline over four to nine paragraphs drawn from the whole
// corpus or, for nearCopyShare of them, an earlier story with its
// headline numbered anew and one sentence added.
func writeVariedCorpus(b *testing.B, dir string, n int) {
	b.Helper()
	f, err := os.Open(filepath.Join(sharedPath(b, "data"), "wikinews", "articles.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var titles, paras []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var s struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			b.Fatal(err)
		}
		titles = append(titles, s.Title)
		for _, p := range strings.Split(s.Text, "\n\n") {
			if len(p) >= 80 { // story paragraphs, not captions or date lines
				paras = append(paras, strings.TrimSpace(p))
			}
		}
	}
	if err := sc.Err(); err != nil || len(titles) == 0 {
		b.Fatalf("read Wikinews corpus: %d stories, %v", len(titles), err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var written []string
	for i := range n {
		var text string
		if i > 0 && rng.Float64() < nearCopyShare {
			orig := written[rng.IntN(len(written))]
			head, body, _ := strings.Cut(orig, "\n\n")
			text = fmt.Sprintf("%s (%d)\n\n%s\n\nUpdate %d: officials gave new figures.\n", head, i, strings.TrimSpace(body), i)
		} else {
			var b strings.Builder
			fmt.Fprintf(&b, "%s, part %d\n", titles[i%len(titles)], i/len(titles)+1)
			for range 4 + rng.IntN(6) {
				fmt.Fprintf(&b, "\n%s\n", paras[rng.IntN(len(paras))])
			}
			text = b.String()
			written = append(written, text)
		}
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%05d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngest runs `dyad ingest --no-code` over 10,000 distinct
// plain-text stories, a fifth of them near copies, into a new database and reports stored articles per
// second: reading, extraction and storage, the path the 1,000 articles/s
// target is set for.
func BenchmarkIngest(b *testing.B) {
	benchmarkIngest(b, benchArticles, "--no-code")
}

// BenchmarkIngestCoded is BenchmarkIngest with event coding (the default
// of `dyad ingest`), over fewer stories since parsing dominates.
func BenchmarkIngestCoded(b *testing.B) {
	benchmarkIngest(b, benchArticles/20)
}

func benchmarkIngest(b *testing.B, n int, flags ...string) {
	corpus := filepath.Join(b.TempDir(), "corpus")
	writeVariedCorpus(b, corpus, n)
	want := fmt.Sprintf("%d stored, 0 duplicate, 0 failed", n)
	runs := 0
	for b.Loop() {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", runs))
		runs++
		b.StartTimer()
		args := append([]string{"ingest", "--db", db}, flags...)
		code, out, stderr := runDyad(b, append(args, corpus)...)
		if code != 0 || strings.TrimSpace(out) != want {
			b.Fatalf("exit %d, %q, stderr:\n%.2000s", code, out, stderr)
		}
	}
	b.ReportMetric(float64(n*runs)/b.Elapsed().Seconds(), "articles/s")
}
