package source

import (
	"regexp"
	"strings"
	"testing"

	"leafpress/export/doc"
)

func TestOnlySafeLinksStayLinks(t *testing.T) {
	src := "---\ntitle: Odkazy\nuid: odkazy\nintro: 'Viz <a href=\"javascript:alert(1)\">tady</a> a [web](https://example.org).'\n---\n" +
		"[a](https://pirati.cz) [b](http://x.cz) [c](mailto:a@b.cz) [d](tel:+420123) [e](#cile)\n" + // line 6
		"\n[f](javascript:alert(1)) and **[g](JavaScript:alert(2))**\n" + // line 8
		"\n<a href=\"vbscript:msgbox\">h</a> <a href=\"data:text/html;base64,PHNjcmlwdD4=\">i</a>\n" + // line 10
		"\n- <file:///etc/passwd> and [k](file:///C:/x)\n" + // line 12
		"\n| t |\n|---|\n| [l](ftp://x) |\n" + // line 16
		"\n> [m](relative/page.html) [n]( java\tscript:x)\n" // line 18
	ch, diags := ParseChapter("k.md", []byte(src))
	if ch == nil {
		t.Fatalf("chapter left out: %v", diags)
	}
	var kept []string
	var walk func([]doc.Inline)
	walk = func(ins []doc.Inline) {
		for _, in := range ins {
			if l, ok := in.(*doc.Link); ok {
				kept = append(kept, l.URL)
			}
			walk(doc.Children(in))
		}
	}
	walk(ch.Intro)
	doc.WalkBlocks(ch.Blocks, func(b doc.Block) bool {
		for _, ins := range doc.BlockInlines(b) {
			walk(ins)
		}
		return true
	})
	if got, want := strings.Join(kept, " "), "https://example.org https://pirati.cz http://x.cz mailto:a@b.cz tel:+420123 #cile"; got != want {
		t.Errorf("links kept:\n got %s\nwant %s", got, want)
	}
	// Each refused link is reported once at its line, and its text stays.
	var warned []string
	for _, d := range diags {
		if strings.Contains(d.Message, "printed as plain text") {
			warned = append(warned, d.String())
		}
	}
	for _, want := range []string{`k.md:4: .*"javascript:alert\(1\)"`, `k.md:8:5: .*javascript:alert\(1\)`, `k.md:8:.*JavaScript:alert\(2\)`,
		`k.md:10:.*vbscript:msgbox`, `k.md:10:.*data:text/html`, `k.md:12:.*file:///etc/passwd`, `k.md:12:.*file:///C:/x`,
		`k.md:16:.*ftp://x`, `k.md:18:.*relative/page.html`} {
		re := regexp.MustCompile(want)
		n := 0
		for _, w := range warned {
			if re.MatchString(w) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d warnings match %s, want 1:\n%s", n, want, strings.Join(warned, "\n"))
		}
	}
	text := doc.PlainText(ch.Intro)
	doc.WalkBlocks(ch.Blocks, func(b doc.Block) bool {
		for _, ins := range doc.BlockInlines(b) {
			text += " " + doc.PlainText(ins)
		}
		return true
	})
	for _, w := range []string{"tady", " f ", " g", " h", " i", " l", " m", "[n]"} {
		if !strings.Contains(text+" ", w) {
			t.Errorf("the text %q of a refused link is lost: %q", w, text)
		}
	}
}
