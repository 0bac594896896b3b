package docx

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"leafpress/export/doc"
)

// Helpers that build document trees by hand, as a reader would produce
// them.

func txt(s string) *doc.Text { return &doc.Text{Text: s} }

func para(ins ...doc.Inline) *doc.Paragraph { return &doc.Paragraph{Content: ins} }

func item(bs ...doc.Block) *doc.ListItem { return &doc.ListItem{Blocks: bs} }

func textItems(texts ...string) []*doc.ListItem {
	var out []*doc.ListItem
	for _, s := range texts {
		out = append(out, item(para(txt(s))))
	}
	return out
}

func heading(level int, s string) *doc.Heading {
	return &doc.Heading{Level: level, Content: []doc.Inline{txt(s)}}
}

// testDate is the date every test document is written with.
var testDate = time.Date(2024, 5, 17, 8, 30, 0, 0, time.UTC)

// picturePNG makes a w×h picture.
func picturePNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(x * 255 / w), uint8(y * 255 / h), 140, 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pictureJPEG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 7), uint8(y * 3), uint8(x + y), 255})
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var (
	samplePicturesOnce sync.Once
	samplePictures     fstest.MapFS
	sampleDOCXOnce     sync.Once
	sampleDOCXData     []byte
)

// sampleDOCX is sampleProgramme written with the test date, made once.
func sampleDOCX(t testing.TB) []byte {
	sampleDOCXOnce.Do(func() { sampleDOCXData = programmeDOCX(t, sampleProgramme(t), Options{Date: testDate}) })
	return sampleDOCXData
}

// sampleProgramme is a two-chapter programme that uses every kind of block
// and inline, with a 3000 px photo.
func sampleProgramme(t testing.TB) *doc.Programme {
	samplePicturesOnce.Do(func() {
		samplePictures = fstest.MapFS{
			"img/bezpecnost.jpg": {Data: pictureJPEG(t, 3000, 2000)},
			"img/schema.png":     {Data: picturePNG(t, 400, 200)},
		}
	})
	fsys := samplePictures
	c1 := &doc.Chapter{
		UID:    "bezpecnost",
		Title:  "Bezpečnost",
		Order:  1,
		Source: "program/bezpecnost.md",
		Garant: &doc.Person{UID: "jana.novakova", Name: "Jana Nováková", TitlesBefore: "MUDr.", TitlesAfter: "Ph.D."},
		Image:  &doc.Image{Src: "bezpecnost.jpg", Path: "img/bezpecnost.jpg", FS: fsys, Alt: "Strážníci v ulicích"},
		Intro: []doc.Inline{txt("Chceme město, kde se každý cítí "), &doc.Strong{Content: []doc.Inline{txt("bezpečně")}},
			txt(" ve\u00a0dne i\u00a0v\u00a0noci.")},
		Blocks: []doc.Block{
			heading(1, "Posílení programů prevence kriminality"),
			&doc.Lead{Content: []doc.Inline{txt("Vytvoříme koordinovaný Systém včasné intervence.")}},
			para(txt("Tým nabídne "), &doc.Emphasis{Content: []doc.Inline{txt("nepřetržitou")}}, txt(" pomoc, "),
				&doc.Strike{Content: []doc.Inline{txt("zrušenou")}}, txt(" podle "),
				&doc.Link{URL: "https://www.praha.eu/jnp/cz/o meste/index.html", Content: []doc.Inline{txt("pravidel "), &doc.Strong{Content: []doc.Inline{txt("města")}}}},
				txt(", kód "), &doc.Code{Text: "IZS-112"}, txt("."), &doc.LineBreak{}, txt("Druhý řádek.")),
			&doc.List{Items: []*doc.ListItem{
				item(para(txt("šikana ve škole"))),
				item(para(txt("domácí násilí")), &doc.List{Ordered: true, Start: 3, Items: textItems("třetí krok", "čtvrtý krok")}),
				item(para(txt("dluhová problematika"))),
			}},
			&doc.List{Ordered: true, Start: 5, Items: textItems("pátý bod", "šestý bod")},
			heading(2, "Městský kamerový systém"),
			&doc.Quote{Blocks: []doc.Block{para(txt("Každé stanoviště kamer musí být řádně odůvodněno."))}},
			&doc.Section{Title: "Kontext", Blocks: []doc.Block{
				&doc.List{Items: textItems("rozpoznávání osob odmítáme", "profilování chování odmítáme")},
			}},
			&doc.Table{
				Align:  []string{"", "right"},
				Header: [][]doc.Inline{{txt("Složka")}, {txt("Počet bytů")}},
				Rows: [][][]doc.Inline{
					{{txt("Hasiči")}, {txt("120")}},
					{{txt("Strážníci")}, {txt("85")}},
				},
			},
			&doc.Rule{},
			&doc.ImageBlock{Image: doc.Image{Src: "schema.png", Path: "img/schema.png", FS: fsys, Alt: "Schéma"}},
		},
	}
	c2 := &doc.Chapter{
		UID:    "doprava",
		Title:  "Doprava",
		Order:  2,
		Source: "program/doprava.md",
		Image:  &doc.Image{Src: "chybi.png", Missing: "file not found"},
		Blocks: []doc.Block{
			heading(1, "Tramvajové tratě"),
			&doc.List{Ordered: true, Start: 1, Items: textItems("Modřany", "Libuš")},
			heading(1, "Cyklostezky"),
			&doc.List{Items: textItems("podél Vltavy", "přes Letnou")},
		},
	}
	return &doc.Programme{UID: "praha-2022", Group: "volby-2022", Title: "Program pro Prahu", Language: "cs",
		Chapters: []*doc.Chapter{c1, c2}}
}

// bigProgramme is a programme of n generated chapters, for benchmarks.
func bigProgramme(n int) *doc.Programme {
	p := &doc.Programme{UID: "big", Title: "Velký program", Language: "cs"}
	for i := range n {
		c := &doc.Chapter{UID: fmt.Sprintf("kapitola-%03d", i), Title: fmt.Sprintf("Kapitola %d", i+1), Order: i,
			Source: fmt.Sprintf("kapitola-%03d.md", i),
			Garant: &doc.Person{UID: "g", Name: "Petr Svoboda"},
			Intro:  []doc.Inline{txt("Úvodní odstavec kapitoly, který shrnuje, o\u00a0co v\u00a0ní jde.")}}
		for j := range 4 {
			c.Blocks = append(c.Blocks,
				heading(1, fmt.Sprintf("Bod %d.%d", i+1, j+1)),
				&doc.Lead{Content: []doc.Inline{txt("Shrnutí bodu v\u00a0jedné větě.")}},
				para(txt("Nedávné i současné události typu koronavirové pandemie a uprchlické krize nám jasně ukázaly, "),
					&doc.Strong{Content: []doc.Inline{txt("jak důležitá je připravenost města")}},
					txt(" a jeho složek na náhle vzniklé krizové situace. "),
					&doc.Link{URL: fmt.Sprintf("https://example.org/%d/%d", i, j), Content: []doc.Inline{txt("Více zde")}},
					txt(".")),
				&doc.List{Ordered: j%2 == 0, Start: 1, Items: textItems("první položka seznamu", "druhá položka seznamu", "třetí položka")},
			)
		}
		p.Chapters = append(p.Chapters, c)
	}
	return p
}
