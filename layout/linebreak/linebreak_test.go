package linebreak

import (
	"errors"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// A test "font": every rune is 1 unit wide, a space is glue 1 wide that
// stretches by 1 and shrinks by 1/3, and "-" inside a word marks a
// hyphenation point: a flagged penalty 50 whose hyphen is 1 wide.
const (
	spaceW, spaceSt, spaceSh = 1.0, 1.0, 1.0 / 3
	hyphenPenalty            = 50
)

// paragraph turns text into items, ended by End.
func paragraph(text string) []Item {
	var items []Item
	for i, word := range strings.Fields(text) {
		if i > 0 {
			items = append(items, NewGlue(spaceW, spaceSt, spaceSh))
		}
		if word == `\\` { // a forced line break
			items = append(items[:len(items)-1], NewPenalty(0, Infinity, false), NewGlue(0, Fil, 0), NewPenalty(0, -Infinity, false))
			continue
		}
		for j, part := range strings.Split(word, "-") {
			if j > 0 {
				items = append(items, NewPenalty(1, hyphenPenalty, true))
			}
			items = append(items, NewBox(float64(len([]rune(part)))))
		}
	}
	return End(items)
}

func width(w float64) func(int) float64 { return func(int) float64 { return w } }

// lineWidth is the width of a line set with its ratio, as a renderer would
// set it: boxes, glue adjusted by the ratio, and the hyphen at a penalty.
func setWidth(items []Item, r Range, br Breakpoint) float64 {
	var w float64
	fil := false
	for _, it := range items[r.Start:r.End] {
		switch it.Kind {
		case Box:
			w += it.Width
		case Glue:
			if math.IsInf(it.Stretch, 1) {
				fil = true
				continue
			}
			w += it.Width
			if br.Ratio > 0 {
				w += br.Ratio * it.Stretch
			} else {
				w += br.Ratio * it.Shrink
			}
		}
	}
	if br.Pos < len(items) && items[br.Pos].Kind == Penalty {
		w += items[br.Pos].Width
	}
	if fil {
		return math.NaN() // fills the line by definition
	}
	return w
}

// naiveDemerits scores a breaking from scratch, following the formulas of
// Knuth and Plass, for comparing breakings; it shares no code with Break.
func naiveDemerits(items []Item, breaks []Breakpoint, lineW float64, opt Options) float64 {
	o := opt.withDefaults()
	total := 0.0
	prevFit := 1
	prevFlagged := false
	for i, r := range Lines(items, breaks) {
		var nat, st, sh float64
		fil := false
		for _, it := range items[r.Start:r.End] {
			if it.Kind == Penalty {
				continue
			}
			nat += it.Width
			if it.Kind == Glue {
				if math.IsInf(it.Stretch, 1) {
					fil = true
				} else {
					st += it.Stretch
				}
				sh += it.Shrink
			}
		}
		brk := items[breaks[i].Pos]
		if brk.Kind == Penalty {
			nat += brk.Width
		}
		ratio := 0.0
		switch {
		case nat == lineW || fil && nat < lineW:
		case nat < lineW:
			ratio = (lineW - nat) / st
		default:
			ratio = (lineW - nat) / sh
		}
		bad := 100 * math.Pow(math.Abs(ratio), 3)
		d := math.Pow(o.LinePenalty+bad, 2)
		if brk.Kind == Penalty && brk.Penalty > -Infinity {
			d += math.Copysign(brk.Penalty*brk.Penalty, brk.Penalty)
		}
		flagged := brk.Kind == Penalty && brk.Flagged
		if prevFlagged && flagged {
			d += o.FlaggedDemerits
		}
		if prevFlagged && i == len(breaks)-1 && !flagged {
			d += o.FinalFlaggedDemerits
		}
		fit := 3
		switch {
		case ratio < -0.5:
			fit = 0
		case ratio <= 0.5:
			fit = 1
		case ratio <= 1:
			fit = 2
		}
		if fit-prevFit > 1 || prevFit-fit > 1 {
			d += o.FitnessDemerits
		}
		total += d
		prevFit, prevFlagged = fit, flagged
	}
	return total
}

// bruteForce tries every breaking whose lines all have ratios within
// [-1, tol] and returns the least demerits, scored by naiveDemerits.
func bruteForce(items []Item, lineW, tol float64, opt Options) (float64, []Breakpoint) {
	best := math.Inf(1)
	var bestBreaks []Breakpoint
	var rec func(start int, breaks []Breakpoint)
	rec = func(start int, breaks []Breakpoint) {
		var nat, st, sh float64
		fil := false
		for b := start; b < len(items); b++ {
			it := items[b]
			legal := (it.Kind == Penalty && it.Penalty < Infinity) || (it.Kind == Glue && b > 0 && items[b-1].Kind == Box)
			if legal && b > start {
				w := nat
				if it.Kind == Penalty {
					w += it.Width
				}
				var ok bool
				switch {
				case w == lineW:
					ok = true
				case w < lineW:
					ok = fil || st > 0 && (lineW-w)/st <= tol
				default:
					ok = sh > 0 && (w-lineW)/sh <= 1
				}
				if ok {
					next := append(append([]Breakpoint(nil), breaks...), Breakpoint{Pos: b})
					if it.Kind == Penalty && it.Penalty <= -Infinity && b == len(items)-1 {
						if d := naiveDemerits(items, next, lineW, opt); d < best {
							best, bestBreaks = d, next
						}
					} else {
						s := b + 1
						for s < len(items) && items[s].Kind != Box && !(items[s].Kind == Penalty && items[s].Penalty <= -Infinity) {
							s++
						}
						rec(s, next)
					}
				}
				if it.Kind == Penalty && it.Penalty <= -Infinity {
					return
				}
			}
			if it.Kind != Penalty {
				nat += it.Width
			}
			if it.Kind == Glue {
				if math.IsInf(it.Stretch, 1) {
					fil = true
				} else {
					st += it.Stretch
				}
				sh += it.Shrink
			}
			if nat-sh > lineW {
				return
			}
		}
	}
	rec(0, nil)
	return best, bestBreaks
}

func positions(bs []Breakpoint) []int {
	var out []int
	for _, b := range bs {
		out = append(out, b.Pos)
	}
	return out
}

// render draws a breaking as text lines, for messages.
func render(text string, items []Item, bs []Breakpoint) string {
	_ = text
	var lines []string
	for i, r := range Lines(items, bs) {
		var b strings.Builder
		for _, it := range items[r.Start:r.End] {
			switch it.Kind {
			case Box:
				b.WriteString(strings.Repeat("x", int(it.Width)))
			case Glue:
				if !math.IsInf(it.Stretch, 1) {
					b.WriteString(" ")
				}
			}
		}
		if p := bs[i].Pos; p < len(items) && items[p].Kind == Penalty && items[p].Width > 0 {
			b.WriteString("-")
		}
		lines = append(lines, fmt.Sprintf("%-30s r=%.3f", b.String(), bs[i].Ratio))
	}
	return strings.Join(lines, "\n")
}

const sample = "In olden times when wishing still helped one, there lived a king whose daugh-ters were all beau-ti-ful, " +
	"but the young-est was so beau-ti-ful that the sun it-self, which has seen so much, was as-ton-ished when-ev-er it " +
	"shone in her face."

// TestOptimal checks that Break finds the least-demerits breaking, against
// an exhaustive search, for several column widths.
func TestOptimal(t *testing.T) {
	items := paragraph(sample)
	opt := DefaultOptions()
	compared := 0
	for _, w := range []float64{16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 33, 36, 40} {
		got, err := Break(items, width(w), opt)
		if err != nil {
			t.Fatal(err)
		}
		// The first pass succeeds at these widths when a solution with
		// ratios up to Tolerance exists; otherwise compare at the loose one.
		tol := opt.Tolerance
		want, wantBreaks := bruteForce(items, w, tol, opt)
		if math.IsInf(want, 1) {
			tol = opt.LooseTolerance
			want, wantBreaks = bruteForce(items, w, tol, opt)
		}
		if math.IsInf(want, 1) {
			t.Logf("width %v: the exhaustive search finds no breaking", w)
			continue
		}
		compared++
		if d := naiveDemerits(items, got, w, opt); math.Abs(d-want) > 1e-6*want {
			t.Errorf("width %v: demerits %v, exhaustive search finds %v\ngot:\n%s\nbest:\n%s",
				w, d, want, render(sample, items, got), render(sample, items, wantBreaks))
		}
		for _, b := range got {
			if b.Ratio < -1 || b.Ratio > tol || b.Overfull || b.Underfull {
				t.Errorf("width %v: line at %d has ratio %v (overfull %v, underfull %v), want within [-1, %v]",
					w, b.Pos, b.Ratio, b.Overfull, b.Underfull, tol)
			}
		}
	}
	if compared < 10 {
		t.Errorf("only %d widths compared", compared)
	}
}

// TestJustified checks what a reader sees: every line but the last, set
// with its ratio, is exactly as wide as the column.
func TestJustified(t *testing.T) {
	items := paragraph(sample)
	for _, w := range []float64{18, 25, 36} {
		bs, err := Break(items, width(w), Options{})
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range Lines(items, bs) {
			got := setWidth(items, r, bs[i])
			if i == len(bs)-1 {
				if !math.IsNaN(got) {
					t.Errorf("width %v: last line has no fill glue", w)
				}
				continue
			}
			if math.Abs(got-w) > 1e-9 {
				t.Errorf("width %v: line %d is %v wide\n%s", w, i, got, render(sample, items, bs))
			}
		}
	}
}

// TestBetterThanGreedy: first fit fills early lines and leaves a bad one
// later; total fit spreads the space.
func TestBetterThanGreedy(t *testing.T) {
	text := "aaaa bbb cc dddd eee ff gggg hh iiiiii j kkkkk"
	items := paragraph(text)
	const w = 12
	tf, err := Break(items, width(w), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ff, err := Greedy(items, width(w), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if reflect.DeepEqual(positions(tf), positions(ff)) {
		t.Fatalf("total fit and first fit agree:\n%s", render(text, items, tf))
	}
	dt, df := naiveDemerits(items, tf, w, Options{}), naiveDemerits(items, ff, w, Options{})
	if dt >= df {
		t.Errorf("total fit demerits %v not below first fit %v\ntotal fit:\n%s\nfirst fit:\n%s",
			dt, df, render(text, items, tf), render(text, items, ff))
	}
	worst := func(bs []Breakpoint) float64 {
		m := 0.0
		for _, b := range bs[:len(bs)-1] {
			m = max(m, math.Abs(b.Ratio))
		}
		return m
	}
	if worst(tf) >= worst(ff) {
		t.Errorf("total fit's worst line (ratio %v) is no better than first fit's (%v)", worst(tf), worst(ff))
	}
}

func TestForcedBreaks(t *testing.T) {
	items := paragraph(`one two \\ three four five \\ six`)
	for name, f := range map[string]func([]Item, func(int) float64, Options) ([]Breakpoint, error){"Break": Break, "Greedy": Greedy} {
		bs, err := f(items, width(40), Options{})
		if err != nil {
			t.Fatal(err)
		}
		var forced []int
		for i, it := range items {
			if isForced(it) {
				forced = append(forced, i)
			}
		}
		if got := positions(bs); !reflect.DeepEqual(got, forced) {
			t.Errorf("%s: breaks at %v, want exactly the forced ones %v", name, got, forced)
		}
		for _, b := range bs {
			if b.Underfull || b.Overfull || b.Ratio != 0 {
				t.Errorf("%s: line ending at %d: %+v, want a filled line", name, b.Pos, b)
			}
		}
	}
}

// TestOverfull: a word wider than the column is set on a line of its own,
// reported, and the rest of the paragraph is still broken well.
func TestOverfull(t *testing.T) {
	text := "a bb Donaudampfschifffahrtsgesellschaft cc ddd ee ff ggg"
	items := paragraph(text)
	for name, f := range map[string]func([]Item, func(int) float64, Options) ([]Breakpoint, error){"Break": Break, "Greedy": Greedy} {
		bs, err := f(items, width(10), Options{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(bs) == 0 || bs[len(bs)-1].Pos != len(items)-1 {
			t.Fatalf("%s: breaking does not reach the end: %v", name, positions(bs))
		}
		over := 0
		for i, r := range Lines(items, bs) {
			hasLong := false
			for _, it := range items[r.Start:r.End] {
				if it.Kind == Box && it.Width > 10 {
					hasLong = true
				}
			}
			if bs[i].Overfull {
				over++
				if !hasLong {
					t.Errorf("%s: line %d reported overfull without the long word", name, i)
				}
				if bs[i].Excess <= 0 || bs[i].Ratio != -1 {
					t.Errorf("%s: overfull line %d: %+v", name, i, bs[i])
				}
			}
		}
		if over != 1 {
			t.Errorf("%s: %d overfull lines, want 1:\n%s", name, over, render(text, items, bs))
		}
	}
	// Every box wider than the line: one word per line, all overfull.
	items = paragraph("aaaaa bbbbb ccccc")
	bs, err := Break(items, width(3), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 3 || !bs[0].Overfull || !bs[1].Overfull || !bs[2].Overfull {
		t.Errorf("three over-wide words: %+v", bs)
	}
}

// TestLooseTolerance: a paragraph that needs loose lines is set by the
// second pass; one that cannot be set within it reports an underfull line.
func TestTolerancePasses(t *testing.T) {
	items := paragraph("aaaaaa bbbbbb cccccc dddddd")
	// Width 9: each line holds one 6-letter word and cannot stretch
	// (one word, no glue): underfull lines, reported.
	bs, err := Break(items, width(9), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 4 {
		t.Fatalf("want one word per line, got %v", positions(bs))
	}
	for _, b := range bs[:3] {
		if !b.Underfull {
			t.Errorf("line ending at %d with nothing to stretch is not reported underfull: %+v", b.Pos, b)
		}
	}
	// Width 15: two words and a space stretched by 2 (ratio 2): only the
	// loose pass accepts it.
	bs, err = Break(items, width(15), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || math.Abs(bs[0].Ratio-2) > 1e-9 || bs[0].Underfull {
		t.Errorf("width 15: %+v, want two lines, the first at ratio 2", bs)
	}
	// Width 16 needs ratio 3. EmergencyStretch lets the final pass judge
	// the line acceptable, but the ratio reported is that of the line's
	// own glue, and the line is reported underfull.
	bs, err = Break(items, width(16), Options{EmergencyStretch: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || math.Abs(bs[0].Ratio-3) > 1e-9 || !bs[0].Underfull {
		t.Errorf("width 16 with emergency stretch: %+v, want ratio 3, underfull", bs)
	}
}

func TestFlaggedDemerits(t *testing.T) {
	// Lines that can end in a hyphen twice in a row or not at all at
	// nearly the same cost: the flagged demerits decide.
	text := "ab-cd ef-gh ij-kl mn-op qr-st uv-wx"
	items := paragraph(text)
	count := func(bs []Breakpoint) (hyphens, consecutive int) {
		prev := false
		for _, b := range bs {
			f := items[b.Pos].Kind == Penalty && items[b.Pos].Flagged
			if f {
				hyphens++
				if prev {
					consecutive++
				}
			}
			prev = f
		}
		return
	}
	cheap, _ := Break(items, width(9), Options{FlaggedDemerits: 1e-9, FinalFlaggedDemerits: 1e-9})
	dear, _ := Break(items, width(9), Options{FlaggedDemerits: 1e7})
	_, c1 := count(cheap)
	_, c2 := count(dear)
	if c2 > c1 || c2 != 0 {
		t.Errorf("consecutive hyphens: %d with cheap flagged demerits, %d with dear ones; want none when dear\ncheap:\n%s\ndear:\n%s",
			c1, c2, render(text, items, cheap), render(text, items, dear))
	}
}

func TestVariableWidth(t *testing.T) {
	items := paragraph(sample)
	// Two short lines beside a picture, then the full column.
	lw := func(line int) float64 {
		if line < 2 {
			return 16
		}
		return 32
	}
	bs, err := Break(items, lw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range Lines(items, bs[:len(bs)-1]) {
		if got := setWidth(items, r, bs[i]); math.Abs(got-lw(i)) > 1e-9 {
			t.Errorf("line %d is %v wide, want %v", i, got, lw(i))
		}
	}
}

func TestLooseness(t *testing.T) {
	items := paragraph(sample)
	base, _ := Break(items, width(30), Options{})
	looser, _ := Break(items, width(30), Options{Looseness: 1})
	tighter, _ := Break(items, width(30), Options{Looseness: -1})
	if len(looser) != len(base)+1 {
		t.Errorf("looseness 1: %d lines, want %d", len(looser), len(base)+1)
	}
	if len(tighter) > len(base) {
		t.Errorf("looseness -1: %d lines, more than %d", len(tighter), len(base))
	}
}

func TestEmptyAndOdd(t *testing.T) {
	for name, f := range map[string]func([]Item, func(int) float64, Options) ([]Breakpoint, error){"Break": Break, "Greedy": Greedy} {
		if bs, err := f(nil, width(10), Options{}); bs != nil || err != nil {
			t.Errorf("%s(nil) = %v, %v", name, bs, err)
		}
		// No final forced break: one is assumed after the items.
		items := []Item{NewBox(3), NewGlue(1, 1, 0.3), NewBox(3)}
		bs, err := f(items, width(7), Options{})
		if err != nil || len(bs) != 1 || bs[0].Pos != len(items) {
			t.Errorf("%s without an ending: %+v, %v", name, bs, err)
		}
		// Only a forced break: one empty line.
		bs, err = f(End(nil), width(7), Options{})
		if err != nil || len(bs) != 1 {
			t.Errorf("%s of an empty paragraph: %+v, %v", name, bs, err)
		}
		for _, bad := range []Item{
			{Kind: Box, Width: math.NaN()},
			{Kind: Glue, Width: 1, Shrink: math.Inf(1)},
			{Kind: Glue, Width: 1, Shrink: -1},
			{Kind: Kind(7)},
		} {
			if _, err := f([]Item{NewBox(1), bad}, width(7), Options{}); !errors.Is(err, ErrBadItem) {
				t.Errorf("%s with %+v: error %v, want ErrBadItem", name, bad, err)
			}
		}
	}
}

func TestLines(t *testing.T) {
	items := paragraph("ab cd-ef gh")
	// Items: 0 ab, 1 glue, 2 cd, 3 hyphen, 4 ef, 5 glue, 6 gh, 7 pen, 8 fil, 9 forced.
	got := Lines(items, []Breakpoint{{Pos: 3}, {Pos: 5}, {Pos: 9}})
	want := []Range{{0, 3}, {4, 5}, {6, 9}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Lines = %v, want %v", got, want)
	}
}

// TestRandomAgainstBruteForce compares Break with the exhaustive search on
// many small random paragraphs.
func TestRandomAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	opt := DefaultOptions()
	compared := 0
	defer func() {
		if compared < 100 {
			t.Errorf("only %d of 200 random paragraphs compared", compared)
		}
	}()
	for n := 0; n < 200; n++ {
		var words []string
		for range 6 + rng.Intn(10) {
			l := 1 + rng.Intn(7)
			w := strings.Repeat("x", l)
			if l > 4 && rng.Intn(2) == 0 {
				w = w[:2] + "-" + w[2:]
			}
			words = append(words, w)
		}
		text := strings.Join(words, " ")
		items := paragraph(text)
		w := float64(10 + rng.Intn(15))
		want, _ := bruteForce(items, w, opt.Tolerance, opt)
		if math.IsInf(want, 1) {
			want, _ = bruteForce(items, w, opt.LooseTolerance, opt)
		}
		if math.IsInf(want, 1) {
			continue // only the final pass can set it
		}
		compared++
		got, err := Break(items, width(w), opt)
		if err != nil {
			t.Fatal(err)
		}
		if d := naiveDemerits(items, got, w, opt); math.Abs(d-want) > 1e-6*want {
			t.Fatalf("%q at width %v: demerits %v, exhaustive search %v\n%s", text, w, d, want, render(text, items, got))
		}
	}
}

// benchItems makes a paragraph like Czech text set in 9 pt Roboto: letters
// 4.5 pt wide, word spaces of 2.25 pt that stretch by half and shrink by a
// third (TeX's proportions), words of 1 to 14 letters hyphenated every 2 to
// 4 letters, keeping 2 letters before and 3 after a break.
func benchItems(words int) []Item {
	rng := rand.New(rand.NewSource(2))
	var items []Item
	for i := 0; i < words; i++ {
		if i > 0 {
			items = append(items, NewGlue(2.25, 1.125, 0.75))
		}
		letters := 1 + rng.Intn(10) + rng.Intn(5)
		left := 0
		for letters-left > 4 {
			part := 2 + rng.Intn(3)
			if letters-left-part < 3 {
				break
			}
			items = append(items, NewBox(float64(part)*4.5), NewPenalty(3, hyphenPenalty, true))
			left += part
		}
		items = append(items, NewBox(float64(letters-left)*4.5))
	}
	return End(items)
}

// BenchmarkBreak2000 breaks a 2000-word paragraph into a 160 pt column
// (about 35 letters a line, a newspaper column).
func BenchmarkBreak2000(b *testing.B) {
	items := benchItems(2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Break(items, width(160), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBreak2000Wide breaks it into a 300 pt column, where the
// first or second pass succeeds.
func BenchmarkBreak2000Wide(b *testing.B) {
	items := benchItems(2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Break(items, width(300), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGreedy2000(b *testing.B) {
	items := benchItems(2000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Greedy(items, width(160), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func Example() {
	// Words as boxes 1 unit per letter, spaces as glue, in a 10-unit column.
	var items []Item
	for i, w := range strings.Fields("the quick brown fox jumps over the lazy dog") {
		if i > 0 {
			items = append(items, NewGlue(1, 1, 0.3))
		}
		items = append(items, NewBox(float64(len(w))))
	}
	items = End(items)
	breaks, err := Break(items, func(int) float64 { return 10 }, Options{})
	if err != nil {
		panic(err)
	}
	for i, r := range Lines(items, breaks) {
		fmt.Printf("line %d: items %d-%d, ratio %.2f\n", i, r.Start, r.End, breaks[i].Ratio)
	}
	// Output:
	// line 0: items 0-3, ratio 1.00
	// line 1: items 4-7, ratio 1.00
	// line 2: items 8-11, ratio 0.00
	// line 3: items 12-15, ratio 2.00
	// line 4: items 16-19, ratio 0.00
}

// TestLongParagraph sets the benchmark's 2000-word paragraph in a narrow
// column: every line is justified or reported, nothing sticks out.
func TestLongParagraph(t *testing.T) {
	items := benchItems(2000)
	const w = 160
	bs, err := Break(items, width(w), Options{})
	if err != nil {
		t.Fatal(err)
	}
	under := 0
	tol := DefaultOptions().LooseTolerance
	for i, r := range Lines(items, bs) {
		b := bs[i]
		if b.Overfull {
			t.Errorf("line %d overfull, though no word is wider than the column", i)
		}
		if b.Underfull {
			under++
		}
		if b.Ratio < -1 || b.Underfull != (b.Ratio > tol) {
			t.Errorf("line %d: ratio %v, underfull %v", i, b.Ratio, b.Underfull)
		}
		if i < len(bs)-1 {
			if got := setWidth(items, r, b); math.Abs(got-w) > 1e-6 {
				t.Errorf("line %d is %v wide, want %v", i, got, w)
			}
		}
	}
	// Compared with first fit: the loosest line is less loose, and the
	// sum of cubed ratios (the badness) is smaller.
	g, _ := Greedy(items, width(w), Options{})
	spread := func(bs []Breakpoint) (worst, sum float64) {
		for _, b := range bs[:len(bs)-1] {
			worst = max(worst, b.Ratio)
			sum += math.Abs(b.Ratio * b.Ratio * b.Ratio)
		}
		return
	}
	tw, ts := spread(bs)
	gw, gs := spread(g)
	t.Logf("%d lines, %d underfull, loosest ratio %.2f, sum of cubes %.0f; first fit: %d lines, loosest %.2f, sum %.0f",
		len(bs), under, tw, ts, len(g), gw, gs)
	if tw >= gw || ts >= gs {
		t.Errorf("total fit no better than first fit")
	}
}

func TestMaxHyphens(t *testing.T) {
	// Long hyphenable words in a narrow measure: without a limit some
	// widths give ladders of three or more hyphens.
	r := rand.New(rand.NewSource(9))
	longest := func(items []Item, bs []Breakpoint) int {
		run, most := 0, 0
		for _, b := range bs {
			if b.Pos < len(items) && items[b.Pos].Kind == Penalty && items[b.Pos].Flagged {
				run++
				most = max(most, run)
			} else {
				run = 0
			}
		}
		return most
	}
	ladders := 0
	for k := 0; k < 200; k++ {
		var words []string
		for range 30 + r.Intn(30) {
			var parts []string
			for range 2 + r.Intn(2) { // at most 12 letters: every word fits a line
				parts = append(parts, strings.Repeat("x", 2+r.Intn(3)))
			}
			words = append(words, strings.Join(parts, "-"))
		}
		text := strings.Join(words, " ")
		items := paragraph(text)
		w := float64(14 + r.Intn(10))
		free, err := Break(items, width(w), Options{FlaggedDemerits: 1e-9, FinalFlaggedDemerits: 1e-9})
		if err != nil {
			t.Fatal(err)
		}
		if longest(items, free) >= 3 {
			ladders++
		}
		for _, max := range []int{1, 2} {
			bs, err := Break(items, width(w), Options{FlaggedDemerits: 1e-9, FinalFlaggedDemerits: 1e-9, MaxHyphens: max})
			if err != nil {
				t.Fatal(err)
			}
			if got := longest(items, bs); got > max {
				t.Fatalf("width %v, MaxHyphens %d: %d hyphenated lines in a row:\n%s", w, max, got, render(text, items, bs))
			}
			if len(Lines(items, bs)) != len(bs) {
				t.Fatal("lines and breaks differ")
			}
		}
	}
	if ladders == 0 {
		t.Error("no paragraph had a ladder without the limit: the test proves nothing")
	}
	// A word that can only be broken at its hyphens still gets broken,
	// over the limit, rather than not at all.
	items := paragraph("ab-cd-ef-gh-ij-kl-mn-op")
	bs, err := Break(items, width(3), Options{MaxHyphens: 2})
	if err != nil || len(bs) < 4 {
		t.Errorf("a word of hyphen breaks only: %v, %v", bs, err)
	}
}

func TestPostWidth(t *testing.T) {
	// "ab cd-ef gh": breaking after "cd-" puts a 1 wide hyphen before
	// "ef" on the next line, which must be counted there.
	items := []Item{NewBox(2), NewGlue(1, 1, 0), NewBox(3), {Kind: Penalty, Penalty: 0, Flagged: true, Post: 1},
		NewBox(2), NewGlue(1, 1, 0), NewBox(2)}
	items = End(items)
	bs, err := Break(items, width(6), Options{})
	if err != nil || len(bs) != 2 || bs[0].Pos != 3 {
		t.Fatalf("breaks %v, %v; want a break at the explicit hyphen", bs, err)
	}
	// The second line is "-ef gh": 1 + 2 + 1 + 2 = 6 wide, exactly full,
	// but it is the last line: check the measure through a narrower
	// width where "-ef gh" no longer fits and "ef gh" would.
	bs, err = Break(items, width(5.5), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range bs {
		if b.Overfull {
			t.Errorf("an overfull line at width 5.5: %v", bs)
		}
	}
	if bs[0].Pos == 3 && len(bs) == 2 {
		t.Errorf("the second line \"-ef gh\" (6 wide) was taken for 5.5: the post-break hyphen was not counted: %v", bs)
	}
}

func TestBoxStretch(t *testing.T) {
	// "aaaa bbbb cc": at width 10 the first line "aaaa bbbb" (9 wide, one
	// space that may stretch by 0.1) is too loose for the tolerance
	// unless its boxes may stretch too (glyph expansion).
	plain := End([]Item{NewBox(4), NewGlue(1, 0.1, 0.1), NewBox(4), NewGlue(1, 0.1, 0.1), NewBox(2)})
	bs, err := Break(plain, width(10), Options{Tolerance: 1, LooseTolerance: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) == 0 || !bs[0].Underfull {
		t.Fatalf("without box stretch the first line should be underfull: %+v", bs)
	}
	stretchy := End([]Item{{Kind: Box, Width: 4, Stretch: 0.5, Shrink: 0.5}, NewGlue(1, 0.1, 0.1),
		{Kind: Box, Width: 4, Stretch: 0.5, Shrink: 0.5}, NewGlue(1, 0.1, 0.1), NewBox(2)})
	bs, err = Break(stretchy, width(10), Options{Tolerance: 1, LooseTolerance: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Pos != 3 || bs[0].Underfull || math.Abs(bs[0].Ratio-1/1.1) > 1e-9 {
		t.Errorf("with box stretch the first line \"aaaa bbbb\" should be set at ratio %.3f: %+v", 1/1.1, bs)
	}
	bad := []Item{{Kind: Box, Width: 1, Stretch: Fil}}
	if _, err := Break(bad, width(10), Options{}); err == nil {
		t.Error("a box of infinite stretch was accepted")
	}
}
