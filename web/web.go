// Package web serves stored articles as a newsroom reader: server-rendered
// HTML pages for the latest stories, topics (sections), single articles
// with their related stories and coded events (highlighted in the text),
// a filterable list of events, and search. It needs no JavaScript; its
// stylesheet and icon are embedded so the binary serves everything itself.
//
// Article text is hostile input: every value reaches the page through
// html/template's contextual escaping, and the pages are sent with a
// Content-Security-Policy that forbids scripts altogether.
package web

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Options tunes the reader. Zero fields take the documented defaults.
type Options struct {
	// Site is the name shown in the masthead; default "dyad".
	Site string
	// PageSize is the number of stories on a list page; default 20.
	PageSize int
	// RelatedLimit is the number of related stories under an article;
	// default 6.
	RelatedLimit int
	// TopicsLimit is the number of topics in the navigation bar; default 8.
	TopicsLimit int
	// MaxQueryBytes cuts longer search queries; default 256.
	MaxQueryBytes int
	// Logger receives store errors; default slog.Default().
	Logger *slog.Logger
	// Events keeps the articles' codings; nil means the article store
	// when it is an EventStore too (as the SQLite store is). Without one,
	// articles show no events and /events is not found.
	Events dyad.EventStore
	// DashboardEvents bounds the events the dashboard aggregates, the
	// latest first; default 5000.
	DashboardEvents int
	// DashboardRows is the number of events in the dashboard's table;
	// default 50.
	DashboardRows int
}

func (o Options) withDefaults() Options {
	if o.Site == "" {
		o.Site = "dyad"
	}
	if o.PageSize <= 0 {
		o.PageSize = 20
	}
	if o.RelatedLimit <= 0 {
		o.RelatedLimit = 6
	}
	if o.TopicsLimit <= 0 {
		o.TopicsLimit = 8
	}
	if o.MaxQueryBytes <= 0 {
		o.MaxQueryBytes = 256
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.DashboardEvents <= 0 {
		o.DashboardEvents = 5000
	}
	if o.DashboardRows <= 0 {
		o.DashboardRows = 50
	}
	return o
}

// Server is the reader's http.Handler.
type Server struct {
	store dyad.ArticleStore
	opts  Options
	pages map[string]*template.Template
	mux   *http.ServeMux
}

// pageNames are the templates in templates/ that render a whole page
// inside layout.html.
var pageNames = []string{"home", "list", "article", "search", "events", "dashboard", "error"}

// New returns a reader over store.
func New(store dyad.ArticleStore, opts Options) (*Server, error) {
	s := &Server{store: store, opts: opts.withDefaults(), pages: map[string]*template.Template{}}
	if s.opts.Events == nil {
		s.opts.Events, _ = store.(dyad.EventStore)
	}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/stories.html", "templates/event.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static assets: %w", err)
	}
	s.mux = http.NewServeMux()
	s.mux.HandleFunc("GET /{$}", s.home)
	s.mux.HandleFunc("GET /section/{name}", s.section)
	s.mux.HandleFunc("GET /articles/{id}", s.article)
	s.mux.HandleFunc("GET /search", s.search)
	s.mux.HandleFunc("GET /events", s.events)
	s.mux.HandleFunc("GET /dashboard", s.dashboardPage)
	s.mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(24*time.Hour, http.FileServerFS(static))))
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, http.StatusNotFound, nil)
	})
	return s, nil
}

// ServeHTTP serves the reader's pages with headers that keep hostile
// article text inert even if escaping were ever bypassed.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	s.mux.ServeHTTP(w, r)
}

func cacheFor(d time.Duration, next http.Handler) http.Handler {
	value := fmt.Sprintf("public, max-age=%d", int(d.Seconds()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", value)
		next.ServeHTTP(w, r)
	})
}

// view is everything a page template may show; each page fills its part.
type view struct {
	Site  string
	Title string
	// Query is the search box's text.
	Query string
	// Nav is the largest topics, for the navigation bar.
	Nav []dyad.Section

	// Heading, Stories, Next and First make a list page. Next and First
	// are page URLs, empty when there is no such page.
	Heading     string
	Description string
	Stories     []dyad.Article
	Next, First string
	// Topics is every section, on the home page.
	Topics []dyad.Section

	Article *dyad.Article
	Related []dyad.Article
	// Body is the article's paragraphs with its coding highlighted, and
	// Coding what was coded; Coded is false when it never was.
	Body   highlighted
	Coding dyad.StoredCoding
	Coded  bool

	// Events, Filter and Roots make the events page.
	Events []dyad.ArticleEvent
	Filter eventFilter
	Roots  []cameoRoot

	// Dashboard is the dashboard page's content.
	Dashboard *dashboard

	Status  int
	Message string
}

func (s *Server) newView(ctx context.Context, title string) (view, error) {
	sections, err := s.store.Sections(ctx)
	if err != nil {
		return view{}, fmt.Errorf("list sections: %w", err)
	}
	v := view{Site: s.opts.Site, Title: title, Topics: sections, Nav: sections}
	if len(v.Nav) > s.opts.TopicsLimit {
		v.Nav = v.Nav[:s.opts.TopicsLimit]
	}
	return v, nil
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	v, err := s.newView(r.Context(), "")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Heading = "Latest stories"
	if !s.fillList(w, r, &v, dyad.ArticleQuery{}) {
		return
	}
	s.render(w, r, http.StatusOK, "home", v)
}

func (s *Server) section(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	v, err := s.newView(r.Context(), name)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Heading = name
	known := false
	for _, sec := range v.Topics {
		if sec.Name == name {
			known = true
			v.Description = fmt.Sprintf("%d %s", sec.Articles, plural(sec.Articles, "story", "stories"))
		}
	}
	if !known {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	if !s.fillList(w, r, &v, dyad.ArticleQuery{Section: name}) {
		return
	}
	s.render(w, r, http.StatusOK, "list", v)
}

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(truncateUTF8(r.URL.Query().Get("q"), s.opts.MaxQueryBytes))
	title := "Search"
	if q != "" {
		title = "Search: " + q
	}
	v, err := s.newView(r.Context(), title)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Query = q
	if q != "" {
		v.Heading = fmt.Sprintf("Stories matching “%s”", q)
		if !s.fillList(w, r, &v, dyad.ArticleQuery{Text: q}) {
			return
		}
	}
	s.render(w, r, http.StatusOK, "search", v)
}

// fillList puts one page of stories matching q, continued from the
// request's cursor, into v. It reports false after writing an error page.
func (s *Server) fillList(w http.ResponseWriter, r *http.Request, v *view, q dyad.ArticleQuery) bool {
	params := r.URL.Query()
	q.Limit = s.opts.PageSize
	q.Cursor = params.Get("cursor")
	page, err := s.store.Articles(r.Context(), q)
	if errors.Is(err, dyad.ErrBadCursor) {
		s.fail(w, r, http.StatusBadRequest, nil)
		return false
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, fmt.Errorf("list articles: %w", err))
		return false
	}
	v.Stories = page.Articles
	if page.Next != "" {
		params.Set("cursor", page.Next)
		v.Next = r.URL.Path + "?" + params.Encode()
	}
	if q.Cursor != "" {
		params.Del("cursor")
		v.First = r.URL.Path
		if len(params) > 0 {
			v.First += "?" + params.Encode()
		}
	}
	return true
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	a, err := s.store.Article(ctx, r.PathValue("id"))
	if errors.Is(err, dyad.ErrNotFound) {
		s.fail(w, r, http.StatusNotFound, nil)
		return
	}
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, fmt.Errorf("get article: %w", err))
		return
	}
	v, err := s.newView(ctx, a.Headline)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	v.Article = a
	// A story without its related list or its events is still worth
	// reading.
	if v.Related, err = s.store.Related(ctx, a.ID, s.opts.RelatedLimit); err != nil {
		s.opts.Logger.WarnContext(ctx, "related articles", "id", a.ID, "err", err)
	}
	if s.opts.Events != nil {
		if v.Coding, err = s.opts.Events.ArticleCoding(ctx, a.ID); err != nil {
			s.opts.Logger.WarnContext(ctx, "article coding", "id", a.ID, "err", err)
		}
		v.Coded = !v.Coding.Coded.IsZero()
	}
	v.Body = highlight(a.Body, v.Coding.Events, v.Coding.Quotes)
	s.render(w, r, http.StatusOK, "article", v)
}

// fail writes an error page with status; err, when not nil, is logged and
// not shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, status int, err error) {
	if err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "web request", "method", r.Method, "path", r.URL.Path, "status", status, "err", err)
	}
	v := view{Site: s.opts.Site, Title: http.StatusText(status), Status: status}
	switch status {
	case http.StatusNotFound:
		v.Message = "There is no page at this address. The story may have moved, or the link may be mistyped."
	case http.StatusBadRequest:
		v.Message = "This page link is not valid. Start again from the first page of the list."
	default:
		v.Message = "Something went wrong on our side. Please try again in a moment."
	}
	s.render(w, r, status, "error", v)
}

// render executes a page into memory first so that a template error
// becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, v view) {
	var buf bytes.Buffer
	if err := s.pages[page].ExecuteTemplate(&buf, "layout", v); err != nil {
		s.opts.Logger.ErrorContext(r.Context(), "render page", "page", page, "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}

// ArticlePath is the reader's address of the article with the given ID.
func ArticlePath(id string) string { return "/articles/" + url.PathEscape(id) }

// SectionPath is the reader's address of a section's page. Every byte
// outside the unreserved set is escaped, so names with "&", "/" or "?"
// survive the round trip.
func SectionPath(name string) string {
	return "/section/" + strings.ReplaceAll(url.QueryEscape(name), "+", "%20")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// truncateUTF8 cuts s to at most n bytes without splitting a rune.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
