package pdf

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"leafpress/export/diag"
	"leafpress/export/pdf/object"
	"leafpress/export/picture"
	"leafpress/layout"
)

// painter writes graphics and text operators to the content stream of
// the sheet being drawn. The colour operators are rg/RG on screen and
// k/K in print.
//
// Coordinates given to the painter are in the layout's convention (pt, y
// down); the painter flips them against the sheet height h, so one
// transformation (cm) places a whole page.
type painter struct {
	c     *object.Content
	faces *faceSet
	print bool
	h     float64

	fill, stroke string  // colour operators in effect, "" when unknown
	face         string  // font in effect, "" when unknown
	size         float64 // its size
	tz           float64 // horizontal scaling in effect, per cent; 0 when unknown
	scaled       bool    // a Tz other than 100 was written on this sheet
	lineWidth    float64 // -1 when unknown

	// colour notes, reported once each
	noCMYK   map[string]bool
	richText bool

	ops map[opKey]string // colour operators made so far
	buf []byte           // scratch for a text operator
}

// opKey names a colour operator: the colour, and how it is used.
type opKey struct {
	c            layout.Colour
	stroke, text bool
}

// begin starts a new sheet of height h, drawn into c.
func (g *painter) begin(c *object.Content, h float64) {
	g.c, g.h = c, h
	g.reset()
	g.tz, g.scaled = 100, false
}

// reset forgets the graphics state (after Q or a new page).
func (g *painter) reset() {
	g.fill, g.stroke, g.face, g.size, g.lineWidth = "", "", "", 0, -1
	if g.scaled {
		g.tz = 0
	}
}

func (g *painter) raw(s string) { g.c.Raw(s) }

func (g *painter) push() { g.raw("q") }

func (g *painter) pop() {
	g.raw("Q")
	g.reset()
}

// num formats a coordinate with up to three decimals.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 3, 64)
	s = strings.TrimRight(s, "0")
	s = strings.TrimSuffix(s, ".")
	if s == "-0" || s == "" {
		return "0"
	}
	return s
}

// num2 formats a number with two decimals, as page boxes are written.
func num2(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		return "0.00"
	}
	return s
}

func unit(v float64) string {
	return num(math.Max(0, math.Min(1, v)))
}

// colourOp returns the operator setting the fill (or with stroke, the
// stroke) colour c. In print it is CMYK; text in rich black becomes
// black ink only. Each operator is formatted once per document: a page
// sets the same few colours for every run of text.
func (g *painter) colourOp(c layout.Colour, stroke, text bool) string {
	k := opKey{c, stroke, text}
	if op, ok := g.ops[k]; ok {
		return op
	}
	if g.ops == nil {
		g.ops = map[opKey]string{}
	}
	op := g.makeColourOp(c, stroke, text)
	g.ops[k] = op
	return op
}

func (g *painter) makeColourOp(c layout.Colour, stroke, text bool) string {
	if !g.print {
		op := "rg"
		if stroke {
			op = "RG"
		}
		return fmt.Sprintf("%s %s %s %s", unit(float64(c.R)/255), unit(float64(c.G)/255), unit(float64(c.B)/255), op)
	}
	cc, m, y, k := g.cmyk(c)
	if text && k >= 0.99 && cc+m+y > 0 {
		g.richText = true
		cc, m, y, k = 0, 0, 0, 1
	}
	op := "k"
	if stroke {
		op = "K"
	}
	return fmt.Sprintf("%s %s %s %s %s", unit(cc), unit(m), unit(y), unit(k), op)
}

// cmyk returns c's CMYK components (0-1). A colour whose CMYK is all
// zero but whose RGB is not white had no CMYK given: it is converted from
// RGB without a profile, and noted.
func (g *painter) cmyk(c layout.Colour) (cc, m, y, k float64) {
	if c.C == 0 && c.M == 0 && c.Y == 0 && c.K == 0 && !(c.R == 255 && c.G == 255 && c.B == 255) {
		if g.noCMYK == nil {
			g.noCMYK = map[string]bool{}
		}
		g.noCMYK[fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B)] = true
		return picture.RGBToCMYK(c.R, c.G, c.B)
	}
	return c.C / 100, c.M / 100, c.Y / 100, c.K / 100
}

func (g *painter) setFill(c layout.Colour, text bool) {
	op := g.colourOp(c, false, text)
	if op != g.fill {
		g.raw(op)
		g.fill = op
	}
}

func (g *painter) setStroke(c layout.Colour) {
	op := g.colourOp(c, true, false)
	if op != g.stroke {
		g.raw(op)
		g.stroke = op
	}
}

// setRegistration sets fill and stroke to all four inks (crop marks).
func (g *painter) setRegistration() {
	if g.fill != "1 1 1 1 k" {
		g.raw("1 1 1 1 k")
		g.fill = "1 1 1 1 k"
	}
	if g.stroke != "1 1 1 1 K" {
		g.raw("1 1 1 1 K")
		g.stroke = "1 1 1 1 K"
	}
}

func (g *painter) setLineWidth(w float64) {
	if w != g.lineWidth {
		g.raw(num(w) + " w")
		g.lineWidth = w
	}
}

// pt returns the PDF coordinates of layout point (x, y).
func (g *painter) pt(x, y float64) string { return num(x) + " " + num(g.h-y) }

// rectPath adds a rectangle to the path.
func (g *painter) rectPath(r layout.Rect) {
	g.raw(fmt.Sprintf("%s %s %s %s re", num(r.X), num(g.h-r.Y-r.H), num(r.W), num(r.H)))
}

// kappa places Bézier control points for a quarter circle.
const kappa = 0.5522847498

// roundRectPath adds a rectangle with corners of radius rad.
func (g *painter) roundRectPath(r layout.Rect, rad float64) {
	rad = math.Min(rad, math.Min(r.W, r.H)/2)
	if rad <= 0 {
		g.rectPath(r)
		return
	}
	x0, y0, x1, y1 := r.X, r.Y, r.X+r.W, r.Y+r.H
	c := rad * (1 - kappa)
	var b strings.Builder
	b.WriteString(g.pt(x0+rad, y0) + " m\n")
	b.WriteString(g.pt(x1-rad, y0) + " l\n")
	b.WriteString(g.pt(x1-c, y0) + " " + g.pt(x1, y0+c) + " " + g.pt(x1, y0+rad) + " c\n")
	b.WriteString(g.pt(x1, y1-rad) + " l\n")
	b.WriteString(g.pt(x1, y1-c) + " " + g.pt(x1-c, y1) + " " + g.pt(x1-rad, y1) + " c\n")
	b.WriteString(g.pt(x0+rad, y1) + " l\n")
	b.WriteString(g.pt(x0+c, y1) + " " + g.pt(x0, y1-c) + " " + g.pt(x0, y1-rad) + " c\n")
	b.WriteString(g.pt(x0, y0+rad) + " l\n")
	b.WriteString(g.pt(x0, y0+c) + " " + g.pt(x0+c, y0) + " " + g.pt(x0+rad, y0) + " c\nh")
	g.raw(b.String())
}

// circlePath adds a circle to the path.
func (g *painter) circlePath(cx, cy, r float64) {
	c := r * kappa
	var b strings.Builder
	b.WriteString(g.pt(cx+r, cy) + " m\n")
	b.WriteString(g.pt(cx+r, cy+c) + " " + g.pt(cx+c, cy+r) + " " + g.pt(cx, cy+r) + " c\n")
	b.WriteString(g.pt(cx-c, cy+r) + " " + g.pt(cx-r, cy+c) + " " + g.pt(cx-r, cy) + " c\n")
	b.WriteString(g.pt(cx-r, cy-c) + " " + g.pt(cx-c, cy-r) + " " + g.pt(cx, cy-r) + " c\n")
	b.WriteString(g.pt(cx+c, cy-r) + " " + g.pt(cx+r, cy-c) + " " + g.pt(cx+r, cy) + " c\nh")
	g.raw(b.String())
}

// line strokes a straight line.
func (g *painter) line(x1, y1, x2, y2 float64) {
	g.raw(g.pt(x1, y1) + " m " + g.pt(x2, y2) + " l S")
}

// text draws s with its baseline starting at (x, y), one glyph per
// rune, with glyph numbers as character codes (Identity-H).
func (g *painter) text(face string, size, x, y float64, s string) {
	g.scaledText(face, size, 1, x, y, s)
}

// scaledText draws s with its glyphs scaled horizontally by scale (1.02:
// 2 % wider; 0 or 1: their own width), with the Tz operator.
func (g *painter) scaledText(face string, size, scale, x, y float64, s string) {
	fu := g.faces.fonts[face]
	b := append(g.buf[:0], "BT\n"...)
	tz := 100.0
	if scale > 0 {
		tz = math.Round(scale*10000) / 100
	}
	if (tz != 100 || g.scaled) && tz != g.tz {
		b = object.AppendNumber(b, tz)
		b = append(b, " Tz\n"...)
		g.tz, g.scaled = tz, true
	}
	if face != g.face || size != g.size {
		b = append(b, '/')
		b = append(b, fu.res...)
		b = append(b, ' ')
		b = object.AppendNumber(b, size)
		b = append(b, " Tf\n"...)
		g.face, g.size = face, size
	}
	b = object.AppendNumber(b, x)
	b = append(b, ' ')
	b = object.AppendNumber(b, g.h-y)
	b = append(b, " Td\n"...)
	codes := make([]byte, 0, 2*len(s))
	for _, r := range s {
		gid := fu.glyph(r)
		codes = append(codes, byte(gid>>8), byte(gid))
	}
	b = object.AppendLiteral(b, codes)
	b = append(b, " Tj\nET"...)
	g.raw(string(b))
	g.buf = b
}

// image draws picture XObject name so that it covers whole, clipped to
// frame (no clip when the picture is the frame).
func (g *painter) image(name string, frame, whole layout.Rect) {
	g.raw("q")
	if math.Abs(whole.X-frame.X) > 0.001 || math.Abs(whole.Y-frame.Y) > 0.001 || math.Abs(whole.W-frame.W) > 0.001 || math.Abs(whole.H-frame.H) > 0.001 {
		g.rectPath(frame)
		g.raw("W n")
	}
	g.raw(fmt.Sprintf("%s 0 0 %s %s %s cm /%s Do Q", num(whole.W), num(whole.H), num(whole.X), num(g.h-whole.Y-whole.H), name))
}

// drawPlacement draws one layout page on the current sheet.
func (wr *writer) drawPlacement(s Sheet, pl Placement) {
	g, p, sc := wr.g, pl.Page, pl.Scale
	g.push()
	g.raw(fmt.Sprintf("%s 0 0 %s %s %s cm", num(sc), num(sc), num(pl.X), num(s.Height-pl.Y-sc*s.Height)))
	clip := layout.Rect{W: p.Width, H: p.Height}
	if wr.opt.Print {
		clip = layout.Rect{X: -p.Bleed, Y: -p.Bleed, W: p.Width + 2*p.Bleed, H: p.Height + 2*p.Bleed}
	}
	g.rectPath(clip)
	g.raw("W n")
	if wr.tags != nil {
		wr.drawTagged(s, pl, p.Number-1)
	} else {
		for _, b := range p.Boxes {
			wr.drawBox(s, pl, b)
		}
	}
	g.pop()
}

// drawBox draws one box of a placed page on the current sheet. Every box
// of every page goes through here: this is where a structure tree wraps
// a box's operators in marked content.
func (wr *writer) drawBox(s Sheet, pl Placement, b layout.Box) {
	g, p, sc := wr.g, pl.Page, pl.Scale
	switch b := b.(type) {
	case *layout.TextRun:
		wr.drawText(p, b)
	case *layout.FillBox:
		wr.checkEdge(p, b.Rect, "coloured area", p.Bleed)
		if b.W <= 0 || b.H <= 0 {
			return
		}
		g.setFill(b.Colour, false)
		g.roundRectPath(b.Rect, b.Radius)
		g.raw("f")
	case *layout.RuleBox:
		wr.checkEdge(p, b.Bounds(), "rule", p.Bleed)
		if b.Width <= 0 {
			return
		}
		g.setStroke(b.Colour)
		g.setLineWidth(b.Width)
		g.line(b.X1, b.Y1, b.X2, b.Y2)
	case *layout.ImageBox:
		wr.checkEdge(p, b.Rect, "picture", p.Bleed)
		wr.drawImage(p, b)
	case *layout.LinkBox:
		// A print PDF has no annotations (PDF/X); a link inside the
		// document needs its target page, known when the sheets are
		// the document's pages.
		if wr.opt.Print || b.W <= 0 || b.H <= 0 || strings.HasPrefix(b.URL, "#") || (b.URL == "" && (b.Page < 1 || wr.tags == nil)) {
			return
		}
		wr.link(s, layout.Rect{X: pl.X + sc*b.X, Y: pl.Y + sc*b.Y, W: sc * b.W, H: sc * b.H}, b)
	case *layout.Anchor:
		wr.bookmark(pl.Y+sc*b.Y, b)
	}
}

// bookmark adds an outline entry, keeping levels nested as PDF outlines
// need: a level never goes deeper than one below the previous entry.
func (wr *writer) bookmark(y float64, a *layout.Anchor) {
	if wr.opt.NoOutline || strings.TrimSpace(a.Title) == "" {
		return
	}
	lvl := max(a.Level, 0)
	lvl = min(lvl, wr.outlineLevel+1)
	wr.outlineLevel = lvl
	title := strings.Join(strings.Fields(a.Title), " ")
	wr.outline = append(wr.outline, outlineItem{title: title, level: lvl, page: wr.page.ref, y: wr.g.h - max(0, y-4)})
}

// link adds a link annotation over r (pt on the sheet, y down) to the
// link's address or page.
func (wr *writer) link(s Sheet, r layout.Rect, b *layout.LinkBox) {
	d := object.Dict{
		"Type":    object.Name("Annot"),
		"Subtype": object.Name("Link"),
		"Rect":    []float64{r.X, s.Height - r.Y - r.H, r.X + r.W, s.Height - r.Y},
		"Border":  object.Array{0, 0, 0},
		"F":       4, // print
	}
	if b.URL != "" {
		d["A"] = object.Dict{"S": object.Name("URI"), "URI": uriString(b.URL)}
	} else {
		d["Dest"] = object.Array{wr.sheetRefs[b.Page-1], object.Name("Fit")}
	}
	if wr.tags != nil {
		wr.tags.linkTags(b, d)
	}
	a := wr.obj.Add(d)
	wr.annotations++
	if wr.tags != nil {
		wr.tags.annots[b] = a
	}
	wr.page.annots = append(wr.page.annots, a)
}

// uriString returns url as a PDF URI string: 7-bit ASCII, other bytes
// percent-encoded.
func uriString(url string) object.Raw {
	var b []byte
	for i := 0; i < len(url); i++ {
		c := url[i]
		if c < 0x21 || c >= 0x7f {
			b = fmt.Appendf(b, "%%%02X", c)
			continue
		}
		b = append(b, c)
	}
	return object.Raw(object.AppendLiteral(nil, b))
}

// drawText draws a text run exactly at its baseline.
func (wr *writer) drawText(p *layout.Page, t *layout.TextRun) {
	s := cleanText(t.Text)
	wr.checkEdge(p, t.Bounds(), fmt.Sprintf("text %q", shorten(t.Text)), 0)
	if strings.TrimSpace(s) == "" || t.Size <= 0 {
		return
	}
	if wr.tags != nil {
		switch {
		case t.Space:
			s += " " // read aloud and copied between the words; it draws nothing
		case t.Hyphen && strings.HasSuffix(s, "-") && wr.faces.has(t.Face, '\u00ad'):
			// The hyphen layout added where it broke a word is drawn with
			// the face's soft-hyphen glyph, which looks the same but reads
			// as U+00AD: copied and read aloud, the word stays whole.
			s = strings.TrimSuffix(s, "-") + "\u00ad"
		}
	}
	if strings.ContainsRune(s, '\u202f') && !wr.faces.has(t.Face, '\u202f') {
		s = strings.ReplaceAll(s, "\u202f", " ") // NARROW NO-BREAK SPACE
	}
	wr.faces.use(t.Face, s, p.Number)
	g := wr.g
	g.setFill(t.Colour, true)
	g.scaledText(t.Face, t.Size, t.Scale, t.X, t.Y, s)
	// Underline and strike-through as filled bars, in the text's colour.
	th := math.Max(0.05*t.Size, 0.3)
	if t.Underline {
		g.rectPath(layout.Rect{X: t.X, Y: t.Y + 0.12*t.Size, W: t.Width, H: th})
		g.raw("f")
	}
	if t.Strike {
		g.rectPath(layout.Rect{X: t.X, Y: t.Y - 0.3*t.Size, W: t.Width, H: th})
		g.raw("f")
	}
}

// cleanText prepares a run for drawing: NO-BREAK SPACE becomes a space
// (the faces give both the same advance), soft hyphens, zero-width
// characters and control characters are dropped.
func cleanText(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\u00a0' || r == '\t':
			b.WriteByte(' ')
		case r == '\u00ad' || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff':
		case r < ' ' || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < ' ' || c >= 0x7f {
			return false
		}
	}
	return true
}

// shorten returns the start of s for a message.
func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 30 {
		return string(r[:29]) + "…"
	}
	return s
}

// checkEdge records a box that reaches past the page's trim plus allow.
func (wr *writer) checkEdge(p *layout.Page, r layout.Rect, what string, allow float64) {
	by := max(-r.X, -r.Y, r.X+r.W-p.Width, r.Y+r.H-p.Height) - allow
	if by <= 0.5 {
		return
	}
	for _, o := range wr.rep.Overflows {
		if o.Page == p.Number && o.Rect == r {
			return // drawn again (imposition): reported once
		}
	}
	wr.rep.Overflows = append(wr.rep.Overflows, Overflow{Page: p.Number, What: what, Rect: r, By: math.Round(by*10) / 10})
	edge := "the page edge"
	if allow > 0 {
		edge = "the bleed"
	}
	wr.rep.warn("", fmt.Sprintf("page %d: %s runs %.1f pt past %s and is cut off; shorten the text or check the template's margins and sizes", p.Number, what, by, edge))
}

// warn adds a warning about file (or the document, when file is "") to
// the report's problems.
func (r *Report) warn(file, msg string) {
	r.Problems = append(r.Problems, diag.Diagnostic{Severity: diag.Warning, File: file, Message: msg})
}

// drawImage draws a picture, or a placeholder when it is missing.
func (wr *writer) drawImage(p *layout.Page, b *layout.ImageBox) {
	if b.W <= 0 || b.H <= 0 {
		return
	}
	info := PictureInfo{Page: p.Number, Frame: b.Rect, Bleeds: b.Bleeds}
	if b.Image != nil {
		info.Src, info.Path = b.Image.Src, b.Image.Path
	}
	f, why := wr.pics.get(b)
	if f == nil {
		info.Missing = why
		wr.rep.Pictures = append(wr.rep.Pictures, info)
		if b.Image == nil || b.Image.Src == "" {
			// A chapter without a picture: layout has said so, naming
			// the chapter; the placeholder is all there is to add.
			wr.placeholder(b)
			return
		}
		src, file := b.Image.Src, b.Image.Src
		if b.Image.Path != "" {
			file = b.Image.Path
		}
		wr.rep.warn(file, fmt.Sprintf("page %d: picture %s: %s; a placeholder was printed instead: fix the picture's path or replace the file with a JPEG or PNG", p.Number, src, why))
		wr.placeholder(b)
		return
	}
	pic := f.pic
	cr := b.Shown(pic.SourceWidth, pic.SourceHeight)
	scale := float64(pic.Width) / float64(pic.SourceWidth) // stored pixels per source pixel
	wi := b.W / 72                                         // inches
	hi := b.H / 72
	info.SourceWidth, info.SourceHeight = pic.SourceWidth, pic.SourceHeight
	info.CropWidth, info.CropHeight = int(math.Round(cr.W)), int(math.Round(cr.H))
	info.Width, info.Height = pic.Width, pic.Height
	info.EffectivePPI = math.Round(math.Min(cr.W/wi, cr.H/hi)*10) / 10
	info.EmbeddedPPI = math.Round(math.Min(cr.W*scale/wi, cr.H*scale/hi)*10) / 10
	info.ColourSpace, info.Encoding, info.SoftMask = pic.ColourSpace, pic.Encoding, pic.Alpha != nil
	info.Passthrough = pic.Passthrough
	if wr.opt.Print && pic.ColourSpace == "DeviceRGB" {
		info.ColourSpace = "ICCBased" // sRGB with its profile (pictures.colourSpace)
	}
	wr.rep.Pictures = append(wr.rep.Pictures, info)
	if wr.opt.Print && info.EffectivePPI < 200 {
		wr.rep.warn(info.Path, fmt.Sprintf("page %d: picture %s has only %.0f ppi at its printed size (%.0f × %.0f mm); print needs 300, at least 200: use a larger file or place it smaller",
			p.Number, info.Src, info.EffectivePPI, b.W/MM, b.H/MM))
	}
	// The whole picture, scaled so that the part shown fills the frame,
	// clipped to the frame.
	sx, sy := b.W/cr.W, b.H/cr.H
	whole := layout.Rect{X: b.X - cr.X*sx, Y: b.Y - cr.Y*sy, W: float64(pic.SourceWidth) * sx, H: float64(pic.SourceHeight) * sy}
	wr.g.image(f.name, b.Rect, whole)
}

// placeholder draws a missing picture: its frame filled in the placeholder
// colour with a pictogram (hills and a sun) in a tint of it.
func (wr *writer) placeholder(b *layout.ImageBox) {
	g := wr.g
	c := b.Placeholder
	if c == (layout.Colour{}) {
		c = layout.Colour{R: 221, G: 221, B: 221, K: 15} // none given: light grey
	}
	g.setFill(c, false)
	g.rectPath(b.Rect)
	g.raw("f")
	g.setFill(tint(c), false)
	s := 0.4 * math.Min(b.W, b.H)
	x0, y0 := b.X+(b.W-s)/2, b.Y+(b.H-s)/2
	at := func(u, v float64) string { return g.pt(x0+u*s, y0+v*s) }
	g.raw(at(0, 0.95) + " m " + at(0.42, 0.35) + " l " + at(0.84, 0.95) + " l h f")
	g.raw(at(0.5, 0.95) + " m " + at(0.74, 0.58) + " l " + at(1, 0.95) + " l h f")
	g.circlePath(x0+0.78*s, y0+0.2*s, 0.12*s)
	g.raw("f")
}

// tint returns a colour that stands out gently from c: lighter when c is
// dark, darker when c is light.
func tint(c layout.Colour) layout.Colour {
	lum := (0.3*float64(c.R) + 0.59*float64(c.G) + 0.11*float64(c.B)) / 255
	if lum < 0.6 {
		mix := func(v uint8) uint8 { return uint8(float64(v) + (255-float64(v))*0.35) }
		return layout.Colour{R: mix(c.R), G: mix(c.G), B: mix(c.B), C: c.C * 0.65, M: c.M * 0.65, Y: c.Y * 0.65, K: c.K * 0.65}
	}
	dark := func(v uint8) uint8 { return uint8(float64(v) * 0.82) }
	out := layout.Colour{R: dark(c.R), G: dark(c.G), B: dark(c.B), C: c.C, M: c.M, Y: c.Y, K: math.Min(100, c.K+18)}
	return out
}
