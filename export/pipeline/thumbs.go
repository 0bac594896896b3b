package pipeline

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"sync"

	"leafpress/export/doc"
	"leafpress/export/raster"
	"leafpress/internal/hugemem"
	"leafpress/layout"
)

// Thumbnail sizes in pixels: a page's small thumbnail fits ThumbWidth ×
// ThumbHeight, the size of an A4 or A5 page 240 px wide, and its
// high-density one is twice it. A narrower page is drawn at the same
// height: a DL leaflet's page is 161 px wide, as tall as a programme's
// page beside it and still more than the download page shows it at (128
// CSS px), where at the width of an A5 page it would be half as tall
// again, with more than twice the pixels to draw and compress.
const (
	ThumbWidth  = 240
	ThumbHeight = 341
)

// thumbSize returns the size of pg's small thumbnail: as large as fits
// ThumbWidth × ThumbHeight.
func thumbSize(pg *layout.Page) (w, h int) { return raster.Fit(pg, ThumbWidth, ThumbHeight) }

// ThumbName is the file name of page n (1-based) of a document's
// thumbnails, for the document named name ("program" or a chapter's uid)
// of pages pages; x2 names the high-density one. The programme's pages are
// numbered with two digits at least (program-01.png), a chapter's as they
// are (<uid>-1.png).
func ThumbName(name string, n, pages int, x2 bool) string {
	num := fmt.Sprint(n)
	if name == "program" {
		num = fmt.Sprintf("%0*d", max(2, len(fmt.Sprint(pages))), n)
	}
	if x2 {
		return name + "-" + num + "@2x.png"
	}
	return name + "-" + num + ".png"
}

// canvases are the memory pages are drawn into, kept for reuse whatever
// the size of the page (a build draws pages of a few sizes, thousands of
// them): memory the process has not used before costs the system several
// times more to hand out than an image costs to draw. A new one holds the
// largest page asked for so far, so that one serves every size; at most
// spareCanvases are kept. They are outside the Go heap (internal/hugemem),
// made ready by a few faults of huge pages instead of hundreds of small ones.
var canvases struct {
	sync.Mutex
	free    [][]uint8
	largest int // bytes of the largest page asked for
}

const spareCanvases = 4

// canvas returns a w × h image holding anything; give it back with
// release when its PNG is written.
func canvas(w, h int) *image.RGBA {
	n := 4 * w * h
	canvases.Lock()
	defer canvases.Unlock()
	canvases.largest = max(canvases.largest, n)
	// The smallest kept canvas that holds the page.
	best := -1
	for i, pix := range canvases.free {
		if cap(pix) >= n && (best < 0 || cap(pix) < cap(canvases.free[best])) {
			best = i
		}
	}
	var pix []uint8
	if best >= 0 {
		pix = canvases.free[best][:n]
		canvases.free = append(canvases.free[:best], canvases.free[best+1:]...)
	} else {
		pix = hugemem.Alloc(canvases.largest)[:n]
	}
	return &image.RGBA{Pix: pix, Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
}

// release gives canvases back; the smallest are let go when more than
// spareCanvases are kept.
func release(imgs ...*image.RGBA) {
	canvases.Lock()
	defer canvases.Unlock()
	for _, img := range imgs {
		canvases.free = append(canvases.free, img.Pix)
	}
	if len(canvases.free) > spareCanvases {
		slices.SortFunc(canvases.free, func(a, b []uint8) int { return cap(b) - cap(a) })
		for _, pix := range canvases.free[spareCanvases:] {
			hugemem.Free(pix)
		}
		clear(canvases.free[spareCanvases:])
		canvases.free = canvases.free[:spareCanvases]
	}
}

// drawThumb draws a page w × h pixels (twice its thumbnail's size) into
// an image from the pool (release); the small thumbnail is made from it as
// it is encoded (raster.EncodePNGHalf).
func (b *builder) drawThumb(pg *layout.Page, w, h int) (*image.RGBA, error) {
	big := canvas(w, h)
	if err := b.raster.Draw(big, pg); err != nil {
		release(big)
		return nil, err
	}
	return big, nil
}

// thumbPagesPerJob is how many of the programme's pages one job draws:
// a programme of a thousand chapters has thousands of pages, which would
// otherwise be drawn one after the other while the chapters are long done.
const thumbPagesPerJob = 8

// writeThumbs writes pages [lo, hi) of d as PNGs at their thumbnails'
// two sizes into dir. Each page is drawn, written and let go
// before the next; the small picture of page 0 (when drawn) is returned as
// PNG, for the Word file's thumbnail.
func (b *builder) writeThumbs(p *doc.Programme, dir, name string, d *layout.Document, lo, hi int) (first []byte) {
	for i := lo; i < hi; i++ {
		pg := d.Pages[i]
		big, small, drawn, done, err := b.thumbPNGs(pg)
		if err != nil {
			b.res.Diags.Errorf(filepath.Join(dir, name), 0, "the page thumbnails could not be drawn: %v", err)
			return first
		}
		b.writePNG(p, filepath.Join(dir, ThumbName(name, pg.Number, len(d.Pages), true)), big, drawn, "2x")
		b.writePNG(p, filepath.Join(dir, ThumbName(name, pg.Number, len(d.Pages), false)), small, drawn, "1x")
		if i == 0 {
			first = bytes.Clone(small)
		}
		done()
	}
	return first
}

// pngBuffers hold encoded pages until they are written.
var pngBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// thumbPNGs returns a page's thumbnails as PNG, twice thumbSize and
// thumbSize: kept from an earlier run when the page has not
// changed, else drawn; drawn is then the page's digest when pages are
// kept (writePNG). They are valid until done is called.
func (b *builder) thumbPNGs(pg *layout.Page) (big, small []byte, drawn *[sha256.Size]byte, done func(), err error) {
	w, h := thumbSize(pg)
	w, h = 2*w, 2*h
	sum, ok := b.pages.digest(b.raster, pg, w, h)
	if ok {
		big, small = b.pages.load(sum, "2x"), b.pages.load(sum, "1x")
		if big != nil && small != nil {
			return big, small, nil, func() {}, nil
		}
		drawn = &sum
	}
	img, err := b.drawThumb(pg, w, h)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	defer release(img)
	bb, sb := pngBuffers.Get().(*bytes.Buffer), pngBuffers.Get().(*bytes.Buffer)
	bb.Reset()
	sb.Reset()
	// Room for files of an eighth of the pixels' bytes, more than most
	// pages need: a buffer let go by a garbage collection would otherwise
	// grow by doubling, copying what it holds each time.
	bb.Grow(len(img.Pix) / 8)
	sb.Grow(len(img.Pix) / 32)
	done = func() {
		pngBuffers.Put(bb)
		pngBuffers.Put(sb)
	}
	if err := raster.EncodePNGHalf(bb, sb, img); err != nil {
		done()
		return nil, nil, nil, nil, err
	}
	return bb.Bytes(), sb.Bytes(), drawn, done, nil
}

// docFacts is what the download page needs of a document once its files
// are written: its pages and the height of its first page's thumbnail.
// A document's layout and drawn pages are let go as soon as its files are
// written, so that a build's memory does not grow with the programme.
type docFacts struct {
	pages          int // 0 when it was not laid out
	thumbW, thumbH int // size of the first page's small thumbnail
}

func factsOf(d *layout.Document) docFacts {
	if d == nil || len(d.Pages) == 0 {
		return docFacts{}
	}
	w, h := thumbSize(d.Pages[0])
	return docFacts{pages: len(d.Pages), thumbW: w, thumbH: h}
}
