package article

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad/timex"
)

// lineKind is what a line of copied page text is, judged by itself.
type lineKind int

const (
	// kindContent is text that may belong to the story.
	kindContent lineKind = iota
	// kindFurniture is a page element inside or around the story that goes
	// ("Advertisement", "Share this", "Read more: ...", a cookie notice).
	kindFurniture
	// kindEnd is the heading of what follows a story on a page
	// ("Related Articles", "Tags:", "Leave a Reply"): nothing after it
	// is the story.
	kindEnd
	// kindCaption is a photo caption or credit ("... Image: NASA",
	// "(AP Photo/Jane Doe)").
	kindCaption
)

// textLine is one non-empty line of text with what is known of it.
type textLine struct {
	text  string
	words int
	// prose is true for a line that reads as sentences: enough words and
	// sentence-final punctuation, or many words whatever its end.
	prose bool
	kind  lineKind
	// afterBlank is true for the first line of a block: one with a blank
	// line (or the start of the text) before it.
	afterBlank bool
}

const (
	// minProseWords is the fewest words a line ending in a full stop
	// needs to count as a sentence rather than a label or a link.
	minProseWords = 6
	// longLineWords is the length from which a line counts as prose
	// even without final punctuation (a paragraph whose stop was lost).
	longLineWords = 20
	// maxFurnitureWords bounds the lines furniture rules look at; real
	// page elements are short, and long lines are spared the regexps.
	maxFurnitureWords = 40
)

func newTextLine(s string) textLine {
	l := textLine{text: s, words: textCountWords(s)}
	l.prose = l.words >= longLineWords || l.words >= minProseWords && textEndsSentence(s)
	if l.words <= maxFurnitureWords {
		l.kind = classifyLine(s, l.words)
	}
	return l
}

func textCountWords(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

// textEndsSentence reports whether s ends as a sentence does: with . ! ? or
// an ellipsis, possibly followed by closing quotes or brackets.
func textEndsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return strings.ContainsRune("\"'”’)]»", r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '!' || r == '?' || r == '…'
}

// textEndPhrases head what pages put after a story. They are matched against
// the whole line, lower-cased, without trailing punctuation.
var textEndPhrases = map[string]bool{
	"related": true, "related articles": true, "related stories": true, "related content": true,
	"related posts": true, "related news": true, "related coverage": true, "related topics": true,
	"more from": true, "more stories": true, "more news": true, "more on this story": true,
	"more like this": true, "read next": true, "up next": true, "what to read next": true,
	"recommended": true, "recommended for you": true, "recommended stories": true,
	"you may also like": true, "you might also like": true, "you may be interested in": true,
	"most read": true, "most popular": true, "most viewed": true, "trending": true, "trending now": true,
	"popular stories": true, "latest news": true, "latest stories": true, "top stories": true,
	"further reading": true, "see also": true, "external links": true, "sources": true,
	"tags": true, "topics": true, "categories": true, "filed under": true,
	"comments": true, "leave a comment": true, "leave a reply": true, "post a comment": true,
	"join the conversation": true, "share this article": true, "share this story": true,
	"about the author": true, "about the authors": true, "like this": true,
}

// textDropPhrases are page elements that are never story text, wherever
// they stand.
var textDropPhrases = map[string]bool{
	"advertisement": true, "advertisements": true, "ad": true, "sponsored": true, "sponsored content": true,
	"back to top": true, "back to top button": true, "scroll to top": true, "top": true,
	"read more": true, "continue reading": true, "show more": true, "load more": true, "see more": true,
	"click here": true, "share": true, "share this": true, "tweet": true, "email": true, "print": true,
	"facebook": true, "twitter": true, "whatsapp": true, "linkedin": true, "telegram": true, "reddit": true,
	"copy link": true, "link copied": true, "skip to content": true, "skip to main content": true,
	"menu": true, "search": true, "home": true, "log in": true, "sign in": true, "register": true,
	"subscribe": true, "sign up": true, "loading": true, "close": true, "accept": true,
	"listen to this article": true, "listen": true, "watch": true, "play video": true,
	"all rights reserved": true, "next article": true, "previous article": true,
	"next post": true, "previous post": true, "featured": true, "breaking news": true,
}

// textDropPrefixes start lines of page furniture: a link teaser ("Read more:
// Israel strikes ..."), a prompt or a credit. They apply to short lines
// only (see maxFurnitureWords).
var textDropPrefixes = []string{
	"read more:", "read more ", "also read", "read also", "related:", "see also:", "watch:", "listen:",
	"subscribe to", "subscribe for", "sign up for", "sign up to", "follow us", "follow the ",
	"click here", "get the latest", "download the app", "download our app", "copyright", "©", "(c) ",
	"all rights reserved", "share this article", "share on ", "published in", "posted in",
	"this article was originally published", "this story was originally published",
	"reporting by", "(reporting by", "additional reporting", "(additional reporting", "writing by",
	"(writing by", "editing by", "(editing by", "compiled by", "(compiled by",
	"tags:", "topics:", "categories:", "filed under:",
}

// textCaptionRE finds a photo credit at the end of a line: "... Image:
// NASA.", "Photo: AFP", "(AP Photo/Jane Doe)". textCreditRE finds the wire
// photo credits written in capitals, "REUTERS/Jane Doe", and is case
// sensitive so that "a Reuters/Ipsos poll" stays prose.
var (
	textCaptionRE = regexp.MustCompile(`(?:\b(?i:image|photo|photograph|picture|credit|photo credit)s?\s*:\s*[A-Z][^.:]{0,59}\.?$|\((?i:[a-z]+ )?(?i:photo)\b[^)]{0,60}\)\s*$|\b(?i:via getty images)\.?$)`)
	textCreditRE  = regexp.MustCompile(`\b(?:REUTERS|AFP|AP|EPA|XINHUA|ANADOLU)(?: Photo)?\s*/\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,3}\.?$`)
)

// classifyLine classifies a short line by its words alone.
func classifyLine(s string, words int) lineKind {
	key := strings.ToLower(strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) && r != '©'
	}))
	switch {
	case textEndPhrases[key]:
		return kindEnd
	case textDropPhrases[key]:
		return kindFurniture
	}
	low := strings.ToLower(s)
	// The credit patterns need a colon, a slash, a parenthesis or
	// "getty"; most lines have none, and skip the regexps.
	if strings.ContainsAny(s, ":/)") || strings.Contains(low, "getty") {
		if textCaptionRE.MatchString(s) || textCreditRE.MatchString(s) {
			return kindCaption
		}
	}
	for _, p := range textDropPrefixes {
		if strings.HasPrefix(low, p) {
			if strings.HasSuffix(p, ":") && textEndPhrases[strings.TrimSuffix(p, ":")] {
				return kindEnd // "Tags: Iran, Israel" is a tag list
			}
			return kindFurniture
		}
	}
	if strings.Contains(low, "cookie") && containsAnyOf(low, "we use", "accept", "consent", "this site uses", "this website uses") {
		return kindFurniture
	}
	if strings.Contains(low, "newsletter") && containsAnyOf(low, "subscribe", "sign up", "inbox", "email", "register") {
		return kindFurniture
	}
	if words <= 4 && isReadingTimeLine(low) {
		return kindFurniture
	}
	return kindContent
}

func containsAnyOf(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// isReadingTimeLine matches "3 min read" and "5 minute read".
func isReadingTimeLine(low string) bool {
	f := strings.Fields(low)
	return len(f) >= 2 && f[len(f)-1] == "read" && strings.TrimLeft(f[0], "0123456789") == "" && f[0] != ""
}

// isByline reports whether a line credits the author: "By Jane Doe",
// "By Jane Doe and John Roe, Reuters". It returns the credit without "By".
func textByline(s string, words int) (string, bool) {
	if words > 12 || !strings.HasPrefix(s, "By ") && !strings.HasPrefix(s, "BY ") {
		return "", false
	}
	rest := strings.TrimSpace(s[3:])
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) || textEndsSentence(rest) && !strings.HasSuffix(rest, ".") {
		return "", false
	}
	return rest, true
}

// isHeaderDateLine reports whether a short line mostly carries a date, as
// page headers show one: "Published August 6, 2024 10:31 AM",
// "Updated: Aug. 6, 2024", "Tuesday, May 7, 2015".
func isHeaderDateLine(s string, words int) bool {
	if words > 10 || len(s) > 120 {
		return false
	}
	ds := timex.FindDates(s)
	return len(ds) > 0 && ds[0].Year != 0
}

// headerLabelRE matches the "Label: value" lines of page headers,
// "Source: Xinhua", "Editor: Liu Yang", which are never a headline.
var headerLabelRE = regexp.MustCompile(`^[A-Z][a-z]+(?: [a-z]+)?\s?:\s`)

func isHeaderLabel(s string, words int) bool {
	return words <= 6 && headerLabelRE.MatchString(s)
}

// textHeaderDate returns the first full date of a header line, or zero.
func textHeaderDate(s string) time.Time {
	for _, d := range timex.FindDates(s) {
		if t, ok := d.Time(); ok {
			return t
		}
	}
	return time.Time{}
}

// postedByRE finds the author at the end of a blog's date line,
// "Posted on January 15, 2024 by Maria Lopez".
var postedByRE = regexp.MustCompile(`\b[Bb]y ([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})$`)

func textPostedBy(s string) (string, bool) {
	m := postedByRE.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	return m[1], true
}
