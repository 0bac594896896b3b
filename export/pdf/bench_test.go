package pdf

import (
	"io"
	"testing"
	"time"

	"leafpress/export/picture"
	"leafpress/export/source"
	"leafpress/export/typography"
	"leafpress/internal/cputime"
	"leafpress/layout"
	"leafpress/samples"
	"leafpress/templates"
)

// BenchmarkSamples writes the screen PDFs of the embedded samples (every
// programme with the default templates, and every chapter leaflet), laid
// out once beforehand, with their pictures prepared before timing: the
// writer's own work on a rebuild (fonts subset, pages drawn, streams
// compressed). cpu-s/op is CPU time (user+sys) per op.
func BenchmarkSamples(b *testing.B) {
	progs, diags := source.Load(source.Options{FS: samples.FS, Sources: []string{"."}})
	if diags.HasErrors() {
		b.Fatal(diags.Items())
	}
	progT, err := templates.Builtin("a5-booklet")
	if err != nil {
		b.Fatal(err)
	}
	chapT, err := templates.Builtin("dl-leaflet")
	if err != nil {
		b.Fatal(err)
	}
	var docs []*layout.Document
	for _, p := range progs {
		typography.Programme(p)
		d, err := layout.Programme(p, progT)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		for _, c := range p.Chapters {
			d, err := layout.Chapter(p, c, chapT)
			if err != nil {
				b.Fatal(err)
			}
			docs = append(docs, d)
		}
	}
	opt := Options{Date: time.Unix(0, 0), Pictures: picture.New("", 0)}
	for _, d := range docs { // pictures prepared before timing
		if _, err := Write(io.Discard, d, opt); err != nil {
			b.Fatal(err)
		}
	}
	start := cputime.Used()
	for b.Loop() {
		for _, d := range docs {
			if _, err := Write(io.Discard, d, opt); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
}
