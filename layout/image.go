package layout

import (
	"bytes"
	"cmp"
	"image"
	_ "image/gif"  // decode GIF sizes
	_ "image/jpeg" // decode JPEG sizes
	_ "image/png"  // decode PNG sizes
	"io"
	"strings"

	"leafpress/export/doc"
	"leafpress/export/exif"
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
			if format == "jpeg" && exif.Swapped(exif.Orientation(head)) {
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

// figure fills in the Figure element n of picture im: its alternative
// text is the picture's alt text, else the chapter's title. It returns n.
func (e *engine) figure(n *Node, im *doc.Image) *Node {
	if n == nil {
		return nil
	}
	if im != nil {
		n.Alt = collapse(im.Alt)
	}
	if n.Alt == "" && e.chapter != nil {
		n.Alt = collapse(cmp.Or(strings.TrimSpace(e.chapter.Title), e.chapter.UID))
	}
	return n
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
	ib := e.imageBox(im, Rect{X: c.x, Y: 0, W: c.w, H: h}, "the picture")
	ib.Node = e.figure(e.cur, im)
	v.add(vitem{h: h, boxes: []Box{ib}})
	if e.t.Images.Captions && strings.TrimSpace(im.Alt) != "" {
		if e.cur != nil {
			e.cur = e.node(StructCaption, e.cur)
		}
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
