// Package outfile writes output files so that they are never half-written:
// the content goes to a temporary file in the same folder, which is renamed
// over the final name only when everything was written. A run that fails,
// or a process that is killed, leaves the last good file in place: a
// rename is atomic, and what was written before it stays with the system
// when the process dies.
//
// Durability against a power failure or a crash of the system is bought
// once per run, not once per file: [Sync] flushes the output folder's file
// system when the run is done (syncfs on Linux; elsewhere every file is
// synced before its rename, as there is no such call). A build writes
// thousands of files, and syncing each cost more than the writing.
//
// Temporary files are named ".<name>.<pid>-<random>.leafpress-tmp". Abort
// removes those of the running process (on SIGINT or SIGTERM); the first
// Write into a folder removes those left there by a process that no longer
// runs (one killed with SIGKILL, or a machine that lost power).
package outfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// buffers are the write buffers of files being written, reused: a build
// writes thousands of files.
var buffers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 256<<10) }}

// Write creates or replaces path with what fn writes. Parent folders are
// created. When fn or any write fails, path is left as it was and the
// temporary file is removed.
func Write(path string, fn func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create folder %s: %w", dir, err)
	}
	removeStaleOnce(dir)
	tmp, err := createTemp(dir, filepath.Base(path))
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
		live.forget(tmp.Name())
	}()
	bw := buffers.Get().(*bufio.Writer)
	bw.Reset(tmp)
	defer func() {
		bw.Reset(nil)
		buffers.Put(bw)
	}()
	if err = fn(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if syncEach {
		if err = tmp.Sync(); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = live.rename(tmp.Name(), path); err == nil {
		wrote.Store(true)
	}
	return err
}

// wrote is set once this process has written a file with Write: until
// then Sync has nothing to wait for.
var wrote atomic.Bool

// Sync returns once every file written under dir is on disk, renames
// included: call it when a run has written its files, before telling the
// user they are ready (a folder on a USB stick may be pulled out next).
// When the process has written no file at all (a rebuild that found every
// output as it would write it), it returns at once: flushing the file
// system would only wait for other programs' writes.
func Sync(dir string) error {
	if !wrote.Load() {
		return nil
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("cannot flush %s to disk: %w", dir, cause(err))
	}
	return nil
}

// WriteBytes is Write for content already in memory.
func WriteBytes(path string, data []byte) error {
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// Usable checks, before anything is written, that dir is a folder in
// which files can be written: it is created when missing, and a file is
// made and removed in it.
func Usable(dir string) error {
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("it is a file, not a folder")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("it cannot be created (%w)", cause(err))
	}
	f, err := os.CreateTemp(dir, fmt.Sprintf(".probe.%d-*%s", os.Getpid(), tempSuffix))
	if err != nil {
		return fmt.Errorf("nothing can be written in it (%w)", cause(err))
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// cause strips the path from a file-system error.
func cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
