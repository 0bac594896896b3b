package docx

import (
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"

	"leafpress/export/doc"
	"leafpress/export/picture"
	"leafpress/internal/cputime"
)

// BenchmarkDOCX writes a generated 200-chapter programme.
func BenchmarkDOCX(b *testing.B) {
	p := bigProgramme(200)
	var buf bytes.Buffer
	b.ReportAllocs()
	start := cputime.Used()
	for b.Loop() {
		buf.Reset()
		if err := Programme(&buf, p, Options{Date: testDate}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(buf.Len())/1024, "kB/file")
}

// BenchmarkSamplesDOCX writes every Word file of the sample site as
// leafpress build --formats docx does (program.docx of each programme and
// a file per chapter, with their pictures, on GOMAXPROCS goroutines), with
// an empty in-memory picture cache each time, and the embedded fonts made
// anew each time, as in a new process.
func BenchmarkSamplesDOCX(b *testing.B) {
	progs := samplesProgrammes(b)
	type job struct {
		p *doc.Programme
		c *doc.Chapter // nil: the programme file
	}
	var jobs []job
	for _, p := range progs {
		jobs = append(jobs, job{p: p})
		for _, c := range p.Chapters {
			jobs = append(jobs, job{p, c})
		}
	}
	b.ReportAllocs()
	var total int
	start := cputime.Used()
	for b.Loop() {
		forgetEmbeddedFaces()
		opt := Options{Date: testDate, Pictures: picture.New("", 0)}
		next := make(chan job)
		var wg sync.WaitGroup
		var mu sync.Mutex
		total = 0
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				var buf bytes.Buffer
				for j := range next {
					buf.Reset()
					var err error
					if j.c == nil {
						err = Programme(&buf, j.p, opt)
					} else {
						err = Chapter(&buf, j.p, j.c, opt)
					}
					if err != nil {
						b.Error(err)
					}
					mu.Lock()
					total += buf.Len()
					mu.Unlock()
				}
			})
		}
		for _, j := range jobs {
			next <- j
		}
		close(next)
		wg.Wait()
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
	b.ReportMetric(float64(len(jobs)), "files")
	b.ReportMetric(float64(total)/1024, "kB")
}

// BenchmarkEmbeddedFaces makes the six embedded faces for the base
// character set, as the first Word file of a run does.
func BenchmarkEmbeddedFaces(b *testing.B) {
	runes := runeSet(nil)
	start := cputime.Used()
	for b.Loop() {
		forgetEmbeddedFaces()
		var names []string
		for _, fam := range families {
			for _, name := range fam.faces {
				if name != "" {
					names = append(names, name)
				}
			}
		}
		if _, err := embedFaces(names, runes); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cputime.Used()-start).Seconds()/float64(b.N), "cpu-s/op")
}

// forgetEmbeddedFaces empties what the process made once for every file
// (the embedded faces, the compressed shared parts), as a new process
// starts.
func forgetEmbeddedFaces() {
	embeddedFaces.Lock()
	clear(embeddedFaces.m)
	embeddedFaces.Unlock()
	sharedParts.Lock()
	clear(sharedParts.m)
	sharedParts.bytes = 0
	sharedParts.Unlock()
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
