//go:build unix

package docx

import (
	"syscall"
	"time"
)

// cpuTime is the process's CPU time so far (user + sys): benchmarks
// report it per operation, since a busy machine inflates wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
