package raster

import (
	"fmt"
	"sync"

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
	outlines map[rune]path // in font units, y down, origin on the baseline
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
	f := &glyphFace{face: face, font: fnt, upem: float64(fnt.UnitsPerEm()), outlines: map[rune]path{}}
	g.faces[name] = f
	return f, nil
}

// outline returns r's outline placed with its origin at (x, y) and scaled
// to size points; nil for a rune without a glyph or without ink.
func (f *glyphFace) outline(r rune, x, y, size float64) path {
	units := f.units(r)
	if len(units) == 0 {
		return nil
	}
	k := size / f.upem
	out := make(path, len(units))
	at := func(q pt) pt { return pt{x + q.x*k, y + q.y*k} }
	for i, c := range units {
		segs := make([]seg, len(c.segs))
		for j, s := range c.segs {
			segs[j] = seg{cubic: s.cubic, c: [3]pt{at(s.c[0]), at(s.c[1]), at(s.c[2])}}
		}
		out[i] = contour{start: at(c.start), segs: segs}
	}
	return out
}

// units returns r's outline in font units, loading it on first use.
func (f *glyphFace) units(r rune) path {
	f.mu.Lock()
	defer f.mu.Unlock()
	if p, ok := f.outlines[r]; ok {
		return p
	}
	p := f.load(r)
	f.outlines[r] = p
	return p
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
