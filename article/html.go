package article

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
	trafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// MaxHTMLBytes is the largest page FromHTML reads; news pages are well
// under a megabyte of markup, and a bound keeps memory per call flat.
const MaxHTMLBytes = 16 << 20

// maxTreeNodes bounds the element count of the extracted body tree.
const maxTreeNodes = 20000

// minBodyWords is the fewest words a body must have to be a story rather
// than a leftover label or menu item.
const minBodyWords = 5

// ErrNoArticle is returned when a page holds no story text.
var ErrNoArticle = errors.New("no article text found")

// FromHTML extracts the story of a news page: its body without page
// furniture and the metadata the page declares. The input must be UTF-8
// (invalid sequences are replaced).
func FromHTML(src string, opts Options) (*dyad.Article, error) {
	a, err := extractHTML(src, opts)
	if err != nil {
		return nil, err
	}
	if err := finish(a, opts); err != nil {
		return nil, err
	}
	return a, nil
}

// extractHTML does everything FromHTML does before the shared finishing
// step: metadata, body extraction and body cleaning.
func extractHTML(src string, opts Options) (*dyad.Article, error) {
	if len(src) > MaxHTMLBytes {
		return nil, fmt.Errorf("page is %d bytes, over the %d-byte limit", len(src), MaxHTMLBytes)
	}
	if strings.TrimSpace(src) == "" {
		return nil, errors.New("empty page")
	}
	if !utf8.ValidString(src) {
		src = strings.ToValidUTF8(src, "\uFFFD")
	}
	doc, err := html.Parse(strings.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("parse html: %w", err)
	}
	meta := readMeta(doc)

	a := &dyad.Article{URL: pageURL(meta, opts.URL)}
	host := urlHost(firstSet(a.URL, opts.URL))
	a.Site = firstSet(meta.SiteName, strings.TrimPrefix(host, "www."))
	a.Section = meta.Section
	a.Headline = stripSiteSuffix(meta.Headline, meta.SiteName, host)
	a.Byline = meta.Byline
	a.Published, a.DateReason = meta.Published, meta.DateReason

	tOpts := trafilatura.Options{
		ExcludeComments: true,
		Focus:           trafilatura.FavorRecall,
		HtmlDateMode:    trafilatura.Disabled,
		MaxTreeSize:     maxTreeNodes,
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		tOpts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(doc, tOpts)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoArticle, err)
	}
	if a.Headline == "" {
		a.Headline = stripSiteSuffix(collapseSpace(res.Metadata.Title), meta.SiteName, host)
	}
	blocks := cleanBody(blocksOf(res.ContentNode), meta, a)
	a.Body = joinBlocks(blocks)
	if n := len(strings.Fields(a.Body)); n < minBodyWords {
		return nil, fmt.Errorf("%w: %d words left after removing page furniture", ErrNoArticle, n)
	}
	return a, nil
}

// pageURL prefers the page's own canonical link, then og:url, then where
// the caller fetched it; relative links are resolved against the latter.
func pageURL(m pageMeta, fetched string) string {
	for _, cand := range []string{m.Canonical, m.OGURL} {
		if cand == "" {
			continue
		}
		u, err := url.Parse(cand)
		if err != nil {
			continue
		}
		if !u.IsAbs() {
			base, err := url.Parse(fetched)
			if err != nil || !base.IsAbs() {
				continue
			}
			u = base.ResolveReference(u)
		}
		if u.Scheme == "http" || u.Scheme == "https" {
			return u.String()
		}
	}
	return fetched
}

// block is one paragraph-like unit of the extracted body.
type block struct {
	text string
	tag  atom.Atom // the element that made it a block: P, H2, Li, ...
}

func (b block) heading() bool {
	switch b.tag {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

// blocksOf flattens an extracted tree into paragraphs: block elements and
// line breaks end a paragraph, inline elements join into it, and table
// cells are separated by a space.
func blocksOf(root *html.Node) []block {
	var out []block
	var cur strings.Builder
	var curTag atom.Atom
	flush := func() {
		if t := collapseSpace(cur.String()); t != "" {
			out = append(out, block{text: t, tag: curTag})
		}
		cur.Reset()
		curTag = 0
	}
	var visit func(n *html.Node, tag atom.Atom, depth int)
	visit = func(n *html.Node, tag atom.Atom, depth int) {
		if depth > 256 {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				if cur.Len() == 0 {
					curTag = tag
				}
				cur.WriteString(c.Data)
			case html.ElementNode:
				// Extractors build nodes by name without setting DataAtom.
				a := c.DataAtom
				if a == 0 {
					a = atom.Lookup([]byte(c.Data))
				}
				switch {
				case a == atom.Br || a == atom.Hr:
					flush()
				case a == atom.Td || a == atom.Th:
					cur.WriteByte(' ')
					visit(c, tag, depth+1)
					cur.WriteByte(' ')
				case isBlockTag(a):
					flush()
					visit(c, a, depth+1)
					flush()
				default:
					visit(c, tag, depth+1)
				}
			}
		}
	}
	if root != nil {
		visit(root, atom.P, 0)
	}
	flush()
	return out
}

func isBlockTag(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
		atom.Table, atom.Tr, atom.Section, atom.Article, atom.Header, atom.Footer,
		atom.Figure, atom.Figcaption, atom.Aside, atom.Main, atom.Body:
		return true
	}
	return false
}

func joinBlocks(bs []block) string {
	texts := make([]string, len(bs))
	for i, b := range bs {
		texts[i] = b.text
	}
	return strings.Join(texts, "\n\n")
}
