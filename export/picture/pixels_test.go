package picture

import (
	"image"
	"image/color"
	"math"
	"math/rand/v2"
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

// TestConvertExact: a decoded JPEG converted to RGB (reduce by 1) and a
// 4:2:0 one halved give exactly what color.YCbCrToRGB gives, for every
// subsampling, odd sizes, a picture not starting at 0, 0 and colours
// across the whole cube (so that channels clamp at 0 and 255).
func TestConvertExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio440, image.YCbCrSubsampleRatio411, image.YCbCrSubsampleRatio410} {
		whole := image.NewYCbCr(image.Rect(0, 0, 67, 45), ratio)
		for _, p := range [][]uint8{whole.Y, whole.Cb, whole.Cr} {
			for i := range p {
				p[i] = uint8(rng.IntN(256))
			}
		}
		for _, img := range []*image.YCbCr{whole, whole.SubImage(image.Rect(3, 1, 66, 44)).(*image.YCbCr)} {
			out, ok := reduce(img, 1)
			if !ok {
				t.Fatalf("%v: not converted", ratio)
			}
			b := img.Rect
			for y := range b.Dy() {
				for x := range b.Dx() {
					c := img.YCbCrAt(b.Min.X+x, b.Min.Y+y)
					r, g, bl := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
					if got, want := out.NRGBAAt(x, y), (color.NRGBA{r, g, bl, 255}); got != want {
						t.Fatalf("%v %v: pixel %d, %d is %v, want %v", ratio, b, x, y, got, want)
					}
				}
			}
		}
		if ratio != image.YCbCrSubsampleRatio420 {
			continue
		}
		half, _ := reduce(whole, 2)
		for y := range 23 {
			for x := range 34 {
				var sum, n int
				for yy := 2 * y; yy < min(2*y+2, 45); yy++ {
					for xx := 2 * x; xx < min(2*x+2, 67); xx++ {
						sum, n = sum+int(whole.Y[whole.YOffset(xx, yy)]), n+1
					}
				}
				ci := whole.COffset(2*x, 2*y)
				r, g, bl := color.YCbCrToRGB(uint8((sum+n/2)/n), whole.Cb[ci], whole.Cr[ci])
				if got, want := half.NRGBAAt(x, y), (color.NRGBA{r, g, bl, 255}); got != want {
					t.Fatalf("halved: pixel %d, %d is %v, want %v", x, y, got, want)
				}
			}
		}
	}
}

// TestPixelsShareConversion: a JPEG converted to RGB for a print PDF's
// preparation at its own size is dropped with its decoding while no
// backend has asked for pixels; once one has, the conversion is kept and
// handed out again rather than made again.
func TestPixelsShareConversion(t *testing.T) {
	photo, _, _ := files(t)
	c := New("", 0)
	kept := func() (n int) {
		c.dec.mu.Lock()
		defer c.dec.mu.Unlock()
		for _, e := range c.dec.entries {
			if e.rgb != nil {
				n++
			}
		}
		return n
	}
	if _, err := c.Prepare(photo, Options{CMYK: true, Flatten: true}); err != nil {
		t.Fatal(err)
	}
	if n := kept(); n != 0 {
		t.Errorf("%d conversions kept after a preparation alone, want 0", n)
	}
	a, _, _, err := c.Pixels(photo, 0)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _, err := c.Pixels(photo, 0)
	if err != nil {
		t.Fatal(err)
	}
	if a != b || kept() != 1 {
		t.Errorf("a conversion asked for twice was made twice (%p, %p) or not kept (%d kept)", a, b, kept())
	}
	if _, err := c.Prepare(photo, Options{CMYK: true, Flatten: true, Quality: 70}); err != nil {
		t.Fatal(err)
	}
	if c.dec.decodes != 1 {
		t.Errorf("%d decodes, want 1", c.dec.decodes)
	}
}
