package layout

import (
	"fmt"
	"strings"
)

// runningHeads draws the running head on every page that has one: not on
// the cover, blank or back pages, nor (unless the template asks) on a
// page where a chapter starts or a picture runs off the top.
func (e *engine) runningHeads() {
	rh := e.t.RunningHead
	if !rh.Enabled {
		return
	}
	for i, p := range e.pages {
		m := e.meta[i]
		switch {
		case m.kind != kindChapter && m.kind != kindOverview:
			continue
		case m.bleedTop:
			continue
		case m.first && !rh.OnFirst:
			continue
		case m.kind == kindChapter && len(p.Boxes) == 0:
			continue // a blank page of a fixed-length chapter
		}
		chapter := ""
		if m.chapter != nil {
			chapter = m.chapter.Title
		}
		e.runningHead(p, chapter)
	}
}

// runningHead draws one page's head: the outer text (with the page number
// in a box) at the outer edge, the inner text at the binding side, a rule
// under both.
func (e *engine) runningHead(p *Page, chapter string) {
	t := e.t
	rh := t.RunningHead
	size := t.Sizes.RunningHead
	lx := e.leftX(p.Number)
	rx := lx + e.textW
	ruleY := e.top - 3.2*mm
	base := ruleY - 1.8*mm
	outerLeft := p.Number%2 == 0 // left-hand pages have their outer edge on the left

	outerFam := e.simpleFamily(t.Fonts.Heading, size, size*1.2, e.col.text, RoleRunningHead)
	innerFam := e.simpleFamily(t.Fonts.Heading, size, size*1.2, e.col.brand, RoleRunningHead)
	innerFam.upper = true

	outer := rh.Outer
	box := rh.PageBox && strings.Contains(outer, "{page}")
	if box {
		outer = strings.Replace(outer, "{page}", "", 1)
	}
	outer = e.fill(outer, p.Number, chapter)
	inner := e.fill(rh.Inner, p.Number, chapter)

	// The page number box.
	cursorL, cursorR := lx, rx // free space between them
	if box {
		num := fmt.Sprint(p.Number)
		nf := e.simpleFamily(t.Fonts.Heading, size*1.35, size*1.35, e.col.bandText, RoleRunningHead)
		nw := nf.regular.Advance(num, nf.size)
		bw := max(nw+4, size*2.2)
		bh := size * 2.1
		bx := lx
		if !outerLeft {
			bx = rx - bw
		}
		by := ruleY - bh
		p.Boxes = append(p.Boxes, &FillBox{Rect: Rect{X: bx, Y: by, W: bw, H: bh}, Colour: e.col.brand})
		capH := nf.regular.CapHeight(nf.size)
		p.Boxes = append(p.Boxes, e.run(num, &textStyle{face: nf.regular, size: nf.size, colour: e.col.bandText}, RoleRunningHead, bx+(bw-nw)/2, nw))
		p.Boxes[len(p.Boxes)-1].(*TextRun).Y = by + (bh+capH)/2
		if outerLeft {
			cursorL = bx + bw + 5
		} else {
			cursorR = bx - 5
		}
	}
	place := func(text string, fam *family, atLeft bool) {
		if text == "" {
			return
		}
		lines := e.setString(strings.ReplaceAll(text, "\n", " "), fam, cursorR-cursorL)
		if len(lines) == 0 {
			return
		}
		ln := lines[0]
		if len(lines) > 1 {
			return // no room: leave it out rather than overlap
		}
		end := 0.0
		for _, r := range ln.runs {
			end = max(end, r.X+r.Width)
		}
		dx := cursorL
		if !atLeft {
			dx = cursorR - end
		}
		for _, r := range ln.runs {
			r.X += dx
			r.Y = base
			p.Boxes = append(p.Boxes, r)
		}
		if atLeft {
			cursorL = dx + end + 8
		} else {
			cursorR = dx - 8
		}
	}
	place(outer, outerFam, outerLeft)
	place(inner, innerFam, !outerLeft)
	if rh.Rule {
		p.Boxes = append(p.Boxes, &RuleBox{X1: lx, Y1: ruleY, X2: rx, Y2: ruleY, Width: 0.6, Colour: e.col.rule})
	}
}
