package pipeline

import (
	"path/filepath"
	"sort"
	"strings"
)

// sortFiles orders written files: the programme's own files first, then
// the chapters' files, each by name.
func sortFiles(files []string) {
	sort.Slice(files, func(i, j int) bool {
		ci := strings.Contains(filepath.ToSlash(files[i]), "/chapters/")
		cj := strings.Contains(filepath.ToSlash(files[j]), "/chapters/")
		if ci != cj {
			return !ci
		}
		return files[i] < files[j]
	})
}
