// Package hyph finds the places where a word may be hyphenated, with Frank
// Liang's algorithm (the one TeX uses) and the TeX hyphenation patterns of
// the hyph-utf8 project.
//
// Two pattern sets are embedded: Czech (hyph-cs, GPL-2.0-or-later, by Pavel
// Ševeček) and American English (hyph-en-us, by Gerard D.C. Kuiken, free to
// copy with its notice). patterns/NOTICE says where they came from and
// carries their licence notices. Both languages use TeX's typesetting
// minimums: at least 2 letters before a break and 3 after it.
//
// The unit of work is a token as a line breaker sees it: a run of text
// between spaces, such as „města“, or (Praha). Points hyphenates the letters
// inside and returns rune offsets into the whole token, so the caller
// can cut the token it has without splitting punctuation off first. A token
// that holds several runs of letters (česko-slovenský) has each run
// hyphenated on its own; the explicit hyphen itself is not returned, as a
// line breaker treats it as a break of its own.
//
// Offsets count runes (not bytes) from the start of the token: offset i
// means the break falls between rune i-1 and rune i, and a hyphen is drawn
// at the end of the line.
package hyph

import (
	"bufio"
	"bytes"
	"embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

//go:embed patterns/*.pat.txt patterns/*.hyp.txt patterns/*.exc.txt
var patternFiles embed.FS

// softHyphen is U+00AD SOFT HYPHEN, an author's own hyphenation point.
const softHyphen = '\u00ad'

// Patterns is a parsed set of hyphenation patterns and exceptions for one
// language. It is immutable and safe for concurrent use.
type Patterns struct {
	lang       string
	left       int               // letters before a break, at least
	right      int               // letters after a break, at least
	values     map[string][]byte // pattern letters → inter-letter values (len(letters)+1 in runes)
	maxLen     int               // longest pattern, in runes, dots included
	exceptions map[string][]int  // lowercase word → break offsets
}

var (
	czechOnce, englishOnce sync.Once
	czech, english         *Patterns
)

// Czech returns the Czech patterns (hyph-cs) with the Czech exceptions
// and leafpress's own (patterns/leafpress-cs.exc.txt: the party's and the
// cities' names, words the patterns break badly), parsed on first use.
func Czech() *Patterns {
	czechOnce.Do(func() {
		czech = mustParse("cs", "hyph-cs")
		own, err := patternFiles.ReadFile("patterns/leafpress-cs.exc.txt")
		if err != nil {
			panic("hyph: embedded exceptions missing: " + err.Error())
		}
		czech = czech.WithExceptions(lines(own))
	})
	return czech
}

// English returns the American English patterns (hyph-en-us) with their
// exceptions, parsed on first use. They serve every English variant.
func English() *Patterns {
	englishOnce.Do(func() { english = mustParse("en", "hyph-en-us") })
	return english
}

// ForLanguage returns the patterns for a language tag such as "cs",
// "cs-CZ", "en" or "en_GB": Czech for cs, English for en, and nil for any
// other language, whose words are then not hyphenated.
func ForLanguage(lang string) *Patterns {
	base := strings.ToLower(lang)
	if i := strings.IndexAny(base, "-_"); i >= 0 {
		base = base[:i]
	}
	switch base {
	case "cs":
		return Czech()
	case "en":
		return English()
	}
	return nil
}

func mustParse(lang, file string) *Patterns {
	pat, err := patternFiles.ReadFile("patterns/" + file + ".pat.txt")
	if err != nil {
		panic("hyph: embedded patterns missing: " + err.Error())
	}
	hyp, err := patternFiles.ReadFile("patterns/" + file + ".hyp.txt")
	if err != nil {
		panic("hyph: embedded exceptions missing: " + err.Error())
	}
	return Parse(lang, pat, hyp, 2, 3)
}

// Parse builds Patterns from pattern text (one Liang pattern such as
// "a4da" or ".ch2" per line) and exception text (one hyphenated word such
// as "pro-jek-ční" per line), both UTF-8. left and right are the least
// numbers of letters allowed before and after a break. Blank lines and
// lines starting with % are ignored.
func Parse(lang string, patterns, exceptions []byte, left, right int) *Patterns {
	n := bytes.Count(patterns, []byte{'\n'}) + 1
	p := &Patterns{
		lang:       lang,
		left:       max(left, 1),
		right:      max(right, 1),
		values:     make(map[string][]byte, n),
		exceptions: map[string][]int{},
	}
	// The values of all patterns share one array; a pattern's letters
	// are read into a buffer used again for the next.
	arena := make([]byte, 0, len(patterns)+n)
	var letters []byte
	eachField(patterns, func(f []byte) {
		letters = letters[:0]
		start := len(arena)
		arena = append(arena, 0)
		for i := 0; i < len(f); {
			c := f[i]
			switch {
			case c >= '0' && c <= '9':
				arena[len(arena)-1] = c - '0'
				i++
				continue
			case c < utf8.RuneSelf:
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				letters = append(letters, c)
				i++
			default:
				r, size := utf8.DecodeRune(f[i:])
				letters = utf8.AppendRune(letters, unicode.ToLower(r))
				i += size
			}
			arena = append(arena, 0)
		}
		if len(letters) == 0 {
			arena = arena[:start]
			return
		}
		vals := arena[start:len(arena):len(arena)]
		p.values[string(letters)] = vals
		p.maxLen = max(p.maxLen, len(vals)-1)
	})
	for _, line := range lines(exceptions) {
		var word strings.Builder
		var points []int
		n := 0
		for _, r := range line {
			if r == '-' {
				points = append(points, n)
				continue
			}
			word.WriteRune(unicode.ToLower(r))
			n++
		}
		p.exceptions[word.String()] = points
	}
	return p
}

// WithExceptions returns patterns that share p's tables with words added
// to (or replacing) its exceptions. Each word is written with a hyphen at
// every place it may break ("akti-vi-tu"); a word without one never
// breaks ("Pirátům"). Case does not matter. Entries with anything but
// letters and hyphens are ignored.
func (p *Patterns) WithExceptions(words []string) *Patterns {
	q := *p
	q.exceptions = make(map[string][]int, len(p.exceptions)+len(words))
	for k, v := range p.exceptions {
		q.exceptions[k] = v
	}
	for _, w := range words {
		word, points, ok := parseException(w)
		if ok {
			q.exceptions[word] = points
		}
	}
	return &q
}

// parseException reads one exception: the word in lower case and its
// break offsets in runes.
func parseException(line string) (word string, points []int, ok bool) {
	var sb strings.Builder
	n := 0
	for _, r := range line {
		switch {
		case r == '-':
			if n == 0 {
				return "", nil, false
			}
			points = append(points, n)
		case isLetter(r):
			sb.WriteRune(unicode.ToLower(r))
			n++
		default:
			return "", nil, false
		}
	}
	if n == 0 || len(points) > 0 && points[len(points)-1] >= n {
		return "", nil, false
	}
	return sb.String(), points, true
}

// eachField calls f with every space-separated field of b, leaving out
// blank lines and lines starting with %, as lines does, without making a
// string of each.
func eachField(b []byte, f func([]byte)) {
	for len(b) > 0 {
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 || line[0] == '%' {
			continue
		}
		if bytes.IndexAny(line, " \t") < 0 {
			f(line) // one pattern a line, as the files have it
			continue
		}
		for _, field := range bytes.Fields(line) {
			f(field)
		}
	}
}

func lines(b []byte) []string {
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		// A line may hold several space-separated entries.
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// Language returns the language the patterns are for: "cs" or "en" for
// the embedded sets.
func (p *Patterns) Language() string { return p.lang }

// Minimums returns the least numbers of letters before and after a break.
func (p *Patterns) Minimums() (left, right int) { return p.left, p.right }

// WithMinimums returns patterns that share p's tables but allow a break
// only with at least left letters before it and right letters after it.
// Narrow columns may want 2 and 2; headlines 3 and 3.
func (p *Patterns) WithMinimums(left, right int) *Patterns {
	q := *p
	q.left, q.right = max(left, 1), max(right, 1)
	return &q
}

// isLetter reports whether r belongs inside a word: a letter or a
// combining mark.
func isLetter(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

// Points returns the rune offsets in token where a hyphen may go, in
// increasing order. It finds the runs of letters in token, and hyphenates
// each run of at least left+right letters by the exceptions list or,
// failing that, the patterns, keeping left letters before and right letters
// after each break. Case does not matter. It returns nil for a token that
// is not Breakable (a URL, an e-mail address, a token with digits, an
// abbreviation in capitals). If the token contains soft hyphens (U+00AD),
// they alone are the points: the offset just after each one, and the caller
// must not draw the soft hyphens themselves.
func (p *Patterns) Points(token string) []int {
	if p == nil || !Breakable(token) {
		return nil
	}
	runes := []rune(token)
	if strings.ContainsRune(token, softHyphen) {
		var out []int
		for i, r := range runes {
			if r == softHyphen && i > 0 && i+1 < len(runes) {
				out = append(out, i+1)
			}
		}
		return out
	}
	var out []int
	for i := 0; i < len(runes); {
		if !isLetter(runes[i]) {
			i++
			continue
		}
		j := i
		for j < len(runes) && isLetter(runes[j]) {
			j++
		}
		for _, k := range p.word(runes[i:j]) {
			out = append(out, i+k)
		}
		i = j
	}
	return out
}

// word returns the break offsets in one run of letters.
func (p *Patterns) word(letters []rune) []int {
	n := len(letters)
	if n < p.left+p.right {
		return nil
	}
	// The word between dots, lower-cased, as UTF-8, with the byte offset
	// of every rune; short words use buffers on the stack.
	var bufA [96]byte
	var offsA [40]int
	buf, offs := bufA[:0], offsA[:0]
	buf = append(buf, '.')
	offs = append(offs, 0)
	for _, r := range letters {
		offs = append(offs, len(buf))
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	offs = append(offs, len(buf))
	buf = append(buf, '.')
	offs = append(offs, len(buf))
	if pts, ok := p.exceptions[string(buf[1:len(buf)-1])]; ok {
		var out []int
		for _, k := range pts {
			if k >= p.left && k <= n-p.right {
				out = append(out, k)
			}
		}
		return out
	}

	// vals[k] is the value between rune k-1 and rune k of the dotted word.
	var valsA [40]byte
	vals := valsA[:0]
	for range n + 3 {
		vals = append(vals, 0)
	}
	m := n + 2 // runes in the dotted word
	for i := 0; i < m; i++ {
		for j := i + 1; j <= m && j-i <= p.maxLen; j++ {
			v, ok := p.values[string(buf[offs[i]:offs[j]])]
			if !ok {
				continue
			}
			for k, x := range v {
				if x > vals[i+k] {
					vals[i+k] = x
				}
			}
		}
	}
	var out []int
	// A break before letter k of the word is vals[k+1] of the dotted word.
	for k := p.left; k <= n-p.right; k++ {
		if vals[k+1]%2 == 1 {
			out = append(out, k)
		}
	}
	return out
}

// Hyphenate returns token with hyphen inserted at every point Points finds:
// Czech().Hyphenate("nejdůležitější", "-") is "nej-dů-le-ži-tější".
func (p *Patterns) Hyphenate(token, hyphen string) string {
	pts := p.Points(token)
	if len(pts) == 0 {
		return token
	}
	var b strings.Builder
	i := 0
	for k, r := range []rune(token) {
		if i < len(pts) && pts[i] == k {
			b.WriteString(hyphen)
			i++
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Breakable reports whether token may be hyphenated at all. It is false
// for URLs and domain names (a scheme such as https://, www., or a dot
// between letters, as in pirati.cz), e-mail addresses, tokens with digits
// (2024, 5G, H2O), file paths, and abbreviations written in capitals (EU,
// ČSSD, NATO). Punctuation around the token does not count: „města“, is
// breakable.
func Breakable(token string) bool {
	core := strings.TrimFunc(token, func(r rune) bool { return !isLetter(r) && !unicode.IsDigit(r) })
	if core == "" {
		return false
	}
	if strings.ContainsAny(core, "@/\\_=#~") || strings.Contains(token, "://") {
		return false
	}
	lower := strings.ToLower(core)
	if strings.HasPrefix(lower, "www.") {
		return false
	}
	letters, upper := 0, 0
	prev := rune(0)
	for i, r := range core {
		if unicode.IsDigit(r) {
			return false
		}
		if r == '.' && i > 0 && isLetter(prev) {
			if next, _ := utf8.DecodeRuneInString(core[i+1:]); isLetter(next) {
				return false // a domain name or an abbreviation like "t.j"
			}
		}
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
		prev = r
	}
	if letters >= 2 && upper == letters {
		return false
	}
	return letters > 0
}
