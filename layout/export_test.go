package layout

// SetKeeping switches keeping set text (paragraphs, plain texts, titles)
// on or off, for tests that compare layouts made with and without it.
func SetKeeping(on bool) { notKeeping.Store(!on) }

// Bare returns a copy of d without what its layout kept for Reusing, to
// compare documents.
func Bare(d *Document) *Document {
	if d == nil {
		return nil
	}
	c := *d
	c.sets = nil
	return &c
}
