package xmltree

import (
	"encoding/xml"
	"strings"
	"testing"
)

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- a comment -->
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="paragraph" w:styleId="Nadpis1"><w:name w:val="heading 1"/><w:rPr><w:rFonts w:ascii="Liberation Serif"/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Odkaz"><w:name w:val="Hyperlink &amp; &quot;link&quot;"/></w:style>
  <w:t xml:space="preserve"> a &lt; b </w:t>
</w:styles>`

func TestParseKeepsPrefixesAndText(t *testing.T) {
	root, err := Parse([]byte(styles))
	if err != nil {
		t.Fatal(err)
	}
	if root.Name != "w:styles" {
		t.Fatalf("root %q, want w:styles", root.Name)
	}
	ss := root.All("w:style")
	if len(ss) != 2 {
		t.Fatalf("%d styles, want 2", len(ss))
	}
	if got := ss[0].Child("w:name").Get("w:val"); got != "heading 1" {
		t.Errorf("first style name %q", got)
	}
	if got := ss[1].Child("w:name").Get("w:val"); got != `Hyperlink & "link"` {
		t.Errorf("escaped attribute read as %q", got)
	}
	out := string(Marshal(root))
	for _, want := range []string{`<w:style w:type="paragraph" w:styleId="Nadpis1">`, `w:val="Hyperlink &amp; &#34;link&#34;"`, `> a &lt; b </w:t>`} {
		if !strings.Contains(strings.ReplaceAll(out, "&quot;", "&#34;"), want) {
			t.Errorf("written XML lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "comment") {
		t.Error("comment kept")
	}
	// The written document is well-formed and reads back the same.
	if err := xml.Unmarshal([]byte(out), new(struct{})); err != nil {
		t.Errorf("written XML is not well-formed: %v", err)
	}
	again, err := Parse([]byte(out))
	if err != nil || string(Marshal(again)) != out {
		t.Errorf("a second round trip changes the document (%v)", err)
	}
}

func TestCloneIsDeep(t *testing.T) {
	n := Elem("w:p", "w:rsidR", "00AB")
	n.Append(Elem("w:r"))
	c := n.Clone()
	c.Children[0].Name = "w:hyperlink"
	c.Attr[0].Value = "FFFF"
	if n.Children[0].Name != "w:r" || n.Get("w:rsidR") != "00AB" {
		t.Error("changing the clone changed the original")
	}
}
