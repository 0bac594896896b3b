package docx

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"leafpress/export/doc"
	"leafpress/export/source"
	"leafpress/export/typography"
	"leafpress/samples"
)

// samplesProgrammes loads the embedded sample site as leafpress does.
func samplesProgrammes(t testing.TB) []*doc.Programme {
	t.Helper()
	progs, dl := source.Load(source.Options{FS: samples.FS, Sources: []string{"."}})
	if len(progs) == 0 {
		t.Fatalf("the samples hold no programme: %v", dl)
	}
	for _, p := range progs {
		typography.Programme(p)
	}
	return progs
}

// TestSamples writes every sample programme, and each of its chapters,
// and reads them back with python3-docx and pandoc.
func TestSamples(t *testing.T) {
	for _, p := range samplesProgrammes(t) {
		t.Run(p.UID, func(t *testing.T) {
			var warnings []string
			opt := Options{Date: testDate, Warn: func(file, msg string) { warnings = append(warnings, file+": "+msg) }}
			data := programmeDOCX(t, p, opt)
			for _, w := range warnings {
				t.Log(w)
			}
			for _, c := range p.Chapters {
				var buf bytes.Buffer
				if err := Chapter(&buf, p, c, opt); err != nil {
					t.Errorf("%s: %v", c.Source, err)
				}
			}
			d := pythonDocx(t, data)
			want := langTag(p.Language)
			if d.Language != want {
				t.Errorf("language %q, want %q", d.Language, want)
			}
			var h1 []string
			for _, para := range d.Paragraphs {
				if para.Style == "Heading 1" {
					h1 = append(h1, para.Text)
				}
			}
			var titles []string
			for _, c := range p.Chapters {
				titles = append(titles, c.Title)
			}
			if fmt.Sprint(h1) != fmt.Sprint(titles) {
				t.Errorf("Heading 1 paragraphs %q, want the chapter titles %q", h1, titles)
			}
			gotH, gotL := pandocOutline(pandocJSON(t, data))
			wantH, wantL := treeOutline(p, wordsFor(p.Language).contents)
			for i := range wantH {
				wantH[i] = strings.Join(strings.Fields(wantH[i]), " ")
			}
			for i := range gotH {
				gotH[i] = strings.Join(strings.Fields(gotH[i]), " ")
			}
			if fmt.Sprint(gotH) != fmt.Sprint(wantH) {
				t.Errorf("pandoc reads the headings\n%q\nwant\n%q", gotH, wantH)
			}
			if fmt.Sprint(gotL) != fmt.Sprint(wantL) {
				t.Errorf("pandoc reads the lists\n%+v\nwant\n%+v", gotL, wantL)
			}
		})
	}
}

// sampleFile is one Word file written from the embedded samples, with the
// part of the tree it holds.
type sampleFile struct {
	name     string // programme uid, and chapter uid for a chapter file
	data     []byte
	part     *doc.Programme // the programme, or a programme of the one chapter
	title    string         // expected document title
	subject  string
	keywords string
	language string
}

// sampleFiles writes program.docx and chapters/<uid>.docx of every sample
// programme, as leafpress build does, once for all tests (they only read
// them).
func sampleFiles(t *testing.T) []sampleFile {
	t.Helper()
	sampleFilesOnce.Do(func() { sampleFilesData = writeSampleFiles(t) })
	if len(sampleFilesData) == 0 {
		t.Fatal("the sample Word files could not be written")
	}
	return sampleFilesData
}

var (
	sampleFilesOnce sync.Once
	sampleFilesData []sampleFile
	sampleDumps     sync.Map // file name → *dumped
)

// dump is the file as python3-docx reads it, read once for all tests.
func (f sampleFile) dump(t *testing.T) *dumped {
	t.Helper()
	if d, ok := sampleDumps.Load(f.name); ok {
		return d.(*dumped)
	}
	d := pythonDocx(t, f.data)
	sampleDumps.Store(f.name, d)
	return d
}

func writeSampleFiles(t *testing.T) []sampleFile {
	t.Helper()
	var files []sampleFile
	for _, p := range samplesProgrammes(t) {
		opt := Options{Date: testDate}
		var uids []string
		for _, c := range p.Chapters {
			uids = append(uids, c.UID)
		}
		files = append(files, sampleFile{
			name: p.UID, data: programmeDOCX(t, p, opt), part: p,
			title: p.Title, subject: subjectOf(p), keywords: strings.Join(uids, ", "), language: langTag(p.Language),
		})
		for _, c := range p.Chapters {
			var buf bytes.Buffer
			if err := Chapter(&buf, p, c, opt); err != nil {
				t.Fatalf("%s: %v", c.Source, err)
			}
			one := &doc.Programme{UID: p.UID, Language: p.Language, Imprint: p.Imprint, Organisation: p.Organisation, Chapters: []*doc.Chapter{c}}
			files = append(files, sampleFile{
				name: p.UID + "-" + c.UID, data: buf.Bytes(), part: one,
				title: c.Title, subject: subjectOf(p), keywords: c.UID, language: langTag(p.Language),
			})
		}
	}
	return files
}

// TestSamplesEveryFile reads every Word file of the samples, the
// programme files and each chapter file, with python3-docx (properties,
// language, the styles of titles, garants, intros, headings, leads,
// quotes and lists), then converts them all with LibreOffice and looks
// for every word of the tree in the PDFs.
func TestSamplesEveryFile(t *testing.T) {
	files := sampleFiles(t)
	if len(files) < 8 {
		t.Fatalf("only %d sample Word files", len(files))
	}
	created := testDate.Format("2006-01-02T15:04:05")
	for _, f := range files {
		d := f.dump(t)
		c := d.Core
		if c.Title != f.title || c.Subject != f.subject || c.Author != authorOf(f.part, f.part.Chapters) || c.Author == "leafpress" || c.Keywords != f.keywords ||
			!strings.HasPrefix(c.Created, created) || !strings.HasPrefix(c.Modified, created) {
			t.Errorf("%s: core properties %+v, want title %q, subject %q, author %q, keywords %q, dates %s",
				f.name, c, f.title, f.subject, authorOf(f.part, f.part.Chapters), f.keywords, created)
		}
		if d.Language != f.language || c.Language != f.language {
			t.Errorf("%s: language %q (core %q), want %q", f.name, d.Language, c.Language, f.language)
		}
		count := map[string]int{}
		for _, para := range d.Paragraphs {
			count[para.Style]++
			if para.Outline > 1 {
				count["headings"]++
			}
		}
		want := map[string]int{}
		for _, ch := range f.part.Chapters {
			want["Heading 1"]++
			if ch.Garant != nil {
				want["Garant"]++
			}
			if len(ch.Intro) > 0 {
				want["Lead"]++
			}
			doc.WalkBlocks(ch.Blocks, func(b doc.Block) bool {
				switch v := b.(type) {
				case *doc.Heading, *doc.Section:
					want["headings"]++
				case *doc.Lead:
					want["Intense Quote"]++
				case *doc.List:
					for _, it := range v.Items {
						if _, ok := it.Blocks[0].(*doc.Paragraph); ok && v.Ordered {
							want["List Number"]++
						} else if ok {
							want["List Bullet"]++
						}
					}
				}
				return true
			})
		}
		if f.part.Title != "" {
			want["Title"] = 1
		}
		for style, n := range want {
			if count[style] != n {
				t.Errorf("%s: %d paragraphs in %q, want %d", f.name, count[style], style, n)
			}
		}
	}

	if testing.Short() {
		return
	}
	pdftotext := needTool(t, "pdftotext", "poppler-utils")
	pdfs := samplePDFs(t)
	for _, f := range files {
		txt, err := exec.Command(pdftotext, "-enc", "UTF-8", pdfs[f.name], "-").Output()
		if err != nil {
			t.Fatalf("pdftotext %s: %v", f.name, err)
		}
		checkWords(t, f.name, string(txt), treeWords(f.part))
	}
}

var (
	samplePDFOnce sync.Once
	samplePDFDir  string // removed by TestMain
	samplePDFMap  map[string]string
)

// samplePDFs converts every sample Word file (sampleFiles) to PDF with
// LibreOffice, in one run shared by the tests, and returns the PDFs by
// file name.
func samplePDFs(t *testing.T) map[string]string {
	t.Helper()
	soffice := needTool(t, "soffice", "libreoffice-writer-nogui")
	files := sampleFiles(t)
	samplePDFOnce.Do(func() {
		dir, err := os.MkdirTemp("", "leafpress-docx-pdf-")
		if err != nil {
			t.Fatal(err)
		}
		samplePDFDir = dir
		args := []string{loProfile(), "--headless", "--convert-to", "pdf", "--outdir", dir}
		for _, f := range files {
			p := filepath.Join(dir, f.name+".docx")
			if err := os.WriteFile(p, f.data, 0o644); err != nil {
				t.Fatal(err)
			}
			args = append(args, p)
		}
		if out, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, out)
		}
		m := map[string]string{}
		for _, f := range files {
			m[f.name] = filepath.Join(dir, f.name+".pdf")
		}
		samplePDFMap = m
	})
	if samplePDFMap == nil {
		t.Fatal("LibreOffice could not convert the sample files")
	}
	for name, pdf := range samplePDFMap {
		if _, err := os.Stat(pdf); err != nil {
			t.Fatalf("LibreOffice made no PDF of %s", name)
		}
	}
	return samplePDFMap
}
