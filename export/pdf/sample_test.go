package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"leafpress/export/doc"
	"leafpress/fonts"
	"leafpress/layout"
)

// A5 in points.
const (
	a5W = 419.53
	a5H = 595.28
)

var (
	black = layout.Colour{K: 100}
	brand = layout.Colour{R: 0x4a, G: 0x2d, B: 0x8f, C: 78, M: 90, Y: 0, K: 0}
	grey  = layout.Colour{R: 200, G: 200, B: 200, K: 25}
	// testDate is a fixed date, as SOURCE_DATE_EPOCH would give.
	testDate = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
)

// pictureFiles writes test pictures into dir: a large photograph, a
// small one, a flat drawing with transparency.
func pictureFiles(t testing.TB, dir string) (big, small, logo string) {
	t.Helper()
	photo := func(w, h int) image.Image {
		img := image.NewRGBA(image.Rect(0, 0, w, h))
		sin := make([]float64, w)
		for x := range sin {
			sin[x] = math.Sin(float64(x) / 37)
		}
		for y := 0; y < h; y++ {
			cos := math.Cos(float64(y) / 23)
			row := img.Pix[y*img.Stride:]
			for x := 0; x < w; x++ {
				copy(row[4*x:], []byte{uint8(128 + 100*sin[x]*cos), uint8(x * 255 / w), uint8(y * 255 / h), 255})
			}
		}
		return img
	}
	write := func(name string, img image.Image) string {
		var buf bytes.Buffer
		var err error
		if filepath.Ext(name) == ".jpg" {
			err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90})
		} else {
			err = png.Encode(&buf, img)
		}
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	big = write("big.jpg", photo(1800, 1200))
	small = write("small.jpg", photo(200, 150))
	l := image.NewNRGBA(image.Rect(0, 0, 400, 400))
	for y := 0; y < 400; y++ {
		for x := 0; x < 400; x++ {
			if (x-200)*(x-200)+(y-200)*(y-200) < 150*150 {
				l.Set(x, y, color.NRGBA{0x4a, 0x2d, 0x8f, 255})
			}
		}
	}
	logo = write("logo.png", l)
	return
}

// run lays out words as justified layout does: one run per word.
func run(face string, size, x, y float64, c layout.Colour, words ...string) []layout.Box {
	f := fonts.MustLoad(face)
	var out []layout.Box
	for _, w := range words {
		adv := f.Advance(w, size)
		out = append(out, &layout.TextRun{X: x, Y: y, Face: face, Size: size, Colour: c, Text: w, Width: adv,
			Ascent: f.Ascent(size), Descent: f.Descent(size)})
		x += adv + f.Advance(" ", size)
	}
	return out
}

var (
	samplePicsOnce sync.Once
	samplePicsDir  string
	samplePics     [3]string
)

// TestMain removes the sample pictures shared by the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if samplePicsDir != "" {
		os.RemoveAll(samplePicsDir)
	}
	os.Exit(code)
}

// sharedPictures returns sample pictures made once per test run.
func sharedPictures(t testing.TB) (big, small, logo string) {
	samplePicsOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leafpress-pdf-test")
		if err != nil {
			t.Fatal(err)
		}
		samplePicsDir = dir
		samplePics[0], samplePics[1], samplePics[2] = pictureFiles(t, dir)
	})
	return samplePics[0], samplePics[1], samplePics[2]
}

// sampleDoc builds an A5 document by hand: a title page with a bleeding
// band, a photograph, a link and bookmarks, a text page, and a page with
// a missing picture and a small one.
func sampleDoc(t testing.TB, pages int) *layout.Document {
	t.Helper()
	big, small, logo := sharedPictures(t)
	bleed := 3 * MM
	d := &layout.Document{Title: "Program pro Prahu 11", Subject: "Komunální volby 2024", Author: "Jiří Dohnal, Martin Duška",
		Keywords: []string{"program", "Praha 11"}, Language: "cs",
		Faces: []string{fonts.Display, fonts.Regular, fonts.Bold}}
	for n := 1; n <= pages; n++ {
		p := &layout.Page{Number: n, Width: a5W, Height: a5H, Bleed: bleed}
		switch n % 3 {
		case 1:
			p.Boxes = append(p.Boxes,
				&layout.FillBox{Rect: layout.Rect{X: -bleed, Y: -bleed, W: a5W + 2*bleed, H: 90 + bleed}, Colour: brand},
				&layout.Anchor{Y: 30, Title: fmt.Sprintf("Kapitola %d", n), Level: 0},
			)
			p.Boxes = append(p.Boxes, run(fonts.Display, 40, 30, 70, layout.Colour{R: 255, G: 255, B: 255}, "PIRÁTSKÉ", "LISTY")...)
			p.Boxes = append(p.Boxes,
				&layout.ImageBox{Rect: layout.Rect{X: 30, Y: 110, W: 200, H: 140}, Image: &doc.Image{Src: "big.jpg", Path: big}, Placeholder: grey},
				&layout.ImageBox{Rect: layout.Rect{X: 250, Y: 110, W: 140, H: 140}, Image: &doc.Image{Src: "logo.png", Path: logo}, Placeholder: grey},
				&layout.Anchor{Y: 270, Title: "Doprava", Level: 1},
			)
			p.Boxes = append(p.Boxes, run(fonts.Bold, 14, 30, 290, black, "Doprava", "a\u00a0veřejný", "prostor")...)
			p.Boxes = append(p.Boxes, run(fonts.Regular, 9.5, 30, 310, black, "Navštivte", "praha11.pirati.cz", "a", "přidejte", "se.")...)
			p.Boxes = append(p.Boxes, &layout.LinkBox{Rect: layout.Rect{X: 70, Y: 300, W: 80, H: 12}, URL: "https://praha11.pirati.cz"})
			p.Boxes = append(p.Boxes, &layout.RuleBox{X1: 30, Y1: 330, X2: a5W - 30, Y2: 330, Width: 0.5, Colour: brand})
		case 2:
			p.Boxes = append(p.Boxes, &layout.Anchor{Y: 40, Title: "Bydlení", Level: 1})
			for i := 0; i < 40; i++ {
				p.Boxes = append(p.Boxes, run(fonts.Regular, 9.5, 30, 60+float64(i)*12.5, black,
					"Chceme", "dostupné", "bydlení", "pro", "mladé", "rodiny", "i", "seniory", "v", "celém", "obvodu.")...)
			}
		case 0:
			p.Boxes = append(p.Boxes,
				&layout.ImageBox{Rect: layout.Rect{X: 30, Y: 40, W: 160, H: 120}, Image: &doc.Image{Src: "chybi.jpg", Missing: "file not found"}, Placeholder: grey},
				&layout.ImageBox{Rect: layout.Rect{X: 210, Y: 40, W: 180, H: 135}, Image: &doc.Image{Src: "small.jpg", Path: small}, Placeholder: grey},
			)
			p.Boxes = append(p.Boxes, run(fonts.Regular, 9.5, 30, 200, black, "Strana", fmt.Sprint(n))...)
		}
		d.Pages = append(d.Pages, p)
	}
	return d
}

// writeSample writes d with opt and fails the test on error.
func writeSample(t testing.TB, d *layout.Document, opt Options) ([]byte, *Report) {
	t.Helper()
	var buf bytes.Buffer
	r, err := Write(&buf, d, opt)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), r
}
