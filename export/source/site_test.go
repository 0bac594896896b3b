package source

import (
	"testing"

	"leafpress/samples"
)

// TestChapterURL checks addresses against Jekyll's rules for collection
// documents: the permalink template, its placeholders and the site's
// permalink style.
func TestChapterURL(t *testing.T) {
	for _, tc := range []struct {
		name, style, collPermalink, fmPermalink, rel, want string
	}{
		{"default template, date style", "date", "", "", "2026/doprava.md", "https://x.cz/base/program/2026/doprava.html"},
		{"default template, pretty style", "pretty", "", "", "2026/doprava.md", "https://x.cz/base/program/2026/doprava/"},
		{"custom style ending in a slash", "/:categories/:title/", "", "", "doprava.md", "https://x.cz/base/program/doprava/"},
		{"collection permalink with :path", "date", "/:collection/:path/", "", "2026/doprava.md", "https://x.cz/base/program/2026/doprava/"},
		{":name is the slug of the file name", "date", "/volby/:name:output_ext", "", "2026/Doprava a MHD.md", "https://x.cz/base/volby/doprava-a-mhd.html"},
		{":title keeps case", "date", "/:title/", "", "Doprava_MHD.md", "https://x.cz/base/Doprava_MHD/"},
		{"non-ASCII is percent-encoded", "date", "/:collection/:path/", "", "životní prostředí.md", "https://x.cz/base/program/%C5%BEivotn%C3%AD%20prost%C5%99ed%C3%AD/"},
		{"front matter permalink wins", "date", "/:collection/:path/", "/doprava/", "2026/doprava.md", "https://x.cz/base/doprava/"},
		{"front matter permalink with placeholders", "date", "", "/p/:name/", "2026/doprava.md", "https://x.cz/base/p/doprava/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &site{url: joinBase("https://x.cz/", "/base/"), style: tc.style, collections: map[string]collection{"program": {permalink: tc.collPermalink, output: true}}}
			if got := s.chapterURL("program", tc.rel, tc.fmPermalink); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// TestPageURL checks the addresses of pages outside the collections.
func TestPageURL(t *testing.T) {
	for _, tc := range []struct{ style, rel, permalink, want string }{
		{"date", "volby/2022-komunalni.md", "", "https://x.cz/volby/2022-komunalni.html"},
		{"pretty", "volby/2022-komunalni.md", "", "https://x.cz/volby/2022-komunalni/"},
		{"date", "volby/index.md", "", "https://x.cz/volby/"},
		{"date", "index.html", "", "https://x.cz/"},
		{"date", "volby/2022.md", "/program-2022/", "https://x.cz/program-2022/"},
	} {
		s := &site{url: "https://x.cz", style: tc.style}
		if got := s.pageURL(tc.rel, tc.permalink); got != tc.want {
			t.Errorf("%s %s: got %s, want %s", tc.style, tc.rel, got, tc.want)
		}
	}
}

// TestSampleSiteFacts reads the sample site: every chapter's address is
// the one Jekyll gives it from _config.yml (url, baseurl and the program
// collection's permalink /:collection/:path/, :path being the file's path
// inside _program, not its uid), and the organisation and imprint are
// read.
func TestSampleSiteFacts(t *testing.T) {
	progs, dl := Load(Options{FS: samples.FS, Sources: []string{"."}})
	if dl.HasErrors() {
		t.Fatalf("errors: %v", dl.Items())
	}
	want := map[string]string{
		"_program/2026-lipova/doprava.md":    "https://lipova-sobe.cz/web/program/2026-lipova/doprava/",
		"_program/2026-lipova/doprava-en.md": "https://lipova-sobe.cz/web/program/2026-lipova/doprava-en/", // uid "transport"
		"_program/2026-lipova/strategie.md":  "https://lipova-sobe.cz/web/program/2026-lipova/strategie/",  // uid "strategie-2036"
	}
	n := 0
	for _, p := range progs {
		if p.Organisation == nil || p.Organisation.Name != "Lipová sobě, z. s." || p.Organisation.Email != "info@lipova-sobe.cz" {
			t.Errorf("%s: organisation %+v", p.UID, p.Organisation)
		}
		if !p.Imprint.Complete() || p.Author() != "Lipová sobě, z. s., IČ 00000000" {
			t.Errorf("%s: imprint %+v, author %q", p.UID, p.Imprint, p.Author())
		}
		for _, c := range p.Chapters {
			if c.Language == "" {
				t.Errorf("%s: no language", c.Source)
			}
			if w, ok := want[c.Source]; ok {
				n++
				if c.URL != w {
					t.Errorf("%s: url %s, want %s", c.Source, c.URL, w)
				}
			}
		}
	}
	if n != len(want) {
		t.Errorf("checked %d chapters, want %d", n, len(want))
	}
}
