package pdf

import (
	"crypto/sha256"
	"fmt"
	"maps"
	"slices"
	"strings"

	"leafpress/fonts"
	"leafpress/layout"
)

// faceSet is the fonts a document draws with: their TrueType files, the
// characters drawn with each and those a face has no glyph for.
type faceSet struct {
	names   []string // in order of first use
	ttf     map[string][]byte
	face    map[string]*fonts.Face
	runes   map[string]map[rune]bool
	missing map[string][]rune
	where   map[string]int // face → first page with a missing glyph
	tags    map[string]string
}

// newFaceSet loads every face the sheets' text runs use, plus the slug's.
func newFaceSet(sheets []Sheet, slug bool) (*faceSet, error) {
	fs := &faceSet{ttf: map[string][]byte{}, face: map[string]*fonts.Face{}, runes: map[string]map[rune]bool{},
		missing: map[string][]rune{}, where: map[string]int{}, tags: map[string]string{}}
	add := func(name string, page int) error {
		if _, ok := fs.ttf[name]; ok {
			return nil
		}
		b, err := fonts.TTF(name)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %v; check the template's fonts", page, err)
		}
		face, err := fonts.Load(name)
		if err != nil {
			return fmt.Errorf("pdf: page %d: %v", page, err)
		}
		fs.names = append(fs.names, name)
		fs.ttf[name], fs.face[name] = b, face
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
	f := fs.face[face]
	return f != nil && f.Has(r)
}

// use records the characters of s drawn with face on a page.
func (fs *faceSet) use(face, s string, page int) {
	used := fs.runes[face]
	f := fs.face[face]
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
// its name and the characters drawn, so different subsets get different
// tags and equal documents equal ones.
func (fs *faceSet) tag(face string) string {
	if t, ok := fs.tags[face]; ok {
		return t
	}
	rs := slices.Sorted(maps.Keys(fs.runes[face]))
	h := sha256.Sum256([]byte(face + "\x00" + string(rs)))
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

// fpdfName is the name fpdf gives an embedded Unicode face.
func fpdfName(face string) string {
	return "utf8" + strings.ToLower(strings.ReplaceAll(face, " ", "#20"))
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
