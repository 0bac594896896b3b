package layout_test

import (
	"errors"
	"math"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"leafpress/export/doc"
	"leafpress/layout"
	"leafpress/layout/hyph"
	"leafpress/templates"
)

// expected returns the words of the flow text of a chapter that the
// template's content mode includes, in reading order, and the words of its
// tables (whose reading order in narrow cells is not line order). A
// summary holds no further paragraphs.
func expected(c *doc.Chapter, tp *templates.Template) (flow, table []string) {
	return expectedWith(c, tp, nil)
}

// expectedDrawn is expected for the words drawn: a summary may hold
// further paragraphs under its headings, as many as the template allows
// under one heading. It returns the choice of further paragraphs whose
// words the drawing spells, or none.
func expectedDrawn(c *doc.Chapter, tp *templates.Template, got []word) (flow, table []string, more []int) {
	if tp.Content != templates.ContentSummary {
		flow, table = expected(c, tp)
		return flow, table, nil
	}
	avail := layout.SummaryParagraphs(c)
	more = make([]int, len(avail))
	var try func(k int) bool
	try = func(k int) bool {
		if k == len(avail) {
			flow, table = expectedWith(c, tp, more)
			_, msg := spell(got, flow)
			return msg == ""
		}
		for n := 0; n <= min(avail[k], tp.Summary.Paragraphs); n++ {
			more[k] = n
			if try(k + 1) {
				return true
			}
		}
		more[k] = 0
		return false
	}
	if try(0) {
		return flow, table, more
	}
	// A summary cut down to fit: leads only, first sentences, headings,
	// fewer headings.
	if cut := cutDrawn(c, tp, got); cut != nil {
		return cut, nil, make([]int, len(avail))
	}
	flow, table = expected(c, tp)
	return flow, table, nil
}

// expectedCut is expected for a summary cut down (see layout.SummaryCut
// and layout.SummaryCutFrom; heads < 0 for all, from for the first top
// heading cut).
func expectedCut(c *doc.Chapter, tp *templates.Template, cut, from, heads int) (flow, table []string) {
	cc := *c
	if heads >= 0 {
		cc.Blocks = layout.SummaryCut(c, cut, heads)
	} else {
		cc.Blocks = layout.SummaryCutFrom(c, cut, from)
	}
	// The cut blocks are the whole summary: no further paragraphs.
	return expectedWith(&cc, tp, nil)
}

// cutDrawn returns the words of the cut of c's summary that got spells,
// or nil when none does.
func cutDrawn(c *doc.Chapter, tp *templates.Template, got []word) []string {
	n := len(layout.SummaryParagraphs(c))
	for cut := 1; cut < layout.SummaryCuts; cut++ {
		for from := 0; from < n; from++ {
			if flow, _ := expectedCut(c, tp, cut, from, -1); spellOK(got, flow) {
				return flow
			}
		}
	}
	for heads := 0; heads < n; heads++ {
		if flow, _ := expectedCut(c, tp, layout.SummaryCuts-1, 0, heads); spellOK(got, flow) {
			return flow
		}
	}
	return nil
}

func spellOK(got []word, want []string) bool {
	_, msg := spell(got, want)
	return msg == ""
}

// expectedWith is expected for a summary holding more[k] further
// paragraphs under its k-th top heading.
func expectedWith(c *doc.Chapter, tp *templates.Template, more []int) (flow, table []string) {
	add := func(s string) { flow = append(flow, treeWords(s)...) }
	var blocks func(bs []doc.Block)
	blocks = func(bs []doc.Block) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Heading:
				add(doc.PlainText(b.Content))
			case *doc.Paragraph:
				add(doc.PlainText(b.Content))
			case *doc.Lead:
				add(doc.PlainText(b.Content))
			case *doc.Quote:
				blocks(b.Blocks)
			case *doc.List:
				for _, it := range b.Items {
					blocks(it.Blocks)
				}
			case *doc.Section:
				add(b.Title)
				blocks(b.Blocks)
			case *doc.ImageBlock:
				if tp.Images.Captions {
					add(b.Alt)
				}
			case *doc.Table:
				for _, cell := range doc.BlockInlines(b) {
					table = append(table, treeWords(doc.PlainText(cell))...)
				}
			}
		}
	}
	add(doc.PlainText(c.Intro))
	if tp.Content == templates.ContentSummary {
		blocks(layout.SummaryWith(c, more))
	} else {
		blocks(c.Blocks)
	}
	if tp.Chapter.Garant.Show && c.Garant != nil {
		add(tp.Chapter.Garant.Prefix + " " + c.Garant.FullName())
	}
	return flow, table
}

// flowText keeps the runs of a chapter's flow but tables and markers.
func flowText(r *layout.TextRun) bool {
	return flowRoles[r.Role] && r.Role != layout.RoleTable && r.Role != layout.RoleMarker
}

// cases are the documents the tests look at: every sample chapter and a
// generated one, alone, with every built-in template.
type docCase struct {
	name    string
	lang    string
	tp      *templates.Template
	chapter *doc.Chapter
	d       *layout.Document
}

func chapterCases(t *testing.T) []docCase {
	t.Helper()
	progs := append([]*doc.Programme{genProgramme(2)}, samplePrograms(t)...)
	var out []docCase
	for _, name := range templates.Names() {
		tp := builtin(t, name)
		for _, p := range progs {
			for _, c := range p.Chapters {
				d, err := layout.Chapter(p, c, tp)
				if err != nil {
					t.Errorf("%s %s: %v", name, c.UID, err)
					continue
				}
				out = append(out, docCase{name: name + "/" + c.UID, lang: p.Language, tp: tp, chapter: c, d: d})
			}
		}
	}
	return out
}

func TestWordsMatchTree(t *testing.T) {
	for _, dc := range chapterCases(t) {
		g := geom(dc.tp)
		got := words(lines(dc.d, g, flowText))
		want, wantTable, _ := expectedDrawn(dc.chapter, dc.tp, got)
		match(t, dc.name, got, want)

		// The title, in its own lines across the columns.
		var title []string
		for _, p := range dc.d.Pages {
			for _, b := range p.Boxes {
				if r, ok := b.(*layout.TextRun); ok && r.Role == layout.RoleTitle {
					title = append(title, r.Text)
				}
			}
		}
		wantTitle := strings.ToUpper(strings.Join(treeWords(dc.chapter.Title), " "))
		if gotTitle := strings.ToUpper(strings.Join(title, " ")); gotTitle != wantTitle {
			t.Errorf("%s: title drawn as %q, want %q", dc.name, gotTitle, wantTitle)
		}

		// Table cells: the same words, counted; a word broken in a narrow
		// cell is joined with the part that completes it.
		tw := words(lines(dc.d, g, func(r *layout.TextRun) bool { return r.Role == layout.RoleTable }))
		if got := joinBroken(tw, wantTable); strings.Join(sorted(got), " ") != strings.Join(sorted(wantTable), " ") {
			t.Errorf("%s: table words %q, want %q", dc.name, got, wantTable)
		}
	}
}

// joinBroken joins words broken at line ends in table cells: each part
// ending in an added hyphen is joined with the first later part that
// makes a wanted word.
func joinBroken(ws []word, want []string) []string {
	left := map[string]int{}
	for _, w := range want {
		left[w]++
	}
	used := make([]bool, len(ws))
	var out []string
	for i, w := range ws {
		if used[i] {
			continue
		}
		used[i] = true
		text := w.text
		if w.hyphen {
			head := strings.TrimSuffix(text, "-")
			for j := i + 1; j < len(ws); j++ {
				if !used[j] && left[head+ws[j].text] > 0 {
					used[j] = true
					text = head + ws[j].text
					break
				}
			}
		}
		left[text]--
		out = append(out, text)
	}
	return out
}

func sorted(s []string) []string {
	s = append([]string(nil), s...)
	sort.Strings(s)
	return s
}

func TestNoOneLetterWordEndsALine(t *testing.T) {
	cases := chapterCases(t)
	for _, dc := range cases {
		if dc.lang != "cs" {
			continue // the rule is Czech
		}
		g := geom(dc.tp)
		for _, l := range lines(dc.d, g, func(r *layout.TextRun) bool { return flowRoles[r.Role] && r.Role != layout.RoleMarker }) {
			last := l.runs[len(l.runs)-1]
			if isOneLetter(last.Text) && len(l.runs) > 1 {
				t.Errorf("%s: page %d: a line ends with the one-letter word %q", dc.name, l.page, last.Text)
			}
		}
		for _, p := range dc.d.Pages {
			for _, b := range p.Boxes {
				if r, ok := b.(*layout.TextRun); ok && strings.ContainsRune(r.Text, '\u00A0') {
					t.Errorf("%s: page %d: run %q holds a no-break space", dc.name, p.Number, r.Text)
				}
			}
		}
	}
}

func TestBoxesStayInTheirColumns(t *testing.T) {
	for _, dc := range chapterCases(t) {
		g := geom(dc.tp)
		for _, p := range dc.d.Pages {
			for _, b := range p.Boxes {
				r := b.Bounds()
				if _, ok := b.(*layout.Anchor); ok {
					if r.Y < 0 || r.Y > g.h {
						t.Errorf("%s: page %d: anchor at y %.1f off the page", dc.name, p.Number, r.Y)
					}
					continue
				}
				if r.X < -g.bleed-0.01 || r.Y < -g.bleed-0.01 || r.X+r.W > g.w+g.bleed+0.01 || r.Y+r.H > g.h+g.bleed+0.01 {
					t.Errorf("%s: page %d: %T %+v leaves the page and its bleed", dc.name, p.Number, b, r)
				}
				switch v := b.(type) {
				case *layout.TextRun:
					left := g.left(p.Number)
					switch {
					case flowRoles[v.Role]:
						c, x0, x1 := g.column(p.Number, v.X)
						if c < 0 || v.X+v.Width > x1+0.01 || v.X < x0-0.01 {
							t.Errorf("%s: page %d: %s run %q at x %.2f-%.2f leaves its column", dc.name, p.Number, v.Role, v.Text, v.X, v.X+v.Width)
						}
						if v.Y-v.Ascent < g.top-0.01 || v.Y+v.Descent > g.h-g.bottom+0.01 {
							t.Errorf("%s: page %d: %s run %q at y %.2f leaves the text area", dc.name, p.Number, v.Role, v.Text, v.Y)
						}
					case v.Role == layout.RoleTitle:
						if v.X < left-0.01 || v.X+v.Width > left+g.w-g.inner-g.outer+0.01 {
							t.Errorf("%s: page %d: title run %q leaves the text width", dc.name, p.Number, v.Text)
						}
					default:
						if r.X < 0 || r.X+r.W > g.w || r.Y < 0 || r.Y+r.H > g.h {
							t.Errorf("%s: page %d: %s run %q leaves the page", dc.name, p.Number, v.Role, v.Text)
						}
					}
				case *layout.ImageBox:
					if !v.Bleeds && (r.X < -0.01 || r.Y < -0.01 || r.X+r.W > g.w+0.01 || r.Y+r.H > g.h+0.01) {
						t.Errorf("%s: page %d: picture %+v leaves the page without bleeding", dc.name, p.Number, r)
					}
				}
			}
		}
	}
}

func TestHeadingNeverEndsAColumn(t *testing.T) {
	for _, dc := range chapterCases(t) {
		g := geom(dc.tp)
		ls := lines(dc.d, g, func(r *layout.TextRun) bool { return flowRoles[r.Role] })
		for i, l := range ls {
			lastInColumn := i == len(ls)-1 || ls[i+1].page != l.page || ls[i+1].col != l.col
			if !lastInColumn {
				continue
			}
			if role := l.role(); role == layout.RoleHeading || role == layout.RoleSection {
				t.Errorf("%s: page %d column %d ends with the %s %q", dc.name, l.page, l.col, role, l.runs[0].Text)
			}
		}
	}
}

func TestJustifiedLinesEndFlush(t *testing.T) {
	for _, dc := range chapterCases(t) {
		if dc.tp.Text.Align != "justify" {
			continue
		}
		g := geom(dc.tp)
		ls := lines(dc.d, g, func(r *layout.TextRun) bool { return r.Role == layout.RoleBody })
		checked := 0
		for i, l := range ls {
			// A line followed at one leading by a line of the same column
			// is not the last of its paragraph.
			if i+1 >= len(ls) || ls[i+1].page != l.page || ls[i+1].col != l.col {
				continue
			}
			last := l.runs[len(l.runs)-1]
			lead := last.Size * dc.tp.Sizes.Leading
			if math.Abs(ls[i+1].y-l.y-lead) > 0.01 || len(l.runs) < 3 {
				continue
			}
			// The column's right edge, or a list item's.
			_, _, x1 := g.column(l.page, l.runs[0].X)
			end := last.X + last.Width
			if math.Abs(end-x1) > 0.01 {
				t.Errorf("%s: page %d: justified line %q ends at %.3f, column edge %.3f", dc.name, l.page, lineText(l), end, x1)
			}
			checked++
		}
		if checked == 0 && len(ls) > 10 {
			t.Errorf("%s: no justified line found to check", dc.name)
		}
	}
}

func lineText(l *textLine) string {
	var s []string
	for _, r := range l.runs {
		s = append(s, r.Text)
	}
	return strings.Join(s, " ")
}

func TestHyphenatedWordsRejoin(t *testing.T) {
	p := genProgramme(6)
	tp := builtin(t, "a5-booklet")
	d, err := layout.Programme(p, tp)
	if err != nil {
		t.Fatal(err)
	}
	g := geom(tp)
	ws := words(lines(d, g, flowText))
	czech := hyph.ForLanguage("cs").WithMinimums(2, 2) // the setter allows two letters after a break
	distinct := map[string]bool{}
	for i, w := range ws {
		if !w.hyphen {
			continue
		}
		if !strings.HasSuffix(w.text, "-") || !w.lineEnd {
			t.Errorf("hyphenated word %q does not end its line with a hyphen", w.text)
			continue
		}
		if i+1 >= len(ws) {
			t.Errorf("hyphenated word %q is the last word", w.text)
			continue
		}
		head := strings.TrimSuffix(w.text, "-")
		whole := head + ws[i+1].text
		at := utf8.RuneCountInString(head)
		ok := false
		for _, pt := range czech.Points(whole) {
			if pt == at {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q is broken after %d letters, not at one of its hyphenation points %v", whole, at, czech.Points(whole))
		}
		distinct[whole] = true
	}
	if len(distinct) < 30 {
		t.Errorf("only %d distinct words hyphenated at line ends, want at least 30", len(distinct))
	}
	// And the whole text still reads as the tree.
	for _, c := range p.Chapters {
		dc, err := layout.Chapter(p, c, tp)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := expected(c, tp)
		match(t, c.UID, words(lines(dc, g, flowText)), want)
	}
}

func TestLeafletHasTwoPagesPerChapter(t *testing.T) {
	tp := builtin(t, "dl-leaflet")
	for _, p := range samplePrograms(t) {
		for _, c := range p.Chapters {
			d, err := layout.Chapter(p, c, tp)
			if err != nil {
				t.Errorf("%s: %v", c.UID, err)
				continue
			}
			if len(d.Pages) != 2 {
				t.Errorf("%s: %d pages, want 2", c.UID, len(d.Pages))
			}
		}
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Pages) != 2*len(p.Chapters) {
			t.Errorf("%s: programme of %d chapters has %d pages, want %d", p.UID, len(p.Chapters), len(d.Pages), 2*len(p.Chapters))
		}
	}
}

func TestShrinkToFit(t *testing.T) {
	// A fixed page count with the whole chapter (a summary is cut down
	// instead, at one size: TestLeafletSeries).
	tp, err := templates.Parse("full-leaflet", []byte("base: dl-leaflet\ncontent: full\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Add leads until the chapter no longer fits at the template's sizes:
	// it must then shrink, and stay on two pages.
	for n := 1; n < 40; n++ {
		r := newRand(7)
		c := &doc.Chapter{UID: "dlouha", Title: "Dlouhá kapitola", Source: "_program/dlouha.md"}
		for i := 0; i < n; i++ {
			c.Blocks = append(c.Blocks, &doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "Nadpis"}}}, &doc.Lead{Content: para(r, 3)})
		}
		p := &doc.Programme{Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
		d, err := layout.Chapter(p, c, tp)
		if err != nil {
			t.Fatalf("%d leads: %v, before any shrinking was seen", n, err)
		}
		if len(d.Pages) != 2 {
			t.Fatalf("%d leads: %d pages, want 2", n, len(d.Pages))
		}
		smallest := math.Inf(1)
		for _, pg := range d.Pages {
			for _, b := range pg.Boxes {
				if r, ok := b.(*layout.TextRun); ok && r.Role == layout.RoleLead {
					smallest = min(smallest, r.Size)
				}
			}
		}
		if smallest >= tp.Sizes.Lead {
			continue // fits as it is
		}
		found := false
		for _, w := range d.Notes {
			if strings.Contains(w, "dlouha.md") && strings.Contains(w, "shrunk") {
				found = true
			}
		}
		if !found {
			t.Errorf("no note names the shrunk chapter: %q", d.Notes)
		}
		if body := smallest / tp.Sizes.Lead * tp.Sizes.Body; body < tp.Sizes.MinBody-0.001 {
			t.Errorf("shrunk to a body size of %.2f pt, below the template's minimum %.2f pt", body, tp.Sizes.MinBody)
		}
		want, _ := expected(c, tp)
		match(t, "shrunk", words(lines(d, geom(tp), flowText)), want)
		return
	}
	t.Fatal("the chapter never needed shrinking")
}

func TestOverflowNamesTheChapter(t *testing.T) {
	tp := builtin(t, "dl-leaflet")
	r := newRand(3)
	// A summary is cut down to fit: only an intro that alone overflows
	// the pages is an error.
	c := &doc.Chapter{UID: "prilis-dlouha", Title: "Příliš dlouhá kapitola o\u00a0všem", Source: "_program/prilis-dlouha.md",
		Intro: para(r, 80)}
	for i := 0; i < 30; i++ {
		c.Blocks = append(c.Blocks, &doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "Nadpis"}}}, &doc.Lead{Content: para(r, 4)})
	}
	p := &doc.Programme{Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
	_, err := layout.Chapter(p, c, tp)
	var fe *layout.FitError
	if !errors.As(err, &fe) {
		t.Fatalf("got %v, want a *layout.FitError", err)
	}
	msg := err.Error()
	if strings.Contains(msg, `\u00a0`) || strings.Contains(msg, "\u00a0") {
		t.Errorf("error %q shows the title's no-break space; want a plain space", msg)
	}
	for _, want := range []string{`"Příliš dlouhá kapitola o všem"`, "_program/prilis-dlouha.md", "lines", "mm", "shorten the chapter's intro"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
	if fe.Lines < 10 || fe.MM <= 0 {
		t.Errorf("left over %d lines, %.0f mm; want a real amount", fe.Lines, fe.MM)
	}
	// The programme fails the same way, naming the chapter.
	if _, err := layout.Programme(p, tp); err == nil || !strings.Contains(err.Error(), "Příliš dlouhá kapitola") {
		t.Errorf("Programme: %v", err)
	}
}

func TestBookletPageCount(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	progs := append([]*doc.Programme{genProgramme(1), genProgramme(3)}, samplePrograms(t)...)
	for _, p := range progs {
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Pages)%4 != 0 {
			t.Errorf("%s: %d pages, not a multiple of 4", p.UID, len(d.Pages))
		}
		for i, pg := range d.Pages {
			if pg.Number != i+1 {
				t.Errorf("%s: page %d is numbered %d", p.UID, i+1, pg.Number)
			}
		}
	}
}

func TestAnchors(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	p := genProgramme(3)
	d, err := layout.Programme(p, tp)
	if err != nil {
		t.Fatal(err)
	}
	var chapters []string
	headings := 0
	for _, pg := range d.Pages {
		for _, b := range pg.Boxes {
			a, ok := b.(*layout.Anchor)
			if !ok {
				continue
			}
			if a.Level == 0 {
				chapters = append(chapters, a.Title)
				// The chapter's title is drawn on that page.
				if !pageHasRole(pg, layout.RoleTitle) {
					t.Errorf("chapter anchor %q on page %d, which has no title", a.Title, pg.Number)
				}
			} else {
				headings++
			}
		}
	}
	var want []string
	wantHeadings := 0
	for _, c := range p.Chapters {
		want = append(want, c.Title)
		doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
			if _, ok := b.(*doc.Heading); ok {
				wantHeadings++
			}
			return true
		})
	}
	if strings.Join(chapters, "|") != strings.Join(want, "|") {
		t.Errorf("chapter anchors %q, want %q", chapters, want)
	}
	if headings != wantHeadings {
		t.Errorf("%d heading anchors, want %d", headings, wantHeadings)
	}
}

func pageHasRole(p *layout.Page, role string) bool {
	for _, b := range p.Boxes {
		if r, ok := b.(*layout.TextRun); ok && r.Role == role {
			return true
		}
	}
	return false
}

func TestMissingPictureIsAPlaceholder(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	for _, p := range samplePrograms(t) {
		for _, c := range p.Chapters {
			if c.Image == nil || c.Image.Path != "" {
				continue
			}
			d, err := layout.Chapter(p, c, tp)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, b := range d.Pages[0].Boxes {
				if ib, ok := b.(*layout.ImageBox); ok {
					found = true
					if ib.Image == nil || ib.Image.Path != "" {
						t.Errorf("%s: placeholder has a path: %+v", c.UID, ib.Image)
					}
					want := layout.Colour{R: 0x0B, G: 0x6E, B: 0x99, C: 90, M: 42, Y: 15, K: 5}
					if ib.Placeholder != want {
						t.Errorf("%s: placeholder colour %+v, want the brand %+v", c.UID, ib.Placeholder, want)
					}
				}
			}
			if !found {
				t.Errorf("%s: no placeholder for the missing picture", c.UID)
			}
			warned := false
			for _, w := range d.Warnings {
				if strings.Contains(w, c.Source) && strings.Contains(w, c.Image.Src) {
					warned = true
				}
			}
			if !warned {
				t.Errorf("%s: no warning names %s and %s: %q", c.UID, c.Source, c.Image.Src, d.Warnings)
			}
			return
		}
	}
	t.Fatal("no sample chapter has a missing picture: the samples must keep one (zivotni-prostredi)")
}

func TestPicturesAreCroppedToTheirFrame(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	seen := 0
	for _, p := range samplePrograms(t) {
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		for _, pg := range d.Pages {
			for _, b := range pg.Boxes {
				ib, ok := b.(*layout.ImageBox)
				if !ok || ib.Image == nil || ib.Image.Path == "" {
					continue
				}
				seen++
				c := ib.Crop
				if c.W <= 0 || c.H <= 0 {
					t.Errorf("page %d: %s has no crop", pg.Number, ib.Image.Src)
					continue
				}
				if frame, crop := ib.W/ib.H, c.W/c.H; math.Abs(frame-crop)/frame > 0.01 {
					t.Errorf("page %d: %s cropped to aspect %.3f for a frame of %.3f", pg.Number, ib.Image.Src, crop, frame)
				}
				// Central: equal margins left and right, top and bottom.
				if c.X > 0.5 && c.Y > 0.5 {
					t.Errorf("page %d: %s cropped on both axes: %+v", pg.Number, ib.Image.Src, c)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no sample pictures were laid out; the samples should have pictures")
	}
}

func TestLongURLStaysInItsColumn(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	url := "https://www.lipova-nad-sazavou.cz/mestsky-urad/uredni-deska/zapisy-z-jednani-zastupitelstva/2026/zapis-12.pdf"
	c := &doc.Chapter{UID: "odkazy", Title: "Odkazy", Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Zápis najdete na "}, &doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: url}}}, &doc.Text{Text: " a také na úřední desce."}}},
	}}
	p := &doc.Programme{Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
	d, err := layout.Chapter(p, c, tp)
	if err != nil {
		t.Fatal(err)
	}
	g := geom(tp)
	var link []*layout.LinkBox
	for _, b := range d.Pages[0].Boxes {
		switch v := b.(type) {
		case *layout.TextRun:
			if _, _, x1 := g.column(1, v.X); v.X+v.Width > x1+0.01 {
				t.Errorf("run %q runs out of its column by %.2f pt", v.Text, v.X+v.Width-x1)
			}
		case *layout.LinkBox:
			link = append(link, v)
			if v.URL != url {
				t.Errorf("link to %q, want %q", v.URL, url)
			}
		}
	}
	if len(link) < 2 {
		t.Errorf("%d link areas; a URL broken over lines needs one per line", len(link))
	}
	want, _ := expected(c, tp)
	match(t, "url", words(lines(d, g, flowText)), want)
}

func TestMixedStyles(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	c := &doc.Chapter{UID: "styly", Title: "Styly", Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{
			&doc.Text{Text: "Obyčejný "}, &doc.Strong{Content: []doc.Inline{&doc.Text{Text: "tučný"}}},
			&doc.Text{Text: " "}, &doc.Emphasis{Content: []doc.Inline{&doc.Text{Text: "skloněný"}}},
			&doc.Text{Text: " "}, &doc.Strike{Content: []doc.Inline{&doc.Text{Text: "škrtnutý"}}},
			&doc.Text{Text: " "}, &doc.Link{URL: "https://example.org/", Content: []doc.Inline{&doc.Text{Text: "náš web"}}},
			&doc.Text{Text: " a "}, &doc.Code{Text: "kód"}, &doc.Text{Text: "."},
		}},
	}}
	p := &doc.Programme{Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
	d, err := layout.Chapter(p, c, tp)
	if err != nil {
		t.Fatal(err)
	}
	runs := map[string]*layout.TextRun{}
	var links []*layout.LinkBox
	for _, b := range d.Pages[0].Boxes {
		switch v := b.(type) {
		case *layout.TextRun:
			runs[v.Text] = v
		case *layout.LinkBox:
			links = append(links, v)
		}
	}
	for _, tc := range []struct {
		text, face string
		strike     bool
	}{
		{"Obyčejný", tp.Fonts.Body, false},
		{"tučný", tp.Fonts.Bold, false},
		{"skloněný", tp.Fonts.Italic, false},
		{"škrtnutý", tp.Fonts.Body, true},
		{"náš", tp.Fonts.Body, false},
		{"kód", tp.Fonts.Code, false},
	} {
		r := runs[tc.text]
		if r == nil {
			t.Errorf("no run %q", tc.text)
			continue
		}
		if r.Face != tc.face || r.Strike != tc.strike {
			t.Errorf("%q in %s (strike %v), want %s (strike %v)", tc.text, r.Face, r.Strike, tc.face, tc.strike)
		}
	}
	if len(links) == 0 || len(links) > 2 {
		t.Fatalf("%d link areas, want one per line the link is on", len(links))
	}
	for _, w := range []string{"náš", "web"} {
		r := runs[w]
		if r == nil {
			t.Fatalf("no run %q", w)
		}
		covered := false
		for _, l := range links {
			if l.URL == "https://example.org/" && r.X >= l.X-0.01 && r.X+r.Width <= l.X+l.W+0.01 && r.Y >= l.Y && r.Y <= l.Y+l.H {
				covered = true
			}
		}
		if !covered {
			t.Errorf("no link area covers %q at %.1f,%.1f", w, r.X, r.Y)
		}
		if r.Colour == runs["Obyčejný"].Colour {
			t.Errorf("link word %q has the text colour", w)
		}
	}
	if d.Faces == nil || !contains(d.Faces, tp.Fonts.Bold) || !contains(d.Faces, tp.Fonts.Display) {
		t.Errorf("Faces = %q, want the bold and display faces among them", d.Faces)
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func TestMetadata(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	p := genProgramme(2)
	d, err := layout.Programme(p, tp)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != p.Title || d.Subject != p.Group || d.Language != "cs" || !strings.Contains(d.Author, "Jana Nováková") {
		t.Errorf("metadata %q %q %q %q", d.Title, d.Subject, d.Language, d.Author)
	}
	if !contains(d.Keywords, p.Chapters[0].Title) {
		t.Errorf("keywords %q lack the chapter titles", d.Keywords)
	}
}
