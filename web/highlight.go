package web

import (
	"html/template"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dyadnews/dyad"
)

// Highlight kinds, combined in a segment's class list.
const (
	markEvent = 1 << iota // a sentence that codes an event
	markActor             // an event's source or target as written
	markQuote             // quoted words
)

// span is a highlighted byte range of one paragraph.
type span struct {
	start, end int
	kind       int
	// sentence is the event sentence's index, for its anchor; -1 else.
	sentence int
}

// highlighted is an article body with its coding marked up.
type highlighted struct {
	Paragraphs []template.HTML
	// Anchored holds the sentence indexes that have an anchor "s-N" in
	// the text; an event whose sentence is not in the body (a headline's)
	// has none.
	Anchored map[int]bool
}

// highlight splits body into paragraphs, as paragraphs does, and marks
// the sentences of the events, their actors, and the quotes. Article
// text is hostile: every byte of it reaches the page through
// template.HTMLEscapeString, and the only markup is the spans written
// here around escaped segments; nothing is ever replaced inside HTML.
func highlight(body string, events []dyad.Event, quotes []dyad.Quote) highlighted {
	paras := paragraphs(strings.ToValidUTF8(body, "\uFFFD"))
	spans := make([][]span, len(paras))
	h := highlighted{Paragraphs: make([]template.HTML, len(paras)), Anchored: map[int]bool{}}

	// Events in sentence order, found in reading order: a sentence told
	// twice is matched to its next occurrence.
	evs := slices.Clone(events)
	sort.SliceStable(evs, func(i, j int) bool { return evs[i].SentenceIndex < evs[j].SentenceIndex })
	at := position{}
	found := map[int]position{}
	for _, e := range evs {
		sentence := strings.TrimSpace(strings.ToValidUTF8(e.Sentence, "\uFFFD"))
		if sentence == "" {
			continue
		}
		pos, ok := found[e.SentenceIndex]
		if !ok {
			if pos, ok = find(paras, sentence, at, false); !ok {
				continue
			}
			found[e.SentenceIndex] = pos
			at = position{para: pos.para, end: pos.end}
			spans[pos.para] = append(spans[pos.para], span{pos.start, pos.end, markEvent, e.SentenceIndex})
			h.Anchored[e.SentenceIndex] = true
		}
		for _, a := range []*dyad.Actor{&e.Source, e.Target} {
			if a == nil {
				continue
			}
			words := strings.TrimSpace(strings.ToValidUTF8(a.Text, "\uFFFD"))
			if words == "" {
				continue
			}
			p := paras[pos.para][pos.start:pos.end]
			if i := indexWord(p, words, 0); i >= 0 {
				s := pos.start + i
				spans[pos.para] = append(spans[pos.para], span{s, s + len(words), markActor, -1})
			}
		}
	}
	at = position{}
	for _, q := range quotes {
		text := strings.TrimSpace(strings.ToValidUTF8(q.Text, "\uFFFD"))
		if text == "" {
			continue
		}
		pos, ok := find(paras, text, at, true)
		if !ok {
			continue
		}
		at = position{para: pos.para, end: pos.end}
		spans[pos.para] = append(spans[pos.para], span{pos.start, pos.end, markQuote, -1})
	}
	for i, p := range paras {
		h.Paragraphs[i] = render(p, spans[i])
	}
	return h
}

// position is a byte range in one paragraph; a search starts at
// (para, end).
type position struct{ para, start, end int }

// find looks for text in the paragraphs from position from onwards, then,
// failing that, from the start. anywhere allows matches inside words
// (quotes); sentences must stand on word boundaries.
func find(paras []string, text string, from position, anywhere bool) (position, bool) {
	search := func(pi, off int) (position, bool) {
		var i int
		if anywhere {
			i = strings.Index(paras[pi][off:], text)
			if i >= 0 {
				i += off
			}
		} else {
			i = indexWord(paras[pi], text, off)
		}
		if i < 0 {
			return position{}, false
		}
		return position{pi, i, i + len(text)}, true
	}
	for pi := from.para; pi < len(paras); pi++ {
		off := 0
		if pi == from.para {
			off = min(from.end, len(paras[pi]))
		}
		if pos, ok := search(pi, off); ok {
			return pos, true
		}
	}
	for pi := 0; pi <= min(from.para, len(paras)-1); pi++ {
		if pos, ok := search(pi, 0); ok {
			return pos, true
		}
	}
	return position{}, false
}

// indexWord is the index of the first occurrence of word in s at or after
// off that is not part of a longer word ("he" is not found in "the"), or
// -1.
func indexWord(s, word string, off int) int {
	for off <= len(s) {
		i := strings.Index(s[off:], word)
		if i < 0 {
			return -1
		}
		i += off
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+len(word):])
		if !isWordRune(before) && !isWordRune(after) {
			return i
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		off = i + size
	}
	return -1
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// render escapes p segment by segment, wrapping each segment inside
// spans in a <span> whose classes say which; the first segment of an
// event sentence carries its anchor.
func render(p string, spans []span) template.HTML {
	if len(spans) == 0 {
		return template.HTML(template.HTMLEscapeString(p))
	}
	cuts := []int{0, len(p)}
	for _, s := range spans {
		cuts = append(cuts, s.start, s.end)
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	anchored := map[int]bool{}
	var b strings.Builder
	for i := 0; i+1 < len(cuts); i++ {
		start, end := cuts[i], cuts[i+1]
		kind, sentence := 0, -1
		for _, s := range spans {
			if s.start <= start && end <= s.end {
				kind |= s.kind
				if s.sentence >= 0 {
					sentence = s.sentence
				}
			}
		}
		text := template.HTMLEscapeString(p[start:end])
		if kind == 0 {
			b.WriteString(text)
			continue
		}
		b.WriteString(`<span class="`)
		b.WriteString(classes(kind))
		b.WriteString(`"`)
		if sentence >= 0 && !anchored[sentence] {
			anchored[sentence] = true
			b.WriteString(` id="s-`)
			b.WriteString(strconv.Itoa(sentence))
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		b.WriteString(text)
		b.WriteString(`</span>`)
	}
	return template.HTML(b.String())
}

func classes(kind int) string {
	var cs []string
	for _, k := range []struct {
		bit  int
		name string
	}{{markEvent, "hl-event"}, {markActor, "hl-actor"}, {markQuote, "hl-quote"}} {
		if kind&k.bit != 0 {
			cs = append(cs, k.name)
		}
	}
	return strings.Join(cs, " ")
}
