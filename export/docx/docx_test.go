package docx

import (
	"bytes"
	"encoding/xml"
	"image"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
	"leafpress/export/picture"
)

// parsePart parses one XML part of a package, failing on XML that a
// strict parser (as Word's) refuses.
func parsePart(t testing.TB, parts map[string][]byte, name string) *xmltree.Node {
	t.Helper()
	data, ok := parts[name]
	if !ok {
		t.Fatalf("the package has no %s", name)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
	n, err := xmltree.Parse(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}

func TestPackageParts(t *testing.T) {
	parts := unzip(t, sampleDOCX(t))
	var names []string
	for n := range parts {
		names = append(names, n)
	}
	slices.Sort(names)
	want := []string{
		"[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "docProps/core.xml",
		"word/_rels/document.xml.rels", "word/_rels/fontTable.xml.rels", "word/comments.xml", "word/document.xml", "word/fontTable.xml",
		"word/fonts/font1.odttf", "word/fonts/font2.odttf", "word/fonts/font3.odttf", "word/fonts/font4.odttf",
		"word/fonts/font5.odttf", "word/fonts/font6.odttf", "word/footer1.xml", "word/footer2.xml",
		"word/media/image1.jpeg", "word/media/image2.png",
		"word/numbering.xml", "word/settings.xml", "word/styles.xml", "word/theme/theme1.xml",
	}
	if !slices.Equal(names, want) {
		t.Errorf("parts:\n got %q\nwant %q", names, want)
	}
	for _, n := range names {
		if strings.HasSuffix(n, ".xml") || strings.HasSuffix(n, ".rels") {
			parsePart(t, parts, n)
		}
	}
	for _, junk := range []string{"thumbnail", "customXml", "people.xml", "webSettings", "glossary", "stylesWithEffects"} {
		for _, n := range names {
			if strings.Contains(n, junk) {
				t.Errorf("the package holds %s, a leftover of a library template", n)
			}
		}
	}
	settings := string(parts["word/settings.xml"])
	if !strings.Contains(settings, `<w:updateFields w:val="true"/>`) {
		t.Errorf("settings.xml does not ask to update fields: %s", settings)
	}
}

func TestDocumentProperties(t *testing.T) {
	chapter := func(t *testing.T) []byte {
		var buf bytes.Buffer
		p := sampleProgramme(t)
		if err := Chapter(&buf, p, p.Chapters[1], Options{Date: testDate}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	tests := []struct {
		name string
		file func(*testing.T) []byte
		want []string
	}{
		{"programme", func(t *testing.T) []byte { return sampleDOCX(t) }, []string{
			"<dc:title>Program pro Prahu</dc:title>", "<dc:subject>volby-2022</dc:subject>",
			"<dc:creator>MUDr. Jana Nováková, Ph.D.</dc:creator>", "<cp:lastModifiedBy>MUDr. Jana Nováková, Ph.D.</cp:lastModifiedBy>",
			"<cp:keywords>bezpecnost, doprava</cp:keywords>", "<dc:language>cs-CZ</dc:language>",
			`<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-17T08:30:00Z</dcterms:created>`,
			`<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-17T08:30:00Z</dcterms:modified>`,
		}},
		{"chapter", chapter, []string{
			"<dc:title>Doprava</dc:title>", "<cp:keywords>doprava</cp:keywords>",
		}},
		{"commissioned", func(t *testing.T) []byte {
			p := sampleProgramme(t)
			p.Organisation = &doc.Organisation{Name: "Lipová sobě, z. s."}
			p.Imprint = &doc.Imprint{CommissionedBy: "Strana pro Prahu, IČ 12345678", ProducedBy: "Tiskárna"}
			return programmeDOCX(t, p, Options{Date: testDate})
		}, []string{"<dc:creator>Strana pro Prahu, IČ 12345678</dc:creator>"}},
		{"organisation", func(t *testing.T) []byte {
			p := sampleProgramme(t)
			p.Organisation = &doc.Organisation{Name: "Lipová sobě, z. s."}
			return programmeDOCX(t, p, Options{Date: testDate})
		}, []string{"<dc:creator>Lipová sobě, z. s.</dc:creator>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core := string(unzip(t, tt.file(t))["docProps/core.xml"])
			for _, w := range tt.want {
				if !strings.Contains(core, w) {
					t.Errorf("core.xml lacks %s:\n%s", w, core)
				}
			}
			if strings.Contains(core, "leafpress") {
				t.Errorf("core.xml names the tool as an author: %s", core)
			}
			if app := string(unzip(t, tt.file(t))["docProps/app.xml"]); !strings.Contains(app, "<Application>leafpress</Application>") {
				t.Errorf("app.xml does not name leafpress as the application: %s", app)
			}
			if strings.Contains(core, "description") {
				t.Errorf("core.xml has a description nobody wrote: %s", core)
			}
		})
	}
}

func TestReproducible(t *testing.T) {
	a := sampleDOCX(t)
	b := programmeDOCX(t, sampleProgramme(t), Options{Date: testDate})
	if !bytes.Equal(a, b) {
		t.Fatal("two runs with the same date give different files")
	}
	p := bigProgramme(3)
	c := programmeDOCX(t, p, Options{Date: testDate})
	d := programmeDOCX(t, p, Options{Date: testDate.Add(time.Hour)})
	if bytes.Equal(c, d) {
		t.Fatal("a different date gives the same file")
	}
}

// TestDirectFormatting checks that bold, italic and strike are the only
// direct run formatting and that paragraphs carry only a style, list
// membership, a chapter's page break and (in table cells) alignment.
func TestDirectFormatting(t *testing.T) {
	body := parsePart(t, unzip(t, sampleDOCX(t)), "word/document.xml")
	runProps := map[string]bool{"w:rStyle": true, "w:b": true, "w:i": true, "w:strike": true}
	parProps := map[string]bool{"w:pStyle": true, "w:numPr": true, "w:pageBreakBefore": true}
	var seen = map[string]int{}
	var walk func(n *xmltree.Node, inCell bool)
	walk = func(n *xmltree.Node, inCell bool) {
		switch n.Name {
		case "w:rPr":
			for _, c := range n.Elements() {
				seen[c.Name]++
				if !runProps[c.Name] {
					t.Errorf("direct run formatting %s", c)
				}
			}
		case "w:pPr":
			for _, c := range n.Elements() {
				if !parProps[c.Name] && !(inCell && c.Name == "w:jc") {
					t.Errorf("direct paragraph formatting %s", c)
				}
			}
		case "w:tc":
			inCell = true
		}
		for _, c := range n.Elements() {
			walk(c, inCell)
		}
	}
	walk(body, false)
	for _, k := range []string{"w:b", "w:i", "w:strike", "w:rStyle"} {
		if seen[k] == 0 {
			t.Errorf("no %s written, though the tree has such text", k)
		}
	}
}

func TestHyperlinks(t *testing.T) {
	parts := unzip(t, sampleDOCX(t))
	body := parsePart(t, parts, "word/document.xml")
	rels := parsePart(t, parts, "word/_rels/document.xml.rels")
	styles := parsePart(t, parts, "word/styles.xml")
	var links []*xmltree.Node
	body.Walk(func(n *xmltree.Node) {
		if n.Name == "w:hyperlink" && n.Has("r:id") {
			links = append(links, n)
		}
	})
	if len(links) != 1 {
		t.Fatalf("%d external hyperlinks, want 1", len(links))
	}
	l := links[0]
	var target *xmltree.Node
	for _, r := range rels.All("Relationship") {
		if r.Get("Id") == l.Get("r:id") {
			target = r
		}
	}
	if target == nil {
		t.Fatalf("hyperlink %s has no relationship", l.Get("r:id"))
	}
	if got, want := target.Get("Target"), "https://www.praha.eu/jnp/cz/o%20meste/index.html"; got != want {
		t.Errorf("target %q, want %q", got, want)
	}
	if target.Get("TargetMode") != "External" || !strings.HasSuffix(target.Get("Type"), "/hyperlink") {
		t.Errorf("relationship %s is not an external hyperlink", target)
	}
	var text string
	bold := false
	for _, r := range l.All("w:r") {
		if r.Path("w:rPr", "w:rStyle").Get("w:val") != "Hyperlink" {
			t.Errorf("link run %s is not in the Hyperlink style", r)
		}
		if r.Path("w:rPr", "w:b") != nil {
			bold = true
		}
		text += r.Path("w:t").Children[0].Text
	}
	if text != "pravidel města" || !bold {
		t.Errorf("link text %q (bold part kept: %v), want \"pravidel města\" with \"města\" bold", text, bold)
	}
	var hl *xmltree.Node
	for _, s := range styles.All("w:style") {
		if s.Get("w:styleId") == "Hyperlink" {
			hl = s
		}
	}
	if hl == nil || hl.Get("w:type") != "character" {
		t.Errorf("no Hyperlink character style: %v", hl)
	}
}

// TestNumbering checks that every list has its own numbering instance and
// that ordered lists restart at their start number, at their level.
func TestNumbering(t *testing.T) {
	parts := unzip(t, sampleDOCX(t))
	body := parsePart(t, parts, "word/document.xml")
	num := parsePart(t, parts, "word/numbering.xml")
	abstract := map[string]*xmltree.Node{}
	for _, a := range num.All("w:abstractNum") {
		abstract[a.Get("w:abstractNumId")] = a
	}
	instance := map[string]*xmltree.Node{}
	for _, n := range num.All("w:num") {
		instance[n.Get("w:numId")] = n
	}
	// The schema puts every abstractNum before the first num.
	lastAbs, firstNum := -1, len(num.Children)
	for i, c := range num.Children {
		if c.Name == "w:abstractNum" {
			lastAbs = i
		}
		if c.Name == "w:num" && i < firstNum {
			firstNum = i
		}
	}
	if lastAbs > firstNum {
		t.Error("numbering.xml has an abstractNum after a num")
	}
	type listPara struct{ text, numID, ilvl, style string }
	paras := map[string]listPara{}
	for _, p := range body.Child("w:body").All("w:p") {
		np := p.Path("w:pPr", "w:numPr")
		if np == nil {
			continue
		}
		text := ""
		for _, r := range p.All("w:r") {
			if tt := r.Child("w:t"); tt != nil && len(tt.Children) > 0 {
				text += tt.Children[0].Text
			}
		}
		paras[text] = listPara{text, np.Path("w:numId").Get("w:val"), np.Path("w:ilvl").Get("w:val"), p.Path("w:pPr", "w:pStyle").Get("w:val")}
	}
	tests := []struct {
		text, style, ilvl, format string
		start                     string // "" for no restart
	}{
		{"šikana ve škole", "ListBullet", "0", "bullet", ""},
		{"třetí krok", "ListNumber", "1", "decimal", "3"},
		{"pátý bod", "ListNumber", "0", "decimal", "5"},
		{"Modřany", "ListNumber", "0", "decimal", "1"},
		{"podél Vltavy", "ListBullet", "0", "bullet", ""},
	}
	used := map[string]string{}
	for _, tt := range tests {
		p, ok := paras[tt.text]
		if !ok {
			t.Errorf("no list paragraph %q", tt.text)
			continue
		}
		if p.style != tt.style || p.ilvl != tt.ilvl {
			t.Errorf("%q: style %s level %s, want %s level %s", tt.text, p.style, p.ilvl, tt.style, tt.ilvl)
		}
		if prev, dup := used[p.numID]; dup {
			t.Errorf("%q shares numbering instance %s with %q", tt.text, p.numID, prev)
		}
		used[p.numID] = tt.text
		inst := instance[p.numID]
		if inst == nil {
			t.Errorf("%q: numbering instance %s is not defined", tt.text, p.numID)
			continue
		}
		abs := abstract[inst.Path("w:abstractNumId").Get("w:val")]
		if abs == nil {
			t.Errorf("%q: abstract numbering of instance %s is not defined", tt.text, p.numID)
			continue
		}
		for _, lvl := range abs.All("w:lvl") {
			if lvl.Get("w:ilvl") == tt.ilvl {
				if f := lvl.Path("w:numFmt").Get("w:val"); f != tt.format {
					t.Errorf("%q: format %s, want %s", tt.text, f, tt.format)
				}
			}
		}
		o := inst.Child("w:lvlOverride")
		switch {
		case tt.start == "" && o != nil:
			t.Errorf("%q: unexpected override %s", tt.text, o)
		case tt.start != "" && (o == nil || o.Get("w:ilvl") != tt.ilvl || o.Path("w:startOverride").Get("w:val") != tt.start):
			t.Errorf("%q: override %v, want a start at %s on level %s", tt.text, o, tt.start, tt.ilvl)
		}
	}
}

func TestPictures(t *testing.T) {
	p := sampleProgramme(t)
	small := p.Chapters[0].Blocks[len(p.Chapters[0].Blocks)-1].(*doc.ImageBlock)
	smallData, _ := small.ReadAll()
	parts := unzip(t, sampleDOCX(t))
	big := parts["word/media/image1.jpeg"]
	cfg, format, err := image.DecodeConfig(bytes.NewReader(big))
	if err != nil || format != "jpeg" {
		t.Fatalf("chapter picture: %v %s", err, format)
	}
	// Text width 160 mm at 200 dpi is 1260 px.
	if cfg.Width > 1300 || cfg.Width < 1000 {
		t.Errorf("a 3000 px picture is stored %d px wide, want about 1260 (200 dpi at text width)", cfg.Width)
	}
	if r := float64(cfg.Width) / float64(cfg.Height); r < 1.49 || r > 1.51 {
		t.Errorf("aspect %.3f, want 1.5", r)
	}
	if len(big) > 500<<10 {
		t.Errorf("chapter picture takes %d kB", len(big)>>10)
	}
	if !bytes.Equal(parts["word/media/image2.png"], smallData) {
		t.Error("a small PNG picture was re-encoded")
	}
	body := parsePart(t, parts, "word/document.xml")
	var extents []*xmltree.Node
	body.Walk(func(n *xmltree.Node) {
		if n.Name == "wp:extent" {
			extents = append(extents, n)
		}
	})
	if len(extents) != 2 {
		t.Fatalf("%d pictures placed, want 2 (a missing picture is left out)", len(extents))
	}
	if got, want := extents[0].Get("cx"), "5759450"; got != want {
		t.Errorf("chapter picture is %s EMU wide, want the text width %s", got, want)
	}
	if got, want := extents[1].Get("cx"), "3810000"; got != want {
		t.Errorf("small picture is %s EMU wide, want its natural width %s", got, want)
	}
}

func TestBrokenPicture(t *testing.T) {
	p := sampleProgramme(t)
	c := p.Chapters[1]
	c.Image = &doc.Image{Src: "obrazek.png", Path: "img/x.png", FS: fstest.MapFS{"img/x.png": {Data: []byte("GIF89a? not really")}}}
	var warnings []string
	opt := Options{Date: testDate, Warn: func(file, msg string) { warnings = append(warnings, file+": "+msg) }}
	if err := Chapter(io.Discard, p, c, opt); err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.HasPrefix(warnings[0], "program/doprava.md: picture obrazek.png") {
		t.Errorf("warnings %q, want one naming program/doprava.md and obrazek.png", warnings)
	}
}

func TestChapterDocument(t *testing.T) {
	p := sampleProgramme(t)
	var buf bytes.Buffer
	if err := Chapter(&buf, p, p.Chapters[1], Options{Date: testDate}); err != nil {
		t.Fatal(err)
	}
	body := parsePart(t, unzip(t, buf.Bytes()), "word/document.xml").Child("w:body")
	first := body.Elements()[0]
	if s := first.Path("w:pPr", "w:pStyle").Get("w:val"); s != "Heading1" {
		t.Errorf("a chapter document starts with a %s paragraph, want Heading1", s)
	}
	if first.Path("w:pPr", "w:pageBreakBefore") != nil {
		t.Error("a chapter document starts with a page break")
	}
	if strings.Contains(body.String(), "TOC") {
		t.Error("a chapter document has a table of contents")
	}
}

func TestControlCharacters(t *testing.T) {
	p := controlProgramme()
	var warnings []string
	parts := unzip(t, programmeDOCX(t, p, Options{Warn: func(file, msg string) { warnings = append(warnings, file+": "+msg) }}))
	parsePart(t, parts, "word/document.xml") // strict XML parser: fails on a control character
	parsePart(t, parts, "docProps/core.xml")
	if len(warnings) != 2 {
		t.Fatalf("warnings %q, want one for the chapter and one for the programme title", warnings)
	}
	w := warnings[0]
	for _, s := range []string{"program/spatne.md:", "U+0001", "U+000B", "U+FFFE", "byte 0xED", "removed"} {
		if !strings.Contains(w, s) {
			t.Errorf("warning %q does not mention %s", w, s)
		}
	}
	if !strings.Contains(string(parts["word/document.xml"]), "Ahoj světe") {
		t.Error("the text around the removed characters is lost")
	}
}

// controlProgramme has text pasted with control characters.
func controlProgramme() *doc.Programme {
	return &doc.Programme{UID: "x", Title: "Program\x1f", Language: "cs", Chapters: []*doc.Chapter{{
		UID: "spatne", Title: "Špatné\x0b znaky", Source: "program/spatne.md",
		Blocks: []doc.Block{
			para(txt("Ahoj\x01 světe\uFFFE a půl\xed\xa0\x80ka.")),
			&doc.List{Items: textItems("položka\x02")},
		},
	}}}
}

// oddProgramme holds trees a messy programme can produce.
func oddProgramme() *doc.Programme {
	deep := &doc.List{Items: textItems("dno")}
	for range 12 {
		deep = &doc.List{Ordered: true, Start: 2, Items: []*doc.ListItem{item(para(txt("úroveň")), deep)}}
	}
	return &doc.Programme{Title: "P", Language: "en", Chapters: []*doc.Chapter{{
		Title: "Kapitola", Garant: &doc.Person{UID: "neznamy"}, Intro: []doc.Inline{&doc.LineBreak{}},
		Blocks: []doc.Block{
			&doc.Heading{Level: 7},
			&doc.List{},
			&doc.List{Ordered: true, Start: -3, Items: []*doc.ListItem{item(), item(&doc.Table{Rows: [][][]doc.Inline{{{txt("v seznamu")}}}})}},
			deep,
			&doc.Table{},
			&doc.Table{Header: [][]doc.Inline{{txt("a")}, {txt("b")}}, Rows: [][][]doc.Inline{{{txt("jen jedna")}}}},
			&doc.Table{Rows: [][][]doc.Inline{{{txt("hned za")}}}},
			&doc.Quote{Blocks: []doc.Block{&doc.List{Items: textItems("v citaci")}, heading(1, "v citaci")}},
			&doc.Section{Title: "Kontext"},
			para(&doc.Link{URL: "", Content: []doc.Inline{txt("bez adresy")}}, &doc.Link{URL: "#kotva", Content: []doc.Inline{txt("kotva")}},
				&doc.Link{URL: "https://a.cz", Content: []doc.Inline{&doc.Link{URL: "https://b.cz", Content: []doc.Inline{txt("vnořený")}}}},
				txt("tab\there\nnewline"), &doc.Code{Text: "  mezery  "}),
			&doc.ImageBlock{},
		},
	}}}
}

// TestEdgeCases writes odd trees and checks that the file is well-formed
// and python3-docx reads it.
func TestEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		p    *doc.Programme
	}{
		{"no chapters", &doc.Programme{Title: "Prázdný"}},
		{"empty chapter", &doc.Programme{Title: "P", Chapters: []*doc.Chapter{{}}}},
		{"odd blocks", oddProgramme()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := programmeDOCX(t, tt.p, Options{})
			parts := unzip(t, data)
			for _, n := range []string{"word/numbering.xml", "word/styles.xml", "word/_rels/document.xml.rels"} {
				parsePart(t, parts, n)
			}
			body := parsePart(t, parts, "word/document.xml").Child("w:body")
			prev := ""
			for _, e := range body.Elements() {
				if e.Name == "w:tbl" && prev == "w:tbl" {
					t.Error("two tables touch: Word would join them")
				}
				prev = e.Name
			}
			body.Walk(func(n *xmltree.Node) {
				if n.Name == "w:ilvl" && atoi(n.Get("w:val")) > 8 {
					t.Errorf("list level %s: Word has 9 levels", n.Get("w:val"))
				}
				if n.Name == "w:hyperlink" && len(n.All("w:hyperlink")) > 0 {
					t.Error("a hyperlink inside a hyperlink")
				}
			})
			pythonDocx(t, data)
		})
	}
}

// TestPictureSlack checks that a picture a little sharper than 200 dpi at
// text width (1700 px for 1260) is stored as it is, its file unchanged.
func TestPictureSlack(t *testing.T) {
	data := pictureJPEG(t, 1700, 1000)
	fsys := fstest.MapFS{"img/a.jpg": {Data: data}}
	c := &doc.Chapter{UID: "a", Title: "A", Source: "a.md",
		Image: &doc.Image{Src: "a.jpg", Path: "img/a.jpg", FS: fsys}}
	p := &doc.Programme{UID: "p", Title: "P", Language: "cs", Chapters: []*doc.Chapter{c}}
	var buf bytes.Buffer
	if err := Chapter(&buf, p, c, Options{Date: testDate, Pictures: picture.New("", 0)}); err != nil {
		t.Fatal(err)
	}
	parts := unzip(t, buf.Bytes())
	if got := parts["word/media/image1.jpeg"]; !bytes.Equal(got, data) {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(got))
		t.Errorf("a 1700 px JPEG was re-encoded (%d bytes, %+v, %v), want its own file", len(got), cfg, err)
	}
}
