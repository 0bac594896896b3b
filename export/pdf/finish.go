package pdf

import (
	"bytes"
	"crypto/md5"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strconv"
)

// file is a PDF as written by fpdf, taken apart into its numbered
// objects so that leafpress can add what fpdf cannot write (page boxes in
// a fixed order, subset tags, /Trapped, XMP, output intents, picture
// XObjects) and write it again with a fresh cross-reference table.
//
// It relies on fpdf's simple layout: a header, every object written once
// as "N 0 obj ... endobj" at the offset its xref table gives, one xref
// section and a trailer naming /Root and /Info. Nothing inside streams is
// ever parsed or edited.
type file struct {
	header []byte
	objs   map[int][]byte
	max    int
	root   int
	info   int
}

var (
	startxrefRe = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	rootRe      = regexp.MustCompile(`/Root (\d+) 0 R`)
	infoRe      = regexp.MustCompile(`/Info (\d+) 0 R`)
)

// parseFile splits fpdf's output into objects.
func parseFile(b []byte) (*file, error) {
	m := startxrefRe.FindSubmatch(b)
	if m == nil {
		return nil, fmt.Errorf("pdf writer produced no startxref")
	}
	xref, _ := strconv.Atoi(string(m[1]))
	if xref <= 0 || xref >= len(b) || !bytes.HasPrefix(b[xref:], []byte("xref")) {
		return nil, fmt.Errorf("pdf writer produced a bad startxref %d", xref)
	}
	trailerAt := bytes.Index(b[xref:], []byte("trailer"))
	if trailerAt < 0 {
		return nil, fmt.Errorf("pdf writer produced no trailer")
	}
	table := bytes.Fields(b[xref+len("xref") : xref+trailerAt])
	if len(table) < 2 {
		return nil, fmt.Errorf("pdf writer produced an empty xref table")
	}
	count, _ := strconv.Atoi(string(table[1]))
	entries := table[2:]
	if len(entries) != 3*count {
		return nil, fmt.Errorf("pdf writer produced an xref table of %d fields for %d objects", len(entries), count)
	}
	type span struct{ num, off int }
	var spans []span
	for i := 1; i < count; i++ {
		off, err := strconv.Atoi(string(entries[3*i]))
		if err != nil || string(entries[3*i+2]) != "n" {
			return nil, fmt.Errorf("pdf writer produced a bad xref entry for object %d", i)
		}
		spans = append(spans, span{i, off})
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].off < spans[j].off })
	f := &file{objs: map[int][]byte{}, max: count - 1}
	if len(spans) == 0 {
		return nil, fmt.Errorf("pdf writer produced no objects")
	}
	f.header = append([]byte(nil), b[:spans[0].off]...)
	for i, s := range spans {
		end := xref
		if i+1 < len(spans) {
			end = spans[i+1].off
		}
		obj := b[s.off:end]
		if !bytes.HasPrefix(obj, []byte(strconv.Itoa(s.num)+" 0 obj")) {
			return nil, fmt.Errorf("pdf writer's object %d is not where its xref says", s.num)
		}
		f.objs[s.num] = obj
	}
	trailer := b[xref+trailerAt:]
	if m := rootRe.FindSubmatch(trailer); m != nil {
		f.root, _ = strconv.Atoi(string(m[1]))
	}
	if m := infoRe.FindSubmatch(trailer); m != nil {
		f.info, _ = strconv.Atoi(string(m[1]))
	}
	if f.objs[f.root] == nil || f.objs[f.info] == nil {
		return nil, fmt.Errorf("pdf writer's trailer names no catalog or info dictionary")
	}
	return f, nil
}

// dict returns the end of object n's dictionary part: everything before
// its stream, if it has one.
func (f *file) dictEnd(n int) int {
	obj := f.objs[n]
	if i := bytes.Index(obj, []byte("\nstream\n")); i >= 0 {
		return i
	}
	return len(obj)
}

// insertAfter inserts text after the first occurrence of marker in the
// dictionary part of object n and reports whether it found the marker.
func (f *file) insertAfter(n int, marker, text string) bool {
	obj := f.objs[n]
	i := bytes.Index(obj[:f.dictEnd(n)], []byte(marker))
	if i < 0 {
		return false
	}
	i += len(marker)
	out := make([]byte, 0, len(obj)+len(text))
	out = append(out, obj[:i]...)
	out = append(out, text...)
	out = append(out, obj[i:]...)
	f.objs[n] = out
	return true
}

// replaceDict replaces every old with new in the dictionary part of object
// n.
func (f *file) replaceDict(n int, old, new string) {
	obj := f.objs[n]
	end := f.dictEnd(n)
	d := bytes.ReplaceAll(obj[:end], []byte(old), []byte(new))
	f.objs[n] = append(d, obj[end:]...)
}

// numbers returns the object numbers in ascending order.
func (f *file) numbers() []int {
	return slices.Sorted(maps.Keys(f.objs))
}

// find returns the numbers of objects whose dictionary contains s.
func (f *file) find(s string) []int {
	var out []int
	for _, n := range f.numbers() {
		if bytes.Contains(f.objs[n][:f.dictEnd(n)], []byte(s)) {
			out = append(out, n)
		}
	}
	return out
}

// reserve returns a new object number, to be filled by set.
func (f *file) reserve() int {
	f.max++
	return f.max
}

// set stores object n with the given dictionary and, when stream is not
// nil, stream data.
func (f *file) set(n int, dict string, stream []byte) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%d 0 obj\n", n)
	if stream == nil {
		b.WriteString(dict)
		b.WriteString("\nendobj\n")
	} else {
		b.WriteString(dict)
		b.WriteString("\nstream\n")
		b.Write(stream)
		b.WriteString("\nendstream\nendobj\n")
	}
	f.objs[n] = b.Bytes()
}

// write writes the whole file with a new xref table and a trailer whose
// /ID is derived from the content, so equal content gives equal bytes.
func (f *file) write(w io.Writer, version string) (int64, error) {
	var out bytes.Buffer
	hdr := f.header
	if bytes.HasPrefix(hdr, []byte("%PDF-")) {
		if i := bytes.IndexByte(hdr, '\n'); i > 0 {
			hdr = append([]byte("%PDF-"+version), hdr[i:]...)
		}
	}
	out.Write(hdr)
	// A comment with high-bit bytes tells transfer programs the file is
	// binary.
	if !bytes.Contains(hdr, []byte("%\xe2\xe3")) {
		out.WriteString("%\xe2\xe3\xcf\xd3\n")
	}
	offsets := make([]int, f.max+1)
	for _, n := range f.numbers() {
		offsets[n] = out.Len()
		out.Write(f.objs[n])
	}
	sum := md5.Sum(out.Bytes())
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n0 %d\n0000000000 65535 f \n", f.max+1)
	for n := 1; n <= f.max; n++ {
		if f.objs[n] == nil {
			// a hole: a free entry keeps the table valid
			out.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(&out, "%010d 00000 n \n", offsets[n])
	}
	fmt.Fprintf(&out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/ID [<%x> <%x>]\n>>\nstartxref\n%d\n%%%%EOF\n",
		f.max+1, f.root, f.info, sum, sum, xref)
	return out.WriteTo(w)
}
