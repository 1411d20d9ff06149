package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/dedup"
)

// maxBandCandidates bounds the articles one band lookup returns, so a
// story republished ten thousand times costs a new copy at most
// Bands*maxBandCandidates signature comparisons.
const maxBandCandidates = 64

// signed is an article's MinHash signature, or the error signing it
// (dedup.ErrNoWords for a story without words).
type signed struct {
	sig dedup.Signature
	err error
}

// signArticles signs the bodies of articles on all CPUs, before the
// storing transaction begins, so the single writer only looks up and
// inserts. Result i belongs to articles[i], whatever the scheduling.
func signArticles(articles []*dyad.Article) []signed {
	out := make([]signed, len(articles))
	workers := min(runtime.GOMAXPROCS(0), len(articles))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(articles); i = int(next.Add(1) - 1) {
				out[i].sig, out[i].err = dedup.Sign(articles[i].Body)
			}
		})
	}
	wg.Wait()
	return out
}

// clusterer assigns stored articles to near-duplicate clusters inside
// the storing transaction, so an article is never stored without one and
// the articles of one batch find each other. Each article costs one
// candidate query over all its bands and one insert of all its band
// keys: a statement per band would spend most of the time in the
// driver's per-statement overhead, not in SQLite's index seeks.
type clusterer struct {
	candidates, insertCluster, insertBands *sql.Stmt
	// args is reused for the statements' parameters.
	args []any
}

// recentBandRows is how many band rows article_bands_recent gathers
// before they are moved into article_bands: 4,096 articles' worth, few
// enough pages to stay cached, enough rows that a move shares each page
// of the large index among many of them.
const recentBandRows = 4096 * dedup.Bands

// candidatesSQL finds the stored articles sharing a band key with a new
// one: per band key (parameter ?N for band N-1), at most
// maxBandCandidates band rows from the two band tables, their union
// joined to the articles with a signature and verified once. Band rows
// hold the article's seq; the join skips rows of deleted articles. The
// joins are made once, on the union, not per band: every cursor a
// statement opens makes opening the next one dearer.
var candidatesSQL = func() string {
	var b strings.Builder
	b.WriteString(`SELECT c.cluster_id, c.signature FROM articles a
		JOIN article_clusters c ON c.article_id = a.id
		WHERE c.signature IS NOT NULL AND a.seq IN (`)
	for band := range dedup.Bands {
		if band > 0 {
			b.WriteString(` UNION `)
		}
		fmt.Fprintf(&b, `SELECT * FROM (SELECT seq FROM article_bands WHERE key = ?%d
			UNION ALL SELECT seq FROM article_bands_recent WHERE key = ?%d LIMIT %d)`,
			band+1, band+1, maxBandCandidates)
	}
	b.WriteString(`)`)
	return b.String()
}()

// insertBandsSQL stores an article's band keys, parameters (key, seq)
// for every band. Its rows never conflict; OR IGNORE is there because a
// multi-row insert that may abort needs a statement journal, which
// SQLite writes to a temporary file for every such statement.
var insertBandsSQL = `INSERT OR IGNORE INTO article_bands_recent (key, seq) VALUES ` +
	strings.TrimSuffix(strings.Repeat(`(?, ?), `, dedup.Bands), `, `)

// prepareClusterer prepares the clustering statements of a storing
// transaction, first moving the recent band rows into article_bands when
// there are recentBandRows of them.
func prepareClusterer(ctx context.Context, tx *sql.Tx) (*clusterer, error) {
	var recent int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(rowid), 0) FROM article_bands_recent`).Scan(&recent); err != nil {
		return nil, fmt.Errorf("recent band rows: %w", err)
	}
	if recent >= recentBandRows {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO article_bands (key, seq)
			SELECT key, seq FROM article_bands_recent ORDER BY key, seq`); err != nil {
			return nil, fmt.Errorf("move recent band rows: %w", err)
		}
		// Deleting every row empties the table at once and restarts its
		// rowids, which count the rows gathered since.
		if _, err := tx.ExecContext(ctx, `DELETE FROM article_bands_recent`); err != nil {
			return nil, fmt.Errorf("move recent band rows: %w", err)
		}
	}
	c := clusterer{args: make([]any, 0, 2*dedup.Bands)}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&c.candidates, candidatesSQL},
		{&c.insertCluster, `INSERT INTO article_clusters (article_id, cluster_id, signature) VALUES (?, ?, ?)`},
		{&c.insertBands, insertBandsSQL},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			c.close()
			return nil, fmt.Errorf("prepare clustering: %w", err)
		}
		*p.stmt = stmt
	}
	return &c, nil
}

func (c *clusterer) close() {
	for _, s := range []*sql.Stmt{c.candidates, c.insertCluster, c.insertBands} {
		if s != nil {
			s.Close()
		}
	}
}

// add clusters a newly stored article, row seq, signed s: it joins the
// cluster of its most similar stored article whose estimated Jaccard
// similarity reaches dedup.Threshold (the earlier stored on ties), or
// starts its own. A story without words is a cluster of its own and no
// one's candidate.
func (c *clusterer) add(ctx context.Context, a *dyad.Article, seq int64, s *signed) error {
	if errors.Is(s.err, dedup.ErrNoWords) {
		_, err := c.insertCluster.ExecContext(ctx, a.ID, a.ID, nil)
		return err
	}
	if s.err != nil {
		return s.err
	}
	sig := &s.sig
	bands := dedup.BandHashes(sig)
	clusterID, best := a.ID, 0.0
	args := c.args[:0]
	for _, key := range bands {
		args = append(args, key)
	}
	rows, err := c.candidates.QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("candidates: %w", err)
	}
	for rows.Next() {
		var cluster string
		var blob sql.RawBytes
		if err := rows.Scan(&cluster, &blob); err != nil {
			rows.Close()
			return fmt.Errorf("candidates: %w", err)
		}
		other, err := dedup.ParseSignature(blob)
		if err != nil {
			continue // a damaged signature makes no match
		}
		if sim := dedup.Similarity(sig, &other); sim >= dedup.Threshold && (sim > best || sim == best && cluster < clusterID) {
			clusterID, best = cluster, sim
		}
	}
	if err := closeRows(rows); err != nil {
		return fmt.Errorf("candidates: %w", err)
	}
	if _, err := c.insertCluster.ExecContext(ctx, a.ID, clusterID, sig.Bytes()); err != nil {
		return err
	}
	args = args[:0]
	for _, key := range bands {
		args = append(args, key, seq)
	}
	if _, err := c.insertBands.ExecContext(ctx, args...); err != nil {
		return err
	}
	c.args = args
	return nil
}

// Cluster returns the ID of the cluster of the stored article id (the
// first stored article of its near-duplicates) and the IDs of all its
// members in storing order, or dyad.ErrNotFound.
func (db *DB) Cluster(ctx context.Context, id string) (clusterID string, members []string, err error) {
	err = db.read.QueryRowContext(ctx, `SELECT cluster_id FROM article_clusters WHERE article_id = ?`, id).Scan(&clusterID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil, fmt.Errorf("sqlite: cluster of %q: %w", id, dyad.ErrNotFound)
	}
	if err != nil {
		return "", nil, fmt.Errorf("sqlite: cluster of %q: %w", id, err)
	}
	rows, err := db.read.QueryContext(ctx, `SELECT c.article_id FROM article_clusters c
		JOIN articles a ON a.id = c.article_id WHERE c.cluster_id = ? ORDER BY a.seq`, clusterID)
	if err != nil {
		return "", nil, fmt.Errorf("sqlite: cluster of %q: %w", id, err)
	}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return "", nil, fmt.Errorf("sqlite: cluster of %q: %w", id, err)
		}
		members = append(members, m)
	}
	if err := closeRows(rows); err != nil {
		return "", nil, fmt.Errorf("sqlite: cluster of %q: %w", id, err)
	}
	return clusterID, members, nil
}

// groupKey identifies an event group: the events of one cluster with the
// same source, target, CAMEO code and date. A nil target is a NULL code.
type groupKey struct {
	cluster, source string
	target          sql.NullString
	cameo, date     string
}

// groupMaintainer keeps each event group's representative and counts
// current as codings are replaced.
type groupMaintainer struct {
	clusterOf, oldKeys, summary, update *sql.Stmt
}

const groupWhere = `cluster_id = ? AND source_code = ? AND target_code IS ? AND cameo = ? AND date = ?`

func prepareGroupMaintainer(ctx context.Context, tx *sql.Tx) (*groupMaintainer, error) {
	var g groupMaintainer
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&g.clusterOf, `SELECT cluster_id FROM article_clusters WHERE article_id = ?`},
		{&g.oldKeys, `SELECT DISTINCT cluster_id, source_code, target_code, cameo, date FROM events WHERE article_id = ?`},
		// The representative is the group's event with the fullest toll,
		// the earliest stored among equals.
		{&g.summary, `SELECT
			(SELECT seq FROM events WHERE ` + groupWhere + `
				ORDER BY (killed IS NOT NULL) + (wounded IS NOT NULL) DESC, seq LIMIT 1),
			COUNT(DISTINCT e.article_id),
			COUNT(DISTINCT CASE a.site WHEN '' THEN a.id ELSE a.site END)
			FROM events e JOIN articles a ON a.id = e.article_id
			WHERE e.` + groupWhere},
		{&g.update, `UPDATE events SET representative = (seq = ?), num_articles = ?, num_sources = ? WHERE ` + groupWhere},
	} {
		stmt, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			g.close()
			return nil, err
		}
		*p.stmt = stmt
	}
	return &g, nil
}

func (g *groupMaintainer) close() {
	for _, s := range []*sql.Stmt{g.clusterOf, g.oldKeys, g.summary, g.update} {
		if s != nil {
			s.Close()
		}
	}
}

// cluster returns the article's cluster ID, the article itself when it
// has none recorded.
func (g *groupMaintainer) cluster(ctx context.Context, articleID string) (string, error) {
	var c string
	err := g.clusterOf.QueryRowContext(ctx, articleID).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return articleID, nil
	}
	return c, err
}

// keys returns the groups of the article's stored events.
func (g *groupMaintainer) keys(ctx context.Context, articleID string) ([]groupKey, error) {
	rows, err := g.oldKeys.QueryContext(ctx, articleID)
	if err != nil {
		return nil, err
	}
	var keys []groupKey
	for rows.Next() {
		var k groupKey
		if err := rows.Scan(&k.cluster, &k.source, &k.target, &k.cameo, &k.date); err != nil {
			rows.Close()
			return nil, err
		}
		keys = append(keys, k)
	}
	return keys, closeRows(rows)
}

// refresh recomputes a group's representative and counts; a group left
// with no events needs nothing.
func (g *groupMaintainer) refresh(ctx context.Context, k groupKey) error {
	var rep sql.NullInt64
	var articles, sources int
	args := []any{k.cluster, k.source, k.target, k.cameo, k.date}
	if err := g.summary.QueryRowContext(ctx, append(args, args...)...).Scan(&rep, &articles, &sources); err != nil {
		return fmt.Errorf("event group: %w", err)
	}
	if !rep.Valid {
		return nil
	}
	if _, err := g.update.ExecContext(ctx, append([]any{rep.Int64, articles, sources}, args...)...); err != nil {
		return fmt.Errorf("event group: %w", err)
	}
	return nil
}
