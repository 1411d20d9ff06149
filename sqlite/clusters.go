package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/dedup"
)

// maxBandCandidates bounds the articles one band lookup returns, so a
// story republished ten thousand times costs a new copy at most
// Bands*maxBandCandidates signature comparisons.
const maxBandCandidates = 64

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

// candidatesSQL finds the stored articles sharing a band key with a new
// one: per band (a parameter pair band, hash), at most maxBandCandidates
// articles with a signature, their union verified once.
var candidatesSQL = func() string {
	var b strings.Builder
	b.WriteString(`SELECT article_id, cluster_id, signature FROM article_clusters WHERE article_id IN (`)
	for band := range dedup.Bands {
		if band > 0 {
			b.WriteString(` UNION `)
		}
		fmt.Fprintf(&b, `SELECT * FROM (SELECT b.article_id FROM article_bands b
			JOIN article_clusters c ON c.article_id = b.article_id
			WHERE b.band = ? AND b.hash = ? AND c.signature IS NOT NULL LIMIT %d)`, maxBandCandidates)
	}
	b.WriteString(`)`)
	return b.String()
}()

// insertBandsSQL stores an article's band keys, parameters (band, hash,
// article_id) for every band.
var insertBandsSQL = `INSERT OR IGNORE INTO article_bands (band, hash, article_id) VALUES ` +
	strings.TrimSuffix(strings.Repeat(`(?, ?, ?), `, dedup.Bands), `, `)

func prepareClusterer(ctx context.Context, tx *sql.Tx) (*clusterer, error) {
	c := clusterer{args: make([]any, 0, 3*dedup.Bands)}
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

// add clusters a newly stored article: it joins the cluster of its most
// similar stored article whose estimated Jaccard similarity reaches
// dedup.Threshold (the earlier stored on ties), or starts its own. A
// story without words is a cluster of its own and no one's candidate.
func (c *clusterer) add(ctx context.Context, a *dyad.Article) error {
	sig, err := dedup.Sign(a.Body)
	if errors.Is(err, dedup.ErrNoWords) {
		_, err = c.insertCluster.ExecContext(ctx, a.ID, a.ID, nil)
		return err
	}
	if err != nil {
		return err
	}
	bands := dedup.BandHashes(&sig)
	clusterID, best := a.ID, 0.0
	args := c.args[:0]
	for band, hash := range bands {
		args = append(args, band, hash)
	}
	rows, err := c.candidates.QueryContext(ctx, args...)
	if err != nil {
		return fmt.Errorf("candidates: %w", err)
	}
	for rows.Next() {
		var cluster string
		var blob sql.RawBytes
		if err := rows.Scan(new(sql.RawBytes), &cluster, &blob); err != nil {
			rows.Close()
			return fmt.Errorf("candidates: %w", err)
		}
		other, err := dedup.ParseSignature(blob)
		if err != nil {
			continue // a damaged signature makes no match
		}
		if sim := dedup.Similarity(&sig, &other); sim >= dedup.Threshold && (sim > best || sim == best && cluster < clusterID) {
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
	for band, hash := range bands {
		args = append(args, band, hash, a.ID)
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
