package source

import (
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Source lints: slips in a chapter's Markdown that Jekyll prints as typed
// and leafpress would print too. Each is a warning at its file line that
// says what to change; the chapter is still read.

var (
	// a list item, an HTML item or paragraph, or a pasted bullet whose text
	// starts with another "- " or "* ".
	strayItem  = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+\\?([-*•])\s+\S`)
	strayHTML  = regexp.MustCompile(`(?i)<(li|p)(?:\s[^>]*)?>\s*([-*•])\s+\S`)
	strayPara  = regexp.MustCompile(`^\s{0,3}(\\[-*]|•)\s+\S`)
	emptyText  = regexp.MustCompile(`(^|[^!\\])\[\s*\]\(([^)\s]+)[^)]*\)`)
	atxHeading = regexp.MustCompile(`^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$`)
	fence      = regexp.MustCompile("^\\s{0,3}(```|~~~)")
	listMarker = regexp.MustCompile(`^\s*(?:[-*+]|\d{1,9}[.)])\s+`)
	enumParen  = regexp.MustCompile(`(^|[\s(])[\p{L}\d]\)`)
	inlineCode = regexp.MustCompile("`[^`]*`")
	linkTarget = regexp.MustCompile(`\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)`)
	autolink   = regexp.MustCompile(`<[a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*>|https?://[^\s)\]>]+`)
)

// lintBody checks a chapter's Markdown body. first is the file line of
// the body's first line.
func (p *parsed) lintBody(body string, first int) {
	lines := strings.Split(body, "\n")
	inFence := false
	type heading struct{ level, line int }
	var open *heading // the last heading, until something stands under it
	var para []int    // the line numbers (indexes) of the paragraph being read
	flush := func() {
		if len(para) > 0 {
			p.lintParagraph(lines, para, first)
		}
		para = nil
	}
	for i, l := range lines {
		line := first + i
		if (strings.Contains(l, "```") || strings.Contains(l, "~~~")) && fence.MatchString(l) {
			inFence = !inFence
			flush()
			open = nil
			continue
		}
		if inFence {
			continue
		}
		if strings.TrimSpace(l) == "" {
			flush()
			continue
		}
		trimmed := strings.TrimSpace(l)
		if m := matchIf(strings.HasPrefix(trimmed, "#"), atxHeading, l); m != nil {
			flush()
			level := len(m[1])
			if open != nil && level <= open.level {
				p.warnHeading(open.line)
			}
			open = &heading{level, line}
			continue
		}
		open = nil
		marked := startsMarker(trimmed)
		if m := matchIf(marked, strayItem, l); m != nil {
			p.warn(line, 0, "this list item starts with a stray %q, printed as typed after the bullet; delete it (one \"- \" makes an item)", m[1]+" ")
		} else if m := matchIf(strings.Contains(l, "<"), strayHTML, l); m != nil {
			p.warn(line, 0, "this <%s> starts with a stray %q, printed as typed; delete it", strings.ToLower(m[1]), m[2]+" ")
		} else if m := matchIf(strings.HasPrefix(trimmed, "\\") || strings.HasPrefix(trimmed, "•"), strayPara, l); m != nil && len(para) == 0 {
			p.warn(line, 0, "this paragraph starts with a stray %q, printed as typed; delete it, or make the paragraph a list item with \"- \"", strings.TrimPrefix(m[1], "\\")+" ")
		}
		// A link without an address is reported by the Markdown reader.
		if strings.Contains(l, "[](") {
			for _, m := range emptyText.FindAllStringSubmatch(l, -1) {
				p.warn(line, 0, "the link to %s has no text, so nothing shows where it stands; write the words to click between the brackets: [text](%s)", m[2], m[2])
			}
		}
		if (marked && listMarker.MatchString(l)) || strings.HasPrefix(trimmed, "<") {
			flush()
		}
		if !strings.HasPrefix(trimmed, "<") {
			para = append(para, i)
		}
	}
	flush()
	if open != nil {
		p.warnHeading(open.line)
	}
}

func (p *parsed) warnHeading(line int) {
	p.warn(line, 0, "this heading has nothing under it; write its text, or delete the heading")
}

// lintParagraph looks for brackets and quotes left open or never opened
// in one paragraph (its lines, by index).
func (p *parsed) lintParagraph(lines []string, idx []int, first int) {
	type mark struct {
		r    rune
		line int
	}
	var stack []mark
	pairs := map[rune]rune{')': '(', ']': '['}
	straight := []int{}
	curly := map[rune][]int{}
	for _, i := range idx {
		l := lines[i]
		if !strings.ContainsAny(l, "()[]\"„“”") {
			continue
		}
		if startsMarker(strings.TrimSpace(l)) {
			l = listMarker.ReplaceAllString(l, "")
		}
		if strings.Contains(l, "`") {
			l = inlineCode.ReplaceAllStringFunc(l, blank)
		}
		if strings.Contains(l, "](") {
			l = linkTarget.ReplaceAllStringFunc(l, func(s string) string { return "]" + blank(s[1:]) })
		}
		if strings.Contains(l, "://") || strings.Contains(l, "<") {
			l = autolink.ReplaceAllStringFunc(l, blank)
		}
		if strings.Contains(l, ")") {
			l = enumParen.ReplaceAllStringFunc(l, blank)
		}
		line := first + i
		for _, r := range l {
			switch r {
			case '(', '[':
				stack = append(stack, mark{r, line})
			case ')', ']':
				if n := len(stack); n > 0 && stack[n-1].r == pairs[r] {
					stack = stack[:n-1]
				} else {
					p.warn(line, 0, "%q closes a bracket that was never opened; delete it, or add the opening %q", string(r), string(pairs[r]))
					return
				}
			case '"':
				straight = append(straight, line)
			case '„', '“', '”':
				curly[r] = append(curly[r], line)
			}
		}
	}
	if len(stack) > 0 {
		m := stack[len(stack)-1]
		close := map[rune]string{'(': ")", '[': "]"}[m.r]
		p.warn(m.line, 0, "%q is never closed in this paragraph; add the closing %q, or delete it (as in \"((R-38466)\")", string(m.r), close)
	}
	if len(straight)%2 == 1 {
		p.warn(straight[len(straight)-1], 0, "this paragraph has an odd number of quotation marks (\"); one is not closed: add or delete one")
	}
	// Czech quotes open with „ and close with “; English ones open with “
	// and close with ”.
	if o, c := len(curly['„']), len(curly['“']); o > 0 && o != c {
		at := curly['„']
		if c > o {
			at = curly['“']
		}
		p.warn(at[len(at)-1], 0, "the quotation marks „ and “ do not pair up in this paragraph (%d opening, %d closing); close each quotation with “", o, c)
	} else if o == 0 && len(curly['“']) != len(curly['”']) {
		at := curly['“']
		if len(curly['”']) > len(at) {
			at = curly['”']
		}
		p.warn(at[len(at)-1], 0, "the quotation marks “ and ” do not pair up in this paragraph; close each quotation with ”")
	}
}

func blank(s string) string { return strings.Repeat(" ", utf8.RuneCountInString(s)) }

// lintUID warns when a chapter's uid differs from its file name by a slip
// of a letter or two: one of them is a typo, and links use the uid.
func (p *parsed) lintUID(file, uid string) {
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	name := strings.TrimSuffix(base, path.Ext(base))
	if uid == "" || uid == name || strings.EqualFold(uid, name) {
		return
	}
	d := editDistance(uid, name)
	if d == 0 || d > 2 || len(name) < 6 {
		return
	}
	p.warn(p.line("uid"), 0, "the uid %q differs from the file name %s by %s; one of them is probably a typo: correct the uid (addresses and links use it) or rename the file", uid, base, plural(d, "letter"))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// matchIf runs re on s only when the cheap test ok says it may match.
func matchIf(ok bool, re *regexp.Regexp, s string) []string {
	if !ok {
		return nil
	}
	return re.FindStringSubmatch(s)
}

// startsMarker reports whether a trimmed line may start with a list
// marker ("- ", "* ", "+ ", "1. ").
func startsMarker(trimmed string) bool {
	return trimmed != "" && strings.ContainsRune("-*+0123456789", rune(trimmed[0]))
}
