package layout_test

import (
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/layout"
	"leafpress/templates"
)

// TestOddContent lays out chapters real programmes hold by mistake and
// checks that every template gives pages, keeps its text inside the page
// and warns about what it could not print.
func TestOddContent(t *testing.T) {
	txt := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	long := strings.Repeat("Nejdelšíslovovšechnejdelšíchslov", 4)
	chapters := []*doc.Chapter{
		{UID: "prazdna", Source: "prazdna.md"},
		{UID: "jen-nadpis", Title: "Jen nadpis", Blocks: []doc.Block{&doc.Heading{Level: 1, Content: txt("Poslední nadpis")}}},
		{UID: "dlouhe-slovo", Title: long, Intro: txt(long + " a " + long)},
		{UID: "znaky", Title: "Znaky", Blocks: []doc.Block{
			&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "\u00A0Začátek s\u00A0mezerou, měk\u00ADký spo\u00ADjov\u00ADník, zero\u200Bwidth, smajlík 🙂 a konec."}, &doc.LineBreak{}, &doc.LineBreak{}, &doc.Text{Text: "Za dvěma zlomy."}}},
			&doc.List{Items: []*doc.ListItem{{}, {Blocks: []doc.Block{&doc.Quote{Blocks: []doc.Block{&doc.List{Ordered: true, Items: []*doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Content: txt("Hluboko vnořená položka.")}}}}}}}}}}},
			&doc.ImageBlock{Image: doc.Image{Src: "chybi.png", Missing: "not found", Alt: "Obrázek, který chybí"}},
			&doc.Table{Rows: [][][]doc.Inline{{txt(long), txt("x")}}},
			&doc.Table{},
			&doc.Rule{},
			&doc.Section{Title: "Kontext"},
		}},
	}
	p := &doc.Programme{UID: "divny", Title: "Divný program", Language: "cs", Chapters: chapters}
	for _, name := range templates.Names() {
		tp := builtin(t, name)
		g := geom(tp)
		check := func(what string, d *layout.Document) {
			if len(d.Pages) == 0 {
				t.Errorf("%s %s: no pages", name, what)
			}
			for _, pg := range d.Pages {
				for _, b := range pg.Boxes {
					r := b.Bounds()
					if r.X < -g.bleed-0.01 || r.X+r.W > g.w+g.bleed+0.01 || r.Y < -g.bleed-0.01 || r.Y+r.H > g.h+g.bleed+0.01 {
						t.Errorf("%s %s: page %d: %T %+v leaves the page", name, what, pg.Number, b, r)
					}
					if tr, ok := b.(*layout.TextRun); ok {
						if strings.ContainsAny(tr.Text, "\u00AD\u00A0\u200B🙂") {
							t.Errorf("%s %s: run %q holds a character that must not be drawn", name, what, tr.Text)
						}
						if flowRoles[tr.Role] {
							if _, x0, x1 := g.column(pg.Number, tr.X); tr.X < x0-0.01 || tr.X+tr.Width > x1+0.01 {
								t.Errorf("%s %s: run %q leaves its column", name, what, tr.Text)
							}
						}
					}
				}
			}
		}
		for _, c := range chapters {
			d, err := layout.Chapter(p, c, tp)
			if err != nil {
				t.Errorf("%s %s: %v", name, c.UID, err)
				continue
			}
			check(c.UID, d)
			if c.UID == "znaky" && tp.Content == templates.ContentFull {
				warned := false
				for _, w := range d.Warnings {
					if strings.Contains(w, "U+1F642") {
						warned = true
					}
				}
				if !warned {
					t.Errorf("%s: no warning for the emoji: %q", name, d.Warnings)
				}
			}
		}
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Errorf("%s programme: %v", name, err)
			continue
		}
		check("programme", d)
	}
	if _, err := layout.Programme(&doc.Programme{UID: "nic", Title: "Nic"}, builtin(t, "a5-booklet")); err == nil || !strings.Contains(err.Error(), "nic") {
		t.Errorf("a programme without chapters: %v, want an error naming it", err)
	}
}
