package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/impose"
	"leafpress/export/pdf"
	"leafpress/export/preflight"
	"leafpress/layout"
	"leafpress/templates"
)

// loadTemplate reads a template given by built-in name or by file.
func loadTemplate(name string) (*templates.Template, error) {
	if strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml") || strings.ContainsRune(name, os.PathSeparator) {
		return templates.Load(name)
	}
	if _, err := os.Stat(name); err == nil {
		return templates.Load(name)
	}
	return templates.Builtin(name)
}

// templatePair loads the programme and chapter templates, reporting
// failures as errors on the template's file.
func templatePair(opts *Options, diags *diag.List) (prog, chap *templates.Template) {
	load := func(name, def, flag string) *templates.Template {
		if name == "" {
			name = def
		}
		t, err := loadTemplate(name)
		if err != nil {
			warned.add(diags, templateDiag(name, flag, err))
			return nil
		}
		return t
	}
	return load(opts.Template, DefaultTemplate, "--template"), load(opts.ChapterTemplate, DefaultChapterTemplate, "--chapter-template")
}

// templateDiag turns a template error into a diagnostic with its line.
func templateDiag(name, flag string, err error) diag.Diagnostic {
	var te *templates.Error
	if errors.As(err, &te) {
		return diag.Diagnostic{Severity: diag.Error, File: te.File, Line: te.Line, Column: te.Column, Message: te.Message}
	}
	return diag.Diagnostic{Severity: diag.Error, File: name, Message: fmt.Sprintf("%v (%s takes a built-in name: %s, or a YAML file)", err, flag, strings.Join(templates.Names(), ", "))}
}

// warnOnce adds diagnostics to a list unless the same text is already in
// it: the programmes of one run share their templates and pictures, and a
// problem with one of those is said once. It keeps no state between runs.
type warnOnce struct {
	mu sync.Mutex
}

func (w *warnOnce) add(l *diag.List, d diag.Diagnostic) {
	w.mu.Lock()
	defer w.mu.Unlock()
	key := d.String()
	for _, old := range l.Items() {
		if old.String() == key {
			return
		}
	}
	l.Add(d)
}

var warned warnOnce

// layoutWarnings adds the layout's warnings ("file: message") as
// diagnostics on their chapter file.
func layoutWarnings(p *doc.Programme, d *layout.Document, diags *diag.List, opts *Options) {
	for _, n := range d.Notes {
		opts.log("%s", n)
	}
	for _, w := range d.Warnings {
		if saidBySource(p, w) {
			continue
		}
		dg := diag.Diagnostic{Severity: diag.Warning, Message: w}
		if file, msg, ok := strings.Cut(w, ": "); ok && chapterFile(p, file) {
			dg.File, dg.Message = file, msg
		}
		warned.add(diags, dg)
	}
}

// reportProblems adds the PDF writer's warnings (low resolution, missing glyphs).
func reportProblems(p *doc.Programme, r *pdf.Report, diags *diag.List) {
	if r == nil {
		return
	}
	for _, d := range r.Problems {
		if saidBySource(p, d.Message) {
			continue
		}
		warned.add(diags, d)
	}
}

// saidBySource reports whether a backend's warning is about a missing
// chapter picture the source reader has already reported with its line.
func saidBySource(p *doc.Programme, msg string) bool {
	if !strings.Contains(msg, "placeholder") {
		return false
	}
	for _, c := range p.Chapters {
		if c.Image != nil && c.Image.Missing != "" && strings.Contains(msg, c.Image.Src) {
			return true
		}
	}
	return false
}

func chapterFile(p *doc.Programme, file string) bool {
	for _, c := range p.Chapters {
		if c.Source == file {
			return true
		}
	}
	return false
}

// pdfOptions are the writer's options for a template.
func pdfOptions(t *templates.Template, opts *Options, print bool, slug string) pdf.Options {
	o := pdf.Options{Date: opts.Date, Print: print}
	if print {
		o.PictureCMYK = t.Print.Pictures == "cmyk"
		o.RegistrationMarks = t.Print.RegistrationMarks
		if t.Print.Slug != "" || t.Print.CropMarks {
			o.Slug = slug
		}
	}
	return o
}

// preflightFile is the content of preflight.json: one result per print PDF.
type preflightFile struct {
	Status  preflight.Status    `json:"status"`
	Results []*preflight.Result `json:"results"`
}

func buildPDF(p *doc.Programme, dir string, opts *Options, res *Result, j *jobs) {
	progT, chapT := templatePair(opts, res.Diags)
	var mu sync.Mutex
	var checks []*preflight.Result
	addCheck := func(file string, r *pdf.Report) {
		c := preflight.Check(r)
		c.File = file
		mu.Lock()
		checks = append(checks, c)
		mu.Unlock()
	}
	var wg sync.WaitGroup
	if progT != nil {
		wg.Add(1)
		j.run(func() {
			defer wg.Done()
			d, err := layout.Programme(p, progT)
			if err != nil {
				res.Diags.Errorf(programmeFile(p), 0, "the programme PDF could not be laid out: %v", err)
				return
			}
			layoutWarnings(p, d, res.Diags, opts)
			if opts.wants("pdf") {
				writePDF(p, filepath.Join(dir, "program.pdf"), d, pdfOptions(progT, opts, false, ""), res, opts)
			}
			if opts.wants("print") {
				if r := writePDF(p, filepath.Join(dir, "program-print.pdf"), d, pdfOptions(progT, opts, true, "program-print.pdf"), res, opts); r != nil {
					addCheck("program-print.pdf", r)
				}
			}
			if opts.Impose == "booklet" {
				path := filepath.Join(dir, "program-booklet.pdf")
				write(p, path, res, opts, func(w io.Writer) error {
					_, err := impose.Write(w, d, pdf.Options{Date: opts.Date})
					return err
				})
			}
		})
	}
	if chapT != nil {
		for _, c := range p.Chapters {
			wg.Add(1)
			j.run(func() {
				defer wg.Done()
				d, err := layout.Chapter(p, c, chapT)
				if err != nil {
					res.Diags.Errorf(c.Source, 0, "the chapter's own PDF (template %s) could not be laid out: %s", chapT.Name, unprefixed(err, c.Source))
					return
				}
				layoutWarnings(p, d, res.Diags, opts)
				base := filepath.Join(dir, "chapters", c.UID)
				if opts.wants("pdf") {
					writePDF(p, base+".pdf", d, pdfOptions(chapT, opts, false, ""), res, opts)
				}
				if opts.wants("print") {
					name := "chapters/" + c.UID + "-print.pdf"
					if r := writePDF(p, base+"-print.pdf", d, pdfOptions(chapT, opts, true, c.UID+"-print.pdf"), res, opts); r != nil {
						addCheck(name, r)
					}
				}
			})
		}
	}
	// preflight.json is written once every print PDF of the programme is done.
	wg.Wait()
	if len(checks) == 0 {
		return
	}
	sortChecks(checks)
	pf := preflightFile{Status: preflight.Pass}
	for _, c := range checks {
		pf.Results = append(pf.Results, c)
		pf.Status = worst(pf.Status, c.Status)
		if c.Failed() {
			res.preflightFailed = true
		}
	}
	path := filepath.Join(dir, "preflight.json")
	write(p, path, res, opts, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(pf)
	})
	resultMu.Lock()
	checks[0].File = filepath.Join(dir, checks[0].File)
	res.Preflight[checks[0].File] = summarise(checks)
	resultMu.Unlock()
}

// writePDF writes one PDF and returns its report, or nil when it failed.
func writePDF(p *doc.Programme, path string, d *layout.Document, o pdf.Options, res *Result, opts *Options) *pdf.Report {
	var rep *pdf.Report
	err := write(p, path, res, opts, func(w io.Writer) error {
		r, err := pdf.Write(w, d, o)
		rep = r
		return err
	})
	if err != nil {
		return nil
	}
	reportProblems(p, rep, res.Diags)
	return rep
}

func checkPDF(p *doc.Programme, opts *Options, res *Result) {
	progT, chapT := templatePair(opts, res.Diags)
	if progT != nil {
		if d, err := layout.Programme(p, progT); err != nil {
			res.Diags.Errorf(programmeFile(p), 0, "the programme PDF could not be laid out: %v", err)
		} else {
			layoutWarnings(p, d, res.Diags, opts)
		}
	}
	if chapT != nil {
		for _, c := range p.Chapters {
			if d, err := layout.Chapter(p, c, chapT); err != nil {
				res.Diags.Errorf(c.Source, 0, "the chapter's own PDF (template %s) could not be laid out: %s", chapT.Name, unprefixed(err, c.Source))
			} else {
				layoutWarnings(p, d, res.Diags, opts)
			}
		}
	}
}

// unprefixed is err's message without the file name the diagnostic
// already starts with.
func unprefixed(err error, file string) string {
	return strings.TrimPrefix(err.Error(), file+": ")
}

// programmeFile names the programme's folder for diagnostics about it as a whole.
func programmeFile(p *doc.Programme) string {
	if len(p.Chapters) > 0 {
		return filepath.ToSlash(filepath.Dir(p.Chapters[0].Source))
	}
	return p.UID
}
