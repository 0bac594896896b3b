package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leafpress/export/doc"
	"leafpress/export/pdf"
	"leafpress/layout"
	"leafpress/templates"
)

// copyText is a chapter whose words copy out of a PDF wrongly when a
// writer maps glyphs to text carelessly: letter pairs that fonts often
// draw as ligatures (fi, fl, ff, ffi, ft, tt), Czech letters built from a
// base and a mark, and no-break spaces after one-letter words, in numbers
// and before units.
var copyText = []string{
	"Officiální fialový flyer pro efektivní offline kampaň: profesionální grafika, ffi i fl.",
	"Chceme\u00a0v\u00a0Praze 10\u00a0000\u00a0Kč na kulturu a\u00a0sport, 5\u00a0km cyklostezek.",
	"Šéfkuchař z\u00a0Lipové šetří: žluťoučký kůň úpěl ďábelské ódy, účet 2\u00a0500\u00a0€.",
	"Attila a\u00a0Kafka chtěli affidavit: stiff, fluffy, afflicted, shift.",
}

// TestCopyTextEqualsTree lays out a chapter with every built-in template,
// writes it as a PDF and reads the text back with pdftotext: every word
// of the tree, split at spaces and no-break spaces, comes back in order,
// so copying text out of the PDF gives the chapter's words.
func TestCopyTextEqualsTree(t *testing.T) {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not found: needs Debian package poppler-utils")
	}
	ch := &doc.Chapter{UID: "kopie", Title: "Kopírování textu", Source: "kopie.md"}
	var want []string
	for _, s := range copyText {
		ch.Blocks = append(ch.Blocks, &doc.Paragraph{Content: []doc.Inline{&doc.Text{Text: s}}})
		want = append(want, strings.Fields(s)...) // Fields splits at NO-BREAK SPACE too
	}
	prog := &doc.Programme{UID: "kopie", Title: "Kopie", Language: "cs", Chapters: []*doc.Chapter{ch}}
	dir := t.TempDir()
	for _, name := range templates.Names() {
		t.Run(name, func(t *testing.T) {
			tp, err := templates.Builtin(name)
			if err != nil {
				t.Fatal(err)
			}
			d, err := layout.Chapter(prog, ch, tp)
			if err != nil {
				t.Fatal(err)
			}
			for _, opt := range []pdf.Options{{Date: time.Unix(0, 0)}, {Print: true, Date: time.Unix(0, 0)}} {
				var buf bytes.Buffer
				if _, err := pdf.Write(&buf, d, opt); err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(dir, name+".pdf")
				if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command(tool, "-raw", "-enc", "UTF-8", file, "-").Output()
				if err != nil {
					t.Fatalf("pdftotext: %v", err)
				}
				if strings.ContainsRune(string(out), '\u00a0') || strings.ContainsRune(string(out), '\ufffd') {
					t.Errorf("print %v: pdftotext gives a no-break space or a replacement character:\n%s", opt.Print, out)
				}
				got := joinHyphens(string(out))
				if missing := subsequence(got, want); missing != "" {
					t.Errorf("print %v: pdftotext lacks %s; it gave:\n%s", opt.Print, missing, out)
				}
			}
		})
	}
}

// joinHyphens returns the words of pdftotext's output with words broken
// by a hyphen at a line end joined again. A tagged PDF draws the hyphen
// of a broken word as a soft hyphen (U+00AD), which reads as none.
func joinHyphens(s string) []string {
	var out []string
	join := false
	for _, l := range strings.Split(s, "\n") {
		f := strings.Fields(strings.ReplaceAll(l, "\f", ""))
		for i, w := range f {
			if join && i == 0 {
				out[len(out)-1] += w
			} else {
				out = append(out, w)
			}
		}
		join = false
		if len(f) > 0 {
			last := f[len(f)-1]
			word := strings.TrimSuffix(strings.TrimSuffix(last, "-"), "\u00ad")
			join = word != last && word != ""
			if join {
				out[len(out)-1] = word
			}
		}
	}
	return out
}

// subsequence reports the first word of want not found, in order, in
// got ("" when all are).
func subsequence(got, want []string) string {
	i := 0
	for _, w := range want {
		for i < len(got) && got[i] != w {
			i++
		}
		if i == len(got) {
			return "the word " + w + " (or the words before it, in order)"
		}
		i++
	}
	return ""
}
