package picture

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"syscall"
	"testing"
	"time"

	"leafpress/export/doc"
)

// heapObjects returns the bytes of live objects in the Go heap after a
// collection.
func heapObjects() uint64 {
	runtime.GC()
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// mapped reports whether the memory of b is mapped in the process.
func mapped(b []byte) bool {
	return !errors.Is(syscall.Madvise(b[:cap(b)], syscall.MADV_NORMAL), syscall.ENOMEM)
}

// TestPixelsOutsideHeap: a picture Pixels gives whole, decoded for it,
// holds its pixels outside the Go heap, and a preparation of the same
// picture later reads them there to the same result as from its own
// decoding; a picture Pixels reduces, and one a preparation decoded, are
// in the heap as before.
func TestPixelsOutsideHeap(t *testing.T) {
	dir := t.TempDir()
	photo := image.NewRGBA(image.Rect(0, 0, 1200, 800)) // 3.84 MB, as the samples' pictures
	for y := range 800 {
		for x := range 1200 {
			photo.Set(x, y, color.RGBA{uint8(x), uint8(y), uint8(x*y>>7) | 1, 255})
		}
	}
	var pb bytes.Buffer
	if err := png.Encode(&pb, photo); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "photo.png")
	if err := os.WriteFile(path, pb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	im := &doc.Image{Src: "photo.png", Path: path}
	size := uint64(len(photo.Pix))
	for _, tc := range []struct {
		name    string
		prepare bool // a preparation decodes it first
		side    int
		outside bool
	}{
		{"given whole", false, 960, true},
		{"given whole, its own size", false, 0, true},
		{"reduced by blocks", false, 400, false},
		{"decoded by a preparation first", true, 960, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := New("", 0)
			before := heapObjects()
			if tc.prepare {
				if _, err := c.Prepare(im, Options{Width: 1200, Target: Raw, CMYK: true}); err != nil {
					t.Fatal(err)
				}
			}
			img, _, _, err := c.Pixels(im, tc.side)
			if err != nil {
				t.Fatal(err)
			}
			grown := int64(heapObjects()) - int64(before)
			if outside := grown < int64(size/4); outside != tc.outside {
				t.Errorf("the heap grew by %d bytes holding the picture (%d bytes): outside it %v, want %v", grown, size, outside, tc.outside)
			}
			if tc.side == 400 {
				runtime.KeepAlive(img)
				return
			}
			got, ok := img.(*image.RGBA)
			if !ok || got.Rect != photo.Rect || !bytes.Equal(got.Pix, photo.Pix) {
				t.Fatalf("Pixels gave %T %v, not the picture's pixels", img, img.Bounds())
			}
			// A print preparation now takes the decoding Pixels holds.
			p, err := c.Prepare(im, Options{Width: 1200, Target: Raw, CMYK: true})
			if err != nil {
				t.Fatal(err)
			}
			want, err := New("", 0).Prepare(im, Options{Width: 1200, Target: Raw, CMYK: true})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(p.Data, want.Data) {
				t.Error("a preparation from the decoding Pixels holds differs from one of its own")
			}
			runtime.KeepAlive(img)
		})
	}
}

// TestOutsideHeapFreed: the memory outsideHeap copies a picture into is
// given back once the picture is unreachable; a picture under
// offHeapBytes stays as it is.
func TestOutsideHeapFreed(t *testing.T) {
	small := image.NewRGBA(image.Rect(0, 0, 100, 100))
	if outsideHeap(small) != image.Image(small) {
		t.Error("a picture under offHeapBytes was copied")
	}
	pixOf := func(img image.Image) []uint8 {
		switch m := img.(type) {
		case *image.RGBA:
			return m.Pix
		case *image.NRGBA:
			return m.Pix
		}
		return nil
	}
	for _, in := range []image.Image{image.NewRGBA(image.Rect(0, 0, 700, 500)), image.NewNRGBA(image.Rect(0, 0, 500, 700))} {
		src := pixOf(in)
		src[len(src)-1] = 7
		out := outsideHeap(in)
		pix := pixOf(out)
		if fmt.Sprintf("%T", out) != fmt.Sprintf("%T", in) || out.Bounds() != in.Bounds() || !bytes.Equal(pix, src) || &pix[0] == &src[0] {
			t.Fatalf("%T: not a copy of the pixels", in)
		}
		out = nil
		if !mapped(pix) {
			t.Fatalf("%T: the copy is not mapped while the picture is held", in)
		}
		// Only the pixels are left: the picture is unreachable.
		deadline := time.Now().Add(5 * time.Second)
		for mapped(pix) && time.Now().Before(deadline) {
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
		}
		if mapped(pix) {
			t.Errorf("%T: the copy's memory was not given back once the picture was unreachable", in)
		}
	}
}
