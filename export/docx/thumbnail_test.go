package docx

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// TestThumbnail checks that Options.Thumbnail becomes the package's
// thumbnail, named by the package relationships and readable as a PNG,
// and that without it the package has none.
func TestThumbnail(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 24, 34))
	img.Set(3, 3, color.RGBA{200, 0, 0, 255})
	var pic bytes.Buffer
	if err := png.Encode(&pic, img); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name  string
		thumb []byte
	}{{"with", pic.Bytes()}, {"without", nil}} {
		t.Run(tt.name, func(t *testing.T) {
			parts := unzip(t, programmeDOCX(t, sampleProgramme(t), Options{Thumbnail: tt.thumb}))
			rels := string(parts["_rels/.rels"])
			named := strings.Contains(rels, `relationships/metadata/thumbnail" Target="docProps/thumbnail.png"`)
			data, stored := parts["docProps/thumbnail.png"]
			if tt.thumb == nil {
				if named || stored {
					t.Errorf("a package without a thumbnail names one (%v) or holds one (%v)", named, stored)
				}
				return
			}
			if !named || !stored {
				t.Fatalf("thumbnail named in _rels/.rels: %v, stored: %v; want both", named, stored)
			}
			got, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("docProps/thumbnail.png is not a PNG: %v", err)
			}
			if got.Bounds().Dx() != 24 || got.Bounds().Dy() != 34 {
				t.Errorf("thumbnail is %v, want 24 × 34", got.Bounds())
			}
			if !strings.Contains(string(parts["[Content_Types].xml"]), `Extension="png" ContentType="image/png"`) {
				t.Error("[Content_Types].xml gives PNG no content type")
			}
		})
	}
}
