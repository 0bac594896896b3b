// Package diag holds diagnostics: the problems found in a user's input,
// each with a severity, a place (file, line, column) and a message that
// tells a campaign editor what is wrong and what to do.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Severity says how bad a problem is.
type Severity int

const (
	// Warning: the input was used, perhaps with a default or a repair.
	Warning Severity = iota
	// Error: the input (a chapter, a template) was left out.
	Error
)

// String returns "warning" or "error".
func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler: it reads what
// MarshalText writes.
func (s *Severity) UnmarshalText(b []byte) error {
	switch string(b) {
	case "warning":
		*s = Warning
	case "error":
		*s = Error
	default:
		return fmt.Errorf("diag: unknown severity %q", b)
	}
	return nil
}

// Diagnostic is one problem in the input.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`   // 1-based; 0 when unknown
	Column   int      `json:"column,omitempty"` // 1-based; 0 when unknown
	Message  string   `json:"message"`
}

// Program names diagnostics that concern no file (the command line
// itself), so that every line starts with a name.
const Program = "leafpress"

// String formats the diagnostic as "file:line:column: severity: message",
// or "file: severity: message" when the place in the file is unknown.
// A diagnostic with no file is named after the program; a file name
// holding control characters (a line break would split the line) is
// quoted as in Go.
func (d Diagnostic) String() string {
	var sb strings.Builder
	file := d.File
	if file == "" {
		file = Program
	} else if strings.ContainsFunc(file, unicode.IsControl) {
		file = strconv.Quote(file)
	}
	sb.WriteString(file)
	if d.Line > 0 {
		fmt.Fprintf(&sb, ":%d", d.Line)
		if d.Column > 0 {
			fmt.Fprintf(&sb, ":%d", d.Column)
		}
	}
	sb.WriteString(": ")
	sb.WriteString(d.Severity.String())
	sb.WriteString(": ")
	sb.WriteString(d.Message)
	return sb.String()
}

// List collects diagnostics; it is safe for concurrent use. A diagnostic
// equal to one already in the list is not added again: outputs that share
// a template or a picture report its problem once.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
	seen  map[Diagnostic]bool
}

// Add appends d unless the list already holds an equal diagnostic.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen[d] {
		return
	}
	if l.seen == nil {
		l.seen = map[Diagnostic]bool{}
	}
	l.seen[d] = true
	l.items = append(l.items, d)
}

// Errorf adds an error at file:line.
func (l *List) Errorf(file string, line int, format string, args ...any) {
	l.Add(Diagnostic{Severity: Error, File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a warning at file:line.
func (l *List) Warnf(file string, line int, format string, args ...any) {
	l.Add(Diagnostic{Severity: Warning, File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// Items returns the diagnostics sorted by file, line and column, keeping
// the order of addition among equals.
func (l *List) Items() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Column < b.Column
	})
	return out
}

// Len returns the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Count returns the number of errors and of warnings.
func (l *List) Count() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			errors++
		} else {
			warnings++
		}
	}
	return
}
