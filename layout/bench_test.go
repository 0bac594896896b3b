package layout_test

import (
	"testing"

	"leafpress/internal/cputime"
	"leafpress/layout"
)

// BenchmarkLayout lays out a generated programme of 200 chapters (about
// 1 700 words each) with the A5 booklet template.
func BenchmarkLayout(b *testing.B) {
	p := genProgramme(200)
	tp := builtin(b, "a5-booklet")
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for i := 0; i < b.N; i++ {
		d, err := layout.Programme(p, tp)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.Pages) < 200 {
			b.Fatalf("%d pages", len(d.Pages))
		}
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkLeaflets lays out the same programme as two-page leaflets.
func BenchmarkLeaflets(b *testing.B) {
	p := genProgramme(200)
	tp := builtin(b, "dl-leaflet")
	b.ReportAllocs()
	b.ResetTimer()
	start := cputime.Used()
	for i := 0; i < b.N; i++ {
		if _, err := layout.Programme(p, tp); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
}

// BenchmarkSamples lays out what a screen-PDF build of the samples lays
// out: every sample programme with the A5 booklet template and each of
// its chapters as a DL leaflet.
func BenchmarkSamples(b *testing.B) {
	progs := samplePrograms(b)
	booklet, leaflet := builtin(b, "a5-booklet"), builtin(b, "dl-leaflet")
	b.ReportAllocs()
	start := cputime.Used()
	for b.Loop() {
		for _, p := range progs {
			if _, err := layout.Programme(p, booklet); err != nil {
				b.Fatal(err)
			}
			for _, c := range p.Chapters {
				if _, err := layout.Chapter(p, c, leaflet); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
}
