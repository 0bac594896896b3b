package raster

import (
	"bytes"
	"fmt"
	"hash/adler32"
	"image"
	"image/draw"
	"image/png"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leafpress/internal/cputime"
)

// TestPackAndHalf checks the word-at-a-time packing of RGBA rows into
// RGB and Half against the same done a byte at a time, on random
// pictures of even and odd widths (where the last pixel is left over).
func TestPackAndHalf(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []image.Point{{1, 1}, {2, 2}, {3, 2}, {7, 5}, {64, 9}, {301, 4}} {
		img := noise(rng, size)
		w := size.X
		out := make([]byte, 3*w)
		for y := range size.Y {
			cur := img.Pix[y*img.Stride : y*img.Stride+4*w]
			pack(out, cur)
			for x := range w {
				for c := range 3 {
					if got, want := out[3*x+c], cur[4*x+c]; got != want {
						t.Fatalf("%v: row %d pixel %d channel %d: packed %d, want %d", size, y, x, c, got, want)
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

// TestAdlerAppend compares adlerAppend with hash/adler32 on parts of
// bytes (zeros, 0xFF, random) after data, long ones too (where the sums
// wrap many times), appended once and again.
func TestAdlerAppend(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	head := []byte("leafpress \xff\xfe")
	for _, n := range []int{0, 1, 5, 1441, 3601, 65521, 65522, 200000} {
		for _, fill := range []int{0, 255, -1} {
			part := make([]byte, n)
			for i := range part {
				if fill < 0 {
					part[i] = uint8(rng.IntN(256))
				} else {
					part[i] = uint8(fill)
				}
			}
			ps := adler(0, part)
			sum := adlerAppend(adler32.Checksum(head), ps, n)
			data := append(bytes.Clone(head), part...)
			if want := adler32.Checksum(data); sum != want {
				t.Errorf("%d bytes of %d: %08x, want %08x", n, fill, sum, want)
			}
			data = append(data, part...)
			if got, want := adlerAppend(sum, ps, n), adler32.Checksum(data); got != want {
				t.Errorf("%d bytes of %d twice: %08x, want %08x", n, fill, got, want)
			}
		}
	}
}

// pageLike returns a picture like a drawn page: white, with rows equal
// to the row above, stretches of one colour, stripes, and blocks of
// random pixels (pictures, anti-aliased text). Alpha is opaque.
func pageLike(rng *rand.Rand, size image.Point) *image.RGBA {
	img := image.NewRGBA(image.Rectangle{Max: size})
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	for range 1 + size.X*size.Y/2000 {
		r := image.Rect(rng.IntN(size.X), rng.IntN(size.Y), rng.IntN(size.X+1), rng.IntN(size.Y+1)).Canon()
		switch rng.IntN(4) {
		case 0: // a flat colour
			c := [4]uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256)), 255}
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					copy(img.Pix[img.PixOffset(x, y):], c[:])
				}
			}
		case 1: // noise
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					copy(img.Pix[img.PixOffset(x, y):], []uint8{uint8(rng.IntN(256)), uint8(rng.IntN(256)), uint8(rng.IntN(256))})
				}
			}
		case 3: // stripes two rows high: the rows alternate, their halves repeat
			c := [2][4]uint8{{uint8(rng.IntN(256)), 0, 9, 255}, {0, uint8(rng.IntN(256)), 200, 255}}
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					copy(img.Pix[img.PixOffset(x, y):], c[y&1][:])
				}
			}
		case 2: // a few levels, as anti-aliased text has
			for y := r.Min.Y; y < r.Max.Y; y++ {
				for x := r.Min.X; x < r.Max.X; x++ {
					v := uint8(rng.IntN(4) * 85)
					copy(img.Pix[img.PixOffset(x, y):], []uint8{v, v, v})
				}
			}
		}
	}
	return img
}

// samePixels decodes a PNG and checks it holds exactly want's pixels.
func samePixels(t *testing.T, what string, file []byte, want *image.RGBA) {
	t.Helper()
	got, err := png.Decode(bytes.NewReader(file))
	if err != nil {
		t.Fatalf("%s does not decode: %v", what, err)
	}
	if got.Bounds().Size() != want.Bounds().Size() {
		t.Fatalf("%s is %v, want %v", what, got.Bounds().Size(), want.Bounds().Size())
	}
	b := want.Bounds()
	for y := range b.Dy() {
		for x := range b.Dx() {
			r, g, bl, a := got.At(x, y).RGBA()
			w := want.RGBAAt(b.Min.X+x, b.Min.Y+y)
			if uint8(r>>8) != w.R || uint8(g>>8) != w.G || uint8(bl>>8) != w.B || a != 0xFFFF {
				t.Fatalf("%s: pixel (%d, %d) decodes as %d %d %d %d, want %v", what, x, y, r>>8, g>>8, bl>>8, a>>8, w)
			}
		}
	}
}

// TestEncodePNGHalf encodes page-like pictures of even and odd sizes
// with EncodePNGHalf: the two files decode to the picture and to Half of
// it, and the first is what EncodePNG writes.
func TestEncodePNGHalf(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, size := range []image.Point{{2, 2}, {3, 3}, {9, 4}, {64, 65}, {301, 450}, {480, 682}} {
		img := pageLike(rng, size)
		var big, small, alone bytes.Buffer
		if err := EncodePNGHalf(&big, &small, img); err != nil {
			t.Fatal(err)
		}
		if err := EncodePNG(&alone, img); err != nil {
			t.Fatal(err)
		}
		samePixels(t, "the large picture", big.Bytes(), img)
		samePixels(t, "the halved picture", small.Bytes(), Half(img))
		samePixels(t, "EncodePNG's picture", alone.Bytes(), img)
		if !bytes.Equal(big.Bytes(), alone.Bytes()) {
			t.Errorf("%v: EncodePNGHalf's large file differs from EncodePNG's", size)
		}
	}
}

// corpus is the PNGs under $LEAFPRESS_PNG_DIR (the output folder of a
// build of the samples: go run ./cmd/leafpress build -q -o DIR), decoded:
// the pages' large thumbnails (the small ones are made from them) and the
// share pictures.
func corpus(tb testing.TB) []*image.RGBA {
	dir := os.Getenv("LEAFPRESS_PNG_DIR")
	if dir == "" {
		tb.Skip("set LEAFPRESS_PNG_DIR to the output folder of a build of the samples")
	}
	var imgs []*image.RGBA
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".png") || strings.Contains(path, "/thumbs/") && !strings.HasSuffix(path, "@2x.png") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			return fmt.Errorf("%s: %v", path, err)
		}
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
		imgs = append(imgs, rgba)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	if len(imgs) == 0 {
		tb.Fatalf("no PNG in %s", dir)
	}
	return imgs
}

// encodeAll encodes the corpus as the pipeline does (thumbnails with
// their halves, share pictures alone) and returns the bytes written.
func encodeAll(tb testing.TB, imgs []*image.RGBA, big, small io.Writer) {
	for _, img := range imgs {
		var err error
		if img.Rect.Dx() == 480 {
			err = EncodePNGHalf(big, small, img)
		} else {
			err = EncodePNG(big, img)
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// TestEncodeCorpus round-trips every picture of the corpus and its half.
func TestEncodeCorpus(t *testing.T) {
	for _, img := range corpus(t) {
		var big, small bytes.Buffer
		encodeAll(t, []*image.RGBA{img}, &big, &small)
		samePixels(t, fmt.Sprint("a picture ", img.Rect.Size()), big.Bytes(), img)
		if small.Len() > 0 {
			samePixels(t, "a halved picture", small.Bytes(), Half(img))
		}
	}
}

// BenchmarkEncode encodes the corpus as the pipeline does; bytes/op is
// the size of the files.
func BenchmarkEncode(b *testing.B) {
	imgs := corpus(b)
	var n countWriter
	start := cputime.Used()
	for b.Loop() {
		n = 0
		encodeAll(b, imgs, &n, &n)
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(n), "bytes/op")
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
