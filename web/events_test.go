package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/sqlite"
	"github.com/dyadnews/dyad/web"
)

func intp(n int) *int { return &n }

var blinken = dyad.Actor{Text: "Antony Blinken", Name: "ANTONY BLINKEN", Code: "USAGOV"}

// fixtureCodings are stored with their fixtures by newServer.
var fixtureCodings = map[string]dyad.Coding{
	"blinken": {
		Events: []dyad.Event{
			{ID: "appeal-iran", Source: blinken, Target: &dyad.Actor{Text: "Iran", Name: "IRAN", Code: "IRN"},
				CAMEO: "0256", CAMEORoot: "02", Description: "Appeal for de-escalation of military engagement",
				Date: "2024-08-06", DatePrecision: "day", SentenceIndex: 1,
				Sentence: "The United States has told Iran and Israel that the conflict in the Middle East cannot be allowed to escalate, Secretary of State Antony Blinken said on Tuesday."},
			{ID: "appeal-israel", Source: blinken, Target: &dyad.Actor{Text: "Israel", Name: "ISRAEL", Code: "ISR"},
				CAMEO: "0256", CAMEORoot: "02", Description: "Appeal for de-escalation of military engagement",
				Date: "2024-08-06", DatePrecision: "day", SentenceIndex: 1,
				Sentence: "The United States has told Iran and Israel that the conflict in the Middle East cannot be allowed to escalate, Secretary of State Antony Blinken said on Tuesday."},
			{ID: "headline", Source: dyad.Actor{Text: "US", Name: "UNITED STATES", Code: "USA"}, CAMEO: "010", CAMEORoot: "01",
				Description: "Make statement", Date: "2024-07-29", DatePrecision: "week", SentenceIndex: 0,
				Sentence: "US has communicated need to not escalate conflict", Wounded: intp(7), Killed: intp(0),
				Location: &dyad.Location{Name: "al Asad airbase", Country: "IRQ", Source: "sentence"}, Hypothetical: true},
		},
		Quotes: []dyad.Quote{{Speaker: blinken, Text: "We’ve been engaged in intense diplomacy with allies and partners,", Direct: true, SentenceIndex: 2}},
	},
}

func TestArticleShowsEvents(t *testing.T) {
	srv := newServer(t, web.Options{}, fixtures)
	_, _, body := get(t, srv, "/articles/blinken")
	for _, want := range []string{
		// The coded sentence is marked, with its anchor, and its actors.
		`<span class="hl-event" id="s-1">The United States has told </span><span class="hl-event hl-actor">Iran</span>`,
		`<span class="hl-event hl-actor">Antony Blinken</span>`,
		`<span class="hl-quote">We’ve been engaged in intense diplomacy with allies and partners,</span>`,
		// The list beside the text: actors, code, date, link to the sentence.
		`<code class="cameo" title="CAMEO 0256">0256</code> Appeal for de-escalation of military engagement`,
		`<a href="#s-1">Read the sentence</a>`,
		`<span class="actor" title="Iran">Iran</span> <code>IRN</code>`,
		// A headline event has no anchor in the body: its sentence is shown.
		`<p class="event-sentence">US has communicated need to not escalate conflict</p>`,
		`week of Jul 29, 2024`, `al Asad airbase, Iraq`, `0 killed, 7 wounded`, `possible`,
		`<blockquote>We’ve been engaged in intense diplomacy with allies and partners,</blockquote>`,
		`— Antony Blinken <code>USAGOV</code>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	if n := strings.Count(body, `id="s-1"`); n != 1 {
		t.Errorf("%d anchors s-1; want 1 for two events of one sentence", n)
	}
	_, _, body = get(t, srv, "/articles/haniyeh")
	if !strings.Contains(body, "This story has not been coded yet.") {
		t.Error("an uncoded story does not say so")
	}
}

// TestHostileCoding checks that markup in events, actors and quotes,
// as in the text they were found in, reaches the page as text.
func TestHostileCoding(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "dyad.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a := fixtures[3] // hostile
	if _, err := db.PutArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	evil := dyad.Actor{Text: "<img src=x onerror=alert(1)>", Name: `"><script>alert(2)</script>`, Code: "<b>X</b>"}
	c := dyad.Coding{
		Events: []dyad.Event{{ID: "<e>", Source: evil, Target: &evil, CAMEO: "<i>190</i>", Description: "<script>alert(3)</script>",
			Date: "<svg onload=alert(4)>", Sentence: "<script>alert('body')</script> A paragraph with <img src=x onerror=alert(1)> markup.",
			Location: &dyad.Location{Name: "<iframe>", Country: "<b>"}, ReportedBy: &evil}},
		Quotes: []dyad.Quote{{Speaker: evil, Text: "alert('body')</script>"}, {Speaker: evil, Text: "invalid UTF-8: \xff\xfe."}},
	}
	if err := db.PutCoding(ctx, a.ID, c); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(db, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	for _, path := range []string{"/articles/hostile", "/events"} {
		status, _, body := get(t, srv, path)
		if status != 200 {
			t.Fatalf("%s: status %d", path, status)
		}
		lower := strings.ToLower(body)
		for _, bad := range []string{"<script", "<img", "<b>", "<i>", "<svg", "<iframe", "<e>"} {
			if strings.Contains(lower, bad) {
				t.Errorf("%s: %s reached the page unescaped", path, bad)
			}
		}
		if !strings.Contains(body, "&lt;img src=x onerror=alert(1)&gt;") {
			t.Errorf("%s: the actor is not shown as escaped text", path)
		}
	}
	_, _, body := get(t, srv, "/articles/hostile")
	// The hostile sentence is highlighted from escaped pieces.
	if !strings.Contains(body, `<span class="hl-event" id="s-0">&lt;script&gt;</span><span class="hl-event hl-quote">alert(&#39;body&#39;)&lt;/script&gt;</span>`) {
		t.Error("the hostile sentence is not highlighted as escaped text")
	}
	if !strings.Contains(body, "<span class=\"hl-quote\">invalid UTF-8: \uFFFD.</span>") {
		t.Error("a quote with invalid UTF-8 is not highlighted")
	}
	// Every tag in the body is one the highlighter writes.
	article := body[strings.Index(body, `<div class="article-body">`):strings.Index(body, `<footer class="article-footer">`)]
	for _, tag := range regexp.MustCompile(`<[a-z]+`).FindAllString(article, -1) {
		if tag != "<div" && tag != "<p" && tag != "<span" {
			t.Errorf("unexpected tag %s in the article body", tag)
		}
	}
}

func TestEventsPage(t *testing.T) {
	srv := newServer(t, web.Options{PageSize: 2}, fixtures)
	status, _, body := get(t, srv, "/events")
	if status != 200 {
		t.Fatalf("status %d", status)
	}
	for _, want := range []string{
		`<form class="event-filters" action="/events" method="get">`,
		`<option value="19">19 `,
		`<a href="/articles/blinken#s-1">US has communicated need`,
		`rel="next"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("events page lacks %s", want)
		}
	}
	if n := strings.Count(body, `<li class="event">`); n != 2 {
		t.Errorf("%d events on a page of 2", n)
	}
	next := regexp.MustCompile(`href="(/events\?cursor=[^"]+)" rel="next"`).FindStringSubmatch(body)
	if next == nil {
		t.Fatal("no next page link")
	}
	_, _, body = get(t, srv, strings.ReplaceAll(next[1], "&amp;", "&"))
	if n := strings.Count(body, `<li class="event">`); n != 1 || !strings.Contains(body, `rel="first"`) {
		t.Errorf("second page: %d events; want 1 and a link to the first", n)
	}

	tests := []struct {
		query  string
		status int
		events int
		want   string
	}{
		{"source=usagov&target=IRN", 200, 1, `value="usagov"`},
		{"root=1", 200, 1, `<option value="01" selected>`},
		{"country=irq", 200, 1, `value="irq"`},
		{"since=2024-08-01&until=2024-08-06", 200, 2, `value="2024-08-06"`},
		{"until=2024-08-05", 200, 1, ""},
		{"root=20", 200, 0, "No events match these filters."},
		{"root=99", 400, 0, "Event type must be a CAMEO root from 01 to 20."},
		{"source=%3Cscript%3E", 400, 0, "Source must be a CAMEO actor code"},
		{"since=tomorrow", 400, 0, "From must be a date"},
		{"since=2024-08-07&until=2024-08-06", 400, 0, "From must not be after To"},
	}
	for _, tt := range tests {
		status, _, body := get(t, srv, "/events?"+tt.query)
		if status != tt.status {
			t.Errorf("?%s: status %d; want %d", tt.query, status, tt.status)
		}
		if n := strings.Count(body, `<li class="event">`); n != tt.events {
			t.Errorf("?%s: %d events; want %d", tt.query, n, tt.events)
		}
		if !strings.Contains(body, tt.want) {
			t.Errorf("?%s: page lacks %s", tt.query, tt.want)
		}
	}
	if status, _, _ := get(t, srv, "/events?cursor=bogus"); status != 400 {
		t.Errorf("bad cursor: status %d; want 400", status)
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
	a := fixtures[0]
	a.Published = time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	if _, err := db.PutArticle(ctx, &a); err != nil {
		t.Fatal(err)
	}
	h, err := web.New(articlesOnly{db}, web.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	if status, _, _ := get(t, srv, "/events"); status != 404 {
		t.Errorf("/events without an event store: status %d; want 404", status)
	}
	if status, _, body := get(t, srv, "/articles/blinken"); status != 200 || !strings.Contains(body, "has not been coded") {
		t.Errorf("article without an event store: status %d", status)
	}
}
