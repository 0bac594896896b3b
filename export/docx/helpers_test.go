package docx

import (
	"archive/zip"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"leafpress/export/doc"
)

// needTool skips the test when a command of a Debian package is missing.
func needTool(t testing.TB, cmd, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(cmd)
	if err != nil {
		t.Skipf("%s not found: this test needs Debian package %s", cmd, pkg)
	}
	return p
}

// needPythonDocx skips the test when python3-docx is missing.
func needPythonDocx(t testing.TB) {
	t.Helper()
	if _, err := os.Stat("/usr/bin/python3"); err != nil {
		t.Skip("/usr/bin/python3 not found: this test needs Debian package python3-docx")
	}
	if err := exec.Command("/usr/bin/python3", "-c", "import docx").Run(); err != nil {
		t.Skip("python3 cannot import docx: this test needs Debian package python3-docx")
	}
}

// programmeDOCX writes p with Programme and returns the file.
func programmeDOCX(t testing.TB, p *doc.Programme, opt Options) []byte {
	t.Helper()
	if opt.Date.IsZero() {
		opt.Date = testDate
	}
	var buf bytes.Buffer
	if err := Programme(&buf, p, opt); err != nil {
		t.Fatalf("Programme: %v", err)
	}
	return buf.Bytes()
}

// writeTemp stores data as name in a fresh temporary directory.
func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// unzip returns the parts of a package by name.
func unzip(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip file: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = b
	}
	return parts
}

// rezip builds a package from parts, in sorted order.
func rezip(t testing.TB, parts map[string][]byte) []byte {
	t.Helper()
	var names []string
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// dumped is what testdata/docx_dump.py reports about a file.
type dumped struct {
	Paragraphs []dumpedPara `json:"paragraphs"`
	Tables     []struct {
		Style string     `json:"style"`
		Rows  [][]string `json:"rows"`
	} `json:"tables"`
	Core struct {
		Title, Subject, Author, Keywords, Created, Modified, Language string
		LastModifiedBy                                                string `json:"last_modified_by"`
	} `json:"core"`
	Language string `json:"language"`
	Styles   map[string]struct {
		ID   string `json:"id"`
		Type string `json:"type"`
		Font string `json:"font"`
	} `json:"styles"`
	InlineShapes []struct {
		Width, Height int64
		Descr         string `json:"descr"`     // wp:docPr
		PicDescr      string `json:"pic_descr"` // pic:cNvPr
	} `json:"inline_shapes"`
	Sections []struct {
		PageWidth       int64          `json:"page_width"`
		PageHeight      int64          `json:"page_height"`
		Left            int64          `json:"left"`
		Right           int64          `json:"right"`
		TitlePage       bool           `json:"title_page"`
		Footer          []dumpedFooter `json:"footer"`
		FirstPageFooter []dumpedFooter `json:"first_page_footer"`
	} `json:"sections"`
}

// dumpedFooter is one paragraph of a footer as python3-docx sees it.
type dumpedFooter struct {
	Style  string   `json:"style"`
	Text   string   `json:"text"`
	Fields []string `json:"fields"`
}

// dumpedPara is one paragraph as python3-docx sees it.
type dumpedPara struct {
	Style   string `json:"style"`
	Text    string `json:"text"`
	Outline int    `json:"outline"` // outline level from the style, 1 for Heading 1; 0 for body text
	NumID   int    `json:"numId"`
	Ilvl    int    `json:"ilvl"`
}

// pythonDocx reads a file with python3-docx.
func pythonDocx(t testing.TB, data []byte) *dumped {
	t.Helper()
	needPythonDocx(t)
	path := writeTemp(t, "file.docx", data)
	out, err := exec.Command("/usr/bin/python3", "testdata/docx_dump.py", path).Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("python3-docx cannot read the file: %v\n%s", err, msg)
	}
	var d dumped
	if err := json.Unmarshal(out, &d); err != nil {
		t.Fatalf("reading docx_dump.py output: %v", err)
	}
	return &d
}

// loProfileDir is the LibreOffice profile of this test run: its own, so
// that runs in parallel do not clash, and shared by the tests of the run,
// since making one takes seconds. TestMain removes it.
var loProfileDir string

func loProfile() string {
	if loProfileDir == "" {
		r := make([]byte, 8)
		rand.Read(r)
		loProfileDir = filepath.Join(os.TempDir(), "lo-"+hex.EncodeToString(r))
	}
	return "-env:UserInstallation=file://" + loProfileDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if loProfileDir != "" {
		os.RemoveAll(loProfileDir)
	}
	if samplePDFDir != "" {
		os.RemoveAll(samplePDFDir)
	}
	os.Exit(code)
}

// libreOfficePDF converts .docx files with LibreOffice in one run and
// returns the text of each resulting PDF (pdftotext), by input name.
func libreOfficePDF(t testing.TB, files map[string][]byte) map[string]string {
	t.Helper()
	soffice := needTool(t, "soffice", "libreoffice-writer-nogui")
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	dir := t.TempDir()
	var args []string
	args = append(args, loProfile(), "--headless", "--convert-to", "pdf", "--outdir", dir)
	for name, data := range files {
		p := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	out, err := exec.Command(soffice, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	texts := map[string]string{}
	for name := range files {
		pdf := filepath.Join(dir, name+".pdf")
		if _, err := os.Stat(pdf); err != nil {
			t.Fatalf("LibreOffice made no PDF of %s: %s", name, out)
		}
		txt, err := exec.Command(pdftotext, "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", name, err)
		}
		texts[name] = string(txt)
	}
	return texts
}

// libreOfficeSaved returns a .docx after LibreOffice opened and saved it.
func libreOfficeSaved(t testing.TB, data []byte) []byte {
	t.Helper()
	soffice := needTool(t, "soffice", "libreoffice-writer-nogui")
	dir := t.TempDir()
	in := filepath.Join(dir, "in", "ref.docx")
	os.MkdirAll(filepath.Dir(in), 0o755)
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(soffice, loProfile(), "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", dir, in).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	saved, err := os.ReadFile(filepath.Join(dir, "ref.docx"))
	if err != nil {
		t.Fatalf("LibreOffice saved nothing: %s", out)
	}
	return saved
}

// treeWords returns every word of the programme's text: titles, garants,
// intros, blocks.
func treeWords(p *doc.Programme) []string {
	var words []string
	add := func(s string) { words = append(words, splitWords(s)...) }
	addIns := func(ins []doc.Inline) { add(doc.PlainText(ins)) }
	add(p.Title)
	for _, c := range p.Chapters {
		add(c.Title)
		if c.Garant != nil {
			add(c.Garant.FullName())
		}
		addIns(c.Intro)
		doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
			if s, ok := b.(*doc.Section); ok {
				add(s.Title)
			}
			for _, ins := range doc.BlockInlines(b) {
				addIns(ins)
			}
			return true
		})
	}
	return words
}

// splitWords splits text into lower-case words of letters and digits.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r > 0x7F && r != 0xA0 && r != 0x2013 && r != 0x2014 &&
			r != 0x201E && r != 0x201C && r != 0x201A && r != 0x2018 && r != 0x2019 && r != 0x2026 && r != 0xAD)
	})
}
