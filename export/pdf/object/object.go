// Package object writes the bytes of a PDF file: numbered indirect
// objects, dictionaries, arrays, strings and streams, the cross-reference
// table and the trailer. It knows nothing about pages, fonts or pictures;
// package pdf builds those from these pieces.
//
// # Writing a file
//
// A [Writer] streams each object to its output as soon as the caller
// hands it over, so memory holds only what the caller still needs (a
// page's content while it is drawn, the fonts and pictures in use), never
// the whole document:
//
//	w := object.NewWriter(out, "1.7")
//	pages := w.Alloc()                    // a number now, the object later
//	content := w.Add(object.Stream{Data: ops, Compress: true})
//	page := w.Add(object.Dict{"Type": object.Name("Page"), "Parent": pages, "Contents": content})
//	w.Put(pages, object.Dict{"Type": object.Name("Pages"), "Kids": object.Array{page}, "Count": 1})
//	root := w.Add(object.Dict{"Type": object.Name("Catalog"), "Pages": pages})
//	err := w.Close(object.Dict{"Root": root})
//
// Alloc reserves an object number to be written later with Put: a page
// refers to its parent before the page tree exists, a structure element
// to its parent before the tree is complete. Close fails when a reserved
// number was never written.
//
// # Values
//
// [Dict] keys are written in sorted order, so equal dictionaries give
// equal bytes. A Go string is a PDF text string (ASCII as a literal,
// anything else as UTF-16BE with a byte order mark, which also carries
// characters beyond U+FFFF); [Bytes] is a byte string written in hex;
// [Name], [Ref], [Array], bool, integers and floats are what they say;
// [Raw] is written as it is (an operator list, a date already
// formatted); nil is null.
//
// # Reproducible files
//
// The trailer's /ID is a digest of every byte written before it, so the
// same objects in the same order give the same file, and any change gives
// a different identifier.
//
// # Content streams
//
// [Content] builds a page's (or form's) content stream: graphics and text
// operators, plus marked content for tagged PDF: BeginMarked with an
// MCID, BeginArtifact and EndMarked write BDC ... EMC pairs. Package pdf
// gives every drawn box to one function, where tagging wraps the box's
// operators in marked content.
package object

import (
	"bufio"
	"bytes"
	stdzlib "compress/zlib"
	"crypto/md5"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// Ref is the number of an indirect object (generation 0).
type Ref int

// Name is a PDF name, written with a leading slash.
type Name string

// Dict is a PDF dictionary. Keys are names without the slash; entries
// whose value is nil are left out.
type Dict map[string]any

// Array is a PDF array.
type Array []any

// Bytes is a byte string, written in hex.
type Bytes []byte

// Raw is written into the file as it is.
type Raw string

// Stream is a stream object: its dictionary (without /Length and, when
// Compress is set, /Filter, which the writer adds) and its data.
// Compress compresses Data with Flate; data already compressed keeps its
// own /Filter in Dict and leaves Compress false.
type Stream struct {
	Dict     Dict
	Data     []byte
	Compress bool
}

// Writer writes a PDF file object by object. It is not safe for
// concurrent use.
type Writer struct {
	w       *bufio.Writer
	sum     hash.Hash
	n       int64   // bytes written
	offsets []int64 // by object number; 0 = reserved, -1 = unused
	err     error
	buf     []byte // scratch for one object
	zbuf    bytes.Buffer
	fast    bool // compress with zlib's fastest level
}

// NewWriter starts a PDF file of the given version ("1.7") on out.
func NewWriter(out io.Writer, version string) *Writer {
	bw := bufPool.Get().(*bufio.Writer)
	bw.Reset(out)
	w := &Writer{w: bw, sum: md5.New(), offsets: []int64{-1}}
	// The comment of high-bit bytes tells transfer programs the file is
	// binary.
	w.write([]byte("%PDF-" + version + "\n%\xe2\xe3\xcf\xd3\n"))
	return w
}

// CompressFast makes the writer compress streams at FastLevel instead of
// Level: for screen PDFs, a third of the time for streams about 1 % larger.
func (w *Writer) CompressFast(fast bool) { w.fast = fast }

// Deflate levels of github.com/klauspost/compress, chosen on the samples'
// streams (content streams, font subsets) against compress/flate's, which
// the writer used before: Level gives streams no larger than the standard
// library's default level (6) in under half its time, FastLevel streams
// 5 % smaller than its BestSpeed in under half its time.
const (
	Level     = 8
	FastLevel = 4
)

// Len returns the number of bytes written so far.
func (w *Writer) Len() int64 { return w.n }

func (w *Writer) write(b []byte) {
	if w.err != nil {
		return
	}
	w.sum.Write(b)
	_, w.err = w.w.Write(b)
	w.n += int64(len(b))
}

// Alloc reserves the next object number; write the object later with
// Put.
func (w *Writer) Alloc() Ref {
	w.offsets = append(w.offsets, 0)
	return Ref(len(w.offsets) - 1)
}

// Add writes v as a new indirect object and returns its reference. A
// [Stream] becomes a stream object.
func (w *Writer) Add(v any) Ref {
	r := w.Alloc()
	w.Put(r, v)
	return r
}

// Put writes v as object r, which Alloc reserved.
func (w *Writer) Put(r Ref, v any) {
	if w.err != nil {
		return
	}
	if r <= 0 || int(r) >= len(w.offsets) || w.offsets[r] != 0 {
		w.err = fmt.Errorf("pdf object %d written twice or never reserved", r)
		return
	}
	w.offsets[r] = w.n
	b := w.buf[:0]
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, " 0 obj\n"...)
	if s, ok := v.(Stream); ok {
		data := s.Data
		d := s.Dict
		if s.Compress {
			data = w.flate(data)
			d = with(d, "Filter", Name("FlateDecode"))
		}
		b = AppendValue(b, with(d, "Length", len(data)))
		b = append(b, "\nstream\n"...)
		w.write(b)
		w.write(data)
		b = append(b[:0], "\nendstream\nendobj\n"...)
	} else {
		b = AppendValue(b, v)
		b = append(b, "\nendobj\n"...)
	}
	w.write(b)
	if cap(b) <= 1<<16 {
		w.buf = b[:0]
	}
}

// with returns d with key set to v, without changing d.
func with(d Dict, key string, v any) Dict {
	out := make(Dict, len(d)+1)
	for k, x := range d {
		out[k] = x
	}
	out[key] = v
	return out
}

// bufPool holds output buffers, reused from file to file.
var bufPool = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

// zpool and zpoolFast hold zlib writers at Level and FastLevel, reused
// across the process.
var (
	zpool     = sync.Pool{New: func() any { return newZlib(Level) }}
	zpoolFast = sync.Pool{New: func() any { return newZlib(FastLevel) }}
)

// newZlib returns a zlib writer at level (a valid one: no error).
func newZlib(level int) *zlib.Writer {
	z, _ := zlib.NewWriterLevel(nil, level)
	return z
}

// deflate appends b compressed to dst, at the level w compresses streams.
func (w *Writer) deflate(dst *bytes.Buffer, b []byte) {
	pool := &zpool
	if w.fast {
		pool = &zpoolFast
	}
	zw := pool.Get().(*zlib.Writer)
	zw.Reset(dst)
	zw.Write(b)
	zw.Close()
	pool.Put(zw)
}

// flate compresses a stream's data into w's own buffer.
func (w *Writer) flate(b []byte) []byte {
	w.zbuf.Reset()
	w.deflate(&w.zbuf, b)
	return w.zbuf.Bytes()
}

// Compress returns b compressed as w compresses streams, for a stream
// whose data is compressed beforehand (its Dict then names the
// FlateDecode filter). It is safe to call from other goroutines while w
// writes.
func (w *Writer) Compress(b []byte) []byte {
	var buf bytes.Buffer
	w.deflate(&buf, b)
	return buf.Bytes()
}

// FlateBest compresses b as small as zlib can, for data compressed once
// and written into many files (a colour profile). It uses the standard
// library's compressor at its best level, which makes the colour profiles
// 1 % smaller than klauspost's.
func FlateBest(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := stdzlib.NewWriterLevel(&buf, stdzlib.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// Close writes the cross-reference table and the trailer (trailer's
// entries, typically /Root and /Info, plus /Size and /ID) and flushes.
// It fails when an object was reserved but never written, or when
// writing failed.
func (w *Writer) Close(trailer Dict) error {
	for i, off := range w.offsets {
		if off == 0 {
			return fmt.Errorf("pdf object %d was reserved but never written", i)
		}
	}
	if w.err != nil {
		return w.err
	}
	var id [md5.Size]byte
	w.sum.Sum(id[:0])
	xref := w.n
	var b []byte
	b = fmt.Appendf(b, "xref\n0 %d\n0000000000 65535 f \n", len(w.offsets))
	for _, off := range w.offsets[1:] {
		b = fmt.Appendf(b, "%010d 00000 n \n", off)
	}
	t := with(trailer, "Size", len(w.offsets))
	t["ID"] = Array{Bytes(id[:]), Bytes(id[:])}
	b = append(b, "trailer\n"...)
	b = AppendValue(b, t)
	b = fmt.Appendf(b, "\nstartxref\n%d\n%%%%EOF\n", xref)
	w.write(b)
	if w.err != nil {
		return w.err
	}
	err := w.w.Flush()
	w.w.Reset(nil)
	bufPool.Put(w.w)
	w.w, w.err = nil, errors.New("pdf file already closed")
	return err
}

// appendArray appends the elements of v, each written by add, as a PDF
// array.
func appendArray[T any](b []byte, v []T, add func([]byte, T) []byte) []byte {
	b = append(b, '[')
	for i, x := range v {
		if i > 0 {
			b = append(b, ' ')
		}
		b = add(b, x)
	}
	return append(b, ']')
}

// AppendValue appends v in PDF syntax to b.
func AppendValue(b []byte, v any) []byte {
	switch v := v.(type) {
	case nil:
		return append(b, "null"...)
	case bool:
		return strconv.AppendBool(b, v)
	case int:
		return strconv.AppendInt(b, int64(v), 10)
	case int64:
		return strconv.AppendInt(b, v, 10)
	case uint16:
		return strconv.AppendInt(b, int64(v), 10)
	case float64:
		return AppendNumber(b, v)
	case Name:
		return appendName(b, string(v))
	case Ref:
		b = strconv.AppendInt(b, int64(v), 10)
		return append(b, " 0 R"...)
	case string:
		return AppendText(b, v)
	case Bytes:
		b = append(b, '<')
		b = fmt.Appendf(b, "%X", []byte(v))
		return append(b, '>')
	case Raw:
		return append(b, v...)
	case Array:
		return appendArray(b, v, AppendValue)
	case []Ref:
		return appendArray(b, v, func(b []byte, r Ref) []byte { return AppendValue(b, r) })
	case []float64:
		return appendArray(b, v, AppendNumber)
	case Dict:
		b = append(b, "<<"...)
		keys := make([]string, 0, len(v))
		for k, x := range v {
			if x != nil {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for i, k := range keys {
			if i > 0 {
				b = append(b, ' ')
			}
			b = appendName(b, k)
			b = append(b, ' ')
			b = AppendValue(b, v[k])
		}
		return append(b, ">>"...)
	}
	panic(fmt.Sprintf("pdf object: cannot write a %T", v))
}

// AppendNumber appends v with at most three decimals and no trailing
// zeros.
func AppendNumber(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Round(v*1000) / 1000
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.AppendInt(b, int64(v), 10)
	}
	start := len(b)
	b = strconv.AppendFloat(b, v, 'f', 3, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[start:]) == "-0" {
		b = append(b[:start], '0')
	}
	return b
}

// Number formats v as AppendNumber does.
func Number(v float64) string { return string(AppendNumber(nil, v)) }

func appendName(b []byte, s string) []byte {
	b = append(b, '/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("#()<>[]{}/%", c) >= 0 {
			b = fmt.Appendf(b, "#%02X", c)
			continue
		}
		b = append(b, c)
	}
	return b
}

// AppendText appends s as a PDF text string: a literal when s is
// printable ASCII, else UTF-16BE with a byte order mark, in hex.
func AppendText(b []byte, s string) []byte {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x7f || s[i] < ' ' {
			ascii = false
			break
		}
	}
	if ascii {
		return AppendLiteral(b, []byte(s))
	}
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = fmt.Appendf(b, "%04X", u)
	}
	return append(b, '>')
}

// AppendLiteral appends s as a literal string in parentheses, escaping
// what must be escaped.
func AppendLiteral(b []byte, s []byte) []byte {
	b = append(b, '(')
	for _, c := range s {
		switch c {
		case '(', ')', '\\':
			b = append(b, '\\', c)
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, c)
		}
	}
	return append(b, ')')
}

// Date formats t as a PDF date in UTC, D:YYYYMMDDHHmmSSZ.
func Date(t time.Time) string {
	return "D:" + t.UTC().Format("20060102150405") + "Z"
}
