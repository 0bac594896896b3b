package raster_test

import (
	"image"
	"image/color"
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
		{"rounded fill", &layout.FillBox{Rect: layout.Rect{X: 20, Y: 20, W: 60, H: 60}, Colour: red, Radius: 15},
			[]image.Point{{50, 21}, {21, 50}, {50, 50}}, []image.Point{{20, 20}, {79, 79}}},
		{"rule", &layout.RuleBox{X1: 10, Y1: 40.5, X2: 90, Y2: 40.5, Width: 3, Colour: red},
			[]image.Point{{10, 40}, {50, 40}, {89, 40}}, []image.Point{{50, 37}, {50, 43}, {92, 40}}},
		{"text", word,
			[]image.Point{{12, 40}}, []image.Point{{12, 55}, {12, 15}, {int(10 + word.Width + 3), 40}}},
		{"missing picture", &layout.ImageBox{Rect: layout.Rect{X: 0, Y: 0, W: 100, H: 50}, Image: &doc.Image{Src: "x.jpg", Missing: "not found"}, Placeholder: red},
			[]image.Point{{2, 2}, {97, 47}}, []image.Point{{50, 52}}},
	}
	r := raster.New()
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
	if _, err := raster.New().Page(p, 0, 10); err == nil {
		t.Error("a zero-width image gave no error")
	}
	if h := raster.Height(p, 240); h != 480 {
		t.Errorf("Height(100 × 200 pt, 240 px) = %d, want 480", h)
	}
}
