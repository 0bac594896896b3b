package pipeline

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leafpress/layout"
)

// decodeQR renders one page of a PDF at 200 dpi and returns what zbarimg
// reads from its QR codes.
func decodeQR(t *testing.T, pdf string, page int) string {
	t.Helper()
	dir := t.TempDir()
	p := fmt.Sprint(page)
	runTool(t, "pdftoppm", "-r", "200", "-png", "-f", p, "-l", p, "-singlefile", pdf, filepath.Join(dir, "page"))
	out, err := exec.Command("zbarimg", "-q", "--raw", filepath.Join(dir, "page.png")).Output()
	if err != nil {
		t.Errorf("%s page %d: zbarimg finds no code (%v)", pdf, page, err)
	}
	return strings.TrimSpace(string(out))
}

// TestQRCodes renders each sample leaflet's back and each booklet's back
// cover (print PDFs, as the print shop gets them) and decodes the QR code
// with zbarimg: it is exactly the chapter's address, or the programme's.
func TestQRCodes(t *testing.T) {
	need(t, "pdftoppm", "poppler-utils")
	need(t, "zbarimg", "zbar-tools")
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		if p.URL == "" {
			t.Errorf("%s: the programme has no address", p.UID)
		}
		t.Run(p.UID, func(t *testing.T) {
			t.Parallel()
			booklet := filepath.Join(dir, p.UID, "program-print.pdf")
			_, _, n := pdfInfo(t, booklet)
			if got := decodeQR(t, booklet, n); got != p.URL {
				t.Errorf("%s back cover: QR code reads %q, want %q", booklet, got, p.URL)
			}
			for _, c := range p.Chapters {
				if c.URL == "" {
					t.Errorf("%s: no address", c.Source)
					continue
				}
				leaflet := filepath.Join(dir, p.UID, "chapters", c.UID+"-print.pdf")
				if got := decodeQR(t, leaflet, 2); got != c.URL {
					t.Errorf("%s back: QR code reads %q, want %q", leaflet, got, c.URL)
				}
			}
		})
	}
}

// TestImprintPrinted: with _data/leafpress.yml the imprint is on each
// leaflet's back and on the booklet's last page, with the address printed
// under the QR code.
func TestImprintPrinted(t *testing.T) {
	need(t, "pdftotext", "poppler-utils")
	dir, res := buildSamples(t)
	text := func(pdf string, page int) string {
		p := fmt.Sprint(page)
		return strings.Join(strings.Fields(runTool(t, "pdftotext", "-f", p, "-l", p, pdf, "-")), " ")
	}
	for _, p := range res.Programmes {
		want := []string{"Lipová sobě, z. s., IČ 00000000", "Tiskárna Sázava"}
		if p.Language == "en" {
			want = append(want, "Commissioned by:", "Produced by:")
		} else {
			want = append(want, "Zadavatel:", "Zpracovatel:")
		}
		booklet := filepath.Join(dir, p.UID, "program.pdf")
		_, _, n := pdfInfo(t, booklet)
		got := text(booklet, n)
		for _, w := range append(want, layout.ShownAddress(p.URL)) {
			if !strings.Contains(got, w) {
				t.Errorf("%s last page: no %q in %q", booklet, w, got)
			}
		}
		for _, c := range p.Chapters {
			leaflet := filepath.Join(dir, p.UID, "chapters", c.UID+".pdf")
			if _, err := os.Stat(leaflet); err != nil {
				t.Errorf("%s: %v", leaflet, err)
				continue
			}
			got := text(leaflet, 2)
			for _, w := range append(want, layout.ShownAddress(c.URL)) {
				if !strings.Contains(got, w) {
					t.Errorf("%s back: no %q in %q", leaflet, w, got)
				}
			}
		}
	}
}
