package pipeline

import (
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/layout"
	"leafpress/layout/hyph"
	"leafpress/samples"
	"leafpress/templates"
)

// TestEnglishChapterWithoutLang: the sample English chapter has no lang:
// (nor has its programme in campaigns.yml, while the site's _config.yml
// says cs). Its language is told from its text: English hyphenation, its
// quotes left English (never Czech „…“), PDF /Lang en and Word language en.
func TestEnglishChapterWithoutLang(t *testing.T) {
	need(t, "qpdf", "qpdf")
	const src = "_program/2026-lipova/doprava-en.md"
	data, err := fs.ReadFile(samples.FS, src)
	if err != nil {
		t.Fatal(err)
	}
	if fm, _, _ := strings.Cut(string(data[4:]), "\n---"); strings.Contains(fm, "lang:") {
		t.Fatalf("%s has lang: in its front matter; the test needs it without", src)
	}
	dir, res := buildSamples(t)
	var prog *doc.Programme
	var ch *doc.Chapter
	for _, p := range res.Programmes {
		for _, c := range p.Chapters {
			if c.Source == src {
				prog, ch = p, c
			}
		}
	}
	if ch == nil {
		t.Fatalf("%s not built", src)
	}
	if ch.Language != "en" || prog.Language != "en" {
		t.Fatalf("chapter language %q, programme %q; want en", ch.Language, prog.Language)
	}

	// Quotes: the sample writes "quotes"; Czech ones must never appear.
	var text strings.Builder
	doc.WalkBlocks(ch.Blocks, func(b doc.Block) bool {
		for _, ins := range doc.BlockInlines(b) {
			text.WriteString(doc.PlainText(ins))
		}
		return true
	})
	if s := text.String() + doc.PlainText(ch.Intro); strings.ContainsAny(s, "„“") || !strings.Contains(s, `"`) {
		t.Errorf("the English chapter's quotes are not English: %q", s)
	}

	// Hyphenation: every word broken at a line end is broken where the
	// English patterns allow.
	tmpl, err := templates.Builtin("dl-leaflet")
	if err != nil {
		t.Fatal(err)
	}
	d, err := layout.Chapter(prog, ch, tmpl)
	if err != nil {
		t.Fatal(err)
	}
	en := hyph.English().WithMinimums(2, 2) // as the layout allows them
	var runs []*layout.TextRun
	for _, p := range d.Pages {
		for _, b := range p.Boxes {
			if r, ok := b.(*layout.TextRun); ok {
				runs = append(runs, r)
			}
		}
	}
	broken := 0
	for i, r := range runs {
		if !r.Hyphen || i+1 >= len(runs) {
			continue
		}
		head := strings.TrimSuffix(strings.TrimSuffix(r.Text, "-"), "\u2010")
		fields := strings.Fields(head)
		next := strings.Fields(runs[i+1].Text)
		if len(fields) == 0 || len(next) == 0 {
			continue
		}
		word := fields[len(fields)-1] + strings.TrimRight(next[0], ".,;:!?)\"")
		at := len([]rune(fields[len(fields)-1]))
		broken++
		ok := false
		for _, p := range en.Points(word) {
			if p == at {
				ok = true
			}
		}
		if !ok {
			t.Errorf("%q broken after %d letters, which the English patterns do not allow (points %v)", word, at, en.Points(word))
		}
	}
	if broken == 0 {
		t.Log("no word of the English leaflet is hyphenated")
	}

	// PDF /Lang and the Word file's language.
	out, _ := exec.Command("qpdf", "--qdf", "--object-streams=disable", filepath.Join(dir, prog.UID, "chapters", ch.UID+".pdf"), "-").Output()
	if !strings.Contains(string(out), "/Lang (en") {
		t.Errorf("the English chapter's PDF has no /Lang en")
	}
	styles := docxPart(t, filepath.Join(dir, prog.UID, "chapters", ch.UID+".docx"), "word/styles.xml")
	if !strings.Contains(styles, `w:val="en-US"`) || strings.Contains(styles, `w:val="cs-CZ"`) {
		t.Errorf("the English chapter's Word file is not in English: %s", grepLang(styles))
	}
}

func grepLang(s string) string {
	i := strings.Index(s, "<w:lang")
	if i < 0 {
		return "(no w:lang)"
	}
	return s[i:min(len(s), i+80)]
}
