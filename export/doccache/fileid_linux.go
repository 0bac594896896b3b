//go:build linux

package doccache

import (
	"fmt"
	"io/fs"
	"syscall"
	"time"
)

// systemIdentity gives the device, inode and change time of a file, and
// the change time.
func systemIdentity(fi fs.FileInfo) (id string, ctime time.Time, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return "", time.Time{}, false
	}
	return fmt.Sprintf("%d %d %d.%d", st.Dev, st.Ino, st.Ctim.Sec, st.Ctim.Nsec), time.Unix(st.Ctim.Sec, st.Ctim.Nsec), true
}
