// Package typography is the typography pass: it runs over the document
// tree after reading and before any backend, so the PDF and the DOCX get
// the same text. Only Czech programmes are changed; other languages are
// left as they were.
//
// # Czech rules
//
// Every rule replaces one character by one character, so the text never
// grows or shrinks and the pass is idempotent: applying it twice gives
// the same text as applying it once.
//
//   - No-break space (U+00A0) after the one-letter prepositions and
//     conjunctions k, s, v, z, o, u, a, i (and K, S, V, Z, O, U, A, I) when
//     they stand as words: "v Praze" but not "vlak" or "stav".
//   - No-break space between digit groups of a number: "5 000",
//     "12 500 000". The first group has one to three digits and every
//     further group exactly three, so "v roce 2025 300 lidí" is left alone.
//   - No-break space between a number and its unit (see [Units]):
//     "7 %", "20 km", "15 m²", "100 Kč", and "5 mil. Kč" (both spaces).
//   - No-break space in and after abbreviations that stand before what
//     they qualify (see [Abbreviations]): "hl. m. Praha", "č. 5", "tzv.",
//     "tj.", "např.", academic titles before a name; and inside
//     abbreviations that stand after it: "s. r. o.", "a. s.", "v. o. s.".
//   - No-break space inside a date: "30. 6." (day and month), and after "§".
//   - No-break space between a designation (a number or one capital
//     letter) and what it designates: a designator word ("linka C",
//     "bod 5", "etapa 2") or an abbreviation in capitals ("ISO 37001");
//     before a combined sign such as "P+R"; and after an initial
//     ("T. G. Masaryk").
//   - Straight double quotes become Czech „…“ and straight single quotes
//     ‚…‘. A quote opens at the start of the text or after a space or an
//     opening bracket or dash, and closes otherwise. A single quote between
//     two letters is an apostrophe and stays ("rock'n'roll"); a single
//     closing quote is changed only when a single quote is open.
//   - A hyphen between spaces (" - ") becomes an en dash, and the space
//     before every en dash that stands between spaces becomes a no-break
//     space, so that a line never starts with a dash: "Praha – město".
//
// # What is never touched
//
// URLs ("https://…", "www.…") and e-mail addresses in the text, inline
// code, link targets, and every character of a text inline that no rule
// names. Context crosses inline boundaries: in "v **Praze**" the space
// after "v" gets its no-break space although "Praze" is bold, and a quote
// opened in one text inline and closed in another pairs correctly, because
// each inline sequence (a paragraph, a heading, a table cell) is processed
// as one stream.
//
// Garant names are not changed: they are printed as the person wrote them.
package typography

import (
	"cmp"
	"strings"
	"sync"

	"leafpress/export/doc"
)

// NoBreakSpace is the character the pass puts where a line must not break.
const NoBreakSpace = '\u00A0'

// Programme applies the pass to every chapter of p in place, when
// p.Language is Czech ("cs", a "cs-…" tag, or "" for the default):
// the programme and chapter titles, descriptions, intros, every block
// (headings, paragraphs, leads, lists, quotes, sections and their titles,
// table cells, picture descriptions). Other languages are left alone.
// Garant names are never changed.
//
// A chapter whose own Language is set follows it instead: the Czech
// rules apply to the Czech chapters of any programme.
func Programme(p *doc.Programme) {
	if p == nil {
		return
	}
	if IsCzech(p.Language) {
		p.Title = Czech(p.Title)
	}
	for _, c := range p.Chapters {
		if c != nil && IsCzech(cmp.Or(c.Language, p.Language)) {
			Chapter(c)
		}
	}
}

// Chapter applies the Czech rules to one chapter in place, whatever the
// language of its programme; [Programme] calls it for Czech programmes.
func Chapter(c *doc.Chapter) {
	if c == nil {
		return
	}
	c.Title = Czech(c.Title)
	c.Description = Czech(c.Description)
	if c.Image != nil {
		c.Image.Alt = Czech(c.Image.Alt)
	}
	Inlines(c.Intro)
	Blocks(c.Blocks)
}

// Blocks applies the Czech rules to blocks and everything they hold, in
// place. Each inline sequence (a paragraph, a heading, one table cell) is
// one stream.
func Blocks(blocks []doc.Block) {
	doc.WalkBlocks(blocks, func(b doc.Block) bool {
		switch v := b.(type) {
		case *doc.Section:
			v.Title = Czech(v.Title)
		case *doc.ImageBlock:
			v.Alt = Czech(v.Alt)
		}
		for _, ins := range doc.BlockInlines(b) {
			Inlines(ins)
		}
		return true
	})
}

// Inlines applies the Czech rules to one inline sequence in place, as one
// stream of text: only Text inlines are written; code and link targets are
// left alone.
func Inlines(ins []doc.Inline) {
	s := streams.Get().(*stream)
	defer streams.Put(s)
	s.reset()
	s.add(ins)
	if len(s.texts) == 0 {
		return
	}
	s.protectAddresses()
	s.apply()
	s.writeBack()
	clear(s.texts) // let the tree go
}

// streams reuses stream buffers between calls.
var streams = sync.Pool{New: func() any { return new(stream) }}

// Czech applies the Czech rules to one string and returns the result.
func Czech(text string) string {
	if text == "" {
		return text
	}
	t := &doc.Text{Text: text}
	Inlines([]doc.Inline{t})
	return t.Text
}

// IsCzech reports whether a BCP 47 language tag names Czech; the empty tag
// is the default language, Czech.
func IsCzech(lang string) bool {
	primary, _, _ := strings.Cut(strings.TrimSpace(lang), "-")
	return primary == "" || strings.EqualFold(primary, "cs")
}
