package docx

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"github.com/gomutex/godocx/common/units"
	"github.com/gomutex/godocx/dml"
	"github.com/gomutex/godocx/dml/dmlct"
	"github.com/gomutex/godocx/dml/dmlpic"
	"github.com/gomutex/godocx/wml/ctypes"

	"leafpress/export/doc"
	"leafpress/export/picture"
)

const (
	emuPerTwip = 635     // English Metric Units per twentieth of a point
	emuPerPx   = 9525    // at 96 pixels per inch, as Word sizes pictures
	twipsPerIn = 1440    // twentieths of a point per inch
	pictureDPI = 200     // pictures are stored this sharp at text width, or as they are (pictureSlack)
	jpegQ      = 85      // quality of re-encoded JPEG pictures
	maxPixels  = 1 << 27 // refuse to decode bigger pictures
)

// pictureSlack is how much sharper than pictureDPI at text width a
// picture may be and still be stored as it is, as screen PDFs keep theirs
// (export/pdf): re-encoding a picture a little too sharp costs time and
// sharpness and saves few bytes, while a photo several times too sharp
// (a camera's 4000 px) is still scaled down.
const pictureSlack = 1.5

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
	src, err := b.opt.pictures().Source(im)
	if err != nil {
		return nil, fmt.Errorf("it cannot be used (%v); save it as JPEG or PNG", err)
	}
	if src.Width*src.Height > maxPixels {
		return nil, fmt.Errorf("%d×%d pixels is too big; scale it down", src.Width, src.Height)
	}
	// Stored as it is up to pictureSlack times sharper than pictureDPI
	// at text width, else resampled to the size at or just above it.
	maxW := b.page.textW * pictureDPI / twipsPerIn
	pic, err := b.opt.pictures().Prepare(im, picture.Options{Target: picture.File, Width: maxW, Quality: jpegQ, Slack: pictureSlack})
	if err != nil {
		return nil, fmt.Errorf("it could not be decoded (%v); save it again as JPEG or PNG", err)
	}
	sc := scaled{data: pic.Data, ext: "png", w: pic.Width, h: pic.Height}
	if pic.Encoding == "JPEG" {
		sc.ext = "jpeg"
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

// defaultPictures prepares pictures for writers given no cache: in memory
// only, shared by the documents of the process.
var defaultPictures = picture.New("", 0)

func (o Options) pictures() *picture.Cache {
	if o.Pictures != nil {
		return o.Pictures
	}
	return defaultPictures
}
