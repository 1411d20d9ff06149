package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad/sqlite/sqlitetest"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/httpapi"
	"github.com/dyadnews/dyad/sqlite"
)

const palestine = "Palestine & Israel Conflict"

var fixtures = []dyad.Article{
	{
		ID: "blinken", Section: palestine,
		Headline:  "US has communicated need to not escalate conflict to Iran and Israel, says Blinken",
		Published: time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC),
		Body:      "The United States has told Iran and Israel that the conflict cannot be allowed to escalate, Blinken said.",
	},
	{
		ID: "haniyeh", Section: palestine,
		Headline:  "Iran vows revenge on Israel after Hamas leader Haniyeh killed in Tehran",
		Published: time.Date(2024, 7, 31, 12, 30, 0, 0, time.UTC),
		Body:      "Hamas leader Ismail Haniyeh was killed in Tehran, and Iran blamed Israel for the attack.",
	},
	{
		ID: "korea", Section: "Wikinews: news", URL: "https://en.wikinews.org/wiki/North_Korea_puts_military_in_%27quasi-state_of_war%27",
		Headline:  "North Korea puts military in 'quasi-state of war'",
		Published: time.Date(2015, 8, 21, 0, 0, 0, 0, time.UTC),
		Body:      "North and South Korea exchanged artillery fire across the border.",
	},
}

func newAPI(t *testing.T, cfg httpapi.Config, articles []dyad.Article) *httptest.Server {
	t.Helper()
	cfg.Store = sqlitetest.Open(t, articles, nil)
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	api, err := httpapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return srv
}

// do sends a request and decodes its JSON answer into out (when not nil),
// failing the test unless the status is want and the body is JSON.
func do(t *testing.T, req *http.Request, want int, out any) http.Header {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != want {
		t.Errorf("%s %s: status %d, want %d; body %s", req.Method, req.URL, resp.StatusCode, want, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("%s %s: Content-Type %q", req.Method, req.URL, ct)
	}
	if out == nil {
		out = new(any)
	}
	if err := json.Unmarshal(body, out); err != nil {
		t.Errorf("%s %s: body is not the expected JSON: %v: %s", req.Method, req.URL, err, body)
	}
	return resp.Header
}

func get(t *testing.T, srv *httptest.Server, path string, want int, out any) http.Header {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return do(t, req, want, out)
}

func ids(articles []dyad.Article) string {
	var s []string
	for _, a := range articles {
		s = append(s, a.ID)
	}
	return strings.Join(s, ",")
}

func TestListArticles(t *testing.T) {
	srv := newAPI(t, httpapi.Config{}, fixtures)
	tests := []struct {
		query string
		want  string
	}{
		{"", "blinken,haniyeh,korea"},
		{"q=Tehran+Haniyeh", "haniyeh"},
		{"section=" + url.QueryEscape(palestine), "blinken,haniyeh"},
		{"since=2024-01-01", "blinken,haniyeh"},
		{"until=2024-07-31", "haniyeh,korea"}, // a bare until date includes that day
		{"since=2024-07-31T12:30:00Z&until=2024-08-06T00:00:00Z", "haniyeh"},
		{"since=2024-07-31T14:30:00%2B02:00&until=2024-08-07", "blinken,haniyeh"},
		{"limit=1", "blinken"},
		{"q=zebra", ""},
	}
	for _, tt := range tests {
		var page dyad.ArticlePage
		get(t, srv, "/api/articles?"+tt.query, http.StatusOK, &page)
		if got := ids(page.Articles); got != tt.want {
			t.Errorf("?%s: got %q, want %q", tt.query, got, tt.want)
		}
	}
}

func TestListPaging(t *testing.T) {
	srv := newAPI(t, httpapi.Config{}, fixtures)
	var got []dyad.Article
	query := "/api/articles?limit=2"
	for range 3 {
		var page dyad.ArticlePage
		get(t, srv, query, http.StatusOK, &page)
		got = append(got, page.Articles...)
		if page.Next == "" {
			break
		}
		query = "/api/articles?limit=2&cursor=" + url.QueryEscape(page.Next)
	}
	if ids(got) != "blinken,haniyeh,korea" {
		t.Errorf("pages gave %q", ids(got))
	}
}

func TestBadRequests(t *testing.T) {
	srv := newAPI(t, httpapi.Config{MaxQueryBytes: 50}, fixtures)
	for _, q := range []string{
		"limit=0", "limit=-3", "limit=abc", "limit=101", "limit=1e3",
		"since=yesterday", "since=2024-13-01", "until=06/08/2024",
		"since=2024-08-06&until=2024-08-01", "since=2024-08-06T00:00:00Z&until=2024-08-06T00:00:00Z",
		"cursor=not-a-cursor", "q=" + strings.Repeat("x", 51),
	} {
		var e struct{ Error string }
		get(t, srv, "/api/articles?"+q, http.StatusBadRequest, &e)
		if e.Error == "" {
			t.Errorf("?%s: no error message", q)
		}
	}
}

func TestGetArticle(t *testing.T) {
	srv := newAPI(t, httpapi.Config{}, fixtures)
	var got struct {
		dyad.Article
		Related []dyad.Article `json:"related"`
	}
	get(t, srv, "/api/articles/blinken", http.StatusOK, &got)
	if got.ID != "blinken" || got.Section != palestine || got.Headline != fixtures[0].Headline || !got.Published.Equal(fixtures[0].Published) {
		t.Errorf("got %+v", got.Article)
	}
	if len(got.Related) == 0 || got.Related[0].ID != "haniyeh" {
		t.Errorf("related %q, want haniyeh first", ids(got.Related))
	}

	var e struct{ Error string }
	get(t, srv, "/api/articles/nope", http.StatusNotFound, &e)
	if !strings.Contains(e.Error, `"nope"`) {
		t.Errorf("404 error %q does not name the id", e.Error)
	}
}

func TestSections(t *testing.T) {
	srv := newAPI(t, httpapi.Config{}, fixtures)
	var got struct{ Sections []dyad.Section }
	get(t, srv, "/api/sections", http.StatusOK, &got)
	want := []dyad.Section{{Name: palestine, Articles: 2}, {Name: "Wikinews: news", Articles: 1}}
	if fmt.Sprint(got.Sections) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got.Sections, want)
	}

	empty := newAPI(t, httpapi.Config{}, nil)
	var raw map[string]json.RawMessage
	get(t, empty, "/api/sections", http.StatusOK, &raw)
	if string(raw["sections"]) != "[]" {
		t.Errorf("empty store: sections %s, want []", raw["sections"])
	}
	get(t, empty, "/api/articles", http.StatusOK, &raw)
	if string(raw["articles"]) != "[]" {
		t.Errorf("empty store: articles %s, want []", raw["articles"])
	}
}

func TestRoutingErrors(t *testing.T) {
	srv := newAPI(t, httpapi.Config{}, fixtures)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodDelete, "/api/articles", http.StatusMethodNotAllowed, "GET, HEAD, POST"},
		{http.MethodPut, "/api/articles/blinken", http.StatusMethodNotAllowed, "GET, HEAD"},
		{http.MethodPost, "/api/sections", http.StatusMethodNotAllowed, "GET, HEAD"},
		{http.MethodGet, "/api/nothing", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		req, err := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		var e struct{ Error string }
		h := do(t, req, tt.status, &e)
		if e.Error == "" {
			t.Errorf("%s %s: no error message", tt.method, tt.path)
		}
		if got := h.Get("Allow"); got != tt.allow {
			t.Errorf("%s %s: Allow %q, want %q", tt.method, tt.path, got, tt.allow)
		}
	}
}

// story is a plain-text story long enough for the extractor to accept.
const story = "North Korea said its army was ready for war after the two Koreas exchanged artillery fire across the border on Thursday.\n\n" +
	"South Korea evacuated about 80 people from the town of Yeoncheon after at least one shell landed near the area, officials said."

func post(t *testing.T, srv *httptest.Server, token, contentType, body string, want int, out any) http.Header {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/articles", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	return do(t, req, want, out)
}

func jsonBody(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPostArticle(t *testing.T) {
	now := time.Date(2015, 8, 22, 9, 0, 0, 0, time.UTC)
	srv := newAPI(t, httpapi.Config{Token: "s3cret", Now: func() time.Time { return now }}, nil)
	record := jsonBody(t, map[string]string{
		"url": "https://example.com/korea", "title": "North Korea readies for war", "published": "2015-08-21", "text": story,
	})

	var created dyad.Article
	h := post(t, srv, "s3cret", "application/json", record, http.StatusCreated, &created)
	if created.ID == "" || created.Headline != "North Korea readies for war" || created.URL != "https://example.com/korea" {
		t.Errorf("created %+v", created)
	}
	if got := created.Published.Format(time.DateOnly); got != "2015-08-21" {
		t.Errorf("published %s, want 2015-08-21", got)
	}
	if h.Get("Location") != "/api/articles/"+created.ID {
		t.Errorf("Location %q", h.Get("Location"))
	}
	var stored dyad.Article
	get(t, srv, "/api/articles/"+created.ID, http.StatusOK, &stored)
	if stored.Body != created.Body {
		t.Errorf("stored body %q differs from the created one %q", stored.Body, created.Body)
	}

	var dup struct {
		Duplicate bool
		ID        string
	}
	post(t, srv, "s3cret", "application/json; charset=utf-8", record, http.StatusOK, &dup)
	if !dup.Duplicate || dup.ID != created.ID {
		t.Errorf("second POST: %+v, want duplicate of %s", dup, created.ID)
	}

	var fromText dyad.Article
	post(t, srv, "s3cret", "text/plain; charset=utf-8", "Artillery fire across the Korean border\n\n"+story+"\n\nBoth sides put their troops on alert.", http.StatusCreated, &fromText)
	if fromText.Headline != "Artillery fire across the Korean border" {
		t.Errorf("text/plain headline %q", fromText.Headline)
	}

	page := "<html><head><title>Koreas trade fire</title></head><body><article><h1>Koreas trade fire</h1><p>" +
		strings.ReplaceAll(story, "\n\n", "</p><p>") + "</p><p>Seoul said the broadcasts would continue despite the threat from Pyongyang.</p></article></body></html>"
	var fromHTML dyad.Article
	post(t, srv, "s3cret", "text/html", page, http.StatusCreated, &fromHTML)
	if !strings.Contains(fromHTML.Body, "Yeoncheon") {
		t.Errorf("text/html body %q", fromHTML.Body)
	}
	var fromJSONHTML struct {
		Duplicate bool
		ID        string
	}
	post(t, srv, "s3cret", "application/json", jsonBody(t, map[string]string{"html": page}), http.StatusOK, &fromJSONHTML)
	if !fromJSONHTML.Duplicate || fromJSONHTML.ID != fromHTML.ID {
		t.Errorf("the same page as JSON html: %+v, want duplicate of %s", fromJSONHTML, fromHTML.ID)
	}

	// A Latin-1 body is decoded by its declared charset.
	var latin dyad.Article
	latin1 := "Caf\xe9 owners in Montr\xe9al protest\n\n" + story + "\n\nThe caf\xe9 owners said they would keep protesting."
	post(t, srv, "s3cret", "text/plain; charset=iso-8859-1", latin1, http.StatusCreated, &latin)
	if latin.Headline != "Café owners in Montréal protest" {
		t.Errorf("latin-1 headline %q", latin.Headline)
	}
}

func TestPostArticleErrors(t *testing.T) {
	srv := newAPI(t, httpapi.Config{Token: "s3cret", MaxBodyBytes: 2000}, nil)
	valid := jsonBody(t, map[string]string{"title": "A title", "text": story})
	tests := []struct {
		name, token, contentType, body string
		status                         int
	}{
		{"no token", "", "application/json", valid, http.StatusUnauthorized},
		{"wrong token", "guess", "application/json", valid, http.StatusUnauthorized},
		{"token prefix", "s3c", "application/json", valid, http.StatusUnauthorized},
		{"no content type", "s3cret", "", valid, http.StatusUnsupportedMediaType},
		{"xml", "s3cret", "application/xml", "<story/>", http.StatusUnsupportedMediaType},
		{"too large", "s3cret", "text/plain", strings.Repeat("word ", 500), http.StatusRequestEntityTooLarge},
		{"bad JSON", "s3cret", "application/json", `{"text": `, http.StatusBadRequest},
		{"unknown field", "s3cret", "application/json", `{"txet": "x"}`, http.StatusBadRequest},
		{"two objects", "s3cret", "application/json", valid + valid, http.StatusBadRequest},
		{"no text or html", "s3cret", "application/json", `{"title": "only a title"}`, http.StatusBadRequest},
		{"text and html", "s3cret", "application/json", jsonBody(t, map[string]string{"text": story, "html": "<p>x</p>"}), http.StatusBadRequest},
		{"bad published", "s3cret", "application/json", jsonBody(t, map[string]string{"text": story, "published": "last week"}), http.StatusBadRequest},
		{"empty text", "s3cret", "text/plain", "", http.StatusBadRequest},
		{"binary", "s3cret", "text/plain", "\x00\x01\x02\xff\xfe", http.StatusBadRequest},
		{"no story in page", "s3cret", "text/html", "<html><body><nav>Home</nav></body></html>", http.StatusBadRequest},
		{"no title", "s3cret", "application/json", jsonBody(t, map[string]string{"text": story}), http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var e struct{ Error string }
			post(t, srv, tt.token, tt.contentType, tt.body, tt.status, &e)
			if e.Error == "" {
				t.Error("no error message")
			}
		})
	}

	disabled := newAPI(t, httpapi.Config{}, nil)
	var e struct{ Error string }
	post(t, disabled, "anything", "application/json", valid, http.StatusForbidden, &e)
	if !strings.Contains(e.Error, "--token") {
		t.Errorf("403 message %q does not say how to enable ingest", e.Error)
	}
	var page dyad.ArticlePage
	get(t, srv, "/api/articles", http.StatusOK, &page)
	if len(page.Articles) != 0 {
		t.Errorf("failed POSTs stored %d articles", len(page.Articles))
	}
}

// TestHostileQueries checks that full-text syntax, control bytes and
// invalid UTF-8 in q are searched for as text, never an error.
func TestHostileQueries(t *testing.T) {
	srv := newAPI(t, httpapi.Config{}, fixtures)
	for _, q := range []string{`"`, `Tehran"`, "AND", "OR NOT", "*", "NEAR(Iran", "headline:Iran", "\x00\x01", "\xff\xfe", "'; DROP TABLE articles; --", "(((("} {
		var page dyad.ArticlePage
		get(t, srv, "/api/articles?q="+url.QueryEscape(q), http.StatusOK, &page)
	}
	var page dyad.ArticlePage
	get(t, srv, "/api/articles", http.StatusOK, &page)
	if len(page.Articles) != len(fixtures) {
		t.Errorf("%d articles left after hostile queries, want %d", len(page.Articles), len(fixtures))
	}
}

// TestAttribution checks that Wikinews stories carry the credit line
// their CC BY 2.5 licence asks for, in lists and alone, and others none.
func TestAttribution(t *testing.T) {
	srv := newAPI(t, httpapi.Config{}, fixtures)
	type attributed struct {
		ID          string
		Attribution *string
	}
	var list struct{ Articles []attributed }
	get(t, srv, "/api/articles", http.StatusOK, &list)
	for _, a := range list.Articles {
		switch {
		case a.ID == "korea" && (a.Attribution == nil || !strings.Contains(*a.Attribution, "Wikinews, CC BY 2.5") || !strings.Contains(*a.Attribution, fixtures[2].URL)):
			t.Errorf("list: korea attribution %v", a.Attribution)
		case a.ID != "korea" && a.Attribution != nil:
			t.Errorf("list: %s has attribution %q", a.ID, *a.Attribution)
		}
	}
	var one attributed
	get(t, srv, "/api/articles/korea", http.StatusOK, &one)
	if one.Attribution == nil || !strings.Contains(*one.Attribution, fixtures[2].URL) {
		t.Errorf("article: attribution %v", one.Attribution)
	}
}

// BenchmarkListArticles measures a search page of the JSON API over a
// SQLite store holding a few hundred stories.
func BenchmarkListArticles(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "dyad.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for i := range 300 {
		a := fixtures[i%len(fixtures)]
		a.ID = fmt.Sprintf("%s-%d", a.ID, i)
		a.Published = a.Published.Add(time.Duration(i) * time.Hour)
		if _, err := db.PutArticle(ctx, &a); err != nil {
			b.Fatal(err)
		}
	}
	api, err := httpapi.New(httpapi.Config{Store: db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/api/articles?q=Iran&limit=20", nil)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		api.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
