package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/data/demo"
	"github.com/dyadnews/dyad/httpapi"
	"github.com/dyadnews/dyad/sqlite"
	"github.com/dyadnews/dyad/web"
)

var serveCommand = command{
	name:    "serve",
	summary: "serve the web reader and the JSON API",
	run:     runServe,
}

// Server timeouts: generous enough for a 10 MB POST on a slow link, short
// enough that idle or stalled clients do not pile up.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 2 * time.Minute
	writeTimeout      = 2 * time.Minute
	idleTimeout       = 2 * time.Minute
	shutdownTimeout   = 15 * time.Second
)

func runServe(ctx context.Context, st *stdio, args []string) error {
	fs := newFlagSet(st, "serve", "[--db PATH] [--addr HOST:PORT] [--token T]",
		"Serve the web reader at / and the JSON API at /api/ from the article database.\n"+
			"An empty database first gets the bundled demo corpus (44 stories), coded.\n"+
			"POST /api/articles needs the bearer token; without one, ingest over HTTP is off.")
	dbPath := fs.String("db", defaultDBPath(), "SQLite database `path`")
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on; port 0 picks a free one")
	// The default stays out of the flag so that -h never prints a secret.
	token := fs.String("token", "", "bearer `token` for POST /api/articles (default $DYAD_TOKEN)")
	maxBody := fs.Int64("max-body", httpapi.DefaultMaxBodyBytes, "largest POST body in `bytes`")
	noDemo := fs.Bool("no-demo", false, "leave an empty database empty")
	noCode := fs.Bool("no-code", false, "store the demo corpus and POSTed stories without coding them")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitCode(2)
	}
	if *token == "" {
		*token = os.Getenv("DYAD_TOKEN")
	}
	logger := slog.New(slog.NewTextHandler(st.err, nil))

	db, err := sqlite.Open(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	// The coder takes a moment to load: only when there is something to
	// code, the demo corpus or stories POSTed with the token.
	var c articleCoder
	if !*noCode && (!*noDemo || *token != "") {
		cc, err := newIngestCoder()
		if err != nil {
			return err
		}
		c = cc
	}
	if !*noDemo {
		if err := loadDemoIfEmpty(ctx, db, c, logger); err != nil {
			return err
		}
	}
	handler, err := newServeHandler(db, c, *token, *maxBody, logger)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    1 << 20,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	logger.Info("serving", "db", *dbPath, "addr", ln.Addr().String(), "ingest", *token != "")
	fmt.Fprintf(st.out, "dyad is serving at http://%s/\n", ln.Addr())

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func loadDemoIfEmpty(ctx context.Context, store demo.Store, c demo.Coder, logger *slog.Logger) error {
	n, err := store.CountArticles(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		logger.Info("database has articles", "articles", n)
		return nil
	}
	stored, err := demo.Load(ctx, store, c, time.Now())
	if err != nil {
		return fmt.Errorf("load demo corpus: %w", err)
	}
	logger.Info("database was empty: loaded the demo corpus", "articles", stored)
	return nil
}

// newServeHandler routes /api/ to the JSON API and everything else to the
// web reader, and logs every request.
// c codes POSTed stories; nil stores them uncoded.
func newServeHandler(store dyad.ArticleStore, c articleCoder, token string, maxBody int64, logger *slog.Logger) (http.Handler, error) {
	cfg := httpapi.Config{Store: store, Token: token, MaxBodyBytes: maxBody, Logger: logger}
	if c != nil {
		cfg.Coder = c
	}
	api, err := httpapi.New(cfg)
	if err != nil {
		return nil, err
	}
	reader, err := web.New(store, web.Options{Logger: logger})
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", api)
	mux.Handle("/", reader)
	return logRequests(logger, mux), nil
}

// statusRecorder remembers the status a handler wrote, for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController and http.MaxBytesReader reach the
// connection's own writer.
func (r *statusRecorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

func logRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", rec.status), slog.Duration("took", time.Since(start)))
	})
}
