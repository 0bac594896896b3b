package pipeline

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/source"
	"leafpress/samples"
)

// built holds one build of the embedded samples, shared by the tests that
// open its files with real readers.
var built struct {
	once sync.Once
	dir  string
	res  *Result
}

func buildSamples(t *testing.T) (string, *Result) {
	t.Helper()
	built.once.Do(func() {
		dir, err := os.MkdirTemp("", "leafpress-build-")
		if err != nil {
			t.Fatal(err)
		}
		built.dir = dir
		built.res = Build(Options{
			Source: source.Options{FS: samples.FS, Sources: []string{"."}},
			Out:    dir,
			Impose: "booklet",
			Date:   time.Unix(1767225600, 0).UTC(),
		})
	})
	if built.res == nil {
		t.Fatal("the sample build did not run")
	}
	return built.dir, built.res
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

func need(t *testing.T, tool, pkg string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s not found; install the Debian package %s", tool, pkg)
	}
}

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestBuildWritesEveryOutput(t *testing.T) {
	dir, res := buildSamples(t)
	if res.Diags.HasErrors() {
		t.Errorf("the samples build with errors: %v", res.Diags.Items())
	}
	for _, p := range res.Programmes {
		want := []string{"tree.json", "program.pdf", "program-print.pdf", "program-booklet.pdf", "program.docx", "preflight.json"}
		for _, c := range p.Chapters {
			want = append(want, "chapters/"+c.UID+".pdf", "chapters/"+c.UID+"-print.pdf", "chapters/"+c.UID+".docx")
		}
		for _, f := range want {
			st, err := os.Stat(filepath.Join(dir, p.UID, f))
			if err != nil || st.Size() == 0 {
				t.Errorf("%s/%s: not written (%v)", p.UID, f, err)
			}
		}
		tmp, _ := filepath.Glob(filepath.Join(dir, p.UID, "*.tmp"))
		if len(tmp) > 0 {
			t.Errorf("temporary files left: %v", tmp)
		}
	}
}

var sizeRe = regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`)
var pagesRe = regexp.MustCompile(`Pages:\s+(\d+)`)

func pdfInfo(t *testing.T, file string) (w, h string, pages int) {
	out := runTool(t, "pdfinfo", file)
	m := sizeRe.FindStringSubmatch(out)
	n := pagesRe.FindStringSubmatch(out)
	if m == nil || n == nil {
		t.Fatalf("pdfinfo %s: no page size or count:\n%s", file, out)
	}
	pages, _ = strconv.Atoi(n[1])
	return m[1], m[2], pages
}

func TestScreenPDFSizesAndPageCounts(t *testing.T) {
	need(t, "pdfinfo", "poppler-utils")
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		w, h, n := pdfInfo(t, filepath.Join(dir, p.UID, "program.pdf"))
		if w != "419.53" || h != "595.28" {
			t.Errorf("%s/program.pdf: page %s x %s pt, want A5 419.53 x 595.28", p.UID, w, h)
		}
		if n%4 != 0 {
			t.Errorf("%s/program.pdf: %d pages, not a multiple of 4", p.UID, n)
		}
		for _, c := range p.Chapters {
			w, h, n := pdfInfo(t, filepath.Join(dir, p.UID, "chapters", c.UID+".pdf"))
			if w != "280.63" || h != "595.28" || n != 2 {
				t.Errorf("%s: dl-leaflet is %s x %s pt with %d pages, want 280.63 x 595.28 and 2", c.Source, w, h, n)
			}
		}
	}
}

func TestFontsEmbeddedAndSubset(t *testing.T) {
	need(t, "pdffonts", "poppler-utils")
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		for _, f := range []string{"program.pdf", "program-print.pdf", "program-booklet.pdf"} {
			out := runTool(t, "pdffonts", filepath.Join(dir, p.UID, f))
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) < 3 {
				t.Errorf("%s/%s: no fonts listed:\n%s", p.UID, f, out)
				continue
			}
			for _, l := range lines[2:] {
				fields := strings.Fields(l)
				// name type encoding emb sub uni object ID
				n := len(fields)
				if n < 7 || fields[n-5] != "yes" || fields[n-4] != "yes" {
					t.Errorf("%s/%s: font not embedded and subset: %q", p.UID, f, l)
				}
			}
		}
	}
}

func TestQPDFCheckIsClean(t *testing.T) {
	need(t, "qpdf", "qpdf")
	dir, _ := buildSamples(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.pdf"))
	chap, _ := filepath.Glob(filepath.Join(dir, "*", "chapters", "*.pdf"))
	files = append(files, chap...)
	if len(files) < 10 {
		t.Fatalf("only %d PDFs written", len(files))
	}
	for _, f := range files {
		out, err := exec.Command("qpdf", "--check", f).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") || strings.Contains(string(out), "WARNING") {
			t.Errorf("qpdf --check %s: %v\n%s", f, err, out)
		}
	}
}

// words splits text into words the way a reader compares them: letters and
// digits, with punctuation and quotes trimmed.
func words(s string) []string {
	s = strings.NewReplacer("\u00a0", " ", "\u00ad", "").Replace(s)
	var out []string
	for _, f := range strings.Fields(s) {
		f = strings.TrimFunc(f, func(r rune) bool {
			return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 && r != '„' && r != '“' && r != '‚' && r != '‘' && r != '–' && r != '—' && r != '…' && r != '’')
		})
		if f != "" {
			out = append(out, strings.ToLower(f))
		}
	}
	return out
}

// pdfText is what a reader gets out of a PDF: its words (with words
// hyphenated at line ends joined), the parts of words hyphenated where the
// next part is not on the next line (at the end of a column or page), and
// the text without white space, to find URLs broken over lines.
type pdfText struct {
	words    map[string]int
	heads    map[string]bool // "souvi" of "souvi-" ending a line
	tails    map[string]bool // the first word of every line
	squashed string
}

func readPDF(t *testing.T, file string) *pdfText {
	text := runTool(t, "pdftotext", "-enc", "UTF-8", file, "-")
	pt := &pdfText{words: map[string]int{}, heads: map[string]bool{}, tails: map[string]bool{}}
	lines := strings.Split(text, "\n")
	var joined strings.Builder
	for i := 0; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], " ")
		if ws := words(l); len(ws) > 0 {
			pt.tails[ws[0]] = true
		}
		// A word broken at a line end: a hyphen, or in a tagged PDF a soft
		// hyphen (U+00AD).
		if head := strings.TrimSuffix(strings.TrimSuffix(l, "-"), "\u00ad"); head != l && head != "" && !strings.HasSuffix(head, " ") {
			if ws := words(l); len(ws) > 0 {
				pt.heads[ws[len(ws)-1]] = true
			}
			if i+1 < len(lines) && strings.TrimSpace(lines[i+1]) != "" {
				joined.WriteString(head)
				continue
			}
		}
		joined.WriteString(l)
		joined.WriteString("\n")
	}
	for _, w := range words(joined.String()) {
		pt.words[w]++
	}
	pt.squashed = strings.ToLower(strings.Join(strings.Fields(text), ""))
	return pt
}

// has reports whether the word w, missing from the whole words, is in
// the PDF hyphenated over a column or page end, or broken over lines (a URL).
func (pt *pdfText) has(w string) bool {
	if strings.ContainsAny(w, "/@.") {
		// pdftotext drops a hyphen that ends a line, even in a URL.
		unhyphen := strings.NewReplacer("-", "")
		if strings.Contains(pt.squashed, w) || strings.Contains(unhyphen.Replace(pt.squashed), unhyphen.Replace(w)) {
			return true
		}
	}
	rs := []rune(w)
	for i := 2; i <= len(rs)-2; i++ {
		if pt.heads[string(rs[:i])] && pt.tails[string(rs[i:])] {
			return true
		}
	}
	return false
}

// chapterWords are the words of everything a full layout prints of a chapter.
func chapterWords(c *doc.Chapter) map[string]int {
	text := doc.ChapterText(c)
	if c.Garant != nil {
		text += c.Garant.FullName() + "\n"
	}
	m := map[string]int{}
	for _, w := range words(text) {
		m[w]++
	}
	return m
}

// TestPDFTextHoldsTheTreeWords reads every chapter's words back from the
// programme's screen PDF with pdftotext: every word of the tree is there
// as often as in the tree, and what else is there is page furniture (the
// running head, page numbers, overview cards, the cover).
func TestPDFTextHoldsTheTreeWords(t *testing.T) {
	need(t, "pdftotext", "poppler-utils")
	dir, res := buildSamples(t)
	for _, p := range res.Programmes {
		pt := readPDF(t, filepath.Join(dir, p.UID, "program.pdf"))
		want := map[string]int{}
		for _, c := range p.Chapters {
			for w, n := range chapterWords(c) {
				want[w] += n
			}
		}
		var missing []string
		for w, n := range want {
			if got := pt.words[w]; got < n && !pt.has(w) {
				missing = append(missing, w+" ("+strconv.Itoa(got)+" of "+strconv.Itoa(n)+")")
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s/program.pdf lacks words of the tree: %v", p.UID, missing)
		}
	}
}

// TestTwoBuildsAreIdentical builds the samples again with the same date:
// every file must have the same bytes (SOURCE_DATE_EPOCH reproducibility).
func TestTwoBuildsAreIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the samples twice")
	}
	dir, _ := buildSamples(t)
	again := t.TempDir()
	Build(Options{
		Source: source.Options{FS: samples.FS, Sources: []string{"."}},
		Out:    again,
		Impose: "booklet",
		Date:   time.Unix(1767225600, 0).UTC(),
	})
	n := 0
	filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		a, _ := os.ReadFile(path)
		b, err := os.ReadFile(filepath.Join(again, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two builds with the same date (%v)", rel, err)
		}
		n++
		return nil
	})
	if n < 30 {
		t.Errorf("only %d files compared", n)
	}
}

func TestTreeLeavesOutAChapterThatCannotBeWritten(t *testing.T) {
	good := &doc.Chapter{UID: "a", Title: "A", Source: "a.md"}
	bad := &doc.Chapter{UID: "b", Title: "B", Source: "b.md", Extra: map[string]any{"x": math.NaN()}}
	p := &doc.Programme{UID: "p", Title: "P", Chapters: []*doc.Chapter{good, bad}}
	res := newResult([]*doc.Programme{p}, &diag.List{})
	b := &builder{opts: &Options{}, res: res}
	var buf bytes.Buffer
	if err := writeTree(&buf, b.treeOf(p)); err != nil {
		t.Fatalf("the programme's tree was not written: %v", err)
	}
	if !strings.Contains(buf.String(), `"uid": "a"`) || strings.Contains(buf.String(), `"uid": "b"`) {
		t.Errorf("tree.json should hold a and not b:\n%s", buf.String())
	}
	if items := res.Diags.Items(); len(items) != 1 || items[0].File != "b.md" || items[0].Severity != diag.Error {
		t.Errorf("diagnostics %v, want one error on b.md", items)
	}
}
