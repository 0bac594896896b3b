package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestUnusableSetupIsExitTwoAndWritesNothing: an output folder that is a
// file, a missing or invalid template, a missing reference document are
// usage errors found before anything is written.
func TestUnusableSetupIsExitTwoAndWritesNothing(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.txt")
	os.WriteFile(file, []byte("x"), 0o644)
	badT := filepath.Join(dir, "bad.yaml")
	os.WriteFile(badT, []byte("base: a5-booklet\npage: {width: .inf, height: 210}\n"), 0o644)
	tests := []struct {
		name string
		args []string
		msg  string
	}{
		{"o is a file", []string{"-o", file}, `file.txt: error: the output folder \(-o\) cannot be used: it is a file`},
		{"o under a file", []string{"-o", filepath.Join(file, "out")}, `file.txt/out: error: the output folder \(-o\) cannot be used`},
		{"missing template", []string{"--template", filepath.Join(dir, "none.yaml")}, `none.yaml: error: `},
		{"unknown template name", []string{"--template", "a3-poster"}, `a3-poster: error: `},
		{"missing chapter template", []string{"--chapter-template", filepath.Join(dir, "none.yaml")}, `none.yaml: error: `},
		{"missing reference", []string{"--reference-docx", filepath.Join(dir, "none.docx")}, `none.docx: error: cannot read the reference`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := append([]string{"build", "--campaign", "2022-komunalni", "-o", out}, tt.args...)
			code, _, stderr := runCLI(t, args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d\n%s", code, exitUsage, stderr)
			}
			if !regexp.MustCompile(`(?m)^\S*` + tt.msg).MatchString(stderr) {
				t.Errorf("stderr does not match %s:\n%s", tt.msg, stderr)
			}
			if _, err := os.Stat(out); err == nil && tt.args[0] != "-o" {
				t.Errorf("%s was created although nothing could be written", out)
			}
		})
	}
	if b, _ := os.ReadFile(file); string(b) != "x" {
		t.Errorf("the file given as -o was changed")
	}
}
