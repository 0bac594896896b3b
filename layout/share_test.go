package layout_test

import (
	"strings"
	"testing"

	"leafpress/layout"
	"leafpress/templates"
)

// TestShare lays out every sample chapter's share picture and each
// programme's: one page of the template's size, the picture's frame at
// full height, the title and the web address inside the page.
func TestShare(t *testing.T) {
	tp, err := templates.Share()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range samplePrograms(t) {
		d, err := layout.Share(p, nil, tp)
		if err != nil {
			t.Fatalf("%s: %v", p.UID, err)
		}
		check(t, p.UID, d, p.Title, p.URL)
		for _, c := range p.Chapters {
			d, err := layout.Share(p, c, tp)
			if err != nil {
				t.Fatalf("%s: %v", c.Source, err)
			}
			check(t, c.Source, d, c.Title, c.URL)
		}
	}
}

func check(t *testing.T, what string, d *layout.Document, title, url string) {
	t.Helper()
	if len(d.Pages) != 1 {
		t.Fatalf("%s: %d pages, want 1", what, len(d.Pages))
	}
	pg := d.Pages[0]
	var text strings.Builder
	pictures := 0
	for _, b := range pg.Boxes {
		r := b.Bounds()
		if r.X < -0.01 || r.Y < -0.01 || r.X+r.W > pg.Width+0.01 || r.Y+r.H > pg.Height+0.01 {
			t.Errorf("%s: a %T at %+v leaves the %g × %g pt picture", what, b, r, pg.Width, pg.Height)
		}
		switch b := b.(type) {
		case *layout.TextRun:
			text.WriteString(b.Text + " ")
		case *layout.ImageBox:
			pictures++
			if b.H < pg.Height-0.01 {
				t.Errorf("%s: the picture is %g pt high, want the full %g", what, b.H, pg.Height)
			}
		}
	}
	got := strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(text.String(), "\u00a0", " ")), " "))
	for _, w := range strings.Fields(strings.ToUpper(strings.ReplaceAll(title, "\u00a0", " "))) {
		if !strings.Contains(got, w) {
			t.Errorf("%s: title word %q missing from %q", what, w, got)
		}
	}
	if url != "" && !strings.Contains(strings.ReplaceAll(got, " ", ""), strings.ToUpper(strings.TrimPrefix(strings.TrimPrefix(url, "https://"), "http://"))[:10]) {
		t.Errorf("%s: web address %s missing from %q", what, url, got)
	}
	if pictures != 1 {
		t.Errorf("%s: %d pictures, want 1 (or its placeholder)", what, pictures)
	}
}
