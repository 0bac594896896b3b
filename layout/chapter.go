package layout

import (
	"fmt"
	"math"
	"strings"

	"leafpress/export/doc"
)

// pageKind says what a page holds, for running heads and padding.
type pageKind int

const (
	kindCover pageKind = iota
	kindOverview
	kindChapter
	kindBlank
	kindBack
)

// pageMeta is what layout remembers of a page while it works.
type pageMeta struct {
	kind     pageKind
	chapter  *doc.Chapter
	first    bool // a chapter's title is on the page
	bleedTop bool // a picture runs off the page's top edge
}

// newPage appends a page of the given kind.
func (e *engine) newPage(kind pageKind, c *doc.Chapter) *Page {
	p := &Page{Number: len(e.pages) + 1, Width: e.pageW, Height: e.pageH, Bleed: e.bleed}
	e.pages = append(e.pages, p)
	e.meta = append(e.meta, pageMeta{kind: kind, chapter: c})
	return p
}

// fullFrame is the whole text area of a page.
func (e *engine) fullFrame(p *Page) frame {
	return frame{page: p, x: e.leftX(p.Number), y0: e.top, y1: e.pageH - e.bottom, cols: e.cols, fresh: true}
}

// FitError reports a chapter that does not fit on the template's fixed
// number of pages even with the smallest body size.
type FitError struct {
	Chapter  string  // the chapter's title
	Source   string  // the chapter's file
	Template string  // the template's name
	Pages    int     // the fixed page count
	MinSize  float64 // the smallest body size tried, pt
	Lines    int     // text lines left over
	MM       float64 // height left over, mm
}

// Error names the chapter and how much did not fit.
func (e *FitError) Error() string {
	return fmt.Sprintf("%s: chapter %q does not fit on %d pages of template %s even with body text at %.2g pt: %d lines (%.0f mm) are left over; shorten the chapter's intro or leads, or choose a template without a fixed page count",
		e.Source, e.Chapter, e.Pages, e.Template, e.MinSize, e.Lines, e.MM)
}

// chapter lays out one chapter, shrinking the body text when the
// template fixes the page count.
func (e *engine) chapterPages(c *doc.Chapter) error {
	e.chapter = c
	defer func() { e.chapter = nil }()
	t := e.t
	fixed := t.Page.Pages
	e.scale = 1
	if fixed == 0 {
		_, err := e.chapterOnce(c, 0)
		return err
	}
	body := t.Sizes.Body
	step := t.Sizes.ShrinkStep
	np, nm, nw := len(e.pages), len(e.meta), len(e.warns)
	cur, curY, fresh := e.cursor, e.cursorY, e.cursorFresh
	var last flowResult
	for size := body; ; size -= step {
		if size < t.Sizes.MinBody-1e-9 {
			break
		}
		e.scale = size / body
		// First the intro alone on the front page, the rest behind it;
		// then everything in one flow shared out over the pages.
		for _, split := range []bool{fixed > 1, false} {
			e.split = split
			res, err := e.chapterOnce(c, fixed)
			e.split = false
			if err != nil {
				return err
			}
			if res.leftover <= 0 {
				if size < body {
					e.warnf("the body text was shrunk from %.3g pt to %.3g pt to fit on %d pages", body, size, fixed)
				}
				e.scale = 1
				return nil
			}
			last = res
			e.pages, e.meta, e.warns = e.pages[:np], e.meta[:nm], e.warns[:nw]
			e.cursor, e.cursorY, e.cursorFresh = cur, curY, fresh
			if !split {
				break
			}
		}
	}
	e.scale = 1
	src := c.Source
	if src == "" {
		src = c.UID
	}
	return &FitError{Chapter: c.Title, Source: src, Template: t.Name, Pages: fixed,
		MinSize: t.Sizes.MinBody, Lines: max(last.lines, 1), MM: math.Ceil(last.leftover / mm)}
}

// chapterOnce lays out a chapter at the current scale. With fixed > 0 it
// uses exactly that many pages and reports what is left over.
func (e *engine) chapterOnce(c *doc.Chapter, fixed int) (flowResult, error) {
	t := e.t
	sp := t.Spacing
	newPage := (t.Chapter.NewPage && !e.cursorFresh) || fixed > 0 || e.cursor == nil
	var page *Page
	y := e.top
	// The header's height decides whether a chapter may follow the last
	// one on its page.
	if !newPage {
		_, hh := e.header(c, false, 0)
		room := e.pageH - e.bottom - e.cursorY - sp.TitleAfter*2
		need := max(t.Chapter.MinSpace*mm, hh+6*e.body().leading)
		if room < need {
			newPage = true
		} else {
			page = e.cursor
			y = e.cursorY + sp.Block*2
			if !e.cursorFresh {
				// A rule between two chapters on one page.
				lx := e.leftX(page.Number)
				page.Boxes = append(page.Boxes, &RuleBox{X1: lx, Y1: y, X2: lx + e.textW, Y2: y, Width: 1.2, Colour: e.col.text})
				y += sp.Block * 2
			}
		}
	}
	e.cursorFresh = false
	first := len(e.pages)
	if newPage {
		page = e.newPage(kindChapter, c)
	}
	e.meta[page.Number-1].first = true
	e.meta[page.Number-1].chapter = c
	if e.chapterStart != nil {
		if _, ok := e.chapterStart[c]; !ok {
			e.chapterStart[c] = page.Number
		}
	}
	boxes, hh := e.header(c, newPage, page.Number)
	if newPage && t.Chapter.Picture.Bleed && t.Chapter.Picture.Position == "above" && e.hasPicture(c) {
		e.meta[page.Number-1].bleedTop = true
	}
	lx := e.leftX(page.Number)
	for _, b := range boxes {
		page.Boxes = append(page.Boxes, moveBox(b, lx, y))
	}
	y += hh

	items := e.chapterItems(c)
	next := func() frame {
		p := e.newPage(kindChapter, c)
		return e.fullFrame(p)
	}
	reserve := 0.0
	if t.Footer.Enabled {
		reserve = e.footerHeight()
	}
	fr := frame{page: page, x: lx, y0: y, y1: e.pageH - e.bottom, cols: e.cols, fresh: false}
	res := e.flow(items, fr, next, flowOpts{reserve: reserve, balance: t.Page.Balance, maxFrames: fixed, spread: fixed > 1})
	if fixed > 0 {
		if res.leftover > 0 {
			return res, nil
		}
		for len(e.pages)-first < fixed {
			e.newPage(kindChapter, c)
		}
		if t.Footer.Enabled {
			e.footer(e.pages[len(e.pages)-1], c)
		}
		e.cursor, e.cursorY = e.pages[len(e.pages)-1], e.pageH-e.bottom
		return res, nil
	}
	if t.Footer.Enabled {
		e.footer(res.last.page, c)
	}
	e.cursor, e.cursorY = res.last.page, res.bottom
	return res, nil
}

// hasPicture reports whether the chapter's header shows a picture.
func (e *engine) hasPicture(c *doc.Chapter) bool {
	return e.t.Chapter.Picture.Show && c.Image != nil && (c.Image.Src != "" || c.Image.Path != "")
}

// header builds a chapter's title and picture across the text width, in
// coordinates relative to the left text margin and the header's top. atTop
// says the header starts at the page's top margin, so a picture may bleed.
func (e *engine) header(c *doc.Chapter, atTop bool, pageNo int) ([]Box, float64) {
	t := e.t
	pic := t.Chapter.Picture
	var boxes []Box
	y := 0.0
	boxes = append(boxes, &Anchor{Y: 0, Title: strings.TrimSpace(collapse(c.Title)), Level: 0})
	picture := func() {
		if !e.hasPicture(c) {
			return
		}
		if atTop && pic.Bleed && y == 0 {
			// Full page width, off the top and side edges.
			lx := e.leftX(pageNo)
			h := e.frameHeight(c.Image, e.pageW, pic.Aspect, pic.MaxHeight*mm)
			r := Rect{X: -lx - e.bleed, Y: -e.top - e.bleed, W: e.pageW + 2*e.bleed, H: h + e.bleed}
			ib := e.imageBox(c.Image, r, "the chapter's picture")
			ib.Bleeds = true
			boxes = append(boxes, ib)
			y = h - e.top + t.Spacing.TitleAfter
			return
		}
		h := e.frameHeight(c.Image, e.textW, pic.Aspect, pic.MaxHeight*mm)
		boxes = append(boxes, e.imageBox(c.Image, Rect{X: 0, Y: y, W: e.textW, H: h}, "the chapter's picture"))
		y += h + t.Spacing.TitleAfter
	}
	if pic.Position == "above" {
		picture()
	}
	fam := e.title()
	title := strings.TrimSpace(c.Title)
	if title == "" {
		title = c.UID
	}
	lines := e.setString(title, fam, e.textW)
	for i, ln := range lines {
		h, base := lineMetrics(fam, i == 0)
		for _, r := range ln.runs {
			r.Y = y + base
			boxes = append(boxes, r)
		}
		y += h
	}
	if t.Chapter.TitleRule {
		y += 3
		boxes = append(boxes, &RuleBox{X1: 0, Y1: y, X2: e.textW, Y2: y, Width: 2, Colour: e.col.brand})
		y += 2
	}
	y += t.Spacing.TitleAfter
	if pic.Position == "below" {
		picture()
	}
	return boxes, y
}

// chapterItems builds the vertical list of a chapter's flow: the intro as
// a lead, the blocks the content mode includes, the garant.
func (e *engine) chapterItems(c *doc.Chapter) []vitem {
	t := e.t
	v := &vlist{}
	cx := bctx{x: 0, w: e.colW}
	bs := c.Blocks
	if t.Content == "summary" {
		bs = summaryBlocks(c.Blocks)
	}
	if len(c.Intro) > 0 && strings.TrimSpace(doc.PlainText(c.Intro)) != "" {
		e.blocks(v, []doc.Block{&doc.Lead{Content: c.Intro}}, cx)
		v.keepNext = false
		v.close(t.Spacing.Paragraph*e.scale*1.5, false)
		if e.split && len(bs) > 0 {
			v.items = append(v.items, vitem{space: true, frameBreak: true})
		}
	}
	e.blocks(v, bs, cx)
	if t.Chapter.Garant.Show && c.Garant != nil {
		if name := strings.TrimSpace(c.Garant.FullName()); name != "" {
			fam := e.garant()
			text := name
			if p := t.Chapter.Garant.Prefix; p != "" {
				text = p + " " + name
			}
			v.open(t.Spacing.GarantBefore * e.scale)
			items := e.lineItems(e.setString(text, fam, e.colW), fam, 0)
			for i := range items {
				items[i].keep = true
			}
			for _, it := range items {
				v.add(it)
			}
		}
	}
	return v.items
}

// summaryBlocks picks what the summary content mode prints of a chapter's
// blocks: every top-level heading with its lead, or, when it has none,
// the first paragraph under it. A chapter without headings gives its
// first paragraph.
func summaryBlocks(bs []doc.Block) []doc.Block {
	top := 0
	for _, b := range bs {
		if h, ok := b.(*doc.Heading); ok && (top == 0 || h.Level < top) {
			top = h.Level
		}
	}
	var out []doc.Block
	if top == 0 {
		for _, b := range bs {
			switch b.(type) {
			case *doc.Lead, *doc.Paragraph:
				return []doc.Block{b}
			}
		}
		return nil
	}
	for i, b := range bs {
		h, ok := b.(*doc.Heading)
		if !ok || h.Level != top {
			continue
		}
		out = append(out, h)
	follow:
		for _, nb := range bs[i+1:] {
			switch nb := nb.(type) {
			case *doc.Heading:
				break follow
			case *doc.Lead:
				out = append(out, nb)
				break follow
			case *doc.Paragraph:
				out = append(out, nb)
				break follow
			}
		}
	}
	return out
}

// SummaryBlocks returns the blocks of a chapter that the summary content
// mode prints (see the package doc).
func SummaryBlocks(c *doc.Chapter) []doc.Block { return summaryBlocks(c.Blocks) }

// footerHeight is the room the footer takes above the bottom margin.
func (e *engine) footerHeight() float64 {
	fam := e.footerFamily()
	n := max(1, len(strings.Split(e.fill(e.t.Footer.Text, 0, ""), "\n")))
	return float64(n)*fam.leading + 4*mm
}

func (e *engine) footerFamily() *family {
	f := e.simpleFamily(e.t.Fonts.Heading, e.t.Sizes.RunningHead*1.1, e.t.Sizes.RunningHead*1.1*1.3, e.col.bandText, RoleFooter)
	f.align = alignCenter
	if !e.t.Footer.Band {
		f.colour = e.col.muted
	}
	return f
}

// footer draws the footer at the bottom of page p.
func (e *engine) footer(p *Page, c *doc.Chapter) {
	text := e.fill(e.t.Footer.Text, p.Number, c.Title)
	fam := e.footerFamily()
	h := e.footerHeight()
	top := e.pageH - e.bottom - h + 2*mm
	if e.t.Footer.Band {
		p.Boxes = append(p.Boxes, &FillBox{Rect: Rect{X: -e.bleed, Y: top, W: e.pageW + 2*e.bleed, H: e.pageH - top + e.bleed}, Colour: e.col.band})
	} else {
		lx := e.leftX(p.Number)
		p.Boxes = append(p.Boxes, &RuleBox{X1: lx, Y1: top, X2: lx + e.textW, Y2: top, Width: 0.5, Colour: e.col.rule})
	}
	if text == "" {
		return
	}
	lx := e.leftX(p.Number)
	lines := []*line{}
	for _, l := range strings.Split(text, "\n") {
		lines = append(lines, e.setString(l, fam, e.textW)...)
	}
	// Centre the text in the band's part above the trim edge.
	total := 0.0
	for i := range lines {
		h, _ := lineMetrics(fam, i == 0)
		total += h
	}
	y := top + (e.pageH-top-total)/2
	for i, ln := range lines {
		h, base := lineMetrics(fam, i == 0)
		for _, r := range ln.runs {
			r.X += lx
			r.Y = y + base
			p.Boxes = append(p.Boxes, r)
		}
		y += h
	}
}
