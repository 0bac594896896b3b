package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

// czechLetters is every letter of Czech with a diacritic, both cases.
const czechLetters = "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"

// czechPunctuation is what Czech typesetting needs beyond ASCII: quotes,
// dashes, no-break space, ellipsis, section, euro, superscript two.
const czechPunctuation = "„“‚‘–—\u00a0…§€²"

var czechSamples = []string{
	"Příliš žluťoučký kůň úpěl ďábelské ódy.",
	"PŘÍLIŠ ŽLUŤOUČKÝ KŮŇ ÚPĚL ĎÁBELSKÉ ÓDY",
	"„Město pro lidi“ – 2 500 € za m², § 14… ‚a‘ — konec",
	"Zelená úsporám: chytrá řešení pro obce",
	"x",
	"",
}

func TestNamesLoad(t *testing.T) {
	names := Names()
	if len(names) != 7 {
		t.Fatalf("Names() = %v, want the 7 embedded faces", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			f, err := Load(name)
			if err != nil {
				t.Fatal(err)
			}
			if f.Name() != name {
				t.Errorf("Name() = %q", f.Name())
			}
			if a := f.Ascent(10); a < 5 || a > 12 {
				t.Errorf("Ascent(10) = %v, want a plausible 5..12 pt", a)
			}
			if d := f.Descent(10); d <= 0 || d > 5 {
				t.Errorf("Descent(10) = %v, want a positive value below 5 pt", d)
			}
			if c := f.CapHeight(10); c < 5 || c >= f.Ascent(10) {
				t.Errorf("CapHeight(10) = %v, want between 5 pt and the ascent %v", c, f.Ascent(10))
			}
			if x := f.XHeight(10); x <= 0 || x > f.CapHeight(10)+1e-9 {
				t.Errorf("XHeight(10) = %v, want positive and at most the cap height", x)
			}
			if f.LineGap(10) < 0 {
				t.Errorf("LineGap(10) = %v, want >= 0", f.LineGap(10))
			}
			again, _ := Load(name)
			if again != f {
				t.Error("Load does not cache the face")
			}
		})
	}
}

func TestUnknownFace(t *testing.T) {
	for _, name := range []string{"", "Roboto", "Arial", "../go.mod"} {
		if _, err := TTF(name); err == nil || !strings.Contains(err.Error(), Regular) {
			t.Errorf("TTF(%q) error = %v, want one that lists the faces", name, err)
		}
		if _, err := Load(name); err == nil {
			t.Errorf("Load(%q) succeeded", name)
		}
	}
}

// TestTrueTypeOutlines checks every embedded file is a TrueType font with
// glyf outlines, the only kind the PDF writer embeds.
func TestTrueTypeOutlines(t *testing.T) {
	for _, name := range Names() {
		b, err := TTF(name)
		if err != nil {
			t.Fatal(err)
		}
		if v := binary.BigEndian.Uint32(b); v != 0x00010000 {
			t.Errorf("%s: sfnt version %#x, want TrueType 0x00010000", name, v)
		}
		tables := map[string]bool{}
		n := int(binary.BigEndian.Uint16(b[4:]))
		for i := 0; i < n; i++ {
			tables[string(b[12+16*i:16+16*i])] = true
		}
		for _, tag := range []string{"glyf", "loca", "hmtx", "cmap"} {
			if !tables[tag] {
				t.Errorf("%s: no %s table", name, tag)
			}
		}
		if tables["CFF "] {
			t.Errorf("%s: still has CFF outlines", name)
		}
	}
}

// TestCzechCoverage proves every face, Bebas Neue included, has a glyph for
// every Czech letter and the punctuation Czech typesetting uses.
func TestCzechCoverage(t *testing.T) {
	for _, name := range Names() {
		f := MustLoad(name)
		if m := f.Missing(czechLetters + czechPunctuation + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?-()%/&@"); len(m) > 0 {
			t.Errorf("%s lacks %q", name, string(m))
		}
	}
}

func TestHas(t *testing.T) {
	f := MustLoad(Regular)
	tests := []struct {
		r    rune
		want bool
	}{
		{'a', true},
		{'ř', true},
		{'\u00a0', true},
		{0, false},
		{'\uFFFF', false},
		{'\U0001F600', false}, // beyond the BMP: the faces have no emoji
		{'\uE000', false},     // private use
	}
	for _, tt := range tests {
		if got := f.Has(tt.r); got != tt.want {
			t.Errorf("Has(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

// TestAdvanceMatchesFont checks that our measure is the font's own
// advance (read by golang.org/x/image/font/sfnt, not by this package's
// tables) rounded to thousandths of an em, which the PDF's /W array holds.
func TestAdvanceMatchesFont(t *testing.T) {
	for _, name := range Names() {
		f := MustLoad(name)
		b, _ := TTF(name)
		fnt, err := sfnt.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		upem := fnt.UnitsPerEm()
		for _, s := range append(czechSamples, czechLetters, czechPunctuation) {
			for _, r := range s {
				gi, err := fnt.GlyphIndex(&buf, r)
				if err != nil || gi == 0 {
					t.Errorf("%s: no glyph for %q", name, r)
					continue
				}
				if g := f.Glyph(r); g != uint16(gi) {
					t.Errorf("%s: Glyph(%q) = %d, sfnt says %d", name, r, g, gi)
				}
				adv, err := fnt.GlyphAdvance(&buf, gi, fixed.Int26_6(upem), font.HintingNone)
				if err != nil {
					t.Fatal(err)
				}
				want := math.Round(1000 * float64(adv) / float64(upem))
				if got := f.RuneAdvance(r, 10) * 100; math.Abs(got-want) > 1e-9 {
					t.Errorf("%s: RuneAdvance(%q) = %v thousandths, font says %v", name, r, got, want)
				}
				if got := f.GlyphWidth(uint16(gi)); float64(got) != want {
					t.Errorf("%s: GlyphWidth(%d) = %d, font says %v", name, gi, got, want)
				}
			}
		}
		for _, s := range czechSamples {
			var sum float64
			for _, r := range s {
				sum += f.RuneAdvance(r, 9.5)
			}
			if math.Abs(sum-f.Advance(s, 9.5)) > 1e-6 {
				t.Errorf("%s: sum of RuneAdvance(%q) = %v, Advance = %v", name, s, sum, f.Advance(s, 9.5))
			}
		}
	}
}

// TestAdvanceIsAdditive: the width of a line is the sum of its words'.
func TestAdvanceIsAdditive(t *testing.T) {
	f := MustLoad(Condensed)
	words := strings.Fields(czechSamples[0])
	var sum float64
	for i, w := range words {
		if i > 0 {
			sum += f.Advance(" ", 10)
		}
		sum += f.Advance(w, 10)
	}
	if got := f.Advance(czechSamples[0], 10); math.Abs(got-sum) > 1e-9 {
		t.Errorf("Advance(line) = %v, sum of parts = %v", got, sum)
	}
	if f.Advance("ab", 20) <= f.Advance("ab", 10) {
		t.Error("Advance does not grow with size")
	}
	if MustLoad(Bold).Advance("Město", 10) <= MustLoad(Condensed).Advance("Město", 10) {
		t.Error("Roboto Bold is not wider than Roboto Condensed")
	}
}

// TestSubset checks that a subset keeps the glyphs asked for, the glyphs
// composite ones are built from, and .notdef, and empties the rest; and
// that sfnt reads it as a font with the same glyph numbers.
func TestSubset(t *testing.T) {
	f := MustLoad(Regular)
	c, base := f.Glyph('č'), f.Glyph('c')
	sub, err := f.Subset([]uint16{c})
	if err != nil {
		t.Fatal(err)
	}
	if len(sub) > 60_000 {
		t.Errorf("subset of one glyph is %d bytes", len(sub))
	}
	fnt, err := sfnt.Parse(sub)
	if err != nil {
		t.Fatalf("sfnt cannot read the subset: %v", err)
	}
	if fnt.NumGlyphs() != int(c)+1 {
		t.Errorf("subset has %d glyphs, want %d: up to the last one kept", fnt.NumGlyphs(), c+1)
	}
	var buf sfnt.Buffer
	segs := func(g uint16) int {
		s, err := fnt.LoadGlyph(&buf, sfnt.GlyphIndex(g), fixed.I(1000), nil)
		if err != nil {
			t.Fatalf("glyph %d: %v", g, err)
		}
		return len(s)
	}
	// č is a composite of c and a caron in Roboto: drawing it needs both.
	orig, _ := TTF(Regular)
	full, _ := sfnt.Parse(orig)
	want, _ := full.LoadGlyph(&buf, sfnt.GlyphIndex(c), fixed.I(1000), nil)
	if n := segs(c); n == 0 || n != len(want) {
		t.Errorf("č has %d segments in the subset, %d in the face", n, len(want))
	}
	if segs(base) == 0 {
		t.Error("the base glyph c of the composite č was left out")
	}
	g := f.Glyph('x')
	if g >= c {
		t.Fatalf("x (%d) comes after č (%d) in the face: pick another glyph for this check", g, c)
	}
	if segs(g) != 0 {
		t.Error("glyph x was kept though not asked for")
	}
	again, _ := f.Subset([]uint16{c})
	if !bytes.Equal(sub, again) {
		t.Error("two subsets of the same glyphs differ")
	}
}

// TestLoadConcurrent loads and measures from many goroutines; run with
// -race to check.
func TestLoadConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	widths := make([]float64, 16)
	for i := range widths {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			f, err := Load(Names()[i%len(Names())])
			if err != nil {
				t.Error(err)
				return
			}
			widths[i] = f.Advance(czechSamples[0], 10)
		}(i)
	}
	wg.Wait()
	for i := range widths {
		if j := i + len(Names()); j < len(widths) && widths[i] != widths[j] {
			t.Errorf("goroutines %d and %d measured %v and %v", i, j, widths[i], widths[j])
		}
	}
}

func BenchmarkAdvance(b *testing.B) {
	f := MustLoad(Regular)
	s := "Příliš žluťoučký kůň úpěl ďábelské ódy a „Město pro lidi“ – 2 500 € za m²."
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	for b.Loop() {
		f.Advance(s, 10)
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := parse(Regular); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleFace_Advance() {
	f, err := Load(Condensed)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%.3f pt\n", f.Advance("Město", 10))
	fmt.Println(f.Has('ř'), f.Has('\U0001F600'))
	// Output:
	// 24.780 pt
	// true false
}

// TestCmapMatchesSfnt: the glyph of every BMP rune, as read from the cmap
// table's format 12 subtable and from its format 4 one, is the glyph
// golang.org/x/image/font/sfnt gives, in every embedded face.
func TestCmapMatchesSfnt(t *testing.T) {
	for _, name := range Names() {
		b, _ := TTF(name)
		fnt, err := sfnt.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		tables, err := readTables(b)
		if err != nil {
			t.Fatal(err)
		}
		var buf sfnt.Buffer
		want := make([]uint16, 0xFFFF)
		for r := 1; r < 0xFFFF; r++ {
			gi, _ := fnt.GlyphIndex(&buf, rune(r))
			want[r] = uint16(gi)
		}
		for _, format := range []uint16{12, 4} {
			st := cmapSubtable(tables["cmap"], format)
			if st == nil {
				continue
			}
			// Only this subtable: a cmap with one encoding record.
			one := append([]byte{0, 0, 0, 1, 0, 3, 0, 10, 0, 0, 0, 12}, st...)
			if format == 4 {
				one[7] = 1
			}
			got := make([]uint16, 0xFFFF)
			if !bmpGlyphs(one, func(r rune, g uint16) {
				if r > 0 && r < 0xFFFF {
					got[r] = g
				}
			}) {
				t.Fatalf("%s: format %d subtable not read", name, format)
			}
			for r := 1; r < 0xFFFF; r++ {
				if got[r] != want[r] {
					t.Errorf("%s format %d: glyph of U+%04X = %d, sfnt says %d", name, format, r, got[r], want[r])
					break
				}
			}
		}
	}
}
