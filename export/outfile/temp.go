package outfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
)

// tempSuffix ends the name of every temporary file Write makes; nothing
// else is ever removed as stale.
const tempSuffix = ".leafpress-tmp"

// staleName matches a temporary file's name and captures its process id.
var staleName = regexp.MustCompile(`^\..*\.([0-9]+)-[0-9]+` + regexp.QuoteMeta(tempSuffix) + `$`)

// ErrAborted is returned by Write after Abort: the run is stopping.
var ErrAborted = errors.New("the run was stopped")

// temps is the set of temporary files being written by this process.
type temps struct {
	mu      sync.Mutex
	files   map[string]bool
	aborted bool
}

var live = &temps{files: map[string]bool{}}

func createTemp(dir, base string) (*os.File, error) {
	live.mu.Lock()
	defer live.mu.Unlock()
	if live.aborted {
		return nil, ErrAborted
	}
	f, err := os.CreateTemp(dir, fmt.Sprintf(".%s.%d-*%s", base, os.Getpid(), tempSuffix))
	if err != nil {
		return nil, fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	live.files[f.Name()] = true
	return f, nil
}

func (t *temps) forget(name string) {
	t.mu.Lock()
	delete(t.files, name)
	t.mu.Unlock()
}

// rename puts a complete temporary file in place, unless the run was
// aborted: then it is removed, and the final name keeps its last good file.
func (t *temps) rename(tmp, path string) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.aborted {
		os.Remove(tmp)
		return ErrAborted
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot replace %s: %w", path, err)
	}
	return nil
}

// Abort removes every temporary file this process is writing and makes
// every Write from now on fail with ErrAborted without touching its
// final name. Files already renamed are complete and stay. It is meant
// for a signal handler, just before the process exits.
func Abort() {
	live.mu.Lock()
	defer live.mu.Unlock()
	live.aborted = true
	for name := range live.files {
		os.Remove(name)
		delete(live.files, name)
	}
}

var cleaned sync.Map // folders whose stale temporary files were removed

func removeStaleOnce(dir string) {
	key := dir
	if abs, err := filepath.Abs(dir); err == nil {
		key = abs
	}
	if _, done := cleaned.LoadOrStore(key, true); !done {
		RemoveStale(dir)
	}
}

// RemoveStale removes the temporary files in dir that a leafpress process
// which no longer runs left behind, and returns how many it removed.
// Files of running processes (another build writing into the same
// folder) and every other file are left alone.
func RemoveStale(dir string) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		m := staleName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		pid, err := strconv.Atoi(m[1])
		if err != nil || pid == os.Getpid() || running(pid) {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}
