package markdown

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"leafpress/export/doc"
)

// completeTag matches a complete HTML tag as CommonMark defines raw HTML:
// such a tag in the source is read as HTML, never left as text.
var completeTag = regexp.MustCompile(`</[A-Za-z][A-Za-z0-9-]*\s*>|<[A-Za-z][A-Za-z0-9-]*` +
	`(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>` + "`" + `]+|'[^']*'|"[^"]*"))?)*\s*/?>`)

// controls matches control characters other than tab and line ends.
var controls = regexp.MustCompile(`[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]`)

// literalAngle matches a '<' that could start a tag name.
var literalAngle = regexp.MustCompile(`</?[A-Za-z]`)

func FuzzBlocks(f *testing.F) {
	for _, group := range [][]blockCase{htmlCases, markdownCases} {
		for _, tc := range group {
			f.Add(tc.in)
		}
	}
	f.Add("<div><button>- K</button>\n\n* a\n\n</div>\n<div><ul>x<br>y</ul></div>")
	f.Add("<ul>\n\n    <li>a</li>\n\n</ul>")
	f.Add("## A\n> b\n\n<blockquote>\n\n> c\n\n</blockquote>")
	f.Fuzz(func(t *testing.T, src string) {
		blocks, problems := Blocks([]byte(src))
		for _, p := range problems {
			if p.Message == "" || p.Line < 0 {
				t.Errorf("bad problem %+v", p)
			}
		}
		if _, err := json.Marshal(blocks); err != nil {
			t.Fatal(err)
		}
		if s := treeDefect(blocks); s != "" {
			t.Errorf("Blocks(%q): %s", src, s)
		}
		ins := Inlines([]byte(src))
		if s := treeDefect([]doc.Block{&doc.Paragraph{Content: ins}}); s != "" && ins != nil {
			t.Errorf("Inlines(%q): %s", src, s)
		}
		// The body is UTF-8 text (the loader converts it); goldmark's tag
		// grammar differs from completeTag around control characters.
		// Escapes, character references and a literal '<' that starts no
		// tag may spell a tag as text on purpose (as a browser shows it);
		// otherwise no complete tag may survive as text.
		if !utf8.ValidString(src) || strings.ContainsAny(src, "&\\") || controls.MatchString(src) || literalAngle.MatchString(completeTag.ReplaceAllString(src, "")) {
			return
		}
		if s := findText(blocks, completeTag.MatchString); s != "" {
			t.Errorf("Blocks(%q) holds tag text %q", src, s)
		}
		if s := findText([]doc.Block{&doc.Paragraph{Content: ins}}, completeTag.MatchString); s != "" {
			t.Errorf("Inlines(%q) holds tag text %q", src, s)
		}
	})
}

// treeDefect returns what is wrong with the shape of a tree, or "":
// empty blocks, empty or adjacent texts, empty containers, untrimmed
// text at the edges of a block.
func treeDefect(blocks []doc.Block) string {
	var defect string
	fail := func(format string, args ...any) {
		if defect == "" {
			defect = fmt.Sprintf(format, args...)
		}
	}
	var inlines func(ins []doc.Inline)
	inlines = func(ins []doc.Inline) {
		for i, in := range ins {
			switch v := in.(type) {
			case *doc.Text:
				if v.Text == "" {
					fail("empty text")
				}
				if i > 0 {
					if _, ok := ins[i-1].(*doc.Text); ok {
						fail("adjacent texts %q", v.Text)
					}
				}
				if strings.Contains(v.Text, "  ") || strings.ContainsAny(v.Text, "\n\t") {
					fail("uncollapsed white space in %q", v.Text)
				}
			case *doc.Code:
				if v.Text == "" {
					fail("empty code")
				}
			case *doc.LineBreak:
			default:
				if len(doc.Children(in)) == 0 {
					fail("empty %s", doc.InlineType(in))
				}
				inlines(doc.Children(in))
			}
		}
	}
	edges := func(what string, ins []doc.Inline) {
		if len(ins) == 0 {
			fail("empty %s", what)
			return
		}
		inlines(ins)
		if first, ok := leaf(ins, 0).(*doc.Text); ok && strings.HasPrefix(first.Text, " ") {
			fail("%s starts with a space: %q", what, first.Text)
		}
		if last, ok := leaf(ins, -1).(*doc.Text); ok && strings.HasSuffix(last.Text, " ") {
			fail("%s ends with a space: %q", what, last.Text)
		}
		if _, ok := ins[0].(*doc.LineBreak); ok {
			fail("%s starts with a line break", what)
		}
		if _, ok := ins[len(ins)-1].(*doc.LineBreak); ok {
			fail("%s ends with a line break", what)
		}
	}
	doc.WalkBlocks(blocks, func(b doc.Block) bool {
		switch v := b.(type) {
		case *doc.Paragraph:
			edges("paragraph", v.Content)
		case *doc.Heading:
			edges("heading", v.Content)
			if v.Level < 1 || v.Level > 6 {
				fail("heading level %d", v.Level)
			}
		case *doc.Lead:
			edges("lead", v.Content)
		case *doc.Quote:
			if len(v.Blocks) == 0 {
				fail("empty quote")
			}
		case *doc.Section:
			if v.Title == "" || len(v.Blocks) == 0 {
				fail("section %q with %d blocks", v.Title, len(v.Blocks))
			}
		case *doc.List:
			if len(v.Items) == 0 {
				fail("empty list")
			}
			for _, it := range v.Items {
				if len(it.Blocks) == 0 {
					fail("empty list item")
				}
			}
		case *doc.ImageBlock:
			if v.Src == "" {
				fail("image without src")
			}
		case *doc.Table:
			for _, cells := range doc.BlockInlines(v) {
				inlines(cells)
			}
		}
		return true
	})
	return defect
}

// leaf returns the first (end 0) or last (end -1) leaf inline of ins.
func leaf(ins []doc.Inline, end int) doc.Inline {
	for len(ins) > 0 {
		in := ins[0]
		if end < 0 {
			in = ins[len(ins)-1]
		}
		kids := doc.Children(in)
		if kids == nil {
			return in
		}
		ins = kids
	}
	return nil
}
