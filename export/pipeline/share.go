package pipeline

import (
	"io"
	"path/filepath"

	"leafpress/export/doc"
	"leafpress/export/outfile"
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

// buildShare writes share/program.png and share/<uid>.png for every
// chapter.
func (b *builder) buildShare(p *doc.Programme, dir string, j *jobs) {
	if b.shareT == nil {
		return
	}
	b.writeShare(p, filepath.Join(dir, "share", ShareName("program")), nil, j)
	for _, c := range p.Chapters {
		name, err := outfile.Name(c.UID)
		if err != nil {
			continue // reported with the chapter's other files
		}
		b.writeShare(p, filepath.Join(dir, "share", ShareName(name)), c, j)
	}
}

func (b *builder) writeShare(p *doc.Programme, path string, c *doc.Chapter, j *jobs) {
	j.run(func() {
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
		img, err := b.raster.Page(d.Pages[0], ShareWidth, ShareHeight)
		if err != nil {
			b.res.Diags.Errorf(path, 0, "the share picture could not be drawn: %v", err)
			return
		}
		b.write(p, path, func(w io.Writer) error { return raster.EncodePNG(w, img) })
	})
}
