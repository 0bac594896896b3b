package pdf_test

import (
	"os"
	"testing"
	"time"

	"leafpress/export/impose"
	"leafpress/export/pdf"
	"leafpress/export/preflight"
	"leafpress/export/source"
	"leafpress/export/typography"
	"leafpress/layout"
	"leafpress/samples"
	"leafpress/templates"
)

func TestZZReal(t *testing.T) {
	progs, _ := source.Load(source.Options{FS: samples.FS, Sources: []string{"."}})
	tp, _ := templates.Builtin("a5-booklet")
	for _, p := range progs {
		if p.UID != "2026-lipova" {
			continue
		}
		typography.Programme(p)
		d, err := layout.Programme(p, tp)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := os.Create("/tmp/lay/real-print.pdf")
		r, err := pdf.Write(f, d, pdf.Options{Print: true, Date: time.Unix(1714560000, 0), Slug: "program-print.pdf", RegistrationMarks: true})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		res := preflight.Check(r)
		t.Log(res.Summary())
		f, _ = os.Create("/tmp/lay/real-booklet.pdf")
		impose.Write(f, d, pdf.Options{})
		f.Close()
	}
}
