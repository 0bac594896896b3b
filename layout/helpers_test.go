package layout_test

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/layout"
	"leafpress/templates"
)

const ptPerMM = 72 / 25.4

// words of Czech running text for generated chapters (from the seed
// chapter and the samples).
var czechWords = strings.Fields(`Vytvoříme koordinovaný systém včasné intervence prostřednictvím
podpůrného mezioborového týmu zajistíme včasnou pomoc obyvatelům všech věkových sociálních
skupin kteří budou vystaveni kriminálnímu jednání tento tým nabídne komplexní nepřetržitou
odbornou pomoc přímo místě bydliště dětem mladistvým například případě šikany jiného ohrožení
dospělým oblastech zajištění majetku zvýšení všeobecného pocitu bezpečí při vystavení domácímu
násilí ale také oblasti dluhové problematiky šikany pracovišti pozornost bude zaměřena případy
týrání svěřených osob podporu obětí takového týrání budeme osvětových kampaní snažit eliminovat
hrozby spojené sociálními médii kyberšikanou zajistíme aby pracovní podmínky finanční ohodnocení
záchranářů hasičů policistů strážníků byly motivující zamezilo tak jejich odlivu pokračovat
navyšování počtu služebních bytů pracovníky složek přímém výkonu služby hledat další zajímavé
benefity psychologické právní pracoviště odborníky vystupovat zájmu zaměstnance řešení krizových
situací městský kamerový systém důležitým nástrojem dohled nad bezpečností zároveň přináší riziko
nepřiměřeného zásahu soukromí jednotlivce rozšířením stanovišť kamerového systému nadále
souhlasit pouze jasně odůvodněných případech nezbytně nutné míře naprosto odmítáme využívání
funkcí automatizovaného rozpoznávání neopodstatněné sledování pohybu konkrétních vytváření
profilů chování nedávné současné události koronavirové pandemie uprchlické krize související
válkou ukázaly bezprostředně důležitá připravenost města jednotlivých složek náhle vzniklé
různorodé krizové situace připravíme nový aktuální krizový plán metropole podle něhož budou
případě nouze postupovat vedení městských částí integrovaného záchranného systému činitelé
specificky charakteru dané krizové události`)

// oneLetter are the Czech one-letter words that must not end a line.
var oneLetter = []string{"a", "i", "k", "o", "s", "u", "v", "z", "A", "I", "K", "O", "S", "U", "V", "Z"}

func isOneLetter(w string) bool {
	for _, o := range oneLetter {
		if w == o {
			return true
		}
	}
	return false
}

// sentence makes a Czech-like sentence of n words with one-letter words
// bound to the next word by a no-break space, as the typography pass does.
func sentence(r *rand.Rand, n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			sb.WriteByte(' ')
		}
		if r.Intn(5) == 0 {
			sb.WriteString(oneLetter[r.Intn(8)])
			sb.WriteString("\u00A0")
		}
		w := czechWords[r.Intn(len(czechWords))]
		if i == 0 {
			w = strings.ToUpper(w[:1]) + w[1:]
			rs := []rune(czechWords[r.Intn(len(czechWords))])
			w = strings.ToUpper(string(rs[0])) + string(rs[1:])
		}
		sb.WriteString(w)
	}
	sb.WriteString(".")
	return sb.String()
}

func para(r *rand.Rand, sentences int) []doc.Inline {
	var parts []string
	for i := 0; i < sentences; i++ {
		parts = append(parts, sentence(r, 6+r.Intn(12)))
	}
	return []doc.Inline{&doc.Text{Text: strings.Join(parts, " ")}}
}

// genChapter makes a chapter with headings, leads, paragraphs, lists,
// a quote, a section, a table, mixed styles and a long URL.
func genChapter(r *rand.Rand, i int) *doc.Chapter {
	c := &doc.Chapter{
		UID: fmt.Sprintf("kapitola-%d", i), Title: fmt.Sprintf("Kapitola %d: %s a %s", i, czechWords[r.Intn(len(czechWords))], czechWords[r.Intn(len(czechWords))]),
		Order: i, Source: fmt.Sprintf("_program/test/kapitola-%d.md", i),
		Garant: &doc.Person{UID: "jana", Name: "Jana Nováková", TitlesBefore: "Mgr."},
		Intro:  para(r, 2),
	}
	for h := 1; h <= 4; h++ {
		c.Blocks = append(c.Blocks,
			&doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: fmt.Sprintf("%d. %s %s", h, czechWords[r.Intn(len(czechWords))], czechWords[r.Intn(len(czechWords))])}}},
			&doc.Lead{Content: para(r, 1)},
			&doc.Paragraph{Content: para(r, 4)},
		)
		switch h {
		case 1:
			c.Blocks = append(c.Blocks, &doc.Paragraph{Content: []doc.Inline{
				&doc.Text{Text: "Podrobnosti najdete na "},
				&doc.Link{URL: "https://www.lipova-nad-sazavou.cz/mestsky-urad/dokumenty/rozpocet-2026/priloha-c-5-investicni-akce.pdf", Content: []doc.Inline{&doc.Text{Text: "https://www.lipova-nad-sazavou.cz/mestsky-urad/dokumenty/rozpocet-2026/priloha-c-5-investicni-akce.pdf"}}},
				&doc.Text{Text: " a také "},
				&doc.Strong{Content: []doc.Inline{&doc.Text{Text: "tučný text"}}},
				&doc.Text{Text: ", "},
				&doc.Emphasis{Content: []doc.Inline{&doc.Text{Text: "kurzíva"}}},
				&doc.Text{Text: " a "},
				&doc.Strike{Content: []doc.Inline{&doc.Text{Text: "přeškrtnuté"}}},
				&doc.Text{Text: " slovo. " + sentence(r, 12)},
			}})
		case 2:
			c.Blocks = append(c.Blocks, &doc.List{Items: []*doc.ListItem{
				{Blocks: []doc.Block{&doc.Paragraph{Content: para(r, 1)}}},
				{Blocks: []doc.Block{&doc.Paragraph{Content: para(r, 2)}, &doc.List{Ordered: true, Start: 3, Items: []*doc.ListItem{
					{Blocks: []doc.Block{&doc.Paragraph{Content: para(r, 1)}}},
					{Blocks: []doc.Block{&doc.Paragraph{Content: para(r, 1)}}},
				}}}},
				{Blocks: []doc.Block{&doc.Paragraph{Content: para(r, 1)}}},
			}})
		case 3:
			c.Blocks = append(c.Blocks,
				&doc.Section{Title: "Kontext", Blocks: []doc.Block{&doc.Paragraph{Content: para(r, 3)}, &doc.Quote{Blocks: []doc.Block{&doc.Paragraph{Content: para(r, 2)}}}}},
				&doc.Table{Align: []string{"", "right"}, Header: [][]doc.Inline{{&doc.Text{Text: "Položka"}}, {&doc.Text{Text: "Částka"}}},
					Rows: [][][]doc.Inline{
						{{&doc.Text{Text: "Oprava náměstí"}}, {&doc.Text{Text: "12\u00A0500\u00A0000 Kč"}}},
						{{&doc.Text{Text: "Cyklostezka podél řeky"}}, {&doc.Text{Text: "4\u00A0000\u00A0000 Kč"}}},
					}})
		}
		c.Blocks = append(c.Blocks, &doc.Paragraph{Content: para(r, 3)})
	}
	return c
}

// genProgramme makes a programme of n generated chapters.
func genProgramme(n int) *doc.Programme {
	r := rand.New(rand.NewSource(int64(n)))
	p := &doc.Programme{UID: "test", Title: "Program pro Lipovou nad Sázavou", Group: "Volby 2026", Language: "cs"}
	for i := 1; i <= n; i++ {
		p.Chapters = append(p.Chapters, genChapter(r, i))
	}
	return p
}

func builtin(t testing.TB, name string) *templates.Template {
	t.Helper()
	tp, err := templates.Builtin(name)
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

// geometry is the text area of a template's pages, in points, computed
// from the template alone.
type geometry struct {
	w, h, bleed, top, bottom, inner, outer, colW, gap float64
	cols                                              int
}

func geom(tp *templates.Template) geometry {
	p := tp.Page
	return geometry{
		w: p.Width * ptPerMM, h: p.Height * ptPerMM, bleed: p.Bleed * ptPerMM,
		top: p.Margins.Top * ptPerMM, bottom: p.Margins.Bottom * ptPerMM,
		inner: p.Margins.Inner * ptPerMM, outer: p.Margins.Outer * ptPerMM,
		colW: tp.ColumnWidth() * ptPerMM, gap: p.ColumnGap * ptPerMM, cols: p.Columns,
	}
}

// left is the left text margin of page n: odd pages are right-hand
// pages, bound on the left.
func (g geometry) left(n int) float64 {
	if n%2 == 1 {
		return g.inner
	}
	return g.outer
}

// column returns the column x lies in on page n and its edges; -1 when x
// is in no column.
func (g geometry) column(n int, x float64) (int, float64, float64) {
	for c := 0; c < g.cols; c++ {
		x0 := g.left(n) + float64(c)*(g.colW+g.gap)
		if x >= x0-0.01 && x <= x0+g.colW+0.01 {
			return c, x0, x0 + g.colW
		}
	}
	return -1, 0, 0
}

// flowRoles are the roles of text set in the columns.
var flowRoles = map[string]bool{
	layout.RoleHeading: true, layout.RoleSection: true, layout.RoleLead: true, layout.RoleBody: true,
	layout.RoleTable: true, layout.RoleMarker: true, layout.RoleCaption: true, layout.RoleGarant: true,
}

// textLine is one line of text as a reader sees it: the runs of one
// column with one baseline.
type textLine struct {
	page, col int
	y         float64
	runs      []*layout.TextRun
}

// role is the role of the line's first run that is not a marker.
func (l *textLine) role() string {
	for _, r := range l.runs {
		if r.Role != layout.RoleMarker {
			return r.Role
		}
	}
	return layout.RoleMarker
}

// lines reconstructs the lines of flow text of d by column and baseline,
// in reading order (page, column, y).
func lines(d *layout.Document, g geometry, keep func(*layout.TextRun) bool) []*textLine {
	var out []*textLine
	for _, p := range d.Pages {
		idx := map[[2]int64]*textLine{}
		var pl []*textLine
		for _, b := range p.Boxes {
			r, ok := b.(*layout.TextRun)
			if !ok || !keep(r) {
				continue
			}
			c, _, _ := g.column(p.Number, r.X)
			k := [2]int64{int64(c), int64(math.Round(r.Y * 100))}
			l := idx[k]
			if l == nil {
				l = &textLine{page: p.Number, col: c, y: r.Y}
				idx[k] = l
				pl = append(pl, l)
			}
			l.runs = append(l.runs, r)
		}
		for _, l := range pl {
			sort.Slice(l.runs, func(i, j int) bool { return l.runs[i].X < l.runs[j].X })
		}
		sort.SliceStable(pl, func(i, j int) bool {
			if pl[i].col != pl[j].col {
				return pl[i].col < pl[j].col
			}
			return pl[i].y < pl[j].y
		})
		out = append(out, pl...)
	}
	return out
}

// word is a word as drawn: runs that touch make one word.
type word struct {
	text    string
	hyphen  bool // ends with a hyphen layout added
	lineEnd bool
	role    string
}

// words splits lines into drawn words.
func words(ls []*textLine) []word {
	var out []word
	for _, l := range ls {
		start := len(out)
		var prev *layout.TextRun
		for _, r := range l.runs {
			if r.Role == layout.RoleMarker {
				continue
			}
			if prev != nil && r.X-(prev.X+prev.Width) < 0.01 {
				out[len(out)-1].text += r.Text
				out[len(out)-1].hyphen = r.Hyphen
			} else {
				for i, f := range strings.Fields(r.Text) {
					_ = i
					out = append(out, word{text: f, role: r.Role})
				}
				if len(strings.Fields(r.Text)) > 0 {
					out[len(out)-1].hyphen = r.Hyphen
				}
			}
			prev = r
		}
		if len(out) > start {
			out[len(out)-1].lineEnd = true
		}
	}
	return out
}

// treeWords are the words of text.
func treeWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\n' || r == '\t' || r == '\u00A0' || r == '\u202F' || r == '\u2009'
	})
}

// match checks that the drawn words spell the expected words: a word
// broken at a line end (with an added hyphen, after its own hyphen, or
// at a safe place in a URL) is joined again. It returns the number of
// words joined from hyphenated parts.
func match(t *testing.T, what string, got []word, want []string) int {
	t.Helper()
	joined, msg := spell(got, want)
	if msg != "" {
		t.Errorf("%s: %s", what, msg)
	}
	return joined
}

// spell is match without a test: it says what is wrong, or "".
func spell(got []word, want []string) (joined int, msg string) {
	i := 0
	for k, w := range want {
		if i >= len(got) {
			return joined, fmt.Sprintf("drawn text ends before word %d %q", k, w)
		}
		cur := got[i]
		text := cur.text
		if cur.hyphen {
			text = strings.TrimSuffix(text, "-")
		}
		i++
		for !strings.EqualFold(text, w) && cur.lineEnd && i < len(got) && len(text) < len(w) {
			if cur.hyphen {
				joined++
			}
			cur = got[i]
			i++
			next := cur.text
			if cur.hyphen {
				next = strings.TrimSuffix(next, "-")
			}
			if strings.HasSuffix(text, "-") && strings.HasPrefix(next, "-") {
				next = next[1:] // an explicit hyphen repeated on the next line
			}
			text += next
		}
		if !strings.EqualFold(text, w) {
			lo := max(0, k-5)
			return joined, fmt.Sprintf("word %d is %q, want %q (after %q)", k, text, w, strings.Join(want[lo:k], " "))
		}
	}
	if i < len(got) {
		return joined, fmt.Sprintf("%d more words drawn than the tree has, from %q", len(got)-i, got[i].text)
	}
	return joined, ""
}

func newRand(seed int64) *rand.Rand { return rand.New(rand.NewSource(seed)) }
