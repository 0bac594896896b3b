// Package linebreak breaks a paragraph into lines with the total-fit
// algorithm of Knuth and Plass ("Breaking Paragraphs into Lines", 1981),
// the one TeX uses, and with a first-fit breaker for ragged text.
//
// The paragraph is a list of items, as in TeX: boxes (a word or part of a
// word, of fixed width), glue (a space that may stretch and shrink) and
// penalties (a place where a line may break, at a cost; a hyphenation point
// is a flagged penalty with the hyphen's width). The package knows nothing
// of fonts or text: the caller measures and builds the items.
//
// A line may break at a penalty whose value is below Infinity, or at glue
// that directly follows a box. A penalty of -Infinity or less forces a
// break. After a break, the glue and penalties that follow it, up to the
// next box, are dropped (they vanish at the start of a line). A paragraph
// normally ends with
//
//	Penalty(Infinity), Glue{Stretch: Fil}, Penalty(-Infinity)
//
// (see End), so its last line is set at its natural width. If the items do
// not end with a forced break, Break acts as if one followed them.
//
// Break minimises the total demerits of the paragraph in up to three
// passes: first allowing lines with adjustment ratios up to
// Options.Tolerance, then up to Options.LooseTolerance, then a final pass
// that adds Options.EmergencyStretch to every line and accepts, at a high
// price, lines looser than that (reported in Breakpoint.Underfull) and,
// only where nothing else can be done (a box wider than the line), an
// overfull line (Breakpoint.Overfull). Unlike TeX, which prefers an
// overfull line, it never lets text stick out into the margin when spaces
// could be stretched instead. Break always returns a breaking for
// well-formed items.
//
// Break runs in time proportional to the number of items times the number
// of active breakpoints, which is at most the number of legal breaks within
// one line, times the four fitness classes; lines at the start of a
// paragraph that differ in width (see Break's lineWidth) multiply it by
// their number, and Options.Looseness by the number of lines.
package linebreak

import (
	"errors"
	"fmt"
	"math"
	"sync"
)

// Kind is the kind of an Item.
type Kind int

// The kinds of items.
const (
	// Box is material of fixed width: a word or a piece of one.
	Box Kind = iota
	// Glue is space that may stretch and shrink: a word space.
	Glue
	// Penalty is a possible break with a cost; its Width is set at the end
	// of the line only if the line breaks there (a hyphen).
	Penalty
)

// String returns "box", "glue" or "penalty".
func (k Kind) String() string {
	switch k {
	case Box:
		return "box"
	case Glue:
		return "glue"
	case Penalty:
		return "penalty"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Infinity is the penalty that forbids a break; -Infinity forces one.
const Infinity = 10000

// Fil is infinite stretchability, for glue that fills the rest of a line
// (the end of a paragraph, ragged text). A line that holds Fil glue can
// always be stretched: its glue set ratio is 0 and its finite glue keeps
// its natural width.
var Fil = math.Inf(1)

// Item is one box, glue or penalty of a paragraph.
type Item struct {
	Kind Kind
	// Width is the natural width of a box or glue, or the width added at
	// the end of a line that breaks at a penalty.
	Width float64
	// Stretch and Shrink say how much glue may grow or shrink: a line
	// with ratio r sets each glue at Width + r*Stretch (r > 0) or
	// Width + r*Shrink (r < 0). A box may have them too (finite), for
	// glyphs that may be set a little wider or narrower (font
	// expansion); they count in its line's stretch and shrink.
	Stretch, Shrink float64
	// Penalty is the cost of breaking at a penalty item: Infinity or more
	// forbids a break, -Infinity or less forces one.
	Penalty float64
	// Flagged marks a penalty as a hyphen break; two flagged breaks in a
	// row cost Options.FlaggedDemerits.
	Flagged bool
	// Post is the width of material a penalty puts at the start of the
	// next line if the line breaks there: the repeated hyphen of a
	// word written with a hyphen, as Czech typesetting has it.
	Post float64
	// Ref is the caller's own index, for mapping items back to text.
	Ref int
}

// NewBox returns a box of width w.
func NewBox(w float64) Item { return Item{Kind: Box, Width: w} }

// NewGlue returns glue of width w that may stretch by stretch and shrink
// by shrink.
func NewGlue(w, stretch, shrink float64) Item {
	return Item{Kind: Glue, Width: w, Stretch: stretch, Shrink: shrink}
}

// NewPenalty returns a penalty of cost p with width w set at a break there;
// flagged marks a hyphen.
func NewPenalty(w, p float64, flagged bool) Item {
	return Item{Kind: Penalty, Width: w, Penalty: p, Flagged: flagged}
}

// End appends the usual end of a paragraph to items: no break before the
// final glue, glue that fills the last line, and a forced break.
func End(items []Item) []Item {
	return append(items, NewPenalty(0, Infinity, false), NewGlue(0, Fil, 0), NewPenalty(0, -Infinity, false))
}

// Options tunes Break. A zero field takes its default, given in brackets;
// DefaultOptions returns them all. (To make a demerits field zero, give it
// a tiny positive value.)
type Options struct {
	// Tolerance is the largest adjustment ratio of a line in the first
	// pass [1, TeX's pretolerance 100].
	Tolerance float64
	// LooseTolerance is the largest adjustment ratio in the second and
	// final passes [2, badness 800].
	LooseTolerance float64
	// EmergencyStretch is added to the stretchability of every line in
	// the final pass [0].
	EmergencyStretch float64
	// LinePenalty is added to the badness of every line, so that fewer
	// lines are preferred [10].
	LinePenalty float64
	// FlaggedDemerits are added for two consecutive lines ending in
	// flagged penalties (hyphens) [10000].
	FlaggedDemerits float64
	// FinalFlaggedDemerits are added when the second-to-last line ends in
	// a flagged penalty [5000].
	FinalFlaggedDemerits float64
	// FitnessDemerits are added when two consecutive lines differ by more
	// than one fitness class (very loose next to decent, say) [10000].
	FitnessDemerits float64
	// MaxHyphens, when above zero, is the most lines in a row that may
	// end in a flagged penalty (a hyphen): a break that would make one
	// more is not taken, in every pass; only a line with no space in it
	// (a word longer than the line) goes over it, in the final pass
	// [0: no limit].
	MaxHyphens int
	// Looseness asks for that many more (or, negative, fewer) lines than
	// the optimum, if the first or second pass finds a solution with
	// them [0].
	Looseness int
}

// DefaultOptions returns the defaults Break uses for zero fields.
func DefaultOptions() Options {
	return Options{
		Tolerance:            1,
		LooseTolerance:       2,
		LinePenalty:          10,
		FlaggedDemerits:      10000,
		FinalFlaggedDemerits: 5000,
		FitnessDemerits:      10000,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	set := func(v *float64, def float64) {
		if *v == 0 {
			*v = def
		}
	}
	set(&o.Tolerance, d.Tolerance)
	set(&o.LooseTolerance, d.LooseTolerance)
	set(&o.LinePenalty, d.LinePenalty)
	set(&o.FlaggedDemerits, d.FlaggedDemerits)
	set(&o.FinalFlaggedDemerits, d.FinalFlaggedDemerits)
	set(&o.FitnessDemerits, d.FitnessDemerits)
	o.LooseTolerance = max(o.LooseTolerance, o.Tolerance)
	return o
}

// Breakpoint is the end of one line. (It cannot be called Break: that
// is the name of the function.)
type Breakpoint struct {
	// Pos is the index of the item the line breaks at (glue or penalty),
	// or len(items) for the end of items that lack a final forced break.
	Pos int
	// Ratio is the adjustment ratio of the line: each glue is set at
	// Width + Ratio*Stretch when Ratio > 0, Width + Ratio*Shrink when
	// Ratio < 0. It is within [-1, tolerance] unless the line is overfull
	// (then -1: fully shrunk) or underfull.
	Ratio float64
	// Overfull reports a line wider than the line width even when fully
	// shrunk, set only when nothing better exists (a box wider than the
	// line). Its material sticks out by Excess.
	Overfull bool
	// Underfull reports a line whose glue must stretch more than
	// Options.LooseTolerance allows, set only when nothing better exists;
	// if it has no glue to stretch at all, Ratio is 0 and the line is
	// shorter than the line width.
	Underfull bool
	// Excess is how far an overfull line sticks out, in the items' unit.
	Excess float64
}

// ErrBadItem is wrapped by the error Break and Greedy return for an item
// with a width, stretch, shrink or penalty that is not a number, or an
// infinite width or shrink.
var ErrBadItem = errors.New("linebreak: bad item")

func check(items []Item) error {
	for i, it := range items {
		bad := math.IsNaN(it.Width) || math.IsInf(it.Width, 0) ||
			math.IsNaN(it.Stretch) || math.IsInf(it.Stretch, -1) || (it.Kind != Glue && math.IsInf(it.Stretch, 1)) ||
			math.IsNaN(it.Shrink) || math.IsInf(it.Shrink, 0) || it.Shrink < 0 ||
			math.IsNaN(it.Penalty) || it.Kind < Box || it.Kind > Penalty ||
			math.IsNaN(it.Post) || math.IsInf(it.Post, 0)
		if bad {
			return fmt.Errorf("%w %d (%s, ref %d): width %v, stretch %v, shrink %v, penalty %v; widths and shrink must be finite and shrink not negative",
				ErrBadItem, i, it.Kind, it.Ref, it.Width, it.Stretch, it.Shrink, it.Penalty)
		}
	}
	return nil
}

// sums are running totals of widths, finite stretch, infinite-stretch
// glue count and shrink over items[0:i].
type sums struct {
	width, stretch, shrink float64
	fil, glues             int32
}

func (s sums) sub(t sums) sums {
	return sums{s.width - t.width, s.stretch - t.stretch, s.shrink - t.shrink, s.fil - t.fil, s.glues - t.glues}
}

// para is the prepared paragraph shared by both breakers. Paragraphs
// are taken from a pool and put back when broken, so that their tables
// and nodes serve the next paragraph.
type para struct {
	// nodes are taken from chunks: chunks[ci][:used] are in use.
	chunks   [][]node
	ci, used int
	// active and cands are the scratch lists of run.
	active, cands []*node
	items         []Item
	n             int    // len(items), plus one for a virtual final forced break
	prefix        []sums // prefix[i] = totals over items[0:i]
	width         func(int) float64
	widths        []float64 // lineWidth for every line a breaking can have
	// easy is the first line from which all lines have the same width:
	// nodes past it differ only in demerits and may be merged.
	easy int
}

// prepare checks the items and the options shared by Break and Greedy.
// It returns a nil para for no items, and an error for bad ones.
func prepare(items []Item, lineWidth func(int) float64, opt Options) (*para, Options, error) {
	if len(items) == 0 {
		return nil, opt, nil
	}
	if err := check(items); err != nil {
		return nil, opt, err
	}
	return newPara(items, lineWidth), opt.withDefaults(), nil
}

// paras are the paragraphs put back when broken.
var paras = sync.Pool{New: func() any { return new(para) }}

// nodeChunk is the number of nodes a chunk holds.
const nodeChunk = 256

func newPara(items []Item, lineWidth func(int) float64) *para {
	p := paras.Get().(*para)
	p.items, p.n, p.width, p.ci, p.used = items, len(items), lineWidth, 0, 0
	if len(items) == 0 || !isForced(items[len(items)-1]) {
		p.n++ // a virtual forced break at len(items)
	}
	p.prefix = grow(p.prefix, len(items)+1)
	var s sums
	for i, it := range items {
		p.prefix[i] = s
		if it.Kind != Penalty {
			s.width += it.Width
		}
		if it.Kind == Glue {
			s.glues++
			if math.IsInf(it.Stretch, 1) {
				s.fil++
			} else {
				s.stretch += it.Stretch
			}
			s.shrink += it.Shrink
		} else if it.Kind == Box {
			s.stretch += it.Stretch
			s.shrink += it.Shrink
		}
	}
	p.prefix[len(items)] = s

	// A paragraph has at most one line per legal break.
	lines := 1
	for b := 0; b < p.n; b++ {
		if p.legal(b) {
			lines++
		}
	}
	p.widths = grow(p.widths, lines+1)
	for i := range p.widths {
		p.widths[i] = lineWidth(i)
	}
	p.easy = lines
	for p.easy > 0 && p.widths[p.easy-1] == p.widths[lines] {
		p.easy--
	}
	return p
}

// grow returns s resliced to n elements, allocated anew only when its
// capacity is short; the elements are to be overwritten.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n, n+n/4)
	}
	return s[:n]
}

// release puts p back in the pool; nothing it holds may be used after.
func (p *para) release() {
	p.items, p.width = nil, nil
	clear(p.active[:cap(p.active)])
	clear(p.cands[:cap(p.cands)])
	paras.Put(p)
}

// newNode returns a node of p's chunks set to n.
func (p *para) newNode(n *node) *node {
	if p.ci < len(p.chunks) && p.used == len(p.chunks[p.ci]) {
		p.ci, p.used = p.ci+1, 0
	}
	if p.ci == len(p.chunks) {
		p.chunks = append(p.chunks, make([]node, nodeChunk))
	}
	x := &p.chunks[p.ci][p.used]
	p.used++
	*x = *n
	return x
}

// afterNode returns the totals where the line after node a starts (see
// after), from a's start.
func (p *para) afterNode(a *node) sums {
	s := p.prefix[a.start]
	if a.pos >= 0 {
		if it := p.item(a.pos); it.Kind == Penalty {
			s.width -= it.Post
		}
	}
	return s
}

// lineWidth returns the width of line i (0-based).
func (p *para) lineWidth(i int) float64 {
	if i < len(p.widths) {
		return p.widths[i]
	}
	return p.width(i)
}

func isForced(it Item) bool { return it.Kind == Penalty && it.Penalty <= -Infinity }

// item returns item i, or the virtual final forced break.
func (p *para) item(i int) Item {
	if i < len(p.items) {
		return p.items[i]
	}
	return NewPenalty(0, -Infinity, false)
}

// legal reports whether a line may break at item i.
func (p *para) legal(i int) bool {
	it := p.item(i)
	switch it.Kind {
	case Penalty:
		return it.Penalty < Infinity
	case Glue:
		return i > 0 && p.items[i-1].Kind == Box
	}
	return false
}

// after returns the index where the line after a break at b starts, and
// the totals there: glue and penalties after b are dropped, up to the next
// box or forced break. b = -1 is the start of the paragraph, where nothing
// is dropped.
func (p *para) after(b int) (int, sums) {
	if b < 0 {
		return 0, p.prefix[0]
	}
	i := b + 1
	for i < len(p.items) && p.items[i].Kind != Box && !isForced(p.items[i]) {
		i++
	}
	i = min(i, len(p.items))
	s := p.prefix[i]
	if it := p.item(b); it.Kind == Penalty {
		s.width -= it.Post // the next line starts with it
	}
	return i, s
}

// measure is the fit of one line.
type measure struct {
	ratio    float64
	badness  float64
	overfull bool // shorter than its material even fully shrunk
	excess   float64
	// underBadness is the badness of an underfull line in the final pass:
	// finite even when there is nothing to stretch.
	underBadness float64
}

// measure measures the line that starts with totals from and ends with a
// break at b, for a line of width w. extra is stretch added for judging
// the line (the final pass's emergency stretch), not for setting it: the
// ratio is always that of the line's own glue.
func (p *para) measure(from sums, b int, w, extra float64) measure {
	pw := 0.0
	if it := p.item(b); it.Kind == Penalty {
		pw = it.Width
	}
	return measureLine(from, p.prefix[min(b, len(p.items))], pw, w, extra)
}

// measureLine is measure for a line from totals from to totals at, ending
// at a break that adds pw (a hyphen's width).
func measureLine(from, at sums, pw, w, extra float64) measure {
	d := at.sub(from)
	natural := d.width + pw
	var m measure
	switch {
	case natural < w:
		if d.fil > 0 {
			return measure{} // fill glue takes the slack
		}
		m.ratio = math.Inf(1)
		if d.stretch > 0 {
			m.ratio = (w - natural) / d.stretch
		}
		judge := m.ratio
		if extra > 0 {
			judge = (w - natural) / (d.stretch + extra)
		}
		if math.IsInf(judge, 1) {
			// Nothing to stretch: infinitely bad, but the final pass
			// still compares such lines by how much they lack, as if
			// a thousandth of the width could stretch.
			r := (w - natural) / max(math.Abs(w)/1000, 1e-9)
			m.badness, m.underBadness = math.Inf(1), 100*r*r*r
			return m
		}
		m.badness = 100 * judge * judge * judge
		m.underBadness = m.badness
		return m
	case natural > w:
		if d.shrink <= 0 || natural-d.shrink > w+1e-9 {
			m.overfull = true
			m.excess = natural - d.shrink - w
			m.ratio = math.Inf(-1)
			if d.shrink > 0 {
				m.ratio = (w - natural) / d.shrink
			}
			m.badness = math.Inf(1)
			return m
		}
		m.ratio = max((w-natural)/d.shrink, -1)
	}
	m.badness = 100 * math.Abs(m.ratio*m.ratio*m.ratio)
	m.underBadness = m.badness
	return m
}

func fitness(r float64) int {
	switch {
	case r < -0.5:
		return 0 // tight
	case r <= 0.5:
		return 1 // decent
	case r <= 1:
		return 2 // loose
	}
	return 3 // very loose
}

// node is a feasible breakpoint: the end of a line in some best paragraph
// prefix.
type node struct {
	pos      int     // item index of the break, -1 for the start
	line     int     // number of lines ending here
	class    int     // line, or p.easy for all lines from p.easy on
	fitness  int     // fitness class of the line ending here
	total    float64 // total demerits up to here
	start    int     // item index where the next line starts
	from     sums    // the totals there (afterNode)
	prev     *node
	hyphens  int // lines in a row, up to this one, that end flagged
	ratio    float64
	overfull bool
	under    bool
	excess   float64
}

// Break chooses where to end the lines of a paragraph so that the sum of
// the lines' demerits is least. lineWidth(i) is the width of line i
// (0-based), so a paragraph may flow around a picture; it must be a pure
// function, and Break calls it once for every line number up to the number
// of legal breaks. It returns one Breakpoint per line, in order; the last
// is the paragraph's final forced break.
// Empty input gives no lines. The error wraps ErrBadItem for an item that
// cannot be measured.
func Break(items []Item, lineWidth func(line int) float64, opt Options) ([]Breakpoint, error) {
	p, opt, err := prepare(items, lineWidth, opt)
	if err != nil || p == nil {
		return nil, err
	}
	defer p.release()
	var best *node
	for pass := 0; pass < 3 && best == nil; pass++ {
		tol, extra, final := opt.Tolerance, 0.0, pass == 2
		if pass > 0 {
			tol = opt.LooseTolerance
		}
		if final {
			extra = opt.EmergencyStretch
		}
		ends := p.run(opt, tol, extra, final)
		if len(ends) == 0 {
			continue
		}
		n, achieved := choose(ends, opt.Looseness)
		if achieved || pass > 0 {
			// The second pass settles for the nearest line count; the
			// final one ignores looseness.
			best = n
		}
	}
	if best == nil {
		// Cannot happen: the final pass always reaches the end.
		return nil, errors.New("linebreak: no way to break the paragraph")
	}
	out := make([]Breakpoint, best.line)
	for n := best; n.prev != nil; n = n.prev {
		out[n.line-1] = Breakpoint{Pos: n.pos, Ratio: n.ratio, Overfull: n.overfull, Underfull: n.under, Excess: n.excess}
	}
	return out, nil
}

// choose picks the least-demerits end node, or with looseness the one
// whose line count is nearest the optimum plus looseness. achieved
// reports whether the asked looseness was reached.
func choose(ends []*node, looseness int) (*node, bool) {
	best := ends[0]
	for _, n := range ends[1:] {
		if n.total < best.total {
			best = n
		}
	}
	if looseness == 0 {
		return best, true
	}
	target := best.line + looseness
	pick := best
	for _, n := range ends {
		d, pd := abs(n.line-target), abs(pick.line-target)
		// Move only towards the target, never past it.
		toward := (looseness > 0 && n.line >= best.line) || (looseness < 0 && n.line <= best.line)
		if toward && (d < pd || d == pd && n.total < pick.total) {
			pick = n
		}
	}
	return pick, pick.line == target
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// run is one pass of the algorithm. It returns the nodes at the final
// break, or none if the pass found no feasible breaking.
func (p *para) run(opt Options, tol, extra float64, final bool) []*node {
	first := p.newNode(&node{pos: -1, fitness: 1})
	first.start, _ = p.after(-1)
	first.from = p.afterNode(first)
	active := append(p.active[:0], first)
	// Best candidate per (line, fitness) at the current breakpoint.
	cands := p.cands[:0]
	defer func() { p.active, p.cands = active, cands }()
	last := p.n - 1
	limit := 100*tol*tol*tol + 1e-9 // the badness of ratio tol
	for b := 0; b < p.n; b++ {
		if !p.legal(b) {
			continue
		}
		it := p.item(b)
		forced := isForced(it)
		at, pw := p.prefix[min(b, len(p.items))], 0.0
		if it.Kind == Penalty {
			pw = it.Width
		}
		cands = cands[:0]
		kept := active[:0]
		for i, a := range active {
			if b < a.start {
				// b lies in the material dropped after a's break.
				kept = append(kept, a)
				continue
			}
			w := p.lineWidth(a.line)
			from := a.from
			m := measureLine(from, at, pw, w, extra)
			loose := m.badness > limit
			artificial := false
			if m.overfull || forced {
				// a leaves the active list: no later line from it fits.
				switch {
				case m.overfull && final && len(cands) == 0 && len(kept) == 0 && i == len(active)-1:
					// The TeX rule: in the final pass, when the last
					// active node would go with nothing found here,
					// break here anyway, overfull.
					artificial = true
				case m.overfull, loose && !final:
					continue
				}
			} else {
				kept = append(kept, a)
				if loose && !final {
					continue
				}
			}
			// n is built on the stack and copied to the heap only when it
			// becomes a candidate: in a long run of letters every active
			// node meets every breakpoint, and most lose at once.
			n := node{pos: b, line: a.line + 1, prev: a, ratio: m.ratio, fitness: fitness(m.ratio)}
			over := false
			if it.Kind == Penalty && it.Flagged {
				n.hyphens = a.hyphens + 1
				if opt.MaxHyphens > 0 && n.hyphens > opt.MaxHyphens {
					// Over the limit only in the final pass, and only for a
					// line with no space to break at instead.
					if !final || p.prefix[min(b, len(p.items))].glues > from.glues {
						continue
					}
					over = true
				}
			}
			n.class = n.line
			if n.class > p.easy && (opt.Looseness == 0 || final) {
				// Later lines are all alike: keep one node per
				// fitness class, whatever its line count. (Looseness
				// needs them apart; the final pass ignores it, as it
				// would otherwise keep a node for every line count.)
				n.class = p.easy
			}
			switch {
			case artificial:
				n.overfull, n.excess, n.ratio, n.fitness = true, m.excess, -1, 0
				n.total = a.total
			case loose:
				// Final pass only: a line looser than the tolerance
				// (or with nothing to stretch), at a high price.
				n.total = a.total + demerits(opt, m.underBadness, it, a, p.flagged(a.pos), b == last, n.fitness)
			default:
				n.total = a.total + demerits(opt, m.badness, it, a, p.flagged(a.pos), b == last, n.fitness)
			}
			if over {
				n.total += opt.FlaggedDemerits
			}
			// Underfull: the line's own glue must stretch beyond the
			// tolerance (the emergency stretch only judges lines).
			if n.ratio > tol+1e-9 {
				n.under = true
				if math.IsInf(n.ratio, 1) {
					n.ratio = 0
				}
			}
			cands = p.addCandidate(cands, &n)
		}
		if len(cands) > 0 {
			start, _ := p.after(b)
			// Keep, per line class, only candidates that can still win:
			// a fitness mismatch costs at most FitnessDemerits. (A
			// candidate with fewer hyphens in a row may still win where
			// the limit stops the others.)
			for _, c := range cands {
				minimum := math.Inf(1)
				for _, o := range cands {
					if o.class == c.class && o.hyphens <= c.hyphens {
						minimum = min(minimum, o.total)
					}
				}
				if c.total <= minimum+opt.FitnessDemerits {
					c.start = start
					c.from = p.afterNode(c)
					kept = append(kept, c)
				}
			}
		}
		// Clear the tail so dropped nodes can be collected.
		for i := len(kept); i < len(active); i++ {
			active[i] = nil
		}
		active = kept
		if len(active) == 0 {
			return nil
		}
	}
	var ends []*node
	for _, a := range active {
		if a.pos == last {
			ends = append(ends, a)
		}
	}
	return ends
}

// addCandidate keeps n if no candidate of its line class and fitness
// class at this breakpoint is as cheap with as few hyphens in a row, and
// drops one that n beats in both.
func (p *para) addCandidate(cands []*node, n *node) []*node {
	for _, c := range cands {
		if c.class != n.class || c.fitness != n.fitness {
			continue
		}
		switch {
		case c.hyphens <= n.hyphens && c.total <= n.total:
			return cands // c is as good and no nearer the hyphen limit
		case n.hyphens <= c.hyphens && n.total <= c.total:
			// Nothing points at a candidate of this breakpoint yet:
			// its node can be reused.
			*c = *n
			return cands
		}
	}
	return append(cands, p.newNode(n))
}

// flagged reports whether the break at b is a flagged penalty; b = -1 is
// the start of the paragraph.
func (p *para) flagged(b int) bool {
	if b < 0 {
		return false
	}
	it := p.item(b)
	return it.Kind == Penalty && it.Flagged
}

// demerits of a line with badness bad ending at break item it, following
// the line that ended at node a; prevFlagged tells whether a's break is
// flagged.
func demerits(opt Options, bad float64, it Item, a *node, prevFlagged, isLast bool, fit int) float64 {
	l := opt.LinePenalty + bad
	d := l * l
	if it.Kind == Penalty {
		switch {
		case it.Penalty >= 0:
			d += it.Penalty * it.Penalty
		case it.Penalty > -Infinity:
			d -= it.Penalty * it.Penalty
		}
	}
	if prevFlagged {
		if it.Kind == Penalty && it.Flagged {
			d += opt.FlaggedDemerits
		} else if isLast {
			d += opt.FinalFlaggedDemerits
		}
	}
	if f := fit - a.fitness; f > 1 || f < -1 {
		d += opt.FitnessDemerits
	}
	return d
}

// Greedy breaks the paragraph first-fit: each line takes as much as fits
// (shrinking glue if it has to), then breaks at the last legal break that
// fits. It is meant for ragged text and as a fallback; penalties only
// decide where a break is legal or forced, and of the options only
// LooseTolerance is used: a line stretched beyond it is reported
// Underfull. A box wider than the line makes an overfull line of its own.
// It returns one Breakpoint per line, like Break.
func Greedy(items []Item, lineWidth func(line int) float64, opt Options) ([]Breakpoint, error) {
	p, opt, err := prepare(items, lineWidth, opt)
	if err != nil || p == nil {
		return nil, err
	}
	defer p.release()
	var out []Breakpoint
	start, from := p.after(-1)
	lastFit := -1
	var lastM measure
	for b := start; b < p.n; b++ {
		if !p.legal(b) {
			continue
		}
		m := p.measure(from, b, p.lineWidth(len(out)), 0)
		it := p.item(b)
		forced := isForced(it)
		switch {
		case !m.overfull && !forced:
			lastFit, lastM = b, m
			continue
		case m.overfull && lastFit >= 0:
			// Break at the last fit; the loop resumes after it and
			// measures b again on the next line.
			out = append(out, greedyBreak(lastFit, lastM, opt.LooseTolerance))
			b = lastFit
		default:
			// A forced break, or nothing fits: end the line here,
			// overfull if it has to be.
			out = append(out, greedyBreak(b, m, opt.LooseTolerance))
		}
		if b == p.n-1 {
			break
		}
		start, from = p.after(b)
		b = start - 1
		lastFit = -1
	}
	return out, nil
}

func greedyBreak(b int, m measure, tol float64) Breakpoint {
	br := Breakpoint{Pos: b, Ratio: m.ratio, Underfull: m.ratio > tol}
	if m.overfull {
		br.Overfull, br.Ratio, br.Excess = true, -1, m.excess
	}
	if math.IsInf(m.ratio, 1) {
		br.Ratio, br.Underfull = 0, true
	}
	return br
}

// Range is the items of one line: items[Start:End]. It leaves out the
// break item at End and the glue and penalties dropped after the previous
// break. When the line ends at a penalty, its Width (a hyphen) is drawn
// after the line's items.
type Range struct{ Start, End int }

// Lines returns the item range of every line of a breaking.
func Lines(items []Item, breaks []Breakpoint) []Range {
	out := make([]Range, 0, len(breaks))
	start := 0
	for _, br := range breaks {
		end := min(br.Pos, len(items))
		out = append(out, Range{Start: min(start, end), End: end})
		start = br.Pos + 1
		for start < len(items) && items[start].Kind != Box && !isForced(items[start]) {
			start++
		}
	}
	return out
}
