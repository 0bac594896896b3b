// Package outfile writes output files so that they are never half-written:
// the content goes to a temporary file in the same folder, which is renamed
// over the final name only when everything was written and synced. A run
// that fails leaves the last good file in place.
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
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return live.rename(tmp.Name(), path)
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
