// Package xmltree is a small element tree for the XML parts of a Word
// package (styles.xml, numbering.xml, document.xml). It keeps names as
// written, prefix included ("w:style"), so a part taken from a user's file
// can be edited in place and written back without namespace rewriting.
//
// Comments, processing instructions and directives are dropped; character
// data is kept as it was.
package xmltree

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Attr is an attribute with its qualified name ("w:val").
type Attr struct {
	Name  string
	Value string
}

// Node is an element, or a run of character data when Name is empty.
type Node struct {
	Name     string // qualified name, "" for character data
	Attr     []Attr
	Children []*Node
	Text     string // character data when Name == ""
}

// Parse reads the root element of an XML document.
func Parse(data []byte) (*Node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*Node
	var root *Node
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &Node{Name: qname(t.Name)}
			for _, a := range t.Attr {
				n.Attr = append(n.Attr, Attr{Name: qname(a.Name), Value: a.Value})
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, n)
			}
			stack = append(stack, n)
		case xml.EndElement:
			if len(stack) == 0 || stack[len(stack)-1].Name != qname(t.Name) {
				return nil, fmt.Errorf("unexpected end tag </%s> at offset %d", qname(t.Name), d.InputOffset())
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, &Node{Text: string(t)})
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	if len(stack) != 0 {
		return nil, fmt.Errorf("element <%s> is not closed", stack[len(stack)-1].Name)
	}
	return root, nil
}

func qname(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// Elem makes an element with attributes given as name, value pairs.
func Elem(name string, attrs ...string) *Node {
	n := &Node{Name: name}
	for i := 0; i+1 < len(attrs); i += 2 {
		n.Attr = append(n.Attr, Attr{Name: attrs[i], Value: attrs[i+1]})
	}
	return n
}

// Get returns the value of the attribute name, or "".
func (n *Node) Get(name string) string {
	for _, a := range n.Attr {
		if a.Name == name {
			return a.Value
		}
	}
	return ""
}

// Has reports whether the attribute name is present.
func (n *Node) Has(name string) bool {
	for _, a := range n.Attr {
		if a.Name == name {
			return true
		}
	}
	return false
}

// Set sets the attribute name, adding it when missing.
func (n *Node) Set(name, value string) {
	for i, a := range n.Attr {
		if a.Name == name {
			n.Attr[i].Value = value
			return
		}
	}
	n.Attr = append(n.Attr, Attr{Name: name, Value: value})
}

// Child returns the first child element called name, or nil.
func (n *Node) Child(name string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// Path follows Child through the names given, returning nil when one is
// missing.
func (n *Node) Path(names ...string) *Node {
	for _, name := range names {
		n = n.Child(name)
	}
	return n
}

// All returns the child elements called name.
func (n *Node) All(name string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Name == name {
			out = append(out, c)
		}
	}
	return out
}

// Elements returns the child elements, without character data.
func (n *Node) Elements() []*Node {
	var out []*Node
	for _, c := range n.Children {
		if c.Name != "" {
			out = append(out, c)
		}
	}
	return out
}

// Remove deletes the children (elements and character data) for which
// drop returns true.
func (n *Node) Remove(drop func(*Node) bool) { n.Children = slices.DeleteFunc(n.Children, drop) }

// Append adds children at the end.
func (n *Node) Append(children ...*Node) { n.Children = append(n.Children, children...) }

// Insert puts child at index i of Children.
func (n *Node) Insert(i int, child *Node) { n.Children = slices.Insert(n.Children, i, child) }

// Clone returns a deep copy of n.
func (n *Node) Clone() *Node {
	c := &Node{Name: n.Name, Text: n.Text}
	c.Attr = append([]Attr(nil), n.Attr...)
	for _, ch := range n.Children {
		c.Children = append(c.Children, ch.Clone())
	}
	return c
}

// Walk calls fn on n and every element below it, parents first.
func (n *Node) Walk(fn func(*Node)) {
	if n.Name == "" {
		return
	}
	fn(n)
	for _, c := range n.Children {
		c.Walk(fn)
	}
}

// Marshal returns the document: an XML declaration and n.
func Marshal(n *Node) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	n.WriteTo(&b)
	return b.Bytes()
}

// WriteTo writes n as XML.
func (n *Node) WriteTo(b *bytes.Buffer) {
	if n.Name == "" {
		EscapeText(b, n.Text)
		return
	}
	b.WriteByte('<')
	b.WriteString(n.Name)
	for _, a := range n.Attr {
		b.WriteByte(' ')
		b.WriteString(a.Name)
		b.WriteString(`="`)
		EscapeAttr(b, a.Value)
		b.WriteByte('"')
	}
	if len(n.Children) == 0 {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	for _, c := range n.Children {
		c.WriteTo(b)
	}
	b.WriteString("</")
	b.WriteString(n.Name)
	b.WriteByte('>')
}

// String returns n as XML, for tests and messages.
func (n *Node) String() string {
	var b bytes.Buffer
	n.WriteTo(&b)
	return b.String()
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#xD;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;",
		"\t", "&#x9;", "\n", "&#xA;", "\r", "&#xD;")
)

// EscapeText writes s escaped for character data.
func EscapeText(b *bytes.Buffer, s string) { textEscaper.WriteString(b, s) }

// EscapeAttr writes s escaped for a double-quoted attribute value.
func EscapeAttr(b *bytes.Buffer, s string) { attrEscaper.WriteString(b, s) }
