package icc

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestProfiles(t *testing.T) {
	for _, c := range []struct {
		name         string
		b            []byte
		class, space string
		n            int
	}{
		{"CMYK", CMYK(), "prtr", "CMYK", 4},
		{"sRGB", SRGB(), "mntr", "RGB ", 3},
	} {
		h, err := ParseHeader(c.b)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if h.Class != c.class || h.ColorSpace != c.space || h.Components != c.n {
			t.Errorf("%s: class %q, space %q, %d components; want %q, %q, %d", c.name, h.Class, h.ColorSpace, h.Components, c.class, c.space, c.n)
		}
		if len(c.b) > 300_000 {
			t.Errorf("%s: %d bytes, more than the binary should carry", c.name, len(c.b))
		}
	}
}

func TestParseHeaderRejects(t *testing.T) {
	for _, b := range [][]byte{nil, make([]byte, 200), append([]byte(nil), CMYK()[:1000]...)} {
		if _, err := ParseHeader(b); err == nil {
			t.Errorf("a %d-byte non-profile was accepted", len(b))
		}
	}
}

// TestArgyllReadsCMYK checks the profile with ArgyllCMS's own checker:
// it must convert CMYK to Lab (A2B) and back (B2A).
func TestArgyllReadsCMYK(t *testing.T) {
	if _, err := exec.LookPath("xicclu"); err != nil {
		t.Skip("xicclu not installed (Debian package argyll)")
	}
	p := filepath.Join(t.TempDir(), "p.icc")
	if err := os.WriteFile(p, CMYK(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Paper white and full black, forward (CMYK to Lab).
	cmd := exec.Command("xicclu", "-ff", "-ia", "-pl", p)
	cmd.Stdin = strings.NewReader("0 0 0 0\n0 0 0 100\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("xicclu: %v\n%s", err, out)
	}
	var ls []float64
	for _, line := range strings.Split(string(out), "\n") {
		// "0 0 0 0 [CMYK] -> Lut -> 95.0 0.0 -2.0 [Lab]"
		i := strings.LastIndex(line, "->")
		if i < 0 {
			continue
		}
		var l float64
		if _, err := fmt.Sscan(line[i+2:], &l); err == nil {
			ls = append(ls, l)
		}
	}
	if len(ls) != 2 || ls[0] < 90 || ls[1] > 25 {
		t.Errorf("paper white and black in Lab L*: %v, want about 95 and under 25\n%s", ls, out)
	}
}
