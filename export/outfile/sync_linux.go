package outfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncEach is false on Linux: files are not synced one by one as they are
// written; Sync flushes the whole output folder's file system once.
const syncEach = false

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	return unix.Syncfs(int(f.Fd()))
}
