package docx

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// xmlChar reports whether r may stay in a Word file's text: XML 1.0
// allows it and it is not DEL or a C1 control (allowed, never meant).
// Tab, line feed and carriage return are handled by the writer. Decoded
// UTF-8 never yields surrogates or runes above U+10FFFF.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0x7F && r <= 0x9F, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return true
}

// strayByte marks a byte that is not UTF-8 among the removed runes.
const strayByte = 0x10000000

// removals counts, per file, the characters removed from its text; file
// "" stands for the programme's own texts (title, group).
type removals struct {
	order []string
	files map[string]*removal
}

type removal struct {
	count int
	runes map[rune]bool
	near  string // some text before the first removed character
}

// clean returns s without the characters Word cannot open (control
// characters, U+FFFE, U+FFFF, bytes that are not UTF-8 such as lone
// surrogates) and records them for file.
func (rs *removals) clean(file, s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return !xmlChar(r) }) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			rs.add(file, rune(s[i])|strayByte, sb.String())
		case !xmlChar(r):
			rs.add(file, r, sb.String())
		default:
			sb.WriteString(s[i : i+size])
		}
		i += size
	}
	return sb.String()
}

func (rs *removals) add(file string, r rune, before string) {
	if rs.files == nil {
		rs.files = map[string]*removal{}
	}
	rm := rs.files[file]
	if rm == nil {
		rm = &removal{runes: map[rune]bool{}}
		rs.files[file] = rm
		rs.order = append(rs.order, file)
		rm.near = lastWords(before, 40)
	}
	rm.count++
	rm.runes[r] = true
}

// lastWords returns at most n bytes from the end of s, cut at a space.
func lastWords(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[i+1:]
	}
	for len(s) > 0 && !utf8.RuneStart(s[0]) {
		s = s[1:]
	}
	return s
}

// report sends one warning per file that had characters removed.
func (rs *removals) report(warn func(file, msg string)) {
	if warn == nil {
		return
	}
	for _, file := range rs.order {
		rm := rs.files[file]
		var codes []string
		for _, r := range slices.Sorted(maps.Keys(rm.runes)) {
			if r&strayByte != 0 {
				codes = append(codes, fmt.Sprintf("byte 0x%02X", r&0xFF))
			} else {
				codes = append(codes, fmt.Sprintf("U+%04X", r))
			}
		}
		where := ""
		if rm.near != "" {
			where = fmt.Sprintf(" (first after %q)", rm.near)
		}
		noun := "characters"
		if rm.count == 1 {
			noun = "character"
		}
		what := "the Word file"
		if file == "" {
			what = "the programme's title or group (campaigns.yml)"
		}
		warn(file, fmt.Sprintf("removed %d invisible %s that Word cannot open (%s)%s from %s; delete them from the source to silence this warning",
			rm.count, noun, strings.Join(codes, ", "), where, what))
	}
}

// cleanURL makes a link target Word accepts: spaces and characters not
// allowed in a URI are percent-encoded, a stray % too.
func cleanURL(u string) string {
	u = strings.TrimSpace(u)
	var sb strings.Builder
	const hexd = "0123456789ABCDEF"
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c == '%' && i+2 < len(u) && isHex(u[i+1]) && isHex(u[i+2]):
			sb.WriteByte(c)
		case c <= 0x20 || c == 0x7F || c == '%' || strings.IndexByte(`"<>\^`+"`{|}", c) >= 0:
			sb.WriteByte('%')
			sb.WriteByte(hexd[c>>4])
			sb.WriteByte(hexd[c&15])
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
