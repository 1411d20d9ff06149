package web

import (
	"html/template"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/data/demo"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// summaryRunes is about two lines of a story list.
const summaryRunes = 220

// funcs are the helpers the templates call.
var funcs = template.FuncMap{
	"articleURL": ArticlePath,
	"sectionURL": SectionPath,
	"longDate":   func(t time.Time) string { return formatDate(t, "Monday, January 2, 2006") },
	"shortDate":  func(t time.Time) string { return formatDate(t, "Jan 2, 2006") },
	"isoDate":    func(t time.Time) string { return formatDate(t, time.RFC3339) },
	"paragraphs": paragraphs,
	"summary":    summary,
	"country":    countryName,
	"wikinews":   demo.FromWikinews,
	"host":       host,
	"eventDate":  eventDate,
	"toll":       toll,
	"actorName":  actorName,
	"inc":        func(i int) int { return i + 1 },
}

func formatDate(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(layout)
}

// paragraphs splits an article body, whose paragraphs are separated by a
// blank line, into trimmed non-empty paragraphs.
func paragraphs(body string) []string {
	var out []string
	for p := range strings.SplitSeq(strings.ReplaceAll(body, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// summary is the body's first paragraph cut at a word boundary near
// summaryRunes runes.
func summary(body string) string {
	ps := paragraphs(body)
	if len(ps) == 0 {
		return ""
	}
	p := strings.Join(strings.Fields(ps[0]), " ")
	if utf8.RuneCountInString(p) <= summaryRunes {
		return p
	}
	limit, lastSpace, n := len(p), 0, 0
	for i, r := range p {
		if n == summaryRunes {
			limit = i
			break
		}
		if unicode.IsSpace(r) {
			lastSpace = i
		}
		n++
	}
	cut := limit
	if lastSpace > 0 {
		cut = lastSpace
	}
	return strings.TrimRight(p[:cut], " ,;:–—-") + "…"
}

// countryName turns an ISO 3166-1 alpha-2 code into its English name, or
// returns the code unchanged when it is not one.
func countryName(code string) string {
	if code == "" {
		return ""
	}
	region, err := language.ParseRegion(code)
	if err != nil {
		return code
	}
	if name := display.English.Regions().Name(region); name != "" {
		return name
	}
	return code
}

// host is the lower-case host name of rawURL, or "" when it has none.
func host(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Hostname())
}

// titleCase writes dictionary names ("ANTONY BLINKEN") as names are
// written in prose.
var titleCase = cases.Title(language.English)

// actorName is an actor's canonical name for display, title-cased when
// the dictionary wrote it in capitals, or the text as written when it has
// no name.
func actorName(name, text string) string {
	if name == "" {
		return text
	}
	if strings.ToUpper(name) == name {
		return titleCase.String(name)
	}
	return name
}
