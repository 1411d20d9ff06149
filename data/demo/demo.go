// Package demo is the small corpus dyad serves when its database is empty:
// the project's founding example story and 43 Wikinews stories (CC BY
// 2.5), embedded in the binary. Its stories go through the article
// package like any other input, so the demo shows what extraction does.
package demo

import (
	"bufio"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/article"
)

//go:embed *.txt wikinews.jsonl
var files embed.FS

// wikinewsRecord is one line of wikinews.jsonl.
type wikinewsRecord struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Genre     string `json:"genre"`
	Text      string `json:"text"`
}

// Articles extracts every story of the corpus, the text files first.
// Their as-of time, against which a dateline without a year is resolved,
// is the capture date in their file name (name-YYYY-MM-DD.txt); the
// Wikinews stories are read as of now.
func Articles(now time.Time) ([]*dyad.Article, error) {
	texts, err := fs.Glob(files, "*.txt")
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	var out []*dyad.Article
	for _, name := range texts {
		a, err := fromTextFile(name)
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", name, err)
		}
		out = append(out, a)
	}
	wiki, err := wikinews(now)
	if err != nil {
		return nil, fmt.Errorf("demo: wikinews.jsonl: %w", err)
	}
	return append(out, wiki...), nil
}

// Store keeps the corpus and its coding.
type Store interface {
	dyad.ArticleStore
	dyad.EventStore
}

// Coder codes a story's events, quotes and entities; *coder.Coder is one.
type Coder interface {
	Code(a *dyad.Article) (dyad.Coding, error)
}

// Load stores the corpus in store, codes each new story with c (unless c
// is nil), and returns how many stories were new. A newcomer's first page
// then shows events at once.
func Load(ctx context.Context, store Store, c Coder, now time.Time) (stored int, err error) {
	articles, err := Articles(now)
	if err != nil {
		return 0, err
	}
	for _, a := range articles {
		res, err := store.PutArticle(ctx, a)
		if err != nil {
			return stored, fmt.Errorf("demo: store %q: %w", a.Headline, err)
		}
		if res != dyad.Stored {
			continue
		}
		stored++
		if c == nil {
			continue
		}
		coding, err := c.Code(a)
		if err != nil {
			return stored, fmt.Errorf("demo: code %q: %w", a.Headline, err)
		}
		if err := store.PutCoding(ctx, a.ID, coding); err != nil {
			return stored, fmt.Errorf("demo: store the coding of %q: %w", a.Headline, err)
		}
	}
	return stored, nil
}

func fromTextFile(name string) (*dyad.Article, error) {
	text, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(path.Base(name), ".txt")
	if len(base) < len(time.DateOnly) {
		return nil, fmt.Errorf("file name does not end in its capture date")
	}
	captured, err := time.Parse(time.DateOnly, base[len(base)-len(time.DateOnly):])
	if err != nil {
		return nil, fmt.Errorf("file name does not end in its capture date: %w", err)
	}
	// The story was captured some time on that day: read it as of the
	// day's end so that a dateline of the same day resolves to it.
	asOf := captured.Add(24*time.Hour - time.Second)
	return article.FromText(string(text), article.Options{Now: asOf})
}

func wikinews(now time.Time) ([]*dyad.Article, error) {
	data, err := files.ReadFile("wikinews.jsonl")
	if err != nil {
		return nil, err
	}
	var out []*dyad.Article
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var rec wikinewsRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		a, err := article.FromRecord(article.Record{
			ID: rec.ID, URL: rec.URL, Title: rec.Title, Published: rec.Published, Text: rec.Text,
		}, article.Options{Now: now, URL: rec.URL})
		if err != nil {
			return nil, fmt.Errorf("line %d (%s): %w", line, rec.ID, err)
		}
		if a.Section == "" && rec.Genre != "" {
			a.Section = "Wikinews: " + rec.Genre
		}
		out = append(out, a)
	}
	return out, sc.Err()
}
