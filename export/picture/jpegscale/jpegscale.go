// Package jpegscale decodes JPEG files at a half, a quarter or an eighth
// of their size, straight from the compressed coefficients, as libjpeg's
// scaled decoding does: a picture that will be shrunk anyway is never
// reconstructed at full size.
//
// Each 8×8 block of DCT coefficients (ITU-T T.81, Annex A) becomes N×N
// pixels, N = 8/n for a scale of 1/n. Every output pixel is the mean of
// the n×n pixels a full decoding would give there, before rounding: the
// mean of a cosine over n neighbouring samples is that cosine at their
// centre times a constant, and a frequency above N folds onto one below
// it, so each coefficient adds to one of the N×N terms of a small inverse
// DCT as it is decoded. At 1/8 only the DC terms are left.
//
// Decoded are baseline and extended sequential files with Huffman coding
// (SOF0, SOF1), 8-bit samples, one component (grey) or three (YCbCr) in
// one interleaved scan with the chroma subsamplings Go's image/jpeg
// knows, and restart intervals (DRI, RSTn). Everything else — progressive
// or arithmetic coding, 12-bit samples, CMYK, RGB, several scans, a file
// damaged or cut short — is handed to image/jpeg, which decodes it at full
// size or returns its error, so a file is accepted or refused exactly as
// image/jpeg does.
package jpegscale

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
)

// Decode decodes a JPEG file at a scale of 1/n, n being 2, 4 or 8: a
// w×h picture gives ⌈w/n⌉×⌈h/n⌉ pixels, as an *image.YCbCr (colour) or
// an *image.Gray (grey). For any other n, and for any file this package
// does not decode itself (see the package comment), the result is
// image/jpeg's: full size, or its error. Callers tell the scale they got
// from the result's bounds.
func Decode(data []byte, n int) (image.Image, error) {
	if n == 2 || n == 4 || n == 8 {
		if img, err := decodeScaled(data, n); err == nil {
			return img, nil
		}
	}
	return jpeg.Decode(bytes.NewReader(data))
}

// Scaled reports whether Decode decodes data at a reduced scale itself,
// without decoding it: false means Decode would give image/jpeg's
// full-size result. It reads the markers before the scan only.
func Scaled(data []byte) bool {
	d := &decoder{data: data, n: 2, headersOnly: true}
	return d.decode() == nil
}

// errFallback marks anything this package leaves to image/jpeg.
var errFallback = errors.New("jpegscale: not decoded at a reduced scale")

// component is one colour component of a frame.
type component struct {
	id     byte
	h, v   int // sampling factors
	tq     int // quantisation table
	td, ta int // Huffman tables of the scan, DC and AC
	pred   int32

	// The component's plane at the reduced scale.
	pix    []byte
	stride int

	// Per coefficient in zig-zag order, where it adds at the reduced
	// scale (an index into the N×N terms, -1 for none) and how much.
	fold   [64]int8
	weight [64]float32
}

// decoder holds the state of one decoding.
type decoder struct {
	data []byte
	pos  int
	n    int // scale denominator
	nn   int // N = 8/n: pixels per block side at the reduced scale

	headersOnly bool

	width, height int
	ncomp         int
	comp          [3]component
	frame         bool
	scanned       bool

	quant    [4][64]uint16 // in zig-zag order
	quantSet [4]bool
	dc, ac   [4]huffman
	restart  int

	jfif           bool
	adobe          bool
	adobeTransform byte

	img image.Image
}

func decodeScaled(data []byte, n int) (image.Image, error) {
	d := &decoder{data: data, n: n}
	if err := d.decode(); err != nil {
		return nil, err
	}
	return d.img, nil
}

// u16 reads a big-endian 16-bit value at i.
func (d *decoder) u16(i int) int { return int(d.data[i])<<8 | int(d.data[i+1]) }

// decode reads the markers (T.81 Annex B) and decodes the one scan.
func (d *decoder) decode() error {
	if len(d.data) < 4 || d.data[0] != 0xff || d.data[1] != 0xd8 {
		return errFallback
	}
	d.pos = 2
	for {
		if d.pos+2 > len(d.data) || d.data[d.pos] != 0xff {
			return errFallback
		}
		// Fill bytes (0xff) may precede a marker.
		for d.pos+1 < len(d.data) && d.data[d.pos+1] == 0xff {
			d.pos++
		}
		if d.pos+2 > len(d.data) {
			return errFallback
		}
		m := d.data[d.pos+1]
		d.pos += 2
		if m == 0xd9 { // EOI
			if !d.scanned {
				return errFallback
			}
			return nil
		}
		if m == 0x01 || 0xd0 <= m && m <= 0xd7 || m == 0x00 {
			return errFallback // TEM, a stray RSTn or a stuffed zero
		}
		if d.pos+2 > len(d.data) {
			return errFallback
		}
		size := d.u16(d.pos)
		if size < 2 || d.pos+size > len(d.data) {
			return errFallback
		}
		seg := d.data[d.pos+2 : d.pos+size]
		d.pos += size
		var err error
		switch {
		case m == 0xc0 || m == 0xc1: // baseline, extended sequential Huffman
			err = d.sof(seg)
		case m == 0xc4:
			err = d.dht(seg)
		case m == 0xdb:
			err = d.dqt(seg)
		case m == 0xdd:
			if len(seg) != 2 {
				return errFallback
			}
			d.restart = int(seg[0])<<8 | int(seg[1])
		case m == 0xe0:
			if len(seg) >= 5 && string(seg[:5]) == "JFIF\x00" {
				d.jfif = true
			}
		case m == 0xee:
			if len(seg) >= 12 && string(seg[:5]) == "Adobe" {
				d.adobe, d.adobeTransform = true, seg[11]
			}
		case 0xe1 <= m && m <= 0xef || m == 0xfe: // other APPn, COM
		case m == 0xda:
			if d.scanned {
				return errFallback // a second scan
			}
			if err := d.sos(seg); err != nil {
				return err
			}
			if d.headersOnly {
				return nil
			}
			err = d.scan()
			d.scanned = true
		default: // other frames (progressive, lossless, arithmetic), DNL, ...
			return errFallback
		}
		if err != nil {
			return err
		}
	}
}

// sof reads a frame header (B.2.2).
func (d *decoder) sof(seg []byte) error {
	if d.frame || len(seg) < 6 {
		return errFallback
	}
	d.frame = true
	if seg[0] != 8 {
		return errFallback // 12-bit samples
	}
	d.height = int(seg[1])<<8 | int(seg[2])
	d.width = int(seg[3])<<8 | int(seg[4])
	d.ncomp = int(seg[5])
	if d.width == 0 || d.height == 0 || d.ncomp != 1 && d.ncomp != 3 || len(seg) != 6+3*d.ncomp {
		return errFallback
	}
	for i := range d.ncomp {
		c := &d.comp[i]
		c.id = seg[6+3*i]
		c.h, c.v = int(seg[7+3*i]>>4), int(seg[7+3*i]&15)
		c.tq = int(seg[8+3*i])
		if c.tq > 3 || c.h < 1 || c.h > 4 || c.v < 1 || c.v > 4 {
			return errFallback
		}
		for j := range i {
			if d.comp[j].id == c.id {
				return errFallback
			}
		}
	}
	if d.ncomp == 1 {
		// One component is never interleaved: its MCU is one block
		// whatever its sampling factors (A.2).
		d.comp[0].h, d.comp[0].v = 1, 1
		return nil
	}
	y, cb, cr := &d.comp[0], &d.comp[1], &d.comp[2]
	if cb.h != cr.h || cb.v != cr.v || y.h%cb.h != 0 || y.v%cb.v != 0 {
		return errFallback
	}
	if _, ok := ratio(y.h/cb.h, y.v/cb.v); !ok {
		return errFallback
	}
	return nil
}

// ratio names the chroma subsampling of a luma sampling that is dx×dy
// times the chroma's.
func ratio(dx, dy int) (image.YCbCrSubsampleRatio, bool) {
	switch [2]int{dx, dy} {
	case [2]int{1, 1}:
		return image.YCbCrSubsampleRatio444, true
	case [2]int{1, 2}:
		return image.YCbCrSubsampleRatio440, true
	case [2]int{2, 1}:
		return image.YCbCrSubsampleRatio422, true
	case [2]int{2, 2}:
		return image.YCbCrSubsampleRatio420, true
	case [2]int{4, 1}:
		return image.YCbCrSubsampleRatio411, true
	case [2]int{4, 2}:
		return image.YCbCrSubsampleRatio410, true
	}
	return 0, false
}

// dqt reads quantisation tables (B.2.4.1).
func (d *decoder) dqt(seg []byte) error {
	for len(seg) > 0 {
		pq, tq := seg[0]>>4, int(seg[0]&15)
		if tq > 3 || pq > 1 {
			return errFallback
		}
		seg = seg[1:]
		if pq == 0 {
			if len(seg) < 64 {
				return errFallback
			}
			for i := range 64 {
				d.quant[tq][i] = uint16(seg[i])
			}
			seg = seg[64:]
		} else {
			if len(seg) < 128 {
				return errFallback
			}
			for i := range 64 {
				d.quant[tq][i] = uint16(seg[2*i])<<8 | uint16(seg[2*i+1])
			}
			seg = seg[128:]
		}
		d.quantSet[tq] = true
	}
	return nil
}

// dht reads Huffman tables (B.2.4.2).
func (d *decoder) dht(seg []byte) error {
	for len(seg) > 0 {
		if len(seg) < 17 {
			return errFallback
		}
		tc, th := seg[0]>>4, int(seg[0]&15)
		if tc > 1 || th > 3 {
			return errFallback
		}
		var counts [16]int
		total := 0
		for i := range 16 {
			counts[i] = int(seg[1+i])
			total += counts[i]
		}
		if total == 0 || total > 256 || len(seg) < 17+total {
			return errFallback
		}
		t := &d.dc[th]
		if tc == 1 {
			t = &d.ac[th]
		}
		if err := t.build(counts, seg[17:17+total]); err != nil {
			return err
		}
		seg = seg[17+total:]
	}
	return nil
}

// sos reads a scan header (B.2.3) and sets up the decoding: only one scan
// holding every component is decoded here.
func (d *decoder) sos(seg []byte) error {
	if !d.frame || len(seg) < 1 {
		return errFallback
	}
	ns := int(seg[0])
	if ns != d.ncomp || len(seg) != 4+2*ns {
		return errFallback
	}
	for i := range ns {
		id, tables := seg[1+2*i], seg[2+2*i]
		c := &d.comp[i]
		if c.id != id { // components in frame order
			return errFallback
		}
		c.td, c.ta = int(tables>>4), int(tables&15)
		if c.td > 3 || c.ta > 3 || !d.dc[c.td].ok || !d.ac[c.ta].ok || !d.quantSet[c.tq] {
			return errFallback
		}
	}
	ss, se, a := seg[1+2*ns], seg[2+2*ns], seg[3+2*ns]
	if ss != 0 || se != 63 || a != 0 {
		return errFallback
	}
	if d.ncomp == 3 && (!d.jfif && d.adobe && d.adobeTransform == 0 ||
		!d.jfif && d.comp[0].id == 'R' && d.comp[1].id == 'G' && d.comp[2].id == 'B') {
		return errFallback // RGB, which image/jpeg converts
	}
	return nil
}
