package markdown

import "leafpress/export/doc"

// frameKind is the kind of inline container a frame builds.
type frameKind uint8

const (
	rootFrame frameKind = iota
	strongFrame
	emphasisFrame
	strikeFrame
	linkFrame
	spanFrame
)

// frame is an inline container being filled.
type frame struct {
	kind    frameKind
	url     string // a link's address; a span's language
	content []doc.Inline
}

// wrap returns the frame's content as one inline, or nil when empty.
func (fr *frame) wrap() doc.Inline {
	if len(fr.content) == 0 {
		return nil
	}
	switch fr.kind {
	case strongFrame:
		return &doc.Strong{Content: fr.content}
	case emphasisFrame:
		return &doc.Emphasis{Content: fr.content}
	case strikeFrame:
		return &doc.Strike{Content: fr.content}
	case linkFrame:
		return &doc.Link{URL: fr.url, Content: fr.content}
	case spanFrame:
		return &doc.Span{Lang: fr.url, Content: fr.content}
	}
	return nil
}

// flow collects inline content into paragraphs and interleaves blocks,
// as a browser lays out a run of mixed inline and block content. Inline
// containers open when a block arrives are closed around the text before
// it and reopened after it, so that a block inside <strong> or <a> splits
// the paragraph without losing the formatting.
//
// An inline-only flow (headings, table cells, intros) joins what would be
// paragraphs with line breaks and flattens blocks into inlines.
type flow struct {
	c          *converter
	inlineOnly bool
	splitBR    bool // <br> ends a paragraph (text straight inside a list)

	out       []doc.Block
	inl       []doc.Inline // inline-only result
	stack     []*frame     // stack[0] is the paragraph
	imgs      []*doc.Image // pictures of the pending paragraph
	solid     bool         // the pending paragraph has content besides pictures
	trail     []trailing   // pictures after the pending paragraph's last text
	strayList *doc.List    // list made of <li>s found outside a list
}

func newFlow(c *converter, inlineOnly bool) *flow {
	return &flow{c: c, inlineOnly: inlineOnly, stack: []*frame{{kind: rootFrame}}}
}

func (f *flow) add(in doc.Inline) {
	top := f.stack[len(f.stack)-1]
	top.content = append(top.content, in)
}

// text adds text; white space is collapsed later by Tidy.
func (f *flow) text(s string) {
	if s == "" {
		return
	}
	if !blank(s) {
		f.solid = true
		f.midText()
	}
	f.add(&doc.Text{Text: s})
}

// code adds inline code.
func (f *flow) code(s string) {
	if s == "" {
		return
	}
	f.solid = true
	f.midText()
	f.add(&doc.Code{Text: s})
}

// lineBreak adds a hard line break (or ends the paragraph in a list
// without items).
func (f *flow) lineBreak() {
	if f.splitBR {
		f.flush()
		return
	}
	f.add(&doc.LineBreak{})
}

// image adds a picture. Pictures that begin a paragraph, before any
// text, become image blocks before it; pictures that end it, after the
// last text, become image blocks after it (a picture with a caption line
// under or over it is shown, not dropped). A picture between words stands
// for its alt text, with a warning, as does one where only inlines can
// stand (headings, table cells, intros).
func (f *flow) image(src, alt string) {
	if src == "" {
		name := alt
		if name == "" {
			name = "without alt text"
		}
		f.c.problem("picture %q has no file name: write the picture's path in ![text](path) or <img src=\"path\">", name)
		f.text(alt)
		return
	}
	if f.inlineOnly {
		f.c.problem("picture %q cannot be shown in a heading, a table cell or the intro; its alt text stands for it: put the picture on a line of its own", src)
		if alt != "" {
			f.add(&doc.Text{Text: alt})
		}
		return
	}
	im := &doc.Image{Src: src, Alt: alt}
	if !f.solid {
		f.imgs = append(f.imgs, im)
		return
	}
	// After text: shown after the paragraph unless text follows, when
	// its alt text (put in place now) stays instead.
	t := &doc.Text{Text: alt}
	f.add(t)
	f.trail = append(f.trail, trailing{im: im, alt: t, line: f.c.line})
}

// trailing is a picture after the text of the pending paragraph, and the
// alt text standing in its place.
type trailing struct {
	im   *doc.Image
	alt  *doc.Text
	line int
}

// midText reports the pictures after which text came: they stay alt text.
func (f *flow) midText() {
	for _, t := range f.trail {
		f.c.problemAt(t.line, "picture %q stands between words, so its alt text stands for it: put the picture on a line of its own to show it", t.im.Src)
	}
	f.trail = f.trail[:0]
}

// open starts an inline container.
func (f *flow) open(kind frameKind, url string) {
	f.stack = append(f.stack, &frame{kind: kind, url: url})
}

// close ends the innermost inline container.
func (f *flow) close() {
	n := len(f.stack)
	if n <= 1 {
		return
	}
	fr := f.stack[n-1]
	f.stack = f.stack[:n-1]
	if in := fr.wrap(); in != nil {
		f.add(in)
	}
}

// flush ends the pending paragraph.
func (f *flow) flush() {
	for i := len(f.stack) - 1; i >= 1; i-- {
		if in := f.stack[i].wrap(); in != nil {
			f.stack[i-1].content = append(f.stack[i-1].content, in)
		}
		f.stack[i].content = nil
	}
	root := f.stack[0]
	ins := root.content
	root.content = nil
	imgs, trail := f.imgs, f.trail
	f.imgs, f.solid, f.trail = nil, false, nil
	if f.inlineOnly {
		f.appendInlines(Tidy(ins))
		return
	}
	for _, im := range imgs {
		f.out = append(f.out, &doc.ImageBlock{Image: *im})
	}
	for _, t := range trail {
		t.alt.Text = "" // the picture itself follows
	}
	if ins = Tidy(ins); len(ins) > 0 {
		f.out = append(f.out, &doc.Paragraph{Content: ins})
	}
	for _, t := range trail {
		f.out = append(f.out, &doc.ImageBlock{Image: *t.im})
	}
}

func (f *flow) appendInlines(ins []doc.Inline) {
	if len(ins) == 0 {
		return
	}
	if len(f.inl) > 0 {
		f.inl = append(f.inl, &doc.LineBreak{})
	}
	f.inl = append(f.inl, ins...)
}

// block ends the pending paragraph and adds blocks.
func (f *flow) block(bs ...doc.Block) {
	f.flush()
	if f.inlineOnly {
		f.appendInlines(Flatten(bs))
		return
	}
	f.out = append(f.out, bs...)
}

// strayItem adds a list item found outside a list; consecutive ones make
// one bulleted list.
func (f *flow) strayItem(it *doc.ListItem) {
	f.flush()
	if f.strayList != nil && len(f.out) > 0 && f.out[len(f.out)-1] == doc.Block(f.strayList) {
		f.strayList.Items = append(f.strayList.Items, it)
		return
	}
	f.strayList = &doc.List{Items: []*doc.ListItem{it}}
	f.block(f.strayList)
}

// finish ends the flow and returns its blocks.
func (f *flow) finish() []doc.Block {
	f.flush()
	return f.out
}

// inlines ends an inline-only flow and returns its inlines.
func (f *flow) inlines() []doc.Inline {
	f.flush()
	return Tidy(f.inl)
}
