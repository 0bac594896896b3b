package source

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/markdown"
)

// want is an expected diagnostic: severity, line (and column when > 0)
// and words its message must hold.
type want struct {
	sev  diag.Severity
	line int
	col  int
	has  []string
}

func warnAt(line int, has ...string) want { return want{sev: diag.Warning, line: line, has: has} }
func errAt(line int, has ...string) want  { return want{sev: diag.Error, line: line, has: has} }

// checkDiags asserts that got holds exactly the wanted diagnostics (in any
// order), each naming file.
func checkDiags(t *testing.T, file string, got []diag.Diagnostic, wants []want) {
	t.Helper()
	used := make([]bool, len(got))
	for _, w := range wants {
		found := false
		for i, d := range got {
			if used[i] || d.Severity != w.sev || d.Line != w.line || (w.col > 0 && d.Column != w.col) || (file != "" && d.File != file) {
				continue
			}
			ok := true
			for _, h := range w.has {
				if !strings.Contains(d.Message, h) {
					ok = false
				}
			}
			if ok {
				used[i], found = true, true
				break
			}
		}
		if !found {
			t.Errorf("missing %s at %s:%d holding %q; got:\n%s", w.sev, file, w.line, w.has, listDiags(got))
		}
	}
	for i, d := range got {
		if !used[i] {
			t.Errorf("unexpected diagnostic: %s", d)
		}
	}
}

func listDiags(ds []diag.Diagnostic) string {
	var sb strings.Builder
	for _, d := range ds {
		sb.WriteString("\t" + d.String() + "\n")
	}
	return sb.String()
}

func win1250(t *testing.T, s string) string {
	t.Helper()
	out, err := charmap.Windows1250.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseChapter(t *testing.T) {
	const file = "program/bezpecnost.md"
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String("---\ntitle: Školství\nuid: skolstvi\n---\nText.\n")
	tests := []struct {
		name  string
		input string
		diags []want
		check func(t *testing.T, ch *doc.Chapter) // nil: the chapter must be left out
	}{
		{
			name: "all fields",
			input: "---\ntitle: Bezpečnost\ncampaignCategoryUid: 2022-komunalni\ncampaignGroupUid: volby-2022\nuid: bezpecnost\norder: 1\n" +
				"garant: david.bodecek\nredmine: 23492\nimg: program/bezpecnost.png\ndescription: Bezpečné město\nlayout: program\ntags: [a, b]\n---\n\n## Prevence\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				got := fmt.Sprintf("%s|%s|%d|%s|%s|%s|%s|%s", ch.Title, ch.UID, ch.Order, ch.Garant.UID, ch.Redmine, ch.Image.Src, ch.Description, ch.Source)
				if w := "Bezpečnost|bezpecnost|1|david.bodecek|23492|program/bezpecnost.png|Bezpečné město|program/bezpecnost.md"; got != w {
					t.Errorf("fields = %s, want %s", got, w)
				}
				if ch.Extra["layout"] != "program" || len(ch.Extra) != 2 {
					t.Errorf("Extra = %v, want layout and tags only", ch.Extra)
				}
				if ch.Intro != nil {
					t.Errorf("Intro = %v, want none", ch.Intro)
				}
			},
		},
		{
			name:  "redmine present but empty",
			input: "---\ntitle: Doprava\nuid: doprava\nredmine: \n---\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Redmine != "" {
					t.Errorf("Redmine = %q, want empty", ch.Redmine)
				}
			},
		},
		{
			name:  "redmine as text",
			input: "---\ntitle: Doprava\nuid: doprava\nredmine: \"0815\"\n---\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Redmine != "0815" {
					t.Errorf("Redmine = %q, want 0815", ch.Redmine)
				}
			},
		},
		{
			name:  "order written as text",
			input: "---\ntitle: Doprava\nuid: doprava\norder: \"3\"\n---\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Order != 3 {
					t.Errorf("Order = %d, want 3", ch.Order)
				}
			},
		},
		{
			name:  "folded title",
			input: "---\ntitle: >\n  Bezpečné\n  město\nuid: bezpecnost\n---\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Bezpečné město" {
					t.Errorf("Title = %q", ch.Title)
				}
			},
		},
		{
			name:  "order 2.0",
			input: "---\ntitle: Doprava\nuid: doprava\norder: 2.0\n---\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Order != 2 {
					t.Errorf("Order = %d, want 2", ch.Order)
				}
			},
		},
		{
			name:  "order 1.5",
			input: "---\ntitle: Doprava\nuid: doprava\norder: 1.5\n---\nText.\n",
			diags: []want{warnAt(4, `"1.5"`, "whole number")},
			check: func(t *testing.T, ch *doc.Chapter) {},
		},
		{
			name:  "description as a list",
			input: "---\ntitle: Doprava\nuid: doprava\ndescription:\n  - a\n  - b\n---\nText.\n",
			diags: []want{warnAt(4, "description", "not a list")},
			check: func(t *testing.T, ch *doc.Chapter) {},
		},
		{
			name:  "order not a number",
			input: "---\ntitle: Doprava\nuid: doprava\norder: první\n---\nText.\n",
			diags: []want{warnAt(4, "order", "whole number")},
			check: func(t *testing.T, ch *doc.Chapter) {},
		},
		{
			name:  "invalid YAML: colon in a value",
			input: "---\ntitle: Doprava: priorita\nuid: doprava\n---\nText.\n",
			diags: []want{{sev: diag.Error, line: 2, col: 8, has: []string{"not valid YAML", "double quotes", "left out"}}},
		},
		{
			name:  "invalid YAML: tab indentation",
			input: "---\ntitle: Doprava\n\tuid: doprava\n---\nText.\n",
			diags: []want{errAt(3, "not valid YAML", "spaces, not tabs")},
		},
		{
			name:  "a key written twice: the last value wins, as in Jekyll",
			input: "---\ntitle: Doprava\nuid: doprava\ntitle: Doprava 2\n---\nText.\n",
			diags: []want{warnAt(4, `"title"`, "lines 2 and 4", "line 4 is used")},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Doprava 2" {
					t.Errorf("Title = %q, want the last value", ch.Title)
				}
			},
		},
		{
			name:  "invalid YAML: unclosed quote",
			input: "---\nuid: doprava\ntitle: \"Doprava\n---\nText.\n",
			diags: []want{errAt(3, "not valid YAML", "close the quotes")},
		},
		{
			name:  "front matter never closed",
			input: "---\ntitle: Doprava\nuid: doprava\n\n## Tramvaje\nText.\n",
			diags: []want{errAt(1, "never closed", "add a line ---", "before line 5")},
		},
		{
			name:  "no front matter",
			input: "## Tramvaje\nText.\n",
			diags: []want{errAt(1, "no front matter", "title:")},
		},
		{
			name:  "front matter is a list",
			input: "---\n- title\n- uid\n---\nText.\n",
			diags: []want{errAt(2, "key: value")},
		},
		{
			name:  "missing title",
			input: "---\nuid: doprava\norder: 2\n---\nText.\n",
			diags: []want{errAt(1, "no title", "title: ", "left out")},
		},
		{
			name:  "empty title",
			input: "---\nuid: doprava\ntitle:   \n---\nText.\n",
			diags: []want{errAt(3, "no title")},
		},
		{
			name:  "title written with a capital letter",
			input: "---\nuid: doprava\nTitle: Doprava\n---\nText.\n",
			diags: []want{errAt(3, `"Title"`, "small letters")},
		},
		{
			name:  "title is a list",
			input: "---\nuid: doprava\ntitle: [a, b]\n---\nText.\n",
			diags: []want{errAt(3, "title", "not a list")},
		},
		{
			name:  "missing uid: derived from the file name",
			input: "---\ntitle: Bezpečnost\n---\nText.\n",
			diags: []want{warnAt(1, "no uid", `"bezpecnost"`, "uid: bezpecnost")},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.UID != "bezpecnost" {
					t.Errorf("UID = %q, want bezpecnost", ch.UID)
				}
			},
		},
		{
			name:  "empty uid",
			input: "---\ntitle: Bezpečnost\nuid:\n---\nText.\n",
			diags: []want{warnAt(3, "no uid")},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.UID != "bezpecnost" {
					t.Errorf("UID = %q, want bezpecnost", ch.UID)
				}
			},
		},
		{
			name:  "empty body",
			input: "---\ntitle: Doprava\nuid: doprava\n---\n\n  \n",
			diags: []want{warnAt(4, "no text")},
			check: func(t *testing.T, ch *doc.Chapter) {},
		},
		{
			name:  "byte order mark",
			input: "\uFEFF---\ntitle: Doprava\nuid: doprava\n---\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Doprava" {
					t.Errorf("Title = %q", ch.Title)
				}
			},
		},
		{
			name:  "CRLF line ends",
			input: "---\r\ntitle: Doprava\r\nuid: doprava\r\nintro: >\r\n  Jezdíme\r\n  včas.\r\n---\r\nText.\r\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Doprava" || ch.UID != "doprava" {
					t.Errorf("Title, UID = %q, %q", ch.Title, ch.UID)
				}
			},
		},
		{
			name:  "CRLF with invalid YAML keeps the line",
			input: "---\r\ntitle: Doprava\r\nuid: doprava\r\nimg: x: y\r\n---\r\nText.\r\n",
			diags: []want{errAt(4, "not valid YAML")},
		},
		{
			name:  "Windows-1250",
			input: "---\n" + win1250(t, "title: Životní prostředí\nuid: zivotni-prostredi\n---\nZeleň v ulicích.\n"),
			diags: []want{warnAt(2, "not UTF-8", "Windows-1250", "save it as UTF-8")},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Životní prostředí" {
					t.Errorf("Title = %q, want Životní prostředí", ch.Title)
				}
			},
		},
		{
			name:  "control characters pasted into the title and the text",
			input: "---\ntitle: Dop\x0crava\nuid: doprava\n---\nZeleň\x01 a\u0085 řeka\x7f.\n\tOdsazení\x00 zůstává.\n",
			diags: []want{{sev: diag.Warning, line: 2, col: 11, has: []string{"5 invisible control characters", "U+000C, U+0001, U+0085, U+007F, U+0000", "delete them"}}},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Doprava" {
					t.Errorf("Title = %q, want Doprava", ch.Title)
				}
				text := doc.PlainText(ch.Blocks[0].(*doc.Paragraph).Content)
				if text != "Zeleň a řeka.\nOdsazení zůstává." && text != "Zeleň a řeka. Odsazení zůstává." {
					t.Errorf("text %q still holds control characters", text)
				}
			},
		},
		{
			name:  "control character in the text only",
			input: "---\ntitle: Doprava\nuid: doprava\n---\n\nŘeka\x1b.\n",
			diags: []want{{sev: diag.Warning, line: 6, col: 5, has: []string{"an invisible control character (U+001B)"}}},
			check: func(t *testing.T, ch *doc.Chapter) {},
		},
		{
			name:  "UTF-8 with one broken character is not Windows-1250",
			input: "---\ntitle: Životní prostředí\nuid: zivotni-prostredi\n---\nZeleň v ulicích \xC5 a čistá řeka.\n",
			diags: []want{warnAt(5, "broken character", "retype it")},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Životní prostředí" {
					t.Errorf("Title = %q, want Životní prostředí", ch.Title)
				}
			},
		},
		{
			name:  "UTF-16",
			input: utf16le,
			diags: []want{warnAt(1, "UTF-16", "UTF-8")},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Title != "Školství" {
					t.Errorf("Title = %q, want Školství", ch.Title)
				}
			},
		},
		{
			name:  "blank lines before the front matter",
			input: "\n\n---\ntitle: Doprava\nuid: doprava\n---\nText.\n",
			diags: []want{warnAt(3, "blank lines")},
			check: func(t *testing.T, ch *doc.Chapter) {},
		},
		{
			name:  "closed with three dots",
			input: "---\ntitle: Doprava\nuid: doprava\n...\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {},
		},
		{
			name:  "garant names two people",
			input: "---\ntitle: Doprava\nuid: doprava\ngarant: [jana.vesela, petr.holub]\n---\nText.\n",
			diags: []want{warnAt(4, "garant", `"jana.vesela"`)},
			check: func(t *testing.T, ch *doc.Chapter) {
				if ch.Garant == nil || ch.Garant.UID != "jana.vesela" {
					t.Errorf("Garant = %v, want jana.vesela", ch.Garant)
				}
			},
		},
		{
			name:  "values JSON cannot hold are kept as text",
			input: "---\ntitle: Doprava\nuid: doprava\nscore: .nan\nlimit: .inf\n---\nText.\n",
			check: func(t *testing.T, ch *doc.Chapter) {
				if _, err := json.Marshal(ch); err != nil {
					t.Errorf("chapter does not marshal: %v", err)
				}
				if ch.Extra["score"] != "NaN" {
					t.Errorf("score = %#v", ch.Extra["score"])
				}
			},
		},
		{
			name: "aliases that expand hugely are left out",
			input: "---\ntitle: Doprava\nuid: doprava\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
				"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\nText.\n",
			diags: []want{warnAt(6, "too large"), warnAt(7, "too large")},
			check: func(t *testing.T, ch *doc.Chapter) {
				if _, ok := ch.Extra["d"]; ok {
					t.Error("d kept")
				}
				if _, ok := ch.Extra["b"]; !ok {
					t.Error("b left out; it is small")
				}
				// The JSON of what is kept stays a small multiple of the
				// front matter (about 300 bytes here).
				if b, _ := json.Marshal(ch.Extra); len(b) > 8*300+1024 {
					t.Errorf("extra fields take %d bytes of JSON", len(b))
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, diags := ParseChapter(file, []byte(tt.input))
			checkDiags(t, file, diags, tt.diags)
			if tt.check == nil {
				if ch != nil {
					t.Fatalf("chapter %q returned, want it left out", ch.Title)
				}
				return
			}
			if ch == nil {
				t.Fatal("chapter left out")
			}
			if ch.Source != file {
				t.Errorf("Source = %q, want %q", ch.Source, file)
			}
			tt.check(t, ch)
		})
	}
}

// TestParseChapterMarkdownProblems: the Markdown reader's problems are
// warnings at the file's line.
func TestParseChapterMarkdownProblems(t *testing.T) {
	input := "---\ntitle: Doprava\nuid: doprava\n---\n## Tramvaje\n\nJezdíme [včas]().\n"
	ch, diags := ParseChapter("doprava.md", []byte(input))
	if ch == nil {
		t.Fatalf("left out: %v", diags)
	}
	checkDiags(t, "doprava.md", diags, []want{warnAt(7, "včas", "no address")})
}

// TestParseChapterBodyProblems checks that the Markdown reader's problems
// are reported at file lines.
func TestParseChapterBodyProblems(t *testing.T) {
	saved := readBlocks
	defer func() { readBlocks = saved }()
	readBlocks = func(src []byte) ([]doc.Block, []markdown.Problem) {
		return []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: string(src)}}}},
			[]markdown.Problem{{Line: 3, Message: "the <div> is never closed; close it with </div>"}, {Message: "odd HTML"}}
	}
	input := "---\ntitle: Doprava\nuid: doprava\n---\n## Tramvaje\n\n<div>\nText.\n"
	ch, diags := ParseChapter("doprava.md", []byte(input))
	if ch == nil || len(ch.Blocks) != 1 {
		t.Fatalf("chapter = %v", ch)
	}
	checkDiags(t, "doprava.md", diags, []want{warnAt(7, "<div> is never closed"), warnAt(0, "odd HTML")})

	readBlocks = func([]byte) ([]doc.Block, []markdown.Problem) { panic("reader bug") }
	ch, diags = ParseChapter("doprava.md", []byte(input))
	if ch != nil {
		t.Error("chapter kept although its text could not be read")
	}
	checkDiags(t, "doprava.md", diags, []want{errAt(5, "could not be read", "report")})
}

func TestParseChapterIntro(t *testing.T) {
	tests := []struct {
		name, intro string
		want        string // the intro's text, a line break written as " / "
	}{
		{"folded", "intro: >\n  Vytvoříme koordinovaný\n  systém včasné intervence.\n", "Vytvoříme koordinovaný systém včasné intervence."},
		{"folded with br", "intro: >\n  První věta.<br/>\n  Druhá věta.\n", "První věta. / Druhá věta."},
		{"literal", "intro: |\n  Vytvoříme koordinovaný\n  systém.\n\n  Nová myšlenka.\n", "Vytvoříme koordinovaný systém. / Nová myšlenka."},
		{"quoted with HTML", "intro: \"Bezpečné <b>město</b><br>pro všechny.\"\n", "Bezpečné město / pro všechny."},
		{"empty folded", "intro: >\n\n", ""},
		{"empty", "intro:\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := "---\ntitle: Bezpečnost\nuid: bezpecnost\n" + tt.intro + "---\nText.\n"
			ch, diags := ParseChapter("b.md", []byte(input))
			if ch == nil {
				t.Fatalf("left out: %v", diags)
			}
			var sb strings.Builder
			var render func([]doc.Inline)
			render = func(ins []doc.Inline) {
				for _, in := range ins {
					switch v := in.(type) {
					case *doc.Text:
						sb.WriteString(v.Text)
					case *doc.LineBreak:
						sb.WriteString(" / ")
					default:
						render(doc.Children(in))
					}
				}
			}
			render(ch.Intro)
			if got := sb.String(); got != tt.want {
				t.Errorf("intro = %q, want %q", got, tt.want)
			}
			if tt.want == "" && ch.Intro != nil {
				t.Errorf("empty intro gives %d inlines", len(ch.Intro))
			}
		})
	}
}

// TestSeedChapter reads a real chapter of a real programme.
func TestSeedChapter(t *testing.T) {
	data, err := os.ReadFile("testdata/bezpecnost.md")
	if err != nil {
		t.Fatal(err)
	}
	ch, diags := ParseChapter("testdata/bezpecnost.md", data)
	checkDiags(t, "testdata/bezpecnost.md", diags, nil)
	if ch == nil {
		t.Fatal("left out")
	}
	got := fmt.Sprintf("%s|%s|%d|%s|%s|%s", ch.Title, ch.UID, ch.Order, ch.Garant.UID, ch.Redmine, ch.Image.Src)
	if w := "Bezpečnost|bezpecnost|1|david.bodecek|23492|program/program2022-nahledy/bezpecnost.png"; got != w {
		t.Errorf("got %s, want %s", got, w)
	}
	if ch.Intro != nil {
		t.Errorf("intro = %q, want none (it is empty)", doc.PlainText(ch.Intro))
	}
	var heads []string
	doc.WalkBlocks(ch.Blocks, func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok {
			heads = append(heads, fmt.Sprintf("%d %s", h.Level, doc.PlainText(h.Content)))
		}
		return true
	})
	wantHeads := []string{"1 Posílení programů prevence kriminality", "1 Podpora složek integrovaného záchranného systému", "1 Městský kamerový systém", "1 Krizová připravenost"}
	if strings.Join(heads, "\n") != strings.Join(wantHeads, "\n") {
		t.Errorf("headings:\n%s\nwant:\n%s", strings.Join(heads, "\n"), strings.Join(wantHeads, "\n"))
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bezpečnost", "bezpecnost"},
		{"Zdravotnictví a sociální péče", "zdravotnictvi-a-socialni-pece"},
		{"000_ef36df770c777496", "000-ef36df770c777496"},
		{"  Ústí nad Labem!! ", "usti-nad-labem"},
		{"ŽLUŤOUČKÝ kůň", "zlutoucky-kun"},
		{"---", ""},
		{"日本", ""},
	}
	for _, tt := range tests {
		if got := Slug(tt.in); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
