package raster_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"leafpress/export/doc"
	"leafpress/export/pdf"
	"leafpress/export/picture"
	"leafpress/export/raster"
	"leafpress/export/source"
	"leafpress/export/typography"
	"leafpress/layout"
	"leafpress/samples"
	"leafpress/templates"
)

var (
	samplesOnce sync.Once
	sampleProgs []*doc.Programme
)

// samplePrograms loads the sample site as the pipeline does.
func samplePrograms(t testing.TB) []*doc.Programme {
	samplesOnce.Do(func() {
		progs, _ := source.Load(source.Options{FS: samples.FS, Sources: []string{"."}})
		for _, p := range progs {
			typography.Programme(p)
		}
		sampleProgs = progs
	})
	if len(sampleProgs) == 0 {
		t.Fatal("the sample site gives no programmes")
	}
	return sampleProgs
}

// largestProgramme is the sample programme with the most chapters.
func largestProgramme(t testing.TB) *doc.Programme {
	progs := samplePrograms(t)
	p := progs[0]
	for _, q := range progs {
		if len(q.Chapters) > len(p.Chapters) {
			p = q
		}
	}
	return p
}

// largestBooklet is largestProgramme laid out as an A5 booklet.
func largestBooklet(t testing.TB) (*doc.Programme, *layout.Document) {
	t.Helper()
	p := largestProgramme(t)
	booklet, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	d, err := layout.Programme(p, booklet)
	if err != nil {
		t.Fatal(err)
	}
	return p, d
}

// needTool skips the test when a Debian tool is missing.
func needTool(t testing.TB, name, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not found: install the Debian package %s", name, pkg)
	}
}

// poppler renders every page of a PDF at exactly w × h pixels.
func poppler(t *testing.T, pdfData []byte, w, h int) []image.Image {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdfData, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("pdftoppm", "-scale-to-x", fmt.Sprint(w), "-scale-to-y", fmt.Sprint(h), "-png", in, filepath.Join(dir, "p"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, b)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	slices.Sort(files) // pdftoppm pads the page numbers to one width
	var out []image.Image
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, img)
	}
	return out
}

// meanDiff is the mean absolute difference of the RGB channels of two
// images of one size, as a fraction of full scale.
func meanDiff(a, b image.Image) float64 {
	r := a.Bounds()
	var sum, n float64
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x-r.Min.X+b.Bounds().Min.X, y-r.Min.Y+b.Bounds().Min.Y).RGBA()
			sum += absDiff(ar, br) + absDiff(ag, bg) + absDiff(ab, bb)
			n += 3
		}
	}
	return sum / n / 0xffff
}

func absDiff(a, b uint32) float64 {
	if a > b {
		return float64(a - b)
	}
	return float64(b - a)
}

// TestAgainstPoppler draws every page of each built-in template's
// layout of the samples with the raster backend and with pdftoppm from
// the screen PDF of the same layout, at the same size; the two may differ
// by at most 6 % of full scale on average on every page. The pictures
// come from export/picture's cache, as in a build.
func TestAgainstPoppler(t *testing.T) {
	needTool(t, "pdftoppm", "poppler-utils")
	r := raster.New(picture.New("", 0))
	p := largestProgramme(t)
	type job struct {
		name string
		d    *layout.Document
	}
	var jobs []job
	for _, name := range templates.Names() {
		tp, err := templates.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		if tp.Page.Pages > 0 { // a leaflet template: one chapter per document
			for _, c := range p.Chapters[:min(2, len(p.Chapters))] {
				d, err := layout.Chapter(p, c, tp)
				if err != nil {
					t.Fatal(err)
				}
				jobs = append(jobs, job{name + "/" + c.UID, d})
			}
			continue
		}
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{name, d})
	}
	for _, j := range jobs {
		t.Run(j.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			if _, err := pdf.Write(&buf, j.d, pdf.Options{Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			w := 300
			h := raster.Height(j.d.Pages[0], w)
			pages := poppler(t, buf.Bytes(), w, h)
			if len(pages) != len(j.d.Pages) {
				t.Fatalf("pdftoppm gave %d pages, the layout has %d", len(pages), len(j.d.Pages))
			}
			for i, p := range j.d.Pages {
				got, err := r.Page(p, w, h)
				if err != nil {
					t.Fatal(err)
				}
				want := pages[i]
				if want.Bounds().Dx() != w || want.Bounds().Dy() != h {
					t.Fatalf("page %d: pdftoppm gave %v, want %d × %d", p.Number, want.Bounds(), w, h)
				}
				d := meanDiff(got, want)
				t.Logf("%s page %d: mean difference %.2f %%", j.name, p.Number, 100*d)
				save(t, fmt.Sprintf("%s-%d", strings.ReplaceAll(j.name, "/", "-"), p.Number), got, want)
				if d > 0.06 {
					t.Errorf("page %d: raster and pdftoppm differ by %.1f %% of full scale on average, more than 6 %%", p.Number, 100*d)
				}
			}
		})
	}
}

// save keeps both pictures of a comparison for a look, when
// LEAFPRESS_RASTER_OUT names a folder.
func save(t *testing.T, name string, got, want image.Image) {
	dir := os.Getenv("LEAFPRESS_RASTER_OUT")
	if dir == "" {
		return
	}
	for suffix, img := range map[string]image.Image{"raster": got, "poppler": want} {
		f, err := os.Create(filepath.Join(dir, name+"-"+suffix+".png"))
		if err != nil {
			t.Fatal(err)
		}
		png.Encode(f, img)
		f.Close()
	}
}
