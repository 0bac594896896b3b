package layout

import (
	"fmt"
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"

	"leafpress/export/doc"
	"leafpress/templates"
)

// TestWordsShared checks that layouts share the patterns a template
// derives and the words hyphenated with them, that a template with its
// own exceptions gets its own, and that layouts running at once set the
// same lines as one alone.
func TestWordsShared(t *testing.T) {
	tp, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	own := *tp
	own.Text.Exceptions = append(slices.Clone(tp.Text.Exceptions), "nej-důležitější")
	a, b, c := csEngine(t, tp), csEngine(t, tp), csEngine(t, &own)
	if a.hyph == nil || a.hyph != b.hyph {
		t.Fatalf("two layouts with one template do not share their patterns: %p, %p", a.hyph, b.hyph)
	}
	if c.hyph == a.hyph {
		t.Fatal("a template with its own exceptions shares the patterns of one without")
	}
	for _, tc := range []struct {
		e    *engine
		want []int
	}{
		{a, a.hyph.Points("nejdůležitější")},
		{c, []int{3}},
	} {
		for range 2 { // from the patterns, then from the cache
			if got := tc.e.token("nejdůležitější", tc.e.hyph).points; !slices.Equal(got, tc.want) {
				t.Errorf("points %v, want %v", got, tc.want)
			}
		}
	}
	if got := a.token("nejdůležitější", a.hyph).points; slices.Equal(got, []int{3}) {
		t.Errorf("the template's exception leaked into another template's words: %v", got)
	}

	// The same paragraphs set at once in several layouts.
	r := rand.New(rand.NewSource(7))
	words := strings.Fields("Zastupitelstvo schválí nejdůležitější investice do veřejné dopravy, cyklostezek a bezbariérových přechodů v Lipové nad Sázavou.")
	var ps [][]doc.Inline
	for range 20 {
		var sb strings.Builder
		for k := range 60 {
			if k > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(words[r.Intn(len(words))])
		}
		ps = append(ps, []doc.Inline{&doc.Text{Text: sb.String()}})
	}
	set := func() []string {
		e := csEngine(t, tp)
		var out []string
		for _, p := range ps {
			out = append(out, fmt.Sprint(lineTexts(e.setText(p, e.body(), 150, 0))))
		}
		return out
	}
	want := set()
	got := make([][]string, 4)
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = set()
		}()
	}
	wg.Wait()
	for i, g := range got {
		if !slices.Equal(g, want) {
			t.Errorf("layout %d set other lines than one alone", i)
		}
	}
}

// TestSetStringKept checks that the lines of a text kept for the layout
// are the lines a fresh setting gives, whatever the caller did to the
// lines it got before (placing moves their runs).
func TestSetStringKept(t *testing.T) {
	e, _ := bodyEngine(t)
	fam := e.simpleFamily(e.t.Fonts.Heading, 11, 13, e.col.text, RoleFooter)
	const s = "Program pro Lipovou nad Sázavou · strana 3 · lipova.pirati.cz"
	fresh := func() string {
		f, _ := bodyEngine(t)
		return fmt.Sprint(runsOf(f.setString(s, fam, 120)))
	}()
	for i := range 4 {
		// A family made afresh each time, as footers make theirs.
		f := *fam
		ls := e.setString(s, &f, 120)
		if got := fmt.Sprint(runsOf(ls)); got != fresh {
			t.Fatalf("setting %d: %s, want %s", i, got, fresh)
		}
		for _, ln := range ls {
			ln.place(nil, &f, 50, 100)
		}
	}
	if len(e.plainSets) == 0 {
		t.Error("a text set four times was not kept")
	}
}

// runsOf lists the text and place of every run of ls.
func runsOf(ls []*line) []string {
	var out []string
	for _, ln := range ls {
		for _, r := range ln.runs {
			out = append(out, fmt.Sprintf("%q %.3f,%.3f w%.3f", r.Text, r.X, r.Y, r.Width))
		}
	}
	return out
}
