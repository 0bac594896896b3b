package fonts

import (
	"encoding/binary"
	"slices"
)

// EditableSubset returns a TrueType file for a word processor: the face
// with only the outlines of the given runes kept (with the glyphs their
// composite glyphs are built from, and .notdef); every other glyph is left
// empty. Unlike [Face.Subset], which serves a PDF that draws by glyph
// number, the file keeps the face's character map, names, metrics and
// positioning (GPOS, kern), so Word and LibreOffice find the family by
// name and draw the kept characters exactly as the whole face would. The
// number of glyphs does not change. GSUB is left out, since a
// substitution could lead to a glyph left empty (a ligature); DSIG is
// left out, since it no longer matches. Equal rune sets give equal bytes.
func (f *Face) EditableSubset(runes []rune) ([]byte, error) {
	t := f.tables
	n := t.numGlyphs()
	glyphs := make([]uint16, 0, len(runes))
	for _, r := range runes {
		if g := f.Glyph(r); g != 0 {
			glyphs = append(glyphs, g)
		}
	}
	glyf, loca, err := f.glyfLoca(t.closure(glyphs), n)
	if err != nil {
		return nil, err
	}
	head := slices.Clone(t["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set by writeSFNT
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	out := map[string][]byte{}
	for tag, b := range t {
		switch tag {
		case "GSUB", "DSIG":
		default:
			out[tag] = b
		}
	}
	out["head"], out["loca"], out["glyf"] = head, loca, glyf
	return writeSFNT(out), nil
}

// OS2 returns the face's classification from its OS/2 table: the PANOSE
// digits, the Unicode ranges (ulUnicodeRange1-4), the code page ranges
// (ulCodePageRange1-2), the weight class and the width class. ok is false
// when the face has no OS/2 table of version 1 or later.
func (f *Face) OS2() (panose [10]byte, unicode [4]uint32, codePages [2]uint32, weight, width int, ok bool) {
	b := f.tables["OS/2"]
	if len(b) < 86 {
		return panose, unicode, codePages, 0, 0, false
	}
	copy(panose[:], b[32:42])
	for i := range unicode {
		unicode[i] = binary.BigEndian.Uint32(b[42+4*i:])
	}
	for i := range codePages {
		codePages[i] = binary.BigEndian.Uint32(b[78+4*i:])
	}
	return panose, unicode, codePages, int(binary.BigEndian.Uint16(b[4:])), int(binary.BigEndian.Uint16(b[6:])), true
}
