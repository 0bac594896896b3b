package picture

import (
	"image"
	"image/color"
)

// reduceGap is how much resampling is left after a reduction: a picture
// shrunk by a factor f is first reduced by whole blocks of k×k pixels,
// k = ⌊f / reduceGap⌋, and then resampled by f/k ≥ reduceGap. Averaging
// blocks is a fraction of the work of a resampling filter as wide as the
// factor, and a filter still at least 1.5 pixels wide keeps the result
// as sharp and free of aliasing to the eye.
const reduceGap = 1.5

// reduction returns the block size to reduce a w×h picture by before
// resampling it to tw×th, 1 when not worth it.
func reduction(w, h, tw, th int) int {
	f := min(float64(w)/float64(tw), float64(h)/float64(th))
	return max(1, int(f/reduceGap))
}

// reduce averages blocks of k×k pixels of img, a decoded JPEG (YCbCr or
// grey), into an opaque picture of ⌈w/k⌉×⌈h/k⌉ (blocks at the right and
// bottom edges average the pixels they have). The colour conversion is
// done on the averages, after the reduction. Bands of rows are reduced in
// parallel. ok is false for other kinds of pictures.
func reduce(img image.Image, k int) (out *image.NRGBA, ok bool) {
	if !reducible(img) {
		return nil, false
	}
	b := img.Bounds()
	ow, oh := (b.Dx()+k-1)/k, (b.Dy()+k-1)/k
	out = image.NewNRGBA(image.Rect(0, 0, ow, oh))
	sink := rowSink{w: ow, row: func(y int) []uint8 { return out.Pix[y*out.Stride : y*out.Stride+4*ow] }}
	bands(oh, func(from, to int) { reduceRows(img, k, sink, from, to) })
	return out, true
}

// reducible reports whether reduce can take img: a decoded JPEG.
func reducible(img image.Image) bool {
	switch img.(type) {
	case *image.YCbCr, *image.Gray:
		return true
	}
	return false
}

// rowSink takes reduced rows: row(y) is the 4×w bytes (NRGBA) of row y.
type rowSink struct {
	w   int
	row func(y int) []uint8
}

// reduceRows reduces rows from to to (exclusive) of img by k into out.
func reduceRows(img image.Image, k int, out rowSink, from, to int) {
	switch src := img.(type) {
	case *image.YCbCr:
		reduceYCbCr(out, src, k, from, to)
	case *image.Gray:
		reduceGray(out, src, k, from, to)
	}
}

// chromaDivs returns how many pixels across and down share one chroma
// sample in a YCbCr picture.
func chromaDivs(r image.YCbCrSubsampleRatio) (dx, dy int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return 2, 1
	case image.YCbCrSubsampleRatio420:
		return 2, 2
	case image.YCbCrSubsampleRatio440:
		return 1, 2
	case image.YCbCrSubsampleRatio411:
		return 4, 1
	case image.YCbCrSubsampleRatio410:
		return 4, 2
	}
	return 1, 1
}

// reduceYCbCr reduces rows from to to (exclusive) into out.
func reduceYCbCr(out rowSink, src *image.YCbCr, k, from, to int) {
	b := src.Rect
	ow := out.w
	dx, dy := chromaDivs(src.SubsampleRatio)
	if k == 2 && dx == 2 && dy == 2 && b.Min.X%2 == 0 && b.Min.Y%2 == 0 {
		reduceHalf420(out, src, from, to)
		return
	}
	if k == 1 {
		convertYCbCr(out, src, dx, from, to)
		return
	}
	if k%dx == 0 && k%dy == 0 && b.Min.X%dx == 0 && b.Min.Y%dy == 0 {
		reduceAligned(out, src, k, dx, dy, from, to)
		return
	}
	sy, scb, scr, n := make([]uint32, ow), make([]uint32, ow), make([]uint32, ow), make([]uint32, ow)
	// cx[x] is the chroma column of source column x (relative to b.Min.X).
	cx := make([]int, b.Dx())
	for x := range cx {
		cx[x] = (b.Min.X+x)/dx - b.Min.X/dx
	}
	for oy := from; oy < to; oy++ {
		clear(sy)
		clear(scb)
		clear(scr)
		clear(n)
		for y := b.Min.Y + oy*k; y < min(b.Min.Y+(oy+1)*k, b.Max.Y); y++ {
			yrow := src.Y[(y-b.Min.Y)*src.YStride:]
			crow := (y/dy - b.Min.Y/dy) * src.CStride
			cb, cr := src.Cb[crow:], src.Cr[crow:]
			for o := range ow {
				x0, x1 := o*k, min(o*k+k, b.Dx())
				var ys, cbs, crs uint32
				for x, c := range cx[x0:x1] {
					ys += uint32(yrow[x0+x])
					cbs += uint32(cb[c])
					crs += uint32(cr[c])
				}
				sy[o] += ys
				scb[o] += cbs
				scr[o] += crs
				n[o] += uint32(x1 - x0)
			}
		}
		row := out.row(oy)
		for o := range ow {
			c := n[o]
			r, g, bl := color.YCbCrToRGB(uint8((sy[o]+c/2)/c), uint8((scb[o]+c/2)/c), uint8((scr[o]+c/2)/c))
			row[4*o], row[4*o+1], row[4*o+2], row[4*o+3] = r, g, bl, 255
		}
	}
}

// reduceGray reduces rows from to to (exclusive) into out.
func reduceGray(out rowSink, src *image.Gray, k, from, to int) {
	b := src.Rect
	ow := out.w
	s, n := make([]uint32, ow), make([]uint32, ow)
	for oy := from; oy < to; oy++ {
		clear(s)
		clear(n)
		for y := b.Min.Y + oy*k; y < min(b.Min.Y+(oy+1)*k, b.Max.Y); y++ {
			row := src.Pix[(y-b.Min.Y)*src.Stride:]
			for o := range ow {
				x0, x1 := o*k, min(o*k+k, b.Dx())
				var v uint32
				for _, p := range row[x0:x1] {
					v += uint32(p)
				}
				s[o] += v
				n[o] += uint32(x1 - x0)
			}
		}
		row := out.row(oy)
		for o := range ow {
			v := uint8((s[o] + n[o]/2) / n[o])
			row[4*o], row[4*o+1], row[4*o+2], row[4*o+3] = v, v, v, 255
		}
	}
}

// reduceAligned is reduceYCbCr when every whole block covers whole chroma
// samples (k a multiple of the subsampling, the picture starting on a
// sample): a block's chroma is the mean of its own chroma samples, each
// read once rather than once per pixel.
func reduceAligned(out rowSink, src *image.YCbCr, k, dx, dy, from, to int) {
	b := src.Rect
	w, h := b.Dx(), b.Dy()
	ow := out.w
	cw := (w + dx - 1) / dx // chroma samples across
	ch := (h + dy - 1) / dy
	kx, ky := k/dx, k/dy // chroma samples per block
	for oy := from; oy < to; oy++ {
		y0, y1 := oy*k, min(oy*k+k, h)
		c0, c1 := oy*ky, min(oy*ky+ky, ch)
		row := out.row(oy)
		for o := range ow {
			x0, x1 := o*k, min(o*k+k, w)
			var ys, n uint32
			for y := y0; y < y1; y++ {
				for _, v := range src.Y[y*src.YStride+x0 : y*src.YStride+x1] {
					ys += uint32(v)
				}
			}
			n = uint32((y1 - y0) * (x1 - x0))
			var cbs, crs, cn uint32
			cx0, cx1 := o*kx, min(o*kx+kx, cw)
			for cy := c0; cy < c1; cy++ {
				i := cy*src.CStride + cx0
				for j := range cx1 - cx0 {
					cbs += uint32(src.Cb[i+j])
					crs += uint32(src.Cr[i+j])
				}
			}
			cn = uint32((c1 - c0) * (cx1 - cx0))
			r, g, bl := color.YCbCrToRGB(uint8((ys+n/2)/n), uint8((cbs+cn/2)/cn), uint8((crs+cn/2)/cn))
			row[4*o], row[4*o+1], row[4*o+2], row[4*o+3] = r, g, bl, 255
		}
	}
}

// reduceHalf420 is reduceYCbCr for the commonest case, halving a 4:2:0
// JPEG: each block is four luma samples and one chroma sample of each
// kind.
func reduceHalf420(out rowSink, src *image.YCbCr, from, to int) {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	ow := out.w
	full := w / 2 // blocks with two columns
	for oy := from; oy < to; oy++ {
		y0 := 2 * oy
		y1 := min(y0+1, h-1) // the last row alone when h is odd
		r0 := src.Y[y0*src.YStride : y0*src.YStride+w]
		r1 := src.Y[y1*src.YStride : y1*src.YStride+w]
		cb := src.Cb[oy*src.CStride : oy*src.CStride+ow]
		cr := src.Cr[oy*src.CStride : oy*src.CStride+ow]
		row := out.row(oy)[:4*ow]
		r0, r1 = r0[:2*full], r1[:2*full]
		for o := range full {
			x := 2 * o
			ys := uint32(r0[x]) + uint32(r0[x+1]) + uint32(r1[x]) + uint32(r1[x+1])
			t := ChromaOf(cb[o], cr[o])
			yy1 := Luma(uint8((ys + 2) / 4))
			p := row[4*o : 4*o+4 : 4*o+4]
			p[0], p[1], p[2], p[3] = clampYCbCr(yy1+t.R), clampYCbCr(yy1+t.G), clampYCbCr(yy1+t.B), 255
		}
		if full < ow { // an odd width: the last column alone
			x := w - 1
			r0, r1 = src.Y[y0*src.YStride:], src.Y[y1*src.YStride:]
			putYCbCr(row[4*full:4*full+4:4*full+4], uint8((uint32(r0[x])+uint32(r1[x])+1)/2), cb[full], cr[full])
		}
	}
}

// convertYCbCr is reduceYCbCr by 1: rows from to to (exclusive) converted
// to RGB, each chroma sample read where it lies.
func convertYCbCr(out rowSink, src *image.YCbCr, dx, from, to int) {
	b := src.Rect
	w := b.Dx()
	// The chroma sample of column x is (b.Min.X + x)/dx − b.Min.X/dx
	// from the row's first; dx is 1, 2 or 4, a shift for columns from 0.
	shift := map[int]uint{1: 0, 2: 1, 4: 2}[dx]
	if b.Min.X < 0 || dx != 1<<shift {
		for y := from; y < to; y++ {
			yrow := src.Y[y*src.YStride : y*src.YStride+w]
			c := src.COffset(b.Min.X, b.Min.Y+y)
			row := out.row(y)[:4*w]
			for x, lum := range yrow {
				ci := c + (b.Min.X+x)/dx - b.Min.X/dx
				putYCbCr(row[4*x:4*x+4:4*x+4], lum, src.Cb[ci], src.Cr[ci])
			}
		}
		return
	}
	first := b.Min.X >> shift
	cw := (b.Min.X+w-1)>>shift - first + 1 // chroma samples a row takes
	for y := from; y < to; y++ {
		yrow := src.Y[y*src.YStride : y*src.YStride+w]
		c := src.COffset(b.Min.X, b.Min.Y+y)
		cb, cr := src.Cb[c:c+cw], src.Cr[c:c+cw]
		row := out.row(y)[:4*w]
		x := 0
		for i := range cb {
			t := ChromaOf(cb[i], cr[i])
			// The columns of chroma sample i.
			for end := min(w, (first+i+1)<<shift-b.Min.X); x < end; x++ {
				yy1 := Luma(yrow[x])
				p := row[4*x : 4*x+4 : 4*x+4]
				p[0], p[1], p[2], p[3] = clampYCbCr(yy1+t.R), clampYCbCr(yy1+t.G), clampYCbCr(yy1+t.B), 255
			}
		}
	}
}

// Chroma is what one chroma sample adds to each channel in
// color.YCbCrToRGB's integer arithmetic (16 fraction bits): a channel is
// clampYCbCr(Luma(y) + R, G or B). Backends that convert a JPEG's planes
// pixel by pixel (export/raster) use these, which the compiler inlines.
type Chroma struct{ R, G, B int32 }

// ChromaOf is the Chroma of the samples cb and cr.
func ChromaOf(cb, cr uint8) Chroma {
	cb1 := int32(cb) - 128
	cr1 := int32(cr) - 128
	return Chroma{91881 * cr1, -22554*cb1 - 46802*cr1, 116130 * cb1}
}

// Luma is the luma sample y in color.YCbCrToRGB's arithmetic.
func Luma(y uint8) int32 { return int32(y) * 0x10101 }

// putYCbCr writes the opaque RGB pixel of a Y′CbCr colour into p (four
// bytes), as color.YCbCrToRGB converts it, with the same integer
// arithmetic.
func putYCbCr(p []uint8, y, cb, cr uint8) {
	yy, t := Luma(y), ChromaOf(cb, cr)
	p[0], p[1], p[2], p[3] = clampYCbCr(yy+t.R), clampYCbCr(yy+t.G), clampYCbCr(yy+t.B), 255
}

// clampYCbCr is a channel of color.YCbCrToRGB from its sum (16 fraction
// bits): shifted down when within 0-255, else 0 or 255.
func clampYCbCr(v int32) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	return uint8(^(v >> 31))
}

// reducePlanes averages blocks of k×k pixels of img (Planar) into a
// picture of ⌈w/k⌉×⌈h/k⌉ of the same kind, never converted to RGB: a
// *image.Gray, or a 4:2:0 *image.YCbCr whose chroma samples are each the
// mean of the chroma over the pixels they cover (blocks and samples at
// the right and bottom edges average what they have). ok is false for
// any other picture.
func reducePlanes(img image.Image, k int) (image.Image, bool) {
	if !Planar(img) {
		return nil, false
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	ow, oh := (w+k-1)/k, (h+k-1)/k
	// mean averages plane (rows stride apart) over the pixels [x0, x1) ×
	// [y0, y1), each pixel reading the sample (x >> sx, y >> sy).
	mean := func(plane []uint8, stride int, sx, sy uint, x0, y0, x1, y1 int) uint8 {
		var sum, n int
		for y := y0; y < y1; y++ {
			row := plane[(y>>sy)*stride:]
			for x := x0; x < x1; x++ {
				sum += int(row[x>>sx])
			}
			n += x1 - x0
		}
		return uint8((sum + n/2) / n)
	}
	if g, ok := img.(*image.Gray); ok {
		out := image.NewGray(image.Rect(0, 0, ow, oh))
		bands(oh, func(from, to int) {
			for oy := from; oy < to; oy++ {
				for ox := range ow {
					out.Pix[oy*out.Stride+ox] = mean(g.Pix, g.Stride, 0, 0, ox*k, oy*k, min(w, ox*k+k), min(h, oy*k+k))
				}
			}
		})
		return out, true
	}
	src := img.(*image.YCbCr)
	dx, dy := chromaDivs(src.SubsampleRatio)
	sx, sy := uint(dx/2), uint(dy/2) // 1 and 2 as shifts (Planar takes no other)
	out := image.NewYCbCr(image.Rect(0, 0, ow, oh), image.YCbCrSubsampleRatio420)
	bands(oh, func(from, to int) {
		for oy := from; oy < to; oy++ {
			for ox := range ow {
				out.Y[oy*out.YStride+ox] = mean(src.Y, src.YStride, 0, 0, ox*k, oy*k, min(w, ox*k+k), min(h, oy*k+k))
			}
			if oy%2 == 1 {
				continue // its chroma row is made with the row above
			}
			cy := oy / 2
			for cx := range (ow + 1) / 2 {
				x0, y0 := 2*cx*k, 2*cy*k
				x1, y1 := min(w, x0+2*k), min(h, y0+2*k)
				i := cy*out.CStride + cx
				if sx == 1 && sy == 1 && x1%2 == 0 && y1%2 == 0 {
					// 4:2:0 into 4:2:0: whole samples, each 2 × 2
					// pixels; their plain mean.
					out.Cb[i] = mean(src.Cb, src.CStride, 0, 0, x0/2, y0/2, x1/2, y1/2)
					out.Cr[i] = mean(src.Cr, src.CStride, 0, 0, x0/2, y0/2, x1/2, y1/2)
					continue
				}
				out.Cb[i] = mean(src.Cb, src.CStride, sx, sy, x0, y0, x1, y1)
				out.Cr[i] = mean(src.Cr, src.CStride, sx, sy, x0, y0, x1, y1)
			}
		}
	})
	return out, true
}
