package picture

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"leafpress/export/doc"
)

// TestPixels: a picture comes decoded and upright, a JPEG as its decoding
// or, reduced by whole blocks when it is at least twice the side asked,
// as NRGBA; a picture a preparation decoded is not decoded again.
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
		{"photo, own size: its decoding", photo, 0, 600, 400, 1, false},
		{"photo, under twice the side: its decoding", photo, 400, 600, 400, 1, false},
		{"photo, three times the side: decoded at 1/2", photo, 200, 300, 200, 0.5, false},
		{"photo, four times the side: reduced as decoded, its decoding", photo, 150, 150, 100, 150.0 / 600, false},
		{"sideways photo, upright (turned into NRGBA)", sideways, 0, 400, 600, 1, true},
		{"drawing (a PNG with transparency decodes to NRGBA), own size", logo, 0, 100, 100, 1, true},
		{"drawing, five times the side: averaged by blocks", logo, 20, 20, 20, 0.2, true},
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
	// A block on the disc's edge keeps the disc's colour, partly
	// transparent.
	small, _, _, err := c.Pixels(logo, 20)
	if err != nil {
		t.Fatal(err)
	}
	edge := small.(*image.NRGBA).NRGBAAt(10, 2) // the disc spans 10-90 of 100
	if edge.A == 0 || edge.A == 255 || abs(int(edge.R)-0x4a) > 2 || abs(int(edge.G)-0x2d) > 2 || abs(int(edge.B)-0x8f) > 2 {
		t.Errorf("a block on the disc's edge is %v, want the disc's colour partly transparent", edge)
	}
	if c.dec.decodes != 5 {
		t.Errorf("%d decodes for three files, want 5 (the photograph prepared before is not decoded again, the ones at 1/2 and 1/4 are)", c.dec.decodes)
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

// TestPixelsPlanes: a JPEG drawn at about its decoded size comes as the
// decoding a preparation made, not converted nor copied; one reduced by
// blocks as planes; one turned upright as NRGBA.
func TestPixelsPlanes(t *testing.T) {
	photo, _, sideways := files(t)
	c := New("", 0)
	if _, err := c.Prepare(photo, Options{CMYK: true, Flatten: true}); err != nil {
		t.Fatal(err)
	}
	a, _, _, err := c.Pixels(photo, 400)
	if err != nil {
		t.Fatal(err)
	}
	b, _, _, err := c.Pixels(photo, 0)
	if err != nil {
		t.Fatal(err)
	}
	y, ok := a.(*image.YCbCr)
	if !ok || !Planar(a) || a != b {
		t.Fatalf("pixels %T and %T, want the one decoding's *image.YCbCr", a, b)
	}
	if y.Rect.Dx() != 600 || c.dec.decodes != 1 {
		t.Errorf("%v after %d decodes, want 600 wide after 1", y.Rect, c.dec.decodes)
	}
	// 600 / 8 = 75 for 30: decoded at 1/8, then blocks of 2.
	if small, _, _, _ := c.Pixels(photo, 30); !Planar(small) || small.Bounds().Dx() != 38 {
		t.Errorf("a photograph reduced by 16 comes as %T %v, want 38 wide planes", small, small.Bounds())
	}
	if up, _, _, _ := c.Pixels(sideways, 0); !isNRGBA(up) {
		t.Errorf("a photograph turned upright comes as %T, want NRGBA", up)
	}
	for _, tc := range []struct {
		img  image.Image
		want bool
	}{
		{image.NewYCbCr(image.Rect(0, 0, 5, 5), image.YCbCrSubsampleRatio420), true},
		{image.NewYCbCr(image.Rect(0, 0, 5, 5), image.YCbCrSubsampleRatio411), false},
		{image.NewYCbCr(image.Rect(1, 0, 5, 5), image.YCbCrSubsampleRatio444), false},
		{image.NewGray(image.Rect(0, 0, 5, 5)), true},
		{image.NewNRGBA(image.Rect(0, 0, 5, 5)), false},
	} {
		if got := Planar(tc.img); got != tc.want {
			t.Errorf("Planar(%T %v) = %v, want %v", tc.img, tc.img.Bounds(), got, tc.want)
		}
	}
}

func isNRGBA(img image.Image) bool {
	_, ok := img.(*image.NRGBA)
	return ok
}

// TestReducePlanes: blocks of a decoded JPEG averaged without converting
// it: luma the mean of each block, a 4:2:0 chroma sample the mean of the
// chroma over the pixels it covers, for every subsampling Planar takes,
// odd sizes and several block sizes; grey likewise.
func TestReducePlanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const w, h = 53, 37
	roundMean := func(sum, n int) uint8 { return uint8((sum + n/2) / n) }
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio440} {
		src := image.NewYCbCr(image.Rect(0, 0, w, h), ratio)
		for _, p := range [][]uint8{src.Y, src.Cb, src.Cr} {
			for i := range p {
				p[i] = uint8(rng.IntN(256))
			}
		}
		for _, k := range []int{2, 3, 4} {
			img, ok := reducePlanes(src, k)
			out, isYCC := img.(*image.YCbCr)
			ow, oh := (w+k-1)/k, (h+k-1)/k
			if !ok || !isYCC || out.SubsampleRatio != image.YCbCrSubsampleRatio420 || out.Rect != image.Rect(0, 0, ow, oh) {
				t.Fatalf("%v by %d: %T %v", ratio, k, img, img.Bounds())
			}
			for oy := range oh {
				for ox := range ow {
					var ys, cbs, crs, n, cn int
					for y := oy * k; y < min(h, oy*k+k); y++ {
						for x := ox * k; x < min(w, ox*k+k); x++ {
							ys, n = ys+int(src.Y[src.YOffset(x, y)]), n+1
						}
					}
					for y := oy / 2 * 2 * k; y < min(h, oy/2*2*k+2*k); y++ {
						for x := ox / 2 * 2 * k; x < min(w, ox/2*2*k+2*k); x++ {
							c := src.COffset(x, y)
							cbs, crs, cn = cbs+int(src.Cb[c]), crs+int(src.Cr[c]), cn+1
						}
					}
					got := out.YCbCrAt(ox, oy)
					if want := (color.YCbCr{roundMean(ys, n), roundMean(cbs, cn), roundMean(crs, cn)}); got != want {
						t.Fatalf("%v by %d: pixel %d, %d is %v, want %v", ratio, k, ox, oy, got, want)
					}
				}
			}
		}
	}
	grey := image.NewGray(image.Rect(0, 0, w, h))
	for i := range grey.Pix {
		grey.Pix[i] = uint8(rng.IntN(256))
	}
	img, ok := reducePlanes(grey, 3)
	g, isGrey := img.(*image.Gray)
	if !ok || !isGrey || g.Rect != image.Rect(0, 0, 18, 13) {
		t.Fatalf("grey by 3: %T %v", img, img.Bounds())
	}
	var sum int
	for y := 36; y < 37; y++ {
		for x := 51; x < 53; x++ {
			sum += int(grey.Pix[y*grey.Stride+x])
		}
	}
	if got, want := g.GrayAt(17, 12).Y, roundMean(sum, 2); got != want {
		t.Errorf("grey corner block %d, want %d", got, want)
	}
}

// TestPixelsDecodedSmaller: a 3000 × 2000 photograph, which Prefetch does
// not decode smaller (1500 < prefetchSide), is decoded at 1/2 for 960
// pixels, not whole.
func TestPixelsDecodedSmaller(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 3000, 2000))
	for i := range img.Pix {
		img.Pix[i] = uint8(i / 3000)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 60}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "camera.jpg")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	c := New("", 0)
	px, scale, _, err := c.Pixels(&doc.Image{Src: "camera.jpg", Path: path}, 960)
	if err != nil {
		t.Fatal(err)
	}
	if px.Bounds() != image.Rect(0, 0, 1500, 1000) || scale != 0.5 {
		t.Errorf("pixels %v at scale %v, want 1500 × 1000 at 1/2", px.Bounds(), scale)
	}
	for k := range c.dec.entries {
		if k.scale != 2 {
			t.Errorf("decoded at 1/%d, want 1/2", k.scale)
		}
	}
}

// TestDecodedLoadFailure: when the file's content cannot be had for a
// decoding (Pixels reads it again, and it changed or went meanwhile), a
// preparation waiting for that decoding with the content in hand decodes
// it itself instead of taking the other's error.
func TestDecodedLoadFailure(t *testing.T) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, image.NewGray(image.Rect(0, 0, 16, 8)), nil); err != nil {
		t.Fatal(err)
	}
	data := buf.Bytes()
	src := &Source{Width: 16, Height: 8, Format: "jpeg", sum: sha256.Sum256(data)}
	d := newDecoded(1 << 20)
	started, fail := make(chan struct{}), make(chan struct{})
	failed := make(chan error)
	go func() {
		_, _, err := d.entry(src, func() ([]byte, error) {
			close(started)
			<-fail
			return nil, errors.New("the file changed while leafpress was reading it; run again")
		}, 1, false)
		failed <- err
	}()
	<-started
	type result struct {
		img image.Image
		err error
	}
	got := make(chan result)
	go func() {
		img, release, err := d.get(src, data, 1)
		if err == nil {
			release()
		}
		got <- result{img, err}
	}()
	time.Sleep(50 * time.Millisecond) // the preparation waits for the decoding under way
	close(fail)
	if err := <-failed; err == nil {
		t.Fatal("a decoding whose content could not be read succeeded")
	}
	r := <-got
	if r.err != nil {
		t.Fatalf("a preparation holding the file took the failed reading's error: %v", r.err)
	}
	if r.img.Bounds() != image.Rect(0, 0, 16, 8) {
		t.Errorf("decoded %v", r.img.Bounds())
	}
}
