package impose

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"leafpress/export/pdf"
	"leafpress/fonts"
	"leafpress/layout"
)

func TestOrder(t *testing.T) {
	tests := []struct {
		n    int
		want [][2]int
	}{
		{0, nil},
		{1, [][2]int{{0, 1}, {0, 0}}},
		{4, [][2]int{{4, 1}, {2, 3}}},
		{6, [][2]int{{0, 1}, {2, 0}, {6, 3}, {4, 5}}},
		{8, [][2]int{{8, 1}, {2, 7}, {6, 3}, {4, 5}}},
		{12, [][2]int{{12, 1}, {2, 11}, {10, 3}, {4, 9}, {8, 5}, {6, 7}}},
	}
	for _, tc := range tests {
		if got := Order(tc.n); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Order(%d) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

// TestOrderFolds checks the property a booklet needs for every size:
// each page appears once, the halves of a sheet side add up to m+1
// (facing across the fold) and front and back of a sheet hold
// neighbouring pages.
func TestOrderFolds(t *testing.T) {
	for n := 1; n <= 40; n++ {
		m := (n + 3) / 4 * 4
		seen := map[int]bool{}
		sides := Order(n)
		if len(sides) != m/2 {
			t.Fatalf("Order(%d): %d sides, want %d", n, len(sides), m/2)
		}
		for i, s := range sides {
			a, b := s[0], s[1]
			for _, p := range s {
				if p != 0 && seen[p] {
					t.Fatalf("Order(%d): page %d twice", n, p)
				}
				seen[p] = true
			}
			full := func(p, other int) int { // blank pages are the padding n+1..m
				if p != 0 {
					return p
				}
				return m + 1 - other
			}
			if a != 0 || b != 0 {
				if full(a, b)+full(b, a) != m+1 {
					t.Errorf("Order(%d) side %d: %v do not face each other", n, i, s)
				}
			}
		}
		for p := 1; p <= n; p++ {
			if !seen[p] {
				t.Errorf("Order(%d): page %d missing", n, p)
			}
		}
	}
}

func pages(n int) *layout.Document {
	f := fonts.MustLoad(fonts.Bold)
	d := &layout.Document{Title: "Brožura"}
	for i := 1; i <= n; i++ {
		word := fmt.Sprintf("STRANA%d", i)
		d.Pages = append(d.Pages, &layout.Page{Number: i, Width: 419.53, Height: 595.28, Bleed: 8.5, Boxes: []layout.Box{
			&layout.FillBox{Rect: layout.Rect{X: -8.5, Y: -8.5, W: 436.53, H: 60}, Colour: layout.Colour{R: 74, G: 45, B: 143, C: 78, M: 90}},
			&layout.TextRun{X: 40, Y: 300, Face: fonts.Bold, Size: 24, Text: word, Width: f.Advance(word, 24), Colour: layout.Colour{K: 100}},
		}})
	}
	return d
}

func TestSheetsGeometry(t *testing.T) {
	sh := Sheets(pages(6).Pages)
	if len(sh) != 4 {
		t.Fatalf("%d sheet sides for 6 pages, want 4", len(sh))
	}
	// A5 pages on A4 landscape: actual size, meeting at the fold.
	left, right := sh[1].Placements[0], sh[1].Placements[1]
	if left.Page.Number != 2 || right.Page != nil {
		t.Fatalf("side 2 holds %v and %v, want page 2 and a blank", left.Page, right.Page)
	}
	if left.Scale != 1 || abs(left.X+419.53-SheetWidth/2) > 0.01 {
		t.Errorf("left page at x %.2f scale %.2f, want its right edge on the fold", left.X, left.Scale)
	}
	big := &layout.Page{Number: 1, Width: 595.28, Height: 841.89} // A4 pages shrink to A5
	s := Sheets([]*layout.Page{big})[0].Placements[1]
	if abs(s.Scale-0.7071) > 0.001 || s.X != SheetWidth/2 {
		t.Errorf("A4 page placed at x %.2f scale %.4f, want fold and 0.7071", s.X, s.Scale)
	}
}

func abs(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

func TestWriteBooklet(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not found: needs Debian package poppler-utils")
	}
	var buf bytes.Buffer
	r, err := Write(&buf, pages(6), pdf.Options{Date: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) != 4 {
		t.Fatalf("%d PDF pages, want 4 sheet sides", len(r.Pages))
	}
	file := filepath.Join(t.TempDir(), "booklet.pdf")
	os.WriteFile(file, buf.Bytes(), 0o644)
	info, _ := exec.Command("pdfinfo", file).Output()
	if !strings.Contains(string(info), "Page size:       841.89 x 595.28 pts") {
		t.Errorf("sheets are not A4 landscape:\n%s", info)
	}
	// Each side's text, left half then right half.
	want := []string{"STRANA1", "STRANA2", "STRANA6 STRANA3", "STRANA4 STRANA5"}
	for i, w := range want {
		out, err := exec.Command("pdftotext", "-f", fmt.Sprint(i+1), "-l", fmt.Sprint(i+1), "-layout", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(regexp.MustCompile(`STRANA\d`).FindAllString(string(out), -1), " ")
		if got != w {
			t.Errorf("side %d shows %q, want %q", i+1, got, w)
		}
	}
	if bytes.Contains(buf.Bytes(), []byte("/Outlines")) {
		t.Errorf("booklet has bookmarks out of reading order")
	}
}

// The sheet sides of an 8-page booklet: print them duplex, flipping on
// the short edge, fold the stack and staple it.
func ExampleOrder() {
	for i, side := range Order(8) {
		fmt.Printf("side %d: pages %d and %d\n", i+1, side[0], side[1])
	}
	// Output:
	// side 1: pages 8 and 1
	// side 2: pages 2 and 7
	// side 3: pages 6 and 3
	// side 4: pages 4 and 5
}
