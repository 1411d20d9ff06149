package gaz

import "testing"

func TestKey(t *testing.T) {
	tests := map[string]string{
		"Ra's al-'Ayn":        "ras al ayn",
		"RAS AL-AYN":          "ras al ayn",
		"U.S.":                "us",
		"Washington, D.C.":    "washington dc",
		"the Gaza Strip":      "gaza strip",
		"The Hague":           "hague",
		"Kraków":              "krakow",
		"Khān Yūnis":          "khan yunis",
		"Karbalāʼ":            "karbala",
		"Côte d’Ivoire":       "cote divoire",
		"  São   Paulo  ":     "sao paulo",
		"İstanbul":            "istanbul",
		"Bey\u00adrut":        "beyrut",
		"\xff\xfeBeirut":      "beirut",
		"":                    "",
		"the":                 "the",
		"--":                  "",
		"Deir ez-Zor":         "deir ez zor",
		"Ta\u2018izz":         "taizz",
		"Sant Julià de Lòria": "sant julia de loria",
	}
	for in, want := range tests {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestStripArticle(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"al anbar", "anbar", true},
		{"ar raqqah", "raqqah", true},
		{"el paso", "paso", true},
		{"al", "al", false},
		{"al ", "al ", false},
		{"alexandria", "alexandria", false},
		{"ash shatrah", "shatrah", true},
	}
	for _, tt := range tests {
		if got, ok := StripArticle(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("StripArticle(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAdmin1Variants(t *testing.T) {
	got := admin1Variants("Yazd Province", "")
	if len(got) != 1 || got[0] != "Yazd" {
		t.Errorf("Yazd Province variants %q", got)
	}
	if got := admin1Variants("Northern District", ""); len(got) != 0 {
		t.Errorf("Northern District variants %q", got)
	}
	if got := admin1Variants("Muhafazat Hadramaout", ""); len(got) != 1 || got[0] != "Hadramaout" {
		t.Errorf("Muhafazat Hadramaout variants %q", got)
	}
}

func TestEnglishAlternates(t *testing.T) {
	got := englishAlternates("BEY,Beyrouth,Bayrūt,bei lu te,Бейрут,بيروت,Beirut,Beyrouth,http://x,Beirut 2", "Beirut", "Beirut")
	want := []string{"Beyrouth", "Bayrūt"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("englishAlternates = %q; want %q", got, want)
	}
}

// TestAppendKey checks that keys appended after others are the words'
// keys, a leading "the" dropped from the appended key alone.
func TestAppendKey(t *testing.T) {
	for _, in := range []string{"the Gaza Strip", "Kraków", "U.S.", "the", "--", "Iran", "beirut", "The Hague"} {
		got := string(AppendKey([]byte("the x "), in))
		if want := "the x " + Key(in); got != want {
			t.Errorf("AppendKey(%q) = %q; want %q", in, got, want)
		}
	}
}
