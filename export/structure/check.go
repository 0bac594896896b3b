package structure

import (
	"cmp"
	"fmt"
	"strings"

	"leafpress/layout"
)

// Check tests the tree against the rules of PDF/UA-1 that a program can
// check on the structure (those of the Matterhorn Protocol's
// machine-checkable conditions that concern the tree): the document has
// a title and a language; every Figure has alternative text; headings
// start at H1 in each chapter and never skip a level; lists hold LI
// items of Lbl and LBody, tables TR rows of TH and TD cells; every link
// area belongs to a Link element, and every Link has its annotation.
// It returns one message per problem, none when the tree passes.
//
// The rules on the file itself (marked content on every page, the parent
// tree, /MarkInfo, /ViewerPreferences, fonts embedded with Unicode
// mappings) are the writer's; a writer that follows [Tree] meets them.
func (t *Tree) Check() []string {
	var probs []string
	add := func(format string, args ...any) { probs = append(probs, fmt.Sprintf(format, args...)) }
	if strings.TrimSpace(t.Title) == "" {
		add("the document has no title")
	}
	if strings.TrimSpace(t.Lang) == "" {
		add("the document has no language")
	}
	last := 0 // the last heading level met
	Walk(t.Root, func(e *Element) bool {
		parent := ""
		if e.Parent != nil {
			parent = e.Parent.Type
		}
		where := func() string {
			if s := t.Text(e); s != "" {
				if r := []rune(s); len(r) > 40 {
					s = string(r[:40]) + "…"
				}
				return fmt.Sprintf("%s %q", e.Type, s)
			}
			return e.Type
		}
		switch e.Type {
		case layout.StructSect:
			if e.Node != nil && e.Node.Chapter != nil {
				last = 0 // a chapter starts again at H1
			}
		case layout.StructH1, layout.StructH2, layout.StructH3, layout.StructH4:
			l := int(e.Type[1] - '0')
			if l > last+1 {
				add("%s follows H%d: a heading level is skipped", where(), last)
			}
			last = l
		case layout.StructFigure:
			if strings.TrimSpace(e.Alt) == "" {
				add("%s has no alternative text", where())
			}
		case layout.StructLI, layout.StructLbl, layout.StructLBody, layout.StructTR, layout.StructTH, layout.StructTD:
			if want := parentOf[e.Type]; parent != want {
				add("%s is in %s, not in %s", where(), parent, want)
			}
		case layout.StructLink:
			annot := false
			for _, k := range e.Kids {
				annot = annot || k.Link != nil
			}
			if !annot {
				add("%s has no link annotation", where())
			}
		}
		return true
	})
	for pi, p := range t.doc.Pages {
		for _, b := range p.Boxes {
			if l, ok := b.(*layout.LinkBox); ok && l.Node == nil {
				add("page %d: the link area to %q belongs to no Link element", pi+1, cmp.Or(l.URL, fmt.Sprintf("page %d", l.Page)))
			}
		}
	}
	return probs
}

// parentOf is the only element type each list and table part may be in.
var parentOf = map[string]string{
	layout.StructLI:    layout.StructL,
	layout.StructLbl:   layout.StructLI,
	layout.StructLBody: layout.StructLI,
	layout.StructTR:    layout.StructTable,
	layout.StructTH:    layout.StructTR,
	layout.StructTD:    layout.StructTR,
}
