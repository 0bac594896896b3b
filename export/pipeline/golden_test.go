package pipeline

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"leafpress/export/doc"
	"leafpress/export/source"
	"leafpress/samples"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// TestGoldenTrees compares the tree of every sample chapter, after the
// typography pass, with its golden JSON. Run with -update after a change
// that is meant to alter the tree, and read the diff.
func TestGoldenTrees(t *testing.T) {
	progs, diags := Load(source.Options{FS: samples.FS, Sources: []string{"."}})
	if len(progs) == 0 {
		t.Fatalf("no programme read from the samples: %v", diags.Items())
	}
	seen := map[string]bool{}
	for _, p := range progs {
		for _, c := range p.Chapters {
			name := filepath.Join("testdata", "golden", p.UID, c.UID+".json")
			seen[name] = true
			got := chapterJSON(t, p, c)
			if *update {
				os.MkdirAll(filepath.Dir(name), 0o755)
				if err := os.WriteFile(name, got, 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Errorf("%s: no golden file (run go test ./export/pipeline -run Golden -update): %v", c.Source, err)
				continue
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s: tree differs from %s:\n%s", c.Source, name, firstDiff(string(want), string(got)))
			}
		}
	}
	// Every golden file belongs to a chapter that still exists.
	files, _ := filepath.Glob(filepath.Join("testdata", "golden", "*", "*.json"))
	for _, f := range files {
		if !seen[f] && !*update {
			t.Errorf("%s: golden file of a chapter the samples no longer have", f)
		}
	}
	if len(seen) < 7 {
		t.Errorf("only %d sample chapters; the samples should have the seed and at least six more", len(seen))
	}
}

// chapterJSON is the chapter as indented JSON, with the programme's facts
// that shape it (language).
func chapterJSON(t *testing.T, p *doc.Programme, c *doc.Chapter) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		Programme string       `json:"programme"`
		Language  string       `json:"language"`
		Chapter   *doc.Chapter `json:"chapter"`
	}{p.UID, p.Language, c}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return "(same lines)"
}

// TestTreeRoundTrip reads the JSON of every sample chapter back and
// writes it again: the JSON names are stable and complete.
func TestTreeRoundTrip(t *testing.T) {
	progs, _ := Load(source.Options{FS: samples.FS, Sources: []string{"."}})
	for _, p := range progs {
		for _, c := range p.Chapters {
			a, err := json.Marshal(c)
			if err != nil {
				t.Fatal(err)
			}
			var back doc.Chapter
			if err := json.Unmarshal(a, &back); err != nil {
				t.Fatalf("%s: reading the tree JSON back: %v", c.Source, err)
			}
			b, _ := json.Marshal(&back)
			if !bytes.Equal(a, b) {
				t.Errorf("%s: JSON changes on a round trip:\n%s", c.Source, firstDiff(string(a), string(b)))
			}
		}
	}
}
