package main

import (
	"fmt"
	"io"
	"os"
)

// progress shows on a terminal which programme is being built and how
// many of its documents are done, on one line rewritten in place. It is
// silent when the output is not a terminal (a log, a pipe, CI) or when
// asked to be (-q; -v prints every file instead).
type progress struct {
	w     io.Writer // nil when silent
	shown bool
}

func newProgress(w io.Writer, silent bool) *progress {
	if silent || !isTerminal(w) {
		return &progress{}
	}
	return &progress{w: w}
}

// isTerminal reports whether w is a character device, as a terminal is.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// report shows the programme's count; pipeline.Options.Progress.
func (p *progress) report(programme string, done, total int) {
	if p.w == nil {
		return
	}
	fmt.Fprintf(p.w, "\r\033[K%s: %d/%d documents", programme, done, total)
	p.shown = true
}

// end clears the line, so that messages start on a clean one.
func (p *progress) end() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
