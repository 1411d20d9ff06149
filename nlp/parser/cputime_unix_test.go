//go:build unix

package parser

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, which, unlike wall
// time, is fair on a machine shared with other jobs.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
