package picture

import (
	"testing"

	"leafpress/export/doc"
	"leafpress/internal/cputime"
	"leafpress/samples"
)

// BenchmarkPrepare prepares the samples' 3600×2400 panorama (a JPEG) as a
// first run does, with no cache: decoded, resampled and encoded for a
// screen PDF (a page-wide placement at 200 ppi), a print PDF (CMYK) and a
// Word file. cpu-s/op is the process's CPU time (user+sys) per
// preparation, which a busy machine does not inflate as it does ns/op.
func BenchmarkPrepare(b *testing.B) {
	im := &doc.Image{Src: "panorama", Path: "assets/img/program/2026/lipova-panorama.jpg", FS: samples.FS}
	for _, bc := range []struct {
		name string
		o    Options
	}{
		{"screen", Options{Target: Raw, Width: 953, Height: 635, Slack: 1.5}},
		{"print", Options{Target: Raw, Width: 1800, Height: 1200, Flatten: true, CMYK: true}},
		{"word", Options{Target: File, Width: 1200, Height: 800}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			start := cputime.Used()
			for b.Loop() {
				if _, err := New("", 0).Prepare(im, bc.o); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
