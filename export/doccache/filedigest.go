package doccache

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"leafpress/export/cachedir"
)

// fileMagic starts a remembered file digest.
const fileMagic = "leafpress file digest 1\n"

// settled is how long ago a file must have been changed for its digest to
// be remembered: a file changed again within the resolution of its file
// system's times could otherwise keep the same identity.
const settled = 3 * time.Second

// FileDigest returns the digest compute gives for the file at path (ok
// false: compute failed, and nothing is remembered), remembered in the
// cache under the file's identity: its absolute path, size, modification
// and change times, device and inode, as version control systems tell an
// unchanged file. A rebuild then digests its pictures without reading
// them. The digest is remembered only when the file was the same before
// and after compute and was last changed a few seconds before; where the
// system gives no inode and change time, it is not remembered.
func (c *Cache) FileDigest(path string, compute func() (string, bool)) (string, bool) {
	if c == nil {
		return compute()
	}
	before, ok := fileIdentity(path)
	var k Key
	if ok {
		h := sha256.New()
		h.Write([]byte(fileMagic))
		h.Write(c.build)
		h.Write([]byte(before))
		k = Key(hex.EncodeToString(h.Sum(nil)))
		if b, err := os.ReadFile(c.path(k)); err == nil && strings.HasPrefix(string(b), fileMagic) {
			d := strings.TrimPrefix(string(b), fileMagic)
			if len(d) == 2*sha256.Size {
				if _, err := hex.DecodeString(d); err == nil {
					cachedir.Used(c.path(k))
					return d, true
				}
			}
		}
	}
	d, computed := compute()
	if !ok || !computed || len(d) != 2*sha256.Size {
		return d, computed
	}
	if after, ok := fileIdentity(path); !ok || after != before || !old(path) {
		return d, computed
	}
	c.write(k, []byte(fileMagic+d))
	return d, computed
}

// old reports whether the file at path was last changed at least settled
// ago.
func old(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && time.Since(fi.ModTime()) >= settled
}

// fileIdentity describes the file at path as FileDigest remembers it.
func fileIdentity(path string) (string, bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", false
	}
	fi, err := os.Stat(abs)
	if err != nil || !fi.Mode().IsRegular() {
		return "", false
	}
	id, ok := systemIdentity(fi)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%q %d %d %s", abs, fi.Size(), fi.ModTime().UnixNano(), id), true
}

// write stores data as entry k, under a temporary name first.
func (c *Cache) write(k Key, data []byte) {
	path := c.path(k)
	if os.MkdirAll(filepath.Dir(path), 0o755) != nil {
		return
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(f.Name(), path) != nil {
		os.Remove(f.Name())
	}
}
