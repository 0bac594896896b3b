package layout_test

import (
	"testing"

	"leafpress/layout"
)

// BenchmarkLayout lays out a generated programme of 200 chapters (about
// 1 700 words each) with the A5 booklet template.
func BenchmarkLayout(b *testing.B) {
	p := genProgramme(200)
	tp := builtin(b, "a5-booklet")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d, err := layout.Programme(p, tp)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Pages) < 200 {
			b.Fatalf("%d pages", len(d.Pages))
		}
	}
}

// BenchmarkLeaflets lays out the same programme as two-page leaflets.
func BenchmarkLeaflets(b *testing.B) {
	p := genProgramme(200)
	tp := builtin(b, "dl-leaflet")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := layout.Programme(p, tp); err != nil {
			b.Fatal(err)
		}
	}
}
