// Package markdown reads a chapter's Markdown body (CommonMark + GFM, with
// raw HTML blocks and inline HTML) into document-tree blocks.
package markdown

import "leafpress/export/doc"

// Problem is something odd found in the body; Line is 1-based within the
// body given to Blocks (0 when unknown).
type Problem struct {
	Line    int
	Message string
}

// Blocks parses a chapter body into blocks. Headings are normalised so that
// the top level used is 1, and a > quote right under a heading becomes a
// *doc.Lead. Image blocks carry Src and Alt only; resolving them is the
// caller's job.
func Blocks(src []byte) ([]doc.Block, []Problem) {
	return nil, nil // TODO: implemented by the markdown reader
}

// Inlines parses a short piece of Markdown with inline HTML (such as a
// front-matter intro holding <br/>) into inlines. Paragraph breaks become
// line breaks.
func Inlines(src []byte) []doc.Inline {
	return nil // TODO
}
