package docx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"strings"
	"unicode/utf8"

	"leafpress/export/docx/internal/xmltree"
	"leafpress/fonts"
)

// Relationship type and content type of an embedded, obfuscated font.
const (
	relFont    = relBase + "font"
	ctObfFont  = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
	fontTarget = "fonts/font"
)

// family is a font family of the font table, with the embedded faces
// that carry it (regular, bold, italic, bold italic; "" when it has none).
type family struct {
	name    string
	altName string // what Word substitutes when the family is missing
	class   string // w:family: swiss (sans-serif) or modern (monospace)
	pitch   string
	faces   [4]string
}

// families are the fonts the house styles use. Roboto and Roboto
// Condensed are embedded (their licence allows it); Courier New, the
// code font, is left to the editor's computer.
var families = []family{
	{name: "Roboto", altName: "Arial", class: "swiss", pitch: "variable",
		faces: [4]string{fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic}},
	{name: "Roboto Condensed", altName: "Arial Narrow", class: "swiss", pitch: "variable",
		faces: [4]string{fonts.Condensed, fonts.CondensedBold}},
	{name: "Courier New", altName: "Courier", class: "modern", pitch: "fixed"},
}

// embedElems are the font table elements of the four faces, in order.
var embedElems = [4]string{"w:embedRegular", "w:embedBold", "w:embedItalic", "w:embedBoldItalic"}

// baseRunes are kept in every embedded face besides the document's own
// characters, so that an editor can correct Czech or English text with
// the embedded design: printable ASCII, the letters of Czech and Slovak,
// and the punctuation the typography pass and editors use.
var baseRunes = func() []rune {
	var rs []rune
	for r := rune(0x20); r < 0x7F; r++ {
		rs = append(rs, r)
	}
	rs = append(rs, []rune("áäčďéěíĺľňóôŕřšťúůýžÁÄČĎÉĚÍĹĽŇÓÔŔŘŠŤÚŮÝŽ"+
		"\u00a0–—‘’‚“”„…•€§°×·«»")...)
	return rs
}()

// fontTable writes the font table and embeds the faces of the families the
// document's styles name, each a subset holding the characters of the
// document's parts (text) and baseRunes, obfuscated as Word embeds fonts
// (ECMA-376 Part 1, 17.8.1). It returns the font table, its relationships
// (nil when nothing is embedded) and the font parts.
func (b *builder) fontTable(text [][]byte) (table, rels []byte, parts []part, err error) {
	used := runeSet(text)
	styles := xmltree.Marshal(b.st.root)
	var t, r bytes.Buffer
	t.WriteString(xml.Header + `<w:fonts xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	r.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	n := 0
	for _, fam := range families {
		t.WriteString(`<w:font w:name="` + fam.name + `"><w:altName w:val="` + fam.altName + `"/>`)
		embed := fam.faces[0] != "" && bytes.Contains(styles, []byte(`w:ascii="`+fam.name+`"`))
		var reg *fonts.Face
		if fam.faces[0] != "" {
			if reg, err = fonts.Load(fam.faces[0]); err != nil {
				return nil, nil, nil, err
			}
		}
		if reg != nil {
			pan, uni, cp, weight, width, ok := reg.OS2()
			if ok {
				t.WriteString(`<w:panose1 w:val="` + strings.ToUpper(hex.EncodeToString(panoseOf(pan, weight, width))) + `"/>`)
			}
			t.WriteString(`<w:charset w:val="EE"/><w:family w:val="` + fam.class + `"/><w:pitch w:val="` + fam.pitch + `"/>`)
			if ok {
				fmt.Fprintf(&t, `<w:sig w:usb0="%08X" w:usb1="%08X" w:usb2="%08X" w:usb3="%08X" w:csb0="%08X" w:csb1="%08X"/>`,
					uni[0], uni[1], uni[2], uni[3], cp[0], cp[1])
			}
		} else {
			t.WriteString(`<w:charset w:val="EE"/><w:family w:val="` + fam.class + `"/><w:pitch w:val="` + fam.pitch + `"/>`)
		}
		for i, name := range fam.faces {
			if !embed || name == "" {
				continue
			}
			face, err := fonts.Load(name)
			if err != nil {
				return nil, nil, nil, err
			}
			data, err := face.EditableSubset(used)
			if err != nil {
				return nil, nil, nil, err
			}
			n++
			key := fontKey(data)
			id := fmt.Sprintf("rId%d", n)
			target := fmt.Sprintf("%s%d.odttf", fontTarget, n)
			parts = append(parts, part{name: "word/" + target, data: obfuscate(data, key), fast: true})
			r.WriteString(`<Relationship Id="` + id + `" Type="` + relFont + `" Target="` + target + `"/>`)
			t.WriteString(`<` + embedElems[i] + ` r:id="` + id + `" w:fontKey="` + key + `"/>`)
		}
		t.WriteString(`</w:font>`)
	}
	t.WriteString(`</w:fonts>`)
	r.WriteString(`</Relationships>`)
	if n == 0 {
		return t.Bytes(), nil, nil, nil
	}
	return t.Bytes(), r.Bytes(), parts, nil
}

// panoseOf is the PANOSE classification written for a face. The embedded
// faces carry an unclassified one (only "Latin text"); it is then made a
// sans-serif of the face's weight and width, so that a computer without
// the family substitutes a sans-serif of the same weight.
func panoseOf(p [10]byte, weight, width int) []byte {
	if p[1] != 0 || p[2] != 0 {
		return p[:]
	}
	out := []byte{2, 11, 5, 0, 0, 0, 0, 0, 0, 0} // Latin text, normal sans, book
	switch {
	case weight >= 800:
		out[2] = 9
	case weight >= 700:
		out[2] = 8
	case weight >= 600:
		out[2] = 7
	case weight >= 500:
		out[2] = 6
	case weight > 0 && weight < 350:
		out[2] = 3
	}
	if width > 0 && width < 5 {
		out[3] = 6 // condensed
	}
	return out
}

// runeSet returns, sorted, the characters of the parts plus baseRunes.
func runeSet(text [][]byte) []rune {
	seen := make(map[rune]bool, 256)
	var out []rune
	add := func(r rune) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for _, r := range baseRunes {
		add(r)
	}
	for _, t := range text {
		for i := 0; i < len(t); {
			if t[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRune(t[i:])
			add(r)
			i += size
		}
	}
	return out
}

// fontKey is the GUID that obfuscates an embedded font, made from its
// bytes so that the same document gives the same file.
func fontKey(data []byte) string {
	h := sha256.Sum256(data)
	g := strings.ToUpper(hex.EncodeToString(h[:16]))
	return "{" + g[0:8] + "-" + g[8:12] + "-" + g[12:16] + "-" + g[16:20] + "-" + g[20:32] + "}"
}

// obfuscate XORs the first 32 bytes of a font with the bytes of its key,
// taken from the GUID's hexadecimal digits in reverse order.
func obfuscate(data []byte, key string) []byte {
	digits := strings.NewReplacer("{", "", "}", "", "-", "").Replace(key)
	k, err := hex.DecodeString(digits)
	if err != nil || len(k) != 16 || len(data) < 32 {
		return data
	}
	out := bytes.Clone(data)
	for i := range 32 {
		out[i] ^= k[15-i%16]
	}
	return out
}
