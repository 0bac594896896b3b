package layout_test

import (
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/layout"
)

// contentRoles are the text roles that are content, never artifacts.
var contentRoles = map[string]bool{
	layout.RoleTitle: true, layout.RoleHeading: true, layout.RoleSection: true, layout.RoleLead: true,
	layout.RoleBody: true, layout.RoleTable: true, layout.RoleMarker: true, layout.RoleCaption: true,
	layout.RoleGarant: true,
}

// sectOf returns the Sect above n, or nil.
func sectOf(n *layout.Node) *layout.Node {
	for ; n != nil; n = n.Parent {
		if n.Role == layout.StructSect && n.Chapter != nil {
			return n
		}
	}
	return nil
}

func TestProvenance(t *testing.T) {
	t.Parallel()
	p := genProgramme(4)
	for _, name := range []string{"a5-booklet", "a4-newspaper", "dl-leaflet"} {
		t.Run(name, func(t *testing.T) {
			tp := builtin(t, name)
			d, err := layout.Programme(p, tp)
			if name == "dl-leaflet" {
				d, err = layout.Chapter(p, p.Chapters[0], tp)
			}
			if err != nil {
				t.Fatal(err)
			}
			h1 := map[*layout.Node]bool{}
			roles := map[string]int{}
			for _, pg := range d.Pages {
				for _, b := range pg.Boxes {
					n := layout.NodeOf(b)
					switch b := b.(type) {
					case *layout.TextRun:
						switch {
						case contentRoles[b.Role] && n == nil:
							t.Errorf("page %d: %s text %q is an artifact", pg.Number, b.Role, b.Text)
						case b.Role == layout.RoleRunningHead && n != nil:
							t.Errorf("page %d: running head %q is tagged %s", pg.Number, b.Text, n.Role)
						case contentRoles[b.Role] && sectOf(n) == nil:
							t.Errorf("page %d: %s text %q is in no chapter's Sect", pg.Number, b.Role, b.Text)
						}
						if b.Role == layout.RoleTitle && n != nil && n.Role != layout.StructH1 {
							t.Errorf("page %d: chapter title %q is %s, want H1", pg.Number, b.Text, n.Role)
						}
						if b.Role == layout.RoleMarker && n != nil && (n.Role != layout.StructLbl || n.Parent.Role != layout.StructLI || n.Parent.Parent.Role != layout.StructL) {
							t.Errorf("page %d: list marker %q is not L/LI/Lbl", pg.Number, b.Text)
						}
					case *layout.ImageBox:
						if n != nil && (n.Role != layout.StructFigure || n.Alt == "") {
							t.Errorf("page %d: picture is %s with alt %q, want a Figure with alt text", pg.Number, n.Role, n.Alt)
						}
					case *layout.LinkBox:
						if n == nil || n.Role != layout.StructLink {
							t.Errorf("page %d: link area to %q%d has no Link element", pg.Number, b.URL, b.Page)
						}
					}
					if n != nil {
						if n.Role == layout.StructH1 {
							h1[n] = true
						}
						for a := n; a != nil; a = a.Parent {
							roles[a.Role]++
						}
					}
				}
			}
			want := len(p.Chapters)
			if name == "dl-leaflet" {
				want = 1
			}
			if len(h1) != want {
				t.Errorf("%d H1 elements, want one per chapter (%d)", len(h1), want)
			}
			for _, r := range []string{layout.StructP, layout.StructH2, layout.StructBlockQuote} {
				if roles[r] == 0 {
					t.Errorf("no %s element", r)
				}
			}
			if name != "dl-leaflet" { // a leaflet's summary has no lists or tables
				for _, r := range []string{layout.StructL, layout.StructLI, layout.StructLBody, layout.StructLink, layout.StructTable, layout.StructTR, layout.StructTH, layout.StructTD, layout.StructSect, layout.StructH3} {
					if roles[r] == 0 {
						t.Errorf("no %s element", r)
					}
				}
			}
		})
	}
}

// TestParagraphAcrossColumns checks that a paragraph broken over two
// columns or pages is one element, and that reading order (Seq) follows
// the tree, not the page.
func TestParagraphAcrossColumns(t *testing.T) {
	t.Parallel()
	p := genProgramme(3)
	d, err := layout.Programme(p, builtin(t, "a5-booklet"))
	if err != nil {
		t.Fatal(err)
	}
	g := geom(builtin(t, "a5-booklet"))
	type place struct{ page, col int }
	places := map[*layout.Node]map[place]bool{}
	var order []*layout.Node
	for _, pg := range d.Pages {
		for _, b := range pg.Boxes {
			r, ok := b.(*layout.TextRun)
			if !ok || r.Node == nil || r.Node.Role != layout.StructP || sectOf(r.Node) == nil {
				continue
			}
			c, _, _ := g.column(pg.Number, r.X)
			if places[r.Node] == nil {
				places[r.Node] = map[place]bool{}
				order = append(order, r.Node)
			}
			places[r.Node][place{pg.Number, c}] = true
		}
	}
	split := 0
	for _, n := range places {
		if len(n) > 1 {
			split++
		}
	}
	if split == 0 {
		t.Fatal("no paragraph continues in another column: the test programme is too short to check this")
	}
	// Page order and tree order agree for the paragraphs of a chapter.
	for i := 1; i < len(order); i++ {
		a, b := order[i-1], order[i]
		if sectOf(a) == sectOf(b) && a.Seq > b.Seq && a.Parent == b.Parent {
			t.Errorf("paragraph %d comes before paragraph %d on the pages but after it in the tree", a.Seq, b.Seq)
		}
	}
}

// TestOverviewCardsLink checks that every overview card links to the
// first page of its chapter.
func TestOverviewCardsLink(t *testing.T) {
	t.Parallel()
	p := genProgramme(5)
	d, err := layout.Programme(p, builtin(t, "a5-booklet"))
	if err != nil {
		t.Fatal(err)
	}
	first := map[string]int{}
	for _, pg := range d.Pages {
		for _, b := range pg.Boxes {
			if r, ok := b.(*layout.TextRun); ok && r.Role == layout.RoleTitle {
				if c := sectOf(r.Node).Chapter; first[c.UID] == 0 {
					first[c.UID] = pg.Number
				}
			}
		}
	}
	links := 0
	for _, pg := range d.Pages {
		for _, b := range pg.Boxes {
			l, ok := b.(*layout.LinkBox)
			if !ok || l.URL != "" {
				continue
			}
			links++
			c := l.Node.Chapter
			if c == nil || l.Page != first[c.UID] {
				t.Errorf("page %d: a card links to page %d, its chapter starts on %d", pg.Number, l.Page, first[c.UID])
			}
		}
	}
	if links != len(p.Chapters) {
		t.Errorf("%d card links, want %d", links, len(p.Chapters))
	}
}

// TestPrintLinks checks that a layout for print prints a link's address
// after its text and has no link areas, while the screen layout has them.
func TestPrintLinks(t *testing.T) {
	t.Parallel()
	link := func(text, url string) *doc.Link {
		return &doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: text}}}
	}
	c := &doc.Chapter{UID: "odkazy", Title: "Odkazy", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: "Plán najdete na "}, link("webu města", "https://www.lipova.cz/plan/"),
		&doc.Text{Text: ", pište na "}, link("radnici", "mailto:radnice@lipova.cz"),
		&doc.Text{Text: ", adresa "}, link("https://lipova.cz", "https://lipova.cz/"),
		&doc.Text{Text: " a "}, link("kapitola", "#doprava"), &doc.Text{Text: "."},
	}}}}
	p := &doc.Programme{UID: "p", Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
	tp := builtin(t, "a5-booklet")
	for _, print := range []bool{false, true} {
		var opts []layout.Option
		if print {
			opts = append(opts, layout.ForPrint())
		}
		d, err := layout.Chapter(p, c, tp, opts...)
		if err != nil {
			t.Fatal(err)
		}
		var text []string
		links := 0
		for _, pg := range d.Pages {
			for _, b := range pg.Boxes {
				switch b := b.(type) {
				case *layout.TextRun:
					if b.Role == layout.RoleBody {
						text = append(text, strings.TrimSuffix(b.Text, map[bool]string{true: "-"}[b.Hyphen]))
						if b.Node != nil && b.Node.Role == layout.StructLink && print {
							t.Errorf("print: %q is tagged as a Link", b.Text)
						}
					}
				case *layout.LinkBox:
					links++
				}
			}
		}
		got := strings.Join(text, "")
		want := "Plán najdete na webu města (www.lipova.cz/plan), pište na radnici (radnice@lipova.cz), adresa https://lipova.cz a kapitola."
		if !print {
			want = "Plán najdete na webu města, pište na radnici, adresa https://lipova.cz a kapitola."
		}
		if want = strings.ReplaceAll(want, " ", ""); got != want {
			t.Errorf("print %v: the text reads\n%q, want\n%q", print, got, want)
		}
		if print != (links == 0) || layout.HasLinks(d) == print {
			t.Errorf("print %v: %d link areas", print, links)
		}
	}
}

// TestRunSpaces checks that the runs of every paragraph, joined with a
// space where Space says and a hyphen break taken back, give the
// paragraph's words: what a tagged PDF's text reads.
func TestRunSpaces(t *testing.T) {
	t.Parallel()
	p := genProgramme(2)
	d, err := layout.Programme(p, builtin(t, "a5-booklet"))
	if err != nil {
		t.Fatal(err)
	}
	text := map[*layout.Node]*strings.Builder{}
	var order []*layout.Node
	for _, pg := range d.Pages {
		for _, b := range pg.Boxes {
			r, ok := b.(*layout.TextRun)
			if !ok || r.Node == nil {
				continue
			}
			n := r.Node
			if n.Role == layout.StructLink {
				n = n.Parent
			}
			if n == nil {
				continue // an overview card
			}
			if _, para := n.Block.(*doc.Paragraph); !para {
				continue
			}
			sb := text[n]
			if sb == nil {
				sb = &strings.Builder{}
				text[n] = sb
				order = append(order, n)
			}
			if r.Hyphen {
				sb.WriteString(strings.TrimSuffix(r.Text, "-"))
				continue
			}
			sb.WriteString(r.Text)
			if r.Space {
				sb.WriteByte(' ')
			}
		}
	}
	if len(order) == 0 {
		t.Fatal("no paragraph")
	}
	for _, n := range order {
		want := strings.Fields(strings.ReplaceAll(doc.PlainText(n.Block.(*doc.Paragraph).Content), "\u00a0", " "))
		got := strings.Fields(strings.ReplaceAll(text[n].String(), "\u00a0", " "))
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("a paragraph reads\n%q\nwant\n%q", strings.Join(got, " "), strings.Join(want, " "))
			break
		}
	}
}

// TestLanguageSpans checks that text in another language than the
// document's is a Span with its language, and the document's own
// language makes none.
func TestLanguageSpans(t *testing.T) {
	t.Parallel()
	c := &doc.Chapter{UID: "jazyk", Title: "Jazyk", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: "Říkáme tomu "},
		&doc.Span{Lang: "en", Content: []doc.Inline{&doc.Text{Text: "Urban Air Mobility"}}},
		&doc.Text{Text: " a "},
		&doc.Span{Lang: "cs", Content: []doc.Inline{&doc.Text{Text: "česky"}}},
		&doc.Text{Text: "."},
	}}}}
	p := &doc.Programme{UID: "p", Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
	d, err := layout.Chapter(p, c, builtin(t, "a5-booklet"))
	if err != nil {
		t.Fatal(err)
	}
	spans := map[*layout.Node]string{}
	for _, pg := range d.Pages {
		for _, b := range pg.Boxes {
			r, ok := b.(*layout.TextRun)
			if !ok || r.Role != layout.RoleBody {
				continue
			}
			switch {
			case r.Node.Role == layout.StructSpan:
				if r.Node.Lang != "en" || r.Node.Parent.Role != layout.StructP {
					t.Errorf("%q is a Span of language %q in %s", r.Text, r.Node.Lang, r.Node.Parent.Role)
				}
				spans[r.Node] += r.Text + " "
			case r.Node.Role != layout.StructP:
				t.Errorf("%q is %s, want P", r.Text, r.Node.Role)
			}
		}
	}
	if len(spans) != 1 {
		t.Errorf("%d Span elements, want one (for the English words): %v", len(spans), spans)
	}
	for _, s := range spans {
		if strings.TrimSpace(s) != "Urban Air Mobility" {
			t.Errorf("the Span holds %q", s)
		}
	}
}
