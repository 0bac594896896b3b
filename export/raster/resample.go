package raster

import (
	"encoding/binary"
	"image"
	"math"
)

// Pictures drawn smaller than they are (every picture in a thumbnail)
// are reduced by area averaging: each pixel of the frame is the mean of
// the part of the picture it covers, source pixels on its edges counted
// by the share of them inside. This is what a PDF viewer such as
// pdftoppm does when it draws a picture smaller, and it takes two or
// three source pixels per output pixel and direction at the reductions
// thumbnails need, where a cubic filter stretched to the reduction takes
// five to eight. Weights are fixed point, summing to areaOne.
//
// A pixel's red, green and blue are worked on together, each in a lane
// of 21 bits of one 64-bit word: a sum of channel values (at most 255)
// times weights summing to areaOne fits in 20 bits, so one multiply and
// one add weigh all three.
const (
	areaBits = 12
	areaOne  = 1 << areaBits

	laneBits = 21
	laneLow  = 1 | 1<<laneBits | 1<<(2*laneBits) // 1 in each lane
	laneByte = 0xFF * laneLow                    // a byte's bits in each lane
)

// span is the source pixels (from start, one weight each) that make one
// output pixel in one direction.
type span struct {
	start   int
	weights []int32
}

// areaSpans divides m source pixels among n ≤ m output pixels: output i
// covers source [i·m/n, (i+1)·m/n).
func areaSpans(m, n int) []span {
	f := float64(m) / float64(n)
	out := make([]span, n)
	all := make([]int32, 0, n*(int(f)+2))
	for i := range out {
		lo, hi := float64(i)*f, float64(i+1)*f
		first := int(lo)
		last := min(m-1, int(math.Ceil(hi))-1)
		start := len(all)
		var sum int32
		big := start
		for j := first; j <= last; j++ {
			cover := min(hi, float64(j+1)) - max(lo, float64(j))
			w := int32(math.Round(cover / f * areaOne))
			all = append(all, w)
			sum += w
			if w > all[big] {
				big = len(all) - 1
			}
		}
		// Rounding leftovers go to the largest weight, so a flat area
		// stays exactly flat.
		all[big] += areaOne - sum
		out[i] = span{start: first, weights: all[start:len(all):len(all)]}
	}
	return out
}

// reduceArea returns the part r of an opaque picture (RGBA or NRGBA
// bytes in pix, rows stride apart, alpha not read) reduced to w × h by
// area averaging, as opaque RGBA; w and h must be at most r's size.
func reduceArea(pix []uint8, stride int, r image.Rectangle, w, h int) *image.RGBA {
	sw, sh := r.Dx(), r.Dy()
	across, down := areaSpans(sw, w), areaSpans(sh, h)
	// Across first, into rows of lane words, then down.
	mid := make([]uint64, w*sh)
	in := make([]uint64, sw)
	for y := range sh {
		src := pix[(r.Min.Y+y)*stride+4*r.Min.X:][:4*sw]
		for x := range in {
			in[x] = spread(binary.LittleEndian.Uint32(src[4*x:]))
		}
		row := mid[w*y:][:w]
		for x, s := range across {
			var acc uint64
			for i, wt := range s.weights {
				acc += in[s.start+i] * uint64(wt)
			}
			row[x] = (acc + areaOne/2*laneLow) >> areaBits & laneByte
		}
	}
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	acc := make([]uint64, w)
	for y, s := range down {
		clear(acc)
		for i, wt := range s.weights {
			in := mid[w*(s.start+i):][:w]
			for x, v := range in {
				acc[x] += v * uint64(wt)
			}
		}
		o := out.Pix[y*out.Stride:][:4*w]
		for x, v := range acc {
			v = (v + areaOne/2*laneLow) >> areaBits
			binary.LittleEndian.PutUint32(o[4*x:], uint32(v&0xFF|v>>(laneBits-8)&0xFF00|v>>(2*laneBits-16)&0xFF0000|0xFF000000))
		}
	}
	return out
}

// spread puts the red, green and blue bytes of an RGBA pixel (read
// little-endian) each in its lane.
func spread(p uint32) uint64 {
	v := uint64(p)
	return v&0xFF | (v&0xFF00)<<(laneBits-8) | (v&0xFF0000)<<(2*laneBits-16)
}
