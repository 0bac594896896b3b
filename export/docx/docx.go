// Package docx writes a programme, or one of its chapters, as a Word
// document (.docx) that editors open, correct and restyle in Word or
// LibreOffice.
//
// Everything in the file is structure, nothing is faked with formatting:
//
//   - the programme title in Title, then a table of contents (a TOC field,
//     pre-filled with the headings and their page numbers, in PAGEREF
//     fields after a dot leader, that Word and LibreOffice update). The
//     page numbers are estimated by laying the chapters out with package
//     layout on the word-a4 template, which sets pages as the embedded
//     reference does (with the reference's page size and margins), while
//     the document is written; the estimate can be a page off, so the file
//     still asks Word to update fields on opening;
//   - per chapter a page break, the title in Heading 1, "Garant: name" in
//     the Garant style, the intro in Lead, the chapter picture at text width;
//   - the chapter's headings in Heading 2 and below (to Heading 6), never
//     skipping a level; a section (the web's collapsible "Kontext") one
//     level below the heading it belongs to; leads in Intense Quote,
//     quotes in Quote, lists in List Bullet and List Number with real
//     numbering (each ordered list restarts at its own start number), links
//     as hyperlinks in the Hyperlink character style, tables with a table
//     style and a header row, code in the Verbatim Char character style;
//   - bold, italic and strike-through are the only direct formatting;
//     spacing, also after a list or a table, comes from the styles;
//   - a footer in the Footer style with the programme's title and the page
//     number (a PAGE field) on every page but a programme's title page.
//     A user's reference document with headers or footers of its own
//     keeps them instead.
//
// Pictures (JPEG or PNG; other formats are converted to PNG) are stored
// upright; one more than 1.5 times as sharp as 200 dpi at text width is
// scaled down to about 200 dpi, so a 3000 px photo does not make the file
// big, and one less sharp is stored as it is (the file itself when it is
// upright), as screen PDFs keep theirs; a missing picture is left out, an
// unreadable one with a warning. Every picture has alt text (wp:docPr and pic:cNvPr descr):
// its own, else the chapter's title.
//
// Styles, list numbering, theme and page setup come from a reference
// document, as with pandoc's --reference-doc: the embedded
// templates.ReferenceDOCX, or a user's file ([Options].Reference). A style
// the user's file lacks is taken from the embedded one; styles are found by
// name, so a reference saved by a localised Word works too.
//
// The document language (cs-CZ, or en-US for an English programme) is set
// in the default run properties so that spelling is checked in the right
// language. Document properties name the programme, its group, its
// chapters and, as author, the chapters' garants; the tool's name is the
// Application in docProps/app.xml. The output is reproducible: the same tree and [Options].Date
// give the same bytes.
//
// Roboto and Roboto Condensed, the faces of the house styles, are embedded
// as Word embeds fonts (obfuscated, w:embedTrueTypeFonts), each a subset
// holding the document's characters and those of Czech and English, so
// that Word and LibreOffice show the design on a computer without them;
// the font table gives their PANOSE, charset, signature and alternative
// names.
//
// The package writes WordprocessingML itself, straight into the part's
// buffer (paragraphs, runs, hyperlinks, bookmarks, fields, tables,
// numbering overrides, document properties), and builds on
// github.com/gomutex/godocx only for the inline pictures' DrawingML, so
// no part of godocx's own template ends up in the file. What every file
// of a run shares is made once per process: the embedded fonts (subset,
// obfuscated and compressed), the word-a4 layout template and a user's
// reference document.
package docx

import (
	"io"
	"time"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/picture"
)

// Options control how a Word file is written.
type Options struct {
	// Reference is a user's reference .docx (--reference-docx): its
	// styles, numbering, theme and page setup are used. Nil means the
	// embedded templates.ReferenceDOCX.
	Reference []byte
	// Date is written as the document's created and modified date and as
	// the time of every part in the archive. The caller passes
	// SOURCE_DATE_EPOCH when it is set; zero means now.
	Date time.Time
	// Warn, when set, receives warnings about the input (characters that
	// had to be removed, pictures that could not be used), with the
	// chapter file they concern.
	Warn func(file string, msg string)
	// Warnings are the build's warnings about the input (export/diag).
	// Each one about a chapter's file becomes a Word comment by
	// "leafpress" where the problem is: a missing picture where the
	// picture would stand, an unknown garant on the garant line, any
	// other on the chapter's title, with its line. The writer's own
	// problems with a picture become comments too.
	Warnings []diag.Diagnostic
	// NoComments leaves every such comment out (--no-comments).
	NoComments bool
	// Pictures prepares the pictures (shared with the PDF writer, kept
	// between runs when it has a folder); nil uses an in-memory cache.
	Pictures *picture.Cache
	// Thumbnail, when set, is a PNG picture of the document's first page,
	// stored as docProps/thumbnail.png for file browsers to show.
	Thumbnail []byte
}

// Programme writes the whole programme p as a Word document: the title, a
// table of contents and every chapter, each starting on a new page.
func Programme(w io.Writer, p *doc.Programme, opt Options) error {
	b, err := newBuilder(p, opt)
	if err != nil {
		return err
	}
	b.toc, b.titlePage = true, true
	b.estimate = startEstimate(p, b.ref.sectPr)
	var uids []string
	for _, c := range p.Chapters {
		b.chapter(c, true)
		uids = append(uids, c.UID)
	}
	front := func() {
		b.paragraph(sTitle, nil, func() { b.plain(p.Title) })
		if p.Group != "" && p.Group != p.Title {
			b.paragraph(sSubtitle, nil, func() { b.plain(p.Group) })
		}
		b.tableOfContents()
	}
	return b.finish(w, props{title: p.Title, subject: subjectOf(p), keywords: uids, author: authorOf(p, p.Chapters)}, front)
}

// Chapter writes the chapter c of programme p as a Word document of its
// own, starting with the chapter title in Heading 1.
func Chapter(w io.Writer, p *doc.Programme, c *doc.Chapter, opt Options) error {
	b, err := newBuilder(p, opt)
	if err != nil {
		return err
	}
	b.chapter(c, false)
	return b.finish(w, props{title: c.Title, subject: subjectOf(p), keywords: []string{c.UID}, author: authorOf(p, []*doc.Chapter{c})}, nil)
}

// subjectOf is the programme's group, or its title when it has none.
func subjectOf(p *doc.Programme) string {
	if p.Group != "" {
		return p.Group
	}
	return p.Title
}

// props are the document properties of one file.
type props struct {
	title, subject string
	author         string // dc:creator; the tool's name is in app.xml
	keywords       []string
}

// words holds the few words the writer itself puts into a document.
type words struct {
	contents string // the table of contents heading
	garant   string // the label before the garant's name
}

// wordsFor returns the words for a programme language.
func wordsFor(lang string) words {
	if lang == "en" {
		return words{contents: "Contents", garant: "Guarantor"}
	}
	return words{contents: "Obsah", garant: "Garant"}
}

// langTag is the Word language tag for a programme language.
func langTag(lang string) string {
	if lang == "en" {
		return "en-US"
	}
	return "cs-CZ"
}

// CheckReference reads a user's reference document the way Programme and
// Chapter will, so that a broken file is reported once, before any Word
// file is written.
func CheckReference(data []byte) error {
	_, err := readReference(data)
	return err
}
