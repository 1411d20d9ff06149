package article

import "testing"

func TestClassifyLine(t *testing.T) {
	tests := []struct {
		line string
		want lineKind
	}{
		{"Related Articles", kindEnd},
		{"RELATED STORIES:", kindEnd},
		{"You may also like", kindEnd},
		{"Tags: Iran, Israel, Hezbollah", kindEnd},
		{"Leave a Reply", kindEnd},
		{"Back to top button", kindFurniture},
		{"Advertisement", kindFurniture},
		{"Share this", kindFurniture},
		{"Read more: Aid groups warn of famine in northern Gaza", kindFurniture},
		{"READ MORE", kindFurniture},
		{"Sign up for our daily newsletter to get the news in your inbox", kindFurniture},
		{"We use cookies to improve your experience. By continuing you accept our use of cookies.", kindFurniture},
		{"© 2023 AFP", kindFurniture},
		{"3 min read", kindFurniture},
		{"(Reporting by Olena Harmash; Editing by Tom Balmforth)", kindFurniture},
		{"Formica fusca, from file. Image: Mathias Krumbholz.", kindCaption},
		{"Mourners at a morgue in Rafah, March 5, 2024. (AP Photo/Fatima Shbair)", kindCaption},
		{"Blinken speaks in Annapolis, Maryland, August 6, 2024. REUTERS/Kevin Lamarque", kindCaption},
		{"A soldier on patrol. Photo: AFP", kindCaption},
		// Story text that looks a little like furniture.
		{"The poll, a Reuters/Ipsos survey, was taken last week.", kindContent},
		{"He said he would read more of the report before deciding.", kindContent},
		{"Israel said it would share intelligence with its allies.", kindContent},
		{"What comes next", kindContent},
		{"Related talks in Cairo ended without a deal on Monday.", kindContent},
	}
	for _, tt := range tests {
		if got := newTextLine(tt.line).kind; got != tt.want {
			t.Errorf("%q: kind %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestStoryEnd(t *testing.T) {
	tests := []struct {
		name, text, wantLast string
	}{
		{"related list ends the story",
			"Headline here for the story\n\nThe first sentence of the story is here and long.\n\nRelated Articles\nOne teaser headline\nAnother teaser headline\n",
			"The first sentence of the story is here and long."},
		{"inline share prompt does not",
			"Headline here for the story\n\nThe first sentence of the story is here and long.\n\nShare this article\n\nThe second sentence of the story follows it here.\n",
			"The second sentence of the story follows it here."},
		{"tail without sentences goes",
			"Headline here for the story\n\nThe first sentence of the story is here and long.\n\nbur-fff/js\nWorld\nPolitics\n",
			"The first sentence of the story is here and long."},
		{"author box after a byline",
			"Headline here for the story\nBy JANE DOE\n\nThe first sentence of the story is here and long.\n\nJANE DOE\nDoe covers the Middle East for the agency in Cairo.\n",
			"The first sentence of the story is here and long."},
		{"short answer in an interview stays",
			"Headline here for the story\n\nAnd is that on the main website of the project?\n\nYes.\n",
			"Yes."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := FromText(tt.text, Options{Now: testNow})
			if err != nil {
				t.Fatal(err)
			}
			paras := splitParagraphs(a.Body)
			if got := paras[len(paras)-1]; got != tt.wantLast {
				t.Errorf("last paragraph %q, want %q (body %q)", got, tt.wantLast, a.Body)
			}
		})
	}
}
