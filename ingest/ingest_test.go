package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const storyText = `Rebels seize border town

KYIV, Aug 6 (Reuters) - Rebel forces seized the border town of Novoselytsia on Tuesday, officials said.

The army said it would retake the town within days.`

const storyHTML = `<!DOCTYPE html><html><head><title>Rebels seize border town</title></head>
<body><nav><a href="/">Home</a></nav><article><h1>Rebels seize border town</h1>
<p>KYIV, Aug 6 (Reuters) - Rebel forces seized the border town of Novoselytsia on Tuesday, officials said.</p>
<p>The army said it would retake the town within days.</p></article></body></html>`

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func collect(t *testing.T, inputs []string, opts Options) []Result {
	t.Helper()
	var rs []Result
	for r := range Articles(context.Background(), inputs, opts) {
		rs = append(rs, r)
	}
	return rs
}

// TestArticlesEachInput runs one input at a time, good and bad, and
// checks each gives exactly one Result with an article or the expected
// reason.
func TestArticlesEachInput(t *testing.T) {
	dir := t.TempDir()
	latin1 := strings.ReplaceAll(storyText, "officials said", "officials said in Caf\xE9 Europa")
	writeFiles(t, dir, map[string][]byte{
		"story.txt":         []byte(storyText),
		"story.html":        []byte(storyHTML),
		"story.html.gz":     gz(t, []byte(storyHTML)),
		"compressed-no-ext": gz(t, []byte(storyText)),
		"page.txt":          []byte(storyHTML), // HTML by content, whatever the name
		"latin1.txt":        []byte(latin1),
		"meta-latin1.html":  []byte(strings.Replace(strings.Replace(storyHTML, "<head>", `<head><meta charset="iso-8859-1">`, 1), "officials said", "officials said in Caf\xE9 Europa", 1)),
		"utf16.txt":         append([]byte{0xFF, 0xFE}, utf16le(storyText)...),
		"binary.txt":        []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"),
		"empty.txt":         nil,
		"blank.txt":         []byte("\n\n   \n"),
		"big.txt":           []byte(storyText + strings.Repeat("\nMore text.", 200)),
		"bomb.txt.gz":       gz(t, []byte(storyText+strings.Repeat(" padding", 1000))),
		"klingon.html":      []byte(strings.Replace(storyHTML, "<head>", `<head><meta charset="x-klingon">`, 1)),
		"undecodable.txt":   []byte("Headline\n\nBody \x81\x8D\x90 \xC3 text"),
		"no-article.html":   []byte(`<html><head><title>Home</title></head><body><nav><a href="/">Home</a></nav></body></html>`),
		"truncated.html.gz": gz(t, []byte(storyHTML))[:20],
	})
	tests := []struct {
		file     string
		wantBody string // substring of the body when an article is expected
		wantErr  error  // nil: any error is acceptable when wantBody is ""
	}{
		{"story.txt", "seized the border town", nil},
		{"story.html", "seized the border town", nil},
		{"story.html.gz", "seized the border town", nil},
		{"compressed-no-ext", "seized the border town", nil},
		{"page.txt", "retake the town", nil},
		{"latin1.txt", "Café Europa", nil},
		{"meta-latin1.html", "Café Europa", nil},
		{"utf16.txt", "seized the border town", nil},
		{"binary.txt", "", ErrBinary},
		{"empty.txt", "", ErrEmpty},
		{"blank.txt", "", ErrEmpty},
		{"big.txt", "", ErrTooLarge},
		{"bomb.txt.gz", "", ErrTooLarge},
		{"klingon.html", "", ErrEncoding},
		{"undecodable.txt", "", ErrEncoding},
		{"no-article.html", "", nil},
		{"truncated.html.gz", "", nil},
		{"missing.txt", "", os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := filepath.Join(dir, tt.file)
			rs := collect(t, []string{path}, Options{MaxBytes: 2000})
			if len(rs) != 1 {
				t.Fatalf("got %d results, want 1", len(rs))
			}
			r := rs[0]
			if r.Origin != path {
				t.Errorf("Origin = %q, want %q", r.Origin, path)
			}
			if tt.wantBody != "" {
				if r.Err != nil {
					t.Fatalf("unexpected error: %v", r.Err)
				}
				if !strings.Contains(r.Article.Body, tt.wantBody) {
					t.Errorf("body %q lacks %q", r.Article.Body, tt.wantBody)
				}
				return
			}
			if r.Err == nil || r.Article != nil {
				t.Fatalf("got article %+v, err %v; want an error", r.Article, r.Err)
			}
			if tt.wantErr != nil && !errors.Is(r.Err, tt.wantErr) {
				t.Errorf("error %v, want %v", r.Err, tt.wantErr)
			}
		})
	}
}

func utf16le(s string) []byte {
	var b []byte
	for _, r := range s { // the test text is all in the BMP
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

func TestArticlesJSONL(t *testing.T) {
	dir := t.TempDir()
	lines := strings.Join([]string{
		`{"id":"w1","url":"https://en.wikinews.org/wiki/A","title":"Rebels seize border town","published":"2024-08-06","text":"Rebel forces seized the border town on Tuesday."}`,
		`{"id": "broken", "text": `,
		``,
		`{"url":"https://example.com/no-text"}`,
		`{"url":"https://example.com/page","html":` + quoteJSON(storyHTML) + `}`,
		`["not", "an", "object"]`,
		`{"id":"long","text":"` + strings.Repeat("x", 3000) + `"}`,
		`{"id":"w2","title":"Last line without newline","text":"Talks resumed in Cairo."}`,
	}, "\n")
	writeFiles(t, dir, map[string][]byte{
		"corpus.jsonl":    []byte(lines),
		"corpus.jsonl.gz": gz(t, []byte(lines)),
	})
	for _, name := range []string{"corpus.jsonl", "corpus.jsonl.gz"} {
		path := filepath.Join(dir, name)
		rs := collect(t, []string{path}, Options{MaxBytes: 2500})
		want := []struct {
			line    int
			body    string
			wantErr error
		}{
			{1, "seized the border town", nil},
			{2, "", ErrRecord},
			{4, "", ErrRecord},
			{5, "retake the town", nil},
			{6, "", ErrRecord},
			{7, "", ErrTooLarge},
			{8, "Talks resumed in Cairo", nil},
		}
		if len(rs) != len(want) {
			t.Fatalf("%s: %d results, want %d: %+v", name, len(rs), len(want), rs)
		}
		for i, w := range want {
			r := rs[i]
			if origin := fmt.Sprintf("%s:line %d", path, w.line); r.Origin != origin {
				t.Errorf("%s result %d: Origin %q, want %q", name, i, r.Origin, origin)
			}
			switch {
			case w.body != "" && (r.Err != nil || !strings.Contains(r.Article.Body, w.body)):
				t.Errorf("%s: %s: got %+v, %v; want body with %q", name, r.Origin, r.Article, r.Err, w.body)
			case w.body == "" && !errors.Is(r.Err, w.wantErr):
				t.Errorf("%s: %s: error %v, want %v", name, r.Origin, r.Err, w.wantErr)
			}
		}
		if a := rs[0].Article; a != nil && a.URL != "https://en.wikinews.org/wiki/A" {
			t.Errorf("record URL lost: %q", a.URL)
		}
	}
}

func quoteJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteString(`\` + string(r))
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestArticlesDirectory(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"b/2.txt":            []byte(strings.Replace(storyText, "Rebel", "Second", 1)),
		"b/1.html":           []byte(storyHTML),
		"a.txt":              []byte(strings.Replace(storyText, "Rebel", "First", 1)),
		"c.txt":              nil,
		".hidden.txt":        []byte(storyText),
		".git/config.txt":    []byte(storyText),
		"b/page_files/x.png": []byte("\x89PNG\r\n\x1a\n"),
		"b/page_files/x.js":  []byte("var x = 1;"),
	})
	rs := collect(t, []string{dir}, Options{})
	var origins []string
	for _, r := range rs {
		origins = append(origins, strings.TrimPrefix(r.Origin, dir+string(filepath.Separator)))
	}
	want := []string{"a.txt", filepath.Join("b", "1.html"), filepath.Join("b", "2.txt"), "c.txt"}
	if !slices.Equal(origins, want) {
		t.Fatalf("origins %v, want %v", origins, want)
	}
	if rs[0].Err != nil || rs[1].Err != nil || rs[2].Err != nil || !errors.Is(rs[3].Err, ErrEmpty) {
		t.Errorf("results %+v", rs)
	}
}

// TestArticlesOrderUnderConcurrency gives items that take different times
// to arrive and checks results come back in input order regardless.
func TestArticlesOrderUnderConcurrency(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i := range 40 {
		path := filepath.Join(dir, fmt.Sprintf("%02d.txt", i))
		text := fmt.Sprintf("Story %d\n\nParagraph number %d about talks.%s", i, i, strings.Repeat(" More words.", (i%7)*300))
		writeFiles(t, dir, map[string][]byte{filepath.Base(path): []byte(text)})
		inputs = append(inputs, path)
	}
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(50 * time.Millisecond)
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Slow story\n\nParagraph about the slow server.")
	}))
	defer slow.Close()
	inputs = slices.Insert(inputs, 1, slow.URL+"/slow")
	rs := collect(t, inputs, Options{Workers: 4})
	if len(rs) != len(inputs) {
		t.Fatalf("%d results for %d inputs", len(rs), len(inputs))
	}
	for i, r := range rs {
		if r.Origin != inputs[i] || r.Err != nil {
			t.Errorf("result %d: origin %q err %v; want %q", i, r.Origin, r.Err, inputs[i])
		}
	}
}

func TestArticlesStopEarly(t *testing.T) {
	dir := t.TempDir()
	var inputs []string
	for i := range 20 {
		name := fmt.Sprintf("%02d.txt", i)
		writeFiles(t, dir, map[string][]byte{name: []byte(storyText)})
		inputs = append(inputs, filepath.Join(dir, name))
	}
	n := 0
	for range Articles(context.Background(), inputs, Options{Workers: 2}) {
		n++
		if n == 3 {
			break
		}
	}
	if n != 3 {
		t.Errorf("iterated %d times, want 3", n)
	}
}

func TestArticlesStdin(t *testing.T) {
	tests := []struct {
		name       string
		stdin      string
		wantBodies []string
		wantOrigin []string
	}{
		{"text", storyText, []string{"seized the border town"}, []string{"stdin"}},
		{"html", storyHTML, []string{"retake the town"}, []string{"stdin"}},
		{"json lines", `{"title":"One","text":"First story text."}` + "\n" + `{"title":"Two","text":"Second story text."}`,
			[]string{"First story", "Second story"}, []string{"stdin:line 1", "stdin:line 2"}},
		{"gzip", string(gz(t, []byte(storyText))), []string{"seized the border town"}, []string{"stdin"}},
	}
	for _, tt := range tests {
		rs := collect(t, []string{"-"}, Options{Stdin: strings.NewReader(tt.stdin)})
		if len(rs) != len(tt.wantBodies) {
			t.Errorf("%s: %d results, want %d", tt.name, len(rs), len(tt.wantBodies))
			continue
		}
		for i, r := range rs {
			if r.Origin != tt.wantOrigin[i] || r.Err != nil || !strings.Contains(r.Article.Body, tt.wantBodies[i]) {
				t.Errorf("%s: result %d = %q %+v %v", tt.name, i, r.Origin, r.Article, r.Err)
			}
		}
	}
	rs := collect(t, []string{"-"}, Options{})
	if len(rs) != 1 || rs[0].Err == nil {
		t.Errorf("stdin without a reader: %+v, want one error", rs)
	}
	rs = collect(t, []string{"-"}, Options{Stdin: strings.NewReader("")})
	if len(rs) != 1 || !errors.Is(rs[0].Err, ErrEmpty) {
		t.Errorf("empty stdin: %+v, want ErrEmpty", rs)
	}
}

func TestArticlesURL(t *testing.T) {
	var userAgent string
	mux := http.NewServeMux()
	mux.HandleFunc("/story", func(w http.ResponseWriter, r *http.Request) {
		userAgent = r.UserAgent()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, storyHTML)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/story", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/latin1", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=ISO-8859-1")
		fmt.Fprint(w, strings.Replace(storyHTML, "officials said", "officials said in Caf\xE9 Europa", 1))
	})
	mux.HandleFunc("/untyped", func(w http.ResponseWriter, r *http.Request) {
		w.Header()["Content-Type"] = nil // no type: the content is sniffed
		fmt.Fprint(w, storyText)
	})
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.7")
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "Headline\n\nStart of the body")
		w.(http.Flusher).Flush()
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Header().Set("Content-Length", "100000000")
		fmt.Fprint(w, "Headline\n\nBody")
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		for range 100 {
			if _, err := fmt.Fprint(w, strings.Repeat("words ", 1000)); err != nil {
				return
			}
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	tests := []struct {
		path     string
		wantBody string
		wantErr  error
	}{
		{"/story", "seized the border town", nil},
		{"/moved", "seized the border town", nil},
		{"/latin1", "Café Europa", nil},
		{"/untyped", "seized the border town", nil},
		{"/missing", "", ErrHTTPStatus},
		{"/pdf", "", ErrContentType},
		{"/slow", "", context.DeadlineExceeded},
		{"/slow-body", "", context.DeadlineExceeded},
		{"/huge", "", ErrTooLarge},
		{"/endless", "", ErrTooLarge},
	}
	opts := Options{Timeout: 200 * time.Millisecond, MaxBytes: 100_000}
	for _, tt := range tests {
		url := srv.URL + tt.path
		rs := collect(t, []string{url}, opts)
		if len(rs) != 1 || rs[0].Origin != url {
			t.Fatalf("%s: results %+v", tt.path, rs)
		}
		r := rs[0]
		if tt.wantBody != "" {
			if r.Err != nil || !strings.Contains(r.Article.Body, tt.wantBody) {
				t.Errorf("%s: got %+v, %v; want body with %q", tt.path, r.Article, r.Err, tt.wantBody)
			}
			continue
		}
		if !errors.Is(r.Err, tt.wantErr) {
			t.Errorf("%s: error %v, want %v", tt.path, r.Err, tt.wantErr)
		}
	}
	if !strings.HasPrefix(userAgent, "dyad/") {
		t.Errorf("User-Agent %q does not name dyad", userAgent)
	}
	rs := collect(t, []string{srv.URL + "/moved"}, opts)
	if a := rs[0].Article; a == nil || a.URL != srv.URL+"/story" {
		t.Errorf("redirected article URL = %+v, want the final address", a)
	}
	unreachable := collect(t, []string{"http://127.0.0.1:1/x"}, opts)
	if len(unreachable) != 1 || unreachable[0].Err == nil {
		t.Errorf("unreachable host: %+v, want an error", unreachable)
	}
}
