package docx

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"

	"leafpress/export/doc"
)

// BenchmarkDOCX writes a generated 200-chapter programme.
func BenchmarkDOCX(b *testing.B) {
	p := bigProgramme(200)
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := Programme(&buf, p, Options{Date: testDate}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "kB/file")
}

// BenchmarkPandocMarkdownToDOCX runs pandoc on the same 200 chapters as
// Markdown, for comparison with BenchmarkDOCX.
func BenchmarkPandocMarkdownToDOCX(b *testing.B) {
	pandoc := needTool(b, "pandoc", "pandoc")
	md := programmeMarkdown(bigProgramme(200))
	path := writeTemp(b, "program.md", []byte(md))
	out := writeTemp(b, "program.docx", nil)
	for b.Loop() {
		if o, err := exec.Command(pandoc, "-f", "markdown", "-t", "docx", "--toc", "-o", out, path).CombinedOutput(); err != nil {
			b.Fatalf("pandoc: %v\n%s", err, o)
		}
	}
}

// programmeMarkdown writes the kinds of blocks bigProgramme uses as
// Markdown.
func programmeMarkdown(p *doc.Programme) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "---\ntitle: %s\nlang: cs-CZ\n---\n\n", p.Title)
	var inl func(w io.StringWriter, ins []doc.Inline)
	inl = func(w io.StringWriter, ins []doc.Inline) {
		for _, in := range ins {
			switch v := in.(type) {
			case *doc.Text:
				w.WriteString(v.Text)
			case *doc.Strong:
				w.WriteString("**")
				inl(w, v.Content)
				w.WriteString("**")
			case *doc.Link:
				w.WriteString("[")
				inl(w, v.Content)
				w.WriteString("](" + v.URL + ")")
			}
		}
	}
	for _, c := range p.Chapters {
		fmt.Fprintf(&sb, "# %s\n\nGarant: %s\n\n", c.Title, c.Garant.FullName())
		inl(&sb, c.Intro)
		sb.WriteString("\n\n")
		for _, b := range c.Blocks {
			switch v := b.(type) {
			case *doc.Heading:
				sb.WriteString("## ")
				inl(&sb, v.Content)
			case *doc.Lead:
				sb.WriteString("> ")
				inl(&sb, v.Content)
			case *doc.Paragraph:
				inl(&sb, v.Content)
			case *doc.List:
				for i, it := range v.Items {
					if v.Ordered {
						fmt.Fprintf(&sb, "%d. ", i+1)
					} else {
						sb.WriteString("- ")
					}
					inl(&sb, it.Blocks[0].(*doc.Paragraph).Content)
					sb.WriteString("\n")
				}
			}
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}
