package sqlite

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/dyadnews/dyad"
)

// Related ranking. A candidate's score is a weighted sum of parts, each
// in [0, 1]:
//
//   - text: its bm25 over the article's salient words (headline words
//     weighing headlineWeight times body words), relative to the best
//     candidate's;
//   - actors: the Jaccard similarity of the two articles' actor
//     countries (first three letters of their events' source and target
//     codes);
//   - events: the Jaccard similarity of their (source country, target
//     country, CAMEO root) triples: the same kind of thing done by the
//     same sides;
//   - time: exp(-days apart / relatedTimeScale);
//   - section: 1 when both are filed under the same section.
//
// The article's own near-duplicates (its cluster) are left out: they are
// the same story, not related ones.
const (
	salientTerms   = 20
	headlineWeight = 3
	// DefaultRelated is the number of related articles when none is asked.
	DefaultRelated = 5

	textWeight    = 0.45
	actorWeight   = 0.25
	eventWeight   = 0.15
	timeWeight    = 0.10
	sectionWeight = 0.05

	relatedTimeScale = 7 * 24 * time.Hour
	// textCandidates and actorCandidates bound how many articles each
	// route proposes, so ranking costs the same in any store size.
	textCandidates  = 60
	actorCandidates = 40
)

// relatedProfile is what ranking needs of an article.
type relatedProfile struct {
	seq       int64
	cluster   string
	section   string
	published time.Time
	actors    map[string]bool
	events    map[string]bool
	text      float64 // bm25, lower is better; 0 when no text match
}

// Related returns up to limit other articles most like the one with the
// given ID, by the score above; when too few are found by text or shared
// actors, the newest of its section fill the list.
func (db *DB) Related(ctx context.Context, id string, limit int) ([]dyad.Article, error) {
	if limit <= 0 {
		limit = DefaultRelated
	}
	limit = min(limit, MaxLimit)
	a, err := db.Article(ctx, id)
	if err != nil {
		return nil, err
	}
	related, err := db.related(ctx, a, limit)
	if err != nil {
		return nil, fmt.Errorf("sqlite: related %q: %w", id, err)
	}
	return related, nil
}

func (db *DB) related(ctx context.Context, a *dyad.Article, limit int) ([]dyad.Article, error) {
	self, err := db.profile(ctx, a.ID)
	if err != nil {
		return nil, err
	}
	cands := map[string]*relatedProfile{}
	// Candidates by text.
	if terms := salient(a.Headline, a.Body, salientTerms); len(terms) > 0 {
		rows, err := db.read.QueryContext(ctx, `SELECT a.id, bm25(articles_fts, ?, 1.0)
			FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
			WHERE articles_fts MATCH ? AND a.id != ?
			ORDER BY bm25(articles_fts, ?, 1.0) LIMIT ?`,
			float64(headlineWeight), matchAny(terms), a.ID, float64(headlineWeight), textCandidates)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var cid string
			var score float64
			if err := rows.Scan(&cid, &score); err != nil {
				rows.Close()
				return nil, err
			}
			cands[cid] = &relatedProfile{text: score}
		}
		if err := closeRows(rows); err != nil {
			return nil, err
		}
	}
	// Candidates by shared actors: the latest articles with events of
	// each of its actor countries.
	for country := range self.actors {
		upper, ok := prefixUpperBound(country)
		if !ok {
			continue
		}
		rows, err := db.read.QueryContext(ctx, `SELECT article_id FROM (
				SELECT article_id, date, seq FROM events WHERE source_code >= ? AND source_code < ?
				UNION ALL
				SELECT article_id, date, seq FROM events WHERE target_code >= ? AND target_code < ?)
			WHERE article_id != ? ORDER BY date DESC, seq DESC LIMIT ?`,
			country, upper, country, upper, a.ID, actorCandidates)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var cid string
			if err := rows.Scan(&cid); err != nil {
				rows.Close()
				return nil, err
			}
			if cands[cid] == nil {
				cands[cid] = &relatedProfile{}
			}
		}
		if err := closeRows(rows); err != nil {
			return nil, err
		}
	}
	best := 0.0
	for _, c := range cands {
		best = math.Min(best, c.text)
	}
	type scored struct {
		id    string
		score float64
		seq   int64
	}
	var ranked []scored
	for cid, c := range cands {
		p, err := db.profile(ctx, cid)
		if err != nil {
			return nil, err
		}
		if self.cluster != "" && p.cluster == self.cluster {
			continue
		}
		score := actorWeight*jaccard(self.actors, p.actors) + eventWeight*jaccard(self.events, p.events)
		if best < 0 {
			score += textWeight * c.text / best
		}
		if !self.published.IsZero() && !p.published.IsZero() {
			apart := math.Abs(float64(self.published.Sub(p.published)))
			score += timeWeight * math.Exp(-apart/float64(relatedTimeScale))
		}
		if self.section != "" && p.section == self.section {
			score += sectionWeight
		}
		ranked = append(ranked, scored{cid, score, p.seq})
	}
	slices.SortFunc(ranked, func(x, y scored) int {
		return cmp.Or(cmp.Compare(y.score, x.score), cmp.Compare(y.seq, x.seq))
	})
	related := []dyad.Article{}
	for _, r := range ranked[:min(limit, len(ranked))] {
		ra, err := db.Article(ctx, r.id)
		if err != nil {
			return nil, err
		}
		related = append(related, *ra)
	}
	if len(related) >= limit || a.Section == "" {
		return related, nil
	}
	// Too few found: fill with the section's newest, outside the cluster.
	more, err := db.queryArticles(ctx, `SELECT `+prefixed("a.", articleColumns)+` FROM articles a
		LEFT JOIN article_clusters c ON c.article_id = a.id
		WHERE a.section = ? AND a.id != ? AND (c.cluster_id IS NULL OR c.cluster_id != ?)
		ORDER BY a.published DESC, a.id DESC LIMIT ?`,
		a.Section, a.ID, self.cluster, limit+len(related))
	if err != nil {
		return nil, err
	}
	for _, m := range more {
		if len(related) == limit {
			break
		}
		if !slices.ContainsFunc(related, func(r dyad.Article) bool { return r.ID == m.ID }) {
			related = append(related, m)
		}
	}
	return related, nil
}

// profile reads an article's cluster, section, date and the actor
// countries and event triples of its events.
func (db *DB) profile(ctx context.Context, id string) (*relatedProfile, error) {
	p := &relatedProfile{actors: map[string]bool{}, events: map[string]bool{}}
	var published int64
	if err := db.read.QueryRowContext(ctx, `SELECT a.seq, a.section, a.published, COALESCE(c.cluster_id, '')
		FROM articles a LEFT JOIN article_clusters c ON c.article_id = a.id WHERE a.id = ?`, id).
		Scan(&p.seq, &p.section, &published, &p.cluster); err != nil {
		return nil, err
	}
	p.published = microToTime(published)
	rows, err := db.read.QueryContext(ctx, `SELECT DISTINCT substr(source_code, 1, 3), COALESCE(substr(target_code, 1, 3), ''), cameo_root
		FROM events WHERE article_id = ?`, id)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var source, target, root string
		if err := rows.Scan(&source, &target, &root); err != nil {
			rows.Close()
			return nil, err
		}
		for _, c := range []string{source, target} {
			if len(c) == 3 && c != "---" {
				p.actors[c] = true
			}
		}
		p.events[source+" "+target+" "+root] = true
	}
	return p, closeRows(rows)
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	both := 0
	for k := range a {
		if b[k] {
			both++
		}
	}
	return float64(both) / float64(len(a)+len(b)-both)
}
