package raster_test

import (
	"bytes"
	"image/png"
	"testing"

	"leafpress/export/picture"
	"leafpress/export/raster"
	"leafpress/layout"
	"leafpress/templates"
)

// TestEncodeSamplePages draws the first pages of the samples' largest
// programme (cover with pictures, text pages) as the pipeline makes
// thumbnails, encodes them with EncodePNGHalf and decodes both files
// with image/png: every pixel is the drawn page's, and Half's of it.
func TestEncodeSamplePages(t *testing.T) {
	t.Parallel()
	progs := samplePrograms(t)
	p := progs[0]
	for _, q := range progs {
		if len(q.Chapters) > len(p.Chapters) {
			p = q
		}
	}
	booklet, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	d, err := layout.Programme(p, booklet)
	if err != nil {
		t.Fatal(err)
	}
	r := raster.New(picture.New("", 0))
	for _, pg := range d.Pages[:min(4, len(d.Pages))] {
		img, err := r.Page(pg, 480, 2*raster.Height(pg, 240))
		if err != nil {
			t.Fatal(err)
		}
		var big, small bytes.Buffer
		if err := raster.EncodePNGHalf(&big, &small, img); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			file []byte
			want []byte
		}{{big.Bytes(), img.Pix}, {small.Bytes(), raster.Half(img).Pix}} {
			got, err := png.Decode(bytes.NewReader(c.file))
			if err != nil {
				t.Fatalf("page %d: %v", pg.Number, err)
			}
			b := got.Bounds()
			i := 0
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					cr, cg, cb, _ := got.At(x, y).RGBA()
					if uint8(cr>>8) != c.want[i] || uint8(cg>>8) != c.want[i+1] || uint8(cb>>8) != c.want[i+2] {
						t.Fatalf("page %d, %v wide: pixel (%d, %d) decodes as %d %d %d, drawn %v", pg.Number, b.Dx(), x, y, cr>>8, cg>>8, cb>>8, c.want[i:i+3])
					}
					i += 4
				}
			}
		}
	}
}
