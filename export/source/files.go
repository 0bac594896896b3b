package source

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// files is where sources are read from: the operating system's files, or
// an fs.FS (the embedded samples). Paths are in the files' own form:
// OS paths, or slash-separated paths valid in the FS.
type files interface {
	ReadFile(name string) ([]byte, error)
	ReadDir(name string) ([]fs.DirEntry, error)
	Stat(name string) (fs.FileInfo, error)
	Open(name string) (io.ReadCloser, error)
	Join(elem ...string) string
	Dir(name string) string
	Base(name string) string
	// Clean returns a path in the files' form; ok is false when the path
	// cannot exist there (a path leaving an FS).
	Clean(name string) (string, bool)
	// Display returns the path as shown to the user: slash separated.
	Display(name string) string
	// Abs returns an absolute form of the path, to tell files apart.
	Abs(name string) string
	// FS is the fs.FS to record in doc.Image, or nil.
	FS() fs.FS
	// Within returns name (a path joined from a root and a picture's
	// path) when its real place, links followed, lies inside one of the
	// roots; errOutside when it leads out of all of them (told before
	// anything outside is looked at).
	Within(roots []string, name string) (string, error)
}

// errOutside is the error of a path that leads outside its root.
var errOutside = errors.New("the path leads outside its folder")

// osFiles reads the operating system's files. roots keeps the folders
// Within checks paths in open for one Load.
type osFiles struct{ roots *openRoots }

// openRoots are the folders Within opened, by path.
type openRoots struct {
	mu sync.Mutex
	m  map[string]*os.Root
}

// open returns the folder root opened as an os.Root, opening it once.
func (o *openRoots) open(root string) (*os.Root, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if r := o.m[root]; r != nil {
		return r, nil
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, err
	}
	if o.m == nil {
		o.m = map[string]*os.Root{}
	}
	o.m[root] = r
	return r, nil
}

// closeAll closes every folder opened.
func (o *openRoots) closeAll() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, r := range o.m {
		r.Close()
	}
	o.m = nil
}

func (osFiles) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (osFiles) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osFiles) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osFiles) Open(name string) (io.ReadCloser, error)    { return os.Open(name) }
func (osFiles) Join(elem ...string) string                 { return filepath.Join(elem...) }
func (osFiles) Dir(name string) string                     { return filepath.Dir(name) }
func (osFiles) Base(name string) string {
	b := filepath.Base(name)
	if b == "." || b == string(filepath.Separator) {
		if abs, err := filepath.Abs(name); err == nil {
			b = filepath.Base(abs)
		}
	}
	return b
}
func (osFiles) Clean(name string) (string, bool) { return filepath.Clean(name), true }
func (osFiles) Display(name string) string       { return filepath.ToSlash(name) }
func (osFiles) Abs(name string) string {
	if abs, err := filepath.Abs(name); err == nil {
		return abs
	}
	return name
}
func (osFiles) FS() fs.FS { return nil }
func (o osFiles) Within(roots []string, name string) (string, error) {
	abs, err := filepath.Abs(name)
	if err != nil {
		return "", err
	}
	var lastErr error = errOutside
	for _, root := range roots {
		ra, err := filepath.Abs(root)
		if err != nil {
			continue
		}
		rel, err := filepath.Rel(ra, abs)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		r, err := o.roots.open(root)
		if err != nil {
			continue
		}
		// os.Root follows links only while they stay inside the root and
		// stops at the first step that leads out, before looking further.
		_, err = r.Stat(rel)
		if err == nil {
			return name, nil
		}
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), "escapes") {
			lastErr = err
		}
	}
	return "", lastErr
}

// fsFiles reads an fs.FS.
type fsFiles struct{ fsys fs.FS }

func (f fsFiles) ReadFile(name string) ([]byte, error)       { return fs.ReadFile(f.fsys, name) }
func (f fsFiles) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(f.fsys, name) }
func (f fsFiles) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(f.fsys, name) }
func (f fsFiles) Open(name string) (io.ReadCloser, error)    { return f.fsys.Open(name) }
func (fsFiles) Join(elem ...string) string                   { return path.Join(elem...) }
func (fsFiles) Dir(name string) string                       { return path.Dir(name) }
func (fsFiles) Base(name string) string                      { return path.Base(name) }
func (fsFiles) Clean(name string) (string, bool) {
	name = strings.TrimLeft(path.Clean(strings.ReplaceAll(name, "\\", "/")), "/")
	if name == "" {
		name = "."
	}
	return name, fs.ValidPath(name)
}
func (fsFiles) Display(name string) string { return name }
func (fsFiles) Abs(name string) string     { return name }
func (f fsFiles) FS() fs.FS                { return f.fsys }
func (f fsFiles) Within(roots []string, name string) (string, error) {
	name, ok := f.Clean(name)
	if !ok {
		return "", errOutside
	}
	for _, root := range roots {
		if root == "." || name == root || strings.HasPrefix(name, root+"/") {
			return name, nil
		}
	}
	return "", errOutside
}

// isDir reports whether name is a folder (following symbolic links).
func isDir(fsys files, name string) bool {
	fi, err := fsys.Stat(name)
	return err == nil && fi.IsDir()
}
