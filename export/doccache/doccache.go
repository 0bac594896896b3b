// Package doccache keeps finished documents between runs, as a build
// system keeps its targets: a rebuild whose inputs did not change copies a
// document's files from the cache instead of laying it out and writing it
// again.
//
// An entry is named by a digest of everything the document is made from
// ([Cache.Key]): the caller's parts (the document tree, the template, the
// options, the pictures' contents) and the running program itself (its Go
// build ID, or a digest of its executable), so a change to any of them,
// or a new leafpress, names a new entry and the old one is never used.
// Entries are written under a temporary name and renamed
// (cachedir.StoreWith); an entry that is damaged, cut short or written by
// another program is ignored and written again.
package doccache

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"

	"leafpress/export/cachedir"
)

// magic starts every entry; the version changes with the entry format.
const magic = "leafpress document 3\n"

// Cache is a folder of finished documents. A nil *Cache keeps nothing.
type Cache struct {
	dir   string
	build []byte
}

// Key names one document made from given inputs.
type Key string

// Folder is the folder of the cache folder the documents are kept in.
const Folder = "documents"

// New returns the cache kept in dir/documents, or nil when dir is "" or
// the running program cannot be identified (then nothing can be reused
// safely).
func New(dir string) *Cache {
	if dir == "" {
		return nil
	}
	id := buildID()
	if id == nil {
		return nil
	}
	return &Cache{dir: filepath.Join(dir, Folder), build: id}
}

// BuildID identifies the running program as buildID does, for other
// caches of things it makes (export/raster's page digests); nil when it
// cannot be read.
func BuildID() []byte { return buildID() }

// buildID identifies the running program: its Go build ID (a digest of
// everything it was built from), else a digest of its executable file;
// nil when neither can be read.
var buildID = sync.OnceValue(func() []byte {
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if s := f.Section(".note.go.buildid"); s != nil {
			if b, err := s.Data(); err == nil && len(b) > 16 {
				return append([]byte("go build id "), b...)
			}
		}
	}
	f, err := os.Open(exe)
	if err != nil {
		return nil
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil
	}
	return append([]byte("executable "), h.Sum(nil)...)
})

// Key returns the name of the document made from parts, each encoded as
// JSON; ok is false when a part cannot be encoded (the document is then
// not cached).
func (c *Cache) Key(parts ...any) (k Key, ok bool) {
	if c == nil {
		return "", false
	}
	h := sha256.New()
	h.Write([]byte(magic))
	h.Write(c.build)
	for _, p := range parts {
		// Each part is digested on its own, so that ("ab","c") is not
		// ("a","bc"), and encoded straight into its digest (a programme's
		// tree is a megabyte of JSON).
		ph := sha256.New()
		if json.NewEncoder(ph).Encode(p) != nil {
			return "", false
		}
		h.Write(ph.Sum(nil))
	}
	return Key(hex.EncodeToString(h.Sum(nil))), true
}

func (c *Cache) path(k Key) string { return filepath.Join(c.dir, string(k[:2]), string(k)) }

// An entry is: magic, the SHA-256 of the rest, the length of meta and
// meta (JSON), the number of files, each file's length, the files.

// Entry is an entry opened by [Cache.Load], checked whole: its files are
// copied out with [Entry.WriteFile], and Close lets it go.
type Entry struct {
	f    *os.File
	offs []int64 // where each file starts in f
	lens []int64
}

// Files returns the number of files in the entry.
func (e *Entry) Files() int { return len(e.lens) }

// WriteFile copies file i of the entry to w. When w writes to a file (as
// export/outfile's writer does), the copy is made by the kernel, without
// passing through leafpress's memory.
func (e *Entry) WriteFile(i int, w io.Writer) error {
	if _, err := e.f.Seek(e.offs[i], io.SeekStart); err != nil {
		return err
	}
	n, err := io.Copy(w, &io.LimitedReader{R: e.f, N: e.lens[i]})
	if err == nil && n != e.lens[i] {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// Same reports whether the file at path holds exactly file i of the
// entry, read through small buffers: a rebuild then leaves an output that
// would not change as it is.
func (e *Entry) Same(i int, path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() != e.lens[i] {
		return false
	}
	ap, bp := buffers.Get().(*[]byte), buffers.Get().(*[]byte)
	defer buffers.Put(ap)
	defer buffers.Put(bp)
	a, b := *ap, *bp
	for off, left := e.offs[i], e.lens[i]; left > 0; {
		n := int(min(left, int64(len(a))))
		if _, err := e.f.ReadAt(a[:n], off); err != nil {
			return false
		}
		if _, err := io.ReadFull(f, b[:n]); err != nil || !bytes.Equal(a[:n], b[:n]) {
			return false
		}
		off += int64(n)
		left -= int64(n)
	}
	// Nothing after the end (the file may have grown since Stat).
	var one [1]byte
	n, _ := f.Read(one[:])
	return n == 0
}

// Close closes the entry's file.
func (e *Entry) Close() error { return e.f.Close() }

// buffers holds the buffers entries are checked through.
var buffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// Load opens entry k and reads its meta into meta (a pointer); ok is
// false when there is no such entry or it cannot be trusted. The whole
// entry is checked against its digest before Load returns, reading it
// through a small buffer. The caller closes the entry.
func (c *Cache) Load(k Key, meta any) (e *Entry, ok bool) {
	if c == nil || len(k) < 2 {
		return nil, false
	}
	f, err := os.Open(c.path(k))
	if err != nil {
		return nil, false
	}
	defer func() {
		if !ok {
			f.Close()
		}
	}()
	fi, err := f.Stat()
	if err != nil {
		return nil, false
	}
	bp := buffers.Get().(*[]byte)
	defer buffers.Put(bp)
	buf := *bp
	// The head (magic, digest, meta, the files' lengths) is read first,
	// usually within one buffer.
	n, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF {
		return nil, false
	}
	head := buf[:n]
	// need makes the head at least size bytes long.
	need := func(size int) bool {
		if size <= len(head) {
			return true
		}
		if int64(size) > fi.Size() {
			return false
		}
		longer := make([]byte, size)
		copy(longer, head)
		if _, err := io.ReadFull(f, longer[len(head):]); err != nil {
			return false
		}
		head = longer
		return true
	}
	pos := len(magic) + sha256.Size
	if !need(pos) || string(head[:len(magic)]) != magic {
		return nil, false
	}
	var sum [sha256.Size]byte // head may be in buf, which is read into again below
	copy(sum[:], head[len(magic):pos])
	next := func() (int, bool) {
		if !need(pos + 4) {
			return 0, false
		}
		v := int(binary.BigEndian.Uint32(head[pos:]))
		pos += 4
		return v, true
	}
	metaLen, ok := next()
	if !ok || !need(pos+metaLen) {
		return nil, false
	}
	metaJSON := bytes.Clone(head[pos : pos+metaLen])
	pos += metaLen
	count, ok := next()
	if !ok || !need(pos+4*count) {
		return nil, false
	}
	e = &Entry{f: f, lens: make([]int64, count), offs: make([]int64, count)}
	off := int64(pos + 4*count)
	for i := range e.lens {
		l, _ := next()
		e.lens[i], e.offs[i] = int64(l), off
		off += int64(l)
	}
	if off != fi.Size() {
		return nil, false
	}
	// The digest covers everything after itself: what is in head, then
	// the rest of the file.
	h := sha256.New()
	h.Write(head[len(magic)+sha256.Size:])
	for {
		m, err := f.Read(buf)
		h.Write(buf[:m])
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, false
		}
	}
	if !bytes.Equal(h.Sum(nil), sum[:]) || json.Unmarshal(metaJSON, meta) != nil {
		return nil, false
	}
	cachedir.Used(c.path(k))
	return e, true
}

// StoreFiles writes entry k: meta (JSON) and the files at paths (the PDFs
// just written), without reading them into memory: they are digested
// through a small buffer and copied into the entry by the kernel. A file
// changed between the two readings makes an entry that Load refuses.
// Failing to write is not an error: the document is only made again next
// time.
func (c *Cache) StoreFiles(k Key, meta any, paths []string) {
	if c == nil || len(k) < 2 {
		return
	}
	lens := make([]int64, len(paths))
	for i, p := range paths {
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() >= 1<<32 {
			return
		}
		lens[i] = fi.Size()
	}
	mb, err := json.Marshal(meta)
	if err != nil {
		return
	}
	hb := binary.BigEndian.AppendUint32(nil, uint32(len(mb)))
	hb = append(hb, mb...)
	hb = binary.BigEndian.AppendUint32(hb, uint32(len(lens)))
	for _, l := range lens {
		hb = binary.BigEndian.AppendUint32(hb, uint32(l))
	}
	bp := buffers.Get().(*[]byte)
	defer buffers.Put(bp)
	// each copies every file to w (twice: to digest, then to the entry),
	// checking its length.
	each := func(w io.Writer) error {
		for i, l := range lens {
			f, err := os.Open(paths[i])
			if err != nil {
				return err
			}
			n, err := io.CopyBuffer(w, &io.LimitedReader{R: f, N: l}, *bp)
			f.Close()
			if err == nil && n != l {
				err = io.ErrUnexpectedEOF
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	h := sha256.New()
	h.Write(hb)
	if each(h) != nil {
		return
	}
	head := append(append([]byte(magic), h.Sum(nil)...), hb...)
	cachedir.StoreWith(c.path(k), func(f io.Writer) error {
		if _, err := f.Write(head); err != nil {
			return err
		}
		return each(f) // straight to the file: the kernel copies files
	})
}
