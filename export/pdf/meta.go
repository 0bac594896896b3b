package pdf

import (
	"bytes"
	"crypto/md5"
	"encoding/xml"
	"fmt"
	"strings"
)

// outputConditions describes the print conditions leafpress can name.
var outputConditions = map[string]string{
	"FOGRA39": "Coated FOGRA39 (ISO 12647-2:2004)",
	"FOGRA51": "PSO Coated v3 (ISO 12647-2:2013)",
	"FOGRA52": "PSO Uncoated v3 (ISO 12647-2:2013)",
	"FOGRA29": "Uncoated FOGRA29 (ISO 12647-2:2004)",
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
	b.WriteString(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">` + "\n")
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
	if wr.pdfx != "" {
		fmt.Fprintf(&b, "<pdfxid:GTSPDFXVersion>%s</pdfxid:GTSPDFXVersion>\n", wr.pdfx)
	}
	if wr.tags != nil && wr.tags.ua {
		b.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	}
	if wr.pdfx != "" || wr.tags != nil {
		// A document identifier derived from what the document is, so that
		// equal builds stay identical.
		id := md5.Sum([]byte(d.Title + "\x00" + date + "\x00" + wr.pdfx))
		fmt.Fprintf(&b, "<xmpMM:DocumentID>uuid:%x-%x-%x-%x-%x</xmpMM:DocumentID>\n", id[0:4], id[4:6], id[6:8], id[8:10], id[10:16])
		b.WriteString("<xmpMM:VersionID>1</xmpMM:VersionID>\n<xmpMM:RenditionClass>default</xmpMM:RenditionClass>\n")
	}
	b.WriteString("<pdf:Producer>leafpress</pdf:Producer>\n")
	b.WriteString("<pdf:Trapped>False</pdf:Trapped>\n")
	b.WriteString("<xmp:CreatorTool>leafpress</xmp:CreatorTool>\n")
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n<xmp:MetadataDate>%s</xmp:MetadataDate>\n", date, date, date)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}
