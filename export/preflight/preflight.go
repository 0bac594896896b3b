// Package preflight checks a written PDF the way a print shop does before
// printing: trim size, bleed, page boxes, page count for saddle stitching,
// fonts, pictures (resolution, colour, transparency), missing pictures and
// text cut off at the page edge. Each check passes, warns or fails; the
// result is written as preflight.json and summarised for people.
package preflight

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"

	"leafpress/export/doc"
	"leafpress/export/pdf"
)

// Status is the outcome of one check, or of all of them.
type Status string

// Outcomes, from best to worst.
const (
	Pass Status = "pass"
	Warn Status = "warn"
	Fail Status = "fail"
)

// Worse returns the worse of two outcomes.
func Worse(a, b Status) Status {
	rank := map[Status]int{Pass: 0, Warn: 1, Fail: 2}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// Item is one check and what it found.
type Item struct {
	Name   string `json:"name"`
	Status Status `json:"status"`
	Detail string `json:"detail"`
	// Items lists the fonts, pictures or pages concerned.
	Items []string `json:"items,omitempty"`
}

// Result is the outcome of a preflight.
type Result struct {
	// File names the checked PDF, when the caller sets it.
	File   string `json:"file,omitempty"`
	Print  bool   `json:"print"`
	Status Status `json:"status"`
	// Trim size and bleed of the first page, mm; Pages the page count.
	TrimWidth  float64 `json:"trimWidthMM"`
	TrimHeight float64 `json:"trimHeightMM"`
	Bleed      float64 `json:"bleedMM"`
	Pages      int     `json:"pages"`
	Checks     []Item  `json:"checks"`
	// Fonts and Pictures are as the PDF writer reported them.
	Fonts    []pdf.FontInfo    `json:"fonts"`
	Pictures []pdf.PictureInfo `json:"pictures"`
	// Problems are the writer's warnings, formatted.
	Problems []string `json:"problems,omitempty"`
}

// Add appends a check made outside the PDF (such as [Imprint]) and
// updates the overall status.
func (r *Result) Add(it Item) {
	r.Checks = append(r.Checks, it)
	r.Status = Worse(r.Status, it.Status)
}

// Imprint checks the legal imprint Czech election law requires on every
// campaign material: who commissioned it (zadavatel) and who produced it
// (zpracovatel). im is the programme's imprint; printed says whether the
// template prints it on this file. Without both names the check fails
// and says how to add them.
func Imprint(im *doc.Imprint, printed bool) Item {
	it := Item{Name: "imprint", Status: Pass}
	switch {
	case !im.Complete():
		it.Status = Fail
		missing := []string{}
		if im == nil || strings.TrimSpace(im.CommissionedBy) == "" {
			missing = append(missing, "who commissioned it (zadavatel)")
		}
		if im == nil || strings.TrimSpace(im.ProducedBy) == "" {
			missing = append(missing, "who produced it (zpracovatel)")
		}
		it.Detail = "the material does not say " + strings.Join(missing, " and ") +
			", which the election law requires on every campaign print; add to _data/leafpress.yml in the site's root the lines " +
			"\"imprint:\", \"  commissioned_by: <name, IČ>\", \"  produced_by: <name>\" (and optionally \"  printed_by:\"), " +
			"or give --commissioned-by and --produced-by"
	case !printed:
		it.Status = Fail
		it.Detail = "the imprint is known but this template does not print it; set web.chapters (leaflets) or web.back_cover (booklets) in the template"
	default:
		it.Detail = "commissioned by " + im.CommissionedBy + "; produced by " + im.ProducedBy
		if im.PrintedBy != "" {
			it.Detail += "; printed by " + im.PrintedBy
		}
	}
	return it
}

// Failed reports whether any check failed.
func (r *Result) Failed() bool { return r.Status == Fail }

// JSON returns the result as indented JSON (preflight.json).
func (r *Result) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// Summary returns a short report for people: one line per check, with
// the pictures, fonts or pages concerned under warnings and failures.
func (r *Result) Summary() string { return r.summary(true) }

// Brief is Summary without the checks that passed.
func (r *Result) Brief() string { return r.summary(false) }

func (r *Result) summary(passed bool) string {
	var b strings.Builder
	kind := "screen PDF"
	if r.Print {
		kind = "print PDF"
	}
	name := r.File
	if name == "" {
		name = kind
	} else {
		name += " (" + kind + ")"
	}
	fmt.Fprintf(&b, "preflight %s: %s\n", name, strings.ToUpper(string(r.Status)))
	for _, c := range r.Checks {
		if c.Status == Pass && !passed {
			continue
		}
		fmt.Fprintf(&b, "  %-4s  %-16s %s\n", strings.ToUpper(string(c.Status)), c.Name, c.Detail)
		if c.Status == Pass {
			continue
		}
		for i, it := range c.Items {
			if i == 10 {
				fmt.Fprintf(&b, "          … and %d more\n", len(c.Items)-10)
				break
			}
			fmt.Fprintf(&b, "          - %s\n", it)
		}
	}
	return b.String()
}

// Print resolution limits, pixels per inch at the placed size.
const (
	GoodPPI = 300 // what print asks for
	WarnPPI = 200 // below this, a warning
	FailPPI = 100 // below this, the check fails
)

// Check runs every check on what the PDF writer reported.
func Check(rep *pdf.Report) *Result {
	r := &Result{Print: rep.Print, Status: Pass, Pages: len(rep.Pages), Fonts: rep.Fonts, Pictures: rep.Pictures}
	if len(rep.Pages) > 0 {
		p := rep.Pages[0]
		r.TrimWidth, r.TrimHeight, r.Bleed = round1(p.TrimWidth/pdf.MM), round1(p.TrimHeight/pdf.MM), round1(p.Bleed/pdf.MM)
	}
	for _, p := range rep.Problems {
		r.Problems = append(r.Problems, p.String())
	}
	add := func(it Item) {
		r.Checks = append(r.Checks, it)
		r.Status = Worse(r.Status, it.Status)
	}
	add(trimSize(rep))
	if rep.Print {
		add(bleed(rep))
		add(pageBoxes(rep))
	}
	add(pageCount(rep))
	add(fontsCheck(rep))
	add(resolution(rep))
	add(pictureColour(rep))
	add(missingPictures(rep))
	add(overflows(rep))
	if rep.Print {
		add(colour(rep))
		add(pdfx(rep))
	}
	return r
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// paperName names common finished sizes.
func paperName(w, h float64) string {
	sizes := []struct {
		name string
		w, h float64
	}{{"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"A6", 105, 148}, {"DL", 99, 210}}
	for _, s := range sizes {
		if math.Abs(w-s.w) < 0.5 && math.Abs(h-s.h) < 0.5 {
			return s.name + " portrait, "
		}
		if math.Abs(w-s.h) < 0.5 && math.Abs(h-s.w) < 0.5 {
			return s.name + " landscape, "
		}
	}
	return ""
}

func trimSize(rep *pdf.Report) Item {
	it := Item{Name: "trim size", Status: Pass}
	if len(rep.Pages) == 0 {
		return Item{Name: "trim size", Status: Fail, Detail: "the PDF has no pages"}
	}
	first := rep.Pages[0]
	sizes := map[string][]int{}
	var order []string
	for _, p := range rep.Pages {
		k := fmt.Sprintf("%.1f × %.1f mm", p.TrimWidth/pdf.MM, p.TrimHeight/pdf.MM)
		if sizes[k] == nil {
			order = append(order, k)
		}
		sizes[k] = append(sizes[k], p.Number)
	}
	w, h := first.TrimWidth/pdf.MM, first.TrimHeight/pdf.MM
	it.Detail = fmt.Sprintf("%s%.1f × %.1f mm (%.2f × %.2f pt) on every page", paperName(w, h), w, h, first.TrimWidth, first.TrimHeight)
	if len(order) > 1 {
		it.Status = Fail
		it.Detail = fmt.Sprintf("pages differ in size: %d sizes; a printed booklet needs one size, check the template", len(order))
		for _, k := range order {
			it.Items = append(it.Items, fmt.Sprintf("%s: pages %s", k, pageList(sizes[k])))
		}
	}
	return it
}

func bleed(rep *pdf.Report) Item {
	it := Item{Name: "bleed", Status: Pass}
	least := math.Inf(1)
	for _, p := range rep.Pages {
		least = math.Min(least, p.Bleed)
	}
	mm := least / pdf.MM
	switch {
	case least <= 0:
		it.Status, it.Detail = Fail, "no bleed: colour running to the edge will show white slivers after trimming; set the template's bleed to 3 mm"
	case mm < 2.95:
		it.Status, it.Detail = Warn, fmt.Sprintf("%.1f mm on every side; print shops ask for 3 mm: set the template's bleed to 3 mm", mm)
	default:
		it.Detail = fmt.Sprintf("%.1f mm on every side", mm)
	}
	return it
}

func pageBoxes(rep *pdf.Report) Item {
	it := Item{Name: "page boxes", Status: Pass, Detail: "TrimBox, BleedBox and MediaBox set on every page, marks outside the bleed"}
	for _, p := range rep.Pages {
		switch {
		case p.TrimBox == nil || p.BleedBox == nil:
			it.Items = append(it.Items, fmt.Sprintf("page %d: no TrimBox or BleedBox", p.Number))
		case p.BleedBox.X0 > p.TrimBox.X0 || p.BleedBox.Y0 > p.TrimBox.Y0 || p.BleedBox.X1 < p.TrimBox.X1 || p.BleedBox.Y1 < p.TrimBox.Y1:
			it.Items = append(it.Items, fmt.Sprintf("page %d: BleedBox %s does not contain TrimBox %s", p.Number, p.BleedBox, p.TrimBox))
		case p.MediaBox.X0 > p.BleedBox.X0 || p.MediaBox.Y0 > p.BleedBox.Y0 || p.MediaBox.X1 < p.BleedBox.X1 || p.MediaBox.Y1 < p.BleedBox.Y1:
			it.Items = append(it.Items, fmt.Sprintf("page %d: MediaBox %s does not contain BleedBox %s", p.Number, p.MediaBox, p.BleedBox))
		case math.Abs(p.TrimBox.Width()-p.TrimWidth) > 0.02 || math.Abs(p.TrimBox.Height()-p.TrimHeight) > 0.02:
			it.Items = append(it.Items, fmt.Sprintf("page %d: TrimBox %s is not the finished size", p.Number, p.TrimBox))
		}
	}
	if len(it.Items) > 0 {
		it.Status, it.Detail = Fail, fmt.Sprintf("%d pages with wrong boxes", len(it.Items))
	}
	return it
}

func pageCount(rep *pdf.Report) Item {
	n := len(rep.Pages)
	it := Item{Name: "page count", Status: Pass}
	switch {
	case n%4 == 0:
		it.Detail = fmt.Sprintf("%d pages: suits saddle stitching (%d sheets)", n, n/4)
	case n <= 2:
		it.Detail = fmt.Sprintf("%d page(s): a single sheet, no binding", n)
	default:
		m := (n + 3) / 4 * 4
		it.Status = Warn
		it.Detail = fmt.Sprintf("%d pages: not a multiple of 4; a saddle-stitched booklet needs %d (add %d pages or shorten the programme)", n, m, m-n)
	}
	return it
}

func fontsCheck(rep *pdf.Report) Item {
	it := Item{Name: "fonts", Status: Pass}
	var bad, missing []string
	for _, f := range rep.Fonts {
		line := fmt.Sprintf("%s (%s): embedded %s, subset %s, %d characters", f.Face, f.PDFName, yes(f.Embedded), yes(f.Subset), f.Glyphs)
		it.Items = append(it.Items, line)
		if !f.Embedded || !f.Subset {
			bad = append(bad, f.Face)
		}
		if f.Missing != "" {
			missing = append(missing, fmt.Sprintf("%s lacks %q", f.Face, f.Missing))
		}
	}
	switch {
	case len(bad) > 0:
		it.Status, it.Detail = Fail, "not embedded as subsets: "+strings.Join(bad, ", ")
	case len(missing) > 0:
		it.Status, it.Detail = Warn, "characters without a glyph print as empty boxes: "+strings.Join(missing, "; ")
	default:
		it.Detail = plural(len(rep.Fonts), "font", "fonts") + ", all embedded and subset"
	}
	return it
}

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func pictureLine(p pdf.PictureInfo) string {
	name := p.Src
	if name == "" {
		name = "(frame without picture)"
	}
	if p.Missing != "" {
		return fmt.Sprintf("page %d: %s: %s", p.Page, name, p.Missing)
	}
	return fmt.Sprintf("page %d: %s: %.0f ppi effective (%d×%d px used in %.0f×%.0f mm), stored %d×%d px %s %s",
		p.Page, name, p.EffectivePPI, p.CropWidth, p.CropHeight, p.Frame.W/pdf.MM, p.Frame.H/pdf.MM, p.Width, p.Height, p.ColourSpace, p.Encoding)
}

func resolution(rep *pdf.Report) Item {
	it := Item{Name: "picture dpi", Status: Pass}
	var placed []pdf.PictureInfo
	for _, p := range rep.Pictures {
		if p.Missing == "" {
			placed = append(placed, p)
		}
	}
	if len(placed) == 0 {
		it.Detail = "no pictures"
		return it
	}
	sort.SliceStable(placed, func(i, j int) bool { return placed[i].EffectivePPI < placed[j].EffectivePPI })
	low := placed[0].EffectivePPI
	var warn int
	for _, p := range placed {
		it.Items = append(it.Items, pictureLine(p))
		if p.EffectivePPI < WarnPPI {
			warn++
		}
	}
	if !rep.Print {
		it.Detail = fmt.Sprintf("%d pictures, lowest %.0f ppi (screen PDF: not checked for print)", len(placed), low)
		return it
	}
	switch {
	case low < FailPPI:
		it.Status = Fail
		it.Detail = fmt.Sprintf("%d of %d pictures under %d ppi, lowest %.0f ppi: they will print blurred; use larger files or place them smaller", warn, len(placed), WarnPPI, low)
	case warn > 0:
		it.Status = Warn
		it.Detail = fmt.Sprintf("%d of %d pictures under %d ppi, lowest %.0f ppi; print asks for %d: use larger files or place them smaller", warn, len(placed), WarnPPI, low, GoodPPI)
	default:
		it.Detail = fmt.Sprintf("%d pictures, lowest %.0f ppi effective", len(placed), low)
	}
	return it
}

func pictureColour(rep *pdf.Report) Item {
	it := Item{Name: "picture colour", Status: Pass}
	count := map[string]int{}
	var masks []string
	for _, p := range rep.Pictures {
		if p.Missing != "" {
			continue
		}
		count[p.ColourSpace]++
		if p.SoftMask {
			masks = append(masks, pictureLine(p))
		}
	}
	var parts []string
	for _, cs := range []string{"DeviceRGB", "ICCBased", "DeviceCMYK", "DeviceGray"} {
		if count[cs] > 0 {
			name := strings.TrimPrefix(cs, "Device")
			if cs == "ICCBased" {
				name = "RGB with the sRGB profile"
			}
			parts = append(parts, fmt.Sprintf("%d %s", count[cs], name))
		}
	}
	if len(parts) == 0 {
		it.Detail = "no pictures"
		return it
	}
	it.Detail = strings.Join(parts, ", ")
	if rep.Print {
		if count["DeviceRGB"]+count["ICCBased"] > 0 {
			it.Detail += "; RGB pictures are left for the print shop to convert"
			if rep.OutputIntent != "" {
				it.Detail += " for " + rep.OutputIntent
			}
		}
		if len(masks) > 0 {
			it.Status, it.Items = Fail, masks
			it.Detail += "; transparency (soft masks) in a print PDF"
		} else {
			it.Detail += "; no transparency"
		}
	}
	return it
}

func missingPictures(rep *pdf.Report) Item {
	it := Item{Name: "missing pictures", Status: Pass, Detail: "none"}
	for _, p := range rep.Pictures {
		if p.Missing != "" {
			it.Items = append(it.Items, pictureLine(p))
		}
	}
	if len(it.Items) > 0 {
		it.Status = Warn
		if rep.Print {
			it.Status = Fail
		}
		it.Detail = fmt.Sprintf("%d placeholders printed instead of pictures; fix the paths or files", len(it.Items))
	}
	return it
}

func overflows(rep *pdf.Report) Item {
	it := Item{Name: "page edges", Status: Pass, Detail: "nothing cut off at the page edge"}
	for _, o := range rep.Overflows {
		it.Items = append(it.Items, fmt.Sprintf("page %d: %s runs %.1f pt past the edge", o.Page, o.What, o.By))
	}
	if len(it.Items) > 0 {
		it.Status = Fail
		it.Detail = fmt.Sprintf("%d things run past the page edge and will be cut off; fix the text or the template", len(it.Items))
	}
	return it
}

func colour(rep *pdf.Report) Item {
	it := Item{Name: "colour", Status: Pass, Detail: "text and graphics in DeviceCMYK, crop marks in registration colour"}
	if rep.OutputIntent != "" {
		if rep.OutputProfile != "" {
			it.Detail += "; print condition " + rep.OutputIntent + " with its profile embedded"
		} else {
			it.Detail += "; print condition " + rep.OutputIntent + " named (no ICC profile embedded)"
		}
	}
	if rep.RichBlackText {
		it.Detail += "; rich-black text printed in black ink only"
	}
	if len(rep.ConvertedColours) > 0 {
		it.Status = Warn
		it.Items = append(it.Items, rep.ConvertedColours...)
		it.Detail = fmt.Sprintf("%d template colours had no CMYK values and were converted without a profile; give them CMYK values", len(rep.ConvertedColours))
	}
	return it
}

// plural formats a count with its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// pageList formats page numbers as "1-3, 5".
func pageList(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", ns[i], ns[j]))
		} else {
			parts = append(parts, fmt.Sprint(ns[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
