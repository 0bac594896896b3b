package layout

import (
	"cmp"
	"strings"
	"sync"

	qr "github.com/piglig/go-qr"

	"leafpress/export/doc"
	"leafpress/export/typography"
)

// Colours of the web block: the QR code and the imprint are pure black
// (K only in print), on paper white.
var (
	black = Colour{C: 0, M: 0, Y: 0, K: 100}
	paper = Colour{R: 255, G: 255, B: 255}
)

// qrQuiet is the quiet zone around a QR code, in modules (the standard's
// least).
const qrQuiet = 4

// QRModules returns the module matrix of a QR code for text at error
// correction level M: m[y][x] is true for a dark module. The quiet zone is
// not included. Codes are made once per text and shared: callers must not
// change the matrix.
func QRModules(text string) ([][]bool, error) {
	if c, ok := qrCodes.Load(text); ok {
		c := c.(qrCode)
		return c.m, c.err
	}
	m, err := makeQR(text)
	qrCodes.Store(text, qrCode{m, err})
	return m, err
}

// qrCodes holds the codes made, by text: a chapter's address is coded for
// its leaflet, its print leaflet and every fitting attempt.
var qrCodes sync.Map

type qrCode struct {
	m   [][]bool
	err error
}

func makeQR(text string) ([][]bool, error) {
	code, err := qr.EncodeText(text, qr.Medium)
	if err != nil {
		return nil, err
	}
	n := code.Size()
	m := make([][]bool, n)
	for y := range m {
		m[y] = make([]bool, n)
		for x := range m[y] {
			m[y][x] = code.Module(x, y)
		}
	}
	return m, nil
}

// qrBoxes draws a QR code with its modules' area at (x, y), side mm wide:
// a paper-white square for the code and its quiet zone, then each run of
// dark modules in a row as one black box. It returns the width of the
// quiet zone (the code's white margin), or -1 when text cannot be coded.
func (e *engine) qrBoxes(p *Page, text string, x, y, side float64) float64 {
	m, err := QRModules(text)
	if err != nil {
		e.warnf("the address %q cannot be made into a QR code (%v); the code is left out", text, err)
		return -1
	}
	n := len(m)
	mod := side / float64(n)
	q := qrQuiet * mod
	p.Boxes = append(p.Boxes, &FillBox{Rect: Rect{X: x - q, Y: y - q, W: side + 2*q, H: side + 2*q}, Colour: paper})
	for r, row := range m {
		for c := 0; c < n; {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < n && row[c] {
				c++
			}
			p.Boxes = append(p.Boxes, &FillBox{Rect: Rect{X: x + float64(start)*mod, Y: y + float64(r)*mod, W: float64(c-start) * mod, H: mod}, Colour: black})
		}
	}
	return q
}

// ShownAddress is an address as printed for people to type: without the
// scheme and a final slash.
func ShownAddress(u string) string {
	s := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	if strings.Count(s, "/") > 0 {
		s = strings.TrimSuffix(s, "/")
	}
	return s
}

// imprintLines are the imprint's lines in the programme's language, such
// as "Zadavatel: …" and "Zpracovatel: …"; nil when nothing is known.
func imprintLines(im *doc.Imprint, lang string) []string {
	if im == nil {
		return nil
	}
	labels := [3]string{"Zadavatel", "Zpracovatel", "Tisk"}
	if !strings.HasPrefix(lang, "cs") && lang != "" {
		labels = [3]string{"Commissioned by", "Produced by", "Printed by"}
	}
	var out []string
	for i, v := range []string{im.CommissionedBy, im.ProducedBy, im.PrintedBy} {
		if v = strings.TrimSpace(v); v != "" {
			if typography.IsCzech(lang) {
				v = typography.Czech(v) // "Lipová sobě, z. s." keeps "z. s." together
			}
			out = append(out, labels[i]+": "+v)
		}
	}
	return out
}

// ImprintText is the imprint as one line, as the templates print it
// (lines joined with ", "); "" when there is none.
func ImprintText(im *doc.Imprint, lang string) string {
	return strings.Join(imprintLines(im, lang), ", ")
}

// webAddress is the address a chapter's QR code leads to: its own page,
// else the programme's.
func (e *engine) webAddress(c *doc.Chapter) string {
	u := ""
	if c != nil {
		u = c.URL
	}
	if e.prog != nil {
		u = cmp.Or(u, e.prog.URL)
	}
	return u
}

// webBlockHeight is the room the web block takes at the foot of a
// chapter's last page: the template's fixed height when the template
// asks for the block and there is an address or an imprint to print, else
// 0.
func (e *engine) webBlockHeight(c *doc.Chapter) float64 {
	w := e.t.Web
	if !w.Chapters {
		return 0
	}
	if e.webAddress(c) == "" && len(imprintLines(e.imprint(), e.lang())) == 0 {
		return 0
	}
	return w.Height * mm
}

func (e *engine) imprint() *doc.Imprint {
	if e.prog == nil {
		return nil
	}
	return e.prog.Imprint
}

// webBlock draws the web block in the area (x, top, w, h): the QR code
// at the left with the address under it, the imprint to its right,
// aligned to the block's foot.
func (e *engine) webBlock(p *Page, c *doc.Chapter, x, top, w, h float64) {
	u := e.webAddress(c)
	size := e.t.Web.ImprintSize
	fam := e.simpleFamily(e.t.Fonts.Heading, size, size*1.25, black, RoleFooter)
	side := e.t.Web.QRSize * mm
	textX := x
	if u != "" {
		// The code's quiet zone is white paper: the code sits 4 modules in.
		m, err := QRModules(u)
		q := 0.0
		if err == nil {
			q = qrQuiet * side / float64(len(m))
		}
		if qz := e.qrBoxes(p, u, x+q, top+q, side); qz >= 0 {
			addr := ShownAddress(u)
			af := e.simpleFamily(e.t.Fonts.Heading, size, size*1.25, black, RoleFooter)
			lines := e.setString(addr, af, w)
			for len(lines) > 1 && af.size > 6 {
				af.size = max(6, af.size-0.25)
				af.leading = af.size * 1.25
				lines = e.setString(addr, af, w)
			}
			prev := e.cur
			e.cur = e.node(StructP, nil)
			e.placeLines(p, lines, af, x, top+side+2*q)
			if !e.print {
				// On screen the code is also a link to its address.
				ln := e.node(StructLink, e.cur)
				ln.URL = u
				p.Boxes = append(p.Boxes, &LinkBox{Rect: Rect{X: x, Y: top, W: side + 2*q, H: side + 2*q}, URL: u, Node: ln})
			}
			e.cur = prev
			textX = x + side + 2*q + 1.5*mm
		}
	}
	im := imprintLines(e.imprint(), e.lang())
	if len(im) == 0 {
		return
	}
	tw := x + w - textX
	var lines []*line
	for _, l := range im {
		lines = append(lines, e.setString(l, fam, tw)...)
	}
	// The imprint stands at the foot of the code, above the address.
	bottom := top + side + 2*mm
	if u == "" {
		bottom = top + h
	}
	y := max(top, bottom-linesHeight(lines, fam))
	prev := e.cur
	e.cur = e.node(StructP, nil)
	e.placeLines(p, lines, fam, textX, y)
	e.cur = prev
}

// closingWebHeight is the room the closing web block takes at the foot
// of the last page, with its rule and the space above it; 0 when there
// is nothing to print.
func (e *engine) closingWebHeight() float64 {
	if e.prog == nil || (e.prog.URL == "" && len(imprintLines(e.prog.Imprint, e.lang())) == 0) {
		return 0
	}
	w := e.t.Web
	return w.QRSize*mm*(1+2.0*qrQuiet/25) + 2*w.ImprintSize*1.25 + 6*mm
}

// closingWebBlock puts the programme's web block at the foot of the last
// page, for templates without a back cover; on a new page when the last
// one has no room left.
func (e *engine) closingWebBlock() {
	h := e.closingWebHeight()
	if h == 0 {
		return // nothing to print
	}
	h -= 6 * mm // the block itself, without its rule and the space above
	bottom := e.pageH - e.bottom
	p := e.cursor
	x, w := 0.0, e.textW
	switch {
	case p != nil && e.cursorY+4*mm <= bottom-h:
		x = e.leftX(p.Number)
	case p != nil && e.cols > 1 && e.lastColumnFree(p)+4*mm <= bottom-h-2*mm:
		// The full width is taken, but the last column has room at its
		// foot: the block goes there rather than alone on a new page.
		x, w = e.leftX(p.Number)+float64(e.cols-1)*(e.colW+e.gap), e.colW
	default:
		p = e.newPage(kindChapter, nil)
		x = e.leftX(p.Number)
	}
	p.Boxes = append(p.Boxes, &RuleBox{X1: x, Y1: bottom - h - 2*mm, X2: x + w, Y2: bottom - h - 2*mm, Width: 0.5, Colour: e.col.rule})
	e.webBlock(p, nil, x, bottom-h, w, h)
	e.cursor, e.cursorY = p, bottom
}

// lastColumnFree returns the y under the lowest box of page p's text area
// that reaches into its last column.
func (e *engine) lastColumnFree(p *Page) float64 {
	x0 := e.leftX(p.Number) + float64(e.cols-1)*(e.colW+e.gap)
	y := e.top
	for _, b := range p.Boxes {
		r := b.Bounds()
		if r.X+r.W <= x0 || r.X >= x0+e.colW || r.Y < e.top || r.Y >= e.pageH-e.bottom {
			continue
		}
		y = max(y, r.Y+r.H)
	}
	return y
}
