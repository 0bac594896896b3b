package hugemem

import (
	"errors"
	"syscall"
	"testing"
)

// TestFreeUnmaps: every buffer Alloc maps is unmapped by Free, and the
// system forgets it (syscall.Munmap no longer finds it).
func TestFreeUnmaps(t *testing.T) {
	for _, n := range []int{1, 1303560, 2 << 20, 9<<20 + 1} {
		b := Alloc(n)
		Free(b[:10])
		if err := syscall.Munmap(b[:cap(b)]); !errors.Is(err, syscall.EINVAL) {
			t.Errorf("Alloc(%d): after Free the mapping is still known (munmap: %v)", n, err)
		}
	}
}
