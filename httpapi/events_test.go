package httpapi_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/sqlite/sqlitetest"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/httpapi"
	"github.com/dyadnews/dyad/sqlite"
)

const hostile = `<script>alert("x")</script> & "quoted"`

func seven() *int { n := 7; return &n }

// codings are the fixtures' events, quotes and entities.
var codings = map[string]dyad.Coding{
	"blinken": {
		Events: []dyad.Event{
			{ID: "appeal-iran", Source: dyad.Actor{Text: "Blinken", Name: "ANTONY BLINKEN", Code: "USAGOV"},
				Target: &dyad.Actor{Text: "Iran", Name: "IRAN", Code: "IRN"}, CAMEO: "0256", CAMEORoot: "02",
				Date: "2024-08-06", DatePrecision: "day", Sentence: "The United States has told Iran " + hostile},
			{ID: "appeal-israel", Source: dyad.Actor{Text: "Blinken", Name: "ANTONY BLINKEN", Code: "USAGOV"},
				Target: &dyad.Actor{Text: "Israel", Name: "ISRAEL", Code: "ISR"}, CAMEO: "0256", CAMEORoot: "02",
				Date: "2024-08-06", DatePrecision: "day"},
			{ID: "rocket", Source: dyad.Actor{Text: "militants", Name: "MILITANTS", Code: "IRQREB"},
				Target: &dyad.Actor{Text: "U.S. troops", Name: "UNITED STATES", Code: "USAMIL"}, CAMEO: "190", CAMEORoot: "19",
				Date: "2024-08-05", DatePrecision: "day", Wounded: seven(),
				Location: &dyad.Location{Name: "Al Asad", Country: "IRQ", Source: "sentence"}},
		},
		Quotes:   []dyad.Quote{{Speaker: dyad.Actor{Text: "Blinken", Name: "ANTONY BLINKEN", Code: "USAGOV"}, Text: hostile, Direct: true}},
		Entities: []dyad.EntityMention{{Text: "Iran", Label: "GPE", Name: "IRAN", Code: "IRN", Mentions: 3}},
	},
	"haniyeh": {
		Events: []dyad.Event{
			{ID: "killing", Source: dyad.Actor{Text: "Israel", Name: "ISRAEL", Code: "ISR"},
				Target: &dyad.Actor{Text: "Haniyeh", Name: "ISMAIL HANIYEH", Code: "PSEHMS"}, CAMEO: "186", CAMEORoot: "18",
				Date: "2024-07-29", DatePrecision: "week",
				Location: &dyad.Location{Name: "Tehran", Country: "IRN", Source: "sentence"}},
		},
	},
}

// newEventsAPI serves the fixtures and their codings; cfg.Store is set
// to the SQLite store.
func newEventsAPI(t *testing.T, cfg httpapi.Config) (*httptest.Server, *sqlite.DB) {
	t.Helper()
	db := sqlitetest.Open(t, fixtures, codings)
	if cfg.Store == nil {
		cfg.Store = db
	}
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	api, err := httpapi.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	return srv, db
}

func eventIDs(p dyad.EventPage) string {
	var s []string
	for _, e := range p.Events {
		s = append(s, e.ID)
	}
	return strings.Join(s, ",")
}

func TestListEvents(t *testing.T) {
	srv, _ := newEventsAPI(t, httpapi.Config{})
	tests := []struct {
		query string
		want  string
	}{
		{"", "appeal-israel,appeal-iran,rocket,killing"},
		{"source=usa", "appeal-israel,appeal-iran"},
		{"source=USAGOV&target=IRN", "appeal-iran"},
		{"target=USA", "rocket"},
		{"root=2", "appeal-israel,appeal-iran"},
		{"root=18", "killing"},
		{"country=irq", "rocket"},
		{"since=2024-08-05", "appeal-israel,appeal-iran,rocket"},
		{"until=2024-08-05", "rocket,killing"}, // a bare until date includes that day
		{"since=2024-07-30&until=2024-08-05T00:00:00Z", ""},
		{"limit=1", "appeal-israel"},
		{"root=20", ""},
	}
	for _, tt := range tests {
		var page dyad.EventPage
		get(t, srv, "/api/events?"+tt.query, http.StatusOK, &page)
		if got := eventIDs(page); got != tt.want {
			t.Errorf("?%s: %s; want %s", tt.query, got, tt.want)
		}
		if page.Events == nil {
			t.Errorf("?%s: events is null; want a list", tt.query)
		}
	}
	var page dyad.EventPage
	get(t, srv, "/api/events?country=IRQ", http.StatusOK, &page)
	if len(page.Events) != 1 || page.Events[0].ArticleID != "blinken" || page.Events[0].Headline != fixtures[0].Headline ||
		page.Events[0].Wounded == nil || *page.Events[0].Wounded != 7 || page.Events[0].Location.Name != "Al Asad" {
		t.Errorf("rocket event: %+v", page.Events)
	}
}

func TestListEventsPaging(t *testing.T) {
	srv, _ := newEventsAPI(t, httpapi.Config{})
	var got []string
	path := "/api/events?limit=3"
	for range 3 {
		var page dyad.EventPage
		get(t, srv, path, http.StatusOK, &page)
		got = append(got, eventIDs(page))
		if page.Next == "" {
			break
		}
		path = "/api/events?limit=3&cursor=" + page.Next
	}
	if strings.Join(got, "|") != "appeal-israel,appeal-iran,rocket|killing" {
		t.Errorf("pages %q", got)
	}
}

func TestListEventsBadRequests(t *testing.T) {
	srv, _ := newEventsAPI(t, httpapi.Config{})
	for _, q := range []string{
		"limit=0", "limit=101", "limit=x",
		"root=0", "root=21", "root=abc", "root=002",
		"country=IR", "country=IRQQ", "country=%3Cb%3E",
		"source=US%20A", "source=" + strings.Repeat("A", 33), "target=%3Cscript%3E",
		"since=yesterday", "until=2024-13-01", "since=2024-08-06&until=2024-08-01",
		"cursor=bogus",
	} {
		var e struct{ Error string }
		get(t, srv, "/api/events?"+q, http.StatusBadRequest, &e)
		if e.Error == "" {
			t.Errorf("?%s: no error message", q)
		}
	}
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/api/events", nil)
	h := do(t, req, http.StatusMethodNotAllowed, nil)
	if h.Get("Allow") != "GET, HEAD" {
		t.Errorf("Allow %q", h.Get("Allow"))
	}
}

func TestGetArticleWithCoding(t *testing.T) {
	srv, _ := newEventsAPI(t, httpapi.Config{})
	var got struct {
		ID       string
		Events   []dyad.Event
		Quotes   []dyad.Quote
		Entities []dyad.EntityMention
		Coded    string
	}
	get(t, srv, "/api/articles/blinken", http.StatusOK, &got)
	if len(got.Events) != 3 || got.Events[0].ID != "appeal-iran" || got.Events[0].Target.Code != "IRN" {
		t.Errorf("events %+v", got.Events)
	}
	if len(got.Quotes) != 1 || got.Quotes[0].Text != hostile || got.Quotes[0].Speaker.Name != "ANTONY BLINKEN" {
		t.Errorf("quotes %+v", got.Quotes)
	}
	if len(got.Entities) != 1 || got.Entities[0].Mentions != 3 || got.Coded == "" {
		t.Errorf("entities %+v, coded %q", got.Entities, got.Coded)
	}

	// An article never coded has empty lists, not null, and no time.
	resp, err := http.Get(srv.URL + "/api/articles/korea")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{`"events":[]`, `"quotes":[]`, `"entities":[]`} {
		if !strings.Contains(string(body), want) {
			t.Errorf("uncoded article lacks %s: %s", want, body)
		}
	}
	if strings.Contains(string(body), `"coded"`) {
		t.Errorf("uncoded article has a coded time: %s", body)
	}
	// Hostile text is JSON-escaped, never raw markup.
	resp, err = http.Get(srv.URL + "/api/articles/blinken")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body), "<script>") {
		t.Errorf("raw <script> in JSON: %s", body)
	}
}

// articlesOnly hides the SQLite store's event methods.
type articlesOnly struct{ dyad.ArticleStore }

func TestWithoutEventStore(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv, _ := newEventsAPI(t, httpapi.Config{Store: articlesOnly{db}})
	var e struct{ Error string }
	get(t, srv, "/api/events", http.StatusNotFound, &e)
	if e.Error == "" {
		t.Error("no error message")
	}
}

// fakeCoder codes every story as one event, or fails.
type fakeCoder struct{ fail bool }

func (f fakeCoder) Code(a *dyad.Article) (dyad.Coding, error) {
	if f.fail {
		return dyad.Coding{}, errors.New("coder broke")
	}
	return dyad.Coding{Article: *a, Events: []dyad.Event{{ID: "posted", Source: dyad.Actor{Code: "PRK"}, CAMEO: "138", CAMEORoot: "13", Date: "2015-08-21"}}}, nil
}

func TestPostArticleCodes(t *testing.T) {
	for _, fail := range []bool{false, true} {
		srv, db := newEventsAPI(t, httpapi.Config{Token: "s3cret", Coder: fakeCoder{fail: fail}})
		record := jsonBody(t, map[string]string{"title": "North Korea readies for war", "published": "2015-08-21", "text": story})
		var created dyad.Article
		post(t, srv, "s3cret", "application/json", record, http.StatusCreated, &created)
		c, err := db.ArticleCoding(context.Background(), created.ID)
		if err != nil {
			t.Fatal(err)
		}
		if fail {
			if !c.Coded.IsZero() || len(c.Events) != 0 {
				t.Errorf("failed coding stored %+v", c)
			}
		} else if len(c.Events) != 1 || c.Events[0].ID != "posted" {
			t.Errorf("posted story's events %+v; want the coder's one", c.Events)
		}
	}
}
