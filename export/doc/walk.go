package doc

// WalkBlocks calls fn for every block in blocks, depth first, parents
// before children (list items' blocks, quote, section). When fn returns
// false the block's children are skipped.
func WalkBlocks(blocks []Block, fn func(Block) bool) {
	for _, b := range blocks {
		if !fn(b) {
			continue
		}
		switch v := b.(type) {
		case *Quote:
			WalkBlocks(v.Blocks, fn)
		case *Section:
			WalkBlocks(v.Blocks, fn)
		case *List:
			for _, it := range v.Items {
				WalkBlocks(it.Blocks, fn)
			}
		}
	}
}

// BlockInlines returns the inline sequences a block holds directly:
// a heading's, paragraph's or lead's content, or every table cell.
func BlockInlines(b Block) [][]Inline {
	switch v := b.(type) {
	case *Heading:
		return [][]Inline{v.Content}
	case *Paragraph:
		return [][]Inline{v.Content}
	case *Lead:
		return [][]Inline{v.Content}
	case *Table:
		var out [][]Inline
		out = append(out, v.Header...)
		for _, r := range v.Rows {
			out = append(out, r...)
		}
		return out
	}
	return nil
}

// MapText calls fn on every Text inline in ins (recursively) and on
// nothing else: code and link URLs are left alone.
func MapText(ins []Inline, fn func(*Text)) {
	for _, in := range ins {
		if t, ok := in.(*Text); ok {
			fn(t)
			continue
		}
		MapText(Children(in), fn)
	}
}
