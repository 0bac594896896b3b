package layout_test

import (
	"os"
	"path/filepath"
	"testing"

	"leafpress/export/pdf"
	"leafpress/layout"
	"leafpress/templates"
)

// TestDebugPDF writes the samples laid out with every built-in template to
// $LEAFPRESS_LAYOUT_DEBUG (a folder), for looking at. It does nothing
// unless that variable is set.
func TestDebugPDF(t *testing.T) {
	dir := os.Getenv("LEAFPRESS_LAYOUT_DEBUG")
	if dir == "" {
		t.Skip("set LEAFPRESS_LAYOUT_DEBUG to a folder to write debug PDFs")
	}
	progs := samplePrograms(t)
	for _, name := range templates.Names() {
		tp, err := templates.Builtin(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range progs {
			var d *layout.Document
			if tp.Page.Pages > 0 {
				for _, c := range p.Chapters {
					d, err = layout.Chapter(p, c, tp)
					if err != nil {
						t.Log(err)
						continue
					}
					write(t, d, filepath.Join(dir, name+"-"+c.UID+".pdf"))
				}
				continue
			}
			d, err = layout.Programme(p, tp)
			if err != nil {
				t.Log(err)
				continue
			}
			for _, w := range d.Warnings {
				t.Log(w)
			}
			write(t, d, filepath.Join(dir, name+"-"+p.UID+".pdf"))
		}
	}
}

func write(t *testing.T, d *layout.Document, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rep, err := pdf.Write(f, d, pdf.Options{Print: true})
	if err != nil {
		t.Error(path, err)
		return
	}
	for _, p := range rep.Problems {
		t.Log(path, p)
	}
}
