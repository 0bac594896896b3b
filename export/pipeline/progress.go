package pipeline

import "leafpress/export/doc"

// progress counts p's documents ahead (its Word files, its PDFs with
// their thumbnails, and its share pictures) and returns the function to
// call when one is done, which reports to Options.Progress.
func (b *builder) progress(p *doc.Programme) (step func()) {
	report := b.opts.Progress
	if report == nil {
		return func() {}
	}
	n := len(p.Chapters)
	total := 0
	if b.opts.wants("docx") && !b.docxBroken {
		total += 1 + n
	}
	if b.pdfSide() {
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
		return func() {}
	}
	done := 0
	title := p.UID
	b.progressMu.Lock()
	report(title, 0, total)
	b.progressMu.Unlock()
	return func() {
		b.progressMu.Lock()
		defer b.progressMu.Unlock()
		done++
		report(title, min(done, total), total)
	}
}
