package docx

import (
	"bytes"
	"encoding/xml"
	"path"
	"slices"
	"strconv"
	"strings"

	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
)

// sectPr returns the section properties written at the end of the body:
// the reference's page setup with the headers and footers of the
// document. A reference with headers or footers of its own keeps them;
// otherwise every page gets a footer with the programme's title and the
// page number, in the Footer style, and a programme's title page none.
func (b *builder) sectPr() *xmltree.Node {
	s := b.ref.sectPr.Clone()
	var refs []*xmltree.Node
	if len(b.ref.hdrFtr) > 0 {
		for i, h := range b.ref.hdrFtr {
			refs = append(refs, b.addHdrFtr(i+1, h))
		}
	} else {
		refs = append(refs, b.addFooter("default", b.footer(true)))
		s.Remove(func(n *xmltree.Node) bool { return n.Name == "w:titlePg" })
		if b.titlePage {
			refs = append(refs, b.addFooter("first", b.footer(false)))
			// w:titlePg comes before these in the schema's order.
			at := slices.IndexFunc(s.Children, func(c *xmltree.Node) bool {
				switch c.Name {
				case "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange":
					return true
				}
				return false
			})
			if at < 0 {
				at = len(s.Children)
			}
			s.Insert(at, xmltree.Elem("w:titlePg"))
		}
	}
	for i, r := range refs {
		s.Insert(i, r)
	}
	return s
}

// addFooter stores a footer part of the given kind (default, first) and
// returns the reference to it.
func (b *builder) addFooter(kind string, data []byte) *xmltree.Node {
	n := 0
	for _, p := range b.parts {
		if strings.HasPrefix(p.name, "word/footer") {
			n++
		}
	}
	name := "footer" + strconv.Itoa(n+1) + ".xml"
	b.parts = append(b.parts, part{name: "word/" + name, data: data, ctype: ctFooter})
	return xmltree.Elem("w:footerReference", "w:type", kind, "r:id", b.addRel(relFooter, name, false))
}

// footer is the footer part: the programme's title and the page number
// (a PAGE field) when full is set, else an empty paragraph.
func (b *builder) footer(full bool) []byte {
	var s bytes.Buffer
	s.WriteString(xml.Header)
	s.WriteString(`<w:ftr xmlns:w="` + nsW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	if !full {
		s.WriteString(`<w:p/></w:ftr>`)
		return s.Bytes()
	}
	s.WriteString(`<w:p><w:pPr><w:pStyle w:val="`)
	xmltree.EscapeAttr(&s, b.st.id[sFooter])
	s.WriteString(`"/></w:pPr>`)
	if t := strings.TrimSpace(b.clean(b.footerText)); t != "" {
		s.WriteString(`<w:r><w:t xml:space="preserve">`)
		xmltree.EscapeText(&s, t)
		s.WriteString(`</w:t></w:r>`)
	}
	s.WriteString(`<w:r><w:tab/></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r>` +
		`<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r>` +
		`<w:r><w:t>1</w:t></w:r>` +
		`<w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`</w:p></w:ftr>`)
	return s.Bytes()
}

// addHdrFtr stores the reference's header or footer h as the n-th such
// part, with the pictures it holds, and returns the reference to it.
func (b *builder) addHdrFtr(n int, h hdrFtr) *xmltree.Node {
	kind, rel, ctype, elem := "header", relHeader, ctHeader, "w:headerReference"
	if h.footer {
		kind, rel, ctype, elem = "footer", relFooter, ctFooter, "w:footerReference"
	}
	name := "ref" + kind + strconv.Itoa(n) + ".xml"
	b.parts = append(b.parts, part{name: "word/" + name, data: h.data, ctype: ctype})
	if h.rels != nil {
		rels := h.rels.Clone()
		for i, r := range rels.All("Relationship") {
			data, ok := h.media[r.Get("Target")]
			if !ok {
				continue
			}
			ext := strings.ToLower(strings.TrimPrefix(path.Ext(r.Get("Target")), "."))
			media := "media/ref" + kind + strconv.Itoa(n) + "-" + strconv.Itoa(i+1) + "." + ext
			r.Set("Target", media)
			b.parts = append(b.parts, part{name: "word/" + media, data: data})
			if ext != "png" && ext != "jpeg" {
				if b.extensions == nil {
					b.extensions = map[string]bool{}
				}
				b.extensions[ext] = true
			}
		}
		b.parts = append(b.parts, part{name: "word/_rels/" + name + ".rels", data: xmltree.Marshal(rels)})
	}
	return xmltree.Elem(elem, "w:type", h.kind, "r:id", b.addRel(rel, name, false))
}

// authorOf names who the document is by: the organisation that
// commissioned the programme (its imprint), else the site's organisation,
// else the garants of its chapters that the people directory knows, each
// once, in chapter order, separated by semicolons as Word separates
// authors (a name may hold a comma before its titles).
func authorOf(p *doc.Programme, chapters []*doc.Chapter) string {
	if a := p.Author(); a != "" {
		return a
	}
	var names []string
	seen := map[string]bool{}
	for _, c := range chapters {
		if c.Garant == nil || strings.TrimSpace(c.Garant.Name) == "" {
			continue // unknown: only its uid
		}
		if n := strings.TrimSpace(c.Garant.FullName()); !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	return strings.Join(names, "; ")
}
