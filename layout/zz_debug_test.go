package layout_test

import (
	"testing"

	"leafpress/layout"
)

func TestZZDebug(t *testing.T) {
	tp := builtin(t, "dl-leaflet")
	for _, p := range samplePrograms(t) {
		for _, c := range p.Chapters {
			d, err := layout.Chapter(p, c, tp)
			if err != nil {
				t.Log(err)
				continue
			}
			sizes := map[string]float64{}
			for _, pg := range d.Pages {
				for _, b := range pg.Boxes {
					if r, ok := b.(*layout.TextRun); ok {
						sizes[r.Role] = r.Size
					}
				}
			}
			most := layout.SummaryParagraphs(c)
			t.Logf("%s: body %.2f lead %.2f most %v warn %q", c.UID, sizes["body"], sizes["lead"], most, d.Warnings)
		}
	}
}
