package layout

import (
	"fmt"
	"strings"

	"leafpress/export/doc"
)

// bctx is where blocks are set: an indent from the column's left edge, a
// width, and whether they are inside a quote.
type bctx struct {
	x, w  float64
	quote bool
	depth int   // list nesting
	node  *Node // the structure element the blocks are in
}

// vlist builds a vertical list, collapsing the spaces between blocks (the
// larger of the space after one block and before the next wins) and
// carrying keeps from a heading to what follows it.
type vlist struct {
	items    []vitem
	after    float64 // space owed after the last block
	keepNext bool    // the next block must stay with the last one
	softKeep bool    // keepNext binds text only, not a following heading
	// keepLines is how many lines after the first of the block that
	// keepNext binds stay with it too; tail counts them down.
	keepLines, tail int
	started         bool
	// rules are drawn beside every item added (a quote's bar): x and
	// colour.
	bar   *barStyle
	first bool // the first item since the last block opened
}

type barStyle struct {
	x, w   float64
	colour Colour
}

// open starts a block that wants before points of space above it.
func (v *vlist) open(before float64) {
	if v.first && v.started {
		// Nothing was added since the enclosing block opened: its space
		// (a list item's, a quote's) stands.
		return
	}
	if v.started {
		s := max(before, v.after)
		if s > 0 {
			it := space(s)
			it.keep = v.keepNext
			v.add(it)
		}
	}
	v.started = true
	v.after = 0
	v.first = true
}

// add appends an item; the first item of a block after a kept block is
// kept with it.
func (v *vlist) add(it vitem) {
	if v.first && !it.space {
		v.tail = 0
		if v.keepNext {
			it.keep = true
			v.tail = v.keepLines
		}
		v.keepNext = false
		v.first = false
	} else if v.tail > 0 && !it.space {
		it.keep = true
		v.tail--
	}
	if v.bar != nil {
		it.boxes = append(it.boxes, &RuleBox{X1: v.bar.x, Y1: 0, X2: v.bar.x, Y2: it.h, Width: v.bar.w, Colour: v.bar.colour})
	}
	v.items = append(v.items, it)
}

// close ends a block that wants after points of space below it; keep
// binds the next block to it.
func (v *vlist) close(after float64, keep bool) {
	v.after = after
	v.softKeep = false
	v.keepLines = 0
	if keep {
		// A heading or a lead keeps three lines of what follows.
		v.keepNext, v.keepLines = true, 2
	}
}

// heading starts a heading: it stays with a heading before it, but need
// not stay with a lead before it.
func (v *vlist) heading() {
	if v.softKeep {
		v.keepNext = false
		v.softKeep = false
	}
}

// blocks appends the vertical items of blocks to v.
func (e *engine) blocks(v *vlist, bs []doc.Block, c bctx) {
	sp := e.t.Spacing
	s := e.scale
	prevPara := false
	prev := e.cur
	defer func() { e.cur = prev }()
	for _, b := range bs {
		isPara := false
		e.cur = nil
		switch b := b.(type) {
		case *doc.Paragraph:
			e.cur = e.blockNode(StructP, b, c.node)
			fam := e.body()
			if c.quote {
				fam = e.quote()
			}
			indent := 0.0
			if prevPara && e.t.Text.Indent > 0 {
				indent = e.t.Text.Indent
			}
			v.open(sp.Paragraph * s)
			e.addLines(v, e.setText(b.Content, fam, c.w, indent), fam, c.x)
			v.close(sp.Paragraph*s, false)
			isPara = true
		case *doc.Lead:
			e.cur = e.blockNode(StructBlockQuote, b, c.node)
			content, fam := b.Content, e.lead()
			if e.t.Text.LeadBold == "first_sentence" {
				content, fam = e.boldFirst(content), e.leadLight()
			}
			e.leadBlock(v, content, fam, c)
		case *doc.Heading:
			e.cur = e.blockNode(e.headingRole(b.Level), b, c.node)
			e.headingBlock(v, b.Content, b.Level, c)
		case *doc.Quote:
			v.open(sp.Block * s)
			ind := sp.ListIndent * s * 0.8
			old := v.bar
			v.bar = &barStyle{x: c.x + ind*0.3, w: 1.2, colour: e.col.brand}
			e.blocks(v, b.Blocks, bctx{x: c.x + ind, w: c.w - ind, quote: true, depth: c.depth, node: e.blockNode(StructBlockQuote, b, c.node)})
			v.bar = old
			v.close(sp.Block*s, false)
		case *doc.List:
			e.list(v, b, c)
		case *doc.Section:
			e.sectionBlock(v, b, c)
		case *doc.ImageBlock:
			e.cur = e.blockNode(StructFigure, b, c.node)
			e.imageBlock(v, &b.Image, c)
		case *doc.Table:
			e.cur = e.blockNode(StructTable, b, c.node)
			e.tableBlock(v, b, c)
		case *doc.Rule:
			v.open(sp.Block * s)
			h := sp.Block * s
			v.add(vitem{h: h, boxes: []Box{&RuleBox{X1: c.x + c.w*0.3, Y1: h / 2, X2: c.x + c.w*0.7, Y2: h / 2, Width: 0.6, Colour: e.col.rule}}})
			v.close(sp.Block*s, false)
		}
		prevPara = isPara
	}
}

// blockNode makes the structure element of block b under parent.
func (e *engine) blockNode(role string, b doc.Block, parent *Node) *Node {
	n := e.node(role, parent)
	n.Block = b
	return n
}

// leadBlock adds a lead (or a chapter's intro) in fam: a short one stays
// whole, and the text under it starts in the same column.
func (e *engine) leadBlock(v *vlist, content []doc.Inline, fam *family, c bctx) {
	sp := e.t.Spacing
	s := e.scale
	v.open(sp.Paragraph * s)
	items := e.lineItems(e.setText(content, fam, c.w, 0), fam, c.x)
	if len(items) <= 6 {
		for i := range items {
			if i > 0 {
				items[i].keep = true
			}
		}
	}
	for _, it := range items {
		v.add(it)
	}
	v.close(sp.Paragraph*s, true)
	v.softKeep = true
}

// addLines adds the lines of a paragraph.
func (e *engine) addLines(v *vlist, lines []*line, fam *family, x float64) {
	for _, it := range e.lineItems(lines, fam, x) {
		v.add(it)
	}
}

// headingBlock adds a heading with an anchor for the bookmarks; it is kept
// with what follows.
func (e *engine) headingBlock(v *vlist, content []doc.Inline, level int, c bctx) {
	sp := e.t.Spacing
	s := e.scale
	fam := e.heading(level)
	v.heading()
	v.open(sp.HeadingBefore * s)
	lines := e.setText(content, fam, c.w, 0)
	items := e.lineItems(lines, fam, c.x)
	for i := range items {
		if i > 0 {
			items[i].keep = true
		}
	}
	if len(items) > 0 {
		items[0].boxes = append(items[0].boxes, &Anchor{Y: 0, Title: oneLine(doc.PlainText(content)), Level: max(level, 1)})
	}
	for _, it := range items {
		v.add(it)
	}
	v.close(sp.HeadingAfter*s, true)
}

// sectionBlock adds a titled section ("Kontext"): a thin rule, the title
// and the section's blocks.
func (e *engine) sectionBlock(v *vlist, sec *doc.Section, c bctx) {
	sp := e.t.Spacing
	s := e.scale
	sect := e.blockNode(StructSect, sec, c.node)
	if t := strings.TrimSpace(sec.Title); t != "" {
		e.cur = e.node(e.headingRole(e.hlevel), sect)
		fam := e.section()
		v.heading()
		v.open(sp.HeadingBefore * s)
		lines := e.setString(t, fam, c.w)
		items := e.lineItems(lines, fam, c.x)
		for i := range items {
			if i > 0 {
				items[i].keep = true
			}
		}
		if len(items) > 0 {
			// A short rule above the title.
			items[0].boxes = append(items[0].boxes, &RuleBox{X1: c.x, Y1: 0, X2: c.x + min(c.w, 24), Y2: 0, Width: 1, Colour: e.col.brand})
		}
		for _, it := range items {
			v.add(it)
		}
		v.close(sp.HeadingAfter*s, true)
	}
	c.node = sect
	e.blocks(v, sec.Blocks, c)
	v.close(sp.Block*s, false)
}

// list adds a list with bullets or numbers in a hanging indent.
func (e *engine) list(v *vlist, l *doc.List, c bctx) {
	sp := e.t.Spacing
	s := e.scale
	ind := sp.ListIndent * s
	if ind > c.w/3 {
		ind = c.w / 3
	}
	fam := e.body()
	if c.quote {
		fam = e.quote()
	}
	v.open(sp.Block * s)
	ln := e.blockNode(StructL, l, c.node)
	n := l.Start
	if n == 0 {
		n = 1
	}
	if l.Ordered {
		// The indent holds the widest number and its gap.
		widest := 0.0
		for k := range l.Items {
			widest = max(widest, fam.regular.Advance(fmt.Sprintf("%d.", n+k), fam.size))
		}
		ind = min(max(ind, widest+fam.size*0.45), c.w/3)
	}
	for k, it := range l.Items {
		if k > 0 {
			v.open(sp.ListItem * s)
		}
		mark := "•"
		if c.depth%2 == 1 {
			mark = "–"
		}
		mst := &textStyle{face: fam.regular, size: fam.size, colour: e.col.brand}
		if l.Ordered {
			mark = fmt.Sprintf("%d.", n+k)
			mst.colour = fam.colour
		}
		start := len(v.items)
		li := e.node(StructLI, ln)
		lbl := e.node(StructLbl, li)
		e.blocks(v, it.Blocks, bctx{x: c.x + ind, w: c.w - ind, quote: c.quote, depth: c.depth + 1, node: e.node(StructLBody, li)})
		// The marker goes on the item's first line, right-aligned in the
		// indent.
		mw := mst.face.Advance(mark, mst.size)
		gap := fam.size * 0.45
		mx := c.x + ind - gap - mw
		if !l.Ordered {
			mx = c.x + ind*0.25
			if ind*0.25+mw > ind-gap {
				mx = c.x + ind - gap - mw
			}
		}
		base := fam.regular.Ascent(fam.size)
		target := -1
		for i := start; i < len(v.items); i++ {
			if v.items[i].space {
				continue
			}
			target = i
			for _, b := range v.items[i].boxes {
				if r, ok := b.(*TextRun); ok {
					base = r.Y
					break
				}
			}
			break
		}
		if target < 0 {
			// An empty item still shows its marker.
			h, b := lineMetrics(fam, true)
			v.add(vitem{h: h})
			target, base = len(v.items)-1, b
		}
		run := e.run(mark, mst, RoleMarker, mx, mw)
		run.Y, run.Node = base, lbl
		// Drawn before the line, so that it reads first and the item's
		// text stays one piece of marked content in a tagged PDF.
		v.items[target].boxes = append([]Box{run}, v.items[target].boxes...)
		v.close(sp.ListItem*s, false)
	}
	v.close(sp.Block*s, false)
}

// oneLine folds runs of white space, no-break spaces too, into one plain
// space: text for bookmarks, where lines do not break.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, isSpaceRune), " ")
}

// collapse folds runs of white space into one space, trimmed at both
// ends; a run holding a no-break space becomes that no-break space, so the
// typography pass's ties survive.
func collapse(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	pending, tie := false, rune(0) // a run of spaces; the no-break space in it
	for _, r := range s {
		if isSpaceRune(r) {
			pending = true
			if isNoBreak(r) && tie == 0 {
				tie = r
			}
			continue
		}
		if pending && sb.Len() > 0 {
			if tie != 0 {
				sb.WriteRune(tie)
			} else {
				sb.WriteByte(' ')
			}
		}
		pending, tie = false, 0
		sb.WriteRune(r)
	}
	return sb.String()
}
