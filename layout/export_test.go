package layout

// SetKeeping switches keeping set text (paragraphs, plain texts, titles)
// on or off, for tests that compare layouts made with and without it.
func SetKeeping(on bool) { notKeeping.Store(!on) }
