package pdf_test

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"

	"leafpress/export/pdf"
	"leafpress/fonts"
	"leafpress/layout"
)

// TestCompositeGlyphRender draws Czech letters that Roboto builds from a
// base letter and a mark (composite glyphs: č, ř, ď, Ž) at 72 pt, renders
// the page with pdftoppm at 72 dpi and compares it, pixel by pixel, with
// the same letters rasterised straight from the full font file: a subset
// that lost a component (the c under the caron) would miss most of the
// ink.
func TestCompositeGlyphRender(t *testing.T) {
	tool, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm not found: needs Debian package poppler-utils")
	}
	const (
		size      = 72.0
		x0, base  = 20.0, 100.0
		w, h      = 320, 140
		text      = "čřďŽ"
		threshold = 128 // ink when darker than this
		minFound  = 0.98
	)
	face := fonts.MustLoad(fonts.Regular)
	d := &layout.Document{Title: "č", Pages: []*layout.Page{{Number: 1, Width: w, Height: h, Boxes: []layout.Box{
		&layout.TextRun{X: x0, Y: base, Face: fonts.Regular, Size: size, Text: text, Width: face.Advance(text, size), Colour: layout.Colour{K: 100}},
	}}}}
	var buf bytes.Buffer
	if _, err := pdf.Write(&buf, d, pdf.Options{Date: time.Unix(0, 0)}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "glyph.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(tool, "-r", "72", "-gray", "-aa", "yes", file, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	got := readPGM(t, filepath.Join(dir, "page-1.pgm"))
	if got.Bounds().Dx() != w || got.Bounds().Dy() != h {
		t.Fatalf("rendered page is %v, want %dx%d", got.Bounds(), w, h)
	}

	// The known-good render: the glyphs' outlines from the font file.
	ttf, _ := fonts.TTF(fonts.Regular)
	fnt, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatal(err)
	}
	var sb sfnt.Buffer
	r := vector.NewRasterizer(w, h)
	x := x0
	for _, c := range text {
		gi, _ := fnt.GlyphIndex(&sb, c)
		segs, err := fnt.LoadGlyph(&sb, gi, fixed.I(int(size)), nil)
		if err != nil {
			t.Fatal(err)
		}
		pt := func(p fixed.Point26_6) (float32, float32) {
			return float32(x) + float32(p.X)/64, float32(base) + float32(p.Y)/64
		}
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				r.MoveTo(pt(s.Args[0]))
			case sfnt.SegmentOpLineTo:
				r.LineTo(pt(s.Args[0]))
			case sfnt.SegmentOpQuadTo:
				ax, ay := pt(s.Args[0])
				bx, by := pt(s.Args[1])
				r.QuadTo(ax, ay, bx, by)
			case sfnt.SegmentOpCubeTo:
				ax, ay := pt(s.Args[0])
				bx, by := pt(s.Args[1])
				cx, cy := pt(s.Args[2])
				r.CubeTo(ax, ay, bx, by, cx, cy)
			}
		}
		r.ClosePath()
		x += face.RuneAdvance(c, size)
	}
	want := image.NewAlpha(image.Rect(0, 0, w, h))
	r.Draw(want, want.Bounds(), image.Opaque, image.Point{})

	// Rasterisers differ by a pixel at edges (hinting, sub-pixel
	// placement): a pixel matches when the other render has ink within
	// one pixel of it.
	inkGot := func(x, y int) bool { return got.GrayAt(x, y).Y < threshold }
	inkWant := func(x, y int) bool { return want.AlphaAt(x, y).A > 255-threshold }
	near := func(ink func(x, y int) bool, x, y int) bool {
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				if ink(x+dx, y+dy) {
					return true
				}
			}
		}
		return false
	}
	var nWant, wantFound, nGot, gotFound int
	for y := range h {
		for x := range w {
			if inkWant(x, y) {
				nWant++
				if near(inkGot, x, y) {
					wantFound++
				}
			}
			if inkGot(x, y) {
				nGot++
				if near(inkWant, x, y) {
					gotFound++
				}
			}
		}
	}
	if nWant < 1000 {
		t.Fatalf("the reference render has only %d ink pixels", nWant)
	}
	if f := float64(wantFound) / float64(nWant); f < minFound {
		t.Errorf("pdftoppm's render of %q lacks ink: %.3f of the font's outline pixels are drawn, want at least %.2f", text, f, minFound)
	}
	if f := float64(gotFound) / float64(max(nGot, 1)); f < minFound {
		t.Errorf("pdftoppm's render of %q has ink outside the font's outlines: %.3f of its pixels match, want at least %.2f", text, f, minFound)
	}
}

// readPGM reads a binary greyscale PNM file as pdftoppm -gray writes it.
func readPGM(t *testing.T, path string) *image.Gray {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := bytes.Fields(b[:min(len(b), 64)])
	if len(f) < 4 || string(f[0]) != "P5" {
		t.Fatalf("%s is not a PGM file", path)
	}
	var w, h int
	for i, p := range [][]byte{f[1], f[2]} {
		n := 0
		for _, c := range p {
			n = 10*n + int(c-'0')
		}
		if i == 0 {
			w = n
		} else {
			h = n
		}
	}
	img := image.NewGray(image.Rect(0, 0, w, h))
	if len(b) < w*h {
		t.Fatalf("%s is short", path)
	}
	copy(img.Pix, b[len(b)-w*h:])
	return img
}
