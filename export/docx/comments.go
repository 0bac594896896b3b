package docx

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"leafpress/export/diag"
	"leafpress/export/doc"
	"leafpress/export/docx/internal/xmltree"
)

// Relationship type and content type of the comments part.
const (
	relComments = relBase + "comments"
	ctComments  = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
)

// commentAuthor is the author of the comments the build writes.
const commentAuthor = "leafpress"

// comment is one Word comment of the document.
type comment struct {
	id   int
	text string
}

// chapterWarnings returns the warnings of Options.Warnings about the
// chapter file, in order, each once.
func (b *builder) chapterWarnings(file string) []*diag.Diagnostic {
	if b.opt.NoComments {
		return nil
	}
	var out []*diag.Diagnostic
	for i := range b.opt.Warnings {
		w := &b.opt.Warnings[i]
		if w.Severity == diag.Warning && w.File == file && w.File != "" {
			out = append(out, w)
		}
	}
	return out
}

// takeWarning returns, and marks as placed, the first unplaced warning of
// the current chapter whose message holds all of needles; "" when none.
func (b *builder) takeWarning(needles ...string) string {
	for i, w := range b.pending {
		if w == nil {
			continue
		}
		all := true
		for _, n := range needles {
			if n == "" || !strings.Contains(w.Message, n) {
				all = false
				break
			}
		}
		if all {
			b.pending[i] = nil
			return where(w)
		}
	}
	return ""
}

// where is a warning as a comment says it: its line and message.
func where(w *diag.Diagnostic) string {
	if w.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", w.File, w.Line, w.Message)
	}
	return w.File + ": " + w.Message
}

// newComment adds a comment and returns its id, or -1 with --no-comments.
func (b *builder) newComment(text string) int {
	if b.opt.NoComments || strings.TrimSpace(text) == "" {
		return -1
	}
	id := len(b.comments)
	b.comments = append(b.comments, comment{id: id, text: text})
	return id
}

// commented writes body (runs) inside the range of comments ids, each
// followed by its reference mark.
func (b *builder) commented(ids []int, body func()) {
	for _, id := range ids {
		b.empty("w:commentRangeStart", "w:id", strconv.Itoa(id))
	}
	if body != nil {
		body()
	}
	for _, id := range ids {
		b.empty("w:commentRangeEnd", "w:id", strconv.Itoa(id))
		b.start("w:r")
		b.empty("w:commentReference", "w:id", strconv.Itoa(id))
		b.end("w:r")
	}
}

// markMissing writes, where the picture im would stand, an empty Figure
// paragraph holding a comment that says why it is not there.
func (b *builder) markMissing(im *doc.Image, why string) {
	text := b.notes[im]
	if text == "" {
		text = fmt.Sprintf("%s: the picture %s is not in the file: %s", b.file, im.Src, why)
	}
	if id := b.newComment(text); id >= 0 {
		b.paragraph(sFigure, nil, func() { b.commented([]int{id}, nil) })
	}
}

// garantComments returns the comments on the garant line: one when the
// garant is not among the people (only the uid is known).
func (b *builder) garantComments(c *doc.Chapter) []int {
	g := c.Garant
	if g == nil || strings.TrimSpace(g.Name) != "" {
		return nil
	}
	text := b.notes[g]
	if text == "" {
		text = fmt.Sprintf("%s: the garant %q is not among the people, so the uid is printed instead of a name", b.file, g.UID)
	}
	if id := b.newComment(text); id >= 0 {
		return []int{id}
	}
	return nil
}

// restComments turns the chapter's warnings not placed elsewhere into
// comments on its title.
func (b *builder) restComments() []int {
	var ids []int
	for i, w := range b.pending {
		if w == nil {
			continue
		}
		b.pending[i] = nil
		if id := b.newComment(where(w)); id >= 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// commentsXML writes the comments part, each comment by "leafpress" on
// date, its text in one paragraph.
func (b *builder) commentsXML(date time.Time) []byte {
	var s bytes.Buffer
	s.WriteString(xml.Header + `<w:comments xmlns:w="` + nsW + `">`)
	when := date.Format("2006-01-02T15:04:05Z")
	for _, c := range b.comments {
		s.WriteString(`<w:comment w:id="` + strconv.Itoa(c.id) + `" w:author="` + commentAuthor + `" w:date="` + when + `" w:initials="lp">`)
		s.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		xmltree.EscapeText(&s, b.clean(c.text))
		s.WriteString(`</w:t></w:r></w:p></w:comment>`)
	}
	s.WriteString(`</w:comments>`)
	return s.Bytes()
}
