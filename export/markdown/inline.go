package markdown

import (
	stdhtml "html"
	"strings"

	"leafpress/export/doc"
)

// unescape resolves Markdown backslash escapes and HTML character
// references in a piece of Markdown text, as CommonMark renders them.
func unescape(b []byte) string {
	if !strings.ContainsAny(string(b), "\\&\x00") {
		return string(b)
	}
	var sb strings.Builder
	for i := 0; i < len(b); i++ {
		ch := b[i]
		switch {
		case ch == '\\' && i+1 < len(b) && isPunct(b[i+1]):
			sb.WriteByte(b[i+1])
			i++
		case ch == '&':
			if j := entityEnd(b, i); j > 0 {
				sb.WriteString(stdhtml.UnescapeString(string(b[i:j])))
				i = j - 1
			} else {
				sb.WriteByte('&')
			}
		case ch == 0:
			sb.WriteString("\uFFFD")
		default:
			sb.WriteByte(ch)
		}
	}
	return sb.String()
}

// entityEnd returns the index just after the character reference that
// starts at b[i] ('&'), or 0 when there is none.
func entityEnd(b []byte, i int) int {
	j := i + 1
	digits := func(ok func(byte) bool, max int) int {
		start := j
		for j < len(b) && ok(b[j]) && j-start < max {
			j++
		}
		return j - start
	}
	switch {
	case j < len(b) && b[j] == '#':
		j++
		if j < len(b) && (b[j] == 'x' || b[j] == 'X') {
			j++
			if digits(isHex, 6) == 0 {
				return 0
			}
		} else if digits(isDigit, 7) == 0 {
			return 0
		}
	case j < len(b) && isAlpha(b[j]):
		digits(func(c byte) bool { return isAlpha(c) || isDigit(c) }, 32)
	default:
		return 0
	}
	if j < len(b) && b[j] == ';' {
		return j + 1
	}
	return 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }
func isPunct(c byte) bool { return strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) >= 0 }

// escape escapes text for an HTML text node or attribute value.
func escape(s string) string { return stdhtml.EscapeString(s) }

// isSpaceByte reports whether c is HTML white space, the kind a browser
// collapses (no-break spaces are not).
func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// blank reports whether s holds only collapsible white space.
func blank(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isSpaceByte(s[i]) {
			return false
		}
	}
	return true
}

// collapse replaces each run of white space in s by one space and, when
// dropLeading is set, removes a leading space.
func collapse(s string, dropLeading bool) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' {
			if (i == 0 && dropLeading) || (i+1 < len(s) && isSpaceByte(s[i+1])) {
				clean = false
				break
			}
		} else if isSpaceByte(c) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	space := dropLeading
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isSpaceByte(c) {
			if !space {
				sb.WriteByte(' ')
			}
			space = true
			continue
		}
		sb.WriteByte(c)
		space = false
	}
	return sb.String()
}

// Tidy normalises inline content the way a browser lays it out: runs of
// white space collapse to one space (across element boundaries too),
// space is trimmed at the start and end and around line breaks, adjacent
// texts merge, and empty texts, empty containers and line breaks at the
// very start or end are removed. It reuses the inlines it is given and
// returns nil for empty content.
func Tidy(ins []doc.Inline) []doc.Inline {
	if len(ins) == 0 {
		return nil
	}
	s := spacer{space: true}
	s.walk(ins)
	s.endLine()
	ins = prune(ins)
	ins = trimBreaks(ins, false)
	ins = trimBreaks(ins, true)
	if len(ins) == 0 {
		return nil
	}
	return ins
}

// spacer collapses white space across a sequence of inlines.
type spacer struct {
	space bool      // the text so far ends in a space or a line start
	last  *doc.Text // the last leaf, when it is a text
}

func (s *spacer) walk(ins []doc.Inline) {
	for _, in := range ins {
		switch v := in.(type) {
		case *doc.Text:
			v.Text = collapse(v.Text, s.space)
			if v.Text != "" {
				s.space = v.Text[len(v.Text)-1] == ' '
				s.last = v
			}
		case *doc.LineBreak:
			s.endLine()
			s.space = true
		case *doc.Code:
			s.space = false
			s.last = nil
		default:
			s.walk(doc.Children(in))
		}
	}
}

func (s *spacer) endLine() {
	if s.last != nil {
		s.last.Text = strings.TrimSuffix(s.last.Text, " ")
		s.last = nil
	}
}

// prune drops empty texts and containers and merges adjacent texts.
func prune(ins []doc.Inline) []doc.Inline {
	out := make([]doc.Inline, 0, len(ins))
	var pending strings.Builder
	hasPending := false
	flushText := func() {
		if hasPending && pending.Len() > 0 {
			out = append(out, &doc.Text{Text: pending.String()})
		}
		pending.Reset()
		hasPending = false
	}
	for _, in := range ins {
		switch v := in.(type) {
		case *doc.Text:
			pending.WriteString(v.Text)
			hasPending = true
			continue
		case *doc.LineBreak:
		case *doc.Code:
			if v.Text == "" {
				continue
			}
		default:
			content := prune(doc.Children(in))
			if len(content) == 0 {
				continue
			}
			if t, ok := content[0].(*doc.Text); ok && len(content) == 1 && blank(t.Text) {
				pending.WriteString(t.Text)
				hasPending = true
				continue
			}
			in = withChildren(in, content)
		}
		flushText()
		out = append(out, in)
	}
	flushText()
	return out
}

// withChildren sets the content of a container inline.
func withChildren(in doc.Inline, content []doc.Inline) doc.Inline {
	switch v := in.(type) {
	case *doc.Strong:
		v.Content = content
	case *doc.Emphasis:
		v.Content = content
	case *doc.Strike:
		v.Content = content
	case *doc.Link:
		v.Content = content
	case *doc.Span:
		v.Content = content
	}
	return in
}

// trimBreaks removes the line breaks at the start (or, with atEnd, at
// the end) of ins, inside containers too, dropping containers left empty.
func trimBreaks(ins []doc.Inline, atEnd bool) []doc.Inline {
	for len(ins) > 0 {
		i := 0
		if atEnd {
			i = len(ins) - 1
		}
		switch v := ins[i].(type) {
		case *doc.LineBreak:
		case *doc.Text, *doc.Code:
			return ins
		default:
			if content := trimBreaks(doc.Children(v), atEnd); len(content) > 0 {
				withChildren(v, content)
				return ins
			}
		}
		if atEnd {
			ins = ins[:i]
		} else {
			ins = ins[1:]
		}
	}
	return ins
}

// Flatten returns the inline content of blocks as one run of inlines:
// paragraphs, headings, list items and table rows are joined by line
// breaks, table cells by a space, a picture stands for its alt text and a
// section starts with its title in bold.
func Flatten(blocks []doc.Block) []doc.Inline {
	var out []doc.Inline
	add := func(ins []doc.Inline) {
		if len(ins) == 0 {
			return
		}
		if len(out) > 0 {
			out = append(out, &doc.LineBreak{})
		}
		out = append(out, ins...)
	}
	for _, b := range blocks {
		switch v := b.(type) {
		case *doc.Paragraph:
			add(v.Content)
		case *doc.Heading:
			add(v.Content)
		case *doc.Lead:
			add(v.Content)
		case *doc.Quote:
			add(Flatten(v.Blocks))
		case *doc.Section:
			if v.Title != "" {
				add([]doc.Inline{&doc.Strong{Content: []doc.Inline{&doc.Text{Text: v.Title}}}})
			}
			add(Flatten(v.Blocks))
		case *doc.List:
			for _, it := range v.Items {
				add(Flatten(it.Blocks))
			}
		case *doc.ImageBlock:
			if v.Alt != "" {
				add([]doc.Inline{&doc.Text{Text: v.Alt}})
			}
		case *doc.Table:
			rows := v.Rows
			if len(v.Header) > 0 {
				rows = append([][][]doc.Inline{v.Header}, rows...)
			}
			for _, row := range rows {
				var line []doc.Inline
				for _, cell := range row {
					if len(cell) == 0 {
						continue
					}
					if len(line) > 0 {
						line = append(line, &doc.Text{Text: " "})
					}
					line = append(line, cell...)
				}
				add(line)
			}
		}
	}
	return out
}
