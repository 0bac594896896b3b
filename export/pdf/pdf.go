package pdf

import (
	"fmt"
	"io"
	"iter"
	"strings"
	"time"

	"leafpress/export/diag"
	"leafpress/export/pdf/object"
	"leafpress/export/picture"
	"leafpress/layout"
)

// MM is one millimetre in points.
const MM = 72 / 25.4

// Options say what kind of PDF to write.
type Options struct {
	// Print writes a print PDF: bleed, page boxes, crop marks, CMYK.
	Print bool
	// Date is the creation and modification date. The caller passes
	// SOURCE_DATE_EPOCH when it is set; zero means now. Equal documents
	// written with equal dates are byte-identical.
	Date time.Time

	// PictureCMYK converts pictures to DeviceCMYK in a print PDF, with a
	// simple conversion that knows no colour profile. By default pictures
	// stay RGB and the print shop converts them.
	PictureCMYK bool
	// RegistrationMarks adds registration targets outside the bleed of a
	// print PDF.
	RegistrationMarks bool
	// Slug, when set, is printed with the page number and the date outside
	// the bleed of a print PDF, e.g. the file name "program-print.pdf".
	Slug string
	// OutputCondition names the print characterisation in the output
	// intent of a print PDF; empty means "FOGRA39".
	OutputCondition string
	// MarkSpace is the room for marks outside the bleed on each side of a
	// print PDF, pt; zero means 12 mm.
	MarkSpace float64

	// MaxPPI caps the resolution of pictures at their placed size; zero
	// means 300 pixels per inch in print and 200 on screen.
	MaxPPI float64
	// Pictures prepares pictures and keeps them between documents (and
	// between runs, when it has a folder); nil uses one shared in-memory
	// cache.
	Pictures *picture.Cache
	// JPEGQuality is the quality (1-100) photographs are stored with;
	// zero means 88.
	JPEGQuality int

	// NoOutline leaves out bookmarks (for imposed sheets, whose order is
	// not the reading order).
	NoOutline bool
	// Uncompressed leaves page content uncompressed, for inspection.
	Uncompressed bool
}

func (o Options) markSpace() float64 {
	if o.MarkSpace > 0 {
		return o.MarkSpace
	}
	return 12 * MM
}

// Picture resolution caps, pixels per inch at the placed size.
const (
	// PrintPPI is what offset printing resolves at the usual 150-lpi
	// screen (twice the line screen).
	PrintPPI = 300
	// ScreenPPI is enough for a phone or a monitor showing a whole page:
	// an A5 page fitted to 1080-1440 pixels is 186-248 pixels per inch,
	// and a 200-ppi picture is sharp there while its file is less than
	// half of a 300-ppi one. Pictures up to 1.5 times sharper are kept as
	// they are (see screenSlack).
	ScreenPPI = 200
)

// screenSlack is how far past ScreenPPI a picture of a screen PDF may be
// and still be embedded as it is: up to 300 ppi re-encoding it would cost
// time and often give a larger file than the original.
const screenSlack = 1.5

// slack is how much sharper than the cap a picture may be and still be
// embedded at its own size.
func (o Options) slack() float64 {
	if o.Print || o.MaxPPI > 0 {
		return 1.1
	}
	return screenSlack
}

func (o Options) maxPPI() float64 {
	switch {
	case o.MaxPPI > 0:
		return o.MaxPPI
	case o.Print:
		return PrintPPI
	}
	return ScreenPPI
}

func (o Options) outputCondition() string {
	if o.OutputCondition != "" {
		return o.OutputCondition
	}
	return "FOGRA39"
}

func (o Options) date() time.Time {
	if o.Date.IsZero() {
		return time.Now().UTC().Truncate(time.Second)
	}
	return o.Date.UTC().Truncate(time.Second)
}

// Sheet is one page of the output PDF with layout pages placed on it. In
// a print PDF every placed page gets crop marks, and the sheet's TrimBox
// and BleedBox are those of its first placement.
type Sheet struct {
	Width, Height float64 // pt
	Placements    []Placement
}

// Placement puts one layout page on a sheet: the top-left corner of its
// trim box lands at (X, Y) (pt from the sheet's top-left corner) and the
// page is scaled by Scale (1 is actual size). A nil Page leaves the place
// blank. Each page is clipped to its trim box, or to its bleed box in a
// print PDF.
type Placement struct {
	Page  *layout.Page
	X, Y  float64
	Scale float64
}

// placedBoxes yields every box of every page placed on sheets, with its
// page, in drawing order.
func placedBoxes(sheets []Sheet) iter.Seq2[*layout.Page, layout.Box] {
	return func(yield func(*layout.Page, layout.Box) bool) {
		for _, s := range sheets {
			for _, pl := range s.Placements {
				if pl.Page == nil {
					continue
				}
				for _, b := range pl.Page.Boxes {
					if !yield(pl.Page, b) {
						return
					}
				}
			}
		}
	}
}

// Box is a page box in PDF coordinates (pt, origin bottom left), as
// pdfinfo -box prints it.
type Box struct {
	X0 float64 `json:"x0"`
	Y0 float64 `json:"y0"`
	X1 float64 `json:"x1"`
	Y1 float64 `json:"y1"`
}

// Width returns the box's width.
func (b Box) Width() float64 { return b.X1 - b.X0 }

// Height returns the box's height.
func (b Box) Height() float64 { return b.Y1 - b.Y0 }

// String formats the box as a PDF array with two decimals.
func (b Box) String() string {
	return fmt.Sprintf("[%s %s %s %s]", num2(b.X0), num2(b.Y0), num2(b.X1), num2(b.Y1))
}

// Report tells what was written, for preflight.
type Report struct {
	Print     bool          `json:"print"`
	Title     string        `json:"title,omitempty"`
	Bytes     int64         `json:"bytes"`
	Pages     []PageInfo    `json:"pages"`
	Fonts     []FontInfo    `json:"fonts"`
	Pictures  []PictureInfo `json:"pictures"`
	Overflows []Overflow    `json:"overflows,omitempty"`
	// PictureColour is "RGB" or "CMYK": how pictures were stored.
	PictureColour string `json:"pictureColour"`
	// OutputIntent is the print condition named in a print PDF.
	OutputIntent string `json:"outputIntent,omitempty"`
	// ConvertedColours lists the colours (#rrggbb) that had no CMYK values
	// and were converted from RGB in a print PDF.
	ConvertedColours []string `json:"convertedColours,omitempty"`
	// PDFX is the PDF/X version the print PDF declares ("PDF/X-4"), with
	// OutputProfile describing the embedded output profile ("prtr CMYK,
	// 120400 bytes"); empty when it declares none.
	PDFX          string `json:"pdfx,omitempty"`
	OutputProfile string `json:"outputProfile,omitempty"`
	// Annotations is the number of annotations (links) written.
	Annotations int `json:"annotations"`
	// RGBWithoutProfile counts pictures stored as DeviceRGB in a print
	// PDF (PDF/X-4 wants RGB with an ICC profile).
	RGBWithoutProfile int `json:"rgbWithoutProfile,omitempty"`
	// Tagged is true for a tagged PDF; UA when its structure passed the
	// PDF/UA checks and the file declares PDF/UA-1. StructureProblems
	// are what those checks found.
	Tagged            bool     `json:"tagged,omitempty"`
	UA                bool     `json:"ua,omitempty"`
	StructureProblems []string `json:"structureProblems,omitempty"`
	// RichBlackText is true when text given in rich black was printed in
	// black ink only.
	RichBlackText bool `json:"richBlackText,omitempty"`
	// Problems are warnings about the input (missing pictures, low
	// resolution, missing glyphs, content past the page edge).
	Problems []diag.Diagnostic `json:"problems,omitempty"`
}

// PageInfo describes one page (sheet) of the PDF.
type PageInfo struct {
	Number int `json:"number"`
	// Pages are the layout page numbers drawn on it (0 for a blank place).
	Pages []int `json:"pages"`
	// TrimWidth, TrimHeight and Bleed are those of the first page placed
	// (pt).
	TrimWidth  float64 `json:"trimWidth"`
	TrimHeight float64 `json:"trimHeight"`
	Bleed      float64 `json:"bleed"`
	MediaBox   Box     `json:"mediaBox"`
	TrimBox    *Box    `json:"trimBox,omitempty"`
	BleedBox   *Box    `json:"bleedBox,omitempty"`
}

// FontInfo describes one embedded face.
type FontInfo struct {
	Face     string `json:"face"`
	PDFName  string `json:"pdfName"`
	Embedded bool   `json:"embedded"`
	Subset   bool   `json:"subset"`
	// Glyphs is the number of distinct characters drawn with the face.
	Glyphs int `json:"glyphs"`
	// Missing lists the characters drawn with the face that it has no
	// glyph for.
	Missing string `json:"missing,omitempty"`
}

// PictureInfo describes one placed picture.
type PictureInfo struct {
	Page    int         `json:"page"` // layout page number
	Src     string      `json:"src,omitempty"`
	Path    string      `json:"path,omitempty"`
	Missing string      `json:"missing,omitempty"` // why a placeholder was drawn
	Frame   layout.Rect `json:"frame"`             // pt, on the layout page
	// SourceWidth and SourceHeight are the picture's size in pixels,
	// upright; CropWidth and CropHeight the part used.
	SourceWidth  int `json:"sourceWidth,omitempty"`
	SourceHeight int `json:"sourceHeight,omitempty"`
	CropWidth    int `json:"cropWidth,omitempty"`
	CropHeight   int `json:"cropHeight,omitempty"`
	// Width and Height are the pixels stored in the PDF.
	Width  int `json:"width,omitempty"`
	Height int `json:"height,omitempty"`
	// EffectivePPI is the source's resolution at its placed size (the
	// lower of the two directions); EmbeddedPPI the stored one.
	EffectivePPI float64 `json:"effectivePPI,omitempty"`
	EmbeddedPPI  float64 `json:"embeddedPPI,omitempty"`
	// Passthrough is true when the file's own data is embedded (a JPEG
	// as it is, or a PNG's compressed image data).
	Passthrough bool   `json:"passthrough,omitempty"`
	ColourSpace string `json:"colourSpace,omitempty"` // DeviceRGB, DeviceGray, DeviceCMYK
	Encoding    string `json:"encoding,omitempty"`    // JPEG or Flate
	SoftMask    bool   `json:"softMask,omitempty"`    // transparency kept
	Bleeds      bool   `json:"bleeds,omitempty"`
}

// Overflow is something drawn past the edge of its page.
type Overflow struct {
	Page int         `json:"page"`
	What string      `json:"what"` // e.g. `text "Volební…"`
	Rect layout.Rect `json:"rect"`
	// By is how far it runs past the edge (past the bleed for boxes that
	// may bleed), pt.
	By float64 `json:"by"`
}

// Write draws d as a PDF to w: a screen PDF, or with opt.Print a print
// PDF with bleed and marks.
func Write(w io.Writer, d *layout.Document, opt Options) (*Report, error) {
	if d == nil || len(d.Pages) == 0 {
		return nil, fmt.Errorf("pdf: nothing to write: the document has no pages")
	}
	sheets := make([]Sheet, len(d.Pages))
	for i, p := range d.Pages {
		m := 0.0
		if opt.Print {
			m = p.Bleed + opt.markSpace()
		}
		sheets[i] = Sheet{
			Width:      p.Width + 2*m,
			Height:     p.Height + 2*m,
			Placements: []Placement{{Page: p, X: m, Y: m, Scale: 1}},
		}
	}
	return writeSheets(w, d, sheets, opt, !opt.Print)
}

// WriteSheets draws the pages of d as placed on sheets to w. Metadata,
// fonts and pictures come from d; every placed page must belong to d.
func WriteSheets(w io.Writer, d *layout.Document, sheets []Sheet, opt Options) (*Report, error) {
	return writeSheets(w, d, sheets, opt, false)
}

// writeSheets is WriteSheets; tagged writes a tagged PDF, which needs
// one sheet per page of d, in order (a screen PDF).
func writeSheets(w io.Writer, d *layout.Document, sheets []Sheet, opt Options, tagged bool) (*Report, error) {
	if d == nil || len(sheets) == 0 {
		return nil, fmt.Errorf("pdf: nothing to write: no pages")
	}
	for i, s := range sheets {
		if s.Width <= 0 || s.Height <= 0 {
			return nil, fmt.Errorf("pdf: page %d has no size (%gx%g pt); check the template's page size", i+1, s.Width, s.Height)
		}
	}
	wr, err := newWriter(d, sheets, opt)
	if err != nil {
		return nil, err
	}
	wr.tagged = tagged
	return wr.write(w)
}

// writer holds the state of one Write. Objects go to the file as soon as
// they are complete: a picture when first drawn, a page (its content, its
// annotations, then the page object) when drawn. What must wait for the
// end stays here: the fonts' glyph sets, the outline, the page list.
type writer struct {
	d      *layout.Document
	sheets []Sheet
	opt    Options
	date   time.Time
	obj    *object.Writer
	rep    *Report
	pics   *pictures
	faces  *faceSet
	g      *painter

	pagesRef object.Ref   // the page tree, written last
	resRef   object.Ref   // the one resource dictionary all pages share
	pageRefs []object.Ref // written pages, in order
	page     *pageState   // the sheet being drawn
	outline  []outlineItem
	// catalog holds entries of the document catalog beyond /Type, /Pages
	// and /Outlines (metadata, language, output intents, viewer
	// preferences); the catalog is written last, so anything may add to
	// it while drawing.
	catalog      object.Dict
	outlineLevel int // level of the last bookmark, -1 before the first

	// sheetRefs are the object numbers of the sheets, reserved up front so
	// that a link can point at a later page.
	sheetRefs []object.Ref
	// tagged asks for a tagged PDF; tags is its structure.
	tagged bool
	tags   *tagging
	// pdfx is the PDF/X version a print PDF conforms to ("PDF/X-4"), set
	// once its output intent embeds the profile; annotations counts the
	// link annotations written.
	pdfx        string
	annotations int
}

// pageState is the sheet being drawn: its content, its annotations and
// the entries of its page dictionary. The page's object number is
// reserved when the sheet starts, so annotations (/P) and a structure
// tree (/Pg) can name it before it is written.
type pageState struct {
	ref     object.Ref
	content object.Content
	dict    object.Dict  // entries beyond /Type, /Parent, /Resources, /Contents, /Annots
	annots  []object.Ref // annotations, in drawing order
}

func newWriter(d *layout.Document, sheets []Sheet, opt Options) (*writer, error) {
	wr := &writer{d: d, sheets: sheets, opt: opt, date: opt.date(), outlineLevel: -1, catalog: object.Dict{}}
	wr.rep = &Report{Print: opt.Print, Title: d.Title, PictureColour: "RGB"}
	if opt.Print && opt.PictureCMYK {
		wr.rep.PictureColour = "CMYK"
	}
	if opt.Print {
		wr.rep.OutputIntent = opt.outputCondition()
	}
	return wr, nil
}

// pdfVersion is the version in the file's header: 1.7 (ISO 32000-1),
// whose features (page boxes, output intents, tagging, /Tabs) the writer
// uses.
const pdfVersion = "1.7"

func (wr *writer) write(w io.Writer) (*Report, error) {
	opt := wr.opt
	cw := &countingWriter{w: w}
	wr.obj = object.NewWriter(cw, pdfVersion)
	// Screen files are compressed for speed: a few per cent larger, and
	// compression was the writer's largest cost. Print files, sent once
	// to the print shop, keep the default level.
	wr.obj.CompressFast(!opt.Print)
	wr.pagesRef = wr.obj.Alloc()
	wr.resRef = wr.obj.Alloc()

	// Fonts: every face a run uses (and the slug's), in first-use order.
	faces, err := newFaceSet(wr.obj, wr.sheets, opt.Print && opt.Slug != "")
	if err != nil {
		return nil, err
	}
	wr.faces = faces

	// Pictures: decoded and resampled up front, in parallel.
	wr.pics = newPictures(wr.obj, opt)
	wr.pics.prepare(wr.sheets)

	wr.g = &painter{print: opt.Print, faces: faces}
	wr.page = &pageState{}
	wr.sheetRefs = make([]object.Ref, len(wr.sheets))
	for i := range wr.sheetRefs {
		wr.sheetRefs[i] = wr.obj.Alloc()
	}
	if wr.tagged {
		wr.tags = newTagging(wr.d, wr.sheetRefs)
	}
	for i, s := range wr.sheets {
		wr.drawSheet(i+1, s)
	}
	if err := wr.finish(); err != nil {
		return wr.rep, fmt.Errorf("pdf: writing: %v", err)
	}
	wr.rep.Bytes = cw.n
	return wr.rep, nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// pdfLang turns a language code such as "cs" or "en_GB" into a BCP 47 tag
// for /Lang.
func pdfLang(s string) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && (r == '-' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// drawSheet draws one sheet (its placements and marks) and writes it:
// its content stream, its annotations, then its page object.
func (wr *writer) drawSheet(n int, s Sheet) {
	ps := wr.page
	ps.content.Reset()
	ps.ref, ps.dict, ps.annots = wr.sheetRefs[n-1], object.Dict{}, nil
	wr.g.begin(&ps.content, s.Height)
	info := PageInfo{Number: n, MediaBox: Box{0, 0, s.Width, s.Height}}
	for i, pl := range s.Placements {
		if pl.Scale <= 0 {
			pl.Scale = 1
		}
		if pl.Page == nil {
			info.Pages = append(info.Pages, 0)
			continue
		}
		info.Pages = append(info.Pages, pl.Page.Number)
		if i == 0 {
			info.TrimWidth, info.TrimHeight, info.Bleed = pl.Page.Width, pl.Page.Height, pl.Page.Bleed
			if wr.opt.Print {
				t := pl.Page
				x0, y0 := pl.X, s.Height-pl.Y-t.Height*pl.Scale
				trim := Box{x0, y0, x0 + t.Width*pl.Scale, y0 + t.Height*pl.Scale}
				b := t.Bleed * pl.Scale
				bleed := Box{trim.X0 - b, trim.Y0 - b, trim.X1 + b, trim.Y1 + b}
				info.TrimBox, info.BleedBox = &trim, &bleed
			}
		}
		wr.drawPlacement(s, pl)
		if wr.opt.Print {
			wr.drawMarks(n, s, pl)
		}
	}
	wr.rep.Pages = append(wr.rep.Pages, info)

	content := wr.obj.Add(object.Stream{Data: ps.content.Bytes(), Compress: !wr.opt.Uncompressed})
	d := ps.dict
	d["Type"] = object.Name("Page")
	d["Parent"] = wr.pagesRef
	d["Resources"] = wr.resRef
	d["Contents"] = content
	d["MediaBox"] = object.Raw(info.MediaBox.String())
	if info.BleedBox != nil {
		d["BleedBox"] = object.Raw(info.BleedBox.String())
	}
	if info.TrimBox != nil {
		d["TrimBox"] = object.Raw(info.TrimBox.String())
	}
	if len(ps.annots) > 0 {
		d["Annots"] = ps.annots
	}
	if wr.tags != nil {
		// The page's key in the parent tree, and tab order by structure.
		d["StructParents"] = n - 1
		d["Tabs"] = object.Name("S")
	}
	wr.obj.Put(ps.ref, d)
	wr.pageRefs = append(wr.pageRefs, ps.ref)
}
