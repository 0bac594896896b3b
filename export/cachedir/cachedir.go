// Package cachedir keeps leafpress's cache folder (--cache) from growing
// without end. The folder holds prepared pictures, drawn pages and
// finished documents, each a file named by a digest of what it was made
// from: every edit of a programme adds new files and leaves the old ones
// unused. A reader that uses an entry calls [Used], which marks the file
// as used now; [Prune], run at the end of a build at most once a day,
// removes the files unused for longer than MaxAge, then the least
// recently used ones until the folder holds at most MaxBytes.
package cachedir

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Limits of the cache folder.
const (
	// MaxAge is how long an unused entry is kept.
	MaxAge = 30 * 24 * time.Hour
	// MaxBytes is the most the folder keeps.
	MaxBytes = 2 << 30
	// every is how often a build prunes.
	every = 24 * time.Hour
)

// stamp is the file whose modification time says when the folder was
// last pruned.
const stamp = "pruned"

// Store writes an entry at path, its bytes the parts one after the
// other, as [StoreWith] does.
func Store(path string, parts ...[]byte) error {
	return StoreWith(path, func(w io.Writer) error {
		for _, p := range parts {
			if _, err := w.Write(p); err != nil {
				return err
			}
		}
		return nil
	})
}

// StoreWith writes an entry at path, its bytes what write writes to w (the
// entry's file, so that io.Copy from a file is made by the kernel): under
// a temporary name in path's folder first (the folder is made when
// missing), then renamed, so that a reader never sees half an entry. A
// cache is a help, not a need: callers may ignore the error, and the
// entry is only made again next time.
func StoreWith(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	// The folder is made only when missing: looking each time would cost
	// a system call per entry for nothing.
	f, err := os.CreateTemp(dir, ".tmp-*")
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(dir, 0o755); err == nil {
			f, err = os.CreateTemp(dir, ".tmp-*")
		}
	}
	if err != nil {
		return err
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Used marks the cache file at path as used now, so that Prune keeps it.
// Errors are ignored: a file that cannot be marked is only pruned sooner.
func Used(path string) {
	now := time.Now()
	_ = os.Chtimes(path, now, now)
}

// Prune removes from the given folders of dir (the caches' own: nothing
// else in dir is touched, as --cache may name any folder) the files
// unused for longer than MaxAge, then the least recently used ones until
// they hold at most MaxBytes. It does nothing when dir is "" or was pruned
// less than a day ago. It returns how many files it removed. Files it
// cannot read or remove are left.
func Prune(dir string, folders ...string) int {
	if dir == "" {
		return 0
	}
	now := time.Now()
	st := filepath.Join(dir, stamp)
	if fi, err := os.Stat(st); err == nil && now.Sub(fi.ModTime()) < every {
		return 0
	}
	if err := os.WriteFile(st, nil, 0o644); err != nil {
		return 0 // not a folder we may write in
	}
	var roots []string
	for _, f := range folders {
		roots = append(roots, filepath.Join(dir, f))
	}
	return prune(roots, now, MaxAge, MaxBytes)
}

type entry struct {
	path string
	size int64
	used time.Time
}

func prune(roots []string, now time.Time, maxAge time.Duration, maxBytes int64) int {
	var kept []entry
	var total int64
	removed := 0
	walk := func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		if now.Sub(fi.ModTime()) > maxAge {
			if os.Remove(path) == nil {
				removed++
			}
			return nil
		}
		kept = append(kept, entry{path, fi.Size(), fi.ModTime()})
		total += fi.Size()
		return nil
	}
	for _, r := range roots {
		filepath.WalkDir(r, walk)
	}
	if total <= maxBytes {
		return removed
	}
	sort.Slice(kept, func(i, j int) bool { return kept[i].used.Before(kept[j].used) })
	for _, e := range kept {
		if total <= maxBytes {
			break
		}
		if os.Remove(e.path) == nil {
			removed++
			total -= e.size
		}
	}
	return removed
}
