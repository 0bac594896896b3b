package pipeline

import (
	"bytes"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"leafpress/export/doc"
)

// screenPDFs returns every screen PDF of the sample build.
func screenPDFs(t *testing.T, dir string) []string {
	all, _ := filepath.Glob(filepath.Join(dir, "*", "program.pdf"))
	chapters, _ := filepath.Glob(filepath.Join(dir, "*", "chapters", "*.pdf"))
	for _, f := range chapters {
		if !strings.HasSuffix(f, "-print.pdf") {
			all = append(all, f)
		}
	}
	if len(all) == 0 {
		t.Fatal("the sample build wrote no screen PDF")
	}
	return all
}

// structTypes counts the structure elements pdfinfo -struct lists.
func structTypes(out string) map[string]int {
	n := map[string]int{}
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(f[0], "\"") && f[0] != "Object" {
			n[f[0]]++
		}
	}
	return n
}

// TestScreenPDFsAreTagged opens every screen PDF with pdfinfo: tagged,
// one H1 per chapter, paragraphs, lists and figures in the structure,
// and (with qpdf) alternative text on every Figure.
func TestScreenPDFsAreTagged(t *testing.T) {
	need(t, "pdfinfo", "poppler-utils")
	need(t, "qpdf", "qpdf")
	dir, res := buildSamples(t)
	chapters := map[string]int{}
	lists := map[string]bool{} // programmes with a list in the tree
	for _, p := range res.Programmes {
		chapters[p.UID] = len(p.Chapters)
		for _, c := range p.Chapters {
			doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
				_, l := b.(*doc.List)
				lists[p.UID] = lists[p.UID] || l
				return true
			})
		}
	}
	for _, f := range screenPDFs(t, dir) {
		rel, _ := filepath.Rel(dir, f)
		if !strings.Contains(runTool(t, "pdfinfo", f), "Tagged:          yes") {
			t.Errorf("%s: pdfinfo does not say Tagged: yes", rel)
		}
		n := structTypes(runTool(t, "pdfinfo", "-struct", f))
		want := 1
		if filepath.Base(f) == "program.pdf" {
			want = chapters[filepath.Base(filepath.Dir(f))]
		}
		if n["H1"] != want {
			t.Errorf("%s: %d H1 elements, want %d (one per chapter)", rel, n["H1"], want)
		}
		if n["P"] == 0 || n["Figure"] == 0 || n["Sect"] == 0 {
			t.Errorf("%s: the structure lacks P, Figure or Sect: %v", rel, n)
		}
		if filepath.Base(f) == "program.pdf" && lists[filepath.Base(filepath.Dir(f))] && (n["L"] == 0 || n["LI"] == 0 || n["Lbl"] == 0 || n["LBody"] == 0) {
			t.Errorf("%s: the structure has no lists: %v", rel, n)
		}
		figures := 0
		for _, o := range qpdfObjects(t, f) {
			v, ok := o["value"].(map[string]any)
			if !ok || v["/S"] != "/Figure" {
				continue
			}
			figures++
			if alt, _ := v["/Alt"].(string); strings.TrimPrefix(alt, "u:") == "" {
				t.Errorf("%s: a Figure has no /Alt", rel)
			}
		}
		if figures != n["Figure"] {
			t.Errorf("%s: qpdf finds %d Figure elements, pdfinfo %d", rel, figures, n["Figure"])
		}
	}
}

// treeWords are a chapter's words in the order of the tree.
func treeWords(c *doc.Chapter) []string {
	text := doc.ChapterText(c)
	if c.Garant != nil {
		text += c.Garant.FullName() + "\n"
	}
	return words(text)
}

// inOrder is the length of the longest common subsequence of a and b:
// how many of a's words b has in the same order.
func inOrder(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			switch {
			case a[i] == b[j]:
				cur[j+1] = prev[j] + 1
			case prev[j+1] >= cur[j]:
				cur[j+1] = prev[j+1]
			default:
				cur[j+1] = cur[j]
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var quoted = regexp.MustCompile(`(?m)^\s*"(.*)"\s*$`)

// TestStructTextInTreeOrder reads each programme's screen PDF through its
// structure (pdfinfo -struct-text), as a screen reader does, and compares
// the words with the tree's: at least 99 % of them in the same order.
func TestStructTextInTreeOrder(t *testing.T) {
	need(t, "pdfinfo", "poppler-utils")
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		var want []string
		for _, c := range p.Chapters {
			want = append(want, treeWords(c)...)
		}
		out := runTool(t, "pdfinfo", "-struct-text", filepath.Join(dir, p.UID, "program.pdf"))
		// An element's text may come in several quoted pieces (its marked
		// content on several pages or columns): they join without a break.
		var text strings.Builder
		prevQuoted := false
		for _, l := range strings.Split(out, "\n") {
			m := quoted.FindStringSubmatch(l)
			if m == nil {
				prevQuoted = false
				continue
			}
			if !prevQuoted {
				text.WriteByte('\n')
			}
			text.WriteString(m[1])
			prevQuoted = true
		}
		got := words(text.String())
		n := inOrder(want, got)
		share := float64(n) / float64(len(want))
		t.Logf("%s: %d of %d words (%.2f %%) in the tree's order", p.UID, n, len(want), 100*share)
		if share < 0.99 {
			t.Errorf("%s/program.pdf: pdfinfo -struct-text gives %d of the tree's %d words (%.1f %%) in order, want at least 99 %%", p.UID, n, len(want), 100*share)
		}
	}
}

// TestPrintPDFsAreX4 checks every print PDF with qpdf: /GTS_PDFXVersion
// PDF/X-4, an output intent whose /DestOutputProfile is an ICC output
// profile ('prtr') for CMYK, and ghostscript renders it with that output
// intent without a warning.
func TestPrintPDFsAreX4(t *testing.T) {
	need(t, "qpdf", "qpdf")
	dir, _ := buildSamples(t)
	prints, _ := filepath.Glob(filepath.Join(dir, "*", "*-print.pdf"))
	chapters, _ := filepath.Glob(filepath.Join(dir, "*", "chapters", "*-print.pdf"))
	prints = append(prints, chapters...)
	for _, f := range prints {
		rel, _ := filepath.Rel(dir, f)
		objs := qpdfObjects(t, f)
		var profile string
		x4 := false
		for _, o := range objs {
			v, _ := o["value"].(map[string]any)
			if v["/GTS_PDFXVersion"] == "u:PDF/X-4" || v["/GTS_PDFXVersion"] == "PDF/X-4" {
				x4 = true
			}
			if ois, ok := v["/OutputIntents"].([]any); ok && len(ois) == 1 {
				oi, _ := ois[0].(map[string]any)
				if oi == nil { // an indirect intent
					oi, _ = objs["obj:"+ois[0].(string)]["value"].(map[string]any)
				}
				if oi["/S"] != "/GTS_PDFX" {
					t.Errorf("%s: output intent %v is not GTS_PDFX", rel, oi["/S"])
				}
				profile, _ = oi["/DestOutputProfile"].(string)
			}
		}
		if !x4 {
			t.Errorf("%s: no /GTS_PDFXVersion (PDF/X-4)", rel)
		}
		if profile == "" {
			t.Errorf("%s: the output intent has no /DestOutputProfile", rel)
			continue
		}
		num := strings.Fields(profile)[0]
		icc, err := exec.Command("qpdf", "--show-object="+num, "--filtered-stream-data", f).Output()
		if err != nil || len(icc) < 128 {
			t.Errorf("%s: the output profile cannot be read: %v", rel, err)
			continue
		}
		if string(icc[36:40]) != "acsp" || string(icc[12:16]) != "prtr" || string(icc[16:20]) != "CMYK" {
			t.Errorf("%s: the output profile's header says class %q, colour space %q; want 'prtr', 'CMYK'", rel, icc[12:16], icc[16:20])
		}
	}
	need(t, "gs", "ghostscript")
	for _, f := range prints[:min(2, len(prints))] {
		cmd := exec.Command("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r20",
			"-dUsePDFX3Profile", "-o", filepath.Join(t.TempDir(), "p%d.tif"), f)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stderr, &stderr
		if err := cmd.Run(); err != nil || strings.TrimSpace(stderr.String()) != "" {
			t.Errorf("ghostscript rendering %s with its output intent: %v\n%s", filepath.Base(f), err, stderr.String())
		}
	}
}
