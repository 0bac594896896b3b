package pdf_test

import (
	"bytes"
	"fmt"
	"time"

	"leafpress/export/pdf"
	"leafpress/fonts"
	"leafpress/layout"
)

// A one-page A5 print PDF from a hand-built layout: what a drawing
// backend gets from package layout.
func ExampleWrite() {
	face := fonts.MustLoad(fonts.Bold)
	text := "Program pro Prahu 11"
	d := &layout.Document{
		Title:    "Program",
		Language: "cs",
		Pages: []*layout.Page{{
			Number: 1, Width: 148 * pdf.MM, Height: 210 * pdf.MM, Bleed: 3 * pdf.MM,
			Boxes: []layout.Box{
				&layout.TextRun{X: 40, Y: 80, Face: fonts.Bold, Size: 18, Text: text,
					Width: face.Advance(text, 18), Colour: layout.Colour{K: 100}},
			},
		}},
	}
	var buf bytes.Buffer
	rep, err := pdf.Write(&buf, d, pdf.Options{Print: true, Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		fmt.Println(err)
		return
	}
	p := rep.Pages[0]
	fmt.Println("TrimBox", *p.TrimBox)
	fmt.Println("BleedBox", *p.BleedBox)
	fmt.Println("MediaBox", p.MediaBox)
	fmt.Println(rep.Fonts[0].Face, "embedded:", rep.Fonts[0].Embedded, "subset:", rep.Fonts[0].Subset)
	fmt.Println("intent:", rep.OutputIntent)
	// Output:
	// TrimBox [42.52 42.52 462.05 637.80]
	// BleedBox [34.02 34.02 470.55 646.30]
	// MediaBox [0.00 0.00 504.57 680.31]
	// Roboto-Bold embedded: true subset: true
	// intent: FOGRA39
}
