package fonts

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/go-pdf/fpdf"
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
		{'\U0001F600', false}, // beyond the BMP: the PDF writer cannot draw it
		{'\uE000', false},     // private use
	}
	for _, tt := range tests {
		if got := f.Has(tt.r); got != tt.want {
			t.Errorf("Has(%U) = %v, want %v", tt.r, got, tt.want)
		}
	}
}

// newPDF returns a PDF in points with name registered as a UTF-8 font.
func newPDF(t testing.TB, name string) *fpdf.Fpdf {
	t.Helper()
	b, err := TTF(name)
	if err != nil {
		t.Fatal(err)
	}
	pdf := fpdf.New("P", "pt", "A4", "")
	pdf.SetCompression(false)
	pdf.AddUTF8FontFromBytes(name, "", b)
	if err := pdf.Error(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return pdf
}

// TestAdvanceMatchesPDF checks that our measure equals the PDF writer's own,
// which is computed from the same widths it writes into the PDF.
func TestAdvanceMatchesPDF(t *testing.T) {
	for _, name := range Names() {
		f := MustLoad(name)
		pdf := newPDF(t, name)
		for _, size := range []float64{7, 9.5, 10, 11.3, 36} {
			pdf.SetFont(name, "", size)
			for _, s := range append(czechSamples, czechLetters, czechPunctuation, "\U0001F600 emoji") {
				want := pdf.GetStringWidth(s)
				if got := f.Advance(s, size); math.Abs(got-want) > 1e-6 {
					t.Errorf("%s %vpt Advance(%q) = %.9f, PDF writer says %.9f", name, size, s, got, want)
				}
				var sum float64
				for _, r := range s {
					sum += f.RuneAdvance(r, size)
				}
				if math.Abs(sum-f.Advance(s, size)) > 1e-6 {
					t.Errorf("%s: sum of RuneAdvance(%q) = %v, Advance = %v", name, s, sum, f.Advance(s, size))
				}
			}
		}
		if err := pdf.Error(); err != nil {
			t.Fatal(err)
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

// TestPDFWithCzech writes a tiny PDF with every face and checks it; when
// poppler-utils is installed it also checks the text comes back and the
// fonts are embedded.
func TestPDFWithCzech(t *testing.T) {
	pdf := fpdf.New("P", "pt", "A5", "")
	for _, name := range Names() {
		b, _ := TTF(name)
		pdf.AddUTF8FontFromBytes(name, "", b)
	}
	pdf.AddPage()
	y := 40.0
	for _, name := range Names() {
		pdf.SetFont(name, "", 12)
		pdf.Text(30, y, czechSamples[0])
		y += 16
		pdf.Text(30, y, czechSamples[2])
		y += 24
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || buf.Len() < 1000 {
		t.Fatalf("output is not a PDF (%d bytes)", buf.Len())
	}
	// Seven whole faces weigh 1.9 MB; subset to a few dozen glyphs each
	// they must be far smaller.
	if buf.Len() > 200_000 {
		t.Errorf("PDF with two lines per face is %d bytes: fonts are not subset", buf.Len())
	}

	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("checking the PDF's text needs Debian package poppler-utils")
	}
	path := filepath.Join(t.TempDir(), "czech.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	if n := strings.Count(text, "Příliš žluťoučký kůň úpěl ďábelské ódy."); n != len(Names()) {
		t.Errorf("pdftotext finds the Czech pangram %d times, want %d:\n%s", n, len(Names()), text)
	}
	if !strings.Contains(text, "„Město pro lidi“") {
		t.Errorf("pdftotext lost the Czech quotes:\n%s", text)
	}
	pdffonts, err := exec.LookPath("pdffonts")
	if err != nil {
		return
	}
	out, err = exec.Command(pdffonts, path).Output()
	if err != nil {
		t.Fatalf("pdffonts: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2+len(Names()) {
		t.Fatalf("pdffonts lists %d fonts, want %d:\n%s", len(lines)-2, len(Names()), out)
	}
	// The PDF writer subsets fonts but does not add the ABCDEF+ subset tag
	// to their names, so pdffonts reports "sub no"; check embedding, and
	// check subsetting by size below.
	for _, l := range lines[2:] {
		f := strings.Fields(l)
		if len(f) < 8 || !strings.Contains(l, "TrueType") || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded as TrueType with a Unicode map: %s", l)
		}
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
