package article

import (
	"strings"
	"testing"
	"time"
)

// storyParagraphs is enough prose for the body extractor to accept a page.
const storyParagraphs = `
<p>KYIV, March 3 (Reuters) - Ukrainian forces repelled an attack near the eastern town overnight, the general staff said on Tuesday, as shelling continued along the front line for a third day.</p>
<p>Officials said two civilians were wounded when artillery struck a residential district, and that emergency crews worked through the night to restore power to several thousand homes.</p>
<p>The defence ministry said it had no immediate comment on reports that reinforcements had been moved to the area, and independent verification of the battlefield claims was not possible.</p>
`

func TestMetadataFromHTML(t *testing.T) {
	tests := []struct {
		name string
		page string
		want metaWant
	}{
		{
			name: "json-ld graph with arrays",
			page: `<html><head><title>Ignored title | Example News</title>
<link rel="canonical" href="/world/ukraine-attack-2024">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Example News"},
 {"@type":["NewsArticle","Article"],"headline":"Ukraine repels attack near eastern town",
  "datePublished":"2024-03-03T08:15:00+02:00","articleSection":["World","Europe"],
  "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Person","name":"John Roe"}],
  "publisher":{"@type":"Organization","name":"Example News"}},
 {"@type":"BreadcrumbList","itemListElement":[
  {"@type":"ListItem","position":2,"name":"World"},{"@type":"ListItem","position":1,"name":"Home"}]}
]}</script></head><body><h1>Ukraine repels attack near eastern town</h1>` + storyParagraphs + `</body></html>`,
			want: metaWant{
				url: "https://example.com/world/ukraine-attack-2024", site: "Example News", section: "World",
				headline: "Ukraine repels attack near eastern town", byline: "Jane Doe, John Roe",
				published: "2024-03-03T06:15:00Z", reason: "json-ld datePublished",
			},
		},
		{
			name: "open graph and article meta",
			page: `<html><head>
<meta property="og:title" content="Shelling continues for third day | The Daily Example">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:url" content="https://daily.example.org/story/123">
<meta property="article:section" content="Conflict">
<meta property="article:published_time" content="2024-03-03T10:00:00Z">
<meta name="author" content="Olena Petrenko">
</head><body><article>` + storyParagraphs + `</article></body></html>`,
			want: metaWant{
				url: "https://daily.example.org/story/123", site: "The Daily Example", section: "Conflict",
				headline: "Shelling continues for third day", byline: "Olena Petrenko",
				published: "2024-03-03T10:00:00Z", reason: "meta article:published_time",
			},
		},
		{
			name: "time element, breadcrumbs and a By line",
			page: `<html><head><title>Front line update - Example Gazette</title></head><body>
<nav class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/news">News</a> &rsaquo; <a href="/news/europe">Europe</a></nav>
<article><h1>Front line update</h1><p>By Maria Kovalenko</p><time datetime="2024-03-02">March 2</time>` + storyParagraphs + `</article></body></html>`,
			want: metaWant{
				url: "https://gazette.example.net/a/1", site: "gazette.example.net", section: "Europe",
				headline: "Front line update", byline: "Maria Kovalenko",
				published: "2024-03-02T00:00:00Z", reason: "time datetime",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := "https://example.com/world/ukraine"
			if strings.Contains(tt.name, "time element") {
				url = "https://gazette.example.net/a/1"
			}
			a, err := FromHTML(tt.page, Options{URL: url, Now: testNow})
			if err != nil {
				t.Fatalf("FromHTML: %v", err)
			}
			got := metaWant{a.URL, a.Site, a.Section, a.Headline, a.Byline, a.Published.UTC().Format(time.RFC3339), a.DateReason}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
			if !strings.HasPrefix(a.Body, "Ukrainian forces repelled") || strings.Contains(a.Body, "Maria Kovalenko") {
				t.Errorf("body should start with the story, without dateline or byline: %.80q", a.Body)
			}
			if a.Dateline.Place == "" {
				t.Errorf("dateline not parsed off the body: %+v", a.Dateline)
			}
		})
	}
}

type metaWant struct {
	url, site, section, headline, byline, published, reason string
}

func TestStripSiteSuffix(t *testing.T) {
	tests := []struct{ title, site, host, want string }{
		{"Blinken urges restraint | Reuters", "Reuters", "www.reuters.com", "Blinken urges restraint"},
		{"Blinken urges restraint - The Hill", "", "thehill.com", "Blinken urges restraint"},
		{"BBC News - Taylor Swift allowed to play", "BBC News", "www.bbc.com", "Taylor Swift allowed to play"},
		{"Israel - Gaza talks resume in Cairo", "", "example.com", "Israel - Gaza talks resume in Cairo"},
		{"Markets | Stocks fall on war fears | FT", "Financial Times", "ft.com", "Markets | Stocks fall on war fears"},
		{"", "Site", "site.com", ""},
	}
	for _, tt := range tests {
		if got := stripSiteSuffix(tt.title, tt.site, tt.host); got != tt.want {
			t.Errorf("stripSiteSuffix(%q, %q, %q) = %q, want %q", tt.title, tt.site, tt.host, got, tt.want)
		}
	}
}

func TestParseMetaDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339 in UTC, "" for rejected
	}{
		{"2019-11-19T10:43:00Z", "2019-11-19T10:43:00Z"},
		{"2019-11-19T10:43:00.123-05:00", "2019-11-19T15:43:00Z"},
		{"2019-11-19T10:43:00+0100", "2019-11-19T09:43:00Z"},
		{"2019-11-19 10:43:00", "2019-11-19T10:43:00Z"},
		{"2019-11-19", "2019-11-19T00:00:00Z"},
		{"Tue, 19 Nov 2019 10:43:00 +0000", "2019-11-19T10:43:00Z"},
		{"0001-01-01", ""},
		{"yesterday", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseMetaDate(tt.in)
		s := ""
		if ok {
			s = got.UTC().Format(time.RFC3339)
		}
		if s != tt.want {
			t.Errorf("parseMetaDate(%q) = %q, want %q", tt.in, s, tt.want)
		}
	}
}
