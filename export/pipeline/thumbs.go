package pipeline

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"path/filepath"
	"sync"

	"leafpress/export/doc"
	"leafpress/export/raster"
	"leafpress/layout"
)

// Thumbnail widths in pixels: the small one, and twice it for screens of
// high density.
const (
	ThumbWidth   = 240
	ThumbWidth2x = 2 * ThumbWidth
)

// layouts lays out a programme and each of its chapters once, when first
// asked, for every backend that needs the pages (PDF, thumbnails, the
// Word files' thumbnails), and draws each document's first page once for
// the thumbnails and the Word file. A nil document means it could not be
// laid out (reported once).
type layouts struct {
	programme func() *layout.Document
	chapters  []func() *layout.Document
	// firsts[0] is the programme's first page, firsts[1+i] chapter i's:
	// the ThumbWidth2x and the ThumbWidth picture, the latter as PNG.
	firsts []func() firstPage
}

// firstPage is a document's first page drawn for thumbnails.
type firstPage struct {
	big   *image.RGBA
	small []byte // PNG
}

// chapter returns the i-th chapter's own layout.
func (ls *layouts) chapter(i int) *layout.Document { return ls.chapters[i]() }

func (b *builder) layouts(p *doc.Programme) *layouts {
	none := func() *layout.Document { return nil }
	ls := &layouts{programme: none}
	if b.progT != nil {
		ls.programme = sync.OnceValue(func() *layout.Document { return b.layoutProgramme(p) })
	}
	for _, c := range p.Chapters {
		f := none
		if b.chapT != nil {
			f = sync.OnceValue(func() *layout.Document { return b.layoutChapter(p, c) })
		}
		ls.chapters = append(ls.chapters, f)
	}
	for _, d := range append([]func() *layout.Document{ls.programme}, ls.chapters...) {
		ls.firsts = append(ls.firsts, sync.OnceValue(func() firstPage {
			doc := d()
			if doc == nil || len(doc.Pages) == 0 {
				return firstPage{}
			}
			big, small, err := b.drawThumb(doc.Pages[0])
			if err != nil {
				return firstPage{}
			}
			return firstPage{big: big, small: small}
		}))
	}
	return ls
}

// ThumbName is the file name of page n (1-based) of a document's
// thumbnails, for the document named name ("program" or a chapter's uid)
// of pages pages; x2 names the high-density one. The programme's pages are
// numbered with two digits at least (program-01.png), a chapter's as they
// are (<uid>-1.png).
func ThumbName(name string, n, pages int, x2 bool) string {
	num := fmt.Sprint(n)
	if name == "program" {
		num = fmt.Sprintf("%0*d", max(2, len(fmt.Sprint(pages))), n)
	}
	if x2 {
		return name + "-" + num + "@2x.png"
	}
	return name + "-" + num + ".png"
}

// drawThumb draws a page ThumbWidth2x wide, and from it the ThumbWidth
// picture as PNG.
func (b *builder) drawThumb(pg *layout.Page) (*image.RGBA, []byte, error) {
	big, err := b.raster.Page(pg, ThumbWidth2x, 2*raster.Height(pg, ThumbWidth))
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := raster.EncodePNG(&buf, raster.Half(big)); err != nil {
		return nil, nil, err
	}
	return big, buf.Bytes(), nil
}

// writeThumbs writes each page of d as a PNG at ThumbWidth2x and at
// ThumbWidth pixels wide into dir; first is d's first page, drawn already.
func (b *builder) writeThumbs(p *doc.Programme, dir, name string, d *layout.Document, first func() firstPage) {
	for i, pg := range d.Pages {
		var big *image.RGBA
		var small []byte
		var err error
		if f := first(); i == 0 && f.big != nil {
			big, small = f.big, f.small
		} else if big, small, err = b.drawThumb(pg); err != nil {
			b.res.Diags.Errorf(filepath.Join(dir, name), 0, "the page thumbnails could not be drawn: %v", err)
			return
		}
		b.write(p, filepath.Join(dir, ThumbName(name, pg.Number, len(d.Pages), true)), func(w io.Writer) error {
			return raster.EncodePNG(w, big)
		})
		b.write(p, filepath.Join(dir, ThumbName(name, pg.Number, len(d.Pages), false)), func(w io.Writer) error {
			_, err := w.Write(small)
			return err
		})
	}
}

// docxThumbnail returns the PNG of a document's first page, ThumbWidth
// wide, for its Word file; nil when thumbnails are not wanted or there is
// no page.
func (b *builder) docxThumbnail(first func() firstPage) []byte {
	if !b.opts.wants("thumbs") {
		return nil
	}
	return first().small
}
