package layout

import (
	"cmp"
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
	footer   bool // the page has its footer
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
	// Summary is set for a summary that did not fit even cut down to
	// the title and intro.
	Summary bool
}

// Error names the chapter and how much did not fit.
func (e *FitError) Error() string {
	if e.Summary {
		return fmt.Sprintf("%s: chapter %q does not fit on %d pages of template %s even with its summary cut to the title and intro: %d lines (%.0f mm) are left over; shorten the chapter's intro",
			e.Source, plain(e.Chapter), e.Pages, e.Template, e.Lines, e.MM)
	}
	return fmt.Sprintf("%s: chapter %q does not fit on %d pages of template %s even with body text at %.2g pt: %d lines (%.0f mm) are left over; shorten the chapter's intro or leads, or choose a template without a fixed page count",
		e.Source, plain(e.Chapter), e.Pages, e.Template, e.MinSize, e.Lines, e.MM)
}

// plain is a title as a message shows it: the no-break and thin spaces
// of the typography pass become ordinary spaces, so that %q does not
// print them as escapes.
func plain(title string) string {
	return strings.NewReplacer("\u00a0", " ", "\u202f", " ", "\u2009", " ").Replace(title)
}

// chapterPages lays out one chapter. When the template fixes the page
// count, it looks for the layout that fills those pages best: first the
// largest body size (from the template's down to its minimum) at which
// the content fits; when it fits at the template's size, it then adds
// further paragraphs to a summary while they fit, and finally grows the
// type up to the template's maximum while everything still fits.
func (e *engine) chapterPages(c *doc.Chapter) error {
	e.chapter = c
	if e.t.Text.Hyphenate && c.Language != "" && (e.hyph == nil || e.hyph.Language() != c.Language) {
		// A chapter in another language than its programme is hyphenated
		// with its own language's patterns.
		prev := e.hyph
		e.hyph = e.patternsFor(c.Language)
		defer func() { e.hyph = prev }()
	}
	t := e.t
	fixed := t.Page.Pages
	// Without a fixed page count a summary holds all the paragraphs the
	// template allows.
	plan := summaryPlan(c.Blocks)
	e.plan = plan
	all := make([]int, len(plan))
	for k, g := range plan {
		all[k] = min(len(g.more), t.Summary.Paragraphs)
	}
	e.scale, e.split, e.more, e.trim, e.heads = 1, false, all, trimNone, -1
	defer func() {
		e.chapter, e.scale, e.split, e.more, e.trim, e.heads, e.plan = nil, 1, false, nil, trimNone, -1, nil
	}()
	if fixed == 0 {
		return e.chapterFlowing(c)
	}
	// The same paragraphs are set again at each size tried.
	if e.kept == nil {
		e.kept = newKept()
		defer func() { e.kept = nil }()
	}
	body := t.Sizes.Body
	step := t.Sizes.ShrinkStep
	start := e.mark()
	// try lays the chapter out with the body text at size, takes it back
	// (its warnings too, so that the layout kept warns them again) and
	// reports whether it fitted.
	try := func(size float64, split bool, more []int) (flowResult, bool, error) {
		e.scale, e.split, e.more = size/body, split, more
		e.trying = true
		res, err := e.chapterOnce(c, fixed)
		e.trying = false
		e.takeBack(start)
		return res, err == nil && res.leftover <= 0, err
	}
	// First the intro alone on the front page, the rest behind it; then
	// everything in one flow shared out over the pages.
	splits := []bool{false}
	if fixed > 1 {
		splits = []bool{true, false}
	}
	if t.Content == "summary" {
		return e.summaryPages(c, fixed, splits, try, all)
	}
	var last flowResult
	size, split, found := body, false, false
	for k := 0; !found; k++ {
		s := body - float64(k)*step
		if s < t.Sizes.MinBody-1e-9 {
			break
		}
		for _, sp := range splits {
			res, ok, err := try(s, sp, nil)
			if err != nil {
				return err
			}
			if ok {
				size, split, found = s, sp, true
				break
			}
			last = res
		}
	}
	if !found {
		return &FitError{Chapter: c.Title, Source: cmp.Or(c.Source, c.UID), Template: t.Name, Pages: fixed,
			MinSize: t.Sizes.MinBody, Lines: max(last.lines, 1), MM: math.Ceil(last.leftover / mm)}
	}
	if size == body {
		// Then the largest type at which everything still fits (a
		// bisection over the steps up to the template's largest size).
		lo, hi := 0, int(math.Floor((t.Sizes.MaxBody-body)/step+1e-9))
		for lo < hi {
			mid := (lo + hi + 1) / 2
			_, ok, err := try(body+float64(mid)*step, split, nil)
			if err != nil {
				return err
			}
			if ok {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		size = body + float64(lo)*step
	}
	e.scale, e.split, e.more = size/body, split, nil
	if _, err := e.chapterOnce(c, fixed); err != nil {
		return err
	}
	if size < body {
		e.notef("the body text was shrunk from %.3g pt to %.3g pt to fit on %d pages", body, size, fixed)
	}
	return nil
}

// nearEmpty is the share of a page under which a chapter's last page
// counts as near empty, and minPicture the share of its height the
// chapter's picture may shrink to, to take that page's lines back.
const (
	nearEmpty  = 1.0 / 3
	minPicture = 0.6
)

// chapterFlowing lays out a chapter of no fixed page count. When it
// starts on a new page and its last page is near empty, it is laid out
// again with its picture lower by what that page holds (and a few lines
// more, for the keeps), down to minPicture of its height: kept when that
// saves the page.
func (e *engine) chapterFlowing(c *doc.Chapter) error {
	start := e.mark()
	res, err := e.chapterOnce(c, 0)
	if err != nil || !e.t.Chapter.NewPage || !e.hasPicture(c) || len(e.pages)-start.pages < 2 || res.last.page != e.pages[len(e.pages)-1] {
		return err
	}
	area := e.pageH - e.top - e.bottom
	held := res.bottom - e.top
	if held <= 0 || held >= nearEmpty*area {
		return nil
	}
	pic := e.t.Chapter.Picture
	w := e.textW
	if pic.Bleed {
		w = e.pageW
	}
	ph := e.frameHeight(c.Image, w, pic.Aspect, pic.MaxHeight*mm)
	d := held + 3*e.body().leading
	if d > ph*(1-minPicture) {
		return nil
	}
	// Keep the first layout to put back if the second saves nothing.
	pages, meta := append([]*Page(nil), e.pages[start.pages:]...), append([]pageMeta(nil), e.meta[start.meta:]...)
	warns := append([]string(nil), e.warns[start.warns:]...)
	glyphs := append([]rune(nil), e.glyphsWarned[start.glyphs:]...)
	end := e.mark()
	e.takeBack(start)
	e.shrinkPic = d
	_, err = e.chapterOnce(c, 0)
	e.shrinkPic = 0
	if err == nil && len(e.pages)-start.pages < len(pages) {
		return nil
	}
	e.takeBack(start)
	e.pages, e.meta, e.warns = append(e.pages, pages...), append(e.meta, meta...), append(e.warns, warns...)
	e.glyphsWarned = append(e.glyphsWarned, glyphs...)
	e.cursor, e.cursorY, e.cursorFresh = end.cursor, end.cursorY, end.fresh
	return nil
}

// mark is how far a layout has got: how many pages, page metadata,
// warnings and characters warned of it has made, and its cursor.
type mark struct {
	pages, meta, warns, glyphs int
	cursor                     *Page
	cursorY                    float64
	fresh                      bool
}

// mark returns how far the layout has got.
func (e *engine) mark() mark {
	return mark{len(e.pages), len(e.meta), len(e.warns), len(e.glyphsWarned), e.cursor, e.cursorY, e.cursorFresh}
}

// takeBack takes back what was laid out since m, its warnings too (so
// that the layout kept in its place warns them again).
func (e *engine) takeBack(m mark) {
	e.pages, e.meta, e.warns, e.glyphsWarned = e.pages[:m.pages], e.meta[:m.meta], e.warns[:m.warns], e.glyphsWarned[:m.glyphs]
	e.cursor, e.cursorY, e.cursorFresh = m.cursor, m.cursorY, m.fresh
}

// leafletFill is how much the spaces of a short summary may grow to fill
// its last page: generous spacing rather than bigger type.
const leafletFill = 3

// summaryPages lays out a chapter's summary on its fixed pages at the
// template's body size, the same for every leaflet of a series: the
// summary fits itself to the pages step by step (further paragraphs while
// they fit; without them, leads only, then each lead's first sentence,
// then the headings alone, then fewer headings). Only when the title and
// the intro alone do not fit is it an error.
func (e *engine) summaryPages(c *doc.Chapter, fixed int, splits []bool,
	try func(size float64, split bool, more []int) (flowResult, bool, error), all []int) error {
	t := e.t
	body := t.Sizes.Body
	from := 0 // the first top heading cut to trim
	fits := func(trim, heads int, more []int) (bool, bool, flowResult, error) {
		var last flowResult
		for _, sp := range splits {
			e.trim, e.trimFrom, e.heads = trim, from, heads
			res, ok, err := try(body, sp, more)
			if err != nil || ok {
				return ok, sp, res, err
			}
			last = res
		}
		return false, false, last, nil
	}
	trim, heads, split, found := trimNone, -1, false, false
	var last flowResult
	ok, sp, res, err := fits(trimNone, -1, nil)
	if err != nil {
		return err
	}
	split, found, last = sp, ok, res
	// Each further cut from the last headings up: the most headings
	// that keep the previous cut (fewer keep it the more likely it
	// fits: a bisection over from, the first heading cut).
	for next := trimNone + 1; next < trimLevels && !found; next++ {
		trim, from = next, 0
		ok, sp, res, err := fits(trim, -1, nil)
		if err != nil {
			return err
		}
		if !ok {
			last = res
			continue
		}
		lo, hi, loSplit := 0, len(all)-1, sp // fits at lo; not at len(all)
		for lo < hi {
			from = (lo + hi + 1) / 2
			ok, sp, _, err := fits(trim, -1, nil)
			if err != nil {
				return err
			}
			if ok {
				lo, loSplit = from, sp
			} else {
				hi = from - 1
			}
		}
		from, split, found = lo, loSplit, true
		break
	}
	if !found {
		from = 0
		// The most headings that fit (a bisection: fewer always fit
		// when more do); none is the title and intro alone.
		trim = trimHeadings
		lo, hi := -1, len(all)-1 // lo: fits (or -1: unknown), hi+1 does not
		for lo < hi {
			mid := (lo + hi + 1) / 2
			ok, sp, res, err := fits(trim, mid, nil)
			if err != nil {
				return err
			}
			if ok {
				lo, split = mid, sp
			} else {
				hi, last = mid-1, res
			}
		}
		heads = lo
		if lo >= 0 {
			ok, sp, res, err := fits(trim, lo, nil)
			if err != nil {
				return err
			}
			found, split, last = ok, sp, res
		}
	}
	if !found {
		return &FitError{Chapter: c.Title, Source: cmp.Or(c.Source, c.UID), Template: t.Name, Pages: fixed,
			MinSize: body, Lines: max(last.lines, 1), MM: math.Ceil(last.leftover / mm), Summary: true}
	}
	var more []int
	if trim == trimNone && t.Summary.Paragraphs > 0 {
		// Further paragraphs in rounds (the first under every heading,
		// then the second...) while they fit; one that does not fit
		// closes its heading.
		more = make([]int, len(all))
		closed := make([]bool, len(all))
		for round := 0; round < t.Summary.Paragraphs; round++ {
			for k := range more {
				if closed[k] || round >= all[k] {
					continue
				}
				more[k]++
				e.trim, e.trimFrom, e.heads = trimNone, 0, -1
				_, ok, err := try(body, split, more)
				if err != nil {
					return err
				}
				if !ok {
					more[k]--
					closed[k] = true
				}
			}
		}
	}
	e.scale, e.split, e.more, e.trim, e.trimFrom, e.heads = 1, split, more, trim, from, heads
	if _, err := e.chapterOnce(c, fixed); err != nil {
		return err
	}
	switch {
	case heads >= 0:
		e.notef("the summary holds only its first %d headings to fit on %d pages", heads, fixed)
	case trim > trimNone:
		e.notef("the summary was cut to %s from heading %d on to fit on %d pages", trimNames[trim], from+1, fixed)
	}
	return nil
}

// chapterOnce lays out a chapter at the current scale. With fixed > 0 it
// uses exactly that many pages and reports what is left over.
func (e *engine) chapterOnce(c *doc.Chapter, fixed int) (flowResult, error) {
	t := e.t
	sp := t.Spacing
	newPage := (t.Chapter.NewPage && !e.cursorFresh) || fixed > 0 || e.cursor == nil
	var page *Page
	y := e.top
	// The footer takes its room at the foot of the chapter's last page,
	// or of every page.
	reserve, foot := 0.0, 0.0
	if t.Footer.Enabled {
		reserve = e.footerHeight()
		if t.Footer.Pages == "all" {
			reserve, foot = 0, reserve
		}
	}
	// The web block (QR code, address, imprint) is a reserved block of a
	// fixed height at the foot of the last page, above the footer.
	web := e.webBlockHeight(c)
	reserve += web
	// The header's height decides whether a chapter may follow the last
	// one on its page.
	if !newPage {
		_, hh := e.header(c, false, 0, 0)
		room := e.pageH - e.bottom - foot - e.cursorY - sp.TitleAfter*2
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
	// The chapter's structure: a Sect holding its title (H1), picture and
	// flow.
	e.sect = e.node(StructSect, nil)
	e.sect.Chapter = c
	e.sectTitle, e.sectFigure = e.node(StructH1, e.sect), e.figure(e.node(StructFigure, e.sect), c.Image)
	e.hlevel = 1
	defer func() { e.sect, e.sectTitle, e.sectFigure, e.cur = nil, nil, nil, nil }()
	items, garantFrom := e.chapterItems(c)
	grow := 0.0
	if fixed > 0 && e.split && newPage {
		grow = e.pictureGrowth(c, items, page.Number, foot)
	}
	boxes, hh := e.header(c, newPage, page.Number, grow-e.shrinkPic)
	if newPage && t.Chapter.Picture.Bleed && t.Chapter.Picture.Position == "above" && e.hasPicture(c) {
		e.meta[page.Number-1].bleedTop = true
	}
	lx := e.leftX(page.Number)
	for _, b := range boxes {
		page.Boxes = append(page.Boxes, moveBox(b, lx, y))
	}
	y += hh

	next := func() frame {
		f := e.fullFrame(e.newPage(kindChapter, c))
		f.y1 -= foot
		return f
	}
	fr := frame{page: page, x: lx, y0: y, y1: e.pageH - e.bottom - foot, cols: e.cols, fresh: false}
	o := flowOpts{reserve: reserve, balance: t.Page.Balance, maxFrames: fixed, spread: fixed > 1,
		frameH: e.pageH - e.top - e.bottom - foot}
	if fixed > 0 && t.Content == "summary" {
		o.fill = leafletFill
	}
	res := e.flow(items, fr, next, o)
	if fixed > 0 {
		if res.leftover > 0 || e.trying {
			// A try is over once it is known whether it fits: what
			// follows (the garant at the foot, footers, the web block)
			// is drawn for the layout kept.
			return res, nil
		}
		if t.Chapter.Garant.Position == "foot" && garantFrom < len(items) && res.bottom > res.last.y0 {
			// The garant's name (the last items, all on the last frame)
			// goes to the foot of the page, above the footer.
			if dy := res.last.y1 - reserve - res.bottom; dy > 0 {
				for _, it := range items[garantFrom:] {
					for _, b := range it.boxes {
						moveBox(b, 0, dy)
					}
				}
			}
		}
		for len(e.pages)-first < fixed {
			e.newPage(kindChapter, c)
		}
		e.footers(c, page.Number, len(e.pages))
		e.placeWebBlock(e.pages[len(e.pages)-1], c, web)
		e.cursor, e.cursorY = e.pages[len(e.pages)-1], e.pageH-e.bottom
		return res, nil
	}
	e.footers(c, page.Number, res.last.page.Number)
	e.placeWebBlock(res.last.page, c, web)
	e.cursor, e.cursorY = res.last.page, res.bottom
	if web > 0 {
		e.cursorY = e.pageH - e.bottom // the block closes the page
	}
	return res, nil
}

// placeWebBlock draws the web block of height h at the foot of page p,
// above the footer.
func (e *engine) placeWebBlock(p *Page, c *doc.Chapter, h float64) {
	if h <= 0 {
		return
	}
	bottom := e.pageH - e.bottom
	if e.t.Footer.Enabled {
		bottom -= e.footerHeight()
	}
	e.webBlock(p, c, e.leftX(p.Number), bottom-h, e.textW, h)
}

// footers draws the chapter's footer on its last page (to), or on every
// page from its first (from) when the template asks; a page shared with
// the previous chapter keeps the footer it has.
func (e *engine) footers(c *doc.Chapter, from, to int) {
	if !e.t.Footer.Enabled {
		return
	}
	if e.t.Footer.Pages != "all" {
		from = to
	}
	for n := from; n <= to; n++ {
		if !e.meta[n-1].footer {
			e.meta[n-1].footer = true
			e.footer(e.pages[n-1], c)
		}
	}
}

// sectNode makes an element under the Sect of the chapter being laid
// out; nil outside a chapter.
func (e *engine) sectNode(role string) *Node {
	if e.sect == nil {
		return nil
	}
	return e.node(role, e.sect)
}

// hasPicture reports whether the chapter's header shows a picture.
func (e *engine) hasPicture(c *doc.Chapter) bool {
	return e.t.Chapter.Picture.Show && c.Image != nil && (c.Image.Src != "" || c.Image.Path != "")
}

// header builds a chapter's title and picture across the text width, in
// coordinates relative to the left text margin and the header's top. atTop
// says the header starts at the page's top margin, so a picture may bleed;
// grow is added to the picture's height.
func (e *engine) header(c *doc.Chapter, atTop bool, pageNo int, grow float64) ([]Box, float64) {
	t := e.t
	pic := t.Chapter.Picture
	var boxes []Box
	y := 0.0
	boxes = append(boxes, &Anchor{Y: 0, Title: oneLine(c.Title), Level: 0})
	picture := func() {
		if !e.hasPicture(c) {
			return
		}
		if atTop && pic.Bleed && y == 0 {
			// Full page width, off the top and side edges.
			lx := e.leftX(pageNo)
			h := e.frameHeight(c.Image, e.pageW, pic.Aspect, pic.MaxHeight*mm) + grow
			r := Rect{X: -lx - e.bleed, Y: -e.top - e.bleed, W: e.pageW + 2*e.bleed, H: h + e.bleed}
			ib := e.imageBox(c.Image, r, "the chapter's picture")
			ib.Bleeds = true
			ib.Node = e.sectFigure
			boxes = append(boxes, ib)
			y = h - e.top + t.Spacing.TitleAfter
			return
		}
		h := e.frameHeight(c.Image, e.textW, pic.Aspect, pic.MaxHeight*mm) + grow
		ib := e.imageBox(c.Image, Rect{X: 0, Y: y, W: e.textW, H: h}, "the chapter's picture")
		ib.Node = e.sectFigure
		boxes = append(boxes, ib)
		y += h + t.Spacing.TitleAfter
	}
	if pic.Position == "above" {
		picture()
	}
	fam := e.title()
	title := cmp.Or(strings.TrimSpace(c.Title), c.UID)
	lines, fam := e.setTitle(title, fam, e.textW, fam.size)
	e.tagLines(lines, e.sectTitle)
	titleTop := y
	for i, ln := range lines {
		h, base := lineMetrics(fam, i == 0)
		boxes = ln.place(boxes, fam, 0, y+base)
		y += h
	}
	if c.URL != "" && !e.print && len(lines) > 0 {
		// On screen the title leads to the chapter's page on the web.
		ln := e.node(StructLink, e.sectTitle)
		ln.URL = c.URL
		boxes = append(boxes, &LinkBox{Rect: Rect{X: 0, Y: titleTop, W: e.textW, H: y - titleTop}, URL: c.URL, Node: ln})
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

// pictureGrowth returns how much the chapter's picture may grow to fill
// a front page that ends with the intro: the room the header and the
// intro leave, up to the template's chapter.picture.grow_to.
func (e *engine) pictureGrowth(c *doc.Chapter, items []vitem, pageNo int, foot float64) float64 {
	pic := e.t.Chapter.Picture
	if pic.GrowTo <= 0 || !e.hasPicture(c) || pic.Position != "above" {
		return 0
	}
	front, content := 0.0, 0.0
	broke := false
	for _, it := range items {
		if it.frameBreak {
			broke = true
			break
		}
		front += it.h
		if !it.space {
			content = front
		}
	}
	if !broke {
		return 0
	}
	_, hh := e.header(c, true, pageNo, 0)
	room := e.pageH - e.bottom - foot - e.top - hh - content - 0.5
	w := e.textW
	if pic.Bleed {
		w = e.pageW
	}
	h := e.frameHeight(c.Image, w, pic.Aspect, pic.MaxHeight*mm)
	return max(0, min(room, pic.GrowTo*mm-h))
}

// chapterItems builds the vertical list of a chapter's flow: the intro as
// a lead, the blocks the content mode includes, the garant. It also
// returns the index of the garant's first item (len(items) without one).
func (e *engine) chapterItems(c *doc.Chapter) ([]vitem, int) {
	t := e.t
	v := &vlist{}
	cx := bctx{x: 0, w: e.colW, node: e.sect}
	bs := c.Blocks
	if t.Content == "summary" {
		bs = planTrimmed(e.plan, e.more, e.trim, e.trimFrom, e.heads, e.sentence)
	}
	if len(c.Intro) > 0 && strings.TrimSpace(doc.PlainText(c.Intro)) != "" {
		e.cur = e.sectNode(StructBlockQuote)
		e.leadBlock(v, c.Intro, e.intro(), cx)
		e.cur = nil
		v.keepNext = false
		v.close(t.Spacing.Paragraph*e.scale*1.5, false)
		if e.split && len(bs) > 0 {
			v.items = append(v.items, vitem{space: true, frameBreak: true})
		}
	}
	e.blocks(v, bs, cx)
	garantFrom := len(v.items)
	if t.Chapter.Garant.Show && c.Garant != nil {
		if name := strings.TrimSpace(c.Garant.FullName()); name != "" {
			fam := e.garant()
			text := name
			if p := t.Chapter.Garant.Prefix; p != "" {
				text = p + " " + name
			}
			v.open(t.Spacing.GarantBefore * e.scale)
			if n := len(v.items); n > 0 && v.items[n-1].space {
				v.items[n-1].keep = true // the name never stands alone at a column's top
			}
			garantFrom = len(v.items)
			e.cur = e.sectNode(StructP)
			items := e.lineItems(e.setString(text, fam, e.colW), fam, 0)
			e.cur = nil
			if t.Chapter.Garant.Rule {
				// A rule across the column above the name.
				h := fam.size * 0.8
				rule := vitem{h: h, boxes: []Box{&RuleBox{X1: 0, Y1: 0.4, X2: e.colW, Y2: 0.4, Width: 0.8, Colour: e.col.brand}}}
				items = append([]vitem{rule}, items...)
			}
			for i := range items {
				items[i].keep = true
			}
			for _, it := range items {
				v.add(it)
			}
		}
	}
	return v.items, garantFrom
}

// footerHeight is the room the footer takes above the bottom margin.
func (e *engine) footerHeight() float64 {
	if e.footH == 0 {
		e.footH = e.measureFooter()
	}
	return e.footH
}

// measureFooter works out footerHeight.
func (e *engine) measureFooter() float64 {
	title, text, tf, xf := e.footerLines(0, "")
	h := linesHeight(title, tf) + linesHeight(text, xf)
	if len(title) > 0 && len(text) > 0 {
		h += xf.size * 0.4
	}
	if h == 0 {
		h = xf.leading // an empty band still shows
	}
	h += 4 * mm
	// The band reaches from 2 mm below the footer's top to the trim edge.
	return max(h, e.t.Footer.Height*mm-e.bottom+2*mm)
}

// footerLines sets the footer's title (display face) and text lines for
// a chapter.
func (e *engine) footerLines(page int, chapter string) (title, text []*line, tf, xf *family) {
	t := e.t
	fg := e.col.bandText
	if !t.Footer.Band {
		fg = e.col.muted
	}
	size := t.Sizes.RunningHead * 1.1
	xf = e.simpleFamily(t.Fonts.Heading, size, size*1.3, fg, RoleFooter)
	xf.align = alignCenter
	ts := t.Sizes.FooterTitle
	if ts <= 0 {
		ts = size
	}
	tf = e.simpleFamily(t.Fonts.Display, ts, ts*t.Sizes.TitleLeading, fg, RoleFooter)
	tf.align, tf.upper = alignCenter, true
	if !t.Footer.Band {
		tf.colour = e.col.title
	}
	set := func(s string, fam *family) []*line {
		var out []*line
		for _, l := range strings.Split(e.fill(s, page, chapter), "\n") {
			if strings.TrimSpace(l) != "" {
				out = append(out, e.setString(l, fam, e.textW)...)
			}
		}
		return out
	}
	return set(t.Footer.Title, tf), set(t.Footer.Text, xf), tf, xf
}

// footer draws the footer at the bottom of page p.
func (e *engine) footer(p *Page, c *doc.Chapter) {
	title, text, tf, xf := e.footerLines(p.Number, c.Title)
	h := e.footerHeight()
	top := e.pageH - e.bottom - h + 2*mm
	lx := e.leftX(p.Number)
	if e.t.Footer.Band {
		p.Boxes = append(p.Boxes, &FillBox{Rect: Rect{X: -e.bleed, Y: top, W: e.pageW + 2*e.bleed, H: e.pageH - top + e.bleed}, Colour: e.col.band})
	} else {
		p.Boxes = append(p.Boxes, &RuleBox{X1: lx, Y1: top, X2: lx + e.textW, Y2: top, Width: 0.5, Colour: e.col.rule})
	}
	if len(title)+len(text) == 0 {
		return
	}
	// Centre the lines in the band's part above the trim edge.
	gap := 0.0
	if len(title) > 0 && len(text) > 0 {
		gap = xf.size * 0.4
	}
	total := linesHeight(title, tf) + gap + linesHeight(text, xf)
	y := top + (e.pageH-top-total)/2
	y = e.placeLines(p, title, tf, lx, y)
	e.placeLines(p, text, xf, lx, y+gap)
}
