package extracteval

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/dyadnews/dyad/internal/shareddata"
)

// TestPublishedScores checks the scorer against the figures the
// benchmark and its forks publish for the outputs shipped with it.
func TestPublishedScores(t *testing.T) {
	b, err := Load(shareddata.Dir(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Pages) != 181 {
		t.Fatalf("loaded %d pages, want 181", len(b.Pages))
	}
	want := map[string][3]float64{ // F1, precision, recall
		"go_trafilatura": {0.960, 0.940, 0.980},
		"rs_trafilatura": {0.970, 0.951, 0.990},
	}
	wantF1 := map[string]float64{
		"trafilatura": 0.958, "readability_js": 0.947, "go_readability": 0.934,
		"go_domdistiller": 0.927, "newspaper": 0.949,
	}
	pub, err := b.Published()
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, p := range pub {
		round := func(x float64) float64 { return math.Round(x*1000) / 1000 }
		if w, ok := want[p.Name]; ok {
			seen++
			if got := [3]float64{round(p.Score.F1), round(p.Score.Precision), round(p.Score.Recall)}; got != w {
				t.Errorf("%s: got F1/P/R %v, want %v", p.Name, got, w)
			}
		}
		if w, ok := wantF1[p.Name]; ok {
			seen++
			if round(p.Score.F1) != w {
				t.Errorf("%s: got F1 %.3f, want %.3f", p.Name, p.Score.F1, w)
			}
		}
	}
	if seen != len(want)+len(wantF1) {
		t.Errorf("scored %d of the %d known published outputs", seen, len(want)+len(wantF1))
	}
}

func TestLocate(t *testing.T) {
	root := shareddata.Dir(t)
	for _, dir := range []string{root, filepath.Join(root, DirName)} {
		if _, err := Locate(dir); err != nil {
			t.Errorf("Locate(%s): %v", dir, err)
		}
	}
	if _, err := Locate(t.TempDir()); err == nil {
		t.Error("Locate found a benchmark in an empty directory")
	}
}

func TestHTMLRejectsPathIDs(t *testing.T) {
	b := &Benchmark{Dir: t.TempDir()}
	for _, id := range []string{"", "../x", "a/b", ".hidden"} {
		if _, err := b.HTML(id); err == nil {
			t.Errorf("HTML(%q) succeeded", id)
		}
	}
}
