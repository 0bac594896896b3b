package pdf

import (
	"bytes"
	"compress/zlib"
	"encoding/xml"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// outputConditions describes the print conditions leafpress can name.
var outputConditions = map[string]string{
	"FOGRA39": "Coated FOGRA39 (ISO 12647-2:2004)",
	"FOGRA51": "PSO Coated v3 (ISO 12647-2:2013)",
	"FOGRA52": "PSO Uncoated v3 (ISO 12647-2:2013)",
	"FOGRA29": "Uncoated FOGRA29 (ISO 12647-2:2004)",
}

var contentsRe = regexp.MustCompile(`/Contents (\d+) 0 R`)

// compressContents compresses the content streams of the given pages
// with Flate.
func compressContents(pf *file, pages []int) error {
	var buf bytes.Buffer
	zw := zlib.NewWriter(&buf)
	for _, n := range pages {
		m := contentsRe.FindSubmatch(pf.objs[n][:pf.dictEnd(n)])
		if m == nil {
			return fmt.Errorf("page object %d has no contents", n)
		}
		c, _ := strconv.Atoi(string(m[1]))
		obj := pf.objs[c]
		end := pf.dictEnd(c)
		lm := lengthRe.FindSubmatch(obj[:end])
		if lm == nil || bytes.Contains(obj[:end], []byte("/Filter")) {
			return fmt.Errorf("content stream %d is not a plain stream", c)
		}
		length, _ := strconv.Atoi(string(lm[1]))
		start := end + len("\nstream\n")
		if start+length > len(obj) {
			return fmt.Errorf("content stream %d is shorter than its /Length", c)
		}
		buf.Reset()
		zw.Reset(&buf)
		zw.Write(obj[start : start+length])
		zw.Close()
		pf.set(c, fmt.Sprintf("<</Filter /FlateDecode /Length %d>>", buf.Len()), bytes.Clone(buf.Bytes()))
	}
	return nil
}

var lengthRe = regexp.MustCompile(`/Length (\d+)`)

// finish adds to fpdf's output what fpdf cannot write itself.
func (wr *writer) finish(pf *file) error {
	// Subset tags: fpdf names an embedded face "utf8<family>"; viewers and
	// preflight tools recognise a subset by a tag of capitals and "+".
	for _, face := range wr.faces.names {
		old := "/" + fpdfName(face) + "\n"
		for _, n := range pf.find(old) {
			pf.replaceDict(n, old, "/"+wr.faces.pdfName(face)+"\n")
		}
	}
	wr.faces.report(wr.rep)

	// Page boxes, in a fixed order (fpdf writes its page boxes from a map,
	// in random order).
	pages := pf.find("<</Type /Page\n")
	if len(pages) != len(wr.rep.Pages) {
		return fmt.Errorf("found %d page objects for %d pages", len(pages), len(wr.rep.Pages))
	}
	for i, n := range pages {
		info := wr.rep.Pages[i]
		var boxes strings.Builder
		if !strings.Contains(string(pf.objs[n][:pf.dictEnd(n)]), "/MediaBox") {
			fmt.Fprintf(&boxes, "/MediaBox %s\n", info.MediaBox)
		}
		if info.BleedBox != nil {
			fmt.Fprintf(&boxes, "/BleedBox %s\n", *info.BleedBox)
		}
		if info.TrimBox != nil {
			fmt.Fprintf(&boxes, "/TrimBox %s\n", *info.TrimBox)
		}
		if !pf.insertAfter(n, "/Parent 1 0 R\n", boxes.String()) {
			return fmt.Errorf("page object %d has no /Parent", n)
		}
	}
	if !wr.opt.Uncompressed {
		if err := compressContents(pf, pages); err != nil {
			return err
		}
	}

	// Pictures.
	if res := wr.pics.objects(pf); res != "" {
		if !pf.insertAfter(2, "/XObject <<\n", res) {
			return fmt.Errorf("the resource dictionary has no /XObject entry")
		}
	}

	// Info: trapping, and dates in UTC.
	stamp := wr.date.Format("20060102150405")
	pf.replaceDict(pf.info, "(D:"+stamp+")", "(D:"+stamp+"Z)")
	if !pf.insertAfter(pf.info, "<<\n", "/Trapped /False\n") {
		return fmt.Errorf("the info dictionary is malformed")
	}

	// Catalog: XMP metadata, output intent or viewer preferences.
	meta, xmp := pf.reserve(), wr.xmp()
	pf.set(meta, fmt.Sprintf("<< /Type /Metadata /Subtype /XML /Length %d >>", len(xmp)), xmp)
	var cat strings.Builder
	fmt.Fprintf(&cat, "/Metadata %d 0 R\n", meta)
	if wr.opt.Print {
		id := wr.opt.outputCondition()
		info := outputConditions[id]
		if info == "" {
			info = id
		}
		fmt.Fprintf(&cat, "/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFX /OutputCondition %s /OutputConditionIdentifier %s /RegistryName (http://www.color.org) /Info %s >>]\n",
			pdfString(info), pdfString(id), pdfString(info))
	} else {
		cat.WriteString("/ViewerPreferences << /DisplayDocTitle true >>\n")
	}
	if !pf.insertAfter(pf.root, "/Type /Catalog\n", cat.String()) {
		return fmt.Errorf("the catalog is malformed")
	}
	wr.rep.ConvertedColours = slices.Sorted(maps.Keys(wr.g.noCMYK))
	wr.rep.RichBlackText = wr.g.richText
	for _, k := range wr.rep.ConvertedColours {
		wr.rep.warn("", fmt.Sprintf(
			"colour %s has no CMYK values; it was printed as a conversion without a colour profile: give the template's colour its CMYK values", k))
	}
	if wr.g.richText {
		wr.rep.warn("",
			"text in rich black (black ink with colour inks) was printed in black ink only; give text colours C 0 M 0 Y 0 K 100 in the template")
	}
	return nil
}

// pdfString writes s as a PDF string: plain ASCII as a literal, anything
// else as UTF-16BE with a byte order mark.
func pdfString(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 || s[i] < ' ' {
			ascii = false
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, r := range s {
		if r > 0xFFFF {
			r -= 0x10000
			fmt.Fprintf(&b, "%04X%04X", 0xD800+(r>>10), 0xDC00+(r&0x3FF))
			continue
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteString(">")
	return b.String()
}

func xmlText(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

// xmp returns the document's XMP metadata packet.
func (wr *writer) xmp() []byte {
	d := wr.d
	date := wr.date.Format("2006-01-02T15:04:05Z")
	lang := pdfLang(d.Language)
	if lang == "" {
		lang = "x-default"
	}
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">` + "\n")
	b.WriteString("<dc:format>application/pdf</dc:format>\n")
	if d.Title != "" {
		fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", xmlText(d.Title))
	}
	if d.Author != "" {
		b.WriteString("<dc:creator><rdf:Seq>")
		for _, a := range strings.Split(d.Author, ",") {
			if a = strings.TrimSpace(a); a != "" {
				fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", xmlText(a))
			}
		}
		b.WriteString("</rdf:Seq></dc:creator>\n")
	}
	if d.Subject != "" {
		fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", xmlText(d.Subject))
	}
	if len(d.Keywords) > 0 {
		b.WriteString("<dc:subject><rdf:Bag>")
		for _, k := range d.Keywords {
			fmt.Fprintf(&b, "<rdf:li>%s</rdf:li>", xmlText(k))
		}
		b.WriteString("</rdf:Bag></dc:subject>\n")
		fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", xmlText(strings.Join(d.Keywords, ", ")))
	}
	if d.Language != "" {
		fmt.Fprintf(&b, "<dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", xmlText(lang))
	}
	b.WriteString("<pdf:Producer>leafpress with go-pdf/fpdf</pdf:Producer>\n")
	b.WriteString("<pdf:Trapped>False</pdf:Trapped>\n")
	b.WriteString("<xmp:CreatorTool>leafpress</xmp:CreatorTool>\n")
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}
