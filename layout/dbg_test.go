package layout_test
import ("testing";"fmt";"leafpress/layout")
func TestDbg(t *testing.T) {
	tp := builtin(t, "dl-leaflet")
	for _, p := range samplePrograms(t) {
		for _, c := range p.Chapters {
			if c.UID != "socialni-pece" && c.UID != "strategie-2036" { continue }
			d, err := layout.Chapter(p, c, tp)
			fmt.Println(c.UID, err, len(c.Intro), len(d.Pages))
			for _, pg := range d.Pages { n := 0; for _, b := range pg.Boxes { if _, ok := b.(*layout.TextRun); ok { n++ } }; fmt.Println(" page", pg.Number, n) }
		}
	}
}
