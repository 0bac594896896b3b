package source

import (
	"strings"
	"testing"

	"leafpress/export/diag"
	"leafpress/samples"
)

// TestSamples loads the embedded sample site: four programmes, every
// chapter read, and the planted problems reported as warnings.
func TestSamples(t *testing.T) {
	progs, dl := Load(Options{FS: samples.FS, Sources: []string{"."}})
	var uids []string
	chapters := 0
	for _, p := range progs {
		uids = append(uids, p.UID+"/"+p.Language)
		chapters += len(p.Chapters)
		if p.Title == p.UID {
			t.Errorf("programme %s has no title from campaigns.yml", p.UID)
		}
		for _, c := range p.Chapters {
			if c.Image != nil && c.Image.Path != "" && c.Image.FS == nil {
				t.Errorf("%s: picture without its FS", c.Source)
			}
		}
	}
	if got := strings.Join(uids, " "); got != "2022-komunalni/cs 2026-lipova/cs 2026-lipova-en/en 2026-strategie/cs" {
		t.Errorf("programmes: %s", got)
	}
	named, titled := 0, 0
	for _, p := range progs {
		for _, c := range p.Chapters {
			if c.Garant != nil && c.Garant.Name != "" {
				named++
				if c.Garant.TitlesBefore != "" || c.Garant.TitlesAfter != "" {
					titled++
				}
			}
		}
	}
	if named < 5 || titled < 2 {
		t.Errorf("%d chapters have a garant's name, %d with academic titles; want most of them", named, titled)
	}
	if chapters != 10 {
		t.Errorf("%d chapters, want 10", chapters)
	}
	if dl.HasErrors() {
		t.Errorf("errors in the samples:\n%s", listDiags(dl.Items()))
	}
	planted := []struct{ file, has string }{
		{"_program/2022-komunalni/bezpecnost.md", `"david.bodecek"`},
		{"_program/2026-lipova/kultura-a-sport.md", `"ondrej.pesek"`},
		{"_program/2026-lipova/bydleni.md", "Windows-1250"},
		{"_program/2026-lipova/zivotni-prostredi.md", "zivotni-prostredi.jpg"},
		{"_program/2026-lipova/", "order 5"},
	}
	for _, p := range planted {
		if !hasDiag(dl.Items(), diag.Warning, p.file, p.has) {
			t.Errorf("no warning in %s holding %s:\n%s", p.file, p.has, listDiags(dl.Items()))
		}
	}
}

// TestSamplesRepeatedKey: a people file writes img: and description:
// twice; as in Jekyll the person is read, the last values win, and a
// warning names both lines of each key.
func TestSamplesRepeatedKey(t *testing.T) {
	progs, dl := Load(Options{FS: samples.FS, Sources: []string{"."}})
	const file = "_people/alena-sykorova.md"
	found := false
	for _, p := range progs {
		for _, c := range p.Chapters {
			if c.Garant != nil && c.Garant.UID == "alena.sykorova" {
				found = true
				if c.Garant.FullName() != "MUDr. Alena Sýkorová" {
					t.Errorf("%s: garant printed as %q", c.Source, c.Garant.FullName())
				}
			}
		}
	}
	if !found {
		t.Error("no chapter has the garant alena.sykorova")
	}
	for _, want := range []struct {
		line int
		has  string
	}{{8, `"img" is written twice, on lines 4 and 8`}, {9, `"description" is written twice, on lines 7 and 9`}} {
		ok := false
		for _, d := range dl.Items() {
			if d.File == file && d.Line == want.line && d.Severity == diag.Warning && strings.Contains(d.Message, want.has) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("no warning at %s:%d holding %s:\n%s", file, want.line, want.has, listDiags(dl.Items()))
		}
	}
}

// TestSamplesBroken: the broken samples are reported and the good chapter
// is still read.
func TestSamplesBroken(t *testing.T) {
	progs, dl := Load(Options{FS: samples.Broken, Sources: []string{"."}})
	if len(progs) != 1 || len(progs[0].Chapters) != 1 || progs[0].Chapters[0].Source != "dobra-kapitola.md" {
		t.Errorf("programmes: %s", summary(progs))
	}
	for _, file := range []string{"dvojtecka-v-nazvu.md", "spatne-odsazeni.md", "neuzavrena-hlavicka.md", "bez-nazvu.md"} {
		if !hasDiag(dl.Items(), diag.Error, file, "left out") {
			t.Errorf("no error for %s:\n%s", file, listDiags(dl.Items()))
		}
	}
}

func hasDiag(ds []diag.Diagnostic, sev diag.Severity, filePrefix, has string) bool {
	for _, d := range ds {
		if d.Severity == sev && strings.HasPrefix(d.File, filePrefix) && d.Line > 0 && strings.Contains(d.Message, has) {
			return true
		}
	}
	return false
}
