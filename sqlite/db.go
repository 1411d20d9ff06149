// Package sqlite stores dyad's articles in one SQLite file (pure Go, no
// cgo): WAL journaling so readers never wait for the writer, versioned
// migrations, and an FTS5 index for search and related stories.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dyadnews/dyad"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// BusyTimeout is how long a statement waits for another process's lock
// before failing with SQLITE_BUSY.
const BusyTimeout = 10 * time.Second

// Page cache per connection, in KiB (SQLite's default is 2 MiB). Storing
// an article looks up random keys of several indexes (IDs, URLs, the
// near-duplicate bands); once they outgrow the cache every lookup is a
// read from the OS, which made bulk ingest spend a third of its time in
// pread. Memory is taken only as pages are used.
const (
	writerCacheKiB = 64 << 10
	readerCacheKiB = 16 << 10
)

// DB is an article store in a SQLite file. It is safe for concurrent use.
// Writes go through a single connection (SQLite has one writer at a time
// and queueing in Go is cheaper than retrying on SQLITE_BUSY); reads use a
// pool of read-only connections that WAL lets run beside the writer.
type DB struct {
	write *sql.DB
	read  *sql.DB
	// insertArticle is prepared once and reused by every PutArticle: parsing
	// the statement each time would cost more than the insert itself.
	insertArticle *sql.Stmt
	// now stamps Ingested; tests replace it.
	now func() time.Time
}

var _ dyad.ArticleStore = (*DB)(nil)

// Open opens (creating if needed) the store at path and brings its schema
// up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: open: empty path")
	}
	write, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxLifetime(0)
	db := &DB{write: write, now: time.Now}
	if err := db.migrate(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	readers := max(4, runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(readers)
	read.SetMaxIdleConns(readers)
	db.read = read
	db.insertArticle, err = write.PrepareContext(ctx, insertArticleSQL)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: prepare insert: %w", path, err)
	}
	return db, nil
}

// dsn builds the modernc.org/sqlite connection string; the pragmas run on
// every new connection of the pool.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", BusyTimeout.Milliseconds()))
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	if readOnly {
		q.Add("_pragma", "query_only(ON)")
		q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -readerCacheKiB))
	} else {
		q.Add("_pragma", fmt.Sprintf("cache_size(%d)", -writerCacheKiB))
		// Checkpoint every 8000 pages (32 MiB) rather than 1000: index
		// pages rewritten by many batches are copied back once, not
		// eight times (about 8% faster bulk writes).
		q.Add("_pragma", "wal_autocheckpoint(8000)")
		// Take the write lock at BEGIN, so a transaction never fails
		// half-way trying to upgrade a read lock.
		q.Set("_txlock", "immediate")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// Close releases the store's connections.
func (db *DB) Close() error {
	var errs []error
	if db.insertArticle != nil {
		errs = append(errs, db.insertArticle.Close())
	}
	if db.read != nil {
		errs = append(errs, db.read.Close())
	}
	errs = append(errs, db.write.Close())
	return errors.Join(errs...)
}

// migration is one embedded schema change, named NNNN_what.sql.
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v <= 0 {
			return nil, fmt.Errorf("migration %s: name must start with a positive version and '_'", name)
		}
		text, err := fs.ReadFile(migrationFiles, path.Join("migrations", name))
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: name, sql: string(text)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i := 1; i < len(ms); i++ {
		if ms[i].version == ms[i-1].version {
			return nil, fmt.Errorf("migrations %s and %s share a version", ms[i-1].name, ms[i].name)
		}
	}
	return ms, nil
}

// migrate applies the pending migrations in order, each in its own
// transaction together with its schema_migrations row, so a failed
// migration leaves the schema at the previous version. Two processes
// opening a new file at once serialise on the write lock taken at BEGIN.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY,
		name    TEXT    NOT NULL,
		applied INTEGER NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var newest sql.NullInt64
	if err := db.write.QueryRowContext(ctx, `SELECT MAX(version) FROM schema_migrations`).Scan(&newest); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if len(ms) > 0 && newest.Int64 > int64(ms[len(ms)-1].version) {
		return fmt.Errorf("database schema version %d is newer than this program knows (%d)", newest.Int64, ms[len(ms)-1].version)
	}
	for _, m := range ms {
		if err := db.apply(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

func (db *DB) apply(ctx context.Context, m migration) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var done int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM schema_migrations WHERE version = ?`, m.version).Scan(&done); err != nil {
		return err
	}
	if done > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied) VALUES (?, ?, ?)`,
		m.version, m.name, time.Now().UTC().UnixMicro()); err != nil {
		return err
	}
	return tx.Commit()
}
