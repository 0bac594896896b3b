package main

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestHostileCorpus runs every case of testdata/hostile: a folder with the
// chapters (src/) and case.txt, which says how to run leafpress and what
// must come of it, one line each:
//
//	args: build --formats tree -o {out} {src}   ({case} is the case's folder)
//	exit: 1
//	stderr: REGEXP        a line of stderr matches (repeatable)
//	nostderr: REGEXP      no line of stderr matches
//	exists: PATH          under -o, must exist; absent: must not
//	contains: PATH REGEXP the file matches; lacks: it does not
//	smaller: PATH BYTES   the file is smaller than BYTES
//	setup: symlink NAME TARGET | file NAME   made before the run
//
// Every case also checks that nothing was written outside -o and that
// every problem line has the file:line:column form.
func TestHostileCorpus(t *testing.T) {
	cases, _ := filepath.Glob(filepath.Join("testdata", "hostile", "*", "case.txt"))
	if len(cases) < 40 {
		t.Fatalf("%d cases in testdata/hostile, want at least 40", len(cases))
	}
	for _, c := range cases {
		dir := filepath.Dir(c)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			runCase(t, dir)
		})
	}
}

func runCase(t *testing.T, dir string) {
	caseDir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	src, out := filepath.Join(root, "src"), filepath.Join(root, "out")
	if err := os.CopyFS(src, os.DirFS(filepath.Join(caseDir, "src"))); err != nil {
		t.Fatal(err)
	}
	inputs := map[string]bool{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			inputs[p] = true
		}
		return nil
	})
	expand := func(s string) string {
		return strings.NewReplacer("{src}", src, "{out}", out, "{case}", caseDir).Replace(s)
	}
	f, err := os.Open(filepath.Join(caseDir, "case.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type check struct{ key, val string }
	var checks []check
	var args []string
	want := -1
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		key, val, ok := strings.Cut(line, ": ")
		if !ok {
			t.Fatalf("case.txt: bad line %q", line)
		}
		switch key {
		case "args":
			for _, a := range strings.Fields(val) {
				args = append(args, expand(a))
			}
		case "exit":
			want, _ = strconv.Atoi(val)
		case "setup":
			f := strings.Fields(val)
			switch {
			case f[0] == "symlink" && len(f) == 3:
				if err := os.Symlink(f[2], filepath.Join(root, f[1])); err != nil {
					t.Skip("symbolic links cannot be made here:", err)
				}
				inputs[filepath.Join(root, f[1])] = true
			case f[0] == "file" && len(f) == 2:
				p := filepath.Join(root, f[1])
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte("x"), 0o644)
				inputs[p] = true
			default:
				t.Fatalf("case.txt: unknown setup %q", val)
			}
		default:
			checks = append(checks, check{key, val})
		}
	}
	code, _, stderr := runCLI(t, args...)
	if code != want {
		t.Errorf("exit %d, want %d\n%s", code, want, stderr)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, l := range lines {
		if l != "" && !anyDiag.MatchString(l) {
			t.Errorf("not a diagnostic line: %q", l)
		}
	}
	matchLine := func(re *regexp.Regexp) bool {
		for _, l := range lines {
			if re.MatchString(l) {
				return true
			}
		}
		return false
	}
	for _, c := range checks {
		path, rest, _ := strings.Cut(c.val, " ")
		full := filepath.Join(out, filepath.FromSlash(path))
		switch c.key {
		case "stderr":
			if !matchLine(regexp.MustCompile(c.val)) {
				t.Errorf("no line of stderr matches %s:\n%s", c.val, stderr)
			}
		case "nostderr":
			if matchLine(regexp.MustCompile(c.val)) {
				t.Errorf("stderr matches %s:\n%s", c.val, stderr)
			}
		case "exists":
			if _, err := os.Stat(full); err != nil {
				t.Errorf("%s is missing", path)
			}
		case "absent":
			if _, err := os.Lstat(full); err == nil {
				t.Errorf("%s exists", path)
			}
		case "contains", "lacks":
			b, err := os.ReadFile(full)
			if err != nil {
				t.Errorf("%s: %v", path, err)
				continue
			}
			if regexp.MustCompile(rest).Match(b) != (c.key == "contains") {
				t.Errorf("%s: %s %s", path, map[bool]string{true: "lacks", false: "holds"}[c.key == "contains"], rest)
			}
		case "smaller":
			n, _ := strconv.ParseInt(rest, 10, 64)
			if fi, err := os.Stat(full); err != nil || fi.Size() >= n {
				t.Errorf("%s: %v, want fewer than %d bytes", path, fi, n)
			}
		default:
			t.Fatalf("case.txt: unknown key %q", c.key)
		}
	}
	// Nothing is written outside -o.
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || inputs[p] || strings.HasPrefix(p, out+string(filepath.Separator)) {
			return nil
		}
		t.Errorf("written outside -o: %s", p)
		return nil
	})
}
