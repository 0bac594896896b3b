package picture

import (
	"image"
	"math"
	"runtime"
	"sync"
)

// catmullRom is the Catmull-Rom cubic (B = 0, C = 1/2), support 2.
func catmullRom(x float64) float64 {
	x = math.Abs(x)
	switch {
	case x < 1:
		return (3*x-5)*x*x/2 + 1
	case x < 2:
		return ((-x+5)*x-8)*x/2 + 2
	}
	return 0
}

// taps are the source pixels and weights (fixed point, weightOne = 1)
// that make one output pixel in one direction.
type taps struct {
	start   int
	weights []int32
}

const weightBits = 14
const weightOne = 1 << weightBits

// filterTaps works out, for n output pixels from m source pixels, which
// source pixels each takes and by how much: the Catmull-Rom cubic
// stretched by the reduction factor, weights summing to one.
func filterTaps(m, n int) []taps {
	scale := float64(m) / float64(n)
	fs := math.Max(scale, 1)
	radius := 2 * fs
	out := make([]taps, n)
	for x := range out {
		center := (float64(x)+0.5)*scale - 0.5
		lo := max(0, int(math.Ceil(center-radius)))
		hi := min(m-1, int(math.Floor(center+radius)))
		ws := make([]float64, 0, hi-lo+1)
		var sum float64
		for i := lo; i <= hi; i++ {
			w := catmullRom((float64(i) - center) / fs)
			ws = append(ws, w)
			sum += w
		}
		t := taps{start: lo, weights: make([]int32, len(ws))}
		var isum int32
		for i, w := range ws {
			t.weights[i] = int32(math.Round(w / sum * weightOne))
			isum += t.weights[i]
		}
		// Rounding leftovers go to the largest weight, so a flat area
		// stays exactly flat.
		big := 0
		for i, w := range t.weights {
			if w > t.weights[big] {
				big = i
			}
		}
		t.weights[big] += weightOne - isum
		out[x] = t
	}
	return out
}

// clampPixel turns a fixed-point sum into a channel value.
func clampPixel(v int32) uint8 {
	v = (v + weightOne/2) >> weightBits
	if v < 0 {
		return 0
	}
	if v > 255 {
		return 255
	}
	return uint8(v)
}

// ResampleOpaque resamples an opaque picture (every alpha 255; alpha is
// not read) to w×h with the Catmull-Rom cubic, in fixed point, in two
// passes (across, then down) over bands of rows in parallel, as the
// pictures prepared for files are; for a backend drawing pictures itself.
func ResampleOpaque(src *image.NRGBA, w, h int) *image.NRGBA {
	sw, sh := src.Rect.Dx(), src.Rect.Dy()
	return resampleRows(sw, sh, func() func(y int) []uint8 {
		return func(y int) []uint8 { return src.Pix[y*src.Stride : y*src.Stride+4*sw] }
	}, w, h)
}

// resampleReduced is reduce(img, k) resampled to w×h, without holding the
// reduced picture: each band reduces its rows into one row of scratch
// and resamples them across at once.
func resampleReduced(img image.Image, k, w, h int) *image.NRGBA {
	b := img.Bounds()
	rw, rh := (b.Dx()+k-1)/k, (b.Dy()+k-1)/k
	return resampleRows(rw, rh, func() func(y int) []uint8 {
		scratch := make([]uint8, 4*rw)
		sink := rowSink{w: rw, row: func(int) []uint8 { return scratch }}
		return func(y int) []uint8 {
			reduceRows(img, k, sink, y, y+1)
			return scratch
		}
	}, w, h)
}

// resampleRows resamples an opaque sw×sh picture, whose rows (NRGBA) a
// band reads through a function made for it by rows, to w×h.
func resampleRows(sw, sh int, rows func() func(y int) []uint8, w, h int) *image.NRGBA {
	across := filterTaps(sw, w)
	down := filterTaps(sh, h)
	mid := image.NewNRGBA(image.Rect(0, 0, w, sh))
	bands(sh, func(from, to int) {
		rowOf := rows()
		for y := from; y < to; y++ {
			in := rowOf(y)
			row := mid.Pix[y*mid.Stride : y*mid.Stride+4*w]
			for x, t := range across {
				var r, g, b int32
				p := in[4*t.start : 4*t.start+4*len(t.weights)]
				for _, wt := range t.weights {
					q := p[:3:3]
					r += int32(q[0]) * wt
					g += int32(q[1]) * wt
					b += int32(q[2]) * wt
					p = p[4:]
				}
				o := row[4*x : 4*x+4 : 4*x+4]
				o[0], o[1], o[2], o[3] = clampPixel(r), clampPixel(g), clampPixel(b), 255
			}
		}
	})
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	bands(h, func(from, to int) {
		acc := make([]int32, 4*w) // laid out as the pixels, alpha unused
		for y := from; y < to; y++ {
			clear(acc)
			t := down[y]
			for i, wt := range t.weights {
				in := mid.Pix[(t.start+i)*mid.Stride : (t.start+i)*mid.Stride+4*w]
				a := acc[:len(in)]
				for x := 0; x+3 < len(in); x += 4 {
					p, s := in[x:x+3:x+3], a[x:x+3:x+3]
					s[0] += int32(p[0]) * wt
					s[1] += int32(p[1]) * wt
					s[2] += int32(p[2]) * wt
				}
			}
			row := out.Pix[y*out.Stride : y*out.Stride+4*w]
			for x := 0; x+3 < len(row); x += 4 {
				o, s := row[x:x+4:x+4], acc[x:x+3:x+3]
				o[0], o[1], o[2], o[3] = clampPixel(s[0]), clampPixel(s[1]), clampPixel(s[2]), 255
			}
		}
	})
	return out
}

// bands calls fn for bands of the rows 0..n, one per processor, in
// parallel.
func bands(n int, fn func(from, to int)) {
	k := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	for i := range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(n*i/k, n*(i+1)/k)
		}()
	}
	wg.Wait()
}

// resamplePlanes resamples a decoded JPEG to w×h plane by plane, without
// converting it to RGB and back: a YCbCr picture gives a 4:2:0 one (the
// JPEG encoder's own subsampling, so it encodes it as it is, its chroma
// resampled at a quarter of the work of the luma), a grey one a grey one.
// ok is false for any other picture.
func resamplePlanes(img image.Image, w, h int) (out image.Image, ok bool) {
	switch src := img.(type) {
	case *image.Gray:
		g := image.NewGray(image.Rect(0, 0, w, h))
		b := src.Rect
		resamplePlane(src.Pix, src.Stride, b.Dx(), b.Dy(), g.Pix, g.Stride, w, h)
		return g, true
	case *image.YCbCr:
		if src.Rect.Min != (image.Point{}) {
			return nil, false
		}
		y := image.NewYCbCr(image.Rect(0, 0, w, h), image.YCbCrSubsampleRatio420)
		sw, sh := src.Rect.Dx(), src.Rect.Dy()
		dx, dy := chromaDivs(src.SubsampleRatio)
		cw, ch := (sw+dx-1)/dx, (sh+dy-1)/dy
		resamplePlane(src.Y, src.YStride, sw, sh, y.Y, y.YStride, w, h)
		resamplePlane(src.Cb, src.CStride, cw, ch, y.Cb, y.CStride, (w+1)/2, (h+1)/2)
		resamplePlane(src.Cr, src.CStride, cw, ch, y.Cr, y.CStride, (w+1)/2, (h+1)/2)
		return y, true
	}
	return nil, false
}

// resamplePlane resamples one plane of 8-bit samples, sw×sh with rows
// stride apart, into dst (w×h, rows dstride apart) with the Catmull-Rom
// cubic: across, then down, over bands of rows in parallel.
func resamplePlane(src []uint8, stride, sw, sh int, dst []uint8, dstride, w, h int) {
	across := filterTaps(sw, w)
	down := filterTaps(sh, h)
	mid := make([]uint8, w*sh)
	bands(sh, func(from, to int) {
		for y := from; y < to; y++ {
			in := src[y*stride : y*stride+sw]
			row := mid[y*w : y*w+w]
			for x, t := range across {
				var s int32
				p := in[t.start:]
				p = p[:len(t.weights)]
				for i, wt := range t.weights {
					s += int32(p[i]) * wt
				}
				row[x] = clampPixel(s)
			}
		}
	})
	bands(h, func(from, to int) {
		acc := make([]int32, w)
		for y := from; y < to; y++ {
			clear(acc)
			t := down[y]
			for i, wt := range t.weights {
				in := mid[(t.start+i)*w : (t.start+i)*w+w]
				a := acc[:len(in)]
				for x, p := range in {
					a[x] += int32(p) * wt
				}
			}
			row := dst[y*dstride : y*dstride+w]
			for x, s := range acc {
				row[x] = clampPixel(s)
			}
		}
	})
}
