// Package fonts embeds the TrueType faces leafpress typesets and embeds
// in its PDFs, and measures text with them.
//
// The faces are Roboto (Regular, Bold, Italic, BoldItalic), Roboto Condensed
// (Regular, Bold), both under the Apache License 2.0, and Bebas Neue
// (SIL Open Font License 1.1), converted from CFF to TrueType outlines because
// the PDF writer embeds TrueType (glyf) outlines only. README.md in this
// directory tells where each file came from.
//
// Each face is parsed once per process ([Load]) and shared read-only by
// every goroutine and document: its character map, its advances and its
// raw tables. A document embeds only the glyphs it draws ([Face.Subset]).
//
// A Face measures text exactly as the PDF will draw it: the PDF writer
// stores every glyph's advance in the font's /W array as a whole number of
// thousandths of an em, rounded from the font's hmtx advance
// ([Face.GlyphWidth]), and viewers place glyphs by those numbers. Face
// rounds the same way, so a line laid out with Advance ends exactly where
// the viewer draws it. There is no kerning and no ligature or other
// shaping: the PDF writer draws one glyph per rune ([Face.Glyph]) at its
// nominal advance, and so does Face.
//
// Characters beyond the Basic Multilingual Plane (above U+FFFF, such as
// emoji) are drawn when the face has a glyph for them; the embedded faces
// have none, so Has reports them missing.
package fonts

import (
	_ "embed" // the faces' files
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// Names of the embedded faces.
const (
	Regular       = "Roboto-Regular"
	Bold          = "Roboto-Bold"
	Italic        = "Roboto-Italic"
	BoldItalic    = "Roboto-BoldItalic"
	Condensed     = "RobotoCondensed-Regular"
	CondensedBold = "RobotoCondensed-Bold"
	Display       = "BebasNeue-Regular"
)

// The faces' files, embedded one by one as byte slices: reading them
// copies nothing (an embed.FS copies each file it reads).
var (
	//go:embed Roboto-Regular.ttf
	robotoRegular []byte
	//go:embed Roboto-Bold.ttf
	robotoBold []byte
	//go:embed Roboto-Italic.ttf
	robotoItalic []byte
	//go:embed Roboto-BoldItalic.ttf
	robotoBoldItalic []byte
	//go:embed RobotoCondensed-Regular.ttf
	condensedRegular []byte
	//go:embed RobotoCondensed-Bold.ttf
	condensedBold []byte
	//go:embed BebasNeue-Regular.ttf
	bebasNeue []byte

	files = map[string][]byte{Regular: robotoRegular, Bold: robotoBold, Italic: robotoItalic, BoldItalic: robotoBoldItalic,
		Condensed: condensedRegular, CondensedBold: condensedBold, Display: bebasNeue}
)

// TTF returns the TrueType file of the named face. The returned slice is
// shared: callers must not modify it.
func TTF(name string) ([]byte, error) {
	b, ok := files[name]
	if !ok {
		return nil, unknownFace(name)
	}
	return b, nil
}

// names are the embedded faces, sorted.
var names = slices.Sorted(slices.Values([]string{Regular, Bold, Italic, BoldItalic, Condensed, CondensedBold, Display}))

// Names returns the names of all embedded faces, sorted.
func Names() []string { return slices.Clone(names) }

func known(name string) bool { return slices.Contains(names, name) }

func unknownFace(name string) error {
	return fmt.Errorf("fonts: unknown face %q: use one of %s", name, strings.Join(names, ", "))
}

// zeroWidth marks a glyph that is present with a zero advance, as the PDF
// writer marks it; 0 in the width table means "no glyph".
const zeroWidth = 65535

// Face is one loaded font face. It measures text in points exactly as the
// PDF writer's width table makes viewers draw it. A Face is immutable and
// safe for concurrent use.
type Face struct {
	name    string
	font    *sfnt.Font
	tables  sfntTables
	upem    int
	widths  []uint16 // per BMP rune, thousandths of an em; 0 = no glyph, zeroWidth = present, zero advance
	glyphs  []uint16 // per BMP rune, its glyph; 0 = none
	astral  map[rune]uint16
	gw      []uint16 // per glyph, thousandths of an em
	missing int      // width used for a rune without a glyph, thousandths of an em
	bbox    [4]int   // font bounding box, thousandths of an em
	italic  float64  // italic angle, degrees

	ascent, descent, lineGap, capHeight, xHeight float64 // em fractions
}

type cacheEntry struct {
	once sync.Once
	face *Face
	err  error
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*cacheEntry{}
)

// Load returns the named face, parsing it on first use. Faces are cached;
// Load is safe for concurrent use.
func Load(name string) (*Face, error) {
	if !known(name) {
		return nil, unknownFace(name)
	}
	cacheMu.Lock()
	e := cache[name]
	if e == nil {
		e = &cacheEntry{}
		cache[name] = e
	}
	cacheMu.Unlock()
	e.once.Do(func() { e.face, e.err = parse(name) })
	return e.face, e.err
}

// MustLoad is like Load but panics on error. It is meant for the embedded
// face names declared in this package, which always load.
func MustLoad(name string) *Face {
	f, err := Load(name)
	if err != nil {
		panic(err)
	}
	return f
}

func parse(name string) (*Face, error) {
	data, err := TTF(name)
	if err != nil {
		return nil, err
	}
	fnt, err := sfnt.Parse(data)
	if err != nil {
		return nil, fmt.Errorf("fonts: parsing embedded face %q: %v", name, err)
	}
	tables, err := readTables(data)
	if err != nil {
		return nil, fmt.Errorf("fonts: embedded face %q: %v", name, err)
	}
	upem := int(fnt.UnitsPerEm())
	if upem <= 0 {
		return nil, fmt.Errorf("fonts: embedded face %q has no units per em", name)
	}
	ppem := fixed.Int26_6(upem) // lengths come back in font units
	var buf sfnt.Buffer
	scale := 1000.0 / float64(upem)
	thousandths := func(a int) int {
		if a >= 1<<15 || a < 0 {
			a = 0
		}
		return int(math.Round(scale * float64(a)))
	}

	f := &Face{name: name, font: fnt, tables: tables, upem: upem,
		widths: make([]uint16, 1<<16), glyphs: make([]uint16, 1<<16), astral: map[rune]uint16{}}
	// Advances of every glyph, from hmtx: glyphs past numberOfHMetrics
	// share the last advance.
	n := tables.numGlyphs()
	hmtx := tables["hmtx"]
	nh := int(binary.BigEndian.Uint16(tables["hhea"][34:]))
	if nh == 0 || 4*nh > len(hmtx) {
		return nil, fmt.Errorf("fonts: embedded face %q has a bad hmtx table", name)
	}
	f.gw = make([]uint16, n)
	for g := range n {
		adv := int(binary.BigEndian.Uint16(hmtx[4*min(g, nh-1):]))
		f.gw[g] = uint16(thousandths(adv))
	}
	f.missing = int(f.gw[0])
	if f.missing == 0 {
		f.missing = 500 // a face whose .notdef has no advance
	}
	set := func(r rune, gi uint16) {
		if r <= 0 || r >= 0xFFFF || gi == 0 || int(gi) >= n {
			return
		}
		w := int(f.gw[gi])
		if w == 0 {
			w = zeroWidth
		}
		f.widths[r], f.glyphs[r] = uint16(w), gi
	}
	// Straight from the cmap table when it has a subtable of format 12
	// or 4 (all the embedded faces do); else rune by rune through sfnt.
	if !bmpGlyphs(tables["cmap"], set) {
		for r := 1; r < 0xFFFF; r++ {
			gi, err := fnt.GlyphIndex(&buf, rune(r))
			if err == nil {
				set(rune(r), uint16(gi))
			}
		}
	}
	for r, g := range astralGlyphs(tables["cmap"]) {
		if int(g) < n && g != 0 {
			f.astral[r] = g
		}
	}
	head := tables["head"]
	for i := range f.bbox {
		f.bbox[i] = int(math.Round(scale * float64(int16(binary.BigEndian.Uint16(head[36+2*i:])))))
	}
	if post := tables["post"]; len(post) >= 8 {
		f.italic = float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536
	}

	m, err := fnt.Metrics(&buf, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("fonts: embedded face %q: %v", name, err)
	}
	em := float64(upem)
	f.ascent = float64(m.Ascent) / em
	f.descent = float64(m.Descent) / em
	f.lineGap = float64(m.Height-m.Ascent-m.Descent) / em
	f.capHeight = float64(m.CapHeight) / em
	f.xHeight = float64(m.XHeight) / em
	// Older OS/2 tables carry no cap or x height: take them from H and x.
	if f.capHeight <= 0 {
		f.capHeight = f.glyphTop(&buf, 'H', ppem)
	}
	if f.xHeight <= 0 {
		f.xHeight = f.glyphTop(&buf, 'x', ppem)
	}
	return f, nil
}

// glyphTop returns the top of r's outline as a fraction of the em, or 0.
func (f *Face) glyphTop(buf *sfnt.Buffer, r rune, ppem fixed.Int26_6) float64 {
	gi, err := f.font.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return 0
	}
	b, _, err := f.font.GlyphBounds(buf, gi, ppem, font.HintingNone)
	if err != nil {
		return 0
	}
	// sfnt bounds have y growing downwards.
	return float64(-b.Min.Y) / float64(f.upem)
}

// Name returns the face's name, one of the constants of this package.
func (f *Face) Name() string { return f.name }

// width returns r's advance in thousandths of an em as the PDF writer
// counts it.
func (f *Face) width(r rune) int {
	if r < 0 || r > 0xFFFF {
		if g, ok := f.astral[r]; ok {
			return int(f.gw[g])
		}
		return f.missing
	}
	switch w := f.widths[r]; w {
	case 0:
		return f.missing
	case zeroWidth:
		return 0
	default:
		return int(w)
	}
}

// Units returns the width of s in thousandths of an em, the integer units
// of the PDF's width table. Summing Units and scaling once avoids rounding
// drift when a caller adds many pieces together.
func (f *Face) Units(s string) int {
	w := 0
	for _, r := range s {
		w += f.width(r)
	}
	return w
}

// Advance returns the width in points of s set at size points, without
// kerning. Runes the face lacks are counted with the width of its missing
// glyph, as the PDF writer counts them.
func (f *Face) Advance(s string, size float64) float64 {
	return float64(f.Units(s)) * size / 1000
}

// RuneAdvance returns the width in points of r set at size points.
func (f *Face) RuneAdvance(r rune, size float64) float64 {
	return float64(f.width(r)) * size / 1000
}

// Ascent returns the distance in points from the baseline up to the top of
// the face's line box at size points (the hhea ascender). It is positive.
func (f *Face) Ascent(size float64) float64 { return f.ascent * size }

// Descent returns the distance in points from the baseline down to the
// bottom of the face's line box at size points. It is positive.
func (f *Face) Descent(size float64) float64 { return f.descent * size }

// LineGap returns the extra space in points the face recommends between
// one line's descent and the next line's ascent at size points.
func (f *Face) LineGap(size float64) float64 { return f.lineGap * size }

// CapHeight returns the height in points of capital letters above the
// baseline at size points.
func (f *Face) CapHeight(size float64) float64 { return f.capHeight * size }

// XHeight returns the height in points of lowercase letters such as x above
// the baseline at size points.
func (f *Face) XHeight(size float64) float64 { return f.xHeight * size }

// Has reports whether the face has a glyph for r.
func (f *Face) Has(r rune) bool {
	if r > 0xFFFF {
		_, ok := f.astral[r]
		return ok
	}
	return r > 0 && r < 0xFFFF && f.widths[r] != 0
}

// Glyph returns the glyph that draws r, 0 (.notdef) when the face has
// none.
func (f *Face) Glyph(r rune) uint16 {
	if r > 0xFFFF {
		return f.astral[r]
	}
	if r <= 0 || r == 0xFFFF {
		return 0
	}
	return f.glyphs[r]
}

// GlyphWidth returns glyph g's advance in thousandths of an em, as the
// PDF's width table gives it; a rune measures the width of its glyph
// (Units). A glyph the face does not have measures as .notdef.
func (f *Face) GlyphWidth(g uint16) int {
	if g == 0 {
		return f.missing
	}
	if int(g) >= len(f.gw) {
		return f.missing
	}
	return int(f.gw[g])
}

// NumGlyphs returns the number of glyphs in the face; glyph numbers run
// from 0 (.notdef) to NumGlyphs-1.
func (f *Face) NumGlyphs() int { return len(f.gw) }

// UnitsPerEm returns the face's design units per em.
func (f *Face) UnitsPerEm() int { return f.upem }

// BBox returns the face's bounding box (xMin, yMin, xMax, yMax) in
// thousandths of an em.
func (f *Face) BBox() [4]int { return f.bbox }

// ItalicAngle returns the face's italic angle in degrees, counter-clockwise
// from the vertical (negative for a face leaning right).
func (f *Face) ItalicAngle() float64 { return f.italic }

// Font returns the parsed face, for drawing glyph outlines
// (golang.org/x/image/font/sfnt). It is shared: use it with a Buffer of
// your own.
func (f *Face) Font() *sfnt.Font { return f.font }

// cmapSubtable returns the Unicode subtable of a cmap table in the given
// format (12: all of Unicode, 4: the BMP), or nil.
func cmapSubtable(cmap []byte, format uint16) []byte {
	if len(cmap) < 4 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(cmap[2:]))
	for i := range n {
		if 4+8*i+8 > len(cmap) {
			break
		}
		e := cmap[4+8*i:]
		pid, eid, off := binary.BigEndian.Uint16(e), binary.BigEndian.Uint16(e[2:]), int(binary.BigEndian.Uint32(e[4:]))
		unicode := pid == 0 || pid == 3 && (eid == 1 || eid == 10)
		if !unicode || off+16 > len(cmap) || binary.BigEndian.Uint16(cmap[off:]) != format {
			continue
		}
		return cmap[off:]
	}
	return nil
}

// bmpGlyphs calls set for every rune of the BMP a cmap table maps to a
// glyph, read from its format 12 subtable, else its format 4 one; it
// reports false when the table has neither.
func bmpGlyphs(cmap []byte, set func(r rune, g uint16)) bool {
	if st := cmapSubtable(cmap, 12); st != nil {
		format12Groups(st, func(lo, hi, gid uint32) {
			for r := lo; r <= min(hi, 0xFFFF); r++ {
				set(rune(r), uint16(gid+r-lo))
			}
		})
		return true
	}
	st := cmapSubtable(cmap, 4)
	if st == nil {
		return false
	}
	segs := int(binary.BigEndian.Uint16(st[6:])) / 2
	if 16+8*segs > len(st) {
		return false
	}
	ends, starts, deltas, offs := st[14:], st[16+2*segs:], st[16+4*segs:], st[16+6*segs:]
	for i := range segs {
		end, start := binary.BigEndian.Uint16(ends[2*i:]), binary.BigEndian.Uint16(starts[2*i:])
		delta, off := binary.BigEndian.Uint16(deltas[2*i:]), int(binary.BigEndian.Uint16(offs[2*i:]))
		for c := int(start); c <= int(end) && c < 0xFFFF; c++ {
			g := uint16(c) + delta
			if off != 0 {
				// idRangeOffset counts from its own place in the table.
				at := 16 + 6*segs + 2*i + off + 2*(c-int(start))
				if at+2 > len(st) {
					continue
				}
				if g = binary.BigEndian.Uint16(st[at:]); g != 0 {
					g += delta
				}
			}
			set(rune(c), g)
		}
	}
	return true
}

// astralGlyphs reads the runes above U+FFFF and their glyphs from a cmap
// table's format 12 subtable, if it has one.
func astralGlyphs(cmap []byte) map[rune]uint16 {
	out := map[rune]uint16{}
	st := cmapSubtable(cmap, 12)
	if st == nil {
		return out
	}
	format12Groups(st, func(lo, hi, gid uint32) {
		if hi <= 0xFFFF || hi-lo > 0x10000 {
			return
		}
		for r := max(lo, 0x10000); r <= hi && r <= 0x10FFFF; r++ {
			out[rune(r)] = uint16(gid + r - lo)
		}
	})
	return out
}

// format12Groups calls group for each sequential map group of a format 12
// cmap subtable: runes lo to hi map to glyphs gid on.
func format12Groups(st []byte, group func(lo, hi, gid uint32)) {
	n := int(binary.BigEndian.Uint32(st[12:]))
	for g := range n {
		if 16+12*g+12 > len(st) {
			return
		}
		ge := st[16+12*g:]
		group(binary.BigEndian.Uint32(ge), binary.BigEndian.Uint32(ge[4:]), binary.BigEndian.Uint32(ge[8:]))
	}
}

// Missing returns the distinct runes of s the face has no glyph for, in
// order of first appearance, ignoring control characters (below U+0020),
// which are never drawn.
func (f *Face) Missing(s string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range s {
		if r < ' ' || seen[r] || f.Has(r) {
			continue
		}
		seen[r] = true
		out = append(out, r)
	}
	return out
}
