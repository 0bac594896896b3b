package layout

import (
	"math"
	"slices"
)

// vitem is one item of a vertical list: a line of text, a space, a
// picture, a table row. Its boxes are relative to its top left corner in
// the column.
type vitem struct {
	h     float64
	boxes []Box
	// keep forbids a column break between the previous item and this one.
	keep bool
	// space is discardable: it vanishes at the top and bottom of a column.
	space bool
	// frameBreak (on a space) ends the frame: what follows starts on the
	// next page.
	frameBreak bool
}

// endsFrame reports whether items[i] is a frame break.
func endsFrame(items []vitem, i int) bool { return i < len(items) && items[i].frameBreak }

// space returns a discardable vertical space.
func space(h float64) vitem { return vitem{h: h, space: true} }

// lineMetrics returns the height of a line item of fam and the offset of
// its baseline from the item's top. The first line of a block whose
// leading is smaller than the face's ascent plus descent gets the extra
// room on top, so that no glyph leaves the block.
func lineMetrics(fam *family, first bool) (h, base float64) {
	a, d := fam.regular.Ascent(fam.size), fam.regular.Descent(fam.size)
	l := fam.leading
	if l >= a+d {
		return l, (l-a-d)/2 + a
	}
	h, base = l, l-d
	if first {
		h += a + d - l
		base += a + d - l
	}
	return h, base
}

// lineItems turns set lines into vertical items at x in the column. The
// keeps forbid widows and orphans (a paragraph breaks only with at least
// two lines on each side) and a column or page ending in a word broken
// over the break. The first item's keep is left to the caller.
func (e *engine) lineItems(lines []*line, fam *family, x float64) []vitem {
	e.tagLines(lines, e.cur)
	n := len(lines)
	out := make([]vitem, 0, n)
	for i, ln := range lines {
		h, base := lineMetrics(fam, i == 0)
		boxes := ln.place(make([]Box, 0, len(ln.runs)+len(ln.links)), fam, x, base)
		keep := i > 0 && (!(i >= 2 && n-i >= 2) || lines[i-1].flagged)
		out = append(out, vitem{h: h, boxes: boxes, keep: keep})
	}
	return out
}

// frame is a rectangle of columns on one page that a flow fills.
type frame struct {
	page   *Page
	x      float64 // left edge of the first column
	y0, y1 float64
	cols   int
	fresh  bool // a whole empty page: something must go in
}

// fitColumn returns the end j of the items[i:j] that go in a column of
// height h, breaking only where keeps allow, and the height they take
// (trailing spaces left out). With force, at least one item is taken even
// if it breaks a keep or is too tall.
func fitColumn(items []vitem, i int, h float64, force bool) (int, float64) {
	n := len(items)
	for i < n && items[i].space {
		i++
	}
	start := i
	best, bestUsed := start, 0.0
	acc, content := 0.0, 0.0
	fitted := start // items[start:fitted] fit, ignoring keeps
	for k := start; k < n; k++ {
		it := items[k]
		if k > start && it.frameBreak {
			return k, content
		}
		if k > start && !it.keep {
			best, bestUsed = k, content
		}
		if !it.space && acc+it.h > h+0.001 {
			break
		}
		acc += it.h
		if !it.space {
			content = acc
		}
		fitted = k + 1
	}
	if fitted == n {
		return n, content
	}
	if best > start || !force {
		return best, bestUsed
	}
	// Forced: as many items as fit, at least one.
	j := max(fitted, start+1)
	used := 0.0
	for k := start; k < j; k++ {
		if !items[k].space || k < j-1 {
			used += items[k].h
		}
	}
	return j, used
}

// fitsIn reports whether items[i:] go in cols columns of height h.
func fitsIn(items []vitem, i int, h float64, cols int) bool {
	n := len(items)
	for i < n && items[i].space {
		i++ // spaces and a frame break at the top vanish
	}
	for c := 0; c < cols && i < n && (c == 0 || !endsFrame(items, i)); c++ {
		i, _ = fitColumn(items, i, h, false)
	}
	for i < n && items[i].space && !items[i].frameBreak {
		i++
	}
	return i >= n
}

// contentHeight is the sum of the items' heights.
func contentHeight(items []vitem, i int) float64 {
	s := 0.0
	for _, it := range items[i:] {
		s += it.h
	}
	return s
}

// flowResult says where a flow ended.
type flowResult struct {
	last     frame   // the frame the flow ended in
	bottom   float64 // the lowest y the flow's last frame used
	leftover float64 // height of what did not fit in maxFrames frames
	lines    int     // text lines that did not fit
	frames   int     // frames used
}

// flowOpts tunes a flow.
type flowOpts struct {
	// reserve is kept free at the bottom of the last frame (a footer).
	reserve float64
	// balance balances the columns of the last frame.
	balance bool
	// maxFrames > 0 stops after that many frames and reports what was
	// left over.
	maxFrames int
	// spread shares the content out over all maxFrames frames when it
	// would leave the last ones empty (a two-page leaflet).
	spread bool
	// frameH is the height of the frames after the first (full pages).
	frameH float64
	// fill > 1 lets the spaces of a one-column last frame grow, up to
	// fill times their height, so that short content fills its page
	// (a leaflet's back) instead of leaving its foot empty.
	fill float64
}

// flow places items in frame first and, when it is full, in the frames
// next returns (full pages).
func (e *engine) flow(items []vitem, first frame, next func() frame, o flowOpts) flowResult {
	i, n := 0, len(items)
	fr := first
	frames := 1
	capH := math.Inf(1)
	if o.spread && o.maxFrames > 1 {
		capH = e.spreadHeight(items, first, o)
	}
	for {
		h := min(fr.y1-fr.y0, capH)
		if last := min(fr.y1-fr.y0-o.reserve, capH); fitsIn(items, i, last, fr.cols) {
			colH := last
			if o.balance && fr.cols > 1 {
				colH = balancedHeight(items, i, colH, fr.cols)
			}
			if o.fill > 1 && fr.cols == 1 {
				fillSpaces(items, i, fr.y1-fr.y0-o.reserve, o.fill)
				colH = max(colH, fr.y1-fr.y0-o.reserve)
			}
			bottom := e.placeColumns(items, i, fr, colH)
			return flowResult{last: fr, bottom: bottom, frames: frames}
		}
		start := i
		for c := 0; c < fr.cols && i < n && (c == 0 || !endsFrame(items, i)); c++ {
			j, used := fitColumn(items, i, h, fr.fresh && c == 0 && i == start)
			if j < n && !endsFrame(items, j) {
				levelColumn(items, i, j, h-used) // the text goes on: end level
			}
			e.placeColumn(items, i, j, fr, c)
			i = j
		}
		if o.maxFrames > 0 && frames >= o.maxFrames {
			res := flowResult{last: fr, bottom: fr.y1, frames: frames, leftover: contentHeight(items, i) + o.reserve}
			for _, it := range items[i:] {
				for _, b := range it.boxes {
					if _, ok := b.(*TextRun); ok {
						res.lines++
						break
					}
				}
			}
			return res
		}
		fr = next()
		frames++
		if i >= n {
			// Everything is placed but the reserve did not fit.
			return flowResult{last: fr, bottom: fr.y0, frames: frames}
		}
	}
}

// fillSpaces lets the spaces between items[i:] grow in proportion to
// their height, up to fill times it, so that the items take up to h.
// Spaces at the start and the end, and frame breaks, stay as they are.
func fillSpaces(items []vitem, i int, h, fill float64) {
	first, last := i, len(items)
	for first < last && items[first].space {
		first++
	}
	for last > first && items[last-1].space {
		last--
	}
	used, spaces := 0.0, 0.0
	for k := first; k < last; k++ {
		used += items[k].h
		if items[k].space && !items[k].frameBreak {
			spaces += items[k].h
		}
	}
	if spaces <= 0 || used >= h {
		return
	}
	f := min(1+(h-used)/spaces, fill)
	for k := first; k < last; k++ {
		if items[k].space && !items[k].frameBreak {
			items[k].h *= f
		}
	}
}

// levelGrowth is how much the spaces of a column whose text goes on in
// the next column may grow, at most, so that it ends at the foot: by 150 %
// (a column short by a heading that moved on, or by a line, has spaces
// enough for that; one with a picture and a few paragraphs may not).
const levelGrowth = 1.5

// levelColumn lets the spaces between items[i:j] (not those at the
// column's top or foot, which placeColumn drops) grow in proportion to
// their height so that the column is slack higher and ends at its foot,
// level with the columns beside it. A column whose spaces would have to
// grow by more than levelGrowth stays as it is.
func levelColumn(items []vitem, i, j int, slack float64) {
	for i < j && items[i].space {
		i++
	}
	for j > i && items[j-1].space {
		j--
	}
	spaces := 0.0
	for k := i; k < j; k++ {
		if items[k].space && !items[k].frameBreak {
			spaces += items[k].h
		}
	}
	if slack < 0.05 || spaces <= 0 || slack > spaces*levelGrowth {
		return
	}
	f := 1 + slack/spaces
	for k := i; k < j; k++ {
		if items[k].space && !items[k].frameBreak {
			items[k].h *= f
		}
	}
}

// spreadHeight returns the least frame height at which items still go in
// o.maxFrames frames (the first as given, the others full pages), or
// +Inf when they do not go in at all.
func (e *engine) spreadHeight(items []vitem, first frame, o flowOpts) float64 {
	heights := make([]float64, o.maxFrames)
	heights[0] = first.y1 - first.y0
	for k := 1; k < len(heights); k++ {
		heights[k] = o.frameH
	}
	heights[len(heights)-1] -= o.reserve
	fits := func(limit float64) bool {
		i, n := 0, len(items)
		for _, h := range heights {
			h = min(h, limit)
			for i < n && items[i].space {
				i++
			}
			for c := 0; c < first.cols && i < n && (c == 0 || !endsFrame(items, i)); c++ {
				i, _ = fitColumn(items, i, h, false)
			}
		}
		for i < n && items[i].space {
			i++
		}
		return i >= n
	}
	hi := slices.Max(heights)
	if !fits(hi) {
		return math.Inf(1)
	}
	lo := 0.0
	for k := 0; k < 20 && hi-lo > 0.5; k++ {
		mid := (lo + hi) / 2
		if fits(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// balancedHeight finds the least column height at which items[i:] still
// go in cols columns, so that the columns end level.
func balancedHeight(items []vitem, i int, h float64, cols int) float64 {
	lo := contentHeight(items, i) / float64(cols)
	if lo >= h {
		return h
	}
	hi := h
	if !fitsIn(items, i, hi, cols) {
		return h
	}
	for k := 0; k < 18 && hi-lo > 0.25; k++ {
		mid := (lo + hi) / 2
		if fitsIn(items, i, mid, cols) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}

// placeColumns places items[i:] in the frame's columns of height h and
// returns the lowest y used.
func (e *engine) placeColumns(items []vitem, i int, fr frame, h float64) float64 {
	bottom := fr.y0
	n := len(items)
	for c := 0; c < fr.cols && i < n; c++ {
		force := c == fr.cols-1
		j, used := fitColumn(items, i, h, force)
		if force && j < n {
			j = n // the last column takes the rest (it was measured to fit)
		}
		e.placeColumn(items, i, j, fr, c)
		bottom = max(bottom, fr.y0+used)
		i = j
	}
	return bottom
}

// placeColumn draws items[i:j] in column c of the frame, dropping the
// spaces at its top and bottom.
func (e *engine) placeColumn(items []vitem, i, j int, fr frame, c int) {
	for i < j && items[i].space {
		i++
	}
	for j > i && items[j-1].space {
		j--
	}
	x := fr.x + float64(c)*(e.colW+e.gap)
	y := fr.y0
	for k := i; k < j; k++ {
		it := items[k]
		for _, b := range it.boxes {
			fr.page.Boxes = append(fr.page.Boxes, moveBox(b, x, y))
		}
		y += it.h
	}
}

// moveBox shifts a box by (dx, dy) in place and returns it.
func moveBox(b Box, dx, dy float64) Box {
	switch v := b.(type) {
	case *TextRun:
		v.X += dx
		v.Y += dy
	case *RuleBox:
		v.X1 += dx
		v.X2 += dx
		v.Y1 += dy
		v.Y2 += dy
	case *FillBox:
		v.X += dx
		v.Y += dy
	case *ImageBox:
		v.X += dx
		v.Y += dy
	case *LinkBox:
		v.X += dx
		v.Y += dy
	case *Anchor:
		v.Y += dy
	}
	return b
}
