package pipeline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"leafpress/export/diag"
	"leafpress/export/doc"
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

// template loads a template given by name or file (def when empty),
// reporting a failure as an error on the template's file.
func (b *builder) template(name, def, flag string) *templates.Template {
	if name == "" {
		name = def
	}
	t, err := loadTemplate(name)
	if err != nil {
		b.res.Diags.Add(templateDiag(name, flag, err))
		return nil
	}
	return t
}

// templateDiag turns a template error into a diagnostic with its line.
func templateDiag(name, flag string, err error) diag.Diagnostic {
	var te *templates.Error
	if errors.As(err, &te) {
		return diag.Diagnostic{Severity: diag.Error, File: te.File, Line: te.Line, Column: te.Column, Message: te.Message}
	}
	return diag.Diagnostic{Severity: diag.Error, File: name, Message: fmt.Sprintf("%v (%s takes a built-in name: %s, or a YAML file)", err, flag, strings.Join(templates.Names(), ", "))}
}

// layoutWarnings adds the layout's warnings ("file: message") as
// diagnostics on their chapter file, or on file when they name none.
func layoutWarnings(p *doc.Programme, d *layout.Document, diags *diag.List, opts *Options, file string) {
	for _, n := range d.Notes {
		opts.log("%s", n)
	}
	for _, w := range d.Warnings {
		if saidBySource(p, w) {
			continue
		}
		dg := diag.Diagnostic{Severity: diag.Warning, File: file, Message: w}
		if f, msg, ok := strings.Cut(w, ": "); ok && chapterFile(p, f) {
			dg.File, dg.Message = f, msg
		}
		diags.Add(dg)
	}
}

// reportProblems adds the PDF writer's warnings (low resolution, missing
// glyphs) for the PDF at path. A problem of the whole document names that
// PDF; a picture's problem names the chapter that places the picture and
// is told once, however many pages and documents show it (see pictureNotes).
func (b *builder) reportProblems(p *doc.Programme, path string, r *pdf.Report) {
	if r == nil {
		return
	}
	for _, d := range r.Problems {
		if saidBySource(p, d.Message) {
			continue
		}
		if d.File == "" {
			d.File = filepath.ToSlash(path)
		} else if c := pictureChapter(p, d.File); c != nil {
			b.pics.note(c, d)
			continue
		}
		b.res.Diags.Add(d)
	}
}

// pictureChapter returns the first chapter that places the picture at
// path (its img or a picture in its text), or nil.
func pictureChapter(p *doc.Programme, path string) *doc.Chapter {
	for _, c := range p.Chapters {
		if c.Image != nil && (c.Image.Path == path || c.Image.Src == path) {
			return c
		}
		var found bool
		doc.WalkBlocks(c.Blocks, func(bl doc.Block) bool {
			if ib, ok := bl.(*doc.ImageBlock); ok && (ib.Path == path || ib.Src == path) {
				found = true
			}
			return !found
		})
		if found {
			return c
		}
	}
	return nil
}

// pictureNotes gathers the PDF writer's problems with pictures, so that
// each is told once on the chapter that places the picture: a picture
// shown on the cover, an overview card and a leaflet is one problem. Of
// the same kind of problem the one with the lowest resolution is kept.
type pictureNotes struct {
	mu    sync.Mutex
	notes map[string]diag.Diagnostic // by chapter file, picture and kind
	ppi   map[string]float64
}

var (
	pagePrefix = regexp.MustCompile(`^page \d+: `)
	lowPPI     = regexp.MustCompile(`has only (\d+(?:\.\d+)?) ppi`)
)

func (n *pictureNotes) note(c *doc.Chapter, d diag.Diagnostic) {
	msg := pagePrefix.ReplaceAllString(d.Message, "")
	kind, ppi := msg, 0.0
	if m := lowPPI.FindStringSubmatch(msg); m != nil {
		kind = "ppi"
		ppi, _ = strconv.ParseFloat(m[1], 64)
	}
	key := c.Source + "\x00" + d.File + "\x00" + kind
	d.File, d.Message = c.Source, msg
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.notes == nil {
		n.notes, n.ppi = map[string]diag.Diagnostic{}, map[string]float64{}
	}
	if old, ok := n.notes[key]; ok && (kind != "ppi" || ppi > n.ppi[key] || ppi == n.ppi[key] && msg >= old.Message) {
		return
	}
	n.notes[key], n.ppi[key] = d, ppi
}

// flush adds the gathered problems to diags.
func (n *pictureNotes) flush(diags *diag.List) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, k := range slices.Sorted(maps.Keys(n.notes)) {
		diags.Add(n.notes[k])
	}
	n.notes, n.ppi = nil, nil
}

// saidBySource reports whether a backend's warning is about a missing
// picture (a chapter's img or one in its text) that the source reader has
// already reported with its line.
func saidBySource(p *doc.Programme, msg string) bool {
	if !strings.Contains(msg, "placeholder") {
		return false
	}
	said := func(im *doc.Image) bool {
		return im != nil && im.Missing != "" && im.Src != "" && strings.Contains(msg, im.Src)
	}
	for _, c := range p.Chapters {
		if said(c.Image) {
			return true
		}
		found := false
		doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
			if ib, ok := b.(*doc.ImageBlock); ok && said(&ib.Image) {
				found = true
			}
			return !found
		})
		if found {
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
func (b *builder) pdfOptions(t *templates.Template, print bool, slug string) pdf.Options {
	opts := b.opts
	o := pdf.Options{Date: opts.Date, Print: print, Pictures: b.pictures}
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

// layoutProgramme lays out the whole programme, reporting its problems;
// nil when it could not be laid out.
func (b *builder) layoutProgramme(p *doc.Programme) *layout.Document {
	d, err := layout.Programme(p, b.progT)
	if err != nil {
		b.res.Diags.Errorf(programmeFile(p), 0, "the programme PDF could not be laid out: %v", err)
		return nil
	}
	layoutWarnings(p, d, b.res.Diags, b.opts, programmeFile(p))
	return d
}

// layoutChapter lays out one chapter for its own PDF, reporting its
// problems; nil when it could not be laid out.
func (b *builder) layoutChapter(p *doc.Programme, c *doc.Chapter) *layout.Document {
	d, err := layout.Chapter(p, c, b.chapT)
	if err != nil {
		b.res.Diags.Errorf(c.Source, 0, "the chapter's own PDF (template %s) could not be laid out: %s", b.chapT.Name, unprefixed(err, c.Source))
		return nil
	}
	layoutWarnings(p, d, b.res.Diags, b.opts, c.Source)
	return d
}

// forPrint returns the layout of the print PDF: the screen layout d when
// it has no links, else d laid out again by relayout for paper, with the
// links' addresses printed (layout.ForPrint). Its warnings are d's, so
// they are not reported again.
func forPrint(d *layout.Document, relayout func() (*layout.Document, error)) *layout.Document {
	if !layout.HasLinks(d) {
		return d
	}
	pd, err := relayout()
	if err != nil {
		return d // the print PDF then has no addresses; it still has no link areas
	}
	return pd
}

// writePreflight writes preflight.json and keeps the human summary.
func (b *builder) writePreflight(p *doc.Programme, dir string, checks []*preflight.Result) {
	sortChecks(checks)
	pf := preflightFile{Status: preflight.Pass, Results: checks}
	for _, c := range checks {
		pf.Status = preflight.Worse(pf.Status, c.Status)
	}
	b.write(p, filepath.Join(dir, "preflight.json"), func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(pf)
	})
	checks[0].File = filepath.Join(dir, checks[0].File)
	b.res.mu.Lock()
	b.res.Preflight[checks[0].File] = summarise(checks)
	if pf.Status == preflight.Fail {
		b.res.preflightFailed = true
	}
	b.res.mu.Unlock()
}

// writePDF writes one PDF and returns its report, or nil when it failed.
func (b *builder) writePDF(p *doc.Programme, path string, d *layout.Document, o pdf.Options) *pdf.Report {
	var rep *pdf.Report
	err := b.write(p, path, func(w io.Writer) error {
		r, err := pdf.Write(w, d, o)
		rep = r
		return err
	})
	if err != nil {
		return nil
	}
	b.reportProblems(p, path, rep)
	return rep
}

// checkPDF lays out one programme and its chapters without writing.
func (b *builder) checkPDF(p *doc.Programme) {
	if b.progT != nil {
		b.layoutProgramme(p)
	}
	if b.chapT != nil {
		for _, c := range p.Chapters {
			b.layoutChapter(p, c)
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
