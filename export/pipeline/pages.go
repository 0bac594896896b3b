package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"leafpress/export/cachedir"
)

// pagesFolder is the folder of the cache folder drawn pages are kept in.
const pagesFolder = "pages"

// pageCache keeps drawn pages (thumbnails and share pictures, as PNG)
// between runs in the picture cache's folder, named by raster.Digest of
// the page: a rebuild after a text correction draws only the pages that
// changed. A missing, foreign or damaged entry is drawn again and
// rewritten; failing to store one is not an error.
type pageCache struct {
	dir string // "" keeps nothing
}

func (pc pageCache) path(sum [sha256.Size]byte, kind string) string {
	name := hex.EncodeToString(sum[:])
	return filepath.Join(pc.dir, pagesFolder, name[:2], name+"-"+kind+".png")
}

// pngStart and pngEnd open and close every whole PNG file: an entry
// without both was cut short or is not ours.
var (
	pngStart = []byte("\x89PNG\r\n\x1a\n")
	pngEnd   = []byte("\x00\x00\x00\x00IEND\xaeB`\x82")
)

// load returns the kept PNG of a page, or nil.
func (pc pageCache) load(sum [sha256.Size]byte, kind string) []byte {
	if pc.dir == "" {
		return nil
	}
	path := pc.path(sum, kind)
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, pngStart) || !bytes.HasSuffix(b, pngEnd) {
		return nil
	}
	cachedir.Used(path)
	return b
}

// store keeps a page's PNG (cachedir.Store: under a temporary name first,
// so that a reader never sees half of it).
func (pc pageCache) store(sum [sha256.Size]byte, kind string, data []byte) {
	if pc.dir != "" {
		cachedir.Store(pc.path(sum, kind), data)
	}
}
