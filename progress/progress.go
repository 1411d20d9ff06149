// Package progress reports the progress of long command-line work: a
// live bar with the count, rate and time left when the output is a
// terminal, and plain periodic log lines ("ingest: 1200/10000 items,
// 450/s, ETA 20s") when it is a file or a pipe, so that logs of batch
// runs stay readable.
//
// A Bar is safe for use by several goroutines at once.
package progress

import (
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// DefaultInterval is how often a Bar writes a log line when its output
// is not a terminal.
const DefaultInterval = 5 * time.Second

// Options tunes a Bar. Zero fields take the documented defaults.
type Options struct {
	// Unit names what is counted; default "items".
	Unit string
	// Interval is the least time between two log lines when the output
	// is not a terminal; default DefaultInterval.
	Interval time.Duration
	// Terminal draws the live bar; New sets it when w is a terminal.
	Terminal bool
	// Now is the clock; default time.Now.
	Now func() time.Time
}

// Bar counts finished items of a job.
type Bar struct {
	w     io.Writer
	label string
	total int
	opts  Options

	mu      sync.Mutex
	done    int
	start   time.Time
	lastLog time.Time
	logged  bool
	bar     *progressbar.ProgressBar
	closed  bool
}

// Start is New on standard error: the usual way a command shows its
// progress.
func Start(total int, label string) *Bar { return New(os.Stderr, total, label, Options{}) }

// New starts a bar for total items (total <= 0 when the count is not
// known in advance) labelled label, written to w. It draws a live bar
// when w is a terminal (or opts.Terminal is set) and log lines otherwise.
func New(w io.Writer, total int, label string, opts Options) *Bar {
	if opts.Unit == "" {
		opts.Unit = "items"
	}
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(int(f.Fd())) {
		opts.Terminal = true
	}
	b := &Bar{w: w, label: label, total: total, opts: opts}
	b.start = opts.Now()
	b.lastLog = b.start
	if opts.Terminal {
		limit := int64(total)
		if total <= 0 {
			limit = -1 // a spinner with count and rate
		}
		b.bar = progressbar.NewOptions64(limit,
			progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(label),
			progressbar.OptionShowCount(),
			progressbar.OptionShowIts(),
			progressbar.OptionSetItsString(opts.Unit),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionFullWidth(),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }),
		)
	}
	return b
}

// Add counts n more finished items.
func (b *Bar) Add(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed || n == 0 {
		return
	}
	b.done += n
	if b.bar != nil {
		b.bar.Add(n)
		return
	}
	now := b.opts.Now()
	if now.Sub(b.lastLog) >= b.opts.Interval {
		b.lastLog, b.logged = now, true
		fmt.Fprintln(b.w, b.line(now))
	}
}

// Finish ends the bar with a last line saying how many items were done
// and how fast; in log lines, only when it wrote one before, so that
// jobs shorter than the interval (and tests) stay quiet. Later calls to
// Add and Finish do nothing.
func (b *Bar) Finish() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return
	}
	b.closed = true
	if b.bar != nil {
		if b.total > 0 && b.done >= b.total {
			b.bar.Finish()
			return
		}
		// The bar draws at most every 100 ms, so its last drawing may
		// predate the last items: end its line and sum up below it.
		b.bar.Exit()
		b.summary()
		return
	}
	if b.logged {
		b.summary()
	}
}

// summary writes the closing line: how many items were done and how fast.
func (b *Bar) summary() {
	elapsed := b.opts.Now().Sub(b.start)
	fmt.Fprintf(b.w, "%s: %d %s in %s, %s\n", b.label, b.done, b.opts.Unit, roundDuration(elapsed), rate(b.done, elapsed))
}

// line is a log line: the count (of the total when known), the rate and,
// when the total is known, the time left at that rate.
func (b *Bar) line(now time.Time) string {
	elapsed := now.Sub(b.start)
	count := fmt.Sprintf("%d", b.done)
	if b.total > 0 {
		count = fmt.Sprintf("%d/%d", b.done, b.total)
	}
	s := fmt.Sprintf("%s: %s %s, %s", b.label, count, b.opts.Unit, rate(b.done, elapsed))
	if b.total > 0 && b.done > 0 && b.done < b.total {
		left := time.Duration(float64(elapsed) * float64(b.total-b.done) / float64(b.done))
		s += ", ETA " + roundDuration(left).String()
	}
	return s
}

// rate is done per second over elapsed, with a precision that suits it.
func rate(done int, elapsed time.Duration) string {
	if elapsed <= 0 {
		return "–/s"
	}
	r := float64(done) / elapsed.Seconds()
	if r < 10 {
		return fmt.Sprintf("%.1f/s", r)
	}
	return fmt.Sprintf("%.0f/s", r)
}

// roundDuration keeps durations short: seconds above ten seconds, tenths
// of a second below.
func roundDuration(d time.Duration) time.Duration {
	if d >= 10*time.Second {
		return d.Round(time.Second)
	}
	return d.Round(100 * time.Millisecond)
}
