package pipeline

import (
	"io"
	"path/filepath"
	"sync"
	"sync/atomic"

	"leafpress/export/doc"
	"leafpress/export/docx"
	"leafpress/export/impose"
	"leafpress/export/pdf"
	"leafpress/export/preflight"
	"leafpress/layout"
)

// printChecks gathers the preflight results of a programme's print PDFs;
// preflight.json is written once they are all done.
type printChecks struct {
	mu   sync.Mutex
	list []*preflight.Result
}

func (pc *printChecks) add(p *doc.Programme, file string, r *pdf.Report, imprinted bool) {
	c := preflight.Check(r)
	c.File = file
	c.Add(preflight.Imprint(p.Imprint, imprinted))
	pc.mu.Lock()
	pc.list = append(pc.list, c)
	pc.mu.Unlock()
}

// pdfSide reports whether a document is laid out for its files: the
// PDFs or the thumbnails are wanted.
func (b *builder) pdfSide() bool {
	return b.opts.wants("pdf") || b.opts.wants("print") || b.opts.wants("thumbs")
}

// laidOut reports whether documents are laid out at all: for their
// files, or for the download page's page counts.
func (b *builder) laidOut() bool { return b.pdfSide() || b.opts.wants("html") }

// programmeDocs writes the programme's own documents: its screen, print
// and booklet PDFs, its thumbnails and its Word file. The programme is
// laid out once by a first job, which then hands the other files to jobs
// of their own (the thumbnails a few pages each), so that they are drawn
// in parallel with each other and with the chapters. The layout is let go
// when the last of them ends; facts keeps what the download page needs.
func (b *builder) programmeDocs(p *doc.Programme, dir string, j *jobs, step func(), checks *printChecks, facts *docFacts) {
	opts := b.opts
	wordFile := func(thumb []byte) {
		if !opts.wants("docx") || b.docxBroken {
			return
		}
		opt := b.docx
		opt.Thumbnail = thumb
		b.write(p, filepath.Join(dir, "program.docx"), func(w io.Writer) error {
			return docx.Programme(w, p, opt)
		})
		step()
	}
	if b.progT == nil || !b.laidOut() {
		j.run(func() { wordFile(nil) })
		return
	}
	j.run(func() {
		key, _ := b.docKey(p, "programme")
		if b.reused(p, key, dir, programmeFile(p), checks) {
			step() // only PDFs are wanted (reusable)
			return
		}
		b.making()
		d := b.layoutProgramme(p)
		*facts = factsOf(d)
		if d == nil {
			if b.pdfSide() {
				step()
			}
			wordFile(nil)
			return
		}
		rec := b.recordPDFs(p, key, dir, d)
		// The PDF-side document is done when the last of its jobs is.
		var left atomic.Int32
		left.Store(1)
		finish := func() {
			if left.Add(-1) == 0 {
				b.keep(rec)
				if b.pdfSide() {
					step()
				}
			}
		}
		printPDF := func(pd *layout.Document) {
			path := filepath.Join(dir, "program-print.pdf")
			r := b.writePDF(p, path, pd, b.pdfOptions(b.progT, true, "program-print.pdf"))
			if r != nil {
				checks.add(p, "program-print.pdf", r, b.progT.Web.BackCover || b.progT.Web.Chapters)
			}
			rec.add(path, r, "program-print.pdf", b.progT.Web.BackCover || b.progT.Web.Chapters)
		}
		// A programme with links is laid out again for paper (forPrint).
		// That second layout is made once the jobs using the first are
		// done and have let it go: a programme of a thousand chapters
		// takes over a hundred megabytes laid out, and two at once would
		// double what the build holds.
		relayout := opts.wants("print") && layout.HasLinks(d)
		var users atomic.Int32
		users.Store(1)
		release := func() {
			if users.Add(-1) == 0 && relayout {
				left.Add(1)
				j.spawn(func() {
					pd, err := layout.Programme(p, b.progT, layout.ForPrint())
					if err != nil {
						// The print PDF then has no addresses, as forPrint does.
						pd, err = layout.Programme(p, b.progT)
					}
					if err == nil {
						printPDF(pd)
					}
					finish()
				})
			}
		}
		part := func(fn func()) {
			left.Add(1)
			users.Add(1)
			j.spawn(func() {
				fn()
				release()
				finish()
			})
		}
		var first []byte
		if opts.wants("thumbs") && len(d.Pages) > 0 {
			first = b.writeThumbs(p, filepath.Join(dir, "thumbs"), "program", d, 0, 1)
			for lo := 1; lo < len(d.Pages); lo += thumbPagesPerJob {
				part(func() {
					b.writeThumbs(p, filepath.Join(dir, "thumbs"), "program", d, lo, min(lo+thumbPagesPerJob, len(d.Pages)))
				})
			}
		}
		j.spawn(func() { wordFile(first) })
		if opts.wants("print") && !relayout {
			part(func() { printPDF(d) })
		}
		if opts.Impose == "booklet" {
			part(func() {
				b.write(p, filepath.Join(dir, "program-booklet.pdf"), func(w io.Writer) error {
					_, err := impose.Write(w, d, pdf.Options{Date: opts.Date, Pictures: b.pictures})
					return err
				})
			})
		}
		if opts.wants("pdf") {
			path := filepath.Join(dir, "program.pdf")
			rec.add(path, b.writePDF(p, path, d, b.pdfOptions(b.progT, false, "")), "", false)
		}
		release()
		finish()
	})
}

// chapterDocs writes one chapter's files: its leaflet and print PDFs, its
// thumbnails, its Word file and its share picture, from one layout that
// is let go when they are written. It returns what the download page
// needs of the leaflet.
func (b *builder) chapterDocs(p *doc.Programme, c *doc.Chapter, name, dir string, step func(), checks *printChecks) docFacts {
	opts := b.opts
	var facts docFacts
	var thumb []byte
	if b.chapT != nil && b.laidOut() {
		key, _ := b.docKey(p, "chapter "+c.UID)
		if b.reused(p, key, dir, c.Source, checks) {
			step() // only PDFs are wanted (reusable)
			return facts
		}
		b.making()
		if d := b.layoutChapter(p, c); d != nil {
			facts = factsOf(d)
			rec := b.recordPDFs(p, key, dir, d)
			base := filepath.Join(dir, "chapters", name)
			if opts.wants("pdf") {
				rec.add(base+".pdf", b.writePDF(p, base+".pdf", d, b.pdfOptions(b.chapT, false, "")), "", false)
			}
			if opts.wants("print") {
				pd := forPrint(d, func() (*layout.Document, error) {
					return layout.Chapter(p, c, b.chapT, layout.ForPrint(), layout.Reusing(d))
				})
				r := b.writePDF(p, base+"-print.pdf", pd, b.pdfOptions(b.chapT, true, name+"-print.pdf"))
				if r != nil {
					checks.add(p, "chapters/"+name+"-print.pdf", r, b.chapT.Web.Chapters)
				}
				rec.add(base+"-print.pdf", r, "chapters/"+name+"-print.pdf", b.chapT.Web.Chapters)
			}
			b.keep(rec)
			if opts.wants("thumbs") {
				thumb = b.writeThumbs(p, filepath.Join(dir, "thumbs"), name, d, 0, len(d.Pages))
			}
		}
		if b.pdfSide() {
			step()
		}
	}
	if opts.wants("docx") && !b.docxBroken {
		// Only the programme file warns, so a chapter's problem is said once.
		opt := b.docx
		opt.Warn = nil
		opt.Thumbnail = thumb
		path := filepath.Join(dir, "chapters", name+".docx")
		if err := b.write(p, path, func(w io.Writer) error {
			return docx.Chapter(w, p, c, opt)
		}); err != nil {
			b.res.Diags.Errorf(c.Source, 0, "the Word file of this chapter could not be written: %v", err)
		}
		step()
	}
	if b.shareT != nil {
		b.writeShare(p, filepath.Join(dir, "share", ShareName(name)), c)
		step()
	}
	return facts
}
