package docx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"
	"time"

	"leafpress/export/doc"
	"leafpress/export/docx"
)

// A programme of one chapter becomes a Word package holding only what
// Word needs; the same date gives the same bytes.
func ExampleProgramme() {
	p := &doc.Programme{UID: "praha", Title: "Program pro Prahu", Language: "cs", Chapters: []*doc.Chapter{{
		UID: "doprava", Title: "Doprava", Source: "doprava.md",
		Garant: &doc.Person{Name: "Petr Holub", TitlesBefore: "Ing."},
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "Tramvaje"}}},
			&doc.List{Ordered: true, Start: 3, Items: []*doc.ListItem{
				{Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Modřany"}}}}},
			}},
		},
	}}}
	var buf bytes.Buffer
	opt := docx.Options{Date: time.Date(2024, 5, 17, 0, 0, 0, 0, time.UTC)}
	if err := docx.Programme(&buf, p, opt); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name, f.Modified.Format(time.DateOnly))
	}
	// Output:
	// [Content_Types].xml 2024-05-17
	// _rels/.rels 2024-05-17
	// docProps/app.xml 2024-05-17
	// docProps/core.xml 2024-05-17
	// word/document.xml 2024-05-17
	// word/_rels/document.xml.rels 2024-05-17
	// word/styles.xml 2024-05-17
	// word/numbering.xml 2024-05-17
	// word/settings.xml 2024-05-17
	// word/fontTable.xml 2024-05-17
	// word/theme/theme1.xml 2024-05-17
	// word/_rels/fontTable.xml.rels 2024-05-17
	// word/fonts/font1.odttf 2024-05-17
	// word/fonts/font2.odttf 2024-05-17
	// word/fonts/font3.odttf 2024-05-17
	// word/fonts/font4.odttf 2024-05-17
	// word/fonts/font5.odttf 2024-05-17
	// word/fonts/font6.odttf 2024-05-17
	// word/footer1.xml 2024-05-17
	// word/footer2.xml 2024-05-17
}
