//go:build ignore

// Command genref writes templates/reference.docx, the reference document
// that holds leafpress's house styles for Word files, from the XML parts
// kept next to it in parts/ (authored by hand, one file per package part).
//
// Run it from the repository root:
//
//	go run export/docx/internal/genref/main.go
//
// or through go generate in templates/. The archive is reproducible: parts
// are stored in a fixed order ([Content_Types].xml first) with a fixed
// modification time, so the same parts give the same bytes.
package main

import (
	"archive/zip"
	"bytes"
	"flag"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"sort"
	"time"
)

func main() {
	parts := flag.String("parts", "export/docx/internal/genref/parts", "directory holding the package parts")
	out := flag.String("o", "templates/reference.docx", "the .docx file to write")
	flag.Parse()

	var names []string
	err := filepath.WalkDir(*parts, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(*parts, path)
		if err != nil {
			return err
		}
		names = append(names, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		log.Fatalf("genref: reading %s: %v", *parts, err)
	}
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.Slice(names, func(i, j int) bool {
		if ri, rj := rank(names[i]), rank(names[j]); ri != rj {
			return ri < rj
		}
		return names[i] < names[j]
	})

	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	stamp := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(*parts, filepath.FromSlash(name)))
		if err != nil {
			log.Fatalf("genref: %v", err)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			log.Fatalf("genref: %v", err)
		}
		if _, err := w.Write(data); err != nil {
			log.Fatalf("genref: %v", err)
		}
	}
	if err := zw.Close(); err != nil {
		log.Fatalf("genref: %v", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatalf("genref: %v", err)
	}
	log.Printf("genref: wrote %s (%d parts, %d bytes)", *out, len(names), buf.Len())
}
