package docx

import (
	"fmt"
	"strconv"

	"leafpress/export/docx/internal/xmltree"
)

// numbering is the numbering part of the document being written: the
// reference's definitions, the house definitions it needs, and one
// numbering instance (w:num) per list, so that every list counts on its
// own and an ordered list starts at its own number.
type numbering struct {
	root  *xmltree.Node // the reference's w:numbering
	house *xmltree.Node // the embedded w:numbering

	absOf          map[int]int // numId → abstractNumId, in root
	maxAbs, maxNum int

	houseAbs map[int]int // house abstractNumId → id in root, once imported
	houseNum map[int]int // house numId → id in root, once imported

	newAbs, newNum []*xmltree.Node
}

// newNumbering starts from the reference's numbering part (nil when it has
// none). Instance ids that its styles name are never reused, even when
// the part does not define them.
func newNumbering(root, house, styles *xmltree.Node) *numbering {
	if root == nil {
		root = xmltree.Elem("w:numbering", "xmlns:w", nsW)
	}
	n := &numbering{root: root, house: house, absOf: map[int]int{},
		houseAbs: map[int]int{}, houseNum: map[int]int{}}
	for _, a := range root.All("w:abstractNum") {
		n.maxAbs = max(n.maxAbs, atoi(a.Get("w:abstractNumId")))
	}
	for _, num := range root.All("w:num") {
		id := atoi(num.Get("w:numId"))
		n.maxNum = max(n.maxNum, id)
		n.absOf[id] = atoi(num.Path("w:abstractNumId").Get("w:val"))
	}
	styles.Walk(func(e *xmltree.Node) {
		if e.Name == "w:numId" {
			n.maxNum = max(n.maxNum, atoi(e.Get("w:val")))
		}
	})
	return n
}

func atoi(s string) int {
	v, _ := strconv.Atoi(s)
	return v
}

// importHouseAbs copies the house abstract numbering id into the document
// under a fresh id and returns that id.
func (n *numbering) importHouseAbs(id int) int {
	if got, ok := n.houseAbs[id]; ok {
		return got
	}
	for _, a := range n.house.All("w:abstractNum") {
		if atoi(a.Get("w:abstractNumId")) != id {
			continue
		}
		c := a.Clone()
		n.maxAbs++
		c.Set("w:abstractNumId", strconv.Itoa(n.maxAbs))
		// A fresh list identity, so Word does not merge it with another.
		if nsid := c.Child("w:nsid"); nsid != nil {
			nsid.Set("w:val", fmt.Sprintf("4C50%04X", n.maxAbs&0xFFFF))
		}
		n.newAbs = append(n.newAbs, c)
		n.houseAbs[id] = n.maxAbs
		return n.maxAbs
	}
	return 0
}

// importHouseNum gives the document an instance of the house numbering
// instance id (the one a house list style names) and returns its id.
func (n *numbering) importHouseNum(id int) int {
	if got, ok := n.houseNum[id]; ok {
		return got
	}
	abs := 0
	for _, num := range n.house.All("w:num") {
		if atoi(num.Get("w:numId")) == id {
			abs = atoi(num.Path("w:abstractNumId").Get("w:val"))
		}
	}
	got := n.instance(n.importHouseAbs(abs), -1, 0)
	n.houseNum[id] = got
	return got
}

// abstractOf returns the abstract numbering a paragraph style's numbering
// uses; ok is false when the style has none that the document defines.
func (n *numbering) abstractOf(st *xmltree.Node) (abs int, ok bool) {
	if st == nil {
		return 0, false
	}
	numID := atoi(st.Path("w:pPr", "w:numPr", "w:numId").Get("w:val"))
	if numID == 0 { // 0 means "no numbering"
		return 0, false
	}
	abs, ok = n.absOf[numID]
	return abs, ok
}

// instance adds a numbering instance of the abstract numbering abs and
// returns its id. When level >= 0 the count at that level starts at start.
func (n *numbering) instance(abs, level, start int) int {
	n.maxNum++
	num := xmltree.Elem("w:num", "w:numId", strconv.Itoa(n.maxNum))
	num.Append(xmltree.Elem("w:abstractNumId", "w:val", strconv.Itoa(abs)))
	if level >= 0 {
		o := xmltree.Elem("w:lvlOverride", "w:ilvl", strconv.Itoa(level))
		o.Append(xmltree.Elem("w:startOverride", "w:val", strconv.Itoa(start)))
		num.Append(o)
	}
	n.newNum = append(n.newNum, num)
	n.absOf[n.maxNum] = abs
	return n.maxNum
}

// part returns numbering.xml: the schema wants every abstract numbering
// before the first instance.
func (n *numbering) part() []byte {
	root := n.root
	var pics, abs, nums, rest []*xmltree.Node
	for _, c := range root.Elements() {
		switch c.Name {
		case "w:numPicBullet":
			pics = append(pics, c)
		case "w:abstractNum":
			abs = append(abs, c)
		case "w:num":
			nums = append(nums, c)
		default:
			rest = append(rest, c)
		}
	}
	out := &xmltree.Node{Name: root.Name, Attr: root.Attr}
	out.Append(pics...)
	out.Append(abs...)
	out.Append(n.newAbs...)
	out.Append(nums...)
	out.Append(n.newNum...)
	out.Append(rest...)
	return xmltree.Marshal(out)
}
