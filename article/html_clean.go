package article

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
)

// leadBlocks is how many blocks at the top of an extracted body may be
// title furniture (kicker, headline, standfirst, byline, date) rather
// than story.
const leadBlocks = 6

// cleanBody removes what the extractor kept but is not the story: the
// headline and standfirst repeated at the top, byline and date lines,
// link lists, and furniture such as share prompts and newsletter boxes.
// Rules look at a block's text and markup only, never at the site.
func cleanBody(bs []block, m pageMeta, a *dyad.Article) []block {
	titles := titleForms(m, a.Headline)
	out := bs[:0:0]
	proseAfter := proseFollows(bs, m.linkTexts)
	teaser := false
	for i, b := range bs {
		linked := m.linkTexts[foldKey(b.text)]
		afterTeaser := teaser
		teaser = false
		key := foldKey(b.text)
		lead := i < leadBlocks && len(out) < leadBlocks/2+1
		switch {
		case key == "":
			continue
		case lead && titles[key]:
			continue
		case lead && m.Description != "" && sameOrTruncated(b.text, m.Description) && b.heading():
			continue
		case lead && isLeadDateLine(b.text):
			continue
		case lead && isBylineLine(b.text):
			if a.Byline == "" {
				a.Byline = bylineName(b.text)
			}
			continue
		case linked && isAllCaps(b.text) && nWords(b.text) >= 3:
			continue // a shouted promo linking to another story
		case linked && b.heading() && !proseAfter[i]:
			// A linked headline below the story's last paragraph
			// teases another story; its blurb follows it.
			teaser = true
			continue
		case afterTeaser && nWords(b.text) <= 30:
			teaser = true
			continue
		case isFurniture(b.text):
			continue
		case isURLish(b.text) && sameURL(b.text, a.URL):
			continue
		}
		out = append(out, b)
	}
	return out
}

// proseWords is the length from which an unlinked block counts as story
// prose rather than a caption, label or teaser.
const proseWords = 25

// proseFollows reports for each block whether a block of story prose
// comes after it.
func proseFollows(bs []block, links map[string]bool) []bool {
	after := make([]bool, len(bs))
	seen := false
	for i := len(bs) - 1; i >= 0; i-- {
		after[i] = seen
		if nWords(bs[i].text) >= proseWords && !links[foldKey(bs[i].text)] {
			seen = true
		}
	}
	return after
}

// titleForms lists the squashed headline candidates a page shows above
// its story, with and without site suffixes.
func titleForms(m pageMeta, headline string) map[string]bool {
	forms := map[string]bool{}
	for _, t := range []string{headline, m.Headline, m.h1, m.ogTitle, m.twTitle, m.jsonLDHeadline, m.itempropHeadline, m.title} {
		if k := foldKey(t); len(k) >= 8 {
			forms[k] = true
		}
	}
	return forms
}

// sameOrTruncated reports whether a block is the description, which
// sites often cut short with an ellipsis.
func sameOrTruncated(text, desc string) bool {
	a, b := foldKey(text), foldKey(strings.TrimSuffix(strings.TrimSuffix(desc, "..."), "…"))
	return len(b) >= 20 && (a == b || strings.HasPrefix(a, b))
}

var (
	// yearRe and clockRe find a year or a time of day, the marks of a
	// date line in any language.
	yearRe  = regexp.MustCompile(`\b(19[89]\d|20\d\d)\b`)
	clockRe = regexp.MustCompile(`\b\d{1,2}[:.h]\d\d\b`)
	dateRe  = regexp.MustCompile(`\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b`)
	// bylineRe is an English "By Name" credit line.
	bylineRe = regexp.MustCompile(`^(?i:by|written by|words by|story by|por|von|par|di)\s+\p{Lu}`)
)

// isLeadDateLine reports a short block that is mostly a date or time, such
// as "Published 18 November 2019" or "NOVEMBER 20, 2019 10:43".
func isLeadDateLine(s string) bool {
	n := nWords(s)
	if n == 0 || n > 10 || strings.HasSuffix(s, ".") && n > 6 {
		return false
	}
	return yearRe.MatchString(s) || dateRe.MatchString(s) || clockRe.MatchString(s) && n <= 6
}

func isBylineLine(s string) bool {
	return nWords(s) <= 12 && bylineRe.MatchString(s)
}

// bylineName takes the name out of "By Jane Doe, Reuters | Nov 5".
func bylineName(s string) string {
	s = bylineRe.ReplaceAllStringFunc(s, func(m string) string {
		r, _ := utf8.DecodeLastRuneInString(m)
		return string(r)
	})
	for _, sep := range []string{" | ", " - ", " – ", "\u00a0"} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	if loc := yearRe.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	return strings.TrimRight(strings.TrimSpace(s), ",;:")
}

// furnitureRe matches the openings of blocks that invite the reader to
// do something else: share, subscribe, follow, read another story.
var furnitureRe = regexp.MustCompile(`^(?i:` +
	`read more|see more|read also|also read|related|recommended|more from|more on this|don'?t miss|` +
	`click here|sign up|subscribe|follow us|follow \S+ on|share (this|it|on)|like this story|` +
	`get the .{0,40} app|download the .{0,40} app|copyright|©|all rights reserved|` +
	`this copy is for your personal|thanks for signing up|there was an error|an error has occurred|` +
	`have a tip|advertisement|sponsored|you may also like|you might also like|image:|photo:|getty images|` +
	`how to listen|listen (to|on|live)|download:|leggi anche|lesen sie auch|lire aussi|leia também|lea también|читайте также` +
	`)(\W|$)`)

// contactRe finds an e-mail address or a social handle; a short block
// with one and an invitation to write or follow is the author's contact
// box, not story.
var (
	contactRe = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+|(^|\s)@\w{2,}`)
	inviteRe  = regexp.MustCompile(`(?i)\b(write to|email|e-mail|follow|reach(ed)?|contact|tweet)\b`)
)

func isFurniture(s string) bool {
	n := nWords(s)
	if furnitureRe.MatchString(s) && n <= 40 {
		return true
	}
	if n <= 40 && contactRe.MatchString(s) && inviteRe.MatchString(s) {
		return true
	}
	return nWords(s) >= 3 && isAllCaps(s) && strings.Contains(strings.ToUpper(s), "CLICK HERE")
}

// isAllCaps reports text written in capitals.
func isAllCaps(s string) bool {
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters > 0 && upper*10 >= letters*9
}

func nWords(s string) int {
	return len(strings.Fields(s))
}

// sameURL reports whether a block is the page's own address, which some
// sites print under the story for print-outs.
func sameURL(text, page string) bool {
	trim := func(u string) string {
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		return strings.TrimSuffix(strings.TrimPrefix(u, "www."), "/")
	}
	return page != "" && trim(text) == trim(page)
}
