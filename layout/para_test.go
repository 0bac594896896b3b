package layout

import (
	"cmp"
	"math"
	"math/rand"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/templates"
)

// bodyEngine returns an engine for the a5-booklet template and its body
// family, for setting single paragraphs.
func bodyEngine(t *testing.T) (*engine, *family) {
	t.Helper()
	tp, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	e := csEngine(t, tp)
	return e, e.body()
}

// csEngine returns an engine for a Czech programme laid out with tp.
func csEngine(t testing.TB, tp *templates.Template) *engine {
	t.Helper()
	e, err := newEngine(&doc.Programme{Language: "cs"}, tp)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// lineTexts returns the text of each set line, runs joined with a space
// where they do not touch.
func lineTexts(ls []*line) []string {
	var out []string
	for _, l := range ls {
		var sb strings.Builder
		var end float64
		for i, r := range l.runs {
			if i > 0 && r.X-end > 0.01 {
				sb.WriteByte(' ')
			}
			sb.WriteString(r.Text)
			end = r.X + r.Width
		}
		out = append(out, sb.String())
	}
	return out
}

// lineEnds returns the last word of every line but the last.
func lineEnds(ls []*line) []string {
	var out []string
	for _, s := range lineTexts(ls) {
		f := strings.Fields(s)
		if len(f) > 0 {
			out = append(out, f[len(f)-1])
		}
	}
	if len(out) > 0 {
		out = out[:len(out)-1]
	}
	return out
}

func TestSpanLanguageSwitchesPatterns(t *testing.T) {
	e, fam := bodyEngine(t)
	// Narrow enough that the long English word must be broken somewhere.
	en := &doc.Span{Lang: "en", Content: []doc.Inline{&doc.Text{Text: "carpooling"}}}
	ins := []doc.Inline{&doc.Text{Text: "Podpoříme "}, en, &doc.Text{Text: " a sdílení."}}
	for _, w := range []float64{40, 45, 50} {
		ls := e.setText(ins, fam, w, 0)
		for _, s := range lineEnds(ls) {
			if s == "carpoo-" {
				t.Errorf("width %v: carpooling broken by Czech patterns: %q", w, lineTexts(ls))
			}
		}
	}
	// The English patterns do break it, at car-pool-ing.
	var seen bool
	for _, w := range []float64{30, 35, 40, 45, 50, 55} {
		for _, s := range lineEnds(e.setText(ins, fam, w, 0)) {
			if s == "car-" || s == "carpool-" {
				seen = true
			}
		}
	}
	if !seen {
		t.Error("carpooling in an English span was never broken at an English point (car-pool-ing)")
	}
	// A language with no patterns is not hyphenated at all.
	de := []doc.Inline{&doc.Span{Lang: "de", Content: []doc.Inline{&doc.Text{Text: "Straßenbahnhaltestelle"}}}, &doc.Text{Text: " je zastávka."}}
	for _, s := range lineEnds(e.setText(de, fam, 100, 0)) {
		if strings.HasPrefix(s, "Straß") {
			t.Errorf("a German word was hyphenated: %q", s)
		}
	}
}

// setLines sets a generated Czech paragraph at several widths and returns
// every breaking.
func setLines(t *testing.T, e *engine, fam *family, seed int64) [][]*line {
	t.Helper()
	r := rand.New(rand.NewSource(seed))
	var out [][]*line
	for k := 0; k < 40; k++ {
		var sb strings.Builder
		for i := range 60 + r.Intn(60) {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(paraWords[r.Intn(len(paraWords))])
		}
		w := 120 + float64(r.Intn(60))
		out = append(out, e.setText([]doc.Inline{&doc.Text{Text: sb.String()}}, fam, w, 0))
	}
	return out
}

// paraWords are long Czech words, the kind that make ladders.
var paraWords = strings.Fields(`mezioborového prostřednictvím koordinovaný nepřetržitou
kriminálnímu obyvatelům bezpečnosti zastupitelstvo příspěvkových organizací
nejdůležitější odpovědnost rekonstrukce infrastruktury dopravní obslužnosti
zaměstnanců spolupracovat a v k s o z u městské části veřejného prostoru`)

func TestNoThreeHyphensInARow(t *testing.T) {
	e, fam := bodyEngine(t)
	hyphens := 0
	for _, ls := range setLines(t, e, fam, 1) {
		run := 0
		for _, l := range ls {
			if l.flagged {
				hyphens++
				run++
				if run > 2 {
					t.Fatalf("three hyphenated lines in a row:\n%s", strings.Join(lineTexts(ls), "\n"))
				}
			} else {
				run = 0
			}
		}
	}
	if hyphens < 100 {
		t.Errorf("only %d hyphenated lines: the text is too easy to show anything", hyphens)
	}
}

func TestSpacesStayWithinLimits(t *testing.T) {
	e, fam := bodyEngine(t)
	space := fam.regular.Advance(" ", fam.size)
	// pdftotext (poppler) reads a gap under 0.15 em as no space at all.
	if min := space * (1 - spaceShrink) / fam.size; min < 0.155 {
		t.Errorf("a fully shrunk space is %.3f em: readers would join the words", min)
	}
	for _, ls := range setLines(t, e, fam, 2) {
		for _, l := range ls[:len(ls)-1] {
			for i := 1; i < len(l.runs); i++ {
				gap := l.runs[i].X - (l.runs[i-1].X + l.runs[i-1].Width)
				if gap > 0.01 && gap < space*(1-spaceShrink)-0.01 {
					t.Errorf("a word space of %.2f pt is narrower than the space shrunk fully (%.2f pt): %q", gap, space*(1-spaceShrink), lineTexts([]*line{l}))
				}
			}
		}
	}
}

func TestNoColumnEndsWithABrokenWord(t *testing.T) {
	e, fam := bodyEngine(t)
	for _, ls := range setLines(t, e, fam, 3) {
		items := e.lineItems(ls, fam, 0)
		for i := 1; i < len(items); i++ {
			if ls[i-1].flagged && !items[i].keep {
				t.Fatalf("a column may break after %q", lineTexts(ls[i-1:i]))
			}
		}
	}
}

func TestURLLinesEndWithoutAHyphen(t *testing.T) {
	e, fam := bodyEngine(t)
	url := "https://www.lipova-nad-sazavou.cz/mestsky-urad/uredni-deska/dotace/prispevek-na-akumulaci-srazkove-vody-a-jeji-vyuziti-v-domacnosti/podminky-a-postup-zadosti-2026"
	ins := []doc.Inline{&doc.Text{Text: "Podrobnosti: "}, &doc.Link{URL: url, Content: []doc.Inline{&doc.Text{Text: url}}}}
	for _, w := range []float64{100, 130, 160} {
		ls := e.setText(ins, fam, w, 0)
		var joined string
		for i, s := range lineTexts(ls) {
			if i < len(ls)-1 && strings.HasSuffix(s, "-") {
				t.Errorf("width %v: a line of the address ends in a hyphen: %q", w, s)
			}
			f := strings.Fields(s)
			joined += f[len(f)-1]
		}
		if !strings.HasSuffix(joined, url) {
			t.Errorf("width %v: the address does not read back: %q", w, joined)
		}
	}
}

func TestTiesSurviveOnCards(t *testing.T) {
	if got := collapse("  Sázava,\n lesy a\u00a0 čistý  vzduch "); got != "Sázava, lesy a\u00a0čistý vzduch" {
		t.Errorf("collapse = %q", got)
	}
}

func TestExplicitHyphenRepeats(t *testing.T) {
	e, fam := bodyEngine(t)
	text := "Postavíme stoly na ping-pong a opravíme česko-slovenské hřiště i severo-jižní cyklostezku."
	seen := 0
	for w := 60.0; w <= 200; w += 2 {
		ls := e.setText([]doc.Inline{&doc.Text{Text: text}}, fam, w, 0)
		texts := lineTexts(ls)
		for i, s := range texts[:len(texts)-1] {
			f := strings.Fields(s)
			last := f[len(f)-1]
			for _, word := range []string{"ping-pong", "česko-slovenské", "severo-jižní"} {
				head, tail, _ := strings.Cut(word, "-")
				if strings.HasPrefix(word, strings.TrimSuffix(last, "-")) && strings.HasSuffix(last, "-") && len(last) > 1 {
					if last != head+"-" {
						t.Errorf("width %v: %q broken as %q, not at its own hyphen", w, word, last)
					}
					next := strings.Fields(texts[i+1])[0]
					if !strings.HasPrefix(next, "-"+tail[:2]) {
						t.Errorf("width %v: the line after %q starts %q, want the hyphen repeated", w, last, next)
					}
					seen++
				}
			}
		}
		for _, l := range ls {
			if l.used > w+0.5 {
				t.Errorf("width %v: a line is %.1f wide: %q", w, l.used, lineTexts([]*line{l}))
			}
		}
		// Tagged as a chapter's paragraphs are: every run, the repeated
		// hyphen too, belongs to the paragraph.
		p := e.node(StructP, nil)
		e.tagLines(ls, p)
		for _, l := range ls {
			for _, r := range l.runs {
				if r.Node != p {
					t.Errorf("width %v: run %q tagged %v, want the paragraph", w, r.Text, r.Node)
				}
			}
		}
	}
	if seen == 0 {
		t.Fatal("no width broke a word at its hyphen: the test proves nothing")
	}
	// English does not repeat it.
	en := []doc.Inline{&doc.Span{Lang: "en", Content: []doc.Inline{&doc.Text{Text: "a well-known long-term follow-up"}}}}
	for w := 40.0; w <= 100; w += 4 {
		for _, s := range lineTexts(e.setText(en, fam, w, 0)) {
			if strings.HasPrefix(s, "-") {
				t.Errorf("width %v: English line starts with a repeated hyphen: %q", w, s)
			}
		}
	}
}

func TestNamesAreNotBroken(t *testing.T) {
	e, fam := bodyEngine(t)
	text := "Hlasujte pro kandidáty, kteří v Evropě i v Praze pomohou Pirátům rozvíjet aktivitu spolků a Lipové nad Sázavou. Pirátům věříme."
	bad := []string{"Pi-", "Pirá-", "Ev-", "Evr-", "Pra-", "ak-", "Li-", "Lipo-", "Sá-", "Sáza-"}
	hyphens := 0
	for w := 50.0; w <= 160; w++ {
		for _, s := range lineEnds(e.setText([]doc.Inline{&doc.Text{Text: text}}, fam, w, 0)) {
			if strings.HasSuffix(s, "-") {
				hyphens++
			}
			for _, b := range bad {
				if s == b {
					t.Errorf("width %v: a line ends %q", w, s)
				}
			}
		}
	}
	if hyphens == 0 {
		t.Error("nothing was hyphenated: the test proves nothing")
	}
	// A template's own exception.
	tp, _ := templates.Builtin("a5-booklet")
	tp.Text.Exceptions = []string{"kandi-dá-ty", "spolků"}
	e2 := csEngine(t, tp)
	for w := 50.0; w <= 160; w++ {
		for _, s := range lineEnds(e2.setText([]doc.Inline{&doc.Text{Text: text}}, e2.body(), w, 0)) {
			if s == "kan-" || s == "spol-" {
				t.Errorf("width %v: the template's exception was not used: %q", w, s)
			}
		}
	}
}

func TestLeadBoldsItsFirstSentence(t *testing.T) {
	e, _ := bodyEngine(t)
	if e.t.Text.LeadBold != "first_sentence" {
		t.Fatalf("a5-booklet sets lead_bold %q, want first_sentence", e.t.Text.LeadBold)
	}
	lead := []doc.Inline{&doc.Text{Text: "Zklidníme náměstí i\u00a0průtah městem. Hlavní silnice vede přímo přes "}, &doc.Emphasis{Content: []doc.Inline{&doc.Text{Text: "Masarykovo"}}}, &doc.Text{Text: " náměstí."}}
	ls := e.setText(boldFirstSentence(lead), e.leadLight(), 160, 0)
	bold, regular := 0, 0
	for _, l := range ls {
		for _, r := range l.runs {
			switch {
			case strings.Contains("Zklidníme náměstí i\u00a0průtah městem.", r.Text) && r.Face != e.t.Fonts.Lead:
				t.Errorf("%q of the first sentence in %s, want %s", r.Text, r.Face, e.t.Fonts.Lead)
			case r.Text == "Hlavní" || r.Text == "silnice":
				if r.Face != e.t.Fonts.Body {
					t.Errorf("%q of the second sentence in %s, want %s", r.Text, r.Face, e.t.Fonts.Body)
				}
				regular++
			case r.Text == "Zklidníme":
				bold++
			}
		}
	}
	if bold == 0 || regular == 0 {
		t.Errorf("runs not found: %q", lineTexts(ls))
	}
	// One sentence: all in the lead face.
	one := boldFirstSentence([]doc.Inline{&doc.Text{Text: "Jen jedna věta."}})
	if _, ok := one[0].(*doc.Strong); !ok || len(one) != 1 {
		t.Errorf("a one-sentence lead: %#v", one)
	}
}

func TestHeadingKeepsThreeLines(t *testing.T) {
	e, fam := bodyEngine(t)
	v := &vlist{}
	v.open(0)
	v.add(vitem{h: 10}) // a heading
	v.close(4, true)
	v.open(4)
	text := strings.Repeat("Městský kamerový systém je důležitým nástrojem pro dohled nad bezpečností. ", 4)
	lines := e.lineItems(e.setText([]doc.Inline{&doc.Text{Text: text}}, fam, 160, 0), fam, 0)
	if len(lines) < 6 {
		t.Fatalf("%d lines, want 6 or more", len(lines))
	}
	for _, it := range lines {
		v.add(it)
	}
	var kept []bool
	for _, it := range v.items[1:] {
		if !it.space {
			kept = append(kept, it.keep)
		}
	}
	// A column may break only after the third line under the heading
	// (and not before the last two: no widow).
	if !kept[0] || !kept[1] || !kept[2] {
		t.Errorf("the first three lines under a heading are not kept with it: %v", kept)
	}
	if kept[3] != lines[3].keep {
		t.Errorf("the fourth line's keep changed under the heading: %v", kept)
	}
}

// looseShare is the share of the justified lines of ls (all but each
// paragraph's last) whose mean word space is over half an em.
func looseShare(ls [][]*line, fam *family) float64 {
	n, loose := 0, 0
	for _, p := range ls {
		for _, l := range p[:len(p)-1] {
			gaps, sum := 0, 0.0
			for i := 1; i < len(l.runs); i++ {
				if g := l.runs[i].X - (l.runs[i-1].X + l.runs[i-1].Width); g > 0.01 {
					gaps++
					sum += g
				}
			}
			if gaps == 0 {
				continue
			}
			n++
			if sum/float64(gaps) > 0.5*fam.size {
				loose++
			}
		}
	}
	return float64(loose) / float64(max(n, 1))
}

func TestGlyphExpansion(t *testing.T) {
	e, fam := bodyEngine(t)
	exp := e.t.Text.Expansion
	if exp <= 0 {
		t.Fatal("the a5-booklet template has no glyph expansion")
	}
	with := setLines(t, e, fam, 4)
	for _, ls := range with {
		for i, l := range ls {
			for _, r := range l.runs {
				s := cmp.Or(r.Scale, 1)
				if s < 1-exp-1e-9 || s > 1+exp+1e-9 {
					t.Fatalf("glyphs scaled by %.4f, beyond ±%g: %q", s, exp, lineTexts([]*line{l}))
				}
				if s != cmp.Or(l.runs[0].Scale, 1) {
					t.Fatalf("one line, two scales: %q", lineTexts([]*line{l}))
				}
				if i == len(ls)-1 && s > 1 {
					t.Fatalf("a paragraph's last line is expanded: %q", lineTexts([]*line{l}))
				}
			}
			if last := l.runs[len(l.runs)-1]; i < len(ls)-1 && math.Abs(last.X+last.Width-l.width) > 0.01 {
				t.Fatalf("a justified line ends at %.2f, not at %.2f: %q", last.X+last.Width, l.width, lineTexts([]*line{l}))
			}
		}
	}
	// The same paragraphs without expansion have more loose lines.
	tp := *e.t
	tp.Text.Expansion = 0
	e0 := csEngine(t, &tp)
	without := setLines(t, e0, e0.body(), 4)
	if a, b := looseShare(with, fam), looseShare(without, e0.body()); a >= b {
		t.Errorf("loose lines: %.1f %% with expansion, %.1f %% without", 100*a, 100*b)
	} else {
		t.Logf("loose lines: %.1f %% with expansion, %.1f %% without", 100*a, 100*b)
	}
}

func TestTitlesAreBalanced(t *testing.T) {
	e, _ := bodyEngine(t)
	tests := []struct {
		title string
		size  float64
		least float64 // the smallest size allowed
	}{
		{"Program pro Lipovou nad Sázavou", 58, 58 * 0.75},
		{"Pirátský program pro Prahu", 58, 58 * 0.75},
		{"Pirátský program pro Prahu", 40.8, 40.8 * 0.8},
		{"Sociální péče a\u00a0zdraví", 34, 34},
		{"Strategie rozvoje města Lipová nad Sázavou do roku 2036", 34, 34},
		{"Otevřená radnice", 58, 58},
	}
	for _, tc := range tests {
		fam := e.simpleFamily(e.t.Fonts.Display, tc.size, tc.size*0.92, e.col.title, RoleCover)
		fam.upper = true
		greedy := e.setString(tc.title, fam, e.textW)
		lines, set := e.setTitle(tc.title, fam, e.textW, tc.least)
		texts := lineTexts(lines)
		if set.size < tc.least-1e-9 || set.size > tc.size {
			t.Errorf("%q: set at %.1f pt, want %.1f to %.1f", tc.title, set.size, tc.least, tc.size)
		}
		if set.size == tc.size && len(lines) > len(greedy) {
			t.Errorf("%q: %d lines, first-fit needs %d", tc.title, len(lines), len(greedy))
		}
		words := len(strings.Split(collapse(tc.title), " "))
		for i, l := range lines {
			if l.used > e.textW+0.01 {
				t.Errorf("%q: line %q is %.1f wide, more than %.1f", tc.title, texts[i], l.used, e.textW)
			}
			f := strings.Fields(texts[i])
			if i < len(lines)-1 && shortWord(strings.ToLower(f[len(f)-1])) {
				t.Errorf("%q: line %q ends in a short word", tc.title, texts[i])
			}
			if len(f) == 1 && words > len(lines) && set.size > tc.least {
				t.Errorf("%q: %q stands alone on its line at %.1f pt", tc.title, texts[i], set.size)
			}
		}
		t.Logf("%q at %.1f pt: %q", tc.title, set.size, texts)
	}
}

func TestColumnsEndLevel(t *testing.T) {
	e, _ := bodyEngine(t)
	// Paragraphs of 10 pt lines that never break, gap apart, in columns
	// of 100 pt.
	build := func(lines int, gap float64) []vitem {
		var items []vitem
		for p := 0; p < 12; p++ {
			if p > 0 {
				items = append(items, space(gap))
			}
			for l := 0; l < lines; l++ {
				items = append(items, vitem{h: 10, keep: l > 0, boxes: []Box{&FillBox{Rect: Rect{W: 10, H: 10}}}})
			}
		}
		return items
	}
	for _, tc := range []struct {
		lines int
		gap   float64
		level bool
	}{
		{lines: 2, gap: 6, level: true},  // four paragraphs, 98 pt: three spaces take 2 pt more
		{lines: 4, gap: 2, level: false}, // two paragraphs, 82 pt: one space cannot take 18 pt
	} {
		var pages []*Page
		next := func() frame {
			p := &Page{Number: len(pages) + 1}
			pages = append(pages, p)
			return frame{page: p, x: 0, y0: 0, y1: 100, cols: 2, fresh: true}
		}
		e.flow(build(tc.lines, tc.gap), next(), next, flowOpts{})
		if len(pages) < 2 {
			t.Fatalf("%+v: the text took %d pages", tc, len(pages))
		}
		foot := [2]float64{}
		for _, b := range pages[0].Boxes {
			r := b.Bounds()
			c := 0
			if r.X >= e.colW {
				c = 1
			}
			foot[c] = max(foot[c], r.Y+r.H)
		}
		for c, y := range foot {
			if tc.level && math.Abs(y-100) > 0.01 {
				t.Errorf("%+v: column %d of a page the text goes on from ends at %.2f, not at the foot (100)", tc, c+1, y)
			}
			if !tc.level && y > 99 {
				t.Errorf("%+v: column %d was stretched to the foot: its spaces grew more than %.0f %%", tc, c+1, 100*levelGrowth)
			}
		}
	}
}
