package typography

import (
	"io/fs"
	"strings"
	"testing"
	"unicode/utf8"

	"leafpress/export/doc"
	"leafpress/samples"
)

// largeProgramme builds a programme of copies of the sample chapters'
// paragraphs (the UTF-8 ones), with a bold inline in every paragraph, and
// returns it with its text size in bytes.
func largeProgramme(tb testing.TB, copies int) (*doc.Programme, int) {
	tb.Helper()
	names, err := fs.Glob(samples.FS, "_program/*/*.md")
	if err != nil {
		tb.Fatal(err)
	}
	var paras []string
	for _, name := range names {
		b, err := fs.ReadFile(samples.FS, name)
		if err != nil || !utf8.Valid(b) {
			continue
		}
		for _, p := range strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n\n") {
			if p = strings.TrimSpace(p); len(p) > 40 && !strings.HasPrefix(p, "<") && !strings.HasPrefix(p, "---") {
				paras = append(paras, p)
			}
		}
	}
	if len(paras) < 20 {
		tb.Fatalf("only %d sample paragraphs", len(paras))
	}
	p := &doc.Programme{Language: "cs"}
	size := 0
	for c := 0; c < copies; c++ {
		ch := &doc.Chapter{Title: "Kapitola v programu"}
		for _, para := range paras {
			head, tail, _ := strings.Cut(para, " v ")
			ch.Blocks = append(ch.Blocks, &doc.Paragraph{Content: []doc.Inline{
				&doc.Text{Text: head + " v "},
				&doc.Strong{Content: []doc.Inline{&doc.Text{Text: tail}}},
			}})
			size += len(para) + 3
		}
		p.Chapters = append(p.Chapters, ch)
	}
	return p, size
}

// BenchmarkProgramme runs the pass over a programme of about 1.2 MB of
// Czech text (30 copies of the sample chapters).
func BenchmarkProgramme(b *testing.B) {
	_, size := largeProgramme(b, 30)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		p, _ := largeProgramme(b, 30)
		b.StartTimer()
		Programme(p)
	}
}

// TestLargeProgramme checks the benchmark's programme is really changed
// and that a second pass changes nothing.
func TestLargeProgramme(t *testing.T) {
	p, _ := largeProgramme(t, 1)
	text := func() string {
		var sb strings.Builder
		for _, c := range p.Chapters {
			doc.WalkBlocks(c.Blocks, func(b doc.Block) bool {
				for _, ins := range doc.BlockInlines(b) {
					sb.WriteString(doc.PlainText(ins))
				}
				return true
			})
		}
		return sb.String()
	}
	before := text()
	Programme(p)
	once := text()
	if strings.Count(once, "\u00A0") < 100 {
		t.Errorf("only %d no-break spaces in the sample text", strings.Count(once, "\u00A0"))
	}
	if strings.Count(before, `"`) == 0 || strings.Count(once, `"`) != 0 {
		t.Errorf("straight quotes: %d before the pass, %d after; want some, then none",
			strings.Count(before, `"`), strings.Count(once, `"`))
	}
	Programme(p)
	if text() != once {
		t.Error("a second pass changed the sample text")
	}
}
