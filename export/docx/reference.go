package docx

import (
	"archive/zip"
	"bytes"
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"sync"

	"leafpress/export/docx/internal/xmltree"
	"leafpress/templates"
)

// Namespace of WordprocessingML, bound to the prefix w in every part this
// package reads or writes.
const nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// reference holds the parts taken from a reference document.
type reference struct {
	styles    *xmltree.Node
	numbering *xmltree.Node // nil when the document has none
	theme     []byte        // nil when the document has none
	sectPr    *xmltree.Node // nil when the body has none
	// hdrFtr are the document's own headers and footers, kept in the
	// documents written with it; none for the embedded reference.
	hdrFtr []hdrFtr
}

// hdrFtr is a header or footer part of a reference document.
type hdrFtr struct {
	footer bool   // a footer, else a header
	kind   string // w:type: default, first or even
	data   []byte // the part
	rels   *xmltree.Node
	media  map[string][]byte // the parts its relationships name, by target as written
}

// mediaTypes are the content types of pictures a header or footer may
// hold, by file extension.
var mediaTypes = map[string]string{
	"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg", "gif": "image/gif",
	"bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
	"emf": "image/x-emf", "wmf": "image/x-wmf", "svg": "image/svg+xml",
}

// errStrict is returned for a reference in Strict Open XML.
var errStrict = errors.New("the file is in Strict Open XML; save it as a Word Document (.docx, not Strict)")

// lastReference is the reference document read last, by its content, so
// that the files of a run read a user's reference once.
var lastReference struct {
	sync.Mutex
	sum [sha256.Size]byte
	ref *reference
}

// referenceOf returns data read as readReference does, read once for
// the files of a run; the styles are the caller's own copy to edit.
func referenceOf(data []byte) (*reference, error) {
	sum := sha256.Sum256(data)
	lastReference.Lock()
	r := lastReference.ref
	if lastReference.sum != sum {
		r = nil
	}
	lastReference.Unlock()
	if r == nil {
		var err error
		if r, err = readReference(data); err != nil {
			return nil, err
		}
		lastReference.Lock()
		lastReference.sum, lastReference.ref = sum, r
		lastReference.Unlock()
	}
	own := *r
	own.styles = r.styles.Clone()
	return &own, nil
}

// readReference reads the parts of a reference .docx.
func readReference(data []byte) (*reference, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a .docx file (%v); save the reference document from Word or LibreOffice as .docx", err)
	}
	files := map[string]*zip.File{}
	for _, f := range zr.File {
		files[strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")] = f
	}
	read := func(name string) ([]byte, error) {
		f := files[name]
		if f == nil {
			return nil, nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		defer rc.Close()
		return io.ReadAll(io.LimitReader(rc, 64<<20))
	}
	parse := func(name string) (*xmltree.Node, error) {
		data, err := read(name)
		if err != nil || data == nil {
			return nil, err
		}
		n, err := xmltree.Parse(data)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		return n, nil
	}

	rootRels, err := parse("_rels/.rels")
	if err != nil {
		return nil, err
	}
	main := relTarget(rootRels, "", "/officeDocument")
	if main == "" {
		return nil, errors.New("no main document part; save the reference document from Word or LibreOffice as .docx")
	}
	docRels, err := parse(path.Join(path.Dir(main), "_rels", path.Base(main)+".rels"))
	if err != nil {
		return nil, err
	}
	ref := &reference{}
	stylesName := relTarget(docRels, main, "/styles")
	if stylesName == "" {
		return nil, errors.New("the document has no styles part; save it from Word or LibreOffice as .docx")
	}
	if ref.styles, err = parse(stylesName); err != nil {
		return nil, err
	}
	if ref.styles == nil {
		return nil, fmt.Errorf("%s is missing", stylesName)
	}
	if err := checkW(ref.styles, stylesName); err != nil {
		return nil, err
	}
	if name := relTarget(docRels, main, "/numbering"); name != "" {
		if ref.numbering, err = parse(name); err != nil {
			return nil, err
		}
		if ref.numbering != nil {
			if err := checkW(ref.numbering, name); err != nil {
				return nil, err
			}
		}
	}
	if name := relTarget(docRels, main, "/theme"); name != "" {
		theme, err := read(name)
		if err != nil {
			return nil, err
		}
		// A theme with relationships of its own (pictures in fills) would
		// lose them here; such a theme is left out and ours used instead.
		if files[path.Join(path.Dir(name), "_rels", path.Base(name)+".rels")] == nil {
			ref.theme = theme
		}
	}
	body, err := parse(main)
	if err != nil {
		return nil, err
	}
	if body != nil {
		if s := body.Path("w:body", "w:sectPr"); s != nil {
			ref.sectPr = cleanSectPr(s)
			ref.hdrFtr = readHdrFtr(s, docRels, main, read)
		}
	}
	return ref, nil
}

// readHdrFtr reads the headers and footers the section s refers to, with
// the pictures they hold. A part that cannot be carried over whole (a
// missing target, an object that is not a picture) is left out, and then
// all of them are, so that a document never gets half of its own set.
func readHdrFtr(s, docRels *xmltree.Node, main string, read func(string) ([]byte, error)) []hdrFtr {
	byID := map[string]*xmltree.Node{}
	if docRels != nil {
		for _, r := range docRels.All("Relationship") {
			byID[r.Get("Id")] = r
		}
	}
	var out []hdrFtr
	for _, ref := range s.Elements() {
		if ref.Name != "w:headerReference" && ref.Name != "w:footerReference" {
			continue
		}
		r := byID[ref.Get("r:id")]
		if r == nil || r.Get("TargetMode") == "External" {
			return nil
		}
		name := path.Join(path.Dir(main), r.Get("Target"))
		if t := r.Get("Target"); strings.HasPrefix(t, "/") {
			name = strings.TrimPrefix(t, "/")
		}
		data, err := read(name)
		if err != nil || data == nil {
			return nil
		}
		h := hdrFtr{footer: ref.Name == "w:footerReference", kind: cmp.Or(ref.Get("w:type"), "default"), data: data}
		relsData, err := read(path.Join(path.Dir(name), "_rels", path.Base(name)+".rels"))
		if err != nil {
			return nil
		}
		if relsData != nil {
			if h.rels, err = xmltree.Parse(relsData); err != nil {
				return nil
			}
			h.media = map[string][]byte{}
			for _, mr := range h.rels.All("Relationship") {
				if mr.Get("TargetMode") == "External" {
					continue
				}
				t := mr.Get("Target")
				ext := strings.ToLower(strings.TrimPrefix(path.Ext(t), "."))
				if !strings.HasSuffix(mr.Get("Type"), "/image") || mediaTypes[ext] == "" {
					return nil
				}
				m, err := read(path.Join(path.Dir(name), t))
				if err != nil || m == nil {
					return nil
				}
				h.media[t] = m
			}
		}
		out = append(out, h)
	}
	return out
}

// checkW makes sure a part binds the prefix w to WordprocessingML, as the
// editing code here assumes.
func checkW(root *xmltree.Node, name string) error {
	switch root.Get("xmlns:w") {
	case nsW:
		return nil
	case "http://purl.oclc.org/ooxml/wordprocessingml/main":
		return errStrict
	}
	return fmt.Errorf("%s does not use the usual w: prefix for WordprocessingML; save the reference document again from Word or LibreOffice", name)
}

// relTarget returns the part named by the first relationship whose type
// ends with typ, resolved against the part src ("" for the package root).
func relTarget(rels *xmltree.Node, src, typ string) string {
	if rels == nil {
		return ""
	}
	for _, r := range rels.All("Relationship") {
		if !strings.HasSuffix(r.Get("Type"), typ) || r.Get("TargetMode") == "External" {
			continue
		}
		t := r.Get("Target")
		if strings.HasPrefix(t, "/") {
			return strings.TrimPrefix(t, "/")
		}
		return path.Join(path.Dir(src), t)
	}
	return ""
}

// cleanSectPr drops from a section's properties what points to parts that
// are not carried over (headers, footers, printer settings).
func cleanSectPr(s *xmltree.Node) *xmltree.Node {
	s = s.Clone()
	s.Remove(func(n *xmltree.Node) bool {
		switch n.Name {
		case "w:headerReference", "w:footerReference", "w:printerSettings", "w:sectPrChange":
			return true
		}
		return false
	})
	return s
}

// house is the parsed embedded reference document, read once per run.
// Documents share it, so nothing may change it: newBuilder writes into a
// clone of its styles.
var house = sync.OnceValues(func() (*reference, error) {
	ref, err := readReference(templates.ReferenceDOCX)
	if err != nil {
		return nil, fmt.Errorf("embedded reference document: %v", err)
	}
	return ref, nil
})

// Page geometry in twentieths of a point (twips).
type page struct {
	textW, textH int
}

// pageOf reads the text area from a section's properties; A4 with 25 mm
// margins when they are missing.
func pageOf(s *xmltree.Node) page {
	p := page{textW: 11906 - 2*1418, textH: 16838 - 2*1418}
	if s == nil {
		return p
	}
	sz, mar := s.Child("w:pgSz"), s.Child("w:pgMar")
	if sz == nil || mar == nil {
		return p
	}
	w, h := twips(sz.Get("w:w")), twips(sz.Get("w:h"))
	if sz.Get("w:orient") == "landscape" && h > w {
		w, h = h, w
	}
	tw := w - twips(mar.Get("w:left")) - twips(mar.Get("w:right")) - twips(mar.Get("w:gutter"))
	th := h - abs(twips(mar.Get("w:top"))) - abs(twips(mar.Get("w:bottom")))
	if tw > 1440 && th > 1440 {
		p.textW, p.textH = tw, th
	}
	return p
}

// twips parses a measure in twips, ignoring a fraction.
func twips(s string) int {
	n, neg := 0, false
	for i, r := range s {
		switch {
		case r == '-' && i == 0:
			neg = true
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
			if n > 1<<24 {
				return 0
			}
		default:
			if neg {
				return -n
			}
			return n
		}
	}
	if neg {
		return -n
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// defaultSectPr is the page setup used when the reference has none: A4.
func defaultSectPr() *xmltree.Node {
	s := xmltree.Elem("w:sectPr")
	s.Append(
		xmltree.Elem("w:pgSz", "w:w", "11906", "w:h", "16838"),
		xmltree.Elem("w:pgMar", "w:top", "1418", "w:right", "1418", "w:bottom", "1418",
			"w:left", "1418", "w:header", "709", "w:footer", "709", "w:gutter", "0"),
	)
	return s
}
