package pdf_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"leafpress/export/doc"
	"leafpress/export/pdf"
	"leafpress/layout"
	"leafpress/templates"
)

// TestContinuedParagraphIsOneP writes a chapter whose long paragraph
// continues from the first column into the second (and on), and reads the
// PDF's structure with pdfinfo -struct-text: the paragraph is one P with
// all its words in order.
func TestContinuedParagraphIsOneP(t *testing.T) {
	tool, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Skip("pdfinfo not found: needs Debian package poppler-utils")
	}
	tp, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	const n = 500
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "slovo%d ", i)
	}
	ch := &doc.Chapter{UID: "dlouha", Title: "Dlouhá kapitola", Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Úvodní odstavec."}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: sb.String()}}},
		&doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: "Závěrečný odstavec."}}},
	}}
	prog := &doc.Programme{UID: "p", Title: "Program", Language: "cs", Chapters: []*doc.Chapter{ch}}
	d, err := layout.Chapter(prog, ch, tp)
	if err != nil {
		t.Fatal(err)
	}
	// The paragraph must really continue in the next column of a page.
	cols := map[[2]int]bool{}
	for _, p := range d.Pages {
		for _, b := range p.Boxes {
			if r, ok := b.(*layout.TextRun); ok && strings.HasPrefix(r.Text, "slovo") {
				cols[[2]int{p.Number, int(r.X / (p.Width / 2))}] = true
			}
		}
	}
	if !cols[[2]int{1, 0}] || !cols[[2]int{1, 1}] {
		t.Fatalf("the long paragraph does not run from the first page's first column into its second: %v", cols)
	}
	var buf bytes.Buffer
	if _, err := pdf.Write(&buf, d, pdf.Options{Date: time.Unix(0, 0)}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-struct-text", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	// Each element's line is followed by its text in quotes.
	var ps []string
	lines := strings.Split(string(out), "\n")
	text := regexp.MustCompile(`^\s*"(.*)"\s*$`)
	for i, l := range lines {
		if strings.TrimSpace(l) != "P (block)" {
			continue
		}
		var sb strings.Builder
		for _, next := range lines[i+1:] {
			m := text.FindStringSubmatch(next)
			if m == nil {
				break
			}
			sb.WriteString(m[1])
		}
		ps = append(ps, sb.String())
	}
	var long []string
	for _, p := range ps {
		if strings.Contains(p, "slovo") {
			long = append(long, p)
		}
	}
	if len(long) != 1 {
		t.Fatalf("the paragraph is %d P elements, want 1:\n%s", len(long), out)
	}
	got := strings.Fields(strings.ReplaceAll(long[0], "\u00ad", ""))
	for i := range n {
		if i >= len(got) || got[i] != fmt.Sprintf("slovo%d", i) {
			t.Fatalf("word %d of the P is not slovo%d: the structure reads the columns out of order:\n%s", i, i, long[0])
		}
	}
}

// TestSpanLanguage checks that words in another language are a Span with
// /Lang in the structure tree, and that the catalog has the document's.
func TestSpanLanguage(t *testing.T) {
	tool, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not found: needs Debian package qpdf")
	}
	tp, err := templates.Builtin("a5-booklet")
	if err != nil {
		t.Fatal(err)
	}
	ch := &doc.Chapter{UID: "jazyk", Title: "Jazyk", Blocks: []doc.Block{&doc.Paragraph{Content: []doc.Inline{
		&doc.Text{Text: "Říkáme tomu "}, &doc.Span{Lang: "en", Content: []doc.Inline{&doc.Text{Text: "Urban Air Mobility"}}}, &doc.Text{Text: "."},
	}}}}
	prog := &doc.Programme{UID: "p", Title: "Program", Language: "cs", Chapters: []*doc.Chapter{ch}}
	d, err := layout.Chapter(prog, ch, tp)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := pdf.Write(&buf, d, pdf.Options{Date: time.Unix(0, 0)}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "p.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "--qdf", "--object-streams=disable", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ")
	span := regexp.MustCompile(`<< /K \d+ /Lang \(en\) /P \d+ 0 R /Pg \d+ 0 R /S /Span`)
	if !span.MatchString(text) {
		t.Errorf("no Span element with /Lang (en) in the structure tree")
	}
	if !strings.Contains(text, "/Lang (cs)") || !strings.Contains(text, "/MarkInfo << /Marked true >>") {
		t.Errorf("the catalog lacks /Lang (cs) or /MarkInfo")
	}
}
