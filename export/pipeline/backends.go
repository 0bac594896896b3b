package pipeline

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/doccache"
	"leafpress/export/docx"
	"leafpress/export/html"
	"leafpress/export/outfile"
	"leafpress/export/picture"
	"leafpress/export/raster"
	"leafpress/templates"
)

// jobs runs functions on as many goroutines as there are processors:
// the jobs of one programme, with the processors (sem) shared by every
// programme of the run.
type jobs struct {
	wg  sync.WaitGroup
	sem chan struct{}
}

// newProcessors returns the semaphore of a run's jobs: one slot a
// processor.
func newProcessors() chan struct{} { return make(chan struct{}, runtime.GOMAXPROCS(0)) }

func newJobs(sem chan struct{}) *jobs { return &jobs{sem: sem} }

// run starts fn once a processor is free, waiting for it.
func (j *jobs) run(fn func()) {
	j.wg.Add(1)
	j.sem <- struct{}{}
	go j.do(fn)
}

// spawn is run for a job that starts other jobs: it returns at once, and
// fn waits for a processor in a goroutine of its own, so that a running
// job never waits for a free one.
func (j *jobs) spawn(fn func()) {
	j.wg.Add(1)
	go func() {
		j.sem <- struct{}{}
		j.do(fn)
	}()
}

func (j *jobs) do(fn func()) {
	defer func() {
		<-j.sem
		j.wg.Done()
	}()
	fn()
}

func (j *jobs) wait() { j.wg.Wait() }

// builder holds what every programme of a run shares: the templates and
// the Word options, read once, with their problems reported once.
type builder struct {
	opts       *Options
	res        *Result
	progT      *templates.Template // nil when it could not be read
	chapT      *templates.Template // nil when it could not be read
	docx       docx.Options
	docxBroken bool // the reference document is unusable: no Word files
	pics       pictureNotes
	raster     *raster.Renderer
	shareT     *templates.Template // nil when share pictures are not wanted or the template is broken
	// pictures prepares every picture once for all the run's documents.
	pictures *picture.Cache
	// pages keeps drawn thumbnails and share pictures between runs.
	pages *pageCache
	// prefetch starts decoding the run's large pictures ahead (once; nil
	// when no output needs pictures).
	prefetch func()
	// procs bounds the jobs running at once, over all programmes.
	procs chan struct{}
	// progressMu keeps the programmes' progress reports from overlapping.
	progressMu sync.Mutex
	// docs keeps finished PDFs between runs (reuse.go); nil without a
	// cache folder.
	docs   *doccache.Cache
	inputs sync.Map // *doc.Programme → the digest of its documents' inputs (reuse.go)
	// keyPictures holds, by *doc.Programme, whether the pictures its
	// documents were made from are those their key names, worked out
	// once (reuse.go).
	keyPictures sync.Map

	mu    sync.Mutex   // guards index
	index []html.Entry // the programmes' pages, for OUT/index.html
}

func newBuilder(opts *Options, res *Result) *builder {
	b := &builder{opts: opts, res: res, pictures: picture.New(opts.CacheDir, 0), docs: doccache.New(opts.CacheDir), procs: newProcessors()}
	b.raster = raster.New(b.pictures)
	b.pages = &pageCache{dir: opts.CacheDir}
	if opts.wants("pdf") || opts.wants("print") || opts.wants("thumbs") || opts.wants("share") {
		b.progT = b.template(opts.Template, DefaultTemplate, "--template")
		b.chapT = b.template(opts.ChapterTemplate, DefaultChapterTemplate, "--chapter-template")
	}
	if opts.wants("share") {
		b.shareT = b.shareTemplate()
	}
	if opts.wants("docx") {
		var warnings []diag.Diagnostic
		for _, d := range res.Diags.Items() {
			if d.Severity == diag.Warning {
				warnings = append(warnings, d)
			}
		}
		b.docx = docx.Options{
			Date:       opts.Date,
			Warnings:   warnings,
			NoComments: opts.NoComments,
			Warn:       func(file, msg string) { res.Diags.Warnf(file, 0, "%s", msg) },
			Pictures:   b.pictures,
		}
		b.docxBroken = !b.reference()
	}
	return b
}

// unusable reports whether a template or the reference document that the
// wanted outputs need could not be read (the error is already reported).
func (b *builder) unusable() bool {
	pdfs := b.opts.wants("pdf") || b.opts.wants("print")
	return pdfs && (b.progT == nil || b.chapT == nil) || b.opts.wants("docx") && b.docxBroken
}

// reference reads the user's reference Word document into b.docx; it
// reports false when it cannot be used.
func (b *builder) reference() bool {
	path := b.opts.ReferenceDOCX
	if path == "" {
		return true
	}
	ref, err := os.ReadFile(path)
	if err != nil {
		b.res.Diags.Errorf(path, 0, "cannot read the reference Word document (--reference-docx): %v; give the path of a .docx file", err)
		return false
	}
	if err := docx.CheckReference(ref); err != nil {
		b.res.Diags.Errorf(path, 0, "%v (--reference-docx); no Word files were written", err)
		return false
	}
	b.docx.Reference = ref
	return true
}

// programme writes the outputs of one programme: its own documents, then
// each chapter's. Programmes are written at the same time, their jobs
// sharing the processors. A chapter's files (PDFs, thumbnails, Word file, share
// picture) are all made by one job, which lays the chapter out once and
// lets everything go when it ends; only the docFacts the download page
// needs are kept.
func (b *builder) programme(p *doc.Programme, dir string) {
	j := newJobs(b.procs)
	step := b.progress(p)
	checks := &printChecks{}
	facts := make([]docFacts, 1+len(p.Chapters))
	b.programmeDocs(p, dir, j, step, checks, &facts[0])
	if b.shareT != nil {
		j.run(func() {
			b.writeShare(p, filepath.Join(dir, "share", ShareName("program")), nil)
			step()
		})
	}
	for i, c := range p.Chapters {
		name, ok := b.name(c.UID, c.Source, "chapter")
		if !ok {
			continue
		}
		j.run(func() { facts[1+i] = b.chapterDocs(p, c, name, dir, step, checks) })
	}
	j.wait()
	if len(checks.list) > 0 {
		b.writePreflight(p, dir, checks.list)
	}
	if b.opts.wants("html") {
		b.writePage(p, dir, facts)
	}
	b.res.mu.Lock()
	sortFiles(b.res.Files[p.UID])
	b.res.mu.Unlock()
}

// name turns a uid into a file name (outfile.Name); ok is false, with an
// error on file, when it cannot be one. The reader refuses such uids
// already; this keeps every other caller of the pipeline to the same rule.
func (b *builder) name(uid, file, what string) (string, bool) {
	name, err := outfile.Name(uid)
	if err != nil {
		b.res.Diags.Errorf(file, 0, "the %s's uid cannot name a file: %v; nothing was written for it", what, err)
		return "", false
	}
	return name, true
}

// write writes one output file and records it in the result. A path
// outside the output folder is refused.
func (b *builder) write(p *doc.Programme, path string, fn func(io.Writer) error) error {
	err := outfile.Within(b.opts.Out, path)
	if err == nil {
		err = outfile.Write(path, fn)
	}
	b.res.record(p, path, err, b.opts)
	return err
}

// making is called before a document is laid out: the pictures' prefetch
// starts, if it has not.
func (b *builder) making() {
	if b.prefetch != nil {
		b.prefetch()
	}
}
