// Package fonts embeds the TrueType faces leafpress typesets and embeds
// in its PDFs, and measures text with them.
//
// The faces are Roboto (Regular, Bold, Italic, BoldItalic), Roboto Condensed
// (Regular, Bold), both under the Apache License 2.0, and Bebas Neue
// (SIL Open Font License 1.1), converted from CFF to TrueType outlines because
// the PDF writer embeds TrueType (glyf) outlines only. README.md in this
// directory tells where each file came from.
//
// A Face measures text exactly as the PDF will draw it: the PDF writer
// (github.com/go-pdf/fpdf) stores every glyph's advance in the font's /W
// array as a whole number of thousandths of an em, rounded from the font's
// hmtx advance, and viewers place glyphs by those numbers. Face rounds the
// same way, so a line laid out with Advance ends exactly where the viewer
// draws it. There is no kerning and no ligature or other shaping: the PDF
// writer draws one glyph per rune at its nominal advance, and so does Face.
//
// Only runes of the Basic Multilingual Plane (U+0000 to U+FFFF) can be
// drawn by the PDF writer; a rune beyond it, such as an emoji, is never
// reported as present by Has and is measured as a missing glyph.
package fonts

import (
	"embed"
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

//go:embed *.ttf
var files embed.FS

// TTF returns the TrueType file of the named face. The returned slice is
// shared: callers must not modify it.
func TTF(name string) ([]byte, error) {
	if !known(name) {
		return nil, unknownFace(name)
	}
	b, err := files.ReadFile(name + ".ttf")
	if err != nil {
		return nil, fmt.Errorf("fonts: reading embedded face %q: %v", name, err)
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
	upem    int
	widths  []uint16 // per BMP rune, thousandths of an em; 0 = no glyph, zeroWidth = present, zero advance
	missing int      // width used for a rune without a glyph, thousandths of an em

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
	upem := int(fnt.UnitsPerEm())
	if upem <= 0 {
		return nil, fmt.Errorf("fonts: embedded face %q has no units per em", name)
	}
	ppem := fixed.Int26_6(upem) // lengths come back in font units
	var buf sfnt.Buffer
	// The same expression and rounding as the PDF writer's hmtx parser.
	scale := 1000.0 / float64(upem)
	thousandths := func(adv fixed.Int26_6) int {
		a := int(adv)
		if a >= 1<<15 || a < 0 {
			a = 0
		}
		return int(math.Round(scale * float64(a)))
	}

	f := &Face{name: name, font: fnt, upem: upem, widths: make([]uint16, 1<<16)}
	notdef, err := fnt.GlyphAdvance(&buf, 0, ppem, font.HintingNone)
	if err != nil {
		return nil, fmt.Errorf("fonts: embedded face %q: %v", name, err)
	}
	f.missing = int(math.Floor(scale*float64(notdef) + 0.5))
	if f.missing == 0 {
		f.missing = 500 // the PDF writer's fallback
	}
	for r := 1; r < 0xFFFF; r++ {
		gi, err := fnt.GlyphIndex(&buf, rune(r))
		if err != nil || gi == 0 {
			continue
		}
		adv, err := fnt.GlyphAdvance(&buf, gi, ppem, font.HintingNone)
		if err != nil {
			continue
		}
		w := thousandths(adv)
		if w == 0 {
			w = zeroWidth
		}
		f.widths[r] = uint16(w)
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

// Has reports whether the face has a glyph for r that the PDF can draw.
func (f *Face) Has(r rune) bool {
	return r > 0 && r < 0xFFFF && f.widths[r] != 0
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
