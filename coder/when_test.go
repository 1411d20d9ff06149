package coder

import (
	"strings"
	"testing"
	"time"

	"github.com/dyadnews/dyad"
	"github.com/dyadnews/dyad/nlp"
)

// attrDoc annotates text with the embedded NLP pipeline and mends the
// parse as the coder does.
func attrDoc(tb testing.TB, text string) *dyad.Doc {
	tb.Helper()
	p, err := nlp.Load()
	if err != nil {
		tb.Fatalf("loading the NLP pipeline: %v", err)
	}
	doc, _ := p.Annotate(text)
	return repairParse(doc, sayVerbs, true)
}

// attrTok returns the index of the first token spelled word, failing the
// test if there is none.
func attrTok(tb testing.TB, doc *dyad.Doc, word string) int {
	tb.Helper()
	for i, t := range doc.Tokens {
		if t.Text == word {
			return i
		}
	}
	tb.Fatalf("no token %q in %q", word, doc.Text)
	return -1
}

func TestEventTime(t *testing.T) {
	anchor := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC) // a Tuesday
	tests := []struct {
		text, pred string
		date, prec string
	}{
		{"Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel.", "wounded", "2024-08-05", "day"},
		{"Earlier Monday, a rocket attack on al Asad airbase in western Iraq wounded seven U.S. personnel.", "attack", "2024-08-05", "day"},
		{"Ismail Haniyeh was assassinated in the Iranian capital of Tehran last week.", "assassinated", "2024-07-29", "week"},
		{"Iraq's military condemned on Tuesday what it called reckless actions.", "condemned", "2024-08-06", "day"},
		{"The war broke out in October.", "broke", "2023-10-01", "month"},
		{"The ministers will meet on Friday in Cairo.", "meet", "2024-08-09", "day"},
		{"Rebels seized the town on Aug. 2, officials said on Monday.", "seized", "2024-08-02", "day"},
		{"Rebels seized the town on Aug. 2, officials said on Monday.", "said", "2024-08-05", "day"},
		{"Police arrested two men yesterday.", "arrested", "2024-08-05", "day"},
		{"Troops withdrew from the city in 2019.", "withdrew", "2019-01-01", "year"},
		{"Protesters marched through the capital.", "marched", "2024-08-06", "day"},
		// A time phrase of the sentence that hangs elsewhere still dates
		// the event when nothing closer does.
		{"Following talks last month, the two leaders signed a deal.", "signed", "2024-07-01", "month"},
	}
	for _, tt := range tests {
		t.Run(tt.pred+": "+tt.text, func(t *testing.T) {
			doc := attrDoc(t, tt.text)
			date, prec := eventTime(newDocTrees(doc), attrTok(t, doc, tt.pred), anchor)
			if date != tt.date || prec != tt.prec {
				t.Errorf("eventTime = %s %s, want %s %s", date, prec, tt.date, tt.prec)
			}
		})
	}
}

func TestEventTimeHostile(t *testing.T) {
	anchor := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	docs := []*dyad.Doc{
		nil,
		{},
		{Text: "x", Tokens: []dyad.Token{{Text: "x", Head: 7}}, Sentences: []dyad.Span{{Start: 0, End: 1}}},
		// A cycle and heads out of range.
		{Text: "a b c", Tokens: []dyad.Token{{Text: "Monday", Head: 1, DepRel: "obl"}, {Text: "b", Head: 0}, {Text: "c", Head: -5}}, Sentences: []dyad.Span{{Start: 0, End: 3}}},
		{Tokens: []dyad.Token{{Text: "x"}}, Sentences: []dyad.Span{{Start: 3, End: 1}}},
	}
	for i, doc := range docs {
		for _, pred := range []int{-1, 0, 1, 2, 99} {
			date, prec := eventTime(newDocTrees(doc), pred, anchor)
			if date == "" || prec == "" {
				t.Errorf("doc %d pred %d: empty date", i, pred)
			}
		}
	}
	if date, prec := eventTime(newDocTrees(nil), 0, time.Time{}); date != "" || prec != "" {
		t.Errorf("zero anchor: got %q %q, want nothing", date, prec)
	}
	big := attrDoc(t, strings.Repeat("Troops attacked the town on Monday. ", 2000))
	if date, _ := eventTime(newDocTrees(big), len(big.Tokens)-3, anchor); date != "2024-08-05" {
		t.Errorf("long text: got %s", date)
	}
}

func BenchmarkEventTime(b *testing.B) {
	doc := attrDoc(b, "Coupled with the killing of the senior military commander of the Lebanese group Hezbollah, Fuad Shukr, by Israel in a strike on Beirut last week, concern intensified that the conflict in Gaza was turning into a wider Middle East war.")
	anchor := time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)
	pred := attrTok(b, doc, "killing")
	for b.Loop() {
		eventTime(newDocTrees(doc), pred, anchor)
	}
}

// TestNarrativeDate checks that a past-tense event without time words of
// its own takes the date of the dated event just before it, and that a
// present perfect or a date after the story's does not carry.
func TestNarrativeDate(t *testing.T) {
	a := &dyad.Article{ID: "t", Dateline: dyad.Dateline{Date: "2024-08-06"}} // a Tuesday
	tests := []struct {
		text, first, second string
		date, prec          string
	}{
		{"Yesterday, North Korea fired shells at the South. The South retaliated by firing rounds into the North.", "fired", "firing", "2024-08-05", "day"},
		{"Police arrested the boy last week. He was charged with making a hoax bomb.", "arrested", "charged", "2024-07-29", "week"},
		{"Police arrested the boy last week. He has been charged with making a hoax bomb.", "arrested", "charged", "2024-08-06", "day"},
		{"The first meeting will take place in Christchurch on Aug. 16. Professor Burrows also said kits would be available.", "take", "said", "2024-08-06", "day"},
	}
	c := newTestCoder(t)
	for _, tt := range tests {
		t.Run(tt.second, func(t *testing.T) {
			doc := attrDoc(t, tt.text)
			ac := c.newArticleCoding(a, doc, 0)
			for _, pred := range []string{tt.first, tt.second} {
				v := attrTok(t, doc, pred)
				ev := dyad.Event{SentenceIndex: ac.sentenceOf(v)}
				ac.attributes(&ev, v)
				if pred == tt.second && (ev.Date != tt.date || ev.DatePrecision != tt.prec) {
					t.Errorf("%q dated %s/%s; want %s/%s", pred, ev.Date, ev.DatePrecision, tt.date, tt.prec)
				}
			}
		})
	}
}
