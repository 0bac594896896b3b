package docx

import (
	"slices"
	"strconv"
	"strings"

	"leafpress/export/docx/internal/xmltree"
)

// styleKey names one of the house styles the writer uses.
type styleKey int

const (
	sTitle styleKey = iota
	sSubtitle
	sHeading1
	sHeading2
	sHeading3
	sHeading4
	sHeading5
	sHeading6
	sBody
	sGarant
	sLead
	sQuote
	sIntenseQuote
	sListBullet
	sListNumber
	sListContinue
	sFigure
	sRule
	sTOCHeading
	sTOC1
	sTOC2
	sTOC3
	sHyperlink
	sCode
	sTable
	sFooter
	nStyles
)

// houseStyles gives, per key, the style's id in the embedded reference
// document. Its name and type are read from there.
var houseStyles = [nStyles]string{
	sTitle:        "Title",
	sSubtitle:     "Subtitle",
	sHeading1:     "Heading1",
	sHeading2:     "Heading2",
	sHeading3:     "Heading3",
	sHeading4:     "Heading4",
	sHeading5:     "Heading5",
	sHeading6:     "Heading6",
	sBody:         "BodyText",
	sGarant:       "Garant",
	sLead:         "Lead",
	sQuote:        "Quote",
	sIntenseQuote: "IntenseQuote",
	sListBullet:   "ListBullet",
	sListNumber:   "ListNumber",
	sListContinue: "ListContinue",
	sFigure:       "Figure",
	sRule:         "HorizontalLine",
	sTOCHeading:   "TOCHeading",
	sTOC1:         "TOC1",
	sTOC2:         "TOC2",
	sTOC3:         "TOC3",
	sHyperlink:    "Hyperlink",
	sCode:         "VerbatimChar",
	sTable:        "ProgrammeTable",
	sFooter:       "Footer",
}

// styleSet is the styles part of the document being written: the
// reference's styles, plus the house styles it lacks.
type styleSet struct {
	root   *xmltree.Node
	byName map[string]*xmltree.Node // type + "/" + lower-case name
	byID   map[string]*xmltree.Node

	house     map[string]*xmltree.Node // the embedded styles, by id
	importing map[string]string        // house id → id in root, once imported
	num       *numbering               // where imported list styles get their numbering

	id [nStyles]string // the id to write for each house style
}

// newStyleSet indexes the styles of root and makes sure every house style
// exists, importing the missing ones from houseRoot.
func newStyleSet(root, houseRoot *xmltree.Node, num *numbering) *styleSet {
	s := &styleSet{
		root:      root,
		byName:    map[string]*xmltree.Node{},
		byID:      map[string]*xmltree.Node{},
		house:     map[string]*xmltree.Node{},
		importing: map[string]string{},
		num:       num,
	}
	for _, st := range root.All("w:style") {
		s.index(st)
	}
	for _, st := range houseRoot.All("w:style") {
		s.house[st.Get("w:styleId")] = st
	}
	for k, id := range houseStyles {
		s.id[k] = s.ensure(id)
	}
	return s
}

func styleName(st *xmltree.Node) string {
	return st.Path("w:name").Get("w:val")
}

func nameKey(typ, name string) string {
	return typ + "/" + strings.ToLower(strings.TrimSpace(name))
}

func (s *styleSet) index(st *xmltree.Node) {
	id := st.Get("w:styleId")
	if _, dup := s.byID[id]; !dup {
		s.byID[id] = st
	}
	k := nameKey(st.Get("w:type"), styleName(st))
	if _, dup := s.byName[k]; !dup {
		s.byName[k] = st
	}
}

// ensure returns the id, in the document, of the style that has the name
// and type of the house style houseID, importing the house style when the
// document has none of that name.
func (s *styleSet) ensure(houseID string) string {
	if id, ok := s.importing[houseID]; ok {
		return id
	}
	h := s.house[houseID]
	if h == nil {
		return houseID
	}
	if st := s.byName[nameKey(h.Get("w:type"), styleName(h))]; st != nil {
		id := st.Get("w:styleId")
		s.importing[houseID] = id
		return id
	}

	st := h.Clone()
	id := houseID
	for n := 2; s.byID[id] != nil; n++ {
		id = houseID + strconv.Itoa(n)
	}
	st.Set("w:styleId", id)
	s.importing[houseID] = id
	s.index(st)

	// The document's own default style of this type stays the default.
	if st.Get("w:default") != "" && s.hasDefault(st.Get("w:type"), st) {
		st.Attr = slices.DeleteFunc(st.Attr, func(a xmltree.Attr) bool { return a.Name == "w:default" })
	}
	// References to other styles name the document's styles.
	for _, c := range st.Elements() {
		switch c.Name {
		case "w:basedOn", "w:next", "w:link":
			c.Set("w:val", s.ensure(c.Get("w:val")))
		}
	}
	// An imported list style gets its numbering from the house numbering.
	if np := st.Path("w:pPr", "w:numPr", "w:numId"); np != nil && s.num != nil {
		if houseNum, err := strconv.Atoi(np.Get("w:val")); err == nil {
			np.Set("w:val", strconv.Itoa(s.num.importHouseNum(houseNum)))
		}
	}
	s.root.Append(st)
	return id
}

// hasDefault reports whether the document has a default style of type typ
// other than except.
func (s *styleSet) hasDefault(typ string, except *xmltree.Node) bool {
	for _, st := range s.root.All("w:style") {
		if st != except && st.Get("w:type") == typ && isOn(st.Get("w:default")) {
			return true
		}
	}
	return false
}

func isOn(v string) bool { return v == "1" || v == "true" || v == "on" }

// style returns the style node written for key k.
func (s *styleSet) style(k styleKey) *xmltree.Node { return s.byID[s.id[k]] }

// setLanguage makes tag the language of the document's default run
// properties, so that Word and LibreOffice check spelling in it.
func (s *styleSet) setLanguage(tag string) {
	dd := s.root.Child("w:docDefaults")
	if dd == nil {
		dd = xmltree.Elem("w:docDefaults")
		s.root.Insert(0, dd)
	}
	rd := dd.Child("w:rPrDefault")
	if rd == nil {
		rd = xmltree.Elem("w:rPrDefault")
		dd.Insert(0, rd)
	}
	rpr := rd.Child("w:rPr")
	if rpr == nil {
		rpr = xmltree.Elem("w:rPr")
		rd.Append(rpr)
	}
	lang := rpr.Child("w:lang")
	if lang == nil {
		lang = xmltree.Elem("w:lang")
		// w:lang comes before these in the schema's order of rPr.
		at := len(rpr.Children)
		for i, c := range rpr.Children {
			if c.Name == "w:eastAsianLayout" || c.Name == "w:specVanish" || c.Name == "w:oMath" {
				at = i
				break
			}
		}
		rpr.Insert(at, lang)
	}
	lang.Set("w:val", tag)
}
