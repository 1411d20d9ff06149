package coder

import (
	"testing"

	"github.com/dyadnews/dyad"
)

// TestCodeSpeechOnly checks that questions and the turns of an interview
// told as questions and answers code no events, while the narration
// before the first question, and a news story with one question in it,
// still do. The sentences are from Wikinews stories (the answers from
// its interview with Noam Chomsky).
func TestCodeSpeechOnly(t *testing.T) {
	c := newTestCoder(t)
	tests := []struct {
		name string
		body string
		// want are the sources that must act, not those that must not.
		want, not []string
	}{
		{"a question", "How do you approach the difficult challenge of talking to the Palestinians when, in the end, they don’t want Israel to exist?",
			nil, []string{"PSE"}},
		{"interview turns", "Yesterday, North Korea fired artillery rounds aimed at a loudspeaker in South Korea.\n\n" +
			"We’ve seen mass strikes all around the world. Do you think this is a revival of the Left in the West?\n\n" +
			"Now it is remarkable in the light of history, Germany alone had virtually destroyed Russia, twice.\n\n" +
			"What about missile defence?\n\n" +
			"When Bush proposed the missile defense systems in Eastern Europe, Poland and Czechoslovakia, it was a real provocation to the Soviet Union.",
			[]string{"PRK"}, []string{"DEU", "USAELI"}},
		{"one question is no interview", "Will the talks go on?\n\nRussian troops attacked Estonian soldiers.",
			[]string{"RUSMIL"}, nil},
		{"a question inside a paragraph", "Why should NATO exist? Russian troops attacked Estonian soldiers.\n\nWho can tell? Germany attacked Russia.",
			[]string{"RUSMIL", "DEU"}, nil},
	}
	for _, tt := range tests {
		coding, err := c.Code(&dyad.Article{ID: "t", Body: tt.body, Dateline: dyad.Dateline{Date: "2024-08-06"}})
		if err != nil {
			t.Fatal(err)
		}
		sources := map[string]bool{}
		for _, ev := range coding.Events {
			sources[ev.Source.Code] = true
		}
		for _, s := range tt.want {
			if !sources[s] {
				t.Errorf("%s: no event of %s (sources %v)", tt.name, s, sources)
			}
		}
		for _, s := range tt.not {
			if sources[s] {
				t.Errorf("%s: an event of %s (sources %v)", tt.name, s, sources)
			}
		}
	}
}
