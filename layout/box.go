package layout

import "leafpress/export/doc"

// Document is a laid-out programme or chapter: pages of positioned boxes,
// ready for a drawing backend (export/pdf). It knows nothing of PDF.
type Document struct {
	Title    string // programme or chapter title, for metadata
	Subject  string // programme group
	Author   string // garants, comma separated
	Keywords []string
	Language string // "cs", "en"
	Pages    []*Page
	// Faces lists every font face the pages use, by name (see package fonts).
	Faces []string
	// Warnings are non-fatal problems met while laying out, each naming
	// the chapter (its file) and what was done: a missing picture printed
	// as a placeholder, a character no face has.
	Warnings []string
	// Notes are facts about the layout worth telling in verbose mode,
	// such as body text shrunk to fit a fixed page count, in the form of
	// Warnings.
	Notes []string

	// sets is what the layout set, for laying it out again (Reusing).
	sets *sets
}

// Page is one finished page. Coordinates of every box are in PostScript
// points, with the origin at the top left corner of the trim box (the
// finished page) and y growing downwards. Boxes that bleed extend to
// negative coordinates or past Width/Height, by at most Bleed.
type Page struct {
	Number int     // 1-based page number in the document
	Width  float64 // trim width, pt
	Height float64 // trim height, pt
	Bleed  float64 // bleed on every side, pt
	Boxes  []Box
}

// Colour is a colour in both models: RGB for the screen, CMYK for print.
// RGB components are 0-255; CMYK components are 0-100 (per cent).
type Colour struct {
	R, G, B    uint8
	C, M, Y, K float64
}

// Rect is a rectangle in page coordinates (points, origin top left).
type Rect struct {
	X, Y, W, H float64
}

// Box is one positioned thing on a page: *TextRun, *RuleBox, *FillBox,
// *ImageBox, *LinkBox or *Anchor.
type Box interface {
	// Bounds is the area the box covers on the page.
	Bounds() Rect
}

// TextRun is a run of text in one face, size and colour, drawn with its
// baseline starting at (X, Y). The backend draws Text exactly here; layout
// has already measured it with the face's advances, so word spaces inside
// a run are natural widths; justified lines are made of one run per word.
type TextRun struct {
	X, Y   float64 // baseline start
	Face   string  // font face name, e.g. "Roboto-Regular"
	Size   float64 // pt
	Colour Colour
	Text   string
	Width  float64 // advance width of Text, as measured (with Scale)
	// Scale is the glyphs' horizontal scale: 1.02 draws them 2 % wider
	// (a justified line's glyph expansion); 0 or 1 is their own width.
	Scale float64
	// Ascent and Descent (positive, pt) bound the run vertically.
	Ascent, Descent float64
	// Strike draws a line through the run; Underline under it.
	Strike, Underline bool
	// Role says what the text is part of (RoleBody, RoleHeading, ...), for
	// backends that tag structure and for tests; drawing ignores it.
	Role string
	// Hyphen is true when layout added a hyphen at the end of Text because
	// a word was broken at the end of the line; the word continues on the
	// next line.
	Hyphen bool
	// Space is true when a word space follows the run, on its line or at
	// the line's end. Drawing ignores it; a backend that writes text for
	// copying or reading aloud (a tagged PDF) adds a space there, so that
	// words do not run together.
	Space bool
	// Node is the structure element the text belongs to; nil marks an
	// artifact (running head, folio, decoration).
	Node *Node
}

// Roles of text runs.
const (
	RoleTitle       = "title"        // a chapter's title
	RoleHeading     = "heading"      // a heading in a chapter's body
	RoleSection     = "section"      // the title of a section such as "Kontext"
	RoleLead        = "lead"         // the intro or a lead under a heading
	RoleBody        = "body"         // running text: paragraphs, list items, quotes
	RoleTable       = "table"        // text in a table cell
	RoleMarker      = "marker"       // a list bullet or number
	RoleCaption     = "caption"      // a picture's caption
	RoleGarant      = "garant"       // the garant's name at a chapter's end
	RoleRunningHead = "running-head" // page number, titles and web address at the top
	RoleCover       = "cover"        // text on the cover or the back cover
	RoleCard        = "card"         // text on an overview card
	RoleFooter      = "footer"       // the footer at the bottom of a chapter's last page
)

// Bounds implements Box.
func (t *TextRun) Bounds() Rect {
	return Rect{X: t.X, Y: t.Y - t.Ascent, W: t.Width, H: t.Ascent + t.Descent}
}

// RuleBox is a straight line from (X1, Y1) to (X2, Y2).
type RuleBox struct {
	X1, Y1, X2, Y2 float64
	Width          float64 // line width, pt
	Colour         Colour
}

// Bounds implements Box.
func (r *RuleBox) Bounds() Rect {
	x, y := min(r.X1, r.X2), min(r.Y1, r.Y2)
	return Rect{X: x, Y: y, W: max(r.X1, r.X2) - x, H: max(r.Y1, r.Y2) - y}
}

// FillBox is a filled rectangle (a colour band, a background, a card).
// Radius rounds its corners when non-zero.
type FillBox struct {
	Rect
	Colour Colour
	Radius float64
}

// Bounds implements Box.
func (f *FillBox) Bounds() Rect { return f.Rect }

// ImageBox is a picture placed in a frame. Crop is the part of the source
// picture, in source pixels, that fills the frame (the picture is cropped
// to the frame's aspect, never distorted). When Image is missing (Path
// empty), the backend draws a placeholder in Placeholder colour.
type ImageBox struct {
	Rect
	Image       *doc.Image
	Crop        Rect // source pixels; zero means the whole picture
	Placeholder Colour
	// Bleeds is true when the frame runs into the bleed.
	Bleeds bool
	// Node is the Figure the picture is, nil for a decoration (an
	// overview card's or the cover's picture).
	Node *Node
}

// Bounds implements Box.
func (i *ImageBox) Bounds() Rect { return i.Rect }

// Shown is the part of a w×h source picture that fills the frame, in
// source pixels: Crop clamped to the picture or, when Crop is zero (or
// lies outside the picture), the largest centred part with the frame's
// aspect. Every drawing backend crops with it, so they show the same part.
func (i *ImageBox) Shown(w, h int) Rect {
	c := i.Crop
	if c.W > 0 && c.H > 0 {
		x0, y0 := max(0, c.X), max(0, c.Y)
		x1, y1 := min(float64(w), c.X+c.W), min(float64(h), c.Y+c.H)
		if x1 > x0 && y1 > y0 {
			return Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
		}
	}
	return cropTo(w, h, i.W/i.H)
}

// LinkBox is a clickable area pointing at URL, or, when URL is empty
// and Page is set, at the top of page Page of the same document (an
// overview card pointing at its chapter).
type LinkBox struct {
	Rect
	URL  string
	Page int
	// Node is the Link element whose annotation this is.
	Node *Node
}

// Bounds implements Box.
func (l *LinkBox) Bounds() Rect { return l.Rect }

// Anchor marks a place for a bookmark (outline entry): Level 0 for a
// chapter, 1 and deeper for its headings.
type Anchor struct {
	Y     float64
	Title string
	Level int
}

// Bounds implements Box.
func (a *Anchor) Bounds() Rect { return Rect{Y: a.Y} }
