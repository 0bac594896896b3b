package raster

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"testing"
)

// TestGlyphOver draws every mask value over every byte value in colours
// of every byte value with glyphOver and with image/draw (a Uniform
// source, an Alpha mask, Over): the bytes must be the same, and the mask
// placed and clipped alike.
func TestGlyphOver(t *testing.T) {
	t.Parallel()
	// Mask value x across; the page's bytes (d, 255−d, 7d, and an alpha of
	// 255 or d) down: every (d, a) pair in red and green.
	mask := image.NewAlpha(image.Rect(0, 0, 256, 256))
	for y := range 256 {
		for x := range 256 {
			mask.Pix[y*mask.Stride+x] = uint8(x)
		}
	}
	page := func(opaque bool) *image.RGBA {
		p := image.NewRGBA(image.Rect(0, 0, 256, 256))
		for y := range 256 {
			for x := range 256 {
				a := uint8(255)
				if !opaque {
					a = uint8(y)
				}
				copy(p.Pix[p.PixOffset(x, y):], []uint8{uint8(y), uint8(255 - y), uint8(7 * y), a})
			}
		}
		return p
	}
	for _, opaque := range []bool{true, false} {
		want, got := page(opaque), page(opaque)
		for c := range 256 {
			col := color.RGBA{uint8(c), uint8(255 - c), uint8(3 * c), 255}
			copy(want.Pix, page(opaque).Pix)
			copy(got.Pix, want.Pix)
			draw.DrawMask(want, want.Bounds(), image.NewUniform(col), image.Point{}, mask, image.Point{}, draw.Over)
			glyphOver(got, got.Bounds(), col, mask, image.Point{})
			if !bytes.Equal(got.Pix, want.Pix) {
				for i := range got.Pix {
					if got.Pix[i] != want.Pix[i] {
						t.Fatalf("colour %v, mask %d over %v: byte %d is %d, image/draw gives %d", col, i/4%256, page(opaque).Pix[i-i%4:i-i%4+4], i%4, got.Pix[i], want.Pix[i])
					}
				}
			}
		}
	}
	// A part of the mask into a part of the page.
	want, got := page(true), page(true)
	r, mp := image.Rect(10, 20, 50, 90), image.Pt(100, 30)
	col := color.RGBA{200, 20, 30, 255}
	draw.DrawMask(want, r, image.NewUniform(col), image.Point{}, mask, mp, draw.Over)
	glyphOver(got, r, col, mask, mp)
	if !bytes.Equal(got.Pix, want.Pix) {
		t.Errorf("a part of the mask (from %v) into %v: the bytes differ from image/draw's", mp, r)
	}
}
