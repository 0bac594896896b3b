package structure_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unicode"

	"leafpress/export/doc"
	"leafpress/export/source"
	"leafpress/export/structure"
	"leafpress/export/typography"
	"leafpress/layout"
	"leafpress/samples"
	"leafpress/templates"
)

var (
	once    sync.Once
	progs   []*doc.Programme
	laidOut []*layout.Document
	layErr  error
)

// sampleDocs lays out every sample programme with the a5-booklet
// template, once for all tests.
func sampleDocs(t *testing.T) ([]*doc.Programme, []*layout.Document) {
	t.Helper()
	once.Do(func() {
		ps, _ := source.Load(source.Options{FS: samples.FS, Sources: []string{"."}})
		tp, err := templates.Builtin("a5-booklet")
		if err != nil {
			layErr = err
			return
		}
		for _, p := range ps {
			typography.Programme(p)
			d, err := layout.Programme(p, tp)
			if err != nil {
				layErr = err
				return
			}
			progs, laidOut = append(progs, p), append(laidOut, d)
		}
	})
	if layErr != nil {
		t.Fatal(layErr)
	}
	if len(laidOut) == 0 {
		t.Fatal("the sample site gives no programmes")
	}
	return progs, laidOut
}

func TestSamples(t *testing.T) {
	ps, ds := sampleDocs(t)
	for i, d := range ds {
		p := ps[i]
		t.Run(p.UID, func(t *testing.T) {
			tr := structure.Build(d)
			if probs := tr.Check(); len(probs) > 0 {
				t.Errorf("the tree fails its checks:\n%s", strings.Join(probs, "\n"))
			}
			counts := map[string]int{}
			structure.Walk(tr.Root, func(e *structure.Element) bool {
				counts[e.Type]++
				if e.Type == layout.StructFigure && e.Alt == "" {
					t.Errorf("a Figure without alternative text")
				}
				return true
			})
			if counts[layout.StructH1] != len(p.Chapters) || counts[layout.StructSect] < len(p.Chapters) {
				t.Errorf("%d H1 and %d Sect for %d chapters", counts[layout.StructH1], counts[layout.StructSect], len(p.Chapters))
			}
			for _, typ := range []string{layout.StructP, layout.StructFigure} {
				if counts[typ] == 0 {
					t.Errorf("no %s element in %v", typ, counts)
				}
			}
			checkSpans(t, d, tr)
		})
	}
}

// checkSpans checks that the spans of every page cover its boxes
// exactly, that MCIDs count from 0, and that every box with a node is in
// a span of its element.
func checkSpans(t *testing.T, d *layout.Document, tr *structure.Tree) {
	t.Helper()
	for pi, p := range d.Pages {
		pg := tr.Pages[pi]
		next, mcid := 0, 0
		for _, s := range pg.Spans {
			if s.Start != next || s.End <= s.Start {
				t.Fatalf("page %d: span [%d,%d) after %d: spans must cover the boxes in order", pi+1, s.Start, s.End, next)
			}
			next = s.End
			if s.Artifact() {
				if s.MCID != -1 {
					t.Errorf("page %d: an artifact with MCID %d", pi+1, s.MCID)
				}
				continue
			}
			if s.MCID != mcid || pg.Owners[s.MCID] != s.Elem {
				t.Errorf("page %d: MCID %d, want %d, owned by its element", pi+1, s.MCID, mcid)
			}
			mcid++
			for _, b := range p.Boxes[s.Start:s.End] {
				if n := layout.NodeOf(b); n != nil && n != s.Elem.Node {
					if _, link := b.(*layout.LinkBox); !link {
						t.Errorf("page %d: a %T of %s is in a span of %s", pi+1, b, n.Role, s.Elem.Type)
					}
				}
			}
		}
		if next != len(p.Boxes) {
			t.Errorf("page %d: spans end at %d of %d boxes", pi+1, next, len(p.Boxes))
		}
		for _, l := range pg.Links {
			if tr.LinkOf(l.Box) == nil || l.Elem.Type != layout.StructLink || l.StructParent < len(d.Pages) {
				t.Errorf("page %d: link area to %q: element %s, parent tree key %d", pi+1, l.Box.URL, l.Elem.Type, l.StructParent)
			}
		}
	}
}

// words splits text into lower-case words of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// chapterWords returns the words of a chapter in the order of the tree.
func chapterWords(c *doc.Chapter) []string {
	out := words(c.Title)
	out = append(out, words(doc.PlainText(c.Intro))...)
	doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Section:
			out = append(out, words(b.Title)...)
		case *doc.ImageBlock:
			out = append(out, words(b.Alt)...)
		}
		for _, ins := range doc.BlockInlines(b) {
			out = append(out, words(doc.PlainText(ins))...)
		}
		return true
	})
	if c.Garant != nil {
		out = append(out, words(c.Garant.FullName())...)
	}
	return out
}

// inOrder returns how many of want appear in got in the same order (the
// longest common subsequence).
func inOrder(want, got []string) int {
	prev := make([]int, len(got)+1)
	cur := make([]int, len(got)+1)
	for i := range want {
		for j := range got {
			switch {
			case want[i] == got[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(got)]
}

// TestReadingOrder reads each chapter's Sect as a screen reader would and
// compares its words with the document tree's.
func TestReadingOrder(t *testing.T) {
	ps, ds := sampleDocs(t)
	for i, d := range ds {
		tr := structure.Build(d)
		sects := map[*doc.Chapter]*structure.Element{}
		structure.Walk(tr.Root, func(e *structure.Element) bool {
			if e.Type == layout.StructSect && e.Node.Chapter != nil {
				sects[e.Node.Chapter] = e
			}
			return true
		})
		for _, c := range ps[i].Chapters {
			s := sects[c]
			if s == nil {
				t.Errorf("%s: no Sect", c.UID)
				continue
			}
			want, got := chapterWords(c), words(tr.Text(s))
			n := inOrder(want, got)
			if share := float64(n) / float64(len(want)); share < 0.99 {
				t.Errorf("%s: %d of %d words (%.1f %%) in the tree's order", c.UID, n, len(want), 100*share)
			}
		}
	}
}

// TestContinuedParagraph sets one long paragraph in two columns so that
// it continues in the next column and on the next page, and checks that
// it is one P whose content follows the columns.
func TestContinuedParagraph(t *testing.T) {
	tp, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	for i := range 900 {
		fmt.Fprintf(&sb, "slovo%d ", i)
	}
	c := &doc.Chapter{UID: "dlouha", Title: "Dlouhá kapitola", Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Krátký úvodní odstavec."}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: sb.String()}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Závěrečný odstavec."}}},
	}}
	p := &doc.Programme{UID: "p", Title: "Program", Language: "cs", Chapters: []*doc.Chapter{c}}
	d, err := layout.Chapter(p, c, tp)
	if err != nil {
		t.Fatal(err)
	}
	tr := structure.Build(d)
	var ps []*structure.Element
	structure.Walk(tr.Root, func(e *structure.Element) bool {
		if e.Type == layout.StructP && e.Parent.Type == layout.StructSect {
			ps = append(ps, e)
		}
		return true
	})
	if len(ps) != 3 {
		t.Fatalf("%d P elements in the chapter, want 3", len(ps))
	}
	long := ps[1]
	type where struct {
		page int
		x    float64
	}
	var places []where
	for _, k := range long.Kids {
		if k.MCID < 0 {
			t.Fatalf("the paragraph has a kid that is not its text: %+v", k)
		}
		for _, s := range tr.Pages[k.Page].Spans {
			if s.MCID == k.MCID && s.Elem == long {
				places = append(places, where{k.Page, d.Pages[k.Page].Boxes[s.Start].Bounds().X})
			}
		}
	}
	columns := map[where]bool{}
	for _, w := range places {
		columns[where{w.page, float64(int(w.x / 100))}] = true // coarse: the column
	}
	if len(columns) < 3 {
		t.Fatalf("the long paragraph lies in %d columns; the test wants it to continue over at least 3", len(columns))
	}
	got := words(tr.Text(long))
	for i, w := range got {
		if w != fmt.Sprintf("slovo%d", i) {
			t.Fatalf("word %d of the paragraph is %q: the columns are read out of order", i, w)
		}
	}
	if len(got) != 900 {
		t.Errorf("the paragraph reads %d words, want 900", len(got))
	}
}
