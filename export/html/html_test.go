package html

import (
	"bytes"
	"strings"
	"testing"
)

// TestFileMeta checks what a link says about its file, in Czech and in
// English.
func TestFileMeta(t *testing.T) {
	tests := []struct {
		lang string
		f    File
		want string
	}{
		{"cs", File{Kind: Screen, Size: 2_100_000, Pages: 68}, "PDF, 2,1 MB, 68 stran"},
		{"cs", File{Kind: Leaflet, Size: 480_000, Pages: 2}, "PDF, 480 kB, 2 strany"},
		{"cs", File{Kind: Booklet, Size: 1_000_000, Pages: 1}, "PDF, 1,0 MB, 1 strana"},
		{"cs", File{Kind: Word, Size: 85_400}, "Word (DOCX), 85 kB"},
		{"cs", File{Kind: Share, Size: 70_000, Width: 1200, Height: 630}, "PNG, 1200 × 630 px, 70 kB"},
		{"en", File{Kind: Screen, Size: 2_140_000, Pages: 68}, "PDF, 2.1 MB, 68 pages"},
		{"en", File{Kind: Leaflet, Size: 999, Pages: 1}, "PDF, 999 B, 1 page"},
	}
	for _, tt := range tests {
		if got := wordsFor(tt.lang).link(tt.f).Meta; got != tt.want {
			t.Errorf("%s %+v: %q, want %q", tt.lang, tt.f, got, tt.want)
		}
	}
}

// TestWriteProgramme renders a page and checks what a reader relies on:
// the language, the alt text, the links, escaping, no script.
func TestWriteProgramme(t *testing.T) {
	var buf bytes.Buffer
	err := WriteProgramme(&buf, &Programme{Lang: "cs", Title: "Program <pro> Lipovou", Share: "share/program.png",
		Cover: &Picture{Src: "thumbs/program-01.png", Src2x: "thumbs/program-01@2x.png", Width: 240, Height: 340, Alt: "Obálka programu"},
		Files: []File{{Kind: Screen, Href: "program.pdf", Size: 2_100_000, Pages: 20}},
		Chapters: []Chapter{{Title: "Doprava", Garant: "Ing. Petr Holub", URL: "javascript:alert(1)",
			Thumb: &Picture{Src: "thumbs/doprava-1.png", Width: 161, Height: 341, Alt: "Přední strana letáku: Doprava"},
			Files: []File{{Kind: Leaflet, Href: "chapters/doprava.pdf", Size: 400_000, Pages: 2}}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`<html lang="cs">`, `alt="Obálka programu"`, `alt="Přední strana letáku: Doprava"`,
		`href="program.pdf"`, "PDF, 2,1 MB, 20 stran", `href="chapters/doprava.pdf"`, "Program &lt;pro&gt; Lipovou",
		`<meta property="og:image" content="share/program.png">`, "Garant: Ing. Petr Holub", `srcset="thumbs/program-01.png 1x, thumbs/program-01@2x.png 2x"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	for _, bad := range []string{"<script", "javascript:", "http://", "https://"} {
		if strings.Contains(page, bad) {
			t.Errorf("the page holds %q", bad)
		}
	}
}
