package article

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Limits on what metadata parsing reads, so a hostile page costs bounded
// work: JSON-LD blocks beyond maxJSONLDBytes are skipped and nesting
// beyond maxJSONLDDepth is not followed.
const (
	maxJSONLDBytes = 1 << 20
	maxJSONLDDepth = 32
	maxMetaField   = 1000 // runes kept of any one metadata value
)

// pageMeta is what a page says about its story. The exported-looking
// fields are the decided values; the rest are the candidates each source
// offered, kept apart so decide can rank them.
type pageMeta struct {
	Canonical, OGURL string
	SiteName         string
	Section          string
	Headline         string // best title candidate, site suffix not yet removed
	Description      string
	Byline           string
	Published        time.Time
	DateReason       string
	Breadcrumbs      []string

	// Title candidates.
	h1, title, ogTitle, twTitle, jsonLDHeadline, itempropHeadline string
	// Site, section and author candidates.
	ogSite, appName, jsonLDPublisher string
	metaSection, jsonLDSection       string
	metaAuthor, jsonLDAuthor         string
	relAuthor                        string
	breadcrumbFromHTML               []string
	// Date candidates; metaPublishedName is the meta tag that gave one.
	jsonLDPublished, metaPublished time.Time
	itempropPublished              time.Time
	timePublished                  time.Time
	metaPublishedName              string

	// linkTexts holds the folded text of every link on the page and of
	// each text run inside one, to recognise blocks that are only a link.
	linkTexts map[string]bool
}

// maxLinkTexts bounds the link texts remembered per page.
const maxLinkTexts = 20000

func (m *pageMeta) addLinkTexts(a *html.Node) {
	if m.linkTexts == nil {
		m.linkTexts = make(map[string]bool)
	}
	add := func(s string) {
		if k := foldKey(s); len(k) >= 8 && len(m.linkTexts) < maxLinkTexts {
			m.linkTexts[k] = true
		}
	}
	add(textOf(a))
	walkNodes(a, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			add(c.Data)
		}
		return true
	})
}

// readMeta collects metadata from <head> tags, JSON-LD, <time> elements,
// rel=author links and breadcrumb trails, then decides each field.
func readMeta(doc *html.Node) pageMeta {
	var m pageMeta
	walkNodes(doc, func(n *html.Node) bool {
		switch n.DataAtom {
		case atom.Script:
			if strings.EqualFold(strings.TrimSpace(attrOf(n, "type")), "application/ld+json") {
				m.readJSONLD(textOf(n))
			}
			return false
		case atom.Style, atom.Noscript, atom.Template:
			return false
		case atom.Title:
			if m.title == "" {
				m.title = collapseSpace(textOf(n))
			}
		case atom.Meta:
			m.readMetaTag(n)
		case atom.Link:
			rel := strings.ToLower(attrOf(n, "rel"))
			if rel == "canonical" && m.Canonical == "" {
				m.Canonical = strings.TrimSpace(attrOf(n, "href"))
			}
		case atom.A:
			if m.relAuthor == "" && hasAttrToken(attrOf(n, "rel"), "author") {
				m.relAuthor = collapseSpace(textOf(n))
			}
			m.addLinkTexts(n)
		case atom.H1:
			if m.h1 == "" {
				m.h1 = collapseSpace(textOf(n))
			}
		case atom.Time:
			if m.timePublished.IsZero() {
				if t, ok := parseMetaDate(attrOf(n, "datetime")); ok {
					m.timePublished = t
				}
			}
		}
		if ip := attrOf(n, "itemprop"); ip != "" && n.DataAtom != atom.Meta {
			switch {
			case hasAttrToken(ip, "datePublished") && m.itempropPublished.IsZero():
				v := attrOf(n, "datetime")
				if v == "" {
					v = attrOf(n, "content")
				}
				if t, ok := parseMetaDate(v); ok {
					m.itempropPublished = t
				}
			case hasAttrToken(ip, "headline") && m.itempropHeadline == "":
				m.itempropHeadline = collapseSpace(textOf(n))
			}
		}
		if len(m.breadcrumbFromHTML) == 0 && isBreadcrumb(n) {
			m.breadcrumbFromHTML = crumbTexts(n)
			return false
		}
		return true
	})
	m.decide()
	return m
}

func (m *pageMeta) readMetaTag(n *html.Node) {
	key := strings.ToLower(strings.TrimSpace(attrOf(n, "property")))
	if key == "" {
		key = strings.ToLower(strings.TrimSpace(attrOf(n, "name")))
	}
	if key == "" {
		key = strings.ToLower(strings.TrimSpace(attrOf(n, "itemprop")))
	}
	val := collapseSpace(attrOf(n, "content"))
	if key == "" || val == "" {
		return
	}
	setOnce := func(dst *string) {
		if *dst == "" {
			*dst = val
		}
	}
	switch key {
	case "og:url":
		setOnce(&m.OGURL)
	case "og:site_name":
		setOnce(&m.ogSite)
	case "application-name":
		setOnce(&m.appName)
	case "og:title":
		setOnce(&m.ogTitle)
	case "twitter:title":
		setOnce(&m.twTitle)
	case "og:description", "description", "twitter:description":
		setOnce(&m.Description)
	case "article:section", "section", "parsely-section", "sailthru.section", "dc.subject":
		setOnce(&m.metaSection)
	case "author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author", "citation_author":
		if !isURLish(val) {
			setOnce(&m.metaAuthor)
		}
	case "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
		"publish-date", "date", "dc.date", "dc.date.issued", "dcterms.created", "sailthru.date",
		"parsely-pub-date", "article.published", "published_time", "citation_publication_date":
		if !m.metaPublished.IsZero() && key != "article:published_time" {
			return
		}
		if m.metaPublishedName == "article:published_time" {
			return
		}
		if t, ok := parseMetaDate(val); ok {
			m.metaPublished, m.metaPublishedName = t, key
		}
	}
}

// readJSONLD reads schema.org objects: the first article-like object gives
// headline, dates, author, section and publisher; a BreadcrumbList gives
// the trail. Invalid JSON is skipped, as browsers do.
func (m *pageMeta) readJSONLD(src string) {
	if len(src) > maxJSONLDBytes {
		return
	}
	src = strings.TrimSpace(src)
	src = strings.TrimSuffix(strings.TrimPrefix(src, "<!--"), "-->")
	src = strings.TrimRight(strings.TrimSpace(src), ";")
	var v any
	if err := json.Unmarshal([]byte(src), &v); err != nil {
		return
	}
	m.visitJSONLD(v, 0)
}

func (m *pageMeta) visitJSONLD(v any, depth int) {
	if depth > maxJSONLDDepth {
		return
	}
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			m.visitJSONLD(e, depth+1)
		}
	case map[string]any:
		if g, ok := x["@graph"]; ok {
			m.visitJSONLD(g, depth+1)
		}
		types := jsonStrings(x["@type"])
		switch {
		case anyType(types, isArticleType):
			m.readArticleJSONLD(x)
		case anyType(types, func(t string) bool { return t == "BreadcrumbList" }):
			if len(m.Breadcrumbs) == 0 {
				m.Breadcrumbs = breadcrumbNames(x["itemListElement"])
			}
		}
		if me, ok := x["mainEntity"]; ok {
			m.visitJSONLD(me, depth+1)
		}
		if bc, ok := x["breadcrumb"]; ok {
			m.visitJSONLD(bc, depth+1)
		}
	}
}

func isArticleType(t string) bool {
	return strings.HasSuffix(t, "Article") || t == "BlogPosting" || t == "ReportageNewsArticle" ||
		t == "LiveBlogPosting" || t == "NewsArticle" || t == "Report"
}

func anyType(types []string, f func(string) bool) bool {
	for _, t := range types {
		if f(strings.TrimPrefix(strings.TrimPrefix(t, "https://schema.org/"), "http://schema.org/")) {
			return true
		}
	}
	return false
}

func (m *pageMeta) readArticleJSONLD(x map[string]any) {
	if m.jsonLDHeadline == "" {
		m.jsonLDHeadline = firstClean(jsonStrings(x["headline"]))
		if m.jsonLDHeadline == "" {
			m.jsonLDHeadline = firstClean(jsonStrings(x["name"]))
		}
	}
	if m.jsonLDPublished.IsZero() {
		for _, s := range jsonStrings(x["datePublished"]) {
			if t, ok := parseMetaDate(s); ok {
				m.jsonLDPublished = t
				break
			}
		}
	}
	if m.jsonLDAuthor == "" {
		m.jsonLDAuthor = strings.Join(personNames(x["author"], 0), ", ")
	}
	if m.jsonLDSection == "" {
		m.jsonLDSection = firstClean(jsonStrings(x["articleSection"]))
	}
	if m.jsonLDPublisher == "" {
		m.jsonLDPublisher = firstClean(personNames(x["publisher"], 0))
	}
}

// personNames reads author or publisher values: a string, an object
// with a name, or an array of either.
func personNames(v any, depth int) []string {
	if depth > 4 {
		return nil
	}
	switch x := v.(type) {
	case string:
		if s := collapseSpace(x); s != "" && !isURLish(s) {
			return []string{s}
		}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, personNames(e, depth+1)...)
		}
		return out
	case map[string]any:
		return personNames(x["name"], depth+1)
	}
	return nil
}

func breadcrumbNames(v any) []string {
	items, _ := v.([]any)
	type crumb struct {
		pos  float64
		name string
	}
	var cs []crumb
	for i, it := range items {
		o, ok := it.(map[string]any)
		if !ok {
			continue
		}
		name := firstClean(jsonStrings(o["name"]))
		if name == "" {
			if item, ok := o["item"].(map[string]any); ok {
				name = firstClean(jsonStrings(item["name"]))
			}
		}
		pos, ok := o["position"].(float64)
		if !ok {
			pos = float64(i + 1)
		}
		if name != "" {
			cs = append(cs, crumb{pos, name})
		}
	}
	// Positions are usually in order; a stable insertion sort keeps
	// equal ones as listed.
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].pos < cs[j-1].pos; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.name
	}
	return out
}

// jsonStrings reads a JSON-LD value that may be a string, a number or
// an array of them, or an object with @value.
func jsonStrings(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	case map[string]any:
		if s, ok := x["@value"].(string); ok {
			return []string{s}
		}
	}
	return nil
}

func firstClean(ss []string) string {
	for _, s := range ss {
		if c := collapseSpace(s); c != "" {
			return c
		}
	}
	return ""
}

// decide picks each field from its sources, most specific first.
func (m *pageMeta) decide() {
	m.SiteName = firstSet(m.ogSite, m.jsonLDPublisher, m.appName)
	m.Headline = firstSet(m.jsonLDHeadline, m.ogTitle, m.itempropHeadline, m.twTitle, m.h1, m.title)
	m.Byline = firstSet(m.metaAuthor, m.jsonLDAuthor, m.relAuthor)
	if len(m.Breadcrumbs) == 0 {
		m.Breadcrumbs = m.breadcrumbFromHTML
	}
	m.Section = firstSet(m.metaSection, m.jsonLDSection, sectionFromCrumbs(m.Breadcrumbs, m.Headline))
	switch {
	case !m.jsonLDPublished.IsZero():
		m.Published, m.DateReason = m.jsonLDPublished, "json-ld datePublished"
	case !m.metaPublished.IsZero():
		m.Published, m.DateReason = m.metaPublished, "meta "+m.metaPublishedName
	case !m.itempropPublished.IsZero():
		m.Published, m.DateReason = m.itempropPublished, "itemprop datePublished"
	case !m.timePublished.IsZero():
		m.Published, m.DateReason = m.timePublished, "time datetime"
	}
}

// sectionFromCrumbs takes the deepest crumb that is neither the home page
// nor the story itself.
func sectionFromCrumbs(crumbs []string, headline string) string {
	for i := len(crumbs) - 1; i >= 0; i-- {
		c := crumbs[i]
		if sameFolded(c, headline) || strings.EqualFold(c, "home") || len([]rune(c)) > 60 {
			continue
		}
		if i == 0 && len(crumbs) > 1 {
			break // the first of several crumbs is the site's root
		}
		return c
	}
	return ""
}

func isBreadcrumb(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	for _, key := range []string{"class", "id", "aria-label"} {
		if strings.Contains(strings.ToLower(attrOf(n, key)), "breadcrumb") {
			return true
		}
	}
	return false
}

func crumbTexts(n *html.Node) []string {
	var out []string
	walkNodes(n, func(c *html.Node) bool {
		if c.DataAtom == atom.A || (c.DataAtom == atom.Span && hasAttrToken(attrOf(c, "itemprop"), "name")) {
			if t := collapseSpace(textOf(c)); t != "" && (len(out) == 0 || out[len(out)-1] != t) {
				out = append(out, t)
			}
			return false
		}
		return true
	})
	return out
}

// dateLayouts are the forms metadata dates take, most common first.
var dateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	"20060102",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"January 2, 2006",
}

// parseMetaDate reads a machine-readable date; a time without a zone is
// taken as UTC. Years outside 1990..2100 are rejected as noise.
func parseMetaDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1990 || t.Year() > 2100 {
				return time.Time{}, false
			}
			return t, true
		}
	}
	return time.Time{}, false
}

// stripSiteSuffix removes a " | Site" or " - Site" part from a title when
// it names the site, or when it is a short tail after a long title.
func stripSiteSuffix(title, site, host string) string {
	for _, sep := range []string{" | ", " - ", " – ", " — ", " :: ", " · ", " // "} {
		i := strings.LastIndex(title, sep)
		if i <= 0 {
			continue
		}
		head, tail := strings.TrimSpace(title[:i]), strings.TrimSpace(title[i+len(sep):])
		if namesSite(tail, site, host) || (sep == " | " && len(strings.Fields(tail)) <= 4 && len(strings.Fields(head)) >= 3) {
			return stripSiteSuffix(head, site, host)
		}
	}
	// "Site: Headline" or "Site | Headline" prefixes.
	for _, sep := range []string{" | ", ": ", " - "} {
		if i := strings.Index(title, sep); i > 0 && namesSite(title[:i], site, host) {
			return strings.TrimSpace(title[i+len(sep):])
		}
	}
	return title
}

func namesSite(s, site, host string) bool {
	k := foldKey(s)
	if k == "" {
		return false
	}
	if site != "" && (k == foldKey(site) || strings.Contains(foldKey(site), k) && len(k) >= 4) {
		return true
	}
	h := foldKey(strings.TrimPrefix(host, "www."))
	return h != "" && (strings.HasPrefix(h, k) && len(k) >= 4 || k == h)
}

// foldKey lowercases s and keeps only letters and digits, so "The Hill"
// matches "thehill.com".
func foldKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func sameFolded(a, b string) bool {
	return a != "" && foldKey(a) == foldKey(b)
}

func urlHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

func isURLish(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "//")
}

func firstSet(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func hasAttrToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

// walkNodes visits n and its descendants in document order; visit returns
// false to skip a node's children. It is iterative so deep trees cannot
// overflow the stack.
func walkNodes(n *html.Node, visit func(*html.Node) bool) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !visit(c) {
			continue
		}
		for k := c.LastChild; k != nil; k = k.PrevSibling {
			stack = append(stack, k)
		}
	}
}

// textOf is the concatenated text under n.
func textOf(n *html.Node) string {
	var b strings.Builder
	walkNodes(n, func(c *html.Node) bool {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		return true
	})
	return b.String()
}

// collapseSpace collapses whitespace, drops control characters and caps length.
func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		if n >= maxMetaField {
			break
		}
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
			continue
		case unicode.IsControl(r) || r == '\uFFFD' || r == '\u200b' || r == '\ufeff':
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
