// Package markdown reads a chapter's Markdown body (CommonMark + GFM, with
// raw HTML blocks and inline HTML) into document-tree blocks.
//
// # Markdown
//
// The body is parsed by goldmark with GFM tables, strikethrough and
// linkify, and its syntax tree is walked by one function per level
// (blocks, inlines) into [doc.Block]s and [doc.Inline]s:
//
//   - Headings are normalised so that the top level used in the body is
//     level 1 (### as the top level gives 1, #### gives 2, ...). Their text,
//     numbers included ("1. Preambule"), is kept.
//   - A quote (> or <blockquote>) that comes right after a heading and
//     holds paragraphs only becomes a [doc.Lead] (several paragraphs are
//     joined by a line break); every other quote becomes a [doc.Quote].
//   - A paragraph that holds nothing but pictures becomes one
//     [doc.ImageBlock] per picture, with Src as written and Alt. Pictures
//     before a paragraph's first word or after its last become image
//     blocks before or after it (a caption line over or under a picture);
//     a picture between words, in a heading, a table cell or the intro
//     stands for its alt text, with a problem saying so.
//   - Fenced and indented code becomes a paragraph holding one
//     [doc.Code] per line, the lines joined by [doc.LineBreak]s.
//   - Soft line breaks become spaces. Runs of spaces, tabs and newlines
//     collapse to one space, as a browser shows them; text is trimmed at
//     the edges of blocks and around line breaks.
//
// # HTML
//
// Raw HTML blocks and inline HTML are parsed with golang.org/x/net/html
// into the same blocks and inlines. The tree never holds tag text:
// unknown tags are transparent (their text stays), attributes are ignored
// except href, src, alt and start, and button, script, style, iframe,
// form, input, select, textarea, noscript (and similar non-content
// elements such as svg) are dropped with their content.
//
// A sibling sequence of goldmark blocks that contains raw HTML is read as
// one HTML fragment in which every Markdown block stands as a placeholder
// element, so an element opened in one HTML block and closed in a later
// one holds the Markdown between them.
//
// A <div> holding toggle <button>s (the collapsible sections of web
// programmes) becomes one [doc.Section] titled with the button label
// without its "- "/"+ " marker. Its content is the rest of the div or,
// when the div holds only the buttons, the next sibling element; a
// <blockquote> (or Markdown quote) wrapping that content is unwrapped.
// Buttons standing without a wrapping div make a section with the <div>
// (or <blockquote>, list) that follows them; other buttons are dropped.
// <details> with a <summary> becomes a section as well.
//
// A paragraph holding inline HTML is written out as HTML (Markdown
// syntax as the equivalent tags) and read as a whole, so that
// <strong>...</strong> around Markdown text applies to it.
//
// Text directly inside <ul> or <ol>, outside any <li>, becomes paragraphs:
// each <br> (or run of <br>s) there starts a new paragraph.
//
// # Problems
//
// What the reader could not make sense of is reported as a [Problem]
// with the 1-based line within the body: pictures without a file name,
// links without an address, collapsible sections without content, HTML
// elements left open that swallow the Markdown after them.
package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"leafpress/export/doc"
)

// Problem is something odd found in the body; Line is 1-based within the
// body given to Blocks (0 when unknown).
type Problem struct {
	Line    int
	Message string
}

// String formats the problem as "line N: message".
func (p Problem) String() string {
	if p.Line <= 0 {
		return p.Message
	}
	return fmt.Sprintf("line %d: %s", p.Line, p.Message)
}

// reader is the goldmark set-up shared by all calls; goldmark parsers are
// safe for concurrent use.
var reader = goldmark.New(goldmark.WithExtensions(
	extension.Table,
	extension.Strikethrough,
	extension.Linkify,
))

// Blocks parses a chapter body into blocks. Headings are normalised so that
// the top level used is 1, and a > quote right under a heading becomes a
// *doc.Lead. Image blocks carry Src and Alt only; resolving them is the
// caller's job.
func Blocks(src []byte) ([]doc.Block, []Problem) {
	src = unixLines(src)
	c := newConverter(src)
	root := reader.Parser().Parse(text.NewReader(src))
	blocks := c.children(root)
	NormalizeHeadings(blocks)
	MarkLeads(blocks)
	sort.SliceStable(c.problems, func(i, j int) bool { return c.problems[i].Line < c.problems[j].Line })
	return blocks, c.problems
}

// Inlines parses a short piece of Markdown with inline HTML (such as a
// front-matter intro holding <br/>) into inlines. Paragraph breaks become
// line breaks; leading and trailing white space is trimmed. Empty input
// gives nil.
func Inlines(src []byte) []doc.Inline {
	src = unixLines(src)
	c := newConverter(src)
	root := reader.Parser().Parse(text.NewReader(src))
	f := newFlow(c, true)
	f.block(c.children(root)...)
	return f.inlines()
}

// unixLines turns CRLF and lone CR line ends into LF, as CommonMark reads
// all three alike (the parser does not take a lone CR as one everywhere:
// "<a\r>" stayed text). Line numbers do not change.
func unixLines(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// converter turns one body's goldmark tree into document blocks.
type converter struct {
	src       []byte
	lineStart []int // byte offset of the start of each line
	line      int   // line being read, for problems
	problems  []Problem

	// Names of the placeholder elements put into HTML fragments; chosen
	// so that they do not occur in src.
	blockTag, lineTag string
	placeholders      []placeholder
}

// placeholder is a Markdown block standing in an HTML fragment.
type placeholder struct {
	blocks []doc.Block
	line   int
	used   bool
}

func newConverter(src []byte) *converter {
	c := &converter{src: src, lineStart: []int{0}}
	for i, b := range src {
		if b == '\n' {
			c.lineStart = append(c.lineStart, i+1)
		}
	}
	lower := strings.ToLower(string(src))
	prefix := "lp-"
	for i := 0; strings.Contains(lower, prefix); i++ {
		prefix = fmt.Sprintf("lp%d-", i)
	}
	c.blockTag, c.lineTag = prefix+"block", prefix+"line"
	return c
}

// problem records a problem at the current line.
func (c *converter) problem(format string, args ...any) { c.problemAt(c.line, format, args...) }

// problemAt records a problem at a given line.
func (c *converter) problemAt(line int, format string, args ...any) {
	c.problems = append(c.problems, Problem{Line: line, Message: fmt.Sprintf(format, args...)})
}

// lineAt returns the 1-based line holding byte offset off.
func (c *converter) lineAt(off int) int {
	return sort.Search(len(c.lineStart), func(i int) bool { return c.lineStart[i] > off })
}

// lineOf returns the first line of a node, or 0 when it has none. It
// looks a few levels deep only, so that deeply nested containers cost
// no more than their size.
func (c *converter) lineOf(n ast.Node) int {
	return c.lineWithin(n, 8)
}

func (c *converter) lineWithin(n ast.Node, depth int) int {
	switch v := n.(type) {
	case *ast.Text:
		return c.lineAt(v.Segment.Start)
	case *ast.RawHTML:
		if v.Segments.Len() > 0 {
			return c.lineAt(v.Segments.At(0).Start)
		}
	}
	if n.Type() == ast.TypeBlock {
		if l := n.Lines(); l != nil && l.Len() > 0 {
			return c.lineAt(l.At(0).Start)
		}
	}
	if depth == 0 {
		return 0
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if l := c.lineWithin(ch, depth-1); l > 0 {
			return l
		}
	}
	return 0
}

// children converts the block children of a container node.
func (c *converter) children(parent ast.Node) []doc.Block {
	for ch := parent.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if ch.Kind() == ast.KindHTMLBlock {
			return c.htmlSequence(parent)
		}
	}
	var out []doc.Block
	for ch := parent.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = append(out, c.block(ch)...)
	}
	return out
}

// block converts one goldmark block node.
func (c *converter) block(n ast.Node) []doc.Block {
	if l := c.lineOf(n); l > 0 {
		c.line = l
	}
	switch n := n.(type) {
	case *ast.Heading:
		f := newFlow(c, true)
		c.inlines(n, f)
		if ins := f.inlines(); len(ins) > 0 {
			return []doc.Block{&doc.Heading{Level: n.Level, Content: ins}}
		}
		return nil
	case *ast.Paragraph, *ast.TextBlock:
		f := newFlow(c, false)
		c.inlines(n, f)
		return f.finish()
	case *ast.Blockquote:
		if bs := c.children(n); len(bs) > 0 {
			return []doc.Block{&doc.Quote{Blocks: bs}}
		}
		return nil
	case *ast.List:
		l := &doc.List{Ordered: n.IsOrdered()}
		if l.Ordered {
			l.Start = n.Start
		}
		for item := n.FirstChild(); item != nil; item = item.NextSibling() {
			if bs := c.children(item); len(bs) > 0 {
				l.Items = append(l.Items, &doc.ListItem{Blocks: bs})
			}
		}
		if len(l.Items) == 0 {
			return nil
		}
		return []doc.Block{l}
	case *ast.ThematicBreak:
		return []doc.Block{&doc.Rule{}}
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		return codeBlock(c.rawLines(n))
	case *ast.HTMLBlock:
		// Reached only through a parent that is not read as a sequence.
		f := newFlow(c, false)
		c.html(c.rawLines(n), f)
		return f.finish()
	case *east.Table:
		return c.table(n)
	case *ast.LinkReferenceDefinition:
		return nil
	}
	return c.children(n)
}

// rawLines returns the source lines of a leaf block as one string.
func (c *converter) rawLines(n ast.Node) string {
	var sb strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		sb.Write(seg.Value(c.src))
	}
	if h, ok := n.(*ast.HTMLBlock); ok && h.HasClosure() {
		sb.Write(h.ClosureLine.Value(c.src))
	}
	return sb.String()
}

// codeBlock turns the text of a code block into a paragraph of code
// lines joined by line breaks.
func codeBlock(s string) []doc.Block {
	lines := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) == 0 {
		return nil
	}
	var ins []doc.Inline
	for i, l := range lines {
		if i > 0 {
			ins = append(ins, &doc.LineBreak{})
		}
		if l = strings.TrimRight(l, " \t\r"); l != "" {
			ins = append(ins, &doc.Code{Text: l})
		}
	}
	return []doc.Block{&doc.Paragraph{Content: ins}}
}

// table converts a GFM table.
func (c *converter) table(n *east.Table) []doc.Block {
	t := &doc.Table{}
	for _, a := range n.Alignments {
		switch a {
		case east.AlignLeft:
			t.Align = append(t.Align, "left")
		case east.AlignCenter:
			t.Align = append(t.Align, "center")
		case east.AlignRight:
			t.Align = append(t.Align, "right")
		default:
			t.Align = append(t.Align, "")
		}
	}
	if !slices.ContainsFunc(t.Align, func(s string) bool { return s != "" }) {
		t.Align = nil
	}
	for row := n.FirstChild(); row != nil; row = row.NextSibling() {
		var cells [][]doc.Inline
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			f := newFlow(c, true)
			c.inlines(cell, f)
			cells = append(cells, nonNil(f.inlines()))
		}
		if row.Kind() == east.KindTableHeader {
			t.Header = cells
		} else {
			t.Rows = append(t.Rows, cells)
		}
	}
	if t.Rows == nil {
		t.Rows = [][][]doc.Inline{}
	}
	return []doc.Block{t}
}

// nonNil returns ins, or an empty slice for nil, so that an empty table
// cell marshals as [] rather than null.
func nonNil(ins []doc.Inline) []doc.Inline {
	if ins == nil {
		return []doc.Inline{}
	}
	return ins
}

// inlines feeds the inline children of n into f. Content holding raw HTML
// goes through the HTML parser as a whole, so that tags opened and closed
// around Markdown text apply to it.
func (c *converter) inlines(n ast.Node, f *flow) {
	if hasRawHTML(n) {
		var sb strings.Builder
		c.renderChildren(n, &sb)
		c.html(sb.String(), f)
		return
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.inline(ch, f)
	}
}

func hasRawHTML(n ast.Node) bool {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if ch.Kind() == ast.KindRawHTML || hasRawHTML(ch) {
			return true
		}
	}
	return false
}

// inline converts one goldmark inline node into f.
func (c *converter) inline(n ast.Node, f *flow) {
	switch n := n.(type) {
	case *ast.Text:
		f.text(unescape(n.Segment.Value(c.src)))
		if n.HardLineBreak() {
			f.lineBreak()
		} else if n.SoftLineBreak() {
			f.text(" ")
		}
	case *ast.String:
		f.text(string(n.Value))
	case *ast.CodeSpan:
		f.code(c.codeSpan(n))
	case *ast.Emphasis:
		kind := emphasisFrame
		if n.Level >= 2 {
			kind = strongFrame
		}
		f.open(kind, "")
		c.inlineChildren(n, f)
		f.close()
	case *east.Strikethrough:
		f.open(strikeFrame, "")
		c.inlineChildren(n, f)
		f.close()
	case *ast.Link:
		url := destination(n.Destination)
		if url == "" {
			c.problem("link %q has no address: write it between the parentheses of [text](address)", c.plain(n))
			c.inlineChildren(n, f)
			return
		}
		f.open(linkFrame, url)
		c.inlineChildren(n, f)
		f.close()
	case *ast.AutoLink:
		f.open(linkFrame, c.autoLinkURL(n))
		f.text(string(n.Label(c.src)))
		f.close()
	case *ast.Image:
		f.image(destination(n.Destination), c.plain(n))
	case *ast.RawHTML:
		// Handled by inlines through the HTML parser.
	default:
		c.inlineChildren(n, f)
	}
}

// destination returns the address of a link or picture as written,
// escapes resolved.
func destination(dest []byte) string { return strings.TrimSpace(unescape(dest)) }

// autoLinkURL returns the address of an autolink; an e-mail address gets
// mailto:.
func (c *converter) autoLinkURL(n *ast.AutoLink) string {
	url := string(n.URL(c.src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
		url = "mailto:" + url
	}
	return url
}

func (c *converter) inlineChildren(n ast.Node, f *flow) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.inline(ch, f)
	}
}

// plain returns the plain text of n's inline children (a picture's alt
// text, a link's label).
func (c *converter) plain(n ast.Node) string {
	f := newFlow(c, true)
	c.inlineChildren(n, f)
	return doc.PlainText(f.inlines())
}

// codeSpan returns the text of a code span; line ends become spaces.
func (c *converter) codeSpan(n *ast.CodeSpan) string {
	var sb strings.Builder
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if t, ok := ch.(*ast.Text); ok {
			v := t.Segment.Value(c.src)
			if len(v) > 0 && v[len(v)-1] == '\n' {
				sb.Write(v[:len(v)-1])
				sb.WriteByte(' ')
			} else {
				sb.Write(v)
			}
		}
	}
	return sb.String()
}

// renderChildren writes n's inline children as HTML: Markdown syntax as
// the equivalent tags, raw HTML as written.
func (c *converter) renderChildren(n ast.Node, sb *strings.Builder) {
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		c.render(ch, sb)
	}
}

func (c *converter) render(n ast.Node, sb *strings.Builder) {
	wrap := func(tag string) {
		sb.WriteString("<" + tag + ">")
		c.renderChildren(n, sb)
		sb.WriteString("</" + tag + ">")
	}
	switch n := n.(type) {
	case *ast.Text:
		sb.WriteString(escape(unescape(n.Segment.Value(c.src))))
		if n.HardLineBreak() {
			sb.WriteString("<br>")
		} else if n.SoftLineBreak() {
			sb.WriteByte('\n')
		}
	case *ast.String:
		sb.WriteString(escape(string(n.Value)))
	case *ast.CodeSpan:
		sb.WriteString("<code>" + escape(c.codeSpan(n)) + "</code>")
	case *ast.Emphasis:
		if n.Level >= 2 {
			wrap("strong")
		} else {
			wrap("em")
		}
	case *east.Strikethrough:
		wrap("del")
	case *ast.Link:
		sb.WriteString(`<a href="` + escape(destination(n.Destination)) + `">`)
		c.renderChildren(n, sb)
		sb.WriteString("</a>")
	case *ast.AutoLink:
		sb.WriteString(`<a href="` + escape(c.autoLinkURL(n)) + `">` + escape(string(n.Label(c.src))) + "</a>")
	case *ast.Image:
		sb.WriteString(`<img src="` + escape(destination(n.Destination)) +
			`" alt="` + escape(c.plain(n)) + `">`)
	case *ast.RawHTML:
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			sb.Write(seg.Value(c.src))
		}
	default:
		c.renderChildren(n, sb)
	}
}
