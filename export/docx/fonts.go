package docx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

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
// characters, so that an editor can correct the text with the embedded
// design: printable ASCII, Latin-1 and Latin Extended-A (the letters of
// Czech, Slovak and the other Central European languages), and the
// punctuation, signs and superscripts the typography pass and editors use.
// A document whose characters are all in this set (nearly every one)
// embeds the same subsets as every other such document, so they are made
// and compressed once per process.
var baseRunes = func() []rune {
	var rs []rune
	for _, rg := range [][2]rune{
		{0x20, 0x7E}, {0xA0, 0x17F}, // ASCII, Latin-1, Latin Extended-A
		{0x2010, 0x2027}, {0x2030, 0x203A}, // dashes, quotes, bullets, ellipsis; per mille, primes, guillemets
		{0x20AC, 0x20AC}, {0x2116, 0x2116}, {0x2122, 0x2122}, // euro, numero, trade mark
		{0x2190, 0x2193}, {0x2212, 0x2212}, // arrows, minus
	} {
		for r := rg[0]; r <= rg[1]; r++ {
			rs = append(rs, r)
		}
	}
	return rs
}()

// fontTable writes the font table and embeds the faces of the families the
// document's styles (the styles part) name, each a subset holding the characters of the
// document's parts (text) and baseRunes, obfuscated as Word embeds fonts
// (ECMA-376 Part 1, 17.8.1). It returns the font table, its relationships
// (nil when nothing is embedded) and the font parts.
func (b *builder) fontTable(text [][]byte, styles []byte) (table, rels []byte, parts []part, err error) {
	// The faces to embed, made in parallel before the table is written.
	var names []string
	for _, fam := range families {
		if fam.faces[0] != "" && bytes.Contains(styles, []byte(`w:ascii="`+fam.name+`"`)) {
			for _, name := range fam.faces {
				if name != "" {
					names = append(names, name)
				}
			}
		}
	}
	embeds, err := embedFaces(names, runeSet(text))
	if err != nil {
		return nil, nil, nil, err
	}
	var t, r bytes.Buffer
	t.WriteString(xml.Header + `<w:fonts xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	r.WriteString(xml.Header + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	n := 0
	for _, fam := range families {
		t.WriteString(`<w:font w:name="` + fam.name + `"><w:altName w:val="` + fam.altName + `"/>`)
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
			if len(embeds) == 0 || name == "" || names[0] != name {
				continue
			}
			ef := embeds[0]
			names, embeds = names[1:], embeds[1:]
			n++
			id := fmt.Sprintf("rId%d", n)
			target := fmt.Sprintf("%s%d.odttf", fontTarget, n)
			parts = append(parts, part{name: "word/" + target, deflated: ef.deflated})
			r.WriteString(`<Relationship Id="` + id + `" Type="` + relFont + `" Target="` + target + `"/>`)
			t.WriteString(`<` + embedElems[i] + ` r:id="` + id + `" w:fontKey="` + ef.key + `"/>`)
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
	seen := make(map[rune]bool, len(baseRunes)+64)
	out := slices.Clone(baseRunes)
	for _, r := range baseRunes {
		seen[r] = true
	}
	for _, t := range text {
		for i := 0; i < len(t); {
			if t[i] < utf8.RuneSelf {
				i++
				continue
			}
			r, size := utf8.DecodeRune(t[i:])
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
			i += size
		}
	}
	slices.Sort(out)
	return out
}

// embeddedFace is a face's subset as a package stores it: obfuscated and
// deflated, with its obfuscation key.
type embeddedFace struct {
	key      string
	deflated *deflated
}

// embeddedFaces holds, per face and character set, the subset made for
// it, so that the documents of a run that share a character set (every
// one whose characters are in baseRunes) subset and compress each face
// once. Other sets are kept too, up to maxEmbeddedSets.
var embeddedFaces = struct {
	sync.Mutex
	m map[string]func() (embeddedFace, error)
}{m: map[string]func() (embeddedFace, error){}}

// maxEmbeddedSets bounds embeddedFaces: past it, a face for a new
// character set is made for its document only.
const maxEmbeddedSets = 64

// embedded returns face's subset holding runes (sorted), obfuscated and
// deflated, made once per process for each face and set. The subset is
// made when the returned function is first called; started is true when
// this call created it, so that the caller can start it in the
// background.
func embedded(face *fonts.Face, runes []rune) (get func() (embeddedFace, error), started bool) {
	k := face.Name() + "\x00" + string(runes)
	embeddedFaces.Lock()
	defer embeddedFaces.Unlock()
	if f, ok := embeddedFaces.m[k]; ok {
		return f, false
	}
	f := sync.OnceValues(func() (embeddedFace, error) {
		data, err := face.EditableSubset(runes)
		if err != nil {
			return embeddedFace{}, err
		}
		key := fontKey(data)
		d, err := deflate(obfuscate(data, key))
		return embeddedFace{key: key, deflated: d}, err
	})
	if len(embeddedFaces.m) < maxEmbeddedSets*fontFaces {
		embeddedFaces.m[k] = f
	}
	return f, true
}

// embedFaces returns the subsets holding runes of the named faces, made
// in parallel where they are not made yet.
func embedFaces(names []string, runes []rune) ([]embeddedFace, error) {
	gets := make([]func() (embeddedFace, error), len(names))
	for i, name := range names {
		face, err := fonts.Load(name)
		if err != nil {
			return nil, err
		}
		var started bool
		if gets[i], started = embedded(face, runes); started && i > 0 {
			go gets[i]() //nolint:errcheck // the error is returned below
		}
	}
	out := make([]embeddedFace, len(names))
	for i, get := range gets {
		var err error
		if out[i], err = get(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// baseSet is the character set of a document whose characters are all in
// baseRunes.
var baseSet = runeSet(nil)

// prefetchFaces starts making the house faces for baseSet in the
// background, so that they are ready when the first document of a run
// is finished.
func prefetchFaces() {
	for _, fam := range families {
		for _, name := range fam.faces {
			if name == "" {
				continue
			}
			if face, err := fonts.Load(name); err == nil {
				if get, started := embedded(face, baseSet); started {
					go get() //nolint:errcheck // a document asking for it gets the error
				}
			}
		}
	}
}

// fontFaces is the number of faces the families embed.
var fontFaces = func() int {
	n := 0
	for _, f := range families {
		for _, name := range f.faces {
			if name != "" {
				n++
			}
		}
	}
	return n
}()

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
