package dedup

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// wire is an agency story as republished; the test sites wrap and trim
// it the way news sites do.
var wire = []string{
	`BEIRUT, March 3 (Reuters) - An Israeli air strike on a village in southern Lebanon killed three members of the Hezbollah group on Sunday, the group and security sources said, the latest in months of cross-border fire that has raised fears of a wider regional war.`,
	`The strike hit a house on the outskirts of the village of Aitaroun, about two kilometres from the border, shortly after dawn, according to two security sources who spoke on condition of anonymity because they were not authorised to brief the media.`,
	`Hezbollah said in a statement that it had fired dozens of rockets at an Israeli army position across the frontier in response, and that its fighters had targeted surveillance equipment at two other posts.`,
	`The Israeli military said its jets had struck a Hezbollah command post in the area and that air defences had intercepted most of the rockets launched from Lebanon. It reported no casualties on its side.`,
	`The exchanges have displaced tens of thousands of people on both sides of the border since October. Diplomats from France and the United States have been shuttling between Beirut and Jerusalem in an effort to broker an arrangement that would push Hezbollah fighters away from the frontier.`,
	`Lebanon's caretaker prime minister said on Saturday that his government was ready to discuss proposals but would not accept terms that left southern villages exposed to further attacks.`,
}

// furniture is what a republishing site adds around the copy.
var furniture = []string{
	"Advertisement",
	"Read more: Markets slide as oil prices climb",
	"Subscribe to our daily newsletter for the top stories",
	"Share this article on Facebook Twitter WhatsApp",
	"Related: Ten things to know before you travel this spring",
	"Sign up for breaking news alerts",
	"(Reporting by Laila Bassam; Editing by Toby Chopra)",
	"Copyright 2024 Thomson Reuters. All rights reserved.",
	"Most read today",
	"Comments are closed for this story",
}

// republish is site i's version: the copy with some furniture between
// and after paragraphs, and, on every third site, the last paragraph cut
// or a sentence reworded, as editors do.
func republish(i int) string {
	var parts []string
	for p, para := range wire {
		if i%3 == 2 && p == len(wire)-1 {
			continue
		}
		if i%3 == 1 && p == 2 {
			para = strings.Replace(para, "in a statement that it had fired dozens of rockets", "it had launched dozens of rockets", 1)
		}
		parts = append(parts, para)
		if p%2 == 1 {
			parts = append(parts, furniture[(i+p)%len(furniture)])
		}
	}
	parts = append(parts, furniture[i%len(furniture)], furniture[(i+3)%len(furniture)])
	return strings.Join(parts, "\n\n")
}

// sameTopic are different stories about the same conflict, with much of
// the same vocabulary: they must not be taken for the wire story.
var sameTopic = []string{
	`JERUSALEM, March 3 (Reuters) - Israel's defence minister said on Sunday that the military would keep up its strikes on Hezbollah in southern Lebanon until residents of northern Israel could return home safely, as rockets fired from Lebanon set fire to fields near the border. The minister, speaking during a visit to troops on the frontier, said diplomacy was preferred but that Israel was prepared for every scenario. Tens of thousands of Israelis have been displaced from the north since October. Diplomats from France and the United States have proposed that Hezbollah fighters withdraw several kilometres from the border.`,
	`BEIRUT, March 4 (Reuters) - Thousands of people displaced from villages in southern Lebanon by months of Israeli strikes are sheltering in schools in the port city of Tyre, where aid agencies say supplies of food and medicine are running low. Families who fled the border village of Aitaroun said their houses had been damaged in air strikes and that they did not know when they could return. The United Nations said on Monday that more than ninety thousand people had been displaced in Lebanon since October, when Hezbollah began firing rockets at Israeli army positions.`,
	`BEIRUT, March 3 (Reuters) - An Israeli drone strike on a car in southern Lebanon killed two members of the Hezbollah group on Sunday, security sources said, hours after a separate air strike hit a village near the border. The sources said the car was struck on a road near the town of Nabatieh. Hezbollah said it had fired rockets at an Israeli army position in response. The Israeli military said it had struck Hezbollah targets in the area.`,
}

func mustSign(t *testing.T, text string) Signature {
	t.Helper()
	s, err := Sign(text)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func shareBand(a, b *Signature) bool {
	ba, bb := BandHashes(a), BandHashes(b)
	for i := range ba {
		if ba[i] == bb[i] {
			return true
		}
	}
	return false
}

func TestRepublishedWireIsOneStory(t *testing.T) {
	sigs := make([]Signature, 10)
	for i := range sigs {
		sigs[i] = mustSign(t, republish(i))
	}
	for i := range sigs {
		for j := i + 1; j < len(sigs); j++ {
			sim := Similarity(&sigs[i], &sigs[j])
			if sim < Threshold || !shareBand(&sigs[i], &sigs[j]) {
				t.Errorf("sites %d and %d: similarity %.2f, share a band %v; want a duplicate pair", i, j, sim, shareBand(&sigs[i], &sigs[j]))
			}
		}
	}
}

func TestSameTopicStoriesAreDistinct(t *testing.T) {
	copySig := mustSign(t, republish(0))
	var others []Signature
	for _, text := range sameTopic {
		others = append(others, mustSign(t, text))
	}
	for i := range others {
		if sim := Similarity(&copySig, &others[i]); sim >= Threshold {
			t.Errorf("same-topic story %d vs wire copy: similarity %.2f, want < %.2f", i, sim, Threshold)
		}
		for j := i + 1; j < len(others); j++ {
			if sim := Similarity(&others[i], &others[j]); sim >= Threshold {
				t.Errorf("same-topic stories %d and %d: similarity %.2f, want < %.2f", i, j, sim, Threshold)
			}
		}
	}
}

// TestSimilarityEstimatesJaccard builds word sequences with a known
// shingle Jaccard and checks the estimate and the threshold around it.
func TestSimilarityEstimatesJaccard(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string { return fmt.Sprintf("w%d", rng.IntN(1_000_000)) }
	for _, want := range []float64{0.2, 0.35, 0.5, 0.65, 0.8, 0.95} {
		// Shared prefix of s shingles, then each text its own tail of u
		// shingles: J = s/(s+2u). Separate runs by fresh words so tails
		// share no shingle.
		const total = 2000
		s := int(want * total)
		u := (total - s) / 2
		shared := make([]string, s+ShingleWords-1)
		for i := range shared {
			shared[i] = word()
		}
		tail := func() []string {
			w := make([]string, u)
			for i := range w {
				w[i] = word()
			}
			return w
		}
		a := strings.Join(append(append([]string{}, shared...), tail()...), " ")
		b := strings.Join(append(append([]string{}, shared...), tail()...), " ")
		sa, sb := mustSign(t, a), mustSign(t, b)
		got := Similarity(&sa, &sb)
		// Standard error of the estimate is sqrt(J(1-J)/128) <= 0.045.
		if math.Abs(got-want) > 0.12 {
			t.Errorf("J=%.2f: estimate %.3f", want, got)
		}
	}
}

func TestCandidateProbability(t *testing.T) {
	for _, c := range []struct{ j, lo, hi float64 }{
		{0.2, 0, 0.06}, {0.5, 0.85, 0.9}, {0.7, 0.999, 1}, {0.9, 0.9999, 1},
	} {
		if p := CandidateProbability(c.j); p < c.lo || p > c.hi {
			t.Errorf("P(candidate | J=%.1f) = %.4f, want in [%.4f, %.4f]", c.j, p, c.lo, c.hi)
		}
	}
}

func TestSignIsStableAndNormalised(t *testing.T) {
	a := mustSign(t, "The Israeli military said its jets had struck a command post.")
	b := mustSign(t, "the ISRAELI military  said, its jets had struck — a command post")
	if Similarity(&a, &b) != 1 {
		t.Errorf("case, spacing and punctuation changed the signature")
	}
	enc := a.Bytes()
	back, err := ParseSignature(enc)
	if err != nil || back != a {
		t.Errorf("round trip: %v", err)
	}
	if _, err := ParseSignature(enc[:10]); err == nil {
		t.Error("short signature parsed")
	}
}

func TestSignHostileInput(t *testing.T) {
	for _, text := range []string{"", "   \n\t", "\xff\xfe\x00\x01", "!!! ... ---"} {
		if _, err := Sign(text); err != ErrNoWords {
			t.Errorf("Sign(%q) error %v, want ErrNoWords", text, err)
		}
	}
	short := mustSign(t, "two words")
	if short == mustSign(t, "other words") {
		t.Error("short texts collide")
	}
	huge := strings.Repeat("word \xff\x00 ", 100_000)
	if _, err := Sign(huge); err != nil {
		t.Error(err)
	}
}

func FuzzSign(f *testing.F) {
	f.Add("The strike hit a house")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		sig, err := Sign(s)
		if err == nil && Similarity(&sig, &sig) != 1 {
			t.Fatal("signature not equal to itself")
		}
	})
}

func BenchmarkSign(b *testing.B) {
	text := republish(0)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if _, err := Sign(text); err != nil {
			b.Fatal(err)
		}
	}
}
