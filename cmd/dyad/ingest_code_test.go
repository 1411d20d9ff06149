package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/ingest"
	"github.com/dyadnews/dyad/sqlite"
)

func openStore(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// TestIngestCodes ingests the founding story with the real coder: its
// events are stored, a re-ingest replaces them, and --no-code stores
// the story uncoded.
func TestIngestCodes(t *testing.T) {
	seed := sharedPath(t, filepath.Join("seed", "blinken-escalation-2024-08-06.txt"))
	ctx := context.Background()
	dir := t.TempDir()

	db := filepath.Join(dir, "coded.db")
	if code, out, stderr := runDyad(t, "ingest", "--db", db, seed); code != 0 || strings.TrimSpace(out) != "1 stored, 0 duplicate, 0 failed" {
		t.Fatalf("ingest: exit %d, out %q, stderr %q", code, out, stderr)
	}
	store := openStore(t, db)
	page, err := store.Events(ctx, dyad.EventQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Events) == 0 {
		t.Fatal("the founding story was stored without events")
	}
	id := page.Events[0].ArticleID
	first, err := store.ArticleCoding(ctx, id)
	if err != nil || first.Coded.IsZero() || len(first.Quotes) == 0 || len(first.Entities) == 0 {
		t.Fatalf("stored coding: %d events, %d quotes, %d entities, coded %v, err %v",
			len(first.Events), len(first.Quotes), len(first.Entities), first.Coded, err)
	}

	// A re-ingest codes the story again and replaces, not adds.
	if code, out, stderr := runDyad(t, "ingest", "--db", db, seed); code != 0 || strings.TrimSpace(out) != "0 stored, 1 duplicate, 0 failed" {
		t.Fatalf("re-ingest: exit %d, out %q, stderr %q", code, out, stderr)
	}
	again, err := store.ArticleCoding(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Events) != len(first.Events) || !again.Coded.After(first.Coded) {
		t.Errorf("re-ingest: %d events coded %v; want %d, coded after %v", len(again.Events), again.Coded, len(first.Events), first.Coded)
	}

	plain := filepath.Join(dir, "plain.db")
	if code, out, stderr := runDyad(t, "ingest", "--no-code", "--db", plain, seed); code != 0 || strings.TrimSpace(out) != "1 stored, 0 duplicate, 0 failed" {
		t.Fatalf("ingest --no-code: exit %d, out %q, stderr %q", code, out, stderr)
	}
	uncoded, err := openStore(t, plain).ArticleCoding(ctx, id)
	if err != nil || !uncoded.Coded.IsZero() || len(uncoded.Events) != 0 {
		t.Errorf("--no-code stored a coding: %+v, %v", uncoded, err)
	}
}

// scriptedCoder fails or panics on stories whose headline says so.
type scriptedCoder struct{}

func (scriptedCoder) Code(a *dyad.Article) (dyad.Coding, error) {
	switch a.Headline {
	case "panic":
		panic("index out of range")
	case "fail":
		return dyad.Coding{}, errors.New("no parse")
	}
	return dyad.Coding{Article: *a, Events: []dyad.Event{{ID: a.ID + "-e", Date: "2024-08-06"}}}, nil
}

// TestStorerCodingFailures checks that a story the coder fails or
// panics on is stored uncoded and reported with its input, and the
// others are coded.
func TestStorerCodingFailures(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	var out, errb bytes.Buffer
	s := storer{db: db, st: &stdio{out: &out, err: &errb}, coder: scriptedCoder{}}
	batch := []ingest.Result{
		{Origin: "good.txt", Article: &dyad.Article{ID: "good", Headline: "good"}},
		{Origin: "panic.txt", Article: &dyad.Article{ID: "panicky", Headline: "panic"}},
		{Origin: "fail.txt", Article: &dyad.Article{ID: "failing", Headline: "fail"}},
		{Origin: "broken.html", Err: errors.New("binary file")},
	}
	s.store(ctx, batch)
	if s.stored != 3 || s.failed != 1 || s.uncoded != 2 {
		t.Errorf("stored %d, failed %d, uncoded %d; want 3, 1, 2", s.stored, s.failed, s.uncoded)
	}
	for _, want := range []string{"panic.txt: coder panic: index out of range", "fail.txt: code: no parse", "broken.html: binary file"} {
		if !strings.Contains(errb.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, errb.String())
		}
	}
	for id, events := range map[string]int{"good": 1, "panicky": 0, "failing": 0} {
		c, err := db.ArticleCoding(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Events) != events || c.Coded.IsZero() != (events == 0) {
			t.Errorf("%s: %d events, coded %v; want %d", id, len(c.Events), c.Coded, events)
		}
	}
}

// TestStorerSkipsURLDuplicates checks that a story stored as a duplicate
// of another story's canonical URL leaves that story's coding alone.
func TestStorerSkipsURLDuplicates(t *testing.T) {
	ctx := context.Background()
	db := openStore(t, filepath.Join(t.TempDir(), "dyad.db"))
	var errb bytes.Buffer
	s := storer{db: db, st: &stdio{out: &bytes.Buffer{}, err: &errb}, coder: scriptedCoder{}}
	s.store(ctx, []ingest.Result{{Origin: "a", Article: &dyad.Article{ID: "first", Headline: "first", URL: "https://example.com/story"}}})
	s.store(ctx, []ingest.Result{{Origin: "b", Article: &dyad.Article{ID: "edited", Headline: "edited", URL: "https://example.com/story"}}})
	if s.stored != 1 || s.duplicate != 1 || s.uncoded != 0 || errb.Len() != 0 {
		t.Errorf("stored %d, duplicate %d, uncoded %d, stderr %q", s.stored, s.duplicate, s.uncoded, errb.String())
	}
	c, err := db.ArticleCoding(ctx, "first")
	if err != nil || len(c.Events) != 1 || c.Events[0].ID != "first-e" {
		t.Errorf("first story's coding %+v, %v", c.Events, err)
	}
}
