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
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// magic starts every entry; the version changes with the entry format.
const magic = "leafpress document 1\n"

// Cache is a folder of finished documents. A nil *Cache keeps nothing.
type Cache struct {
	dir   string
	build []byte
}

// Key names one document made from given inputs.
type Key string

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
	return &Cache{dir: filepath.Join(dir, "documents"), build: id}
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

// Load reads entry k into v (a pointer, gob-encoded by Store) and
// reports whether it did: false when there is no such entry or it cannot
// be trusted.
func (c *Cache) Load(k Key, v any) bool {
	if c == nil || len(k) < 2 {
		return false
	}
	b, err := os.ReadFile(c.path(k))
	if err != nil || !bytes.HasPrefix(b, []byte(magic)) || len(b) < len(magic)+sha256.Size {
		return false
	}
	b = b[len(magic):]
	sum, payload := b[:sha256.Size], b[sha256.Size:]
	if s := sha256.Sum256(payload); !bytes.Equal(s[:], sum) {
		return false
	}
	return gob.NewDecoder(bytes.NewReader(payload)).Decode(v) == nil
}

// Store writes v as entry k. Failing to write is not an error: the
// document is only made again next time.
func (c *Cache) Store(k Key, v any) {
	if c == nil || len(k) < 2 {
		return
	}
	var payload bytes.Buffer
	if gob.NewEncoder(&payload).Encode(v) != nil {
		return
	}
	path := c.path(k)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	sum := sha256.Sum256(payload.Bytes())
	_, err = f.Write([]byte(magic))
	if err == nil {
		_, err = f.Write(sum[:])
	}
	if err == nil {
		_, err = f.Write(payload.Bytes())
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(f.Name(), path) != nil {
		os.Remove(f.Name())
	}
}
