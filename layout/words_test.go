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
	mk := func(tp *templates.Template) *engine {
		e, err := newEngine(&doc.Programme{Language: "cs"}, tp)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	a, b, c := mk(tp), mk(tp), mk(&own)
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
		e := mk(tp)
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
