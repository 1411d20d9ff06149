package article

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/data/geo"
)

// FromText extracts a story from plain text as copied from a news page:
// a topic line, the headline, perhaps a byline and a date, the dateline
// and paragraphs, and whatever the page showed around them. The topic
// line becomes Section; menus, share prompts, photo credits, related
// links and the rest of the page furniture are dropped by the rules of
// classifyLine and layoutText, not by lists made for one site.
func FromText(text string, opts Options) (*dyad.Article, error) {
	if limit := opts.maxTextBytes(); len(text) > limit {
		return nil, fmt.Errorf("text of %d bytes is over the %d byte limit", len(text), limit)
	}
	lines := textSplitLines(text)
	l := layoutText(lines)
	a := &dyad.Article{
		URL:      opts.URL,
		Section:  l.section,
		Headline: l.headline,
		Byline:   l.byline,
		Body:     strings.Join(l.body, "\n\n"),
	}
	if !l.published.IsZero() {
		a.Published, a.DateReason = l.published, "date in page header"
	}
	if err := finish(a, opts); err != nil {
		return nil, fmt.Errorf("text: %w", err)
	}
	return a, nil
}

// textSplitLines returns the non-empty lines of text, normalised.
func textSplitLines(text string) []textLine {
	var lines []textLine
	blank := true
	for s := range strings.Lines(text) {
		if s = trimEndOfCopy(normalizeText(s)); s == "" {
			blank = true
			continue
		}
		ln := newTextLine(s)
		ln.afterBlank, blank = blank, false
		lines = append(lines, ln)
	}
	return lines
}

// textLayout is where the parts of a story are in copied page text.
type textLayout struct {
	section, headline, byline string
	// published is the first full date of the page header, zero if none.
	published time.Time
	body      []string
}

// minHeadlineWords is the fewest words of a header line preferred as the
// headline over shorter lines below it (an agency name, "Analysis").
const minHeadlineWords = 3

// maxLeadCaptions is how many sentence-like lines may stand between a
// headline and the dateline and still be taken for captions or a summary
// rather than the story's start.
const maxLeadCaptions = 3

// layoutText finds the story in the lines of a page. The body starts at
// the first line with a dateline, or at the first sentence-like line when
// no dateline follows closely; the headline is the last plain line before
// it, and the topic line above the headline is the section. The body ends
// before the first heading of what pages put after a story ("Related
// Articles", "Tags:"), and at its last sentence: the short lines without
// sentence punctuation after it are link lists, tags and buttons.
func layoutText(lines []textLine) textLayout {
	var l textLayout
	start := textBodyStart(lines)
	if start < 0 {
		return l
	}
	// The header: skip furniture, labels ("Source: Xinhua") and bylines,
	// take the first full date as the publication date; of the lines
	// left the last with a few words is the headline, and the one before
	// it the section.
	var header []int // indexes into lines
	for i, ln := range lines[:start] {
		if ln.kind != kindContent || isHeaderLabel(ln.text, ln.words) {
			continue
		}
		if isHeaderDateLine(ln.text, ln.words) {
			if l.published.IsZero() {
				l.published = textHeaderDate(ln.text)
			}
			if by, ok := textPostedBy(ln.text); ok && l.byline == "" {
				l.byline = by
			}
			continue
		}
		if by, ok := textByline(ln.text, ln.words); ok {
			l.byline = by
			continue
		}
		header = append(header, i)
	}
	if len(header) == 0 && textIsHeadlineLike(lines, start) {
		// A story whose first line ends in ? or ! and has no header
		// above: the line is the headline ("Will Iran strike back?").
		header = append(header, start)
		start++
	}
	if n := len(header); n > 0 {
		h := n - 1
		for h > 0 && lines[header[h]].words < minHeadlineWords {
			h--
		}
		if lines[header[h]].words < minHeadlineWords {
			h = n - 1
		}
		l.headline = lines[header[h]].text
		if h > 0 && textIsTopicLine(lines, header[h-1]) {
			l.section = textLastCrumb(lines[header[h-1]].text)
		}
	}
	l.body = textStoryBody(lines[start:], l.headline, l.byline)
	return l
}

// textBodyStart returns the index of the story's first line, or -1.
func textBodyStart(lines []textLine) int {
	first := -1
	sentences := 0
	for i, ln := range lines {
		if ln.kind != kindContent {
			continue
		}
		if _, ok := ParseDateline(ln.text); ok {
			return i
		}
		if !ln.prose || isHeaderDateLine(ln.text, ln.words) {
			if first >= 0 && i-first > 2*maxLeadCaptions {
				break
			}
			continue
		}
		if first < 0 {
			first = i
		}
		if sentences++; sentences > maxLeadCaptions {
			break
		}
	}
	if first < 0 {
		// No sentence at all: the first content line after a possible
		// headline is the body, so a short note still yields an article.
		for i, ln := range lines {
			if ln.kind == kindContent {
				return i
			}
		}
	}
	return first
}

// textIsHeadlineLike reports whether the sentence-like line at i is rather a
// headline with final punctuation: the first content line, short, ending
// in ? or !, with a sentence after it.
func textIsHeadlineLike(lines []textLine, i int) bool {
	for _, ln := range lines[:i] {
		if ln.kind == kindContent {
			return false
		}
	}
	ln := lines[i]
	return ln.words <= 20 && !strings.HasSuffix(ln.text, ".") && i+1 < len(lines) && lines[i+1].prose
}

// textIsTopicLine reports whether header line i can be the topic above a
// headline: a short label, not a sentence, and not the last item of a
// menu (a block of three or more short lines with no blank line between).
func textIsTopicLine(lines []textLine, i int) bool {
	if lines[i].words > 8 || textEndsSentence(lines[i].text) {
		return false
	}
	run := 1
	for j := i; j > 0 && !lines[j].afterBlank && lines[j-1].words <= maxMenuItemWords; j-- {
		run++
	}
	return run < 3
}

// maxMenuItemWords is the longest line taken for a menu item.
const maxMenuItemWords = 3

// textLastCrumb returns the last part of a breadcrumb trail ("World > Middle
// East" is "Middle East"), or the line itself.
func textLastCrumb(s string) string {
	for _, sep := range []string{" > ", " › ", " » ", " | ", " / "} {
		if i := strings.LastIndex(s, sep); i >= 0 {
			s = s[i+len(sep):]
		}
	}
	return strings.TrimSpace(s)
}

// textStoryBody keeps the story's paragraphs from the lines that start with
// its first one. The story ends at the heading of what pages put after
// one ("Related Articles", "Tags:"), unless a sentence follows it at
// once (an inline "Share this article" prompt), and at an author box,
// a line repeating a byline name. Then it ends at its last sentence:
// short lines after that are link lists, tags and buttons. Furniture,
// captions, separators, short lines the page repeats (menus shown
// twice) and a repeat of the headline go.
func textStoryBody(lines []textLine, headline, byline string) []string {
	authors := textBylineNames(byline)
	end := len(lines)
	for i, ln := range lines {
		if i == 0 {
			continue
		}
		if ln.kind == kindEnd && !textSentenceFollows(lines[i+1:]) || !ln.prose && authors[strings.ToLower(ln.text)] {
			end = i
			break
		}
	}
	lines = lines[:end]
	last := len(lines) - 1
	for i := len(lines) - 1; i >= 0; i-- {
		if ln := lines[i]; ln.kind == kindContent && (ln.prose || textEndsSentence(ln.text)) {
			last = i
			break
		}
	}
	return textKeepStory(lines[:last+1], headline)
}

// endOfCopyMarks are the marks wire copy ends with, alone or after the
// last sentence: Xinhua's "Enditem", "(END)", "-30-", "###".
var endOfCopyMarks = []string{"Enditem", "ENDITEM", "(END)", "END", "###", "-30-"}

// trimEndOfCopy removes an end-of-copy mark from the end of a line.
func trimEndOfCopy(s string) string {
	for _, m := range endOfCopyMarks {
		if rest, ok := strings.CutSuffix(s, m); ok && (rest == "" || strings.HasSuffix(rest, " ")) {
			return strings.TrimSpace(rest)
		}
	}
	return s
}

// textSentenceFollows reports whether the first content line of lines is a
// sentence.
func textSentenceFollows(lines []textLine) bool {
	for _, ln := range lines {
		if ln.kind == kindContent && textHasAlnum(ln.text) {
			return ln.prose
		}
	}
	return false
}

// textBylineNames returns the lower-cased names of a byline ("Samy Magdy and
// Julia Frankel, AP" gives "samy magdy", "julia frankel", "ap").
func textBylineNames(byline string) map[string]bool {
	names := make(map[string]bool)
	for _, part := range strings.FieldsFunc(byline, func(r rune) bool { return r == ',' || r == ';' }) {
		for name := range strings.SplitSeq(part, " and ") {
			if name = strings.ToLower(strings.TrimSpace(name)); strings.Count(name, " ") >= 1 {
				names[name] = true
			}
		}
	}
	return names
}

func textKeepStory(lines []textLine, headline string) []string {
	headlineKey := looseKey(headline)
	seen := make(map[string]int, len(lines))
	for _, ln := range lines {
		if !ln.prose {
			seen[ln.text]++
		}
	}
	var body []string
	for _, ln := range lines {
		switch {
		case ln.kind != kindContent, !textHasAlnum(ln.text):
		case !ln.prose && seen[ln.text] > 1:
		case headlineKey != "" && len(ln.text) <= 2*len(headline)+8 && looseKey(ln.text) == headlineKey:
		default:
			body = append(body, ln.text)
		}
	}
	return body
}

func textHasAlnum(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// looseKey compares titles across copies: letters and digits only,
// lower case, without diacritics ("Stardust @ home" is "Stardust@home").
func looseKey(s string) string {
	var b strings.Builder
	for _, r := range geo.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
