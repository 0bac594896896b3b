package source

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"leafpress/export/diag"
	"leafpress/export/doc"
)

// pngBytes returns a small PNG picture.
func pngBytes(t testing.TB, w, h int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for x := 0; x < w; x++ {
		img.Set(x, x%h, color.NRGBA{0x33, 0x66, 0x99, 0xFF})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// writeTree writes files (slash-separated names relative to root).
func writeTree(t testing.TB, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// chapter writes a chapter's text from front-matter lines and a body.
func chapter(fm string, body string) string {
	return "---\n" + fm + "---\n" + body
}

const body = "## Cíl\n> Shrnutí.\n\nText kapitoly.\n"

// summary describes programmes as "uid(title,group,language): chapter uids".
func summary(progs []*doc.Programme) string {
	var lines []string
	for _, p := range progs {
		var uids []string
		for _, c := range p.Chapters {
			uids = append(uids, c.UID)
		}
		lines = append(lines, p.UID+"("+p.Title+","+p.Group+","+p.Language+"): "+strings.Join(uids, " "))
	}
	return strings.Join(lines, "\n")
}

// inDir runs Load with the sources relative to dir (so that Source and
// diagnostics show short paths).
func inDir(t *testing.T, dir string, opts Options) ([]*doc.Programme, *diag.List) {
	t.Helper()
	t.Chdir(dir)
	return Load(opts)
}

// siteFiles is a small Jekyll site with two programmes, people, campaign
// titles, pictures and files that are not chapters.
func siteFiles(t testing.TB) map[string]string {
	return map[string]string{
		"_program/2026/doprava.md": chapter("title: Doprava\nuid: doprava\norder: 2\ncampaignCategoryUid: lipova-2026\ncampaignGroupUid: volby-2026\n"+
			"garant: jana-vesela\nimg: program/doprava.png\nintro: >\n  Jezdíme včas.\n", body),
		"_program/2026/skolstvi.md": chapter("title: Školství\nuid: skolstvi\norder: 1\ncampaignCategoryUid: lipova-2026\ncampaignGroupUid: volby-2026\n"+
			"garant: petr-holub\nimg: /assets/img/program/skolstvi.png\n", body),
		"_program/2026/en/transport.md": chapter("title: Transport\nuid: transport\norder: 1\ncampaignCategoryUid: lipova-2026-en\ngarant: jana-vesela\n", body),
		"_program/2026/_draft.md":       chapter("title: Koncept\nuid: koncept\ncampaignCategoryUid: lipova-2026\n", body),
		"_program/2026/notes.txt":       "poznámky\n",
		"_program/2026/_test.r":         "print(1)\n",
		"_program/_archiv/stare.md":     chapter("title: Staré\nuid: stare\n", body),
		"_program/.git/x.md":            chapter("title: Git\nuid: git\n", body),
		"_people/jana-vesela.md":        "---\nuid: jana-vesela\nname: Jana Veselá\ntitles:\n  before: Mgr.\n  after: Ph.D.\n---\n",
		"_people/petr-holub.md":         "---\nuid: petr-holub\nname: Petr Holub\n---\nŽivotopis.\n",
		"_data/campaigns.yml": "- groupUid: volby-2026\n  title: Volby do zastupitelstva 2026\n  campaigns:\n" +
			"    - title: Program pro Lipovou\n      categoryUid: lipova-2026\n" +
			"    - title: Programme for Lipová\n      categoryUid: lipova-2026-en\n      lang: en\n",
		"assets/img/program/doprava.png":  pngBytes(t, 40, 30),
		"assets/img/program/skolstvi.png": pngBytes(t, 30, 40),
	}
}

func TestLoadSite(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, siteFiles(t))
	var verbose []string
	progs, dl := inDir(t, dir, Options{Sources: []string{"."}, Verbose: func(m string) { verbose = append(verbose, m) }})
	checkDiags(t, "", dl.Items(), nil)
	wantSum := "lipova-2026(Program pro Lipovou,Volby do zastupitelstva 2026,cs): skolstvi doprava\n" +
		"lipova-2026-en(Programme for Lipová,Volby do zastupitelstva 2026,en): transport"
	if got := summary(progs); got != wantSum {
		t.Errorf("programmes:\n%s\nwant:\n%s", got, wantSum)
	}
	if len(progs) != 2 {
		t.FailNow()
	}
	doprava := progs[0].Chapters[1]
	if doprava.Source != "_program/2026/doprava.md" {
		t.Errorf("Source = %q", doprava.Source)
	}
	if got := doprava.Garant.FullName(); got != "Mgr. Jana Veselá, Ph.D." {
		t.Errorf("garant = %q", got)
	}
	if doprava.Image == nil || doprava.Image.Path != "assets/img/program/doprava.png" || doprava.Image.Missing != "" || doprava.Image.FS != nil {
		t.Errorf("image = %+v, want assets/img/program/doprava.png", doprava.Image)
	}
	if data, err := doprava.Image.ReadAll(); err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("image cannot be opened: %v", err)
	}
	if im := progs[0].Chapters[0].Image; im == nil || im.Path != "assets/img/program/skolstvi.png" {
		t.Errorf("site-absolute img = %+v", im)
	}
	all := strings.Join(verbose, "\n")
	for _, skipped := range []string{"_draft.md", "notes.txt", "_test.r", "_archiv", ".git"} {
		if !strings.Contains(all, skipped) {
			t.Errorf("Verbose does not mention skipping %s:\n%s", skipped, all)
		}
	}
}

// TestLoadInsideSite: a folder or file inside a site's _program still finds
// the site's people, campaigns and pictures.
func TestLoadInsideSite(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, siteFiles(t))
	for _, src := range []string{"_program/2026", "_program/2026/doprava.md"} {
		progs, dl := inDir(t, dir, Options{Sources: []string{src}, Campaign: "lipova-2026"})
		checkDiags(t, "", dl.Items(), nil)
		if len(progs) != 1 || progs[0].Title != "Program pro Lipovou" {
			t.Fatalf("%s: programmes %s", src, summary(progs))
		}
		for _, c := range progs[0].Chapters {
			if c.Garant.Name == "" || c.Image.Path == "" {
				t.Errorf("%s: %s: garant %+v, image %+v", src, c.UID, c.Garant, c.Image)
			}
		}
	}
}

func TestLoadGroupingAndOrder(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  string
		diags map[string][]want // by file
	}{
		{
			name: "ordered by order, then chapters without order by uid",
			files: map[string]string{
				"program/c.md": chapter("title: C\nuid: c\norder: 3\n", body),
				"program/a.md": chapter("title: A\nuid: a\norder: 1\n", body),
				"program/z.md": chapter("title: Z\nuid: z\n", body),
				"program/b.md": chapter("title: B\nuid: b\norder: 2\n", body),
				"program/y.md": chapter("title: Y\nuid: y\n", body),
			},
			want: "program(program,,cs): a b c y z",
		},
		{
			name: "folders without a category are programmes of their own, at any depth",
			files: map[string]string{
				"program/2022/a.md":         chapter("title: A\nuid: a\n", body),
				"program/2026/b.md":         chapter("title: B\nuid: b\n", body),
				"program/2026/deep/c.md":    chapter("title: C\nuid: c\ncampaignCategoryUid: 2026\n", body),
				"program/Strategie 26/s.md": chapter("title: S\nuid: s\nlang: cs-CZ\n", body),
			},
			want: "2022(2022,,cs): a\n2026(2026,,cs): b c\nstrategie-26(Strategie 26,,cs): s",
		},
		{
			name: "one folder mixing programmes",
			files: map[string]string{
				"program/doprava.md":    chapter("title: Doprava\nuid: doprava\norder: 1\ncampaignCategoryUid: lipova-2026\ncampaignGroupUid: volby-2026\n", body),
				"program/skolstvi.md":   chapter("title: Školství\nuid: skolstvi\norder: 2\ncampaignCategoryUid: lipova-2026\n", body),
				"program/strategie.md":  chapter("title: Strategie\nuid: strategie\ncampaignCategoryUid: lipova-strategie\n", body),
				"program/doprava-en.md": chapter("title: Transport\nuid: transport\ncampaignCategoryUid: lipova-2026-en\nlang: en\n", body),
			},
			want: "lipova-2026(Lipova 2026,Volby 2026,cs): doprava skolstvi\nlipova-2026-en(Lipova 2026 en,,en): transport\nlipova-strategie(Lipova strategie,,cs): strategie",
		},
		{
			name: "campaign filter keeps one programme and its diagnostics",
			files: map[string]string{
				"program/doprava.md":    chapter("title: Doprava\nuid: doprava\ncampaignCategoryUid: lipova-2026\n", body),
				"program/doprava-en.md": chapter("title: Transport\ncampaignCategoryUid: lipova-2026-en\nlang: en\n", body),
			},
			opts: Options{Campaign: "lipova-2026"},
			want: "lipova-2026(Lipova 2026,,cs): doprava",
		},
		{
			name: "campaign filter naming no programme",
			files: map[string]string{
				"program/doprava.md":   chapter("title: Doprava\nuid: doprava\ncampaignCategoryUid: lipova-2026\n", body),
				"program/strategie.md": chapter("title: Strategie\nuid: strategie\ncampaignCategoryUid: lipova-strategie\n", body),
			},
			opts:  Options{Campaign: "lipova-2030"},
			want:  "",
			diags: map[string][]want{"program": {errAt(0, `"lipova-2030"`, "lipova-2026, lipova-strategie")}},
		},
		{
			name: "duplicate uid: the later chapter is renamed",
			files: map[string]string{
				"program/a.md": chapter("title: A\nuid: doprava\norder: 1\n", body),
				"program/b.md": chapter("title: B\norder: 2\nuid: doprava\n", body),
				"program/c.md": chapter("title: C\norder: 3\nuid: doprava\n", body),
			},
			want: "program(program,,cs): doprava doprava-2 doprava-3",
			diags: map[string][]want{
				"program/b.md": {warnAt(4, `"doprava"`, "program/a.md", `"doprava-2"`, "own uid")},
				"program/c.md": {warnAt(4, `"doprava-3"`)},
			},
		},
		{
			name: "duplicate order",
			files: map[string]string{
				"program/a.md": chapter("title: A\nuid: a\norder: 1\n", body),
				"program/b.md": chapter("title: B\nuid: b\norder: 1\n", body),
			},
			want:  "program(program,,cs): a b",
			diags: map[string][]want{"program/b.md": {warnAt(4, "order 1", "program/a.md", "own order")}},
		},
		{
			name: "a broken chapter is left out, the others go on",
			files: map[string]string{
				"program/a.md":      chapter("title: A\nuid: a\n", body),
				"program/broken.md": "---\ntitle: [B\nuid: b\n---\n" + body,
				"program/c.md":      chapter("title: C\nuid: c\n", body),
			},
			want:  "program(program,,cs): a c",
			diags: map[string][]want{"program/broken.md": {errAt(3, "not valid YAML", "left out")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			opts := tt.opts
			opts.Sources = []string{"program"}
			progs, dl := inDir(t, dir, opts)
			if got := summary(progs); got != tt.want {
				t.Errorf("programmes:\n%s\nwant:\n%s", got, tt.want)
			}
			checkByFile(t, dl, tt.diags)
		})
	}
}

// checkByFile checks a Load's diagnostics file by file.
func checkByFile(t *testing.T, dl *diag.List, wants map[string][]want) {
	t.Helper()
	byFile := map[string][]diag.Diagnostic{}
	for _, d := range dl.Items() {
		byFile[d.File] = append(byFile[d.File], d)
	}
	for file, ds := range byFile {
		checkDiags(t, file, ds, wants[file])
	}
	for file, ws := range wants {
		if byFile[file] == nil {
			checkDiags(t, file, nil, ws)
		}
	}
}

func TestLoadDiagnostics(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		diags map[string][]want // by file
	}{
		{
			name: "unknown garant",
			files: map[string]string{
				"_program/a.md":     chapter("title: A\nuid: a\ngarant: jana.neznama\n", body),
				"_people/jana.md":   "---\nuid: jana\nname: Jana\n---\n",
				"_program/other.md": chapter("title: B\nuid: b\ngarant: jana\n", body),
			},
			diags: map[string][]want{"_program/a.md": {warnAt(4, `"jana.neznama"`, "not among the people", "uid: jana.neznama")}},
		},
		{
			name:  "garant without a people folder",
			files: map[string]string{"a.md": chapter("title: A\nuid: a\ngarant: jana\n", body)},
			diags: map[string][]want{"a.md": {warnAt(4, `"jana"`, "no people folder")}},
		},
		{
			name: "pictures that cannot be used",
			files: map[string]string{
				"_program/a.md":                    chapter("title: A\nuid: a\nimg: program/chybi.png\n", body),
				"_program/b.md":                    chapter("title: B\nuid: b\nimg: program/text.png\n", body),
				"_program/c.md":                    chapter("title: C\nuid: c\nimg: program/obrazek.webp\n", body),
				"_program/d.md":                    chapter("title: D\nuid: d\nimg: https://example.org/d.png\n", body),
				"_program/e.md":                    chapter("title: E\nuid: e\nimg: program/prazdny.jpg\n", body),
				"_program/f.md":                    chapter("title: F\nuid: f\nimg: program/poskozeny.png\n", body),
				"assets/img/program/text.png":      "toto není obrázek\n",
				"assets/img/program/obrazek.webp":  "RIFF\x10\x00\x00\x00WEBPVP8 ",
				"assets/img/program/prazdny.jpg":   "",
				"assets/img/program/poskozeny.png": pngBytes(t, 10, 10)[:20],
			},
			diags: map[string][]want{
				"_program/a.md": {warnAt(4, `"program/chybi.png"`, "not found in ., assets/img, _program", "put the file there")},
				"_program/b.md": {warnAt(4, "assets/img/program/text.png", "not a PNG, JPEG or GIF", "convert it")},
				"_program/c.md": {warnAt(4, "WebP", "convert it to PNG or JPEG")},
				"_program/d.md": {warnAt(4, "web address", "save the picture")},
				"_program/e.md": {warnAt(4, "empty")},
				"_program/f.md": {warnAt(4, "damaged")},
			},
		},
		{
			name: "broken people and campaigns files",
			files: map[string]string{
				"_program/a.md":       chapter("title: A\nuid: a\ncampaignCategoryUid: lipova\n", body),
				"_people/jana.md":     "---\nuid: jana\nname: Jana: Veselá\n---\n",
				"_people/petr.md":     "uid: petr\n",
				"_people/bez-uid.md":  "---\nname: Bez Uid\n---\n",
				"_data/campaigns.yml": "- groupUid: volby\n  title: Volby\n  campaigns:\n    - title: [Lipová\n      categoryUid: lipova\n",
			},
			diags: map[string][]want{
				"_people/jana.md":     {errAt(3, "not valid YAML", "person is left out")},
				"_people/petr.md":     {errAt(1, "no front matter")},
				"_data/campaigns.yml": {errAt(5, "not valid YAML", "uids")},
				"_program/a.md":       {warnAt(4, `programme "lipova" has no title`, `cover reads "Lipova"`, "_data/campaigns.yml", "campaignCategoryUid: lipova and title:")},
			},
		},
		{
			name: "campaigns without categoryUid or listed twice",
			files: map[string]string{
				"_program/a.md": chapter("title: A\nuid: a\ncampaignCategoryUid: lipova\n", body),
				"_data/campaigns.yml": "- groupUid: volby\n  title: Volby\n  campaigns:\n    - title: Lipová\n      categoryUid: lipova\n" +
					"    - title: Bez uid\n    - title: Znovu\n      categoryUid: lipova\n",
			},
			diags: map[string][]want{"_data/campaigns.yml": {warnAt(6, "no categoryUid"), warnAt(7, `"lipova"`, "listed twice")}},
		},
		{
			name: "campaigns file that is not a list",
			files: map[string]string{
				"_program/a.md":       chapter("title: A\nuid: a\n", body),
				"_data/campaigns.yml": "groupUid: volby\ntitle: Volby\n",
			},
			diags: map[string][]want{"_data/campaigns.yml": {errAt(1, "must be a list of groups")}},
		},
		{
			name:  "source that does not exist",
			files: map[string]string{"a.md": chapter("title: A\nuid: a\n", body)},
			opts:  Options{Sources: []string{"a.md", "chybi"}},
			diags: map[string][]want{"chybi": {errAt(0, "cannot open", "check the path")}},
		},
		{
			name:  "folder without chapters",
			files: map[string]string{"prazdna/notes.txt": "x"},
			opts:  Options{Sources: []string{"prazdna"}},
			diags: map[string][]want{"prazdna": {warnAt(0, "no chapters")}},
		},
		{
			name:  "explicit people folder and campaigns file that do not exist",
			files: map[string]string{"a.md": chapter("title: A\nuid: a\n", body)},
			opts:  Options{Sources: []string{"a.md"}, People: "lide", Campaigns: "kampane.yml"},
			diags: map[string][]want{"lide": {errAt(0, "people folder cannot be read")}, "kampane.yml": {errAt(0, "campaigns file cannot be read")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			opts := tt.opts
			if opts.Sources == nil {
				opts.Sources = []string{"."}
			}
			_, dl := inDir(t, dir, opts)
			checkByFile(t, dl, tt.diags)
		})
	}
}

// TestLoadFS loads from an fs.FS, as the embedded samples are.
func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, content := range siteFiles(t) {
		fsys["site/"+name] = &fstest.MapFile{Data: []byte(content)}
	}
	fsys["site/_program/2026/chybi-obrazek.md"] = &fstest.MapFile{Data: []byte(chapter("title: X\nuid: x\ncampaignCategoryUid: lipova-2026\nimg: nic.png\n", body))}
	progs, dl := Load(Options{FS: fsys, Sources: []string{"site"}})
	checkDiags(t, "site/_program/2026/chybi-obrazek.md", dl.Items(), []want{warnAt(5, "nic.png", "not found in site, site/assets/img, site/_program/2026")})
	if len(progs) != 2 {
		t.Fatalf("programmes: %s", summary(progs))
	}
	ch := progs[0].Chapters[1]
	if ch.Source != "site/_program/2026/doprava.md" || ch.Image.Path != "site/assets/img/program/doprava.png" || ch.Image.FS == nil {
		t.Fatalf("chapter %s: source %q, image %+v", ch.UID, ch.Source, ch.Image)
	}
	if data, err := ch.Image.ReadAll(); err != nil || !bytes.HasPrefix(data, []byte("\x89PNG")) {
		t.Errorf("image cannot be read from the FS: %v", err)
	}
	if _, dl := Load(Options{FS: fsys, Sources: []string{"../etc"}}); !dl.HasErrors() {
		t.Error("a path leaving the FS was accepted")
	}
}

// TestLoadAssetsAndRepeats: pictures are found in the asset roots given,
// and a chapter named twice is read once.
func TestLoadAssetsAndRepeats(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"program/a.md":     chapter("title: A\nuid: a\nimg: a.png\n", body),
		"program/b.md":     chapter("title: B\nuid: b\nimg: b.png\n", body+"\n![Mapa](mapa.png)\n"),
		"program/mapa.png": pngBytes(t, 8, 8),
		"obrazky/a.png":    pngBytes(t, 8, 8),
		"jine/b.png":       pngBytes(t, 8, 8),
	})
	progs, dl := inDir(t, dir, Options{Sources: []string{"program", "program/a.md", "./program/"}, Assets: []string{"obrazky", "jine"}})
	checkDiags(t, "", dl.Items(), nil)
	if got := summary(progs); got != "program(program,,cs): a b" {
		t.Fatalf("programmes: %s", got)
	}
	a, b := progs[0].Chapters[0], progs[0].Chapters[1]
	if a.Image.Path != "obrazky/a.png" || b.Image.Path != "jine/b.png" {
		t.Errorf("pictures: %+v, %+v", a.Image, b.Image)
	}
	var body *doc.ImageBlock
	doc.WalkBlocks(b.Blocks, func(bl doc.Block) bool {
		if ib, ok := bl.(*doc.ImageBlock); ok {
			body = ib
		}
		return true
	})
	if body == nil || body.Path != "program/mapa.png" {
		t.Errorf("picture in the text: %+v", body)
	}
}

// TestLoadDeterministic: parallel parsing gives the same result every time.
func TestLoadDeterministic(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, generateSite(t, 60))
	var first []byte
	for _, procs := range []int{1, 2, 4, 1, 4} {
		prev := runtime.GOMAXPROCS(procs)
		progs, dl := Load(Options{Sources: []string{dir}})
		runtime.GOMAXPROCS(prev)
		if len(progs) != 1 || len(progs[0].Chapters) != 60 || dl.Len() != 0 {
			t.Fatalf("programmes %s, diagnostics:\n%s", summary(progs), listDiags(dl.Items()))
		}
		out, err := json.Marshal(struct {
			P []*doc.Programme
			D []diag.Diagnostic
		}{progs, dl.Items()})
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = out
		} else if !bytes.Equal(first, out) {
			t.Fatalf("GOMAXPROCS=%d gives a different result", procs)
		}
	}
}

// TestLoadSeed loads the real chapter through Load.
func TestLoadSeed(t *testing.T) {
	progs, dl := Load(Options{Sources: []string{"testdata/bezpecnost.md"}})
	checkDiags(t, "testdata/bezpecnost.md", dl.Items(), []want{
		warnAt(7, `"david.bodecek"`, "no people folder"),
		warnAt(9, "program/program2022-nahledy/bezpecnost.png", "not found"),
	})
	if got := summary(progs); got != "2022-komunalni(2022 komunalni,Volby 2022,cs): bezpecnost" {
		t.Errorf("programmes: %s", got)
	}
}

// lockedFS is a file system whose files named "locked*" cannot be read.
type lockedFS struct{ fstest.MapFS }

func (l lockedFS) Open(name string) (fs.File, error) {
	if strings.HasPrefix(path.Base(name), "locked") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return l.MapFS.Open(name)
}

func (l lockedFS) ReadFile(name string) ([]byte, error) {
	if strings.HasPrefix(path.Base(name), "locked") {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return l.MapFS.ReadFile(name)
}

func TestLoadUnreadable(t *testing.T) {
	fsys := lockedFS{fstest.MapFS{
		"program/a.md":       {Data: []byte(chapter("title: A\nuid: a\nimg: locked.png\n", body))},
		"program/locked.md":  {Data: []byte(chapter("title: B\nuid: b\n", body))},
		"program/locked.png": {Data: []byte(pngBytes(t, 4, 4))},
	}}
	progs, dl := Load(Options{FS: fsys, Sources: []string{"program"}})
	if got := summary(progs); got != "program(program,,cs): a" {
		t.Errorf("programmes: %s", got)
	}
	checkByFile(t, dl, map[string][]want{
		"program/a.md":      {warnAt(4, "locked.png", "cannot be read", "permission", "check the file's permissions")},
		"program/locked.md": {errAt(0, "cannot be read", "permission", "left out")},
	})
	if im := progs[0].Chapters[0].Image; im.Path != "" || !strings.Contains(im.Missing, "cannot be read") {
		t.Errorf("image = %+v", im)
	}
}
