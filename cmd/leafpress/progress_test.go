package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestProgress checks that progress is shown only on a terminal and
// never with -q.
func TestProgress(t *testing.T) {
	var buf bytes.Buffer
	p := newProgress(&buf, false)
	p.report("2026-lipova", 3, 9)
	p.end()
	if buf.Len() != 0 {
		t.Errorf("progress written to a buffer, which is no terminal: %q", buf.String())
	}
	tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no terminal to test with: %v", err)
	}
	defer tty.Close()
	if q := newProgress(tty, true); q.w != nil {
		t.Error("-q still shows progress on a terminal")
	}
	if q := newProgress(tty, false); q.w == nil {
		t.Error("no progress on a terminal")
	}
}

// TestBuildQuietOffTerminal runs a build with its output in buffers: no
// progress line reaches them.
func TestBuildQuietOffTerminal(t *testing.T) {
	var out, errOut bytes.Buffer
	run([]string{"build", "-o", t.TempDir(), "--formats", "share", "--campaign", "2022-komunalni"}, &out, &errOut)
	if strings.Contains(errOut.String()+out.String(), "documents") || strings.Contains(errOut.String(), "\r") {
		t.Errorf("progress printed off a terminal:\n%s%s", out.String(), errOut.String())
	}
}
