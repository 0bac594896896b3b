package pipeline

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"leafpress/export/doc"
	"leafpress/export/docx"
	"leafpress/export/outfile"
)

// jobs runs functions on as many goroutines as there are processors.
type jobs struct {
	wg  sync.WaitGroup
	sem chan struct{}
}

func newJobs() *jobs { return &jobs{sem: make(chan struct{}, runtime.GOMAXPROCS(0))} }

func (j *jobs) run(fn func()) {
	j.wg.Add(1)
	j.sem <- struct{}{}
	go func() {
		defer func() { <-j.sem; j.wg.Done() }()
		fn()
	}()
}

func (j *jobs) wait() { j.wg.Wait() }

// resultMu guards Result while backends run concurrently.
var resultMu sync.Mutex

// buildBackends writes the PDF and DOCX outputs of one programme.
func buildBackends(p *doc.Programme, dir string, opts *Options, res *Result) {
	j := newJobs()
	if opts.wants("docx") {
		buildDOCX(p, dir, opts, res, j)
	}
	if opts.wants("pdf") || opts.wants("print") {
		buildPDF(p, dir, opts, res, j)
	}
	j.wait()
	sortFiles(res.Files[p.UID])
}

// checkBackends lays out one programme without writing, to find overflows.
func checkBackends(p *doc.Programme, opts *Options, res *Result) {
	checkPDF(p, opts, res)
}

// write writes one output file and records it in res.
func write(p *doc.Programme, path string, res *Result, opts *Options, fn func(io.Writer) error) error {
	err := outfile.Write(path, fn)
	resultMu.Lock()
	res.record(p, path, err, opts)
	resultMu.Unlock()
	return err
}

func buildDOCX(p *doc.Programme, dir string, opts *Options, res *Result, j *jobs) {
	dopt := docx.Options{
		Date: opts.Date,
		Warn: func(file, msg string) { res.Diags.Warnf(file, 0, "%s", msg) },
	}
	if opts.ReferenceDOCX != "" {
		ref, err := os.ReadFile(opts.ReferenceDOCX)
		if err != nil {
			res.Diags.Errorf(opts.ReferenceDOCX, 0, "cannot read the reference Word document (--reference-docx): %v; give the path of a .docx file", err)
			return
		}
		if err := docx.CheckReference(ref); err != nil {
			res.Diags.Errorf(opts.ReferenceDOCX, 0, "%v (--reference-docx); no Word files were written", err)
			return
		}
		dopt.Reference = ref
	}
	// Only the programme file warns, so a chapter's problem is said once.
	quiet := dopt
	quiet.Warn = nil
	j.run(func() {
		write(p, filepath.Join(dir, "program.docx"), res, opts, func(w io.Writer) error {
			return docx.Programme(w, p, dopt)
		})
	})
	for _, c := range p.Chapters {
		j.run(func() {
			path := filepath.Join(dir, "chapters", c.UID+".docx")
			if err := write(p, path, res, opts, func(w io.Writer) error {
				return docx.Chapter(w, p, c, quiet)
			}); err != nil {
				res.Diags.Errorf(c.Source, 0, "the Word file of this chapter could not be written: %v", err)
			}
		})
	}
}
