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
	broken, err := filepath.Abs(filepath.Join("..", "..", "samples", "broken"))
	if err != nil {
		t.Fatal(err)
	}
	// check writes nothing: run it in an empty folder and look afterwards.
	work := t.TempDir()
	t.Chdir(work)
	code, out, _ := runCLI(t, "check", broken)
	if code != exitInput {
		t.Fatalf("check on samples/broken: exit %d, want %d\n%s", code, exitInput, out)
	}
	// Each broken chapter is named with its line, as samples/README.md lists.
	tests := []struct{ file, line, text string }{
		{"dvojtecka-v-nazvu.md", "2", "not valid YAML"},
		{"spatne-odsazeni.md", "9", "not valid YAML"},
		{"neuzavrena-hlavicka.md", "1", "never closed"},
		{"bez-nazvu.md", "1", "no title"},
	}
	for _, tt := range tests {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(filepath.Join(broken, tt.file)) + `:` + tt.line +
			`(:\d+)?: error: .*` + regexp.QuoteMeta(tt.text) + `.*the chapter is left out`)
		if !re.MatchString(out) {
			t.Errorf("check does not report %s:%s (%s):\n%s", tt.file, tt.line, tt.text, out)
		}
	}
	if regexp.MustCompile(`dobra-kapitola\.md:\d+(:\d+)?: error`).MatchString(out) {
		t.Errorf("the good chapter is reported as broken:\n%s", out)
	}
	if !strings.Contains(out, "1 programme(s), 1 chapter(s): 4 error(s)") {
		t.Errorf("the summary does not count the good chapter and the four errors:\n%s", out)
	}
	if left, _ := os.ReadDir(work); len(left) != 0 {
		t.Errorf("check wrote %d files or folders into the working folder (%s)", len(left), left[0].Name())
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
	for _, cmd := range []string{"build", "tree", "check"} {
		code, _, errs := runCLI(t, cmd, "-h")
		if code != exitOK || !strings.Contains(errs, "Usage: leafpress "+cmd) ||
			!strings.Contains(errs, "Examples:\n  leafpress "+cmd) {
			t.Errorf("%s -h: exit %d, help without usage or examples:\n%s", cmd, code, errs)
		}
	}
}

func TestUnknownCampaignIsExitTwoAndNamesTheChoices(t *testing.T) {
	code, out, errs := runCLI(t, "tree", "--campaign", "2030-nic")
	if code != exitUsage || out != "" {
		t.Errorf("tree --campaign 2030-nic: exit %d, want %d and no tree\n%s", code, exitUsage, out)
	}
	if !strings.Contains(errs, `"2030-nic"`) || !strings.Contains(errs, "2026-lipova-en") {
		t.Errorf("the error does not name the uid and the programmes to choose from:\n%s", errs)
	}
}

func TestVerboseAndQuiet(t *testing.T) {
	_, _, errs := runCLI(t, "check", "-v")
	for _, skipped := range []string{"_draft.md", "_test.r", "notes.txt"} {
		if !regexp.MustCompile(`(?m)^skipping \S*` + regexp.QuoteMeta(skipped) + `: `).MatchString(errs) {
			t.Errorf("check -v does not say it skipped %s:\n%s", skipped, errs)
		}
	}
	code, out, errs := runCLI(t, "check", "-q")
	if code != exitOK || out != "" || errs != "" {
		t.Errorf("check -q on the samples (warnings only): exit %d, printed %q %q; want nothing", code, out, errs)
	}
	if _, _, errs := runCLI(t, "check"); strings.Contains(errs, "skipping") {
		t.Errorf("check without -v tells about skipped files:\n%s", errs)
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
	if len(matches) != 1 {
		t.Fatalf("%d tree.json written, want one for the good chapter; output:\n%s%s", len(matches), stdout, stderr)
	}
	data, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	var p struct {
		Chapters []struct{ Source string } `json:"chapters"`
	}
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatalf("%s: %v", matches[0], err)
	}
	if len(p.Chapters) != 1 || !strings.HasSuffix(p.Chapters[0].Source, "dobra-kapitola.md") {
		t.Errorf("%s holds %+v, want only dobra-kapitola.md", matches[0], p.Chapters)
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
	if code != exitUsage {
		t.Errorf("build with a broken reference document: exit %d, want %d", code, exitUsage)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("%d files written although the reference document is unusable", len(ents))
	}
	if !strings.Contains(stderr, bad+": error:") {
		t.Errorf("the error does not name the reference document %s:\n%s", bad, stderr)
	}
}

// TestStrictFailsWithoutImprint: a site without _data/leafpress.yml fails
// the print preflight's imprint check, so build --strict exits 1; with
// --commissioned-by and --produced-by it exits 0.
func TestStrictFailsWithoutImprint(t *testing.T) {
	site := t.TempDir()
	os.MkdirAll(filepath.Join(site, "_program"), 0o755)
	os.WriteFile(filepath.Join(site, "_program", "a.md"), []byte("---\ntitle: Doprava\nuid: doprava\ncampaignCategoryUid: p\n---\nText.\n"), 0o644)
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "build", "-q", "--strict", "--formats", "print", "-o", out, site)
	if code != exitInput {
		t.Errorf("build --strict without an imprint: exit %d, want %d\n%s%s", code, exitInput, stdout, stderr)
	}
	code, stdout, stderr = runCLI(t, "build", "-q", "--strict", "--formats", "print", "--commissioned-by", "Spolek, IČ 1", "--produced-by", "Spolek", "-o", out, site)
	if code != exitOK {
		t.Errorf("build --strict with an imprint: exit %d, want %d\n%s%s", code, exitOK, stdout, stderr)
	}
}
