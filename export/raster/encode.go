package raster

import (
	"bufio"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"sync"
)

// Half returns img at half its width and height, each pixel the mean of
// the 2 × 2 pixels it replaces: the small thumbnail from the one drawn for
// high-density screens, at a fraction of the cost of drawing it again.
// An odd last row or column is dropped.
func Half(img *image.RGBA) *image.RGBA {
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, b.Dx()/2, b.Dy()/2))
	HalfTo(out, img)
	return out
}

// HalfTo is Half into out, whose bounds must be (0, 0) to half img's
// size: a caller making many thumbnails can reuse one image.
func HalfTo(out, img *image.RGBA) {
	b := img.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	if out.Bounds() != image.Rect(0, 0, w, h) {
		panic("raster: HalfTo into an image of the wrong size")
	}
	for y := range h {
		r0 := img.Pix[(2*y)*img.Stride:]
		r1 := img.Pix[(2*y+1)*img.Stride:]
		o := out.Pix[y*out.Stride:]
		for x := range w {
			i := 8 * x
			for c := range 4 {
				s := int(r0[i+c]) + int(r0[i+4+c]) + int(r1[i+c]) + int(r1[i+4+c])
				o[4*x+c] = uint8((s + 2) / 4)
			}
		}
	}
}

var zlibPool = sync.Pool{New: func() any {
	zw, _ := zlib.NewWriterLevel(nil, zlib.BestSpeed) // a valid level: no error
	return zw
}}

// EncodePNG writes img, which must be opaque (every page is drawn on
// white), as an 8-bit RGB PNG. Every row uses the Up filter and the
// fastest deflate level: for pages of text on paper it is several times
// quicker than image/png's choice of filter per row, and the files are
// about as small.
func EncodePNG(w io.Writer, img *image.RGBA) error {
	b := img.Bounds()
	bw := bufio.NewWriter(w)
	bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(b.Dx()))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(b.Dy()))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour; deflate, adaptive filtering, no interlace
	chunk(bw, "IHDR", ihdr[:])

	idat := &chunkWriter{w: bw}
	// A compressor costs about a megabyte to set up: they are reused.
	zw := zlibPool.Get().(*zlib.Writer)
	defer zlibPool.Put(zw)
	zw.Reset(idat)
	row := make([]byte, 1+3*b.Dx())
	prev := make([]byte, 3*b.Dx())
	cur := make([]byte, 3*b.Dx())
	row[0] = 2 // Up
	for y := b.Min.Y; y < b.Max.Y; y++ {
		px := img.Pix[img.PixOffset(b.Min.X, y):]
		for x := range b.Dx() {
			copy(cur[3*x:3*x+3], px[4*x:4*x+3])
		}
		for i, v := range cur {
			row[1+i] = v - prev[i]
		}
		if _, err := zw.Write(row); err != nil {
			return err
		}
		prev, cur = cur, prev
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := idat.flush(); err != nil {
		return err
	}
	chunk(bw, "IEND", nil)
	return bw.Flush()
}

// chunk writes one PNG chunk.
func chunk(w *bufio.Writer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	w.WriteString(typ)
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	w.Write(n[:])
}

// chunkWriter gathers compressed data into IDAT chunks of up to 64 KiB.
type chunkWriter struct {
	w   *bufio.Writer
	buf []byte
}

func (c *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), 1<<16-len(c.buf))
		c.buf = append(c.buf, p[:k]...)
		p = p[k:]
		if len(c.buf) == 1<<16 {
			if err := c.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (c *chunkWriter) flush() error {
	if len(c.buf) > 0 {
		chunk(c.w, "IDAT", c.buf)
		c.buf = c.buf[:0]
	}
	return nil
}
