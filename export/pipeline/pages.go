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
	names    map[string]string // entry key (see key) → file name, as listed at the first load

	mu      sync.Mutex
	pending map[pendingKey]pendingPage // stored pages waiting for their output file
	made    bool                       // the pages folder exists
}

// pendingKey tells a stored page's bytes: where they lie in memory and
// how many.
type pendingKey struct {
	at *byte
	n  int
}

// pendingPage is an entry to be made once its bytes are written out.
type pendingPage struct {
	key  string
	data []byte
	crc  uint32 // of data when stored
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
		pc.names = map[string]string{}
		des, err := os.ReadDir(filepath.Join(pc.dir, pagesFolder))
		if err != nil {
			return
		}
		for _, de := range des {
			n := de.Name()
			if !strings.HasSuffix(n, ".png") || len(n) < 13 || n[len(n)-13] != '-' {
				continue
			}
			pc.names[n[:len(n)-13]] = n
		}
		pc.mu.Lock()
		pc.made = true
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
	name, ok := pc.names[pc.key(sum, kind)]
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

// store keeps a page's PNG. The entry is made when data (the same bytes,
// in the same memory) is written to an output file with builder.write:
// as a second name of that file. A page whose bytes are never written out
// is not kept.
func (pc *pageCache) store(sum [sha256.Size]byte, kind string, data []byte) {
	if pc.dir == "" || len(data) == 0 {
		return
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	if pc.pending == nil {
		pc.pending = map[pendingKey]pendingPage{}
	}
	pc.pending[pendingKey{&data[0], len(data)}] = pendingPage{pc.key(sum, kind), data, crc32.ChecksumIEEE(data)}
}

// waiting reports whether stored pages wait for their output files.
func (pc *pageCache) waiting() bool {
	if pc.dir == "" {
		return false
	}
	pc.mu.Lock()
	defer pc.mu.Unlock()
	return len(pc.pending) > 0
}

// written is told that the output file path now holds data: if those are
// a stored page's bytes (the same memory, unchanged since), its entry is
// made.
func (pc *pageCache) written(path string, data []byte) {
	if len(data) == 0 {
		return
	}
	k := pendingKey{&data[0], len(data)}
	pc.mu.Lock()
	pg, ok := pc.pending[k]
	delete(pc.pending, k)
	pc.mu.Unlock()
	if !ok {
		return
	}
	crc := crc32.ChecksumIEEE(data)
	if crc != pg.crc {
		return
	}
	dir := filepath.Join(pc.dir, pagesFolder)
	entry := filepath.Join(dir, entryName(pg.key, crc))
	err := os.Link(path, entry)
	if errors.Is(err, fs.ErrNotExist) && pc.makeFolder(dir) {
		err = os.Link(path, entry)
	}
	if err == nil || errors.Is(err, fs.ErrExist) {
		return
	}
	// Another file system, or one without links: a copy.
	cachedir.Store(entry, pg.data)
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

// outputWriter passes an output file's bytes on and notes what was
// written: when it was one slice, that slice (for pageCache.written).
type outputWriter struct {
	w     io.Writer
	calls int
	first []byte
}

func (o *outputWriter) Write(p []byte) (int, error) {
	if o.calls == 0 {
		o.first = p
	}
	o.calls++
	return o.w.Write(p)
}
