package layout

import "leafpress/export/doc"

// Node is an element of a document's logical structure, the provenance
// of a box: a TextRun, ImageBox or LinkBox points at the element it is
// part of, and the elements point at their parents up to the chapter's
// Sect (whose parent is nil: the document). A backend that tags its output
// (a tagged PDF) builds the structure tree from the boxes' nodes; a box
// without a node, and every RuleBox and FillBox, is an artifact: running
// heads, folios, rules, bands, card frames, marks.
//
// Nodes are made in the order of the document tree, and Seq records it:
// siblings sorted by Seq are in reading order, whatever the columns and
// pages their boxes landed on. A paragraph broken over two columns or
// pages is one node.
type Node struct {
	Role   string // the structure type, one of the Struct constants
	Parent *Node
	Seq    int // creation order; reading order among siblings
	// Block is the document-tree block the element comes from; nil for
	// text layout adds (a chapter's title, the garant line).
	Block doc.Block
	// Chapter is set on a chapter's Sect, and on overview cards' Links.
	Chapter *doc.Chapter
	// Alt is a Figure's alternative text: the picture's alt text, else the
	// chapter's title.
	Alt string
	// URL is a Link's address; Page (1-based) the target of a Link inside
	// the document.
	URL  string
	Page int
	// Lang is the language of an element written in another language than
	// the document (BCP 47), empty when it is the document's.
	Lang string
}

// Structure types of nodes, named as the PDF standard structure types.
const (
	StructSect       = "Sect"
	StructH1         = "H1"
	StructH2         = "H2"
	StructH3         = "H3"
	StructH4         = "H4"
	StructP          = "P"
	StructBlockQuote = "BlockQuote"
	StructL          = "L"
	StructLI         = "LI"
	StructLbl        = "Lbl"
	StructLBody      = "LBody"
	StructTable      = "Table"
	StructTR         = "TR"
	StructTH         = "TH"
	StructTD         = "TD"
	StructFigure     = "Figure"
	StructCaption    = "Caption"
	StructLink       = "Link"
	StructSpan       = "Span"
)

// Artifact reports whether b is an artifact: not part of the content's
// structure.
func Artifact(b Box) bool { return NodeOf(b) == nil }

// NodeOf returns the structure element of b, nil for an artifact.
func NodeOf(b Box) *Node {
	switch v := b.(type) {
	case *TextRun:
		return v.Node
	case *ImageBox:
		return v.Node
	case *LinkBox:
		return v.Node
	}
	return nil
}

// ChapterOf returns the chapter n belongs to (from its Sect), or nil.
func (n *Node) ChapterOf() *doc.Chapter {
	for ; n != nil; n = n.Parent {
		if n.Chapter != nil && n.Role == StructSect {
			return n.Chapter
		}
	}
	return nil
}

// node makes a structure element under parent.
func (e *engine) node(role string, parent *Node) *Node {
	e.seq++
	return &Node{Role: role, Parent: parent, Seq: e.seq}
}

// headingRole returns the structure type of a heading of the body at
// level (1 for a chapter's top headings, which come under the chapter's
// H1), never skipping a level after the last heading.
func (e *engine) headingRole(level int) string {
	l := min(max(level, 1)+1, e.hlevel+1, 4)
	e.hlevel = l
	return [...]string{StructH1, StructH2, StructH3, StructH4}[l-1]
}

// tagLines sets the structure element of the runs of set lines to n. The
// runs of a link get a Link element under n, one per link even where it
// continues on the next line, which its link areas share; text in
// another language gets a Span with its Lang (holding the links in it).
func (e *engine) tagLines(lines []*line, n *Node) {
	if n == nil {
		return
	}
	var link, span *Node
	for _, ln := range lines {
		for i, r := range ln.runs {
			u, parent := ln.url(i), n
			switch lg := ln.lang(i); {
			case lg == "":
				span = nil
			case span == nil || span.Lang != lg:
				span = e.node(StructSpan, n)
				span.Lang = lg
				fallthrough
			default:
				parent = span
			}
			switch {
			case u == "":
				r.Node, link = parent, nil
			case link == nil || link.URL != u || link.Parent != parent:
				link = e.node(StructLink, parent)
				link.URL = u
				r.Node = link
			default:
				r.Node = link
			}
		}
		for k := range ln.links {
			ln.links[k].node = ln.runs[ln.links[k].run].Node
		}
	}
}
