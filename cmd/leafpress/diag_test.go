package main

import (
	"bytes"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// anyDiag is the form of every problem line: a name (never empty), the
// place when known, the severity and a message.
var anyDiag = regexp.MustCompile(`^[^\s:][^:]*(:\d+(:\d+)?)?: (warning|error): \S`)

// TestDiagnosticsHaveANameAndComeOnce builds a chapter whose low-resolution
// picture is placed on several pages of several PDFs, with a broken and a
// missing picture beside it, and checks that every problem line has the
// file:line:column form and each problem is told once, on the chapter.
func TestDiagnosticsHaveANameAndComeOnce(t *testing.T) {
	root := t.TempDir()
	src, out := filepath.Join(root, "src"), filepath.Join(root, "out")
	// 120 × 80 pixels: far below 200 ppi wherever a template places it.
	img := image.NewRGBA(image.Rect(0, 0, 120, 80))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{200, 40, 40, 255}), image.Point{}, draw.Src)
	var pic bytes.Buffer
	png.Encode(&pic, img)
	writeFiles(t, src, map[string]string{
		"small.png": pic.String(),
		"bad.png":   "not a picture",
		"a.md":      chapter("uid: a\nimg: small.png\n", "## Cíl\n> Shrnutí.\n\nText.\n\n![malý](small.png)\n\n![zlý](bad.png)\n\n![chybí](missing.png)\n"),
		"b.md":      chapter("uid: b\nimg: bad.png\n", "Text.\n"),
	})
	code, _, stderr := runCLI(t, "build", "-o", out, "--formats", "pdf,print,docx", src, "")
	if code != exitInput {
		t.Errorf("exit %d, want %d (an empty source is an error)\n%s", code, exitInput, stderr)
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(strings.TrimSpace(stderr), "\n") {
		if !anyDiag.MatchString(line) {
			t.Errorf("not a diagnostic line: %q", line)
		}
		if seen[line] {
			t.Errorf("told twice: %q", line)
		}
		seen[line] = true
	}
	for _, want := range []string{
		`^leafpress: error: an empty path was given`,
		`/src/a\.md: warning: picture small\.png has only \d+ ppi`,
		`/src/a\.md:13: warning: the picture "bad\.png" cannot be used`,
		`/src/a\.md:15: warning: the picture "missing\.png" cannot be used`,
		`/src/b\.md:4: warning: the picture "bad\.png" \(img\) cannot be used`,
	} {
		n := 0
		for line := range seen {
			if regexp.MustCompile(want).MatchString(line) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d lines match %s, want 1:\n%s", n, want, stderr)
		}
	}
	if strings.Contains(stderr, "ppi") && strings.Count(stderr, "ppi") != 1 {
		t.Errorf("the low resolution is told %d times, want once:\n%s", strings.Count(stderr, "ppi"), stderr)
	}
}
