package templates

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/ast"

	"leafpress/fonts"
)

// MaxPageSize is the largest page width or height a template may give,
// in millimetres (5 m): far beyond any printing press, and small enough
// that every length on the page stays an ordinary number.
const MaxPageSize = 5000

// validator collects the problems of one template.
type validator struct {
	t    *Template
	af   *ast.File
	errs []error
}

func (v *validator) fail(path, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.t.File, Line: line(v.af, "$."+path),
		Message: path + ": " + fmt.Sprintf(format, args...)})
}

func (v *validator) positive(path string, x float64) {
	if !(x > 0) || math.IsInf(x, 0) {
		v.fail(path, "must be a positive number (got %g)", x)
	}
}

func (v *validator) nonNegative(path string, x float64) {
	if x < 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		v.fail(path, "must not be negative (got %g); use 0 for none", x)
	}
}

func (v *validator) oneOf(path, got string, allowed ...string) {
	if slices.Contains(allowed, got) {
		return
	}
	v.fail(path, "is %q; use one of %s", got, strings.Join(allowed, ", "))
}

func (v *validator) face(path, name string) {
	if _, err := fonts.Load(name); err != nil {
		v.fail(path, "names no embedded face (%q); use one of %s", name, strings.Join(fonts.Names(), ", "))
	}
}

func (v *validator) colour(path string, c Colour) {
	if _, _, _, err := parseRGB(c.RGB); err != nil {
		v.fail(path+".rgb", "%v", err)
	}
	if c.CMYK != nil {
		if len(c.CMYK) != 4 {
			v.fail(path+".cmyk", "needs four per cent values [c, m, y, k] (got %d)", len(c.CMYK))
			return
		}
		for _, x := range c.CMYK {
			if x < 0 || x > 100 || math.IsNaN(x) {
				v.fail(path+".cmyk", "values are per cent, 0 to 100 (got %g)", x)
				return
			}
		}
	}
}

// validate checks every value; errors name the line where the file sets it.
func (t *Template) validate(af *ast.File) error {
	v := &validator{t: t, af: af}
	v.oneOf("content", t.Content, ContentFull, ContentSummary)
	if t.Summary.Paragraphs < 0 {
		v.fail("summary.paragraphs", "must not be negative (got %d); use 0 for the leads alone", t.Summary.Paragraphs)
	}

	p := t.Page
	v.positive("page.width", p.Width)
	v.positive("page.height", p.Height)
	if p.Width > MaxPageSize {
		v.fail("page.width", "is %g mm; a page is at most %d mm (5 m) on each side", p.Width, MaxPageSize)
	}
	if p.Height > MaxPageSize {
		v.fail("page.height", "is %g mm; a page is at most %d mm (5 m) on each side", p.Height, MaxPageSize)
	}
	if p.Bleed < 0 || p.Bleed > 20 {
		v.fail("page.bleed", "must be between 0 and 20 mm (got %g); print shops usually ask for 3", p.Bleed)
	}
	v.nonNegative("page.margins.top", p.Margins.Top)
	v.nonNegative("page.margins.bottom", p.Margins.Bottom)
	v.nonNegative("page.margins.inner", p.Margins.Inner)
	v.nonNegative("page.margins.outer", p.Margins.Outer)
	v.nonNegative("page.column_gap", p.ColumnGap)
	if p.Columns < 1 || p.Columns > 8 {
		v.fail("page.columns", "must be between 1 and 8 (got %d)", p.Columns)
	} else if p.Width > 0 {
		if w := t.ColumnWidth(); w < 15 {
			v.fail("page.columns", "leave columns %.1f mm wide; make the margins, the gap or the number of columns smaller (15 mm at least)", w)
		}
	}
	if p.Height > 0 && p.Height-p.Margins.Top-p.Margins.Bottom < 30 {
		v.fail("page.margins", "leave %.1f mm of text height; make the top and bottom margins smaller", p.Height-p.Margins.Top-p.Margins.Bottom)
	}
	if p.Pages < 0 {
		v.fail("page.pages", "must not be negative (got %d); use 0 for as many pages as needed", p.Pages)
	}
	if p.PadTo < 1 {
		v.fail("page.pad_to", "must be at least 1 (got %d); use 4 for a saddle-stitched booklet", p.PadTo)
	}

	v.oneOf("text.align", t.Text.Align, "justify", "left")
	v.nonNegative("text.indent", t.Text.Indent)
	v.oneOf("text.lead_bold", t.Text.LeadBold, "all", "first_sentence")
	if x := t.Text.Expansion; !(x >= 0 && x <= 0.05) {
		v.fail("text.expansion", "is a fraction of the glyphs' width, 0 to 0.05 (got %g); 0.02 is a good value, 0 for none", x)
	}
	for i, w := range t.Text.Exceptions {
		ok := w != "" && !strings.HasPrefix(w, "-") && !strings.HasSuffix(w, "-")
		for _, r := range w {
			if r != '-' && !unicode.IsLetter(r) {
				ok = false
			}
		}
		if !ok {
			v.fail(fmt.Sprintf("text.hyphenation_exceptions[%d]", i), "%q is not a word: write letters with a hyphen where it may break (\"Lipo-vá\"), or none for never", w)
		}
	}

	f := t.Fonts
	for _, r := range []struct{ path, name string }{
		{"fonts.display", f.Display}, {"fonts.heading", f.Heading}, {"fonts.body", f.Body},
		{"fonts.bold", f.Bold}, {"fonts.italic", f.Italic}, {"fonts.bold_italic", f.BoldItalic},
		{"fonts.lead", f.Lead}, {"fonts.caption", f.Caption}, {"fonts.code", f.Code},
	} {
		v.face(r.path, r.name)
	}

	s := t.Sizes
	for _, r := range []struct {
		path string
		x    float64
	}{
		{"sizes.body", s.Body}, {"sizes.min_body", s.MinBody}, {"sizes.shrink_step", s.ShrinkStep},
		{"sizes.leading", s.Leading}, {"sizes.lead", s.Lead}, {"sizes.title", s.Title},
		{"sizes.title_leading", s.TitleLeading}, {"sizes.heading_leading", s.HeadingLeading},
		{"sizes.caption", s.Caption}, {"sizes.table", s.Table}, {"sizes.running_head", s.RunningHead},
		{"sizes.garant", s.Garant}, {"sizes.card_title", s.CardTitle}, {"sizes.card_text", s.CardText},
		{"sizes.cover_title", s.CoverTitle}, {"sizes.cover_subtitle", s.CoverSubtitle},
		{"sizes.overview_title", s.OverviewTitle},
	} {
		v.positive(r.path, r.x)
	}
	for _, r := range []struct {
		path string
		x    float64
	}{
		{"sizes.max_body", s.MaxBody}, {"sizes.intro", s.Intro}, {"sizes.footer_title", s.FooterTitle},
	} {
		v.nonNegative(r.path, r.x)
	}
	if s.MaxBody > 0 && s.MaxBody < s.Body {
		v.fail("sizes.max_body", "(%g pt) is smaller than sizes.body (%g pt); make it larger, or 0 for no growing", s.MaxBody, s.Body)
	}
	if s.MinBody > s.Body {
		v.fail("sizes.min_body", "(%g pt) is larger than sizes.body (%g pt); make it smaller or equal", s.MinBody, s.Body)
	}
	if s.Leading > 0 && (s.Leading < 0.8 || s.Leading > 3) {
		v.fail("sizes.leading", "is a multiple of the size, between 0.8 and 3 (got %g); 1.3 is usual", s.Leading)
	}
	if len(s.Headings) == 0 {
		v.fail("sizes.headings", "needs at least one size, for level 1 headings")
	}
	for i, h := range s.Headings {
		v.positive(fmt.Sprintf("sizes.headings[%d]", i), h)
	}

	sp := t.Spacing
	for _, r := range []struct {
		path string
		x    float64
	}{
		{"spacing.paragraph", sp.Paragraph}, {"spacing.block", sp.Block},
		{"spacing.heading_before", sp.HeadingBefore}, {"spacing.heading_after", sp.HeadingAfter},
		{"spacing.list_item", sp.ListItem}, {"spacing.list_indent", sp.ListIndent},
		{"spacing.title_after", sp.TitleAfter}, {"spacing.garant_before", sp.GarantBefore},
	} {
		v.nonNegative(r.path, r.x)
	}

	c := t.Colours
	for _, r := range []struct {
		path string
		c    Colour
	}{
		{"colours.brand", c.Brand}, {"colours.accent", c.Accent}, {"colours.text", c.Text},
		{"colours.muted", c.Muted}, {"colours.title", c.Title}, {"colours.heading", c.Heading},
		{"colours.link", c.Link}, {"colours.band", c.Band}, {"colours.band_text", c.BandText},
		{"colours.card", c.Card}, {"colours.rule", c.Rule}, {"colours.placeholder", c.Placeholder},
	} {
		v.colour(r.path, r.c)
	}

	ch := t.Chapter
	v.nonNegative("chapter.min_space", ch.MinSpace)
	v.oneOf("chapter.title_align", ch.TitleAlign, "left", "center")
	v.oneOf("chapter.picture.position", ch.Picture.Position, "above", "below")
	v.nonNegative("chapter.picture.aspect", ch.Picture.Aspect)
	v.positive("chapter.picture.max_height", ch.Picture.MaxHeight)
	v.nonNegative("chapter.picture.grow_to", ch.Picture.GrowTo)
	v.oneOf("chapter.garant.align", ch.Garant.Align, "left", "right")
	v.oneOf("chapter.garant.position", ch.Garant.Position, "end", "foot")
	v.nonNegative("images.aspect", t.Images.Aspect)
	v.positive("images.max_height", t.Images.MaxHeight)

	v.oneOf("cover.style", t.Cover.Style, "page", "masthead")
	if t.Cover.Band < 0 || t.Cover.Band > 1 {
		v.fail("cover.band", "is a part of the page height, 0 to 1 (got %g)", t.Cover.Band)
	}
	o := t.Overview
	if o.Columns < 1 || o.Columns > 6 {
		v.fail("overview.columns", "must be between 1 and 6 (got %d)", o.Columns)
	}
	v.positive("overview.card_height", o.CardHeight)
	if o.MaxColumns != 0 && (o.MaxColumns < o.Columns || o.MaxColumns > 6) {
		v.fail("overview.max_columns", "must be between overview.columns (%d) and 6 (got %d), or 0 for overview.columns", o.Columns, o.MaxColumns)
	}
	v.nonNegative("overview.min_card_height", o.MinCardHeight)
	if o.MinCardHeight > o.CardHeight {
		v.fail("overview.min_card_height", "(%g mm) is larger than overview.card_height (%g mm); make it smaller, or 0 for no smaller cards", o.MinCardHeight, o.CardHeight)
	}
	v.nonNegative("overview.gap", o.Gap)
	v.positive("overview.picture_aspect", o.PictureAspect)
	if o.TextLines < 0 {
		v.fail("overview.text_lines", "must not be negative (got %d)", o.TextLines)
	}
	v.nonNegative("overview.radius", o.Radius)
	v.oneOf("overview.position", o.Position, "front", "back")
	v.positive("overview.cover_card_height", o.CoverCardHeight)
	if o.Enabled && p.Height > 0 && o.CardHeight > p.Height-p.Margins.Top-p.Margins.Bottom {
		v.fail("overview.card_height", "(%g mm) is taller than the text area; make it smaller", o.CardHeight)
	}
	v.nonNegative("footer.height", t.Footer.Height)
	v.oneOf("footer.pages", t.Footer.Pages, "last", "all")
	if t.Footer.Height > p.Height/2 {
		v.fail("footer.height", "(%g mm) is more than half the page; make it smaller", t.Footer.Height)
	}
	if w := t.Web; w.Chapters || w.BackCover {
		if w.QRSize < 18 {
			v.fail("web.qr_size", "(%g mm) is too small for a phone to read the code; make it at least 18", w.QRSize)
		}
		if w.ImprintSize < 6 {
			v.fail("web.imprint_size", "(%g pt) is too small to read; make it at least 6", w.ImprintSize)
		}
		if w.Chapters && w.Height < w.QRSize*1.3+3 {
			v.fail("web.height", "(%g mm) is too low for the QR code, its quiet zone and the address under it; make it at least %.3g", w.Height, w.QRSize*1.3+3)
		}
		if w.Height > p.Height/2 {
			v.fail("web.height", "(%g mm) is more than half the page; make it smaller", w.Height)
		}
	}
	v.oneOf("print.pictures", t.Print.Pictures, "keep-rgb", "cmyk")
	return errors.Join(v.errs...)
}

// ColumnWidth returns the width of one text column in millimetres.
func (t *Template) ColumnWidth() float64 {
	p := t.Page
	n := max(p.Columns, 1)
	return (p.Width - p.Margins.Inner - p.Margins.Outer - float64(n-1)*p.ColumnGap) / float64(n)
}

// parseRGB reads "#rrggbb" (or "#rgb").
func parseRGB(s string) (r, g, b uint8, err error) {
	h := strings.TrimPrefix(s, "#")
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	if !strings.HasPrefix(s, "#") || len(h) != 6 {
		return 0, 0, 0, fmt.Errorf("is %q; write it as \"#rrggbb\", such as \"#1A5E8C\"", s)
	}
	n, err := strconv.ParseUint(h, 16, 32)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("is %q; write it as \"#rrggbb\" with hexadecimal digits", s)
	}
	return uint8(n >> 16), uint8(n >> 8), uint8(n), nil
}

// RGBValues returns the colour's red, green and blue components (0-255).
// An invalid value (which validation rejects) gives black.
func (c Colour) RGBValues() (r, g, b uint8) {
	r, g, b, _ = parseRGB(c.RGB)
	return
}

// CMYKValues returns the colour's cyan, magenta, yellow and black in per
// cent; when the template gives none they are derived from RGB.
func (c Colour) CMYKValues() [4]float64 {
	if len(c.CMYK) == 4 {
		return [4]float64{c.CMYK[0], c.CMYK[1], c.CMYK[2], c.CMYK[3]}
	}
	r, g, b := c.RGBValues()
	rf, gf, bf := float64(r)/255, float64(g)/255, float64(b)/255
	k := 1 - max(rf, gf, bf)
	if k >= 1 {
		return [4]float64{0, 0, 0, 100}
	}
	pc := func(x float64) float64 { return math.Round((1-x-k)/(1-k)*1000) / 10 }
	return [4]float64{pc(rf), pc(gf), pc(bf), math.Round(k*1000) / 10}
}
