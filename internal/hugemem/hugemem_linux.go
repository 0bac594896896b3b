package hugemem

import (
	"sync"
	"syscall"
	"unsafe"
)

// hugePage is the size of a transparent huge page on the systems builds
// run on (x86-64 and arm64 with 4 KiB pages).
const hugePage = 2 << 20

// madvHugepage is MADV_HUGEPAGE, which package syscall does not name.
const madvHugepage = 14

// mapped holds each mapping handed out, by its first byte's address.
var mapped = struct {
	sync.Mutex
	m map[uintptr][]byte
}{m: map[uintptr][]byte{}}

// alloc maps n bytes rounded up to whole huge pages, aligned to one, and
// advises them for huge pages; nil when the system refuses.
func alloc(n int) []byte {
	size := (n + hugePage - 1) &^ (hugePage - 1)
	// One huge page more than needed, so that an aligned start is inside;
	// what lies before and after it is unmapped at once.
	all, err := syscall.Mmap(-1, 0, size+hugePage, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return nil
	}
	addr := uintptr(unsafe.Pointer(unsafe.SliceData(all)))
	skip := int((hugePage - addr%hugePage) % hugePage)
	if skip > 0 {
		unmap(all[:skip])
	}
	if tail := all[skip+size:]; len(tail) > 0 {
		unmap(tail)
	}
	b := all[skip : skip+size : skip+size]
	// Only advice: the memory works the same without huge pages.
	_ = syscall.Madvise(b, madvHugepage)
	mapped.Lock()
	mapped.m[uintptr(unsafe.Pointer(unsafe.SliceData(b)))] = b
	mapped.Unlock()
	return b[:n]
}

func free(b []byte) {
	p := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	mapped.Lock()
	m, ok := mapped.m[p]
	delete(mapped.m, p)
	mapped.Unlock()
	if ok {
		unmap(m)
	}
}

// unmap gives a part of a mapping back to the system; syscall.Munmap
// takes only whole mappings it made, so the call is made here.
func unmap(b []byte) {
	syscall.Syscall(syscall.SYS_MUNMAP, uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(len(b)), 0)
}
