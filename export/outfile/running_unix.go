//go:build unix

package outfile

import (
	"errors"
	"syscall"
)

// running reports whether a process with this id exists.
func running(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
