package demo_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/data/demo"
	"github.com/dyadnews/dyad/sqlite"
)

var now = time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)

func TestArticles(t *testing.T) {
	articles, err := demo.Articles(now)
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != 44 {
		t.Fatalf("%d articles, want the seed and 43 Wikinews stories", len(articles))
	}
	ids := map[string]bool{}
	wikinews := 0
	for _, a := range articles {
		if a.ID == "" || a.Headline == "" || strings.TrimSpace(a.Body) == "" {
			t.Errorf("incomplete article: id %q, headline %q, %d body bytes", a.ID, a.Headline, len(a.Body))
		}
		if ids[a.ID] {
			t.Errorf("duplicate id %s (%q)", a.ID, a.Headline)
		}
		ids[a.ID] = true
		if strings.HasPrefix(a.URL, "https://en.wikinews.org/wiki/") {
			wikinews++
			if a.Section == "" {
				t.Errorf("Wikinews story %q has no section", a.Headline)
			}
		}
	}
	if wikinews != 43 {
		t.Errorf("%d stories keep their Wikinews URL (needed for attribution), want 43", wikinews)
	}

	seed := articles[0]
	if !strings.Contains(seed.Headline, "Blinken") {
		t.Fatalf("first article %q is not the founding example", seed.Headline)
	}
	if seed.Section != "Palestine & Israel Conflict" {
		t.Errorf("seed section %q", seed.Section)
	}
	// The seed is read as of its capture date, so "Aug 6" is 2024 even
	// when the demo is loaded years later.
	if got := seed.Published.Format(time.DateOnly); got != "2024-08-06" {
		t.Errorf("seed published %s, want 2024-08-06", got)
	}
}

func TestLoad(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	c := &countingCoder{}
	stored, err := demo.Load(ctx, db, c, now)
	if err != nil {
		t.Fatal(err)
	}
	if stored != 44 || c.coded != 44 {
		t.Errorf("stored %d, coded %d, want 44", stored, c.coded)
	}
	if again, err := demo.Load(ctx, db, c, now); err != nil || again != 0 || c.coded != 44 {
		t.Errorf("second load stored %d, coded %d (err %v), want 0 duplicates stored or coded", again, c.coded-44, err)
	}

	page, err := db.Articles(ctx, dyad.ArticleQuery{Text: "Blinken"})
	if err != nil || len(page.Articles) == 0 {
		t.Fatalf("seed not found by search: %v", err)
	}
	coding, err := db.ArticleCoding(ctx, page.Articles[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(coding.Events) != 1 || coding.Events[0].Sentence != page.Articles[0].Headline {
		t.Errorf("seed's stored coding %+v; want the coder's one event", coding.Events)
	}
	related, err := db.Related(ctx, page.Articles[0].ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(related) == 0 {
		t.Error("the seed has no related stories in the demo corpus")
	}
}

// countingCoder codes each story as one event, its headline.
type countingCoder struct{ coded int }

func (c *countingCoder) Code(a *dyad.Article) (dyad.Coding, error) {
	c.coded++
	return dyad.Coding{Article: *a, Events: []dyad.Event{{ID: a.ID, Sentence: a.Headline, Date: "2024-08-06"}}}, nil
}

func TestLoadCodingFails(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := demo.Load(ctx, db, failingCoder{}, now); err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("Load with a failing coder: err %v; want the coder's error", err)
	}
}

type failingCoder struct{}

func (failingCoder) Code(*dyad.Article) (dyad.Coding, error) {
	return dyad.Coding{}, errors.New("coder broken")
}

func TestAttribution(t *testing.T) {
	for _, c := range []struct {
		url  string
		want bool
	}{
		{"https://en.wikinews.org/wiki/Hundreds_dead_in_Hajj_stampede", true},
		{"https://WIKINEWS.org/x", true},
		{"https://notwikinews.org/x", false},
		{"https://www.reuters.com/world/", false},
		{"", false},
		{"%zz", false},
	} {
		got := demo.Attribution(c.url)
		if (got != "") != c.want || demo.FromWikinews(c.url) != c.want {
			t.Errorf("Attribution(%q) = %q, want credit %v", c.url, got, c.want)
		}
		if c.want && !strings.Contains(got, c.url) {
			t.Errorf("Attribution(%q) = %q does not link the story", c.url, got)
		}
	}
}
