package layout

import (
	"strings"
	"unicode"
)

// Display titles (a chapter's title, the cover's, the back cover's) are
// broken by hand rather than first-fit: on as few lines as first-fit
// needs, with lines as even as they go, no line holding one word alone
// and no line ending in a short preposition or conjunction ("pro",
// "nad", "a"), where the words allow it. A title whose every breaking
// has such a line may get smaller, down to a given size, to find one
// that has none.

// titleBreak is one way of breaking a title's words into lines.
type titleBreak struct {
	ends  []int   // the index after each line's last word
	cost  float64 // how uneven the lines are, plus the faults below
	lone  int     // lines of one word (when the title has more words than lines)
	short int     // lines ending in a short preposition or conjunction
}

// titleFault is the cost of one lone word or short line end, against an
// unevenness of at most the number of lines.
const titleFault = 100

// setTitle sets a display title s at width w in fam: balanced, as the
// comment above says, at fam's size or, when only a smaller size avoids
// a lone word or a short word at a line end, at the largest such size
// down to least (pt). It returns the lines and the family they are set
// in (fam itself, or a copy at the smaller size).
func (e *engine) setTitle(s string, fam *family, w, least float64) ([]*line, *family) {
	if notKeeping.Load() {
		return e.balancedTitle(s, fam, w, least)
	}
	k := titleKey{stringKey{s: s, fam: *fam, w: w, hyph: e.hyph}, least}
	t, ok := e.titleSets[k]
	if !ok && e.prior != nil {
		t, ok = e.prior.titleSets[k]
	}
	if ok {
		return e.cloneLines(t.lines), t.fam
	}
	nw := len(e.warns)
	lines, f := e.balancedTitle(s, fam, w, least)
	if len(e.warns) == nw {
		if e.titleSets == nil {
			e.titleSets = map[titleKey]titleSet{}
		}
		e.titleSets[k] = titleSet{e.cloneLines(lines), f}
	}
	return lines, f
}

// titleKey names a title set by setTitle: the text, family, width and
// patterns, and the least size allowed.
type titleKey struct {
	stringKey
	least float64
}

// titleSet is a title set by setTitle: its lines and their family.
type titleSet struct {
	lines []*line
	fam   *family
}

// balancedTitle is setTitle without the memory.
func (e *engine) balancedTitle(s string, fam *family, w, least float64) ([]*line, *family) {
	lines := e.setString(s, fam, w)
	words := strings.Split(collapse(s), " ")
	if len(lines) < 2 || len(words) < 2 || len(words) > 24 {
		return lines, fam
	}
	var first []*line
	for f := fam; ; {
		ls, clean := e.balanceTitle(words, f, w)
		if ls == nil {
			return lines, fam // a word wider than the line: first-fit breaks it
		}
		if clean {
			return ls, f
		}
		if first == nil {
			first = ls
		}
		size := f.size * 0.95
		if size < least-1e-9 {
			return first, fam
		}
		c := *f
		c.size, c.leading = size, f.leading*size/f.size
		f = &c
	}
}

// balanceTitle breaks words into the fewest lines of width w that
// first-fit needs, choosing the breaking with the most even lines and
// the fewest faults; clean reports a breaking without faults. It
// returns nil when a word alone is wider than w.
func (e *engine) balanceTitle(words []string, fam *family, w float64) (lines []*line, clean bool) {
	n := len(words)
	ww := make([]float64, n)
	for i, wd := range words {
		ls := e.setString(wd, fam, 1e6)
		if len(ls) != 1 || ls[0].used > w {
			return nil, false
		}
		ww[i] = ls[0].used
	}
	space := fam.regular.Advance(" ", fam.size)
	k := len(e.setString(strings.Join(words, " "), fam, w))
	if k <= 1 {
		return e.setString(strings.Join(words, " "), fam, w), true
	}
	// best[j][m]: the best breaking of words[:j] into m lines.
	best := make([][]*titleBreak, n+1)
	for j := range best {
		best[j] = make([]*titleBreak, k+1)
	}
	best[0][0] = &titleBreak{}
	for j := 1; j <= n; j++ {
		for i := j - 1; i >= 0; i-- {
			lw := ww[i] + float64(j-i-1)*space
			for x := i + 1; x < j; x++ {
				lw += ww[x]
			}
			if lw > w+0.01 {
				break
			}
			lone, short := 0, 0
			if j-i == 1 && n > k {
				lone = 1
			}
			if j < n && shortWord(words[j-1]) {
				short = 1
			}
			d := (w - lw) / w
			for m := 1; m <= k; m++ {
				p := best[i][m-1]
				if p == nil {
					continue
				}
				c := p.cost + d*d + titleFault*float64(lone+short)
				if b := best[j][m]; b == nil || c < b.cost {
					best[j][m] = &titleBreak{ends: append(append([]int(nil), p.ends...), j), cost: c, lone: p.lone + lone, short: p.short + short}
				}
			}
		}
	}
	b := best[n][k]
	if b == nil {
		return e.setString(strings.Join(words, " "), fam, w), false
	}
	start := 0
	for _, end := range b.ends {
		ls := e.setString(strings.Join(words[start:end], " "), fam, w)
		if len(ls) != 1 {
			// Measured word by word the line fitted, set whole it does
			// not (kerning across a space): first-fit then.
			return e.setString(strings.Join(words, " "), fam, w), false
		}
		lines = append(lines, ls[0])
		start = end
	}
	return lines, b.lone == 0 && b.short == 0
}

// shortWord reports a word no line of a display title should end with:
// a lower-case word of up to three letters, a preposition or conjunction
// such as "pro", "nad", "a", "of".
func shortWord(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLower(r):
			letters++
		case unicode.IsLetter(r):
			return false
		}
	}
	return letters > 0 && letters <= 3
}
