package picture

import (
	"image"
	"math"
	"testing"
)

// TestPixels: a picture comes decoded and upright, a JPEG as NRGBA,
// reduced by whole blocks only when it is at least twice the side asked;
// a picture a preparation decoded is not decoded again.
func TestPixels(t *testing.T) {
	photo, logo, sideways := files(t)
	c := New("", 0)
	// 400 of 600 pixels: decoded whole, as Pixels below decodes it.
	if _, err := c.Prepare(photo, Options{Width: 400}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		im    any
		side  int
		w, h  int
		scale float64
		nrgba bool
	}{
		{"photo, own size", photo, 0, 600, 400, 1, true},
		{"photo, under twice the side", photo, 400, 600, 400, 1, true},
		{"photo, three times the side", photo, 200, 200, 134, 200.0 / 600, true},
		{"photo, four times the side: reduced as decoded", photo, 150, 150, 100, 150.0 / 600, true},
		{"sideways photo, upright (turned into NRGBA)", sideways, 0, 400, 600, 1, true},
		{"drawing (a PNG with transparency decodes to NRGBA)", logo, 20, 100, 100, 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			im := photo
			switch tc.im {
			case logo:
				im = logo
			case sideways:
				im = sideways
			}
			img, scale, src, err := c.Pixels(im, tc.side)
			if err != nil {
				t.Fatal(err)
			}
			if b := img.Bounds(); b.Dx() != tc.w || b.Dy() != tc.h {
				t.Errorf("size %v, want %d×%d", b, tc.w, tc.h)
			}
			if diff := scale - tc.scale; diff > 1e-9 || diff < -1e-9 {
				t.Errorf("scale %v, want %v", scale, tc.scale)
			}
			if _, ok := img.(*image.NRGBA); ok != tc.nrgba {
				t.Errorf("picture is %T", img)
			}
			if src.Width != tc.w && tc.scale == 1 {
				t.Errorf("source width %d, want %d", src.Width, tc.w)
			}
		})
	}
	if c.dec.decodes != 4 {
		t.Errorf("%d decodes for three files, want 4 (the photograph prepared before is not decoded again, the one at 1/4 is)", c.dec.decodes)
	}
}

// TestCMYKBytes: the integer conversion of whole pictures gives what
// RGBToCMYK gives, rounded, for colours across the cube (exact halves,
// which floating point may put a hair below, round up).
func TestCMYKBytes(t *testing.T) {
	img := image.NewNRGBA(image.Rect(0, 0, 52, 52*52))
	i := 0
	for r := 0; r < 256; r += 5 {
		for g := 0; g < 256; g += 5 {
			for b := 0; b < 256; b += 5 {
				img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r), uint8(g), uint8(b), 255
				i += 4
			}
		}
	}
	got := cmykBytes(img)
	for i := 0; i < len(img.Pix); i += 4 {
		c, m, y, k := RGBToCMYK(img.Pix[i], img.Pix[i+1], img.Pix[i+2])
		for j, v := range []float64{c, m, y, k} {
			if want := int(math.Round(v * 255)); abs(int(got[i+j])-want) > 1 {
				t.Fatalf("RGB %v: channel %d is %d, want %d", img.Pix[i:i+3], j, got[i+j], want)
			}
		}
	}
}
