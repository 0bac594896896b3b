package source

import (
	"strings"
	"testing"

	"leafpress/export/diag"
	"leafpress/samples"
)

// TestLints checks each source lint at its line, and that ordinary text
// gives none.
func TestLints(t *testing.T) {
	const head = "---\ntitle: Doprava\nuid: doprava\n---\n" // the body starts on line 5
	for _, tc := range []struct {
		name, body string
		line       int    // 0: no lint warning
		has        string // in the message
	}{
		{"stray dash in a list item", "- - Dále navýšíme rozpočet.\n", 5, `stray "- "`},
		{"stray star in a numbered item", "Text.\n\n1. * Dále navýšíme rozpočet.\n", 7, `stray "* "`},
		{"stray dash in an HTML item", "<ul>\n<li>- Dále navýšíme</li>\n</ul>\n", 6, `stray "- "`},
		{"pasted bullet starting a paragraph", "• Dále navýšíme rozpočet.\n", 5, `stray "• "`},
		{"link without text", "Viz [](https://x.cz/a).\n", 5, "no text"},
		{"unclosed bracket", "Text.\n\nPodle projektu ((R-38466) z roku 2024.\n", 7, `"(" is never closed`},
		{"bracket closed but never opened", "Podle projektu R-38466) z roku 2024.\n", 5, "never opened"},
		{"unclosed Czech quotation", "Slíbil „nový most.\n", 5, "do not pair up"},
		{"odd straight quotes", "Slíbil \"nový most.\n", 5, "odd number"},
		{"heading with nothing under it", "## A\n\n## B\nText.\n", 5, "nothing under it"},
		{"heading at the end", "## A\nText.\n\n## B\n", 8, "nothing under it"},
		{"a heading with subheadings is fine", "## A\n### A1\nText.\n", 0, ""},
		{"enumerations with a) are fine", "Chceme a) chodníky, b) lavičky a 1) stromy.\n", 0, ""},
		{"links and code are fine", "Viz [plán](https://x.cz/plan_(2024)) a `f(x`.\n", 0, ""},
		{"balanced quotes are fine", "Slíbil „nový most“ a \"lávku\".\n", 0, ""},
		{"brackets in a fenced block are fine", "```\nf((x)\n```\n", 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, ds := ParseChapter("program/doprava.md", []byte(head+tc.body))
			var lints []diag.Diagnostic
			for _, d := range ds {
				if d.Severity == diag.Warning && isLint(d.Message) {
					lints = append(lints, d)
				}
			}
			if tc.line == 0 {
				if len(lints) > 0 {
					t.Errorf("unexpected: %v", lints)
				}
				return
			}
			if len(lints) != 1 || lints[0].Line != tc.line || !strings.Contains(lints[0].Message, tc.has) {
				t.Errorf("got %v, want one warning at line %d holding %q", lints, tc.line, tc.has)
			}
		})
	}
}

func isLint(msg string) bool {
	for _, s := range []string{"stray", "no text", "never closed", "never opened", "do not pair", "odd number", "nothing under it", "typo"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

func TestLintUID(t *testing.T) {
	for _, tc := range []struct {
		file, uid string
		warn      bool
	}{
		{"doprava-a-infrastruktura.md", "doprava-a-insfrastruktura", true},
		{"doprava-a-infrastruktura.md", "doprava-a-infrastruktura", false},
		{"doprava-en.md", "transport", false},     // a different name on purpose
		{"strategie.md", "strategie-2036", false}, // more than a slip
	} {
		_, ds := ParseChapter("program/"+tc.file, []byte("---\ntitle: T\nuid: "+tc.uid+"\n---\nText.\n"))
		got := false
		for _, d := range ds {
			if strings.Contains(d.Message, "typo") && d.Line == 3 {
				got = true
			}
		}
		if got != tc.warn {
			t.Errorf("%s with uid %s: warning %v, want %v (%v)", tc.file, tc.uid, got, tc.warn, ds)
		}
	}
}

// TestSamplesSlips: the sample chapter with every slip gets each warning at
// its line, and the sample site, written with care, gets none.
func TestSamplesSlips(t *testing.T) {
	progs, dl := Load(Options{FS: samples.Slips, Sources: []string{"."}})
	if len(progs) != 1 || len(progs[0].Chapters) != 1 {
		t.Fatalf("the slips chapter is not read: %v", dl.Items())
	}
	want := map[int]string{3: "typo", 11: "stray", 16: "no address", 17: "no text", 19: "never closed", 21: "do not pair", 23: "nothing under it"}
	for line, has := range want {
		ok := false
		for _, d := range dl.Items() {
			if d.File == "doprava-a-infrastruktura.md" && d.Line == line && d.Severity == diag.Warning && strings.Contains(d.Message, has) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("no warning at line %d holding %q:\n%s", line, has, listDiags(dl.Items()))
		}
	}
	_, site := Load(Options{FS: samples.FS, Sources: []string{"."}})
	for _, d := range site.Items() {
		if isLint(d.Message) {
			t.Errorf("a lint on the sample site: %s", d)
		}
	}
}
