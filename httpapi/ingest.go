package httpapi

import (
	"bytes"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/dyadnews/dyad/data/demo"

	"golang.org/x/net/html/charset"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/article"
)

// ingestRequest is the JSON body of POST /api/articles: a story's text
// with its metadata, or a whole page's HTML.
type ingestRequest struct {
	URL   string `json:"url"`
	Title string `json:"title"`
	// Published is a date or an RFC 3339 time.
	Published string `json:"published"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
}

// duplicateResponse answers the POST of a story already stored.
type duplicateResponse struct {
	Duplicate bool   `json:"duplicate"`
	ID        string `json:"id"`
}

func (a *API) postArticle(w http.ResponseWriter, r *http.Request) {
	if a.cfg.Token == "" {
		writeError(w, http.StatusForbidden, "ingest over HTTP is disabled: start the server with --token or DYAD_TOKEN set")
		return
	}
	if !a.authorized(r) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="dyad"`)
		writeError(w, http.StatusUnauthorized, "missing or wrong bearer token: send Authorization: Bearer <token>")
		return
	}
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		writeError(w, http.StatusUnsupportedMediaType, "Content-Type must be application/json, text/html or text/plain")
		return
	}
	if r.ContentLength > a.cfg.MaxBodyBytes {
		writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", a.cfg.MaxBodyBytes))
		return
	}
	var extract func([]byte) (*dyad.Article, error)
	switch mediaType {
	case "application/json":
		extract = a.fromJSON
	case "text/html", "application/xhtml+xml":
		extract = a.fromRaw(r, article.FromHTML)
	case "text/plain":
		extract = a.fromRaw(r, article.FromText)
	default:
		writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %s is not accepted: use application/json, text/html or text/plain", mediaType))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, a.cfg.MaxBodyBytes))
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body is larger than %d bytes", a.cfg.MaxBodyBytes))
			return
		}
		writeError(w, http.StatusBadRequest, "cannot read body: "+err.Error())
		return
	}
	// The input is the client's, so a story that cannot be extracted
	// from it is the client's error too.
	art, err := extract(body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "cannot extract a story: "+err.Error())
		return
	}
	// A story is listed by its headline and read for its text: without
	// either it is not worth storing.
	if strings.TrimSpace(art.Body) == "" {
		writeError(w, http.StatusBadRequest, "no story text found in the input")
		return
	}
	if strings.TrimSpace(art.Headline) == "" {
		writeError(w, http.StatusBadRequest, "no headline found in the input: send a title")
		return
	}
	res, err := a.cfg.Store.PutArticle(r.Context(), art)
	if err != nil {
		a.internalError(w, r, fmt.Errorf("store article: %w", err))
		return
	}
	if res == dyad.Duplicate {
		writeJSON(w, http.StatusOK, duplicateResponse{Duplicate: true, ID: art.ID})
		return
	}
	a.cfg.Logger.InfoContext(r.Context(), "ingested article", "id", art.ID, "url", art.URL, "headline", art.Headline)
	a.code(r, art)
	w.Header().Set("Location", "/api/articles/"+art.ID)
	writeJSON(w, http.StatusCreated, apiArticle{Article: *art, Attribution: demo.Attribution(art.URL)})
}

// authorized reports whether r carries the configured bearer token. The
// comparison hashes both sides so it takes the same time whatever the
// length or content of the guess.
func (a *API) authorized(r *http.Request) bool {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimSpace(token)))
	want := sha256.Sum256([]byte(a.cfg.Token))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

func (a *API) options(url string) article.Options {
	return article.Options{Now: a.cfg.Now(), URL: url}
}

// fromJSON extracts the story of an ingestRequest body.
func (a *API) fromJSON(body []byte) (*dyad.Article, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	var req ingestRequest
	if err := dec.Decode(&req); err != nil {
		return nil, fmt.Errorf("JSON body: %w", err)
	}
	if dec.More() {
		return nil, errors.New("JSON body holds more than one object")
	}
	hasText, hasHTML := strings.TrimSpace(req.Text) != "", strings.TrimSpace(req.HTML) != ""
	switch {
	case hasText && hasHTML:
		return nil, errors.New("give either text or html, not both")
	case hasHTML:
		return article.FromHTML(req.HTML, a.options(req.URL))
	case !hasText:
		return nil, errors.New("the JSON body needs a text or an html field")
	}
	_, _, err := parseTime(req.Published)
	if err != nil {
		return nil, fmt.Errorf("published: %w", err)
	}
	return article.FromRecord(article.Record{URL: req.URL, Title: req.Title, Published: req.Published, Text: req.Text}, a.options(req.URL))
}

// fromRaw returns an extractor for a raw HTML or text body, decoded to
// UTF-8 from the charset its Content-Type (or, for HTML, its meta tag)
// declares. The story's URL may come in the url query parameter.
func (a *API) fromRaw(r *http.Request, extract func(string, article.Options) (*dyad.Article, error)) func([]byte) (*dyad.Article, error) {
	contentType, url := r.Header.Get("Content-Type"), r.URL.Query().Get("url")
	return func(body []byte) (*dyad.Article, error) {
		utf8Reader, err := charset.NewReader(bytes.NewReader(body), contentType)
		if err != nil {
			return nil, fmt.Errorf("body charset: %w", err)
		}
		text, err := io.ReadAll(utf8Reader)
		if err != nil {
			return nil, fmt.Errorf("decode body: %w", err)
		}
		return extract(string(text), a.options(url))
	}
}

// code codes a newly stored article when the API has a coder; the story
// stays stored, uncoded, when that fails.
func (a *API) code(r *http.Request, art *dyad.Article) {
	if a.cfg.Coder == nil || a.cfg.Events == nil {
		return
	}
	c, err := a.cfg.Coder.Code(art)
	if err == nil {
		err = a.cfg.Events.PutCoding(r.Context(), art.ID, c)
	}
	if err != nil {
		a.cfg.Logger.WarnContext(r.Context(), "article stored uncoded", "id", art.ID, "err", err)
		return
	}
	a.cfg.Logger.InfoContext(r.Context(), "coded article", "id", art.ID, "events", len(c.Events), "quotes", len(c.Quotes))
}
