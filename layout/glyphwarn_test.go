package layout_test

import (
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/layout"
)

// TestMissingGlyphWarned checks that a character no face has is warned
// of in every template, a leaflet fitted to its pages by tries included.
func TestMissingGlyphWarned(t *testing.T) {
	c := &doc.Chapter{Title: "Zima", UID: "zima", Language: "cs", Source: "zima.md",
		Intro: []doc.Inline{&doc.Text{Text: "Úvod kapitoly."}},
		Blocks: []doc.Block{
			&doc.Heading{Level: 2, Content: []doc.Inline{&doc.Text{Text: "Sníh"}}},
			&doc.Lead{Content: []doc.Inline{&doc.Text{Text: "Postavíme sněhuláka \u2603 na náměstí."}}},
		}}
	p := &doc.Programme{Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
	for _, name := range []string{"dl-leaflet", "a5-booklet", "a4-newspaper"} {
		d, err := layout.Chapter(p, c, builtin(t, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !strings.Contains(strings.Join(d.Warnings, "\n"), "U+2603") {
			t.Errorf("%s: no warning of U+2603; warnings: %q", name, d.Warnings)
		}
	}
}
