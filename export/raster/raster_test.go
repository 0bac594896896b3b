package raster_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"leafpress/export/doc"
	"leafpress/export/raster"
	"leafpress/fonts"
	"leafpress/layout"
)

// TestBoxes draws one box at a time on a 100 × 100 pt page at one pixel
// per point and checks the pixels a reader would look at.
func TestBoxes(t *testing.T) {
	red := layout.Colour{R: 200, G: 20, B: 30}
	face := fonts.MustLoad(fonts.Bold)
	word := &layout.TextRun{X: 10, Y: 50, Face: fonts.Bold, Size: 30, Colour: red, Text: "HMM",
		Width: face.Advance("HMM", 30), Ascent: face.Ascent(30), Descent: face.Descent(30)}
	tests := []struct {
		name  string
		box   layout.Box
		ink   []image.Point // pixels in the box's colour (near enough)
		paper []image.Point // pixels left white
	}{
		{"fill", &layout.FillBox{Rect: layout.Rect{X: 20, Y: 20, W: 60, H: 30}, Colour: red},
			[]image.Point{{21, 21}, {50, 35}, {78, 48}}, []image.Point{{19, 35}, {50, 51}, {81, 35}}},
		{"page fill", &layout.FillBox{Rect: layout.Rect{X: -3, Y: -3, W: 106, H: 106}, Colour: red},
			[]image.Point{{0, 0}, {50, 50}, {99, 99}}, nil},
		{"rounded page fill", &layout.FillBox{Rect: layout.Rect{X: 0, Y: 0, W: 100, H: 100}, Colour: red, Radius: 20},
			[]image.Point{{50, 50}, {50, 1}}, []image.Point{{0, 0}, {99, 99}}},
		{"rounded fill", &layout.FillBox{Rect: layout.Rect{X: 20, Y: 20, W: 60, H: 60}, Colour: red, Radius: 15},
			[]image.Point{{50, 21}, {21, 50}, {50, 50}}, []image.Point{{20, 20}, {79, 79}}},
		{"rule", &layout.RuleBox{X1: 10, Y1: 40.5, X2: 90, Y2: 40.5, Width: 3, Colour: red},
			[]image.Point{{10, 40}, {50, 40}, {89, 40}}, []image.Point{{50, 37}, {50, 43}, {92, 40}}},
		{"text", word,
			[]image.Point{{12, 40}}, []image.Point{{12, 55}, {12, 15}, {int(10 + word.Width + 3), 40}}},
		{"missing picture", &layout.ImageBox{Rect: layout.Rect{X: 0, Y: 0, W: 100, H: 50}, Image: &doc.Image{Src: "x.jpg", Missing: "not found"}, Placeholder: red},
			[]image.Point{{2, 2}, {97, 47}}, []image.Point{{50, 52}}},
	}
	r := raster.New(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &layout.Page{Number: 1, Width: 100, Height: 100, Boxes: []layout.Box{tt.box}}
			img, err := r.Page(p, 100, 100)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range tt.ink {
				if c := img.RGBAAt(q.X, q.Y); !near(c, color.RGBA{200, 20, 30, 255}) {
					t.Errorf("pixel %v is %v, want the box's colour", q, c)
				}
			}
			for _, q := range tt.paper {
				if c := img.RGBAAt(q.X, q.Y); c != (color.RGBA{255, 255, 255, 255}) {
					t.Errorf("pixel %v is %v, want white paper", q, c)
				}
			}
		})
	}
}

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) int { return max(int(x), int(y)) - min(int(x), int(y)) }
	return d(a.R, b.R) < 8 && d(a.G, b.G) < 8 && d(a.B, b.B) < 8
}

// TestSize checks the error for an image without pixels.
func TestSize(t *testing.T) {
	p := &layout.Page{Number: 1, Width: 100, Height: 200}
	if _, err := raster.New(nil).Page(p, 0, 10); err == nil {
		t.Error("a zero-width image gave no error")
	}
	if h := raster.Height(p, 240); h != 480 {
		t.Errorf("Height(100 × 200 pt, 240 px) = %d, want 480", h)
	}
}

// TestFit checks pages fitted to a box: A5 and A4 across, a DL leaflet
// and a tall page down, a wide page across.
func TestFit(t *testing.T) {
	for _, tt := range []struct {
		w, h         float64 // page, pt
		fitW, fitH   int     // the box
		wantW, wantH int
	}{
		{419.53, 595.28, 240, 341, 240, 341}, // A5
		{595.28, 841.89, 240, 341, 240, 339}, // A4
		{280.63, 595.28, 240, 341, 161, 341}, // DL
		{100, 200, 240, 341, 171, 341},
		{200, 100, 240, 341, 240, 120},
	} {
		p := &layout.Page{Number: 1, Width: tt.w, Height: tt.h}
		if w, h := raster.Fit(p, tt.fitW, tt.fitH); w != tt.wantW || h != tt.wantH {
			t.Errorf("Fit(%g × %g pt, %d × %d) = %d × %d, want %d × %d", tt.w, tt.h, tt.fitW, tt.fitH, w, h, tt.wantW, tt.wantH)
		}
	}
}

// TestEncodePNG round-trips a drawn page through EncodePNG and
// image/png's decoder, and checks Half against the mean of 2 × 2 pixels.
func TestEncodePNG(t *testing.T) {
	red := layout.Colour{R: 200, G: 20, B: 30}
	p := &layout.Page{Number: 1, Width: 100, Height: 150, Boxes: []layout.Box{
		&layout.FillBox{Rect: layout.Rect{X: 10, Y: 10, W: 50, H: 80}, Colour: red, Radius: 8},
		&layout.RuleBox{X1: 0, Y1: 120, X2: 100, Y2: 140, Width: 2, Colour: layout.Colour{B: 255}},
	}}
	img, err := raster.New(nil).Page(p, 301, 450) // odd width: Half drops the last column
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := raster.EncodePNG(&buf, img); err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("EncodePNG's file does not decode: %v", err)
	}
	if got.Bounds() != img.Bounds() {
		t.Fatalf("decoded size %v, want %v", got.Bounds(), img.Bounds())
	}
	for y := 0; y < 450; y++ {
		for x := 0; x < 301; x++ {
			r, g, b, _ := got.At(x, y).RGBA()
			w := img.RGBAAt(x, y)
			if uint8(r>>8) != w.R || uint8(g>>8) != w.G || uint8(b>>8) != w.B {
				t.Fatalf("pixel (%d, %d) decodes as %d %d %d, drawn %v", x, y, r>>8, g>>8, b>>8, w)
			}
		}
	}
	h := raster.Half(img)
	if h.Bounds().Dx() != 150 || h.Bounds().Dy() != 225 {
		t.Fatalf("Half is %v, want 150 × 225", h.Bounds())
	}
	for _, q := range []image.Point{{20, 30}, {5, 5}, {70, 100}, {10, 43}} {
		var sum int
		for _, d := range []image.Point{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
			sum += int(img.RGBAAt(2*q.X+d.X, 2*q.Y+d.Y).G)
		}
		if got, want := int(h.RGBAAt(q.X, q.Y).G), (sum+2)/4; got != want {
			t.Errorf("Half at %v: green %d, want the mean %d", q, got, want)
		}
	}
}

// TestTextScale checks that a run's glyph scale (a justified line's glyph
// expansion, drawn with Tz in the PDF) widens the drawn text as it widens
// the measured one.
func TestTextScale(t *testing.T) {
	face := fonts.MustLoad(fonts.Bold)
	right := func(scale float64) int {
		w := face.Advance("HMM", 30)
		if scale > 0 {
			w *= scale
		}
		run := &layout.TextRun{X: 10, Y: 50, Face: fonts.Bold, Size: 30, Text: "HMM", Width: w, Scale: scale}
		img, err := raster.New(nil).Page(&layout.Page{Number: 1, Width: 200, Height: 100, Boxes: []layout.Box{run}}, 200, 100)
		if err != nil {
			t.Fatal(err)
		}
		last := -1
		for x := 0; x < 200; x++ {
			for y := 0; y < 100; y++ {
				if img.RGBAAt(x, y).R < 128 {
					last = x
				}
			}
		}
		return last
	}
	w := face.Advance("HMM", 30)
	for _, tt := range []struct{ scale, want float64 }{{0, 10 + w}, {1, 10 + w}, {1.3, 10 + 1.3*w}, {0.8, 10 + 0.8*w}} {
		if got := float64(right(tt.scale)); got < tt.want-4 || got > tt.want+1 {
			t.Errorf("scale %g: ink ends at x = %g, want about %.1f (the measured width)", tt.scale, got, tt.want)
		}
	}
}
