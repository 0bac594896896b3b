// Command anchors writes the inputs bench/compare.sh gives the tools
// leafpress is measured against, from the same document tree leafpress
// sets: one Typst file (A5, two justified hyphenated columns, Roboto,
// each chapter's title, picture, lead and text), and one Markdown file per
// chapter for pandoc, with the chapter's picture, and pandoc.jobs: one
// line of pandoc arguments per Word file leafpress writes (a programme's
// chapters with a table of contents, and each chapter alone), so that
// pandoc is timed writing the same files. With -generate it first
// writes a large programme: the sample site with its Lipová chapters
// repeated.
//
//	go run ./bench/anchors -generate 1000 -site DIR
//	go run ./bench/anchors -typst DIR -markdown DIR [-campaign UID] SOURCE...
//
// In the Typst folder it writes program.typ and the pictures (Typst reads
// files only from its workspace).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"leafpress/export/doc"
	"leafpress/export/pipeline"
	"leafpress/export/source"
	"leafpress/samples"
)

func main() {
	generate := flag.Int("generate", 0, "write a site with `N` chapters (the sample Lipová chapters repeated) into -site")
	site := flag.String("site", "", "folder for -generate")
	typ := flag.String("typst", "", "write program.typ and its pictures into `DIR`")
	md := flag.String("markdown", "", "write one Markdown file per chapter into `DIR`")
	campaign := flag.String("campaign", "", "only the programme with this campaignCategoryUid")
	flag.Parse()
	if *generate > 0 {
		if err := generateSite(*site, *generate); err != nil {
			fail(err)
		}
		return
	}
	progs, diags := pipeline.Load(source.Options{Sources: flag.Args(), Campaign: *campaign})
	if len(progs) == 0 {
		fail(fmt.Errorf("no programme found: %v", diags.Items()))
	}
	var chapters []*doc.Chapter
	var jobs strings.Builder // pandoc.jobs: the Word files leafpress writes
	for _, p := range progs {
		var files []string
		for i, c := range p.Chapters {
			name := fmt.Sprintf("%04d.md", len(chapters)+i)
			files = append(files, name)
			fmt.Fprintf(&jobs, "-o %s-%s.docx %s\n", p.UID, c.UID, name)
		}
		fmt.Fprintf(&jobs, "--toc -o %s.docx %s\n", p.UID, strings.Join(files, " "))
		chapters = append(chapters, p.Chapters...)
	}
	if *typ != "" {
		if err := writeTypst(*typ, chapters); err != nil {
			fail(err)
		}
	}
	if *md != "" {
		if err := writeMarkdown(*md, chapters); err != nil {
			fail(err)
		}
		if err := os.WriteFile(filepath.Join(*md, "pandoc.jobs"), []byte(jobs.String()), 0o644); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "anchors:", err)
	os.Exit(1)
}

// generateSite writes the sample site into dir with its Lipová chapters
// repeated to n chapters, each with its own uid and order.
func generateSite(dir string, n int) error {
	if dir == "" {
		return fmt.Errorf("-generate needs -site DIR")
	}
	var bodies [][]byte
	err := fs.WalkDir(samples.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(samples.FS, p)
		if err != nil {
			return err
		}
		if strings.HasPrefix(p, "_program/") {
			if strings.HasPrefix(p, "_program/2026-lipova/") && strings.HasSuffix(p, ".md") && !strings.HasPrefix(path.Base(p), "_") &&
				bytes.Contains(data, []byte("campaignCategoryUid: 2026-lipova\n")) {
				bodies = append(bodies, data)
			}
			return nil
		}
		out := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		return err
	}
	if len(bodies) == 0 {
		return fmt.Errorf("no sample chapters found")
	}
	uid := regexp.MustCompile(`(?m)^uid: .*$`)
	order := regexp.MustCompile(`(?m)^order: .*$`)
	out := filepath.Join(dir, "_program", "velky")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	for i := range n {
		b := bodies[i%len(bodies)]
		b = uid.ReplaceAll(b, fmt.Appendf(nil, "uid: kapitola-%04d", i))
		b = order.ReplaceAll(b, fmt.Appendf(nil, "order: %d", i+1))
		if err := os.WriteFile(filepath.Join(out, fmt.Sprintf("kapitola-%04d.md", i)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// typstEscape escapes Typst markup characters in text.
var typstEscape = strings.NewReplacer(`\`, `\\`, `#`, `\#`, `[`, `\[`, `]`, `\]`, `*`, `\*`, `_`, `\_`, "`", "\\`",
	`$`, `\$`, `<`, `\<`, `>`, `\>`, `@`, `\@`, `=`, `\=`, `~`, `\~`, `/`, `\/`, `-`, `\-`, `+`, `\+`)

// writeTypst writes program.typ and copies each chapter's picture next to
// it.
func writeTypst(dir string, chapters []*doc.Chapter) error {
	if err := os.MkdirAll(filepath.Join(dir, "pictures"), 0o755); err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("#set page(paper: \"a5\", margin: 12mm, columns: 2)\n")
	b.WriteString("#set text(lang: \"cs\", size: 9pt, font: \"Roboto\", hyphenate: true)\n")
	b.WriteString("#set par(justify: true)\n\n")
	pics := map[string]string{}
	for i, c := range chapters {
		if i > 0 {
			b.WriteString("#pagebreak()\n")
		}
		fmt.Fprintf(&b, "= %s\n\n", typstEscape.Replace(c.Title))
		if im := c.Image; im != nil && im.Path != "" {
			name, ok := pics[im.Path]
			if !ok {
				data, err := im.ReadAll()
				if err != nil {
					return err
				}
				name = fmt.Sprintf("pictures/%d%s", len(pics)+1, path.Ext(im.Path))
				if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), data, 0o644); err != nil {
					return err
				}
				pics[im.Path] = name
			}
			fmt.Fprintf(&b, "#image(\"%s\", width: 100%%)\n\n", name)
		}
		if len(c.Intro) > 0 {
			fmt.Fprintf(&b, "*%s*\n\n", typstEscape.Replace(doc.PlainText(c.Intro)))
		}
		typstBlocks(&b, c.Blocks)
	}
	return os.WriteFile(filepath.Join(dir, "program.typ"), []byte(b.String()), 0o644)
}

func typstBlocks(b *strings.Builder, blocks []doc.Block) {
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case *doc.Heading:
			fmt.Fprintf(b, "%s %s\n\n", strings.Repeat("=", min(bl.Level+1, 4)), typstEscape.Replace(doc.PlainText(bl.Content)))
		case *doc.Paragraph:
			fmt.Fprintf(b, "%s\n\n", typstEscape.Replace(doc.PlainText(bl.Content)))
		case *doc.Lead:
			fmt.Fprintf(b, "*%s*\n\n", typstEscape.Replace(doc.PlainText(bl.Content)))
		case *doc.Quote:
			typstBlocks(b, bl.Blocks)
		case *doc.Section:
			fmt.Fprintf(b, "==== %s\n\n", typstEscape.Replace(bl.Title))
			typstBlocks(b, bl.Blocks)
		case *doc.List:
			for _, it := range bl.Items {
				var s strings.Builder
				typstBlocks(&s, it.Blocks)
				fmt.Fprintf(b, "- %s\n", strings.Join(strings.Fields(s.String()), " "))
			}
			b.WriteString("\n")
		}
	}
}

// writeMarkdown writes each chapter as a Markdown file for pandoc: its
// title, its picture (an absolute path, copied out of the embedded
// samples when needed), its lead and its text.
func writeMarkdown(dir string, chapters []*doc.Chapter) error {
	if err := os.MkdirAll(filepath.Join(dir, "pictures"), 0o755); err != nil {
		return err
	}
	pics := map[string]string{}
	for i, c := range chapters {
		var b strings.Builder
		fmt.Fprintf(&b, "# %s\n\n", c.Title)
		if im := c.Image; im != nil && im.Path != "" {
			name, ok := pics[im.Path]
			if !ok {
				name = im.Path
				if im.FS != nil || !filepath.IsAbs(name) {
					data, err := im.ReadAll()
					if err != nil {
						return err
					}
					name, _ = filepath.Abs(filepath.Join(dir, "pictures", fmt.Sprintf("%d%s", len(pics)+1, path.Ext(im.Path))))
					if err := os.WriteFile(name, data, 0o644); err != nil {
						return err
					}
				}
				pics[im.Path] = name
			}
			fmt.Fprintf(&b, "![](%s)\n\n", name)
		}
		if len(c.Intro) > 0 {
			fmt.Fprintf(&b, "**%s**\n\n", doc.PlainText(c.Intro))
		}
		mdBlocks(&b, c.Blocks, "")
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.md", i)), []byte(b.String()), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func mdBlocks(b *strings.Builder, blocks []doc.Block, prefix string) {
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case *doc.Heading:
			fmt.Fprintf(b, "%s%s %s\n\n", prefix, strings.Repeat("#", min(bl.Level+1, 6)), doc.PlainText(bl.Content))
		case *doc.Paragraph:
			fmt.Fprintf(b, "%s%s\n\n", prefix, doc.PlainText(bl.Content))
		case *doc.Lead:
			fmt.Fprintf(b, "%s> %s\n\n", prefix, doc.PlainText(bl.Content))
		case *doc.Quote:
			mdBlocks(b, bl.Blocks, prefix+"> ")
		case *doc.Section:
			fmt.Fprintf(b, "%s#### %s\n\n", prefix, bl.Title)
			mdBlocks(b, bl.Blocks, prefix)
		case *doc.List:
			for _, it := range bl.Items {
				var s strings.Builder
				mdBlocks(&s, it.Blocks, "")
				fmt.Fprintf(b, "%s- %s\n", prefix, strings.Join(strings.Fields(s.String()), " "))
			}
			b.WriteString("\n")
		}
	}
}
