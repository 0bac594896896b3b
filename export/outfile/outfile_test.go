package outfile

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sub", "a.txt")
	if err := WriteBytes(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "two" {
		t.Fatalf("content %q, want two", got)
	}
}

func TestFailedWriteKeepsLastGoodFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.pdf")
	if err := WriteBytes(p, []byte("good")); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("boom")
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	got, _ := os.ReadFile(p)
	if string(got) != "good" {
		t.Fatalf("content %q after failed write, want the last good one", got)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		var names []string
		for _, e := range ents {
			names = append(names, e.Name())
		}
		t.Fatalf("temporary files left behind: %v", names)
	}
}

func TestRemoveStaleKeepsLiveAndForeignFiles(t *testing.T) {
	dir := t.TempDir()
	// 2147483646 is above the kernel's limit of process ids: never running.
	names := map[string]bool{ // name: removed as stale
		".program.pdf.2147483646-123" + tempSuffix:            true,
		".a.b.docx.2147483646-9" + tempSuffix:                 true,
		".program.pdf.1-123" + tempSuffix:                     false, // init runs
		fmt.Sprintf(".x.pdf.%d-5%s", os.Getpid(), tempSuffix): false, // this process
		".program.pdf.123.tmp":                                false, // not ours
		"program.pdf":                                         false,
		"notes" + tempSuffix:                                  false,
	}
	for n := range names {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	if got := RemoveStale(dir); got != 2 {
		t.Errorf("RemoveStale removed %d files, want 2", got)
	}
	for n, stale := range names {
		_, err := os.Stat(filepath.Join(dir, n))
		if exists := err == nil; exists == stale {
			t.Errorf("%s: exists=%v, want %v", n, exists, !stale)
		}
	}
}

func TestAbortRemovesTempFilesAndKeepsLastGood(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.pdf")
	if err := WriteBytes(p, []byte("good")); err != nil {
		t.Fatal(err)
	}
	defer func() { live.mu.Lock(); live.aborted = false; live.mu.Unlock() }()
	err := Write(p, func(w io.Writer) error {
		io.WriteString(w, "half")
		ents, _ := os.ReadDir(dir)
		if len(ents) != 2 {
			t.Errorf("%d files while writing, want the file and its temporary one", len(ents))
		}
		Abort()
		ents, _ = os.ReadDir(dir)
		if len(ents) != 1 {
			t.Errorf("%d files after Abort, want only the last good one", len(ents))
		}
		return nil
	})
	if !errors.Is(err, ErrAborted) {
		t.Errorf("Write after Abort: %v, want ErrAborted", err)
	}
	if got, _ := os.ReadFile(p); string(got) != "good" {
		t.Errorf("content %q, want the last good one", got)
	}
	if err := WriteBytes(filepath.Join(dir, "b.pdf"), []byte("x")); !errors.Is(err, ErrAborted) {
		t.Errorf("a new Write after Abort: %v, want ErrAborted", err)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files at the end, want 1", len(ents))
	}
}

// TestSync checks that flushing a folder of written files succeeds, and
// that a folder that is not there gives an error naming it.
func TestSync(t *testing.T) {
	dir := t.TempDir()
	if err := WriteBytes(filepath.Join(dir, "a.pdf"), []byte("pdf")); err != nil {
		t.Fatal(err)
	}
	if err := Sync(dir); err != nil {
		t.Errorf("Sync(%s) = %v", dir, err)
	}
	gone := filepath.Join(dir, "gone")
	if err := Sync(gone); err == nil && !syncEach {
		t.Errorf("Sync of a missing folder gave no error")
	} else if err != nil && !strings.Contains(err.Error(), gone) {
		t.Errorf("Sync error %q does not name the folder", err)
	}
}

// TestSyncNothingWritten: a process that wrote no file has nothing to
// flush, and Sync does not touch the file system (a missing folder is no
// error then); once a file is written, it flushes.
func TestSyncNothingWritten(t *testing.T) {
	saved := wrote.Load()
	defer wrote.Store(saved)
	wrote.Store(false)
	gone := filepath.Join(t.TempDir(), "gone")
	if err := Sync(gone); err != nil {
		t.Errorf("nothing written: Sync = %v", err)
	}
	dir := t.TempDir()
	if err := WriteBytes(filepath.Join(dir, "a.pdf"), []byte("pdf")); err != nil {
		t.Fatal(err)
	}
	if err := Sync(gone); err == nil && !syncEach {
		t.Error("a file written: Sync did not flush (no error for a missing folder)")
	}
}
