package layout

import (
	"math"
	"slices"
	"sync/atomic"

	"leafpress/export/doc"
	"leafpress/fonts"
	"leafpress/layout/hyph"
	"leafpress/layout/linebreak"
)

// line is one set line of text: runs placed relative to the line's left
// edge (x) and baseline (y = 0).
type line struct {
	runs  []*TextRun
	urls  []string // the link of each run, or ""; nil when no run has one (url)
	langs []string // the language of each run in another language, or ""; nil when none is (lang)
	links []linkSpan
	width float64 // the width the line was set to
	used  float64 // the natural width of its material
	// flagged is set when the line ends inside a word (at a hyphenation
	// point or after an explicit hyphen): no column should end with it.
	flagged bool
}

// linkSpan is the horizontal extent of a link on a line.
type linkSpan struct {
	url    string
	x0, x1 float64
	run    int   // the index of its first run
	node   *Node // its Link element (tagLines)
}

// breakOptions are the line breaker's settings for justified text in
// narrow columns: a little more tolerance than TeX's defaults, some
// emergency stretch so that a paragraph never ends up overfull, and at
// most two hyphenated lines in a row.
func breakOptions(size float64) linebreak.Options {
	o := linebreak.DefaultOptions()
	o.Tolerance = 1.5
	o.LooseTolerance = 3
	o.EmergencyStretch = 2 * size
	o.LinePenalty = 10
	o.FlaggedDemerits = 3000
	o.FinalFlaggedDemerits = 5000
	o.MaxHyphens = 2 // never a ladder of three hyphenated lines
	return o
}

// setText sets inlines in fam at width w (first line indented by indent)
// and returns the lines.
func (e *engine) setText(ins []doc.Inline, fam *family, w, indent float64) []*line {
	if e.kept == nil || len(ins) == 0 {
		return e.setPieces(e.flatten(ins, fam), fam, w, indent)
	}
	k := setKey{first: &ins[0], n: len(ins), fam: fam, w: w, indent: indent, hyph: e.hyph}
	if ls, ok := e.kept.lines[k]; ok {
		return e.cloneLines(ls)
	}
	if pr := e.prior; pr != nil && pr.kept != nil && (pr.print == e.print || !hasLink(ins)) {
		// Links are set differently on paper.
		if ls, ok := pr.kept.lines[k]; ok {
			return e.cloneLines(ls)
		}
	}
	nw := len(e.warns)
	ls := e.setPieces(e.flatten(ins, fam), fam, w, indent)
	if len(e.warns) == nw {
		e.kept.lines[k] = e.cloneLines(ls)
	}
	return ls
}

// hasLink reports whether inlines hold a link.
func hasLink(ins []doc.Inline) bool {
	for _, in := range ins {
		if _, ok := in.(*doc.Link); ok {
			return true
		}
		if hasLink(doc.Children(in)) {
			return true
		}
	}
	return false
}

// kept is what a layout keeps of the paragraphs it set, to set them
// again for nothing: their lines, the leads cut to their first
// sentence and the leads with their first sentence strong (so that
// each layout sets the same inlines, and finds their lines). A
// paragraph whose setting warned is not kept, so that a later layout
// warns again.
type kept struct {
	lines     map[setKey][]*line
	sentences map[doc.Block]doc.Block
	bolds     map[inlinesKey][]doc.Inline
}

// notKeeping switches keeping set text off (tests compare
// layouts made without it).
var notKeeping atomic.Bool

// newKept returns an empty kept, nil when keeping is off.
func newKept() *kept {
	if notKeeping.Load() {
		return nil
	}
	return &kept{lines: map[setKey][]*line{}, sentences: map[doc.Block]doc.Block{}, bolds: map[inlinesKey][]doc.Inline{}}
}

// setString sets plain text. The lines of a text set a second time in a
// family and width are kept for the rest of the layout (unless setting
// it warned, so that a warning is never lost); most texts set once
// (a footer with its page number) are not copied for nothing.
func (e *engine) setString(s string, fam *family, w float64) []*line {
	if notKeeping.Load() {
		return e.setPieces(e.flatten([]doc.Inline{&doc.Text{Text: s}}, fam), fam, w, 0)
	}
	k := stringKey{s: s, fam: *fam, w: w, hyph: e.hyph}
	ls, seen := e.plainSets[k]
	if ls == nil && e.prior != nil {
		ls = e.prior.plainSets[k]
	}
	if ls != nil {
		return e.cloneLines(ls)
	}
	nw := len(e.warns)
	ls = e.setPieces(e.flatten([]doc.Inline{&doc.Text{Text: s}}, fam), fam, w, 0)
	if len(e.warns) == nw && len(ls) > 0 {
		if e.plainSets == nil {
			e.plainSets = map[stringKey][]*line{}
		}
		if seen {
			e.plainSets[k] = e.cloneLines(ls)
		} else {
			e.plainSets[k] = nil
		}
	}
	return ls
}

// setKey names a paragraph set once: its inlines (by identity), family
// (one per size), width, indent and hyphenation patterns.
type setKey struct {
	first     *doc.Inline
	n         int
	fam       *family
	w, indent float64
	hyph      *hyph.Patterns
}

// stringKey names a plain text set once: the text, the family (by
// value: footers and cards make theirs afresh), the width and the
// hyphenation patterns.
type stringKey struct {
	s    string
	fam  family
	w    float64
	hyph *hyph.Patterns
}

// inlinesKey names a list of inlines by identity.
type inlinesKey struct {
	first *doc.Inline
	n     int
}

// boldFirst is boldFirstSentence, made once per lead while set
// paragraphs are kept.
func (e *engine) boldFirst(ins []doc.Inline) []doc.Inline {
	if e.kept == nil || len(ins) == 0 {
		return boldFirstSentence(ins)
	}
	return keptOr(e, func(k *kept) map[inlinesKey][]doc.Inline { return k.bolds },
		inlinesKey{&ins[0], len(ins)}, func() []doc.Inline { return boldFirstSentence(ins) })
}

// sentence is sentenceOf, made once per block while set paragraphs are
// kept.
func (e *engine) sentence(b doc.Block) doc.Block {
	if e.kept == nil {
		return sentenceOf(b)
	}
	return keptOr(e, func(k *kept) map[doc.Block]doc.Block { return k.sentences },
		b, func() doc.Block { return sentenceOf(b) })
}

// keptOr returns the value under k in the map of e.kept that of picks,
// else in that map of the prior layout's (Reusing), else mk's value,
// which it keeps in e.kept.
func keptOr[K comparable, V any](e *engine, of func(*kept) map[K]V, k K, mk func() V) V {
	m := of(e.kept)
	if v, ok := m[k]; ok {
		return v
	}
	if e.prior != nil && e.prior.kept != nil {
		if v, ok := of(e.prior.kept)[k]; ok {
			return v
		}
	}
	v := mk()
	m[k] = v
	return v
}

// cloneLines copies set lines, so that placing the copy leaves the
// original as it was. Placing and tagging change the runs and the link
// spans; the runs' links and languages are shared.
func (e *engine) cloneLines(ls []*line) []*line {
	out := make([]*line, len(ls))
	cs := make([]line, len(ls))
	n := 0
	for _, l := range ls {
		n += len(l.runs)
	}
	runs := make([]*TextRun, n)
	for i, l := range ls {
		c := &cs[i]
		*c = *l
		c.runs, runs = runs[:len(l.runs):len(l.runs)], runs[len(l.runs):]
		for k, r := range l.runs {
			rc := e.newRun()
			*rc = *r
			c.runs[k] = rc
		}
		if len(l.links) > 0 {
			c.links = append([]linkSpan(nil), l.links...)
		}
		out[i] = c
	}
	return out
}

// runChunk is the number of text runs allocated at once.
const runChunk = 128

// newRun returns a zero text run, from a chunk of them.
func (e *engine) newRun() *TextRun {
	if len(e.runs) == 0 {
		e.runs = make([]TextRun, runChunk)
	}
	r := &e.runs[0]
	e.runs = e.runs[1:]
	return r
}

// setPieces breaks pieces into lines of width w.
func (e *engine) setPieces(pieces []piece, fam *family, w, indent float64) []*line {
	items := e.paraItems(pieces, fam, w, indent)
	if len(items) == 0 {
		return nil
	}
	lb := e.lbBuf[:0]
	exp := 0.0
	if fam.align == alignJustify {
		exp = e.t.Text.Expansion
	}
	for i := range items {
		lb = append(lb, items[i].Item)
		lb[i].Ref = i
		if exp > 0 && items[i].Kind == linebreak.Box && items[i].st != nil {
			// The glyphs of a justified line may be a little wider or
			// narrower (buildLine shares the line's stretch or shrink out
			// between them and the spaces).
			lb[i].Stretch, lb[i].Shrink = exp*lb[i].Width, exp*lb[i].Width
		}
	}
	e.lbBuf = lb
	width := func(int) float64 { return w }
	var breaks []linebreak.Breakpoint
	var err error
	if fam.align == alignJustify {
		breaks, err = linebreak.Break(lb, width, breakOptions(fam.size))
	} else {
		breaks, err = linebreak.Greedy(lb, width, linebreak.Options{})
	}
	if err != nil || len(breaks) == 0 {
		breaks, _ = linebreak.Greedy(lb, width, linebreak.Options{})
	}
	ranges := linebreak.Lines(lb, breaks)
	out := make([]*line, 0, len(ranges))
	var prev *item // the break that ended the previous line
	for k, r := range ranges {
		br := breaks[k]
		var brk *item
		if br.Pos < len(items) {
			brk = &items[br.Pos]
		}
		ln := e.buildLine(items[r.Start:r.End], brk, prev, br.Ratio, fam, w)
		out = append(out, ln)
		prev = brk
	}
	return out
}

// buildLine places the material of one line; brk is the break that ends
// it and prev the one that ended the line before (nil for none).
func (e *engine) buildLine(its []item, brk, prev *item, ratio float64, fam *family, w float64) *line {
	ln := &line{width: w, flagged: brk != nil && brk.Kind == linebreak.Penalty && brk.Flagged}
	ragged := fam.align != alignJustify
	for _, it := range its {
		if it.Kind == linebreak.Glue && math.IsInf(it.Stretch, 1) {
			ragged = true // the last line of a paragraph, or before a hard break
		}
	}
	// The runs, their links and languages are gathered in the engine's
	// buffers and copied out at their size (none for links and languages
	// when the line has none).
	ln.runs, ln.urls, ln.langs = e.lineRuns[:0], e.lineURLs[:0], e.lineLangs[:0]
	// The ratio the glue is set at. The line breaker's ratio may count
	// emergency stretch the items do not have, so justified lines work it
	// out from their own material: the line then ends exactly flush.
	// The glyphs' scale: glyph expansion takes its share of the stretch
	// or shrink, in proportion to what the glyphs and the spaces may give.
	// A justified paragraph's last line is shrunk the same way when it
	// must be, never stretched.
	r, scale := 0.0, 1.0
	if fam.align == alignJustify && (!ragged || ratio < 0) {
		glyphs, nat, st, sh := 0.0, 0.0, 0.0, 0.0
		for _, it := range its {
			switch it.Kind {
			case linebreak.Box:
				nat += it.Width
				if it.st != nil {
					glyphs += it.Width
				}
			case linebreak.Glue:
				nat += it.Width
				if !math.IsInf(it.Stretch, 1) {
					st += it.Stretch
				}
				sh += it.Shrink
			}
		}
		if brk != nil && brk.Kind == linebreak.Penalty {
			nat += brk.Width
			glyphs += brk.Width
		}
		if prev != nil && prev.repeat {
			nat += prev.Post
			glyphs += prev.Post
		}
		x := e.t.Text.Expansion * glyphs
		switch {
		case nat < w && st+x > 0 && !ragged:
			a := min((w-nat)*x/(x+st), x)
			scale = 1 + a/glyphs
			if st > 0 {
				r = (w - nat - a) / st
			}
		case nat > w && sh+x > 0:
			a := max((w-nat)*x/(x+sh), -x)
			scale = 1 + a/glyphs
			if sh > 0 {
				r = max((w-nat-a)/sh, -1)
			}
		}
		if x == 0 {
			scale = 1
		}
	} else if ratio < 0 {
		r = ratio
	}
	x := 0.0
	var last *TextRun
	var lastSt *textStyle
	merged := e.mergeBuf[:0] // runs that took further boxes
	joined := false          // the next box continues the last run's word
	if prev != nil && prev.repeat {
		// The explicit hyphen the previous line ended with, again.
		last = e.run(prev.text, prev.st, fam.role, 0, prev.Post*scale)
		lastSt = prev.st
		ln.runs = append(ln.runs, last)
		ln.urls = append(ln.urls, prev.st.link)
		ln.langs = append(ln.langs, prev.st.lang)
		x, joined = prev.Post*scale, true
	}
	for _, it := range its {
		switch it.Kind {
		case linebreak.Box:
			if it.st == nil { // an indent
				x += it.Width
				joined = false
				continue
			}
			if joined && last != nil && *lastSt == *it.st {
				last.Text += it.text
				last.Width += it.Width * scale
				merged = append(merged, merge{last, it.st.face})
			} else {
				last = e.run(it.text, it.st, fam.role, x, it.Width*scale)
				lastSt = it.st
				ln.runs = append(ln.runs, last)
				ln.urls = append(ln.urls, it.st.link)
				ln.langs = append(ln.langs, it.st.lang)
			}
			x += it.Width * scale
			joined = true
		case linebreak.Glue:
			if last != nil {
				last.Space = true
			}
			gw := it.Width
			switch {
			case r > 0 && !math.IsInf(it.Stretch, 1):
				gw += r * it.Stretch
			case r < 0:
				gw += r * it.Shrink
			}
			x += gw
			joined = false
		case linebreak.Penalty:
			// a break not taken: nothing to draw
		}
	}
	if brk != nil && brk.Kind == linebreak.Penalty && brk.hyphen && last != nil {
		if *lastSt == *brk.st {
			last.Text += brk.text
			last.Width += brk.Width * scale
			merged = append(merged, merge{last, brk.st.face})
		} else {
			last = e.run(brk.text, brk.st, fam.role, x, brk.Width*scale)
			ln.runs = append(ln.runs, last)
			ln.urls = append(ln.urls, brk.st.link)
			ln.langs = append(ln.langs, brk.st.lang)
		}
		last.Hyphen = true
		x += brk.Width * scale
	}
	if last != nil && !last.Hyphen && (brk == nil || brk.Kind == linebreak.Glue) {
		last.Space = true // the line ends between two words
	}
	// Exact widths of merged runs (a run of one box has it already).
	for _, m := range merged {
		m.run.Width = m.face.Advance(m.run.Text, m.run.Size) * scale
	}
	e.mergeBuf = merged[:0]
	if scale != 1 {
		for _, run := range ln.runs {
			run.Scale = scale
		}
	}
	ln.used = x
	if n := len(ln.runs); n > 0 {
		end := ln.runs[n-1].X + ln.runs[n-1].Width
		ln.used = end
		switch {
		case fam.align == alignJustify && !ragged && math.Abs(w-end) < 1:
			// Flush right: absorb the rounding of the glue in the last gap.
			ln.runs[n-1].X += w - end
			ln.used = w
		case fam.align == alignRight:
			shift(ln, w-end)
		case fam.align == alignCenter:
			shift(ln, (w-end)/2)
		}
	}
	// Links: one span per run of link text on the line.
	var cur *linkSpan
	for i, run := range ln.runs {
		url := ln.urls[i]
		if url == "" {
			cur = nil
			continue
		}
		if cur != nil && cur.url == url {
			cur.x1 = run.X + run.Width
			continue
		}
		ln.links = append(ln.links, linkSpan{url: url, x0: run.X, x1: run.X + run.Width, run: i})
		cur = &ln.links[len(ln.links)-1]
	}
	e.lineRuns, e.lineURLs, e.lineLangs = ln.runs[:0], ln.urls[:0], ln.langs[:0]
	ln.runs = slices.Clone(ln.runs)
	ln.urls, ln.langs = nonEmpty(ln.urls), nonEmpty(ln.langs)
	return ln
}

// nonEmpty returns a copy of ss, or nil when every string is empty.
func nonEmpty(ss []string) []string {
	for _, s := range ss {
		if s != "" {
			return slices.Clone(ss)
		}
	}
	return nil
}

// url returns the link of run i, "" for none.
func (ln *line) url(i int) string {
	if ln.urls == nil {
		return ""
	}
	return ln.urls[i]
}

// lang returns the language of run i when it is not the document's.
func (ln *line) lang(i int) string {
	if ln.langs == nil {
		return ""
	}
	return ln.langs[i]
}

// merge is a run that took further boxes, and their face.
type merge struct {
	run  *TextRun
	face *fonts.Face
}

// place moves the line's runs to x and the baseline and appends them to
// boxes, with a link box over each link span.
func (ln *line) place(boxes []Box, fam *family, x, baseline float64) []Box {
	for _, r := range ln.runs {
		r.X += x
		r.Y = baseline
		boxes = append(boxes, r)
	}
	if len(ln.links) > 0 {
		a, d := fam.regular.Ascent(fam.size), fam.regular.Descent(fam.size)
		for _, l := range ln.links {
			boxes = append(boxes, &LinkBox{Rect: Rect{X: x + l.x0, Y: baseline - a, W: l.x1 - l.x0, H: a + d}, URL: l.url, Node: l.node})
		}
	}
	return boxes
}

func shift(ln *line, dx float64) {
	for _, r := range ln.runs {
		r.X += dx
	}
}

// run makes a text run at x on the baseline.
func (e *engine) run(text string, st *textStyle, role string, x, w float64) *TextRun {
	r := e.newRun()
	*r = TextRun{
		X: x, Face: st.face.Name(), Size: st.size, Colour: st.colour, Text: text, Width: w,
		Ascent: st.face.Ascent(st.size), Descent: st.face.Descent(st.size),
		Strike: st.strike, Underline: st.underline, Role: role,
	}
	return r
}
