package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"testing"
)

// TestShrink checks block averages: plain colours, transparency weighting
// the colours (premultiplied or not), edge blocks with fewer pixels, and a
// part of the picture.
func TestShrink(t *testing.T) {
	nrgba := func(w, h int, px func(x, y int) color.NRGBA) *image.NRGBA {
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				img.SetNRGBA(x, y, px(x, y))
			}
		}
		return img
	}
	checker := nrgba(4, 4, func(x, y int) color.NRGBA {
		if (x+y)%2 == 0 {
			return color.NRGBA{200, 100, 0, 255}
		}
		return color.NRGBA{0, 100, 200, 255}
	})
	// Half the block red and opaque, half transparent: the colour is red.
	halfClear := nrgba(2, 2, func(x, y int) color.NRGBA {
		if x == 0 {
			return color.NRGBA{255, 0, 0, 255}
		}
		return color.NRGBA{0, 0, 255, 0}
	})
	premul := image.NewRGBA(halfClear.Rect)
	for y := range 2 {
		for x := range 2 {
			premul.Set(x, y, halfClear.At(x, y))
		}
	}
	edge := nrgba(3, 3, func(x, y int) color.NRGBA { return color.NRGBA{uint8(10 * (x + 3*y)), 0, 0, 255} })
	for _, c := range []struct {
		name string
		img  image.Image
		r    image.Rectangle
		n    int
		want []color.NRGBA // row by row
		w, h int
	}{
		{"checker", checker, checker.Rect, 2, []color.NRGBA{{100, 100, 100, 255}, {100, 100, 100, 255}, {100, 100, 100, 255}, {100, 100, 100, 255}}, 2, 2},
		{"transparent half", halfClear, halfClear.Rect, 2, []color.NRGBA{{255, 0, 0, 128}}, 1, 1},
		{"premultiplied", premul, premul.Rect, 2, []color.NRGBA{{255, 0, 0, 128}}, 1, 1},
		// Blocks: {0,10,30,40}, {20,50}, {60,70}, {80}.
		{"edges", edge, edge.Rect, 2, []color.NRGBA{{20, 0, 0, 255}, {35, 0, 0, 255}, {65, 0, 0, 255}, {80, 0, 0, 255}}, 2, 2},
		{"part", edge, image.Rect(1, 1, 3, 3), 2, []color.NRGBA{{60, 0, 0, 255}}, 1, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, ok := shrink(c.img, c.r, c.n)
			if !ok {
				t.Fatal("not shrunk")
			}
			if out.Rect.Dx() != c.w || out.Rect.Dy() != c.h {
				t.Fatalf("size %v, want %d×%d", out.Rect, c.w, c.h)
			}
			for i, want := range c.want {
				if got := out.NRGBAAt(i%c.w, i/c.w); got != want {
					t.Errorf("pixel %d,%d = %v, want %v", i%c.w, i/c.w, got, want)
				}
			}
		})
	}
	if _, ok := shrink(image.NewGray(image.Rect(0, 0, 4, 4)), image.Rect(0, 0, 4, 4), 2); ok {
		t.Error("a grey picture was shrunk; only RGBA and NRGBA bytes are read")
	}
}

// TestOpaqueBytes: only RGBA or NRGBA pictures whose every pixel (of the
// part viewed) is opaque are resampled as opaque bytes.
func TestOpaqueBytes(t *testing.T) {
	opaque := image.NewRGBA(image.Rect(0, 0, 4, 4))
	for i := range opaque.Pix {
		opaque.Pix[i] = 255
	}
	holed := image.NewNRGBA(image.Rect(0, 0, 4, 4))
	for i := range holed.Pix {
		holed.Pix[i] = 255
	}
	holed.SetNRGBA(0, 0, color.NRGBA{1, 2, 3, 0})
	for _, c := range []struct {
		name string
		img  image.Image
		ok   bool
	}{
		{"opaque RGBA", opaque, true},
		{"NRGBA with a transparent pixel", holed, false},
		{"the opaque part of it", holed.SubImage(image.Rect(1, 1, 4, 4)), true},
		{"grey", image.NewGray(image.Rect(0, 0, 2, 2)), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			v, ok := opaqueBytes(c.img)
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v", ok, c.ok)
			}
			if ok && (v.Bounds() != c.img.Bounds() || v.NRGBAAt(v.Rect.Min.X, v.Rect.Min.Y) != (color.NRGBA{255, 255, 255, 255})) {
				t.Errorf("view %v, first pixel %v", v.Bounds(), v.NRGBAAt(v.Rect.Min.X, v.Rect.Min.Y))
			}
		})
	}
}

// TestResamplePlanes: a JPEG's planes drawn into a frame larger than the
// part are resampled as their conversion to RGB is, the same filter on
// the same bytes.
func TestResamplePlanes(t *testing.T) {
	ycc := image.NewYCbCr(image.Rect(0, 0, 40, 30), image.YCbCrSubsampleRatio420)
	for i := range ycc.Y {
		ycc.Y[i] = uint8(i * 7)
	}
	for i := range ycc.Cb {
		ycc.Cb[i], ycc.Cr[i] = uint8(100+i%40), uint8(140-i%30)
	}
	rgb := image.NewRGBA(ycc.Rect)
	draw.Draw(rgb, rgb.Rect, ycc, image.Point{}, draw.Src)
	part := image.Rect(3, 2, 37, 29)
	got, want := resample(ycc, part, 70, 50), resample(rgb, part, 70, 50)
	g, ok := got.(*image.RGBA)
	if !ok || !bytes.Equal(g.Pix, want.(*image.RGBA).Pix) {
		t.Errorf("planes resampled to %T, not as their RGB conversion", got)
	}
}
