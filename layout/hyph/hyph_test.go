package hyph

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"
)

// czechWords lists Czech words with the breaks the hyph-cs patterns give
// under TeX's Czech typesetting minimums (2 letters before, 3 after).
// The expected column was not produced by this package: it comes from a
// separate, deliberately naive Liang implementation (a Python dictionary
// scan over every substring of the dotted word), and the words marked
// "hand" were traced pattern by pattern against patterns/hyph-cs.pat.txt:
//
//	rozpočet: .r2 o2z oz3p z1 2z2p p1 1oč ... giving roz-po-čet
//	chudoba: .ch2 (no break inside "ch" at the start) 1chu u1 2u2d
//	  u3do oba 3ba. a2. giving chu-do-ba, and the right minimum drops -ba
//	nejlepší: ne2j 2j1l p1 2pš giving nej-lepší (lep-ší is in the last 3)
//	spravedlnost: 2av a1 1v 1dln ed1l 2ln 1n: the 2 of 2ln overrides ed1l,
//	  so spra-ve-dl-nost (the patterns, not Czech grammar, decide)
//	nejméně: ne2j ej1m j2m: the 2 of j2m forbids nej-méně
//	koeficient, projekční, úhlopříčka: from the exceptions file
var czechWords = []struct {
	word, want string
}{
	{"rozvoj", "roz-voj"},
	{"rozpočet", "roz-po-čet"}, // hand
	{"rozhodnutí", "roz-hod-nutí"},
	{"rozšíření", "roz-ší-ření"},
	{"přestavba", "pře-stavba"},
	{"přerozdělení", "pře-roz-dě-lení"},
	{"předseda", "před-seda"},
	{"nejlepší", "nej-lepší"}, // hand
	{"nejvyšší", "nej-vyšší"},
	{"nejdůležitější", "nej-dů-le-ži-tější"},
	{"nejméně", "nejméně"}, // hand
	{"chodník", "chod-ník"},
	{"chráněný", "chrá-něný"},
	{"chudoba", "chu-doba"}, // hand
	{"architektura", "ar-chi-tek-tura"},
	{"technologie", "tech-no-lo-gie"},
	{"mechanismus", "me-cha-nis-mus"},
	{"chemie", "che-mie"},
	{"zachovat", "za-cho-vat"},
	{"ochrana", "ochrana"},
	{"vzdělávání", "vzdě-lá-vání"},
	{"zastupitelstvo", "za-stu-pi-tel-stvo"},
	{"samospráva", "sa-mo-správa"},
	{"veřejný", "ve-řejný"},
	{"doprava", "do-prava"},
	{"bydlení", "byd-lení"},
	{"zdravotnictví", "zdra-vot-nic-tví"},
	{"spravedlnost", "spra-ve-dl-nost"}, // hand
	{"participace", "par-ti-ci-pace"},
	{"odpovědnost", "od-po-věd-nost"},
	{"udržitelnost", "udr-ži-tel-nost"},
	{"obyvatel", "oby-va-tel"},
	{"prostředí", "pro-středí"},
	{"program", "pro-gram"},
	{"dálnice", "dál-nice"},
	{"přesvědčit", "pře-svěd-čit"},
	{"politický", "po-li-tický"},
	{"republika", "re-pub-lika"},
	{"demokracie", "de-mo-kra-cie"},
	{"koeficient", "koe-fi-ci-ent"},   // exception
	{"koeficienty", "koe-fi-ci-enty"}, // exception
	{"projekční", "pro-jek-ční"},      // exception
	{"úhlopříčka", "úhlo-příčka"},     // exception, -ka dropped by the minimum
	// Case does not matter; the token keeps its own case.
	{"Rozpočet", "Roz-po-čet"},
	{"Chudoba", "Chu-doba"},
	{"PřEROZdělení", "PřE-ROZ-dě-lení"},
	// Short words never break.
	{"a", "a"},
	{"se", "se"},
	{"pro", "pro"},
	{"však", "však"},
	{"mají", "mají"},
	{"města", "města"},
	{"klima", "klima"},
}

func TestCzech(t *testing.T) {
	p := Czech()
	for _, tt := range czechWords {
		if got := p.Hyphenate(tt.word, "-"); got != tt.want {
			t.Errorf("Hyphenate(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestCzechDigraph checks that no break ever splits the digraph ch.
func TestCzechDigraph(t *testing.T) {
	p := Czech()
	for _, w := range []string{"architektura", "technologie", "mechanismus", "chudoba", "zachovat", "ochrana",
		"psychologie", "charakteristika", "nejchudší", "rozcházet", "vychovatelka", "Chrudimsko"} {
		runes := []rune(strings.ToLower(w))
		for _, k := range p.Points(w) {
			if runes[k-1] == 'c' && runes[k] == 'h' {
				t.Errorf("%q breaks inside ch: %s", w, p.Hyphenate(w, "-"))
			}
		}
	}
}

// TestLooserMinimums shows what the patterns allow without the right
// minimum of 3 (same naive Liang computation as czechWords).
func TestLooserMinimums(t *testing.T) {
	p := Czech().WithMinimums(2, 2)
	for _, tt := range []struct{ word, want string }{
		{"politický", "po-li-tic-ký"},
		{"úhlopříčka", "úhlo-příč-ka"},
		{"chudoba", "chu-do-ba"},
		{"města", "měs-ta"},
		{"doprava", "do-pra-va"},
	} {
		if got := p.Hyphenate(tt.word, "-"); got != tt.want {
			t.Errorf("WithMinimums(2, 2).Hyphenate(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	if l, r := Czech().Minimums(); l != 2 || r != 3 {
		t.Errorf("Czech().Minimums() = %d, %d; WithMinimums changed the shared patterns", l, r)
	}
}

// TestMinimums checks every break in a long list keeps 2 letters before
// and 3 after.
func TestMinimums(t *testing.T) {
	p := Czech()
	for _, tt := range czechWords {
		n := utf8.RuneCountInString(tt.word)
		for _, k := range p.Points(tt.word) {
			if k < 2 || n-k < 3 {
				t.Errorf("%q: break at %d leaves %d and %d letters", tt.word, k, k, n-k)
			}
		}
	}
}

func TestTokens(t *testing.T) {
	p := Czech()
	tests := []struct {
		token string
		want  []int
	}{
		{"„rozpočet“,", []int{4, 6}},       // „roz-po-čet“,
		{"(přerozdělení)", []int{4, 7, 9}}, // (pře-roz-dě-lení)
		{"rozvoj.", []int{3}},              // roz-voj.
		{"česko-slovenský", []int{9, 12}},  // česko-slo-ven-ský
		{"roz\u00advoj", []int{4}},         // soft hyphen: only there
		{"www.rozpocet.cz", nil},
		{"rozpočet2024", nil},
		{"", nil},
		{"…", nil},
	}
	for _, tt := range tests {
		if got := p.Points(tt.token); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Points(%q) = %v, want %v", tt.token, got, tt.want)
		}
	}
	if got := p.Hyphenate("„přerozdělení“,", "-"); got != "„pře-roz-dě-lení“," {
		t.Errorf("Hyphenate with quotes = %q", got)
	}
}

func TestEnglish(t *testing.T) {
	p := English()
	for _, tt := range []struct{ word, want string }{
		// From Knuth's hyphen.tex exceptions and well-known TeX results.
		{"associate", "as-so-ciate"},
		{"project", "project"},
		{"table", "ta-ble"},
		{"representation", "rep-re-sen-ta-tion"},
		{"hyphenation", "hy-phen-ation"},
		{"Transparency", "Trans-parency"},
	} {
		if got := p.Hyphenate(tt.word, "-"); got != tt.want {
			t.Errorf("English Hyphenate(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestForLanguage(t *testing.T) {
	for _, tt := range []struct {
		lang string
		want *Patterns
	}{
		{"cs", Czech()}, {"cs-CZ", Czech()}, {"CS_cz", Czech()},
		{"en", English()}, {"en-GB", English()}, {"en_US", English()},
		{"de", nil}, {"sk", nil}, {"", nil},
	} {
		if got := ForLanguage(tt.lang); got != tt.want {
			t.Errorf("ForLanguage(%q) = %v", tt.lang, got)
		}
	}
	var none *Patterns
	if none.Points("rozpočet") != nil || none.Hyphenate("rozpočet", "-") != "rozpočet" {
		t.Error("nil Patterns must hyphenate nothing")
	}
}

func TestBreakable(t *testing.T) {
	for _, tt := range []struct {
		token string
		want  bool
	}{
		{"rozpočet", true},
		{"„města“,", true},
		{"Praha", true},
		{"(přerozdělení)", true},
		{"česko-slovenský", true},
		{"https://www.pirati.cz/program", false},
		{"www.pirati.cz", false},
		{"pirati.cz", false},
		{"info@pirati.cz", false},
		{"2024", false},
		{"5G", false},
		{"H2O", false},
		{"/usr/share", false},
		{"ČSSD", false},
		{"NATO", false},
		{"EU,", false},
		{"", false},
		{"–", false},
	} {
		if got := Breakable(tt.token); got != tt.want {
			t.Errorf("Breakable(%q) = %v, want %v", tt.token, got, tt.want)
		}
	}
}

func TestParse(t *testing.T) {
	// The example of Liang's thesis: hy3ph, he2n, hena4, hen5at, 1na,
	// n2at, 1tio, 2io, o2n give hy-phen-ation.
	p := Parse("en", []byte("% test\nhy3ph he2n hena4\nhen5at 1na n2at\n1tio 2io o2n\n"), []byte("ta-ble\n"), 2, 3)
	if got := p.Hyphenate("hyphenation", "-"); got != "hy-phen-ation" {
		t.Errorf("Liang's example: %q", got)
	}
	if got := p.Hyphenate("tables", "-"); got != "tables" {
		t.Errorf("an exception must match the whole word: %q", got)
	}
	if got := p.WithMinimums(2, 2).Hyphenate("table", "-"); got != "ta-ble" {
		t.Errorf("exception: %q", got)
	}
}

func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, tt := range czechWords {
				if got := ForLanguage("cs").Hyphenate(tt.word, "-"); got != tt.want {
					t.Errorf("concurrent Hyphenate(%q) = %q", tt.word, got)
				}
			}
		}()
	}
	wg.Wait()
}

func BenchmarkPoints(b *testing.B) {
	p := Czech()
	words := strings.Fields("Program pro nejdůležitější rozhodnutí zastupitelstva: transparentnost, " +
		"odpovědnost, spravedlnost a udržitelnost „veřejných“ rozpočtů v architektuře samosprávy.")
	b.ReportAllocs()
	for b.Loop() {
		for _, w := range words {
			p.Points(w)
		}
	}
}

func ExamplePatterns_Hyphenate() {
	cs := Czech()
	fmt.Println(cs.Hyphenate("nejdůležitější", "-"))
	fmt.Println(cs.Hyphenate("„přerozdělení“,", "-"))
	fmt.Println(cs.Hyphenate("www.pirati.cz", "-"))
	// Output:
	// nej-dů-le-ži-tější
	// „pře-roz-dě-lení“,
	// www.pirati.cz
}

func ExamplePatterns_Points() {
	fmt.Println(Czech().Points("(rozpočet)"))
	// Output: [4 6]
}

func TestOwnExceptions(t *testing.T) {
	cs := Czech().WithMinimums(2, 2)
	for word, want := range map[string]string{
		"Pirátům":        "Pirátům",
		"pirátská":       "pirátská",
		"Evropě":         "Evro-pě",
		"aktivitu":       "akti-vi-tu",
		"(Praze),":       "(Praze),",
		"nejdůležitější": "nej-dů-le-ži-těj-ší",
	} {
		if got := cs.Hyphenate(word, "-"); got != want {
			t.Errorf("%s: got %s, want %s", word, got, want)
		}
	}
	own := Czech().WithExceptions([]string{"Lipo-vá", "Sázava", "bad entry", "-x", "x-"}).WithMinimums(2, 2)
	if got := own.Hyphenate("Lipová", "-"); got != "Lipo-vá" {
		t.Errorf("a template's exception: Lipová → %s", got)
	}
	if got := own.Hyphenate("Sázavou", "-"); got != cs.Hyphenate("Sázavou", "-") {
		t.Errorf("an exception changed another form: %s", got)
	}
	if got := cs.Hyphenate("Lipová", "-"); got == "Lipo-vá" {
		t.Error("a template's exception leaked into the shared Czech patterns")
	}
}

// TestParseTables checks Parse's tables against a plain reading of the
// embedded pattern files (a pattern's letters, lower-cased, and the value
// before, between and after them).
func TestParseTables(t *testing.T) {
	for _, file := range []string{"hyph-cs", "hyph-en-us"} {
		pat, err := patternFiles.ReadFile("patterns/" + file + ".pat.txt")
		if err != nil {
			t.Fatal(err)
		}
		p := Parse("xx", pat, nil, 2, 3)
		want, maxLen := map[string][]byte{}, 0
		for _, line := range strings.Split(string(pat), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "%") {
				continue
			}
			for _, f := range strings.Fields(line) {
				var letters []rune
				vals := []byte{0}
				for _, r := range f {
					if r >= '0' && r <= '9' {
						vals[len(vals)-1] = byte(r - '0')
						continue
					}
					letters = append(letters, unicode.ToLower(r))
					vals = append(vals, 0)
				}
				if len(letters) > 0 {
					want[string(letters)] = vals
					maxLen = max(maxLen, len(vals)-1)
				}
			}
		}
		if len(p.values) != len(want) || p.maxLen != maxLen {
			t.Errorf("%s: %d patterns, longest %d; want %d, %d", file, len(p.values), p.maxLen, len(want), maxLen)
		}
		for k, v := range want {
			if got := p.values[k]; !bytes.Equal(got, v) {
				t.Errorf("%s: pattern %q: values %v, want %v", file, k, got, v)
			}
		}
	}
}

func BenchmarkParse(b *testing.B) {
	pat, err := patternFiles.ReadFile("patterns/hyph-cs.pat.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		Parse("cs", pat, nil, 2, 3)
	}
}
