// Package pipeline runs leafpress's steps in order: sources are read into
// the document tree (export/source), the typography pass runs over it
// (export/typography), and each backend writes its files from the tree
// (export/pdf through layout, export/docx). Backends never know about one
// another; a chapter that fails in one backend is reported and the others
// go on. Every file is written through export/outfile, so a failed run
// leaves the last good files.
package pipeline

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"leafpress/export/cachedir"
	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/doccache"
	"leafpress/export/html"
	"leafpress/export/outfile"
	"leafpress/export/picture"
	"leafpress/export/source"
	"leafpress/export/typography"
)

// Default templates: the booklet for a whole programme, the DL leaflet for
// one chapter.
const (
	DefaultTemplate        = "a5-booklet"
	DefaultChapterTemplate = "dl-leaflet"
)

// Formats lists the outputs `build` can write, in the order they are written.
var Formats = []string{"tree", "pdf", "print", "docx", "thumbs", "share", "html"}

// ParseFormats reads a comma list of format names.
func ParseFormats(list string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, f := range strings.Split(list, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" {
			continue
		}
		if !slices.Contains(Formats, f) {
			return nil, fmt.Errorf("unknown format %q in --formats; use a comma list of %s", f, strings.Join(Formats, ", "))
		}
		out[f] = true
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--formats is empty; use a comma list of %s", strings.Join(Formats, ", "))
	}
	return out, nil
}

// Options says what Build and Check do.
type Options struct {
	Source          source.Options
	Out             string          // output folder
	Formats         map[string]bool // which outputs; nil means all
	Template        string          // built-in name or YAML file, for program.pdf
	ChapterTemplate string          // built-in name or YAML file, for chapters/<uid>.pdf
	ReferenceDOCX   string          // user's reference .docx, or ""
	Impose          string          // "" or "booklet"
	Strict          bool            // preflight failures are errors
	NoComments      bool            // Word files without comments for the input's warnings
	Date            time.Time       // every date written into files
	// DateIsNow says Date is the time of this run, not a date fixed by
	// SOURCE_DATE_EPOCH: a PDF copied from the cache then keeps the date
	// it was made (see reuse.go).
	DateIsNow bool
	// CacheDir keeps prepared pictures between runs ("" keeps them for
	// this run only); see package picture.
	CacheDir string
	Log      func(msg string)
	// Progress, when set, is told how many of a programme's documents
	// (its Word, PDF and share picture jobs) are done, after each one;
	// calls do not overlap.
	Progress func(programme string, done, total int)
}

func (o *Options) wants(format string) bool { return o.Formats == nil || o.Formats[format] }

func (o *Options) log(format string, args ...any) {
	if o.Log != nil {
		o.Log(fmt.Sprintf(format, args...))
	}
}

// Result is what a run did.
type Result struct {
	Programmes []*doc.Programme
	Diags      *diag.List
	// Files lists the files written, per programme uid.
	Files map[string][]string
	// Preflight holds each print PDF's human summary, by file.
	Preflight map[string]string
	// Unusable is set when nothing was written (or checked) because a
	// template, the reference document or the output folder cannot be
	// used: a usage error, told in Diags.
	Unusable bool
	// Reused counts the documents whose PDFs were copied from the cache
	// folder, their inputs unchanged since they were made.
	Reused int

	mu              sync.Mutex // guards Files, Preflight and preflightFailed while backends run
	preflightFailed bool
}

func newResult(progs []*doc.Programme, diags *diag.List) *Result {
	return &Result{Programmes: progs, Diags: diags, Files: map[string][]string{}, Preflight: map[string]string{}}
}

// Chapters returns the number of chapters read.
func (r *Result) Chapters() int {
	n := 0
	for _, p := range r.Programmes {
		n += len(p.Chapters)
	}
	return n
}

// Written returns the number of files written.
func (r *Result) Written() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, fs := range r.Files {
		n += len(fs)
	}
	return n
}

// PreflightFailed reports whether any preflight check failed.
func (r *Result) PreflightFailed() bool { return r.preflightFailed }

// Summary prints what was read and written.
func (r *Result) Summary(w io.Writer) {
	for _, p := range r.Programmes {
		fmt.Fprintf(w, "%s (%s): %d chapter(s)\n", p.Title, p.UID, len(p.Chapters))
		// Files in the folders of many files (chapters, thumbs, share)
		// are counted, the others named.
		var folders []string
		count := map[string]int{}
		for _, f := range r.Files[p.UID] {
			if sub := filepath.Dir(f); groupedFolder(sub) {
				if count[sub] == 0 {
					folders = append(folders, sub)
				}
				count[sub]++
				continue
			}
			fmt.Fprintf(w, "  %s\n", f)
		}
		for _, f := range folders {
			fmt.Fprintf(w, "  %s (%d files)\n", f, count[f])
		}
	}
	for _, k := range slices.Sorted(maps.Keys(r.Preflight)) {
		io.WriteString(w, r.Preflight[k])
	}
	e, wn := r.Diags.Count()
	fmt.Fprintf(w, "%d error(s), %d warning(s)\n", e, wn)
}

// Load reads the sources and runs the typography pass.
func Load(opts source.Options) ([]*doc.Programme, *diag.List) {
	progs, diags := source.Load(opts)
	for _, p := range progs {
		typography.Programme(p)
	}
	return progs, diags
}

// Build reads everything and writes every wanted output.
func Build(opts Options) *Result {
	progs, diags := Load(opts.Source)
	res := newResult(progs, diags)
	b := newBuilder(&opts, res)
	// Nothing is written unless the templates, the reference document and
	// the output folder can all be used.
	if b.unusable() {
		res.Unusable = true
		return res
	}
	if err := outfile.Usable(opts.Out); err != nil {
		res.Diags.Errorf(filepath.ToSlash(opts.Out), 0, "the output folder (-o) cannot be used: %v; name a folder you may write in", err)
		res.Unusable = true
		return res
	}
	if opts.wants("pdf") || opts.wants("print") || opts.wants("docx") || opts.wants("thumbs") || opts.wants("share") {
		// Large pictures decode while the documents are laid out: from
		// now, or when a run that may copy its documents from the cache
		// first has to make one.
		var ims []*doc.Image
		for _, p := range progs {
			ims = append(ims, placedImages(p)...)
		}
		b.prefetch = sync.OnceFunc(func() { b.pictures.Prefetch(ims) })
		if !b.reusable() {
			b.prefetch()
		}
	}
	// The programmes are written at the same time, so that the
	// processors are kept busy to the end of the run rather than to the
	// end of each programme; their jobs share the processors (b.procs).
	var progsDone sync.WaitGroup
	order := map[string]int{} // a programme's page in index.html → its place
	for i, p := range progs {
		name, ok := b.name(p.UID, programmeFile(p), "programme")
		if !ok {
			continue
		}
		dir := filepath.Join(opts.Out, name)
		order[filepath.Base(dir)+"/index.html"] = i
		progsDone.Go(func() {
			if opts.wants("tree") {
				b.write(p, filepath.Join(dir, "tree.json"), func(w io.Writer) error { return writeTree(w, b.treeOf(p)) })
			}
			b.programme(p, dir)
		})
	}
	progsDone.Wait()
	if opts.wants("html") {
		// In the order of the programmes, not of their finishing.
		slices.SortStableFunc(b.index, func(x, y html.Entry) int { return order[x.Href] - order[y.Href] })
		b.writeIndex()
	}
	b.pics.flush(res.Diags)
	// The caches' entries unused for a month go, at most once a day.
	cachedir.Prune(opts.CacheDir, append([]string{pagesFolder, doccache.Folder}, picture.Folders...)...)
	if err := outfile.Sync(opts.Out); err != nil {
		res.Diags.Errorf(filepath.ToSlash(opts.Out), 0, "the files were written but may not be on disk yet: %v; wait a moment before removing the disk", err)
	}
	return res
}

// Check reads everything and lays it out without writing files, to find
// what does not fit.
func Check(opts Options) *Result {
	progs, diags := Load(opts.Source)
	res := newResult(progs, diags)
	b := newBuilder(&opts, res)
	if b.unusable() {
		res.Unusable = true
		return res
	}
	for _, p := range progs {
		b.checkPDF(p)
	}
	return res
}

// record notes a written file or reports why it could not be written.
func (r *Result) record(p *doc.Programme, path string, err error, opts *Options) {
	if err != nil {
		r.Diags.Errorf(path, 0, "could not write the file: %v", err)
		return
	}
	r.mu.Lock()
	r.Files[p.UID] = append(r.Files[p.UID], path)
	r.mu.Unlock()
	opts.log("wrote %s", path)
}

// treeOf is the programme as tree.json holds it: a chapter that cannot be
// written as JSON is reported and left out, never the whole programme.
func (b *builder) treeOf(p *doc.Programme) *doc.Programme {
	q := *p
	q.Chapters = nil
	for _, c := range p.Chapters {
		if _, err := json.Marshal(c); err != nil {
			b.res.Diags.Errorf(c.Source, 0, "the chapter cannot be written into tree.json (%v); it is left out of it", err)
			continue
		}
		q.Chapters = append(q.Chapters, c)
	}
	return &q
}

func writeTree(w io.Writer, p *doc.Programme) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}
