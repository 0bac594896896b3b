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
// Entries are written under a temporary name and renamed; an entry that
// is damaged, cut short or written by another program is ignored and
// written again.
package doccache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"

	"leafpress/export/cachedir"
)

// magic starts every entry; the version changes with the entry format.
const magic = "leafpress document 2\n"

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
		b, err := json.Marshal(p)
		if err != nil {
			return "", false
		}
		// Lengths keep part boundaries apart: ("ab","c") is not ("a","bc").
		h.Write([]byte{byte(len(b) >> 24), byte(len(b) >> 16), byte(len(b) >> 8), byte(len(b))})
		h.Write(b)
	}
	return Key(hex.EncodeToString(h.Sum(nil))), true
}

func (c *Cache) path(k Key) string { return filepath.Join(c.dir, string(k[:2]), string(k)) }

// An entry is: magic, the SHA-256 of the rest, the length of meta and
// meta (gob), the number of files, each file's length, the files.

// Load reads entry k: its meta into meta (a pointer) and its files, which
// share one buffer. ok is false when there is no such entry or it cannot
// be trusted.
func (c *Cache) Load(k Key, meta any) (files [][]byte, ok bool) {
	if c == nil || len(k) < 2 {
		return nil, false
	}
	b, err := os.ReadFile(c.path(k))
	if err != nil || !bytes.HasPrefix(b, []byte(magic)) || len(b) < len(magic)+sha256.Size {
		return nil, false
	}
	b = b[len(magic):]
	sum, rest := b[:sha256.Size], b[sha256.Size:]
	if s := sha256.Sum256(rest); !bytes.Equal(s[:], sum) {
		return nil, false
	}
	next := func() (int, bool) {
		if len(rest) < 4 {
			return 0, false
		}
		n := int(binary.BigEndian.Uint32(rest))
		rest = rest[4:]
		return n, n <= len(rest)
	}
	n, ok := next()
	if !ok || gob.NewDecoder(bytes.NewReader(rest[:n])).Decode(meta) != nil {
		return nil, false
	}
	rest = rest[n:]
	count, ok := next()
	if !ok || count > len(rest)/4 {
		return nil, false
	}
	lens := make([]int, count)
	for i := range lens {
		if lens[i], ok = next(); !ok {
			return nil, false
		}
	}
	for _, l := range lens {
		if l > len(rest) {
			return nil, false
		}
		files = append(files, rest[:l:l])
		rest = rest[l:]
	}
	if len(rest) != 0 {
		return nil, false
	}
	cachedir.Used(c.path(k))
	return files, true
}

// Store writes entry k: meta (gob-encoded) and files. Failing to write is
// not an error: the document is only made again next time.
func (c *Cache) Store(k Key, meta any, files [][]byte) {
	if c == nil || len(k) < 2 {
		return
	}
	var head bytes.Buffer
	head.Write([]byte{0, 0, 0, 0})
	if gob.NewEncoder(&head).Encode(meta) != nil {
		return
	}
	hb := head.Bytes()
	binary.BigEndian.PutUint32(hb, uint32(len(hb)-4))
	hb = binary.BigEndian.AppendUint32(hb, uint32(len(files)))
	for _, f := range files {
		hb = binary.BigEndian.AppendUint32(hb, uint32(len(f)))
	}
	h := sha256.New()
	h.Write(hb)
	for _, f := range files {
		h.Write(f)
	}
	path := c.path(k)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	w := bufio.NewWriter(f)
	w.WriteString(magic)
	w.Write(h.Sum(nil))
	w.Write(hb)
	for _, d := range files {
		w.Write(d)
	}
	err = w.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(f.Name(), path) != nil {
		os.Remove(f.Name())
	}
}
