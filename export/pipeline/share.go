package pipeline

import (
	"bytes"
	"crypto/sha256"

	"leafpress/export/doc"
	"leafpress/export/raster"
	"leafpress/layout"
	"leafpress/templates"
)

// Share picture size in pixels: what social networks preview.
const (
	ShareWidth  = 1200
	ShareHeight = 630
)

// shareTemplate reads the share pictures' template, with the campaign
// (name and web address) of the programme's template, or nil when it
// cannot be read (reported).
func (b *builder) shareTemplate() *templates.Template {
	t, err := templates.Share()
	if err != nil {
		b.res.Diags.Add(templateDiag("share", "the share picture template", err))
		return nil
	}
	if b.progT != nil {
		t.Campaign = b.progT.Campaign
	}
	return t
}

// ShareName is the file name of a share picture under share/: the
// programme's is program.png, a chapter's <uid>.png.
func ShareName(name string) string { return name + ".png" }

// writeShare lays out and draws the share picture of chapter c (nil:
// of the programme) and writes it to path.
func (b *builder) writeShare(p *doc.Programme, path string, c *doc.Chapter) {
	d, err := layout.Share(p, c, b.shareT)
	if err == nil && len(d.Pages) == 0 {
		return
	}
	if err != nil {
		file := programmeFile(p)
		if c != nil {
			file = c.Source
		}
		b.res.Diags.Errorf(file, 0, "the share picture could not be laid out: %v", err)
		return
	}
	var drawn *[sha256.Size]byte
	if sum, ok := b.pages.digest(b.raster, d.Pages[0], ShareWidth, ShareHeight); ok {
		if png := b.pages.load(sum, "share"); png != nil {
			b.writePNG(p, path, png, nil, "share")
			return
		}
		drawn = &sum
	}
	buf := pngBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer pngBuffers.Put(buf)
	if err := b.drawShare(buf, d.Pages[0]); err != nil {
		b.res.Diags.Errorf(path, 0, "the share picture could not be drawn: %v", err)
		return
	}
	b.writePNG(p, path, buf.Bytes(), drawn, "share")
}

// drawShare draws a share picture and encodes it as PNG into buf; the
// canvas is given back before the file is written.
func (b *builder) drawShare(buf *bytes.Buffer, pg *layout.Page) error {
	img := canvas(ShareWidth, ShareHeight)
	defer release(img)
	if err := b.raster.Draw(img, pg); err != nil {
		return err
	}
	return raster.EncodePNG(buf, img)
}
