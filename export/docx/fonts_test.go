package docx

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
	"leafpress/fonts"
)

// TestFontTable checks the font table of the sample programme: panose,
// charset, alternative names and the four Roboto faces and two Roboto
// Condensed faces embedded, obfuscated, in word/fonts/, with
// w:embedTrueTypeFonts in the settings.
func TestFontTable(t *testing.T) {
	parts := unzip(t, sampleDOCX(t))
	if !strings.Contains(string(parts["word/settings.xml"]), "<w:embedTrueTypeFonts/>") {
		t.Error("settings.xml lacks w:embedTrueTypeFonts")
	}
	table := parsePart(t, parts, "word/fontTable.xml")
	rels := map[string]string{}
	for _, r := range parsePart(t, parts, "word/_rels/fontTable.xml.rels").All("Relationship") {
		rels[r.Get("Id")] = "word/" + r.Get("Target")
	}
	embedded := map[string]int{}
	for _, f := range table.All("w:font") {
		name := f.Get("w:name")
		for _, el := range []string{"w:altName", "w:charset", "w:family", "w:pitch"} {
			if f.Child(el) == nil || f.Child(el).Get("w:val") == "" {
				t.Errorf("font %s has no %s", name, el)
			}
		}
		if name == "Courier New" {
			continue
		}
		if p := f.Child("w:panose1"); p == nil || !regexp.MustCompile(`^02[0-9A-F]{18}$`).MatchString(p.Get("w:val")) || p.Get("w:val") == "02000000000000000000" {
			t.Errorf("font %s has panose %v, want a classified one", name, p)
		}
		if f.Child("w:sig") == nil {
			t.Errorf("font %s has no w:sig", name)
		}
		for _, el := range f.Elements() {
			if !strings.HasPrefix(el.Name, "w:embed") {
				continue
			}
			embedded[name]++
			part := rels[el.Get("r:id")]
			data, ok := parts[part]
			if !ok || !strings.HasSuffix(part, ".odttf") || !strings.HasPrefix(part, "word/fonts/") {
				t.Errorf("%s %s points to %q, not a part in word/fonts/", name, el.Name, part)
				continue
			}
			// Obfuscating again gives the TrueType file back.
			ttf := obfuscate(data, el.Get("w:fontKey"))
			if !bytes.HasPrefix(ttf, []byte{0, 1, 0, 0}) {
				t.Errorf("%s %s is not a TrueType file once de-obfuscated with its key", name, el.Name)
			}
			if bytes.HasPrefix(data, []byte{0, 1, 0, 0}) {
				t.Errorf("%s %s is not obfuscated", name, el.Name)
			}
			whole, _ := fonts.TTF(fonts.Regular)
			if len(ttf) >= len(whole)*3/4 {
				t.Errorf("%s %s is %d bytes, not a subset of the %d-byte face", name, el.Name, len(ttf), len(whole))
			}
		}
	}
	if embedded["Roboto"] != 4 || embedded["Roboto Condensed"] != 2 || len(embedded) != 2 {
		t.Errorf("embedded faces %v, want 4 of Roboto and 2 of Roboto Condensed", embedded)
	}
	if !strings.Contains(string(parts["[Content_Types].xml"]), `Extension="odttf" ContentType="`+ctObfFont+`"`) {
		t.Error("[Content_Types].xml has no type for .odttf")
	}
}

// TestEditableSubset checks the embedded subset: the characters of the
// document and the base set are drawn, the names are the family's.
func TestEditableSubset(t *testing.T) {
	face := fonts.MustLoad(fonts.Regular)
	data, err := face.EditableSubset([]rune("Ahoj ŘŽ"))
	if err != nil {
		t.Fatal(err)
	}
	tables := map[string]bool{}
	n := int(data[4])<<8 | int(data[5])
	for i := range n {
		tables[string(data[12+16*i:16+16*i])] = true
	}
	for _, tag := range []string{"cmap", "name", "OS/2", "glyf", "loca", "hmtx", "GPOS"} {
		if !tables[tag] {
			t.Errorf("the subset has no %s table", tag)
		}
	}
	if tables["GSUB"] {
		t.Error("the subset keeps GSUB, which may substitute glyphs left empty")
	}
	if !bytes.Contains(data, utf16be("Roboto")) {
		t.Error("the subset's name table does not name Roboto")
	}
}

func utf16be(s string) []byte {
	var b []byte
	for _, r := range s {
		b = append(b, byte(r>>8), byte(r))
	}
	return b
}

// hiddenRoboto writes a fontconfig configuration with every font folder
// of the machine except those holding Roboto, and checks with fc-list
// that Roboto is gone. It returns the environment to run programs with.
func hiddenRoboto(t *testing.T) []string {
	t.Helper()
	fclist := needTool(t, "fc-list", "fontconfig")
	home, _ := os.UserHomeDir()
	var dirs []string
	var walk func(dir string)
	walk = func(dir string) {
		hasRoboto := false
		filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && strings.Contains(strings.ToLower(d.Name()), "roboto") {
				hasRoboto = true
				return filepath.SkipAll
			}
			return nil
		})
		if !hasRoboto {
			dirs = append(dirs, dir)
			return
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.IsDir() && !strings.Contains(strings.ToLower(e.Name()), "roboto") {
				walk(filepath.Join(dir, e.Name()))
			}
		}
	}
	for _, root := range []string{"/usr/share/fonts", "/usr/local/share/fonts", filepath.Join(home, ".fonts"), filepath.Join(home, ".local/share/fonts")} {
		if _, err := os.Stat(root); err == nil {
			walk(root)
		}
	}
	tmp := t.TempDir()
	var conf strings.Builder
	conf.WriteString(`<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>`)
	var esc bytes.Buffer
	for _, d := range append(dirs, "") {
		esc.Reset()
		if d == "" {
			xmltree.EscapeText(&esc, filepath.Join(tmp, "cache"))
			conf.WriteString("<cachedir>" + esc.String() + "</cachedir>")
			break
		}
		xmltree.EscapeText(&esc, d)
		conf.WriteString("<dir>" + esc.String() + "</dir>")
	}
	conf.WriteString("</fontconfig>")
	path := filepath.Join(tmp, "fonts.conf")
	if err := os.WriteFile(path, []byte(conf.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"FONTCONFIG_FILE=" + path}
	cmd := exec.Command(fclist, ":", "family")
	cmd.Env = append(cmd.Environ(), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fc-list with the configuration without Roboto: %v", err)
	}
	if strings.Contains(strings.ToLower(string(out)), "roboto") {
		t.Fatalf("Roboto is still visible to fontconfig:\n%s", out)
	}
	return env
}

// pdfFontNames lists the fonts of a PDF (pdffonts), without subset tags.
func pdfFontNames(t *testing.T, pdf string) []string {
	t.Helper()
	pdffonts := needTool(t, "pdffonts", "poppler-utils")
	out, err := exec.Command(pdffonts, pdf).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	var names []string
	for _, line := range strings.Split(string(out), "\n")[2:] {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		name := f[0]
		if i := strings.IndexByte(name, '+'); i == 6 {
			name = name[7:]
		}
		names = append(names, name)
	}
	return names
}

// TestEmbeddedFontsLibreOffice converts a program.docx of the samples with
// LibreOffice while fontconfig sees no Roboto: the PDF still uses Roboto
// and Roboto Condensed, from the Word file (hiddenRoboto checks with
// fc-list that fontconfig, which LibreOffice asks, has none).
func TestEmbeddedFontsLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion")
	}
	env := hiddenRoboto(t)
	// The smallest sample programme (one chapter), to keep the test short.
	var data []byte
	for _, f := range sampleFiles(t) {
		if f.name == "2026-strategie" {
			data = f.data
		}
	}
	if data == nil {
		t.Fatal("no sample programme 2026-strategie")
	}
	got := pdfFontNames(t, libreOfficeToPDF(t, data, env))
	want := map[string]bool{"Roboto-Regular": false, "Roboto-Bold": false,
		"RobotoCondensed-Bold": false, "RobotoCondensed-Regular": false}
	for _, n := range got {
		if _, ok := want[n]; ok {
			want[n] = true
		} else {
			t.Errorf("LibreOffice's PDF uses %s", n)
		}
	}
	for n, ok := range want {
		if !ok {
			t.Errorf("LibreOffice's PDF does not use %s: %q", n, got)
		}
	}
}

// TestEmbeddedFacesShared checks the faces made once per process: two
// documents whose characters are all in the base set embed the same
// bytes, and a document with a character outside it embeds a subset that
// draws that character too.
func TestEmbeddedFacesShared(t *testing.T) {
	chapter := func(text string) map[string][]byte {
		t.Helper()
		c := &doc.Chapter{UID: "k", Title: "Kapitola", Source: "k.md", Blocks: []doc.Block{para(txt(text))}}
		p := &doc.Programme{UID: "p", Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
		var buf bytes.Buffer
		if err := Chapter(&buf, p, c, Options{Date: testDate}); err != nil {
			t.Fatal(err)
		}
		return unzip(t, buf.Bytes())
	}
	// The regular face: the first embedded one, with its key.
	regular := func(parts map[string][]byte) []byte {
		t.Helper()
		f := parsePart(t, parts, "word/fontTable.xml").All("w:font")[0].Child("w:embedRegular")
		if f == nil {
			t.Fatal("Roboto Regular is not embedded")
		}
		return obfuscate(parts["word/fonts/font1.odttf"], f.Get("w:fontKey"))
	}
	a := regular(chapter("Příliš žluťoučký kůň úpěl ďábelské ódy."))
	b := regular(chapter("Zcela jiný text, – „uvozovky“ a 3 % … ©"))
	if !bytes.Equal(a, b) {
		t.Error("two documents of base characters embed different Roboto Regular subsets")
	}
	const extra = 'Ω' // outside the base set, drawn by Roboto
	c := regular(chapter("Odpor 5 kΩ"))
	if bytes.Equal(a, c) {
		t.Fatal("a document with Ω embeds the base subset")
	}
	for _, tc := range []struct {
		name string
		ttf  []byte
		want bool
	}{{"base", a, false}, {"with Ω", c, true}} {
		f, err := sfnt.Parse(tc.ttf)
		if err != nil {
			t.Fatalf("%s: the embedded face does not parse: %v", tc.name, err)
		}
		var sb sfnt.Buffer
		g, err := f.GlyphIndex(&sb, extra)
		if err != nil || g == 0 {
			t.Fatalf("%s: the embedded face maps no glyph to Ω (%v)", tc.name, err)
		}
		segs, err := f.LoadGlyph(&sb, g, fixed.I(1000), nil)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if got := len(segs) > 0; got != tc.want {
			t.Errorf("%s: Ω has an outline: %v, want %v", tc.name, got, tc.want)
		}
	}
}
