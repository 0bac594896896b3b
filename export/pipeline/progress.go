package pipeline

import (
	"sync"

	"leafpress/export/doc"
)

// progress counts p's jobs ahead (one per document written by the Word,
// PDF and share picture steps) and reports each finished one to
// Options.Progress.
func (b *builder) progress(p *doc.Programme, j *jobs) {
	report := b.opts.Progress
	if report == nil {
		return
	}
	n := len(p.Chapters)
	total := 0
	if b.opts.wants("docx") && !b.docxBroken {
		total += 1 + n
	}
	if b.opts.wants("pdf") || b.opts.wants("print") || b.opts.wants("thumbs") {
		if b.progT != nil {
			total++
		}
		if b.chapT != nil {
			total += n
		}
	}
	if b.shareT != nil {
		total += 1 + n
	}
	if total == 0 {
		return
	}
	var mu sync.Mutex
	done := 0
	title := p.UID
	report(title, 0, total)
	j.done = func() {
		mu.Lock()
		defer mu.Unlock()
		done++
		report(title, min(done, total), total)
	}
}
