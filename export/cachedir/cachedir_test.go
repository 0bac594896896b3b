package cachedir

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// write makes a file of size bytes under dir, last used age ago.
func write(t *testing.T, dir, name string, size int, age time.Duration) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, make([]byte, size), 0o644); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-age)
	if err := os.Chtimes(p, at, at); err != nil {
		t.Fatal(err)
	}
	return p
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

func TestPrune(t *testing.T) {
	day := 24 * time.Hour
	tests := []struct {
		name     string
		maxBytes int64
		files    map[string]time.Duration // name: age (each 100 bytes)
		gone     []string
	}{
		{
			name:     "entries unused for longer than the age go",
			maxBytes: 1 << 20,
			files:    map[string]time.Duration{"pictures/ab/old": 40 * day, "pages/cd/new": day, "documents/ef/edge": 29 * day},
			gone:     []string{"pictures/ab/old"},
		},
		{
			name:     "over the size, the least recently used go first",
			maxBytes: 250,
			files:    map[string]time.Duration{"a/1": 3 * day, "a/2": 2 * day, "a/3": day, "a/4": time.Hour},
			gone:     []string{"a/1", "a/2"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, age := range tt.files {
				write(t, dir, name, 100, age)
			}
			roots := []string{filepath.Join(dir, "pictures"), filepath.Join(dir, "pages"), filepath.Join(dir, "documents"), filepath.Join(dir, "a")}
			if n := prune(roots, time.Now(), MaxAge, tt.maxBytes); n != len(tt.gone) {
				t.Errorf("removed %d files, want %d", n, len(tt.gone))
			}
			gone := map[string]bool{}
			for _, g := range tt.gone {
				gone[g] = true
			}
			for name := range tt.files {
				if got := exists(filepath.Join(dir, name)); got == gone[name] {
					t.Errorf("%s: exists %v, want %v", name, got, !gone[name])
				}
			}
		})
	}
}

func TestUsedKeepsAnEntry(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "pictures/ab/x", 10, 40*24*time.Hour)
	Used(p)
	if n := prune([]string{filepath.Join(dir, "pictures")}, time.Now(), MaxAge, MaxBytes); n != 0 || !exists(p) {
		t.Errorf("an entry used now was removed (%d removed)", n)
	}
}

func TestPruneOnceADayAndOnlyItsFolders(t *testing.T) {
	dir := t.TempDir()
	old := write(t, dir, "pictures/ab/old", 10, 40*24*time.Hour)
	mine := write(t, dir, "notes/old.txt", 10, 40*24*time.Hour) // not a cache's
	if n := Prune(dir, "pictures", "pages"); n != 1 || exists(old) || !exists(mine) {
		t.Fatalf("first prune removed %d files, want the old picture only", n)
	}
	old = write(t, dir, "pictures/ab/old", 10, 40*24*time.Hour)
	if n := Prune(dir, "pictures", "pages"); n != 0 || !exists(old) {
		t.Errorf("a second prune the same day removed %d files", n)
	}
	if Prune("", "pictures") != 0 {
		t.Error("pruning no folder removed something")
	}
}

func TestStore(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "pictures", "ab", "entry")
	if err := Store(path, []byte("head"), nil, []byte("-body")); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "head-body" {
		t.Fatalf("entry %q, %v; want the parts one after the other", b, err)
	}
	if err := Store(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("entry %q after a second Store, want it replaced", b)
	}
	// A folder that cannot be made (a file stands in its place): an
	// error, and nothing left behind.
	blocked := filepath.Join(dir, "file")
	os.WriteFile(blocked, nil, 0o644)
	if err := Store(filepath.Join(blocked, "entry"), []byte("x")); err == nil {
		t.Fatal("Store under a file succeeded")
	}
	var left []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), ".tmp-") {
			left = append(left, p)
		}
		return nil
	})
	if len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}
