package typography

import (
	"encoding/json"
	"strings"
	"testing"

	"leafpress/export/doc"
)

// nb writes "~" as a no-break space, so that expectations stay readable.
func nb(s string) string { return strings.ReplaceAll(s, "~", "\u00A0") }

type czechCase struct {
	name, in, want string // "~" in want is a no-break space
}

func runCzech(t *testing.T, cases []czechCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := Czech(nb(tc.in))
			if want := nb(tc.want); got != want {
				t.Errorf("Czech(%q)\n got %q\nwant %q", tc.in, got, want)
			}
			if again := Czech(got); again != got {
				t.Errorf("not idempotent: second pass gave %q", again)
			}
		})
	}
}

func TestOneLetterWords(t *testing.T) {
	runCzech(t, []czechCase{
		{"v", "bydlím v Praze", "bydlím v~Praze"},
		{"all lower-case", "k s v z o u a i x", "k~s~v~z~o~u~a~i~x"},
		{"capitals", "K domu. S námi. V Lipové. Z města. O nás. U řeky. A dál. I tak.", "K~domu. S~námi. V~Lipové. Z~města. O~nás. U~řeky. A~dál. I~tak."},
		{"two in a row", "a v Praze", "a~v~Praze"},
		{"after a bracket and a quote", "(v Praze) „v Brně“", "(v~Praze) „v~Brně“"},
		{"at the start", "V Lipové žijeme rádi.", "V~Lipové žijeme rádi."},
		{"v inside a word", "vlak stav vůz dva", "vlak stav vůz dva"},
		{"letter ending a sentence", "a to je vše, a.", "a~to je vše, a."},
		{"letter before a line end stays breakable at the end", "text a", "text a"},
		{"letter with a bracket", "bod a) a bod b)", "bod a) a~bod b)"},
		{"other letters", "b c d e f x y", "b c d e f x y"},
		{"soft line break", "v\nPraze", "v~Praze"},
		{"letter after a hyphen", "Frýdek-a b", "Frýdek-a b"},
	})
}

func TestNumbersAndUnits(t *testing.T) {
	runCzech(t, []czechCase{
		{"thousands", "přes 5 000 aut", "přes 5~000 aut"},
		{"millions with currency", "stojí 12 500 000 Kč", "stojí 12~500~000~Kč"},
		{"percent", "jen 7 % nákladů", "jen 7~% nákladů"},
		{"kilometres", "20 km cyklostezky", "20~km cyklostezky"},
		{"speed", "zóna 30 km/h", "zóna~30~km/h"},
		{"square metres", "15 m² plochy", "15~m² plochy"},
		{"degrees", "o 7 °C tepleji", "o~7~°C tepleji"},
		{"tonnes before a comma", "nad 12 t, které", "nad 12~t, které"},
		{"multiplier and currency", "1,8 mil. Kč ročně", "1,8~mil.~Kč ročně"},
		{"multiplier alone", "5 mil. obyvatel", "5~mil. obyvatel"},
		{"word starting like a unit", "5 metrů a 3 minuty", "5 metrů a~3 minuty"},
		{"four-digit first group is a year", "v roce 2025 300 lidí", "v~roce 2025 300 lidí"},
		{"group of two digits is not a group", "12 50 lidí", "12 50 lidí"},
		{"decimal part", "0,5 000", "0,5 000"},
		{"year range untouched", "2026–2036", "2026–2036"},
		{"time untouched", "v 18:40 a", "v~18:40 a"},
		{"date", "k 30. 6. 2025", "k~30.~6. 2025"},
		{"not a date", "je jich 12. 5 z nich", "je jich 12. 5 z~nich"},
		{"year then a number", "v roce 2025. 5 lidí", "v~roce 2025. 5 lidí"},
		{"paragraph sign", "podle § 5 zákona", "podle §~5 zákona"},
	})
}

func TestAbbreviations(t *testing.T) {
	runCzech(t, []czechCase{
		{"hl. m.", "pro hl. m. Prahu", "pro hl.~m.~Prahu"},
		{"č.", "linka č. 5", "linka č.~5"},
		{"tzv.", "tzv. pěší autobus", "tzv.~pěší autobus"},
		{"tj.", "tj. možnost", "tj.~možnost"},
		{"např. capitalised", "Např. linka 155", "Např.~linka~155"},
		{"čl.", "podle čl. 5 odst. 2", "podle čl.~5 odst.~2"},
		{"s. r. o.", "Lipová, s. r. o., a Bytové", "Lipová, s.~r.~o., a~Bytové"},
		{"a. s.", "Vodárny, a. s. mají", "Vodárny, a.~s. mají"},
		{"title", "Ing. Petr Holub", "Ing.~Petr Holub"},
		{"cca without a dot", "cca 300 lidí, ccax 5", "cca~300 lidí, ccax 5"},
		{"not inside a word", "včetně vč. DPH", "včetně vč.~DPH"},
		{"č. inside a word is not an abbreviation", "roč. 5", "roč. 5"},
	})
}

func TestDesignationsAndInitials(t *testing.T) {
	runCzech(t, []czechCase{
		{"standard", "certifikát ISO 37001 a ČSN 73 6110", "certifikát ISO~37001 a~ČSN~73 6110"},
		{"line letter", "pojede linka C, pak linku B.", "pojede linka~C, pak linku~B."},
		{"numbered point", "viz bod 5 a etapa 2", "viz bod~5 a~etapa~2"},
		{"park and ride", "parkoviště P+R u nádraží", "parkoviště~P+R u~nádraží"},
		{"not any word", "v roce 2025 300 lidí a Praha 7", "v~roce 2025 300 lidí a~Praha 7"},
		{"capitals before a word", "ISO normy", "ISO normy"},
		{"initials", "podle T. G. Masaryka a J. Nováka", "podle T.~G.~Masaryka a~J.~Nováka"},
		{"a sentence ending in a capital", "ve třídě ABC. Potom", "ve třídě ABC. Potom"},
	})
}

func TestQuotes(t *testing.T) {
	runCzech(t, []czechCase{
		{"double", `heslo "Zpomal, jdou tu děti";`, `heslo „Zpomal, jdou tu děti“;`},
		{"at the start", `"Ano," řekla.`, `„Ano,“ řekla.`},
		{"in brackets", `("slovo")`, `(„slovo“)`},
		{"single", `('nic o nás bez nás')`, `(‚nic o~nás bez nás‘)`},
		{"nested", `"řekl 'ne' a odešel"`, `„řekl ‚ne‘ a~odešel“`},
		{"apostrophe in a word", `rock'n'roll`, `rock'n'roll`},
		{"stray single quote stays", `hoši' a`, `hoši' a`},
		{"lone double quote between spaces stays", `a " b`, `a~" b`},
		{"already Czech", `„Zpomal“ a ‚ne‘`, `„Zpomal“ a~‚ne‘`},
	})
}

func TestDashes(t *testing.T) {
	runCzech(t, []czechCase{
		{"hyphen between spaces", "trasy - od Lhoty až po Kácov - připravíme", "trasy~– od Lhoty až po Kácov~– připravíme"},
		{"existing en dash", "vybavení – pódia", "vybavení~– pódia"},
		{"hyphen in a word", "re-use centrum, 2022-2026", "re-use centrum, 2022-2026"},
		{"dash before a comma stays", "lavic –, kterou", "lavic –, kterou"},
		{"label", "- Kontext", "- Kontext"},
	})
}

func TestNeverTouched(t *testing.T) {
	runCzech(t, []czechCase{
		{"URL", "viz https://www.lipova.cz/a-z/'v'/?q=a%20b - a", "viz https://www.lipova.cz/a-z/'v'/?q=a%20b~– a"},
		{"URL with a one-letter segment", "na https://x.cz/v 5 km", "na https://x.cz/v 5~km"},
		{"www", "web www.lipova.cz/o a", "web www.lipova.cz/o a"},
		{"e-mail", "pište na radnice@lipova-sobe.cz a", "pište na radnice@lipova-sobe.cz a"},
		{"e-mail in brackets", "(k@lipova.cz) a", "(k@lipova.cz) a"},
		{"already correct", "v~Praze za 5~000~Kč, tzv.~„byty“~– hl.~m.", "v~Praze za 5~000~Kč, tzv.~„byty“~– hl.~m."},
		{"empty", "", ""},
	})
}

// TestAcrossInlines checks that context crosses inline boundaries and that
// code and link targets are kept.
func TestAcrossInlines(t *testing.T) {
	tests := []struct {
		name string
		in   []doc.Inline
		want string // JSON of the result, "~" for a no-break space
	}{
		{
			name: "preposition before bold",
			in:   []doc.Inline{&doc.Text{Text: "bydlím v "}, &doc.Strong{Content: []doc.Inline{&doc.Text{Text: "Praze"}}}},
			want: `[{"type":"text","text":"bydlím v~"},{"type":"strong","content":[{"type":"text","text":"Praze"}]}]`,
		},
		{
			name: "preposition inside bold",
			in:   []doc.Inline{&doc.Strong{Content: []doc.Inline{&doc.Text{Text: "a v"}}}, &doc.Text{Text: " Praze"}},
			want: `[{"type":"strong","content":[{"type":"text","text":"a~v"}]},{"type":"text","text":"~Praze"}]`,
		},
		{
			name: "quote across inlines",
			in: []doc.Inline{&doc.Text{Text: `heslo "`}, &doc.Emphasis{Content: []doc.Inline{&doc.Text{Text: "Zpomal"}}},
				&doc.Text{Text: `" platí`}},
			want: `[{"type":"text","text":"heslo „"},{"type":"emphasis","content":[{"type":"text","text":"Zpomal"}]},{"type":"text","text":"“ platí"}]`,
		},
		{
			name: "code kept",
			in:   []doc.Inline{&doc.Text{Text: "příkaz "}, &doc.Code{Text: `echo "v a" - x`}, &doc.Text{Text: " a dál"}},
			want: `[{"type":"text","text":"příkaz "},{"type":"code","text":"echo \"v a\" - x"},{"type":"text","text":" a~dál"}]`,
		},
		{
			name: "quote after code closes",
			in:   []doc.Inline{&doc.Text{Text: `"`}, &doc.Code{Text: "x"}, &doc.Text{Text: `" a`}},
			want: `[{"type":"text","text":"„"},{"type":"code","text":"x"},{"type":"text","text":"“ a"}]`,
		},
		{
			name: "link target kept, link text processed",
			in: []doc.Inline{&doc.Text{Text: "na "}, &doc.Link{URL: `https://x.cz/"v a"`, Content: []doc.Inline{&doc.Text{Text: "stránce v obci"}}},
				&doc.Text{Text: " a"}},
			want: `[{"type":"text","text":"na "},{"type":"link","url":"https://x.cz/\"v a\"","content":[{"type":"text","text":"stránce v~obci"}]},{"type":"text","text":" a"}]`,
		},
		{
			name: "autolink text kept",
			in:   []doc.Inline{&doc.Link{URL: "mailto:a@b.cz", Content: []doc.Inline{&doc.Text{Text: "a@b.cz"}}}},
			want: `[{"type":"link","url":"mailto:a@b.cz","content":[{"type":"text","text":"a@b.cz"}]}]`,
		},
		{
			name: "line break is a space but not written",
			in:   []doc.Inline{&doc.Text{Text: "konec"}, &doc.LineBreak{}, &doc.Text{Text: `"v lese"`}},
			want: `[{"type":"text","text":"konec"},{"type":"break"},{"type":"text","text":"„v~lese“"}]`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Inlines(tt.in)
			b, err := json.Marshal(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got, want := string(b), nb(tt.want); got != want {
				t.Errorf("\n got %s\nwant %s", got, want)
			}
			Inlines(tt.in)
			if again, _ := json.Marshal(tt.in); string(again) != string(b) {
				t.Errorf("not idempotent:\n%s", again)
			}
		})
	}
}

func sampleProgramme(lang string) *doc.Programme {
	return &doc.Programme{
		UID: "p", Title: "Program pro Lipovou a okolí", Language: lang,
		Chapters: []*doc.Chapter{{
			Title:       "Doprava v centru",
			Description: "Jak na dopravu - shrnutí",
			Garant:      &doc.Person{UID: "a.b", Name: "Jan a Eva Nováčkovi"},
			Image:       &doc.Image{Src: "x.png", Alt: "Autobus u nádraží"},
			Intro:       []doc.Inline{&doc.Text{Text: "Každý den projede 5 000 aut."}},
			Blocks: []doc.Block{
				&doc.Heading{Level: 1, Content: []doc.Inline{&doc.Text{Text: "1. Doprava v centru"}}},
				&doc.Lead{Content: []doc.Inline{&doc.Text{Text: "Zklidníme náměstí a průtah."}}},
				&doc.Section{Title: "Kontext k datům", Blocks: []doc.Block{
					&doc.Quote{Blocks: []doc.Block{&doc.List{Items: []*doc.ListItem{{Blocks: []doc.Block{
						&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "v létě až 7 000"}}},
					}}}}}},
				}},
				&doc.Table{
					Header: [][]doc.Inline{{&doc.Text{Text: "Úsek a čas"}}},
					Rows:   [][][]doc.Inline{{{&doc.Text{Text: "z centra"}}}},
				},
				&doc.ImageBlock{Image: doc.Image{Src: "y.jpg", Alt: "Pohled z mostu"}},
			},
		}},
	}
}

func TestProgramme(t *testing.T) {
	p := sampleProgramme("cs")
	Programme(p)
	c := p.Chapters[0]
	got := map[string]string{
		"programme title": p.Title,
		"title":           c.Title,
		"description":     c.Description,
		"picture":         c.Image.Alt,
		"intro":           doc.PlainText(c.Intro),
		"heading":         doc.PlainText(c.Blocks[0].(*doc.Heading).Content),
		"lead":            doc.PlainText(c.Blocks[1].(*doc.Lead).Content),
		"section title":   c.Blocks[2].(*doc.Section).Title,
		"nested":          doc.PlainText(c.Blocks[2].(*doc.Section).Blocks[0].(*doc.Quote).Blocks[0].(*doc.List).Items[0].Blocks[0].(*doc.Paragraph).Content),
		"table header":    doc.PlainText(c.Blocks[3].(*doc.Table).Header[0]),
		"table cell":      doc.PlainText(c.Blocks[3].(*doc.Table).Rows[0][0]),
		"image block":     c.Blocks[4].(*doc.ImageBlock).Alt,
		"garant":          c.Garant.Name,
	}
	want := map[string]string{
		"programme title": "Program pro Lipovou a~okolí",
		"title":           "Doprava v~centru",
		"description":     "Jak na dopravu~– shrnutí",
		"picture":         "Autobus u~nádraží",
		"intro":           "Každý den projede 5~000 aut.",
		"heading":         "1. Doprava v~centru",
		"lead":            "Zklidníme náměstí a~průtah.",
		"section title":   "Kontext k~datům",
		"nested":          "v~létě až 7~000",
		"table header":    "Úsek a~čas",
		"table cell":      "z~centra",
		"image block":     "Pohled z~mostu",
		"garant":          "Jan a Eva Nováčkovi", // names are printed as written
	}
	for k, w := range want {
		if g := got[k]; g != nb(w) {
			t.Errorf("%s: got %q, want %q", k, g, nb(w))
		}
	}
}

func TestProgrammeLanguages(t *testing.T) {
	tests := []struct {
		lang    string
		changed bool
	}{
		{"", true},
		{"cs", true},
		{"CS", true},
		{"cs-CZ", true},
		{"en", false},
		{"en-GB", false},
		{"sk", false},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			p := sampleProgramme(tt.lang)
			before, _ := json.Marshal(p)
			Programme(p)
			after, _ := json.Marshal(p)
			if changed := string(before) != string(after); changed != tt.changed {
				t.Errorf("language %q: changed %v, want %v", tt.lang, changed, tt.changed)
			}
		})
	}
	Programme(nil) // must not panic
}

func TestEnglishUntouched(t *testing.T) {
	text := `We will ask the region to ban lorries over 12 t - they use our streets. A "walking bus" for 5 000 children, a bus at 18:40.`
	p := &doc.Programme{Language: "en", Chapters: []*doc.Chapter{{
		Title: "A safe way to school", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: text}}}},
	}}}
	Programme(p)
	if got := p.Chapters[0].Blocks[0].(*doc.Paragraph).Content[0].(*doc.Text).Text; got != text {
		t.Errorf("English text changed:\n%q", got)
	}
	if p.Chapters[0].Title != "A safe way to school" {
		t.Errorf("English title changed: %q", p.Chapters[0].Title)
	}
}

func TestListsDocumented(t *testing.T) {
	for _, u := range []string{"%", "Kč", "km", "m²", "°C", "mil."} {
		if !contains(Units(), u) {
			t.Errorf("Units() lacks %q", u)
		}
	}
	before, inside := Abbreviations()
	for _, a := range []string{"hl. m.", "č.", "tzv.", "tj.", "např."} {
		if !contains(before, a) {
			t.Errorf("Abbreviations() lacks %q", a)
		}
	}
	if !contains(inside, "s. r. o.") {
		t.Error(`Abbreviations() lacks "s. r. o."`)
	}
	Units()[0] = "changed"
	if contains(Units(), "changed") {
		t.Error("Units() returns the package's own slice")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
