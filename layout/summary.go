package layout

import (
	"strings"
	"unicode"

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
	return planBlocks(summaryPlan(bs), more)
}

// planBlocks is summaryBlocks over a plan made beforehand.
func planBlocks(plan []summaryGroup, more []int) []doc.Block {
	var out []doc.Block
	for k, g := range plan {
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

// Summary trims: how far a summary is cut down to fit its pages, tried
// in this order after the further paragraphs are gone.
// (The further paragraphs go first: trimNone holds only the leads.)
const (
	trimNone      = iota // every top heading with its lead (or its first paragraph)
	trimSentences        // headings with the first sentence of each lead
	trimHeadings         // the headings alone
	trimLevels
)

// trimNames say in a note how a summary was cut.
var trimNames = [trimLevels]string{"", "the first sentence of each lead", "headings only"}

// summaryTrimmed is summaryBlocks cut down to trim from the group from
// on (the groups before it one level less), keeping the first heads
// groups (all when heads < 0).
func summaryTrimmed(bs []doc.Block, more []int, trim, from, heads int) []doc.Block {
	return planTrimmed(summaryPlan(bs), more, trim, from, heads, sentenceOf)
}

// planTrimmed is summaryTrimmed over a plan made beforehand; sentence
// returns a lead or paragraph cut to its first sentence.
func planTrimmed(plan []summaryGroup, more []int, trim, from, heads int, sentence func(doc.Block) doc.Block) []doc.Block {
	if trim == trimNone && heads < 0 {
		return planBlocks(plan, more)
	}
	var out []doc.Block
	for k, g := range plan {
		if heads >= 0 && k >= heads {
			break
		}
		trim := trim
		if k < from {
			trim--
		}
		for _, b := range g.head {
			switch v := b.(type) {
			case *doc.Heading:
				out = append(out, v)
			case *doc.Lead, *doc.Paragraph: // a first paragraph stands in for a lead
				switch trim {
				case trimNone:
					out = append(out, v)
				case trimSentences:
					out = append(out, sentence(v))
				}
			}
		}
	}
	return out
}

// sentenceOf returns a copy of a lead or paragraph holding its first
// sentence.
func sentenceOf(b doc.Block) doc.Block {
	switch v := b.(type) {
	case *doc.Lead:
		return &doc.Lead{Content: firstSentence(v.Content)}
	case *doc.Paragraph:
		return &doc.Paragraph{Content: firstSentence(v.Content)}
	}
	return b
}

// firstSentence returns a copy of ins up to the end of its first
// sentence: a full stop, question or exclamation mark followed by a
// breakable space and a capital letter or digit. (Abbreviations such as
// "tzv." are followed by a no-break space after the typography pass, so
// they do not end a sentence.) Without such an end, ins is returned.
func firstSentence(ins []doc.Inline) []doc.Inline {
	text := []rune(doc.PlainText(ins))
	cut := -1
	for i := 0; i+2 < len(text); i++ {
		if strings.ContainsRune(".!?", text[i]) && text[i+1] == ' ' && (unicode.IsUpper(text[i+2]) || unicode.IsDigit(text[i+2])) {
			cut = i + 1
			break
		}
	}
	if cut < 0 {
		return ins
	}
	out, _ := cutInlines(ins, cut)
	return out
}

// cutInlines copies ins keeping the first n runes of their plain text; it
// returns the copy and the runes still to keep.
func cutInlines(ins []doc.Inline, n int) ([]doc.Inline, int) {
	var out []doc.Inline
	for _, in := range ins {
		if n <= 0 {
			break
		}
		switch v := in.(type) {
		case *doc.Text:
			r := []rune(v.Text)
			k := min(n, len(r))
			out = append(out, &doc.Text{Text: string(r[:k])})
			n -= k
		case *doc.Code:
			r := []rune(v.Text)
			k := min(n, len(r))
			out = append(out, &doc.Code{Text: string(r[:k])})
			n -= k
		case *doc.LineBreak:
			out = append(out, v)
			n--
		default:
			var content []doc.Inline
			content, n = cutInlines(doc.Children(in), n)
			out = append(out, withContent(in, content))
		}
	}
	return out, n
}

// withContent returns a copy of the container inline in holding content.
func withContent(in doc.Inline, content []doc.Inline) doc.Inline {
	switch v := in.(type) {
	case *doc.Strong:
		return &doc.Strong{Content: content}
	case *doc.Emphasis:
		return &doc.Emphasis{Content: content}
	case *doc.Strike:
		return &doc.Strike{Content: content}
	case *doc.Link:
		return &doc.Link{URL: v.URL, Content: content}
	case *doc.Span:
		return &doc.Span{Lang: v.Lang, Content: content}
	}
	return in
}

// SummaryCuts is the number of ways a summary is cut down to fit its
// pages, counting the whole summary as cut 0 (see [SummaryCut]).
const SummaryCuts = trimLevels

// SummaryCut returns the summary blocks of a chapter cut down as a fixed
// page count may need: cut 0 is [SummaryBlocks] (the headings with their
// leads); 1 keeps the first sentence of each lead; 2 the headings alone.
// heads >= 0 keeps only the first heads top headings. (A leaflet may cut
// only its last headings' leads: see [SummaryCutFrom].)
func SummaryCut(c *doc.Chapter, cut, heads int) []doc.Block {
	return summaryTrimmed(c.Blocks, nil, min(max(cut, 0), trimLevels-1), 0, heads)
}

// SummaryCutFrom is [SummaryCut] applied to the top headings from the
// from-th on; the ones before it are cut one step less.
func SummaryCutFrom(c *doc.Chapter, cut, from int) []doc.Block {
	return summaryTrimmed(c.Blocks, nil, min(max(cut, 0), trimLevels-1), from, -1)
}

// boldFirstSentence returns a lead's content with its first sentence
// strong, when it has more than one; otherwise all of it is strong.
func boldFirstSentence(ins []doc.Inline) []doc.Inline {
	first := firstSentence(ins)
	n := len([]rune(doc.PlainText(first)))
	if n >= len([]rune(doc.PlainText(ins))) {
		return []doc.Inline{&doc.Strong{Content: ins}}
	}
	return append([]doc.Inline{&doc.Strong{Content: first}}, dropInlines(ins, n)...)
}

// dropInlines copies ins leaving out the first n runes of their plain
// text (see cutInlines).
func dropInlines(ins []doc.Inline, n int) []doc.Inline {
	var out []doc.Inline
	for _, in := range ins {
		if n <= 0 {
			out = append(out, in)
			continue
		}
		switch v := in.(type) {
		case *doc.Text:
			r := []rune(v.Text)
			k := min(n, len(r))
			if k < len(r) {
				out = append(out, &doc.Text{Text: string(r[k:])})
			}
			n -= k
		case *doc.Code:
			r := []rune(v.Text)
			k := min(n, len(r))
			if k < len(r) {
				out = append(out, &doc.Code{Text: string(r[k:])})
			}
			n -= k
		case *doc.LineBreak:
			n--
		default:
			size := len([]rune(doc.PlainText(doc.Children(in))))
			if size <= n {
				n -= size
				continue
			}
			out = append(out, withContent(in, dropInlines(doc.Children(in), n)))
			n = 0
		}
	}
	return out
}
