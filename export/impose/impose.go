// Package impose arranges laid-out pages for printing a booklet at home:
// two pages side by side on each side of an A4 landscape sheet, in
// saddle-stitch order, so that the printed stack, folded in the middle and
// stapled, reads in page order.
//
// Print the result on a duplex printer with "flip on short edge". The
// page count is padded with blank pages at the end to a multiple of 4.
package impose

import (
	"fmt"
	"io"

	"leafpress/export/pdf"
	"leafpress/layout"
)

// A4 landscape, pt.
const (
	SheetWidth  = 297 * pdf.MM
	SheetHeight = 210 * pdf.MM
)

// Order returns the pages on each side of the sheets of a saddle-stitched
// booklet of n pages: for every sheet side, in printing order, the page
// numbers (1-based) on its left and right half, 0 for a blank page. The
// page count is padded to a multiple of 4; n = 0 gives no sides.
//
// The first side of the outer sheet carries the last page on the left and
// page 1 on the right; its back carries pages 2 and n-1.
func Order(n int) [][2]int {
	if n <= 0 {
		return nil
	}
	m := (n + 3) / 4 * 4
	page := func(p int) int {
		if p > n {
			return 0
		}
		return p
	}
	sides := make([][2]int, m/2)
	for i := range sides {
		lo, hi := i+1, m-i
		if i%2 == 0 {
			sides[i] = [2]int{page(hi), page(lo)}
		} else {
			sides[i] = [2]int{page(lo), page(hi)}
		}
	}
	return sides
}

// Sheets returns the sheet sides of a booklet of pages: each side A4
// landscape with two pages, scaled to fit a half (never enlarged),
// centred vertically and meeting at the fold.
func Sheets(pages []*layout.Page) []pdf.Sheet {
	order := Order(len(pages))
	sheets := make([]pdf.Sheet, len(order))
	for i, side := range order {
		s := pdf.Sheet{Width: SheetWidth, Height: SheetHeight}
		for half, num := range side {
			if num == 0 {
				s.Placements = append(s.Placements, pdf.Placement{})
				continue
			}
			p := pages[num-1]
			sc := min(SheetWidth/2/p.Width, SheetHeight/p.Height)
			if sc >= 0.999 { // a page that fits, give or take rounding
				sc = 1
			}
			w, h := p.Width*sc, p.Height*sc
			x := SheetWidth/2 - w // left half: against the fold
			if half == 1 {
				x = SheetWidth / 2
			}
			s.Placements = append(s.Placements, pdf.Placement{Page: p, X: x, Y: (SheetHeight - h) / 2, Scale: sc})
		}
		sheets[i] = s
	}
	return sheets
}

// Write writes d as a booklet for home printing (program-booklet.pdf).
// Pages are drawn as on screen (RGB, no bleed or marks); bookmarks are
// left out because the sheets are not in reading order.
func Write(w io.Writer, d *layout.Document, opt pdf.Options) (*pdf.Report, error) {
	if d == nil || len(d.Pages) == 0 {
		return nil, fmt.Errorf("impose: nothing to write: the document has no pages")
	}
	opt.Print = false
	opt.NoOutline = true
	return pdf.WriteSheets(w, d, Sheets(d.Pages), opt)
}
