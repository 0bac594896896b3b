package layout

import (
	"cmp"
	"errors"
	"strings"

	"leafpress/export/doc"
	"leafpress/templates"
)

// Share lays out the share picture of chapter c, or of the programme p
// when c is nil: the page a social network previews when its address is
// posted (templates.Share gives the built-in template). The picture (the
// chapter's, or the programme's first chapter's that can be used; a
// placeholder when there is none) fills the left part at full height,
// with the frame aspect of chapter.picture.aspect; to its right, on the
// band colour, stand the campaign, the title in the display face, the
// programme's title under a chapter's, and the web address at the foot:
// the chapter's own address, else the programme's, else the template's
// campaign web. The document has one page.
func Share(p *doc.Programme, c *doc.Chapter, t *templates.Template) (*Document, error) {
	if p == nil {
		return nil, errors.New("layout: no programme given")
	}
	e, err := newEngine(p, t)
	if err != nil {
		return nil, err
	}
	pg := e.newPage(kindCover, c)
	pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{W: e.pageW, H: e.pageH}, Colour: e.col.band})

	// The picture.
	var im *doc.Image
	title, web := cmp.Or(strings.TrimSpace(p.Title), p.UID), p.URL
	if c != nil {
		im = c.Image
		title, web = cmp.Or(strings.TrimSpace(c.Title), c.UID), cmp.Or(c.URL, p.URL)
	} else {
		for _, ch := range p.Chapters {
			if ch.Image != nil && e.picture(ch.Image).problem == "" {
				im = ch.Image
				break
			}
		}
	}
	picW := e.pageH * t.Chapter.Picture.Aspect
	if picW <= 0 || picW > e.pageW/2 {
		picW = e.pageW / 2
	}
	pg.Boxes = append(pg.Boxes, e.imageBox(im, Rect{W: picW, H: e.pageH}, ""))

	x := picW + e.inner
	w := e.pageW - e.outer - x
	y := e.top
	campaign := e.fill("{campaign}", 0, "")
	if c != nil && campaign == "" {
		campaign = p.Title
	}
	if campaign != "" {
		fam := e.simpleFamily(t.Fonts.Heading, t.Sizes.CoverSubtitle, t.Sizes.CoverSubtitle*1.2, e.col.accent, RoleCover)
		fam.upper = true
		y = e.placePara(pg, e.setString(campaign, fam, w), fam, x, y)
		y += 0.6 * t.Sizes.CoverSubtitle
	}

	// The web address at the foot, and the title between.
	web = strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(cmp.Or(web, t.Campaign.Web), "https://"), "http://"), "/")
	foot := e.pageH - e.bottom
	if web != "" {
		fam := e.simpleFamily(t.Fonts.Heading, t.Sizes.RunningHead, t.Sizes.RunningHead*1.2, e.col.bandText, RoleCover)
		lines := e.setString(web, fam, w)
		foot -= linesHeight(lines, fam)
		e.placePara(pg, lines, fam, x, foot)
		foot -= 0.8 * t.Sizes.RunningHead
	}
	sub := ""
	if c != nil && p.Title != campaign && p.Title != c.Title {
		sub = p.Title
	}
	subFam := e.simpleFamily(t.Fonts.Caption, t.Sizes.CoverSubtitle*0.9, t.Sizes.CoverSubtitle*1.1, e.col.bandText, RoleCover)
	var subLines []*line
	if sub != "" {
		subLines = e.setString(sub, subFam, w)
	}
	room := foot - y - linesHeight(subLines, subFam) - 4*mm - 2.2*mm
	fam := e.simpleFamily(t.Fonts.Display, t.Sizes.CoverTitle, t.Sizes.CoverTitle*0.92, e.col.bandText, RoleCover)
	fam.upper = true
	// A long title gets smaller, down to half the size, so it fits.
	lines := e.setString(title, fam, w)
	for (len(lines) > 4 || linesHeight(lines, fam) > room) && fam.size > t.Sizes.CoverTitle/2 {
		fam.size *= 0.92
		fam.leading = fam.size * 0.92
		lines = e.setString(title, fam, w)
	}
	y = e.placePara(pg, lines, fam, x, y)
	y += 3 * mm
	pg.Boxes = append(pg.Boxes, &FillBox{Rect: Rect{X: x, Y: y, W: 24 * mm, H: 2.2 * mm}, Colour: e.col.accent})
	y += 2.2*mm + 4*mm
	if len(subLines) > 0 && y+linesHeight(subLines, subFam) <= foot {
		e.placePara(pg, subLines, subFam, x, y)
	}
	return e.document(title, nil), nil
}
