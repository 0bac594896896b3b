package pipeline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"leafpress/export/cachedir"
	"leafpress/export/doc"
	"leafpress/export/raster"
	"leafpress/layout"
)

// pagesFolder is the folder of the cache folder drawn pages are kept in.
const pagesFolder = "pages"

// pageCache keeps drawn pages (thumbnails and share pictures, as PNG)
// between runs in the picture cache's folder, named by raster.Digest of
// the page: a rebuild after a text correction draws only the pages that
// changed. A missing, foreign or damaged entry is drawn again and
// rewritten; failing to store one is not an error.
//
// An entry is a second name (a hard link) of the output file the page was
// written to, so that keeping it costs no copy: creating a file costs a
// system far more than naming one again. The entry's name holds the
// CRC-32 of its bytes, which is checked whenever it is used: an output
// file changed in place after the run (which changes the entry with it)
// is thus never taken for the drawn page. Where the output folder and the
// cache folder cannot share a file (two file systems), the bytes are
// copied. Entries lie in the pages folder itself, not in subfolders:
// making a folder costs as much as making a file.
type pageCache struct {
	dir string // "" keeps nothing

	listOnce sync.Once

	mu sync.Mutex
	// names maps an entry's key (see key) to its file name: the entries
	// listed at the first load and those kept since, so that a page
	// drawn twice in one run (two programmes ending on the same back
	// cover) is drawn once if the first drawing is written by then.
	names map[string]string
	made  bool // the pages folder exists
}

// digest is the key of page pg drawn w × h pixels (raster.Digest), worked
// out only when pages are kept (a cache folder is used); ok is false when
// there is none.
func (pc *pageCache) digest(r *raster.Renderer, pg *layout.Page, w, h int) (sum [sha256.Size]byte, ok bool) {
	if pc.dir == "" {
		return sum, false
	}
	return r.Digest(pg, w, h)
}

// key is the name of a page's entry without its CRC: the digest and kind.
func (pc *pageCache) key(sum [sha256.Size]byte, kind string) string {
	return hex.EncodeToString(sum[:]) + "-" + kind
}

// entryName is the file name of an entry of key holding bytes of CRC-32 crc.
func entryName(key string, crc uint32) string { return fmt.Sprintf("%s-%08x.png", key, crc) }

// list reads the names of the kept entries once.
func (pc *pageCache) list() {
	pc.listOnce.Do(func() {
		names := map[string]string{}
		des, err := os.ReadDir(filepath.Join(pc.dir, pagesFolder))
		for _, de := range des {
			n := de.Name()
			if !strings.HasSuffix(n, ".png") || len(n) < 13 || n[len(n)-13] != '-' {
				continue
			}
			names[n[:len(n)-13]] = n
		}
		pc.mu.Lock()
		pc.names = names
		pc.made = pc.made || err == nil
		pc.mu.Unlock()
	})
}

// pngStart and pngEnd open and close every whole PNG file: an entry
// without both was cut short or is not ours.
var (
	pngStart = []byte("\x89PNG\r\n\x1a\n")
	pngEnd   = []byte("\x00\x00\x00\x00IEND\xaeB`\x82")
)

// load returns the kept PNG of a page, or nil. An entry whose bytes do not
// match the CRC-32 in its name is removed.
func (pc *pageCache) load(sum [sha256.Size]byte, kind string) []byte {
	if pc.dir == "" {
		return nil
	}
	pc.list()
	pc.mu.Lock()
	name, ok := pc.names[pc.key(sum, kind)]
	pc.mu.Unlock()
	if !ok {
		return nil
	}
	path := filepath.Join(pc.dir, pagesFolder, name)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	if !bytes.HasPrefix(b, pngStart) || !bytes.HasSuffix(b, pngEnd) || entryName(pc.key(sum, kind), crc32.ChecksumIEEE(b)) != name {
		os.Remove(path)
		return nil
	}
	// An entry that is a second name of an output file (of this folder's
	// last run or another's) is not marked used, as that would change the
	// output file's date too: it ages from its making (cachedir.Prune),
	// and is drawn and kept again once pruned.
	if fi, err := os.Stat(path); err == nil && !otherNames(fi) {
		cachedir.Used(path)
	}
	return b
}

// keep makes the entry of a page drawn in this run whose PNG, data, was
// just written to the output file path: a second name of that file, or a
// copy where none can be made.
func (pc *pageCache) keep(sum [sha256.Size]byte, kind, path string, data []byte) {
	if pc.dir == "" || len(data) == 0 {
		return
	}
	pc.list()
	dir := filepath.Join(pc.dir, pagesFolder)
	key := pc.key(sum, kind)
	name := entryName(key, crc32.ChecksumIEEE(data))
	entry := filepath.Join(dir, name)
	err := os.Link(path, entry)
	if errors.Is(err, fs.ErrNotExist) && pc.makeFolder(dir) {
		err = os.Link(path, entry)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) {
		// Another file system, or one without links: a copy.
		if cachedir.Store(entry, data) != nil {
			return
		}
	}
	pc.mu.Lock()
	pc.names[key] = name
	pc.mu.Unlock()
}

// makeFolder makes the pages folder, once; false when it could not be.
func (pc *pageCache) makeFolder(dir string) bool {
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if !pc.made {
		pc.made = os.MkdirAll(dir, 0o755) == nil
	}
	return pc.made
}

// writePNG writes a page's PNG to path. drawn is the page's digest when
// it was drawn in this run and pages are kept (nil otherwise): the written
// file then becomes its entry of kind.
func (b *builder) writePNG(p *doc.Programme, path string, data []byte, drawn *[sha256.Size]byte, kind string) {
	err := b.write(p, path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
	if err == nil && drawn != nil {
		b.pages.keep(*drawn, kind, path, data)
	}
}
