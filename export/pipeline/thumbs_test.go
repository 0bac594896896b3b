package pipeline

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"leafpress/export/raster"
	"leafpress/export/source"
	"leafpress/samples"
)

// pngSize decodes a PNG file and returns its size.
func pngSize(t *testing.T, path string) (int, int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: not a PNG: %v", path, err)
	}
	return img.Bounds().Dx(), img.Bounds().Dy()
}

// TestThumbnails checks that every page of every screen PDF has a
// thumbnail at both sizes, and no more: the small one fills the
// ThumbWidth × ThumbHeight box across or down with the page's aspect as
// pdfinfo gives it, the other is twice it.
func TestThumbnails(t *testing.T) {
	need(t, "pdfinfo", "poppler-utils")
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		docs := map[string]string{"program": filepath.Join(dir, p.UID, "program.pdf")}
		for _, c := range p.Chapters {
			docs[c.UID] = filepath.Join(dir, p.UID, "chapters", c.UID+".pdf")
		}
		want := 0
		for name, file := range docs {
			pw, ph, pages := pdfInfo(t, file)
			aspect := parseFloat(t, ph) / parseFloat(t, pw)
			want += 2 * pages
			for n := 1; n <= pages; n++ {
				small := filepath.Join(dir, p.UID, "thumbs", ThumbName(name, n, pages, false))
				big := filepath.Join(dir, p.UID, "thumbs", ThumbName(name, n, pages, true))
				w, h := pngSize(t, small)
				w2, h2 := pngSize(t, big)
				if w > ThumbWidth || h > ThumbHeight || w != ThumbWidth && h != ThumbHeight {
					t.Errorf("%s: %d × %d px, does not fill a %d × %d box", small, w, h, ThumbWidth, ThumbHeight)
				}
				if math.Abs(float64(h)/float64(w)-aspect) > 1/float64(w) {
					t.Errorf("%s: %d × %d px, the page's aspect is %.3f", small, w, h, aspect)
				}
				if w2 != 2*w || h2 != 2*h {
					t.Errorf("%s: %d × %d px, its @2x %d × %d: not twice", small, w, h, w2, h2)
				}
			}
		}
		got, _ := filepath.Glob(filepath.Join(dir, p.UID, "thumbs", "*.png"))
		if len(got) != want {
			t.Errorf("%s/thumbs holds %d pictures, want %d (two per page of every screen PDF)", p.UID, len(got), want)
		}
	}
}

// TestWordThumbnail opens each Word file's thumbnail as a picture.
func TestWordThumbnail(t *testing.T) {
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		files := []string{filepath.Join(dir, p.UID, "program.docx")}
		for _, c := range p.Chapters {
			files = append(files, filepath.Join(dir, p.UID, "chapters", c.UID+".docx"))
		}
		for _, f := range files {
			zr, err := zip.OpenReader(f)
			if err != nil {
				t.Fatal(err)
			}
			var img image.Image
			for _, zf := range zr.File {
				if zf.Name != "docProps/thumbnail.png" {
					continue
				}
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				img, err = png.Decode(io.Reader(rc))
				rc.Close()
				if err != nil {
					t.Errorf("%s: docProps/thumbnail.png is not a picture: %v", f, err)
				}
			}
			zr.Close()
			if img == nil {
				t.Errorf("%s: no thumbnail", f)
			} else if b := img.Bounds(); b.Dx() > ThumbWidth || b.Dy() > ThumbHeight || b.Dx() != ThumbWidth && b.Dy() != ThumbHeight {
				t.Errorf("%s: thumbnail %d × %d px, want one filling %d × %d", f, b.Dx(), b.Dy(), ThumbWidth, ThumbHeight)
			}
		}
	}
}

// TestSharePictures checks that the programme and every chapter have a
// 1200 × 630 PNG share picture, and that the pictures differ.
func TestSharePictures(t *testing.T) {
	dir, res := buildSamples(t)
	seen := map[string]string{}
	for _, p := range res.Programmes {
		names := []string{"program"}
		for _, c := range p.Chapters {
			names = append(names, c.UID)
		}
		for _, n := range names {
			path := filepath.Join(dir, p.UID, "share", ShareName(n))
			w, h := pngSize(t, path)
			if w != ShareWidth || h != ShareHeight {
				t.Errorf("%s: %d × %d, want %d × %d", path, w, h, ShareWidth, ShareHeight)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if other, ok := seen[string(data)]; ok {
				t.Errorf("%s is the same picture as %s", path, other)
			}
			seen[string(data)] = path
		}
	}
}

// TestPageCache builds the samples' thumbnails and share pictures twice
// with one cache folder. The kept pages must be the output files under a
// second name (no copy). Between the runs one kept page is cut short,
// another replaced by a different whole PNG (named for its bytes), and a
// third changed in place through its output file: the second run must
// draw the cut and the changed ones again (the first run's pictures, entries
// whole again) and use the replaced one as it is (proof the kept pages are
// used), and give the first run's files for every other page.
func TestPageCache(t *testing.T) {
	t.Parallel()
	cache := t.TempDir()
	fm, err := ParseFormats("thumbs,share")
	if err != nil {
		t.Fatal(err)
	}
	build := func() string {
		out := t.TempDir()
		res := Build(Options{Source: source.Options{FS: samples.FS, Sources: []string{"."}}, Out: out, Formats: fm, CacheDir: cache, Date: time.Unix(0, 0)})
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags.Items())
		}
		return out
	}
	first := build()
	// What the first run wrote, by path under the output folder, and
	// which output file each entry is.
	written := map[string][]byte{}
	var outputs []os.FileInfo
	var outputPaths []string
	filepath.Walk(first, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() || filepath.Ext(path) != ".png" {
			return err
		}
		rel, _ := filepath.Rel(first, path)
		written[rel], _ = os.ReadFile(path)
		outputs, outputPaths = append(outputs, fi), append(outputPaths, rel)
		return nil
	})
	entries, _ := filepath.Glob(filepath.Join(cache, "pages", "*-1x-*.png"))
	if len(entries) < 10 {
		t.Fatalf("the cache holds %d small thumbnails after a build, want one per page", len(entries))
	}
	outputOf := func(entry string) string {
		fi, err := os.Stat(entry)
		if err != nil {
			t.Fatal(err)
		}
		for i, o := range outputs {
			if os.SameFile(fi, o) {
				return outputPaths[i]
			}
		}
		t.Fatalf("the cache entry %s is no output file under a second name", entry)
		return ""
	}
	for _, e := range entries {
		outputOf(e)
	}
	cut, planted, changed := entries[0], entries[1], entries[2]
	whole, _ := os.ReadFile(cut)
	// A new file in the entry's place, as a copy cut short would be: the
	// output file is left as it is.
	os.Remove(cut)
	os.WriteFile(cut, whole[:len(whole)/2], 0o644)
	var buf bytes.Buffer
	raster.EncodePNG(&buf, image.NewRGBA(image.Rect(0, 0, 3, 3)))
	os.Remove(planted)
	os.WriteFile(planted[:len(planted)-len("12345678.png")]+fmt.Sprintf("%08x.png", crc32.ChecksumIEEE(buf.Bytes())), buf.Bytes(), 0o644)
	changedOutput := outputOf(changed)
	other := written[outputOf(entries[3])]
	if err := os.WriteFile(filepath.Join(first, changedOutput), other, 0o644); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(changed); !bytes.Equal(got, other) {
		t.Fatalf("the output file %s was changed in place, but not its entry %s", changedOutput, changed)
	}

	second := build()
	if got, _ := os.ReadFile(cut); !bytes.Equal(got, whole) {
		t.Errorf("the cut entry %s was not drawn and kept again", cut)
	}
	if got, _ := os.ReadFile(changed); !bytes.Equal(got, written[changedOutput]) {
		t.Errorf("the entry %s changed through its output file was not drawn and kept again", changed)
	}
	usedPlanted := false
	for rel, a := range written {
		b, err := os.ReadFile(filepath.Join(second, rel))
		if err != nil {
			t.Errorf("%s: written by the first run, not the second", rel)
			continue
		}
		if bytes.Equal(b, buf.Bytes()) {
			usedPlanted = true
			continue
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between the two runs", rel)
		}
	}
	if !usedPlanted {
		t.Error("no file of the second run is the planted cache entry: kept pages are not used")
	}
}

// parseFloat reads a number pdfinfo printed.
func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("pdfinfo gave %q, not a number", s)
	}
	return v
}
