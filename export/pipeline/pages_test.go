package pipeline

import (
	"bytes"
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPageCacheEntries keeps pages the way the build does (the output
// file written, then keep) and checks what the same run and a later run
// find: a page
// written out is kept as a second name of its output file, or as a copy
// where no link can be made; a page never kept is not found.
func TestPageCacheEntries(t *testing.T) {
	t.Parallel()
	page := func(n byte) []byte {
		b := append([]byte(nil), pngStart...)
		b = append(b, bytes.Repeat([]byte{n}, 100)...)
		return append(b, pngEnd...)
	}
	tests := []struct {
		name   string
		write  func(t *testing.T, pc *pageCache, sum [sha256.Size]byte, out string, data []byte)
		kept   bool
		linked bool
	}{
		{"written", func(t *testing.T, pc *pageCache, sum [sha256.Size]byte, out string, data []byte) {
			writeOut(t, pc, sum, out, data)
		}, true, true},
		{"no link possible", func(t *testing.T, pc *pageCache, sum [sha256.Size]byte, out string, data []byte) {
			// A file that is not there cannot be linked: the bytes are copied.
			pc.keep(sum, "1x", filepath.Join(filepath.Dir(out), "missing", "x.png"), data)
		}, true, false},
		{"never kept", func(t *testing.T, pc *pageCache, sum [sha256.Size]byte, out string, data []byte) {}, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out", "p.png")
			os.MkdirAll(filepath.Dir(out), 0o755)
			sum := sha256.Sum256([]byte(tc.name))
			data := page(7)
			want := bytes.Clone(data)
			pc := &pageCache{dir: filepath.Join(dir, "cache")}
			if pc.load(sum, "1x") != nil {
				t.Fatal("a page found before it was kept")
			}
			tc.write(t, pc, sum, out, data)
			// The same run finds the page it kept (a page drawn twice),
			// though it listed the folder before.
			if got := pc.load(sum, "1x"); (got != nil) != tc.kept || tc.kept && !bytes.Equal(got, want) {
				t.Fatalf("the same run finds %q, kept: %v", got, tc.kept)
			}

			later := &pageCache{dir: pc.dir}
			got := later.load(sum, "1x")
			if !tc.kept {
				if got != nil {
					t.Fatalf("a page was kept: %q", got)
				}
				return
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("kept %q, want %q", got, want)
			}
			entries, _ := filepath.Glob(filepath.Join(pc.dir, pagesFolder, "*.png"))
			if len(entries) != 1 {
				t.Fatalf("entries %v, want one", entries)
			}
			a, _ := os.Stat(entries[0])
			b, _ := os.Stat(out)
			if linked := b != nil && os.SameFile(a, b); linked != tc.linked {
				t.Errorf("entry is the output file: %v, want %v", linked, tc.linked)
			}
		})
	}
}

// writeOut writes a drawn page's PNG to path and keeps it, as
// builder.writePNG does.
func writeOut(t *testing.T, pc *pageCache, sum [sha256.Size]byte, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pc.keep(sum, "1x", path, data)
}

// TestPageCacheLeavesOutputDates: a page loaded from the cache, where its
// entry is a second name of an output file (of an earlier run, perhaps
// into another output folder), does not change that file's date.
func TestPageCacheLeavesOutputDates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out", "p.png")
	os.MkdirAll(filepath.Dir(out), 0o755)
	data := append(append(bytes.Clone(pngStart), bytes.Repeat([]byte{3}, 100)...), pngEnd...)
	sum := sha256.Sum256([]byte("dates"))
	pc := &pageCache{dir: filepath.Join(dir, "cache")}
	writeOut(t, pc, sum, out, data)
	old := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	if err := os.Chtimes(out, old, old); err != nil {
		t.Fatal(err)
	}
	later := &pageCache{dir: pc.dir}
	if got := later.load(sum, "1x"); !bytes.Equal(got, data) {
		t.Fatalf("kept %q, want %q", got, data)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.ModTime().Equal(old) {
		t.Errorf("the output file's date is %v after its page was loaded from the cache, was %v", fi.ModTime(), old)
	}
}
