package docx

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/export/source"
	"leafpress/export/typography"
	"leafpress/samples"
)

// samplesProgrammes loads the embedded sample site as leafpress does.
func samplesProgrammes(t *testing.T) []*doc.Programme {
	t.Helper()
	progs, dl := source.Load(source.Options{FS: samples.FS, Sources: []string{"."}})
	if len(progs) == 0 {
		t.Fatalf("the samples hold no programme: %v", dl)
	}
	for _, p := range progs {
		typography.Programme(p)
	}
	return progs
}

// TestSamples writes every sample programme, and each of its chapters,
// and reads them back with python3-docx and pandoc.
func TestSamples(t *testing.T) {
	for _, p := range samplesProgrammes(t) {
		t.Run(p.UID, func(t *testing.T) {
			var warnings []string
			opt := Options{Date: testDate, Warn: func(file, msg string) { warnings = append(warnings, file+": "+msg) }}
			data := programmeDOCX(t, p, opt)
			for _, w := range warnings {
				t.Log(w)
			}
			for _, c := range p.Chapters {
				var buf bytes.Buffer
				if err := Chapter(&buf, p, c, opt); err != nil {
					t.Errorf("%s: %v", c.Source, err)
				}
			}
			d := pythonDocx(t, data)
			want := langTag(p.Language)
			if d.Language != want {
				t.Errorf("language %q, want %q", d.Language, want)
			}
			var h1 []string
			for _, para := range d.Paragraphs {
				if para.Style == "Heading 1" {
					h1 = append(h1, para.Text)
				}
			}
			var titles []string
			for _, c := range p.Chapters {
				titles = append(titles, c.Title)
			}
			if fmt.Sprint(h1) != fmt.Sprint(titles) {
				t.Errorf("Heading 1 paragraphs %q, want the chapter titles %q", h1, titles)
			}
			gotH, gotL := pandocOutline(pandocJSON(t, data))
			wantH, wantL := treeOutline(p, wordsFor(p.Language).contents)
			for i := range wantH {
				wantH[i] = strings.Join(strings.Fields(wantH[i]), " ")
			}
			for i := range gotH {
				gotH[i] = strings.Join(strings.Fields(gotH[i]), " ")
			}
			if fmt.Sprint(gotH) != fmt.Sprint(wantH) {
				t.Errorf("pandoc reads the headings\n%q\nwant\n%q", gotH, wantH)
			}
			if fmt.Sprint(gotL) != fmt.Sprint(wantL) {
				t.Errorf("pandoc reads the lists\n%+v\nwant\n%+v", gotL, wantL)
			}
		})
	}
}
