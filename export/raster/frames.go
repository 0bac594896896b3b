package raster

import (
	"image"
	"runtime"
	"sync"

	"leafpress/internal/hugemem"
)

// A build draws the same picture part into frames of the same size many
// times: a chapter's share picture again for the programme's, the same
// chapter in another language's programme, its leaflet's front in the
// thumbnails of both. frameStore keeps the pixels of the frames reduced
// so far, so that the next page asking for one copies them in place of
// reducing the picture again (a hundredth of the work).
//
// The pixels are kept in one ring of frameRingBytes outside the Go heap
// (internal/hugemem), allocated when the first frame is kept: memory the
// process touches for the first time costs more than most reductions,
// and frames held in the heap would grow it by twice as much again. The
// oldest frames are overwritten first.
type frameStore struct {
	mu       sync.Mutex
	ring     []uint8
	head     int // where the next frame is written
	kept     map[frameKey]*keptFrame
	order    []*keptFrame // oldest first, so in ring order from head
	inFlight making[frameKey]
}

// frameKey names a reduced frame: the picture part (resKey), and the part
// of the frame that lies on the page (relative to the frame's top left),
// which is all that is reduced and kept: a frame bleeding off the page is
// kept as far as the page shows it.
type frameKey struct {
	resKey
	vis image.Rectangle
}

// keptFrame is where a frame's visible pixels lie in the ring: rows of
// 4·w bytes one after another from off.
type keptFrame struct {
	key  frameKey
	off  int
	w, h int
}

// frameRingBytes bounds the pixels kept: five share pictures' frames
// (599 × 630), room for the repeats of a build of the samples in the
// order its jobs ask for them.
const frameRingBytes = 8 << 20

// maxFrameBytes is the largest frame kept: a frame a quarter of the ring
// or larger would push out most of what is kept for one use.
const maxFrameBytes = frameRingBytes / 4

func newFrameStore() *frameStore {
	return &frameStore{kept: map[frameKey]*keptFrame{}, inFlight: making[frameKey]{}}
}

// draw puts into dst, at vis (the frame's part on it), the frame reduce
// writes there: the pixels kept for k when there are some, else reduce's,
// which are then kept. While one caller reduces a frame, others asking
// for the same wait and copy it.
func (f *frameStore) draw(dst *image.RGBA, vis image.Rectangle, k frameKey, reduce func()) {
	if 4*vis.Dx()*vis.Dy() > maxFrameBytes {
		reduce()
		return
	}
	f.mu.Lock()
	for {
		if e, ok := f.kept[k]; ok {
			copyRows(dst.Pix[dst.PixOffset(vis.Min.X, vis.Min.Y):], dst.Stride, f.ring[e.off:], 4*e.w, 4*e.w, e.h)
			f.mu.Unlock()
			return
		}
		if !f.inFlight.wait(&f.mu, k) {
			break
		}
	}
	f.inFlight.start(k)
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inFlight.done(k) // kept by now, unless reduce panicked
		f.mu.Unlock()
	}()
	reduce()
	f.mu.Lock()
	defer f.mu.Unlock()
	w, h := vis.Dx(), vis.Dy()
	off := f.alloc(4 * w * h)
	copyRows(f.ring[off:], 4*w, dst.Pix[dst.PixOffset(vis.Min.X, vis.Min.Y):], dst.Stride, 4*w, h)
	e := &keptFrame{key: k, off: off, w: w, h: h}
	f.kept[k] = e
	f.order = append(f.order, e)
}

// alloc returns where n bytes (at most maxFrameBytes) go in the ring,
// dropping the frames kept there.
func (f *frameStore) alloc(n int) int {
	if f.ring == nil {
		f.ring = hugemem.Alloc(frameRingBytes)
		// The ring lives as long as the store.
		runtime.AddCleanup(f, hugemem.Free, f.ring)
	}
	if f.head+n > len(f.ring) {
		// Round the ring: the frames between head and its end are the
		// oldest.
		for len(f.order) > 0 && f.order[0].off >= f.head {
			f.drop()
		}
		f.head = 0
	}
	start, end := f.head, f.head+n
	for len(f.order) > 0 && f.order[0].off < end && f.order[0].off >= start {
		f.drop()
	}
	f.head = end
	return start
}

// drop forgets the oldest frame kept.
func (f *frameStore) drop() {
	delete(f.kept, f.order[0].key)
	f.order[0] = nil
	f.order = f.order[1:]
}

// copyRows copies h rows of n bytes from src to dst, rows stride bytes
// apart in each.
func copyRows(dst []uint8, dstStride int, src []uint8, srcStride, n, h int) {
	for y := range h {
		copy(dst[y*dstStride:][:n], src[y*srcStride:][:n])
	}
}
