package doc

import "strings"

// LinkSchemes are the only address schemes a Link may keep: every writer
// (PDF, Word, HTML) can make them clickable without running anything.
// An address starting with '#' (a place in the document) is allowed too.
var LinkSchemes = []string{"http", "https", "mailto", "tel"}

// LinkAllowed reports whether url may stay a link: an http, https, mailto
// or tel address, or an anchor in the document ("#cile"). Anything else
// (javascript:, vbscript:, data:, file:, a relative path) is not.
func LinkAllowed(url string) bool {
	u := strings.TrimSpace(url)
	if strings.HasPrefix(u, "#") {
		return len(u) > 1
	}
	scheme, rest, ok := strings.Cut(u, ":")
	if !ok || rest == "" {
		return false
	}
	scheme = strings.ToLower(scheme)
	for _, s := range LinkSchemes {
		if scheme == s {
			return true
		}
	}
	return false
}

// FilterLinks returns ins with every Link whose address is not allowed
// (LinkAllowed) replaced by its content, at any depth; refused is called
// for each one. Slices are changed in place where possible.
func FilterLinks(ins []Inline, refused func(*Link)) []Inline {
	var out []Inline
	for i, in := range ins {
		if l, ok := in.(*Link); ok && !LinkAllowed(l.URL) {
			refused(l)
			if out == nil {
				out = append(make([]Inline, 0, len(ins)+len(l.Content)), ins[:i]...)
			}
			out = append(out, FilterLinks(l.Content, refused)...)
			continue
		}
		switch v := in.(type) {
		case *Strong:
			v.Content = FilterLinks(v.Content, refused)
		case *Emphasis:
			v.Content = FilterLinks(v.Content, refused)
		case *Strike:
			v.Content = FilterLinks(v.Content, refused)
		case *Link:
			v.Content = FilterLinks(v.Content, refused)
		case *Span:
			v.Content = FilterLinks(v.Content, refused)
		}
		if out != nil {
			out = append(out, in)
		}
	}
	if out == nil {
		return ins
	}
	return out
}

// FilterBlockLinks applies FilterLinks to every inline sequence of the
// blocks, at any depth.
func FilterBlockLinks(blocks []Block, refused func(*Link)) {
	WalkBlocks(blocks, func(b Block) bool {
		switch v := b.(type) {
		case *Heading:
			v.Content = FilterLinks(v.Content, refused)
		case *Paragraph:
			v.Content = FilterLinks(v.Content, refused)
		case *Lead:
			v.Content = FilterLinks(v.Content, refused)
		case *Table:
			for i := range v.Header {
				v.Header[i] = FilterLinks(v.Header[i], refused)
			}
			for _, r := range v.Rows {
				for i := range r {
					r[i] = FilterLinks(r[i], refused)
				}
			}
		}
		return true
	})
}
