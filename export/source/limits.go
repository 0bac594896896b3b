package source

import (
	"fmt"
	"strings"

	"leafpress/export/doc"
)

// Limits on what one chapter may hold. No real programme comes near them
// (a long chapter is 30 KB, a long web address 200 characters, a deep
// list 4 levels); they keep the cost of a hostile or broken file in
// proportion to its size. Each is documented in the README.
const (
	// MaxChapterBytes is the largest chapter file read (512 KB, some 250
	// printed pages); a larger one is left out with an error.
	MaxChapterBytes = 512 << 10
	// MaxValueBytes is the longest front-matter value kept; a longer one
	// is left out with a warning.
	MaxValueBytes = 64 << 10
	// MaxWordRunes is the longest word laid out as one: a longer run of
	// letters without a space is broken into pieces of this many
	// characters, each a place where a line may end.
	MaxWordRunes = 500
	// MaxNesting is the deepest nesting of lists and quotes kept; blocks
	// nested deeper are lifted to this depth.
	MaxNesting = 16
	// MaxTableColumns is the widest table kept; further columns are left out.
	MaxTableColumns = 50
)

// wordBreak is put between the pieces of an over-long word: a zero-width
// space, which every writer takes as a place where a line may end.
const wordBreak = "\u200B"

// limitBlocks applies MaxWordRunes, MaxNesting and MaxTableColumns to the
// chapter's tree, with one warning for each kind of problem.
func (p *parsed) limitBlocks() {
	long, deep, wide := 0, false, 0
	breakWords := func(ins []doc.Inline) {
		doc.MapText(ins, func(t *doc.Text) {
			if s, ok := breakLongWords(t.Text); ok {
				t.Text = s
				long++
			}
		})
	}
	breakWords(p.ch.Intro)
	p.ch.Blocks = flatten(p.ch.Blocks, 0, &deep)
	doc.WalkBlocks(p.ch.Blocks, func(b doc.Block) bool {
		if t, ok := b.(*doc.Table); ok {
			if n := tableWidth(t); n > MaxTableColumns {
				wide = max(wide, n)
				cutTable(t)
			}
		}
		for _, ins := range doc.BlockInlines(b) {
			breakWords(ins)
		}
		return true
	})
	if long > 0 {
		p.warn(p.bodyLine, 0, "%d word(s) are longer than %d characters without a space; they are broken into pieces wherever a line ends: put spaces in them", long, MaxWordRunes)
	}
	if deep {
		p.warn(p.bodyLine, 0, "lists or quotes are nested more than %d deep; the deeper ones are set at depth %d", MaxNesting, MaxNesting)
	}
	if wide > 0 {
		p.warn(p.bodyLine, 0, "a table has %d columns; only the first %d are kept", wide, MaxTableColumns)
	}
}

// breakLongWords puts wordBreak into every run of more than MaxWordRunes
// characters without a space; ok is false when there is none.
func breakLongWords(s string) (string, bool) {
	if len(s) <= MaxWordRunes {
		return s, false
	}
	var sb strings.Builder
	run, changed := 0, false
	for i, r := range s {
		if isSpace(r) {
			run = 0
		} else {
			if run == MaxWordRunes {
				if !changed {
					sb.Grow(len(s) + len(s)/MaxWordRunes*len(wordBreak))
					sb.WriteString(s[:i])
					changed = true
				}
				sb.WriteString(wordBreak)
				run = 0
			}
			run++
		}
		if changed {
			sb.WriteRune(r)
		}
	}
	if !changed {
		return s, false
	}
	return sb.String(), true
}

func isSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\u00A0', '\u202F', '\u2007', '\u2009', '\u200A', '\u2002', '\u2003', '\u200B':
		return true
	}
	return false
}

// flatten lifts lists and quotes nested deeper than MaxNesting: their
// blocks take their place. deep is set when something was lifted.
func flatten(blocks []doc.Block, depth int, deep *bool) []doc.Block {
	var out []doc.Block
	for i, b := range blocks {
		var inner []doc.Block
		nests := false
		switch v := b.(type) {
		case *doc.Quote:
			nests = true
			if depth >= MaxNesting {
				inner = v.Blocks
			} else {
				v.Blocks = flatten(v.Blocks, depth+1, deep)
			}
		case *doc.List:
			nests = true
			if depth >= MaxNesting {
				for _, it := range v.Items {
					inner = append(inner, it.Blocks...)
				}
			} else {
				for _, it := range v.Items {
					it.Blocks = flatten(it.Blocks, depth+1, deep)
				}
			}
		case *doc.Section:
			v.Blocks = flatten(v.Blocks, depth, deep)
		}
		if nests && depth >= MaxNesting {
			*deep = true
			if out == nil {
				out = append([]doc.Block{}, blocks[:i]...)
			}
			out = append(out, flatten(inner, depth, deep)...)
			continue
		}
		if out != nil {
			out = append(out, b)
		}
	}
	if out == nil {
		return blocks
	}
	return out
}

func tableWidth(t *doc.Table) int {
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	return max(n, len(t.Align))
}

func cutTable(t *doc.Table) {
	if len(t.Header) > MaxTableColumns {
		t.Header = t.Header[:MaxTableColumns]
	}
	if len(t.Align) > MaxTableColumns {
		t.Align = t.Align[:MaxTableColumns]
	}
	for i, r := range t.Rows {
		if len(r) > MaxTableColumns {
			t.Rows[i] = r[:MaxTableColumns]
		}
	}
}

// tooLong reports a front-matter string value longer than MaxValueBytes.
func tooLong(v any) (int, bool) {
	s, ok := v.(string)
	return len(s), ok && len(s) > MaxValueBytes
}

// sizeError is the message for a chapter file over MaxChapterBytes.
func sizeError(n int64) string {
	return fmt.Sprintf("the file has %d bytes, more than the %d a chapter may have (%d KB); split it into several chapters; the chapter is left out", n, MaxChapterBytes, MaxChapterBytes>>10)
}
