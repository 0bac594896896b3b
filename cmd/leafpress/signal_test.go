//go:build unix

package main

import (
	"archive/zip"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// binary builds the leafpress command once for the tests that run it as
// a separate process.
func binary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the leafpress binary")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp(testRoot, "bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "leafpress")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = &buildError{err, string(out)}
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

type buildError struct {
	err error
	out string
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// outputs lists the files under dir: final names and temporary ones.
func outputs(t *testing.T, dir string) (final, temp []string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if strings.HasSuffix(p, ".leafpress-tmp") {
			temp = append(temp, p)
		} else {
			final = append(final, p)
		}
		return nil
	})
	return final, temp
}

// checkComplete opens every file under its final name with a reader that
// notices a truncated file: qpdf --check, a zip test, a JSON parse.
func checkComplete(t *testing.T, files []string) {
	t.Helper()
	qpdf, _ := exec.LookPath("qpdf")
	for _, f := range files {
		switch filepath.Ext(f) {
		case ".pdf":
			if qpdf == "" {
				b, _ := os.ReadFile(f)
				if !strings.Contains(string(b[max(0, len(b)-64):]), "%%EOF") {
					t.Errorf("%s is not a complete PDF", f)
				}
				continue
			}
			if out, err := exec.Command(qpdf, "--check", f).CombinedOutput(); err != nil {
				t.Errorf("qpdf --check %s: %v\n%s", f, err, out)
			}
		case ".docx":
			zr, err := zip.OpenReader(f)
			if err != nil {
				t.Errorf("%s: %v", f, err)
				continue
			}
			for _, zf := range zr.File {
				rc, err := zf.Open()
				if err == nil {
					_, err = io.Copy(io.Discard, rc)
					rc.Close()
				}
				if err != nil {
					t.Errorf("%s: %s: %v", f, zf.Name, err)
				}
			}
			zr.Close()
		case ".json":
			b, _ := os.ReadFile(f)
			if !json.Valid(b) {
				t.Errorf("%s is not valid JSON", f)
			}
		}
	}
}

// sampleBuild is a build of one embedded programme (8 files, about two
// seconds): long enough to be stopped in the middle, short for a test.
var sampleBuild = []string{"build", "-q", "--campaign", "2022-komunalni", "-o"}

// startBuild starts a build of the embedded samples into out and waits
// until files appear there: at least n under their final names, or (n=0)
// the first temporary one. It returns the process and a function that
// waits for its end and returns its exit code.
func startBuild(t *testing.T, out string, n int) (*os.Process, func() int) {
	t.Helper()
	cmd := exec.Command(binary(t), append(sampleBuild, out)...)
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	wait := func() int { <-done; return cmd.ProcessState.ExitCode() }
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		final, temp := outputs(t, out)
		if n == 0 && len(temp) > 0 || n > 0 && len(final) >= n {
			return cmd.Process, wait
		}
		select {
		case <-done:
			t.Logf("the build ended before %d files were written", n)
			return cmd.Process, wait
		case <-time.After(5 * time.Millisecond):
		}
	}
	cmd.Process.Kill()
	t.Fatal("no output after two minutes")
	return nil, nil
}

func TestSIGKILLLeavesOnlyCompleteFiles(t *testing.T) {
	out := t.TempDir()
	// Kill at several moments: at the first temporary file, and after
	// some files are complete.
	for _, n := range []int{0, 2, 5} {
		proc, wait := startBuild(t, out, n)
		proc.Signal(syscall.SIGKILL)
		wait()
		final, _ := outputs(t, out)
		checkComplete(t, final)
	}
	if _, temp := outputs(t, out); len(temp) == 0 {
		t.Log("the killed builds left no temporary file this time")
	}
	// The next build removes what the killed ones left.
	cmd := exec.Command(binary(t), append(sampleBuild, out)...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("the next build: %v\n%s", err, msg)
	}
	final, temp := outputs(t, out)
	if len(temp) > 0 {
		t.Errorf("temporary files left after the next build: %v", temp)
	}
	checkComplete(t, final)
}

func TestSIGTERMAndSIGINTStopCleanly(t *testing.T) {
	for _, tt := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGTERM, exitTerminate}, {syscall.SIGINT, exitInterrupt}} {
		out := t.TempDir()
		proc, wait := startBuild(t, out, 2)
		proc.Signal(tt.sig)
		if code := wait(); code != tt.code {
			t.Errorf("%v: exit %d, want %d", tt.sig, code, tt.code)
		}
		final, temp := outputs(t, out)
		if len(temp) > 0 {
			t.Errorf("%v: temporary files left: %v", tt.sig, temp)
		}
		checkComplete(t, final)
	}
}
