package layout_test

import (
	"fmt"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/layout"
	"leafpress/templates"
)

// textArea returns the top and bottom of the room for text on a page:
// the top margin, and the top of a footer band that runs off the page's
// foot (or the bottom margin when there is none).
func textArea(p *layout.Page, g geometry) (top, bottom float64) {
	top, bottom = g.top, g.h-g.bottom
	for _, b := range p.Boxes {
		if f, ok := b.(*layout.FillBox); ok && f.Y+f.H >= g.h && f.Y > g.h/2 {
			bottom = min(bottom, f.Y)
		}
	}
	return top, bottom
}

// filled returns the part of a page's text area that its text (all but
// the garant's name, which may stand at the foot) takes, from the top of
// the text area to the lowest line.
func filled(p *layout.Page, g geometry) float64 {
	top, bottom := textArea(p, g)
	low := top
	for _, b := range p.Boxes {
		switch v := b.(type) {
		case *layout.TextRun:
			if flowRoles[v.Role] && v.Role != layout.RoleGarant {
				low = max(low, v.Y+v.Descent)
			}
		case *layout.ImageBox:
			if v.Y+v.H < bottom {
				low = max(low, v.Y+v.H)
			}
		}
	}
	return (low - top) / (bottom - top)
}

// moreThanFits reports whether a chapter's summary, with every further
// paragraph it could hold, takes more pages than the template's fixed
// count when the pages are not counted: such a chapter has the content
// to fill its leaflet.
func moreThanFits(t *testing.T, p *doc.Programme, c *doc.Chapter, tp *templates.Template) bool {
	free := *tp
	free.Page.Pages, free.Page.PadTo = 0, 1
	free.Summary.Paragraphs = 1000
	d, err := layout.Chapter(p, c, &free)
	if err != nil {
		t.Fatal(err)
	}
	return len(d.Pages) > tp.Page.Pages
}

func TestLeafletBackIsFull(t *testing.T) {
	tp := builtin(t, "dl-leaflet")
	g := geom(tp)
	checked := 0
	for _, p := range samplePrograms(t) {
		for _, c := range p.Chapters {
			d, err := layout.Chapter(p, c, tp)
			if err != nil {
				t.Errorf("%s: %v", c.UID, err)
				continue
			}
			got := words(lines(d, g, flowText))
			_, _, more := expectedDrawn(c, tp, got)
			if more == nil {
				t.Errorf("%s: the words drawn are no summary of the chapter", c.UID)
				continue
			}
			back := filled(d.Pages[1], g)
			t.Logf("%s: front %.0f %%, back %.0f %%, further paragraphs %v of %v", c.UID, 100*filled(d.Pages[0], g), 100*back, more, layout.SummaryParagraphs(c))
			if !moreThanFits(t, p, c, tp) {
				continue // too little content to fill the pages
			}
			checked++
			if back < 0.7 {
				t.Errorf("%s: the back page's text fills %.0f %% of its text area, want 70 %% at least", c.UID, 100*back)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no sample chapter has more content than a leaflet holds: the samples must keep one")
	}
}

func TestSummaryParagraphs(t *testing.T) {
	txt := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	h := func(level int, s string) doc.Block { return &doc.Heading{Level: level, Content: txt(s)} }
	lead := func(s string) doc.Block { return &doc.Lead{Content: txt(s)} }
	p := func(s string) doc.Block { return &doc.Paragraph{Content: txt(s)} }
	list := &doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{p("položka")}}}}
	sec := &doc.Section{Title: "Kontext", Blocks: []doc.Block{p("kontext")}}
	tests := []struct {
		name   string
		blocks []doc.Block
		avail  []int
		more   []int
		want   string // the summary's blocks, by their text
	}{
		{"leads and paragraphs",
			[]doc.Block{h(2, "A"), lead("a"), p("a1"), sec, p("a2"), h(2, "B"), lead("b"), p("b1")},
			[]int{2, 1}, []int{2, 1}, "A a a1 a2 B b b1"},
		{"first paragraphs only",
			[]doc.Block{h(2, "A"), lead("a"), p("a1"), p("a2"), h(2, "B"), lead("b"), p("b1")},
			[]int{2, 1}, []int{1, 1}, "A a a1 B b b1"},
		{"no lead: the first paragraph is the summary's",
			[]doc.Block{h(1, "A"), p("a0"), p("a1")},
			[]int{1}, []int{1}, "A a0 a1"},
		{"a colon brings its list",
			[]doc.Block{h(2, "A"), lead("a"), p("takto:"), list, p("a2")},
			[]int{2}, []int{1}, "A a takto: [list]"},
		{"a colon without a list ends the heading's paragraphs",
			[]doc.Block{h(2, "A"), lead("a"), p("a1"), p("takto:"), sec, p("a3")},
			[]int{1}, []int{5}, "A a a1"},
		{"sub-headings end a heading's paragraphs",
			[]doc.Block{h(2, "A"), lead("a"), h(3, "A.1"), p("a1"), h(2, "B"), lead("b")},
			[]int{0, 0}, []int{1, 1}, "A a B b"},
		{"no headings: paragraphs in order",
			[]doc.Block{p("x"), p("y"), p("z")},
			[]int{2}, []int{1}, "x y"},
	}
	text := func(bs []doc.Block) string {
		var out []string
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Heading:
				out = append(out, doc.PlainText(b.Content))
			case *doc.Lead:
				out = append(out, doc.PlainText(b.Content))
			case *doc.Paragraph:
				out = append(out, doc.PlainText(b.Content))
			case *doc.List:
				out = append(out, "[list]")
			default:
				out = append(out, fmt.Sprintf("%T", b))
			}
		}
		return strings.Join(out, " ")
	}
	for _, tc := range tests {
		c := &doc.Chapter{Blocks: tc.blocks}
		if got := layout.SummaryParagraphs(c); fmt.Sprint(got) != fmt.Sprint(tc.avail) {
			t.Errorf("%s: SummaryParagraphs = %v, want %v", tc.name, got, tc.avail)
		}
		if got := text(layout.SummaryWith(c, tc.more)); got != tc.want {
			t.Errorf("%s: SummaryWith(%v) = %q, want %q", tc.name, tc.more, got, tc.want)
		}
		if got, want := text(layout.SummaryWith(c, nil)), text(layout.SummaryBlocks(c)); got != want {
			t.Errorf("%s: SummaryWith(nil) = %q, SummaryBlocks = %q", tc.name, got, want)
		}
	}
}

// TestShortLeaflet lays out a chapter with little to say: its type stays
// at the template's body size (one size for the whole series), the garant's name
// stands at the foot of the back page above the campaign's band, and
// both pages end in the band.
func TestShortLeaflet(t *testing.T) {
	tp := builtin(t, "dl-leaflet")
	g := geom(tp)
	txt := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	c := &doc.Chapter{UID: "kratka", Title: "Krátká kapitola", Source: "_program/kratka.md",
		Garant: &doc.Person{Name: "Jana Nováková"},
		Intro:  txt("Chceme město, kde dítě bezpečně dojde do\u00A0školy."),
		Blocks: []doc.Block{
			&doc.Heading{Level: 2, Content: txt("Doprava v\u00A0centru")},
			&doc.Lead{Content: txt("Zklidníme náměstí.")},
			&doc.Paragraph{Content: txt("Hlavní silnice vede přímo přes náměstí.")},
		}}
	p := &doc.Programme{Title: "Program", Group: "Lipová sobě", Language: "cs", Chapters: []*doc.Chapter{c}}
	d, err := layout.Chapter(p, c, tp)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(d.Pages))
	}
	want, _ := expectedWith(c, tp, []int{1})
	match(t, "short", words(lines(d, g, flowText)), want)
	for _, pg := range d.Pages {
		top, bottom := textArea(pg, g)
		if bottom > g.h-g.bottom-tp.Footer.Height*ptPerMM/2 {
			t.Errorf("page %d: no footer band at its foot", pg.Number)
		}
		for _, b := range pg.Boxes {
			r, ok := b.(*layout.TextRun)
			if !ok {
				continue
			}
			switch r.Role {
			case layout.RoleBody:
				if r.Size != tp.Sizes.Body {
					t.Errorf("body text at %.2f pt, want the template's %.2f pt", r.Size, tp.Sizes.Body)
				}
			case layout.RoleGarant:
				if pg.Number != 2 || r.Y+r.Descent > bottom+0.01 || r.Y+r.Descent < bottom-r.Size*2 {
					t.Errorf("garant %q on page %d at %.1f pt, want it at the foot of page 2 (%.1f-%.1f pt)", r.Text, pg.Number, r.Y, top, bottom)
				}
			case layout.RoleFooter:
				if r.Y < bottom {
					t.Errorf("page %d: footer text %q above its band", pg.Number, r.Text)
				}
			}
		}
		if !pageHasRole(pg, layout.RoleFooter) {
			t.Errorf("page %d: no campaign name in the footer", pg.Number)
		}
	}
	if len(d.Warnings) != 0 {
		t.Errorf("warnings: %q", d.Warnings)
	}
}

// TestGrowToFit checks grow-to-fit on its own: a short chapter on a fixed
// page count gets the template's largest body size, a chapter that fills
// its pages at the template's size keeps it, and with no largest size
// set the type never grows.
func TestGrowToFit(t *testing.T) {
	txt := func(s string) []doc.Inline { return []doc.Inline{&doc.Text{Text: s}} }
	short := &doc.Chapter{UID: "kratka", Title: "Krátká", Blocks: []doc.Block{
		&doc.Paragraph{Content: txt("Hlavní silnice vede přímo přes náměstí.")},
	}}
	r := newRand(11)
	long := &doc.Chapter{UID: "dlouha", Title: "Dlouhá"}
	for i := 0; i < 4; i++ {
		long.Blocks = append(long.Blocks, &doc.Paragraph{Content: para(r, 6)})
	}
	tests := []struct {
		name, yaml string
		c          *doc.Chapter
		want       float64
	}{
		{"short, full content", "base: dl-leaflet\ncontent: full\npage: {pages: 1, pad_to: 1}\nsizes: {body: 9, max_body: 12}\n", short, 12},
		{"short, no growing", "base: dl-leaflet\ncontent: full\npage: {pages: 1, pad_to: 1}\nsizes: {body: 9, max_body: 0}\n", short, 9},
		{"long, full content", "base: dl-leaflet\ncontent: full\npage: {pages: 1, pad_to: 1}\nsizes: {body: 9, max_body: 12}\n", long, 0},
	}
	for _, tc := range tests {
		tp, err := templates.Parse(tc.name, []byte(tc.yaml))
		if err != nil {
			t.Fatal(err)
		}
		p := &doc.Programme{Title: "Program", Language: "cs", Chapters: []*doc.Chapter{tc.c}}
		d, err := layout.Chapter(p, tc.c, tp)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		size := 0.0
		for _, b := range d.Pages[0].Boxes {
			if r, ok := b.(*layout.TextRun); ok && r.Role == layout.RoleBody {
				size = r.Size
			}
		}
		switch {
		case tc.want > 0 && size != tc.want:
			t.Errorf("%s: body at %.2f pt, want %.2f pt", tc.name, size, tc.want)
		case tc.want == 0 && (size >= tp.Sizes.MaxBody || size < tp.Sizes.MinBody):
			t.Errorf("%s: body at %.2f pt, want between %.2f and %.2f pt", tc.name, size, tp.Sizes.MinBody, tp.Sizes.MaxBody)
		}
		want, _ := expected(tc.c, tp)
		match(t, tc.name, words(lines(d, geom(tp), flowText)), want)
	}
}

// TestLeafletSeries lays out every sample chapter and generated ones as
// leaflets: every chapter gets its two pages, all at the template's one
// body size, and a chapter three times as long as the longest sample is
// cut down to fit rather than refused.
func TestLeafletSeries(t *testing.T) {
	tp := builtin(t, "dl-leaflet")
	progs := append([]*doc.Programme{genProgramme(3)}, samplePrograms(t)...)
	var longest *doc.Chapter
	words := func(c *doc.Chapter) int {
		n := 0
		doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
			for _, ins := range doc.BlockInlines(b) {
				n += len(strings.Fields(doc.PlainText(ins)))
			}
			return true
		})
		return n
	}
	check := func(p *doc.Programme, c *doc.Chapter) *layout.Document {
		d, err := layout.Chapter(p, c, tp)
		if err != nil {
			t.Errorf("%s: no leaflet: %v", c.UID, err)
			return nil
		}
		if len(d.Pages) != 2 {
			t.Errorf("%s: %d pages, want 2", c.UID, len(d.Pages))
		}
		for _, pg := range d.Pages {
			for _, b := range pg.Boxes {
				if r, ok := b.(*layout.TextRun); ok && (r.Role == layout.RoleBody || r.Role == layout.RoleLead) {
					want := tp.Sizes.Body
					if r.Role == layout.RoleLead {
						want = tp.Sizes.Lead
					}
					if r.Size != want && !(r.Role == layout.RoleLead && r.Size == tp.Sizes.Intro) {
						t.Errorf("%s: %s text %q at %.2f pt, want the series' %.2f pt", c.UID, r.Role, r.Text, r.Size, want)
						return d
					}
				}
			}
		}
		return d
	}
	for _, p := range progs {
		for _, c := range p.Chapters {
			check(p, c)
			if p.UID != "test" && (longest == nil || words(c) > words(longest)) {
				longest = c
			}
		}
	}
	// Three times the longest sample chapter.
	long := *longest
	long.UID, long.Source = "trojita", "_program/trojita.md"
	long.Blocks = nil
	for range 3 {
		long.Blocks = append(long.Blocks, longest.Blocks...)
	}
	p := &doc.Programme{Title: "Program", Language: "cs", Chapters: []*doc.Chapter{&long}}
	d := check(p, &long)
	if d == nil {
		return
	}
	cut := false
	for _, n := range d.Notes {
		if strings.Contains(n, "trojita.md") && strings.Contains(n, "summary") {
			cut = true
		}
	}
	if !cut {
		t.Errorf("no note says the long chapter's summary was cut: %q", d.Notes)
	}
	got := words(&long)
	if got < 3*words(longest) {
		t.Fatalf("the long chapter has %d words, want %d", got, 3*words(longest))
	}
	// The words drawn are the chapter's summary cut down.
	if cutDrawn(&long, tp, wordsOf(d, tp)) == nil {
		t.Error("the long chapter's leaflet holds no cut of its summary")
	}
}

// wordsOf returns the flow words drawn in d.
func wordsOf(d *layout.Document, tp *templates.Template) []word {
	return words(lines(d, geom(tp), flowText))
}
