package picture

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"

	"leafpress/export/cachedir"
)

// magic starts every cache entry; the version changes when the format or
// the way pictures are prepared changes, so older entries are not used.
const magic = "leafpress picture 4\n"

// header describes a cache entry; the data and the alpha channel follow.
type header struct {
	SourceWidth, SourceHeight int
	Width, Height             int
	ColourSpace, Encoding     string
	Passthrough, PNGPredictor bool
	Data, Alpha               int    // lengths
	Sum                       string // hex SHA-256 of data and alpha
}

// path returns the cache file of k: a digest of the content and of the
// preparation, in a folder named by its first two digits.
func (c *Cache) path(k prepKey) string {
	opts, _ := json.Marshal(k.opts)
	h := sha256.New()
	h.Write(k.sum[:])
	h.Write(opts)
	name := hex.EncodeToString(h.Sum(nil))
	return filepath.Join(c.dir, Folders[0], name[:2], name)
}

// Folders are the folders of the cache folder the picture cache writes
// in: the prepared pictures, and the marks of contents prepared before.
var Folders = []string{"pictures", "pictures-seen"}

// seenPath is the mark left in the cache folder once a preparation of a
// file's content is stored.
func (c *Cache) seenPath(sum [sha256.Size]byte) string {
	return filepath.Join(c.dir, Folders[1], hex.EncodeToString(sum[:]))
}

// seen reports whether a preparation of src's content is in the cache
// folder.
func (c *Cache) seen(src *Source) bool {
	if c.dir == "" {
		return false
	}
	path := c.seenPath(src.sum)
	if _, err := os.Stat(path); err != nil {
		return false
	}
	cachedir.Used(path)
	return true
}

// load returns the prepared picture k from the cache folder, or nil when
// there is none or it cannot be trusted.
func (c *Cache) load(k prepKey) (*Prepared, error) {
	if c.dir == "" {
		return nil, nil
	}
	path := c.path(k)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, nil
	}
	p := decodeEntry(b)
	if p != nil {
		cachedir.Used(path)
	}
	return p, nil
}

// decodeEntry reads a cache entry, or returns nil when it is not a whole,
// intact entry of this version.
func decodeEntry(b []byte) *Prepared {
	if !bytes.HasPrefix(b, []byte(magic)) || len(b) < len(magic)+4 {
		return nil
	}
	b = b[len(magic):]
	n := int(binary.BigEndian.Uint32(b))
	b = b[4:]
	if n > len(b) {
		return nil
	}
	var h header
	if err := json.Unmarshal(b[:n], &h); err != nil {
		return nil
	}
	b = b[n:]
	if h.Data < 0 || h.Alpha < 0 || h.Data+h.Alpha != len(b) || h.Width <= 0 || h.Height <= 0 {
		return nil
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != h.Sum {
		return nil
	}
	p := &Prepared{SourceWidth: h.SourceWidth, SourceHeight: h.SourceHeight, Width: h.Width, Height: h.Height,
		ColourSpace: h.ColourSpace, Encoding: h.Encoding, Passthrough: h.Passthrough, PNGPredictor: h.PNGPredictor, Data: b[:h.Data]}
	if h.Alpha > 0 {
		p.Alpha = b[h.Data:]
	}
	return p
}

// store writes p to the cache folder under a temporary name and renames
// it, so a reader never sees half an entry. Failing to write is not an
// error: the picture is only prepared again next time.
func (c *Cache) store(k prepKey, p *Prepared) {
	if c.dir == "" {
		return
	}
	sum := sha256.New()
	sum.Write(p.Data)
	sum.Write(p.Alpha)
	h, _ := json.Marshal(header{SourceWidth: p.SourceWidth, SourceHeight: p.SourceHeight, Width: p.Width, Height: p.Height,
		ColourSpace: p.ColourSpace, Encoding: p.Encoding, Passthrough: p.Passthrough, PNGPredictor: p.PNGPredictor, Data: len(p.Data), Alpha: len(p.Alpha),
		Sum: hex.EncodeToString(sum.Sum(nil))})
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(h)))
	if cachedir.Store(c.path(k), []byte(magic), n[:], h, p.Data, p.Alpha) != nil {
		return
	}
	if os.MkdirAll(filepath.Dir(c.seenPath(k.sum)), 0o755) == nil {
		os.WriteFile(c.seenPath(k.sum), nil, 0o644)
	}
}
