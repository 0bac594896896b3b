package picture

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/disintegration/imaging"

	"leafpress/export/doc"
)

// files writes test pictures: a 600×400 photograph (JPEG), a flat
// drawing with transparency (PNG) and the photograph stored on its side
// (EXIF orientation 6).
func files(t *testing.T) (photo, logo, sideways *doc.Image) {
	t.Helper()
	dir := t.TempDir()
	img := image.NewRGBA(image.Rect(0, 0, 600, 400))
	for y := range 400 {
		for x := range 600 {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x ^ y), 255})
		}
	}
	var jb bytes.Buffer
	jpeg.Encode(&jb, img, &jpeg.Options{Quality: 90})
	lg := image.NewNRGBA(image.Rect(0, 0, 100, 100))
	for y := range 100 {
		for x := range 100 {
			if (x-50)*(x-50)+(y-50)*(y-50) < 1600 {
				lg.Set(x, y, color.NRGBA{0x4a, 0x2d, 0x8f, 255})
			}
		}
	}
	var pb bytes.Buffer
	png.Encode(&pb, lg)
	tiff := []byte("MM\x00\x2a\x00\x00\x00\x08\x00\x01\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00\x00\x00\x00\x00")
	app1 := append([]byte("Exif\x00\x00"), tiff...)
	side := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, byte((len(app1) + 2) >> 8), byte(len(app1) + 2)}, app1...)
	side = append(side, jb.Bytes()[2:]...)
	write := func(name string, b []byte) *doc.Image {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return &doc.Image{Src: name, Path: p}
	}
	return write("photo.jpg", jb.Bytes()), write("logo.png", pb.Bytes()), write("side.jpg", side)
}

func TestPrepare(t *testing.T) {
	photo, logo, side := files(t)
	file, _ := os.ReadFile(photo.Path)
	c := New("", 0)
	tests := []struct {
		name        string
		im          *doc.Image
		o           Options
		w, h        int
		enc, cs     string
		passthrough bool
		alpha       bool
	}{
		{"at its size: the JPEG as it is", photo, Options{}, 600, 400, "JPEG", "DeviceRGB", true, false},
		{"never enlarged", photo, Options{Width: 1200, Height: 800}, 600, 400, "JPEG", "DeviceRGB", true, false},
		{"smaller, aspect kept", photo, Options{Width: 300, Height: 300}, 300, 200, "JPEG", "DeviceRGB", false, false},
		{"CMYK: converted", photo, Options{CMYK: true}, 600, 400, "Flate", "DeviceCMYK", false, false},
		{"on its side: turned upright", side, Options{}, 400, 600, "JPEG", "DeviceRGB", false, false},
		{"drawing: lossless, alpha apart", logo, Options{}, 100, 100, "Flate", "DeviceRGB", false, true},
		{"drawing flattened", logo, Options{Flatten: true}, 100, 100, "Flate", "DeviceRGB", false, false},
		{"file: PNG as it is", logo, Options{Target: File}, 100, 100, "PNG", "DeviceRGB", true, false},
		{"file: JPEG scaled", photo, Options{Target: File, Width: 150}, 150, 100, "JPEG", "DeviceRGB", false, false},
	}
	for _, tt := range tests {
		p, err := c.Prepare(tt.im, tt.o)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if p.Width != tt.w || p.Height != tt.h || p.Encoding != tt.enc || p.ColourSpace != tt.cs || p.Passthrough != tt.passthrough || (p.Alpha != nil) != tt.alpha {
			t.Errorf("%s: got %dx%d %s %s passthrough %v alpha %v, want %dx%d %s %s %v %v", tt.name,
				p.Width, p.Height, p.Encoding, p.ColourSpace, p.Passthrough, p.Alpha != nil, tt.w, tt.h, tt.enc, tt.cs, tt.passthrough, tt.alpha)
		}
		if p.Passthrough && tt.im == photo && !bytes.Equal(p.Data, file) {
			t.Errorf("%s: passthrough data is not the file", tt.name)
		}
		if p.Encoding == "JPEG" {
			img, err := jpeg.Decode(bytes.NewReader(p.Data))
			if err != nil || img.Bounds().Dx() != p.Width || img.Bounds().Dy() != p.Height {
				t.Errorf("%s: stored JPEG does not decode to %dx%d: %v", tt.name, p.Width, p.Height, err)
			}
		}
	}
	// The photograph is decoded whole (CMYK at its size), at 1/2 (300
	// wide) and at 1/4 (150 wide); the others once each.
	if c.dec.decodes != 5 {
		t.Errorf("%d decodes for three files, want 5 (each file once per scale)", c.dec.decodes)
	}
	if _, err := c.Prepare(&doc.Image{Src: "x.jpg", Path: filepath.Join(t.TempDir(), "x.jpg")}, Options{}); err == nil {
		t.Error("a missing file gave no error")
	}
}

// TestDiskCache: a second cache on the same folder (the next run) takes
// the prepared pictures from disk without decoding; a corrupt entry is
// ignored, prepared again and written again.
func TestDiskCache(t *testing.T) {
	photo, logo, _ := files(t)
	dir := t.TempDir()
	opts := []Options{{Width: 300}, {Flatten: true}}
	ims := []*doc.Image{photo, logo}
	first := New(dir, 0)
	var want [][]byte
	for i, im := range ims {
		p, err := first.Prepare(im, opts[i])
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, p.Data)
	}
	again := New(dir, 0)
	for i, im := range ims {
		p, err := again.Prepare(im, opts[i])
		if err != nil || !bytes.Equal(p.Data, want[i]) {
			t.Errorf("%s from the disk cache differs (%v)", im.Src, err)
		}
	}
	if again.dec.decodes != 0 {
		t.Errorf("a rebuild decoded %d files, want none", again.dec.decodes)
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "pictures", "*", "*"))
	if len(entries) != 2 {
		t.Fatalf("%d cache entries, want 2", len(entries))
	}
	for _, e := range entries {
		b, _ := os.ReadFile(e)
		os.WriteFile(e, b[:len(b)-10], 0o644) // cut short
	}
	third := New(dir, 0)
	for i, im := range ims {
		p, err := third.Prepare(im, opts[i])
		if err != nil || !bytes.Equal(p.Data, want[i]) {
			t.Errorf("%s with a corrupt entry differs (%v)", im.Src, err)
		}
	}
	if third.dec.decodes != 2 {
		t.Errorf("with corrupt entries %d files were decoded, want 2", third.dec.decodes)
	}
	for _, e := range entries {
		if b, _ := os.ReadFile(e); decodeEntry(b) == nil {
			t.Errorf("corrupt entry %s was not written again", filepath.Base(e))
		}
	}
}

// TestDecodedBound prepares many sizes of two pictures at once with room
// for one decoded picture: every preparation succeeds and no more than
// one picture is held at a time.
func TestDecodedBound(t *testing.T) {
	photo, _, side := files(t)
	c := New("", 600*400)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			im := photo
			if i%2 == 1 {
				im = side
			}
			if _, err := c.Prepare(im, Options{Width: 100 + 10*i}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if c.dec.peak > 600*400 {
		t.Errorf("%d decoded pixels held at once, bound is %d", c.dec.peak, 600*400)
	}
}

// TestLadder: a screen PDF asking for a picture at sizes a little apart
// (slack above 2^(1/4)) gets one preparation, at most 19 % larger than
// the larger size asked; without that slack each size is its own.
func TestLadder(t *testing.T) {
	photo, _, _ := files(t)
	c := New("", 0)
	tests := []struct {
		a, b  int // widths asked
		slack float64
		same  bool
	}{
		{290, 300, 1.5, true},
		{160, 170, 1.5, true},
		{150, 300, 1.5, false},
		{290, 300, 1.1, false},
	}
	for _, tt := range tests {
		pa, err := c.Prepare(photo, Options{Width: tt.a, Slack: tt.slack})
		if err != nil {
			t.Fatal(err)
		}
		pb, err := c.Prepare(photo, Options{Width: tt.b, Slack: tt.slack})
		if err != nil {
			t.Fatal(err)
		}
		if (pa == pb) != tt.same {
			t.Errorf("widths %d and %d, slack %v: shared %v, want %v (%d, %d px)", tt.a, tt.b, tt.slack, pa == pb, tt.same, pa.Width, pb.Width)
		}
		for _, p := range []struct{ got, asked int }{{pa.Width, tt.a}, {pb.Width, tt.b}} {
			if p.got < p.asked || float64(p.got) > float64(p.asked)*1.19*tt.slack {
				t.Errorf("asked %d px, slack %v: stored %d", p.asked, tt.slack, p.got)
			}
		}
	}
}

// TestReduce: block averages of a decoded JPEG (4:2:0 and 4:4:4, with
// blocks cut short at the edges) equal the averages of its RGB pixels.
func TestReduce(t *testing.T) {
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422} {
		src := image.NewYCbCr(image.Rect(0, 0, 101, 67), ratio)
		for y := range 67 {
			for x := range 101 {
				// A smooth gradient well inside the RGB gamut, as
				// photographs are.
				yy, cb, cr := color.RGBToYCbCr(uint8(40+x), uint8(50+2*y), uint8(200-x))
				src.Y[src.YOffset(x, y)] = yy
				src.Cb[src.COffset(x, y)] = cb
				src.Cr[src.COffset(x, y)] = cr
			}
		}
		// 1: converted only; 2 and 4: blocks of whole chroma samples; 3: blocks cutting
		// through them. The picture is odd in both directions.
		for _, k := range []int{1, 2, 4, 3} {
			out, ok := reduce(src, k)
			ow, oh := (101+k-1)/k, (67+k-1)/k
			if !ok || out.Bounds().Dx() != ow || out.Bounds().Dy() != oh {
				t.Fatalf("%v: reduce by %d gave %v, %v; want %d×%d", ratio, k, ok, out.Bounds(), ow, oh)
			}
			for oy := range oh {
				for ox := range ow {
					var r, g, b, n int
					for y := oy * k; y < min(oy*k+k, 67); y++ {
						for x := ox * k; x < min(ox*k+k, 101); x++ {
							c := color.NRGBAModel.Convert(src.At(x, y)).(color.NRGBA)
							r, g, b, n = r+int(c.R), g+int(c.G), b+int(c.B), n+1
						}
					}
					got := out.NRGBAAt(ox, oy)
					if abs(int(got.R)-r/n) > 3 || abs(int(got.G)-g/n) > 3 || abs(int(got.B)-b/n) > 3 || got.A != 255 {
						t.Fatalf("%v, k=%d: block (%d,%d) = %v, want about %d %d %d", ratio, k, ox, oy, got, r/n, g/n, b/n)
					}
				}
			}
		}
	}
}

func abs(v int) int { return max(v, -v) }

// TestPrefetch: a large picture no run has prepared is decoded ahead, and
// preparing it and taking its pixels for a thumbnail then decode nothing
// more; once a preparation is in the
// cache folder, the next run decodes nothing ahead.
func TestPrefetch(t *testing.T) {
	dir := t.TempDir()
	// Decoded ahead at 1/2, which keeps prefetchSide pixels and serves
	// the preparation below.
	img := image.NewRGBA(image.Rect(0, 0, 3300, 2000))
	for i := range img.Pix {
		img.Pix[i] = uint8(i * 7)
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	path := filepath.Join(t.TempDir(), "big.jpg")
	os.WriteFile(path, b.Bytes(), 0o644)
	big := &doc.Image{Src: "big.jpg", Path: path}
	decodes := func(c *Cache) int {
		c.dec.mu.Lock()
		defer c.dec.mu.Unlock()
		return c.dec.decodes
	}
	first := New(dir, 0)
	first.Prefetch([]*doc.Image{big})
	for start := time.Now(); decodes(first) == 0; time.Sleep(time.Millisecond) {
		if time.Since(start) > 20*time.Second {
			t.Fatal("the large picture was not decoded ahead")
		}
	}
	if _, err := first.Prepare(big, Options{Width: 1000}); err != nil {
		t.Fatal(err)
	}
	// A thumbnail's pixels (a quarter of the size) come from the same
	// decoding, reduced by 2 more.
	px, scale, _, err := first.Pixels(big, 800)
	if err != nil {
		t.Fatal(err)
	}
	if b := px.Bounds(); b.Dx() != 825 || b.Dy() != 500 || scale != 0.25 {
		t.Errorf("pixels %v at scale %v, want 825×500 at 1/4", b, scale)
	}
	// So do a share picture's (3300 / 600 = 5, which 2 does not divide):
	// a large photograph is not decoded whole again for the raster.
	px, scale, _, err = first.Pixels(big, 600)
	if err != nil {
		t.Fatal(err)
	}
	if b := px.Bounds(); b.Dx() != 825 || b.Dy() != 500 || scale != 0.25 {
		t.Errorf("pixels for 600 %v at scale %v, want 825×500 at 1/4", b, scale)
	}
	if n := decodes(first); n != 1 {
		t.Errorf("%d decodes, want the one ahead", n)
	}
	next := New(dir, 0)
	next.Prefetch([]*doc.Image{big})
	time.Sleep(200 * time.Millisecond)
	if n := decodes(next); n != 0 {
		t.Errorf("a picture already in the cache folder was decoded ahead (%d)", n)
	}
}

// TestResampleOpaque: the resampler of reduced photographs gives what
// imaging's Catmull-Rom gives, to a level or two, and keeps a flat area
// exactly flat.
func TestResampleOpaque(t *testing.T) {
	src := image.NewNRGBA(image.Rect(0, 0, 301, 199))
	for y := range 199 {
		for x := range 301 {
			v := uint8(x + y)
			if (x/40+y/40)%2 == 0 {
				v = 255 - v // hard edges between smooth areas
			}
			src.SetNRGBA(x, y, color.NRGBA{v, uint8(2 * y), uint8(x), 255})
		}
	}
	for _, size := range [][2]int{{180, 119}, {100, 66}, {301, 199}} {
		got := ResampleOpaque(src, size[0], size[1])
		want := imaging.Resize(src, size[0], size[1], imaging.CatmullRom)
		var sum, worst int
		for i := range got.Pix {
			d := abs(int(got.Pix[i]) - int(want.Pix[i]))
			sum += d
			worst = max(worst, d)
		}
		if mean := float64(sum) / float64(len(got.Pix)); mean > 0.5 || worst > 4 {
			t.Errorf("%v: mean difference %.2f, largest %d levels from imaging's", size, mean, worst)
		}
	}
	flat := image.NewNRGBA(image.Rect(0, 0, 50, 50))
	for i := range flat.Pix {
		flat.Pix[i] = []uint8{200, 100, 50, 255}[i%4]
	}
	for i, v := range ResampleOpaque(flat, 17, 17).Pix {
		if v != []uint8{200, 100, 50, 255}[i%4] {
			t.Fatalf("a flat area became %d at %d", v, i)
		}
	}
}

// TestResampleReduced: reducing row by row while resampling gives the
// same pixels as reducing the whole picture first.
func TestResampleReduced(t *testing.T) {
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio444} {
		src := image.NewYCbCr(image.Rect(0, 0, 401, 267), ratio)
		for y := range 267 {
			for x := range 401 {
				yy, cb, cr := color.RGBToYCbCr(uint8(x^y), uint8(3*y), uint8(255-x/2))
				src.Y[src.YOffset(x, y)], src.Cb[src.COffset(x, y)], src.Cr[src.COffset(x, y)] = yy, cb, cr
			}
		}
		for _, k := range []int{2, 3} {
			r, _ := reduce(src, k)
			want := ResampleOpaque(r, 97, 65)
			got := resampleReduced(src, k, 97, 65)
			if !bytes.Equal(got.Pix, want.Pix) {
				t.Errorf("%v, k=%d: row by row differs from whole", ratio, k)
			}
		}
	}
}

// TestResamplePlanes: resampling a decoded JPEG plane by plane (luma at
// full size, chroma at 4:2:0) gives what converting to RGB, resampling
// and handing the result to the JPEG encoder (which averages chroma over
// 2×2 pixels) gives, to a level or two (the chroma filtered once
// rather than twice); grey stays grey.
func TestResamplePlanes(t *testing.T) {
	const w, h = 301, 199
	for _, ratio := range []image.YCbCrSubsampleRatio{image.YCbCrSubsampleRatio420, image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio422} {
		src := image.NewYCbCr(image.Rect(0, 0, w, h), ratio)
		for y := range h {
			for x := range w {
				// Colours inside the RGB gamut (a photograph's), where
				// converting commutes with resampling; steps every 40
				// pixels.
				v := 70 + (x+y)*100/(w+h)
				if (x/40+y/40)%2 == 0 {
					v += 20
				}
				src.Y[src.YOffset(x, y)] = uint8(v)
				c := src.COffset(x, y)
				src.Cb[c] = uint8(128 + 30*math.Sin(float64(x)/17))
				src.Cr[c] = uint8(128 + 30*math.Cos(float64(y)/13))
			}
		}
		rgb, _ := reduce(src, 1)
		for _, size := range [][2]int{{180, 119}, {100, 66}, {37, 25}} {
			got, ok := resamplePlanes(src, size[0], size[1])
			if !ok || got.Bounds() != image.Rect(0, 0, size[0], size[1]) {
				t.Fatalf("%v %v: got %v, %v", ratio, size, ok, got.Bounds())
			}
			// What the JPEG encoder would store from the RGB path: its
			// luma, and its chroma averaged over 2×2 pixels.
			want := ResampleOpaque(rgb, size[0], size[1])
			g := got.(*image.YCbCr)
			var sum, n int
			for y := range size[1] {
				for x := range size[0] {
					wt := want.NRGBAAt(x, y)
					wy, _, _ := color.RGBToYCbCr(wt.R, wt.G, wt.B)
					sum += abs(int(g.Y[g.YOffset(x, y)]) - int(wy))
					n++
				}
			}
			for cy := range (size[1] + 1) / 2 {
				for cx := range (size[0] + 1) / 2 {
					var cb, cr, k int
					for y := 2 * cy; y < min(2*cy+2, size[1]); y++ {
						for x := 2 * cx; x < min(2*cx+2, size[0]); x++ {
							wt := want.NRGBAAt(x, y)
							_, b, r := color.RGBToYCbCr(wt.R, wt.G, wt.B)
							cb, cr, k = cb+int(b), cr+int(r), k+1
						}
					}
					i := cy*g.CStride + cx
					sum += abs(int(g.Cb[i])-cb/k) + abs(int(g.Cr[i])-cr/k)
					n += 2
				}
			}
			if mean := float64(sum) / float64(n); mean > 2 {
				t.Errorf("%v %v: mean difference %.2f levels from resampling in RGB", ratio, size, mean)
			}
		}
	}
	grey := image.NewGray(image.Rect(0, 0, w, h))
	for i := range grey.Pix {
		grey.Pix[i] = uint8(i % 251)
	}
	if got, ok := resamplePlanes(grey, 50, 33); !ok || got.Bounds().Dx() != 50 {
		t.Fatalf("grey: %v %v", ok, got)
	} else if _, isGrey := got.(*image.Gray); !isGrey {
		t.Errorf("grey resampled as %T", got)
	}
}

// TestScaledUpright: a photograph stored on its side and decoded at a
// reduced scale comes out upright, like the full picture turned and
// reduced.
func TestScaledUpright(t *testing.T) {
	_, _, side := files(t)
	c := New("", 0)
	p, err := c.Prepare(side, Options{Width: 200})
	if err != nil {
		t.Fatal(err)
	}
	got, err := jpeg.Decode(bytes.NewReader(p.Data))
	if err != nil {
		t.Fatal(err)
	}
	if b := got.Bounds(); b.Dx() != 200 || b.Dy() != 300 {
		t.Fatalf("prepared %v, want 200×300", b)
	}
	full, err := c.Prepare(side, Options{})
	if err != nil {
		t.Fatal(err)
	}
	whole, err := jpeg.Decode(bytes.NewReader(full.Data))
	if err != nil {
		t.Fatal(err)
	}
	want := imaging.Resize(whole, 200, 300, imaging.Box)
	var sum, n int
	for y := range 300 {
		for x := range 200 {
			r1, g1, b1, _ := got.At(x, y).RGBA()
			r2, g2, b2, _ := want.At(x, y).RGBA()
			sum += abs(int(r1>>8)-int(r2>>8)) + abs(int(g1>>8)-int(g2>>8)) + abs(int(b1>>8)-int(b2>>8))
			n += 3
		}
	}
	if mean := float64(sum) / float64(n); mean > 4 {
		t.Errorf("mean difference %.1f levels from the full picture turned and reduced", mean)
	}
	if c.dec.decodes != 2 {
		t.Errorf("%d decodes, want 2 (at 1/2, then whole)", c.dec.decodes)
	}
}

// TestFallbackCounted: a JPEG whose headers jpegscale reads but whose
// data it leaves to image/jpeg (here, bytes after the scan that image/jpeg
// skips) is decoded at full size; the bound on decoded pixels counts
// what is held, not the reduced size asked.
func TestFallbackCounted(t *testing.T) {
	photo, _, _ := files(t)
	data, err := os.ReadFile(photo.Path)
	if err != nil {
		t.Fatal(err)
	}
	junk := append(bytes.Clone(data[:len(data)-2]), 0x12, 0x34, 0xff, 0xd9)
	path := filepath.Join(t.TempDir(), "junk.jpg")
	if err := os.WriteFile(path, junk, 0o644); err != nil {
		t.Fatal(err)
	}
	c := New("", 0)
	if _, err := c.Prepare(&doc.Image{Src: "junk.jpg", Path: path}, Options{Width: 60}); err != nil {
		t.Fatal(err)
	}
	if c.dec.decodes != 1 || c.dec.pixels != 600*400 {
		t.Errorf("%d decodes holding %d pixels, want 1 holding the full picture's %d", c.dec.decodes, c.dec.pixels, 600*400)
	}
}
