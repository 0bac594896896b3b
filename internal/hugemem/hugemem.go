// Package hugemem hands out large buffers that are used many times in a
// run, such as the canvases pages are drawn into, from memory outside the
// Go heap where the system allows it.
//
// Memory a process touches for the first time costs the system a page
// fault for every 4 KiB; on the virtual machines builds run on that is
// several milliseconds of CPU per megabyte, more than drawing a page into
// it. On Linux a buffer here is an anonymous mapping advised for
// transparent huge pages, so a few faults of 2 MiB each make it ready; it
// does not count towards the garbage collector's heap either, which would
// otherwise grow the heap (and its fresh memory) by as much again. Elsewhere,
// and when the mapping is refused, it comes from make.
package hugemem

// Alloc returns n zeroed bytes. Give them back with Free when nothing
// will touch them again.
func Alloc(n int) []byte {
	if n <= 0 {
		return nil
	}
	if b := alloc(n); b != nil {
		return b
	}
	return make([]byte, n)
}

// Free gives back a buffer from Alloc (any slice of it that starts where
// it starts). The buffer must not be touched afterwards. Memory from make
// is left to the garbage collector.
func Free(b []byte) {
	if cap(b) > 0 {
		free(b)
	}
}
