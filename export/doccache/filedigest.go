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

// settled is how long ago a file must have been changed (its content or
// its times: the later of its modification and change times) for its
// digest to be remembered: a file changed again within the resolution of
// its file system's times could otherwise keep the same identity.
var settled = 3 * time.Second

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
	before, changed, ok := fileIdentity(path)
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
	if after, _, ok := fileIdentity(path); !ok || after != before || time.Since(changed) < settled {
		return d, computed
	}
	cachedir.Store(c.path(k), []byte(fileMagic+d))
	return d, computed
}

// fileIdentity describes the file at path as FileDigest remembers it,
// and tells when it was last changed: the later of its modification and
// change times (a modification time can be set back, a change time not).
func fileIdentity(path string) (id string, changed time.Time, ok bool) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", time.Time{}, false
	}
	fi, err := os.Stat(abs)
	if err != nil || !fi.Mode().IsRegular() {
		return "", time.Time{}, false
	}
	sys, ctime, ok := systemIdentity(fi)
	if !ok {
		return "", time.Time{}, false
	}
	changed = fi.ModTime()
	if ctime.After(changed) {
		changed = ctime
	}
	return fmt.Sprintf("%q %d %d %s", abs, fi.Size(), fi.ModTime().UnixNano(), sys), changed, true
}
