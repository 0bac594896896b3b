// Package doc defines the document tree: the one contract between the
// readers that load a campaign programme and the writers (PDF, DOCX, ...)
// that turn it into files. Readers never know about writers and writers
// never know about readers; both know only this package, as pandoc's
// readers and writers know only its AST.
//
// # Shape
//
// A [Programme] holds ordered [Chapter]s. A chapter holds front-matter
// facts (title, uid, order, garant, picture, intro, redmine), its public
// address and language, and a list of [Block]s. Blocks hold other blocks
// or [Inline]s. A programme also carries the site's facts that print
// needs: its address, the site's [Organisation] and the legal [Imprint].
//
// Headings are normalised: the top heading level used in a chapter's body
// is level 1, whatever Markdown level the author used.
//
// # JSON
//
// The tree marshals to JSON with stable names (see `leafpress tree`).
// Every block and inline is an object whose "type" field names its kind:
//
//	blocks:  heading {level, content}   paragraph {content}   lead {content}
//	         quote {blocks}             list {ordered, start, items: [{blocks}]}
//	         section {title, blocks}    image {src, path, missing, alt}
//	         table {align, header, rows} (cells are inline lists)   rule {}
//	inlines: text {text}   strong {content}   emphasis {content}
//	         strike {content}   link {url, content}   code {text}   break {}
//	         span {lang, content}
//
// Field names of Programme, Chapter, Person, Image, Organisation and
// Imprint are given by their json tags (Programme: uid, group, title,
// language, url, organisation {name, email, phone}, imprint
// {commissionedBy, producedBy, printedBy}, chapters; Chapter adds url and
// language to its front-matter facts). Empty optional fields are omitted. [UnmarshalBlocks] and
// [UnmarshalInlines] read the same JSON back.
//
// # Text
//
// Text is UTF-8. The typography pass puts U+00A0 NO-BREAK SPACE where a
// line must not break; writers keep such spaces and layouts honour them.
package doc

import (
	"io"
	"io/fs"
	"os"
	"strings"
)

// Programme is one campaign programme: the chapters that share a
// campaignCategoryUid (or a folder, for chapters that have none).
type Programme struct {
	UID      string `json:"uid"`
	Group    string `json:"group,omitempty"` // campaignGroupUid, or the group title from campaigns.yml
	Title    string `json:"title"`           // from campaigns.yml, else the programme's page, else made readable from the uid
	Language string `json:"language"`        // BCP 47 primary tag: "cs" (default) or "en"
	// URL is the programme's public address: its own page on the site
	// (a page outside the collections naming it by campaignCategoryUid),
	// else the site's root; "" when the site's address is unknown.
	URL string `json:"url,omitempty"`
	// Organisation is the site's organisation (_config.yml organization:),
	// nil when the site names none.
	Organisation *Organisation `json:"organisation,omitempty"`
	// Imprint says who commissioned, produced and printed the material
	// (_data/leafpress.yml imprint:, or the command line); nil when
	// nothing is known. Czech election law requires it on print.
	Imprint  *Imprint   `json:"imprint,omitempty"`
	Chapters []*Chapter `json:"chapters"`
}

// Organisation is the organisation behind a site, as its _config.yml
// names it.
type Organisation struct {
	Name  string `json:"name,omitempty"`
	Email string `json:"email,omitempty"`
	Phone string `json:"phone,omitempty"`
}

// Imprint is the legal imprint of campaign material: who commissioned it
// (Czech "zadavatel"), who produced it ("zpracovatel") and, optionally,
// who printed it. Each is one line of text, such as "Česká pirátská
// strana, IČ 71339698".
type Imprint struct {
	CommissionedBy string `json:"commissionedBy,omitempty"`
	ProducedBy     string `json:"producedBy,omitempty"`
	PrintedBy      string `json:"printedBy,omitempty"`
}

// Complete reports whether the imprint names both who commissioned and
// who produced the material, as the law requires.
func (im *Imprint) Complete() bool {
	return im != nil && strings.TrimSpace(im.CommissionedBy) != "" && strings.TrimSpace(im.ProducedBy) != ""
}

// Author is the name a document's Author property should carry: the
// organisation that commissioned it, else the site's organisation, else
// "". Never the tool's name.
func (p *Programme) Author() string {
	if p == nil {
		return ""
	}
	if p.Imprint != nil && strings.TrimSpace(p.Imprint.CommissionedBy) != "" {
		return strings.TrimSpace(p.Imprint.CommissionedBy)
	}
	if p.Organisation != nil {
		return strings.TrimSpace(p.Organisation.Name)
	}
	return ""
}

// Person is a garant: the person responsible for a chapter.
type Person struct {
	UID          string `json:"uid"`
	Name         string `json:"name,omitempty"`
	TitlesBefore string `json:"titlesBefore,omitempty"` // "Mgr.", "MUDr."
	TitlesAfter  string `json:"titlesAfter,omitempty"`  // "Ph.D."
}

// FullName is the name with academic titles, as printed under an article:
// "MUDr. Jana Nováková, Ph.D.". When the person is unknown it is the uid.
func (p *Person) FullName() string {
	if p == nil {
		return ""
	}
	name := p.Name
	if name == "" {
		name = p.UID
	}
	if p.TitlesBefore != "" {
		name = p.TitlesBefore + " " + name
	}
	if p.TitlesAfter != "" {
		name = name + ", " + p.TitlesAfter
	}
	return name
}

// Chapter is one Markdown file of a programme.
type Chapter struct {
	UID     string   `json:"uid"`
	Title   string   `json:"title"`
	Order   int      `json:"order"`
	Garant  *Person  `json:"garant,omitempty"`
	Image   *Image   `json:"image,omitempty"` // the chapter's thumbnail picture (front matter img)
	Intro   []Inline `json:"intro,omitempty"` // the lead paragraph (front matter intro)
	Redmine string   `json:"redmine,omitempty"`
	// Description is the front matter description, when present.
	Description string `json:"description,omitempty"`
	// Source is the chapter's file as the user named it (slash separated).
	Source string `json:"source"`
	// URL is the chapter's public address, the one Jekyll gives its page
	// (_config.yml url, baseurl and the collection's permalink); "" when
	// the site's address is unknown.
	URL string `json:"url,omitempty"`
	// Language is the chapter's language, a BCP 47 primary tag ("cs",
	// "en"): its lang:, else the programme's or the site's, else the one
	// its text is written in. It decides hyphenation, quotes and ties.
	// Always set by the reader; "" (old trees) means the programme's.
	Language string `json:"language,omitempty"`
	// Extra holds the other front-matter keys, as they were.
	Extra  map[string]any `json:"extra,omitempty"`
	Blocks []Block        `json:"blocks"`
}

// MaxImagePixels is the largest picture accepted (width × height):
// anything bigger would take gigabytes to place and is far above 300 dpi
// for a leaflet. The source reader refuses such a file from its header;
// the picture cache checks again before decoding, for callers that did
// not go through the reader.
const MaxImagePixels = 100_000_000

// Image is a picture: a chapter's thumbnail or an image block's source.
// When the file was found, Path names it; otherwise Missing says why.
type Image struct {
	Src     string `json:"src"`               // as written in the source
	Path    string `json:"path,omitempty"`    // resolved file, slash separated
	Missing string `json:"missing,omitempty"` // why it could not be used
	Alt     string `json:"alt,omitempty"`

	// FS, when set, is the file system Path is relative to (embedded
	// samples). When nil, Path is an operating-system path.
	FS fs.FS `json:"-"`
}

// Open opens the picture's file for reading.
func (im *Image) Open() (io.ReadCloser, error) {
	if im == nil || im.Path == "" {
		return nil, fs.ErrNotExist
	}
	if im.FS != nil {
		return im.FS.Open(im.Path)
	}
	return os.Open(im.Path)
}

// ReadAll returns the picture's bytes.
func (im *Image) ReadAll() ([]byte, error) {
	r, err := im.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// Block is a block-level element: one of *Heading, *Paragraph, *Lead,
// *Quote, *List, *Section, *ImageBlock, *Table, *Rule.
type Block interface {
	blockType() string
}

// Inline is an inline element: one of *Text, *Strong, *Emphasis, *Strike,
// *Link, *Code, *LineBreak.
type Inline interface {
	inlineType() string
}

// Heading is a heading; Level 1 is the chapter body's top level.
type Heading struct {
	Level   int      `json:"level"`
	Content []Inline `json:"content"`
}

// Paragraph is a paragraph of running text.
type Paragraph struct {
	Content []Inline `json:"content"`
}

// Lead is the one-paragraph summary that stands right under a heading
// (a Markdown > quote in that place).
type Lead struct {
	Content []Inline `json:"content"`
}

// Quote is a block quotation anywhere else.
type Quote struct {
	Blocks []Block `json:"blocks"`
}

// List is a bulleted (Ordered false) or numbered list. Start is the
// first number of an ordered list.
type List struct {
	Ordered bool        `json:"ordered"`
	Start   int         `json:"start,omitempty"`
	Items   []*ListItem `json:"items"`
}

// ListItem is one item of a list; nested lists are among its blocks.
type ListItem struct {
	Blocks []Block `json:"blocks"`
}

// Section is a titled subsection, such as a collapsible HTML section
// ("Kontext") of the web programme.
type Section struct {
	Title  string  `json:"title"`
	Blocks []Block `json:"blocks"`
}

// ImageBlock is a picture standing on its own in the body.
type ImageBlock struct {
	Image
}

// Table is a table. Align holds "", "left", "center" or "right" per column.
type Table struct {
	Align  []string     `json:"align,omitempty"`
	Header [][]Inline   `json:"header,omitempty"`
	Rows   [][][]Inline `json:"rows"`
}

// Rule is a thematic break.
type Rule struct{}

// Text is plain text.
type Text struct {
	Text string `json:"text"`
}

// Strong is strongly emphasised (bold) text.
type Strong struct {
	Content []Inline `json:"content"`
}

// Emphasis is emphasised (italic) text.
type Emphasis struct {
	Content []Inline `json:"content"`
}

// Strike is struck-through text.
type Strike struct {
	Content []Inline `json:"content"`
}

// Link is a hyperlink.
type Link struct {
	URL     string   `json:"url"`
	Content []Inline `json:"content"`
}

// Span is text in another language than its chapter's, from inline HTML
// such as <span lang="en">. Lang is a BCP 47 tag as the author wrote it.
// Writers use it to pick hyphenation patterns and to tag the language.
type Span struct {
	Lang    string   `json:"lang"`
	Content []Inline `json:"content"`
}

// Code is inline code.
type Code struct {
	Text string `json:"text"`
}

// LineBreak is a hard line break.
type LineBreak struct{}

func (*Heading) blockType() string    { return "heading" }
func (*Paragraph) blockType() string  { return "paragraph" }
func (*Lead) blockType() string       { return "lead" }
func (*Quote) blockType() string      { return "quote" }
func (*List) blockType() string       { return "list" }
func (*Section) blockType() string    { return "section" }
func (*ImageBlock) blockType() string { return "image" }
func (*Table) blockType() string      { return "table" }
func (*Rule) blockType() string       { return "rule" }

func (*Text) inlineType() string      { return "text" }
func (*Strong) inlineType() string    { return "strong" }
func (*Emphasis) inlineType() string  { return "emphasis" }
func (*Strike) inlineType() string    { return "strike" }
func (*Link) inlineType() string      { return "link" }
func (*Span) inlineType() string      { return "span" }
func (*Code) inlineType() string      { return "code" }
func (*LineBreak) inlineType() string { return "break" }

// BlockType returns the JSON type name of b ("heading", "paragraph", ...).
func BlockType(b Block) string { return b.blockType() }

// InlineType returns the JSON type name of in ("text", "strong", ...).
func InlineType(in Inline) string { return in.inlineType() }

// Children returns the inline content of a container inline, or nil.
func Children(in Inline) []Inline {
	switch v := in.(type) {
	case *Strong:
		return v.Content
	case *Emphasis:
		return v.Content
	case *Strike:
		return v.Content
	case *Link:
		return v.Content
	case *Span:
		return v.Content
	}
	return nil
}

// PlainText returns the text of inlines without markup; a line break
// becomes a space.
func PlainText(ins []Inline) string {
	var sb strings.Builder
	var walk func([]Inline)
	walk = func(ins []Inline) {
		for _, in := range ins {
			switch v := in.(type) {
			case *Text:
				sb.WriteString(v.Text)
			case *Code:
				sb.WriteString(v.Text)
			case *LineBreak:
				sb.WriteString(" ")
			default:
				walk(Children(in))
			}
		}
	}
	walk(ins)
	return sb.String()
}

// ChapterText returns a chapter's title, intro and body (section titles
// and every block's text, in the order of the tree) as plain text, a line
// each.
func ChapterText(c *Chapter) string {
	var sb strings.Builder
	sb.WriteString(c.Title + "\n" + PlainText(c.Intro) + "\n")
	WalkBlocks(c.Blocks, func(b Block) bool {
		if s, ok := b.(*Section); ok {
			sb.WriteString(s.Title + "\n")
		}
		for _, ins := range BlockInlines(b) {
			sb.WriteString(PlainText(ins) + "\n")
		}
		return true
	})
	return sb.String()
}
