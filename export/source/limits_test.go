package source

import (
	"encoding/json"
	"strings"
	"testing"

	"leafpress/export/doc"
)

func TestLimits(t *testing.T) {
	deep := strings.Repeat("> ", 200) + "hluboko\n"
	list := ""
	for i := range 40 {
		list += strings.Repeat("  ", i) + "- úroveň\n"
	}
	cols := "|" + strings.Repeat(" a |", 80) + "\n|" + strings.Repeat("---|", 80) + "\n|" + strings.Repeat(" b |", 80) + "\n"
	word := strings.Repeat("x", 3*MaxWordRunes+5)
	src := "---\ntitle: Meze\nuid: meze\ndescription: " + strings.Repeat("d", MaxValueBytes+1) + "\n---\n" +
		word + " konec\n\n" + deep + "\n" + list + "\n" + cols
	ch, diags := ParseChapter("m.md", []byte(src))
	if ch == nil {
		t.Fatalf("left out: %v", diags)
	}
	all := ""
	for _, d := range diags {
		all += d.String() + "\n"
	}
	for _, want := range []string{`m.md:4: warning: the value of "description" has`, "longer than 500 characters", "nested more than 16 deep", "80 columns; only the first 50"} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q:\n%s", want, all)
		}
	}
	if ch.Description != "" {
		t.Errorf("the over-long description was kept")
	}
	// Depth of quotes and lists in the tree.
	var depth func([]doc.Block) int
	depth = func(bs []doc.Block) int {
		m := 0
		for _, b := range bs {
			switch v := b.(type) {
			case *doc.Quote:
				m = max(m, 1+depth(v.Blocks))
			case *doc.List:
				for _, it := range v.Items {
					m = max(m, 1+depth(it.Blocks))
				}
			case *doc.Section:
				m = max(m, depth(v.Blocks))
			}
		}
		return m
	}
	if d := depth(ch.Blocks); d > MaxNesting {
		t.Errorf("nesting %d deep in the tree, want at most %d", d, MaxNesting)
	}
	text := ""
	doc.WalkBlocks(ch.Blocks, func(b doc.Block) bool {
		for _, ins := range doc.BlockInlines(b) {
			text += doc.PlainText(ins) + "\n"
		}
		if tb, ok := b.(*doc.Table); ok && (len(tb.Header) > MaxTableColumns || len(tb.Rows[0]) > MaxTableColumns) {
			t.Errorf("table with %d columns kept", len(tb.Header))
		}
		return true
	})
	if !strings.Contains(text, "hluboko") || strings.Count(text, "úroveň") != 40 {
		t.Errorf("text of the deep blocks lost:\n%.300s", text)
	}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return r == ' ' || r == '\n' || r == '\u200B' }) {
		if n := len([]rune(f)); n > MaxWordRunes {
			t.Errorf("a word of %d characters is left whole", n)
		}
	}
	if strings.ReplaceAll(text, "\u200B", "") == text || !strings.Contains(strings.ReplaceAll(text, "\u200B", ""), word) {
		t.Errorf("the long word is not broken into pieces, or lost letters")
	}
	// The JSON of a deep tree stays in proportion to the input.
	b, _ := json.MarshalIndent(ch, "", "  ")
	if len(b) > 40*len(src) {
		t.Errorf("tree JSON is %d bytes for %d bytes of input", len(b), len(src))
	}
}

func TestChapterTooLarge(t *testing.T) {
	data := []byte("---\ntitle: Velká\n---\n" + strings.Repeat("a ", MaxChapterBytes/2+1))
	ch, diags := ParseChapter("v.md", data)
	if ch != nil || len(diags) != 1 || !strings.Contains(diags[0].String(), "v.md: error: the file has") {
		t.Errorf("a chapter over MaxChapterBytes: %v, %v", ch != nil, diags)
	}
}
