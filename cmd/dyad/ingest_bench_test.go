package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchArticles is how many distinct stories BenchmarkIngest stores.
const benchArticles = 10_000

// writeVariedCorpus writes n plain-text stories made from the Wikinews
// corpus, each made distinct by a numbered headline and a numbered
// sentence mid-story, one file a story in 100 subdirectories.
func writeVariedCorpus(b *testing.B, dir string, n int) {
	b.Helper()
	f, err := os.Open(filepath.Join(sharedPath(b, "data"), "wikinews", "articles.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	type story struct{ Title, Text string }
	var stories []story
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var s story
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			b.Fatal(err)
		}
		stories = append(stories, s)
	}
	if err := sc.Err(); err != nil || len(stories) == 0 {
		b.Fatalf("read Wikinews corpus: %d stories, %v", len(stories), err)
	}
	for i := range n {
		s := stories[i%len(stories)]
		paras := strings.Split(strings.TrimSpace(s.Text), "\n\n")
		mid := len(paras) / 2
		paras[mid] = fmt.Sprintf("%s Update %d: officials gave new figures.", paras[mid], i)
		text := fmt.Sprintf("%s, part %d\n\n%s\n", s.Title, i/len(stories)+1, strings.Join(paras, "\n\n"))
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i%100))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%05d.txt", i)), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngest runs `dyad ingest` over 10,000 distinct plain-text
// stories into a new database and reports stored articles per second.
func BenchmarkIngest(b *testing.B) {
	corpus := filepath.Join(b.TempDir(), "corpus")
	writeVariedCorpus(b, corpus, benchArticles)
	want := fmt.Sprintf("%d stored, 0 duplicate, 0 failed", benchArticles)
	runs := 0
	for b.Loop() {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), fmt.Sprintf("bench-%d.db", runs))
		runs++
		b.StartTimer()
		code, out, stderr := runDyad(b, "ingest", "--db", db, corpus)
		if code != 0 || strings.TrimSpace(out) != want {
			b.Fatalf("exit %d, %q, stderr:\n%.2000s", code, out, stderr)
		}
	}
	b.ReportMetric(float64(benchArticles*runs)/b.Elapsed().Seconds(), "articles/s")
}
