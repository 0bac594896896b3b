// Package samples embeds a sample campaign site and a set of broken
// chapters, so that leafpress can be tried, demonstrated and tested
// without any input of one's own.
//
// [FS] is the root of a Jekyll site for the fictional town of Lipová nad
// Sázavou: chapters under _program/<folder>/, garants under _people/, the
// programme names in _data/campaigns.yml and pictures under assets/img/.
// It plants, on purpose, the mess real programmes hold: a Windows-1250
// file, CRLF line endings with a BOM, folded and literal intros, raw HTML
// collapsible sections, an unknown garant, a missing picture, a duplicated
// order, a picture over 3000 px, files that are not chapters, and two more
// programmes (English and a strategy) in the same folder. It also holds one
// real chapter of a past programme, byte for byte. README.md in this
// directory lists which file plants which case.
//
// [Broken] holds chapters with errors in their front matter, and one good
// chapter, for `leafpress check` demonstrations and tests. [Slips] holds
// a chapter with the source slips check warns about.
//
// The pictures are drawn by genimages.go (go run genimages.go).
package samples

import (
	"embed"
	"io/fs"
)

//go:embed all:site
var site embed.FS

//go:embed all:broken
var broken embed.FS

//go:embed all:slips
var slips embed.FS

// FS is the sample campaign site (a Jekyll site root): it holds
// "_program/...", "_people/...", "_data/campaigns.yml" and "assets/img/...".
var FS fs.FS = sub(site, "site")

// Broken holds chapters with errors, for `leafpress check` demonstrations
// and tests: invalid YAML, front matter never closed, a missing title, and
// one good chapter that must still be read.
var Broken fs.FS = sub(broken, "broken")

// Slips holds a chapter that reads well but holds each source slip that
// `leafpress check` warns about: a stray "- " in a list item, links with
// no address or no text, an unclosed bracket and quotation, a uid that is
// a typo of its file name, headings with nothing under them.
var Slips fs.FS = sub(slips, "slips")

func sub(f fs.FS, dir string) fs.FS {
	s, err := fs.Sub(f, dir)
	if err != nil {
		panic("samples: " + err.Error()) // cannot happen: dir is a valid path
	}
	return s
}
