package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leafpress/export/doccache"
	"leafpress/export/source"
	"leafpress/samples"
)

// TestReuse: a second build of unchanged sources copies every PDF from
// the cache folder, byte for byte, with the same warnings and preflight;
// a changed chapter remakes its programme's documents only, a picture
// changed under the same name remakes the documents of the programme
// that places it, and a run that also wants Word files (which need the
// layouts anyway) or a different fixed date reuses nothing.
func TestReuse(t *testing.T) {
	site := t.TempDir()
	if err := os.CopyFS(site, samples.FS); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	date := time.Unix(1767225600, 0).UTC()
	build := func(formats string, date time.Time) (*Result, map[string][]byte, []string) {
		t.Helper()
		fm, err := ParseFormats(formats)
		if err != nil {
			t.Fatal(err)
		}
		out := t.TempDir()
		res := Build(Options{Source: source.Options{Sources: []string{site}}, Out: out, Formats: fm, Date: date, CacheDir: cache})
		files := map[string][]byte{}
		filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				b, _ := os.ReadFile(p)
				rel, _ := filepath.Rel(out, p)
				files[rel] = b
			}
			return nil
		})
		var diags []string
		for _, d := range res.Diags.Items() {
			diags = append(diags, strings.ReplaceAll(d.String(), out, "OUT"))
		}
		return res, files, diags
	}
	first, files1, diags1 := build("pdf,print", date)
	if first.Reused != 0 {
		t.Fatalf("first build reused %d documents from an empty cache", first.Reused)
	}
	docs := 0
	for _, p := range first.Programmes {
		docs += 1 + len(p.Chapters)
	}
	second, files2, diags2 := build("pdf,print", date)
	if second.Reused != docs {
		t.Errorf("unchanged sources: %d of %d documents reused", second.Reused, docs)
	}
	if len(files1) != len(files2) {
		t.Errorf("%d files, then %d", len(files1), len(files2))
	}
	for name, b := range files1 {
		if !bytes.Equal(b, files2[name]) {
			t.Errorf("%s differs when copied from the cache", name)
		}
	}
	if strings.Join(diags1, "\n") != strings.Join(diags2, "\n") {
		t.Errorf("warnings differ when copied from the cache:\n%s\n---\n%s", strings.Join(diags1, "\n"), strings.Join(diags2, "\n"))
	}

	// A text correction in one chapter of 2026-lipova.
	lipova := 0
	for _, p := range first.Programmes {
		if p.UID == "2026-lipova" {
			lipova = 1 + len(p.Chapters)
		}
	}
	chapter := filepath.Join(site, "_program", "2026-lipova", "doprava.md")
	text, err := os.ReadFile(chapter)
	if err != nil {
		t.Fatal(err)
	}
	fixed := strings.Replace(string(text), "Lipová nad Sázavou je malé město", "Lipová nad Sázavou je menší město", 1)
	if fixed == string(text) {
		t.Fatal("the sample chapter no longer has the sentence this test corrects")
	}
	if err := os.WriteFile(chapter, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	third, files3, _ := build("pdf,print", date)
	if third.Reused != docs-lipova {
		t.Errorf("one chapter changed: %d documents reused, want %d (all but 2026-lipova's %d)", third.Reused, docs-lipova, lipova)
	}
	if bytes.Equal(files3[filepath.Join("2026-lipova", "chapters", "doprava.pdf")], files1[filepath.Join("2026-lipova", "chapters", "doprava.pdf")]) {
		t.Error("the changed chapter's PDF was not made again")
	}

	// The 2022 programme's picture, changed under the same name.
	pic := filepath.Join(site, "assets", "img", "program", "program2022-nahledy", "bezpecnost.png")
	other, err := os.ReadFile(filepath.Join(site, "assets", "img", "program", "2026", "doprava.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(pic, other, 0o644); err != nil {
		t.Fatal(err)
	}
	fourth, _, _ := build("pdf,print", date)
	if fourth.Reused != docs-2 {
		t.Errorf("one picture changed: %d documents reused, want %d (all but 2022-komunalni's 2)", fourth.Reused, docs-2)
	}

	if r, _, _ := build("pdf,docx", date); r.Reused != 0 {
		t.Errorf("with Word files: %d documents reused, want none", r.Reused)
	}
	if r, _, _ := build("pdf,print", date.Add(time.Hour)); r.Reused != 0 {
		t.Errorf("another fixed date: %d documents reused, want none", r.Reused)
	}
}

// TestReuseSameFolder: a rebuild into the same output folder leaves a
// PDF that would not change as it is (same file, same date), and writes
// again one that differs from the cached document (here, changed by
// hand).
func TestReuseSameFolder(t *testing.T) {
	t.Parallel()
	cache, out := t.TempDir(), t.TempDir()
	build := func() *Result {
		t.Helper()
		res := Build(Options{Source: source.Options{FS: samples.FS, Sources: []string{"."}}, Out: out,
			Formats: map[string]bool{"pdf": true}, Date: time.Unix(1767225600, 0).UTC(), CacheDir: cache})
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags.Items())
		}
		return res
	}
	first := build()
	var pdfs []string
	for _, fs := range first.Files {
		pdfs = append(pdfs, fs...)
	}
	if len(pdfs) < 2 {
		t.Fatalf("the samples gave %d PDFs", len(pdfs))
	}
	kept, edited := pdfs[0], pdfs[1]
	want, _ := os.ReadFile(edited)
	os.WriteFile(edited, append(bytes.Clone(want), '\n'), 0o644)
	old := time.Now().Add(-time.Hour).Truncate(time.Second)
	os.Chtimes(kept, old, old)
	before, _ := os.Stat(kept)

	second := build()
	if second.Reused != first.Reused+len(first.Programmes)+first.Chapters() {
		t.Errorf("%d documents reused", second.Reused)
	}
	if second.Written() != first.Written() {
		t.Errorf("%d files written, then %d listed", first.Written(), second.Written())
	}
	after, err := os.Stat(kept)
	if err != nil || !after.ModTime().Equal(old) || !os.SameFile(before, after) {
		t.Errorf("%s was written again though it would not change", kept)
	}
	if got, _ := os.ReadFile(edited); !bytes.Equal(got, want) {
		t.Errorf("%s, changed by hand, was not written again", edited)
	}
}

// TestReuseRememberedDigestDiffers: when the digest remembered for a
// picture file (doccache.FileDigest) is not the digest of the content
// the documents were made from (the file changed between the two within
// the run), the documents are not kept under a key naming other content.
func TestReuseRememberedDigestDiffers(t *testing.T) {
	t.Parallel()
	site := t.TempDir()
	if err := os.CopyFS(site, samples.FS); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	pic := filepath.Join(site, "assets", "img", "program", "program2022-nahledy", "bezpecnost.png")
	// Remembered as settled, with a digest of other content.
	time.Sleep(3100 * time.Millisecond)
	other := strings.Repeat("0", 64)
	if d, _ := doccache.New(cache).FileDigest(pic, func() (string, bool) { return other, true }); d != other {
		t.Fatal("no digest remembered")
	}
	if d, _ := doccache.New(cache).FileDigest(pic, func() (string, bool) { return "", false }); d != other {
		t.Skip("the file's digest is not remembered here (no inode or change time)")
	}
	build := func() *Result {
		t.Helper()
		res := Build(Options{Source: source.Options{Sources: []string{site}}, Out: t.TempDir(),
			Formats: map[string]bool{"pdf": true}, Date: time.Unix(1767225600, 0).UTC(), CacheDir: cache})
		if res.Diags.HasErrors() {
			t.Fatal(res.Diags.Items())
		}
		return res
	}
	build()
	second := build()
	docs := 0
	for _, p := range second.Programmes {
		docs += 1 + len(p.Chapters)
	}
	// The 2022 programme (itself and its one chapter) places the picture.
	if second.Reused != docs-2 {
		t.Errorf("%d documents reused of %d, want all but the 2 placing the picture", second.Reused, docs)
	}
}
