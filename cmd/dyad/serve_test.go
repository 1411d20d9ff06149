package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/dyadnews/dyad"
)

// lockedBuffer is a bytes.Buffer the server's logger and the test may
// use at once.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs "dyad serve args..." on a free port and returns its
// base URL, its log, and a stop function that cancels it (as SIGINT
// would) and returns its exit code.
func startServe(t *testing.T, args ...string) (base string, log *lockedBuffer, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, outWriter := io.Pipe()
	log = &lockedBuffer{}
	exited := make(chan int, 1)
	go func() {
		code := run(ctx, &stdio{in: strings.NewReader(""), out: outWriter, err: log}, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...))
		outWriter.Close()
		exited <- code
	}()
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		cancel()
		t.Fatalf("dyad serve printed no URL (exit %d): %v\n%s", <-exited, err, log)
	}
	go io.Copy(io.Discard, out)
	base = strings.TrimSuffix(strings.TrimSpace(strings.TrimPrefix(line, "dyad is serving at ")), "/")
	if _, err := url.Parse(base); err != nil || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("dyad serve printed %q, not its URL", line)
	}
	var once sync.Once
	code := 0
	stop = func() int {
		once.Do(func() {
			cancel()
			select {
			case code = <-exited:
			case <-time.After(shutdownTimeout + 5*time.Second):
				t.Fatal("dyad serve did not shut down")
			}
		})
		return code
	}
	t.Cleanup(func() { stop() })
	return base, log, stop
}

func getJSON(t *testing.T, u string, out any) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", u, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

func TestServeLoadsDemoOnceAndShutsDown(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dyad.db")
	base, log, stop := startServe(t, "--db", db)
	var page dyad.ArticlePage
	getJSON(t, base+"/api/articles?limit=100", &page)
	if len(page.Articles) != 44 {
		t.Errorf("demo corpus: %d articles served, want 44", len(page.Articles))
	}
	// The demo corpus is coded on load, so a newcomer sees events at once.
	var events dyad.EventPage
	getJSON(t, base+"/api/events?limit=100", &events)
	if len(events.Events) < 20 {
		t.Errorf("demo corpus: %d events served, want at least 20", len(events.Events))
	}
	resp, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		t.Errorf("GET /: %s %s", resp.Status, resp.Header.Get("Content-Type"))
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d after shutdown\n%s", code, log)
	}
	if !strings.Contains(log.String(), "loaded the demo corpus") || !strings.Contains(log.String(), "articles=44") {
		t.Errorf("log does not report the demo load:\n%s", log)
	}

	// A second start finds the articles and loads nothing.
	_, log, stop = startServe(t, "--db", db)
	if code := stop(); code != 0 {
		t.Errorf("second run: exit code %d", code)
	}
	if strings.Contains(log.String(), "loaded the demo corpus") {
		t.Errorf("second run loaded the demo again:\n%s", log)
	}
}

// findChromium returns the browser to drive: $DYAD_CHROMIUM, or Debian's
// chromium, or the first Chrome-like browser on PATH. Without one the
// test is skipped, except under CI, which must run the browser tests.
func findChromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("DYAD_CHROMIUM"); p != "" {
		path, err := exec.LookPath(p)
		if err != nil {
			t.Fatalf("DYAD_CHROMIUM: %v", err)
		}
		return path
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	const why = "no chromium found (install Debian's chromium, or set DYAD_CHROMIUM)"
	if os.Getenv("CI") == "true" {
		t.Fatal("CI must run the browser tests: " + why)
	}
	t.Skip("skipping the browser test: " + why)
	return ""
}

// startBrowser starts a headless browser with the flags this closed
// network needs (no background traffic, a fresh profile) and returns a
// context for driving it, with a minute for the test's steps.
func startBrowser(t *testing.T, browser string) context.Context {
	t.Helper()
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(browser),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithLogf(t.Logf))
	t.Cleanup(cancel)
	// The first action starts the browser, which lives as long as the
	// context of that action: it must not be the one with the timeout.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start %s: %v", browser, err)
	}
	ctx, cancelTimeout := context.WithTimeout(ctx, time.Minute)
	t.Cleanup(cancelTimeout)
	return ctx
}

// TestBrowserArticlePage opens the founding story in a real browser: its
// events are listed beside the text and lead to their highlighted
// sentences, its related stories are listed, and "Back to top" scrolls
// back to the top.
// It saves a screenshot, kept in $DYAD_SCREENSHOTS when that is set.
func TestBrowserArticlePage(t *testing.T) {
	browser := findChromium(t)
	base, log, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "dyad.db"))

	var found dyad.ArticlePage
	getJSON(t, base+"/api/articles?q="+url.QueryEscape("Blinken escalate Iran"), &found)
	if len(found.Articles) == 0 {
		t.Fatalf("the founding story is not in the demo corpus\n%s", log)
	}
	seed := found.Articles[0]

	ctx := startBrowser(t, browser)
	must := func(step string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("browser: %s: %v\nserver log:\n%s", step, err, log)
		}
	}

	must("open the article", chromedp.Do(ctx,
		chromedp.Navigate(base+"/articles/"+url.PathEscape(seed.ID)),
		chromedp.WaitVisible(chromedp.CSS("h1.headline"))))
	headline, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("h1.headline")))
	must("read the headline", err)
	if !strings.Contains(headline, "Blinken") {
		t.Errorf("headline %q is not the founding story's", headline)
	}
	events, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".coding .events li.event").length`))
	must("count events", err)
	if events < 2 {
		t.Errorf("the article page lists %d events; the founding story has at least the two appeals", events)
	}
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".article-body .hl-event").length`))
	must("count highlighted sentences", err)
	if marked == 0 {
		t.Error("no event sentence is highlighted in the text")
	}
	// Following an event's link lands on its sentence, which is in view.
	must("follow an event to its sentence", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".coding .event-link a")),
		chromedp.Poll[chromedp.Void](`location.hash.startsWith("#s-") && (() => {
			const r = document.getElementById(location.hash.slice(1)).getBoundingClientRect();
			return r.top >= 0 && r.top < window.innerHeight; })()`, chromedp.WithPollingTimeout(5*time.Second))))
	related, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll(".related-list a.related-title").length`))
	must("count related articles", err)
	if related == 0 {
		t.Error("the article page lists no related articles")
	}
	scrolledTo, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.scrollTo(0, document.documentElement.scrollHeight); window.scrollY`))
	must("scroll down", err)
	if scrolledTo <= 0 {
		t.Errorf("scrolling down left scrollY at %v: the page is not taller than the window", scrolledTo)
	}
	must("click Back to top", chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".back-to-top a")),
		chromedp.Poll[chromedp.Void](`window.scrollY === 0`, chromedp.WithPollingTimeout(5*time.Second))))
	hash, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.hash`))
	must("read the location", err)
	if hash != "#top" {
		t.Errorf("after Back to top the location's hash is %q, want #top", hash)
	}
	screenshot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	must("take a screenshot", err)

	dir := t.TempDir()
	if d := os.Getenv("DYAD_SCREENSHOTS"); d != "" {
		dir = d
	}
	shot := filepath.Join(dir, "article-page.png")
	if err := os.WriteFile(shot, screenshot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of %s: %s (%d events, %d related articles)", seed.ID, shot, events, related)
}

// TestServeTokenFromEnv checks that DYAD_TOKEN enables ingest over HTTP
// and that -h does not print it.
func TestServeTokenFromEnv(t *testing.T) {
	t.Setenv("DYAD_TOKEN", "env-secret")
	var help lockedBuffer
	if code := run(context.Background(), &stdio{in: strings.NewReader(""), out: &help, err: &help}, []string{"serve", "-h"}); code != 0 {
		t.Errorf("serve -h: exit %d", code)
	}
	if strings.Contains(help.String(), "env-secret") {
		t.Error("serve -h prints the token")
	}

	base, log, _ := startServe(t, "--db", filepath.Join(t.TempDir(), "dyad.db"), "--no-demo")
	text := "Ceasefire talks resume in Cairo\n\nNegotiators from both sides returned to Cairo on Monday for a new round of ceasefire talks, officials said."
	for token, want := range map[string]int{"env-secret": http.StatusCreated, "wrong": http.StatusUnauthorized} {
		req, err := http.NewRequest(http.MethodPost, base+"/api/articles", strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "text/plain")
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("POST with token %q: %s, want %d\n%s", token, resp.Status, want, log)
		}
	}
}
