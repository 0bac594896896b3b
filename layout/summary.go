package layout

import (
	"strings"

	"leafpress/export/doc"
)

// summaryGroup is what the summary content mode may print of one top
// heading: the heading with its lead (or first paragraph), and the
// further paragraphs it may add while they fit.
type summaryGroup struct {
	head []doc.Block
	more [][]doc.Block // units: a paragraph, or one ending in ":" with the list or table it introduces
}

// summaryPlan splits a chapter's blocks into summary groups: one per top
// heading, or a single one holding the first paragraph when the chapter
// has no headings.
func summaryPlan(bs []doc.Block) []summaryGroup {
	top := 0
	for _, b := range bs {
		if h, ok := b.(*doc.Heading); ok && (top == 0 || h.Level < top) {
			top = h.Level
		}
	}
	if top == 0 {
		for i, b := range bs {
			switch b.(type) {
			case *doc.Lead, *doc.Paragraph:
				return []summaryGroup{{head: []doc.Block{b}, more: moreUnits(bs[i+1:])}}
			}
		}
		return nil
	}
	var out []summaryGroup
	for i, b := range bs {
		h, ok := b.(*doc.Heading)
		if !ok || h.Level != top {
			continue
		}
		g := summaryGroup{head: []doc.Block{h}}
	follow:
		for k, nb := range bs[i+1:] {
			switch nb.(type) {
			case *doc.Heading:
				break follow
			case *doc.Lead, *doc.Paragraph:
				g.head = append(g.head, nb)
				g.more = moreUnits(bs[i+2+k:])
				break follow
			}
		}
		out = append(out, g)
	}
	return out
}

// moreUnits returns the paragraphs of bs up to the next heading, each a
// unit of its own; a paragraph that ends in a colon takes the list or
// table it introduces along. Other blocks (sections, quotes, pictures)
// are passed over; a colon with nothing to introduce ends the units,
// since what follows would read out of context.
func moreUnits(bs []doc.Block) [][]doc.Block {
	var out [][]doc.Block
	for i := 0; i < len(bs); i++ {
		switch b := bs[i].(type) {
		case *doc.Heading:
			return out
		case *doc.Paragraph:
			if !strings.HasSuffix(strings.TrimSpace(doc.PlainText(b.Content)), ":") {
				out = append(out, []doc.Block{b})
				continue
			}
			if i+1 < len(bs) {
				switch bs[i+1].(type) {
				case *doc.List, *doc.Table:
					out = append(out, []doc.Block{b, bs[i+1]})
					i++
					continue
				}
			}
			return out
		}
	}
	return out
}

// summaryBlocks returns the summary of a chapter's blocks with, under
// the k-th group, its first more[k] further paragraphs (none when more is
// shorter).
func summaryBlocks(bs []doc.Block, more []int) []doc.Block {
	var out []doc.Block
	for k, g := range summaryPlan(bs) {
		out = append(out, g.head...)
		n := 0
		if k < len(more) {
			n = min(max(more[k], 0), len(g.more))
		}
		for _, u := range g.more[:n] {
			out = append(out, u...)
		}
	}
	return out
}

// SummaryBlocks returns the blocks of a chapter that the summary content
// mode prints when no further paragraphs are added: every top heading
// with its lead, or, when it has none, the first paragraph under it; a
// chapter without headings gives its first paragraph.
func SummaryBlocks(c *doc.Chapter) []doc.Block {
	return summaryBlocks(c.Blocks, nil)
}

// SummaryParagraphs returns, for every top heading of a chapter (or for
// the whole chapter when it has no headings), how many further paragraphs
// the summary may add under it. A paragraph that ends in a colon counts
// with the list or table it introduces.
//
// The summary mode adds them in rounds, the first under every heading,
// then the second, and so on, at most the template's summary.paragraphs
// under one heading. With a fixed page count it adds only those that fit
// at the template's body size: one that does not fit is left out, and so
// are the later ones under its heading.
func SummaryParagraphs(c *doc.Chapter) []int {
	plan := summaryPlan(c.Blocks)
	out := make([]int, len(plan))
	for k, g := range plan {
		out[k] = len(g.more)
	}
	return out
}

// SummaryWith returns the summary blocks of a chapter with the first
// more[k] further paragraphs (see [SummaryParagraphs]) under its k-th top
// heading.
func SummaryWith(c *doc.Chapter, more []int) []doc.Block {
	return summaryBlocks(c.Blocks, more)
}
