package markdown

import "leafpress/export/doc"

// NormalizeHeadings shifts the levels of all headings in blocks (nested
// ones too) so that the top level used is 1: a body whose top level is
// ### gets 1 for ###, 2 for ####, and so on.
func NormalizeHeadings(blocks []doc.Block) {
	top := 0
	doc.WalkBlocks(blocks, func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok && (top == 0 || h.Level < top) {
			top = h.Level
		}
		return true
	})
	if top <= 1 {
		return
	}
	doc.WalkBlocks(blocks, func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok {
			h.Level = max(1, h.Level-top+1)
		}
		return true
	})
}

// MarkLeads turns each quote that comes right after a heading and holds
// paragraphs only into a *doc.Lead, at every level of nesting. Several
// paragraphs are joined by a line break.
func MarkLeads(blocks []doc.Block) {
	for i, b := range blocks {
		switch v := b.(type) {
		case *doc.Quote:
			MarkLeads(v.Blocks)
			if i == 0 {
				continue
			}
			if _, ok := blocks[i-1].(*doc.Heading); !ok {
				continue
			}
			if lead := leadOf(v); lead != nil {
				blocks[i] = lead
			}
		case *doc.Section:
			MarkLeads(v.Blocks)
		case *doc.List:
			for _, it := range v.Items {
				MarkLeads(it.Blocks)
			}
		}
	}
}

// leadOf returns the lead made of a quote's paragraphs, or nil when the
// quote holds anything else.
func leadOf(q *doc.Quote) *doc.Lead {
	var content []doc.Inline
	for _, b := range q.Blocks {
		p, ok := b.(*doc.Paragraph)
		if !ok {
			return nil
		}
		if len(content) > 0 {
			content = append(content, &doc.LineBreak{})
		}
		content = append(content, p.Content...)
	}
	if len(content) == 0 {
		return nil
	}
	return &doc.Lead{Content: content}
}
