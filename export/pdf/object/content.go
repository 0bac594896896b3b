package object

import (
	"bytes"
	"strconv"
)

// Content is a content stream being built: operators and their operands,
// one operation per line. The zero value is ready to use.
type Content struct {
	buf   bytes.Buffer
	depth int // open marked-content sequences
}

// Bytes returns the stream so far. The slice is valid until the next
// change.
func (c *Content) Bytes() []byte { return c.buf.Bytes() }

// Len returns the length of the stream so far.
func (c *Content) Len() int { return c.buf.Len() }

// Reset empties the stream for the next page, keeping its memory.
func (c *Content) Reset() {
	c.buf.Reset()
	c.depth = 0
}

// Raw writes an operation as it is, followed by a newline.
func (c *Content) Raw(s string) {
	c.buf.WriteString(s)
	c.buf.WriteByte('\n')
}

// Op writes an operation: the numbers, then the operator.
func (c *Content) Op(op string, nums ...float64) {
	b := c.buf.AvailableBuffer()
	for _, n := range nums {
		b = AppendNumber(b, n)
		b = append(b, ' ')
	}
	b = append(b, op...)
	b = append(b, '\n')
	c.buf.Write(b)
}

// Append writes operands built by AppendValue and the like, then op.
func (c *Content) Append(op string, operands ...any) {
	b := c.buf.AvailableBuffer()
	for _, v := range operands {
		b = AppendValue(b, v)
		b = append(b, ' ')
	}
	b = append(b, op...)
	b = append(b, '\n')
	c.buf.Write(b)
}

// BeginMarked opens a marked-content sequence tagged tag (a structure
// type such as P or H1) with the marked-content identifier mcid, which
// the page's entry in the structure tree's ParentTree maps back to the
// structure element: /P <</MCID 3>> BDC. A negative mcid writes a
// sequence without properties (BMC).
func (c *Content) BeginMarked(tag Name, mcid int) {
	if mcid < 0 {
		c.Append("BMC", tag)
	} else {
		b := c.buf.AvailableBuffer()
		b = appendName(b, string(tag))
		b = append(b, " <</MCID "...)
		b = strconv.AppendInt(b, int64(mcid), 10)
		b = append(b, ">> BDC\n"...)
		c.buf.Write(b)
	}
	c.depth++
}

// BeginMarkedProps opens a marked-content sequence with a property
// dictionary written inline, e.g. /Span <</Lang (en) /MCID 4>> BDC.
func (c *Content) BeginMarkedProps(tag Name, props Dict) {
	c.Append("BDC", tag, props)
	c.depth++
}

// BeginArtifact opens a marked-content sequence for an artifact (running
// heads, folios, decorations): /Artifact BMC, or with a type such as
// Pagination or Layout, /Artifact <</Type /Pagination>> BDC.
func (c *Content) BeginArtifact(typ Name) {
	if typ == "" {
		c.BeginMarked("Artifact", -1)
		return
	}
	c.BeginMarkedProps("Artifact", Dict{"Type": typ})
}

// EndMarked closes the innermost marked-content sequence (EMC). It does
// nothing when none is open.
func (c *Content) EndMarked() {
	if c.depth == 0 {
		return
	}
	c.depth--
	c.buf.WriteString("EMC\n")
}

// Open returns the number of marked-content sequences still open; a
// page's stream must end with none.
func (c *Content) Open() int { return c.depth }
