package docx

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/templates"
)

// These tests read the files back with the programs editors and
// converters use: python3-docx, pandoc and LibreOffice.

// TestPythonDocxStyles checks, through python3-docx, the style of every
// paragraph, the table style, the pictures, the properties and the
// language.
func TestPythonDocxStyles(t *testing.T) {
	d := pythonDocx(t, sampleDOCX(t))
	type para struct{ style, text string }
	want := []para{
		{"Title", "Program pro Prahu"},
		{"Subtitle", "volby-2022"},
		{"TOC Heading", "Obsah"},
		{"toc 1", "*"}, {"toc 2", "*"}, {"toc 3", "*"}, {"toc 1", "*"}, {"toc 2", "*"}, {"toc 2", "*"},
		{"Heading 1", "Bezpečnost"},
		{"Garant", "Garant: MUDr. Jana Nováková, Ph.D."},
		{"Lead", "Chceme město, kde se každý cítí bezpečně ve\u00a0dne i\u00a0v\u00a0noci."},
		{"Figure", ""},
		{"Heading 2", "Posílení programů prevence kriminality"},
		{"Intense Quote", "Vytvoříme koordinovaný Systém včasné intervence."},
		{"Body Text", "*"},
		{"List Bullet", "šikana ve škole"},
		{"List Bullet", "domácí násilí"},
		{"List Number", "třetí krok"},
		{"List Number", "čtvrtý krok"},
		{"List Bullet", "dluhová problematika"},
		{"List Number", "pátý bod"},
		{"List Number", "šestý bod"},
		{"Heading 3", "Městský kamerový systém"},
		{"Quote", "Každé stanoviště kamer musí být řádně odůvodněno."},
		{"Heading 4", "Kontext"},
		{"List Bullet", "rozpoznávání osob odmítáme"},
		{"List Bullet", "profilování chování odmítáme"},
		{"Horizontal Line", ""},
		{"Figure", ""},
		{"Heading 1", "Doprava"},
		{"Figure", ""}, // the missing picture's place, with a comment
		{"Heading 2", "Tramvajové tratě"},
		{"List Number", "Modřany"},
		{"List Number", "Libuš"},
		{"Heading 2", "Cyklostezky"},
		{"List Bullet", "podél Vltavy"},
		{"List Bullet", "přes Letnou"},
	}
	var got []para
	for _, p := range d.Paragraphs {
		got = append(got, para{p.Style, p.Text})
	}
	if len(got) != len(want) {
		t.Errorf("%d paragraphs, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		if got[i].style != want[i].style || (want[i].text != "*" && got[i].text != want[i].text) {
			t.Errorf("paragraph %d: %q in %q, want %q in %q", i, got[i].text, got[i].style, want[i].text, want[i].style)
		}
	}
	if i := slices.IndexFunc(d.Paragraphs, func(p dumpedPara) bool { return p.Text == "třetí krok" }); i < 0 || d.Paragraphs[i].Ilvl != 1 {
		t.Error("the nested list item is not at level 1")
	}

	if len(d.Tables) != 1 || d.Tables[0].Style != "Programme Table" ||
		fmt.Sprint(d.Tables[0].Rows) != "[[Složka Počet bytů] [Hasiči 120] [Strážníci 85]]" {
		t.Errorf("tables %+v, want one in Programme Table with its header row", d.Tables)
	}
	c := d.Core
	if c.Title != "Program pro Prahu" || c.Subject != "volby-2022" || c.Author != "MUDr. Jana Nováková, Ph.D." ||
		c.LastModifiedBy != "MUDr. Jana Nováková, Ph.D." || c.Keywords != "bezpecnost, doprava" ||
		!strings.HasPrefix(c.Created, "2024-05-17T08:30:00") || !strings.HasPrefix(c.Modified, "2024-05-17T08:30:00") {
		t.Errorf("core properties %+v", c)
	}
	if d.Language != "cs-CZ" {
		t.Errorf("document language %q, want cs-CZ", d.Language)
	}
	for _, name := range []string{"Hyperlink", "Verbatim Char", "List Continue"} {
		if _, ok := d.Styles[name]; !ok {
			t.Errorf("no style %q", name)
		}
	}
	if f := d.Styles["Heading 1"].Font; f != "Roboto Condensed" {
		t.Errorf("Heading 1 in %q, want Roboto Condensed", f)
	}
	if len(d.InlineShapes) != 2 || d.InlineShapes[0].Width != 5759450 {
		t.Errorf("pictures %+v, want 2, the first at text width 5759450 EMU", d.InlineShapes)
	}
	if s := d.Sections; len(s) != 1 || s[0].PageWidth != 7560310 || s[0].PageHeight != 10692130 {
		t.Errorf("sections %+v, want one A4 section", s)
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct{ lang, want string }{{"cs", "cs-CZ"}, {"", "cs-CZ"}, {"en", "en-US"}}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p := bigProgramme(1)
			p.Language = tt.lang
			d := pythonDocx(t, programmeDOCX(t, p, Options{}))
			if d.Language != tt.want || d.Core.Language != tt.want {
				t.Errorf("language %q (core %q), want %q", d.Language, d.Core.Language, tt.want)
			}
		})
	}
}

// pandocList is a list as pandoc reads it: kind, start, depth and the
// text of each item's first paragraph.
type pandocList struct {
	Ordered bool
	Start   int
	Depth   int
	Items   []string
}

// pandocJSON reads a .docx with pandoc into its JSON AST.
func pandocJSON(t *testing.T, data []byte) map[string]any {
	t.Helper()
	pandoc := needTool(t, "pandoc", "pandoc")
	path := writeTemp(t, "file.docx", data)
	out, err := exec.Command(pandoc, "-f", "docx", "-t", "json", path).Output()
	if err != nil {
		t.Fatalf("pandoc cannot read the file: %v", err)
	}
	var ast map[string]any
	if err := json.Unmarshal(out, &ast); err != nil {
		t.Fatal(err)
	}
	return ast
}

// pandocOutline collects the headings and lists of a pandoc AST.
func pandocOutline(ast map[string]any) (headings []string, lists []pandocList) {
	var stringify func(v any) string
	stringify = func(v any) string {
		switch x := v.(type) {
		case []any:
			var sb strings.Builder
			for _, e := range x {
				sb.WriteString(stringify(e))
			}
			return sb.String()
		case map[string]any:
			switch x["t"] {
			case "Str":
				return x["c"].(string)
			case "Space", "SoftBreak", "LineBreak":
				return " "
			case "Code":
				return x["c"].([]any)[1].(string)
			case "Link", "Image", "Span":
				return stringify(x["c"].([]any)[1])
			case "Quoted", "Cite":
				return stringify(x["c"].([]any)[1])
			}
			return stringify(x["c"])
		}
		return ""
	}
	var blocks func(bs []any, depth int)
	blocks = func(bs []any, depth int) {
		for _, b := range bs {
			m := b.(map[string]any)
			c := m["c"]
			switch m["t"] {
			case "Header":
				headings = append(headings, strings.TrimSpace(stringify(c.([]any)[2])))
			case "BulletList", "OrderedList":
				l := pandocList{Depth: depth}
				items := c
				if m["t"] == "OrderedList" {
					l.Ordered = true
					l.Start = int(c.([]any)[0].([]any)[0].(float64))
					items = c.([]any)[1]
				}
				at := len(lists)
				lists = append(lists, l)
				for _, it := range items.([]any) {
					first := ""
					for _, ib := range it.([]any) {
						if t := ib.(map[string]any)["t"]; t == "Para" || t == "Plain" {
							first = stringify(ib.(map[string]any)["c"])
							break
						}
					}
					lists[at].Items = append(lists[at].Items, first)
					blocks(it.([]any), depth+1)
				}
			case "BlockQuote":
				blocks(c.([]any), depth)
			case "Div":
				blocks(c.([]any)[1].([]any), depth)
			}
		}
	}
	blocks(ast["blocks"].([]any), 0)
	return headings, lists
}

// treeOutline is what pandoc should find in the Word file of p.
func treeOutline(p *doc.Programme, contents string) (headings []string, lists []pandocList) {
	if contents != "" {
		headings = append(headings, contents)
	}
	var blocks func(bs []doc.Block, depth int)
	blocks = func(bs []doc.Block, depth int) {
		for _, b := range bs {
			switch v := b.(type) {
			case *doc.Heading:
				headings = append(headings, doc.PlainText(v.Content))
			case *doc.Section:
				headings = append(headings, v.Title)
				blocks(v.Blocks, depth)
			case *doc.Quote:
				blocks(v.Blocks, depth)
			case *doc.List:
				l := pandocList{Ordered: v.Ordered, Depth: depth}
				if v.Ordered {
					l.Start = max(v.Start, 1)
				}
				at := len(lists)
				lists = append(lists, l)
				for _, it := range v.Items {
					first := ""
					if len(it.Blocks) > 0 {
						if par, ok := it.Blocks[0].(*doc.Paragraph); ok {
							first = doc.PlainText(par.Content)
						}
					}
					lists[at].Items = append(lists[at].Items, first)
					blocks(it.Blocks, depth+1)
				}
			}
		}
	}
	for _, c := range p.Chapters {
		headings = append(headings, c.Title)
		blocks(c.Blocks, 0)
	}
	return headings, lists
}

func TestPandocReadsStructure(t *testing.T) {
	p := sampleProgramme(t)
	gotH, gotL := pandocOutline(pandocJSON(t, sampleDOCX(t)))
	wantH, wantL := treeOutline(p, "Obsah")
	if !slices.Equal(gotH, wantH) {
		t.Errorf("headings:\n got %q\nwant %q", gotH, wantH)
	}
	if fmt.Sprint(gotL) != fmt.Sprint(wantL) {
		t.Errorf("lists:\n got %+v\nwant %+v", gotL, wantL)
	}
	if len(wantL) < 5 {
		t.Fatalf("the sample has %d lists; the test needs several", len(wantL))
	}
}

// TestLibreOffice converts files with LibreOffice and checks that every
// word of the tree is in the PDF: the sample programme, a programme whose
// text had control characters, and a programme written with a reference
// document that LibreOffice itself saved (as an editor would make one).
func TestLibreOffice(t *testing.T) {
	if testing.Short() {
		t.Skip("runs LibreOffice")
	}
	loRef := libreOfficeSaved(t, templates.ReferenceDOCX)
	withRef := bigProgramme(2)
	withRefDOCX := programmeDOCX(t, withRef, Options{Reference: loRef})
	d := pythonDocx(t, withRefDOCX)
	count := map[string]int{}
	for _, para := range d.Paragraphs {
		count[para.Style]++
	}
	for style, want := range map[string]int{"Heading 1": 2, "Heading 2": 8, "Garant": 2, "Lead": 2, "Intense Quote": 8, "List Number": 12, "List Bullet": 12} {
		if count[style] != want {
			t.Errorf("reference saved by LibreOffice: %d paragraphs in %q, want %d (all: %v)", count[style], style, want, count)
		}
	}

	texts := libreOfficePDF(t, map[string][]byte{
		"program": sampleDOCX(t),
		"control": programmeDOCX(t, controlProgramme(), Options{}),
		"lo-ref":  withRefDOCX,
		"odd":     programmeDOCX(t, oddProgramme(), Options{}),
	})
	checkWords(t, "program", texts["program"], treeWords(sampleProgramme(t)))
	checkWords(t, "control", texts["control"], []string{"ahoj", "světe", "půlka", "špatné", "znaky", "položka"})
	checkWords(t, "lo-ref", texts["lo-ref"], treeWords(withRef))
	checkWords(t, "odd", texts["odd"], treeWords(oddProgramme()))
}

// checkWords reports the words missing from text.
func checkWords(t *testing.T, name, text string, words []string) {
	t.Helper()
	have := map[string]bool{}
	for _, w := range splitWords(text) {
		have[w] = true
	}
	want := map[string]bool{}
	for _, w := range words {
		want[w] = true
	}
	var missing []string
	for _, w := range words {
		if !have[w] && !joinedAtLineEnd(have, want, w) {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		t.Errorf("%s: %d of %d words missing from LibreOffice's PDF: %q", name, len(missing), len(words), missing)
	}
	if len(words) == 0 {
		t.Errorf("%s: no words to look for", name)
	}
}

// joinedAtLineEnd reports whether w is in text only as half of a token
// that pdftotext joined: LibreOffice may break a long URL after one of its
// hyphens, and pdftotext removes a hyphen that ends a line and joins the
// two halves ("postup-" + "zadosti" gives "postupzadosti"). The other
// half must be a word of the tree too.
func joinedAtLineEnd(have, want map[string]bool, w string) bool {
	for tok := range have {
		if rest, ok := strings.CutPrefix(tok, w); ok && want[rest] {
			return true
		}
		if rest, ok := strings.CutSuffix(tok, w); ok && want[rest] {
			return true
		}
	}
	return false
}
