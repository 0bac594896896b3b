package source

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	utf16 "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// problem is a diagnostic without a file: a line (0 when unknown), a
// column and a message.
type problem struct {
	line, col int
	msg       string
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeText turns a file's bytes into UTF-8 text with LF line ends and no
// byte order mark. Text that is not UTF-8 is read as UTF-16 (when it has
// a UTF-16 byte order mark) or as Windows-1250, the Czech Windows code
// page; then a warning says to save the file as UTF-8.
func decodeText(data []byte) (string, *problem) {
	var warn *problem
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		dec := utf16.UTF16(utf16.LittleEndian, utf16.ExpectBOM).NewDecoder()
		if out, _, err := transform.Bytes(dec, data); err == nil {
			data = out
			warn = &problem{line: 1, msg: "the file is saved as UTF-16; it was read, but save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)"}
		}
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalidUTF8(data)], []byte{'\n'})
		if multi, invalid := utf8Census(data); multi > invalid {
			// UTF-8 with a few broken characters, not another encoding.
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
			return normalizeNewlines(string(data)), &problem{line: line, msg: "the file is UTF-8 but this line holds a broken character (shown as \uFFFD); retype it and save the file as UTF-8"}
		}
		out, _, err := transform.Bytes(charmap.Windows1250.NewDecoder(), data)
		if err == nil {
			data = out
		} else {
			data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
		}
		warn = &problem{line: line, msg: "the file is not UTF-8; it was read as Windows-1250 (Czech Windows), check its accented letters and save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)"}
	}
	return normalizeNewlines(string(data)), warn
}

// normalizeNewlines turns CRLF and lone CR line ends into LF.
func normalizeNewlines(text string) string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text
}

// utf8Census counts the valid multi-byte UTF-8 characters and the bytes
// that are not UTF-8 in b.
func utf8Census(b []byte) (multi, invalid int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			invalid++
			i++
			continue
		}
		multi++
		i += size
	}
	return multi, invalid
}

// firstInvalidUTF8 returns the offset of the first byte that is not part
// of valid UTF-8, or len(b).
func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// Slug turns a name into a uid: lower case ASCII letters and digits with
// single hyphens between words, accents removed ("Zdravotnictví a
// sociální péče" becomes "zdravotnictvi-a-socialni-pece"). It returns ""
// when nothing usable is left.
func Slug(name string) string {
	var sb strings.Builder
	dash := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ł' || r == 'Ł':
			r = 'l'
		case r >= utf8.RuneSelf || !(unicode.IsLetter(r) || unicode.IsDigit(r)):
			dash = true
			continue
		}
		if dash && sb.Len() > 0 {
			sb.WriteByte('-')
		}
		dash = false
		sb.WriteRune(unicode.ToLower(r))
	}
	return sb.String()
}

// frontMatter is a chapter file split into its parts. Lines are 1-based
// lines of the file.
type frontMatter struct {
	open     int    // line of the opening ---
	close    int    // line of the closing --- (or ...)
	yaml     string // the text between them
	body     string // the text after the closing line
	bodyLine int    // file line of the body's first line
}

// splitFrontMatter finds the front matter of text (LF line ends). found
// is false when the file has none at all. A problem is returned when the
// front matter is never closed (found is true, then) or when blank lines
// stand before it (a warning).
func splitFrontMatter(text string) (fm frontMatter, found bool, prob *problem, fatal bool) {
	line := 0
	rest := text
	nextLine := func() (string, bool) {
		if rest == "" {
			return "", false
		}
		line++
		i := strings.IndexByte(rest, '\n')
		var l string
		if i < 0 {
			l, rest = rest, ""
		} else {
			l, rest = rest[:i], rest[i+1:]
		}
		return l, true
	}
	for {
		l, ok := nextLine()
		if !ok {
			return fm, false, nil, false
		}
		t := strings.TrimRight(l, " \t")
		if t == "" {
			continue
		}
		if t != "---" {
			return fm, false, nil, false
		}
		break
	}
	fm.open = line
	if fm.open > 1 {
		prob = &problem{line: fm.open, msg: "blank lines stand before the front matter; remove them so that the first line is ---, as Jekyll expects"}
	}
	yamlStart := len(text) - len(rest)
	heading := 0
	for {
		before := len(text) - len(rest)
		l, ok := nextLine()
		if !ok {
			msg := "the front matter is never closed: add a line --- after its last field"
			if heading > 0 {
				msg += " (before line " + strconv.Itoa(heading) + ", where the text seems to begin)"
			}
			return fm, true, &problem{line: 1, msg: msg}, true
		}
		t := strings.TrimRight(l, " \t")
		if t == "---" || t == "..." {
			fm.close = line
			fm.yaml = text[yamlStart:before]
			fm.body = rest
			fm.bodyLine = line + 1
			return fm, true, prob, false
		}
		if heading == 0 && strings.HasPrefix(l, "#") && strings.Contains(l, "# ") {
			heading = line
		}
	}
}

// lineOf returns the 1-based line of offset i in s.
func lineOf(s string, i int) int {
	return 1 + strings.Count(s[:i], "\n")
}

// controlChar reports whether r is a control character that no output can
// hold: C0 controls other than tab and line feed, DEL, the C1 controls,
// and the non-characters U+FFFE and U+FFFF. XML 1.0 forbids most of them,
// so a Word file holding one does not open; they come from text pasted
// out of other programs and are never meant.
func controlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20, r >= 0x7F && r <= 0x9F, r == 0xFFFE, r == 0xFFFF:
		return true
	}
	return false
}

// removeControls returns text without control characters (see
// controlChar); the problem, when some were removed, gives the line and
// column (in characters) of the first and says which were removed.
func removeControls(text string) (string, *problem) {
	first := strings.IndexFunc(text, controlChar)
	if first < 0 {
		return text, nil
	}
	line := lineOf(text, first)
	col := 1 + utf8.RuneCountInString(text[strings.LastIndexByte(text[:first], '\n')+1:first])
	var sb strings.Builder
	sb.Grow(len(text))
	n := 0
	var codes []string
	seen := map[rune]bool{}
	for _, r := range text {
		if !controlChar(r) {
			sb.WriteRune(r)
			continue
		}
		n++
		if !seen[r] && len(codes) < 5 {
			seen[r] = true
			codes = append(codes, "U+"+strings.ToUpper(strconv.FormatInt(int64(r)+0x10000, 16)[1:]))
		}
	}
	what := "an invisible control character"
	if n > 1 {
		what = strconv.Itoa(n) + " invisible control characters"
	}
	return sb.String(), &problem{line: line, col: col, msg: "the text holds " + what + " (" + strings.Join(codes, ", ") +
		"), first here, probably pasted from another program; they were removed, since a Word file holding them does not open: delete them from the file"}
}
