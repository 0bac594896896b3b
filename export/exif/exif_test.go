package exif

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"testing"
)

// withOrientation builds a JPEG whose APP1 segment records orientation o,
// in the given byte order.
func withOrientation(t *testing.T, o int, bo binary.ByteOrder) []byte {
	t.Helper()
	var plain bytes.Buffer
	if err := jpeg.Encode(&plain, image.NewGray(image.Rect(0, 0, 4, 2)), nil); err != nil {
		t.Fatal(err)
	}
	var tiff bytes.Buffer
	if bo == binary.LittleEndian {
		tiff.WriteString("II")
	} else {
		tiff.WriteString("MM")
	}
	binary.Write(&tiff, bo, uint16(42))
	binary.Write(&tiff, bo, uint32(8)) // first directory
	binary.Write(&tiff, bo, uint16(1)) // one entry
	binary.Write(&tiff, bo, uint16(0x0112))
	binary.Write(&tiff, bo, uint16(3)) // SHORT
	binary.Write(&tiff, bo, uint32(1))
	binary.Write(&tiff, bo, uint16(o))
	binary.Write(&tiff, bo, uint16(0))
	binary.Write(&tiff, bo, uint32(0)) // no next directory
	seg := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var out bytes.Buffer
	out.Write([]byte{0xFF, 0xD8, 0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(seg)+2))
	out.Write(seg)
	out.Write(plain.Bytes()[2:])
	return out.Bytes()
}

func TestOrientation(t *testing.T) {
	for _, bo := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		for o := 1; o <= 8; o++ {
			if got := Orientation(withOrientation(t, o, bo)); got != o {
				t.Errorf("%v orientation %d: read %d", bo, o, got)
			}
		}
	}
}

func TestNoOrientation(t *testing.T) {
	var plain bytes.Buffer
	jpeg.Encode(&plain, image.NewGray(image.Rect(0, 0, 2, 2)), nil)
	for name, b := range map[string][]byte{
		"plain JPEG":     plain.Bytes(),
		"PNG signature":  []byte("\x89PNG\r\n\x1a\n"),
		"empty":          nil,
		"cut in APP1":    withOrientation(t, 6, binary.BigEndian)[:12],
		"bad TIFF value": withOrientation(t, 9, binary.BigEndian),
	} {
		if got := Orientation(b); got != 1 {
			t.Errorf("%s: orientation %d, want 1", name, got)
		}
	}
}

func FuzzOrientation(f *testing.F) {
	f.Add([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0, 2})
	f.Fuzz(func(t *testing.T, b []byte) {
		if o := Orientation(b); o < 1 || o > 8 {
			t.Fatalf("orientation %d out of range", o)
		}
	})
}

func TestUpright(t *testing.T) {
	// A 2 x 1 picture, left pixel black, right white.
	img := image.NewGray(image.Rect(0, 0, 2, 1))
	img.Pix[1] = 0xFF
	for o, want := range map[int]struct {
		w, h  int
		black image.Point
	}{
		1: {2, 1, image.Pt(0, 0)},
		2: {2, 1, image.Pt(1, 0)},
		3: {2, 1, image.Pt(1, 0)},
		4: {2, 1, image.Pt(0, 0)},
		5: {1, 2, image.Pt(0, 0)},
		6: {1, 2, image.Pt(0, 0)},
		7: {1, 2, image.Pt(0, 1)},
		8: {1, 2, image.Pt(0, 1)},
	} {
		up := Upright(img, o)
		b := up.Bounds()
		if b.Dx() != want.w || b.Dy() != want.h {
			t.Errorf("orientation %d: %dx%d, want %dx%d", o, b.Dx(), b.Dy(), want.w, want.h)
			continue
		}
		if r, _, _, _ := up.At(b.Min.X+want.black.X, b.Min.Y+want.black.Y).RGBA(); r != 0 {
			t.Errorf("orientation %d: black pixel not at %v", o, want.black)
		}
	}
}
