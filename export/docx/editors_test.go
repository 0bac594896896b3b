package docx

import (
	"bytes"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
	"leafpress/templates"
)

// These tests check what an editor stumbles over when a file is not
// right: page numbers, the heading outline, alt text, spacing, the author
// and the package's own consistency.

// TestFooter checks, through python3-docx, the footer with the programme
// title and a PAGE field on every page but the title page, and a
// chapter file's footer on every page.
func TestFooter(t *testing.T) {
	p := sampleProgramme(t)
	var chapter bytes.Buffer
	if err := Chapter(&chapter, p, p.Chapters[0], Options{Date: testDate}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		data      []byte
		titlePage bool
	}{
		{"programme", sampleDOCX(t), true},
		{"chapter", chapter.Bytes(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := pythonDocx(t, tt.data)
			if len(d.Sections) != 1 {
				t.Fatalf("%d sections, want 1", len(d.Sections))
			}
			s := d.Sections[0]
			if s.TitlePage != tt.titlePage {
				t.Errorf("different first page %v, want %v", s.TitlePage, tt.titlePage)
			}
			if len(s.Footer) != 1 || s.Footer[0].Style != "Footer" || !slices.Contains(s.Footer[0].Fields, "PAGE") ||
				!strings.HasPrefix(s.Footer[0].Text, "Program pro Prahu\t") {
				t.Errorf("footer %+v, want one paragraph in Footer: the programme title, a tab, a PAGE field", s.Footer)
			}
			if tt.titlePage {
				for _, f := range s.FirstPageFooter {
					if f.Text != "" || len(f.Fields) > 0 {
						t.Errorf("the title page's footer is not empty: %+v", s.FirstPageFooter)
					}
				}
			}
		})
	}
}

// libreOfficeToPDF converts one .docx to PDF with LibreOffice, with env
// added to the environment, and returns the PDF's path.
func libreOfficeToPDF(t testing.TB, data []byte, env []string) string {
	t.Helper()
	soffice := needTool(t, "soffice", "libreoffice-writer-nogui")
	dir := t.TempDir()
	in := filepath.Join(dir, "file.docx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, loProfile(), "--headless", "--convert-to", "pdf", "--outdir", dir, in)
	if env != nil {
		cmd.Env = append(cmd.Environ(), env...)
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	return filepath.Join(dir, "file.pdf")
}

// referenceWith returns the embedded reference document with a header
// holding a picture and a footer of its own.
func referenceWith(t *testing.T) []byte {
	t.Helper()
	parts := unzip(t, templates.ReferenceDOCX)
	const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	parts["word/header1.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:hdr xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"` +
		` xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"` +
		` xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"` +
		` xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
		`<w:p><w:r><w:drawing><wp:inline><wp:extent cx="914400" cy="457200"/><wp:docPr id="900" name="Logo" descr="Logo"/>` +
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>` +
		`<pic:nvPicPr><pic:cNvPr id="900" name="Logo" descr="Logo"/><pic:cNvPicPr/></pic:nvPicPr>` +
		`<pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
		`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>` +
		`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r><w:r><w:t>Hlavička strany</w:t></w:r></w:p></w:hdr>`)
	parts["word/_rels/header1.xml.rels"] = []byte(rels +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/logo.gif"/></Relationships>`)
	parts["word/media/logo.gif"] = []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")
	parts["word/footer1.xml"] = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:ftr xmlns:w="` + nsW + `"><w:p><w:r><w:t>Zápatí redakce</w:t></w:r></w:p></w:ftr>`)
	docRels := string(parts["word/_rels/document.xml.rels"])
	docRels = strings.Replace(docRels, "</Relationships>",
		`<Relationship Id="rIdH" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>`+
			`<Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>`, 1)
	parts["word/_rels/document.xml.rels"] = []byte(docRels)
	body := strings.Replace(string(parts["word/document.xml"]), "<w:sectPr>",
		`<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/><w:footerReference w:type="default" r:id="rIdF"/>`, 1)
	parts["word/document.xml"] = []byte(body)
	ct := strings.Replace(string(parts["[Content_Types].xml"]), "</Types>",
		`<Default Extension="gif" ContentType="image/gif"/>`+
			`<Override PartName="/word/header1.xml" ContentType="`+ctHeader+`"/>`+
			`<Override PartName="/word/footer1.xml" ContentType="`+ctFooter+`"/></Types>`, 1)
	parts["[Content_Types].xml"] = []byte(ct)
	return rezip(t, parts)
}

// TestReferenceHeadersFooters checks that a user's reference document
// with headers and footers of its own keeps them, pictures included.
func TestReferenceHeadersFooters(t *testing.T) {
	data := programmeDOCX(t, sampleProgramme(t), Options{Date: testDate, Reference: referenceWith(t)})
	checkPackage(t, "with reference", data)
	parts := unzip(t, data)
	var hdr, ftr []string
	for name, b := range parts {
		switch {
		case strings.HasPrefix(name, "word/") && strings.Contains(name, "header") && strings.HasSuffix(name, ".xml"):
			hdr = append(hdr, string(b))
		case strings.HasPrefix(name, "word/") && strings.Contains(name, "footer") && strings.HasSuffix(name, ".xml"):
			ftr = append(ftr, string(b))
		}
	}
	if len(hdr) != 1 || !strings.Contains(hdr[0], "Hlavička strany") {
		t.Errorf("headers %q, want the reference's one", hdr)
	}
	if len(ftr) != 1 || !strings.Contains(ftr[0], "Zápatí redakce") || strings.Contains(ftr[0], "PAGE") {
		t.Errorf("footers %q, want only the reference's own", ftr)
	}
	d := pythonDocx(t, data)
	if f := d.Sections[0].Footer; len(f) != 1 || f[0].Text != "Zápatí redakce" {
		t.Errorf("python-docx reads the footer %+v, want the reference's", f)
	}
}

// TestHeadingOutline checks that no heading skips a level, in the sample
// files and in trees that jump levels or hold sections at every depth.
func TestHeadingOutline(t *testing.T) {
	section := &doc.Section{Title: "Kontext", Blocks: []doc.Block{para(txt("obsah"))}}
	tests := []struct {
		name   string
		blocks []doc.Block
		want   []int // outline levels after the chapter title's 1
	}{
		{"section under a point", []doc.Block{heading(1, "Bod"), section, para(txt("x"))}, []int{2, 3}},
		{"section under a subheading", []doc.Block{heading(1, "Bod"), heading(2, "Pod"), section, heading(1, "Další")}, []int{2, 3, 4, 2}},
		{"section right under the title", []doc.Block{section}, []int{2}},
		{"sections in a row", []doc.Block{heading(1, "Bod"), section, section, heading(2, "Pod")}, []int{2, 3, 3, 3}},
		{"a jump from 1 to 3", []doc.Block{heading(1, "Bod"), heading(3, "Hluboko"), heading(4, "Hlouběji")}, []int{2, 3, 4}},
		{"deeper than Word's styles", []doc.Block{heading(1, "a"), heading(2, "b"), heading(3, "c"), heading(4, "d"), heading(5, "e"), heading(6, "f"), section}, []int{2, 3, 4, 5, 6, 6, 6}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &doc.Programme{UID: "p", Title: "Program", Language: "cs",
				Chapters: []*doc.Chapter{{UID: "c", Title: "Kapitola", Blocks: tt.blocks}}}
			var buf bytes.Buffer
			if err := Chapter(&buf, p, p.Chapters[0], Options{Date: testDate}); err != nil {
				t.Fatal(err)
			}
			got := outlineLevels(t, buf.Bytes())
			want := append([]int{1}, tt.want...)
			if !slices.Equal(got, want) {
				t.Errorf("outline levels %v, want %v", got, want)
			}
		})
	}
	for _, f := range sampleFiles(t) {
		last := 0
		for _, para := range f.dump(t).Paragraphs {
			if para.Outline == 0 || para.Style == "TOC Heading" {
				continue
			}
			if para.Outline > last+1 {
				t.Errorf("%s: %q in %s follows a heading of level %d", f.name, para.Text, para.Style, last)
			}
			last = para.Outline
		}
	}
}

// outlineLevels returns the outline level (1 for Heading 1) of every
// paragraph of the body that has one, from its style and the styles it
// is based on, read from the raw XML.
func outlineLevels(t *testing.T, data []byte) []int {
	t.Helper()
	parts := unzip(t, data)
	styles := parsePart(t, parts, "word/styles.xml")
	byID := map[string]*xmltree.Node{}
	for _, st := range styles.All("w:style") {
		byID[st.Get("w:styleId")] = st
	}
	level := func(id string) int {
		for range 20 {
			st := byID[id]
			if st == nil {
				return 0
			}
			if o := st.Path("w:pPr", "w:outlineLvl"); o != nil {
				if n := twips(o.Get("w:val")); n < 9 {
					return n + 1
				}
				return 0
			}
			based := st.Child("w:basedOn")
			if based == nil {
				return 0
			}
			id = based.Get("w:val")
		}
		return 0
	}
	var out []int
	for _, p := range parsePart(t, parts, "word/document.xml").Path("w:body").All("w:p") {
		if ps := p.Path("w:pPr", "w:pStyle"); ps != nil {
			if n := level(ps.Get("w:val")); n > 0 {
				out = append(out, n)
			}
		}
	}
	return out
}

// TestAltText checks that every picture of every sample file has alt
// text on wp:docPr and pic:cNvPr: the Markdown alt text, else the
// chapter's title.
func TestAltText(t *testing.T) {
	for _, f := range sampleFiles(t) {
		d := f.dump(t)
		for i, s := range d.InlineShapes {
			if strings.TrimSpace(s.Descr) == "" || s.Descr != s.PicDescr {
				t.Errorf("%s: picture %d has alt text %q (docPr) and %q (cNvPr)", f.name, i+1, s.Descr, s.PicDescr)
			}
		}
	}
	d := pythonDocx(t, sampleDOCX(t))
	var got []string
	for _, s := range d.InlineShapes {
		got = append(got, s.Descr)
	}
	if want := []string{"Strážníci v ulicích", "Schéma"}; !slices.Equal(got, want) {
		t.Errorf("alt texts %q, want %q", got, want)
	}
	p := bigProgramme(1)
	p.Chapters[0].Image = &doc.Image{Src: "a.png", Path: "a.png", FS: samplePictures}
	samplePictures["a.png"] = samplePictures["img/schema.png"]
	d = pythonDocx(t, programmeDOCX(t, p, Options{Date: testDate}))
	if len(d.InlineShapes) != 1 || d.InlineShapes[0].Descr != "Kapitola 1" {
		t.Errorf("a picture without alt text has %+v, want the chapter title", d.InlineShapes)
	}
}

// styleSpacing resolves a paragraph style's spacing before and after
// through the styles it is based on and the document defaults.
type styleSpacing struct{ styles *xmltree.Node }

func (s styleSpacing) spacing(id string) (before, after int) {
	before, after = -1, -1
	apply := func(sp *xmltree.Node) {
		if sp == nil {
			return
		}
		if before < 0 && sp.Has("w:before") {
			before = twips(sp.Get("w:before"))
		}
		if after < 0 && sp.Has("w:after") {
			after = twips(sp.Get("w:after"))
		}
	}
	for range 20 {
		var st *xmltree.Node
		for _, c := range s.styles.All("w:style") {
			if c.Get("w:type") == "paragraph" && c.Get("w:styleId") == id {
				st = c
			}
		}
		if st == nil {
			break
		}
		apply(st.Path("w:pPr", "w:spacing"))
		based := st.Child("w:basedOn")
		if based == nil {
			break
		}
		id = based.Get("w:val")
	}
	apply(s.styles.Path("w:docDefaults", "w:pPrDefault", "w:pPr", "w:spacing"))
	return max(before, 0), max(after, 0)
}

// TestSpacingAfterListsAndTables checks that a paragraph right after a
// list or a table stands apart from it by the spacing of its styles
// (never by direct formatting or an empty paragraph): at least 5 pt.
func TestSpacingAfterListsAndTables(t *testing.T) {
	parts := unzip(t, sampleDOCX(t))
	sp := styleSpacing{parsePart(t, parts, "word/styles.xml")}
	body := parsePart(t, parts, "word/document.xml").Path("w:body")
	prevAfter, prevKind := 0, ""
	checked := 0
	for _, n := range body.Elements() {
		switch n.Name {
		case "w:tbl":
			prevAfter, prevKind = 0, "table"
		case "w:p":
			ppr := n.Child("w:pPr")
			if ppr == nil {
				ppr = xmltree.Elem("w:pPr")
			}
			if ppr.Child("w:spacing") != nil {
				t.Errorf("a paragraph has direct spacing: %s", n)
			}
			style := ""
			if ps := ppr.Child("w:pStyle"); ps != nil {
				style = ps.Get("w:val")
			}
			before, after := sp.spacing(cmpOr(style, "Normal"))
			inList := ppr.Child("w:numPr") != nil || style == "ListContinue"
			if prevKind != "" && !inList {
				checked++
				if gap := prevAfter + before; gap < 100 {
					t.Errorf("%q in %s after a %s: %d twips apart, want at least 100", textOf(n), style, prevKind, gap)
				}
			}
			prevAfter, prevKind = after, ""
			if inList {
				prevKind = "list"
			}
		}
	}
	if checked < 3 {
		t.Errorf("only %d paragraphs after lists and tables checked", checked)
	}
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// textOf is the text of a paragraph.
func textOf(n *xmltree.Node) string {
	var s strings.Builder
	n.Walk(func(c *xmltree.Node) {
		if c.Name == "w:t" {
			for _, tx := range c.Children {
				s.WriteString(tx.Text)
			}
		}
	})
	return s.String()
}

// TestEveryFileIsSound checks every Word file of the samples, and one
// written with a reference that has headers: xmllint accepts every XML
// part, every relationship target exists, every part has a content
// type, and ids are unique.
func TestEveryFileIsSound(t *testing.T) {
	for _, f := range sampleFiles(t) {
		checkPackage(t, f.name, f.data)
	}
	checkPackage(t, "sample", sampleDOCX(t))
}

// checkPackage checks one Word file as TestEveryFileIsSound says.
func checkPackage(t *testing.T, name string, data []byte) {
	t.Helper()
	parts := unzip(t, data)
	xmllint := needTool(t, "xmllint", "libxml2-utils")
	dir := t.TempDir()
	var files []string
	for n, b := range parts {
		if strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") {
			p := filepath.Join(dir, filepath.FromSlash(n))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, p)
		}
	}
	if out, err := exec.Command(xmllint, append([]string{"--noout"}, files...)...).CombinedOutput(); err != nil {
		t.Errorf("%s: xmllint: %v\n%s", name, err, out)
	}

	// Content types: a Default for the extension or an Override.
	ct := parsePart(t, parts, "[Content_Types].xml")
	defaults, overrides := map[string]bool{}, map[string]bool{}
	for _, d := range ct.All("Default") {
		defaults[strings.ToLower(d.Get("Extension"))] = true
	}
	for _, o := range ct.All("Override") {
		overrides[strings.TrimPrefix(o.Get("PartName"), "/")] = true
		if _, ok := parts[strings.TrimPrefix(o.Get("PartName"), "/")]; !ok {
			t.Errorf("%s: [Content_Types].xml names %s, which is not in the package", name, o.Get("PartName"))
		}
	}
	for n := range parts {
		if n == "[Content_Types].xml" {
			continue
		}
		if !overrides[n] && !defaults[strings.ToLower(strings.TrimPrefix(path.Ext(n), "."))] {
			t.Errorf("%s: %s has no content type", name, n)
		}
	}

	// Relationships: unique ids, existing targets.
	for n := range parts {
		if !strings.HasSuffix(n, ".rels") {
			continue
		}
		src := strings.TrimSuffix(strings.Replace(n, "_rels/", "", 1), ".rels")
		ids := map[string]bool{}
		for _, r := range parsePart(t, parts, n).All("Relationship") {
			if ids[r.Get("Id")] {
				t.Errorf("%s: %s repeats the relationship id %s", name, n, r.Get("Id"))
			}
			ids[r.Get("Id")] = true
			if r.Get("TargetMode") == "External" {
				continue
			}
			target := path.Join(path.Dir(src), r.Get("Target"))
			if strings.HasPrefix(r.Get("Target"), "/") {
				target = strings.TrimPrefix(r.Get("Target"), "/")
			}
			if _, ok := parts[target]; !ok {
				t.Errorf("%s: %s points to %s, which is not in the package", name, n, target)
			}
		}
		// Every r:id and r:embed in the source part is one of them.
		if _, ok := parts[src]; ok && strings.HasSuffix(src, ".xml") {
			parsePart(t, parts, src).Walk(func(e *xmltree.Node) {
				for _, a := range e.Attr {
					if (a.Name == "r:id" || a.Name == "r:embed") && !ids[a.Value] {
						t.Errorf("%s: %s refers to %s=%q, which %s lacks", name, src, a.Name, a.Value, n)
					}
				}
			})
		}
	}

	// Ids in the body: bookmarks, drawings, comments each unique.
	kinds := map[string]map[string]bool{}
	for n := range parts {
		if !strings.HasPrefix(n, "word/") || !strings.HasSuffix(n, ".xml") {
			continue
		}
		parsePart(t, parts, n).Walk(func(e *xmltree.Node) {
			var kind string
			switch e.Name {
			case "w:bookmarkStart":
				kind = "bookmark"
			case "wp:docPr":
				kind = "drawing"
			case "w:comment":
				kind = "comment"
			default:
				return
			}
			id := e.Get("w:id")
			if kind == "drawing" {
				id = e.Get("id")
			}
			if kinds[kind] == nil {
				kinds[kind] = map[string]bool{}
			}
			if kinds[kind][id] {
				t.Errorf("%s: %s id %s is used twice", name, kind, id)
			}
			kinds[kind][id] = true
		})
	}
}
