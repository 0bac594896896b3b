package layout

import (
	"cmp"
	"fmt"
	"math"
	"strings"
	"unicode"

	"leafpress/export/doc"
)

// card is an overview card waiting for its chapter's page number.
type card struct {
	page    *Page
	rect    Rect
	badge   Rect // where the page number goes, when the template shows it
	chapter *doc.Chapter
	node    *Node // the card's Link element
}

// grid is how the overview cards are laid out: the columns, the card
// height and how many cards each overview page holds.
type grid struct {
	cols    int
	cardH   float64
	perPage []int
}

// overviewTitle sets the overview's title and returns its family and the
// room it takes.
func (e *engine) overviewTitle() (*family, float64) {
	o := e.t.Overview
	fam := e.simpleFamily(e.t.Fonts.Display, e.t.Sizes.OverviewTitle, e.t.Sizes.OverviewTitle*0.95, e.col.title, RoleCover)
	fam.upper = true
	titleH := 0.0
	if o.Title != "" {
		titleH = linesHeight(e.setString(o.Title, fam, e.textW), fam) + e.t.Spacing.TitleAfter
	}
	return fam, titleH
}

// overviewGrid chooses the grid of n cards: on as few pages as they go
// on, shared out evenly over those pages (never one card alone on a
// page), with the largest cards that allows. The template's columns and
// card height come first; more columns (up to max_columns) and lower
// cards (down to min_card_height) are used when they save a page.
func (e *engine) overviewGrid(n int, titleH, reserve float64) grid {
	// titleH is the room the first page keeps above its cards, reserve the
	// room every page keeps at its foot.
	o := e.t.Overview
	pref, gap := o.CardHeight*mm, o.Gap*mm
	minH := pref
	if o.MinCardHeight > 0 {
		minH = min(o.MinCardHeight*mm, pref)
	}
	maxCols := max(o.Columns, o.MaxColumns)
	area := e.pageH - e.top - e.bottom - reserve
	for pages := 1; pages <= n; pages++ {
		best, bestArea := grid{}, 0.0
		for cols := o.Columns; cols <= maxCols; cols++ {
			per := shareOut(n, pages, cols)
			h := pref
			for k, cnt := range per {
				a := area
				if k == 0 {
					a -= titleH
				}
				rows := (cnt + cols - 1) / cols
				h = min(h, (a-float64(rows-1)*gap)/float64(rows))
			}
			if h < minH-0.01 {
				continue
			}
			w := (e.textW - float64(cols-1)*gap) / float64(cols)
			if w*h > bestArea+0.01 {
				best, bestArea = grid{cols: cols, cardH: h, perPage: per}, w*h
			}
		}
		if bestArea > 0 {
			return best
		}
	}
	// Not even one card of the smallest height goes on a page: one card
	// per page, at the template's size.
	per := make([]int, n)
	for k := range per {
		per[k] = 1
	}
	return grid{cols: o.Columns, cardH: pref, perPage: per}
}

// coverGrid is the grid of the programme's cards in the cover's free
// room (coverArea): the largest cards, in any number of columns, that
// are no lower than the template's cover_card_height nor higher than its
// card_height and show every chapter's whole title; false when there are
// none.
func (e *engine) coverGrid(chs []*doc.Chapter) (grid, bool) {
	o := e.t.Overview
	area := e.coverArea
	n := len(chs)
	if n == 0 || area.H <= 0 {
		return grid{}, false
	}
	gap := o.Gap * mm
	best, bestArea := grid{}, 0.0
	for cols := o.Columns; cols <= 6; cols++ {
		rows := (n + cols - 1) / cols
		h := min(o.CardHeight*mm, (area.H-float64(rows-1)*gap)/float64(rows))
		w := (area.W - float64(cols-1)*gap) / float64(cols)
		if h < o.CoverCardHeight*mm-0.01 || w*h <= bestArea+0.01 || h < e.cardNeed(chs, w, h) {
			continue
		}
		best, bestArea = grid{cols: cols, cardH: h, perPage: []int{n}}, w*h
	}
	return best, bestArea > 0
}

// cardNeed is the height cards w wide need to show the picture, the
// page number badge and the whole title of every chapter of chs, as
// card draws them at height h; +Inf when a title takes more than three
// lines.
func (e *engine) cardNeed(chs []*doc.Chapter, w, h float64) float64 {
	t := e.t
	o := t.Overview
	pad := 2.6 * mm
	tf := e.simpleFamily(t.Fonts.Heading, t.Sizes.CardTitle, t.Sizes.CardTitle*1.15, e.col.heading, RoleCard)
	need := min(w/o.PictureAspect, h*0.55) + 2*pad
	if o.PageNumbers {
		need += t.Sizes.CardTitle * 1.5 / 2
	}
	most := 0.0
	for _, c := range chs {
		lines := e.setString(cmp.Or(strings.TrimSpace(c.Title), c.UID), tf, w-2*pad)
		if len(lines) > 3 {
			return math.Inf(1)
		}
		most = max(most, linesHeight(lines, tf))
	}
	return need + most
}

// shareOut shares n cards out over pages: whole rows of cols cards, as
// evenly as they go, the first page (under the title) taking no more
// than the others, and never one card alone on a page.
func shareOut(n, pages, cols int) []int {
	rows := (n + cols - 1) / cols
	per := make([]int, pages)
	left := n
	for k := 0; k < pages; k++ {
		// Later pages get the extra rows.
		r := rows / pages
		if k >= pages-rows%pages {
			r++
		}
		per[k] = min(r*cols, left)
		left -= per[k]
	}
	per[pages-1] += left
	for k := pages - 1; k > 0; k-- {
		if per[k] == 1 && per[k-1] > 2 {
			per[k]++
			per[k-1]--
		}
	}
	return per
}

// overview lays out the cards of all chapters on as many pages as they
// need; their page numbers are filled in by finishCards.
func (e *engine) overview(chs []*doc.Chapter) {
	e.overviewPages(chs, 0, false)
}

// backOverview lays out the cards on the last page(s), after blank pages
// that make the count the template's multiple, leaving room at the foot
// of the last one for the closing web block.
func (e *engine) backOverview(chs []*doc.Chapter) {
	e.overviewPages(chs, e.closingWebHeight(), true)
}

// overviewPages lays out the cards of chs on pages of their own, keeping
// reserve free at the foot of each; at the back, blank pages go before
// them so that they end the document on the template's multiple.
func (e *engine) overviewPages(chs []*doc.Chapter, reserve float64, back bool) {
	o := e.t.Overview
	if len(chs) == 0 {
		return
	}
	fam, titleH := e.overviewTitle()
	g := e.overviewGrid(len(chs), titleH, reserve)
	if n := e.t.Page.PadTo; back && n > 1 {
		extra := len(g.perPage)
		if e.t.BackCover.Enabled {
			extra++ // the back cover follows the cards
		}
		for (len(e.pages)+extra)%n != 0 {
			e.newPage(kindBlank, nil)
		}
	}
	gap := o.Gap * mm
	cw := (e.textW - float64(g.cols-1)*gap) / float64(g.cols)
	i := 0
	for pageNo, n := range g.perPage {
		pg := e.newPage(kindOverview, nil)
		x := e.leftX(pg.Number)
		y := e.top
		if pageNo == 0 && o.Title != "" {
			e.cur = e.node(StructP, nil)
			e.placeLines(pg, e.setString(o.Title, fam, e.textW), fam, x, y)
			e.cur = nil
			y += titleH
		}
		rows := 0
		for k := 0; k < n && i < len(chs); k, i = k+1, i+1 {
			r, c := k/g.cols, k%g.cols
			rect := Rect{X: x + float64(c)*(cw+gap), Y: y + float64(r)*(g.cardH+gap), W: cw, H: g.cardH}
			e.card(pg, rect, chs[i])
			rows = r + 1
		}
		e.cursor, e.cursorY, e.cursorFresh = pg, y+float64(rows)*(g.cardH+gap)-gap, false
	}
}

// card draws one chapter's card: picture, title, a short text.
func (e *engine) card(pg *Page, r Rect, c *doc.Chapter) {
	t := e.t
	o := t.Overview
	e.chapter = c
	// The card is a Link to its chapter, holding the card's text; its
	// picture and frame are decoration.
	e.cur = e.node(StructLink, nil)
	if e.print {
		e.cur.Role = StructP
	}
	e.cur.Chapter = c
	cd := card{page: pg, rect: r, chapter: c, node: e.cur}
	defer func() { e.chapter, e.cur = nil, nil; e.cards = append(e.cards, cd) }()
	pg.Boxes = append(pg.Boxes, &FillBox{Rect: r, Colour: e.col.card, Radius: o.Radius})
	ph := min(r.W/o.PictureAspect, r.H*0.55)
	pic := e.imageBox(c.Image, Rect{X: r.X, Y: r.Y, W: r.W, H: ph}, "the chapter's picture")
	pg.Boxes = append(pg.Boxes, pic)
	pad := 2.6 * mm
	y := r.Y + ph + pad
	w := r.W - 2*pad
	bottom := r.Y + r.H - pad
	// The page number badge sits on the picture's lower edge.
	if o.PageNumbers {
		bh := t.Sizes.CardTitle * 1.5
		cd.badge = Rect{X: r.X + pad, Y: r.Y + ph - bh/2, W: bh * 1.6, H: bh}
		y += bh / 2
	}
	tf := e.simpleFamily(t.Fonts.Heading, t.Sizes.CardTitle, t.Sizes.CardTitle*1.15, e.col.heading, RoleCard)
	title := cmp.Or(strings.TrimSpace(c.Title), c.UID)
	tl := e.clampLines(title, tf, w, 3)
	y = e.placeLines(pg, tl, tf, r.X+pad, y)
	y += 1.2 * mm
	xf := e.simpleFamily(t.Fonts.Caption, t.Sizes.CardText, t.Sizes.CardText*1.3, e.col.text, RoleCard)
	xf.hyphenate = t.Text.Hyphenate
	n := o.TextLines
	if lh, _ := lineMetrics(xf, false); lh > 0 {
		n = min(n, int((bottom-y)/lh))
	}
	if text := cardText(c); text != "" && n > 1 { // one line cut with … says little
		e.placeLines(pg, e.clampLines(text, xf, w, n), xf, r.X+pad, y)
	}
}

// clampLines sets s in at most n lines, ending in an ellipsis when the
// text was cut.
func (e *engine) clampLines(s string, fam *family, w float64, n int) []*line {
	lines := e.setString(s, fam, w)
	if len(lines) <= n {
		return lines
	}
	// Keep the words of the first n lines, then drop words until the text
	// with an ellipsis fits.
	words := 0
	for _, ln := range lines[:n] {
		for _, r := range ln.runs {
			if !r.Hyphen {
				words++
			}
		}
	}
	all := strings.Split(s, " ") // words with their ties (s is collapsed)
	words = min(words, len(all))
	for ; words > 0; words-- {
		cut := strings.Join(all[:words], " ")
		cut = strings.TrimRightFunc(cut, func(r rune) bool { return unicode.IsPunct(r) && r != ')' && r != '“' }) + "…"
		ls := e.setString(cut, fam, w)
		if len(ls) <= n {
			return ls
		}
	}
	return lines[:n]
}

// cardText is the short text of a chapter's card: its intro, its
// description, or the beginning of its first paragraph.
func cardText(c *doc.Chapter) string {
	if s := collapse(doc.PlainText(c.Intro)); s != "" {
		return s
	}
	if s := collapse(c.Description); s != "" {
		return s
	}
	var out string
	doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
		if out != "" {
			return false
		}
		switch b := b.(type) {
		case *doc.Lead:
			out = collapse(doc.PlainText(b.Content))
		case *doc.Paragraph:
			out = collapse(doc.PlainText(b.Content))
		}
		return true
	})
	return out
}

// finishCards links the cards to their chapters' first pages and draws
// those page numbers.
func (e *engine) finishCards() {
	t := e.t
	for _, cd := range e.cards {
		n, ok := e.chapterStart[cd.chapter]
		if !ok {
			continue
		}
		if !e.print {
			cd.node.Page = n
			cd.page.Boxes = append(cd.page.Boxes, &LinkBox{Rect: cd.rect, Page: n, Node: cd.node})
		}
		if cd.badge.W == 0 {
			continue
		}
		cd.page.Boxes = append(cd.page.Boxes, &FillBox{Rect: cd.badge, Colour: e.col.brand, Radius: 2})
		fam := e.simpleFamily(t.Fonts.Heading, t.Sizes.CardTitle, t.Sizes.CardTitle, e.col.bandText, RoleCard)
		fam.align = alignCenter
		lines := e.setString(fmt.Sprint(n), fam, cd.badge.W)
		if len(lines) == 1 {
			// Centre the figures' cap height in the badge.
			capH := fam.regular.CapHeight(fam.size)
			base := cd.badge.Y + (cd.badge.H+capH)/2
			for _, r := range lines[0].runs {
				r.X += cd.badge.X
				r.Y = base
				cd.page.Boxes = append(cd.page.Boxes, r)
			}
		}
	}
}
