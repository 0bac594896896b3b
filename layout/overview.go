package layout

import (
	"fmt"
	"strings"
	"unicode"

	"leafpress/export/doc"
)

// card is an overview card waiting for its chapter's page number.
type card struct {
	page    *Page
	rect    Rect
	badge   Rect // where the page number goes
	chapter *doc.Chapter
}

// overviewGrid returns how many cards go on the first and on the other
// overview pages, and the title's height.
func (e *engine) overviewGrid() (first, other int, titleH float64, fam *family) {
	o := e.t.Overview
	fam = e.simpleFamily(e.t.Fonts.Display, e.t.Sizes.OverviewTitle, e.t.Sizes.OverviewTitle*0.95, e.col.title, RoleCover)
	fam.upper = true
	if o.Title != "" {
		titleH = linesHeight(e.setString(o.Title, fam, e.textW), fam) + e.t.Spacing.TitleAfter
	}
	ch, gap := o.CardHeight*mm, o.Gap*mm
	area := e.pageH - e.top - e.bottom
	rows := func(h float64) int { return max(1, int((h+gap+0.01)/(ch+gap))) }
	return rows(area-titleH) * o.Columns, rows(area) * o.Columns, titleH, fam
}

// overview lays out the cards of all chapters on as many pages as they
// need; their page numbers are filled in by finishCards.
func (e *engine) overview(chs []*doc.Chapter) {
	o := e.t.Overview
	if len(chs) == 0 {
		return
	}
	first, other, titleH, fam := e.overviewGrid()
	cw := (e.textW - float64(o.Columns-1)*o.Gap*mm) / float64(o.Columns)
	ch, gap := o.CardHeight*mm, o.Gap*mm
	i := 0
	for pageNo := 0; i < len(chs); pageNo++ {
		pg := e.newPage(kindOverview, nil)
		x := e.leftX(pg.Number)
		y := e.top
		n := other
		if pageNo == 0 {
			n = first
			if o.Title != "" {
				e.placeLines(pg, e.setString(o.Title, fam, e.textW), fam, x, y)
				y += titleH
			}
		}
		for k := 0; k < n && i < len(chs); k, i = k+1, i+1 {
			r, c := k/o.Columns, k%o.Columns
			rect := Rect{X: x + float64(c)*(cw+gap), Y: y + float64(r)*(ch+gap), W: cw, H: ch}
			e.card(pg, rect, chs[i])
		}
	}
}

// card draws one chapter's card: picture, title, a short text.
func (e *engine) card(pg *Page, r Rect, c *doc.Chapter) {
	t := e.t
	o := t.Overview
	e.chapter = c
	defer func() { e.chapter = nil }()
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
		badge := Rect{X: r.X + pad, Y: r.Y + ph - bh/2, W: bh * 1.6, H: bh}
		e.cards = append(e.cards, card{page: pg, rect: r, badge: badge, chapter: c})
		y += bh / 2
	}
	tf := e.simpleFamily(t.Fonts.Heading, t.Sizes.CardTitle, t.Sizes.CardTitle*1.15, e.col.heading, RoleCard)
	title := strings.TrimSpace(c.Title)
	if title == "" {
		title = c.UID
	}
	tl := e.clampLines(title, tf, w, 3)
	y = e.placeLines(pg, tl, tf, r.X+pad, y)
	y += 1.2 * mm
	xf := e.simpleFamily(t.Fonts.Caption, t.Sizes.CardText, t.Sizes.CardText*1.3, e.col.text, RoleCard)
	xf.hyphenate = t.Text.Hyphenate
	n := o.TextLines
	if lh, _ := lineMetrics(xf, false); lh > 0 {
		n = min(n, int((bottom-y)/lh))
	}
	if text := cardText(c); text != "" && n > 0 {
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
	all := strings.Fields(s)
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

// finishCards draws the page numbers of the cards' chapters.
func (e *engine) finishCards() {
	t := e.t
	for _, cd := range e.cards {
		n, ok := e.chapterStart[cd.chapter]
		if !ok {
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
