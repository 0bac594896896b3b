package layout

import (
	"bytes"
	"encoding/binary"
	"image"
	_ "image/gif"  // decode GIF sizes
	_ "image/jpeg" // decode JPEG sizes
	_ "image/png"  // decode PNG sizes
	"io"
	"strings"

	_ "golang.org/x/image/bmp"  // decode BMP sizes
	_ "golang.org/x/image/tiff" // decode TIFF sizes
	_ "golang.org/x/image/webp" // decode WebP sizes

	"leafpress/export/doc"
)

// picInfo is what layout knows of a picture file: its size in pixels, or
// why it cannot be used.
type picInfo struct {
	w, h    int
	problem string
}

// picture reads (once) the pixel size of a picture.
func (e *engine) picture(im *doc.Image) picInfo {
	if im == nil {
		return picInfo{problem: "no picture"}
	}
	if im.Path == "" {
		p := im.Missing
		if p == "" {
			p = "not found"
		}
		return picInfo{problem: p}
	}
	if pi, ok := e.pics[im.Path]; ok {
		return pi
	}
	pi := picInfo{}
	r, err := im.Open()
	if err != nil {
		pi.problem = err.Error()
	} else {
		head := make([]byte, 64<<10)
		n, _ := io.ReadFull(r, head)
		head = head[:n]
		cfg, format, err := image.DecodeConfig(io.MultiReader(bytes.NewReader(head), r))
		r.Close()
		switch {
		case err != nil:
			pi.problem = "not a picture leafpress can read (" + err.Error() + ")"
		case cfg.Width <= 0 || cfg.Height <= 0:
			pi.problem = "a picture with no pixels"
		default:
			pi.w, pi.h = cfg.Width, cfg.Height
			// A photo stored on its side is drawn upright: crop it so.
			if format == "jpeg" && jpegOrientation(head) >= 5 {
				pi.w, pi.h = pi.h, pi.w
			}
		}
	}
	e.pics[im.Path] = pi
	return pi
}

// imageBox returns a box showing im in the frame r, cropped centrally to
// the frame's aspect; a picture that cannot be used becomes a placeholder
// (and a warning).
func (e *engine) imageBox(im *doc.Image, r Rect, what string) *ImageBox {
	pi := e.picture(im)
	b := &ImageBox{Rect: r, Placeholder: e.col.placeholder}
	if pi.problem != "" {
		switch {
		case what == "":
		case im == nil:
			e.warnf("has no picture; a placeholder was printed instead: set img in its front matter")
		default:
			e.warnf("%s %q cannot be used (%s); a placeholder was printed instead: fix the path or the file", what, im.Src, pi.problem)
		}
		// The backend draws a placeholder for an image without a path.
		b.Image = &doc.Image{}
		if im != nil {
			b.Image = &doc.Image{Src: im.Src, Alt: im.Alt, Missing: pi.problem}
		}
		return b
	}
	b.Image = im
	b.Crop = cropTo(pi.w, pi.h, r.W/r.H)
	return b
}

// cropTo returns the central part of a w x h picture with the given
// aspect (width / height).
func cropTo(w, h int, aspect float64) Rect {
	fw, fh := float64(w), float64(h)
	if aspect <= 0 {
		return Rect{W: fw, H: fh}
	}
	if fw/fh > aspect {
		cw := fh * aspect
		return Rect{X: (fw - cw) / 2, W: cw, H: fh}
	}
	ch := fw / aspect
	return Rect{Y: (fh - ch) / 2, W: fw, H: ch}
}

// frameHeight returns the height of a picture frame of width w: by the
// frame aspect, or the picture's own aspect when aspect is 0, limited to
// maxH.
func (e *engine) frameHeight(im *doc.Image, w, aspect, maxH float64) float64 {
	var h float64
	switch {
	case aspect > 0:
		h = w / aspect
	default:
		pi := e.picture(im)
		if pi.problem != "" || pi.w == 0 {
			h = w / 1.5
		} else {
			h = w * float64(pi.h) / float64(pi.w)
		}
	}
	return min(h, maxH)
}

// imageBlock adds a picture of the body at the column's width, with its
// caption.
func (e *engine) imageBlock(v *vlist, im *doc.Image, c bctx) {
	sp := e.t.Spacing
	s := e.scale
	colH := e.pageH - e.top - e.bottom
	maxH := min(e.t.Images.MaxHeight*mm, colH*0.6)
	h := e.frameHeight(im, c.w, e.t.Images.Aspect, maxH)
	v.open(sp.Block * s)
	v.add(vitem{h: h, boxes: []Box{e.imageBox(im, Rect{X: c.x, Y: 0, W: c.w, H: h}, "the picture")}})
	if e.t.Images.Captions && strings.TrimSpace(im.Alt) != "" {
		fam := e.caption()
		lines := e.setString(im.Alt, fam, c.w)
		items := e.lineItems(lines, fam, c.x)
		for i := range items {
			items[i].keep = true
		}
		if len(items) > 0 {
			v.add(vitem{h: 2.5, keep: true})
		}
		for _, it := range items {
			v.add(it)
		}
	}
	v.close(sp.Block*s, false)
}

// jpegOrientation returns the EXIF orientation (1-8) of a JPEG from its
// first bytes, or 0 when it has none. Orientations 5 to 8 turn the picture
// by a quarter.
func jpegOrientation(b []byte) int {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return 0
	}
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			return 0
		}
		marker := b[i+1]
		if marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01 || marker == 0xFF {
			i += 2
			continue
		}
		if marker == 0xDA || marker == 0xD9 { // image data: no EXIF before it
			return 0
		}
		size := int(binary.BigEndian.Uint16(b[i+2:]))
		seg := b[i+4 : min(len(b), i+2+size)]
		if marker == 0xE1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 0
}

// tiffOrientation reads tag 0x0112 from the first IFD of a TIFF header.
func tiffOrientation(t []byte) int {
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 0
	}
	off := int(bo.Uint32(t[4:]))
	if off+2 > len(t) {
		return 0
	}
	n := int(bo.Uint16(t[off:]))
	for k := 0; k < n; k++ {
		e := off + 2 + 12*k
		if e+12 > len(t) {
			return 0
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			v := int(bo.Uint16(t[e+8:]))
			if v >= 1 && v <= 8 {
				return v
			}
			return 0
		}
	}
	return 0
}
