package raster

import (
	"image"
	"image/color"
	"image/draw"
	"testing"

	"golang.org/x/image/vector"

	"leafpress/layout"
)

// TestRectMatchesRasterizer draws rectangles with sides along the axes,
// at fractional positions, by the quick path (rect) and by the
// rasterizer, and wants the same pixels to within rounding.
func TestRectMatchesRasterizer(t *testing.T) {
	tests := []layout.Rect{
		{X: 10, Y: 10, W: 50, H: 20},
		{X: 10.3, Y: 5.7, W: 40.2, H: 0.4},   // a hairline rule
		{X: 0.5, Y: 0.5, W: 0.3, H: 30},      // thinner than a pixel
		{X: -5.2, Y: 90.6, W: 200, H: 30},    // cut by the image
		{X: 33.25, Y: 12.75, W: 1.5, H: 1.5}, // inside two pixels
	}
	col := color.RGBA{20, 90, 200, 255}
	for _, r := range tests {
		draw1 := func(quick bool) *image.RGBA {
			img := image.NewRGBA(image.Rect(0, 0, 100, 100))
			draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
			c := &canvas{img: img, sx: 1, sy: 1, z: new(vector.Rasterizer)}
			p := roundRect(r, 0)
			if !p.isRect() {
				t.Fatalf("%v: not seen as a rectangle", r)
			}
			x0, y0, x1, y1 := p.bounds()
			area, ok := c.pixelRect(x0, y0, x1, y1)
			if !ok {
				t.Fatalf("%v: no pixels", r)
			}
			if quick {
				c.rect(col, area, x0, y0, x1, y1)
			} else {
				c.fillPath(col, p, area)
			}
			return img
		}
		a, b := draw1(true), draw1(false)
		for i := range a.Pix {
			if d := int(a.Pix[i]) - int(b.Pix[i]); d < -2 || d > 2 {
				t.Errorf("%v: byte %d (pixel %d, %d) is %d, the rasterizer gives %d", r, i, i/4%100, i/400, a.Pix[i], b.Pix[i])
				break
			}
		}
	}
	if (path{{start: pt{0, 0}, segs: []seg{line(10, 5), line(10, 10), line(0, 10)}}}).isRect() {
		t.Error("a slanted quadrilateral was taken for a rectangle")
	}
}
