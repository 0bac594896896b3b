package docx

import (
	"strings"
	"testing"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
)

// commentedProgramme is the sample programme with an unknown garant on
// its second chapter, and the warnings a build reports about it.
func commentedProgramme(t *testing.T) (*doc.Programme, []diag.Diagnostic) {
	p := sampleProgramme(t)
	p.Chapters[1].Garant = &doc.Person{UID: "petr.novy"}
	return p, []diag.Diagnostic{
		{Severity: diag.Warning, File: "program/bezpecnost.md", Line: 4, Message: "order 1 is also given to program/jina.md; give each chapter of the programme its own order"},
		{Severity: diag.Warning, File: "program/doprava.md", Line: 7, Message: `the garant "petr.novy" is not among the people; check the spelling`},
		{Severity: diag.Warning, File: "program/doprava.md", Line: 9, Message: `the picture "chybi.png" (img) cannot be used: not found in assets/img`},
		{Severity: diag.Error, File: "program/doprava.md", Line: 2, Message: "an error is not a comment"},
		{Severity: diag.Warning, File: "_people/x.md", Line: 2, Message: "not about a chapter"},
	}
}

// anchored maps each comment id to the paragraph it is anchored in: its
// style and text.
func anchored(t *testing.T, parts map[string][]byte) map[string][2]string {
	t.Helper()
	out := map[string][2]string{}
	body := parsePart(t, parts, "word/document.xml").Path("w:body")
	for _, p := range body.All("w:p") {
		style := ""
		if ps := p.Path("w:pPr", "w:pStyle"); ps != nil {
			style = ps.Get("w:val")
		}
		var starts, refs []string
		p.Walk(func(n *xmltree.Node) {
			switch n.Name {
			case "w:commentRangeStart":
				starts = append(starts, n.Get("w:id"))
			case "w:commentReference":
				refs = append(refs, n.Get("w:id"))
			}
		})
		if len(starts) != len(refs) {
			t.Errorf("paragraph %q: comment ranges %v, references %v", textOf(p), starts, refs)
		}
		for _, id := range starts {
			out[id] = [2]string{style, textOf(p)}
		}
	}
	return out
}

// TestComments checks that the build's warnings about chapters become
// comments by leafpress where the problem is: the missing picture at its
// place, the unknown garant on the garant line, the rest on the title.
func TestComments(t *testing.T) {
	p, warnings := commentedProgramme(t)
	data := programmeDOCX(t, p, Options{Date: testDate, Warnings: warnings})
	checkPackage(t, "commented", data)
	parts := unzip(t, data)
	comments := parsePart(t, parts, "word/comments.xml").All("w:comment")
	got := map[string]string{}
	for _, c := range comments {
		if c.Get("w:author") != "leafpress" || c.Get("w:date") != "2024-05-17T08:30:00Z" {
			t.Errorf("comment %s by %q on %q, want leafpress on the document's date", c.Get("w:id"), c.Get("w:author"), c.Get("w:date"))
		}
		got[c.Get("w:id")] = textOf(c.Child("w:p"))
	}
	at := anchored(t, parts)
	want := []struct{ style, text, comment string }{
		{"Heading1", "Bezpečnost", "program/bezpecnost.md:4: order 1 is also given"},
		{"Garant", "Garant: petr.novy", `program/doprava.md:7: the garant "petr.novy" is not among the people`},
		{"Figure", "", `program/doprava.md:9: the picture "chybi.png" (img) cannot be used`},
	}
	if len(got) != len(want) || len(at) != len(want) {
		t.Errorf("%d comments (%d anchored), want %d: %q", len(got), len(at), len(want), got)
	}
	for _, w := range want {
		found := false
		for id, text := range got {
			if strings.HasPrefix(text, w.comment) {
				found = true
				if a := at[id]; a[0] != w.style || a[1] != w.text {
					t.Errorf("comment %q is anchored in %q (%s), want %q (%s)", text, a[1], a[0], w.text, w.style)
				}
			}
		}
		if !found {
			t.Errorf("no comment %q among %q", w.comment, got)
		}
	}
	// The Figure paragraph stands where the picture would: after the
	// garant of the chapter that lacks it.
	d := pythonDocx(t, data)
	for i, para := range d.Paragraphs {
		if para.Text == "Garant: petr.novy" && (i+1 >= len(d.Paragraphs) || d.Paragraphs[i+1].Style != "Figure") {
			t.Errorf("the missing picture's paragraph does not follow the garant: %+v", d.Paragraphs[i+1])
		}
	}

	t.Run("no-comments", func(t *testing.T) {
		parts := unzip(t, programmeDOCX(t, p, Options{Date: testDate, Warnings: warnings, NoComments: true}))
		if _, ok := parts["word/comments.xml"]; ok {
			t.Error("--no-comments still writes word/comments.xml")
		}
		if strings.Contains(string(parts["word/document.xml"]), "comment") {
			t.Error("--no-comments still anchors comments")
		}
	})
}
