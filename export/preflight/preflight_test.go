package preflight

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"leafpress/export/pdf"
	"leafpress/fonts"
	"leafpress/layout"
)

const (
	a5W = 148 * pdf.MM
	a5H = 210 * pdf.MM
)

// printReport returns the report of a good n-page A5 print PDF.
func printReport(n int) *pdf.Report {
	r := &pdf.Report{Print: true, PictureColour: "RGB", OutputIntent: "FOGRA39", PDFX: "PDF/X-4", OutputProfile: "prtr CMYK, 120400 bytes"}
	m, b := 3*pdf.MM+12*pdf.MM, 3*pdf.MM
	for i := 1; i <= n; i++ {
		trim := pdf.Box{X0: m, Y0: m, X1: m + a5W, Y1: m + a5H}
		bleed := pdf.Box{X0: m - b, Y0: m - b, X1: m + a5W + b, Y1: m + a5H + b}
		r.Pages = append(r.Pages, pdf.PageInfo{Number: i, Pages: []int{i}, TrimWidth: a5W, TrimHeight: a5H, Bleed: b,
			MediaBox: pdf.Box{X1: a5W + 2*m, Y1: a5H + 2*m}, TrimBox: &trim, BleedBox: &bleed})
	}
	r.Fonts = []pdf.FontInfo{{Face: "Roboto-Regular", PDFName: "ABCDEF+Roboto-Regular", Embedded: true, Subset: true, Glyphs: 60}}
	r.Pictures = []pdf.PictureInfo{{Page: 1, Src: "foto.jpg", EffectivePPI: 312, CropWidth: 1000, CropHeight: 700,
		Frame: layout.Rect{W: 230, H: 161}, Width: 958, Height: 671, ColourSpace: "ICCBased", Encoding: "JPEG"}}
	return r
}

func status(r *Result, name string) Status {
	for _, c := range r.Checks {
		if c.Name == name {
			return c.Status
		}
	}
	return "absent"
}

func TestChecks(t *testing.T) {
	tests := []struct {
		name   string
		change func(r *pdf.Report)
		check  string
		want   Status
		total  Status
	}{
		{"good booklet", func(r *pdf.Report) {}, "page count", Pass, Pass},
		{"6 pages", func(r *pdf.Report) { r.Pages = r.Pages[:6] }, "page count", Warn, Warn},
		{"PDF/X-4", func(r *pdf.Report) {}, "PDF/X-4", Pass, Pass},
		{"no PDF/X", func(r *pdf.Report) { r.PDFX, r.OutputProfile = "", "" }, "PDF/X-4", Fail, Fail},
		{"RGB output profile", func(r *pdf.Report) { r.OutputProfile = "mntr RGB, 3144 bytes" }, "PDF/X-4", Fail, Fail},
		{"links in print", func(r *pdf.Report) { r.Annotations = 3 }, "PDF/X-4", Fail, Fail},
		{"font not embedded", func(r *pdf.Report) { r.Fonts[0].Embedded = false }, "PDF/X-4", Fail, Fail},
		{"RGB picture without profile", func(r *pdf.Report) { r.Pictures[0].ColourSpace = "DeviceRGB" }, "PDF/X-4", Fail, Fail},
		{"transparent picture", func(r *pdf.Report) { r.Pictures[0].SoftMask = true }, "PDF/X-4", Fail, Fail},
		{"single leaflet", func(r *pdf.Report) { r.Pages = r.Pages[:2] }, "page count", Pass, Pass},
		{"no bleed", func(r *pdf.Report) {
			for i := range r.Pages {
				r.Pages[i].Bleed = 0
			}
		}, "bleed", Fail, Fail},
		{"thin bleed", func(r *pdf.Report) {
			for i := range r.Pages {
				r.Pages[i].Bleed = 2 * pdf.MM
			}
		}, "bleed", Warn, Warn},
		{"no trim box", func(r *pdf.Report) { r.Pages[3].TrimBox = nil }, "page boxes", Fail, Fail},
		{"mixed sizes", func(r *pdf.Report) { r.Pages[2].TrimWidth = 210 * pdf.MM }, "trim size", Fail, Fail},
		{"font not subset", func(r *pdf.Report) { r.Fonts[0].Subset = false }, "fonts", Fail, Fail},
		{"missing glyph", func(r *pdf.Report) { r.Fonts[0].Missing = "✓" }, "fonts", Warn, Warn},
		{"250 ppi", func(r *pdf.Report) { r.Pictures[0].EffectivePPI = 250 }, "picture dpi", Pass, Pass},
		{"150 ppi", func(r *pdf.Report) { r.Pictures[0].EffectivePPI = 150 }, "picture dpi", Warn, Warn},
		{"72 ppi", func(r *pdf.Report) { r.Pictures[0].EffectivePPI = 72 }, "picture dpi", Fail, Fail},
		{"72 ppi on screen", func(r *pdf.Report) { r.Print = false; r.Pictures[0].EffectivePPI = 72 }, "picture dpi", Pass, Pass},
		{"soft mask in print", func(r *pdf.Report) { r.Pictures[0].SoftMask = true }, "picture colour", Fail, Fail},
		{"missing picture", func(r *pdf.Report) {
			r.Pictures = append(r.Pictures, pdf.PictureInfo{Page: 2, Src: "chybi.jpg", Missing: "the file was not found"})
		}, "missing pictures", Fail, Fail},
		{"missing picture on screen", func(r *pdf.Report) {
			r.Print = false
			r.Pictures = append(r.Pictures, pdf.PictureInfo{Page: 2, Src: "chybi.jpg", Missing: "the file was not found"})
		}, "missing pictures", Warn, Warn},
		{"overflow", func(r *pdf.Report) {
			r.Overflows = []pdf.Overflow{{Page: 5, What: `text "Praha"`, By: 12}}
		}, "page edges", Fail, Fail},
		{"colour without CMYK", func(r *pdf.Report) { r.ConvertedColours = []string{"#ff0000"} }, "colour", Warn, Warn},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			rep := printReport(8)
			tc.change(rep)
			res := Check(rep)
			if got := status(res, tc.check); got != tc.want {
				t.Errorf("check %q: %s, want %s\n%s", tc.check, got, tc.want, res.Summary())
			}
			if res.Status != tc.total || res.Failed() != (tc.total == Fail) {
				t.Errorf("overall %s (failed %v), want %s\n%s", res.Status, res.Failed(), tc.total, res.Summary())
			}
		})
	}
}

func TestJSON(t *testing.T) {
	rep := printReport(6)
	res := Check(rep)
	res.File = "program-print.pdf"
	b, err := res.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		File   string
		Status string
		Pages  int
		Trim   float64 `json:"trimWidthMM"`
		Checks []struct{ Name, Status, Detail string }
	}
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if v.File != "program-print.pdf" || v.Status != "warn" || v.Pages != 6 || v.Trim != 148 || len(v.Checks) != 11 {
		t.Errorf("preflight.json: %s", b)
	}
}

// TestWrittenPDF runs the checks on a real print PDF: an A5 page with a
// missing picture and a line of text past the edge.
func TestWrittenPDF(t *testing.T) {
	f := fonts.MustLoad(fonts.Regular)
	d := &layout.Document{Title: "Test", Pages: []*layout.Page{{Number: 1, Width: a5W, Height: a5H, Bleed: 3 * pdf.MM, Boxes: []layout.Box{
		&layout.TextRun{X: a5W - 30, Y: 100, Face: fonts.Regular, Size: 12, Text: "přetéká", Width: f.Advance("přetéká", 12), Colour: layout.Colour{K: 100}},
		&layout.ImageBox{Rect: layout.Rect{X: 20, Y: 200, W: 100, H: 80}},
	}}}}
	var buf bytes.Buffer
	rep, err := pdf.Write(&buf, d, pdf.Options{Print: true, Date: time.Unix(0, 0)})
	if err != nil {
		t.Fatal(err)
	}
	res := Check(rep)
	if !res.Failed() || status(res, "page edges") != Fail || status(res, "missing pictures") != Fail ||
		status(res, "fonts") != Pass || status(res, "page boxes") != Pass || status(res, "bleed") != Pass {
		t.Errorf("unexpected result:\n%s", res.Summary())
	}
	if s := res.Summary(); !strings.Contains(s, `page 1: text "přetéká" runs`) {
		t.Errorf("summary does not name the cut-off text:\n%s", s)
	}
}

func ExampleCheck() {
	rep := printReport(6)
	rep.Pictures[0].EffectivePPI = 150
	res := Check(rep)
	res.File = "program-print.pdf"
	fmt.Print(res.Summary())
	// Output:
	// preflight program-print.pdf (print PDF): WARN
	//   PASS  trim size        A5 portrait, 148.0 × 210.0 mm (419.53 × 595.28 pt) on every page
	//   PASS  bleed            3.0 mm on every side
	//   PASS  page boxes       TrimBox, BleedBox and MediaBox set on every page, marks outside the bleed
	//   WARN  page count       6 pages: not a multiple of 4; a saddle-stitched booklet needs 8 (add 2 pages or shorten the programme)
	//   PASS  fonts            1 font, all embedded and subset
	//   WARN  picture dpi      1 of 1 pictures under 200 ppi, lowest 150 ppi; print asks for 300: use larger files or place them smaller
	//           - page 1: foto.jpg: 150 ppi effective (1000×700 px used in 81×57 mm), stored 958×671 px ICCBased JPEG
	//   PASS  picture colour   1 RGB with the sRGB profile; RGB pictures are left for the print shop to convert for FOGRA39; no transparency
	//   PASS  missing pictures none
	//   PASS  page edges       nothing cut off at the page edge
	//   PASS  colour           text and graphics in DeviceCMYK, crop marks in registration colour; print condition FOGRA39 with its profile embedded
	//   PASS  PDF/X-4          PDF/X-4: output intent FOGRA39 with its CMYK profile embedded (prtr CMYK, 120400 bytes), no annotations, every font embedded, page boxes on every page, RGB only with an ICC profile, no transparency
}
