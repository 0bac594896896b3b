package raster

import (
	"encoding/binary"
	"image"
	"math"
	"math/bits"

	"leafpress/export/picture"
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
// A pixel's red, green and blue (a JPEG's luma and chroma, see planes)
// are worked on together, each in a lane of 21 bits of one 64-bit word: a
// sum of channel values (at most 255) times weights summing to areaOne
// fits in 20 bits, so one multiply and one add weigh all three.
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

// areaSpans divides the source pixels from lo to hi (of m, in pixels,
// fractions allowed) among n output pixels, n at most hi − lo: output i
// covers [lo + i·f, lo + (i+1)·f) with f = (hi − lo)/n.
func areaSpans(lo, hi float64, m, n int) []span {
	f := (hi - lo) / float64(n)
	out := make([]span, n)
	all := make([]int32, 0, n*(int(f)+2))
	for i := range out {
		a, b := lo+float64(i)*f, lo+float64(i+1)*f
		first := max(0, min(m-1, int(a)))
		last := max(first, min(m-1, int(math.Ceil(b))-1))
		start := len(all)
		var sum int32
		big := start
		for j := first; j <= last; j++ {
			cover := max(0, min(b, float64(j+1))-max(a, float64(j)))
			w := int32(math.Round(cover / f * areaOne))
			all = append(all, w)
			sum += w
			if w > all[big] {
				big = len(all) - 1
			}
		}
		// Rounding leftovers (and whatever lies past the picture's
		// edge) go to the largest weight, so a flat area stays exactly
		// flat.
		all[big] += areaOne - sum
		out[i] = span{start: first, weights: all[start:len(all):len(all)]}
	}
	return out
}

// reduceBlocks draws the part (x0, y0)–(x1, y1) of the opaque picture o
// averaged by blocks of b × b pixels (b a power of two, at most maxBlock;
// the part in the pixels of that ⌈w/b⌉ × ⌈h/b⌉ picture, fractions
// allowed) reduced by area averaging into frame of dst, opaque; the frame
// must be no larger than the part. The blocks' pixels are made as the
// rows across need them, never held whole; a block at the right or bottom
// edge averages the pixels it has. Only the frame's pixels inside dst are
// worked out, and they are written straight into it.
func reduceBlocks(dst *image.RGBA, frame image.Rectangle, o opaquePic, b int, x0, y0, x1, y1 float64) {
	vis := frame.Intersect(dst.Rect)
	if vis.Empty() {
		return
	}
	sw, sh := (o.w+b-1)/b, (o.h+b-1)/b
	across := areaSpans(x0, x1, sw, frame.Dx())[vis.Min.X-frame.Min.X : vis.Max.X-frame.Min.X]
	down := areaSpans(y0, y1, sh, frame.Dy())[vis.Min.Y-frame.Min.Y : vis.Max.Y-frame.Min.Y]
	w, h := len(across), len(down)
	// Only the source columns and rows the spans take are read.
	cx0, cx1 := across[0].start, across[w-1].start+len(across[w-1].weights)
	cy0, cy1 := down[0].start, down[h-1].start+len(down[h-1].weights)
	for i := range across {
		across[i].start -= cx0
	}
	for i := range down {
		down[i].start -= cy0
	}
	r := image.Rect(cx0, cy0, cx1, cy1)
	sw, sh = r.Dx(), r.Dy()
	// Across, a source row at a time into a row of lane words, then
	// down, each output row from the few rows across it takes, kept in a
	// ring (spans go down the picture, so each row is done once). At the
	// reductions blocks leave (less than two) every span takes at most
	// three pixels, done in one unrolled step; a span's pixels past the
	// end have zero weight, so whatever the spare places hold adds nothing.
	ax, axOK := threeTaps(across)
	dy, dyOK := threeTaps(down)
	ring := 3
	for _, s := range down {
		ring = max(ring, len(s.weights))
	}
	in := make([]uint64, sw+2)
	var raw []uint64 // a row of the picture itself, for blocks of a planar one
	if b > 1 && o.pix == nil {
		raw = make([]uint64, sw*b)
	}
	rows := make([]uint64, ring*w)
	tags := make([]int, ring)
	for i := range tags {
		tags[i] = -1
	}
	across1 := func(y int) []uint64 {
		row := rows[(y%ring)*w:][:w]
		if tags[y%ring] == y || y >= sh {
			return row
		}
		tags[y%ring] = y
		switch {
		case b == 1 && o.pix != nil:
			spreadRow(in[:sw], o.pix[(r.Min.Y+y)*o.stride+4*r.Min.X:][:4*sw])
		case b == 1:
			o.planes.row(in[:sw], r.Min.X, r.Min.Y+y)
		default:
			o.blockRow(in[:sw], raw, b, r.Min.X, r.Min.Y+y)
		}
		if axOK {
			for x, t := range ax {
				p := in[t.start : t.start+3 : t.start+3]
				row[x] = laneRound(p[0]*uint64(t.w[0]) + p[1]*uint64(t.w[1]) + p[2]*uint64(t.w[2]))
			}
			return row
		}
		for x, s := range across {
			var acc uint64
			for i, wt := range s.weights {
				acc += in[s.start+i] * uint64(wt)
			}
			row[x] = laneRound(acc)
		}
		return row
	}
	ycc := o.planes != nil && o.planes.ycc
	outRow := func(y int) []uint8 { return dst.Pix[dst.PixOffset(vis.Min.X, vis.Min.Y+y):][:4*w] }
	if dyOK {
		for y, t := range dy {
			s := int(t.start)
			r0, r1, r2 := across1(s), across1(s+1), across1(s+2)
			out := outRow(y)
			r1, r2 = r1[:len(r0)], r2[:len(r0)]
			w0, w1, w2 := uint64(t.w[0]), uint64(t.w[1]), uint64(t.w[2])
			if ycc {
				for x, v := range r0 {
					v = laneRound(v*w0 + r1[x]*w1 + r2[x]*w2)
					// putYCC, written out: the compiler does not inline it.
					yy, t := picture.Luma(uint8(v)), picture.ChromaOf(uint8(v>>laneBits), uint8(v>>(2*laneBits)))
					q := out[4*x : 4*x+4 : 4*x+4]
					q[0], q[1], q[2], q[3] = clampYCC(yy+t.R), clampYCC(yy+t.G), clampYCC(yy+t.B), 0xFF
				}
				continue
			}
			for x, v := range r0 {
				q := out[4*x : 4*x+4 : 4*x+4]
				v = laneRound(v*w0 + r1[x]*w1 + r2[x]*w2)
				q[0], q[1], q[2], q[3] = uint8(v), uint8(v>>laneBits), uint8(v>>(2*laneBits)), 0xFF
			}
		}
		return
	}
	acc := make([]uint64, w)
	for y, s := range down {
		clear(acc)
		for i, wt := range s.weights {
			for x, v := range across1(s.start + i) {
				acc[x] += v * uint64(wt)
			}
		}
		out := outRow(y)
		for x, v := range acc {
			if ycc {
				putYCC(out[4*x:4*x+4:4*x+4], laneRound(v))
			} else {
				binary.LittleEndian.PutUint32(out[4*x:], unspread(laneRound(v)))
			}
		}
	}
}

// tap3 is a span of at most three pixels, with zero weights for those
// it does not take.
type tap3 struct {
	start int32
	w     [3]uint16
}

// threeTaps returns the spans as tap3, or false when one takes more than
// three pixels.
func threeTaps(spans []span) ([]tap3, bool) {
	out := make([]tap3, len(spans))
	for i, s := range spans {
		if len(s.weights) > 3 {
			return nil, false
		}
		out[i].start = int32(s.start)
		for j, wt := range s.weights {
			out[i].w[j] = uint16(wt)
		}
	}
	return out, true
}

// spreadRow spreads the pixels of src (RGBA or NRGBA bytes, four a
// pixel) into in, one a word.
func spreadRow(in []uint64, src []uint8) {
	src = src[:4*len(in)]
	for i := range in {
		in[i] = spread(binary.LittleEndian.Uint32(src[4*i:]))
	}
}

// maxBlock is the largest block reduceBlocks averages: the sum of its
// pixels' channel values fits a lane.
const maxBlock = 64

// blockRow puts into in, spread, the means of the blocks of b × b pixels
// of row y of the picture averaged by blocks, from its column x on; raw
// is room for a row of the picture itself when it is planar.
func (o opaquePic) blockRow(in, raw []uint64, b, x, y int) {
	clear(in)
	x0 := x * b
	x1 := min(o.w, x0+len(in)*b) // the picture's columns the row takes
	y0, y1 := y*b, min(o.h, y*b+b)
	whole := (x1 - x0) / b // blocks with all their columns
	swar := o.pix != nil && b <= maxSWARBlock
	if swar {
		o.blockSums(in[:whole], b, x0, y0, y1)
	}
	for yy := y0; yy < y1; yy++ {
		if o.pix == nil {
			row := raw[:x1-x0]
			o.planes.row(row, x0, yy)
			if b == 2 {
				row := row[:2*whole]
				for i := range whole {
					in[i] += row[2*i] + row[2*i+1]
				}
			} else {
				for i := range whole {
					var sum uint64
					for _, v := range row[i*b : i*b+b] {
						sum += v
					}
					in[i] += sum
				}
			}
			if whole < len(in) { // the last block, cut by the picture's edge
				for _, v := range row[whole*b:] {
					in[whole] += v
				}
			}
			continue
		}
		src := o.pix[yy*o.stride+4*x0:][:4*(x1-x0)]
		if !swar { // larger blocks
			for i := range in[:whole] {
				blk := src[4*i*b:][:4*b]
				var sum uint64
				for j := 0; j < len(blk); j += 8 {
					v := binary.LittleEndian.Uint64(blk[j:])
					sum += spread(uint32(v)) + spread(uint32(v>>32))
				}
				in[i] += sum
			}
		}
		if whole < len(in) { // the last block, cut by the picture's edge
			for j := 4 * whole * b; j < len(src); j += 4 {
				in[whole] += spread(binary.LittleEndian.Uint32(src[j:]))
			}
		}
	}
	shift := uint(2 * bits.TrailingZeros(uint(b)))
	rows := y1 - y0
	for i := range in {
		cols := min(x1, x0+(i+1)*b) - (x0 + i*b)
		if n := rows * cols; n == b*b {
			in[i] = (in[i] + uint64(n/2)*laneLow) >> shift & laneByte
		} else { // an edge block: each lane on its own
			var v uint64
			for l := range 3 {
				c := in[i] >> (l * laneBits) & (1<<laneBits - 1)
				v |= (c + uint64(n/2)) / uint64(n) << (l * laneBits)
			}
			in[i] = v
		}
	}
}

// maxSWARBlock is the largest block blockSums adds up: its 16-bit lanes
// hold the sum of a channel over half the pixels of a block (and the two
// halves' sum) up to 16 × 16 pixels.
const maxSWARBlock = 16

// blockSums puts into sums the sums of the red, green and blue values,
// in lanes, of the whole blocks of b × b pixels (b at most maxSWARBlock)
// whose pixels lie from column x0 on, in rows y0 to y1, of a picture of
// RGBA or NRGBA bytes. Two pixels are read a load and added as they are,
// in 16-bit lanes (red and blue of both, then green and alpha of both),
// the lanes spread only once a block: fewer steps than spreading every
// pixel, and the same sums.
func (o opaquePic) blockSums(sums []uint64, b, x0, y0, y1 int) {
	const bytes = 0x00FF00FF00FF00FF
	if b == 2 && y1-y0 == 2 {
		// Two rows at once, a block a load from each.
		r0 := o.pix[y0*o.stride+4*x0:][:8*len(sums)]
		r1 := o.pix[(y0+1)*o.stride+4*x0:][:8*len(sums)]
		for i := range sums {
			v, w := binary.LittleEndian.Uint64(r0[8*i:]), binary.LittleEndian.Uint64(r1[8*i:])
			rb := v&bytes + w&bytes
			ga := v>>8&bytes + w>>8&bytes
			rb += rb >> 32
			ga += ga >> 32
			sums[i] = rb&0xFFFF | (ga&0xFFFF)<<laneBits | (rb>>16&0xFFFF)<<(2*laneBits)
		}
		return
	}
	for i := range sums {
		var rb, ga uint64
		for y := y0; y < y1; y++ {
			blk := o.pix[y*o.stride+4*(x0+i*b):][:4*b]
			for j := 0; j+8 <= len(blk); j += 8 {
				v := binary.LittleEndian.Uint64(blk[j:])
				rb += v & bytes
				ga += v >> 8 & bytes
			}
		}
		rb += rb >> 32 // the two pixels' lanes added
		ga += ga >> 32
		sums[i] = rb&0xFFFF | (ga&0xFFFF)<<laneBits | (rb>>16&0xFFFF)<<(2*laneBits)
	}
}

// laneRound turns weighted sums in lanes into channel values in lanes.
func laneRound(v uint64) uint64 {
	return (v + areaOne/2*laneLow) >> areaBits & laneByte
}

// unspread is an opaque RGBA pixel (to write little-endian) from channel
// values in lanes.
func unspread(v uint64) uint32 {
	return uint32(v&0xFF | v>>(laneBits-8)&0xFF00 | v>>(2*laneBits-16)&0xFF0000 | 0xFF000000)
}

// spread puts the red, green and blue bytes of an RGBA pixel (read
// little-endian) each in its lane.
func spread(p uint32) uint64 {
	v := uint64(p)
	return v&0xFF | (v&0xFF00)<<(laneBits-8) | (v&0xFF0000)<<(2*laneBits-16)
}

// opaquePic is an opaque picture: its RGBA or NRGBA bytes (alpha not
// read), or a decoded JPEG's planes.
type opaquePic struct {
	pix    []uint8 // nil for planes
	stride int
	planes *planes
	w, h   int
}

// planes reads a decoded JPEG's samples (picture.Planar: a *image.YCbCr
// or *image.Gray from 0, 0) into lanes as area reduction takes them:
// luma, blue and red chroma (ycc; the chroma sample a pixel lies in,
// converted to RGB only once averaged, as color.YCbCrToRGB does), or grey
// in all three lanes.
type planes struct {
	ycc bool
	row func(in []uint64, x, y int) // spreads len(in) pixels of row y from column x
}

// planarPic returns img (picture.Planar) as an opaque picture.
func planarPic(img image.Image) *opaquePic {
	b := img.Bounds()
	o := &opaquePic{w: b.Dx(), h: b.Dy(), planes: &planes{}}
	switch p := img.(type) {
	case *image.Gray:
		o.planes.row = func(in []uint64, x, y int) {
			for i, g := range p.Pix[y*p.Stride+x:][:len(in)] {
				in[i] = uint64(g) * laneLow
			}
		}
	case *image.YCbCr:
		sx, sy := 0, 0 // chroma subsampling across and down, as shifts
		switch p.SubsampleRatio {
		case image.YCbCrSubsampleRatio422:
			sx = 1
		case image.YCbCrSubsampleRatio420:
			sx, sy = 1, 1
		case image.YCbCrSubsampleRatio440:
			sy = 1
		}
		o.planes.ycc = true
		o.planes.row = func(in []uint64, x, y int) {
			lum := p.Y[y*p.YStride+x:][:len(in)]
			c := (y >> sy) * p.CStride
			n := (x+len(in)-1)>>sx + 1
			cb, cr := p.Cb[c:c+n], p.Cr[c:c+n]
			if sx == 0 {
				for i, l := range lum {
					in[i] = uint64(l) | uint64(cb[x+i])<<laneBits | uint64(cr[x+i])<<(2*laneBits)
				}
				return
			}
			// Two pixels a chroma sample: a pixel alone first when x is
			// odd, then pairs, then one left over.
			i, j := 0, x>>1
			if x&1 == 1 {
				in[0] = uint64(lum[0]) | uint64(cb[j])<<laneBits | uint64(cr[j])<<(2*laneBits)
				i, j = 1, j+1
			}
			for ; i+1 < len(in); i, j = i+2, j+1 {
				c := uint64(cb[j])<<laneBits | uint64(cr[j])<<(2*laneBits)
				in[i], in[i+1] = uint64(lum[i])|c, uint64(lum[i+1])|c
			}
			if i < len(in) {
				in[i] = uint64(lum[i]) | uint64(cb[j])<<laneBits | uint64(cr[j])<<(2*laneBits)
			}
		}
	}
	return o
}

// putYCC writes the opaque RGB pixel of Y′CbCr in lanes into q (four
// bytes), as color.YCbCrToRGB converts it (export/picture's arithmetic).
func putYCC(q []uint8, v uint64) {
	yy, t := picture.Luma(uint8(v)), picture.ChromaOf(uint8(v>>laneBits), uint8(v>>(2*laneBits)))
	q[0], q[1], q[2], q[3] = clampYCC(yy+t.R), clampYCC(yy+t.G), clampYCC(yy+t.B), 0xFF
}

// clampYCC is a channel from its sum with 16 fraction bits: shifted down
// and clamped to 0-255 (what color.YCbCrToRGB's test of the top byte
// gives), without a branch: at a picture's edges export/picture's
// branch is hard to foretell, and frames drawn from planes were a fifth
// slower with it (BenchmarkFramesPlanes).
func clampYCC(v int32) uint8 {
	v >>= 16
	v &^= v >> 31                 // below 0: 0
	return uint8(v | (255-v)>>31) // above 255: all ones
}

// reduce draws the part of the picture, in its pixels, into frame of dst,
// no larger than the part, by area averaging; a frame at least twice as
// small as its part is reduced from the picture averaged by blocks of
// b × b pixels, b the largest power of two that leaves the part at
// least the frame's size (fewer taps per pixel, each block's pixels read
// once). Averaging blocks first and then areas gives what averaging the
// areas alone would, but for the blocks straddling an area's edge.
func (o opaquePic) reduce(dst *image.RGBA, frame, part image.Rectangle) {
	f := min(float64(part.Dx())/float64(frame.Dx()), float64(part.Dy())/float64(frame.Dy()))
	b := 1
	for ; f >= 2 && b < maxBlock; f /= 2 {
		b *= 2
	}
	d := float64(b)
	reduceBlocks(dst, frame, o, b,
		float64(part.Min.X)/d, float64(part.Min.Y)/d, float64(part.Max.X)/d, float64(part.Max.Y)/d)
}
