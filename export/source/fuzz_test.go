package source

import (
	"encoding/json"
	"strings"
	"testing"

	"leafpress/export/diag"
)

// FuzzParseChapter feeds raw chapter bytes (front matter, Markdown, HTML,
// broken encodings) to ParseChapter. Whatever the input, it must not
// panic; every diagnostic names the file and a line inside it; a chapter
// comes back exactly when there is no error, with a title and a uid, and
// it can be written as JSON (leafpress tree).
func FuzzParseChapter(f *testing.F) {
	f.Add([]byte("---\ntitle: Doprava\nuid: doprava\n---\n## Tramvaje\n> Jezdíme včas.\n\nText.\n"))
	f.Add([]byte("---\ntitle: x: y\n---\n"))
	f.Add([]byte("---\ntitle: A\n"))
	const file = "program/kapitola.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		ch, diags := ParseChapter(file, data)
		text, _ := decodeText(data)
		lines := strings.Count(text, "\n") + 1
		errs := 0
		for _, d := range diags {
			if d.File != file || d.Line < 0 || d.Line > lines || d.Column < 0 || d.Message == "" {
				t.Errorf("bad diagnostic (file has %d lines): %#v", lines, d)
			}
			if strings.Contains(d.Message, "internal error") {
				t.Errorf("the Markdown reader failed: %s", d)
			}
			if d.Severity == diag.Error {
				errs++
			}
		}
		if ch == nil {
			if errs == 0 {
				t.Errorf("chapter left out without an error: %v", diags)
			}
			return
		}
		if errs > 0 {
			t.Errorf("chapter returned with errors: %v", diags)
		}
		if strings.TrimSpace(ch.Title) == "" || strings.TrimSpace(ch.UID) == "" {
			t.Errorf("chapter with title %q, uid %q", ch.Title, ch.UID)
		}
		if ch.Source != file {
			t.Errorf("Source = %q", ch.Source)
		}
		if _, err := json.Marshal(ch); err != nil {
			t.Errorf("chapter cannot be written as JSON: %v", err)
		}
	})
}
