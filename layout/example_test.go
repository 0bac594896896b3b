package layout_test

import (
	"fmt"

	"leafpress/export/doc"
	"leafpress/layout"
	"leafpress/templates"
)

func ExampleChapter() {
	c := &doc.Chapter{
		UID: "doprava", Title: "Doprava", Source: "_program/doprava.md",
		Garant: &doc.Person{Name: "Petr Holub", TitlesBefore: "Ing."},
		Intro:  []doc.Inline{&doc.Text{Text: "Chceme město, kde dítě bezpečně dojde do\u00A0školy."}},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "Doprava v\u00A0centru"}}},
			&doc.Lead{Content: []doc.Inline{&doc.Text{Text: "Zklidníme náměstí i\u00A0průtah městem."}}},
			&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Hlavní silnice vede přímo přes Masarykovo náměstí."}}},
		},
	}
	p := &doc.Programme{Title: "Program pro Lipovou", Language: "cs", Chapters: []*doc.Chapter{c}}
	t, err := templates.Builtin("dl-leaflet")
	if err != nil {
		panic(err)
	}
	d, err := layout.Chapter(p, c, t)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d pages of %.0f x %.0f pt\n", len(d.Pages), d.Pages[0].Width, d.Pages[0].Height)
	for _, pg := range d.Pages {
		for _, b := range pg.Boxes {
			switch b := b.(type) {
			case *layout.Anchor:
				fmt.Printf("page %d: bookmark level %d %q\n", pg.Number, b.Level, b.Title)
			case *layout.TextRun:
				if b.Role == layout.RoleTitle || b.Role == layout.RoleGarant {
					fmt.Printf("page %d: %s %q in %s %.0f pt\n", pg.Number, b.Role, b.Text, b.Face, b.Size)
				}
			}
		}
	}
	// Output:
	// 2 pages of 281 x 595 pt
	// page 1: bookmark level 0 "Doprava"
	// page 1: title "DOPRAVA" in BebasNeue-Regular 46 pt
	// page 2: bookmark level 1 "Doprava v centru"
	// page 2: garant "Ing." in Roboto-Bold 10 pt
	// page 2: garant "Petr" in Roboto-Bold 10 pt
	// page 2: garant "Holub" in Roboto-Bold 10 pt
}
