package doccache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

type entry struct {
	Warnings []string
}

func TestKey(t *testing.T) {
	c := New(t.TempDir())
	if c == nil {
		t.Fatal("the test program cannot be identified")
	}
	k1, ok1 := c.Key("programme", map[string]int{"a": 1})
	k2, ok2 := c.Key("programme", map[string]int{"a": 2})
	k3, _ := c.Key("programme", map[string]int{"a": 1})
	k4, _ := c.Key("programm", "e", map[string]int{"a": 1})
	if !ok1 || !ok2 || k1 == k2 || k1 != k3 || k1 == k4 {
		t.Errorf("keys: %v %v %v %v", k1, k2, k3, k4)
	}
	if _, ok := c.Key(func() {}); ok {
		t.Error("a part that cannot be encoded gave a key")
	}
	var nilCache *Cache
	if _, ok := nilCache.Key("x"); ok || New("") != nil {
		t.Error("no folder: a cache that keeps something")
	}
}

// TestStoreLoad: an entry comes back as stored; a damaged, cut or foreign
// entry is not used, and a new entry replaces it.
func TestStoreLoad(t *testing.T) {
	c := New(t.TempDir())
	k, _ := c.Key("doc")
	var e entry
	if _, ok := load(c, k, &e); ok {
		t.Fatal("an empty cache had an entry")
	}
	want := entry{Warnings: []string{"page 2: too long"}}
	files := [][]byte{[]byte("%PDF-1.7 screen"), {}, append([]byte("%PDF-1.7 print"), bytes.Repeat([]byte{'%'}, 200<<10)...)}
	store(t, c, k, want, files)
	got, ok := load(c, k, &e)
	if !ok || len(e.Warnings) != 1 || len(got) != 3 || string(got[0]) != string(files[0]) || len(got[1]) != 0 || string(got[2]) != string(files[2]) {
		t.Fatalf("loaded %+v %q, want %+v %q", e, got, want, files)
	}
	// Same: a file equal to one of the entry's, and files that are not.
	if en, ok := c.Load(k, &e); ok {
		dir := t.TempDir()
		same := filepath.Join(dir, "same")
		os.WriteFile(same, files[2], 0o644)
		if !en.Same(2, same) {
			t.Error("a file equal to the entry's is not the same")
		}
		for name, b := range map[string][]byte{
			"shorter":   files[2][:len(files[2])-1],
			"longer":    append(bytes.Clone(files[2]), 'x'),
			"different": append(bytes.Clone(files[2][:len(files[2])-1]), 'x'),
		} {
			path := filepath.Join(dir, name)
			os.WriteFile(path, b, 0o644)
			if en.Same(2, path) {
				t.Errorf("a %s file is the same", name)
			}
		}
		if en.Same(0, filepath.Join(dir, "missing")) || en.Same(0, dir) {
			t.Error("a missing file or a folder is the same")
		}
		en.Close()
	} else {
		t.Fatal("the entry is gone")
	}
	// A head longer than the buffer entries are read through.
	long := entry{Warnings: []string{strings.Repeat("x", 100<<10)}}
	store(t, c, k, long, files)
	if got, ok := load(c, k, &e); !ok || e.Warnings[0] != long.Warnings[0] || string(got[2]) != string(files[2]) {
		t.Fatalf("an entry with a long head: %v", ok)
	}
	store(t, c, k, want, files)
	path := c.path(k)
	good, _ := os.ReadFile(path)
	for name, b := range map[string][]byte{
		"cut short": good[:len(good)-3],
		"damaged":   append(append([]byte{}, good[:len(good)-1]...), good[len(good)-1]^1),
		"foreign":   []byte("something else entirely, long enough to hold a digest......"),
		"longer":    append(bytes.Clone(good), 0),
		"empty":     {},
	} {
		os.WriteFile(path, b, 0o644)
		if _, ok := load(c, k, &entry{}); ok {
			t.Errorf("a %s entry was used", name)
		}
	}
	store(t, c, k, want, files)
	if _, ok := load(c, k, &entry{}); !ok {
		t.Error("the entry was not written again")
	}
	if tmp, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".tmp-*")); len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}

// store writes entry k of files, each put in a file first as the
// pipeline's PDFs are.
func store(t *testing.T, c *Cache, k Key, meta any, files [][]byte) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i, f := range files {
		p := filepath.Join(dir, fmt.Sprint(i))
		if err := os.WriteFile(p, f, 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	c.StoreFiles(k, meta, paths)
}

// load reads entry k's files as the pipeline copies them out, into a
// file each.
func load(c *Cache, k Key, meta any) ([][]byte, bool) {
	e, ok := c.Load(k, meta)
	if !ok {
		return nil, false
	}
	defer e.Close()
	var files [][]byte
	for i := range e.Files() {
		f, err := os.CreateTemp("", "doccache-*")
		if err != nil {
			return nil, false
		}
		err = e.WriteFile(i, f)
		f.Close()
		b, rerr := os.ReadFile(f.Name())
		os.Remove(f.Name())
		if err != nil || rerr != nil {
			return nil, false
		}
		files = append(files, b)
	}
	return files, true
}

// TestFileDigest: a settled file's digest is remembered and given again
// without computing; a file changed since (even to the same size and
// modification time) is digested again; a fresh file, a failed digest and
// no cache are never remembered.
func TestFileDigest(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("digests are remembered on Linux only")
	}
	c := New(t.TempDir())
	dir := t.TempDir()
	path := filepath.Join(dir, "picture.jpg")
	os.WriteFile(path, []byte("first"), 0o644)
	calls := 0
	digest := func() (string, bool) {
		calls++
		b, err := os.ReadFile(path)
		if err != nil {
			return "error: " + err.Error(), false
		}
		s := sha256.Sum256(b)
		return hex.EncodeToString(s[:]), true
	}
	want, _ := digest()
	// digests asks n times for the file's digest, wanting want each time,
	// and returns how many times it was computed.
	digests := func(what string, n int) int {
		t.Helper()
		calls = 0
		for range n {
			if d, ok := c.FileDigest(path, digest); !ok || d != want {
				t.Fatalf("%s: %q %v", what, d, ok)
			}
		}
		return calls
	}
	// Fresh: computed every time.
	if n := digests("fresh file", 2); n != 2 {
		t.Errorf("a fresh file's digest was remembered (%d computations for 2)", n)
	}
	// Its modification time set back just now (as cp -p, tar or rsync
	// do): the file was still changed just now, and a change within the
	// same tick of the clock would keep its identity. Not remembered
	// until that change has settled.
	defer func(s time.Duration) { settled = s }(settled)
	settled = 300 * time.Millisecond
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(path, old, old)
	if n := digests("file with its time set back", 2); n != 2 {
		t.Errorf("a file changed just now, with an old modification time, was remembered (%d computations for 2)", n)
	}
	// Settled: computed once.
	time.Sleep(settled + 50*time.Millisecond)
	if n := digests("settled file", 3); n != 1 {
		t.Errorf("a settled file was digested %d times for 3", n)
	}
	// Changed to the same size and time: digested again.
	time.Sleep(10 * time.Millisecond)
	os.WriteFile(path, []byte("other"), 0o644)
	os.Chtimes(path, old, old)
	calls = 0
	changed, _ := digest()
	calls = 0
	if d, ok := c.FileDigest(path, digest); !ok || d != changed || calls != 1 {
		t.Errorf("a changed file gave %q (%d computations), want %q", d, calls, changed)
	}
	// A failure is given back, never remembered.
	missing := filepath.Join(dir, "missing.jpg")
	fail := func() (string, bool) { calls++; return "error: gone", false }
	calls = 0
	for range 2 {
		if d, ok := c.FileDigest(missing, fail); ok || d != "error: gone" {
			t.Errorf("failure: %q %v", d, ok)
		}
	}
	if calls != 2 {
		t.Errorf("a failure was remembered")
	}
	var none *Cache
	calls = 0
	none.FileDigest(path, digest)
	none.FileDigest(path, digest)
	if calls != 2 {
		t.Error("no cache remembered a digest")
	}
}

// TestStoreFiles: an entry made from files on disk loads as the files
// were; a missing file keeps nothing.
func TestStoreFiles(t *testing.T) {
	c := New(t.TempDir())
	dir := t.TempDir()
	files := [][]byte{[]byte("%PDF-1.7 screen"), {}, bytes.Repeat([]byte("%PDF print "), 30<<10)}
	var paths []string
	for i, f := range files {
		p := filepath.Join(dir, string(rune('a'+i))+".pdf")
		os.WriteFile(p, f, 0o644)
		paths = append(paths, p)
	}
	k, _ := c.Key("files")
	c.StoreFiles(k, entry{Warnings: []string{"w"}}, paths)
	var e entry
	got, ok := load(c, k, &e)
	if !ok || len(got) != 3 || len(e.Warnings) != 1 {
		t.Fatalf("loaded %v, %d files", ok, len(got))
	}
	for i := range files {
		if !bytes.Equal(got[i], files[i]) {
			t.Errorf("file %d differs", i)
		}
	}
	k2, _ := c.Key("missing")
	c.StoreFiles(k2, entry{}, append(paths, filepath.Join(dir, "gone.pdf")))
	if _, ok := c.Load(k2, &e); ok {
		t.Error("an entry was kept though a file was missing")
	}
}
