package picture

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"leafpress/export/doc"
)

func TestCutJPEG(t *testing.T) {
	photo, _, sideways := files(t)
	whole, err := os.ReadFile(photo.Path)
	if err != nil {
		t.Fatal(err)
	}
	side, err := os.ReadFile(sideways.Path)
	if err != nil {
		t.Fatal(err)
	}
	// A file carrying a whole JPEG (with its own end marker) as its EXIF
	// thumbnail, the main picture cut: the thumbnail's end must not count.
	var small bytes.Buffer
	jpeg.Encode(&small, image.NewGray(image.Rect(0, 0, 16, 16)), nil)
	app1 := append([]byte("Exif\x00\x00"), small.Bytes()...)
	withThumb := append([]byte{0xFF, 0xD8, 0xFF, 0xE1, byte((len(app1) + 2) >> 8), byte(len(app1) + 2)}, app1...)
	withThumb = append(withThumb, whole[2:]...)
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		data []byte
		cut  bool
	}{
		{"whole.jpg", whole, false},
		{"exif.jpg", side, false},
		{"trailing.jpg", append(append([]byte{}, whole...), "camera data after the end"...), false},
		{"half.jpg", whole[:len(whole)/2], true},
		{"no-end.jpg", whole[:len(whole)-2], true},
		{"thumb-cut.jpg", withThumb[:len(withThumb)*2/3], true},
		{"thumb-whole.jpg", withThumb, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := jpegCut(c.data); got != c.cut {
				t.Errorf("jpegCut = %v, want %v", got, c.cut)
			}
			p := filepath.Join(dir, c.name)
			if err := os.WriteFile(p, c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := New("", 0).Source(&doc.Image{Src: c.name, Path: p})
			if c.cut != (err != nil && strings.Contains(err.Error(), "cut short")) {
				t.Errorf("Source error %v; cut %v", err, c.cut)
			}
		})
	}
}

// A header claiming more pixels than any page needs is refused before
// anything is decoded.
func TestHugePictureRefused(t *testing.T) {
	photo, _, _ := files(t)
	data, err := os.ReadFile(photo.Path)
	if err != nil {
		t.Fatal(err)
	}
	huge := append([]byte{}, data...)
	// The SOF0 segment: FF C0, length, precision, height, width.
	i := bytes.Index(huge, []byte{0xFF, 0xC0})
	if i < 0 {
		t.Fatal("no SOF0 in the test picture")
	}
	huge[i+5], huge[i+6], huge[i+7], huge[i+8] = 0xFF, 0xFF, 0xFF, 0xFF
	p := filepath.Join(t.TempDir(), "huge.jpg")
	if err := os.WriteFile(p, huge, 0o644); err != nil {
		t.Fatal(err)
	}
	c := New("", 0)
	im := &doc.Image{Src: "huge.jpg", Path: p}
	if _, err := c.Source(im); err == nil || !strings.Contains(err.Error(), "65535 × 65535") {
		t.Fatalf("Source error %v, want the picture refused as too large", err)
	}
	if _, _, _, err := c.Pixels(im, 100); err == nil {
		t.Fatal("Pixels decoded a picture over the pixel bound")
	}
}
