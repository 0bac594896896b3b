// Package html writes the download page of a programme
// (OUT/<programme>/index.html) and the page of all programmes
// (OUT/index.html): plain, semantic, static HTML with its style sheet
// inline, no script, and nothing loaded from the network, so that the
// folder works from a USB stick or uploaded anywhere.
//
// A page shows the programme's cover thumbnail with links to its files,
// each saying its type, size and number of pages in the programme's
// language ("PDF, 2,1 MB, 68 stran"), then a card per chapter: the
// leaflet's thumbnail, title, garant and links to its files. Every picture
// has alt text, headings go h1, h2, h3 without a skip, the layout reads
// from a 360 px phone to a desktop, and Open Graph tags name the share
// picture.
//
// The package knows nothing of how the files were made: the caller
// describes them in a [Programme] (paths relative to the page, sizes,
// page counts).
package html

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"strings"
)

// Programme describes one programme's download page.
type Programme struct {
	Lang        string // BCP 47 primary tag: "cs" or "en"
	Title       string
	Campaign    string // the campaign or election, shown above the title
	Description string // one sentence for link previews; empty for none
	// URL is the programme's public web page, linked when known.
	URL string
	// Share is the share picture (relative path), for Open Graph.
	Share string
	Cover *Picture // the cover thumbnail, nil when there is none
	Files []File   // the programme's files, in order
	// Chapters are the chapter cards, in the programme's order.
	Chapters []Chapter
	// Home is the relative address of the page of all programmes, "" for
	// none.
	Home string
}

// Chapter is one chapter's card.
type Chapter struct {
	Title  string
	Garant string // the garant's full name, "" when none
	Intro  string // plain text, shortened by the page
	URL    string // the chapter's web page, "" when unknown
	Thumb  *Picture
	Files  []File
}

// Picture is a thumbnail: its file and the one for high-density screens
// (relative paths), its size in CSS pixels and its alt text.
type Picture struct {
	Src, Src2x string
	Width      int
	Height     int
	Alt        string
}

// Kinds of files, which name their link.
const (
	Screen  = "screen"  // the screen PDF
	Print   = "print"   // the print PDF
	Booklet = "booklet" // the imposed booklet
	Word    = "docx"    // the Word file
	Leaflet = "leaflet" // a chapter's leaflet PDF
	Share   = "share"   // a share picture
)

// File is one file to download.
type File struct {
	Kind  string // Screen, Print, ...
	Href  string // relative path
	Size  int64  // bytes
	Pages int    // 0 when not known (Word files)
	// Width and Height are a picture's size in pixels.
	Width, Height int
}

// Index describes the page of all programmes.
type Index struct {
	Lang       string
	Title      string
	Programmes []Entry
}

// Entry is one programme on the page of all programmes.
type Entry struct {
	Lang     string // the programme's language, when it differs from the page's
	Title    string
	Campaign string
	Href     string // its page, relative
	Chapters int
	Cover    *Picture
}

//go:embed page.html
var pageHTML string

//go:embed style.css
var styleCSS string

var tmpl = template.Must(template.New("page").Funcs(template.FuncMap{
	"css": func() template.CSS { return template.CSS(styleCSS) },
}).Parse(pageHTML))

// view is what the template renders: a programme page or the index.
type view struct {
	T        words
	Lang     string
	Title    string
	Campaign string
	Desc     string
	URL      string
	Share    string
	Home     string
	Cover    *Picture
	Files    []link
	Chapters []card
	Index    []indexEntry
	Locale   string
}

type link struct {
	Label, Meta, Href, Type string
}

type card struct {
	Title, Garant, Intro, URL string
	Thumb                     *Picture
	Files                     []link
}

type indexEntry struct {
	Entry
	Meta string
}

// WriteProgramme writes a programme's download page.
func WriteProgramme(w io.Writer, p *Programme) error {
	t := wordsFor(p.Lang)
	v := view{T: t, Lang: lang(p.Lang), Title: p.Title, Campaign: p.Campaign, Desc: p.Description, URL: p.URL,
		Share: p.Share, Home: p.Home, Cover: p.Cover, Locale: t.locale}
	for _, f := range p.Files {
		v.Files = append(v.Files, t.link(f))
	}
	for _, c := range p.Chapters {
		cd := card{Title: c.Title, Garant: c.Garant, Intro: shorten(c.Intro, 220), URL: c.URL, Thumb: c.Thumb}
		for _, f := range c.Files {
			cd.Files = append(cd.Files, t.link(f))
		}
		v.Chapters = append(v.Chapters, cd)
	}
	return tmpl.Execute(w, v)
}

// WriteIndex writes the page of all programmes.
func WriteIndex(w io.Writer, idx *Index) error {
	t := wordsFor(idx.Lang)
	v := view{T: t, Lang: lang(idx.Lang), Title: idx.Title, Locale: t.locale}
	for _, e := range idx.Programmes {
		if lang(e.Lang) == v.Lang {
			e.Lang = ""
		}
		v.Index = append(v.Index, indexEntry{Entry: e, Meta: t.chapters(e.Chapters)})
	}
	return tmpl.Execute(w, v)
}

func lang(l string) string {
	if l == "" {
		return "cs"
	}
	return l
}

// shorten cuts s at a word boundary to at most n runes, with an ellipsis.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	cut := string(r[:n])
	if i := strings.LastIndexByte(cut, ' '); i > n/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:–-") + "…"
}

// CoverAlt is the alt text of a programme's cover thumbnail, in the
// language l.
func CoverAlt(l, title string) string { return wordsFor(l).CoverAlt + ": " + title }

// LeafletAlt is the alt text of a chapter's leaflet thumbnail, in the
// language l.
func LeafletAlt(l, title string) string { return wordsFor(l).LeafletAlt + ": " + title }

// IndexTitle is the title of the page of all programmes, in the language l.
func IndexTitle(l string) string { return wordsFor(l).Programmes }

// words are the page's texts in one language.
type words struct {
	locale                                 string
	decimal                                string
	Files, Chapters, Garant, Download, Web string
	AllProgrammes, CoverAlt, LeafletAlt    string
	Programmes                             string // the title of the page of all programmes
	NoScript, Footer, Open                 string
	labels                                 map[string]string
	pages                                  func(int) string
	chapterCount                           func(int) string
}

func wordsFor(l string) words {
	if lang(l) == "en" {
		return words{locale: "en_GB", decimal: ".",
			Files: "Download the programme", Chapters: "Chapters", Garant: "Responsible", Download: "Files", Web: "On the web",
			AllProgrammes: "All programmes", CoverAlt: "Cover of the programme", LeafletAlt: "Front of the leaflet", Programmes: "Programmes",
			Footer: "Made with leafpress. Every file here is in this folder; nothing is loaded from the internet.", Open: "Open",
			labels: map[string]string{Screen: "Programme to read", Print: "For the print shop", Booklet: "Booklet to print at home (A4, both sides)",
				Word: "To edit in Word", Leaflet: "Leaflet", Share: "Picture to share"},
			pages: func(n int) string {
				if n == 1 {
					return "1 page"
				}
				return fmt.Sprintf("%d pages", n)
			},
			chapterCount: func(n int) string {
				if n == 1 {
					return "1 chapter"
				}
				return fmt.Sprintf("%d chapters", n)
			},
		}
	}
	return words{locale: "cs_CZ", decimal: ",",
		Files: "Stáhnout program", Chapters: "Kapitoly", Garant: "Garant", Download: "Soubory", Web: "Na webu",
		AllProgrammes: "Všechny programy", CoverAlt: "Obálka programu", LeafletAlt: "Přední strana letáku", Programmes: "Programy",
		Footer: "Vytvořeno programem leafpress. Všechny soubory jsou v této složce; nic se nenačítá z internetu.", Open: "Otevřít",
		labels: map[string]string{Screen: "Program ke čtení", Print: "Pro tiskárnu", Booklet: "Brožura k tisku doma (A4, oboustranně)",
			Word: "K úpravám ve Wordu", Leaflet: "Leták", Share: "Obrázek ke sdílení"},
		pages:        func(n int) string { return fmt.Sprintf("%d %s", n, czechPlural(n, "strana", "strany", "stran")) },
		chapterCount: func(n int) string { return fmt.Sprintf("%d %s", n, czechPlural(n, "kapitola", "kapitoly", "kapitol")) },
	}
}

// czechPlural picks the form for n: 1, 2-4, and the rest.
func czechPlural(n int, one, few, many string) string {
	switch {
	case n == 1:
		return one
	case n >= 2 && n <= 4:
		return few
	}
	return many
}

func (t words) chapters(n int) string { return t.chapterCount(n) }

// link is a file's link: its label, and its type, size and pages.
func (t words) link(f File) link {
	l := link{Label: t.labels[f.Kind], Href: f.Href}
	var meta []string
	switch f.Kind {
	case Word:
		l.Type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
		meta = append(meta, "Word (DOCX)")
	case Share:
		l.Type = "image/png"
		meta = append(meta, "PNG")
		if f.Width > 0 {
			meta = append(meta, fmt.Sprintf("%d × %d px", f.Width, f.Height))
		}
	default:
		l.Type = "application/pdf"
		meta = append(meta, "PDF")
	}
	meta = append(meta, t.size(f.Size))
	if f.Pages > 0 {
		meta = append(meta, t.pages(f.Pages))
	}
	l.Meta = strings.Join(meta, ", ")
	if l.Label == "" {
		l.Label = f.Kind
	}
	return l
}

// size says a file's size as people read it: "85 kB", "2,1 MB".
func (t words) size(n int64) string {
	switch {
	case n < 1000:
		return fmt.Sprintf("%d B", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d kB", int(math.Round(float64(n)/1000)))
	}
	s := fmt.Sprintf("%.1f MB", float64(n)/1e6)
	return strings.Replace(s, ".", t.decimal, 1)
}
