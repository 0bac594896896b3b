package raster

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"io"
	"math"

	"leafpress/export/doccache"
	"leafpress/layout"
)

// Digest returns a digest of everything that decides how p is drawn
// width × height pixels large: the program that draws it (its build ID,
// see export/doccache, so a new build of leafpress draws afresh), the
// page's size and boxes, and each picture's content. Two pages with the
// same digest give the same pixels, so a drawn page can be kept and used
// again (as the pipeline keeps thumbnails between runs). ok is false when
// the page cannot be told apart safely: the executable cannot be read, or
// a picture's content is not known (a Renderer without export/picture's
// cache).
func (r *Renderer) Digest(p *layout.Page, width, height int) (sum [sha256.Size]byte, ok bool) {
	self := doccache.BuildID()
	if self == nil {
		return sum, false
	}
	h := sha256.New()
	d := digester{h: h}
	d.bytes(self)
	d.ints(width, height)
	d.floats(p.Width, p.Height)
	for _, b := range p.Boxes {
		switch b := b.(type) {
		case *layout.TextRun:
			d.ints(1)
			d.floats(b.X, b.Y, b.Size, b.Width, b.Scale)
			d.str(b.Face)
			d.str(b.Text)
			d.colour(b.Colour)
			d.bools(b.Underline, b.Strike)
		case *layout.FillBox:
			d.ints(2)
			d.floats(b.X, b.Y, b.W, b.H, b.Radius)
			d.colour(b.Colour)
		case *layout.RuleBox:
			d.ints(3)
			d.floats(b.X1, b.Y1, b.X2, b.Y2, b.Width)
			d.colour(b.Colour)
		case *layout.ImageBox:
			d.ints(4)
			d.floats(b.X, b.Y, b.W, b.H, b.Crop.X, b.Crop.Y, b.Crop.W, b.Crop.H)
			d.colour(b.Placeholder)
			if b.Image == nil || b.Image.Path == "" {
				d.ints(0)
				continue
			}
			if r.pics.prep == nil {
				return sum, false
			}
			src, err := r.pics.prep.Source(b.Image)
			if err != nil {
				d.ints(1) // drawn as the placeholder
				continue
			}
			s := src.Sum()
			d.ints(2)
			d.bytes(s[:])
		}
	}
	copy(sum[:], h.Sum(nil))
	return sum, true
}

// digester writes values into a hash unambiguously.
type digester struct {
	h   hash.Hash
	buf [8]byte
}

func (d *digester) ints(v ...int) {
	for _, x := range v {
		binary.LittleEndian.PutUint64(d.buf[:], uint64(x))
		d.h.Write(d.buf[:])
	}
}

func (d *digester) floats(v ...float64) {
	for _, x := range v {
		binary.LittleEndian.PutUint64(d.buf[:], math.Float64bits(x))
		d.h.Write(d.buf[:])
	}
}

func (d *digester) bools(v ...bool) {
	for _, x := range v {
		if x {
			d.ints(1)
		} else {
			d.ints(0)
		}
	}
}

func (d *digester) str(s string) {
	d.ints(len(s))
	io.WriteString(d.h, s)
}

func (d *digester) bytes(b []byte) {
	d.ints(len(b))
	d.h.Write(b)
}

func (d *digester) colour(c layout.Colour) { d.ints(int(c.R), int(c.G), int(c.B)) }
