package layout_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leafpress/export/pdf"
	"leafpress/layout"
)

// TestPDFTextEqualsTree draws every sample chapter with every built-in
// template into a real PDF and reads it back with pdftotext: its words,
// with the hyphens added at line ends joined again, are the words of the
// tree, in the tree's order. The page furniture (running head, footer),
// the title, table cells and list markers are left out of the drawn
// document first: their words are checked on the layout boxes by
// TestWordsMatchTree, and a reader's order for table cells is not ours.
func TestPDFTextEqualsTree(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: needs Debian package poppler-utils")
	}
	dir := t.TempDir()
	n := 0
	for _, dc := range chapterCases(t) {
		if strings.HasPrefix(dc.chapter.Source, "_program/test/") {
			continue // the generated chapters are covered by TestWordsMatchTree
		}
		g := geom(dc.tp)
		drawn := words(lines(dc.d, g, flowText))
		want, _, _ := expectedDrawn(dc.chapter, dc.tp, drawn)

		flow := *dc.d
		flow.Pages = nil
		for _, p := range dc.d.Pages {
			q := *p
			q.Boxes = nil
			for _, b := range p.Boxes {
				if r, ok := b.(*layout.TextRun); ok && !flowText(r) {
					continue
				}
				q.Boxes = append(q.Boxes, b)
			}
			flow.Pages = append(flow.Pages, &q)
		}
		var buf bytes.Buffer
		if _, err := pdf.Write(&buf, &flow, pdf.Options{}); err != nil {
			t.Fatalf("%s: %v", dc.name, err)
		}
		file := filepath.Join(dir, strings.ReplaceAll(dc.name, "/", "-")+".pdf")
		if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(tool, "-raw", "-enc", "UTF-8", file, "-").Output()
		if err != nil {
			t.Fatalf("%s: pdftotext: %v", dc.name, err)
		}
		got := textWords(string(out))
		if len(got) == 0 {
			t.Errorf("%s: pdftotext found no text", dc.name)
			continue
		}
		if msg := spellText(got, want); msg != "" {
			t.Errorf("%s: pdftotext: %s", dc.name, msg)
		}
		n++
	}
	if n == 0 {
		t.Fatal("no sample chapter was checked")
	}
}

// textWords splits pdftotext's output into words; the last word of each
// line is a line end.
func textWords(s string) []word {
	var out []word
	for _, l := range strings.Split(s, "\n") {
		f := strings.Fields(strings.ReplaceAll(l, "\f", ""))
		for i, w := range f {
			out = append(out, word{text: w, lineEnd: i == len(f)-1})
		}
	}
	return out
}

// spellText is spell for words read back from a PDF, where a hyphen at a
// line end may be one layout added (dropped when joining) or the word's
// own (kept, as in a URL broken after its hyphen), and a URL may be broken
// at a safe place with no hyphen: the tree's word decides. Display faces
// draw some titles in capitals, so case does not matter.
func spellText(got []word, want []string) string {
	i := 0
	for k, w := range want {
		if i >= len(got) {
			return fmt.Sprintf("the text ends before word %d %q", k, w)
		}
		cur := got[i]
		text := cur.text
		i++
		for !strings.EqualFold(text, w) && cur.lineEnd && i < len(got) {
			lw, lt := strings.ToLower(w), strings.ToLower(text)
			switch {
			case strings.HasPrefix(lw, lt): // a URL broken at a safe place, or after its own hyphen
			case strings.HasSuffix(lt, "-") && strings.HasPrefix(lw, strings.TrimSuffix(lt, "-")):
				text = strings.TrimSuffix(text, "-") // the hyphen layout added
			case strings.HasSuffix(lt, "\u00ad") && strings.HasPrefix(lw, strings.TrimSuffix(lt, "\u00ad")):
				text = strings.TrimSuffix(text, "\u00ad") // the same, drawn as a soft hyphen in a tagged PDF
			default:
				return fmt.Sprintf("word %d is %q, want %q (after %q)", k, text, w, strings.Join(want[max(0, k-5):k], " "))
			}
			cur = got[i]
			i++
			next := cur.text
			if strings.HasSuffix(text, "-") && strings.HasPrefix(next, "-") {
				next = next[1:] // an explicit hyphen repeated on the next line
			}
			text += next
		}
		if !strings.EqualFold(text, w) {
			return fmt.Sprintf("word %d is %q, want %q (after %q)", k, text, w, strings.Join(want[max(0, k-5):k], " "))
		}
	}
	if i < len(got) {
		return fmt.Sprintf("%d more words in the PDF than the tree has, from %q", len(got)-i, got[i].text)
	}
	return ""
}
