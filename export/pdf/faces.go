package pdf

import (
	"crypto/sha256"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"leafpress/export/pdf/object"
	"leafpress/fonts"
	"leafpress/layout"
)

// faceSet is the fonts a document draws with: the characters drawn with
// each, those a face has no glyph for, and each face's glyphs, embedded
// as a subset when the document is complete.
type faceSet struct {
	names   []string // in order of first use
	fonts   map[string]*fontUse
	runes   map[string]map[rune]bool
	missing map[string][]rune
	where   map[string]int // face → first page with a missing glyph
	tags    map[string]string
}

// fontUse is one face as a document uses it.
type fontUse struct {
	face  *fonts.Face
	res   string      // resource name, F1, F2…
	ref   object.Ref  // its Type0 font dictionary
	text  []string    // per glyph drawn, the text it stands for; "" = not drawn
	used  []uint16    // glyphs drawn, in order of first use
	ascii [128]uint16 // glyphs of ASCII runes, 0 = not looked up yet
}

// glyph returns the glyph drawing r and records it.
func (fu *fontUse) glyph(r rune) uint16 {
	var g uint16
	if r >= 0 && r < 128 && fu.ascii[r] != 0 {
		return fu.ascii[r]
	}
	g = fu.face.Glyph(r)
	if int(g) < len(fu.text) && fu.text[g] == "" {
		fu.used = append(fu.used, g)
		if g != 0 {
			fu.text[g] = string(r)
		} else {
			fu.text[g] = "\x00"
		}
	}
	if r >= 0 && r < 128 {
		fu.ascii[r] = g
	}
	return g
}

// newFaceSet loads every face the sheets' text runs use, plus the slug's,
// and names them F1, F2… in order of first use. Object numbers for their
// font dictionaries are reserved from w.
func newFaceSet(w *object.Writer, sheets []Sheet, slug bool) (*faceSet, error) {
	fs := &faceSet{fonts: map[string]*fontUse{}, runes: map[string]map[rune]bool{},
		missing: map[string][]rune{}, where: map[string]int{}, tags: map[string]string{}}
	add := func(name string, page int) error {
		if _, ok := fs.fonts[name]; ok {
			return nil
		}
		face, err := fonts.Load(name)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %v; check the template's fonts", page, err)
		}
		fs.names = append(fs.names, name)
		fs.fonts[name] = &fontUse{face: face, res: fmt.Sprintf("F%d", len(fs.names)), ref: w.Alloc(),
			text: make([]string, face.NumGlyphs())}
		fs.runes[name] = map[rune]bool{}
		return nil
	}
	for p, b := range placedBoxes(sheets) {
		if t, ok := b.(*layout.TextRun); ok && strings.TrimSpace(cleanText(t.Text)) != "" {
			if err := add(t.Face, p.Number); err != nil {
				return nil, err
			}
		}
	}
	if slug {
		if err := add(fonts.Regular, 0); err != nil {
			return nil, err
		}
	}
	return fs, nil
}

// has reports whether face has a glyph for r.
func (fs *faceSet) has(face string, r rune) bool {
	fu := fs.fonts[face]
	return fu != nil && fu.face.Has(r)
}

// use records the characters of s drawn with face on a page.
func (fs *faceSet) use(face, s string, page int) {
	used := fs.runes[face]
	var f *fonts.Face
	if fu := fs.fonts[face]; fu != nil {
		f = fu.face
	}
	for _, r := range s {
		if used[r] {
			continue
		}
		used[r] = true
		if r != ' ' && f != nil && !f.Has(r) {
			fs.missing[face] = append(fs.missing[face], r)
			if fs.where[face] == 0 {
				fs.where[face] = page
			}
		}
	}
}

// tag returns the subset tag of a face: six capital letters derived from
// its name and the glyphs drawn, so different subsets get different tags
// and equal documents equal ones.
func (fs *faceSet) tag(face string) string {
	if t, ok := fs.tags[face]; ok {
		return t
	}
	gs := slices.Sorted(slices.Values(fs.fonts[face].used))
	hb := []byte(face + "\x00")
	for _, g := range gs {
		hb = append(hb, byte(g>>8), byte(g))
	}
	h := sha256.Sum256(hb)
	taken := map[string]bool{}
	for _, t := range fs.tags {
		taken[t] = true
	}
	for i := 0; ; i++ {
		var b [6]byte
		for j := range b {
			b[j] = 'A' + h[(i+j)%len(h)]%26
		}
		if !taken[string(b[:])] {
			fs.tags[face] = string(b[:])
			return fs.tags[face]
		}
	}
}

// pdfName returns the face's name as embedded: tag, plus sign, name.
func (fs *faceSet) pdfName(face string) string {
	var b strings.Builder
	for _, r := range face {
		if r < 0x80 && (r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	return fs.tag(face) + "+" + b.String()
}

// report adds the fonts to r, with a warning for each face missing glyphs.
func (fs *faceSet) report(r *Report) {
	for _, name := range fs.names {
		fi := FontInfo{Face: name, PDFName: fs.pdfName(name), Embedded: true, Subset: true, Glyphs: len(fs.runes[name])}
		if m := fs.missing[name]; len(m) > 0 {
			fi.Missing = string(m)
			var q []string
			for _, c := range m {
				q = append(q, fmt.Sprintf("%q (U+%04X)", c, c))
			}
			r.warn("", fmt.Sprintf("page %d: the font %s has no glyph for %s; these characters print as empty boxes: replace them in the text or choose another font in the template",
				fs.where[name], name, strings.Join(q, ", ")))
		}
		r.Fonts = append(r.Fonts, fi)
	}
}

// write writes every face as a Type 0 font: a CIDFontType2 descendant
// with Identity-H encoding (character codes are glyph numbers), the
// widths of the glyphs drawn, a TrueType subset of just those glyphs and
// a ToUnicode map giving each glyph's text back.
func (fs *faceSet) write(w *object.Writer) error {
	// The subsets are made and compressed in parallel, then written in
	// order.
	type fontFile struct {
		gs   []uint16
		n    int // bytes before compression
		data []byte
		err  error
	}
	files := make([]fontFile, len(fs.names))
	var wg sync.WaitGroup
	for i, name := range fs.names {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ff := &files[i]
			ff.gs = slices.Sorted(slices.Values(fs.fonts[name].used))
			sub, err := fs.fonts[name].face.Subset(ff.gs)
			ff.n, ff.err = len(sub), err
			if err == nil {
				ff.data = w.Compress(sub)
			}
		}()
	}
	wg.Wait()
	for i, name := range fs.names {
		fu := fs.fonts[name]
		f := fu.face
		ff := files[i]
		if ff.err != nil {
			return ff.err
		}
		gs := ff.gs
		base := object.Name(fs.pdfName(name))
		file := w.Add(object.Stream{Dict: object.Dict{"Length1": ff.n, "Filter": object.Name("FlateDecode")}, Data: ff.data})
		flags := 32 // nonsymbolic
		if f.ItalicAngle() != 0 {
			flags |= 64
		}
		bb := f.BBox()
		desc := w.Add(object.Dict{
			"Type":        object.Name("FontDescriptor"),
			"FontName":    base,
			"Flags":       flags,
			"FontBBox":    object.Array{bb[0], bb[1], bb[2], bb[3]},
			"ItalicAngle": f.ItalicAngle(),
			"Ascent":      math.Round(f.Ascent(1000)),
			"Descent":     -math.Round(f.Descent(1000)),
			"CapHeight":   math.Round(f.CapHeight(1000)),
			"StemV":       80,
			"FontFile2":   file,
		})
		cid := w.Add(object.Dict{
			"Type":           object.Name("Font"),
			"Subtype":        object.Name("CIDFontType2"),
			"BaseFont":       base,
			"CIDSystemInfo":  object.Dict{"Registry": "Adobe", "Ordering": "Identity", "Supplement": 0},
			"FontDescriptor": desc,
			"W":              widths(f, gs),
			"CIDToGIDMap":    object.Name("Identity"),
		})
		tu := w.Add(object.Stream{Data: toUnicode(fu, gs), Compress: true})
		w.Put(fu.ref, object.Dict{
			"Type":            object.Name("Font"),
			"Subtype":         object.Name("Type0"),
			"BaseFont":        base,
			"Encoding":        object.Name("Identity-H"),
			"DescendantFonts": object.Array{cid},
			"ToUnicode":       tu,
		})
	}
	return nil
}

// widths returns the /W array of glyphs gs (sorted): runs of consecutive
// glyphs share one array of widths.
func widths(f *fonts.Face, gs []uint16) object.Raw {
	b := []byte{'['}
	for i := 0; i < len(gs); {
		j := i + 1
		for j < len(gs) && gs[j] == gs[j-1]+1 {
			j++
		}
		b = strconv.AppendInt(b, int64(gs[i]), 10)
		b = append(b, " ["...)
		for k := i; k < j; k++ {
			if k > i {
				b = append(b, ' ')
			}
			b = strconv.AppendInt(b, int64(f.GlyphWidth(gs[k])), 10)
		}
		b = append(b, "]\n"...)
		i = j
	}
	return object.Raw(append(b, ']'))
}

// toUnicode returns the ToUnicode CMap of the glyphs gs: each glyph maps
// to the text it was drawn for (UTF-16BE, with surrogate pairs beyond
// U+FFFF).
func toUnicode(fu *fontUse, gs []uint16) []byte {
	var b []byte
	b = append(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"+
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"+
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"+
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"...)
	var entries []uint16
	for _, g := range gs {
		if g != 0 && fu.text[g] != "" {
			entries = append(entries, g)
		}
	}
	for len(entries) > 0 {
		n := min(len(entries), 100)
		b = fmt.Appendf(b, "%d beginbfchar\n", n)
		for _, g := range entries[:n] {
			b = fmt.Appendf(b, "<%04X> <", g)
			for _, u := range utf16.Encode([]rune(fu.text[g])) {
				b = fmt.Appendf(b, "%04X", u)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
		entries = entries[n:]
	}
	b = append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
	return b
}
