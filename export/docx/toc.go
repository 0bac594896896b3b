package docx

import (
	"math"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
	"leafpress/fonts"
	"leafpress/layout"
	"leafpress/templates"
)

// wordTemplate is the built-in template that sets pages as the embedded
// reference document does (A4, its margins, faces, sizes and spacing).
const wordTemplate = "word-a4"

// fieldRuns writes a tab and a field with instruction instr whose result,
// as written, is result.
func (b *builder) fieldRuns(instr, result string) {
	run := func(name string, attrs ...string) {
		b.start("w:r")
		b.empty(name, attrs...)
		b.end("w:r")
	}
	run("w:tab")
	run("w:fldChar", "w:fldCharType", "begin")
	b.start("w:r")
	b.start("w:instrText", "xml:space", "preserve")
	b.chars(instr)
	b.end("w:instrText")
	b.end("w:r")
	run("w:fldChar", "w:fldCharType", "separate")
	b.start("w:r")
	b.start("w:t")
	b.chars(result)
	b.end("w:t")
	b.end("w:r")
	run("w:fldChar", "w:fldCharType", "end")
}

// tocPages estimates the page of every table-of-contents entry: the
// programme is laid out by package layout on the word-a4 template (with
// the reference's page size and margins), which gives each chapter's and
// heading's page among the chapters; the pages before them (title and
// table of contents) are counted from the entries' line heights. An
// entry the layout does not place gets no number. Nil when the layout
// fails: the table of contents then has no page numbers, as before.
func (b *builder) tocPages() map[any]int {
	if b.estimate == nil || len(b.entries) == 0 {
		return nil
	}
	<-b.estimate.done
	if b.estimate.pages == nil {
		return nil
	}
	front := b.frontPages(b.estimate.template)
	out := make(map[any]int, len(b.entries))
	for _, e := range b.entries {
		if n, ok := b.estimate.pages[e.src]; ok {
			out[e.src] = n + front
		}
	}
	return out
}

// estimate is the layout of a programme's chapters for the table of
// contents, made while the document is written.
type estimate struct {
	done     chan struct{}
	template *templates.Template
	pages    map[any]int // first page of each chapter, heading and section, counted from the first chapter; nil when layout failed
}

// wordA4 is the word-a4 template, read once per process.
var wordA4 = sync.OnceValues(func() (*templates.Template, error) { return templates.Builtin(wordTemplate) })

// startEstimate lays out the chapters of p on the word-a4 template, with
// the reference's page size and margins, on as many goroutines as there
// are processors: every chapter starts on a new page, so each is laid out
// alone and they are counted one after another.
func startEstimate(p *doc.Programme, sectPr *xmltree.Node) *estimate {
	e := &estimate{done: make(chan struct{})}
	base, err := wordA4()
	if err != nil {
		close(e.done)
		return e
	}
	t := new(templates.Template)
	*t = *base // matchPage sets only the page's size and margins, which are values
	matchPage(t, sectPr)
	e.template = t
	go func() {
		defer close(e.done)
		n := len(p.Chapters)
		type result struct {
			pages map[any]int // from 1 in the chapter
			count int
		}
		results := make([]result, n)
		var wg sync.WaitGroup
		var next atomic.Int64
		failed := atomic.Bool{}
		for range min(runtime.GOMAXPROCS(0), n) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
					c := p.Chapters[i]
					d, err := layout.Chapter(p, c, t)
					if err != nil {
						failed.Store(true)
						return
					}
					pages := map[any]int{c: 1}
					for _, pg := range d.Pages {
						for _, box := range pg.Boxes {
							for nd := layout.NodeOf(box); nd != nil; nd = nd.Parent {
								switch nd.Block.(type) {
								case *doc.Heading, *doc.Section:
									if _, seen := pages[nd.Block]; !seen {
										pages[nd.Block] = pg.Number
									}
								}
							}
						}
					}
					results[i] = result{pages: pages, count: len(d.Pages)}
				}
			}()
		}
		wg.Wait()
		if failed.Load() {
			return
		}
		e.pages = map[any]int{}
		before := 0
		for _, r := range results {
			for k, v := range r.pages {
				e.pages[k] = before + v
			}
			before += r.count
		}
	}()
	return e
}

// matchPage sets the template's page to the reference's: size and
// margins from its section properties (in twips).
func matchPage(t *templates.Template, s *xmltree.Node) {
	if s == nil {
		return
	}
	sz, mar := s.Child("w:pgSz"), s.Child("w:pgMar")
	if sz == nil || mar == nil {
		return
	}
	mm := func(v string) float64 { return float64(abs(twips(v))) / twipsPerIn * 25.4 }
	w, h := mm(sz.Get("w:w")), mm(sz.Get("w:h"))
	if sz.Get("w:orient") == "landscape" && h > w {
		w, h = h, w
	}
	top, bottom := mm(mar.Get("w:top")), mm(mar.Get("w:bottom"))
	left, right := mm(mar.Get("w:left"))+mm(mar.Get("w:gutter")), mm(mar.Get("w:right"))
	if w-left-right < 25 || h-top-bottom < 25 {
		return
	}
	t.Page.Width, t.Page.Height = w, h
	t.Page.Margins = templates.Margins{Top: top, Bottom: bottom, Inner: left, Outer: right}
}

// frontPages estimates how many pages the title, the subtitle and the
// table of contents take, from the heights of their lines as the
// reference's styles set them (see templates/word-a4.yaml).
func (b *builder) frontPages(t *templates.Template) int {
	const mm = 72 / 25.4
	textH := (t.Page.Height - t.Page.Margins.Top - t.Page.Margins.Bottom) * mm
	textW := (t.Page.Width - t.Page.Margins.Inner - t.Page.Margins.Outer) * mm
	lines := func(face string, size float64, s string, width float64) float64 {
		f, err := fonts.Load(face)
		if err != nil {
			return 1
		}
		return max(1, math.Ceil(f.Advance(s, size)/width))
	}
	const lineFactor = 1.172 // Roboto's ascent + descent, em
	h := 0.0
	// Title: 32 pt caps on single lines, 12 pt after.
	h += lines(fonts.CondensedBold, 32, strings.ToUpper(b.prog.Title), textW)*32*lineFactor + 12
	if b.prog.Group != "" && b.prog.Group != b.prog.Title {
		h += lines(fonts.Condensed, 16, b.prog.Group, textW)*16*lineFactor*1.15 + 18
	}
	// The contents heading: as Heading 1, 26 pt, 18 before, 8 after.
	h += 18 + 26*lineFactor + 8
	used, pages := h, 1
	for _, e := range b.entries {
		face, size, indent, space := fonts.Bold, 10.5, 0.0, 8.0
		switch e.level {
		case 2:
			face, indent, space = fonts.Regular, 14.2, 1
		case 3:
			face, size, indent, space = fonts.Regular, 9.5, 28.35, 1
		}
		// The number and the leader take about 2 em at the line's end.
		eh := lines(face, size, e.text, textW-indent-2*size)*size*lineFactor*1.15 + space
		if used+eh > textH {
			pages++
			used = 0
		}
		used += eh
	}
	return pages
}
