package jpegscale

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"testing"

	"leafpress/samples"
)

// maxMeanDiff is the largest mean difference, in levels of 255, allowed
// between a scaled decoding and image/jpeg's full decoding averaged over
// the same blocks, plane by plane.
const maxMeanDiff = 1.0

// goJPEG encodes a made-up picture with Go's encoder (4:2:0, or grey).
func goJPEG(t testing.TB, w, h int, grey bool) []byte {
	var img image.Image
	if grey {
		g := image.NewGray(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				g.Pix[y*g.Stride+x] = uint8((x*7 + y*3 + (x*y)%23*5) % 256)
			}
		}
		img = g
	} else {
		m := image.NewRGBA(image.Rect(0, 0, w, h))
		for y := range h {
			for x := range w {
				v := 128 + 100*math.Sin(float64(x)*0.3)*math.Cos(float64(y)*0.17)
				m.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(v), uint8(255 - y*255/h), 255})
			}
		}
		img = m
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readTestdata(t testing.TB, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// plane is one component's samples, with the size that shows.
type plane struct {
	pix    []byte
	stride int
	w, h   int
}

// planes returns the planes of a decoded picture and its chroma
// subsampling (dx, dy pixels per chroma sample).
func planes(t testing.TB, img image.Image) ([]plane, int, int) {
	switch m := img.(type) {
	case *image.Gray:
		return []plane{{m.Pix, m.Stride, m.Rect.Dx(), m.Rect.Dy()}}, 1, 1
	case *image.YCbCr:
		dx, dy := map[image.YCbCrSubsampleRatio][2]int{
			image.YCbCrSubsampleRatio444: {1, 1}, image.YCbCrSubsampleRatio422: {2, 1},
			image.YCbCrSubsampleRatio420: {2, 2}, image.YCbCrSubsampleRatio440: {1, 2},
			image.YCbCrSubsampleRatio411: {4, 1}, image.YCbCrSubsampleRatio410: {4, 2},
		}[m.SubsampleRatio][0], 0
		dy = map[image.YCbCrSubsampleRatio]int{
			image.YCbCrSubsampleRatio444: 1, image.YCbCrSubsampleRatio422: 1,
			image.YCbCrSubsampleRatio420: 2, image.YCbCrSubsampleRatio440: 2,
			image.YCbCrSubsampleRatio411: 1, image.YCbCrSubsampleRatio410: 2,
		}[m.SubsampleRatio]
		w, h := m.Rect.Dx(), m.Rect.Dy()
		cw, ch := (w+dx-1)/dx, (h+dy-1)/dy
		return []plane{{m.Y, m.YStride, w, h}, {m.Cb, m.CStride, cw, ch}, {m.Cr, m.CStride, cw, ch}}, dx, dy
	}
	t.Fatalf("decoded as %T", img)
	return nil, 0, 0
}

// meanDiff compares a scaled plane with the full plane averaged over n×n
// blocks (the full decoder's planes run on to whole blocks, so every
// block is whole); it returns the mean and largest difference.
func meanDiff(small, full plane, n int) (mean float64, worst int) {
	var sum float64
	for y := range small.h {
		for x := range small.w {
			var s int
			for j := range n {
				for i := range n {
					s += int(full.pix[(y*n+j)*full.stride+x*n+i])
				}
			}
			avg := float64(s) / float64(n*n)
			d := math.Abs(avg - float64(small.pix[y*small.stride+x]))
			sum += d
			worst = max(worst, int(math.Round(d)))
		}
	}
	return sum / float64(small.w*small.h), worst
}

func TestDecodeMatchesAverage(t *testing.T) {
	files := []struct {
		name string
		data []byte
	}{
		{"go-420.jpg", goJPEG(t, 203, 117, false)},
		{"go-grey.jpg", goJPEG(t, 99, 61, true)},
	}
	for _, name := range []string{"444.jpg", "422.jpg", "420.jpg", "440.jpg", "411.jpg", "grey.jpg", "grey-22.jpg",
		"420-restart.jpg", "444-restart.jpg", "grey-restart.jpg", "sof1-q16.jpg"} {
		files = append(files, struct {
			name string
			data []byte
		}{name, readTestdata(t, name)})
	}
	for _, f := range files {
		full, err := jpeg.Decode(bytes.NewReader(f.data))
		if err != nil {
			t.Fatalf("%s: image/jpeg: %v", f.name, err)
		}
		if !Scaled(f.data) {
			t.Errorf("%s: Scaled says it is left to image/jpeg", f.name)
		}
		for _, n := range []int{2, 4, 8} {
			t.Run(fmt.Sprintf("%s/1:%d", f.name, n), func(t *testing.T) {
				img, err := Decode(f.data, n)
				if err != nil {
					t.Fatal(err)
				}
				fb := full.Bounds()
				if want := image.Rect(0, 0, (fb.Dx()+n-1)/n, (fb.Dy()+n-1)/n); img.Bounds() != want {
					t.Fatalf("bounds %v, want %v", img.Bounds(), want)
				}
				sp, sdx, sdy := planes(t, img)
				fp, fdx, fdy := planes(t, full)
				if sdx != fdx || sdy != fdy || len(sp) != len(fp) {
					t.Fatalf("decoded as %T %d:%d, image/jpeg as %T %d:%d", img, sdx, sdy, full, fdx, fdy)
				}
				for i := range sp {
					mean, worst := meanDiff(sp[i], fp[i], n)
					t.Logf("plane %d: mean difference %.3f, largest %d", i, mean, worst)
					if mean > maxMeanDiff {
						t.Errorf("plane %d: mean difference %.3f levels from image/jpeg averaged by %d (largest %d), want ≤ %.1f",
							i, mean, n, worst, maxMeanDiff)
					}
				}
			})
		}
	}
}

// TestPanorama decodes the samples' 3600×2400 photograph at every scale.
func TestPanorama(t *testing.T) {
	data, err := fs.ReadFile(samples.FS, "assets/img/program/2026/lipova-panorama.jpg")
	if err != nil {
		t.Fatal(err)
	}
	full, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	fp, _, _ := planes(t, full)
	for _, n := range []int{2, 4, 8} {
		img, err := Decode(data, n)
		if err != nil {
			t.Fatal(err)
		}
		sp, _, _ := planes(t, img)
		for i := range sp {
			mean, worst := meanDiff(sp[i], fp[i], n)
			t.Logf("1:%d plane %d: mean difference %.3f, largest %d", n, i, mean, worst)
			if mean > maxMeanDiff {
				t.Errorf("1:%d plane %d: mean difference %.3f, want ≤ %.1f", n, i, mean, maxMeanDiff)
			}
		}
	}
}

// TestFallback: files this package does not decode give image/jpeg's
// full-size picture, pixel for pixel.
func TestFallback(t *testing.T) {
	for _, tc := range []struct {
		file string
		n    int
	}{
		{"progressive.jpg", 2},
		{"progressive.jpg", 8},
		{"420.jpg", 1}, // no reduction asked
		{"420.jpg", 3}, // a scale it has not
	} {
		data := readTestdata(t, tc.file)
		want, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		got, err := Decode(data, tc.n)
		if err != nil {
			t.Fatalf("%s 1:%d: %v", tc.file, tc.n, err)
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%s 1:%d: bounds %v, want image/jpeg's %v", tc.file, tc.n, got.Bounds(), want.Bounds())
		}
		for y := range want.Bounds().Dy() {
			for x := range want.Bounds().Dx() {
				if got.At(x, y) != want.At(x, y) {
					t.Fatalf("%s 1:%d: pixel %d,%d differs from image/jpeg's", tc.file, tc.n, x, y)
				}
			}
		}
	}
	if Scaled(readTestdata(t, "progressive.jpg")) {
		t.Error("Scaled says a progressive file is decoded at a reduced scale")
	}
}

// TestBroken: a file cut short or with a damaged byte is refused with
// image/jpeg's error (and never panics); when image/jpeg decodes it, so
// does Decode.
func TestBroken(t *testing.T) {
	for _, name := range []string{"420.jpg", "420-restart.jpg", "grey-restart.jpg", "422.jpg"} {
		data := readTestdata(t, name)
		var variants [][]byte
		for cut := 0; cut < len(data); cut += 7 {
			variants = append(variants, data[:cut])
		}
		for i := 2; i < len(data); i += 11 {
			b := bytes.Clone(data)
			b[i] ^= 0x5a
			variants = append(variants, b)
		}
		for i, b := range variants {
			_, want := jpeg.Decode(bytes.NewReader(b))
			for _, n := range []int{2, 8} {
				_, got := Decode(b, n)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("%s variant %d (%d bytes) 1:%d: error %v, image/jpeg's %v", name, i, len(b), n, got, want)
				}
			}
		}
	}
	if _, err := Decode(readTestdata(t, "420.jpg")[:500], 2); err == nil {
		t.Error("a file cut short decodes without an error")
	}
}

// FuzzDecode checks that Decode never panics and accepts or refuses a
// file as image/jpeg does.
func FuzzDecode(f *testing.F) {
	for _, name := range []string{"444.jpg", "420.jpg", "422.jpg", "grey.jpg", "420-restart.jpg", "grey-restart.jpg", "sof1-q16.jpg", "progressive.jpg"} {
		f.Add(readTestdata(f, name), 2)
	}
	f.Fuzz(func(t *testing.T, data []byte, n int) {
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil || cfg.Width*cfg.Height > 1<<16 {
			return
		}
		n = 1 << (uint(n) % 4)
		img, err := Decode(data, n)
		_, want := jpeg.Decode(bytes.NewReader(data))
		if fmt.Sprint(err) != fmt.Sprint(want) {
			t.Fatalf("1:%d: error %v, image/jpeg's %v", n, err, want)
		}
		if err == nil {
			b := img.Bounds()
			scaled := b.Dx() == (cfg.Width+n-1)/n && b.Dy() == (cfg.Height+n-1)/n
			if !scaled && (b.Dx() != cfg.Width || b.Dy() != cfg.Height) {
				t.Fatalf("1:%d: bounds %v for a %d×%d file", n, b, cfg.Width, cfg.Height)
			}
		}
	})
}

func BenchmarkDecode(b *testing.B) {
	data, err := fs.ReadFile(samples.FS, "assets/img/program/2026/lipova-panorama.jpg")
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range []int{1, 2, 4, 8} {
		b.Run(fmt.Sprintf("1:%d", n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Decode(data, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
