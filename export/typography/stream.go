package typography

import (
	"strings"
	"unicode"

	"leafpress/export/doc"
)

// Placeholders stand in the stream for inlines whose text must not change.
const (
	codeMark  = '\uFFFC' // inline code: an opaque word
	breakMark = '\n'     // a hard line break: a space
)

// stream is one inline sequence flattened into runes, so that the rules
// see context across inline boundaries. keep marks runes no rule may
// change or take as its anchor (code, line breaks, URLs, e-mail addresses).
type stream struct {
	r     []rune
	keep  []bool // runes no rule may change
	texts []*doc.Text
	start []int // start[i] is where texts[i] begins in r
	size  []int // size[i] is how many runes texts[i] has
}

// add appends inlines to the stream, depth first.
func (s *stream) add(ins []doc.Inline) {
	for _, in := range ins {
		switch v := in.(type) {
		case *doc.Text:
			s.texts = append(s.texts, v)
			s.start = append(s.start, len(s.r))
			for _, c := range v.Text {
				s.r = append(s.r, c)
				s.keep = append(s.keep, false)
			}
			s.size = append(s.size, len(s.r)-s.start[len(s.start)-1])
		case *doc.Code:
			s.r = append(s.r, codeMark)
			s.keep = append(s.keep, true)
		case *doc.LineBreak:
			s.r = append(s.r, breakMark)
			s.keep = append(s.keep, true)
		default:
			s.add(doc.Children(in))
		}
	}
}

// writeBack stores the changed runes in the Text inlines.
func (s *stream) writeBack() {
	for i, t := range s.texts {
		r := s.r[s.start[i] : s.start[i]+s.size[i]]
		if !sameText(r, t.Text) {
			t.Text = string(r)
		}
	}
}

// sameText reports whether r spells text, without allocating.
func sameText(r []rune, text string) bool {
	k := 0
	for _, c := range text {
		if k >= len(r) || r[k] != c {
			return false
		}
		k++
	}
	return k == len(r)
}

// reset empties the stream for reuse, keeping its buffers.
func (s *stream) reset() {
	s.r, s.keep = s.r[:0], s.keep[:0]
	clear(s.texts)
	s.texts, s.start, s.size = s.texts[:0], s.start[:0], s.size[:0]
}

// set changes rune i when no rule may keep it.
func (s *stream) set(i int, c rune) {
	if i >= 0 && i < len(s.r) && !s.keep[i] {
		s.r[i] = c
	}
}

// at returns rune i, or 0 outside the stream.
func (s *stream) at(i int) rune {
	if i < 0 || i >= len(s.r) {
		return 0
	}
	return s.r[i]
}

// free reports whether rune i exists and may be changed or anchor a rule.
func (s *stream) free(i int) bool { return i >= 0 && i < len(s.r) && !s.keep[i] }

// protectAddresses keeps every URL and e-mail address in the stream as it
// is. A word (a run of non-space runes) is an address when it holds "://",
// starts with "www." or "mailto:", or holds an "@" with a dot after it;
// brackets, quotes and sentence punctuation around it are not part of it.
func (s *stream) protectAddresses() {
	for i := 0; i < len(s.r); {
		if isSpace(s.r[i]) {
			i++
			continue
		}
		j := i
		for j < len(s.r) && !isSpace(s.r[j]) {
			j++
		}
		a, b := i, j
		for a < b && strings.ContainsRune(leadingPunct, s.r[a]) {
			a++
		}
		for b > a && strings.ContainsRune(trailingPunct, s.r[b-1]) {
			b--
		}
		if mayBeAddress(s.r[a:b]) && isAddress(string(s.r[a:b])) {
			for k := a; k < b; k++ {
				s.keep[k] = true
			}
		}
		i = j
	}
}

const (
	leadingPunct  = "([{<\"'„‚“‘«»"
	trailingPunct = ".,;:!?)]}>\"'“‘”’«»"
)

// mayBeAddress is a quick test that rules out most words without
// allocating.
func mayBeAddress(w []rune) bool {
	if len(w) > 3 && (w[0] == 'w' || w[0] == 'W') {
		return true
	}
	for _, c := range w {
		if c == ':' || c == '@' {
			return true
		}
	}
	return false
}

// isAddress reports whether a word is a URL or an e-mail address.
func isAddress(w string) bool {
	lw := strings.ToLower(w)
	switch {
	case strings.Contains(lw, "://"),
		strings.HasPrefix(lw, "www."),
		strings.HasPrefix(lw, "mailto:"):
		return true
	}
	at := strings.IndexByte(w, '@')
	return at > 0 && strings.Contains(w[at+1:], ".")
}

// isSpace reports whether c separates words: a space, a tab, a line end,
// a no-break space or a narrow no-break space.
func isSpace(c rune) bool {
	switch c {
	case ' ', '\t', '\n', '\r', NoBreakSpace, '\u202F':
		return true
	}
	return false
}

// isBreakable reports whether c is a space where a line may break, which
// a rule may turn into a no-break space.
func isBreakable(c rune) bool { return c == ' ' || c == '\t' || c == '\n' }

// isWord reports whether c belongs to a word: a letter, a digit, or code.
func isWord(c rune) bool {
	return unicode.IsLetter(c) || unicode.IsDigit(c) || c == codeMark
}

func isDigit(c rune) bool { return c >= '0' && c <= '9' }
