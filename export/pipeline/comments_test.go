package pipeline

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leafpress/export/source"
	"leafpress/samples"
)

// docxPart returns a part of a Word file, "" when it has none.
func docxPart(t *testing.T, file, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(file)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	return ""
}

// TestWarningsAsComments checks that the sample build's warnings about
// chapters (a missing picture, an unknown garant) are comments in the
// Word files, and that --no-comments leaves them out.
func TestWarningsAsComments(t *testing.T) {
	dir, res := buildSamples(t)
	var chapterWarnings []string
	for _, d := range res.Diags.Items() {
		if strings.HasPrefix(d.File, "_program/2026-lipova/") && d.Severity.String() == "warning" {
			chapterWarnings = append(chapterWarnings, d.Message)
		}
	}
	if len(chapterWarnings) == 0 {
		t.Fatal("the samples have no warnings about the lipova chapters to test with")
	}
	comments := docxPart(t, filepath.Join(dir, "2026-lipova", "program.docx"), "word/comments.xml")
	for _, w := range chapterWarnings {
		if !strings.Contains(comments, xmlEscape(w)) {
			t.Errorf("program.docx has no comment for the warning %q", w)
		}
	}
	if !strings.Contains(comments, `w:author="leafpress"`) {
		t.Error("the comments are not by leafpress")
	}

	out := t.TempDir()
	Build(Options{Source: source.Options{FS: samples.FS, Sources: []string{"."}, Campaign: "2026-lipova"}, Out: out,
		Formats: map[string]bool{"docx": true}, NoComments: true, Date: time.Unix(1767225600, 0).UTC()})
	file := filepath.Join(out, "2026-lipova", "program.docx")
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("--no-comments build wrote no program.docx: %v", err)
	}
	if c := docxPart(t, file, "word/comments.xml"); c != "" {
		t.Errorf("with --no-comments program.docx still has comments: %.200s", c)
	}
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
