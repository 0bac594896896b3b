package docx

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leafpress/export/docx/internal/xmltree"
	"leafpress/templates"
)

// TestEmbeddedReferenceIsCurrent checks that templates/reference.docx
// holds exactly the parts in internal/genref/parts: run go generate in
// templates/ after editing them.
func TestEmbeddedReferenceIsCurrent(t *testing.T) {
	const dir = "internal/genref/parts"
	want := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		want[filepath.ToSlash(rel)], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(templates.ReferenceDOCX), int64(len(templates.ReferenceDOCX)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part %s, want [Content_Types].xml", zr.File[0].Name)
	}
	got := unzip(t, templates.ReferenceDOCX)
	for name, data := range want {
		if !bytes.Equal(got[name], data) {
			t.Errorf("templates/reference.docx: %s differs from %s/%s; run go generate in templates/", name, dir, name)
		}
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			parsePart(t, want, name)
		}
	}
	for name := range got {
		if want[name] == nil {
			t.Errorf("templates/reference.docx holds %s, which %s lacks", name, dir)
		}
	}
}

func TestXMLTreeRoundTrip(t *testing.T) {
	tests := []struct{ in, out string }{
		{`<w:a xmlns:w="u"><w:b w:val="1"/>text &amp; more<w:c/></w:a>`, `<w:a xmlns:w="u"><w:b w:val="1"/>text &amp; more<w:c/></w:a>`},
		{`<?xml version="1.0"?><!-- c --><a x="&quot;&lt;"><b></b></a>`, `<a x="&quot;&lt;"><b/></a>`},
		{"<a>\u00a0x\r\n</a>", "<a>\u00a0x\n</a>"},
	}
	for _, tt := range tests {
		n, err := xmltree.Parse([]byte(tt.in))
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if got := n.String(); got != tt.out {
			t.Errorf("Parse(%q) = %q, want %q", tt.in, got, tt.out)
		}
	}
	for _, bad := range []string{"", "<a>", "<a></b>", "<a/><b/>"} {
		if _, err := xmltree.Parse([]byte(bad)); err == nil {
			t.Errorf("Parse(%q) accepted bad XML", bad)
		}
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		in, want string
		removed  int
	}{
		{"Praha\u00a01 – “město”", "Praha\u00a01 – “město”", 0},
		{"a\x00b\x1fc\x7f", "abc", 3},
		{"tab\tand\nline", "tab\tand\nline", 0},
		{"x\uFFFEy\uFFFFz", "xyz", 2},
		{"lone \xed\xa0\x80 surrogate", "lone  surrogate", 3},
		{"real \uFFFD stays", "real \uFFFD stays", 0},
		{"c1\u0085\u0096", "c1", 2},
	}
	for _, tt := range tests {
		var rs removals
		got := rs.clean("f.md", tt.in)
		n := 0
		if rm := rs.files["f.md"]; rm != nil {
			n = rm.count
		}
		if got != tt.want || n != tt.removed {
			t.Errorf("clean(%q) = %q with %d removed, want %q with %d", tt.in, got, n, tt.want, tt.removed)
		}
	}
}

func TestCleanURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://example.org/a?b=c#d", "https://example.org/a?b=c#d"},
		{" https://example.org/o meste ", "https://example.org/o%20meste"},
		{"https://example.org/100%", "https://example.org/100%25"},
		{"https://example.org/a%20b", "https://example.org/a%20b"},
		{`https://x.cz/{a}|"b"`, "https://x.cz/%7Ba%7D%7C%22b%22"},
		{"https://praha.cz/náměstí", "https://praha.cz/náměstí"},
	}
	for _, tt := range tests {
		if got := cleanURL(tt.in); got != tt.want {
			t.Errorf("cleanURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPageOf(t *testing.T) {
	tests := []struct {
		sectPr     string
		textW, tex int
	}{
		{`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:gutter="0"/></w:sectPr>`, 9070, 14002},
		{`<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1000" w:right="1000" w:bottom="1000" w:left="1000"/></w:sectPr>`, 14838, 9906},
		{`<w:sectPr/>`, 9070, 14002},
		{`<w:sectPr><w:pgSz w:w="1000" w:h="1000"/><w:pgMar w:top="0" w:right="0" w:bottom="0" w:left="0"/></w:sectPr>`, 9070, 14002},
	}
	for _, tt := range tests {
		n, err := xmltree.Parse([]byte(tt.sectPr))
		if err != nil {
			t.Fatal(err)
		}
		if p := pageOf(n); p.textW != tt.textW || p.textH != tt.tex {
			t.Errorf("pageOf(%s) = %+v, want %d×%d", tt.sectPr, p, tt.textW, tt.tex)
		}
	}
}
