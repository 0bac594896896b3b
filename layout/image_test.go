package layout

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"testing"
	"testing/fstest"

	"leafpress/export/doc"
	"leafpress/templates"
)

// exifJPEG returns a w x h JPEG whose EXIF says it is stored with the
// given orientation.
func exifJPEG(t *testing.T, w, h int, orientation uint16) []byte {
	t.Helper()
	var pic bytes.Buffer
	if err := jpeg.Encode(&pic, image.NewGray(image.Rect(0, 0, w, h)), nil); err != nil {
		t.Fatal(err)
	}
	var tiff bytes.Buffer
	tiff.WriteString("MM")
	binary.Write(&tiff, binary.BigEndian, uint16(42))
	binary.Write(&tiff, binary.BigEndian, uint32(8))
	binary.Write(&tiff, binary.BigEndian, uint16(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3})
	binary.Write(&tiff, binary.BigEndian, uint32(1))
	binary.Write(&tiff, binary.BigEndian, []uint16{orientation, 0})
	binary.Write(&tiff, binary.BigEndian, uint32(0))
	app1 := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	var out bytes.Buffer
	out.Write([]byte{0xFF, 0xD8, 0xFF, 0xE1})
	binary.Write(&out, binary.BigEndian, uint16(len(app1)+2))
	out.Write(app1)
	out.Write(pic.Bytes()[2:])
	return out.Bytes()
}

func TestCropOfPictures(t *testing.T) {
	fsys := fstest.MapFS{
		"wide.jpg":    {Data: exifJPEG(t, 300, 100, 1)},
		"rotated.jpg": {Data: exifJPEG(t, 300, 100, 6)}, // upright it is 100 x 300
		"text.png":    {Data: []byte("not a picture")},
	}
	tp, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	e, err := newEngine(&doc.Programme{}, tp)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path   string
		frame  Rect
		crop   Rect
		holder bool
	}{
		{"wide.jpg", Rect{W: 200, H: 100}, Rect{X: 50, W: 200, H: 100}, false},     // 2:1 from 3:1, central
		{"wide.jpg", Rect{W: 300, H: 100}, Rect{W: 300, H: 100}, false},            // same aspect: all of it
		{"rotated.jpg", Rect{W: 100, H: 100}, Rect{Y: 100, W: 100, H: 100}, false}, // upright 1:3, central square
		{"text.png", Rect{W: 100, H: 100}, Rect{}, true},
		{"", Rect{W: 100, H: 100}, Rect{}, true},
	}
	for _, tc := range tests {
		im := &doc.Image{Src: tc.path, Path: tc.path, FS: fsys}
		b := e.imageBox(im, tc.frame, "the picture")
		if tc.holder {
			if b.Image == nil || b.Image.Path != "" || b.Placeholder != e.col.placeholder {
				t.Errorf("%q: want a placeholder, got %+v", tc.path, b)
			}
			continue
		}
		if b.Crop != tc.crop {
			t.Errorf("%q in %vx%v: crop %+v, want %+v", tc.path, tc.frame.W, tc.frame.H, b.Crop, tc.crop)
		}
	}
	if len(e.warns) != 2 {
		t.Errorf("%d warnings, want 2 (one per unusable picture): %q", len(e.warns), e.warns)
	}
}
