package hugemem

import "testing"

func TestAllocFree(t *testing.T) {
	for _, n := range []int{1, 4096, 1303560, 2 << 20, 3024000, 9<<20 + 1} {
		b := Alloc(n)
		if len(b) != n {
			t.Fatalf("Alloc(%d): %d bytes", n, len(b))
		}
		for i, v := range b {
			if v != 0 {
				t.Fatalf("Alloc(%d): byte %d is %d, not zero", n, i, v)
			}
		}
		for i := range b {
			b[i] = byte(i)
		}
		for i, v := range b {
			if v != byte(i) {
				t.Fatalf("Alloc(%d): byte %d reads %d after writing %d", n, i, v, byte(i))
			}
		}
		Free(b[:10])
	}
	Free(nil)
	Free(make([]byte, 10)) // not from Alloc: left to the collector
}

// TestFreeGivesBack allocates and frees far more than a test process
// could hold if Free kept the memory.
func TestFreeGivesBack(t *testing.T) {
	for range 2000 {
		b := Alloc(64 << 20)
		b[0], b[len(b)-1] = 1, 1
		Free(b)
	}
}
