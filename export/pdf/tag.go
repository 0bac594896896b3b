package pdf

import (
	"strconv"
	"strings"

	"leafpress/export/pdf/object"
	"leafpress/export/structure"
	"leafpress/layout"
)

// tagging is the structure of a tagged screen PDF while it is written:
// the tree from package structure, the object numbers of its elements
// and of the link annotations drawn.
type tagging struct {
	tree   *structure.Tree
	elems  map[*structure.Element]object.Ref
	annots map[*layout.LinkBox]object.Ref
	pages  []object.Ref // by page index
	// ua says the tree passed the PDF/UA checks, so the XMP may claim
	// PDF/UA-1.
	ua bool
}

// newTagging builds the structure of d; pages are the object numbers
// its pages will have.
func newTagging(d *layout.Document, pages []object.Ref) *tagging {
	t := structure.Build(d)
	return &tagging{
		tree: t, pages: pages, ua: len(t.Check()) == 0,
		elems: map[*structure.Element]object.Ref{}, annots: map[*layout.LinkBox]object.Ref{},
	}
}

// drawTagged draws the boxes of page index pi, each span wrapped in its
// marked content: /P <</MCID 0>> BDC ... EMC, or /Artifact BMC ... EMC.
func (wr *writer) drawTagged(s Sheet, pl Placement, pi int) {
	c := &wr.page.content
	for _, sp := range wr.tags.tree.Pages[pi].Spans {
		if sp.Artifact() {
			c.BeginArtifact("")
		} else {
			c.BeginMarked(object.Name(sp.Elem.Type), sp.MCID)
		}
		for _, b := range pl.Page.Boxes[sp.Start:sp.End] {
			wr.drawBox(s, pl, b)
		}
		c.EndMarked()
	}
}

// linkTags adds to a link annotation's dictionary what tagging needs: its
// key in the parent tree and its description (/Contents).
func (t *tagging) linkTags(b *layout.LinkBox, d object.Dict) {
	l := t.tree.LinkOf(b)
	if l == nil {
		return
	}
	d["StructParent"] = l.StructParent
	d["Contents"] = linkContents(t.tree, l.Elem, b)
}

// linkContents describes a link for assistive technology: its text and
// where it leads.
func linkContents(t *structure.Tree, e *structure.Element, b *layout.LinkBox) string {
	text := strings.Join(strings.Fields(t.Text(e)), " ")
	switch {
	case b.URL != "" && text != "" && !strings.Contains(text, strings.TrimPrefix(strings.TrimPrefix(b.URL, "https://"), "http://")):
		return text + " (" + b.URL + ")"
	case b.URL != "" && text == "":
		return b.URL
	case text == "":
		return "page " + strconv.Itoa(b.Page)
	}
	return text
}

// write writes the structure tree (every element, the parent tree, the
// tree's root) and returns the root.
func (t *tagging) write(w *object.Writer) object.Ref {
	root := w.Alloc()
	// Numbers first: an element names its parent and kids.
	structure.Walk(t.tree.Root, func(e *structure.Element) bool {
		t.elems[e] = w.Alloc()
		return true
	})
	structure.Walk(t.tree.Root, func(e *structure.Element) bool {
		// /Type /StructElem is optional and left out: a programme has
		// thousands of elements, and the file stays smaller.
		d := object.Dict{"S": object.Name(e.Type)}
		if e.Parent == nil {
			d["P"] = root
		} else {
			d["P"] = t.elems[e.Parent]
		}
		pg := -1 // the page of the element's /Pg: that of its first content
		var kids object.Array
		for _, k := range e.Kids {
			switch {
			case k.Elem != nil:
				kids = append(kids, t.elems[k.Elem])
			case k.Link != nil:
				a, ok := t.annots[k.Link]
				if !ok {
					continue // not drawn (no area)
				}
				kids = append(kids, object.Dict{"Type": object.Name("OBJR"), "Obj": a, "Pg": t.pages[k.Page]})
			default:
				if pg < 0 {
					pg = k.Page
				}
				if k.Page == pg {
					kids = append(kids, k.MCID)
				} else {
					kids = append(kids, object.Dict{"Type": object.Name("MCR"), "Pg": t.pages[k.Page], "MCID": k.MCID})
				}
			}
		}
		if pg >= 0 {
			d["Pg"] = t.pages[pg]
		}
		switch len(kids) {
		case 0:
		case 1:
			d["K"] = kids[0]
		default:
			d["K"] = kids
		}
		if e.Alt != "" {
			d["Alt"] = e.Alt
		}
		if e.Lang != "" {
			d["Lang"] = pdfLang(e.Lang)
		}
		if e.Type == layout.StructTH {
			d["A"] = object.Dict{"O": object.Name("Table"), "Scope": object.Name("Column")}
		}
		w.Put(t.elems[e], d)
		return true
	})
	// The parent tree: for each page (key = its index) the owners of its
	// MCIDs; for each link annotation its Link element.
	var nums object.Array
	next := len(t.tree.Pages)
	for i, p := range t.tree.Pages {
		owners := make(object.Array, len(p.Owners))
		for m, e := range p.Owners {
			owners[m] = t.elems[e]
		}
		nums = append(nums, i, w.Add(owners))
	}
	for _, p := range t.tree.Pages {
		for _, l := range p.Links {
			if _, ok := t.annots[l.Box]; ok {
				nums = append(nums, l.StructParent, t.elems[l.Elem])
			}
			next = max(next, l.StructParent+1)
		}
	}
	w.Put(root, object.Dict{
		"Type":              object.Name("StructTreeRoot"),
		"K":                 t.elems[t.tree.Root],
		"ParentTree":        w.Add(object.Dict{"Nums": nums}),
		"ParentTreeNextKey": next,
	})
	return root
}
