package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestMain points the user's cache folder at a temporary one, so that
// builds run by the tests never write prepared pictures into the real
// one.
//
// Go's own build cache stays where it was (the binary the signal tests
// build reuses it), and every temporary file of the tests lives under
// testRoot, which is removed at the end.
func TestMain(m *testing.M) {
	if os.Getenv("GOCACHE") == "" {
		if c, err := os.UserCacheDir(); err == nil {
			os.Setenv("GOCACHE", filepath.Join(c, "go-build"))
		}
	}
	dir, err := os.MkdirTemp("", "leafpress-cache-")
	if err != nil {
		panic(err)
	}
	testRoot = dir
	os.Setenv("XDG_CACHE_HOME", dir)
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testRoot is the tests' own temporary folder, removed by TestMain.
var testRoot string

// TestPictureCache builds one programme's PDFs twice with --cache: the
// first run fills the folder, the second gives the same files; a
// corrupt entry is ignored and written again.
func TestPictureCache(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1714564800")
	cache := t.TempDir()
	build := func() map[string][]byte {
		out := t.TempDir()
		code, stdout, stderr := runCLI(t, "build", "-q", "--cache", cache, "--campaign", "2022-komunalni", "--formats", "pdf,docx", "-o", out)
		if code != exitOK {
			t.Fatalf("build: exit %d\n%s%s", code, stdout, stderr)
		}
		files := map[string][]byte{}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(out, p)
				files[rel] = b
			}
			return nil
		})
		return files
	}
	first := build()
	entries, _ := filepath.Glob(filepath.Join(cache, "pictures", "*", "*"))
	if len(entries) == 0 {
		t.Fatal("the first build left no prepared picture in the cache folder")
	}
	for _, e := range entries {
		if err := os.WriteFile(e, []byte("not a picture"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	second := build() // every entry corrupt: prepared again
	third := build()  // from the rewritten entries
	for name, b := range first {
		if !bytes.Equal(b, second[name]) || !bytes.Equal(b, third[name]) {
			t.Errorf("%s differs between builds with an empty, a corrupt and a full cache", name)
		}
	}
	for _, e := range entries {
		if b, _ := os.ReadFile(e); string(b) == "not a picture" {
			t.Errorf("corrupt cache entry %s was not written again", filepath.Base(e))
		}
	}
}
