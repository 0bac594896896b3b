package pipeline

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// qpdfObjects returns the objects of a PDF as qpdf's JSON gives them:
// "obj:N 0 R" to {"value": ...} or {"stream": {"dict": ...}}.
func qpdfObjects(t *testing.T, file string) map[string]map[string]any {
	t.Helper()
	out, err := exec.Command("qpdf", "--json=2", "--json-key=qpdf", file).Output()
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", file, err)
	}
	var j struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &j); err != nil || len(j.QPDF) < 2 {
		t.Fatalf("qpdf --json %s: %v", file, err)
	}
	var objs map[string]map[string]any
	if err := json.Unmarshal(j.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json %s: %v", file, err)
	}
	return objs
}

// pageDicts returns the dictionaries of a PDF's pages.
func pageDicts(t *testing.T, file string) []map[string]any {
	var pages []map[string]any
	for _, o := range qpdfObjects(t, file) {
		if v, ok := o["value"].(map[string]any); ok && v["/Type"] == "/Page" {
			pages = append(pages, v)
		}
	}
	return pages
}

// TestPrintPDFsHaveNoLinkAreas checks that no print PDF has annotations,
// and that the addresses of links are printed after their text instead,
// while the screen PDF keeps its clickable links.
func TestPrintPDFsHaveNoLinkAreas(t *testing.T) {
	need(t, "qpdf", "qpdf")
	need(t, "pdftotext", "poppler-utils")
	dir, _ := buildSamples(t)
	prints, _ := filepath.Glob(filepath.Join(dir, "*", "*-print.pdf"))
	chapters, _ := filepath.Glob(filepath.Join(dir, "*", "chapters", "*-print.pdf"))
	prints = append(prints, chapters...)
	if len(prints) == 0 {
		t.Fatal("the sample build wrote no print PDF")
	}
	for _, f := range prints {
		pages := pageDicts(t, f)
		if len(pages) == 0 {
			t.Errorf("%s: qpdf finds no pages", f)
		}
		for i, p := range pages {
			if _, ok := p["/Annots"]; ok {
				t.Errorf("%s: a page (%d of %d in object order) has /Annots", filepath.Base(f), i+1, len(pages))
			}
		}
	}
	// The sample chapter "otevrena-radnice" links [Hlídač státu](https://www.hlidacstatu.cz/).
	screen := filepath.Join(dir, "2026-lipova", "program.pdf")
	print := filepath.Join(dir, "2026-lipova", "program-print.pdf")
	squeeze := func(s string) string { return strings.Join(strings.Fields(s), "") }
	pt := squeeze(runTool(t, "pdftotext", print, "-"))
	if !strings.Contains(pt, "Hlídačstátu(www.hlidacstatu.cz)") {
		t.Errorf("program-print.pdf does not print the link's address after its text")
	}
	if st := squeeze(runTool(t, "pdftotext", screen, "-")); strings.Contains(st, "(www.hlidacstatu.cz)") {
		t.Errorf("program.pdf prints the address of a link it can make clickable")
	}
	annots := 0
	for _, p := range pageDicts(t, screen) {
		if _, ok := p["/Annots"]; ok {
			annots++
		}
	}
	if annots == 0 {
		t.Errorf("program.pdf has no link annotations")
	}
}
