package coder

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"

	"github.com/dyadnews/dyad"
)

// quoteView is a quote as a test states it: its text's start, kind and
// the speaker's head word.
type quoteView struct {
	prefix  string
	kind    string // "direct", "partial" or "indirect"
	speaker string
}

func viewQuotes(doc *dyad.Doc, qs []quoteSpan) []quoteView {
	var out []quoteView
	for _, q := range qs {
		kind := "indirect"
		switch {
		case q.Partial:
			kind = "partial"
		case q.Direct:
			kind = "direct"
		}
		sp := ""
		if q.Speaker >= 0 {
			// The speaker's whole phrase: which of its words the parser
			// makes the head ("Secretary of State Antony Blinken",
			// "Malaysia's Prime Minister, Najib Razak") is not a fact
			// about quotes.
			var words []string
			for j := phraseStart(doc, q.Speaker, 0); j < len(doc.Tokens) && (j <= q.Speaker || hangsBelow(doc, j, q.Speaker, 0)); j++ {
				words = append(words, doc.Tokens[j].Text)
			}
			sp = strings.Join(words, " ")
		}
		out = append(out, quoteView{q.Text, kind, sp})
	}
	return out
}

// expectQuotes checks that each wanted quote is found: a quote whose text
// starts with prefix, of the kind, spoken by a phrase with the word
// speaker. The Doc is repaired
// as the coder repairs it before finding quotes.
func expectQuotes(t *testing.T, doc *dyad.Doc, got []quoteSpan, want []quoteView) {
	t.Helper()
	views := viewQuotes(doc, got)
	for _, w := range want {
		found := false
		for _, g := range views {
			if strings.HasPrefix(g.prefix, w.prefix) && g.kind == w.kind && slices.Contains(strings.Fields(g.speaker), w.speaker) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %s quote %q by %q; got:", w.kind, w.prefix, w.speaker)
			for _, g := range views {
				t.Logf("  %s %q by %q", g.kind, g.prefix, g.speaker)
			}
		}
	}
}

func TestFindQuotesSeed(t *testing.T) {
	b, err := os.ReadFile(shareddata.Seed(t))
	if err != nil {
		t.Fatal(err)
	}
	doc := attrDoc(t, string(b))
	expectQuotes(t, doc, findQuotes(newDocTrees(repairParse(doc, sayVerbs, false))), []quoteView{
		{"We’ve been engaged in intense diplomacy", "direct", "Blinken"},
		{"Further attacks only raise the risk", "direct", "Blinken"},
		{"What I’ve been focused on", "direct", "Austin"},
		{"clear consensus", "partial", "diplomat"},
		{"will not tolerate", "partial", "Austin"},
		{"We’re still investigating", "direct", "he"},
		{"reckless", "partial", "it"},
		{"Eight unfired rockets were dismantled", "indirect", "statement"},
		{"the U.S. was sure it was an Iran-backed militia", "indirect", "Austin"},
		{"The United States has told Iran and Israel", "indirect", "Secretary"},
	})
}

func TestFindQuotes(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []quoteView
	}{
		{"AP inversion", `"We will not back down," said John Smith, the ministry's spokesman.`,
			[]quoteView{{"We will not back down", "direct", "John"}}},
		{"colon", `The minister said: "Our troops will stay in the city."`,
			[]quoteView{{"Our troops will stay in the city.", "direct", "minister"}}},
		{"interrupted", "“We will respond,” the general said, “and we will do it soon.”",
			[]quoteView{{"We will respond and we will do it soon.", "direct", "general"}}},
		{"across paragraphs", "The president spoke to reporters on Friday.\n\n“We have done everything we could to stop the fighting. The talks will go on.\n\n“But nobody should doubt our resolve,” Obama said.",
			[]quoteView{{"We have done everything we could to stop the fighting. The talks will go on. But nobody should doubt our resolve", "direct", "Obama"}}},
		{"nested single quotes", "“They told us ‘leave now’ and we left,” the farmer said.",
			[]quoteView{{"They told us ‘leave now’ and we left", "direct", "farmer"}}},
		{"speaker in the sentence before", "Austin said the attack was unacceptable.\n\n“We will hold them accountable.”",
			[]quoteView{{"We will hold them accountable.", "direct", "Austin"}, {"the attack was unacceptable", "indirect", "Austin"}}},
		{"indirect with that", "The ministry said that five soldiers were wounded in the attack.",
			[]quoteView{{"five soldiers were wounded in the attack", "indirect", "ministry"}}},
		{"colon", "Sunak defended the government's record: \"The Home Secretary and I are working intensely.\"",
			[]quoteView{{"The Home Secretary and I are working intensely.", "direct", "Sunak"}}},
		{"colon ending the sentence before", "Nunzio Galantino has called the sentence \"dangerous\":\n\n\"We face a dangerous sentence.\"",
			[]quoteView{{"We face a dangerous sentence.", "direct", "Nunzio"}}},
		{"statement issued the sentence before", "Senator John Cornyn issued a statement on Tuesday.\n\n\"Like many Texans, I am disappointed with the decision.\"",
			[]quoteView{{"Like many Texans, I am disappointed with the decision.", "direct", "John"}}},
		{"commented", "The senator commented, \"We will vote against the bill.\"",
			[]quoteView{{"We will vote against the bill.", "direct", "senator"}}},
		{"relative pronoun", "He traveled to Florida to meet with Devocht, who had told Montalvo he would assist him with housing.",
			[]quoteView{{"he would assist him with housing", "indirect", "Devocht"}}},
		{"according to", "The military was placed on high alert and told to prepare for a “quasi-state of war”, according to Yonhap news agency.",
			[]quoteView{{"quasi-state of war", "partial", "agency"}}},
		{"name before a verb the parse left without a subject", "Discussing his concern in a public statement, Malaysia's Prime Minister, Najib Razak, said, \"We are in contact with all relevant parties.\"",
			[]quoteView{{"We are in contact with all relevant parties.", "direct", "Najib"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := attrDoc(t, tt.text)
			expectQuotes(t, doc, findQuotes(newDocTrees(repairParse(doc, sayVerbs, false))), tt.want)
		})
	}
}

// TestFindQuotesPassive checks that a passive speech verb's subject is
// not its speaker: they are declared, not declaring.
func TestFindQuotesPassive(t *testing.T) {
	doc := attrDoc(t, "As the parents came from India, they should be declared not guilty due to cultural differences.")
	for _, q := range findQuotes(newDocTrees(repairParse(doc, sayVerbs, false))) {
		if q.Speaker >= 0 {
			t.Errorf("quote %q spoken by %q", q.Text, doc.Tokens[q.Speaker].Text)
		}
	}
}

// TestQuoteSpeakersSeed checks the speakers the coder resolves on the
// founding story: Iraq's military calls the attacks "reckless" (its
// "it", not the U.S. of the sentences before), and "the statement said"
// is that military's statement.
func TestQuoteSpeakersSeed(t *testing.T) {
	coding, err := newTestCoder(t).Code(seedArticle(t))
	if err != nil {
		t.Fatal(err)
	}
	speakers := map[string]dyad.Actor{}
	for _, q := range coding.Quotes {
		for _, prefix := range []string{"reckless", "Eight unfired rockets"} {
			if strings.HasPrefix(q.Text, prefix) {
				speakers[prefix] = q.Speaker
			}
		}
	}
	reckless, statement := speakers["reckless"], speakers["Eight unfired rockets"]
	if !strings.HasSuffix(reckless.Code, "MIL") || strings.HasPrefix(reckless.Code, "USA") {
		t.Errorf("“reckless” spoken by %+v; want Iraq's military", reckless)
	}
	if statement.Code != reckless.Code {
		t.Errorf("the statement is by %+v; want %+v", statement, reckless)
	}
}

// TestQuoteSpeakerUncodedPerson checks that "he said" resolves to a
// person the dictionaries lack when the entity recogniser tags the name.
func TestQuoteSpeakerUncodedPerson(t *testing.T) {
	a := &dyad.Article{ID: "t", Dateline: dyad.Dateline{Date: "2014-01-28"},
		Body: "Kevin Allton visited the exhibit on Tuesday with his family.\n\n\"I thought that in real life it was really kind of magical,\" he said."}
	coding, err := newTestCoder(t).Code(a)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range coding.Quotes {
		if strings.HasPrefix(q.Text, "I thought") {
			if q.Speaker.Name != "Kevin Allton" {
				t.Errorf("speaker %+v; want Kevin Allton", q.Speaker)
			}
			return
		}
	}
	t.Errorf("quote not found in %+v", coding.Quotes)
}

func TestFindQuotesHostile(t *testing.T) {
	texts := []string{
		"", "“", "”", "\"", "'", "‘’", "“”", "“ ” “ ”", "He said “", "“Unclosed and\n\nnever reopened. Then more.",
		strings.Repeat("“a", 500), strings.Repeat("\" ", 999), "\xff\xfe“\x00”said", strings.Repeat("word ", 20000) + "“",
	}
	for _, s := range texts {
		doc := attrDoc(t, s)
		for _, q := range findQuotes(newDocTrees(repairParse(doc, sayVerbs, false))) {
			if len(q.Text) > maxQuoteBytes || q.Speaker >= len(doc.Tokens) || q.Sentence >= len(doc.Sentences) {
				t.Errorf("%.40q: bad quote %+v", s, q)
			}
		}
	}
	// A Doc without a parse or with broken spans.
	docs := []*dyad.Doc{nil, {}, {Text: "“x”", Tokens: []dyad.Token{{Text: "“", Start: 0, End: 3, Head: 9}, {Text: "x", Start: 3, End: 4, Head: -1}, {Text: "”", Start: 9, End: 2}}, Sentences: []dyad.Span{{Start: 0, End: 3}}}}
	for _, d := range docs {
		findQuotes(newDocTrees(d))
	}
}

func BenchmarkFindQuotes(b *testing.B) {
	doc := attrDoc(b, seedExcerpt+"\n\n“We’ve been engaged in intense diplomacy with allies and partners, communicating that message directly to Iran. We’ve communicated that message directly to Israel,” Blinken said.\n\n“We’re still investigating to determine that,” he said.")
	for b.Loop() {
		findQuotes(newDocTrees(repairParse(doc, sayVerbs, false)))
	}
}

func TestAcronymAfter(t *testing.T) {
	tests := []struct {
		text string
		end  int // the token after the name
		want string
	}{
		{"the Korean Central News Agency ( KCNA ) said", 5, "KCNA"},
		{"Council on American-Islamic Relations ( CAIR ) said", 4, "CAIR"},
		{"said the Defense Ministry ( MOD ) on", 4, ""}, // the last initial is not the acronym's
		{"talks in Jerusalem ( AP ) —", 3, ""},          // a byline
		{"the Agency ( kcna ) said", 2, ""},             // not capitals
		{"the World Health Organization ( WHO", 5, ""},  // unclosed
		{"( KCNA )", 0, ""},
	}
	for _, tt := range tests {
		doc := &dyad.Doc{}
		for _, w := range strings.Fields(tt.text) {
			doc.Tokens = append(doc.Tokens, dyad.Token{Text: w})
		}
		r := &resolver{ac: &articleCoding{doc: doc}}
		if got, _ := r.acronymAfter(tt.end); got != tt.want {
			t.Errorf("acronymAfter(%q, %d) = %q; want %q", tt.text, tt.end, got, tt.want)
		}
	}
}
