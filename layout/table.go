package layout

import (
	"strings"

	"leafpress/export/doc"
)

// tableBlock adds a table: columns as wide as their content allows,
// text set ragged in the table size, a rule under every row. A row is
// never split; the header stays with the first row.
func (e *engine) tableBlock(v *vlist, t *doc.Table, c bctx) {
	sp := e.t.Spacing
	s := e.scale
	ncols := len(t.Header)
	for _, r := range t.Rows {
		ncols = max(ncols, len(r))
	}
	if ncols == 0 {
		return
	}
	head, cell := e.table(true), e.table(false)
	gap := 4 * s
	avail := c.w - float64(ncols-1)*gap
	nat := make([]float64, ncols)
	minw := make([]float64, ncols)
	measure := func(cells [][]doc.Inline, fam *family) {
		for i, ins := range cells {
			if len(ins) == 0 {
				continue
			}
			for _, ln := range e.setText(ins, fam, 1e6, 0) {
				nat[i] = max(nat[i], ln.used)
			}
			for _, w := range strings.Fields(doc.PlainText(ins)) {
				minw[i] = max(minw[i], fam.regular.Advance(w, fam.size))
			}
		}
	}
	measure(t.Header, head)
	for _, r := range t.Rows {
		measure(r, cell)
	}
	widths := make([]float64, ncols)
	sumNat, sumMin := 0.0, 0.0
	for i := range nat {
		nat[i] = max(nat[i], 6)
		minw[i] = min(max(minw[i], 6), nat[i])
		sumNat += nat[i]
		sumMin += minw[i]
	}
	switch {
	case sumNat <= avail:
		for i := range widths {
			widths[i] = nat[i] + (avail-sumNat)*nat[i]/sumNat
		}
	case sumMin <= avail:
		extra := sumNat - sumMin
		for i := range widths {
			widths[i] = minw[i]
			if extra > 0 {
				widths[i] += (avail - sumMin) * (nat[i] - minw[i]) / extra
			}
		}
	default:
		// Words too long for any share: every column first gets its
		// longest word or an equal share, whichever is less; the rest
		// goes to the columns that want more.
		share := avail / float64(ncols)
		base, want := 0.0, 0.0
		for i := range widths {
			widths[i] = min(minw[i], share)
			base += widths[i]
			want += nat[i] - widths[i]
		}
		for i := range widths {
			if want > 0 {
				widths[i] += (avail - base) * (nat[i] - widths[i]) / want
			}
		}
	}
	v.open(sp.Block * s)
	pad := 2.5 * s
	tbl := e.cur
	row := func(cells [][]doc.Inline, fam *family, ruleW float64, ruleC Colour, keep bool) {
		var tr *Node
		if tbl != nil {
			tr = e.node(StructTR, tbl)
		}
		var boxes []Box
		h := 0.0
		x := c.x
		type cellLines struct {
			x     float64
			lines []*line
		}
		var set []cellLines
		for i := 0; i < ncols; i++ {
			var ins []doc.Inline
			if i < len(cells) {
				ins = cells[i]
			}
			f := *fam
			if i < len(t.Align) {
				switch t.Align[i] {
				case "right":
					f.align = alignRight
				case "center":
					f.align = alignCenter
				}
			}
			lines := e.setText(ins, &f, widths[i], 0)
			if tr != nil {
				role := StructTD
				if fam == head {
					role = StructTH
				}
				e.tagLines(lines, e.node(role, tr))
			}
			set = append(set, cellLines{x, lines})
			h = max(h, linesHeight(lines, fam))
			x += widths[i] + gap
		}
		for _, cl := range set {
			y := pad
			for k, ln := range cl.lines {
				lh, base := lineMetrics(fam, k == 0)
				boxes = ln.place(boxes, fam, cl.x, y+base)
				y += lh
			}
		}
		h += 2 * pad
		boxes = append(boxes, &RuleBox{X1: c.x, Y1: h, X2: c.x + c.w, Y2: h, Width: ruleW, Colour: ruleC})
		v.add(vitem{h: h, boxes: boxes, keep: keep})
	}
	keepNext := false
	first := len(v.items)
	if len(t.Header) > 0 {
		row(t.Header, head, 0.8, e.col.brand, false)
		keepNext = true
	}
	for _, r := range t.Rows {
		row(r, cell, 0.3, e.col.rule, keepNext)
		keepNext = false
	}
	// A small table is never split.
	if contentHeight(v.items, first) < (e.pageH-e.top-e.bottom)/2 {
		for i := first + 1; i < len(v.items); i++ {
			v.items[i].keep = true
		}
	}
	v.close(sp.Block*s, false)
}
