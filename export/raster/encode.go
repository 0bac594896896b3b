package raster

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"io"
	"runtime"
	"sync"

	"github.com/klauspost/compress/flate"
)

// Half returns img at half its width and height, each pixel the mean of
// the 2 × 2 pixels it replaces: the small thumbnail from the one drawn for
// high-density screens, at a fraction of the cost of drawing it again
// (EncodePNGHalf makes it row by row as it encodes). An odd last row or
// column is dropped.
func Half(img *image.RGBA) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		r0 := img.PixOffset(b.Min.X, b.Min.Y+2*y)
		halfRow(out.Pix[y*out.Stride:][:4*w], img.Pix[r0:][:8*w], img.Pix[r0+img.Stride:][:8*w])
	}
	return out
}

// lanes keeps every other byte of a word: four 16-bit lanes each holding
// one byte's value. rounding is 2 in each lane, for a rounded mean of
// four.
const (
	lanes    = 0x00FF00FF00FF00FF
	rounding = 0x0002000200020002
)

// pngEncoder is what encoding one PNG needs besides the picture; they
// are reused, as a compressor alone costs about a megabyte to set up.
type pngEncoder struct {
	bw     *bufio.Writer
	zw     *flate.Writer
	idat   chunkWriter
	row    []byte
	sum    uint32 // Adler-32 of the rows so far
	rowSum uint32 // Adler-32 sums of row alone, from 0 (see adlerAppend)
	prev   []byte // the RGBA row above, nil before the first
	err    error  // the first error compressing
}

// encoders are kept for reuse, at most spareEncoders of them (two for
// each page encoded at once, one a processor), in a list rather than a
// sync.Pool, which lets them go at every garbage collection (about ten
// in a build of the samples): making one again costs a megabyte of fresh
// memory.
var encoders struct {
	sync.Mutex
	free []*pngEncoder
}

var spareEncoders = max(4, 2*runtime.GOMAXPROCS(0))

// encoder returns an encoder; give it back with release.
func encoder() *pngEncoder {
	encoders.Lock()
	defer encoders.Unlock()
	if n := len(encoders.free); n > 0 {
		e := encoders.free[n-1]
		encoders.free = encoders.free[:n-1]
		return e
	}
	e := &pngEncoder{bw: bufio.NewWriterSize(nil, 32<<10)}
	e.idat = chunkWriter{w: e.bw, buf: make([]byte, 0, 1<<16)}
	e.zw, _ = flate.NewWriter(&e.idat, flate.BestSpeed) // a valid level: no error
	return e
}

// EncodePNG writes img, which must be opaque (every page is drawn on
// white), as an 8-bit RGB PNG. No row is filtered (PNG filter None), and
// deflate is at its fastest level: on the samples' thumbnails the files
// are 13-17 % smaller than with the Up filter, and compress faster: drawn
// text repeats whole (the same letters, rows equal to the row above),
// which deflate finds as matches, where filtered it leaves differences
// that vary with what is above; pictures differ by about 2 %. Deflate is
// github.com/klauspost/compress's, which at its fastest level compresses
// thumbnails about twice as fast as the standard library's to files of
// the same size; compressing is most of the time thumbnails take. The
// zlib checksum is taken here, 64 bytes at a time, from each row while
// it is fresh, and that of a row equal to the row above at once.
func EncodePNG(w io.Writer, img *image.RGBA) error {
	e := encoder()
	defer e.release()
	b := img.Bounds()
	e.start(w, b.Dx(), b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		e.add(img.Pix[img.PixOffset(b.Min.X, y):][:4*b.Dx()])
	}
	if e.err != nil {
		return e.err
	}
	return e.finish()
}

// EncodePNGHalf writes img as EncodePNG does to w, and Half(img) as
// EncodePNG would to half, in one pass down img: each pair of rows is
// filtered and compressed, then halved and its half compressed, while it
// is in the processor's cache. A page's two thumbnails thus read the
// drawn page once, and the small one needs no image of its own.
func EncodePNGHalf(w, half io.Writer, img *image.RGBA) error {
	e, eh := encoder(), encoder()
	defer e.release()
	defer eh.release()
	b := img.Bounds()
	hw, hh := b.Dx()/2, b.Dy()/2
	e.start(w, b.Dx(), b.Dy())
	eh.start(half, hw, hh)
	rows := halfRows.Get().(*[2][]byte)
	defer halfRows.Put(rows)
	for i := range rows {
		rows[i] = grow(rows[i], 4*hw)
	}
	same, turn := 0, 0 // rows on end equal to the row above; the half row to fill next
	for y := range b.Dy() {
		r := img.Pix[img.PixOffset(b.Min.X, b.Min.Y+y):][:4*b.Dx()]
		above := e.prev
		if e.add(r) {
			same++
		} else {
			same = 0
		}
		if y&1 == 0 {
			continue
		}
		if same >= 3 {
			// Rows y-3 to y are equal, and so this half row and the
			// one above.
			eh.addSame()
			continue
		}
		// The half rows alternate, so that the one above stays for
		// the filter.
		out := rows[turn]
		halfRow(out, above[:8*hw], r[:8*hw])
		if !eh.add(out) {
			turn ^= 1
		}
	}
	if e.err != nil {
		return e.err
	}
	if eh.err != nil {
		return eh.err
	}
	if err := e.finish(); err != nil {
		return err
	}
	return eh.finish()
}

// halfRows are the two rows EncodePNGHalf halves into, by turns.
var halfRows = sync.Pool{New: func() any { return new([2][]byte) }}

// start begins a PNG of the given size on w.
func (e *pngEncoder) start(w io.Writer, width, height int) {
	e.bw.Reset(w)
	e.bw.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(width))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(height))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour; deflate, adaptive filtering, no interlace
	chunk(e.bw, "IHDR", ihdr[:])

	e.idat.buf = e.idat.buf[:0]
	// The zlib stream around the deflate data is written here, its
	// checksum taken from each row as it is made (adler32, below).
	e.idat.Write(zlibHeader[:])
	e.zw.Reset(&e.idat)
	e.sum = adlerStart
	e.row = grow(e.row, 1+3*width)
	e.row[0] = 0 // filter None
	e.prev = nil
	e.err = nil
}

// add compresses the next row, RGBA pixels, which must stay unchanged
// until the row after it is added, and reports whether it is equal to
// the row above. An error is kept in e.err.
func (e *pngEncoder) add(cur []byte) (same bool) {
	if e.prev != nil && bytes.Equal(cur, e.prev) {
		e.addSame()
		return true
	}
	row := e.row
	pack(row[1:], cur)
	e.rowSum = adler(0, row)
	e.sum = adlerAppend(e.sum, e.rowSum, len(row))
	e.prev = cur
	e.write(row)
	return false
}

// addSame adds a row equal to the row above, which is still in e.row.
func (e *pngEncoder) addSame() {
	e.sum = adlerAppend(e.sum, e.rowSum, len(e.row))
	e.write(e.row)
}

// write compresses the row.
func (e *pngEncoder) write(row []byte) {
	if e.err == nil {
		_, e.err = e.zw.Write(row)
	}
}

// finish ends the compressed data, the checksum and the PNG.
func (e *pngEncoder) finish() error {
	if err := e.zw.Close(); err != nil {
		return err
	}
	var trailer [4]byte
	binary.BigEndian.PutUint32(trailer[:], e.sum)
	e.idat.Write(trailer[:])
	if err := e.idat.flush(); err != nil {
		return err
	}
	chunk(e.bw, "IEND", nil)
	return e.bw.Flush()
}

// release gives e back for reuse, holding nothing of the last PNG.
func (e *pngEncoder) release() {
	e.bw.Reset(nil)
	e.prev = nil
	encoders.Lock()
	defer encoders.Unlock()
	if len(encoders.free) < spareEncoders {
		encoders.free = append(encoders.free, e)
	}
}

// halfRow writes into out the row of Half made from the rows r0 and r1
// (RGBA, 2 × len(out) bytes each), two pixels of out a step.
func halfRow(out, r0, r1 []byte) {
	// Two pixels of each row in a word; the channels spread into
	// 16-bit lanes (red and blue, green and alpha) hold the sums of
	// four pixels without overflow.
	for len(out) >= 8 && len(r0) >= 16 && len(r1) >= 16 {
		a, b := binary.LittleEndian.Uint64(r0), binary.LittleEndian.Uint64(r1)
		c, d := binary.LittleEndian.Uint64(r0[8:]), binary.LittleEndian.Uint64(r1[8:])
		rb, ga := a&lanes+b&lanes, a>>8&lanes+b>>8&lanes
		rb2, ga2 := c&lanes+d&lanes, c>>8&lanes+d>>8&lanes
		rb = (rb + rb>>32 + rounding) >> 2 & lanes
		ga = (ga + ga>>32 + rounding) >> 2 & lanes
		rb2 = (rb2 + rb2>>32 + rounding) >> 2 & lanes
		ga2 = (ga2 + ga2>>32 + rounding) >> 2 & lanes
		binary.LittleEndian.PutUint64(out, uint64(uint32(rb|ga<<8))|uint64(uint32(rb2|ga2<<8))<<32)
		out, r0, r1 = out[8:], r0[16:], r1[16:]
	}
	if len(out) >= 4 && len(r0) >= 8 && len(r1) >= 8 {
		a, b := binary.LittleEndian.Uint64(r0), binary.LittleEndian.Uint64(r1)
		rb, ga := a&lanes+b&lanes, a>>8&lanes+b>>8&lanes
		rb = (rb + rb>>32 + rounding) >> 2 & lanes
		ga = (ga + ga>>32 + rounding) >> 2 & lanes
		binary.LittleEndian.PutUint32(out, uint32(rb|ga<<8))
	}
}

// pack writes the RGB bytes of the RGBA row cur into out, four pixels
// at a time.
func pack(out, cur []byte) {
	for len(cur) >= 16 && len(out) >= 12 {
		pack4(out, binary.LittleEndian.Uint64(cur), binary.LittleEndian.Uint64(cur[8:]))
		cur, out = cur[16:], out[12:]
	}
	for len(cur) >= 4 && len(out) >= 3 {
		out[0], out[1], out[2] = cur[0], cur[1], cur[2]
		cur, out = cur[4:], out[3:]
	}
}

// pack4 writes the red, green and blue bytes of the four RGBA pixels in
// a and b (little-endian) into out[:12], dropping alpha.
func pack4(out []byte, a, b uint64) {
	a = a&0xFFFFFF | a>>8&0xFFFFFF000000
	b = b&0xFFFFFF | b>>8&0xFFFFFF000000
	binary.LittleEndian.PutUint64(out, a|b<<48)
	binary.LittleEndian.PutUint32(out[8:], uint32(b>>16))
}

// zlibHeader opens a zlib stream of deflate data with a 32 KiB window,
// compressed at the fastest level (RFC 1950).
var zlibHeader = [2]byte{0x78, 0x01}

// adlerStart is the Adler-32 checksum of nothing.
const adlerStart uint32 = 1

// adler adds p to the Adler-32 checksum sum (RFC 1950), 64 bytes at a
// time: within them, the bytes and the sums before each eight are added
// up in the 16-bit lanes of words, only adding, and the weights applied
// once, with a multiplication per lane word (no lane carries into the
// next: every partial sum stays below 2¹⁶). p must be shorter than 2²⁰
// bytes, so the 64-bit sums need one reduction at the end.
func adler(sum uint32, p []byte) uint32 {
	const mod = 65521
	s1, s2 := uint64(sum&0xFFFF), uint64(sum>>16)
	for len(p) >= 64 {
		// e1, o1: the bytes at even and odd places of the eight words
		// added up by place; e2, o2: the same before each word, added
		// up.
		var e1, o1, e2, o2 uint64
		for k := 0; k < 64; k += 8 {
			w := binary.LittleEndian.Uint64(p[k:])
			e2 += e1
			o2 += o1
			e1 += w & lanes
			o1 += w >> 8 & lanes
		}
		// Byte q of word j is weighted 8(8-j) - q: 8 × (the sums
		// before it and its own) less q times it.
		t1 := (e1 + o1) * (1 | 1<<16 | 1<<32 | 1<<48) >> 48
		t2 := (e2 + o2) * (1 | 1<<16 | 1<<32 | 1<<48) >> 48
		q := (e1*(6|4<<16|2<<32) + o1*(7|5<<16|3<<32|1<<48)) >> 48
		s2 += 64*s1 + 8*(t2+t1) - q
		s1 += t1
		p = p[64:]
	}
	for len(p) >= 8 {
		w := binary.LittleEndian.Uint64(p)
		even, odd := w&lanes, w>>8&lanes
		s2 += 8*s1 + (even*(2|4<<16|6<<32|8<<48)+odd*(1|3<<16|5<<32|7<<48))>>48
		s1 += (even + odd) * (1 | 1<<16 | 1<<32 | 1<<48) >> 48
		p = p[8:]
	}
	for _, b := range p {
		s1 += uint64(b)
		s2 += s1
	}
	return uint32(s2%mod)<<16 | uint32(s1%mod)
}

// adlerAppend returns the Adler-32 checksum of data with checksum sum
// followed by n bytes whose sums, started from 0 rather than 1, are
// part: s1 grows by part's, s2 by part's and n times the s1 before.
func adlerAppend(sum, part uint32, n int) uint32 {
	const mod = 65521
	s1, s2 := uint64(sum&0xFFFF), uint64(sum>>16)
	p1, p2 := uint64(part&0xFFFF), uint64(part>>16)
	return uint32((s2+p2+uint64(n)%mod*s1)%mod)<<16 | uint32((s1+p1)%mod)
}

// grow returns b with length n, reusing its array when it is large enough.
func grow(b []byte, n int) []byte {
	if cap(b) < n {
		return make([]byte, n)
	}
	return b[:n]
}

// chunk writes one PNG chunk.
func chunk(w *bufio.Writer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	w.Write(n[:])
	var t [4]byte
	copy(t[:], typ)
	crc := crc32.Update(crc32.ChecksumIEEE(t[:]), crc32.IEEETable, data)
	w.Write(t[:])
	w.Write(data)
	binary.BigEndian.PutUint32(n[:], crc)
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
