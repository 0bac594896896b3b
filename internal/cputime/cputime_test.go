//go:build unix

package cputime

import "testing"

func TestUsedGrows(t *testing.T) {
	before := Used()
	x := 0
	for i := range 50_000_000 {
		x ^= i * i
	}
	if after := Used(); after <= before {
		t.Errorf("CPU time went from %v to %v over a busy loop (%d)", before, after, x)
	}
}
