package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// writeFiles creates files (slash-separated names under dir) with content.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func chapter(fields, body string) string {
	return "---\ntitle: Kapitola\n" + fields + "---\n" + body + "\n"
}

// TestHostileIDsWriteNothingOutsideOut builds chapters whose uid or
// programme uid try to leave the output folder (.., absolute paths,
// separators of both kinds, drive letters, device names) and checks that
// each is refused at its line, the good chapter is still written, and no
// file appears or changes outside -o.
func TestHostileIDsWriteNothingOutsideOut(t *testing.T) {
	root := t.TempDir()
	src, out := filepath.Join(root, "site", "kapitoly"), filepath.Join(root, "deep", "out")
	hostile := map[string]string{
		"dotdot.md":     `uid: "../../../victim"` + "\n",
		"dotdot2.md":    `uid: ".."` + "\n",
		"abs.md":        `uid: "/tmp/leafpress-escape"` + "\n",
		"abs2.md":       `uid: "` + filepath.ToSlash(filepath.Join(root, "victim")) + `"` + "\n",
		"slash.md":      `uid: "sub/kapitola"` + "\n",
		"backslash.md":  `uid: '..\..\victim'` + "\n",
		"backslash2.md": `uid: 'sub\kapitola'` + "\n",
		"drive.md":      `uid: 'C:\victim'` + "\n",
		"drive2.md":     `uid: 'c:victim'` + "\n",
		"con.md":        "uid: CON\n",
		"nul.md":        "uid: nul.txt\n",
		"com1.md":       "uid: Com1\n",
		"lpt.md":        "uid: LPT9\n",
		"progdots.md":   "uid: p1\ncampaignCategoryUid: \"../../victim\"\n",
		"progabs.md":    "uid: p2\ncampaignCategoryUid: /etc\n",
		"progaux.md":    "uid: p3\ncampaignCategoryUid: aux\n",
	}
	files := map[string]string{"site/kapitoly/dobra.md": chapter("uid: dobra\ncampaignCategoryUid: prog\n", "Text dobré kapitoly.")}
	for name, fields := range hostile {
		cat := "campaignCategoryUid: prog\n"
		if strings.Contains(fields, "campaignCategoryUid") {
			cat = ""
		}
		files["site/kapitoly/"+name] = chapter(fields+cat, "Text.")
	}
	files["victim"] = "keep me"
	files["deep/victim"] = "keep me"
	writeFiles(t, root, files)

	code, _, stderr := runCLI(t, "build", "-o", out, "--formats", "tree,docx,pdf", src)
	if code != exitInput {
		t.Fatalf("exit %d, want %d (hostile chapters left out)\n%s", code, exitInput, stderr)
	}
	for name := range hostile {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(filepath.ToSlash(filepath.Join(src, name))) + `:\d+: error: the (uid|campaignCategoryUid) .* cannot name`)
		if !re.MatchString(stderr) {
			t.Errorf("%s is not refused at its line:\n%s", name, stderr)
		}
	}
	for _, want := range []string{"prog/tree.json", "prog/chapters/dobra.docx", "prog/chapters/dobra.pdf", "prog/program.pdf"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(want))); err != nil {
			t.Errorf("the good chapter's %s is missing: %v", want, err)
		}
	}
	// Every file under root is an input or lies under out.
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if _, input := files[rel]; !input && !strings.HasPrefix(rel, "deep/out/") {
			t.Errorf("written outside -o: %s", rel)
		}
		return nil
	})
	for _, v := range []string{"victim", "deep/victim"} {
		if b, _ := os.ReadFile(filepath.Join(root, v)); string(b) != "keep me" {
			t.Errorf("%s was changed: %q", v, b)
		}
	}
	if _, err := os.Stat("/tmp/leafpress-escape.pdf"); err == nil {
		t.Errorf("/tmp/leafpress-escape.pdf was written")
	}
}
