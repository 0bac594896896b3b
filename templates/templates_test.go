package templates

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuiltins(t *testing.T) {
	names := Names()
	for _, want := range []string{"a4-newspaper", "a5-booklet", "dl-leaflet"} {
		if !contains(names, want) {
			t.Errorf("Names() = %q, lacks %q", names, want)
		}
	}
	if contains(names, "defaults") {
		t.Errorf("Names() lists the defaults file: %q", names)
	}
	tests := []struct {
		name          string
		width, height float64
		columns       int
		content       string
		pages, padTo  int
	}{
		{"a5-booklet", 148, 210, 2, ContentFull, 0, 4},
		{"a4-newspaper", 210, 297, 3, ContentFull, 0, 2},
		{"dl-leaflet", 99, 210, 1, ContentSummary, 2, 2},
	}
	for _, tc := range tests {
		tp, err := Builtin(tc.name)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		p := tp.Page
		if tp.Name != tc.name || p.Width != tc.width || p.Height != tc.height || p.Columns != tc.columns ||
			tp.Content != tc.content || p.Pages != tc.pages || p.PadTo != tc.padTo || p.Bleed != 3 {
			t.Errorf("%s: got %s %gx%g mm, %d columns, %s, pages %d, pad %d, bleed %g", tc.name, tp.Name,
				p.Width, p.Height, p.Columns, tp.Content, p.Pages, p.PadTo, p.Bleed)
		}
		if k := tp.Colours.Text.CMYKValues(); k != [4]float64{0, 0, 0, 100} {
			t.Errorf("%s: text colour is %v in CMYK, want pure black 0/0/0/100", tc.name, k)
		}
		if tp.File != "builtin:"+tc.name {
			t.Errorf("%s: File = %q", tc.name, tp.File)
		}
	}
	// Each call gives a copy of its own.
	a, _ := Builtin("a5-booklet")
	a.Sizes.Headings[0] = 99
	b, _ := Builtin("a5-booklet")
	if b.Sizes.Headings[0] == 99 {
		t.Error("Builtin shares its values between calls")
	}
}

func TestUnknownBuiltin(t *testing.T) {
	for _, name := range []string{"a3-poster", "defaults", "", "../templates"} {
		_, err := Builtin(name)
		if err == nil || !strings.Contains(err.Error(), "a5-booklet") {
			t.Errorf("Builtin(%q) = %v, want an error listing the built-in names", name, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		says       []string
	}{
		{"unknown key", "base: a5-booklet\npage:\n  colums: 3\n", 3, []string{"colums", "README"}},
		{"unknown top key", "name: x\nfont:\n  body: Roboto-Regular\n", 2, []string{"font"}},
		{"negative margin", "page:\n  margins:\n    top: -3\n", 3, []string{"page.margins.top", "negative"}},
		{"no columns", "page:\n  columns: 0\n", 2, []string{"page.columns", "between 1 and 8"}},
		{"unknown face", "fonts:\n  body: Arial\n", 2, []string{"fonts.body", "Arial", "Roboto-Regular"}},
		{"content", "content: teaser\n", 1, []string{"content", "full", "summary"}},
		{"bad colour", "colours:\n  brand: {rgb: \"blue\", cmyk: [1, 2, 3, 4]}\n", 2, []string{"colours.brand.rgb", "#rrggbb"}},
		{"cmyk range", "colours:\n  brand: {rgb: \"#112233\", cmyk: [1, 2, 300, 4]}\n", 2, []string{"colours.brand.cmyk", "0 to 100"}},
		{"min body", "sizes:\n  body: 9\n  min_body: 10\n", 3, []string{"sizes.min_body", "larger"}},
		{"wrong type", "page:\n  columns: two\n", 2, nil},
		{"syntax", "page:\n  width: 148\n   height: 3\n", -1, nil},
		{"pictures", "print:\n  pictures: srgb\n", 2, []string{"print.pictures", "keep-rgb"}},
		{"unknown base", "base: a3-poster\n", 1, []string{"a3-poster", "a5-booklet"}},
		{"max body", "sizes:\n  body: 9\n  max_body: 8\n", 3, []string{"sizes.max_body", "smaller"}},
		{"summary paragraphs", "summary:\n  paragraphs: -1\n", 2, []string{"summary.paragraphs", "negative"}},
		{"garant position", "chapter:\n  garant:\n    position: bottom\n", 3, []string{"chapter.garant.position", "end", "foot"}},
		{"footer pages", "footer:\n  pages: first\n", 2, []string{"footer.pages", "last", "all"}},
		{"max columns", "overview:\n  columns: 2\n  max_columns: 1\n", 3, []string{"overview.max_columns", "between"}},
		{"min card height", "overview:\n  card_height: 50\n  min_card_height: 60\n", 3, []string{"overview.min_card_height", "larger"}},
		{"grow to", "chapter:\n  picture:\n    grow_to: -5\n", 3, []string{"chapter.picture.grow_to", "negative"}},
		{"infinite page", "page:\n  width: .inf\n", 2, []string{"page.width", "positive"}},
		{"nan page", "page:\n  height: .nan\n", 2, []string{"page.height", "positive"}},
		{"huge page", "page:\n  width: 5001\n", 2, []string{"page.width", "5 m"}},
		{"absurd page", "page:\n  height: 1e300\n", 2, []string{"page.height", "5 m"}},
	}
	for _, tc := range tests {
		_, err := Parse("mine.yaml", []byte(tc.yaml))
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		var te *Error
		if !errors.As(err, &te) {
			t.Errorf("%s: %T %v, want *Error", tc.name, err, err)
			continue
		}
		if te.File != "mine.yaml" || (tc.line > 0 && te.Line != tc.line) || te.Line <= 0 {
			t.Errorf("%s: error at %s:%d, want mine.yaml:%d (%v)", tc.name, te.File, te.Line, tc.line, err)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "mine.yaml:") {
			t.Errorf("%s: %q does not start with the file", tc.name, msg)
		}
		for _, s := range tc.says {
			if !strings.Contains(msg, s) {
				t.Errorf("%s: %q does not say %q", tc.name, msg, s)
			}
		}
	}
}

func TestBaseAndDefaults(t *testing.T) {
	tp, err := Parse("mine", []byte("base: a5-booklet\nsizes:\n  body: 9.5\ncolours:\n  brand: {rgb: \"#660099\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	a5, _ := Builtin("a5-booklet")
	if tp.Sizes.Body != 9.5 || tp.Sizes.Lead != a5.Sizes.Lead || tp.Page.Columns != 2 || !tp.Cover.Enabled {
		t.Errorf("base not applied: body %g lead %g columns %d cover %v", tp.Sizes.Body, tp.Sizes.Lead, tp.Page.Columns, tp.Cover.Enabled)
	}
	if tp.Name != "mine" || tp.Base != "a5-booklet" {
		t.Errorf("name %q base %q", tp.Name, tp.Base)
	}
	r, g, b := tp.Colours.Brand.RGBValues()
	if r != 0x66 || g != 0 || b != 0x99 {
		t.Errorf("brand %d %d %d", r, g, b)
	}
	// CMYK derived from RGB when left out.
	if k := tp.Colours.Brand.CMYKValues(); k != [4]float64{33.3, 100, 0, 40} {
		t.Errorf("derived CMYK %v", k)
	}
	// Without a base, the defaults fill what the file leaves out.
	tp, err = Parse("small", []byte("page: {width: 100, height: 150, columns: 1}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if tp.Page.Bleed != 3 || tp.Fonts.Display != "BebasNeue-Regular" || tp.Content != ContentFull || len(tp.Sizes.Headings) == 0 {
		t.Errorf("defaults not applied: %+v", tp.Page)
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "letak.yaml")
	if err := os.WriteFile(path, []byte("base: dl-leaflet\npage:\n  pages: 4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tp, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if tp.Name != "letak" || tp.Page.Pages != 4 || tp.Page.Width != 99 || tp.File != path {
		t.Errorf("got %q pages %d width %g file %q", tp.Name, tp.Page.Pages, tp.Page.Width, tp.File)
	}
	if err := os.WriteFile(path, []byte("page:\n  pages: -1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = Load(path)
	if err == nil || !strings.Contains(err.Error(), path+":2") {
		t.Errorf("Load of a bad file: %v, want the path and line 2", err)
	}
	if _, err := Load(filepath.Join(dir, "none.yaml")); err == nil || !strings.Contains(err.Error(), "a5-booklet") {
		t.Errorf("Load of a missing file: %v", err)
	}
}

func TestColumnWidth(t *testing.T) {
	tp, _ := Builtin("a5-booklet")
	// (148 - 15 - 12 - 5) / 2
	if w := tp.ColumnWidth(); w != 58 {
		t.Errorf("column width %g mm, want 58", w)
	}
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}

func ExampleParse() {
	t, err := Parse("flyer.yaml", []byte(`
base: dl-leaflet
campaign: {name: "Lipová sobě", web: "lipova-sobe.cz"}
sizes:
  body: 10
`))
	if err != nil {
		panic(err)
	}
	fmt.Println(t.Name, t.Page.Width, t.Page.Height, t.Page.Pages, t.Sizes.Body, t.Content)
	_, err = Parse("flyer.yaml", []byte("page:\n  colums: 2\n"))
	fmt.Println(err)
	// Output:
	// flyer.yaml 99 210 2 10 summary
	// flyer.yaml:2:3: unknown key "colums"; check the spelling against the keys in templates/README.md
}
