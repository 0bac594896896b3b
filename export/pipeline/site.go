package pipeline

import (
	"cmp"
	"io"
	"os"
	"path/filepath"
	"strings"

	"leafpress/export/doc"
	"leafpress/export/html"
	"leafpress/export/impose"
	"leafpress/export/outfile"
)

// writePage writes OUT/<programme>/index.html, the programme's download
// page, from the files written so far.
// facts[0] is the programme document's, facts[1+i] chapter i's.
func (b *builder) writePage(p *doc.Programme, dir string, facts []docFacts) {
	pg := &html.Programme{Lang: p.Language, Title: cmp.Or(p.Title, p.UID), Campaign: p.Group, URL: webURL(p.URL), Home: "../index.html"}
	if b.progT != nil && b.progT.Campaign.Name != "" {
		pg.Campaign = b.progT.Campaign.Name
	}
	var titles []string
	for _, c := range p.Chapters {
		titles = append(titles, strings.TrimSpace(c.Title))
	}
	pg.Description = strings.Join(titles, " · ")
	exists := func(rel string) (int64, bool) {
		st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil || st.IsDir() {
			return 0, false
		}
		return st.Size(), true
	}
	file := func(files *[]html.File, kind, rel string, pages int) {
		if size, ok := exists(rel); ok {
			f := html.File{Kind: kind, Href: rel, Size: size, Pages: pages}
			if kind == html.Share {
				f.Width, f.Height = ShareWidth, ShareHeight
			}
			*files = append(*files, f)
		}
	}
	pages := facts[0].pages
	pg.Cover = b.thumb(exists, "program", facts[0], html.CoverAlt(p.Language, pg.Title))
	file(&pg.Files, html.Screen, "program.pdf", pages)
	file(&pg.Files, html.Print, "program-print.pdf", pages)
	file(&pg.Files, html.Booklet, "program-booklet.pdf", len(impose.Order(pages)))
	file(&pg.Files, html.Word, "program.docx", 0)
	if _, ok := exists("share/" + ShareName("program")); ok {
		pg.Share = "share/" + ShareName("program")
	}
	for i, c := range p.Chapters {
		name, err := outfile.Name(c.UID)
		if err != nil {
			continue
		}
		ch := html.Chapter{Title: cmp.Or(strings.TrimSpace(c.Title), c.UID), Intro: doc.PlainText(c.Intro), URL: webURL(c.URL)}
		if c.Garant != nil {
			ch.Garant = c.Garant.FullName()
		}
		n := facts[1+i].pages
		ch.Thumb = b.thumb(exists, name, facts[1+i], html.LeafletAlt(p.Language, ch.Title))
		file(&ch.Files, html.Leaflet, "chapters/"+name+".pdf", n)
		file(&ch.Files, html.Print, "chapters/"+name+"-print.pdf", n)
		file(&ch.Files, html.Word, "chapters/"+name+".docx", 0)
		file(&ch.Files, html.Share, "share/"+ShareName(name), 0)
		pg.Chapters = append(pg.Chapters, ch)
	}
	b.write(p, filepath.Join(dir, "index.html"), func(w io.Writer) error { return html.WriteProgramme(w, pg) })
	b.mu.Lock()
	b.index = append(b.index, html.Entry{Lang: p.Language, Title: pg.Title, Campaign: pg.Campaign, Href: filepath.Base(dir) + "/index.html",
		Chapters: len(p.Chapters), Cover: prefixed(pg.Cover, filepath.Base(dir)+"/")})
	b.mu.Unlock()
}

// thumb describes the thumbnail of a document's first page, when it was
// written.
func (b *builder) thumb(exists func(string) (int64, bool), name string, f docFacts, alt string) *html.Picture {
	if f.pages == 0 {
		return nil
	}
	src := "thumbs/" + ThumbName(name, 1, f.pages, false)
	if _, ok := exists(src); !ok {
		return nil
	}
	pic := &html.Picture{Src: src, Width: f.thumbW, Height: f.thumbH, Alt: alt}
	if src2 := "thumbs/" + ThumbName(name, 1, f.pages, true); exists2(exists, src2) {
		pic.Src2x = src2
	}
	return pic
}

func exists2(exists func(string) (int64, bool), rel string) bool {
	_, ok := exists(rel)
	return ok
}

// prefixed returns a copy of pic with its paths under dir.
func prefixed(pic *html.Picture, dir string) *html.Picture {
	if pic == nil {
		return nil
	}
	c := *pic
	c.Src = dir + c.Src
	if c.Src2x != "" {
		c.Src2x = dir + c.Src2x
	}
	return &c
}

// writeIndex writes OUT/index.html, the page of all programmes.
func (b *builder) writeIndex() {
	if len(b.index) == 0 {
		return
	}
	l := b.index[0].Lang
	idx := &html.Index{Lang: l, Title: html.IndexTitle(l), Programmes: b.index}
	path := filepath.Join(b.opts.Out, "index.html")
	err := outfile.Write(path, func(w io.Writer) error { return html.WriteIndex(w, idx) })
	if err != nil {
		b.res.Diags.Errorf(path, 0, "could not write the file: %v", err)
		return
	}
	b.opts.log("wrote %s", path)
}

// webURL keeps only web addresses a page may link to.
func webURL(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}
