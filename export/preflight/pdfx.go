package preflight

import (
	"fmt"
	"strings"

	"leafpress/export/pdf"
)

// pdfx checks the rules of PDF/X-4 (ISO 15930-7) that the print PDF's
// report shows: the file declares PDF/X-4 (/GTS_PDFXVersion and the XMP's
// pdfxid), its output intent embeds a CMYK output profile (class 'prtr'),
// it has no annotations, every font is embedded, every page has a
// TrimBox inside a BleedBox inside the MediaBox, no picture is in plain
// DeviceRGB (RGB needs an ICC profile) and none keeps transparency. The
// check passes only when all of them hold, and says which do not.
func pdfx(rep *pdf.Report) Item {
	it := Item{Name: "PDF/X-4", Status: Pass}
	if rep.PDFX != "PDF/X-4" {
		it.Items = append(it.Items, fmt.Sprintf("the file declares no PDF/X-4 (output condition %q has no embedded profile); use the built-in FOGRA39", rep.OutputIntent))
	}
	if !strings.HasPrefix(rep.OutputProfile, "prtr CMYK") {
		it.Items = append(it.Items, "the output intent embeds no CMYK output profile")
	}
	if rep.Annotations > 0 {
		it.Items = append(it.Items, fmt.Sprintf("%d annotations (links); a print PDF must have none", rep.Annotations))
	}
	for _, f := range rep.Fonts {
		if !f.Embedded {
			it.Items = append(it.Items, fmt.Sprintf("font %s is not embedded", f.Face))
		}
	}
	for _, p := range rep.Pages {
		if p.TrimBox == nil || p.BleedBox == nil {
			it.Items = append(it.Items, fmt.Sprintf("page %d has no TrimBox or BleedBox", p.Number))
		}
	}
	for _, p := range rep.Pictures {
		if p.Missing != "" {
			continue
		}
		if p.ColourSpace == "DeviceRGB" {
			it.Items = append(it.Items, fmt.Sprintf("page %d: %s is DeviceRGB without a profile", p.Page, pictureLabel(p)))
		}
		if p.SoftMask {
			it.Items = append(it.Items, fmt.Sprintf("page %d: %s keeps transparency", p.Page, pictureLabel(p)))
		}
	}
	if len(it.Items) > 0 {
		it.Status = Fail
		it.Detail = fmt.Sprintf("not PDF/X-4 conformant: %d problems", len(it.Items))
		return it
	}
	it.Detail = fmt.Sprintf("PDF/X-4: output intent %s with its CMYK profile embedded (%s), no annotations, every font embedded, page boxes on every page, RGB only with an ICC profile, no transparency", rep.OutputIntent, rep.OutputProfile)
	return it
}

// pictureLabel names a picture in a message.
func pictureLabel(p pdf.PictureInfo) string {
	if p.Src != "" {
		return p.Src
	}
	return "a picture"
}
