package layout_test

import (
	"fmt"
	"sort"
	"testing"

	"leafpress/export/doc"
	"leafpress/layout"
)

// cardPages returns, for every page of d with overview cards (the
// overview's pages, or the cover when they are on it), the rectangles of
// its cards: the fill under each card's picture, which has its picture's
// top left corner and width; pages are the pages they are on.
func cardPages(d *layout.Document) (out [][]layout.Rect, pages []*layout.Page) {
	for _, p := range d.Pages {
		if !pageHasRole(p, layout.RoleCard) {
			continue
		}
		var cards []layout.Rect
		for _, b := range p.Boxes {
			ib, ok := b.(*layout.ImageBox)
			if !ok {
				continue
			}
			for _, b := range p.Boxes {
				if f, ok := b.(*layout.FillBox); ok && f.X == ib.X && f.Y == ib.Y && f.W == ib.W && f.H >= ib.H {
					cards = append(cards, f.Rect)
					break
				}
			}
		}
		out = append(out, cards)
		pages = append(pages, p)
	}
	return out, pages
}

func overlap(a, b layout.Rect) bool {
	return a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H
}

func TestOverviewFillsItsPagesEvenly(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	g := geom(tp)
	r := newRand(5)
	for n := 2; n <= 26; n++ {
		p := &doc.Programme{UID: "karty", Title: "Program", Language: "cs"}
		for i := 1; i <= n; i++ {
			p.Chapters = append(p.Chapters, &doc.Chapter{
				UID: fmt.Sprintf("k%d", i), Title: fmt.Sprintf("Kapitola %d", i), Intro: para(r, 2),
			})
		}
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		pages, on := cardPages(d)
		total, least, most := 0, n, 0
		for k, cards := range pages {
			total += len(cards)
			least, most = min(least, len(cards)), max(most, len(cards))
			if len(cards) == 1 {
				t.Errorf("%d chapters: overview page %d holds a lone card", n, k+1)
			}
			pg := on[k]
			for i, c := range cards {
				if c.X < g.left(pg.Number)-0.01 || c.X+c.W > g.left(pg.Number)+g.w-g.inner-g.outer+0.01 || c.Y < g.top-0.01 || c.Y+c.H > g.h-g.bottom+0.01 {
					t.Errorf("%d chapters: page %d: card %+v leaves the text area", n, pg.Number, c)
				}
				for _, o := range cards[:i] {
					if overlap(c, o) {
						t.Errorf("%d chapters: page %d: cards %+v and %+v overlap", n, pg.Number, c, o)
					}
				}
			}
		}
		if total != n {
			t.Errorf("%d chapters: %d cards", n, total)
		}
		// Evenly: the pages differ by a row of cards at most.
		if len(pages) > 1 && most-least > tp.Overview.MaxColumns {
			t.Errorf("%d chapters: overview pages hold %d to %d cards", n, least, most)
		}
		// Nine cards still read well on one A5 page (three rows of three).
		if n <= 9 && len(pages) != 1 {
			t.Errorf("%d chapters: cards on %d pages, want one", n, len(pages))
		}
		if len(d.Pages)%4 != 0 {
			t.Errorf("%d chapters: %d pages, not a multiple of 4", n, len(d.Pages))
		}
	}
}

// TestNoSparsePages checks, on the sample programme of seven chapters,
// that no page but the covers holds under 35 % of the lines of the
// median page: the booklet spares its blank padding pages by putting the
// cards on its cover, the newspaper's back page holds the cards and the
// web block.
func TestNoSparsePages(t *testing.T) {
	var p *doc.Programme
	for _, sp := range samplePrograms(t) {
		if sp.UID == "2026-lipova" {
			p = sp
		}
	}
	if p == nil {
		t.Fatal("the sample programme 2026-lipova is missing")
	}
	all := func(*layout.TextRun) bool { return true }
	for _, name := range []string{"a5-booklet", "a4-newspaper"} {
		tp := builtin(t, name)
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		count := make([]int, len(d.Pages))
		for _, l := range lines(d, geom(tp), all) {
			count[l.page-1]++
		}
		var nonEmpty []int
		for _, n := range count {
			if n > 0 {
				nonEmpty = append(nonEmpty, n)
			}
		}
		sort.Ints(nonEmpty)
		median := float64(nonEmpty[len(nonEmpty)/2])
		if len(nonEmpty)%2 == 0 {
			median = float64(nonEmpty[len(nonEmpty)/2-1]+nonEmpty[len(nonEmpty)/2]) / 2
		}
		last := len(d.Pages)
		if tp.BackCover.Enabled {
			last-- // the back cover
		}
		for k := 1; k < last; k++ {
			if float64(count[k]) < 0.35*median {
				t.Errorf("%s: page %d holds %d lines, under 35 %% of the median page's %g", name, k+1, count[k], median)
			}
		}
		cover, back := pageHasRole(d.Pages[0], layout.RoleCard), pageHasRole(d.Pages[len(d.Pages)-1], layout.RoleCard)
		if name == "a5-booklet" && !cover {
			t.Errorf("%s: the cards are not on the cover", name)
		}
		if name == "a4-newspaper" && !back {
			t.Errorf("%s: the cards are not on the back page", name)
		}
	}
}

// TestCardsAtTheBack checks that cards placed at the back end the
// document (before a back cover, when there is one), blank pages going
// before them, and the count stays the template's multiple.
func TestCardsAtTheBack(t *testing.T) {
	for _, name := range []string{"a5-booklet", "a4-newspaper"} {
		tp := *builtin(t, name)
		tp.Overview.Position, tp.Overview.OnCover = "back", false
		for _, n := range []int{2, 3, 5, 8} {
			d, err := layout.Programme(genProgramme(n), &tp)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Pages)%tp.Page.PadTo != 0 {
				t.Errorf("%s, %d chapters: %d pages, not a multiple of %d", name, n, len(d.Pages), tp.Page.PadTo)
			}
			last := len(d.Pages) - 1
			if tp.BackCover.Enabled {
				last-- // the back cover
			}
			if !pageHasRole(d.Pages[last], layout.RoleCard) {
				t.Errorf("%s, %d chapters: page %d of %d does not hold the cards", name, n, last+1, len(d.Pages))
			}
		}
	}
}

// TestNewspaperNeverEndsBlank checks that no sample programme's
// newspaper ends with a page holding nothing but its running head: a
// programme of seven chapters ends with the cards, one of a single page
// is a one-sided sheet without a blank back.
func TestNewspaperNeverEndsBlank(t *testing.T) {
	tp := builtin(t, "a4-newspaper")
	for _, p := range samplePrograms(t) {
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		last := d.Pages[len(d.Pages)-1]
		content := false
		for _, b := range last.Boxes {
			if r, ok := b.(*layout.TextRun); ok && r.Role != layout.RoleRunningHead {
				content = true
			}
		}
		if !content {
			t.Errorf("%s: the newspaper's last page (%d of %d) is blank", p.UID, last.Number, len(d.Pages))
		}
	}
}

// TestNoNearEmptyChapterEnd lays out a chapter with a picture at many
// lengths: none ends with a page of two lines or less per column, which
// a lower picture can take back.
func TestNoNearEmptyChapterEnd(t *testing.T) {
	tp := builtin(t, "a5-booklet")
	g := geom(tp)
	lead := tp.Sizes.Body * tp.Sizes.Leading
	r := newRand(11)
	shrunk := 0
	for k := 1; k <= 30; k++ {
		c := &doc.Chapter{UID: "k", Title: "Kapitola", Intro: para(r, 2), Image: &doc.Image{Src: "chybi.jpg", Alt: "obrázek"}}
		for i := 0; i < k; i++ {
			c.Blocks = append(c.Blocks, &doc.Paragraph{Content: para(r, 1+r.Intn(3))})
		}
		p := &doc.Programme{UID: "p", Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
		d, err := layout.Chapter(p, c, tp)
		if err != nil {
			t.Fatal(err)
		}
		last, low, pic := 0, 0.0, 0.0
		for _, pg := range d.Pages {
			for _, b := range pg.Boxes {
				if tr, ok := b.(*layout.TextRun); ok && flowRoles[tr.Role] {
					if pg.Number > last {
						last, low = pg.Number, 0
					}
					low = max(low, tr.Y+tr.Descent)
				}
				if ib, ok := b.(*layout.ImageBox); ok && pg.Number == 1 {
					pic = ib.H
				}
			}
		}
		if last > 1 && low-g.top <= 2*lead+0.01 {
			t.Errorf("%d paragraphs: the last page (%d) holds %.1f pt of text, two lines or less", k, last, low-g.top)
		}
		natural := min((g.w-g.inner-g.outer)/tp.Chapter.Picture.Aspect, tp.Chapter.Picture.MaxHeight*72/25.4)
		if pic > 0 && pic < natural-0.5 {
			shrunk++
		}
	}
	t.Logf("%d of 30 chapter lengths took a lower picture", shrunk)
}

// TestClosingWebBlockInLastColumn checks that the programme's web block
// goes to the foot of the last column when that column has room, rather
// than alone on a new page: the 2022 sample newspaper is one page.
func TestClosingWebBlockInLastColumn(t *testing.T) {
	var p *doc.Programme
	for _, sp := range samplePrograms(t) {
		if sp.UID == "2022-komunalni" {
			p = sp
		}
	}
	if p == nil || p.URL == "" {
		t.Fatal("the sample programme 2022-komunalni with its web address is missing")
	}
	tp := builtin(t, "a4-newspaper")
	d, err := layout.Programme(p, tp)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Pages) != 1 {
		t.Fatalf("%d pages, want 1 (the web block at the foot of the last column)", len(d.Pages))
	}
	found := false
	for _, b := range d.Pages[0].Boxes {
		if l, ok := b.(*layout.LinkBox); ok && l.URL == p.URL {
			found = true
			if l.Rect.X < d.Pages[0].Width/2 {
				t.Errorf("the QR code starts at x = %.1f, not in the last of the three columns (page %.1f wide)", l.Rect.X, d.Pages[0].Width)
			}
		}
	}
	if !found {
		t.Error("no QR code linking the programme's address")
	}
}
