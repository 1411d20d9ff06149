// Package httpapi serves dyad's JSON API: listing, searching and reading
// stored articles, their sections, and ingesting new stories.
//
//	GET  /api/articles?q=&section=&since=&until=&limit=&cursor=
//	GET  /api/articles/{id}   (with its related articles, events, quotes and entities)
//	GET  /api/events?source=&target=&root=&country=&since=&until=&limit=&cursor=
//	GET  /api/escalation?a=&b=&since=&until=&ordered=
//	GET  /api/sections
//	POST /api/articles   (bearer token; JSON, HTML or plain-text body)
//
// Every error is a JSON object {"error": "..."} with a fitting status.
package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dyadnews/dyad/data/demo"

	"github.com/dyadnews/dyad"
)

// Limits and defaults of the API.
const (
	DefaultLimit        = 20
	MaxLimit            = 100
	DefaultRelated      = 5
	DefaultMaxBodyBytes = 10 << 20
	// DefaultMaxQueryBytes bounds q: longer full-text queries are refused.
	DefaultMaxQueryBytes = 1024
)

// Config is what the API needs. Zero fields take the defaults above.
type Config struct {
	Store dyad.ArticleStore
	// Events keeps the articles' codings; nil means Store when it is an
	// EventStore too (as the SQLite store is). Without one, articles come
	// without events and /api/events answers 404.
	Events dyad.EventStore
	// Coder, when set with an event store, codes each story POSTed and
	// stores its coding; a coding failure is logged and the story kept.
	Coder Coder
	// Token is the bearer token POST /api/articles requires. Empty
	// disables ingestion over HTTP.
	Token string
	// MaxBodyBytes caps a POST body; larger bodies get 413.
	MaxBodyBytes int64
	// MaxQueryBytes caps the q parameter; longer ones get 400.
	MaxQueryBytes int
	// RelatedLimit is the number of related articles with an article.
	RelatedLimit int
	// Now is the ingest clock; default time.Now.
	Now func() time.Time
	// Logger receives server-side errors; default slog.Default().
	Logger *slog.Logger
}

// Coder codes an article's events, quotes and entities; *coder.Coder is
// one.
type Coder interface {
	Code(a *dyad.Article) (dyad.Coding, error)
}

// API is the JSON API's http.Handler; it answers paths under /api/.
type API struct {
	cfg Config
	mux *http.ServeMux
}

// New returns the API over cfg.Store.
func New(cfg Config) (*API, error) {
	if cfg.Store == nil {
		return nil, errors.New("httpapi: no store")
	}
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if cfg.MaxQueryBytes <= 0 {
		cfg.MaxQueryBytes = DefaultMaxQueryBytes
	}
	if cfg.RelatedLimit <= 0 {
		cfg.RelatedLimit = DefaultRelated
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Events == nil {
		cfg.Events, _ = cfg.Store.(dyad.EventStore)
	}
	a := &API{cfg: cfg, mux: http.NewServeMux()}
	a.mux.HandleFunc("GET /api/articles", a.listArticles)
	a.mux.HandleFunc("POST /api/articles", a.postArticle)
	a.mux.HandleFunc("GET /api/articles/{id}", a.getArticle)
	a.mux.HandleFunc("GET /api/sections", a.listSections)
	a.mux.HandleFunc("GET /api/events", a.listEvents)
	a.mux.HandleFunc("GET /api/escalation", a.getEscalation)
	// The method-less patterns catch the methods the ones above do not
	// take, so that 405 comes as JSON like every other error.
	a.mux.HandleFunc("/api/articles", methodNotAllowed("GET, HEAD, POST"))
	a.mux.HandleFunc("/api/articles/{id}", methodNotAllowed("GET, HEAD"))
	a.mux.HandleFunc("/api/sections", methodNotAllowed("GET, HEAD"))
	a.mux.HandleFunc("/api/events", methodNotAllowed("GET, HEAD"))
	a.mux.HandleFunc("/api/escalation", methodNotAllowed("GET, HEAD"))
	a.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "no such endpoint: "+r.URL.Path)
	})
	return a, nil
}

func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	a.mux.ServeHTTP(w, r)
}

func methodNotAllowed(allow string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", allow)
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed; use %s", r.Method, allow))
	}
}

func (a *API) listArticles(w http.ResponseWriter, r *http.Request) {
	q, err := a.parseQuery(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	page, err := a.cfg.Store.Articles(r.Context(), q)
	if errors.Is(err, dyad.ErrBadCursor) {
		writeError(w, http.StatusBadRequest, "invalid cursor: pass back the \"next\" value of a previous page")
		return
	}
	if err != nil {
		a.internalError(w, r, fmt.Errorf("list articles: %w", err))
		return
	}
	writeJSON(w, http.StatusOK, listResponse{Articles: attributed(page.Articles), Next: page.Next})
}

// listResponse is a page of GET /api/articles.
type listResponse struct {
	Articles []apiArticle `json:"articles"`
	Next     string       `json:"next,omitempty"`
}

// apiArticle is an article as the API returns it, with the attribution
// its licence requires when the API knows it.
type apiArticle struct {
	dyad.Article
	Attribution string `json:"attribution,omitempty"`
}

// attributed wraps articles for a response; never nil, so that an empty
// list is [] rather than null.
func attributed(articles []dyad.Article) []apiArticle {
	out := make([]apiArticle, len(articles))
	for i, a := range articles {
		out[i] = apiArticle{Article: a, Attribution: demo.Attribution(a.URL)}
	}
	return out
}

// parseQuery reads the list parameters. A bare date in until means the
// whole of that day, so since=D&until=D selects the stories of day D.
func (a *API) parseQuery(r *http.Request) (dyad.ArticleQuery, error) {
	p := r.URL.Query()
	q := dyad.ArticleQuery{
		Text:    strings.TrimSpace(p.Get("q")),
		Section: p.Get("section"),
		Cursor:  p.Get("cursor"),
		Limit:   DefaultLimit,
	}
	if len(q.Text) > a.cfg.MaxQueryBytes {
		return q, fmt.Errorf("q is longer than %d bytes", a.cfg.MaxQueryBytes)
	}
	if s := p.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return q, fmt.Errorf("limit must be a whole number from 1 to %d, not %q", MaxLimit, s)
		}
		q.Limit = n
	}
	var err error
	q.Since, q.Until, err = parseRange(p)
	return q, err
}

// parseRange reads the since and until parameters: dates or RFC 3339
// times, a bare until date including that whole day.
func parseRange(p url.Values) (since, until time.Time, err error) {
	if since, _, err = parseTime(p.Get("since")); err != nil {
		return since, until, fmt.Errorf("since: %w", err)
	}
	until, dateOnly, err := parseTime(p.Get("until"))
	if err != nil {
		return since, until, fmt.Errorf("until: %w", err)
	}
	if dateOnly {
		until = until.AddDate(0, 0, 1)
	}
	if !since.IsZero() && !until.IsZero() && !since.Before(until) {
		return since, until, errors.New("since must be before until")
	}
	return since, until, nil
}

// parseTime reads a date (2006-01-02, as UTC midnight) or an RFC 3339
// time; dateOnly says which. An empty string is the zero time.
func parseTime(s string) (t time.Time, dateOnly bool, err error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, true, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, false, nil
	}
	return time.Time{}, false, fmt.Errorf("%q is neither a date (2024-08-06) nor an RFC 3339 time (2024-08-06T15:04:05Z)", s)
}

// articleWithRelated is an article as GET /api/articles/{id} returns it:
// with its related articles and its coding (empty lists and no "coded"
// time when it has not been coded).
type articleWithRelated struct {
	apiArticle
	Related []apiArticle `json:"related"`
	dyad.StoredCoding
}

func (a *API) getArticle(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	art, err := a.cfg.Store.Article(ctx, r.PathValue("id"))
	if errors.Is(err, dyad.ErrNotFound) {
		writeError(w, http.StatusNotFound, "no article with id "+strconv.Quote(r.PathValue("id")))
		return
	}
	if err != nil {
		a.internalError(w, r, fmt.Errorf("get article: %w", err))
		return
	}
	related, err := a.cfg.Store.Related(ctx, art.ID, a.cfg.RelatedLimit)
	if err != nil {
		a.internalError(w, r, fmt.Errorf("related articles: %w", err))
		return
	}
	coding := dyad.StoredCoding{Events: []dyad.Event{}, Quotes: []dyad.Quote{}, Entities: []dyad.EntityMention{}}
	if a.cfg.Events != nil {
		if coding, err = a.cfg.Events.ArticleCoding(ctx, art.ID); err != nil {
			a.internalError(w, r, fmt.Errorf("article coding: %w", err))
			return
		}
	}
	writeJSON(w, http.StatusOK, articleWithRelated{
		apiArticle:   apiArticle{Article: *art, Attribution: demo.Attribution(art.URL)},
		Related:      attributed(related),
		StoredCoding: coding,
	})
}

func (a *API) listSections(w http.ResponseWriter, r *http.Request) {
	sections, err := a.cfg.Store.Sections(r.Context())
	if err != nil {
		a.internalError(w, r, fmt.Errorf("list sections: %w", err))
		return
	}
	if sections == nil {
		sections = []dyad.Section{}
	}
	writeJSON(w, http.StatusOK, map[string][]dyad.Section{"sections": sections})
}

func (a *API) internalError(w http.ResponseWriter, r *http.Request, err error) {
	a.cfg.Logger.ErrorContext(r.Context(), "api request", "method", r.Method, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal error; see the server log")
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		body = []byte(`{"error":"internal error: cannot encode response"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}
