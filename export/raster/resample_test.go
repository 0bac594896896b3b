package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"math/rand/v2"
	"testing"
)

// TestReduceArea compares reduceArea with area averaging worked out in
// floating point, pixel by pixel, for reductions from none to more than
// threefold, from the middle of a larger picture: every channel within
// 1 of it (the fixed-point result is rounded twice), and a flat picture
// stays exactly flat.
func TestReduceArea(t *testing.T) {
	src := noise(rand.New(rand.NewPCG(3, 4)), image.Pt(130, 90))
	tests := []reduction{
		{image.Rect(0, 0, 130, 90), 130, 90},
		{image.Rect(0, 0, 130, 90), 101, 71},
		{image.Rect(5, 7, 125, 87), 60, 40},
		{image.Rect(10, 3, 110, 83), 31, 17},
		{image.Rect(1, 1, 129, 89), 1, 1},
		{image.Rect(0, 0, 7, 90), 3, 90},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%v to %d×%d", tt.part, tt.w, tt.h), func(t *testing.T) {
			got := reduced(src, tt.part, tt.w, tt.h)
			if got.Bounds() != image.Rect(0, 0, tt.w, tt.h) {
				t.Fatalf("bounds %v, want %d × %d", got.Bounds(), tt.w, tt.h)
			}
			fx := float64(tt.part.Dx()) / float64(tt.w)
			fy := float64(tt.part.Dy()) / float64(tt.h)
			for y := range tt.h {
				for x := range tt.w {
					var sum [3]float64
					for sy := tt.part.Min.Y; sy < tt.part.Max.Y; sy++ {
						cy := overlap(float64(sy-tt.part.Min.Y), float64(y)*fy, float64(y+1)*fy)
						for sx := tt.part.Min.X; sx < tt.part.Max.X; sx++ {
							c := cy * overlap(float64(sx-tt.part.Min.X), float64(x)*fx, float64(x+1)*fx)
							if c == 0 {
								continue
							}
							for ch := range 3 {
								sum[ch] += c * float64(src.Pix[src.PixOffset(sx, sy)+ch])
							}
						}
					}
					p := got.Pix[got.PixOffset(x, y):][:4]
					for ch := range 3 {
						want := sum[ch] / (fx * fy)
						if math.Abs(float64(p[ch])-want) > 1 {
							t.Fatalf("pixel %d, %d channel %d: %d, want %.2f", x, y, ch, p[ch], want)
						}
					}
					if p[3] != 255 {
						t.Fatalf("pixel %d, %d: alpha %d, want opaque", x, y, p[3])
					}
				}
			}
		})
	}
	t.Run("flat", func(t *testing.T) {
		flat := image.NewRGBA(image.Rect(0, 0, 97, 61))
		for i := range flat.Pix {
			flat.Pix[i] = []uint8{200, 17, 255, 255}[i%4]
		}
		got := reduced(flat, flat.Rect, 41, 23)
		for i := 0; i < len(got.Pix); i += 4 {
			if p := got.Pix[i : i+4]; p[0] != 200 || p[1] != 17 || p[2] != 255 || p[3] != 255 {
				t.Fatalf("pixel %d is %v, want 200 17 255 255", i/4, p)
			}
		}
	})
}

// reduced is the part of src reduced to w × h by reduceArea.
// reduction is a test case of area reduction: the part of a picture
// reduced to w × h.
type reduction struct {
	part image.Rectangle
	w, h int
}

// noise returns a picture of the given size holding random bytes, alpha
// too.
func noise(rng *rand.Rand, size image.Point) *image.RGBA {
	img := image.NewRGBA(image.Rectangle{Max: size})
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	return img
}

// reduceArea is reduceBlocks from the picture itself: the part of an
// opaque sw × sh picture (RGBA or NRGBA bytes in pix, rows stride apart).
func reduceArea(dst *image.RGBA, frame image.Rectangle, pix []uint8, stride, sw, sh int, x0, y0, x1, y1 float64) {
	reduceBlocks(dst, frame, opaquePic{pix: pix, stride: stride, w: sw, h: sh}, 1, x0, y0, x1, y1)
}

func reduced(src *image.RGBA, part image.Rectangle, w, h int) *image.RGBA {
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	b := src.Rect
	reduceArea(dst, dst.Rect, src.Pix, src.Stride, b.Dx(), b.Dy(), float64(part.Min.X), float64(part.Min.Y), float64(part.Max.X), float64(part.Max.Y))
	return dst
}

// TestReduceAreaClipped draws a frame that sticks out of the page on
// every side: the pixels on the page are those of the whole frame, and
// nothing else of the page is touched.
func TestReduceAreaClipped(t *testing.T) {
	src := noise(rand.New(rand.NewPCG(5, 6)), image.Pt(90, 70))
	whole := reduced(src, src.Rect, 60, 50)
	page := image.NewRGBA(image.Rect(0, 0, 40, 30))
	frame := image.Rect(-7, -9, 53, 41)
	reduceArea(page, frame, src.Pix, src.Stride, 90, 70, 0, 0, 90, 70)
	for y := range 30 {
		for x := range 40 {
			got := page.RGBAAt(x, y)
			if want := whole.RGBAAt(x+7, y+9); got != want {
				t.Fatalf("page pixel %d, %d is %v, want the frame's %v", x, y, got, want)
			}
		}
	}
	page = image.NewRGBA(image.Rect(0, 0, 40, 30))
	reduceArea(page, image.Rect(30, 20, 90, 70), src.Pix, src.Stride, 90, 70, 0, 0, 90, 70)
	for y := range 30 {
		for x := range 40 {
			if on := x >= 30 && y >= 20; !on && page.RGBAAt(x, y).A != 0 {
				t.Fatalf("page pixel %d, %d outside the frame was drawn", x, y)
			} else if on && page.RGBAAt(x, y) != whole.RGBAAt(x-30, y-20) {
				t.Fatalf("page pixel %d, %d is not the frame's", x, y)
			}
		}
	}
}

// overlap is how much of the source pixel [i, i+1) lies in [lo, hi).
func overlap(i, lo, hi float64) float64 {
	return max(0, min(i+1, hi)-max(i, lo))
}

// BenchmarkReduceArea reduces a part of a 1200 × 800 picture to the
// frame of a share picture, the largest frame a build fills.
func BenchmarkReduceArea(b *testing.B) {
	src := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	for i := range src.Pix {
		src.Pix[i] = uint8(i * 7)
	}
	for b.Loop() {
		reduced(src, image.Rect(220, 0, 980, 800), 599, 630)
	}
}

// TestBlocks checks that a frame much smaller than its part, reduced
// from the picture averaged by blocks, is what reducing the part itself
// gives, within 3 of 255 on every channel for a steep gradient (they
// differ only where a block straddles a frame pixel's edge), odd edges
// and a frame 37 times smaller included.
func TestBlocks(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 403, 301))
	for y := range 301 {
		for x := range 403 {
			p := src.Pix[src.PixOffset(x, y):][:4]
			p[0], p[1], p[2], p[3] = uint8(x*255/402), uint8(y*255/300), uint8((x+y)*255/703), 255
		}
	}
	o := opaquePic{pix: src.Pix, stride: src.Stride, w: 403, h: 301}
	for _, tt := range []reduction{
		{image.Rect(0, 0, 403, 301), 100, 75},
		{image.Rect(13, 7, 390, 290), 90, 70},
		{image.Rect(1, 1, 402, 300), 11, 9},
		{image.Rect(50, 20, 250, 220), 150, 150},
		{image.Rect(3, 0, 403, 301), 133, 100},
	} {
		got := image.NewRGBA(image.Rect(0, 0, tt.w, tt.h))
		o.reduce(got, got.Rect, tt.part)
		want := reduced(src, tt.part, tt.w, tt.h)
		for i := range got.Pix {
			if d := int(got.Pix[i]) - int(want.Pix[i]); d < -3 || d > 3 {
				t.Fatalf("%v to %d × %d: byte %d is %d from the blocks, %d from the picture", tt.part, tt.w, tt.h, i, got.Pix[i], want.Pix[i])
			}
		}
	}
}

// TestBlockRow checks the means of blocks of an RGBA picture, as
// blockRow makes them for each size of block, against their sums worked
// out a pixel at a time: from every column a frame may start at, rows at
// the picture's bottom edge, blocks cut by its right edge, on random
// pixels and on white ones (the largest sums the lanes hold).
func TestBlockRow(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, white := range []bool{false, true} {
		src := noise(rng, image.Pt(203, 151))
		if white {
			for i := range src.Pix {
				src.Pix[i] = 255
			}
		}
		o := opaquePic{pix: src.Pix, stride: src.Stride, w: 203, h: 151}
		for b := 2; b <= maxBlock; b *= 2 {
			sw, sh := (o.w+b-1)/b, (o.h+b-1)/b
			for _, x := range []int{0, 1, sw / 2, sw - 1} {
				for _, y := range []int{0, 1, sh - 1} {
					in := make([]uint64, sw-x)
					o.blockRow(in, nil, b, x, y)
					for i, v := range in {
						var sum [3]int
						n := 0
						for yy := y * b; yy < min(o.h, y*b+b); yy++ {
							for xx := (x + i) * b; xx < min(o.w, (x+i)*b+b); xx++ {
								p := src.Pix[src.PixOffset(xx, yy):]
								sum[0], sum[1], sum[2] = sum[0]+int(p[0]), sum[1]+int(p[1]), sum[2]+int(p[2])
								n++
							}
						}
						for l := range 3 {
							want := (sum[l] + n/2) / n
							if got := int(v >> (l * laneBits) & (1<<laneBits - 1)); got != want {
								t.Fatalf("white %v, blocks of %d, row %d from %d: block %d channel %d is %d, want %d", white, b, y, x, i, l, got, want)
							}
						}
					}
				}
			}
		}
	}
}

// TestReducePlanes: a decoded JPEG reduced from its planes (converted to
// RGB only once averaged) is the reduction of its conversion to RGB,
// within 3 of 255 on every channel for photograph-like colours, with
// every subsampling Planar takes, from the picture itself and from its
// blocks, a frame sticking out of the page included; a grey one exactly.
func TestReducePlanes(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	const w, h = 211, 143
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio422,
		image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio440} {
		ycc := image.NewYCbCr(image.Rect(0, 0, w, h), ratio)
		for y := range h {
			for x := range w {
				r, g, b := uint8(60+x*120/w+rng.IntN(20)), uint8(40+y*150/h+rng.IntN(20)), uint8(200-x*100/w-rng.IntN(20))
				yy, cb, cr := color.RGBToYCbCr(r, g, b)
				ycc.Y[ycc.YOffset(x, y)] = yy
				ycc.Cb[ycc.COffset(x, y)] = cb
				ycc.Cr[ycc.COffset(x, y)] = cr
			}
		}
		rgb := image.NewRGBA(ycc.Rect)
		draw.Draw(rgb, rgb.Rect, ycc, image.Point{}, draw.Src)
		from := planarPic(ycc)
		want := opaquePic{pix: rgb.Pix, stride: rgb.Stride, w: w, h: h}
		for _, tt := range []struct {
			frame image.Rectangle
			part  image.Rectangle
		}{
			{image.Rect(0, 0, 150, 100), image.Rect(0, 0, w, h)},
			{image.Rect(-5, 3, 60, 40), image.Rect(7, 5, 200, 140)},
			{image.Rect(2, 2, 20, 15), image.Rect(0, 0, w, h)},
		} {
			got, exp := image.NewRGBA(image.Rect(0, 0, 60, 50)), image.NewRGBA(image.Rect(0, 0, 60, 50))
			from.reduce(got, tt.frame, tt.part)
			want.reduce(exp, tt.frame, tt.part)
			for i := range got.Pix {
				if d := int(got.Pix[i]) - int(exp.Pix[i]); d < -3 || d > 3 {
					t.Fatalf("%v: %v of %v, byte %d is %d from the planes, %d from RGB", ratio, tt.frame, tt.part, i, got.Pix[i], exp.Pix[i])
				}
			}
		}
	}
	// At its own size every frame pixel is one picture pixel, converted
	// exactly as color.YCbCrToRGB converts it, colours out of the RGB
	// gamut (clamped) included.
	ycc := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
	for _, p := range [][]uint8{ycc.Y, ycc.Cb, ycc.Cr} {
		for i := range p {
			p[i] = uint8(rng.IntN(256))
		}
	}
	same := image.NewRGBA(ycc.Rect)
	planarPic(ycc).reduce(same, same.Rect, ycc.Rect)
	for y := range h {
		for x := range w {
			c := ycc.YCbCrAt(x, y)
			r, g, b := color.YCbCrToRGB(c.Y, c.Cb, c.Cr)
			if got, want := same.RGBAAt(x, y), (color.RGBA{r, g, b, 255}); got != want {
				t.Fatalf("at its own size, pixel %d, %d is %v, want %v", x, y, got, want)
			}
		}
	}
	grey := image.NewGray(image.Rect(0, 0, w, h))
	for i := range grey.Pix {
		grey.Pix[i] = uint8(rng.IntN(256))
	}
	rgb := image.NewRGBA(grey.Rect)
	draw.Draw(rgb, rgb.Rect, grey, image.Point{}, draw.Src)
	got, exp := image.NewRGBA(image.Rect(0, 0, 90, 60)), image.NewRGBA(image.Rect(0, 0, 90, 60))
	planarPic(grey).reduce(got, got.Rect, grey.Rect)
	opaquePic{pix: rgb.Pix, stride: rgb.Stride, w: w, h: h}.reduce(exp, exp.Rect, grey.Rect)
	if !bytes.Equal(got.Pix, exp.Pix) {
		t.Error("a grey picture reduced from its plane differs from its RGB conversion reduced")
	}
}

// BenchmarkFrames draws one 1200 × 800 picture into the frames a build of
// the samples gives each chapter's picture (its share picture's, its
// leaflet front's bleeding off the page, and the programme cover's card
// and contents entry); the pages are kept between operations.
func BenchmarkFrames(b *testing.B) {
	src := noise(rand.New(rand.NewPCG(7, 8)), image.Pt(1200, 800))
	benchFrames(b, opaquePic{pix: src.Pix, stride: src.Stride, w: 1200, h: 800})
}

// BenchmarkFramesPlanes is BenchmarkFrames for a 4:2:0 JPEG's planes.
func BenchmarkFramesPlanes(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	src := image.NewYCbCr(image.Rect(0, 0, 1200, 800), image.YCbCrSubsampleRatio420)
	for _, p := range [][]uint8{src.Y, src.Cb, src.Cr} {
		for i := range p {
			p[i] = uint8(rng.IntN(256))
		}
	}
	benchFrames(b, *planarPic(src))
}

func benchFrames(b *testing.B, v opaquePic) {
	share := image.NewRGBA(image.Rect(0, 0, 1200, 630))
	leaflet := image.NewRGBA(image.Rect(0, 0, 480, 1018))
	cover := image.NewRGBA(image.Rect(0, 0, 480, 682))
	for b.Loop() {
		v.reduce(share, image.Rect(601, 0, 1200, 630), image.Rect(220, 0, 980, 800))
		v.reduce(leaflet, image.Rect(-15, -15, 495, 533), image.Rect(228, 0, 972, 800))
		v.reduce(cover, image.Rect(44, 300, 436, 479), image.Rect(0, 127, 1200, 673))
		v.reduce(cover, image.Rect(44, 500, 166, 555), image.Rect(0, 127, 1200, 673))
		v.reduce(cover, image.Rect(44, 20, 436, 296), image.Rect(31, 0, 1169, 800))
	}
}
