package pipeline

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"leafpress/export/preflight"
)

// sortFiles orders written files: the programme's own files first, then
// the chapters' files, each by name.
func sortFiles(files []string) {
	sort.Slice(files, func(i, j int) bool {
		ci, cj := isChapterFile(files[i]), isChapterFile(files[j])
		if ci != cj {
			return !ci
		}
		return files[i] < files[j]
	})
}

// isChapterFile reports whether an output file is one chapter's
// (OUT/<programme>/chapters/...).
func isChapterFile(path string) bool { return filepath.Base(filepath.Dir(path)) == "chapters" }

// groupedFolder reports whether a folder of outputs holds many files of
// one kind (chapters, thumbs, share), which the summary counts instead of
// naming.
func groupedFolder(dir string) bool {
	switch filepath.Base(dir) {
	case "chapters", "thumbs", "share":
		return true
	}
	return false
}

// sortChecks puts the programme's print PDF first, then the chapters' by name.
func sortChecks(cs []*preflight.Result) {
	sort.Slice(cs, func(i, j int) bool {
		ci, cj := strings.HasPrefix(cs[i].File, "chapters/"), strings.HasPrefix(cs[j].File, "chapters/")
		if ci != cj {
			return !ci
		}
		return cs[i].File < cs[j].File
	})
}

// summarise is the human summary of the first check, and one line for the
// other files' outcome.
func summarise(cs []*preflight.Result) string {
	var b strings.Builder
	// The checks that passed are in preflight.json; the summary shows the rest.
	b.WriteString(cs[0].Brief())
	counts := map[preflight.Status]int{}
	for _, c := range cs[1:] {
		counts[c.Status]++
	}
	if len(cs) > 1 {
		fmt.Fprintf(&b, "  chapter print PDFs: %d pass, %d warn, %d fail\n", counts[preflight.Pass], counts[preflight.Warn], counts[preflight.Fail])
	}
	return b.String()
}
