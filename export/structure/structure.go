// Package structure builds the logical structure of a laid-out document,
// the tree a tagged PDF carries: a Document element holding a Sect per
// chapter with its H1 title, H2-H4 headings, paragraphs (P), lists (L, LI,
// Lbl, LBody), block quotes, tables (Table, TR, TH, TD), figures with
// their alternative text and links, in reading order.
//
// The tree is made from the provenance of the layout's boxes
// ([layout.Node]) and knows nothing of PDF bytes: it says, for every page,
// which runs of boxes are marked content of which element (with their
// marked-content identifiers, MCIDs, numbered from 0 on each page) and
// which are artifacts, and which element each link area belongs to. A
// PDF writer wraps each [Span] in BDC/EMC (or /Artifact BMC/EMC), writes
// the elements as structure elements and the owners of the MCIDs and
// link annotations as the parent tree.
//
// Reading order is the order of the document tree, whatever the columns
// and pages: child elements follow the order the layout made their nodes
// in, and the marked content of one element (a paragraph continued in the
// next column or on the next page) follows the pages and, on a page, the
// order the boxes are drawn in, which is column by column.
package structure

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"leafpress/layout"
)

// Document is the type of the root element.
const Document = "Document"

// Element is one structure element.
type Element struct {
	Type   string // a standard structure type: Document, Sect, H1, P, ...
	Parent *Element
	Kids   []Kid
	// Node is the layout's node the element stands for; nil for the root.
	Node *layout.Node
	// Alt is a Figure's alternative text; Lang the language of an element
	// in another language than the document's.
	Alt, Lang string
	// URL and Page are a Link's target: an address, or a page (1-based)
	// of the document.
	URL  string
	Page int

	first int // where its first content appears in the drawing order
}

// Kid is one child of an element: another element, a run of marked
// content on a page, or a link annotation (an object reference).
type Kid struct {
	Elem *Element
	// Page is the 0-based index of the page of marked content or of an
	// annotation.
	Page int
	// MCID is the marked content's identifier on its page; -1 for an
	// element or an annotation.
	MCID int
	// Link is the link area of an annotation kid.
	Link *layout.LinkBox

	key int // sort key among mixed kids
}

// Span is a run of a page's boxes, Boxes[Start:End], drawn as one piece
// of marked content: of Elem with MCID, or an artifact (Elem nil, MCID
// -1). Boxes that draw nothing (link areas, bookmark anchors) are part of
// whatever span they fall in.
type Span struct {
	Start, End int
	MCID       int
	Elem       *Element
}

// Artifact reports whether the span is an artifact.
func (s Span) Artifact() bool { return s.Elem == nil }

// Page is the structure of one page.
type Page struct {
	// Spans cover all the page's boxes, in drawing order.
	Spans []Span
	// Owners[mcid] is the element whose content carries that MCID (the
	// page's entry in the parent tree).
	Owners []*Element
	// Links are the page's link areas with their Link elements.
	Links []Link
}

// Link is a link area (an annotation in the PDF) and its element.
type Link struct {
	Box  *layout.LinkBox
	Elem *Element
	// StructParent is the annotation's key in the parent tree: the number
	// of pages plus the link's index over the whole document.
	StructParent int
}

// Tree is the structure of a laid-out document.
type Tree struct {
	Root  *Element
	Pages []Page
	// Lang is the document's language (BCP 47), Title its title.
	Lang, Title string

	doc   *layout.Document
	elems map[*layout.Node]*Element
	links map[*layout.LinkBox]*Link
}

// content reports whether b draws something that is either marked
// content or an artifact; link areas and anchors draw nothing.
func content(b layout.Box) bool {
	switch b.(type) {
	case *layout.LinkBox, *layout.Anchor:
		return false
	}
	return true
}

// Build makes the structure tree of d.
func Build(d *layout.Document) *Tree {
	t := &Tree{
		Root: &Element{Type: Document}, Lang: d.Language, Title: d.Title, doc: d,
		elems: map[*layout.Node]*Element{}, links: map[*layout.LinkBox]*Link{},
		Pages: make([]Page, len(d.Pages)),
	}
	appear := 0
	nLinks := 0
	for pi, p := range d.Pages {
		pg := &t.Pages[pi]
		var cur *Span
		for bi, b := range p.Boxes {
			if l, ok := b.(*layout.LinkBox); ok && l.Node != nil {
				e := t.element(l.Node, appear)
				pg.Links = append(pg.Links, Link{Box: l, Elem: e, StructParent: len(d.Pages) + nLinks})
				nLinks++
				e.Kids = append(e.Kids, Kid{Page: pi, MCID: -1, Link: l, key: math.MaxInt})
			}
			if !content(b) {
				if cur != nil {
					cur.End = bi + 1
				}
				continue
			}
			var e *Element
			if n := layout.NodeOf(b); n != nil {
				e = t.element(n, appear)
			}
			if cur != nil && cur.Elem == e {
				cur.End = bi + 1
				continue
			}
			appear++
			s := Span{Start: bi, End: bi + 1, MCID: -1, Elem: e}
			if cur != nil {
				s.Start = cur.End
			} else {
				s.Start = 0
			}
			if e != nil {
				s.MCID = len(pg.Owners)
				pg.Owners = append(pg.Owners, e)
				e.Kids = append(e.Kids, Kid{Page: pi, MCID: s.MCID, key: appear})
				t.seen(e, appear)
			}
			pg.Spans = append(pg.Spans, s)
			cur = &pg.Spans[len(pg.Spans)-1]
		}
		if cur != nil {
			cur.End = len(p.Boxes)
		} else if len(p.Boxes) > 0 {
			pg.Spans = append(pg.Spans, Span{Start: 0, End: len(p.Boxes), MCID: -1})
		}
	}
	for i := range t.Pages {
		for k := range t.Pages[i].Links {
			l := &t.Pages[i].Links[k]
			t.links[l.Box] = l
		}
	}
	t.order(t.Root)
	return t
}

// element returns the element of node n, making it and its ancestors.
func (t *Tree) element(n *layout.Node, appear int) *Element {
	if e, ok := t.elems[n]; ok {
		return e
	}
	parent := t.Root
	if n.Parent != nil {
		parent = t.element(n.Parent, appear)
	}
	e := &Element{Type: n.Role, Parent: parent, Node: n, Alt: n.Alt, Lang: n.Lang, URL: n.URL, Page: n.Page, first: math.MaxInt}
	t.elems[n] = e
	parent.Kids = append(parent.Kids, Kid{Elem: e, MCID: -1})
	return e
}

// seen records that content of e appears at position a, for e and its
// ancestors.
func (t *Tree) seen(e *Element, a int) {
	for ; e != nil && a < e.first; e = e.Parent {
		e.first = a
	}
}

// order sorts every element's kids into reading order: child elements
// alone by the order of the tree (their nodes' Seq); content mixed with
// elements (a paragraph with links, a figure with its caption) by where
// it is drawn.
func (t *Tree) order(e *Element) {
	mixed := false
	for _, k := range e.Kids {
		if k.Elem == nil {
			mixed = true
		}
	}
	if mixed {
		for i := range e.Kids {
			if k := &e.Kids[i]; k.Elem != nil {
				k.key = k.Elem.first
			}
		}
		slices.SortStableFunc(e.Kids, func(a, b Kid) int { return cmp.Compare(a.key, b.key) })
	} else {
		slices.SortStableFunc(e.Kids, func(a, b Kid) int { return cmp.Compare(a.Elem.Node.Seq, b.Elem.Node.Seq) })
	}
	for _, k := range e.Kids {
		if k.Elem != nil {
			t.order(k.Elem)
		}
	}
}

// LinkOf returns the structure of a link area: its element and parent
// tree key; nil for a link area with no element.
func (t *Tree) LinkOf(b *layout.LinkBox) *Link { return t.links[b] }

// Walk calls f for e and every element under it, depth first in reading
// order, until f returns false.
func Walk(e *Element, f func(*Element) bool) bool {
	if !f(e) {
		return false
	}
	for _, k := range e.Kids {
		if k.Elem != nil && !Walk(k.Elem, f) {
			return false
		}
	}
	return true
}

// Text returns the text of e and its descendants in reading order, the
// runs of each line separated by spaces, as a screen reader would read it.
func (t *Tree) Text(e *Element) string {
	var b strings.Builder
	t.text(e, &b)
	return strings.TrimSpace(b.String())
}

func (t *Tree) text(e *Element, b *strings.Builder) {
	for _, k := range e.Kids {
		switch {
		case k.Elem != nil:
			t.text(k.Elem, b)
		case k.MCID >= 0:
			for _, s := range t.Pages[k.Page].Spans {
				if s.MCID != k.MCID || s.Elem == nil {
					continue
				}
				for _, bx := range t.doc.Pages[k.Page].Boxes[s.Start:s.End] {
					if r, ok := bx.(*layout.TextRun); ok {
						if r.Hyphen { // the word goes on on the next line
							b.WriteString(strings.TrimSuffix(r.Text, "-"))
							continue
						}
						b.WriteString(r.Text)
						b.WriteByte(' ')
					}
				}
			}
		}
	}
}
