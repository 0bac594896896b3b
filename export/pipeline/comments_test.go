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

// wordPart returns a part of a Word file, "" when it has none.
func wordPart(t *testing.T, file, name string) string {
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
// the lipova chapters (a missing picture, an unknown garant, a file in
// Windows-1250) are comments in program.docx, and that --no-comments
// leaves them out.
func TestWarningsAsComments(t *testing.T) {
	build := func(noComments bool) string {
		out := t.TempDir()
		Build(Options{Source: source.Options{FS: samples.FS, Sources: []string{"."}, Campaign: "2026-lipova"}, Out: out,
			Formats: map[string]bool{"docx": true}, NoComments: noComments, Date: time.Unix(1767225600, 0).UTC()})
		file := filepath.Join(out, "2026-lipova", "program.docx")
		if _, err := os.Stat(file); err != nil {
			t.Fatalf("the build wrote no program.docx: %v", err)
		}
		return wordPart(t, file, "word/comments.xml")
	}
	comments := build(false)
	for _, w := range []string{`the garant &#34;ondrej.pesek&#34;`, "zivotni-prostredi.jpg", "Windows-1250"} {
		if !strings.Contains(strings.ReplaceAll(comments, `"`, "&#34;"), w) {
			t.Errorf("program.docx has no comment about %s: %.300s", w, comments)
		}
	}
	if !strings.Contains(comments, `w:author="leafpress"`) {
		t.Error("the comments are not by leafpress")
	}
	if c := build(true); c != "" {
		t.Errorf("with --no-comments program.docx still has comments: %.200s", c)
	}
}
