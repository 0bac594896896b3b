package raster_test

import (
	"bytes"
	"fmt"
	"testing"

	"leafpress/export/picture"
	"leafpress/export/raster"
)

// TestEncodeSamplePages draws the first pages of the samples' largest
// programme (cover with pictures, text pages) as the pipeline makes
// thumbnails, encodes them with EncodePNGHalf and decodes both files
// with image/png: every pixel is the drawn page's, and Half's of it.
func TestEncodeSamplePages(t *testing.T) {
	t.Parallel()
	_, d := largestBooklet(t)
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
		raster.SamePixels(t, fmt.Sprintf("page %d, 480 px", pg.Number), big.Bytes(), img)
		raster.SamePixels(t, fmt.Sprintf("page %d, 240 px", pg.Number), small.Bytes(), raster.Half(img))
	}
}
