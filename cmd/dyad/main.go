// Command dyad turns news into conflict-event data: it extracts stories,
// stores them and serves them. Each subcommand lives in its own file and
// only wires the packages that do the work.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"syscall"
)

// command is one dyad subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, st *stdio, args []string) error
}

// stdio is the process's standard streams, replaced in tests.
type stdio struct {
	in       io.Reader
	out, err io.Writer
}

// commands lists every subcommand; each is defined in the file of its name.
var commands = []command{
	evalCommand,
	codeCommand,
	parseCommand,
	trainCommand,
	extractCommand,
	ingestCommand,
	serveCommand,
	escalationCommand,
	exportCommand,
}

// exitCode lets a command choose its exit status after printing its own
// report (ingest exits 1 when some inputs failed, all others stored).
type exitCode int

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, &stdio{in: os.Stdin, out: os.Stdout, err: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, st *stdio, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(st.err)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, st, args[1:])
		var code exitCode
		switch {
		case err == nil:
			return 0
		case errors.Is(err, flag.ErrHelp):
			return 0
		case errors.As(err, &code):
			return int(code)
		default:
			fmt.Fprintf(st.err, "dyad %s: %v\n", c.name, err)
			return 1
		}
	}
	fmt.Fprintf(st.err, "dyad: unknown command %q\n\n", args[0])
	usage(st.err)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dyad turns news into conflict-event data.\n\nUsage: dyad COMMAND [flags] [args]\n\nCommands:")
	cs := append([]command(nil), commands...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'dyad COMMAND -h' for a command's flags.")
}

// newFlagSet returns a flag set that writes its usage, headed by the
// command's synopsis and description, to st.err.
func newFlagSet(st *stdio, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(st.err)
	fs.Usage = func() {
		fmt.Fprintf(st.err, "Usage: dyad %s %s\n\n%s\n\nFlags:\n", name, synopsis, description)
		fs.PrintDefaults()
	}
	return fs
}
