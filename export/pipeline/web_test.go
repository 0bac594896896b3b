package pipeline

import (
	"archive/zip"
	"fmt"
	"io"
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

// TestProgrammePage: the sample 2022 programme is not in campaigns.yml but
// has its own page (volby/2022-komunalni.md): the booklet's cover carries
// the page's title and the back cover's QR code its address.
func TestProgrammePage(t *testing.T) {
	need(t, "pdftotext", "poppler-utils")
	need(t, "zbarimg", "zbar-tools")
	dir, res := buildSamples(t)
	const page = "https://lipova-sobe.cz/web/volby/2022-komunalni/"
	for _, p := range res.Programmes {
		if p.UID != "2022-komunalni" {
			continue
		}
		if strings.ReplaceAll(p.Title, "\u00a0", " ") != "Komunální volby v roce 2022" || p.URL != page {
			t.Errorf("programme title %q, address %q", p.Title, p.URL)
		}
		booklet := filepath.Join(dir, p.UID, "program-print.pdf")
		cover := strings.ToUpper(strings.Join(strings.Fields(runTool(t, "pdftotext", "-f", "1", "-l", "1", booklet, "-")), " "))
		if !strings.Contains(cover, "KOMUNÁLNÍ VOLBY V ROCE 2022") || strings.Contains(cover, "2022-KOMUNALNI") {
			t.Errorf("cover text: %q", cover)
		}
		_, _, n := pdfInfo(t, booklet)
		if got := decodeQR(t, booklet, n); got != page {
			t.Errorf("back cover QR code reads %q, want %q", got, page)
		}
		return
	}
	t.Error("no 2022-komunalni programme in the samples")
}

// TestTitleLinks: in each leaflet's screen PDF the chapter's title links
// to its page on the web (a /URI action with the chapter's address).
func TestTitleLinks(t *testing.T) {
	need(t, "qpdf", "qpdf")
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		for _, c := range p.Chapters {
			f := filepath.Join(dir, p.UID, "chapters", c.UID+".pdf")
			out, _ := exec.Command("qpdf", "--qdf", "--object-streams=disable", f, "-").Output()
			if !strings.Contains(string(out), "/URI ("+c.URL+")") {
				t.Errorf("%s: no link to %s", f, c.URL)
			}
		}
	}
}

// TestWordAddress: each chapter's Word file has its address under the
// title, as a hyperlink to the chapter's page.
func TestWordAddress(t *testing.T) {
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		for _, c := range p.Chapters {
			f := filepath.Join(dir, p.UID, "chapters", c.UID+".docx")
			rels, body := docxPart(t, f, "word/_rels/document.xml.rels"), docxPart(t, f, "word/document.xml")
			shown := layout.ShownAddress(c.URL)
			if !strings.Contains(rels, `Target="`+c.URL+`"`) || !strings.Contains(body, shown) {
				t.Errorf("%s: no hyperlink to %s shown as %s", f, c.URL, shown)
				continue
			}
			// Under the title: the address comes before the first body text.
			if i, j := strings.Index(body, shown), strings.Index(body, `w:val="Garant"`); j >= 0 && i > j {
				t.Errorf("%s: the address is not under the title", f)
			}
		}
	}
}

// docxPart returns one part of a Word file as text.
func docxPart(t *testing.T, file, name string) string {
	t.Helper()
	z, err := zip.OpenReader(file)
	if err != nil {
		t.Errorf("%s: %v", file, err)
		return ""
	}
	defer z.Close()
	for _, zf := range z.File {
		if zf.Name == name {
			r, _ := zf.Open()
			b, _ := io.ReadAll(r)
			r.Close()
			return string(b)
		}
	}
	t.Errorf("%s: no part %s", file, name)
	return ""
}
