package layout

import (
	"cmp"
	"fmt"
	"strings"
	"sync"

	"leafpress/export/doc"
	"leafpress/fonts"
	"leafpress/layout/hyph"
	"leafpress/layout/linebreak"
	"leafpress/templates"
)

// mm is one millimetre in points.
const mm = 72 / 25.4

// engine holds what a layout run shares: the template resolved into
// points, faces and colours, and what is known of every word met.
type engine struct {
	t    *templates.Template
	prog *doc.Programme

	// print lays out for paper (ForPrint): addresses printed, no links.
	print bool

	// scale shrinks the type of a chapter's flow (shrink-to-fit); 1 = none.
	scale float64

	faces map[string]*fonts.Face
	hyph  *hyph.Patterns
	// patterns are the hyphenation patterns met so far, by language tag.
	patterns map[string]*hyph.Patterns
	tokens   map[tokenKey]tokenInfo
	pics     map[string]picInfo
	col      palette
	warns    []string
	notes    []string
	chapter  *doc.Chapter // the chapter being laid out, for warnings

	// page geometry in points
	pageW, pageH, bleed       float64
	top, bottom, inner, outer float64
	colW, gap, textW          float64
	cols                      int

	// glyphsWarned lists the characters no face has, warned once, in the
	// order warned, so that a layout taken back (a fitting try) takes its
	// warnings back too
	glyphsWarned []rune
	families     map[familyKey]*family // paragraph families, per scale
	cards        []card                // overview cards waiting for page numbers
	// cardsOnCover puts the overview cards on the cover; coverArea is the
	// room the cover leaves for its mosaic or those cards.
	cardsOnCover bool
	coverArea    Rect
	// trying is set while a chapter of a fixed page count is laid out
	// only to learn whether it fits (the layout is taken back).
	trying bool
	// shrinkPic makes the chapter's picture that much lower (pt), to take
	// back a near-empty last page.
	shrinkPic float64
	footH     float64 // the footer's height, once measured

	// the pages made so far, what they hold, and where the last chapter
	// ended (for chapters that follow one another on a page)
	pages        []*Page
	meta         []pageMeta
	cursor       *Page
	cursorY      float64
	cursorFresh  bool  // nothing is on the cursor page below the cursor yet
	split        bool  // a fixed-length chapter's intro ends the first page
	more         []int // further paragraphs a summary holds under each top heading
	trim         int   // how far a summary is cut down (trimNone...)
	trimFrom     int   // the first top heading cut to trim; earlier ones one step less
	heads        int   // top headings a summary keeps; all when negative
	chapterStart map[*doc.Chapter]int

	// kept keeps what was set of the paragraphs of a chapter of a fixed
	// page count while it is laid out again and again, or of a whole
	// programme that may be laid out a second time; nil otherwise.
	kept *kept
	// prior is what an earlier layout of the same chapter set, read
	// when kept lacks something (Reusing); nil otherwise.
	prior *sets
	// plan is the summary plan of the chapter being laid out.
	plan []summaryGroup
	// plainSets keeps the lines of plain text set (titles, footers,
	// names), and titleSets the balanced display titles, for the whole
	// layout.
	plainSets map[stringKey][]*line
	titleSets map[titleKey]titleSet

	// structure: the element lines are tagged with (nil for artifacts),
	// the last heading level, the count of elements made
	cur *Node
	// the Sect of the chapter being laid out, its title and picture
	sect, sectTitle, sectFigure *Node
	hlevel                      int
	seq                         int

	// scratch buffers of the paragraph setter
	itemBuf []item
	lbBuf   []linebreak.Item
	runeBuf []rune
	kindBuf []uint8
	weakBuf []bool
	// lineRuns, lineURLs and lineLangs are buildLine's buffers
	lineRuns            []*TextRun
	lineURLs, lineLangs []string
	// mergeBuf is buildLine's list of runs that took further boxes
	mergeBuf []merge
	// runs is the rest of the last chunk of text runs (newRun)
	runs []TextRun
}

// palette is the template's colours, resolved.
type palette struct {
	brand, accent, text, muted, title, heading, link, band, bandText, card, rule, placeholder Colour
}

func colour(c templates.Colour) Colour {
	r, g, b := c.RGBValues()
	k := c.CMYKValues()
	return Colour{R: r, G: g, B: b, C: k[0], M: k[1], Y: k[2], K: k[3]}
}

func newEngine(p *doc.Programme, t *templates.Template) (*engine, error) {
	if t == nil {
		return nil, fmt.Errorf("layout: no template given")
	}
	e := &engine{
		t: t, prog: p, scale: 1,
		faces:    map[string]*fonts.Face{},
		tokens:   map[tokenKey]tokenInfo{},
		pics:     map[string]picInfo{},
		families: map[familyKey]*family{},
	}
	f := t.Fonts
	for _, n := range []string{f.Display, f.Heading, f.Body, f.Bold, f.Italic, f.BoldItalic, f.Lead, f.Caption, f.Code,
		fonts.Regular, fonts.Bold, fonts.Italic, fonts.BoldItalic, fonts.Condensed, fonts.CondensedBold} {
		if _, ok := e.faces[n]; ok {
			continue
		}
		face, err := fonts.Load(n)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", t.File, err)
		}
		e.faces[n] = face
	}
	c := t.Colours
	e.col = palette{
		brand: colour(c.Brand), accent: colour(c.Accent), text: colour(c.Text), muted: colour(c.Muted),
		title: colour(c.Title), heading: colour(c.Heading), link: colour(c.Link), band: colour(c.Band),
		bandText: colour(c.BandText), card: colour(c.Card), rule: colour(c.Rule), placeholder: colour(c.Placeholder),
	}
	if t.Text.Hyphenate {
		e.hyph = e.patternsFor(e.lang())
	}
	pg := t.Page
	e.pageW, e.pageH, e.bleed = pg.Width*mm, pg.Height*mm, pg.Bleed*mm
	e.top, e.bottom = pg.Margins.Top*mm, pg.Margins.Bottom*mm
	e.inner, e.outer = pg.Margins.Inner*mm, pg.Margins.Outer*mm
	e.cols = max(pg.Columns, 1)
	e.gap = pg.ColumnGap * mm
	e.textW = e.pageW - e.inner - e.outer
	e.colW = t.ColumnWidth() * mm
	return e, nil
}

// face returns the loaded face of a name the template or this package
// uses.
func (e *engine) face(name string) *fonts.Face {
	if f, ok := e.faces[name]; ok {
		return f
	}
	f, err := fonts.Load(name)
	if err != nil {
		f = e.faces[fonts.Regular]
	}
	e.faces[name] = f
	return f
}

// tokenInfo is what the paragraph setter needs to know of a word, worked
// out once per run.
type tokenInfo struct {
	breakable bool  // hyph.Breakable: a word, not a URL, number or abbreviation
	points    []int // hyphenation points; none without hyphenation
}

// lang returns the language of the text being laid out: the programme's,
// Czech when it names none.
func (e *engine) lang() string {
	if e.prog != nil && e.prog.Language != "" {
		return e.prog.Language
	}
	return "cs"
}

// patternsFor returns the hyphenation patterns of a language, with the
// template's exceptions, allowing
// two letters on either side of a break (the setter makes a break with two
// letters after it dearer than one with three); nil when the language has
// none.
func (e *engine) patternsFor(lang string) *hyph.Patterns {
	if p := e.patterns[lang]; p != nil {
		return p
	}
	p := hyph.ForLanguage(lang)
	if p == nil {
		return nil
	}
	p = derivedPatterns(p, e.t.Text.Exceptions)
	if e.patterns == nil {
		e.patterns = map[string]*hyph.Patterns{}
	}
	e.patterns[lang] = p
	return p
}

// derived holds the patterns layouts derive from a language's (the
// setter's minimums, a template's exceptions), one value per base and
// exceptions, so that every layout of a run (a programme, its chapters,
// screen and print) uses the same value and shares the words hyphenated
// with it (see words).
var derived struct {
	sync.Mutex
	m map[derivedKey]*hyph.Patterns
}

type derivedKey struct {
	base       *hyph.Patterns
	exceptions string
}

// derivedPatterns returns base with two letters allowed on either side
// of a break and exceptions added, made once per process.
func derivedPatterns(base *hyph.Patterns, exceptions []string) *hyph.Patterns {
	k := derivedKey{base, strings.Join(exceptions, "\n")}
	derived.Lock()
	defer derived.Unlock()
	if p := derived.m[k]; p != nil {
		return p
	}
	p := base.WithMinimums(2, 2)
	if len(exceptions) > 0 {
		p = p.WithExceptions(exceptions)
	}
	if derived.m == nil {
		derived.m = map[derivedKey]*hyph.Patterns{}
	}
	derived.m[k] = p
	return p
}

// tokenKey names a word hyphenated with one set of patterns.
type tokenKey struct {
	pat   *hyph.Patterns
	token string
}

// words is what is known of the words met by every layout of the
// process (tokenInfo depends on the word and the patterns alone): the
// programme, its chapters' leaflets, their print versions and the Word
// file's page estimate set the same words. An engine looks in its own
// map first and in this one next. It holds at most maxWords words; when
// full it starts again, so that a long-lived process does not grow
// without end.
var words struct {
	sync.RWMutex
	m map[tokenKey]tokenInfo
}

const maxWords = 1 << 17

// token returns the cached tokenInfo of a word hyphenated with pat (nil:
// not hyphenated).
func (e *engine) token(token string, pat *hyph.Patterns) tokenInfo {
	k := tokenKey{pat, token}
	if ti, ok := e.tokens[k]; ok {
		return ti
	}
	words.RLock()
	ti, ok := words.m[k]
	words.RUnlock()
	if !ok {
		ti = tokenInfo{breakable: hyph.Breakable(token)}
		if ti.breakable && pat != nil {
			ti.points = pat.Points(token)
		}
		words.Lock()
		if words.m == nil || len(words.m) >= maxWords {
			words.m = make(map[tokenKey]tokenInfo, 1024)
		}
		words.m[k] = ti
		words.Unlock()
	}
	e.tokens[k] = ti
	return ti
}

// leftX returns the x of the left text margin of page number n (1-based):
// odd pages are right-hand pages with the binding (inner margin) on the
// left.
func (e *engine) leftX(n int) float64 {
	if n%2 == 1 {
		return e.inner
	}
	return e.outer
}

// warnf records a non-fatal problem, naming the current chapter.
func (e *engine) warnf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if c := e.chapter; c != nil {
		msg = fmt.Sprintf("%s: chapter %q: %s", cmp.Or(c.Source, c.UID), plain(c.Title), msg)
	}
	e.warns = append(e.warns, msg)
}

// notef records a fact about the layout worth telling in verbose mode
// (such as text shrunk to fit), in the form warnf uses.
func (e *engine) notef(format string, args ...any) {
	n := len(e.warns)
	e.warnf(format, args...)
	e.notes = append(e.notes, e.warns[n])
	e.warns = e.warns[:n]
}

// fill replaces the placeholders of a template text.
func (e *engine) fill(s string, page int, chapter string) string {
	if s == "" {
		return ""
	}
	prog, group := "", ""
	if e.prog != nil {
		prog, group = e.prog.Title, e.prog.Group
	}
	campaign := e.t.Campaign.Name
	if campaign == "" {
		campaign = group
	}
	pn := ""
	if page > 0 {
		pn = fmt.Sprint(page)
	}
	r := strings.NewReplacer("{page}", pn, "{programme}", prog, "{program}", prog, "{group}", group,
		"{chapter}", chapter, "{campaign}", campaign, "{web}", e.t.Campaign.Web)
	out := r.Replace(s)
	// Tidy separators left dangling by empty placeholders.
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = tidySeparators(l)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// tidySeparators drops separators (·, |, –) that no longer stand between
// two pieces of text.
func tidySeparators(l string) string {
	fields := strings.Fields(l)
	isSep := func(s string) bool { return s == "·" || s == "|" || s == "–" || s == "—" || s == "/" }
	var keep []string
	for i, f := range fields {
		if isSep(f) {
			if len(keep) == 0 || isSep(keep[len(keep)-1]) || i == len(fields)-1 {
				continue
			}
		}
		keep = append(keep, f)
	}
	for len(keep) > 0 && isSep(keep[len(keep)-1]) {
		keep = keep[:len(keep)-1]
	}
	if len(keep) == 0 {
		return ""
	}
	// Keep the author's spacing when nothing was dropped.
	if len(keep) == len(fields) {
		return strings.TrimSpace(l)
	}
	return strings.Join(keep, "  ")
}
