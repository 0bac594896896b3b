package typography_test

import (
	"fmt"
	"strings"

	"leafpress/export/doc"
	"leafpress/export/typography"
)

func ExampleCzech() {
	s := typography.Czech(`Linka č. 5 pojede i večer - stojí to 900 000 Kč, tj. 7 % "navíc".`)
	// show the no-break spaces as ~
	fmt.Println(strings.ReplaceAll(s, "\u00A0", "~"))
	// Output: Linka č.~5 pojede i~večer~– stojí to 900~000~Kč, tj.~7~% „navíc“.
}

func ExampleProgramme() {
	p := &doc.Programme{Language: "cs", Chapters: []*doc.Chapter{{
		Title: "Bydlení v centru",
		Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
			&doc.Text{Text: `Dům č. 5 opravíme jako první a v `},
			&doc.Strong{Content: []doc.Inline{&doc.Text{Text: "přízemí"}}},
			&doc.Text{Text: ` bude "kavárna".`},
		}}},
	}}}
	typography.Programme(p)
	show := func(s string) string { return strings.ReplaceAll(s, "\u00A0", "~") }
	fmt.Println(show(p.Chapters[0].Title))
	for _, in := range p.Chapters[0].Blocks[0].(*doc.Paragraph).Content {
		fmt.Printf("%s %q\n", doc.InlineType(in), show(doc.PlainText([]doc.Inline{in})))
	}
	// Output:
	// Bydlení v~centru
	// text "Dům č.~5 opravíme jako první a~v~"
	// strong "přízemí"
	// text " bude „kavárna“."
}
