package docx

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // pictures in other formats are converted to PNG
	"image/jpeg"
	_ "image/png"
	"strings"
	"sync"

	"leafpress/export/exif"

	"github.com/disintegration/imaging"
	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/dml"
	"github.com/gomutex/godocx/dml/dmlct"
	"github.com/gomutex/godocx/dml/dmlpic"
	"github.com/gomutex/godocx/wml/ctypes"

	"leafpress/export/doc"
)

const (
	emuPerTwip = 635     // English Metric Units per twentieth of a point
	emuPerPx   = 9525    // at 96 pixels per inch, as Word sizes pictures
	twipsPerIn = 1440    // twentieths of a point per inch
	pictureDPI = 200     // pictures are stored at most this sharp at text width
	jpegQ      = 85      // quality of re-encoded JPEG pictures
	maxPixels  = 1 << 27 // refuse to decode bigger pictures
)

// errReported says that a picture could not be used and a warning said so.
var errReported = errors.New("picture already reported")

// media is a picture stored in the package.
type media struct {
	name string // part name: word/media/imageN.ext
	rel  string // relationship id
	w, h int    // pixels, as stored
}

// picture writes a paragraph in the Figure style holding the picture im:
// at text width when wide is set, else at its natural size at most text
// width; never taller than the text area. A missing or unreadable picture
// is left out (with a warning when it cannot be read).
func (b *builder) picture(im *doc.Image, wide bool) {
	if im == nil {
		return
	}
	if im.Missing != "" || im.Path == "" {
		b.markMissing(im, cmp.Or(im.Missing, "no file was found"))
		return
	}
	m, err := b.load(im)
	if err == errReported {
		b.markMissing(im, "it cannot be used")
		return
	}
	if err != nil {
		b.warn(fmt.Sprintf("picture %s left out of the Word file: %v", im.Src, err))
		b.markMissing(im, err.Error())
		return
	}
	cx := int64(b.page.textW) * emuPerTwip
	if !wide {
		cx = min(cx, int64(m.w)*emuPerPx)
	}
	cy := cx * int64(m.h) / int64(m.w)
	limit := int64(b.page.textH) * emuPerTwip * 9 / 10
	if wide {
		limit = int64(b.page.textH) * emuPerTwip * 6 / 10
	}
	if cy > limit {
		cx, cy = cx*limit/cy, limit
	}
	b.picID++
	name := fmt.Sprintf("Picture %d", b.picID)
	pic := dmlpic.NewPic(m.rel, uint(b.picID), units.Emu(cx), units.Emu(cy))
	// Alt text: the picture's own, else the chapter's title; read aloud,
	// so no-break spaces are plain ones.
	alt := strings.TrimSpace(b.clean(im.Alt))
	if alt == "" {
		alt = strings.TrimSpace(b.clean(b.title))
	}
	alt = strings.ReplaceAll(alt, "\u00a0", " ")
	pic.NonVisualPicProp.CNvPr.Name = name
	pic.NonVisualPicProp.CNvPr.Description = alt
	inline := dml.NewInline(
		*dmlct.NewPostvSz2D(units.Emu(cx), units.Emu(cy)),
		dml.DocProp{ID: uint64(b.picID), Name: name, Description: alt},
		*dml.NewPicGraphic(pic),
	)
	b.paragraph(sFigure, nil, func() {
		b.marshal(ctypes.Run{Children: []ctypes.RunChild{{Drawing: &dml.Drawing{Inline: []dml.Inline{inline}}}}})
	})
}

// load stores the picture's file in the package once, scaled down when
// it is sharper than needed at text width.
func (b *builder) load(im *doc.Image) (*media, error) {
	if m, ok := b.byPath[im.Path]; ok {
		if m == nil {
			return nil, errReported
		}
		return m, nil
	}
	b.byPath[im.Path] = nil
	data, err := im.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("it cannot be read (%v)", err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("it is not a JPEG or PNG picture; save it as JPEG or PNG")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxPixels {
		return nil, fmt.Errorf("%d×%d pixels is empty or too big; scale it down", cfg.Width, cfg.Height)
	}
	maxW := b.page.textW * pictureDPI / twipsPerIn
	key := scaleKey{sha256.Sum256(data), maxW}
	sc, ok := scaledCache.get(key)
	if !ok {
		if sc, err = scale(data, format, cfg, maxW); err != nil {
			return nil, err
		}
		scaledCache.put(key, sc)
	}
	m := &media{name: fmt.Sprintf("word/media/image%d.%s", len(b.parts)+1, sc.ext), w: sc.w, h: sc.h}
	m.rel = b.addRel(relImage, m.name[len("word/"):], false)
	b.byPath[im.Path] = m
	b.parts = append(b.parts, part{name: m.name, data: sc.data, stored: true})
	return m, nil
}

// scaled is a picture as stored in a package.
type scaled struct {
	data []byte
	ext  string // "jpeg" or "png"
	w, h int
}

// scale returns the picture as stored: the file itself when it is a JPEG
// or PNG, upright and at most maxW pixels wide; else decoded, turned
// upright, scaled down and encoded again.
func scale(data []byte, format string, cfg image.Config, maxW int) (scaled, error) {
	orient := 1
	if format == "jpeg" {
		orient = exif.Orientation(data)
	}
	ext := "png"
	if format == "jpeg" {
		ext = "jpeg"
	}
	w, h := cfg.Width, cfg.Height
	if format != ext || orient != 1 || w > maxW*11/10 {
		// Upright by export/exif, as layout measured and cropped it.
		src, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			return scaled{}, fmt.Errorf("it could not be decoded (%v); save it again as JPEG or PNG", err)
		}
		img := exif.Upright(src, orient)
		if img.Bounds().Dx() > maxW {
			img = imaging.Resize(img, maxW, 0, imaging.CatmullRom)
		}
		var buf bytes.Buffer
		if ext == "jpeg" {
			err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: jpegQ})
		} else {
			err = imaging.Encode(&buf, img, imaging.PNG)
		}
		if err != nil {
			return scaled{}, err
		}
		data = buf.Bytes()
		w, h = img.Bounds().Dx(), img.Bounds().Dy()
	}
	return scaled{data: data, ext: ext, w: w, h: h}, nil
}

// scaleKey names a picture's content and the width it was scaled for.
type scaleKey struct {
	sum  [sha256.Size]byte
	maxW int
}

// scaledCache keeps scaled pictures for the next document of the same run
// (program.docx and every chapters/<uid>.docx share their pictures), up
// to a total size.
var scaledCache = &pictureCache{m: map[scaleKey]scaled{}, limit: 128 << 20}

type pictureCache struct {
	mu    sync.Mutex
	m     map[scaleKey]scaled
	size  int
	limit int
}

func (c *pictureCache) get(k scaleKey) (scaled, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.m[k]
	return s, ok
}

func (c *pictureCache) put(k scaleKey, s scaled) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok || c.size+len(s.data) > c.limit {
		return
	}
	c.m[k] = s
	c.size += len(s.data)
}
