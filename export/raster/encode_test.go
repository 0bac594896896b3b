package raster

import (
	"hash/adler32"
	"image"
	"math/rand/v2"
	"testing"
)

// TestFilterAndHalf checks the word-at-a-time Up filter and Half against
// the same done a byte at a time, on random pictures of even and odd
// widths (where the last pixel is left over).
func TestFilterAndHalf(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []image.Point{{1, 1}, {2, 2}, {3, 2}, {7, 5}, {64, 9}, {301, 4}} {
		img := noise(rng, size)
		w := size.X
		out := make([]byte, 3*w)
		for y := range size.Y {
			cur := img.Pix[y*img.Stride : y*img.Stride+4*w]
			var prev []byte
			if y > 0 {
				prev = img.Pix[(y-1)*img.Stride : (y-1)*img.Stride+4*w]
			}
			upFilter(out, cur, prev)
			for x := range w {
				for c := range 3 {
					want := cur[4*x+c]
					if prev != nil {
						want -= prev[4*x+c]
					}
					if got := out[3*x+c]; got != want {
						t.Fatalf("%v: row %d pixel %d channel %d: filtered %d, want %d", size, y, x, c, got, want)
					}
				}
			}
		}
		h := Half(img)
		for y := range size.Y / 2 {
			for x := range w / 2 {
				for c := range 4 {
					s := int(img.Pix[(2*y)*img.Stride+8*x+c]) + int(img.Pix[(2*y)*img.Stride+8*x+4+c]) +
						int(img.Pix[(2*y+1)*img.Stride+8*x+c]) + int(img.Pix[(2*y+1)*img.Stride+8*x+4+c])
					if got, want := h.Pix[y*h.Stride+4*x+c], uint8((s+2)/4); got != want {
						t.Fatalf("%v: half pixel %d, %d channel %d is %d, want %d", size, x, y, c, got, want)
					}
				}
			}
		}
	}
}

// TestAdler compares adler with hash/adler32 on random data of many
// lengths, started from checksums of earlier data.
func TestAdler(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	data := make([]byte, 5000)
	for i := range data {
		data[i] = uint8(rng.IntN(256))
	}
	data[100], data[101], data[102] = 255, 255, 255
	for _, n := range []int{0, 1, 7, 8, 9, 63, 64, 1441, 3601, 5000} {
		for _, from := range []int{0, 13} {
			p := data[from:max(from, n)]
			want := adler32.Checksum(data[:from+len(p)])
			if got := adler(adler32.Checksum(data[:from]), p); got != want {
				t.Errorf("%d bytes after %d: %08x, want %08x", len(p), from, got, want)
			}
		}
	}
	all := make([]byte, 1<<19)
	for i := range all {
		all[i] = 255
	}
	if got, want := adler(adlerStart, all), adler32.Checksum(all); got != want {
		t.Errorf("512 KiB of 0xFF: %08x, want %08x", got, want)
	}
}
