package sqlite

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
)

func openTest(t testing.TB) (*DB, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "dyad.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

func put(t testing.TB, db *DB, a dyad.Article) dyad.PutResult {
	t.Helper()
	r, err := db.PutArticle(context.Background(), &a)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func day(d int) time.Time { return time.Date(2024, 8, d, 12, 0, 0, 0, time.UTC) }

func TestOpenTwiceMigratesOnce(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	put(t, db, dyad.Article{ID: "a1", Headline: "One"})
	db.Close()

	db2, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	defer db2.Close()
	if n, err := db2.CountArticles(ctx); err != nil || n != 1 {
		t.Fatalf("CountArticles after reopen = %d, %v; want 1", n, err)
	}
	ms, err := migrations()
	if err != nil {
		t.Fatal(err)
	}
	var applied int
	if err := db2.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations`).Scan(&applied); err != nil {
		t.Fatal(err)
	}
	if applied != len(ms) {
		t.Errorf("schema_migrations has %d rows, want %d", applied, len(ms))
	}
	var mode string
	if err := db2.read.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	db, path := openTest(t)
	if _, err := db.write.ExecContext(ctx, `INSERT INTO schema_migrations VALUES (9999, '9999_future.sql', 0)`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db2, err := Open(ctx, path); err == nil {
		db2.Close()
		t.Fatal("Open of a database from a newer dyad succeeded")
	}
}

func TestPutGetRoundTrip(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	ingested := time.Date(2024, 8, 7, 9, 30, 0, 0, time.UTC)
	db.now = func() time.Time { return ingested.In(time.FixedZone("EST", -5*3600)) }
	in := dyad.Article{
		ID:         "blinken",
		URL:        "https://www.reuters.com/world/us-blinken-2024-08-06/",
		Site:       "reuters.com",
		Section:    "Palestine & Israel Conflict",
		Headline:   "US has communicated need to not escalate conflict to Iran and Israel, says Blinken",
		Byline:     "Simon Lewis",
		Wire:       "Reuters",
		Dateline:   dyad.Dateline{Place: "Annapolis", Region: "Maryland", Country: "US", Date: "2024-08-06"},
		Published:  time.Date(2024, 8, 6, 14, 5, 7, 123456000, time.FixedZone("EDT", -4*3600)),
		DateReason: "dateline weekday check",
		Lang:       "en",
		Body:       "The United States has told Iran and Israel…\n\nSecond paragraph – “quoted”.",
	}
	a := in
	if r, err := db.PutArticle(ctx, &a); err != nil || r != dyad.Stored {
		t.Fatalf("PutArticle = %v, %v; want Stored", r, err)
	}
	if !a.Ingested.Equal(ingested) {
		t.Errorf("PutArticle set Ingested = %v, want %v", a.Ingested, ingested)
	}
	got, err := db.Article(ctx, "blinken")
	if err != nil {
		t.Fatal(err)
	}
	want := in
	want.Published = in.Published.UTC()
	want.Ingested = ingested
	if *got != want {
		t.Errorf("round trip:\n got %+v\nwant %+v", *got, want)
	}
	if got.Published.Location() != time.UTC {
		t.Errorf("Published location = %v, want UTC", got.Published.Location())
	}

	undated := dyad.Article{ID: "undated", Headline: "No date"}
	put(t, db, undated)
	if got, err := db.Article(ctx, "undated"); err != nil || !got.Published.IsZero() {
		t.Errorf("undated article: Published = %v, %v; want zero", got.Published, err)
	}

	if _, err := db.Article(ctx, "missing"); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want dyad.ErrNotFound", err)
	}
	if _, err := db.PutArticle(ctx, &dyad.Article{Headline: "no id"}); err == nil {
		t.Error("PutArticle without ID succeeded")
	}
}

func TestPutDuplicate(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	put(t, db, dyad.Article{ID: "orig", URL: "https://example.com/news/story-1", Headline: "Original", Body: "first"})
	put(t, db, dyad.Article{ID: "nourl-1", Headline: "No URL one"})
	if r := put(t, db, dyad.Article{ID: "nourl-2", Headline: "No URL two"}); r != dyad.Stored {
		t.Errorf("second article without URL = %v, want Stored", r)
	}
	tests := []struct {
		name string
		a    dyad.Article
		want dyad.PutResult
	}{
		{"same ID", dyad.Article{ID: "orig", URL: "https://other.example/x", Headline: "Changed"}, dyad.Duplicate},
		{"same URL", dyad.Article{ID: "v1", URL: "https://example.com/news/story-1"}, dyad.Duplicate},
		{"URL case, slash, fragment", dyad.Article{ID: "v2", URL: "HTTPS://Example.COM/news/story-1/#comments"}, dyad.Duplicate},
		{"URL tracking params", dyad.Article{ID: "v3", URL: "https://example.com/news/story-1?utm_source=tw&utm_medium=social"}, dyad.Duplicate},
		{"URL default port", dyad.Article{ID: "v4", URL: "https://example.com:443/news/story-1"}, dyad.Duplicate},
		{"different path", dyad.Article{ID: "v5", URL: "https://example.com/news/story-2"}, dyad.Stored},
		{"path case matters", dyad.Article{ID: "v6", URL: "https://example.com/News/Story-1"}, dyad.Stored},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := put(t, db, tt.a); got != tt.want {
				t.Errorf("PutArticle = %v, want %v", got, tt.want)
			}
		})
	}
	got, err := db.Article(ctx, "orig")
	if err != nil || got.Headline != "Original" {
		t.Errorf("duplicate overwrote the stored article: %+v, %v", got, err)
	}
	if n, _ := db.CountArticles(ctx); n != 5 {
		t.Errorf("CountArticles = %d, want 5", n)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"not a url", ""},
		{"/relative/path", ""},
		{"HTTP://Example.COM:80/a/b/", "http://example.com/a/b"},
		{"https://example.com/", "https://example.com"},
		{"https://example.com/a?b=2&utm_campaign=x&a=1#top", "https://example.com/a?a=1&b=2"},
		{"https://example.com/a?fbclid=1&gclid=2", "https://example.com/a"},
		{"https://user:pw@example.com:8443/a", "https://example.com:8443/a"},
		{"https://example.com/caf%C3%A9/", "https://example.com/caf%C3%A9"},
	}
	for _, tt := range tests {
		if got := CanonicalURL(tt.in); got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func ids(as []dyad.Article) []string {
	out := make([]string, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

func TestArticlesSearch(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	put(t, db, dyad.Article{ID: "iran", Headline: "Blinken warns Iran", Body: "The United States told Iran and Israel not to escalate.", Published: day(6)})
	put(t, db, dyad.Article{ID: "gaza", Headline: "Talks on Gaza", Body: "Negotiators met in Cairo over a ceasefire in Gaza.", Published: day(7)})
	put(t, db, dyad.Article{ID: "sao", Headline: "São Paulo protests", Body: "Protesters marched in São Paulo against fuel prices.", Published: day(8)})
	put(t, db, dyad.Article{ID: "and", Headline: "AND OR NOT", Body: "A story about boolean operators.", Published: day(5)})

	tests := []struct {
		query string
		want  []string
	}{
		{"iran", []string{"iran"}},
		{"Israel escalate", []string{"iran"}},
		{"escalating", []string{"iran"}}, // porter stemming
		{"escal*", []string{"iran"}},
		{"Sao Paulo", []string{"sao"}}, // diacritics folded
		{"são", []string{"sao"}},
		{"ceasefire OR iran", nil}, // OR is a word, not an operator: no story has all three
		{`"`, nil},
		{`"iran`, []string{"iran"}},
		{"AND OR", []string{"and"}},
		{"*", nil},
		{"headline:gaza", nil}, // no column filter: "headline" is just a word
		{"(gaza", []string{"gaza"}},
		{"NEAR(iran israel)", nil},
		{"\x00\xff\xfe", nil},
		{"中文", nil},
		{strings.Repeat("iran ", 1000), []string{"iran"}},
	}
	for _, tt := range tests {
		page, err := db.Articles(ctx, dyad.ArticleQuery{Text: tt.query})
		if err != nil {
			t.Errorf("Articles(%.20q): %v", tt.query, err)
			continue
		}
		if got := ids(page.Articles); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("Articles(%.20q) = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestArticlesFilters(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	for d := 1; d <= 9; d++ {
		section := "World"
		if d%3 == 0 {
			section = "Business"
		}
		put(t, db, dyad.Article{ID: fmt.Sprintf("d%d", d), Section: section, Headline: "Story", Published: day(d)})
	}
	put(t, db, dyad.Article{ID: "undated", Section: "World", Headline: "Story"})
	tests := []struct {
		name string
		q    dyad.ArticleQuery
		want []string
	}{
		{"all, newest first, undated last", dyad.ArticleQuery{}, []string{"d9", "d8", "d7", "d6", "d5", "d4", "d3", "d2", "d1", "undated"}},
		{"section", dyad.ArticleQuery{Section: "Business"}, []string{"d9", "d6", "d3"}},
		{"since inclusive, until exclusive", dyad.ArticleQuery{Since: day(3), Until: day(6)}, []string{"d5", "d4", "d3"}},
		{"section and since", dyad.ArticleQuery{Section: "World", Since: day(7)}, []string{"d8", "d7"}},
		{"text and section", dyad.ArticleQuery{Text: "story", Section: "Business", Limit: 2}, []string{"d9", "d6"}},
		{"unknown section", dyad.ArticleQuery{Section: "Sport"}, nil},
	}
	for _, tt := range tests {
		page, err := db.Articles(ctx, tt.q)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := ids(page.Articles); !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestArticlesCursorPaging(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const n = 57
	for i := range n {
		// Several articles share each publication time, so the ID must
		// break ties for the cursor to neither skip nor repeat.
		put(t, db, dyad.Article{ID: fmt.Sprintf("a%03d", i), Headline: "Story", Published: day(1 + i%5)})
	}
	for _, limit := range []int{1, 7, 10, 56, 57, 58} {
		var seen []dyad.Article
		cursor := ""
		for pages := 0; ; pages++ {
			if pages > n+1 {
				t.Fatalf("limit %d: paging does not end", limit)
			}
			page, err := db.Articles(ctx, dyad.ArticleQuery{Limit: limit, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			if len(page.Articles) > limit {
				t.Fatalf("limit %d: page of %d", limit, len(page.Articles))
			}
			seen = append(seen, page.Articles...)
			if page.Next == "" {
				break
			}
			cursor = page.Next
		}
		if len(seen) != n {
			t.Errorf("limit %d: paged through %d articles, want %d", limit, len(seen), n)
		}
		unique := map[string]bool{}
		for i, a := range seen {
			unique[a.ID] = true
			if i > 0 {
				prev := seen[i-1]
				if a.Published.After(prev.Published) || (a.Published.Equal(prev.Published) && a.ID > prev.ID) {
					t.Errorf("limit %d: %s after %s breaks newest-first order", limit, a.ID, prev.ID)
				}
			}
		}
		if len(unique) != n {
			t.Errorf("limit %d: %d distinct articles, want %d", limit, len(unique), n)
		}
	}
	page, err := db.Articles(ctx, dyad.ArticleQuery{Limit: 1000})
	if err != nil || len(page.Articles) != n {
		t.Errorf("Limit 1000 gave %d articles, %v; want all %d (under MaxLimit)", len(page.Articles), err, n)
	}
	for _, bad := range []string{"!!!", "Zm9v", encodeCursor(0, "")} {
		if _, err := db.Articles(ctx, dyad.ArticleQuery{Cursor: bad}); !errors.Is(err, dyad.ErrBadCursor) {
			t.Errorf("cursor %q: error %v, want ErrBadCursor", bad, err)
		}
	}
}

func TestSections(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	got, err := db.Sections(ctx)
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("Sections of empty store = %#v, %v; want empty non-nil", got, err)
	}
	for i, s := range []string{"World", "Business", "World", "", "Asia", "World", "Business"} {
		put(t, db, dyad.Article{ID: fmt.Sprint(i), Section: s})
	}
	got, err = db.Sections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []dyad.Section{{Name: "World", Articles: 3}, {Name: "Business", Articles: 2}, {Name: "Asia", Articles: 1}}
	if !slices.Equal(got, want) {
		t.Errorf("Sections = %v, want %v", got, want)
	}
}

func TestRelated(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	articles := []dyad.Article{
		{ID: "target", Section: "Middle East", Headline: "Blinken urges Iran and Israel to avoid escalation",
			Body: "Blinken said escalation between Iran and Israel must stop. Diplomats fear escalation."},
		{ID: "same-section-similar", Section: "Middle East", Headline: "Iran vows response as Israel braces",
			Body: "Iran and Israel trade threats; escalation feared by diplomats."},
		{ID: "other-section-similar", Section: "Opinion", Headline: "Why Iran and Israel escalation matters",
			Body: "Escalation between Iran and Israel, diplomats and Blinken."},
		{ID: "same-section-unrelated", Section: "Middle East", Headline: "Date harvest begins", Body: "Farmers pick dates."},
		{ID: "unrelated", Section: "Sport", Headline: "Cup final tonight", Body: "The teams meet at the stadium."},
	}
	for _, a := range articles {
		put(t, db, a)
	}
	got, err := db.Related(ctx, "target", 10)
	if err != nil {
		t.Fatal(err)
	}
	gotIDs := ids(got)
	want := []string{"same-section-similar", "other-section-similar", "same-section-unrelated"}
	if !slices.Equal(gotIDs, want) {
		t.Errorf("Related = %v, want %v", gotIDs, want)
	}
	if slices.Contains(gotIDs, "target") {
		t.Error("Related includes the article itself")
	}
	if got, err := db.Related(ctx, "target", 1); err != nil || len(got) != 1 || got[0].ID != "same-section-similar" {
		t.Errorf("Related limit 1 = %v, %v", ids(got), err)
	}
	if _, err := db.Related(ctx, "missing", 3); !errors.Is(err, dyad.ErrNotFound) {
		t.Errorf("Related(missing) error = %v, want dyad.ErrNotFound", err)
	}
}

func TestConcurrentReadersWhileWriting(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	const writes = 200
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	done := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(done)
		for i := range writes {
			a := dyad.Article{ID: fmt.Sprintf("w%d", i), Headline: "Concurrent story", Body: "words", Section: "S", Published: day(1).Add(time.Duration(i) * time.Minute)}
			if _, err := db.PutArticle(ctx, &a); err != nil {
				errs <- err
				return
			}
		}
	}()
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			last := 0
			for {
				select {
				case <-done:
					return
				default:
				}
				n, err := db.CountArticles(ctx)
				if err != nil {
					errs <- err
					return
				}
				if n < last {
					errs <- fmt.Errorf("count went down from %d to %d", last, n)
					return
				}
				last = n
				if _, err := db.Articles(ctx, dyad.ArticleQuery{Text: "concurrent", Section: "S"}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, _ := db.CountArticles(ctx); n != writes {
		t.Errorf("CountArticles = %d, want %d", n, writes)
	}
}

// TestPutFailureLeavesNothing makes the insert fail after the article row
// and its index entry are written, as a crash or full disk would, and
// checks that neither survives.
func TestPutFailureLeavesNothing(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	if _, err := db.write.ExecContext(ctx, `CREATE TRIGGER fail_after_insert AFTER INSERT ON articles
		WHEN new.id = 'doomed' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.PutArticle(ctx, &dyad.Article{ID: "doomed", URL: "https://example.com/doomed", Headline: "Doomed zeppelin"}); err == nil {
		t.Fatal("PutArticle succeeded despite the injected failure")
	}
	if n, _ := db.CountArticles(ctx); n != 0 {
		t.Errorf("CountArticles = %d after a failed put, want 0", n)
	}
	var indexed int
	if err := db.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'zeppelin'`).Scan(&indexed); err != nil || indexed != 0 {
		t.Errorf("full-text index holds %d entries after a failed put (%v), want 0", indexed, err)
	}
	// The URL and ID are free again: the same story stores cleanly.
	if r := put(t, db, dyad.Article{ID: "fine", URL: "https://example.com/doomed", Headline: "Doomed zeppelin"}); r != dyad.Stored {
		t.Errorf("retry after failure = %v, want Stored", r)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("FTS integrity check: %v", err)
	}
}

// benchText is n words drawn Zipf-like from a vocabulary of 20,000, as
// in news text: a few very common words and a long tail.
func benchText(rng *rand.Rand, n int) string {
	zipf := rand.NewZipf(rng, 1.1, 1, 19_999)
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "w%x", zipf.Uint64())
	}
	return b.String()
}

// benchArticles is a pool of article texts for the Put benchmarks, made
// before timing starts.
func benchArticles(n int) (headlines, bodies []string) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range n {
		headlines = append(headlines, benchText(rng, 10))
		bodies = append(bodies, benchText(rng, 500))
	}
	return headlines, bodies
}

func BenchmarkPutArticle(b *testing.B) {
	ctx := context.Background()
	db, _ := openTest(b)
	headlines, bodies := benchArticles(1000)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		a := dyad.Article{ID: fmt.Sprintf("bench-%d", i), URL: fmt.Sprintf("https://example.com/%d", i),
			Headline: headlines[i%len(headlines)], Body: bodies[i%len(bodies)], Published: day(1).Add(time.Duration(i) * time.Second)}
		if _, err := db.PutArticle(ctx, &a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

func TestPutArticlesBatch(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	put(t, db, dyad.Article{ID: "old", URL: "https://example.com/old"})
	batch := []*dyad.Article{
		{ID: "n1", URL: "https://example.com/1"},
		{ID: "old"},
		{ID: "n2", URL: "https://example.com/old/"},
		{ID: "n3"},
		{ID: "n1"},
		{ID: "n4", URL: "https://EXAMPLE.com/1?utm_source=x"},
	}
	got, err := db.PutArticles(ctx, batch)
	if err != nil {
		t.Fatal(err)
	}
	want := []dyad.PutResult{dyad.Stored, dyad.Duplicate, dyad.Duplicate, dyad.Stored, dyad.Duplicate, dyad.Duplicate}
	if !slices.Equal(got, want) {
		t.Errorf("PutArticles = %v, want %v", got, want)
	}
	if batch[0].Ingested.IsZero() || !batch[1].Ingested.IsZero() {
		t.Errorf("Ingested set on %v / %v; want on stored articles only", batch[0].Ingested, batch[1].Ingested)
	}
	if n, _ := db.CountArticles(ctx); n != 3 {
		t.Errorf("CountArticles = %d, want 3", n)
	}
	if _, err := db.write.ExecContext(ctx, `INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')`); err != nil {
		t.Errorf("FTS integrity check after a batch with duplicates: %v", err)
	}
	if _, err := db.PutArticles(ctx, []*dyad.Article{{ID: "ok"}, {}}); err == nil {
		t.Error("batch with an article without ID succeeded")
	}
}

func TestPutArticlesFailureStoresNoneOfTheBatch(t *testing.T) {
	ctx := context.Background()
	db, _ := openTest(t)
	if _, err := db.write.ExecContext(ctx, `CREATE TRIGGER fail_after_insert AFTER INSERT ON articles
		WHEN new.id = 'doomed' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`); err != nil {
		t.Fatal(err)
	}
	_, err := db.PutArticles(ctx, []*dyad.Article{{ID: "fine", Headline: "Fine zeppelin"}, {ID: "doomed"}})
	if err == nil {
		t.Fatal("PutArticles succeeded despite the injected failure")
	}
	if n, _ := db.CountArticles(ctx); n != 0 {
		t.Errorf("CountArticles = %d after a failed batch, want 0", n)
	}
	if page, err := db.Articles(ctx, dyad.ArticleQuery{Text: "zeppelin"}); err != nil || len(page.Articles) != 0 {
		t.Errorf("search finds %d articles of a failed batch (%v), want 0", len(page.Articles), err)
	}
}

func BenchmarkPutArticles(b *testing.B) {
	const batch = 100
	ctx := context.Background()
	db, _ := openTest(b)
	headlines, bodies := benchArticles(1000)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		as := make([]*dyad.Article, batch)
		for j := range as {
			as[j] = &dyad.Article{ID: fmt.Sprintf("bench-%d", n), URL: fmt.Sprintf("https://example.com/%d", n),
				Headline: headlines[n%len(headlines)], Body: bodies[n%len(bodies)], Published: day(1).Add(time.Duration(n) * time.Second)}
			n++
		}
		if _, err := db.PutArticles(ctx, as); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
