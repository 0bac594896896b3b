package markdown

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"leafpress/export/doc"
)

// dropped elements are left out with all their content.
var dropped = setOf("button", "script", "style", "iframe", "form", "input", "select",
	"textarea", "noscript", "template", "title", "head", "meta", "link", "base", "svg",
	"math", "object", "embed", "audio", "video", "canvas", "xmp", "noembed", "noframes",
	"plaintext", "option", "optgroup", "datalist", "map", "area", "source", "track",
	"param", "frame", "frameset", "picture")

// blockish elements are transparent containers that start and end a
// paragraph.
var blockish = setOf("p", "div", "section", "article", "aside", "main", "nav", "header",
	"footer", "address", "center", "dl", "dt", "dd", "figure", "figcaption", "fieldset",
	"legend", "hgroup", "summary", "dialog", "search", "caption", "body", "html",
	"tbody", "thead", "tfoot", "tr", "td", "th", "colgroup", "col")

// tracked elements are followed across HTML blocks: when one is left open,
// the Markdown after it is inside it.
var tracked = setOf("div", "section", "article", "aside", "main", "nav", "header",
	"footer", "blockquote", "ul", "ol", "table", "details", "center", "figure", "dl",
	"h1", "h2", "h3", "h4", "h5", "h6")

// sectionContent elements may hold a collapsible section's content when
// they follow its buttons.
var sectionContent = setOf("div", "blockquote", "ul", "ol", "section", "dl")

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// bodyContext makes ParseFragment read the way a browser reads the
// content of <body>.
var bodyContext = &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}

// openTag is a tracked element left open at the end of an HTML block.
type openTag struct {
	name      string
	line      int
	swallowed bool // Markdown blocks came while it was open
}

// htmlSequence converts the children of parent, a sibling sequence that
// holds raw HTML blocks, as one HTML fragment: the HTML blocks as written,
// each Markdown block as a placeholder element that stands for its
// converted blocks.
func (c *converter) htmlSequence(parent ast.Node) []doc.Block {
	var sb strings.Builder
	var open []openTag
	first := 0
	start := len(c.placeholders)
	for ch := parent.FirstChild(); ch != nil; ch = ch.NextSibling() {
		line := c.lineOf(ch)
		if first == 0 {
			first = line
		}
		if raw, ok := c.rawHTML(ch, len(open) > 0); ok {
			fmt.Fprintf(&sb, "<%s n=\"%d\"></%[1]s>", c.lineTag, line)
			sb.WriteString(raw)
			sb.WriteByte('\n')
			open = scanTags(raw, line, open)
			continue
		}
		for i := range open {
			open[i].swallowed = true
		}
		bs := c.block(ch)
		fmt.Fprintf(&sb, "\n<%s n=\"%d\"></%[1]s>\n", c.blockTag, len(c.placeholders))
		c.placeholders = append(c.placeholders, placeholder{blocks: bs, line: line})
	}
	if parent.Kind() == ast.KindDocument {
		for _, o := range open {
			if o.swallowed {
				c.problemAt(o.line, "<%s> is never closed, so everything after it is read as inside it: add </%[1]s> where it should end", o.name)
			}
		}
	}
	c.line = first
	f := newFlow(c, false)
	c.html(sb.String(), f)
	for i := start; i < len(c.placeholders); i++ {
		if p := &c.placeholders[i]; !p.used {
			p.used = true
			if len(p.blocks) > 0 {
				c.problems = append(c.problems, Problem{Line: p.line, Message: "this text is inside an HTML element that is left out " +
					"(such as <button>, <form> or <select>) or inside an unfinished tag, so it is left out: close that element before this text"})
			}
		}
	}
	return f.finish()
}

// rawHTML returns the text of a block to be read as HTML: a raw HTML
// block, or, inside an HTML element left open, an indented code block
// that starts with a tag (indented HTML, as kramdown reads it).
func (c *converter) rawHTML(n ast.Node, inHTML bool) (string, bool) {
	switch n.Kind() {
	case ast.KindHTMLBlock:
		return c.rawLines(n), true
	case ast.KindCodeBlock:
		if s := c.rawLines(n); inHTML && strings.HasPrefix(strings.TrimSpace(s), "<") {
			return s, true
		}
	}
	return "", false
}

// scanTags follows the tracked elements opened and closed in an HTML
// block.
func scanTags(raw string, line int, open []openTag) []openTag {
	z := html.NewTokenizer(strings.NewReader(raw))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return open
		}
		name, _ := z.TagName()
		switch tt {
		case html.StartTagToken:
			if tracked[string(name)] {
				open = append(open, openTag{name: string(name), line: line})
			}
		case html.EndTagToken:
			for i := len(open) - 1; i >= 0; i-- {
				if open[i].name == string(name) {
					open = open[:i]
					break
				}
			}
		}
		line += strings.Count(string(z.Raw()), "\n")
	}
}

// html parses an HTML fragment and feeds it into f.
func (c *converter) html(s string, f *flow) {
	nodes, err := html.ParseFragment(strings.NewReader(s), bodyContext)
	if err != nil {
		c.problem("HTML could not be read (%v): simplify it", err)
		c.plainHTML(s, f)
	} else {
		// ParseFragment unlinks the top-level nodes; put them back under
		// one parent so that a section can see its next sibling.
		root := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
		for _, n := range nodes {
			root.AppendChild(n)
		}
		c.nodes(root.FirstChild, f)
	}
}

// plainHTML feeds the text of HTML that could not be parsed into f,
// leaving out tags and the content of dropped elements.
func (c *converter) plainHTML(s string, f *flow) {
	z := html.NewTokenizer(strings.NewReader(s))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return
		case html.TextToken:
			if skip == 0 {
				f.text(string(z.Text()))
			}
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			switch {
			case string(name) == c.blockTag && hasAttr:
				for {
					k, v, more := z.TagAttr()
					if string(k) == "n" {
						c.usePlaceholder(string(v), f)
					}
					if !more {
						break
					}
				}
			case dropped[string(name)]:
				skip++
			case string(name) == "br" || string(name) == "p" || string(name) == "div" || string(name) == "li":
				f.flush()
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); dropped[string(name)] && skip > 0 {
				skip--
			}
		}
	}
}

// usePlaceholder adds the blocks of placeholder number n to f.
func (c *converter) usePlaceholder(n string, f *flow) {
	i, err := strconv.Atoi(n)
	if err != nil || i < 0 || i >= len(c.placeholders) || c.placeholders[i].used {
		return
	}
	c.placeholders[i].used = true
	f.block(c.placeholders[i].blocks...)
}

// attr returns an attribute's value and whether it is present.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// spanLang returns the language a <span> declares (lang, else xml:lang),
// trimmed, or "".
func spanLang(n *html.Node) string {
	for _, key := range []string{"lang", "xml:lang"} {
		if v, ok := attr(n, key); ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// nodes feeds n and its following siblings into f.
func (c *converter) nodes(n *html.Node, f *flow) {
	for n != nil {
		n = c.node(n, f)
	}
}

// node feeds one HTML node into f and returns the next sibling to read
// (a collapsible section may take its following sibling as content).
func (c *converter) node(n *html.Node, f *flow) *html.Node {
	switch n.Type {
	case html.TextNode:
		f.text(n.Data)
	case html.ElementNode:
		if n.Namespace != "" { // svg or math content
			return n.NextSibling
		}
		return c.element(n, f)
	case html.DocumentNode:
		c.nodes(n.FirstChild, f)
	}
	return n.NextSibling
}

func (c *converter) element(n *html.Node, f *flow) *html.Node {
	name := n.Data
	switch {
	case name == c.blockTag:
		v, _ := attr(n, "n")
		c.usePlaceholder(v, f)
	case name == c.lineTag:
		v, _ := attr(n, "n")
		if l, err := strconv.Atoi(v); err == nil && l > 0 {
			c.line = l
		}
	case name == "button":
		return c.looseSection(n, f)
	case dropped[name]:
	case name == "br":
		f.lineBreak()
	case name == "img":
		src, _ := attr(n, "src")
		alt, _ := attr(n, "alt")
		f.image(strings.TrimSpace(src), strings.TrimSpace(c.textOf(alt)))
	case name == "strong" || name == "b":
		c.wrapped(n, f, strongFrame, "")
	case name == "em" || name == "i":
		c.wrapped(n, f, emphasisFrame, "")
	case name == "s" || name == "strike" || name == "del":
		c.wrapped(n, f, strikeFrame, "")
	case name == "span" && spanLang(n) != "":
		c.wrapped(n, f, spanFrame, spanLang(n))
	case name == "a":
		href, has := attr(n, "href")
		href = strings.TrimSpace(href)
		if href == "" {
			if has {
				c.problem("link %q has no address: fill in its href", collapse(strings.TrimSpace(textContent(n, false)), true))
			}
			c.nodes(n.FirstChild, f)
			break
		}
		c.wrapped(n, f, linkFrame, href)
	case name == "code" || name == "kbd" || name == "samp" || name == "tt":
		f.code(strings.TrimSpace(collapse(textContent(n, false), false)))
	case name == "div":
		if next, ok := c.section(n, f); ok {
			return next
		}
		c.apart(n, f)
	case name == "details":
		c.details(n, f)
	case name == "blockquote":
		sub := newFlow(c, false)
		c.nodes(n.FirstChild, sub)
		if bs := sub.finish(); len(bs) > 0 {
			f.block(&doc.Quote{Blocks: bs})
		}
	case name == "ul" || name == "ol" || name == "menu" || name == "dir":
		c.list(n, f)
	case name == "li":
		sub := newFlow(c, false)
		c.nodes(n.FirstChild, sub)
		if bs := sub.finish(); len(bs) > 0 {
			f.strayItem(&doc.ListItem{Blocks: bs})
		}
	case len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6':
		c.heading(n, int(name[1]-'0'), f)
	case name == "table":
		c.htmlTable(n, f)
	case name == "hr":
		f.block(&doc.Rule{})
	case name == "pre" || name == "listing":
		s := textContent(n, true)
		f.block(codeBlock(s)...)
	case blockish[name]:
		c.apart(n, f)
	default:
		c.nodes(n.FirstChild, f)
	}
	return n.NextSibling
}

// apart feeds n's children into f between paragraph ends, as a block
// element's.
func (c *converter) apart(n *html.Node, f *flow) {
	f.flush()
	c.nodes(n.FirstChild, f)
	f.flush()
}

// wrapped feeds n's children inside an inline container.
func (c *converter) wrapped(n *html.Node, f *flow, kind frameKind, url string) {
	f.open(kind, url)
	c.nodes(n.FirstChild, f)
	f.close()
}

// textOf returns the text of a piece of HTML (an alt attribute may hold
// tags, which are left out).
func (c *converter) textOf(s string) string {
	if !strings.Contains(s, "<") {
		return collapse(s, true)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), bodyContext)
	if err != nil {
		return ""
	}
	var sb strings.Builder
	for _, n := range nodes {
		sb.WriteString(textContent(n, false))
	}
	return collapse(sb.String(), true)
}

// textContent returns the text inside n, leaving out dropped elements.
// With pre set, <br> gives a newline.
func textContent(n *html.Node, pre bool) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			sb.WriteString(n.Data)
			return
		case html.ElementNode:
			if dropped[n.Data] || n.Namespace != "" {
				return
			}
			if n.Data == "br" {
				if pre {
					sb.WriteByte('\n')
				} else {
					sb.WriteByte(' ')
				}
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		walk(ch)
	}
	return sb.String()
}

// heading converts h1-h6. Paragraphs at its start make the heading; any
// blocks inside it after them follow it.
func (c *converter) heading(n *html.Node, level int, f *flow) {
	sub := newFlow(c, false)
	c.nodes(n.FirstChild, sub)
	bs := sub.finish()
	var paras []doc.Block
	for len(bs) > 0 {
		if _, ok := bs[0].(*doc.Paragraph); !ok {
			break
		}
		paras, bs = append(paras, bs[0]), bs[1:]
	}
	if ins := Tidy(Flatten(paras)); len(ins) > 0 {
		f.block(&doc.Heading{Level: level, Content: ins})
	}
	f.block(bs...)
}

// list converts ul and ol. Text straight inside the list, outside any
// <li>, becomes paragraphs between the list's parts; each <br> there
// starts a new paragraph.
func (c *converter) list(n *html.Node, f *flow) {
	ordered := n.Data == "ol"
	start := 1
	if v, ok := attr(n, "start"); ok && ordered {
		if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			start = s
		}
	}
	num := start
	newList := func() *doc.List {
		l := &doc.List{Ordered: ordered}
		if ordered {
			l.Start = num
		}
		return l
	}
	cur := newList()
	loose := newFlow(c, false)
	loose.splitBR = true
	emitLoose := func() {
		bs := loose.finish()
		loose.out = nil
		if len(bs) == 0 {
			return
		}
		if len(cur.Items) > 0 {
			f.block(cur)
			cur = newList()
		}
		f.block(bs...)
	}
	for ch := n.FirstChild; ch != nil; {
		if ch.Type != html.ElementNode || ch.Data != "li" {
			ch = c.node(ch, loose)
			continue
		}
		emitLoose()
		sub := newFlow(c, false)
		c.nodes(ch.FirstChild, sub)
		if bs := sub.finish(); len(bs) > 0 {
			if len(cur.Items) == 0 {
				cur = newList()
			}
			cur.Items = append(cur.Items, &doc.ListItem{Blocks: bs})
		}
		num++
		ch = ch.NextSibling
	}
	emitLoose()
	if len(cur.Items) > 0 {
		f.block(cur)
	}
}

// htmlTable converts an HTML table. The header is the first row of
// <thead>, or the first row when all its cells are <th>. Short rows are
// padded with empty cells.
func (c *converter) htmlTable(n *html.Node, f *flow) {
	type row struct {
		cells [][]doc.Inline
		head  bool
	}
	var rows []row
	var captions []doc.Block
	var walk func(n *html.Node, head bool)
	walk = func(n *html.Node, head bool) {
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			if ch.Type != html.ElementNode {
				continue
			}
			switch ch.Data {
			case "thead":
				walk(ch, true)
			case "tbody", "tfoot":
				walk(ch, false)
			case "caption":
				sub := newFlow(c, false)
				c.nodes(ch.FirstChild, sub)
				captions = append(captions, sub.finish()...)
			case "tr":
				r := row{head: head}
				allTH := true
				for cell := ch.FirstChild; cell != nil; cell = cell.NextSibling {
					if cell.Type != html.ElementNode || (cell.Data != "td" && cell.Data != "th") {
						if cell.Type == html.ElementNode && cell.Data == c.lineTag {
							c.element(cell, nil)
						}
						continue
					}
					allTH = allTH && cell.Data == "th"
					sub := newFlow(c, true)
					c.nodes(cell.FirstChild, sub)
					r.cells = append(r.cells, nonNil(sub.inlines()))
				}
				if len(r.cells) > 0 {
					r.head = r.head || (allTH && len(rows) == 0)
					rows = append(rows, r)
				}
			default:
				if ch.Data == c.lineTag {
					c.element(ch, nil)
				}
			}
		}
	}
	walk(n, false)
	f.block(captions...)
	if len(rows) == 0 {
		return
	}
	width := 0
	for _, r := range rows {
		width = max(width, len(r.cells))
	}
	t := &doc.Table{Rows: [][][]doc.Inline{}}
	for i, r := range rows {
		for len(r.cells) < width {
			r.cells = append(r.cells, []doc.Inline{})
		}
		if i == 0 && r.head {
			t.Header = r.cells
			continue
		}
		t.Rows = append(t.Rows, r.cells)
	}
	f.block(t)
}

// isButton reports whether n is a <button> element.
func isButton(n *html.Node) bool {
	return n.Type == html.ElementNode && n.Data == "button"
}

// buttons returns the <button> children of n.
func buttons(n *html.Node) []*html.Node {
	var out []*html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if isButton(ch) {
			out = append(out, ch)
		}
	}
	return out
}

// section reads a <div> holding toggle buttons as a collapsible section.
// It reports false when n holds no buttons. The section's content is the
// rest of the div or, when that is empty, the next sibling element.
func (c *converter) section(n *html.Node, f *flow) (*html.Node, bool) {
	bts := buttons(n)
	if len(bts) == 0 {
		return nil, false
	}
	line := c.line
	title := ""
	for _, b := range bts {
		if title = Label(textContent(b, false)); title != "" {
			break
		}
	}
	sub := newFlow(c, false)
	for ch := n.FirstChild; ch != nil; {
		if isButton(ch) {
			ch = ch.NextSibling
			continue
		}
		ch = c.node(ch, sub)
	}
	bs := sub.finish()
	next := n.NextSibling
	if len(bs) == 0 {
		if sib := c.nextElement(n); sib != nil && sectionContent[sib.Data] && len(buttons(sib)) == 0 {
			sub = newFlow(c, false)
			c.node(sib, sub)
			bs = sub.finish()
			next = sib.NextSibling
		}
	}
	bs = unwrapQuotes(bs)
	name := title
	if name == "" {
		name = "(no label)"
	}
	switch {
	case len(bs) == 0:
		c.problemAt(line, "collapsible section %q has no content: put its text in a <div> right after its buttons, or delete the buttons", name)
	case title == "":
		c.problems = append(c.problems, Problem{Line: line, Message: "collapsible section has buttons without a label: " +
			"write the section's title in its buttons (\"- Kontext\", \"+ Kontext\")"})
		f.block(bs...)
	default:
		f.block(&doc.Section{Title: title, Blocks: bs})
	}
	return next, true
}

// looseSection reads toggle buttons that stand outside a wrapping <div>
// followed by their content element (a <div>, <blockquote>, list ...) as a
// collapsible section. Buttons without such content are dropped. It
// returns the node after what it read.
func (c *converter) looseSection(n *html.Node, f *flow) *html.Node {
	title := Label(textContent(n, false))
	last := n
	var content *html.Node
	for s := c.nextElement(n); s != nil; s = c.nextElement(s) {
		if isButton(s) {
			if title == "" {
				title = Label(textContent(s, false))
			}
			last = s
			continue
		}
		if sectionContent[s.Data] && len(buttons(s)) == 0 {
			content = s
		}
		break
	}
	if content == nil || title == "" {
		return last.NextSibling
	}
	sub := newFlow(c, false)
	c.node(content, sub)
	if bs := unwrapQuotes(sub.finish()); len(bs) > 0 {
		f.block(&doc.Section{Title: title, Blocks: bs})
	}
	return content.NextSibling
}

// nextElement returns the element that follows n, skipping white space,
// comments and line marks (whose lines it takes).
func (c *converter) nextElement(n *html.Node) *html.Node {
	for s := n.NextSibling; s != nil; s = s.NextSibling {
		switch s.Type {
		case html.CommentNode:
			continue
		case html.TextNode:
			if blank(s.Data) {
				continue
			}
			return nil
		case html.ElementNode:
			if s.Data == c.lineTag {
				c.element(s, nil)
				continue
			}
			return s
		}
	}
	return nil
}

// details reads <details> with a <summary> as a section.
func (c *converter) details(n *html.Node, f *flow) {
	var summary *html.Node
	for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
		if ch.Type == html.ElementNode && ch.Data == "summary" {
			summary = ch
			break
		}
	}
	if summary == nil {
		c.apart(n, f)
		return
	}
	line := c.line
	title := Label(textContent(summary, false))
	sub := newFlow(c, false)
	for ch := n.FirstChild; ch != nil; {
		if ch == summary {
			ch = ch.NextSibling
			continue
		}
		ch = c.node(ch, sub)
	}
	bs := unwrapQuotes(sub.finish())
	switch {
	case len(bs) == 0:
		c.problemAt(line, "collapsible section %q (<details>) has no content: put its text after </summary>", title)
	case title == "":
		f.block(bs...)
	default:
		f.block(&doc.Section{Title: title, Blocks: bs})
	}
}

// unwrapQuotes replaces each quote among blocks by its content: inside a
// collapsible section the quote is only the web page's frame.
func unwrapQuotes(bs []doc.Block) []doc.Block {
	var out []doc.Block
	for _, b := range bs {
		if q, ok := b.(*doc.Quote); ok {
			out = append(out, unwrapQuotes(q.Blocks)...)
			continue
		}
		out = append(out, b)
	}
	return out
}

// Label returns the title of a collapsible section from its button text:
// white space collapsed, the "-", "+" (or arrow) toggle marker and spaces
// around it removed. "- Kontext  " gives "Kontext".
func Label(s string) string {
	s = strings.TrimSpace(collapse(s, true))
	const markers = "-+–—−▸▾▴▶▼▲►◄◂▹▿•×"
	s = strings.TrimLeft(s, markers+" \u00a0")
	s = strings.TrimRight(s, markers+" \u00a0")
	return s
}
