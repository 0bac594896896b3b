package templates

import "testing"

// TestShare reads the share pictures' template: 1200 × 630 px at 96 dpi,
// and it is not offered as a page template.
func TestShare(t *testing.T) {
	s, err := Share()
	if err != nil {
		t.Fatal(err)
	}
	if px := func(mm float64) float64 { return mm / 25.4 * 96 }; int(px(s.Page.Width)+0.5) != 1200 || int(px(s.Page.Height)+0.5) != 630 {
		t.Errorf("share page is %g × %g mm, want 1200 × 630 px at 96 dpi", s.Page.Width, s.Page.Height)
	}
	for _, n := range Names() {
		if n == "share" {
			t.Error("the share template is listed among the page templates")
		}
	}
}
