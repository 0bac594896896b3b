package main

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestRefusedLinksReachNoBackend builds a chapter with links of every
// scheme and checks, in the written PDF (uncompressed by qpdf) and Word
// files, that only the allowed addresses are links.
func TestRefusedLinksReachNoBackend(t *testing.T) {
	root := t.TempDir()
	src, out := filepath.Join(root, "src"), filepath.Join(root, "out")
	writeFiles(t, src, map[string]string{"odkazy.md": chapter("uid: odkazy\ncampaignCategoryUid: prog\nintro: '<a href=\"javascript:alert(0)\">intro</a>'\n",
		"[dobrý](https://example.org/ok) [zlý](javascript:alert(1))\n\n<a href=\"vbscript:msgbox\">b</a> <a href=\"data:text/html,x\">c</a> <file:///etc/passwd> [d](JAVASCRIPT:alert(2))\n")})
	code, _, stderr := runCLI(t, "build", "-o", out, "--formats", "pdf,docx", src)
	if code != exitOK {
		t.Fatalf("exit %d, want 0 (warnings only)\n%s", code, stderr)
	}
	if n := strings.Count(stderr, "printed as plain text"); n != 6 {
		t.Errorf("%d warnings about refused links, want 6 (each once):\n%s", n, stderr)
	}
	bad := regexp.MustCompile(`(?i)javascript|vbscript|data:text|file:`)
	for _, f := range []string{"prog/program.docx", "prog/chapters/odkazy.docx"} {
		zr, err := zip.OpenReader(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		all := ""
		for _, zf := range zr.File {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			all += string(b)
		}
		zr.Close()
		for _, m := range regexp.MustCompile(`Target="([^"]*)"`).FindAllStringSubmatch(all, -1) {
			if bad.MatchString(m[1]) {
				t.Errorf("%s links to a refused address: %q", f, m[1])
			}
		}
		if !strings.Contains(all, "https://example.org/ok") {
			t.Errorf("%s lost the allowed link", f)
		}
	}
	qpdf, err := exec.LookPath("qpdf")
	if err != nil {
		t.Skip("qpdf not installed (Debian package qpdf)")
	}
	for _, f := range []string{"prog/program.pdf", "prog/chapters/odkazy.pdf", "prog/program-print.pdf"} {
		p := filepath.Join(out, f)
		if _, err := os.Stat(p); err != nil {
			continue
		}
		qdf := filepath.Join(root, "qdf.pdf")
		if err := exec.Command(qpdf, "--qdf", "--object-streams=disable", p, qdf).Run(); err != nil {
			t.Fatalf("qpdf %s: %v", f, err)
		}
		b, _ := os.ReadFile(qdf)
		uris := regexp.MustCompile(`/URI\s*\(([^)]*)\)`).FindAllStringSubmatch(string(b), -1)
		for _, u := range uris {
			if bad.MatchString(u[1]) {
				t.Errorf("%s has a link to %s", f, u[1])
			}
		}
		if f == "prog/program.pdf" && len(uris) == 0 {
			t.Errorf("%s has no link at all; the allowed one is lost", f)
		}
	}
}
