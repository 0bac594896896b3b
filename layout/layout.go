// Package layout turns a document tree and a page template into pages of
// positioned boxes (text runs, rules, fills, pictures, links, bookmark
// anchors) that a drawing backend (export/pdf) draws as they are.
// Layout decides every position; a backend adds nothing.
//
// # What it does
//
//   - All text is measured with the advances of the embedded faces
//     (package fonts), which are the widths the PDF gets.
//   - Paragraphs are broken into lines with the total-fit line breaker of
//     Knuth and Plass (package linebreak), with hyphenation points from
//     package hyph as flagged penalties. Justified lines are made of one
//     run per word (or per style inside a word) and end flush with the
//     column; a paragraph's last line is ragged. No-break spaces
//     (U+00A0, as the typography pass puts after one-letter Czech words)
//     never end a line. A token too long for its column (a URL) breaks at
//     a safe place (after / . - ? & and the like) and never leaves it.
//   - Blocks flow through columns and pages. A heading stays with its
//     lead and at least two lines of what follows; a paragraph breaks
//     across columns only with two lines or more on each side; a chapter's
//     last page has balanced columns.
//   - A template may fix the number of pages per chapter (the two-page
//     leaflet): the body text then shrinks in small steps down to the
//     template's smallest size, and a [*FitError] names the chapter and
//     how much is left over when even that is not enough. Content that
//     leaves room fills the pages instead: a summary takes further
//     paragraphs while they fit, then the type grows in the same steps up
//     to the template's largest body size. On such pages the intro ends
//     the first page (picture, title and intro make a front, the picture
//     growing to fill it as far as the template allows) when the rest
//     fits behind it; otherwise the content is shared out so that no page
//     is left empty. The garant's name may stand at the foot of the last
//     page, and a footer band on every page.
//   - Content is "full" or "summary": the title, picture, intro, each top
//     heading with its lead (or, lacking one, its first paragraph), the
//     further paragraphs the template allows ([SummaryParagraphs],
//     [SummaryWith]) and the garant ([SummaryBlocks]).
//   - Pictures are cropped centrally to their frame's aspect (ImageBox.Crop
//     in the upright picture's pixels, from image.DecodeConfig and a JPEG's
//     EXIF orientation); a picture that is missing
//     or unreadable becomes a placeholder in the template's colour, with a
//     warning in Document.Warnings.
//   - Every chapter has an Anchor of level 0 at its title and every
//     heading one of its level, for the PDF's bookmarks.
//   - Every box knows where it comes from ([Node]): the structure element
//     (a chapter's Sect, H1 for its title, H2-H4, P, L/LI/Lbl/LBody,
//     BlockQuote, Table/TR/TH/TD, Figure with its alt text, Link) built
//     in the tree's order, for a tagged PDF; running heads, folios, rules,
//     bands and card frames have none (artifacts). Overview cards link to
//     their chapters' first pages.
//
// A programme ([Programme]) gets the template's cover, overview cards
// (each with the page its chapter starts on, on as few pages as they go
// on, shared out evenly, never one alone on a page), the chapters, blank
// pages to pad the count to the template's multiple, and the back cover. A single
// chapter ([Chapter]) gets just its pages, padded the same way.
package layout

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"leafpress/export/doc"
	"leafpress/templates"
)

// Programme lays out a whole programme with t: cover, overview, chapters
// and back cover, as the template asks.
func Programme(p *doc.Programme, t *templates.Template, opts ...Option) (*Document, error) {
	if p == nil {
		return nil, errors.New("layout: no programme given")
	}
	if len(p.Chapters) == 0 {
		return nil, fmt.Errorf("layout: programme %q (%s) has no chapters to lay out; check that its chapters name it in campaignCategoryUid", p.Title, p.UID)
	}
	e, err := programmeOnce(p, t, nil, opts)
	if err != nil || !e.cardsOnCoverSpare() {
		return e.finish(p, err)
	}
	// The cards on the cover spare the blank pages: lay out again so,
	// with the paragraphs the first layout set.
	e2, err := programmeOnce(p, t, e, opts)
	return e2.finish(p, err)
}

// programmeOnce lays a programme out; again, when set, is a first layout
// of it that this one does again with the overview cards on the cover.
func programmeOnce(p *doc.Programme, t *templates.Template, again *engine, opts []Option) (*engine, error) {
	e, err := newEngine(p, t)
	if err != nil {
		return nil, err
	}
	for _, o := range opts {
		o(e)
	}
	e.chapterStart = map[*doc.Chapter]int{}
	e.prior = nil // Reusing is for chapters
	if again != nil {
		// The same template and options: the same families (the keys of
		// the kept paragraphs) and texts.
		e.cardsOnCover = true
		e.families, e.kept, e.plainSets, e.titleSets = again.families, again.kept, again.plainSets, again.titleSets
	}
	cards := t.Overview.Enabled && len(p.Chapters) > 1
	switch {
	case t.Cover.Enabled && t.Cover.Style == "masthead":
		e.masthead(p)
	case t.Cover.Enabled:
		e.cover(p)
	}
	if again == nil && e.cardsOnCoverPossible() {
		// This layout may be done again with the cards on the cover:
		// keep what it sets.
		e.kept = newKept()
	}
	if cards && t.Overview.Position != "back" && !e.cardsOnCover {
		e.overview(p.Chapters)
	}
	var errs []error
	for _, c := range p.Chapters {
		if err := e.chapterPages(c); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	if cards && t.Overview.Position == "back" {
		e.backOverview(p.Chapters)
	}
	e.finishCards()
	if t.Web.BackCover && !t.BackCover.Enabled {
		e.closingWebBlock()
	}
	e.pad(t.BackCover.Enabled)
	if t.BackCover.Enabled {
		e.backCover()
	}
	e.runningHeads()
	return e, nil
}

// finish makes the document of a programme laid out by programmeOnce.
func (e *engine) finish(p *doc.Programme, err error) (*Document, error) {
	if err != nil {
		return nil, err
	}
	return e.document(p.Title, p.Chapters), nil
}

// Chapter lays out one chapter alone (for chapters/<uid>.pdf): its pages,
// padded to the template's multiple, without cover, overview or back
// cover.
func Chapter(p *doc.Programme, c *doc.Chapter, t *templates.Template, opts ...Option) (*Document, error) {
	if c == nil {
		return nil, errors.New("layout: no chapter given")
	}
	if p == nil {
		p = &doc.Programme{Language: "cs", Chapters: []*doc.Chapter{c}}
	}
	e, err := newEngine(p, t)
	if err != nil {
		return nil, err
	}
	for _, o := range opts {
		o(e)
	}
	if pr := e.prior; pr != nil {
		if pr.t != t || pr.prog != p || pr.chapter != c {
			e.prior = nil // another document: nothing to take
		} else {
			// The same families: the keys of the paragraphs kept.
			for k, f := range pr.families {
				e.families[k] = f
			}
		}
	}
	if t.Page.Pages > 0 {
		// A chapter of a fixed page count keeps what its tries set; the
		// document keeps it for a layout of it again (Reusing).
		e.kept = newKept()
	}
	if err := e.chapterPages(c); err != nil {
		return nil, err
	}
	e.pad(false)
	e.runningHeads()
	d := e.document(c.Title, []*doc.Chapter{c})
	if e.kept != nil {
		d.sets = &sets{t: t, prog: p, chapter: c, print: e.print, families: e.families, kept: e.kept,
			plainSets: e.plainSets, titleSets: e.titleSets}
	}
	return d, nil
}

// Reusing lays a chapter out again taking what the layout d of the same
// chapter with the same template set (on screen, say, for the print
// version with its links' addresses printed): the paragraphs without a
// link that set differently, plain texts and titles. It changes nothing
// in what is laid out, only the time it takes; it is ignored for another
// chapter or template, and for a document laid out without a fixed page
// count, which keeps nothing. d is only read: several layouts may reuse
// it at once.
func Reusing(d *Document) Option {
	return func(e *engine) {
		if d != nil && d.sets != nil {
			e.prior = d.sets
		}
	}
}

// sets is what a chapter's layout set, kept with its document for
// another layout of it (Reusing), which only reads it.
type sets struct {
	t         *templates.Template
	prog      *doc.Programme
	chapter   *doc.Chapter
	print     bool
	families  map[familyKey]*family
	kept      *kept
	plainSets map[stringKey][]*line
	titleSets map[titleKey]titleSet
}

// Option changes how a document is laid out.
type Option func(*engine)

// ForPrint lays a document out for paper, where nothing is clickable: a
// link's address is printed after its text, in parentheses and without
// its scheme ("see the plan (lipova.cz/plan)"), unless the text already
// shows it, and no box is a link area (no LinkBox, no Link element).
func ForPrint() Option { return func(e *engine) { e.print = true } }

// HasLinks reports whether d has link areas to addresses outside it, the
// links [ForPrint] prints instead.
func HasLinks(d *Document) bool {
	for _, p := range d.Pages {
		for _, b := range p.Boxes {
			if l, ok := b.(*LinkBox); ok && l.URL != "" && !strings.HasPrefix(l.URL, "#") {
				return true
			}
		}
	}
	return false
}

// pad adds blank pages until the page count (with the back cover, when
// one follows) is a multiple of the template's pad_to. A single page
// without a back cover is a one-sided sheet: it gets no blank back.
func (e *engine) pad(backCover bool) {
	n := e.t.Page.PadTo
	if n <= 1 || (len(e.pages) == 1 && !backCover) {
		return
	}
	extra := 0
	if backCover {
		extra = 1
	}
	for (len(e.pages)+extra)%n != 0 {
		e.newPage(kindBlank, nil)
	}
}

// blankPages counts the blank pages pad added.
func (e *engine) blankPages() int {
	n := 0
	for _, m := range e.meta {
		if m.kind == kindBlank {
			n++
		}
	}
	return n
}

// cardsOnCoverPossible reports whether a programme's overview cards
// may go on its cover, as cardsOnCoverSpare may find once it is laid
// out: the template allows it, and they fit there.
func (e *engine) cardsOnCoverPossible() bool {
	o := e.t.Overview
	if !o.OnCover || e.cardsOnCover || e.coverArea.H <= 0 || e.t.Page.PadTo <= 1 ||
		!o.Enabled || o.Position == "back" || len(e.prog.Chapters) < 2 {
		return false
	}
	_, ok := e.coverGrid(e.prog.Chapters)
	return ok
}

// cardsOnCoverSpare reports whether a programme laid out with its
// overview on pages of their own would need fewer blank pages with the
// cards on the cover instead (the template allowing it and the cards
// fitting there).
func (e *engine) cardsOnCoverSpare() bool {
	o := e.t.Overview
	if !o.OnCover || e.cardsOnCover || e.coverArea.H <= 0 || e.t.Page.PadTo <= 1 {
		return false
	}
	blanks, overview := e.blankPages(), 0
	for _, m := range e.meta {
		if m.kind == kindOverview {
			overview++
		}
	}
	if blanks == 0 || overview == 0 {
		return false
	}
	n := e.t.Page.PadTo
	rest := len(e.pages) - blanks - overview
	if (n-rest%n)%n >= blanks {
		return false
	}
	_, ok := e.coverGrid(e.prog.Chapters)
	return ok
}

// document gathers the pages and the metadata.
func (e *engine) document(title string, chs []*doc.Chapter) *Document {
	d := &Document{Title: strings.TrimSpace(title), Pages: e.pages}
	seenWarn := map[string]bool{}
	for _, w := range e.warns {
		if !seenWarn[w] {
			seenWarn[w] = true
			d.Warnings = append(d.Warnings, w)
		}
	}
	d.Notes = append(d.Notes, e.notes...)
	if e.prog != nil {
		d.Subject = e.prog.Group
		if d.Subject == "" && title != e.prog.Title {
			d.Subject = e.prog.Title
		}
		d.Language = e.prog.Language
		if e.prog.Title != "" && e.prog.Title != d.Title {
			d.Keywords = append(d.Keywords, e.prog.Title)
		}
	}
	if len(chs) == 1 && chs[0].Language != "" {
		d.Language = chs[0].Language // a chapter's own PDF is in its language
	}
	if d.Language == "" {
		d.Language = "cs"
	}
	seen := map[string]bool{}
	var authors []string
	for _, c := range chs {
		if c.Garant != nil {
			if n := strings.TrimSpace(c.Garant.FullName()); n != "" && !seen[n] {
				seen[n] = true
				authors = append(authors, n)
			}
		}
		if t := strings.TrimSpace(c.Title); t != "" && t != d.Title {
			d.Keywords = append(d.Keywords, t)
		}
	}
	// The author is the organisation that commissioned the material (or
	// the site's), else the garants; never the tool.
	d.Author = strings.Join(authors, ", ")
	if a := e.prog.Author(); a != "" {
		d.Author = a
	}
	// Faces actually drawn.
	used := map[string]bool{}
	for _, p := range d.Pages {
		for _, b := range p.Boxes {
			if r, ok := b.(*TextRun); ok {
				used[r.Face] = true
			}
		}
	}
	for f := range used {
		d.Faces = append(d.Faces, f)
	}
	sort.Strings(d.Faces)
	return d
}
