// Package raster draws laid-out pages (a [layout.Page]) into images: page
// thumbnails and share pictures. It reads the same boxes as the PDF writer
// (export/pdf), so a thumbnail is always a picture of the real page.
//
// Text is drawn from the glyph outlines of the embedded faces (package
// fonts), parsed with golang.org/x/image/font/sfnt and filled anti-aliased
// with golang.org/x/image/vector. Glyphs are placed at the advances
// [fonts.Face] measures, which are the advances the PDF writer gives
// viewers, so every line starts and ends where it does in the PDF. Rules,
// fills (with rounded corners), underlines and the placeholder of a
// missing picture are filled as paths the same way; pictures are decoded,
// turned upright by their EXIF orientation (or taken from export/picture's
// cache, prepared so) and cropped to the layout's crop. An opaque picture
// drawn smaller than it is (every picture of a thumbnail) is reduced by
// area averaging straight into the page, as PDF viewers draw it, and the
// frame is kept (within a bound) to be copied when the same part is drawn
// at the same size again; others are resampled to the frame with
// export/picture's Catmull-Rom filter or github.com/disintegration/imaging.
//
// Colours are the layout's RGB values, the screen PDF's colours. Only the
// finished page (the trim box) is drawn, on white, as a screen PDF shows
// it; whatever bleeds past it is cut off. No external program is run.
package raster

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"strings"

	"golang.org/x/image/vector"

	"leafpress/export/picture"
	"leafpress/layout"
)

// Renderer draws pages. It keeps the parsed glyph outlines and the decoded
// pictures it has met, so drawing many pages with one Renderer decodes
// each picture file once. A Renderer is safe for concurrent use; the zero
// value is not usable, use [New].
type Renderer struct {
	glyphs *glyphCache
	pics   *pictureCache
}

// New returns a Renderer. With a picture cache (export/picture), pictures
// are taken from it, prepared at most maxSide pixels on their long side,
// so that the PDFs, the Word files and the pictures of a run (and of the
// next run, when the cache keeps a folder) share the work; with nil, each
// file is decoded here.
func New(pictures *picture.Cache) *Renderer {
	return &Renderer{glyphs: newGlyphCache(), pics: newPictureCache(pictures)}
}

// Page draws p's trim box into a new width × height image. The page is
// scaled to fill the image; when the image's aspect differs from the
// page's, x and y are scaled separately.
func (r *Renderer) Page(p *layout.Page, width, height int) (*image.RGBA, error) {
	if width <= 0 || height <= 0 {
		return nil, fmt.Errorf("raster: image size %d × %d: both must be positive", width, height)
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	if err := r.Draw(img, p); err != nil {
		return nil, err
	}
	return img, nil
}

// Draw draws p's trim box into dst as Page does, over whatever dst held:
// a caller drawing many pages can reuse one image. dst's bounds must
// start at (0, 0).
func (r *Renderer) Draw(dst *image.RGBA, p *layout.Page) error {
	b := dst.Bounds()
	if b.Min != (image.Point{}) || b.Empty() {
		return fmt.Errorf("raster: image bounds %v: they must start at 0, 0 and hold pixels", b)
	}
	if p.Width <= 0 || p.Height <= 0 {
		return fmt.Errorf("raster: page %d has no size (%g × %g pt)", p.Number, p.Width, p.Height)
	}
	// The paper is white, or the colour of a first fill covering the
	// whole page (a share picture's band, a cover's ground), which is
	// then not filled a second time.
	paper, boxes := color.RGBA{255, 255, 255, 255}, p.Boxes
	if len(boxes) > 0 {
		if f, ok := boxes[0].(*layout.FillBox); ok && f.Radius <= 0 && f.X <= 0 && f.Y <= 0 && f.X+f.W >= p.Width && f.Y+f.H >= p.Height {
			paper, boxes = rgb(f.Colour), boxes[1:]
		}
	}
	draw.Draw(dst, b, image.NewUniform(paper), image.Point{}, draw.Src)
	z := rasterizers.Get().(*vector.Rasterizer)
	defer rasterizers.Put(z)
	z.DrawOp = draw.Over
	c := &canvas{r: r, img: dst, sx: float64(b.Dx()) / p.Width, sy: float64(b.Dy()) / p.Height, z: z}
	for _, b := range boxes {
		switch b := b.(type) {
		case *layout.TextRun:
			c.text(b)
		case *layout.FillBox:
			if b.W > 0 && b.H > 0 {
				c.fill(rgb(b.Colour), roundRect(b.Rect, b.Radius))
			}
		case *layout.RuleBox:
			if b.Width > 0 {
				c.fill(rgb(b.Colour), rule(b))
			}
		case *layout.ImageBox:
			if b.W > 0 && b.H > 0 {
				c.image(b)
			}
		}
	}
	return nil
}

// Height returns the height in pixels of p drawn width pixels wide, keeping
// its aspect.
func Height(p *layout.Page, width int) int {
	if p.Width <= 0 {
		return width
	}
	return max(1, int(math.Round(float64(width)*p.Height/p.Width)))
}

// Fit returns the size in pixels of p drawn as large as fits w × h,
// keeping its aspect: w wide, or h high when the page is narrower than
// the box.
func Fit(p *layout.Page, w, h int) (int, int) {
	if p.Width <= 0 || p.Height <= 0 || p.Height*float64(w) <= p.Width*float64(h) {
		return w, Height(p, w)
	}
	return max(1, int(math.Round(float64(h)*p.Width/p.Height))), h
}

// canvas is one page being drawn.
type canvas struct {
	r      *Renderer
	img    *image.RGBA
	sx, sy float64 // pixels per point
	z      *vector.Rasterizer
}

func rgb(c layout.Colour) color.RGBA { return color.RGBA{c.R, c.G, c.B, 255} }

// path is a closed outline in page points (y down): a list of contours.
type path []contour

// contour is a closed sequence of segments starting at its first point.
type contour struct {
	start pt
	segs  []seg
}

type pt struct{ x, y float64 }

// seg is a line (when cubic is false, to c[0]) or a cubic Bézier curve
// (through c[0], c[1] to c[2]).
type seg struct {
	cubic bool
	c     [3]pt
}

// bounds returns the path's bounding box in points.
func (p path) bounds() (x0, y0, x1, y1 float64) {
	x0, y0, x1, y1 = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(q pt) {
		x0, y0, x1, y1 = min(x0, q.x), min(y0, q.y), max(x1, q.x), max(y1, q.y)
	}
	for _, c := range p {
		add(c.start)
		for _, s := range c.segs {
			n := 1
			if s.cubic {
				n = 3
			}
			for _, q := range s.c[:n] {
				add(q)
			}
		}
	}
	return
}

// fill fills p (in page points) in colour col, anti-aliased.
func (c *canvas) fill(col color.RGBA, p path) {
	x0, y0, x1, y1 := p.bounds()
	area, ok := c.pixelRect(x0, y0, x1, y1)
	if !ok {
		return
	}
	if p.isRect() {
		c.rect(col, area, x0*c.sx, y0*c.sy, x1*c.sx, y1*c.sy)
		return
	}
	c.fillPath(col, p, area)
}

// fillPath fills p with the rasterizer; area holds its pixels.
func (c *canvas) fillPath(col color.RGBA, p path, area image.Rectangle) {
	c.z.Reset(area.Dx(), area.Dy())
	ox, oy := float64(area.Min.X), float64(area.Min.Y)
	at := func(q pt) (float32, float32) { return float32(q.x*c.sx - ox), float32(q.y*c.sy - oy) }
	addPath(c.z, p, at)
	c.z.Draw(c.img, area, image.NewUniform(col), image.Point{})
}

// addPath adds p's contours to z, each point placed in z's pixels by at.
func addPath(z *vector.Rasterizer, p path, at func(pt) (float32, float32)) {
	for _, ct := range p {
		z.MoveTo(at(ct.start))
		for _, s := range ct.segs {
			if s.cubic {
				ax, ay := at(s.c[0])
				bx, by := at(s.c[1])
				cx, cy := at(s.c[2])
				z.CubeTo(ax, ay, bx, by, cx, cy)
			} else {
				z.LineTo(at(s.c[0]))
			}
		}
		z.ClosePath()
	}
}

// isRect reports whether p is one rectangle with sides along the axes
// (fills, straight rules, underlines), which rect draws without the
// rasterizer.
func (p path) isRect() bool {
	if len(p) != 1 || len(p[0].segs) < 3 || len(p[0].segs) > 4 {
		return false
	}
	xs, ys := [2]float64{p[0].start.x, p[0].start.x}, [2]float64{p[0].start.y, p[0].start.y}
	for _, s := range p[0].segs {
		if s.cubic {
			return false
		}
		q := s.c[0]
		if q.x != xs[0] {
			if xs[1] != xs[0] && q.x != xs[1] {
				return false
			}
			xs[1] = q.x
		}
		if q.y != ys[0] {
			if ys[1] != ys[0] && q.y != ys[1] {
				return false
			}
			ys[1] = q.y
		}
	}
	// Each side must run along an axis: every segment changes x or y,
	// not both.
	prev := p[0].start
	for _, s := range p[0].segs {
		q := s.c[0]
		if q.x != prev.x && q.y != prev.y {
			return false
		}
		prev = q
	}
	return true
}

// rect fills the rectangle (x0, y0)–(x1, y1), in pixels, within area:
// each pixel gets col in the part of it the rectangle covers, as the
// rasterizer would give it; pixels wholly inside are simply set.
func (c *canvas) rect(col color.RGBA, area image.Rectangle, x0, y0, x1, y1 float64) {
	cover := func(i int, lo, hi float64) float64 {
		return max(0, min(float64(i+1), hi)-max(float64(i), lo))
	}
	// Not image.Rect, which would swap the sides of a rectangle thinner
	// than a pixel.
	inner := image.Rectangle{Min: image.Pt(int(math.Ceil(x0)), int(math.Ceil(y0))), Max: image.Pt(int(math.Floor(x1)), int(math.Floor(y1)))}
	inner = inner.Intersect(area)
	if !inner.Empty() {
		draw.Draw(c.img, inner, image.NewUniform(col), image.Point{}, draw.Src)
	}
	for y := area.Min.Y; y < area.Max.Y; y++ {
		cy := cover(y, y0, y1)
		row := c.img.Pix[c.img.PixOffset(0, y):]
		for x := area.Min.X; x < area.Max.X; x++ {
			if y >= inner.Min.Y && y < inner.Max.Y && x >= inner.Min.X && x < inner.Max.X {
				x = inner.Max.X - 1 // skip what is set already
				continue
			}
			a := cy * cover(x, x0, x1)
			if a <= 0 {
				continue
			}
			px := row[4*x : 4*x+4]
			px[0] = blend(px[0], col.R, a)
			px[1] = blend(px[1], col.G, a)
			px[2] = blend(px[2], col.B, a)
			px[3] = blend(px[3], 255, a)
		}
	}
}

// blend mixes a share a of v into d.
func blend(d, v uint8, a float64) uint8 {
	return uint8(float64(d)*(1-a) + float64(v)*a + 0.5)
}

// pixelRect returns the pixels covering the point rectangle, cut to the
// image; false when nothing of it is inside.
func (c *canvas) pixelRect(x0, y0, x1, y1 float64) (image.Rectangle, bool) {
	if math.IsInf(x0, 0) || math.IsNaN(x0+y0+x1+y1) {
		return image.Rectangle{}, false
	}
	r := image.Rect(int(math.Floor(x0*c.sx)), int(math.Floor(y0*c.sy)), int(math.Ceil(x1*c.sx)), int(math.Ceil(y1*c.sy)))
	r = r.Intersect(c.img.Bounds())
	return r, !r.Empty()
}

// kappa places Bézier control points for a quarter circle.
const kappa = 0.5522847498

// roundRect is a rectangle with corners of radius rad, as the PDF writer
// draws it.
func roundRect(r layout.Rect, rad float64) path {
	rad = math.Min(rad, math.Min(r.W, r.H)/2)
	x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
	if rad <= 0 {
		return path{{start: pt{x0, y0}, segs: []seg{line(x1, y0), line(x1, y1), line(x0, y1)}}}
	}
	k := rad * (1 - kappa)
	return path{{start: pt{x0 + rad, y0}, segs: []seg{
		line(x1-rad, y0), curve(x1-k, y0, x1, y0+k, x1, y0+rad),
		line(x1, y1-rad), curve(x1, y1-k, x1-k, y1, x1-rad, y1),
		line(x0+rad, y1), curve(x0+k, y1, x0, y1-k, x0, y1-rad),
		line(x0, y0+rad), curve(x0, y0+k, x0+k, y0, x0+rad, y0),
	}}}
}

// circle is a circle of radius r around (cx, cy).
func circle(cx, cy, r float64) path {
	k := r * kappa
	return path{{start: pt{cx + r, cy}, segs: []seg{
		curve(cx+r, cy+k, cx+k, cy+r, cx, cy+r),
		curve(cx-k, cy+r, cx-r, cy+k, cx-r, cy),
		curve(cx-r, cy-k, cx-k, cy-r, cx, cy-r),
		curve(cx+k, cy-r, cx+r, cy-k, cx+r, cy),
	}}}
}

// polygon is a closed polygon through the points.
func polygon(p ...pt) path {
	ct := contour{start: p[0]}
	for _, q := range p[1:] {
		ct.segs = append(ct.segs, line(q.x, q.y))
	}
	return path{ct}
}

func line(x, y float64) seg { return seg{c: [3]pt{{x, y}}} }

func curve(ax, ay, bx, by, cx, cy float64) seg {
	return seg{cubic: true, c: [3]pt{{ax, ay}, {bx, by}, {cx, cy}}}
}

// rule is a stroked line as the PDF writer strokes it: butt ends, its
// width centred on the line.
func rule(b *layout.RuleBox) path {
	dx, dy := b.X2-b.X1, b.Y2-b.Y1
	l := math.Hypot(dx, dy)
	if l == 0 {
		return nil
	}
	nx, ny := -dy/l*b.Width/2, dx/l*b.Width/2
	return polygon(pt{b.X1 + nx, b.Y1 + ny}, pt{b.X2 + nx, b.Y2 + ny}, pt{b.X2 - nx, b.Y2 - ny}, pt{b.X1 - nx, b.Y1 - ny})
}

// text draws a run at its baseline, glyph by glyph at the advances the
// PDF gives them, with its underline and strike-through.
func (c *canvas) text(t *layout.TextRun) {
	s := drawable(t.Text)
	if strings.TrimSpace(s) == "" || t.Size <= 0 {
		return
	}
	g, err := c.r.glyphs.face(t.Face)
	if err != nil {
		return // the PDF writer reports unknown faces
	}
	if strings.ContainsRune(s, '\u202f') && !g.face.Has('\u202f') {
		s = strings.ReplaceAll(s, "\u202f", " ") // NARROW NO-BREAK SPACE
	}
	col := rgb(t.Colour)
	bounds := c.img.Bounds()
	// Baselines sit on whole pixels, as PDF viewers such as pdftoppm
	// place them; glyphs keep their position within a pixel across.
	iy := math.Round(t.Y * c.sy)
	// A justified line's glyphs may be drawn a little wider or narrower
	// (Scale), as the PDF draws them with Tz: glyphs and advances alike.
	scale := t.Scale
	if scale <= 0 {
		scale = 1
	}
	// Glyphs are drawn at that width in steps of 1/64 (a sixth of a
	// pixel on a glyph twelve pixels wide), so the masks of one size are
	// shared by every justified line instead of made again for each; the
	// glyphs are placed at the exact advances.
	masks := g.sized(t.Size, c.sx*math.Round(scale*64)/64, c.sy)
	x := t.X
	for _, ru := range s {
		if ru > 0xFFFF {
			continue // beyond what the PDF draws; reported as missing there
		}
		px := x * c.sx
		ix := math.Floor(px)
		fx := uint8(math.Round((px - ix) * subpixels))
		if fx == subpixels {
			ix, fx = ix+1, 0
		}
		x += g.face.RuneAdvance(ru, t.Size) * scale
		m := g.mask(masks, ru, fx)
		if m.alpha == nil {
			continue
		}
		at := m.off.Add(image.Pt(int(ix), int(iy)))
		r := m.alpha.Rect.Add(at).Intersect(bounds)
		if r.Empty() {
			continue
		}
		glyphOver(c.img, r, col, m.alpha, r.Min.Sub(at))
	}
	th := math.Max(0.05*t.Size, 0.3)
	if t.Underline {
		c.fill(col, roundRect(layout.Rect{X: t.X, Y: t.Y + 0.12*t.Size, W: t.Width, H: th}, 0))
	}
	if t.Strike {
		c.fill(col, roundRect(layout.Rect{X: t.X, Y: t.Y - 0.3*t.Size, W: t.Width, H: th}, 0))
	}
}

// drawable is s as the PDF writer draws it: NO-BREAK SPACE and tab
// become spaces; soft hyphens, zero-width and control characters are
// dropped.
func drawable(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u00a0' || r == '\t':
			return ' '
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
			return -1
		case r < ' ' || r == 0x7f:
			return -1
		}
		return r
	}, s)
}
