package docx

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// tocLine is a line of a table of contents in a PDF: text, dot leader,
// page number.
var tocLine = regexp.MustCompile(`^(.+?)\s*\.{3,}\s*(\d+)$`)

// writtenTOC returns the entries of the table of contents as written in
// document.xml: their text and the page number in their PAGEREF result.
func writtenTOC(t *testing.T, data []byte) (texts []string, pages []int) {
	t.Helper()
	body := parsePart(t, unzip(t, data), "word/document.xml").Path("w:body")
	for _, p := range body.All("w:p") {
		ps := p.Path("w:pPr", "w:pStyle")
		if ps == nil || !strings.HasPrefix(ps.Get("w:val"), "TOC") || ps.Get("w:val") == "TOCHeading" {
			continue
		}
		h := p.Child("w:hyperlink")
		if h == nil {
			continue
		}
		var text, result strings.Builder
		inResult := false
		for _, r := range h.All("w:r") {
			if fc := r.Child("w:fldChar"); fc != nil {
				inResult = fc.Get("w:fldCharType") == "separate"
				continue
			}
			for _, c := range r.Elements() {
				if c.Name == "w:t" {
					for _, tx := range c.Children {
						if inResult {
							result.WriteString(tx.Text)
						} else if result.Len() == 0 {
							text.WriteString(tx.Text)
						}
					}
				}
			}
		}
		n, err := strconv.Atoi(result.String())
		if err != nil {
			t.Errorf("TOC entry %q has no page number (%q)", text.String(), result.String())
		}
		texts = append(texts, text.String())
		pages = append(pages, n)
	}
	return texts, pages
}

// normal folds case and spaces for comparing text from a PDF.
func normal(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " "))
}

// TestTOCPageNumbers converts every sample programme with LibreOffice,
// which does not update fields when converting, and checks the footer on
// every page but the first, and the table of contents in the PDF: every entry has a page number, within one page of
// the page the heading is really on in that PDF; so is the estimate
// written in the file.
func TestTOCPageNumbers(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion")
	}
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	files := map[string][]byte{}
	for _, f := range sampleFiles(t) {
		if f.part.Title != "" {
			files[f.name] = f.data
		}
	}
	if len(files) < 2 {
		t.Fatalf("only %d sample programmes with a table of contents", len(files))
	}
	pdfs := samplePDFs(t)
	total, exact, worst := 0, 0, 0
	for name, data := range files {
		out, err := exec.Command(pdftotext, "-layout", "-enc", "UTF-8", pdfs[name], "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", name, err)
		}
		pages := strings.Split(string(out), "\f")
		if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
			pages = pages[:len(pages)-1]
		}
		texts, estimates := writtenTOC(t, data)
		title := ""
		for _, f := range sampleFiles(t) {
			if f.name == name {
				title = f.part.Title
			}
		}

		// The footer: none on the title page, the programme's title and
		// the page's own number at the foot of every other page.
		for i, pg := range pages {
			lines := strings.Split(strings.TrimRight(pg, "\n "), "\n")
			last := normal(lines[len(lines)-1])
			want := normal(fmt.Sprintf("%s %d", title, i+1))
			if i == 0 {
				if last == normal(title+" 1") {
					t.Errorf("%s: the title page has a footer", name)
				}
			} else if last != want {
				t.Errorf("%s: page %d ends with %q, want the footer %q", name, i+1, last, want)
			}
		}

		// The table of contents as LibreOffice shows it.
		var shown []int
		lastTOCPage := 0
		for i, pg := range pages {
			for _, line := range strings.Split(pg, "\n") {
				if m := tocLine.FindStringSubmatch(strings.TrimSpace(line)); m != nil && len(shown) < len(texts) {
					n, _ := strconv.Atoi(m[2])
					shown = append(shown, n)
					lastTOCPage = i
				}
			}
		}
		if len(shown) != len(texts) {
			t.Errorf("%s: LibreOffice's PDF shows %d TOC lines with page numbers, want %d", name, len(shown), len(texts))
			continue
		}
		// The real page of every heading: the first page after the
		// previous one's, past the contents, with a line that begins it.
		at := lastTOCPage + 1
		for i, text := range texts {
			want := normal(text)
			found := 0
			for p := at; p < len(pages) && found == 0; p++ {
				for _, line := range strings.Split(pages[p], "\n") {
					l := normal(line)
					if l != "" && (l == want || len(l) >= 12 && strings.HasPrefix(want, l)) {
						found = p + 1
						break
					}
				}
			}
			if found == 0 {
				t.Errorf("%s: heading %q not found in LibreOffice's PDF after page %d", name, text, at)
				continue
			}
			at = found - 1
			total++
			if d := abs(estimates[i] - found); d > 1 {
				t.Errorf("%s: %q: estimated page %d, LibreOffice sets it on page %d", name, text, estimates[i], found)
			} else if d == 0 {
				exact++
			} else {
				worst = max(worst, d)
			}
			if d := abs(shown[i] - found); d > 1 {
				t.Errorf("%s: %q: the PDF's table of contents says page %d, the heading is on page %d", name, text, shown[i], found)
			}
		}
	}
	t.Logf("%d TOC entries: %d estimated on LibreOffice's page, the others within %d", total, exact, worst)
	fmt.Fprintf(os.Stderr, "TOC estimate: %d of %d entries on LibreOffice's page\n", exact, total)
}
