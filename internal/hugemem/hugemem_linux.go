package hugemem

import (
	"syscall"
	"unsafe"
)

// Outside reports that buffers from Alloc lie outside the Go heap (unless
// the system refuses the mapping).
const Outside = true

// hugePage is the size of a transparent huge page on the systems builds
// run on (x86-64 and arm64 with 4 KiB pages).
const hugePage = 2 << 20

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14

// alloc maps n bytes rounded up to whole huge pages, aligned to one, and
// advises them for huge pages; nil when the system refuses. The mapping
// is a huge page longer than that, so that an aligned start lies inside
// it; the spare part is never touched, so it costs no memory. The buffer
// reaches to the mapping's end (its capacity), which is how
// syscall.Munmap finds the mapping again in free.
func alloc(n int) []byte {
	size := (n + hugePage - 1) &^ (hugePage - 1)
	all, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(all)))
	skip := int((hugePage - addr%hugePage) % hugePage)
	// Only advice: the memory works the same without huge pages.
	_ = syscall.Madvise(all[skip:skip+size], madvHugepage)
	return all[skip : skip+n]
}

// free unmaps the mapping b lies in; a buffer that is not one (from make)
// is left as it is.
func free(b []byte) {
	_ = syscall.Munmap(b[:cap(b)])
}
