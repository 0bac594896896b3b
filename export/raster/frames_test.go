package raster

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"leafpress/export/doc"
	"leafpress/layout"
)

// TestFramesCopied draws a picture into a frame on one page and into a
// frame of the same size, showing the same part, on a second page: the
// second is copied from the first, and both pages hold, byte for byte,
// what a Renderer that never drew the picture before draws. Frames off
// the page's edges are included; a frame that shows another part of
// the frame, or another part of the picture, is reduced again.
func TestFramesCopied(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pic := noise(rng, image.Pt(400, 300))
	for i := 3; i < len(pic.Pix); i += 4 {
		pic.Pix[i] = 255 // opaque: reduced straight into the page
	}
	var pngData, jpegData bytes.Buffer
	if err := png.Encode(&pngData, pic); err != nil {
		t.Fatal(err)
	}
	if err := jpeg.Encode(&jpegData, pic, &jpeg.Options{Quality: 90}); err != nil {
		t.Fatal(err)
	}
	files := fstest.MapFS{"p.png": {Data: pngData.Bytes()}, "p.jpg": {Data: jpegData.Bytes()}}
	const pw, ph = 300, 200 // pages of pw × ph points, drawn at one pixel a point
	box := func(file string, x, y, w, h float64, crop layout.Rect) *layout.ImageBox {
		return &layout.ImageBox{Rect: layout.Rect{X: x, Y: y, W: w, H: h}, Crop: crop,
			Image: &doc.Image{Src: file, Path: file, FS: files}}
	}
	page := func(b *layout.ImageBox) *layout.Page {
		return &layout.Page{Number: 1, Width: pw, Height: ph, Boxes: []layout.Box{b}}
	}
	half := layout.Rect{X: 0, Y: 0, W: 300, H: 300}
	tests := []struct {
		name        string
		first, then layout.Rect // the frame on the first and second page
		crop2       layout.Rect // the second frame's crop, when not the first's
		copied      bool
	}{
		{"inside", layout.Rect{X: 10, Y: 20, W: 160, H: 120}, layout.Rect{X: 10, Y: 20, W: 160, H: 120}, layout.Rect{}, true},
		{"moved on the page", layout.Rect{X: 10, Y: 20, W: 160, H: 120}, layout.Rect{X: 120, Y: 70, W: 160, H: 120}, layout.Rect{}, true},
		{"halved", layout.Rect{X: 0, Y: 0, W: 200, H: 150}, layout.Rect{X: 90, Y: 40, W: 200, H: 150}, layout.Rect{}, true},
		{"bleeding top left", layout.Rect{X: -15, Y: -15, W: 250, H: 190}, layout.Rect{X: -15, Y: -15, W: 250, H: 190}, layout.Rect{}, true},
		{"bleeding bottom right", layout.Rect{X: 100, Y: 60, W: 250, H: 190}, layout.Rect{X: 100, Y: 60, W: 250, H: 190}, layout.Rect{}, true},
		{"bleeding every side", layout.Rect{X: -20, Y: -10, W: 340, H: 250}, layout.Rect{X: -20, Y: -10, W: 340, H: 250}, layout.Rect{}, true},
		{"bleeding less the second time", layout.Rect{X: -15, Y: -15, W: 250, H: 190}, layout.Rect{X: 0, Y: 0, W: 250, H: 190}, layout.Rect{}, false},
		{"bleeding another way", layout.Rect{X: -15, Y: -15, W: 250, H: 190}, layout.Rect{X: 65, Y: 25, W: 250, H: 190}, layout.Rect{}, false},
		{"another part", layout.Rect{X: 10, Y: 20, W: 160, H: 160}, layout.Rect{X: 10, Y: 20, W: 160, H: 160}, half, false},
		{"another size", layout.Rect{X: 10, Y: 20, W: 160, H: 120}, layout.Rect{X: 10, Y: 20, W: 161, H: 121}, layout.Rect{}, false},
	}
	for _, file := range []string{"p.png", "p.jpg"} {
		for _, tt := range tests {
			t.Run(file+"/"+tt.name, func(t *testing.T) {
				t.Parallel()
				f, s := tt.first, tt.then
				p1 := page(box(file, f.X, f.Y, f.W, f.H, layout.Rect{}))
				p2 := page(box(file, s.X, s.Y, s.W, s.H, tt.crop2))
				r := New(nil)
				if _, err := r.Page(p1, pw, ph); err != nil {
					t.Fatal(err)
				}
				kept := len(r.pics.frames.kept) // a frame reduced is kept
				got, err := r.Page(p2, pw, ph)
				if err != nil {
					t.Fatal(err)
				}
				if copied := len(r.pics.frames.kept) == kept; copied != tt.copied {
					t.Errorf("second frame copied: %v, want %v", copied, tt.copied)
				}
				want, err := New(nil).Page(p2, pw, ph)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got.Pix, want.Pix) {
					t.Errorf("second page differs from the page drawn by a new Renderer at %d bytes", differing(got.Pix, want.Pix))
				}
				// A third drawing of the first page is copied, the same.
				again, err := r.Page(p1, pw, ph)
				if err != nil {
					t.Fatal(err)
				}
				first, err := New(nil).Page(p1, pw, ph)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(again.Pix, first.Pix) {
					t.Errorf("first page drawn again differs at %d bytes", differing(again.Pix, first.Pix))
				}
			})
		}
	}
}

func differing(a, b []uint8) int {
	n := 0
	for i := range a {
		if a[i] != b[i] {
			n++
		}
	}
	return n
}

// TestFramesOnce has many callers ask at once for a few frames: each
// frame is reduced once, by one of them, the others waiting for it, and
// every caller gets its pixels.
func TestFramesOnce(t *testing.T) {
	f := newFrameStore()
	const frames, callers = 3, 24
	var mu sync.Mutex
	reductions := map[int]int{}
	var wg sync.WaitGroup
	pages := make([]*image.RGBA, callers)
	for i := range callers {
		wg.Go(func() {
			n := i % frames
			dst := image.NewRGBA(image.Rect(0, 0, 50, 40))
			pages[i] = dst
			vis := image.Rect(5, 5, 45, 35)
			k := frameKey{resKey{pic: picKey{path: fmt.Sprint(n)}, w: 40, h: 30}, vis.Sub(vis.Min)}
			f.draw(dst, vis, k, func() {
				mu.Lock()
				reductions[n]++
				mu.Unlock()
				time.Sleep(20 * time.Millisecond) // others come meanwhile
				for y := vis.Min.Y; y < vis.Max.Y; y++ {
					for x := vis.Min.X; x < vis.Max.X; x++ {
						copy(dst.Pix[dst.PixOffset(x, y):], []uint8{uint8(n), uint8(x), uint8(y), 255})
					}
				}
			})
		})
	}
	wg.Wait()
	for n := range frames {
		if reductions[n] != 1 {
			t.Errorf("frame %d reduced %d times, want once", n, reductions[n])
		}
	}
	for i, p := range pages {
		if !bytes.Equal(p.Pix, pages[i%frames].Pix) {
			t.Errorf("caller %d got other pixels than caller %d", i, i%frames)
		}
	}
	if len(f.inFlight) != 0 {
		t.Errorf("%d frames left in flight", len(f.inFlight))
	}
}

// TestFramesRing keeps more frames than the ring holds, of many sizes:
// the frames kept never overlap in the ring, the last one kept is always
// there, and every frame asked for again is either copied with its own
// pixels or reduced again.
func TestFramesRing(t *testing.T) {
	f := newFrameStore()
	rng := rand.New(rand.NewPCG(5, 6))
	dst := image.NewRGBA(image.Rect(0, 0, 800, 700))
	fill := func(n int, vis image.Rectangle) {
		for y := vis.Min.Y; y < vis.Max.Y; y++ {
			for x := vis.Min.X; x < vis.Max.X; x++ {
				copy(dst.Pix[dst.PixOffset(x, y):], []uint8{uint8(n), uint8(n >> 8), uint8(x ^ y), 255})
			}
		}
	}
	sizes := map[int]image.Point{}
	for i := range 400 {
		n := i
		if i > 50 && rng.IntN(3) == 0 {
			n = rng.IntN(i) // asked again
		}
		size, ok := sizes[n]
		if !ok {
			size = image.Pt(1+rng.IntN(800), 1+rng.IntN(700))
			sizes[n] = size
		}
		vis := image.Rectangle{Max: size}
		k := frameKey{resKey{pic: picKey{path: fmt.Sprint(n)}, w: size.X, h: size.Y}, vis}
		clear(dst.Pix)
		reduced := false
		f.draw(dst, vis, k, func() { reduced = true; fill(n, vis) })
		if !reduced {
			got := bytes.Clone(dst.Pix)
			fill(n, vis)
			if !bytes.Equal(got, dst.Pix) {
				t.Fatalf("frame %d copied with other pixels", n)
			}
		}
		if _, ok := f.kept[k]; !ok && 4*size.X*size.Y <= maxFrameBytes {
			t.Fatalf("frame %d (%v) not kept right after it was drawn", n, size)
		}
		for j, a := range f.order {
			if a.off < 0 || a.off+4*a.w*a.h > len(f.ring) {
				t.Fatalf("frame %v lies outside the ring", a.key.pic)
			}
			for _, b := range f.order[j+1:] {
				if a.off < b.off+4*b.w*b.h && b.off < a.off+4*a.w*a.h {
					t.Fatalf("frames %v and %v overlap in the ring", a.key.pic, b.key.pic)
				}
			}
		}
		if len(f.kept) != len(f.order) {
			t.Fatalf("%d frames kept, %d in order", len(f.kept), len(f.order))
		}
	}
}

// TestLRUOnce has many callers ask at once for a few values: each is
// made once, the others waiting for it.
func TestLRUOnce(t *testing.T) {
	c := newLRU[int, int](1 << 20)
	var mu sync.Mutex
	made := map[int]int{}
	var wg sync.WaitGroup
	for i := range 24 {
		wg.Go(func() {
			n := i % 3
			v := c.get(n, func() (int, int) {
				mu.Lock()
				made[n]++
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
				return 10 * n, 1
			})
			if v != 10*n {
				t.Errorf("value %d for key %d, want %d", v, n, 10*n)
			}
		})
	}
	wg.Wait()
	for n := range 3 {
		if made[n] != 1 {
			t.Errorf("value %d made %d times, want once", n, made[n])
		}
	}
}

// TestFramesPanic: a reduction that panics leaves the frame to the next
// caller, who reduces it, instead of making it wait for ever.
func TestFramesPanic(t *testing.T) {
	f := newFrameStore()
	dst := image.NewRGBA(image.Rect(0, 0, 10, 10))
	k := frameKey{resKey{pic: picKey{path: "p"}, w: 10, h: 10}, dst.Rect}
	func() {
		defer func() { _ = recover() }()
		f.draw(dst, dst.Rect, k, func() { panic("no picture") })
	}()
	done := make(chan bool)
	go func() {
		reduced := false
		f.draw(dst, dst.Rect, k, func() { reduced = true })
		done <- reduced
	}()
	select {
	case reduced := <-done:
		if !reduced {
			t.Error("the frame whose reduction panicked was not reduced again")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the next caller still waits for the reduction that panicked")
	}
}
