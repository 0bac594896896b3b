package pdf

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"leafpress/export/icc"
	"leafpress/export/pdf/object"
)

// The colour profiles are compressed once per run, at the best level:
// every print PDF embeds the same bytes (the CMYK profile is 120 kB, and
// compressing it was most of what compressing a leaflet's streams cost).
var (
	cmykProfile = sync.OnceValue(func() []byte { return object.FlateBest(icc.CMYK()) })
	srgbProfile = sync.OnceValue(func() []byte { return object.FlateBest(icc.SRGB()) })
)

// outlineItem is one bookmark: its title, its level (0 at the top) and
// where it points, y in PDF coordinates on page.
type outlineItem struct {
	title string
	level int
	page  object.Ref
	y     float64
}

// finish writes what could only be written once every page was drawn:
// the fonts' subsets, the shared resources, the page tree, the outline,
// the metadata and the catalog, then the cross-reference table.
func (wr *writer) finish() error {
	w := wr.obj
	wr.faces.report(wr.rep)
	if err := wr.faces.write(w); err != nil {
		return err
	}
	res := object.Dict{}
	if len(wr.faces.names) > 0 {
		fd := object.Dict{}
		for _, name := range wr.faces.names {
			fu := wr.faces.fonts[name]
			fd[fu.res] = fu.ref
		}
		res["Font"] = fd
	}
	if len(wr.pics.refs) > 0 {
		res["XObject"] = wr.pics.resources()
	}
	w.Put(wr.resRef, res)
	w.Put(wr.pagesRef, object.Dict{"Type": object.Name("Pages"), "Kids": wr.pageRefs, "Count": len(wr.pageRefs)})

	cat := wr.catalog
	cat["Type"] = object.Name("Catalog")
	cat["Pages"] = wr.pagesRef
	if o := wr.writeOutline(); o != 0 {
		cat["Outlines"] = o
		cat["PageMode"] = object.Name("UseOutlines")
	}
	if wr.d.Language != "" {
		cat["Lang"] = pdfLang(wr.d.Language)
	}
	if wr.tags != nil {
		cat["StructTreeRoot"] = wr.tags.write(w)
		cat["MarkInfo"] = object.Dict{"Marked": true}
		wr.rep.Tagged = true
		wr.rep.UA = wr.tags.ua
		wr.rep.StructureProblems = wr.tags.tree.Check()
	}
	if wr.opt.Print {
		id := wr.opt.outputCondition()
		info := outputConditions[id]
		if info == "" {
			info = id
		}
		oi := object.Dict{
			"Type": object.Name("OutputIntent"), "S": object.Name("GTS_PDFX"),
			"OutputCondition": info, "OutputConditionIdentifier": id,
			"RegistryName": "http://www.color.org", "Info": info,
		}
		if id == icc.CMYKCondition {
			// The characterisation's profile, embedded: the file is
			// then PDF/X-4.
			prof := icc.CMYK()
			oi["DestOutputProfile"] = w.Add(object.Stream{Dict: object.Dict{"N": 4, "Filter": object.Name("FlateDecode")}, Data: cmykProfile()})
			wr.pdfx = "PDF/X-4"
			if h, err := icc.ParseHeader(prof); err == nil {
				wr.rep.OutputProfile = fmt.Sprintf("%s %s, %d bytes", h.Class, strings.TrimSpace(h.ColorSpace), len(prof))
			}
		}
		cat["OutputIntents"] = object.Array{oi}
	} else if cat["ViewerPreferences"] == nil {
		cat["ViewerPreferences"] = object.Dict{"DisplayDocTitle": true}
	}
	wr.rep.PDFX = wr.pdfx
	wr.rep.Annotations = wr.annotations
	xmp := wr.xmp()
	cat["Metadata"] = w.Add(object.Stream{Dict: object.Dict{"Type": object.Name("Metadata"), "Subtype": object.Name("XML")}, Data: xmp})
	root := w.Add(cat)
	info := w.Add(wr.info())

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
	return w.Close(object.Dict{"Root": root, "Info": info})
}

// info returns the document information dictionary.
func (wr *writer) info() object.Dict {
	d := wr.d
	date := object.Date(wr.date)
	info := object.Dict{
		"Creator":      "leafpress",
		"Producer":     "leafpress",
		"CreationDate": date,
		"ModDate":      date,
		"Trapped":      object.Name("False"),
	}
	if wr.pdfx != "" {
		info["GTS_PDFXVersion"] = wr.pdfx
	}
	if d.Title != "" {
		info["Title"] = d.Title
	}
	if d.Author != "" {
		info["Author"] = d.Author
	}
	if d.Subject != "" {
		info["Subject"] = d.Subject
	}
	if len(d.Keywords) > 0 {
		info["Keywords"] = strings.Join(d.Keywords, ", ")
	}
	return info
}

// writeOutline writes the bookmarks as an outline tree and returns its
// root, or 0 when there are none. Levels are already nested (a level is
// never more than one below the previous item's); every item is open.
func (wr *writer) writeOutline() object.Ref {
	items := wr.outline
	if len(items) == 0 {
		return 0
	}
	w := wr.obj
	root := w.Alloc()
	refs := make([]object.Ref, len(items))
	for i := range items {
		refs[i] = w.Alloc()
	}
	parent := make([]int, len(items)) // index of the parent, -1 for the root
	var kids = map[int][]int{}        // parent index (-1 root) → children
	var stack []int
	for i, it := range items {
		for len(stack) > it.level {
			stack = stack[:len(stack)-1]
		}
		parent[i] = -1
		if len(stack) > 0 {
			parent[i] = stack[len(stack)-1]
		}
		kids[parent[i]] = append(kids[parent[i]], i)
		stack = append(stack, i)
	}
	ref := func(i int) object.Ref {
		if i < 0 {
			return root
		}
		return refs[i]
	}
	var count func(i int) int
	count = func(i int) int {
		n := 0
		for _, k := range kids[i] {
			n += 1 + count(k)
		}
		return n
	}
	for i, it := range items {
		d := object.Dict{
			"Title":  it.title,
			"Parent": ref(parent[i]),
			"Dest":   object.Array{it.page, object.Name("XYZ"), 0, it.y, nil},
		}
		sib := kids[parent[i]]
		at := slices.Index(sib, i)
		if at > 0 {
			d["Prev"] = refs[sib[at-1]]
		}
		if at+1 < len(sib) {
			d["Next"] = refs[sib[at+1]]
		}
		if k := kids[i]; len(k) > 0 {
			d["First"], d["Last"], d["Count"] = refs[k[0]], refs[k[len(k)-1]], count(i)
		}
		w.Put(refs[i], d)
	}
	top := kids[-1]
	w.Put(root, object.Dict{"Type": object.Name("Outlines"), "First": refs[top[0]], "Last": refs[top[len(top)-1]], "Count": count(-1)})
	return root
}
