package raster

import (
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"golang.org/x/image/vector"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"leafpress/fonts"
)

// glyphCache holds each face's parsed outlines, shared by every page.
type glyphCache struct {
	mu    sync.Mutex
	faces map[string]*glyphFace
}

func newGlyphCache() *glyphCache { return &glyphCache{faces: map[string]*glyphFace{}} }

// glyphFace is one face: its measures (fonts.Face) and its outlines, in
// font units, loaded as runes are first drawn.
type glyphFace struct {
	face *fonts.Face
	font *sfnt.Font
	upem float64

	mu       sync.Mutex
	buf      sfnt.Buffer
	outlines map[rune]outline

	maskMu sync.RWMutex
	masks  map[sizeKey]*sizeMasks
	count  int // masks made since masks was last emptied
}

// face returns the named face, parsing its outlines on first use.
func (g *glyphCache) face(name string) (*glyphFace, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if f, ok := g.faces[name]; ok {
		return f, nil
	}
	face, err := fonts.Load(name)
	if err != nil {
		return nil, err
	}
	data, err := fonts.TTF(name)
	if err != nil {
		return nil, err
	}
	fnt, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("raster: face %q: %v", name, err)
	}
	f := &glyphFace{face: face, font: fnt, upem: float64(fnt.UnitsPerEm()), outlines: map[rune]outline{}}
	g.faces[name] = f
	return f, nil
}

// outline is a glyph's outline in font units, y down, origin on the
// baseline, with its bounds (x0, y0)–(x1, y1), which every mask made of it
// needs.
type outline struct {
	path           path
	x0, y0, x1, y1 float64
}

// units returns r's outline, loading it on first use.
func (f *glyphFace) units(r rune) outline {
	f.mu.Lock()
	defer f.mu.Unlock()
	if o, ok := f.outlines[r]; ok {
		return o
	}
	o := outline{path: f.load(r)}
	o.x0, o.y0, o.x1, o.y1 = o.path.bounds()
	f.outlines[r] = o
	return o
}

// load reads r's outline from the font. Quadratic segments become cubic
// ones, so a path holds lines and cubics only.
func (f *glyphFace) load(r rune) path {
	gi, err := f.font.GlyphIndex(&f.buf, r)
	if err != nil || gi == 0 {
		return nil
	}
	// At ppem = units per em (as a 26.6 value), lengths come back in font units.
	segs, err := f.font.LoadGlyph(&f.buf, gi, fixed.Int26_6(f.upem), nil)
	if err != nil {
		return nil
	}
	var p path
	var cur pt
	v := func(q fixed.Point26_6) pt { return pt{float64(q.X), float64(q.Y)} }
	for _, s := range segs {
		switch s.Op {
		case sfnt.SegmentOpMoveTo:
			cur = v(s.Args[0])
			p = append(p, contour{start: cur})
		case sfnt.SegmentOpLineTo:
			cur = v(s.Args[0])
			p = addSeg(p, line(cur.x, cur.y))
		case sfnt.SegmentOpQuadTo:
			c, e := v(s.Args[0]), v(s.Args[1])
			p = addSeg(p, curve(cur.x+2.0/3*(c.x-cur.x), cur.y+2.0/3*(c.y-cur.y), e.x+2.0/3*(c.x-e.x), e.y+2.0/3*(c.y-e.y), e.x, e.y))
			cur = e
		case sfnt.SegmentOpCubeTo:
			a, b, e := v(s.Args[0]), v(s.Args[1]), v(s.Args[2])
			p = addSeg(p, curve(a.x, a.y, b.x, b.y, e.x, e.y))
			cur = e
		}
	}
	return p
}

func addSeg(p path, s seg) path {
	if len(p) == 0 {
		p = append(p, contour{})
	}
	p[len(p)-1].segs = append(p[len(p)-1].segs, s)
	return p
}

// Glyphs are drawn from masks: each glyph is filled once per size, scale
// and position within a pixel across (in quarters of a pixel; baselines
// sit on whole pixels), into an alpha mask that every later occurrence is
// composited from. A page of text is thus mostly copying, not filling
// outlines again.
const subpixels = 4

// maxMasks bounds the masks a face keeps; past it they are dropped and
// made again as needed.
const maxMasks = 1 << 16

// sizeKey is one size of a face's glyphs on a page: the size in points
// and the pixels per point across (the line's scale included) and down.
type sizeKey struct {
	size, sx, sy float64
}

// maskKey is one mask: a glyph at a size, its origin fx subpixels across
// into its pixel.
type maskKey struct {
	sizeKey
	r  rune
	fx uint8 // position within the pixel across, in 1/subpixels
}

// sizeMasks are the masks of one size, by glyph and position (r <<
// 2 | fx): a run looks its size up once, then each glyph by a small key.
type sizeMasks struct {
	key   sizeKey
	mu    sync.RWMutex
	masks map[uint32]glyphMask
}

// glyphMask is a glyph drawn with its origin fx/subpixels of a pixel
// across from a pixel's top left corner: alpha's pixel (0, 0) is off
// pixels from that pixel; nil alpha when the glyph has no ink.
type glyphMask struct {
	alpha *image.Alpha
	off   image.Point
}

var rasterizers = sync.Pool{New: func() any { return new(vector.Rasterizer) }}

// sized returns the masks of the face's glyphs at size points, scaled by
// sx and sy pixels per point.
func (f *glyphFace) sized(size, sx, sy float64) *sizeMasks {
	k := sizeKey{size, sx, sy}
	f.maskMu.RLock()
	m, ok := f.masks[k]
	f.maskMu.RUnlock()
	if ok {
		return m
	}
	f.maskMu.Lock()
	defer f.maskMu.Unlock()
	if m, ok := f.masks[k]; ok {
		return m
	}
	if f.masks == nil || f.count >= maxMasks {
		// Masks of sizes dropped here stay with the runs drawing them.
		f.masks, f.count = map[sizeKey]*sizeMasks{}, 0
	}
	m = &sizeMasks{key: k, masks: map[uint32]glyphMask{}}
	f.masks[k] = m
	return m
}

// mask returns r's mask at s's size with its origin fx subpixels across
// into its pixel.
func (f *glyphFace) mask(s *sizeMasks, r rune, fx uint8) glyphMask {
	k := uint32(r)<<2 | uint32(fx)
	s.mu.RLock()
	m, ok := s.masks[k]
	s.mu.RUnlock()
	if ok {
		return m
	}
	m = f.drawMask(maskKey{s.key, r, fx})
	s.mu.Lock()
	s.masks[k] = m
	s.mu.Unlock()
	f.maskMu.Lock()
	f.count++
	f.maskMu.Unlock()
	return m
}

func (f *glyphFace) drawMask(k maskKey) glyphMask {
	units := f.units(k.r)
	if len(units.path) == 0 {
		return glyphMask{}
	}
	ux, uy := k.size/f.upem*k.sx, k.size/f.upem*k.sy
	ox, oy := float64(k.fx)/subpixels, 0.0
	x0, y0, x1, y1 := units.x0, units.y0, units.x1, units.y1
	area := image.Rect(int(math.Floor(x0*ux+ox)), int(math.Floor(y0*uy+oy)), int(math.Ceil(x1*ux+ox)), int(math.Ceil(y1*uy+oy)))
	if area.Empty() {
		return glyphMask{}
	}
	z := rasterizers.Get().(*vector.Rasterizer)
	defer rasterizers.Put(z)
	z.Reset(area.Dx(), area.Dy())
	z.DrawOp = draw.Src
	bx, by := ox-float64(area.Min.X), oy-float64(area.Min.Y)
	at := func(q pt) (float32, float32) { return float32(q.x*ux + bx), float32(q.y*uy + by) }
	addPath(z, units.path, at)
	a := image.NewAlpha(image.Rect(0, 0, area.Dx(), area.Dy()))
	z.Draw(a, a.Bounds(), image.Opaque, image.Point{})
	return glyphMask{alpha: a, off: area.Min}
}

// glyphOver draws the part r of dst in colour col through mask (its pixel
// mp at r.Min), as draw.DrawMask does with an image.Uniform of an opaque
// colour and draw.Over, to the same bytes: each byte d becomes
// ⌊(S + ⌊2S/255⌋) / 256⌋ with S = d·(255−a) + c·a, which is what its
// 16-bit arithmetic comes to for 8-bit values, and which is ⌊S·66050 /
// 2²⁴⌋ for every S up to 255² (see TestGlyphOver). A pixel's four bytes
// are worked out two at a time in the 32-bit halves of a word. A glyph's
// pixels are mostly untouched or covered, which skip the arithmetic.
func glyphOver(dst *image.RGBA, r image.Rectangle, col color.RGBA, mask *image.Alpha, mp image.Point) {
	w := r.Dx()
	// The colour's red and blue, green and alpha, in the halves of a word.
	crb := uint64(col.R) | uint64(col.B)<<32
	cga := uint64(col.G) | 255<<32
	covered := uint32(col.R) | uint32(col.G)<<8 | uint32(col.B)<<16 | 255<<24
	const halves = 0x000000ff_000000ff
	for y := range r.Dy() {
		i := dst.PixOffset(r.Min.X, r.Min.Y+y)
		d := dst.Pix[i : i+4*w : i+4*w]
		mi := mask.PixOffset(mp.X, mp.Y+y)
		m := mask.Pix[mi : mi+w : mi+w]
		for x, a := range m {
			p := d[4*x : 4*x+4 : 4*x+4]
			switch a {
			case 0:
			case 255:
				binary.LittleEndian.PutUint32(p, covered)
			default:
				a, na := uint64(a), 255-uint64(a)
				v := uint64(binary.LittleEndian.Uint32(p))
				rb := (v&0xff|(v&0xff0000)<<16)*na + crb*a
				ga := ((v>>8)&0xff|(v&0xff000000)<<8)*na + cga*a
				rb = rb * 66050 >> 24 & halves
				ga = ga * 66050 >> 24 & halves
				binary.LittleEndian.PutUint32(p, uint32(rb&0xff|rb>>16&0xff0000|(ga&0xff)<<8|ga>>8&0xff000000))
			}
		}
	}
}
