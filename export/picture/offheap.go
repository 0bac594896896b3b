package picture

import (
	"image"
	"runtime"

	"leafpress/internal/hugemem"
)

// offHeapBytes is the smallest decoding held outside the Go heap: the
// memory there comes in huge pages of 2 MiB, which a smaller picture
// would mostly waste.
const offHeapBytes = 1 << 20

// outsideHeap returns img with its pixels copied into memory outside the
// Go heap (internal/hugemem) when it holds RGBA or NRGBA bytes of at
// least offHeapBytes, else img itself. The copy is given back when the
// returned image is no longer reachable, so whoever reads its pixels must
// hold the image meanwhile, not only a slice of them.
//
// A decoding that a backend keeps for the whole run (the raster's
// pictures, see Pixels) is made early in a build, when the heap has no
// freed memory to reuse, and stays through the run's busiest moments:
// held in the heap, it would count twice towards the heap's size (the
// garbage collector lets the heap grow to twice what is live), each
// megabyte of it new memory that costs the system several milliseconds of
// page faults to hand out. Outside, it costs a few faults of huge pages,
// and the heap copy it was decoded into is garbage at once, reused by the
// allocations that follow.
func outsideHeap(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.RGBA:
		if pix := hugeCopy(m.Pix); pix != nil {
			out := &image.RGBA{Pix: pix, Stride: m.Stride, Rect: m.Rect}
			runtime.AddCleanup(out, hugemem.Free, pix)
			return out
		}
	case *image.NRGBA:
		if pix := hugeCopy(m.Pix); pix != nil {
			out := &image.NRGBA{Pix: pix, Stride: m.Stride, Rect: m.Rect}
			runtime.AddCleanup(out, hugemem.Free, pix)
			return out
		}
	}
	return img
}

// hugeCopy returns a copy of pix from internal/hugemem, or nil when pix
// is smaller than offHeapBytes or that memory would be the heap's anyway.
func hugeCopy(pix []uint8) []uint8 {
	if !hugemem.Outside || len(pix) < offHeapBytes {
		return nil
	}
	out := hugemem.Alloc(len(pix))
	copy(out, pix)
	return out
}
