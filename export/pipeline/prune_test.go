package pipeline

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"leafpress/export/source"
	"leafpress/samples"
)

// TestBuildPrunesCache checks that a build removes the cache entries
// unused for over a month and keeps the ones it used, and never touches
// a file of the cache folder that is not a cache's.
func TestBuildPrunesCache(t *testing.T) {
	cache := t.TempDir()
	old := time.Now().Add(-40 * 24 * time.Hour)
	put := func(name string) string {
		p := filepath.Join(cache, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := put("pictures/ab/stale")
	stalePage := put("pages/cd/stale-small.png")
	foreign := put("notes/keep.txt")
	build := func() {
		// Word files too, so that no finished document is copied whole
		// and every picture is asked for.
		fm, _ := ParseFormats("pdf,docx")
		res := Build(Options{Source: source.Options{FS: samples.FS, Sources: []string{"."}}, Out: t.TempDir(), Formats: fm, Date: time.Unix(0, 0), CacheDir: cache})
		if res.Unusable {
			t.Fatal(res.Diags.Items())
		}
	}
	build()
	for _, p := range []string{stale, stalePage} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s: an entry unused for 40 days is still there", p)
		}
	}
	if _, err := os.Stat(foreign); err != nil {
		t.Errorf("a file that is no cache's was removed: %v", err)
	}
	// The entries the build made are kept by the next build, and ones it
	// uses again are marked as used.
	var entries []string
	filepath.WalkDir(filepath.Join(cache, "pictures"), func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			entries = append(entries, p)
		}
		return nil
	})
	if len(entries) == 0 {
		t.Fatal("the build kept no prepared picture in the cache folder")
	}
	for _, p := range entries {
		os.Chtimes(p, old, old)
	}
	build()
	for _, p := range entries {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatalf("an entry used again was removed: %v", err)
		}
		if time.Since(fi.ModTime()) > time.Hour {
			t.Errorf("%s: used again but not marked as used", p)
		}
	}
}
