//go:build linux

package doccache

import (
	"fmt"
	"io/fs"
	"syscall"
)

// systemIdentity gives the device, inode and change time of a file.
func systemIdentity(fi fs.FileInfo) (string, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%d %d %d.%d", st.Dev, st.Ino, st.Ctim.Sec, st.Ctim.Nsec), true
}
