package layout

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"leafpress/export/doc"
	"leafpress/fonts"
	"leafpress/layout/hyph"
	"leafpress/layout/linebreak"
)

// align is how the lines of a paragraph sit in their width.
type align int

const (
	alignJustify align = iota
	alignLeft
	alignRight
	alignCenter
)

// family is the set of faces, size and colour a kind of paragraph is set
// in (body text, a lead, a heading, a caption...).
type family struct {
	regular, bold, italic, boldItalic, code *fonts.Face
	size, leading                           float64 // pt; leading is baseline to baseline
	colour, link                            Colour
	upper                                   bool
	align                                   align
	hyphenate                               bool
	role                                    string
}

type familyKey struct {
	role  string
	size  float64
	level int
}

// textStyle is the look of one piece of text.
type textStyle struct {
	face              *fonts.Face
	size              float64
	colour            Colour
	link              string
	strike, underline bool
	// hyph is the patterns of the text's language (nil: not hyphenated).
	hyph *hyph.Patterns
	// repeat repeats an explicit hyphen at the start of the next line
	// when a line breaks after it, as Czech and Slovak typesetting does.
	repeat bool
	// lang is the language of text in another language than the
	// document's (a <span lang>), for a tagged PDF's /Lang; "" otherwise.
	lang string
}

// piece is text in one style; brk marks a hard line break.
type piece struct {
	text string
	st   *textStyle
	brk  bool
}

// flatten turns inlines into pieces of styled text.
func (e *engine) flatten(ins []doc.Inline, fam *family) []piece {
	var out []piece
	var walk func(ins []doc.Inline, bold, italic, strike bool, link string)
	pat := e.hyph // the patterns of the language being walked
	lang := ""    // the language being walked, when not the document's
	repeat := repeatsHyphen(e.lang())
	add := func(text string, f *fonts.Face, strike bool, link string) {
		if text == "" {
			return
		}
		if fam.upper {
			text = strings.ToUpper(text)
		}
		c := fam.colour
		if link != "" {
			c = fam.link
		}
		st := &textStyle{face: f, size: fam.size, colour: c, link: link, strike: strike, hyph: pat, repeat: repeat, lang: lang}
		out = e.withFallback(out, text, st)
	}
	walk = func(ins []doc.Inline, bold, italic, strike bool, link string) {
		for _, in := range ins {
			switch v := in.(type) {
			case *doc.Text:
				add(v.Text, fam.pick(bold, italic), strike, link)
			case *doc.Code:
				add(v.Text, fam.code, strike, link)
			case *doc.LineBreak:
				out = append(out, piece{brk: true})
			case *doc.Strong:
				walk(v.Content, true, italic, strike, link)
			case *doc.Emphasis:
				walk(v.Content, bold, true, strike, link)
			case *doc.Strike:
				walk(v.Content, bold, italic, true, link)
			case *doc.Link:
				if !e.print {
					walk(v.Content, bold, italic, strike, v.URL)
					break
				}
				walk(v.Content, bold, italic, strike, "")
				if a := printedAddress(v); a != "" {
					add(" ("+a+")", fam.pick(bold, italic), strike, "")
				}
			case *doc.Span:
				outerPat, outerRepeat := pat, repeat
				if e.t.Text.Hyphenate { // follow the language
					pat = e.patternsFor(v.Lang)
				}
				repeat = repeatsHyphen(v.Lang)
				outerLang := lang
				if l := strings.TrimSpace(v.Lang); l != "" && (e.prog == nil || !strings.EqualFold(l, e.prog.Language)) {
					lang = l
				}
				walk(v.Content, bold, italic, strike, link)
				pat, repeat, lang = outerPat, outerRepeat, outerLang
			default:
				walk(doc.Children(in), bold, italic, strike, link)
			}
		}
	}
	walk(ins, false, false, false, "")
	return out
}

// printedAddress is the address of a link as print shows it after the
// link's text: without "https://", "mailto:" and the like, and empty
// when the link points inside the document or its text already shows
// the address.
func printedAddress(l *doc.Link) string {
	u := strings.TrimSpace(l.URL)
	if u == "" || strings.HasPrefix(u, "#") {
		return ""
	}
	for _, s := range []string{"https://", "http://", "mailto:", "tel:"} {
		if len(u) > len(s) && strings.EqualFold(u[:len(s)], s) {
			u = u[len(s):]
			break
		}
	}
	u = strings.TrimSuffix(u, "/")
	text := strings.TrimSuffix(collapse(doc.PlainText(l.Content)), "/")
	if text == u || strings.HasSuffix(text, "://"+u) || strings.HasSuffix(text, ":"+u) {
		return ""
	}
	if strings.HasPrefix(u, "www.") && strings.TrimPrefix(text, "www.") == strings.TrimPrefix(u, "www.") {
		return ""
	}
	return u
}

// pick returns the family's face for a combination of bold and italic.
func (f *family) pick(bold, italic bool) *fonts.Face {
	switch {
	case bold && italic:
		return f.boldItalic
	case bold:
		return f.bold
	case italic:
		return f.italic
	}
	return f.regular
}

// withFallback appends text in st, switching to a fallback face for the
// runes st's face lacks and leaving out the runes no face has.
func (e *engine) withFallback(out []piece, text string, st *textStyle) []piece {
	ok := true
	for _, r := range text {
		if !isSpaceRune(r) && r != '\u00AD' && r >= ' ' && !st.face.Has(r) {
			ok = false
			break
		}
	}
	if ok {
		return append(out, piece{text: text, st: st})
	}
	fb := e.fallbackFace(st.face)
	var cur strings.Builder
	curFB := false
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		s := st
		if curFB {
			c := *st
			c.face = fb
			s = &c
		}
		out = append(out, piece{text: cur.String(), st: s})
		cur.Reset()
	}
	for _, r := range text {
		useFB := false
		switch {
		case r < ' ':
			continue
		case isSpaceRune(r) || r == '\u00AD' || st.face.Has(r):
		case fb.Has(r):
			useFB = true
		default:
			if !slices.Contains(e.glyphsWarned, r) {
				e.glyphsWarned = append(e.glyphsWarned, r)
				e.warnf("the character %q (U+%04X) is in no embedded font and was left out; replace it in the text", r, r)
			}
			continue
		}
		if useFB != curFB {
			flush()
			curFB = useFB
		}
		cur.WriteRune(r)
	}
	flush()
	return out
}

// fallbackFace returns the Roboto face of the same weight as f.
func (e *engine) fallbackFace(f *fonts.Face) *fonts.Face {
	switch f.Name() {
	case fonts.Bold, fonts.CondensedBold, fonts.Display:
		return e.face(fonts.Bold)
	case fonts.Italic:
		return e.face(fonts.Italic)
	case fonts.BoldItalic:
		return e.face(fonts.BoldItalic)
	}
	return e.face(fonts.Regular)
}

// isSpaceRune reports whether r separates words (breaking or not).
func isSpaceRune(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00A0', '\u202F', '\u2007', '\u2009', '\u200A', '\u2002', '\u2003', '\u200B':
		return true
	}
	return false
}

// isNoBreak reports whether a space must not end a line.
func isNoBreak(r rune) bool { return r == '\u00A0' || r == '\u202F' || r == '\u2007' }

// kind of a paragraph item, mirrored from package linebreak.
type item struct {
	linebreak.Item
	text   string     // a box's text; a penalty's hyphen
	st     *textStyle // a box's style, a penalty's hyphen style, a glue's style
	hyphen bool       // a penalty that draws a hyphen when the line breaks there
	repeat bool       // a penalty whose hyphen (text, st) starts the next line
}

// wseg is a piece of a word in one style.
type wseg struct {
	text string
	st   *textStyle
}

// paraItems turns pieces into line breaker items for lines of width w.
// indent is the first line's indent.
func (e *engine) paraItems(pieces []piece, fam *family, w, indent float64) []item {
	items := e.itemBuf[:0]
	defer func() { e.itemBuf = items[:0] }()
	if indent > 0 {
		items = append(items, item{Item: linebreak.NewBox(indent)})
	}
	var word []wseg
	var spaceSt *textStyle
	spacePending, spaceNoBreak, zeroSpace := false, false, false
	sentence := true // the next word starts a sentence
	emit := func() {
		if len(word) == 0 {
			return
		}
		e.wordItems(&items, word, fam, w, sentence)
		sentence = endsSentence(word[len(word)-1].text)
		word = word[:0]
	}
	flushSpace := func() {
		if !spacePending {
			return
		}
		spacePending = false
		if len(items) == 0 || (indent > 0 && len(items) == 1) {
			spaceNoBreak, zeroSpace = false, false
			return // no space at the start of a paragraph
		}
		if zeroSpace && spaceSt == nil {
			items = append(items, item{Item: linebreak.NewPenalty(0, 0, false)})
			zeroSpace = false
			return
		}
		sw := spaceSt.face.Advance(" ", spaceSt.size)
		var g linebreak.Item
		if fam.align == alignJustify {
			g = linebreak.NewGlue(sw, sw*spaceStretch, sw*spaceShrink)
		} else {
			g = linebreak.NewGlue(sw, 0, 0)
		}
		if spaceNoBreak {
			items = append(items, item{Item: linebreak.NewPenalty(0, linebreak.Infinity, false)})
		}
		items = append(items, item{Item: g, st: spaceSt})
		spaceNoBreak, zeroSpace, spaceSt = false, false, nil
	}
	for _, p := range pieces {
		if p.brk {
			emit()
			sentence = true
			spacePending = false
			spaceSt = nil
			if len(items) > 0 {
				items = append(items, item{Item: linebreak.NewPenalty(0, linebreak.Infinity, false)},
					item{Item: linebreak.NewGlue(0, linebreak.Fil, 0)},
					item{Item: linebreak.NewPenalty(0, -linebreak.Infinity, false)})
			}
			continue
		}
		start := 0
		s := p.text
		for i, r := range s {
			if !isSpaceRune(r) {
				continue
			}
			if i > start {
				flushSpace()
				word = append(word, wseg{s[start:i], p.st})
			}
			start = i + utf8.RuneLen(r)
			emit()
			if r == '\u200B' {
				zeroSpace = true
				spacePending = true
				continue
			}
			if spaceSt == nil {
				spaceSt = p.st
			}
			spacePending = true
			if isNoBreak(r) {
				spaceNoBreak = true
			}
		}
		if start < len(s) {
			flushSpace()
			word = append(word, wseg{s[start:], p.st})
		}
	}
	emit()
	// Drop trailing breaks and spaces, then end the paragraph.
	for len(items) > 0 && items[len(items)-1].Kind != linebreak.Box {
		items = items[:len(items)-1]
	}
	if len(items) == 0 {
		return nil
	}
	items = append(items, item{Item: linebreak.NewPenalty(0, linebreak.Infinity, false)},
		item{Item: linebreak.NewGlue(0, linebreak.Fil, 0)},
		item{Item: linebreak.NewPenalty(0, -linebreak.Infinity, false)})
	return items
}

// break kinds inside a word
const (
	bkNone      = iota
	bkHyphen    // a hyphenation point: a hyphen is drawn
	bkExplicit  // after an explicit hyphen or slash: nothing is drawn
	bkSafe      // a safe point in a URL: nothing is drawn
	bkEmergency // anywhere, as a last resort
)

// endsSentence reports whether a word ends a sentence (or a clause that
// a capital may follow: a colon).
func endsSentence(w string) bool {
	w = strings.TrimRight(w, "“”\"'’)]»«")
	return strings.HasSuffix(w, ".") || strings.HasSuffix(w, "!") || strings.HasSuffix(w, "?") ||
		strings.HasSuffix(w, "…") || strings.HasSuffix(w, ":")
}

// repeatsHyphen reports whether a language repeats an explicit hyphen at
// the start of the next line (Czech and Slovak do).
func repeatsHyphen(lang string) bool {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	base, _, _ = strings.Cut(base, "_")
	return base == "cs" || base == "sk"
}

// longCapitalised is the least number of letters at which a capitalised
// word inside a sentence (a name: Pirátům, Evropě, Lipové) is hyphenated,
// and then only at namePenalty: as a last resort before a line with gaps
// over half an em.
const (
	longCapitalised = 8
	namePenalty     = 1000
)

// hyphenPoints returns the hyphenation points of a word: none for a word
// written with a hyphen (it breaks only there) and none for a short
// capitalised word inside a sentence. name reports a long capitalised
// word inside a sentence, whose points are a last resort. A word after an
// opening quote or bracket starts a sentence.
func hyphenPoints(runes []rune, points []int, start bool) (out []int, name bool) {
	letters, first := 0, rune(0)
	for i, r := range runes {
		if r == '-' && i > 0 && i+1 < len(runes) && isWordRune(runes[i-1]) && isWordRune(runes[i+1]) {
			return nil, false
		}
		if isWordRune(r) {
			if first == 0 {
				first = r
				start = start || i > 0 && strings.ContainsRune("„“\"'‚‘«»([", runes[i-1])
			}
			letters++
		}
	}
	if !start && unicode.IsUpper(first) && len(points) > 0 {
		if letters < longCapitalised {
			return nil, false
		}
		return points, true
	}
	return points, false
}

// wordItems appends the boxes and penalties of one word; start says it
// begins a sentence.
func (e *engine) wordItems(items *[]item, word []wseg, fam *family, w float64, start bool) {
	if len(word) == 0 {
		return
	}
	var token string
	if len(word) == 1 {
		token = word[0].text
	} else {
		var sb strings.Builder
		for _, s := range word {
			sb.WriteString(s.text)
		}
		token = sb.String()
	}
	runes := e.runeBuf[:0]
	for _, r := range token {
		runes = append(runes, r)
	}
	e.runeBuf = runes
	n := len(runes)
	var kinds []uint8 // kinds[i]: a break before rune i
	mark := func(i int, k uint8) {
		if i <= 0 || i >= n {
			return
		}
		if kinds == nil {
			kinds = scratch(&e.kindBuf, n)
		}
		if kinds[i] == bkNone || k < kinds[i] {
			kinds[i] = k
		}
	}
	ti := e.token(token, word[0].st.hyph)
	var weak []bool // weak[i]: a hyphenation point before rune i leaves two letters
	var name bool   // a long name inside a sentence: hyphenate as a last resort
	if fam.hyphenate {
		var points []int
		points, name = hyphenPoints(runes, ti.points, start)
		// Ragged text is broken first-fit, which knows no penalties: it
		// gets only the points a justified paragraph takes at the usual
		// price.
		ragged := fam.align != alignJustify
		for _, p := range points {
			tail := p+2 >= n || !isWordRune(runes[p+2])
			if ragged && (tail || name) {
				continue
			}
			mark(p, bkHyphen)
			if tail {
				if weak == nil {
					weak = scratch(&e.weakBuf, n)
				}
				weak[p] = true
			}
		}
	}
	breakable := ti.breakable
	for i := 1; i < n-2; i++ {
		switch runes[i] {
		case '-', '\u2013', '/':
			if i >= 2 && unicode.IsLetter(runes[i-1]) && unicode.IsLetter(runes[i+1]) && breakable {
				mark(i+1, bkExplicit)
			}
		}
	}
	// Long URLs and other unbreakable tokens get safe break points.
	tw := 0.0
	for _, s := range word {
		tw += s.st.face.Advance(s.text, s.st.size)
	}
	// As the Chicago Manual of Style has it: after a colon or a double
	// slash, before a single slash, a period, a hyphen and the like (so no
	// line ends in a hyphen that could be taken for a broken word), before
	// or after = and &.
	if !breakable && tw > 0.4*w {
		for i := 2; i < n-1; i++ {
			prev, cur := runes[i-1], runes[i]
			switch {
			case strings.ContainsRune("/.,-_?#%~@", cur):
				if prev != cur && prev != ':' && !strings.ContainsRune("/.,-_?#%~@", prev) {
					mark(i, bkSafe)
				}
			case prev == '/' && runes[i-2] == '/',
				strings.ContainsRune(":;+=&", prev),
				strings.ContainsRune("=&", cur):
				mark(i, bkSafe)
			}
		}
	}
	// A stretch between breaks still wider than the line: break anywhere.
	if tw > w*0.95 {
		e.emergencyPoints(word, runes, &kinds, mark, w)
	}
	// Emit boxes, splitting at segment boundaries and break points.
	ri := 0 // rune index in token
	prev := word[0].st
	for _, s := range word {
		start := 0
		for i := range s.text {
			if ri > 0 && kinds != nil && kinds[ri] != bkNone {
				e.box(items, s.text[start:i], s.st)
				start = i
				hst := s.st
				if i == 0 {
					hst = prev
				}
				pen := float64(hyphenPenalty)
				switch {
				case name:
					pen = namePenalty
				case weak != nil && weak[ri]:
					pen = weakHyphenPenalty
				}
				e.breakItem(items, kinds[ri], hst, breakable, pen, runes[ri-1] == '-')
			}
			ri++
		}
		e.box(items, s.text[start:], s.st)
		prev = s.st
	}
}

// scratch returns *buf resliced to n zero elements, growing it when
// short: a word's marks, used until the next word.
func scratch[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n, max(n, 64))
	}
	s := (*buf)[:n]
	clear(s)
	return s
}

// emergencyPoints marks a break between any two runes of every stretch
// (between the breaks already marked) that is too wide for the line.
func (e *engine) emergencyPoints(word []wseg, runes []rune, kinds *[]uint8, mark func(int, uint8), w float64) {
	widths := make([]float64, 0, len(runes))
	for _, s := range word {
		for _, r := range s.text {
			widths = append(widths, s.st.face.RuneAdvance(r, s.st.size))
		}
	}
	marked := func(i int) bool { return *kinds != nil && (*kinds)[i] != bkNone }
	n := len(runes)
	start, acc := 0, 0.0
	for i := 0; i <= n; i++ {
		if i == n || (i > 0 && marked(i)) {
			if acc > w*0.9 {
				for j := max(start+1, 2); j < i && j <= n-2; j++ {
					mark(j, bkEmergency)
				}
			}
			if i == n {
				return
			}
			start, acc = i, 0
		}
		acc += widths[i]
	}
}

// box appends a box of text in st (soft hyphens left out).
func (e *engine) box(items *[]item, text string, st *textStyle) {
	if strings.ContainsRune(text, '\u00AD') {
		text = strings.ReplaceAll(text, "\u00AD", "")
	}
	if text == "" {
		return
	}
	*items = append(*items, item{Item: linebreak.NewBox(st.face.Advance(text, st.size)), text: text, st: st})
}

// A justified word space stretches by 60 % of its width and shrinks by
// 40 % (Roboto's space is a narrow 0.25 em: shrunk fully it is 0.15 em).
// Measured on the samples, shrinking by 40 % rather than 30 % halves the
// lines with gaps over 0.5 em.
const spaceStretch, spaceShrink = 0.6, 0.36

// Penalties of breaks inside a word. A hyphenation point that leaves only
// two letters for the next line is allowed, at a price: Czech practice
// prefers three (TeX's righthyphenmin), but narrow columns need the two
// to avoid loose lines. With glyph expansion (text.expansion) lines have
// more room to adjust, and a hyphen costs 120 rather than 50: measured
// on the samples, that takes the hyphenated line ends from 20-22 % to
// 18-20 % without a loose line more.
const (
	hyphenPenalty     = 120
	weakHyphenPenalty = 300
)

// isWordRune reports whether r is part of a word's letters.
func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) }

// breakItem appends the penalty of a break inside a word; pen is the
// penalty of a hyphenation point, afterHyphen marks a break after an
// explicit hyphen.
func (e *engine) breakItem(items *[]item, kind uint8, st *textStyle, breakable bool, pen float64, afterHyphen bool) {
	switch kind {
	case bkHyphen:
		hw := st.face.Advance("-", st.size)
		*items = append(*items, item{Item: linebreak.NewPenalty(hw, pen, true), text: "-", st: st, hyphen: true})
	case bkExplicit:
		it := item{Item: linebreak.NewPenalty(0, hyphenPenalty, true)}
		if afterHyphen && st.repeat {
			it.Post = st.face.Advance("-", st.size)
			it.text, it.st, it.repeat = "-", st, true
		}
		*items = append(*items, it)
	case bkSafe:
		*items = append(*items, item{Item: linebreak.NewPenalty(0, 100, false)})
	case bkEmergency:
		if breakable {
			hw := st.face.Advance("-", st.size)
			*items = append(*items, item{Item: linebreak.NewPenalty(hw, 1000, true), text: "-", st: st, hyphen: true})
		} else {
			*items = append(*items, item{Item: linebreak.NewPenalty(0, 1000, false)})
		}
	}
}
