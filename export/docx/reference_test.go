package docx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"leafpress/templates"
)

// userReference makes a reference document as a user might: the house
// one with its Heading 1 in another font and under a localised id (as a
// Czech Word saves it), some house styles missing, an A5 page with a
// header, and changes of its own.
func userReference(t *testing.T, edit func(parts map[string][]byte)) []byte {
	t.Helper()
	parts := unzip(t, templates.ReferenceDOCX)
	styles := string(parts["word/styles.xml"])
	styles = strings.ReplaceAll(styles, `"Heading1"`, `"Nadpis1"`)
	styles = strings.Replace(styles,
		`<w:style w:type="paragraph" w:styleId="Nadpis1"><w:name w:val="heading 1"/>`,
		`<w:style w:type="paragraph" w:styleId="Nadpis1"><w:name w:val="heading 1"/><w:rPr><w:rFonts w:ascii="Liberation Serif" w:hAnsi="Liberation Serif"/><w:color w:val="C00000"/></w:rPr>`, 1)
	// Drop the first rPr of that style (the house one), keep ours.
	i := strings.Index(styles, `w:styleId="Nadpis1"`)
	j := strings.Index(styles[i:], "</w:pPr><w:rPr>") + i + len("</w:pPr>")
	k := strings.Index(styles[j:], "</w:rPr>") + j + len("</w:rPr>")
	styles = styles[:j] + styles[k:]
	for _, id := range []string{"Garant", "Lead", "ListNumber"} {
		a := strings.Index(styles, `<w:style w:type="paragraph" w:customStyle="1" w:styleId="`+id+`"`)
		if a < 0 {
			a = strings.Index(styles, `<w:style w:type="paragraph" w:styleId="`+id+`"`)
		}
		b := strings.Index(styles[a:], "</w:style>") + a + len("</w:style>")
		styles = styles[:a] + styles[b:]
	}
	parts["word/styles.xml"] = []byte(styles)
	document := string(parts["word/document.xml"])
	document = strings.Replace(document, `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"`,
		`<w:headerReference w:type="default" r:id="rId9"/><w:pgSz w:w="8391" w:h="11906"/><w:pgMar w:top="1000" w:right="1000" w:bottom="1000" w:left="1000"`, 1)
	parts["word/document.xml"] = []byte(document)
	if edit != nil {
		edit(parts)
	}
	return rezip(t, parts)
}

func TestReferenceDOCX(t *testing.T) {
	tests := []struct {
		name string
		edit func(map[string][]byte)
	}{
		{"changed styles", nil},
		{"no numbering part", func(parts map[string][]byte) {
			delete(parts, "word/numbering.xml")
			rels := string(parts["word/_rels/document.xml.rels"])
			i := strings.Index(rels, `<Relationship Id="rId2"`)
			j := strings.Index(rels[i:], "/>") + i + 2
			parts["word/_rels/document.xml.rels"] = []byte(rels[:i] + rels[j:])
		}},
	}
	p := sampleProgramme(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := programmeDOCX(t, p, Options{Reference: userReference(t, tt.edit)})
			parts := unzip(t, data)
			for _, name := range []string{"word/styles.xml", "word/numbering.xml", "word/document.xml"} {
				parsePart(t, parts, name)
			}
			if strings.Contains(string(parts["word/document.xml"]), "headerReference") {
				t.Error("the document refers to the reference's header, which it does not carry")
			}
			d := pythonDocx(t, data)
			h1 := d.Styles["Heading 1"]
			if h1.ID != "Nadpis1" || h1.Font != "Liberation Serif" {
				t.Errorf("Heading 1 is %+v, want the reference's (id Nadpis1, Liberation Serif)", h1)
			}
			styleOf := map[string]string{}
			for _, p := range d.Paragraphs {
				styleOf[p.Text] = p.Style
			}
			for text, want := range map[string]string{
				"Bezpečnost":                         "Heading 1",
				"Garant: MUDr. Jana Nováková, Ph.D.": "Garant",
				"pátý bod":                           "List Number",
				"šikana ve škole":                    "List Bullet",
			} {
				if styleOf[text] != want {
					t.Errorf("%q in %q, want %q", text, styleOf[text], want)
				}
			}
			if len(d.InlineShapes) == 0 || d.InlineShapes[0].Width != (8391-2000)*emuPerTwip {
				t.Errorf("pictures %+v, want the first at the A5 text width %d", d.InlineShapes, (8391-2000)*emuPerTwip)
			}
			if d.Language != "cs-CZ" {
				t.Errorf("language %q", d.Language)
			}
			gotH, gotL := pandocOutline(pandocJSON(t, data))
			wantH, wantL := treeOutline(p, "Obsah")
			if fmt.Sprint(gotH) != fmt.Sprint(wantH) || fmt.Sprint(gotL) != fmt.Sprint(wantL) {
				t.Errorf("pandoc reads\n%q\n%+v\nwant\n%q\n%+v", gotH, gotL, wantH, wantL)
			}
		})
	}
}

func TestReferenceErrors(t *testing.T) {
	strict := unzip(t, templates.ReferenceDOCX)
	strict["word/styles.xml"] = bytes.ReplaceAll(strict["word/styles.xml"],
		[]byte(nsW), []byte("http://purl.oclc.org/ooxml/wordprocessingml/main"))
	tests := []struct {
		name string
		ref  []byte
		want string
	}{
		{"not a zip", []byte("PK? no"), "not a .docx file"},
		{"no styles", rezip(t, map[string][]byte{"_rels/.rels": unzip(t, templates.ReferenceDOCX)["_rels/.rels"]}), "no styles"},
		{"strict", rezip(t, strict), "Strict Open XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Programme(&bytes.Buffer{}, bigProgramme(1), Options{Reference: tt.ref})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.HasPrefix(err.Error(), "reference document: ") {
				t.Errorf("error %v, want one about the reference document saying %q", err, tt.want)
			}
		})
	}
}
