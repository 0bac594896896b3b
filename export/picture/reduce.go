package picture

import (
	"image"
	"image/color"
	"runtime"
	"sync"
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
	switch img.(type) {
	case *image.YCbCr, *image.Gray:
	default:
		return nil, false
	}
	b := img.Bounds()
	ow, oh := (b.Dx()+k-1)/k, (b.Dy()+k-1)/k
	out = image.NewNRGBA(image.Rect(0, 0, ow, oh))
	bands := min(runtime.GOMAXPROCS(0), oh)
	var wg sync.WaitGroup
	for i := range bands {
		wg.Add(1)
		go func() {
			defer wg.Done()
			from, to := oh*i/bands, oh*(i+1)/bands
			switch src := img.(type) {
			case *image.YCbCr:
				reduceYCbCr(out, src, k, from, to)
			case *image.Gray:
				reduceGray(out, src, k, from, to)
			}
		}()
	}
	wg.Wait()
	return out, true
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

// reduceYCbCr reduces rows from to to (exclusive) of out.
func reduceYCbCr(out *image.NRGBA, src *image.YCbCr, k, from, to int) {
	b := src.Rect
	ow := out.Rect.Dx()
	dx, dy := chromaDivs(src.SubsampleRatio)
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
		row := out.Pix[oy*out.Stride:]
		for o := range ow {
			c := n[o]
			r, g, bl := color.YCbCrToRGB(uint8((sy[o]+c/2)/c), uint8((scb[o]+c/2)/c), uint8((scr[o]+c/2)/c))
			row[4*o], row[4*o+1], row[4*o+2], row[4*o+3] = r, g, bl, 255
		}
	}
}

// reduceGray reduces rows from to to (exclusive) of out.
func reduceGray(out *image.NRGBA, src *image.Gray, k, from, to int) {
	b := src.Rect
	ow := out.Rect.Dx()
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
		row := out.Pix[oy*out.Stride:]
		for o := range ow {
			v := uint8((s[o] + n[o]/2) / n[o])
			row[4*o], row[4*o+1], row[4*o+2], row[4*o+3] = v, v, v, 255
		}
	}
}
