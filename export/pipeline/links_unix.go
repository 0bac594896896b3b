//go:build unix

package pipeline

import (
	"io/fs"
	"syscall"
)

// otherNames reports whether the file fi describes has more than one name.
func otherNames(fi fs.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && st.Nlink > 1
}
