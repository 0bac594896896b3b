package pdf

import (
	"fmt"

	"leafpress/fonts"
)

// Print marks, in pt. Marks start markGap outside the bleed, so none
// reaches into the BleedBox.
const (
	markGap    = 3    // between the bleed and a crop mark
	markLength = 18   // of a crop mark
	markWidth  = 0.25 // line width of every mark
	regRadius  = 5    // of a registration target's circle
	slugSize   = 6    // font size of the slug line
)

// drawMarks draws crop marks, registration marks and the slug line
// around a placed page, in registration colour (all four inks), on the
// sheet outside the page's bleed.
func (wr *writer) drawMarks(sheet int, s Sheet, pl Placement) {
	g, p := wr.g, pl.Page
	x0, y0 := pl.X, pl.Y
	x1, y1 := x0+p.Width*pl.Scale, y0+p.Height*pl.Scale
	off := p.Bleed*pl.Scale + markGap
	room := wr.opt.markSpace() - markGap
	length := min(markLength, room)
	if length <= 0 {
		return
	}
	g.setRegistration()
	g.setLineWidth(markWidth)
	for _, c := range [][2]float64{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		dx, dy := -1.0, -1.0
		if c[0] == x1 {
			dx = 1
		}
		if c[1] == y1 {
			dy = 1
		}
		g.line(c[0]+dx*off, c[1], c[0]+dx*(off+length), c[1]) // along the horizontal trim line
		g.line(c[0], c[1]+dy*off, c[0], c[1]+dy*(off+length)) // along the vertical trim line
	}
	if wr.opt.RegistrationMarks && room >= 2*regRadius+4 {
		d := off + regRadius + 2 // centre's distance from the trim
		cx, cy := (x0+x1)/2, (y0+y1)/2
		for _, c := range [][2]float64{{cx, y0 - d}, {cx, y1 + d}, {x0 - d, cy}, {x1 + d, cy}} {
			g.circlePath(c[0], c[1], regRadius)
			g.raw("S")
			g.line(c[0]-regRadius-2, c[1], c[0]+regRadius+2, c[1])
			g.line(c[0], c[1]-regRadius-2, c[0], c[1]+regRadius+2)
		}
	}
	if wr.opt.Slug != "" && room >= slugSize+4 {
		text := fmt.Sprintf("%s  ·  %d/%d  ·  %s", wr.opt.Slug, sheet, len(wr.sheets), wr.date.Format("2006-01-02 15:04 MST"))
		// Below the bottom edge, right of the bottom-left crop marks,
		// baseline inside the sheet.
		y := min(y1+off+length+slugSize, s.Height-2)
		x := x0
		wr.faces.use(fonts.Regular, text, p.Number)
		g.text(fonts.Regular, slugSize, x, y, text)
	}
}
