package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
)

// builder renders the document tree into the body of document.xml and
// collects what the other parts need (relationships, pictures, numbering).
type builder struct {
	opt   Options
	prog  *doc.Programme
	lang  string // Word language tag
	words words
	ref   *reference
	house *reference
	st    *styleSet
	num   *numbering
	page  page

	out *bytes.Buffer
	err error

	rels    []relationship
	links   map[string]string // URL → relationship id
	parts   []part            // pictures
	byPath  map[string]*media
	picID   int
	removed removals
	file    string // the chapter being written, for warnings

	toc      bool       // the document has a table of contents
	estimate *estimate  // the chapters' pages, for the table of contents
	entries  []tocEntry // headings for the table of contents
	bookmark int

	bulletAbs, orderedAbs int // abstract numberings of the two list kinds
	afterTable            bool

	titlePage  bool            // the first page is a title page, without footer
	footerText string          // the title in the footer
	extensions map[string]bool // file extensions of pictures from the reference's headers
	embedded   bool            // fonts are embedded

	comments        []comment
	pending         []*diag.Diagnostic // the chapter's warnings not yet placed; nil once placed
	notes           map[any]string     // warnings placed on a picture (*doc.Image) or the garant (*doc.Person)
	headingComments []int              // comments on the next heading written

	title        string // the chapter being written, for pictures without alt text
	lastLevel    int    // Word level (1-6) of the last heading written
	headingLevel int    // Word level of the last heading that is not a section
}

// tocEntry is one heading in the table of contents.
type tocEntry struct {
	level    int // 1..3
	text     string
	bookmark string
	src      any // the *doc.Chapter, *doc.Heading or *doc.Section it comes from
}

func newBuilder(p *doc.Programme, opt Options) (*builder, error) {
	house, err := house()
	if err != nil {
		return nil, err
	}
	var ref *reference
	if opt.Reference != nil {
		if ref, err = referenceOf(opt.Reference); err != nil {
			return nil, fmt.Errorf("reference document: %w", err)
		}
	} else {
		// The house styles name the embedded faces: start making them.
		prefetchFaces()
		// The styles are edited below; the rest is only read.
		ref = &reference{styles: house.styles.Clone(), numbering: house.numbering, theme: house.theme, sectPr: house.sectPr}
	}
	b := &builder{
		opt:    opt,
		prog:   p,
		lang:   langTag(p.Language),
		words:  wordsFor(p.Language),
		ref:    ref,
		house:  house,
		out:    bodyBuffers.Get().(*bytes.Buffer),
		links:  map[string]string{},
		byPath: map[string]*media{},

		footerText: p.Title,
	}
	for _, r := range [][2]string{
		{relStyles, "styles.xml"}, {relNumbering, "numbering.xml"}, {relSettings, "settings.xml"},
		{relFontTable, "fontTable.xml"}, {relTheme, "theme/theme1.xml"},
	} {
		b.addRel(r[0], r[1], false)
	}
	b.num = newNumbering(ref.numbering, house.numbering, ref.styles)
	b.st = newStyleSet(ref.styles, house.styles, b.num)
	b.st.setLanguage(b.lang)
	b.bulletAbs = b.listAbstract(sListBullet)
	b.orderedAbs = b.listAbstract(sListNumber)
	if ref.sectPr == nil {
		ref.sectPr = house.sectPr
	}
	if ref.sectPr == nil {
		ref.sectPr = defaultSectPr()
	}
	b.page = pageOf(ref.sectPr)
	return b, nil
}

// listAbstract returns the abstract numbering behind a list style: the
// document's own when its style has numbering, else the house one.
func (b *builder) listAbstract(k styleKey) int {
	if abs, ok := b.num.abstractOf(b.st.style(k)); ok {
		return abs
	}
	h := b.st.house[houseStyles[k]]
	id := atoi(h.Path("w:pPr", "w:numPr", "w:numId").Get("w:val"))
	return b.num.absOf[b.num.importHouseNum(id)]
}

// --- low-level output --------------------------------------------------

// start writes a start tag with attributes given as name, value pairs.
func (b *builder) start(name string, attrs ...string) {
	b.out.WriteByte('<')
	b.out.WriteString(name)
	for i := 0; i+1 < len(attrs); i += 2 {
		b.out.WriteByte(' ')
		b.out.WriteString(attrs[i])
		b.out.WriteString(`="`)
		xmltree.EscapeAttr(b.out, attrs[i+1])
		b.out.WriteByte('"')
	}
	b.out.WriteByte('>')
}

func (b *builder) end(name string) {
	b.out.WriteString("</")
	b.out.WriteString(name)
	b.out.WriteByte('>')
}

func (b *builder) empty(name string, attrs ...string) {
	b.start(name, attrs...)
	b.end(name)
}

// chars writes character data.
func (b *builder) chars(s string) { xmltree.EscapeText(b.out, s) }

// marshal writes an element modelled by godocx.
func (b *builder) marshal(m xml.Marshaler) {
	enc := xml.NewEncoder(b.out)
	b.check(m.MarshalXML(enc, xml.StartElement{}))
	b.check(enc.Flush())
}

func (b *builder) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// clean removes characters Word cannot open, noting them for the
// current file ("" outside chapters: the programme's own title).
func (b *builder) clean(s string) string {
	return b.removed.clean(b.file, s)
}

// --- paragraphs and runs -----------------------------------------------

// numRef puts a paragraph into a list.
type numRef struct{ id, level int }

// paragraph writes a paragraph in style k, its content written by body.
func (b *builder) paragraph(k styleKey, num *numRef, body func()) {
	b.paragraphProps(paraProps{}, k, num, body)
}

// paraProps are the paragraph properties besides the style and the
// numbering: a page break before, and the alignment ("" keeps the
// style's).
type paraProps struct {
	pageBreak bool
	jc        string
}

// paragraphProps writes a paragraph in style k (none when k < 0), in the
// list num when it is set, with the properties pp. The properties are
// written in the order the schema gives them (pStyle, pageBreakBefore,
// numPr, jc).
func (b *builder) paragraphProps(pp paraProps, k styleKey, num *numRef, body func()) {
	b.afterTable = false
	b.start("w:p")
	if k >= 0 || num != nil || pp != (paraProps{}) {
		b.start("w:pPr")
		if k >= 0 {
			b.empty("w:pStyle", "w:val", b.st.id[k])
		}
		if pp.pageBreak {
			b.empty("w:pageBreakBefore", "w:val", "true")
		}
		if num != nil {
			b.start("w:numPr")
			b.empty("w:ilvl", "w:val", strconv.Itoa(num.level))
			b.empty("w:numId", "w:val", strconv.Itoa(num.id))
			b.end("w:numPr")
		}
		if pp.jc != "" {
			b.empty("w:jc", "w:val", pp.jc)
		}
		b.end("w:pPr")
	}
	if body != nil {
		body()
	}
	b.end("w:p")
}

// format is the direct formatting and character style of a run.
type format struct {
	bold, italic, strike, code, link bool
}

// runChild is an element of a run: text (w:t), a tab (w:tab) or a line
// break (w:br).
type runChild struct {
	kind string // element name
	text string // of w:t
}

// runs collects the content of consecutive runs and merges text that
// shares a format into one run.
type runs struct {
	b       *builder
	f       format
	kids    []runChild
	pending strings.Builder
}

func (b *builder) runs() *runs { return &runs{b: b} }

// text adds text in format f. Line feeds become spaces, tabs tab stops.
func (r *runs) text(s string, f format) {
	s = r.b.clean(s)
	if s == "" {
		return
	}
	if f != r.f {
		r.flush()
		r.f = f
	}
	for s != "" {
		i := strings.IndexAny(s, "\t\r\n")
		if i < 0 {
			r.pending.WriteString(s)
			return
		}
		r.pending.WriteString(s[:i])
		if s[i] == '\t' {
			r.flushText()
			r.kids = append(r.kids, runChild{kind: "w:tab"})
		} else if !strings.HasSuffix(r.pending.String(), " ") {
			r.pending.WriteByte(' ')
		}
		s = s[i+1:]
	}
}

// lineBreak adds a line break (w:br) in format f.
func (r *runs) lineBreak(f format) {
	if f != r.f {
		r.flush()
		r.f = f
	}
	r.flushText()
	r.kids = append(r.kids, runChild{kind: "w:br"})
}

func (r *runs) flushText() {
	if r.pending.Len() > 0 {
		r.kids = append(r.kids, runChild{kind: "w:t", text: r.pending.String()})
		r.pending.Reset()
	}
}

// flush writes the pending run.
func (r *runs) flush() {
	r.flushText()
	if len(r.kids) == 0 {
		return
	}
	b, f := r.b, r.f
	b.start("w:r")
	if f != (format{}) {
		// In the schema's order: rStyle, b, i, strike.
		b.start("w:rPr")
		switch {
		case f.link:
			b.empty("w:rStyle", "w:val", b.st.id[sHyperlink])
		case f.code:
			b.empty("w:rStyle", "w:val", b.st.id[sCode])
		}
		for _, on := range []struct {
			set  bool
			name string
		}{{f.bold, "w:b"}, {f.italic, "w:i"}, {f.strike, "w:strike"}} {
			if on.set {
				b.empty(on.name, "w:val", "true")
			}
		}
		b.end("w:rPr")
	}
	for _, k := range r.kids {
		if k.kind != "w:t" {
			b.empty(k.kind)
			continue
		}
		// Spaces at either end are kept only with xml:space.
		if strings.TrimSpace(k.text) != k.text {
			b.start("w:t", "xml:space", "preserve")
		} else {
			b.start("w:t")
		}
		b.chars(k.text)
		b.end("w:t")
	}
	b.end("w:r")
	r.kids = nil
}

// plain writes s as one run of unformatted text.
func (b *builder) plain(s string) {
	r := b.runs()
	r.text(s, format{})
	r.flush()
}

// inlines writes inline content as runs and hyperlinks.
func (b *builder) inlines(ins []doc.Inline) {
	r := b.runs()
	b.inlineRuns(r, ins, format{})
	r.flush()
}

func (b *builder) inlineRuns(r *runs, ins []doc.Inline, f format) {
	for _, in := range ins {
		switch v := in.(type) {
		case *doc.Text:
			r.text(v.Text, f)
		case *doc.Code:
			g := f
			g.code = true
			r.text(v.Text, g)
		case *doc.LineBreak:
			r.lineBreak(f)
		case *doc.Strong:
			g := f
			g.bold = true
			b.inlineRuns(r, v.Content, g)
		case *doc.Emphasis:
			g := f
			g.italic = true
			b.inlineRuns(r, v.Content, g)
		case *doc.Strike:
			g := f
			g.strike = true
			b.inlineRuns(r, v.Content, g)
		case *doc.Link:
			url := cleanURL(b.clean(v.URL))
			if f.link || url == "" {
				b.inlineRuns(r, v.Content, f)
				continue
			}
			r.flush()
			if strings.HasPrefix(url, "#") && len(url) > 1 {
				b.start("w:hyperlink", "w:anchor", url[1:], "w:history", "1")
			} else {
				b.start("w:hyperlink", "r:id", b.linkRel(url), "w:history", "1")
			}
			g := f
			g.link = true
			r.f = g
			b.inlineRuns(r, v.Content, g)
			r.flush()
			b.end("w:hyperlink")
		default:
			b.inlineRuns(r, doc.Children(in), f)
		}
	}
}

// linkRel returns the relationship id of an external link target.
func (b *builder) linkRel(url string) string {
	if id, ok := b.links[url]; ok {
		return id
	}
	id := b.addRel(relHyperlink, url, true)
	b.links[url] = id
	return id
}

// --- blocks ------------------------------------------------------------

// chapter writes a chapter: title, garant, intro, picture and body.
func (b *builder) chapter(c *doc.Chapter, newPage bool) {
	b.file = c.Source
	if b.file == "" {
		b.file = c.UID
	}
	b.title = c.Title
	b.lastLevel, b.headingLevel = 1, 1
	// The build's warnings about this chapter: those about a picture or
	// the garant where they are, the others on the title.
	b.pending = b.chapterWarnings(b.file)
	b.notes = map[any]string{}
	if g := c.Garant; g != nil && strings.TrimSpace(g.Name) == "" {
		b.notes[g] = b.takeWarning(`"`+g.UID+`"`, "garant")
	}
	missing := func(im *doc.Image) {
		if im != nil && im.Missing != "" {
			b.notes[im] = b.takeWarning(im.Src)
		}
	}
	missing(c.Image)
	doc.WalkBlocks(c.Blocks, func(blk doc.Block) bool {
		if v, ok := blk.(*doc.ImageBlock); ok {
			missing(&v.Image)
		}
		return true
	})
	b.headingComments = b.restComments()
	b.heading(sHeading1, 1, []doc.Inline{&doc.Text{Text: c.Title}}, newPage, c)
	if c.URL != "" {
		// The chapter's public address, under its title.
		shown := strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(c.URL, "https://"), "http://"), "/")
		b.paragraph(sBody, nil, func() { b.inlines([]doc.Inline{&doc.Link{URL: c.URL, Content: []doc.Inline{&doc.Text{Text: shown}}}}) })
	}
	if name := c.Garant.FullName(); name != "" {
		ids := b.garantComments(c)
		b.paragraph(sGarant, nil, func() { b.commented(ids, func() { b.plain(b.words.garant + ": " + name) }) })
	}
	if len(c.Intro) > 0 {
		b.paragraph(sLead, nil, func() { b.inlines(c.Intro) })
	}
	if c.Image != nil {
		b.picture(c.Image, true)
	}
	b.blocks(c.Blocks, -1)
	b.file, b.title = "", ""
}

// maxLevel is the deepest Word heading level the writer uses.
const maxLevel = 6

// headingStyle is the style of a Word heading level (1-6).
func headingStyle(level int) styleKey {
	return sHeading1 + styleKey(min(max(level, 1), maxLevel)-1)
}

// heading writes a heading paragraph. Headings that the table of contents
// lists (tocLevel 1..3) get a bookmark it links to.
func (b *builder) heading(k styleKey, tocLevel int, content []doc.Inline, newPage bool, src any) {
	ppr := paraProps{pageBreak: newPage}
	ids := b.headingComments
	b.headingComments = nil
	b.paragraphProps(ppr, k, nil, func() { b.commented(ids, func() { b.headingBody(tocLevel, content, src) }) })
}

// headingBody writes a heading's runs, in a bookmark when the table of
// contents lists it.
func (b *builder) headingBody(tocLevel int, content []doc.Inline, src any) {
	var quiet removals // the runs below report removed characters
	text := strings.TrimSpace(quiet.clean("", doc.PlainText(content)))
	if b.toc && tocLevel >= 1 && tocLevel <= 3 && text != "" {
		b.bookmark++
		name := fmt.Sprintf("_Toc%08d", b.bookmark)
		id := strconv.Itoa(b.bookmark)
		b.entries = append(b.entries, tocEntry{level: tocLevel, text: text, bookmark: name, src: src})
		b.empty("w:bookmarkStart", "w:id", id, "w:name", name)
		b.inlines(content)
		b.empty("w:bookmarkEnd", "w:id", id)
		return
	}
	b.inlines(content)
}

// blocks writes blocks; level is the list nesting level (-1 outside lists).
func (b *builder) blocks(bs []doc.Block, level int) {
	for _, blk := range bs {
		b.block(blk, level, sBody)
	}
}

// block writes one block; para is the style of its plain paragraphs.
func (b *builder) block(blk doc.Block, level int, para styleKey) {
	switch v := blk.(type) {
	case *doc.Heading:
		// The chapter title is level 1; a heading never skips a level.
		lvl := min(v.Level+1, b.lastLevel+1, maxLevel)
		b.lastLevel, b.headingLevel = lvl, lvl
		b.heading(headingStyle(lvl), lvl, v.Content, false, v)
	case *doc.Paragraph:
		b.paragraph(para, nil, func() { b.inlines(v.Content) })
	case *doc.Lead:
		b.paragraph(sIntenseQuote, nil, func() { b.inlines(v.Content) })
	case *doc.Quote:
		for _, q := range v.Blocks {
			b.block(q, level, sQuote)
		}
	case *doc.List:
		b.list(v, level+1)
	case *doc.Section:
		// One level below the heading the section belongs to.
		lvl := min(b.headingLevel+1, maxLevel)
		b.lastLevel = lvl
		b.heading(headingStyle(lvl), lvl, []doc.Inline{&doc.Text{Text: v.Title}}, false, v)
		for _, s := range v.Blocks {
			b.block(s, level, para)
		}
	case *doc.ImageBlock:
		b.picture(&v.Image, false)
	case *doc.Table:
		b.table(v)
	case *doc.Rule:
		b.paragraph(sRule, nil, nil)
	}
}

// list writes a list at nesting level (0 for a top-level list). The list
// gets its own numbering instance; an ordered one restarts at its start.
func (b *builder) list(l *doc.List, level int) {
	level = min(max(level, 0), 8)
	k, id := sListBullet, 0
	if l.Ordered {
		k = sListNumber
		id = b.num.instance(b.orderedAbs, level, max(l.Start, 0))
	} else {
		id = b.num.instance(b.bulletAbs, -1, 0)
	}
	ref := &numRef{id: id, level: level}
	for _, it := range l.Items {
		first := true
		for _, blk := range it.Blocks {
			switch v := blk.(type) {
			case *doc.Paragraph:
				if first {
					b.paragraph(k, ref, func() { b.inlines(v.Content) })
				} else {
					b.paragraph(sListContinue, nil, func() { b.inlines(v.Content) })
				}
			case *doc.List:
				if first {
					b.paragraph(k, ref, nil)
				}
				b.list(v, level+1)
			default:
				if first {
					b.paragraph(k, ref, nil)
				}
				b.block(blk, level, sListContinue)
			}
			first = false
		}
		if first { // an empty item
			b.paragraph(k, ref, nil)
		}
	}
}

// table writes a Word table in the house table style, its header row
// marked as such (repeated on every page, styled by the table style).
func (b *builder) table(t *doc.Table) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	colW := b.page.textW / cols
	if b.afterTable {
		// Word joins two tables that touch; keep them apart.
		b.paragraph(sBody, nil, nil)
	}
	b.start("w:tbl")
	b.start("w:tblPr")
	b.empty("w:tblStyle", "w:val", b.st.id[sTable])
	b.empty("w:tblW", "w:w", "5000", "w:type", "pct")
	look := "0420"
	firstRow := "0"
	if len(t.Header) > 0 {
		look, firstRow = "04A0", "1"
	}
	b.empty("w:tblLook", "w:val", look, "w:firstRow", firstRow, "w:lastRow", "0",
		"w:firstColumn", "0", "w:lastColumn", "0", "w:noHBand", "0", "w:noVBand", "1")
	b.end("w:tblPr")
	b.start("w:tblGrid")
	for range cols {
		b.empty("w:gridCol", "w:w", strconv.Itoa(colW))
	}
	b.end("w:tblGrid")
	row := func(cells [][]doc.Inline, header bool) {
		b.start("w:tr")
		if header {
			b.start("w:trPr")
			b.empty("w:tblHeader")
			b.end("w:trPr")
		}
		for i := range cols {
			b.start("w:tc")
			b.start("w:tcPr")
			b.empty("w:tcW", "w:w", strconv.Itoa(colW), "w:type", "dxa")
			b.end("w:tcPr")
			var ppr paraProps
			if i < len(t.Align) && (t.Align[i] == "center" || t.Align[i] == "right") {
				ppr.jc = t.Align[i]
			}
			var content []doc.Inline
			if i < len(cells) {
				content = cells[i]
			}
			b.paragraphProps(ppr, -1, nil, func() { b.inlines(content) })
			b.end("w:tc")
		}
		b.end("w:tr")
	}
	if len(t.Header) > 0 {
		row(t.Header, true)
	}
	for _, r := range t.Rows {
		row(r, false)
	}
	b.end("w:tbl")
	b.afterTable = true
}

// tableOfContents writes the TOC heading and a TOC field whose result is
// pre-filled with the headings, each a link to its heading, so that the
// contents show before Word or LibreOffice update the field.
func (b *builder) tableOfContents() {
	b.paragraph(sTOCHeading, nil, func() { b.plain(b.words.contents) })
	fieldBegin := func() {
		b.start("w:r")
		b.empty("w:fldChar", "w:fldCharType", "begin", "w:dirty", "true")
		b.end("w:r")
		b.start("w:r")
		b.start("w:instrText", "xml:space", "preserve")
		b.chars(` TOC \o "1-3" \h \z \u `)
		b.end("w:instrText")
		b.end("w:r")
		b.start("w:r")
		b.empty("w:fldChar", "w:fldCharType", "separate")
		b.end("w:r")
	}
	fieldEnd := func() {
		b.start("w:r")
		b.empty("w:fldChar", "w:fldCharType", "end")
		b.end("w:r")
	}
	if len(b.entries) == 0 {
		b.paragraph(sTOC1, nil, func() { fieldBegin(); fieldEnd() })
		return
	}
	pages := b.tocPages()
	tocStyle := [...]styleKey{sTOC1, sTOC1, sTOC2, sTOC3}
	for i, e := range b.entries {
		b.paragraph(tocStyle[e.level], nil, func() {
			if i == 0 {
				fieldBegin()
			}
			b.start("w:hyperlink", "w:anchor", e.bookmark, "w:history", "1")
			b.plain(e.text)
			if n, ok := pages[e.src]; ok {
				// The estimated page, in a PAGEREF field that Word's or
				// LibreOffice's update corrects; a dot leader from the
				// TOC style's tab stop leads to it.
				b.fieldRuns(" PAGEREF "+e.bookmark+" \\h ", strconv.Itoa(n))
			}
			b.end("w:hyperlink")
			if i == len(b.entries)-1 {
				fieldEnd()
			}
		})
	}
}
