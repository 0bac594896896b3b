//go:build !unix

package outfile

import "os"

// running reports whether a process with this id may exist. Where it
// cannot be told cheaply, a process is taken to run unless it is gone.
func running(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
