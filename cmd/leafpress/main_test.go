package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runCLI runs the command line in-process and returns its exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

var diagLine = regexp.MustCompile(`^(\S+?):(\d+)(:\d+)?: (warning|error): \S`)

// diagFile matches a diagnostic about a whole file (no line).
var diagFile = regexp.MustCompile(`^\S+: (warning|error): \S`)

func TestCheckSamplesReportsPlantedWarnings(t *testing.T) {
	code, out, _ := runCLI(t, "check")
	if code != exitOK {
		t.Fatalf("check on the samples: exit %d, want %d (warnings only)\n%s", code, exitOK, out)
	}
	// Each planted problem of samples/README.md, with its file and line.
	for _, want := range []string{
		`bezpecnost.md:\d+: warning: .*david\.bodecek`,
		`bydleni.md:\d+: warning: .*Windows-1250`,
		`kultura-a-sport.md:\d+: warning: .*ondrej\.pesek`,
		`otevrena-radnice.md:\d+: warning: order 5`,
		`zivotni-prostredi.md:\d+: warning: .*zivotni-prostredi.jpg`,
	} {
		if !regexp.MustCompile(`(?m)^\S*` + want).MatchString(out) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.Contains(line, "warning:") || strings.Contains(line, "error:") {
			if !diagLine.MatchString(line) && !diagFile.MatchString(line) {
				t.Errorf("diagnostic without its file: %q", line)
			}
		}
	}
}

func TestCheckBrokenChaptersExitOneAndNameEach(t *testing.T) {
	code, out, _ := runCLI(t, "check", filepath.Join("..", "..", "samples", "broken"))
	if code != exitInput {
		t.Fatalf("check on samples/broken: exit %d, want %d\n%s", code, exitInput, out)
	}
	errs := 0
	for _, line := range strings.Split(out, "\n") {
		if m := diagLine.FindStringSubmatch(line); m != nil && m[4] == "error" {
			errs++
			if m[2] == "0" {
				t.Errorf("error without a line: %q", line)
			}
		}
	}
	if errs < 3 {
		t.Errorf("got %d errors, want one per broken chapter (at least 3):\n%s", errs, out)
	}
	if !strings.Contains(out, "1 chapter(s)") && !strings.Contains(out, "chapter(s)") {
		t.Errorf("no summary line:\n%s", out)
	}
}

func TestTreePrintsJSON(t *testing.T) {
	code, out, errs := runCLI(t, "tree", "-q")
	if code != exitOK {
		t.Fatalf("tree: exit %d\n%s", code, errs)
	}
	var progs []struct {
		UID      string `json:"uid"`
		Chapters []struct {
			UID    string            `json:"uid"`
			Blocks []json.RawMessage `json:"blocks"`
		} `json:"chapters"`
	}
	if err := json.Unmarshal([]byte(out), &progs); err != nil {
		t.Fatalf("tree output is not JSON: %v", err)
	}
	n := 0
	for _, p := range progs {
		for _, c := range p.Chapters {
			n++
			if len(c.Blocks) == 0 {
				t.Errorf("%s/%s: no blocks", p.UID, c.UID)
			}
		}
	}
	if n < 7 {
		t.Errorf("tree holds %d chapters, want the seed and at least six more", n)
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"frobnicate"},
		{"build", "--no-such-flag"},
		{"build", "--formats", "pdf,odt"},
		{"build", "--impose", "quarto"},
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("leafpress %q: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, errs := runCLI(t, "build", "-h"); code != exitOK || !strings.Contains(errs, "Examples:") {
		t.Errorf("build -h: exit %d, help without examples:\n%s", code, errs)
	}
}

func TestNothingToProcessIsExitTwo(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not a chapter"), 0o644)
	if code, out, errs := runCLI(t, "check", dir); code != exitUsage {
		t.Errorf("check on a folder with no chapter: exit %d, want %d\n%s%s", code, exitUsage, out, errs)
	}
}

func TestBuildTreeKeepsOtherChaptersAndFlagsAfterSources(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "build", filepath.Join("..", "..", "samples", "broken"), "-o", out, "--formats", "tree")
	if code != exitInput {
		t.Fatalf("build of broken samples: exit %d, want %d\n%s%s", code, exitInput, stdout, stderr)
	}
	matches, _ := filepath.Glob(filepath.Join(out, "*", "tree.json"))
	if len(matches) == 0 {
		t.Fatalf("no tree.json written for the good chapter; output:\n%s%s", stdout, stderr)
	}
}

func TestStrictFailsOnPreflight(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the samples")
	}
	out := t.TempDir()
	// The samples plant a missing picture, which fails the print preflight.
	code, stdout, stderr := runCLI(t, "build", "-q", "--strict", "--formats", "print", "--campaign", "2026-lipova", "-o", out)
	if code != exitInput {
		t.Fatalf("build --strict with a failing preflight: exit %d, want %d\n%s%s", code, exitInput, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "2026-lipova", "preflight.json")); err != nil {
		t.Errorf("preflight.json not written: %v", err)
	}
	code, stdout, stderr = runCLI(t, "build", "-q", "--formats", "print", "--campaign", "2026-lipova", "-o", out)
	if code != exitOK {
		t.Errorf("the same build without --strict: exit %d, want %d\n%s%s", code, exitOK, stdout, stderr)
	}
}

func TestBadReferenceDocxNamesTheFile(t *testing.T) {
	out := t.TempDir()
	bad := filepath.Join(t.TempDir(), "styles.docx")
	os.WriteFile(bad, []byte("not a zip"), 0o644)
	code, _, stderr := runCLI(t, "build", "--formats", "docx", "--campaign", "2022-komunalni", "--reference-docx", bad, "-o", out)
	if code != exitInput {
		t.Errorf("build with a broken reference document: exit %d, want %d", code, exitInput)
	}
	if !strings.Contains(stderr, bad+": error:") {
		t.Errorf("the error does not name the reference document %s:\n%s", bad, stderr)
	}
}
