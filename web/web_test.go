package web_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad/sqlite/sqlitetest"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/sqlite"
	"github.com/dyadnews/dyad/web"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

const palestine = "Palestine & Israel Conflict"

// fixtures are stories as the extractor would produce them; the first is
// the founding example.
var fixtures = []dyad.Article{
	{
		ID: "blinken", Section: palestine, Site: "example.com", URL: "https://example.com/world/blinken",
		Headline: "US has communicated need to not escalate conflict to Iran and Israel, says Blinken",
		Wire:     "Reuters", Byline: "Humeyra Pamuk",
		Dateline:  dyad.Dateline{Place: "Annapolis", Region: "Maryland", Country: "US", Date: "2024-08-06"},
		Published: time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC),
		Body: "The United States has told Iran and Israel that the conflict in the Middle East cannot be allowed to escalate, Secretary of State Antony Blinken said on Tuesday.\n\n" +
			"“We’ve been engaged in intense diplomacy with allies and partners,” Blinken said.",
	},
	{
		ID: "haniyeh", Section: palestine,
		Headline:  "Iran vows revenge on Israel after Hamas leader Haniyeh killed in Tehran",
		Published: time.Date(2024, 7, 31, 0, 0, 0, 0, time.UTC),
		Body:      "Hamas leader Ismail Haniyeh was killed in Tehran, and Iran blamed Israel for the attack.",
	},
	{
		ID: "korea", Section: "Wikinews: news", URL: "https://en.wikinews.org/wiki/North_Korea_puts_military_in_%27quasi-state_of_war%27",
		Headline:  "North Korea puts military in 'quasi-state of war'",
		Published: time.Date(2015, 8, 21, 0, 0, 0, 0, time.UTC),
		Body:      "North and South Korea exchanged artillery fire across the border.",
	},
	{
		ID: "hostile", Section: "<b>Bold</b> & co",
		Headline:  `<script>alert("headline")</script> Breaking`,
		Published: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC),
		Body:      "<script>alert('body')</script> A paragraph with <img src=x onerror=alert(1)> markup.\n\nSecond \x00 paragraph with invalid UTF-8: \xff\xfe.",
	},
}

func newServer(t *testing.T, opts web.Options, articles []dyad.Article) *httptest.Server {
	t.Helper()
	codings := map[string]dyad.Coding{}
	for _, a := range articles {
		if c, ok := fixtureCodings[a.ID]; ok {
			codings[a.ID] = c
		}
	}
	db := sqlitetest.Open(t, articles, codings)
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	h, err := web.New(db, opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, srv *httptest.Server, path string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(body)
}

func TestPages(t *testing.T) {
	srv := newServer(t, web.Options{}, fixtures)
	tests := []struct {
		name, path string
		status     int
		want       []string
		dontWant   []string
	}{
		{
			name: "home", path: "/", status: 200,
			want: []string{
				"<title>dyad</title>", "Latest stories", "Topics",
				`href="/articles/blinken"`, "Annapolis", "Aug 6, 2024",
				`href="/section/Palestine%20%26%20Israel%20Conflict"`, `<span class="count">2</span>`,
			},
		},
		{
			name: "section with & in its name", path: "/section/Palestine%20%26%20Israel%20Conflict", status: 200,
			want:     []string{"Palestine &amp; Israel Conflict", "2 stories", `href="/articles/blinken"`, `href="/articles/haniyeh"`},
			dontWant: []string{`href="/articles/korea"`},
		},
		{name: "unknown section", path: "/section/Nowhere", status: 404, want: []string{"Not Found", "There is no page at this address"}},
		{
			name: "article", path: "/articles/blinken", status: 200,
			want: []string{
				`<h1 class="headline">US has communicated need`, `<a class="kicker" href="/section/Palestine%20%26%20Israel%20Conflict">`,
				`<span class="place">Annapolis</span><span class="region">Maryland</span>`, `<span class="country">United States</span>`,
				`<span class="author">By Humeyra Pamuk</span>`, `<span class="wire">Reuters</span>`, "Tuesday, August 6, 2024",
				`<p><span class="hl-event" id="s-1">The United States has told </span>`, `<p>“<span class="hl-quote">We’ve been engaged`,
				"Related Articles", `href="/articles/haniyeh"`,
				`id="top"`, `<a href="#top">Back to top`, `Source: <a href="https://example.com/world/blinken"`,
			},
			dontWant: []string{"CC BY 2.5"},
		},
		{
			name: "wikinews attribution", path: "/articles/korea", status: 200,
			want: []string{"From <a href=\"https://www.wikinews.org/\">Wikinews</a>", "CC BY 2.5", `href="https://en.wikinews.org/wiki/North_Korea_puts_military_in_%27quasi-state_of_war%27"`},
		},
		{name: "missing article", path: "/articles/nope", status: 404, want: []string{"Not Found"}},
		{name: "unknown path", path: "/no/such/page", status: 404, want: []string{"Not Found", `href="/static/site.css"`}},
		{
			name: "search", path: "/search?q=Haniyeh+Tehran", status: 200,
			want:     []string{`Stories matching “Haniyeh Tehran”`, `href="/articles/haniyeh"`, `value="Haniyeh Tehran"`},
			dontWant: []string{`href="/articles/korea"`},
		},
		{name: "search without match", path: "/search?q=zebra", status: 200, want: []string{"No stories match"}},
		{name: "search form", path: "/search", status: 200, want: []string{"every word must appear"}},
		{name: "search with invalid UTF-8 and markup", path: "/search?q=%ff%3Cscript%3E", status: 200, dontWant: []string{"<script>"}},
		{name: "search too long is cut", path: "/search?q=" + strings.Repeat("a", 5000), status: 200, want: []string{strings.Repeat("a", 256) + "”"}, dontWant: []string{strings.Repeat("a", 257)}},
		{name: "bad cursor", path: "/?cursor=garbage", status: 400, want: []string{"This page link is not valid"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, header, body := get(t, srv, tt.path)
			if status != tt.status {
				t.Errorf("status %d, want %d", status, tt.status)
			}
			if ct := header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if csp := header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
				t.Errorf("Content-Security-Policy %q does not forbid scripts", csp)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %q", w)
				}
			}
			for _, w := range tt.dontWant {
				if strings.Contains(body, w) {
					t.Errorf("page has %q", w)
				}
			}
		})
	}
}

// TestHostileArticleIsText checks that markup in a story shows as text.
func TestHostileArticleIsText(t *testing.T) {
	srv := newServer(t, web.Options{}, fixtures)
	for _, path := range []string{"/articles/hostile", "/", "/search?q=Breaking", "/section/%3Cb%3EBold%3C%2Fb%3E%20%26%20co"} {
		status, _, body := get(t, srv, path)
		if status != 200 {
			t.Fatalf("%s: status %d", path, status)
		}
		if n := strings.Count(strings.ToLower(body), "<script"); n != 0 {
			t.Errorf("%s: %d <script> elements in the page", path, n)
		}
		if strings.Contains(body, "<img") || strings.Contains(body, "<b>") {
			t.Errorf("%s: story markup reached the page unescaped", path)
		}
		if !strings.Contains(body, `&lt;script&gt;alert(&#34;headline&#34;)&lt;/script&gt; Breaking`) {
			t.Errorf("%s: headline not shown as escaped text", path)
		}
	}
	_, _, body := get(t, srv, "/articles/hostile")
	if !strings.Contains(body, "<p>&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt; A paragraph with &lt;img src=x onerror=alert(1)&gt; markup.</p>") {
		t.Error("body paragraph not shown as escaped text")
	}
}

func TestPagination(t *testing.T) {
	var articles []dyad.Article
	for i := range 5 {
		articles = append(articles, dyad.Article{
			ID: fmt.Sprintf("story-%d", i), Section: "World", Headline: fmt.Sprintf("Story number %d", i),
			Published: time.Date(2024, 1, 1+i, 0, 0, 0, 0, time.UTC), Body: "Text.",
		})
	}
	srv := newServer(t, web.Options{PageSize: 2}, articles)
	next := regexp.MustCompile(`<a href="([^"]+)" rel="next">`)
	var seen []string
	path := "/section/World"
	for page := 0; path != ""; page++ {
		if page > 3 {
			t.Fatal("pagination does not end")
		}
		status, _, body := get(t, srv, path)
		if status != 200 {
			t.Fatalf("%s: status %d", path, status)
		}
		seen = append(seen, regexp.MustCompile(`Story number \d`).FindAllString(body, -1)...)
		if page > 0 && !strings.Contains(body, `<a href="/section/World" rel="first">`) {
			t.Errorf("page %d has no link to the first page", page)
		}
		path = ""
		if m := next.FindStringSubmatch(body); m != nil {
			path = strings.ReplaceAll(m[1], "&amp;", "&")
		}
	}
	want := []string{"Story number 4", "Story number 3", "Story number 2", "Story number 1", "Story number 0"}
	if strings.Join(seen, ",") != strings.Join(want, ",") {
		t.Errorf("pages showed %v, want %v", seen, want)
	}
}

func TestStaticAssets(t *testing.T) {
	srv := newServer(t, web.Options{}, nil)
	for path, ctype := range map[string]string{"/static/site.css": "text/css; charset=utf-8", "/static/icon.svg": "image/svg+xml"} {
		status, header, body := get(t, srv, path)
		if status != 200 || header.Get("Content-Type") != ctype || body == "" {
			t.Errorf("%s: status %d, Content-Type %q, %d bytes", path, status, header.Get("Content-Type"), len(body))
		}
		if header.Get("Cache-Control") == "" {
			t.Errorf("%s: no Cache-Control", path)
		}
	}
	if status, _, _ := get(t, srv, "/static/missing.css"); status != 404 {
		t.Errorf("missing asset: status %d", status)
	}
	status, _, body := get(t, srv, "/")
	if status != 200 || !strings.Contains(body, "No stories yet") {
		t.Errorf("empty store home: status %d, no empty-state message", status)
	}
}

// TestArticleGolden pins the whole article page, so that a template
// change shows up as a reviewable diff (go test ./web -update).
func TestArticleGolden(t *testing.T) {
	srv := newServer(t, web.Options{}, fixtures[:2])
	_, _, body := get(t, srv, "/articles/blinken")
	golden := filepath.Join("testdata", "article.golden.html")
	if *update {
		if err := os.WriteFile(golden, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./web -update to create it)", err)
	}
	if body != string(want) {
		t.Errorf("article page differs from %s; rerun with -update and review the diff", golden)
	}
}

// BenchmarkArticlePage measures serving one article page with its related
// stories from a SQLite store, the reader's hottest path.
func BenchmarkArticlePage(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "dyad.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, a := range fixtures {
		if _, err := db.PutArticle(ctx, &a); err != nil {
			b.Fatal(err)
		}
	}
	h, err := web.New(db, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/articles/blinken", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
