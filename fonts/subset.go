package fonts

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
)

// sfntTables are the raw tables of a TrueType file, by tag. The slices
// share the embedded file's bytes and are never changed.
type sfntTables map[string][]byte

// readTables splits a TrueType file into its tables.
func readTables(b []byte) (sfntTables, error) {
	if len(b) < 12 {
		return nil, fmt.Errorf("not a TrueType file")
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	if len(b) < 12+16*n {
		return nil, fmt.Errorf("truncated table directory")
	}
	t := sfntTables{}
	for i := range n {
		e := b[12+16*i:]
		off, ln := binary.BigEndian.Uint32(e[8:]), binary.BigEndian.Uint32(e[12:])
		if uint64(off)+uint64(ln) > uint64(len(b)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", e[:4])
		}
		t[string(e[:4])] = b[off : off+ln]
	}
	for _, tag := range []string{"head", "hhea", "hmtx", "loca", "glyf", "maxp"} {
		if t[tag] == nil {
			return nil, fmt.Errorf("no %s table: only TrueType (glyf) outlines can be embedded", tag)
		}
	}
	if len(t["head"]) < 54 || len(t["maxp"]) < 6 || len(t["hhea"]) < 36 {
		return nil, fmt.Errorf("truncated head, hhea or maxp table")
	}
	return t, nil
}

func (t sfntTables) numGlyphs() int { return int(binary.BigEndian.Uint16(t["maxp"][4:])) }

// glyphRange returns where glyph g's outline is in the glyf table.
func (t sfntTables) glyphRange(g int) (start, end int, ok bool) {
	loca := t["loca"]
	long := binary.BigEndian.Uint16(t["head"][50:]) == 1
	if long {
		if 4*g+8 > len(loca) {
			return 0, 0, false
		}
		start, end = int(binary.BigEndian.Uint32(loca[4*g:])), int(binary.BigEndian.Uint32(loca[4*g+4:]))
	} else {
		if 2*g+4 > len(loca) {
			return 0, 0, false
		}
		start, end = 2*int(binary.BigEndian.Uint16(loca[2*g:])), 2*int(binary.BigEndian.Uint16(loca[2*g+2:]))
	}
	if start > end || end > len(t["glyf"]) {
		return 0, 0, false
	}
	return start, end, true
}

// Flags of a composite glyph's component (the glyf table of the OpenType
// specification).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// closure marks the glyphs a subset keeps: .notdef, the given glyphs and,
// recursively, the glyphs their composite glyphs are built from.
func (t sfntTables) closure(glyphs []uint16) []bool {
	n := t.numGlyphs()
	keep := make([]bool, n)
	var visit func(g uint16, depth int)
	visit = func(g uint16, depth int) {
		if int(g) >= n || keep[g] || depth > 16 {
			return
		}
		keep[g] = true
		if s, e, ok := t.glyphRange(int(g)); ok {
			for _, c := range components(t["glyf"][s:e]) {
				visit(c, depth+1)
			}
		}
	}
	visit(0, 0)
	for _, g := range glyphs {
		visit(g, 0)
	}
	return keep
}

// components returns the glyphs a composite glyph is built from (none for
// a simple glyph).
func components(glyph []byte) []uint16 {
	if len(glyph) < 10 || int16(binary.BigEndian.Uint16(glyph)) >= 0 {
		return nil
	}
	var out []uint16
	p := 10
	for p+4 <= len(glyph) {
		flags := binary.BigEndian.Uint16(glyph[p:])
		out = append(out, binary.BigEndian.Uint16(glyph[p+2:]))
		p += 4
		if flags&argsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			break
		}
	}
	return out
}

// glyfLoca returns the glyf table holding the outlines of the first n
// glyphs that keep marks (the others empty), each padded to four bytes,
// and its loca table with long offsets.
func (f *Face) glyfLoca(keep []bool, n int) (glyf, loca []byte, err error) {
	t := f.tables
	loca = make([]byte, 4*(n+1))
	for g := range n {
		binary.BigEndian.PutUint32(loca[4*g:], uint32(len(glyf)))
		if !keep[g] {
			continue
		}
		s, e, ok := t.glyphRange(g)
		if !ok {
			return nil, nil, fmt.Errorf("fonts: %s: glyph %d has a bad location", f.name, g)
		}
		glyf = append(glyf, t["glyf"][s:e]...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	binary.BigEndian.PutUint32(loca[4*n:], uint32(len(glyf)))
	return glyf, loca, nil
}

// Subset returns a TrueType file holding the outlines of the given glyphs,
// of the glyphs composite ones among them are built from, and of glyph 0
// (.notdef); every other glyph is left empty, and glyphs after the last
// one kept are dropped. Glyph numbers do not change,
// so text drawn with the face's glyph numbers draws the same with the
// subset. The file has the tables a PDF reader needs to draw an embedded
// CIDFontType2 face (head, hhea, maxp, hmtx, loca, glyf), with an empty
// cmap and a post table without glyph names for font parsers that insist
// on them, and OS/2, cvt, fpgm and prep when the face has them. Equal
// glyph sets give
// equal bytes. Subset is safe for concurrent use.
func (f *Face) Subset(glyphs []uint16) ([]byte, error) {
	t := f.tables
	n := t.numGlyphs()
	keep := t.closure(glyphs)
	// Glyphs past the last one kept are dropped: maxp, loca and hmtx end
	// there.
	last := 0
	for g := range n {
		if keep[g] {
			last = g
		}
	}
	n = last + 1
	glyf, loca, err := f.glyfLoca(keep, n)
	if err != nil {
		return nil, err
	}
	// Every glyph gets a full metric (advance, left side bearing); those
	// of empty glyphs are zero.
	hmtx := make([]byte, 4*n)
	nh := int(binary.BigEndian.Uint16(t["hhea"][34:]))
	for g := range n {
		if !keep[g] {
			continue
		}
		src := t["hmtx"]
		if g < nh {
			copy(hmtx[4*g:], src[4*g:4*g+4])
		} else {
			copy(hmtx[4*g:], src[4*(nh-1):4*(nh-1)+2])
			if i := 4*nh + 2*(g-nh); i+2 <= len(src) {
				copy(hmtx[4*g+2:], src[i:i+2])
			}
		}
	}
	hhea := slices.Clone(t["hhea"])
	binary.BigEndian.PutUint16(hhea[34:], uint16(n))
	maxp := slices.Clone(t["maxp"])
	binary.BigEndian.PutUint16(maxp[4:], uint16(n))
	head := slices.Clone(t["head"])
	binary.BigEndian.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	binary.BigEndian.PutUint16(head[50:], 1) // long loca offsets
	out := map[string][]byte{
		"head": head, "hhea": hhea, "maxp": maxp, "hmtx": hmtx,
		"loca": loca, "glyf": glyf, "cmap": emptyCmap,
	}
	if p := t["post"]; len(p) >= 32 {
		// Version 3: the italic angle and underline metrics, no glyph names.
		post := slices.Clone(p[:32])
		binary.BigEndian.PutUint32(post, 0x00030000)
		out["post"] = post
	}
	for _, tag := range []string{"cvt ", "fpgm", "prep", "OS/2"} {
		if b := t[tag]; b != nil {
			out[tag] = b
		}
	}
	return writeSFNT(out), nil
}

// emptyCmap is a character map that maps nothing (one format 4 subtable
// with only the closing segment). PDF readers draw an embedded CIDFontType2
// face by glyph numbers and never read it, but font parsers insist on a
// cmap table.
var emptyCmap = []byte{
	0, 0, 0, 1, // version, one subtable
	0, 3, 0, 1, 0, 0, 0, 12, // Windows Unicode BMP, at offset 12
	0, 4, 0, 24, 0, 0, // format 4, length 24, language
	0, 2, 0, 2, 0, 0, 0, 0, // segCountX2, searchRange, entrySelector, rangeShift
	0xFF, 0xFF, 0, 0, // endCode, reservedPad
	0xFF, 0xFF, 0, 1, 0, 0, // startCode, idDelta, idRangeOffset
}

// writeSFNT assembles tables into a TrueType file, with the table
// directory sorted by tag and every checksum set.
func writeSFNT(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, b := range tables {
		tags = append(tags, tag)
		size += (len(b) + 3) &^ 3
	}
	slices.Sort(tags)
	out := make([]byte, 12+16*len(tags), size)
	n := len(tags)
	entrySelector := int(math.Floor(math.Log2(float64(n))))
	searchRange := 16 << entrySelector
	binary.BigEndian.PutUint32(out[0:], 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	binary.BigEndian.PutUint16(out[6:], uint16(searchRange))
	binary.BigEndian.PutUint16(out[8:], uint16(entrySelector))
	binary.BigEndian.PutUint16(out[10:], uint16(16*n-searchRange))
	headAt := 0
	for i, tag := range tags {
		b := tables[tag]
		e := out[12+16*i:]
		copy(e, tag)
		binary.BigEndian.PutUint32(e[4:], checksum(b))
		binary.BigEndian.PutUint32(e[8:], uint32(len(out)))
		binary.BigEndian.PutUint32(e[12:], uint32(len(b)))
		if tag == "head" {
			headAt = len(out)
		}
		out = append(out, b...)
		for len(out)%4 != 0 {
			out = append(out, 0)
		}
	}
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

func checksum(b []byte) uint32 {
	var s uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		s += binary.BigEndian.Uint32(w[:])
	}
	return s
}
