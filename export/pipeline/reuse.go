package pipeline

import (
	"io"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"leafpress/export/doc"
	"leafpress/export/doccache"
	"leafpress/export/outfile"
	"leafpress/export/pdf"
	"leafpress/layout"
)

// Finished PDFs are kept in the cache folder (package doccache) with what
// their making reported, and copied from there when a document's inputs
// have not changed: its programme's tree, the templates, the pictures'
// contents, the options and leafpress itself. Only when the PDFs are the
// only outputs that need a document's layout (no Word files, thumbnails,
// share pictures, web pages or booklet in the run), since those would lay
// it out anyway.

// reusable reports whether this run may copy finished PDFs from the cache.
func (b *builder) reusable() bool {
	o := b.opts
	return b.docs != nil && o.Formats != nil && !o.wants("docx") && !o.wants("thumbs") && !o.wants("share") &&
		!o.wants("html") && o.Impose == "" && (o.wants("pdf") || o.wants("print"))
}

// madePDFs is a cache entry: one document's PDFs and what making them
// reported.
type madePDFs struct {
	Warnings, Notes []string // the layout's
	Files           []madePDF
}

type madePDF struct {
	Name      string // relative to the programme's folder
	path      string // where it was written; kept apart from the rest in the entry
	Report    *pdf.Report
	Check     string // preflight name of a print PDF, else ""
	Imprinted bool
}

// programmeInputs is what every document of a programme is made from,
// besides leafpress itself.
type programmeInputs struct {
	Programme *doc.Programme
	Pictures  []string // the content digest (or the problem) of each picture, in tree order
	Templates []any
	Formats   []string
	Date      string // when fixed (SOURCE_DATE_EPOCH); a run's own date is not an input
}

// docKey returns the cache key of one document of p (what names it), ok
// false when the document is not to be reused.
func (b *builder) docKey(p *doc.Programme, what string) (doccache.Key, bool) {
	if !b.reusable() {
		return "", false
	}
	v, _ := b.inputs.LoadOrStore(p, sync.OnceValues(func() (doccache.Key, bool) { return b.programmeKey(p) }))
	base, ok := v.(func() (doccache.Key, bool))()
	if !ok {
		return "", false
	}
	return b.docs.Key("pdf document", base, what)
}

// programmeKey digests what every document of p is made from, once per
// programme.
func (b *builder) programmeKey(p *doc.Programme) (doccache.Key, bool) {
	in := programmeInputs{Programme: p, Templates: []any{b.progT, b.chapT}}
	for _, f := range []string{"pdf", "print"} {
		if b.opts.wants(f) {
			in.Formats = append(in.Formats, f)
		}
	}
	if !b.opts.DateIsNow {
		in.Date = b.opts.Date.UTC().String()
	}
	for _, im := range placedImages(p) {
		in.Pictures = append(in.Pictures, b.pictureDigest(im))
	}
	b.keyPictures.Store(p, sync.OnceValue(func() bool { return b.picturesAsKeyed(p, in.Pictures) }))
	return b.docs.Key("pdf documents", in)
}

// picturesAsKeyed reports whether the pictures p's documents were made
// from are those its key names (keyed): a digest remembered by file
// identity (pictureDigest) is not read from the content, which may have
// changed since within the run. The pictures' sources are each read once
// per run, and the documents were made from them, so the answer is the
// same for every document of p and is worked out once (keyPictures).
func (b *builder) picturesAsKeyed(p *doc.Programme, keyed []string) bool {
	ims := placedImages(p)
	if len(ims) != len(keyed) {
		return false
	}
	for i, im := range ims {
		s, err := b.pictures.Source(im)
		if err != nil && "error: "+err.Error() != keyed[i] || err == nil && s.Digest() != keyed[i] {
			return false
		}
	}
	return true
}

// asKeyed is picturesAsKeyed for p, worked out at its first call; false
// when p's documents have no key.
func (b *builder) asKeyed(p *doc.Programme) bool {
	v, ok := b.keyPictures.Load(p)
	return ok && v.(func() bool)()
}

// pictureDigest returns the content digest of a picture's file, or its
// problem. A file unchanged since a run digested it is not read again
// (doccache.FileDigest), so a rebuild that copies every document reads no
// picture.
func (b *builder) pictureDigest(im *doc.Image) string {
	read := func() (string, bool) {
		s, err := b.pictures.Source(im)
		if err != nil {
			return "error: " + err.Error(), false
		}
		return s.Digest(), true
	}
	if im.FS != nil || im.Path == "" {
		d, _ := read()
		return d
	}
	d, _ := b.docs.FileDigest(im.Path, func() (string, bool) {
		// A picture new or changed since the last run: the documents
		// placing it are made, so large pictures start decoding now.
		b.making()
		return read()
	})
	return d
}

// placedImages returns the pictures p's chapters place: each chapter's
// picture and the pictures in its text, in tree order.
func placedImages(p *doc.Programme) []*doc.Image {
	var ims []*doc.Image
	for _, c := range p.Chapters {
		if c.Image != nil {
			ims = append(ims, c.Image)
		}
		doc.WalkBlocks(c.Blocks, func(bl doc.Block) bool {
			if ib, ok := bl.(*doc.ImageBlock); ok {
				ims = append(ims, &ib.Image)
			}
			return true
		})
	}
	return ims
}

// reused copies the PDFs of entry k into dir and reports what making them
// reported, as making them again would; false when the cache has no such
// entry.
func (b *builder) reused(p *doc.Programme, k doccache.Key, dir, file string, checks *printChecks) bool {
	var e madePDFs
	if k == "" {
		return false
	}
	entry, ok := b.docs.Load(k, &e)
	if !ok {
		return false
	}
	defer entry.Close()
	if len(e.Files) == 0 || entry.Files() != len(e.Files) {
		return false
	}
	layoutWarnings(p, &layout.Document{Warnings: e.Warnings, Notes: e.Notes}, b.res.Diags, b.opts, file)
	for i, f := range e.Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if outfile.Within(b.opts.Out, path) == nil && entry.Same(i, path) {
			// The file there is already this one: left as it is (and
			// its date with it), nothing written that a sync must wait for.
			b.res.record(p, path, nil, b.opts)
		} else if b.write(p, path, func(w io.Writer) error { return entry.WriteFile(i, w) }) != nil {
			continue
		}
		b.reportProblems(p, path, f.Report)
		if f.Check != "" && f.Report != nil {
			checks.add(p, f.Check, f.Report, f.Imprinted)
		}
	}
	b.res.mu.Lock()
	b.res.Reused++
	b.res.mu.Unlock()
	return true
}

// pdfRecord gathers the PDFs of one document as they are written, to
// keep them in the cache; a nil record keeps nothing.
type pdfRecord struct {
	mu    sync.Mutex // the programme's PDFs are written by parallel jobs
	prog  *doc.Programme
	key   doccache.Key
	dir   string
	entry madePDFs
	ok    bool
}

func (b *builder) recordPDFs(p *doc.Programme, k doccache.Key, dir string, d *layout.Document) *pdfRecord {
	if k == "" {
		return nil
	}
	return &pdfRecord{prog: p, key: k, dir: dir, ok: true, entry: madePDFs{Warnings: slices.Clone(d.Warnings), Notes: slices.Clone(d.Notes)}}
}

// add notes a PDF written to path (nil r: it failed, and the document is
// not kept).
func (r *pdfRecord) add(path string, rep *pdf.Report, check string, imprinted bool) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	rel, err := filepath.Rel(r.dir, path)
	if rep == nil || err != nil {
		r.ok = false
		return
	}
	r.entry.Files = append(r.entry.Files, madePDF{Name: filepath.ToSlash(rel), path: path, Report: rep, Check: check, Imprinted: imprinted})
}

// keep stores the document's PDFs when every one was written.
func (b *builder) keep(r *pdfRecord) {
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ok && len(r.entry.Files) > 0 && b.asKeyed(r.prog) {
		slices.SortFunc(r.entry.Files, func(a, c madePDF) int { return strings.Compare(a.Name, c.Name) })
		var paths []string
		for _, f := range r.entry.Files {
			paths = append(paths, f.path)
		}
		b.docs.StoreFiles(r.key, r.entry, paths)
	}
}
