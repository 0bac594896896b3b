package layout

import (
	"cmp"
	"strings"

	"leafpress/export/doc"
)

// placeLines draws set lines on p from (x, y) (the first line's top) and
// returns the y below the last line.
func (e *engine) placeLines(p *Page, lines []*line, fam *family, x, y float64) float64 {
	e.tagLines(lines, e.cur)
	for i, ln := range lines {
		h, base := lineMetrics(fam, i == 0)
		p.Boxes = ln.place(p.Boxes, fam, x, y+base)
		y += h
	}
	return y
}

// placePara is placeLines for lines that make a paragraph (P element)
// of their own, such as a cover's title.
func (e *engine) placePara(p *Page, lines []*line, fam *family, x, y float64) float64 {
	prev := e.cur
	e.cur = e.node(StructP, nil)
	defer func() { e.cur = prev }()
	return e.placeLines(p, lines, fam, x, y)
}

// linesHeight is the height of set lines.
func linesHeight(lines []*line, fam *family) float64 {
	s := 0.0
	for i := range lines {
		h, _ := lineMetrics(fam, i == 0)
		s += h
	}
	return s
}

// cover lays out the programme's front page: a band of the brand colour,
// the group above the title in the display face, a mosaic of the
// chapters' pictures and the web address at the foot.
func (e *engine) cover(p *doc.Programme) {
	t := e.t
	pg := e.newPage(kindCover, nil)
	x := e.leftX(1)
	bandH := t.Cover.Band * e.pageH
	onBand := func(y float64) bool { return y < bandH }
	if t.Cover.Band > 0 {
		h := bandH + e.bleed
		if t.Cover.Band >= 1 {
			h += e.bleed
		}
		pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{X: -e.bleed, Y: -e.bleed, W: e.pageW + 2*e.bleed, H: h}, Colour: e.col.band})
	}
	colourAt := func(y float64, other Colour) Colour {
		if onBand(y) {
			return e.col.bandText
		}
		return other
	}
	y := e.top
	if sub := e.fill(t.Cover.Subtitle, 0, ""); sub != "" {
		fam := e.simpleFamily(t.Fonts.Heading, t.Sizes.CoverSubtitle, t.Sizes.CoverSubtitle*1.2, colourAt(y, e.col.brand), RoleCover)
		fam.upper = true
		y = e.placePara(pg, e.setString(sub, fam, e.textW), fam, x, y)
		y += t.Sizes.CoverSubtitle
	}
	title := cmp.Or(strings.TrimSpace(p.Title), p.UID)
	fam := e.simpleFamily(t.Fonts.Display, t.Sizes.CoverTitle, t.Sizes.CoverTitle*0.92, colourAt(y, e.col.title), RoleCover)
	fam.upper = true
	// A title too long for the page gets smaller, not cut.
	lines := e.setString(title, fam, e.textW)
	for len(lines) > 4 && fam.size > t.Sizes.CoverTitle/2 {
		fam.size *= 0.9
		fam.leading = fam.size * 0.92
		lines = e.setString(title, fam, e.textW)
	}
	lines, fam = e.setTitle(title, fam, e.textW, fam.size*0.75)
	y = e.placePara(pg, lines, fam, x, y)
	y += 4 * mm
	// A rule of the accent colour under the title.
	pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{X: x, Y: y, W: 24 * mm, H: 2.2 * mm}, Colour: e.col.accent})
	y += 8 * mm

	foot := e.fill(t.Cover.Text, 0, "")
	footFam := e.simpleFamily(t.Fonts.Heading, t.Sizes.CoverSubtitle, t.Sizes.CoverSubtitle*1.25, colourAt(e.pageH-e.bottom, e.col.brand), RoleCover)
	var footLines []*line
	for _, l := range strings.Split(foot, "\n") {
		if strings.TrimSpace(l) != "" {
			footLines = append(footLines, e.setString(l, footFam, e.textW)...)
		}
	}
	footH := linesHeight(footLines, footFam)
	footY := e.pageH - e.bottom - footH

	e.coverArea = Rect{X: x, Y: y, W: e.textW, H: footY - 6*mm - y}
	if g, ok := e.coverGrid(p.Chapters); e.cardsOnCover && ok {
		// The chapters' cards, at the foot of the cover's free room.
		gap := t.Overview.Gap * mm
		cw := (e.textW - float64(g.cols-1)*gap) / float64(g.cols)
		rows := (len(p.Chapters) + g.cols - 1) / g.cols
		y0 := footY - 6*mm - float64(rows)*g.cardH - float64(rows-1)*gap
		for k, c := range p.Chapters {
			r, col := k/g.cols, k%g.cols
			e.card(pg, Rect{X: x + float64(col)*(cw+gap), Y: y0 + float64(r)*(g.cardH+gap), W: cw, H: g.cardH}, c)
		}
	} else if t.Cover.Mosaic {
		e.cardsOnCover = false
		var pics []*doc.Image
		for _, c := range p.Chapters {
			if c.Image != nil && e.picture(c.Image).problem == "" {
				pics = append(pics, c.Image)
			}
		}
		top := max(y, e.pageH*0.5)
		bottom := footY - 6*mm
		if len(pics) > 0 && bottom-top > 30*mm {
			cols := 3
			if len(pics) < 3 {
				cols = len(pics)
			}
			rows := min((len(pics)+cols-1)/cols, 2)
			if rows*cols > len(pics) && rows > 1 {
				rows = len(pics) / cols
			}
			gap := 2 * mm
			cw := (e.textW - float64(cols-1)*gap) / float64(cols)
			ch := min(cw*0.75, (bottom-top-float64(rows-1)*gap)/float64(rows))
			y0 := bottom - float64(rows)*ch - float64(rows-1)*gap
			for k := 0; k < rows*cols; k++ {
				r, c := k/cols, k%cols
				rect := Rect{X: x + float64(c)*(cw+gap), Y: y0 + float64(r)*(ch+gap), W: cw, H: ch}
				pg.Boxes = append(pg.Boxes, e.imageBox(pics[k], rect, ""))
			}
		}
	} else {
		e.cardsOnCover = false
	}
	e.placePara(pg, footLines, footFam, x, footY)
}

// backCover lays out the last page: the band colour with the campaign's
// name and web address.
func (e *engine) backCover() {
	t := e.t
	pg := e.newPage(kindBack, nil)
	pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{X: -e.bleed, Y: -e.bleed, W: e.pageW + 2*e.bleed, H: e.pageH + 2*e.bleed}, Colour: e.col.band})
	x := e.leftX(pg.Number)
	// The web block on a white panel at the foot: the QR code to the
	// programme's page (or the site's root) and the imprint.
	avail := e.pageH
	if t.Web.BackCover && e.prog != nil && (e.prog.URL != "" || len(imprintLines(e.prog.Imprint, e.lang())) > 0) {
		pad := 4 * mm
		side := t.Web.QRSize * mm
		h := side*(1+2.0*qrQuiet/25) + 2*t.Web.ImprintSize*1.25 + pad
		top := e.pageH - e.bottom - h
		pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{X: x - pad, Y: top - pad, W: e.textW + 2*pad, H: h + pad}, Colour: paper, Radius: 1.5 * mm})
		e.webBlock(pg, nil, x, top, e.textW, h)
		avail = top - pad
	}
	text := e.fill(t.BackCover.Text, pg.Number, "")
	if text == "" {
		return
	}
	parts := strings.Split(text, "\n")
	big := e.simpleFamily(t.Fonts.Display, t.Sizes.Title*1.2, t.Sizes.Title*1.2*0.95, e.col.bandText, RoleCover)
	big.upper, big.align = true, alignCenter
	small := e.simpleFamily(t.Fonts.Heading, t.Sizes.CoverSubtitle, t.Sizes.CoverSubtitle*1.3, e.col.bandText, RoleCover)
	small.align = alignCenter
	lines, big := e.setTitle(parts[0], big, e.textW, big.size*0.8)
	var rest []*line
	for _, p := range parts[1:] {
		if strings.TrimSpace(p) != "" {
			rest = append(rest, e.setString(p, small, e.textW)...)
		}
	}
	h := linesHeight(lines, big) + 4*mm + linesHeight(rest, small)
	y := (avail - h) / 2
	y = e.placePara(pg, lines, big, x, y)
	pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{X: x + e.textW/2 - 12*mm, Y: y + 1*mm, W: 24 * mm, H: 1.5 * mm}, Colour: e.col.accent})
	e.placePara(pg, rest, small, x, y+4*mm)
}

// masthead sets the programme's title across the top of the first page,
// above a band with the group and the web address, like a newspaper's;
// the chapters follow below it on the same page.
func (e *engine) masthead(p *doc.Programme) {
	t := e.t
	pg := e.newPage(kindCover, nil)
	x := e.leftX(1)
	y := e.top - 4*mm
	title := cmp.Or(strings.TrimSpace(p.Title), p.UID)
	fam := e.simpleFamily(t.Fonts.Display, t.Sizes.CoverTitle, t.Sizes.CoverTitle*0.9, e.col.title, RoleCover)
	fam.upper, fam.align = true, alignCenter
	// One line if the title allows it at a size not much smaller.
	lines := e.setString(title, fam, e.textW)
	for len(lines) > 1 && fam.size > t.Sizes.CoverTitle*0.45 {
		fam.size *= 0.95
		fam.leading = fam.size * 0.9
		lines = e.setString(title, fam, e.textW)
	}
	y = e.placePara(pg, lines, fam, x, y)
	y += 2 * mm
	var parts []string
	for _, s := range []string{e.fill(t.Cover.Subtitle, 1, ""), e.fill(t.Cover.Text, 1, "")} {
		if s = strings.TrimSpace(strings.ReplaceAll(s, "\n", "  |  ")); s != "" {
			parts = append(parts, s)
		}
	}
	band := e.simpleFamily(t.Fonts.Heading, t.Sizes.CoverSubtitle*0.8, t.Sizes.CoverSubtitle, e.col.bandText, RoleCover)
	band.upper, band.align = true, alignCenter
	bh := band.size * 2
	pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{X: x, Y: y, W: e.textW, H: bh}, Colour: e.col.band})
	if len(parts) > 0 {
		ls := e.setString(strings.Join(parts, "  |  "), band, e.textW-4*mm)
		if len(ls) == 1 {
			capH := band.regular.CapHeight(band.size)
			strap := e.node(StructP, nil)
			for _, r := range ls[0].runs {
				r.Node = strap
				r.X += x + 2*mm
				r.Y = y + (bh+capH)/2
				pg.Boxes = append(pg.Boxes, r)
			}
		}
	}
	y += bh
	e.cursor, e.cursorY, e.cursorFresh = pg, y, true
}
