package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock advances only when told to.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestLogLines(t *testing.T) {
	tests := []struct {
		name  string
		total int
		want  []string
	}{
		{"known total", 10000, []string{
			"ingest: 2250/10000 items, 450/s, ETA 17s",
			"ingest: 4500/10000 items, 450/s, ETA 12s",
			"ingest: 10000 items in 22s, 455/s",
		}},
		{"unknown total", 0, []string{
			"ingest: 2250 items, 450/s",
			"ingest: 4500 items, 450/s",
			"ingest: 10000 items in 22s, 455/s",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{t: time.Unix(0, 0)}
			var out bytes.Buffer
			b := New(&out, tt.total, "ingest", Options{Now: clock.now})
			// 450 items a second, in 45-item steps of 0.1 s: a line every
			// 5 s, none between.
			for range 100 {
				clock.advance(100 * time.Millisecond)
				b.Add(45)
			}
			clock.advance(12 * time.Second)
			b.Add(5500)
			b.Finish()
			b.Add(1) // ignored after Finish
			b.Finish()
			got := strings.Split(strings.TrimSpace(out.String()), "\n")
			// The last Add came 12 s after the last line, so it logs one too.
			if len(got) != 4 {
				t.Fatalf("%d lines, want 4:\n%s", len(got), out.String())
			}
			if got[0] != tt.want[0] || got[1] != tt.want[1] || got[3] != tt.want[2] {
				t.Errorf("lines:\n%s\nwant lines 1, 2 and 4:\n%s", out.String(), strings.Join(tt.want, "\n"))
			}
			if !strings.HasPrefix(got[2], "ingest: 10000") || strings.Contains(got[2], "ETA") {
				t.Errorf("line 3 %q: the count at the total has no ETA", got[2])
			}
		})
	}
}

func TestCustomUnitAndInterval(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	var out bytes.Buffer
	b := New(&out, 3, "eval nlp", Options{Now: clock.now, Unit: "sentences", Interval: time.Second})
	clock.advance(2 * time.Second)
	b.Add(1)
	b.Finish()
	want := "eval nlp: 1/3 sentences, 0.5/s, ETA 4s\neval nlp: 1 sentences in 2s, 0.5/s\n"
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

func TestShortJobIsQuiet(t *testing.T) {
	clock := &fakeClock{t: time.Unix(0, 0)}
	var out bytes.Buffer
	b := New(&out, 0, "export", Options{Now: clock.now})
	clock.advance(4 * time.Second)
	b.Add(10)
	b.Finish()
	if got := out.String(); got != "" {
		t.Errorf("a job shorter than the interval wrote %q", got)
	}
}

// TestTerminalBar draws the live bar into a buffer: it shows the label
// and the count, and ends on a new line.
func TestTerminalBar(t *testing.T) {
	for _, total := range []int{5, 0} {
		var out bytes.Buffer
		b := New(&out, total, "train", Options{Terminal: true})
		for range 5 {
			b.Add(1)
		}
		b.Finish()
		s := out.String()
		if !strings.Contains(s, "train") || !strings.Contains(s, "5") || !strings.HasSuffix(s, "\n") {
			t.Errorf("total %d: bar output %q lacks the label, the count or the final newline", total, s)
		}
	}
}

func TestConcurrentAdds(t *testing.T) {
	var out bytes.Buffer
	b := New(&out, 8000, "code", Options{Interval: time.Nanosecond})
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 1000 {
				b.Add(1)
			}
		})
	}
	wg.Wait()
	b.Finish()
	if b.done != 8000 {
		t.Errorf("counted %d of 8000", b.done)
	}
}
