package raster_test

import (
	"image"
	"io"
	"testing"

	"leafpress/export/picture"
	"leafpress/export/raster"
	"leafpress/internal/cputime"
	"leafpress/layout"
	"leafpress/templates"
)

// BenchmarkThumbnails draws every page of the samples' largest programme
// (a5-booklet) and of its chapters' leaflets (dl-leaflet) as the pipeline
// makes thumbnails: twice the size that fits 240 × 341 px, halved as
// both are encoded (EncodePNGHalf).
// "cold" starts each operation with empty caches, "warm" does not.
func BenchmarkThumbnails(b *testing.B) {
	p, d := largestBooklet(b)
	leaflet, err := templates.Builtin("dl-leaflet")
	if err != nil {
		b.Fatal(err)
	}
	pages := d.Pages
	for _, c := range p.Chapters {
		d, err := layout.Chapter(p, c, leaflet)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, d.Pages...)
	}
	b.Run("text", func(b *testing.B) { benchText(b, pages) })
	draw := func(b *testing.B, r *raster.Renderer) {
		for _, pg := range pages {
			w, h := raster.Fit(pg, 240, 341)
			big, err := r.Page(pg, 2*w, 2*h)
			if err != nil {
				b.Fatal(err)
			}
			if err := raster.EncodePNGHalf(io.Discard, io.Discard, big); err != nil {
				b.Fatal(err)
			}
		}
	}
	// cold: every operation starts with empty caches, as a first build;
	// warm: one Renderer draws them again and again, so what is measured
	// is drawing and encoding.
	b.Run("cold", func(b *testing.B) {
		b.ReportAllocs()
		start := cputime.Used()
		for b.Loop() {
			draw(b, raster.New(picture.New("", 0)))
		}
		b.ReportMetric(float64(len(pages)), "pages")
		// CPU time varies far less than wall time on a shared machine.
		b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
	})
	b.Run("warm", func(b *testing.B) {
		r := raster.New(picture.New("", 0))
		draw(b, r)
		b.ReportAllocs()
		start := cputime.Used()
		for b.Loop() {
			draw(b, r)
		}
		b.ReportMetric(float64(len(pages)), "pages")
		b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
	})
}

// benchText draws only the text of the pages, 480 px wide, into one
// image: "cold" with a new Renderer each operation (every glyph mask made
// again, as in a first build), "warm" with one.
func benchText(b *testing.B, pages []*layout.Page) {
	var text []*layout.Page
	for _, pg := range pages {
		t := *pg
		t.Boxes = nil
		for _, bx := range pg.Boxes {
			if _, ok := bx.(*layout.TextRun); ok {
				t.Boxes = append(t.Boxes, bx)
			}
		}
		text = append(text, &t)
	}
	img := image.NewRGBA(image.Rect(0, 0, 480, 2*raster.Height(pages[0], 240)))
	draw := func(b *testing.B, r *raster.Renderer) {
		for _, pg := range text {
			if err := r.Draw(img, pg); err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, cold := range []bool{true, false} {
		name := "warm"
		if cold {
			name = "cold"
		}
		b.Run(name, func(b *testing.B) {
			r := raster.New(nil)
			draw(b, r)
			start := cputime.Used()
			for b.Loop() {
				if cold {
					r = raster.New(nil)
				}
				draw(b, r)
			}
			b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
		})
	}
}
